"""Notices as units (issue 10, section 1): what a newsroom sees for warnings and statements that
stand together in one notice unit, for news text and quotes about a designation, and for
placement counted from the article rather than the page."""

from __future__ import annotations

import pytest

from checker import lexicon

RFERL = ("--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27")
BELSAT = ("--publisher", "Belsat", "--region", "BY", "--as-of", "2026-11-27")
RT = ("--publisher", "RT America", "--jurisdiction", "US", "--as-of", "2021-06-01")  # registered until 30 Sep 2022
PIVOVAROV = ("--publisher", "Алексей Пивоваров", "--jurisdiction", "RU", "--as-of", "2026-11-27")

# The article of the issue: every element of a warning is there, spread over the headline and
# news paragraphs that report on designations.
SCATTERED = """\
<html><body><article>
<h1>Prosecutors target reposts</h1>
<p>On Monday the Prosecutor General's Office declared another outlet an undesirable organization.</p>
<p>Lawyers and activists in Russia say the authorities are now going after ordinary readers.</p>
<p>Several people were detained for sharing old posts on social networks.</p>
<p>They face fines of up to 15,000 roubles, and repeat offenders face prison.</p>
</article></body></html>
"""

FOOTER_WITHOUT_CONSEQUENCE = """\
<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Talks in Moscow</h1><p>The talks lasted three hours.</p>
<footer>
  <div class="disclaimer"><p>RFE/RL has been declared an "undesirable organization" in Russia.
  If you are in Russia, please do not share or like our content.</p></div>
</footer></article></body></html>
"""


def check(cli, tmp_path, name: str, content: str, *context: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run = cli("check", "--format", "json", "--quiet", *context, str(path))
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    return run


def notice(run, rule: str) -> dict:
    [found] = [n for n in run.json["documents"][0]["notices"] if n["rule"] == rule]
    return found


def test_the_scattered_article_is_missing_its_warning_and_fails(cli, tmp_path):
    run = check(cli, tmp_path, "scattered.html", SCATTERED, *RFERL)
    found = notice(run, "ru.undesirable.reader-warning")
    assert found["status"] == "missing"
    assert found["message"].startswith("No reader warning")
    assert run.exit_code == 1


def test_a_footer_disclaimer_lacking_its_consequence_is_malformed_at_the_disclaimer(cli, tmp_path):
    run = check(cli, tmp_path, "footer.html", FOOTER_WITHOUT_CONSEQUENCE, *RFERL)
    found = notice(run, "ru.undesirable.reader-warning")
    assert found["status"] == "malformed"
    assert "lacks consequence" in found["message"]
    assert found["text"].startswith("RFE/RL has been declared")
    assert found["location"] == {"line": 4, "column": 30}  # the disclaimer's first word
    assert run.exit_code == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("headline.html", '<h1>If you are in Russia, sharing an "undesirable organization" can cost you a fine</h1>'
                          "<p>The story follows.</p>"),
        ("news-en.txt", "Crackdown widens\n\nProsecutors declared another outlet an undesirable organization; "
                        "readers in Russia who share its posts face fines, lawyers said.\n"),
        ("news-ru.txt", "Генпрокуратура расширила список\n\nГенпрокуратура признала нежелательной организацией ещё "
                        "одно издание. Как сообщили юристы, гражданам России за репост его материалов грозит штраф.\n"),
        ("quote-ru.txt", "Прокуратура предупредила читателей\n\n«Если вы находитесь в России и делаете репост "
                         "материалов нежелательной организации, вам грозит штраф», — заявил прокурор.\n"),
        ("interview.txt", "Что грозит читателям\n\nМы поговорили с юристом.\n\n— Если вы находитесь в России, за "
                          "репост материалов нежелательной организации вам грозит штраф.\n"),
        ("teasers.html", "<article><h1>Talks</h1><p>Story.</p></article><aside><ul><li><a href=\"/a\">Court in Russia "
                         "fines a man for sharing a post</a></li><li><a href=\"/b\">Another outlet declared an "
                         "undesirable organization</a></li></ul></aside>"),
        ("quote.html", "<h1>A warning from the prosecutor</h1><p>He spoke on Tuesday.</p><blockquote><p>\"If you are "
                       "in Russia and share the content of an undesirable organization, you face fines and prison,\" "
                       "the prosecutor said.</p></blockquote>"),
    ],
)
def test_headlines_news_and_quotes_are_neither_present_nor_malformed(cli, tmp_path, name, content):
    run = check(cli, tmp_path, name, content, *RFERL)
    assert notice(run, "ru.undesirable.reader-warning")["status"] == "missing"
    assert run.exit_code == 1


