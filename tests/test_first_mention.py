"""Mention labels under the first-mention policy, the default of both mention rules: one result
per entity and rule, decided by its first mention outside headlines; a label counts only for
the mention it attaches to; `label-once: mention` in a newsroom's configuration reports every
mention. Everything is seen through `checker check`, as a user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

FA = "ru.foreign-agent.mention-status"
BANNED = "ru.banned-org.mention-label"
CONTEXT = ("--jurisdiction", "RU", "--as-of", "2026-11-27")


@pytest.fixture
def article(tmp_path, monkeypatch):
    """Write an article (and optionally configuration files) in an empty working directory."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "article.txt") -> str:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


@pytest.fixture
def check(cli):
    """`checker check` on one file: (exit code, the mention results as the JSON report has them)."""

    def run(path: str, *options: str, rules: tuple[str, ...] = (FA, BANNED)):
        result = cli("check", *CONTEXT, "--format", "json", *options, path)
        assert result.exit_code in (0, 1), result.stdout
        [document] = result.json["documents"]
        found = [r for r in document["notices"] if r["rule"] in rules]
        return result.exit_code, found

    return run


def seen(found) -> list[tuple[str, str, str, int]]:
    return [(r["rule"], r["text"], r["status"], r["location"]["line"]) for r in found]


# ------------------------------------------------------------------------------------------
# One result per entity, decided by the first mention outside headlines