@pytest.mark.parametrize(
    "text",
    [
        # Belarusian, as Radio Svaboda writes it
        "Радыё Свабода прызнанае ў Расіі «нежаданай арганізацыяй». Калі вы знаходзіцеся ў Расіі, за рэпост, "
        "лайк, каментар або захаванне нашых матэрыялаў вам пагражае штраф або пазбаўленне волі.",
        # Ukrainian
        "Радіо Свобода визнане в Росії «небажаною організацією». Якщо ви перебуваєте в Росії, за репост, лайк, "
        "коментар або збереження наших матеріалів вам загрожує штраф або позбавлення волі.",
        # Russian
        "Радио Свобода признано в России «нежелательной организацией». Если вы находитесь в России, за репост, "
        "лайк, комментарий или сохранение наших материалов вам грозит штраф или лишение свободы.",
    ],
)
def test_reader_warnings_in_belarusian_ukrainian_and_russian_are_present(cli, tmp_path, text):
    run = check(cli, tmp_path, "warning.txt", f"Тэма\n\nТэкст.\n\n{text}\n", *RFERL)
    found = notice(run, "ru.undesirable.reader-warning")
    assert found["status"] == "present"
    assert found["location"] == {"line": 5, "column": 1}
    assert run.exit_code == 0


def test_a_belarusian_warning_for_readers_in_belarus_is_present(cli, tmp_path):
    text = (
        "Угодкі пратэстаў\n\nТэкст артыкула.\n\nБелсат прызнаны ў Беларусі «экстрэмісцкім фармаваннем». Калі вы "
        "знаходзіцеся ў Беларусі, за падпіску, лайк або рэпост нашых матэрыялаў вам пагражае штраф або арышт.\n"
    )
    run = check(cli, tmp_path, "by.txt", text, *BELSAT)
    assert notice(run, "by.extremist.reader-warning")["status"] == "present"


def test_adjacent_paragraphs_of_one_footer_make_one_warning(cli, tmp_path):
    html = (
        "<article><h1>Talks</h1><p>Story.</p><footer><p>RFE/RL has been declared an \"undesirable organization\" "
        "by the Russian government.</p>\n<p>If you are in Russia, you could face fines or imprisonment for sharing, "
        "liking or saving our content.</p></footer></article>"
    )
    found = notice(check(cli, tmp_path, "footer.html", html, *RFERL), "ru.undesirable.reader-warning")
    assert found["status"] == "present"
    assert found["text"].startswith("If you are in Russia")  # the paragraph with most of it


def test_elements_in_different_containers_are_not_one_warning(cli, tmp_path):
    html = (
        "<article><h1>Talks</h1><p>RFE/RL has been declared an \"undesirable organization\" by the Russian "
        "government.</p></article><footer><p>If you are in Russia, you could face fines or imprisonment for sharing "
        "our content.</p></footer>"
    )
    found = notice(check(cli, tmp_path, "split.html", html, *RFERL), "ru.undesirable.reader-warning")
    assert found["status"] == "malformed"
    assert found["message"].endswith("incomplete: lacks designation")
    assert found["text"].startswith("If you are in Russia")


@pytest.mark.parametrize(
    "wrapper",
    ['<div class="c-alert">{}</div>', '<aside>{}</aside>', '<p><small>{}</small></p>', '<div role="note">{}</div>'],
)
def test_notice_like_containers_make_a_short_unit_a_notice(cli, tmp_path, wrapper):
    # No word of it speaks to the reader; where it stands says it is a notice.
    warning = ("RFE/RL is an undesirable organization in Russia: sharing its content there is punishable by "
               "fines and criminal prosecution.")
    html = "<article><h1>Talks</h1><p>Story.</p>" + wrapper.format(warning) + "</article>"
    rule = "ru.undesirable.reader-warning"
    assert notice(check(cli, tmp_path, "box.html", html, *RFERL), rule)["status"] == "present"
    plain = f"Talks\n\nStory.\n\n{warning}\n"  # the same words in running text
    assert notice(check(cli, tmp_path, "plain.txt", plain, *RFERL), rule)["status"] == "missing"


FARA = {
    "en": "This material is distributed by T&R Productions LLC on behalf of ANO TV-Novosti. Additional information "
          "is available at the Department of Justice, Washington, DC.",
    "es": "Este material es distribuido por T&R Productions LLC en nombre de ANO TV-Novosti. Hay información "
          "adicional disponible en el Departamento de Justicia, Washington, DC.",
    "fr": "Ce document est distribué par T&R Productions LLC pour le compte de ANO TV-Novosti. Des informations "
          "complémentaires sont disponibles auprès du Département de la Justice, à Washington, DC.",
    "ru": "Этот материал распространяется T&R Productions LLC от имени ANO TV-Novosti. Дополнительная информация "
          "имеется в Министерстве юстиции США, Вашингтон, округ Колумбия.",
    "zh": "本材料由T&R Productions LLC代表ANO TV-Novosti分发。更多信息可在美国华盛顿特区司法部查阅。",
}


MATERIAL = {  # a headline and a paragraph in each language
    "en": ("Energy markets", "Prices rose again this week."),
    "es": ("Los mercados de energía", "Los precios volvieron a subir esta semana."),
    "fr": ("Les marchés de l'énergie", "Les prix ont encore augmenté cette semaine."),
    "ru": ("Энергетические рынки", "Цены снова выросли на этой неделе."),
    "zh": ("本周能源市场", "价格本周再次上涨。"),
}


@pytest.mark.parametrize("lang", sorted(FARA))
def test_the_fara_statement_is_recognised_in_the_language_of_the_material(cli, tmp_path, lang):
    headline, text = MATERIAL[lang]
    run = check(cli, tmp_path, f"fara-{lang}.txt", f"{headline}\n\n{FARA[lang]}\n\n{text}\n", *RT)
    found = notice(run, "us.fara.conspicuous-statement")
    assert found["status"] == "present", found["message"]
    assert found["location"] == {"line": 3, "column": 1}
    assert run.exit_code == 0


PAGE = """\
<html><head>{head}</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/business">Business</a></nav></header>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/business">Business</a></li></ol>
<p class="site-slogan">News, views and more</p>
<article>{headline}
<p class="byline">By Jane Roe</p>
<p>27 November 2026, 10:15</p>
<figure><img src="a.jpg" alt=""><figcaption>A tanker at sea.</figcaption></figure>
<p>{statement}</p>
<p>Prices rose again.</p>
<p>Traders were surprised.</p>
</article></body></html>
"""


def test_the_beginning_is_counted_from_the_article_not_the_page(cli, tmp_path):
    page = PAGE.format(head="", headline="<h1>Energy markets</h1>", statement=FARA["en"])
    run = check(cli, tmp_path, "page.html", page, *RT)
    assert notice(run, "us.fara.conspicuous-statement")["status"] == "present"
    assert run.exit_code == 0


def test_a_json_ld_headline_anchors_the_article_without_an_h1(cli, tmp_path):
    label = ("НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ АГЕНТОМ "
             "ПИВОВАРОВЫМ АЛЕКСЕЕМ ВЛАДИМИРОВИЧЕМ. 18+")
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Экономика войны"}</script>'
    page = PAGE.format(head=head, headline='<div class="title">Экономика войны</div>', statement=label)
    found = notice(check(cli, tmp_path, "label.html", page, *PIVOVAROV), "ru.foreign-agent.self-label")
    assert found["status"] == "present", found["message"]


def test_a_statement_after_the_article_text_is_in_the_wrong_place(cli, tmp_path):
    text = "Energy\n\nPrices rose.\n\nTraders were surprised.\n\nAnalysts expect more.\n\n" + FARA["en"] + "\n"
    found = notice(check(cli, tmp_path, "late.txt", text, *RT), "us.fara.conspicuous-statement")
    assert found["status"] == "malformed"
    assert "in the wrong place: it must stand at the beginning of the material" in found["message"]
    assert found["location"] == {"line": 9, "column": 1}


def test_the_signals_are_written_in_every_language_the_reader_warnings_know():
    for key in ("notice_address", "notice_self", "notice_reporting"):
        assert {"en", "ru", "be", "uk"} <= set(lexicon.by_language(key)), key
    for key in ("notice_self",):
        assert {"es", "fr", "zh"} <= set(lexicon.by_language(key)), key
    tags, words = lexicon.elements("notice_containers")
    assert {"aside", "footer", "small"} <= tags
    assert {"disclaimer", "warning", "notice", "alert"} <= words


def test_rules_show_explains_the_notice_unit(cli):
    run = cli("rules", "show", "ru.undesirable.reader-warning")
    assert "one notice unit" in " ".join(run.stdout.split())


def test_a_suppression_directive_before_the_notice_leaves_it_found_where_it_is(cli, tmp_path):
    # Directives are taken out of the blocks the checks see; the notice keeps its own place.
    html = (
        "<h1>Talks</h1>\n<!-- checker: disable ru.undesirable.donation-cta reason=\"no donation links here\" -->\n"
        "<p>Story.</p>\n<footer><p>RFE/RL has been declared an \"undesirable organization\". If you are in Russia, "
        "you could face fines for sharing our content.</p></footer>"
    )
    found = notice(check(cli, tmp_path, "suppressed.html", html, *RFERL), "ru.undesirable.reader-warning")
    assert found["status"] == "present"
    assert found["location"] == {"line": 4, "column": 12}