def test_a_labelled_first_mention_is_one_present_result_and_later_mentions_need_nothing(article, check):
    path = article(
        "Галкин собрал зал в Риге\n\n"
        "Концерт Максима Галкина (признан иностранным агентом) прошел в Риге.\n\n"
        "Зрители аплодировали Максиму Галкину. После концерта Галкин уехал.\n"
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Максима Галкина", "present", 3)]
    assert found[0]["location"]["column"] == 9
    assert found[0]["message"] == '"Максима Галкина" is marked as a foreign agent.'
    assert code == 0


def test_a_name_with_soft_hyphens_from_a_typographer_is_quoted_as_readers_see_it(article, check):
    # Typographers' output: &shy; in long words, &nbsp; after a first name; the column still
    # counts the source's characters, so that an editor lands on the name.
    path = article(
        "<html><body><h1>Арбитраж</h1>"
        "<p>Бывший владелец ЮКОСа Михаил&nbsp;Ходор&shy;ков&shy;ский выиграл спор.</p></body></html>",
        "article.html",
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Михаил\u00a0Ходорковский", "missing", 1)]
    assert found[0]["message"].startswith('"Михаил\u00a0Ходорковский" (Ходорковский Михаил Борисович) is on the')
    assert code == 1


def test_a_label_the_page_hides_at_the_mention_is_malformed_not_missing(article, check):
    # The CMS prints the label and the template hides it: the reader sees none, and the editor
    # is told where the hidden one is.
    path = article(
        "<html><body><h1>Курс о Пастернаке</h1>\n"
        '<p>Писатель Дмитрий Быков<span style="display:none"> (признан иностранным агентом)</span> '
        "анонсировал курс.</p>\n<p>Быков рассказал о программе.</p></body></html>",
        "article.html",
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Дмитрий Быков", "malformed", 2)]
    assert "hidden from readers" in found[0]["message"]
    assert code == 1


def test_a_latin_letter_typed_in_a_cyrillic_name_is_read_as_the_name(article, check):
    # «Мaкаревич» with a Latin a (a keyboard layout that slipped); quoted as the page has it.
    path = article("Андрей Мaкаревич выпустил новый альбом.\n\nМакаревич рассказал о нём в интервью.\n")
    code, found = check(path)
    assert seen(found) == [(FA, "Андрей Мaкаревич", "missing", 1)]
    assert code == 1


def test_an_unlabelled_headline_does_not_matter(article, check):
    path = article("Максим Галкин вернулся на сцену\n\nМаксим Галкин (иноагент) выступил в Риге.\n")
    code, found = check(path)
    assert seen(found) == [(FA, "Максим Галкин", "present", 3)]
    assert code == 0


def test_a_label_only_at_a_later_mention_is_malformed_at_the_first(article, check, cli):
    path = article(
        "Интервью года\n\n"
        "Юрий Дудь выпустил новое интервью.\n\n"
        "Юрий Дудь (признан иностранным агентом) записывал его два дня.\n"
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Юрий Дудь", "malformed", 3)]
    message = found[0]["message"]
    assert message.startswith('"Юрий Дудь" (Дудь Юрий Александрович) is on the foreign-agents registry but its first')
    assert "another mention (line 5) has one, but the indication belongs at the first mention" in message
    assert code == 1
    text = cli("check", *CONTEXT, "--quiet", path)
    assert "article.txt:3:1  MALFORMED error   ru.foreign-agent.mention-status" in text.stdout


def test_two_people_of_one_name_told_apart_by_what_they_are_the_labelled_one_is_the_designated(article, check):
    path = article(
        "Премия имени поэта\n\n"
        "Премию учредили в честь уроженца края, поэта Ивана Жданова.\n\n"
        "Организаторов спрашивают, не связана ли премия с политиком и директором фонда Иваном Ждановым "
        "(признан иноагентом).\n"
    )
    code, found = check(path, "--as-of", "2026-12-01")
    assert seen(found) == [(FA, "Иваном Ждановым", "present", 5)]
    assert code == 0
    # without a noun of what each is, the page names one person, labelled late
    path = article(
        "Интервью\n\nИван Жданов выступил в Барнауле.\n\nИван Жданов (признан иноагентом) ответил на вопросы.\n"
    )
    assert seen(check(path, "--as-of", "2026-12-01")[1]) == [(FA, "Иван Жданов", "malformed", 3)]


def test_a_namesake_set_apart_by_role_leaves_a_journalist_of_the_same_name_his_own(article, check):
    path = article(
        "Письма не по адресу\n\n"
        "Тренер детской хоккейной школы «Лада» Алексей Ковалев получает гневные сообщения. "
        "Их авторы пишут журналисту Алексею Ковалеву, редактору отдела расследований.\n"
    )
    assert seen(check(path, "--as-of", "2026-12-01")[1]) == [(FA, "Алексею Ковалеву", "missing", 3)]


def test_no_label_anywhere_is_one_missing_result_at_the_first_mention_counting_the_others(article, check):
    path = article(
        "Новости недели\n\n"
        "Расследование Фонда борьбы с коррупцией вышло утром.\n\n"
        "Сотрудники ФБК не ответили. Юристы ФБК готовят иск.\n"
    )
    code, found = check(path)
    assert seen(found) == [(BANNED, "Фонда борьбы с коррупцией", "missing", 3)]
    assert found[0]["message"].endswith("carries no banned or liquidated indication; nor do its 2 other mentions")
    assert code == 1


def test_an_entity_named_only_in_the_headline_is_missing_at_the_headline(article, check):
    path = article("Максим Галкин вернулся на сцену\n\nКонцерт прошел в Риге при полном зале.\n")
    code, found = check(path)
    assert seen(found) == [(FA, "Максим Галкин", "missing", 1)]
    assert found[0]["message"].endswith("; it is named only in the headline")
    assert code == 1


def test_a_clause_in_a_headline_labels_an_entity_named_only_there(article, check):
    path = article("Концерты отменили после признания Максима Галкина иноагентом\n\nБилеты вернут.\n")
    code, found = check(path)
    assert seen(found) == [(FA, "Максима Галкина", "present", 1)]
    assert code == 0


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("Юрий Дудь, признанный иноагентом, выпустил интервью", "Юрий Дудь"),
        ("Yury Dud, who was declared a foreign agent, releases new interview", "Yury Dud"),
        ("Минюст внес Юрия Дудя в реестр иноагентов", "Юрия Дудя"),
        ("После признания ФБК экстремистским сторонников начали штрафовать", "ФБК"),
    ],
)
def test_a_designation_stated_in_a_headline_labels_an_entity_named_only_there(article, check, headline, name):
    code, found = check(article(f"{headline}\n\nПодробности позже.\n"))
    assert [(r["text"], r["status"], r["location"]["line"]) for r in found] == [(name, "present", 1)]
    assert code == 0


def test_subheadings_need_no_label(article, check):
    path = article(
        "# Итоги недели\n\n## Юрий Дудь\n\nЮрий Дудь (признан иностранным агентом) выпустил интервью.\n",
        "article.md",
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Юрий Дудь", "present", 5)]
    assert code == 0


def test_page_furniture_comes_after_the_article_text(article, check):
    path = article(
        "<nav><a href='/dud'>Юрий Дудь: новое интервью</a></nav>"
        "<article><h1>Итоги недели</h1><p>Юрий Дудь (признан иностранным агентом) выпустил интервью.</p></article>"
        "<aside><p>Читайте также: Юрий Дудь о цензуре</p></aside>",
        "article.html",
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Юрий Дудь", "present")]
    assert found[0]["location"]["column"] == 89
    assert code == 0


def test_the_publishers_own_name_in_its_page_furniture_is_its_masthead_not_a_mention(article, check):
    page = (
        "<header><a href='https://verstka.media/'>Вёрстка</a></header><article><h1>Отсрочка</h1>"
        "<p>ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ "
        "ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА.</p><p>Мы поговорили со студентами.</p>"
        "</article><footer><p>© Вёрстка, 2022–2026</p></footer>"
    )
    path = article(page, "article.html")
    assert check(path, "--publisher", "Вёрстка")[1] == []
    # on a page of no stated publisher the name in the footer is a mention (for review here)
    assert [r["status"] for r in check(path)[1]] == ["review"]


def test_a_label_in_a_read_also_link_is_that_articles_not_this_ones(article, check):
    path = article(
        "<article><h1>Дудь выпустил интервью</h1><p>Юрий Дудь опубликовал интервью.</p></article>"
        "<section class='related-posts'><h2>Читайте также</h2><ul><li><a href='/dud-riga'>"
        "Юрий Дудь (признан иноагентом) собрал зал в Риге</a></li></ul></section>",
        "article.html",
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Юрий Дудь", "missing")]
    assert "only a link to another article (line 1) has one, and it is that article's" in found[0]["message"]
    assert code == 1


def test_one_body_on_two_lists_named_by_its_kind_and_quoted_name_takes_both_labels(article, check):
    # «Движение «Весна»» on the foreign-agents register, «Весна» in quotes on the extremist list
    path = article(
        "Суд в Петербурге\n\nСтудента обвиняют в участии в деятельности движения «Весна» (признано "
        "экстремистским и запрещено в России, а также внесено в реестр иностранных агентов).\n"
    )
    code, found = check(path)
    assert sorted(seen(found)) == [(BANNED, "Весна", "present", 3), (FA, "движения «Весна»", "present", 3)]
    assert code == 0
    path = article("Суд в Омске\n\nЖительницу оштрафовали за репост движения «Весна» (признано экстремистским).\n")
    code, found = check(path)
    assert sorted(seen(found)) == [(BANNED, "Весна", "present", 3), (FA, "движения «Весна»", "missing", 3)]
    assert code == 1


def test_each_rule_gives_its_own_result_for_an_entity_on_both(article, check):
    path = article(
        "Итоги года\n\n"
        "По данным «ОВД-Инфо» (внесен в реестр иностранных агентов), задержаны сто человек.\n\n"
        "В «ОВД-Инфо» подтвердили эти цифры.\n"
    )
    code, found = check(path)
    assert sorted(seen(found)) == [(BANNED, "ОВД-Инфо", "missing", 3), (FA, "ОВД-Инфо", "present", 3)]
    assert code == 1


def test_a_surname_alone_before_the_full_name_is_the_first_mention_once_the_full_name_settles_it(article, check):
    path = article(
        "Интервью года\n\n"
        "Дудь выпустил новое интервью. Юрий Дудь (признан иностранным агентом) записывал его два дня.\n"
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Дудь", "malformed", 3)]
    assert code == 1


def test_a_name_that_is_only_uncertain_stays_one_review(article, check):
    path = article("Расследование о вербовке\n\nЖурналисты Холода выяснили, как вербуют. Холода боятся все.\n")
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Холода", "review")]
    assert code == 0


# ------------------------------------------------------------------------------------------
# Ways a first mention carries the indication


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # a footnote marker whose footnote carries the label
        ("Екатерина Шульман* выступила с лекцией.\n\n* Признана иностранным агентом.", ["Екатерина Шульман"]),
        # a clause in the same sentence, in Russian and in English
        ("Суд оштрафовал Максима Галкина, признанного иностранным агентом, на 30 тысяч.", ["Максима Галкина"]),
        ("Maxim Galkin, who was declared a foreign agent in 2022, performed in Riga.", ["Maxim Galkin"]),
        ("The Anti-Corruption Foundation, designated extremist by a Moscow court, published a video.",
         ["Anti-Corruption Foundation"]),
        ("Максим Галкин, которого Минюст в сентябре 2022 года внес в реестр иностранных агентов, выступил.",
         ["Максим Галкин"]),
        # a label before the name
        ("Признанный иноагентом Максим Галкин выступил в Риге.", ["Максим Галкин"]),
        # a plural label covering several names
        ("Дмитрий Быков и Юрий Дудь признаны иностранными агентами.", ["Дмитрий Быков", "Юрий Дудь"]),
        # a sentence that reports the designation of the names it lists
        ("Минюст включил в реестр иноагентов журналистов Дмитрия Быкова и Юрия Дудя.",
         ["Дмитрия Быкова", "Юрия Дудя"]),
        ("Минюст внес в реестр иностранных агентов Дмитрия Быкова, Юрия Дудя и Максима Галкина.",
         ["Дмитрия Быкова", "Юрия Дудя", "Максима Галкина"]),
    ],
)
def test_indications_at_the_first_mention(article, check, body, names):
    code, found = check(article(f"Новости\n\n{body}\n"))
    assert [(r["text"], r["status"]) for r in found] == [(name, "present") for name in names]
    assert code == 0


def test_html_superscript_footnote_markers(article, check):
    path = article(
        "<article><h1>Медиа раскрыли аудиторию</h1>"
        "<p>Издания «Медуза»<sup>1</sup> и «Холод»<sup>2</sup> опубликовали данные.</p>"
        "<div class='footnotes'><p><sup>1</sup> Внесена Минюстом в реестр иностранных агентов.</p>"
        "<p><sup>2</sup> Признан иностранным агентом.</p></div></article>",
        "article.html",
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Медуза", "present"), ("Холод", "present")]
    assert code == 0


TABLE_ROWS = "<tr><td>Георгий Биргер</td><td>{}</td></tr><tr><td>Елена Фанайлова</td><td>{}</td></tr>"


@pytest.mark.parametrize(
    ("before", "caption", "notes", "expected"),
    [
        # a caption, or the sentence before the table saying it lists them, labels every row
        ("", "Внесены в реестр иностранных агентов 15 мая", ("психолог", "поэт"), "present"),
        ("<p>Мы собрали в таблицу тех, кого Минюст внес в реестр иноагентов.</p>", "", ("психолог", "поэт"),
         "present"),
        # a cell of the row
        ("", "", ("признан иноагентом", "признана иноагентом"), "present"),
        # a label before the table that does not speak of it: the publisher's own
        ("<p>ДАННОЕ СООБЩЕНИЕ СОЗДАНО ИНОСТРАННЫМ АГЕНТОМ.</p>", "", ("психолог", "поэт"), "missing"),
    ],
)
def test_a_table_labelled_by_its_caption_its_introduction_or_a_cell_of_the_row(
    article, check, before, caption, notes, expected
):
    table = f"<table><caption>{caption}</caption>{TABLE_ROWS.format(*notes)}</table>" if caption else (
        f"<table>{TABLE_ROWS.format(*notes)}</table>"
    )
    path = article(f"<article><h1>Реестр</h1>{before}{table}</article>", "article.html")
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Георгий Биргер", expected), ("Елена Фанайлова", expected)]


def test_a_list_that_the_sentence_before_it_says_are_designated(article, check):
    path = article(
        "<article><h1>Who is on the register</h1><p>The Justice Ministry designated the following well-known "
        "Russians as foreign agents. The list gives the date of each decision.</p><ul><li>Garry Kasparov, "
        "May 2022</li><li>Maxim Galkin, September 2022</li></ul></article>",
        "article.html",
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Garry Kasparov", "present"), ("Maxim Galkin", "present")]
    assert code == 0


def test_names_one_a_line_are_each_their_own(article, check):
    # Signatories one a line: «Бутман» on the line before is no surname of «Земфира».
    path = article(
        "Письмо музыкантов\n\nСреди подписавших:\nИгорь Бутман\nЗемфира*\nАлексей Козлов\n\n"
        "* Признана в РФ иностранным агентом.\n"
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Земфира", "present")]
    assert code == 0


@pytest.mark.parametrize(
    "body",
    [
        "Dmitry Muratov, 17, goalkeeper of the Yunost under-18 team, kept a clean sheet.",
        "На фестивале выступит Максим Кац, шеф-повар ресторана «Печь».",
    ],
)
def test_a_trade_in_apposition_after_an_age_or_in_a_compound_names_a_namesake(article, check, body):
    code, found = check(article(f"Новости\n\n{body}\n"))
    assert found == []
    assert code == 0


def test_footnotes_on_consecutive_lines_of_a_text_file_are_each_their_own(article, check):
    # a text file's lines join into one block: «* ... в РФ ** Признана иноагентом»
    path = article(
        "Новости\n\nРасследование ФБК* прокомментировала Мария Певчих**, назвав критику пустой.\n\n"
        "* ФБК признан экстремистской организацией и запрещен в РФ\n** Признана иностранным агентом\n"
    )
    code, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("ФБК", "present"), ("Мария Певчих", "present")]
    assert code == 0


# ------------------------------------------------------------------------------------------
# A label counts only for the mention it attaches to


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a singular label belongs to its own name
        ("Дмитрий Быков (признан иноагентом) и Юрий Дудь выступили вместе.",
         [("Дмитрий Быков", "present"), ("Юрий Дудь", "missing")]),
        ("Юрий Дудь (признан иноагентом), Дмитрий Быков и Максим Галкин выступили.",
         [("Юрий Дудь", "present"), ("Дмитрий Быков", "missing"), ("Максим Галкин", "missing")]),
        # a label across a clause break speaks of something else
        ("Юрий Дудь выступил в Риге, а закон об иностранных агентах ужесточили.", [("Юрий Дудь", "missing")]),
        ("В ФБК заявили, что митинг запрещен властями.", [("ФБК", "missing")]),
        ("Сторонники ФБК вышли на улицы, хотя акция была запрещена.", [("ФБК", "missing")]),
        ("Maxim Galkin performed in Riga, although the foreign agent law was tightened.",
         [("Maxim Galkin", "missing")]),
        ("Юрий Дудь выступил в Риге, где власти признали иноагентами многих журналистов.", [("Юрий Дудь", "missing")]),
        # a label in another sentence of the paragraph
        ("Юрий Дудь выступил в Риге. Закон об иностранных агентах ужесточили.", [("Юрий Дудь", "missing")]),
        # a label for the name after it, not for the one before
        ("Юрий Дудь выступил в Риге, сказал Дмитрий Быков, признанный иноагентом.",
         [("Юрий Дудь", "missing"), ("Дмитрий Быков", "present")]),
        # a footnote marker after another word is not the name's
        ("Юрий Дудь выступил в Риге*.\n\n* Признан иноагентом.", [("Юрий Дудь", "missing")]),
    ],
)
def test_a_label_elsewhere_does_not_label_the_mention(article, check, body, expected):
    code, found = check(article(f"Новости\n\n{body}\n"))
    assert [(r["text"], r["status"]) for r in found] == expected
    assert code == 1


# ------------------------------------------------------------------------------------------
# The strict house policy, set in the configuration


ARTICLE = (
    "Галкин вернулся на сцену\n\n"
    "Концерт Максима Галкина (признан иностранным агентом) прошел в Риге.\n\n"
    "Зрители аплодировали Максиму Галкину.\n"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pyproject.toml", '[project]\nname = "site"\n\n[tool.checker]\nlabel-once = "mention"\n'),
        ("checker.yaml", "label-once: mention\n"),
    ],
)
def test_label_once_mention_in_the_configuration_reports_every_mention(article, check, cli, name, content):
    path = article(ARTICLE)
    code, found = check(path)
    assert seen(found) == [(FA, "Максима Галкина", "present", 3)]
    assert code == 0
    article(content, name)
    code, found = check(path)
    assert seen(found) == [
        (FA, "Галкин", "missing", 1),  # a headline names the person by surname alone
        (FA, "Максима Галкина", "present", 3),
        (FA, "Максиму Галкину", "missing", 5),
    ]
    assert found[2]["message"] == (
        '"Максиму Галкину" (Галкин Максим Александрович) is on the foreign-agents registry but carries no'
        " status indication"
    )
    assert code == 1
    shown = cli("config")
    assert "label-once: mention" in shown.stdout


def test_label_once_mention_reports_headlines_too(article, check):
    path = article("Максим Галкин вернулся\n\nМаксим Галкин (иноагент) выступил.\n")
    article("label-once: mention\n", "checker.yaml")
    code, found = check(path)
    assert seen(found) == [(FA, "Максим Галкин", "missing", 1), (FA, "Максим Галкин", "present", 3)]
    assert code == 1


def test_label_once_paragraph_and_article_still_work(article, check):
    path = article(ARTICLE)
    article("label-once: article\n", "checker.yaml")
    _, found = check(path)
    # The headline's «Галкин» is the person (a headline names people by surname), unlabelled.
    assert [r["status"] for r in found] == ["missing", "present", "present"]
    article("label-once: paragraph\n", "checker.yaml")
    _, found = check(path)
    assert [r["status"] for r in found] == ["missing", "present", "missing"]


def test_a_rule_that_sets_its_own_policy_keeps_it(article, check):
    path = article(ARTICLE)
    article(
        "id: house.agents\ntitle: Agents labelled once\njurisdiction: RU\npurpose: house\nseverity: warning\n"
        "law: [{title: House style guide}]\n"
        "check:\n  kind: mention-label\n  lists: [ru.foreign-agents]\n  label_once: first-mention\n"
        "  labels: {phrases: [иноагент*, иностранн* агент*]}\n",
        "house.yaml",
    )
    article("label-once: mention\nrules: [house.yaml]\n", "checker.yaml")
    _, house = check(path, rules=("house.agents",))
    assert [(r["text"], r["status"]) for r in house] == [("Максима Галкина", "present")]
    _, bundled = check(path)
    assert [r["status"] for r in bundled] == ["missing", "present", "missing"]


def test_the_starter_configuration_explains_the_policy(article, cli):
    cli("init")
    starter = cli("config")
    assert "label-once: null" in starter.stdout  # the rules' own default, first-mention
    lines = Path("checker.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("# label-once: mention"))
    assert "first-mention" in " ".join(lines[at - 3 : at])


def test_a_misspelt_policy_in_the_configuration_is_a_usage_error(article, cli):
    path = article(ARTICLE)
    article("label-once: mentions\n", "checker.yaml")
    run = cli("check", *CONTEXT, path)
    assert run.exit_code == 2
    assert "label-once: 'mentions' is not one of first-mention, mention, paragraph, article" in run.stderr
    assert "did you mean 'mention'?" in run.stderr


# ------------------------------------------------------------------------------------------
# The policies explained


def test_rules_show_states_the_policy_and_why(article, cli):
    shown = cli("rules", "show", FA).stdout
    flat = " ".join(shown.split())
    assert "The first mention of an active entry of" in flat
    assert "at or near the first mention, or in a footnote" in flat
    assert "label-once: mention" in flat
    article("label-once: mention\n", "checker.yaml")
    strict = " ".join(cli("rules", "show", FA).stdout.split())
    assert "Every mention of an active entry of" in strict
    assert "a house policy stricter than the law" in strict


def test_rules_docs_state_both_policies(article, cli, tmp_path):
    run = cli("rules", "docs", "-o", "catalogue.md")
    assert run.exit_code == 0
    catalogue = " ".join((tmp_path / "catalogue.md").read_text(encoding="utf-8").split())
    assert "at or near the first mention, or in a footnote" in catalogue
    assert "label-once: mention" in catalogue


def test_a_surname_alone_shared_by_several_named_people_is_none_of_them(article, check):
    path = article(
        "Конференция\n\n"
        "Выступили сразу три человека по фамилии Гудков.\n\n"
        "Первым выступил социолог Лев Гудков*. Политик Дмитрий Гудков* говорил о выборах.\n\n"
        "* Признан Минюстом РФ иностранным агентом.\n"
    )
    _, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Лев Гудков", "present"), ("Дмитрий Гудков", "present")]


def test_a_label_says_a_person_after_a_namesake_role_is_the_designated_one(article, check):
    path = article(
        "Сеанс в Загребе\n\n"
        "Тринадцатый чемпион мира Гарри Каспаров (внесен Минюстом РФ в реестр иностранных агентов) "
        "провел сеанс. Соперниками Каспарова были школьники.\n"
    )
    _, found = check(path)
    assert [(r["text"], r["status"]) for r in found] == [("Гарри Каспаров", "present")]
    path = article("Турнир\n\nФигуристка Екатерина Гордеева вошла в штаб сборной.\n", "skater.txt")
    assert check(path)[1] == []


# ------------------------------------------------------------------------------------------
# Where a label is, as posts, exports and static sites write it


def test_a_front_matter_description_is_the_standfirst_readers_see_first(article, check):
    body = "\n\n# Лекция о Пастернаке\n\nДмитрий Быков (признан иностранным агентом) прочел лекцию в Праге.\n"
    unlabelled = article("---\ntitle: Лекция\ndescription: Дмитрий Быков рассказал о Пастернаке\n---" + body, "a.md")
    code, found = check(unlabelled)
    assert seen(found) == [(FA, "Дмитрий Быков", "malformed", 3)]
    assert found[0]["location"]["column"] == 14
    assert code == 1
    labelled = article(
        "---\ntitle: Лекция\ndescription: >-\n  Noize MC (признан иностранным агентом) выпустил альбом\n---\n\n"
        "Noize MC записал альбом в Вильнюсе.\n",
        "b.md",
    )
    code, found = check(labelled)
    assert seen(found) == [(FA, "Noize MC", "present", 4)]
    assert code == 0


def test_a_hashtag_is_neither_a_label_nor_a_common_word_name(article, check):
    path = article(
        "Концерт в Вильнюсе\n\nВчера прошел концерт Монеточки в Вильнюсе.\n\n"
        "#Монеточка #иноагенты #концерты\n\nНаши в шоу «Голос. Дети»! #Голос #ГолосДети\n"
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Монеточки", "missing", 3)]  # and nothing for the movement «Голос»
    assert code == 1


def test_a_footnote_after_a_rule_of_dashes_labels_the_name_that_points_to_it(article, check):
    path = article(
        "Рынок вина\n\nОдним из игроков был бизнесмен Евгений Чичваркин1, совладелец магазина.\n\n"
        "–––\n1 Евгений Чичваркин внесен Минюстом в реестр иностранных агентов.\n"
    )
    code, found = check(path)
    assert seen(found) == [(FA, "Евгений Чичваркин", "present", 3)]
    assert code == 0


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Позднее Земфиру, как и Макаревича, внесли в реестр иноагентов.", "malformed"),
        ("Позднее Земфира уехала, а Макаревича внесли в реестр иноагентов.", "missing"),
    ],
)
def test_a_label_after_a_compared_name_speaks_of_both(article, check, sentence, status):
    path = article(
        "Некролог\n\nСоболезнования опубликовал признанный иностранным агентом Андрей Макаревич.\n\n"
        f"С ним работала и Земфира. {sentence}\n"
    )
    _, found = check(path)
    assert (FA, "Земфира", status, 5) in seen(found)


def test_a_name_that_is_a_common_title_counts_only_where_the_page_says_which_body_it_is(article, check):
    show = article("Телевидение\n\nВ субботу на Первом канале снова «Голос»: наставники те же.\n", "show.txt")
    assert check(show) == (0, [])
    movement = article(
        "Выборы\n\nПо данным «Голоса», нарушений стало больше.\n\n"
        "Движение «Голос» (внесено в реестр иностранных агентов) опубликовало карту нарушений.\n",
        "movement.txt",
    )
    code, found = check(movement)
    assert seen(found) == [(FA, "Голоса", "malformed", 3)]
    assert code == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "a.md",
            "# Эфир\n\nЕго слушают через Радио Свобода[1] и «Голос Америки»[2].\n\n---\n\n"
            "1. Радио Свобода признано в России иностранным агентом.\n"
            "2. «Голос Америки» признан иностранным агентом.\n",
        ),
        (
            "a.html",
            "<h1>Эфир</h1>\n\n<p>Его слушают через Радио Свобода[1] и «Голос Америки»[2].</p>\n"
            "<ol><li>Радио Свобода признано в России иностранным агентом.</li>"
            "<li>«Голос Америки» признан иностранным агентом.</li></ol>\n",
        ),
    ],
)
def test_end_notes_written_as_a_numbered_list_label_the_names_that_point_to_them(article, check, name, text):
    code, found = check(article(text, name))
    expected = [("Радио Свобода", "present", 3), ("Голос Америки", "present", 3)]
    assert [(r[1], r[2], r[3]) for r in seen(found)] == expected
    assert code == 0