def test_a_split_warning_is_located_at_its_warning_paragraph(cli, tmp_path):
    html = (
        "<article><h1>Talks</h1><p>Story.</p><footer>\n<p>The Russian government has declared RFE/RL an "
        "\"undesirable organization.\"</p>\n<p>If you are in Russia, you may be fined or imprisoned for sharing, "
        "liking or saving our content.</p></footer></article>"
    )
    found = notice(check(cli, tmp_path, "split.html", html, *RFERL), "ru.undesirable.reader-warning")
    assert found["status"] == "present"
    assert found["text"].startswith("If you are in Russia")
    assert found["location"] == {"line": 3, "column": 4}


def test_the_outlets_own_story_about_its_readers_is_no_warning(cli, tmp_path):
    # "our" is the outlet speaking, but not to the reader, and not in a notice element
    text = (
        "The quiet cost\n\nSince RFE/RL was declared an undesirable organization, our colleagues have watched the "
        "number of people fined in Russia for sharing our articles grow.\n"
    )
    found = notice(check(cli, tmp_path, "opinion.txt", text, *RFERL), "ru.undesirable.reader-warning")
    assert found["status"] == "missing"


def test_a_warning_for_belarus_is_no_incomplete_warning_for_russia(cli, tmp_path):
    html = (
        "<h1>Doctors</h1><p>Story.</p><footer><div class=\"disclaimer\">«Белсат» признан в Беларуси «экстремистским "
        "формированием». Если вы в Беларуси, не ставьте лайки и не делайте репосты: вам грозит штраф или арест."
        "</div></footer>"
    )
    run = check(cli, tmp_path, "by.html", html, "--publisher", "Belsat", "--region", "BY", "--region", "RU",
                "--as-of", "2026-11-27")
    assert notice(run, "by.extremist.reader-warning")["status"] == "present"
    assert notice(run, "ru.undesirable.reader-warning")["status"] == "missing"


def test_a_statement_not_in_the_language_of_the_material_is_malformed(cli, tmp_path):
    text = f"中国航天员完成出舱活动\n\n{FARA['en']}\n\n航天员安装了新的空间碎片防护装置。乘组状态良好。\n"
    found = notice(check(cli, tmp_path, "zh.txt", text, *RT), "us.fara.conspicuous-statement")
    assert found["status"] == "malformed"
    assert found["message"].endswith("not in the language of the material")


LABEL = ("НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ АГЕНТОМ "
         "ПИВОВАРОВЫМ АЛЕКСЕЕМ ВЛАДИМИРОВИЧЕМ ЛИБО КАСАЕТСЯ ДЕЯТЕЛЬНОСТИ ИНОСТРАННОГО АГЕНТА ПИВОВАРОВА АЛЕКСЕЯ "
         "ВЛАДИМИРОВИЧА. 18+")


@pytest.mark.parametrize(
    "name, content, status",
    [
        ("dated.md", f"# Экономика войны\n\n*2 ноября 2026 · Отдел экономики*\n\n{LABEL}\n\nТекст.\n", "present"),
        ("pictured.md", f"# Экономика войны\n\nТекст и фото: Иван Петров\n\n![Завод](a.jpg)\n*Цех завода*\n\n"
                        f"**{LABEL}**\n\nТекст.\n", "present"),
        ("post.txt", f"{LABEL}\n\nТекст поста.\n\nЕщё абзац.\n", "present"),  # no headline: at the start
        ("lead.html", f"<h1>Экономика войны</h1><p class=\"lead\">Цены выросли сильнее, чем за квартал.</p>"
                      f"<p>{LABEL}</p><p>Текст.</p>", "malformed"),  # after the lead: not directly under
    ],
)
def test_directly_under_the_headline_means_the_next_block_of_article_text(cli, tmp_path, name, content, status):
    found = notice(check(cli, tmp_path, name, content, *PIVOVAROV), "ru.foreign-agent.self-label")
    assert found["status"] == status, found["message"]


def test_a_notice_that_is_a_link_is_found_in_the_footer_navigation(cli, tmp_path):
    # Menus and lone links are no units of a warning, but an Impressum is a link by nature.
    html = ('<h1>Landtag</h1><p>Text.</p><footer><nav><ul><li><a href="/datenschutz">Datenschutz</a></li>'
            '<li><a href="/impressum">Impressum</a></li></ul></nav></footer>')
    run = check(cli, tmp_path, "imprint.html", html, "--jurisdiction", "DE", "--as-of", "2026-11-27")
    assert notice(run, "de.impressum.link")["status"] == "present"
