"""The rules added from the legal brief (issue 14), through the real command line: what an editor
sees (status, message, severity, exit code) for a compliant article, a non-compliant one and the
look-alikes that must stay quiet; and the rule options they brought (mention-label `products` and
`delisted`, the notice element's `in_link`, `applies.contains`) as rule authors meet them."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def check(cli, tmp_path):
    """check(body, suffix, *options) -> (exit code, JSON report of the one document)."""

    def run(body: str, suffix: str, *options: str):
        path = tmp_path / f"article{suffix}"
        path.write_text(body, encoding="utf-8")
        result = cli("check", str(path), "--format", "json", "--quiet", *options)
        assert result.exit_code in (0, 1), result.stdout + result.stderr
        return result.exit_code, result.json["documents"][0]

    return run


def found(document: dict, rule: str) -> list[tuple[str, str, str]]:
    """(status, severity, message) of every result of one rule, notices and flags alike."""
    return [
        (r["status"], r["severity"], r["message"])
        for r in document["notices"] + document["flags"]
        if r["rule"] == rule
    ]


# ru.banned-org.meta ---------------------------------------------------------------------------

META = "ru.banned-org.meta"
RU = ("--jurisdiction", "RU", "--as-of", "2026-11-30")


def test_meta_instagram_without_the_owner_status_fails_the_run(check):
    code, doc = check("Соцсети\n\nПевица опубликовала видео в Instagram.\n", ".txt", *RU)
    assert found(doc, META) == [(
        "missing", "warning",
        '"Instagram" belongs to Meta Platforms, banned as extremist in Russia: add "(принадлежит Meta, '
        'признанной в РФ экстремистской)" or a footnote',
    )]
    assert code == 1


def test_meta_status_in_a_parenthesis_or_a_footnote_passes(check):
    body = (
        "Соцсети\n\nПевица опубликовала видео в Instagram (принадлежит Meta, признанной в РФ экстремистской).\n\n"
        "Реклама в Фейсбуке* подорожала.\n\n"
        "* Facebook принадлежит компании Meta Platforms Inc., деятельность которой признана экстремистской "
        "и запрещена на территории РФ.\n"
    )
    code, doc = check(body, ".txt", *RU)
    assert [status for status, _, _ in found(doc, META)] == ["present", "present", "present"]
    # Meta, first named in the label, is itself labelled there: one result for the rule on the whole list.
    assert [r["status"] for r in doc["notices"] if r["rule"] == "ru.banned-org.mention-label"] == ["present"]
    assert code == 0


def test_meta_labelled_in_the_same_sentence_covers_its_networks(check):
    body = (
        "Модерация\n\nКомпания Meta* объявила о новых правилах для Instagram. Facebook молчит.\n\n"
        "* Meta Platforms Inc. признана экстремистской организацией.\n"
    )
    _, doc = check(body, ".txt", *RU)
    assert [(r["text"], r["status"]) for r in doc["notices"] if r["rule"] == META] == [
        ("Instagram", "present"), ("Facebook", "missing"),  # the next sentence needs its own
    ]


def test_meta_whatsapp_and_look_alikes_stay_quiet_and_meta_is_reported_once(check):
    body = "Мессенджеры\n\nЖители пишут в WhatsApp. Instagrammers обсуждают Meta.\n"
    code, doc = check(body, ".txt", *RU)
    assert found(doc, META) == []
    # The owner's own name is the whole-list rule's, reported once.
    assert [(r["rule"], r["text"]) for r in doc["notices"]] == [("ru.banned-org.mention-label", "Meta")]
    assert code == 1


def test_meta_the_sites_own_accounts_in_its_furniture_need_no_label(check):
    """«Мы в Facebook» in the navigation and an Instagram link in the site footer take readers to
    the publisher's accounts; the same network linked from the article's text is a mention."""
    body = (
        '<header><nav><a href="/">Главная</a> <a href="https://facebook.com/outlet">Мы в Facebook</a> '
        '<a href="https://instagram.com/outlet"><i class="icon"></i> Instagram</a></nav></header>\n'
        '<article><h1>Соцсети</h1><p>Певица опубликовала видео в <a href="https://instagram.com/p/1">Instagram</a>.</p>'
        '<p>Раньше она вела страницу в Фейсбуке.</p></article>\n'
        '<footer><ul class="social"><li><a href="https://facebook.com/outlet">Facebook</a></li></ul>'
        '<p>Пишите нам в Facebook, если видели.</p></footer>\n'
    )
    code, doc = check(body, ".html", *RU)
    assert [(r["text"], r["status"], r["location"]["line"]) for r in doc["notices"] if r["rule"] == META] == [
        ("Instagram", "missing", 2), ("Фейсбуке", "missing", 2), ("Facebook", "missing", 3),
    ]
    assert code == 1


def test_meta_before_the_ban_does_not_apply(check):
    code, doc = check("Соцсети\n\nВидео в Instagram.\n", ".txt", "--jurisdiction", "RU", "--as-of", "2022-03-01")
    assert META not in doc["rules_applied"]
    assert code == 0


# ru.banned-org.delisted -----------------------------------------------------------------------

DELISTED = "ru.banned-org.delisted"
TALIBAN = "Кабул\n\nДелегация встретилась с представителями движения Талибан (запрещено в России).\n"


def test_delisted_label_is_reported_for_information_only(cli, check, tmp_path):
    code, doc = check(TALIBAN, ".txt", "--jurisdiction", "RU", "--as-of", "2025-06-01")
    assert found(doc, DELISTED) == [(
        "flagged", "info",
        '"движения Талибан" is labelled as banned, but Движение Талибан was removed from the list on '
        "2025-04-17: drop the label",
    )]
    assert found(doc, "ru.banned-org.mention-label") == []
    assert code == 0  # info never fails a run by default...
    strict = cli("check", str(tmp_path / "article.txt"), "--jurisdiction", "RU", "--as-of", "2025-06-01",
                 "--fail-on", "info", "--quiet")
    assert strict.exit_code == 1  # ...unless the newsroom asks for it
    assert "FLAGGED   info    ru.banned-org.delisted" in strict.stdout


def test_delisted_is_quiet_before_delisting_and_without_a_label(check):
    _, before = check(TALIBAN, ".txt", "--jurisdiction", "RU", "--as-of", "2025-01-10")
    assert found(before, DELISTED) == []
    assert [s for s, _, _ in found(before, "ru.banned-org.mention-label")] == ["present"]
    _, unlabelled = check("Кабул\n\nВстреча с движением Талибан.\n", ".txt", "--jurisdiction", "RU",
                          "--as-of", "2025-06-01")
    assert found(unlabelled, DELISTED) == [] and found(unlabelled, "ru.banned-org.mention-label") == []


# by.extremist.donation-cta and by.extremist.publisher-designated ------------------------------

BELSAT_BY = ("--publisher", "Belsat", "--region", "BY")
BELSAT_PAGE = """<h1>Навіны</h1><p>Тэкст.</p>
<p><a href="https://belsat.eu/donate">Падтрымайце нас</a></p>
<p><a href="https://t.me/belsat">Падпісвайцеся на наш Telegram</a></p>
"""


def test_belarus_donation_and_subscribe_calls_are_flagged_for_readers_in_belarus(check):
    code, doc = check(BELSAT_PAGE, ".html", *BELSAT_BY)
    donation = found(doc, "by.extremist.donation-cta")
    assert [(s, sev) for s, sev, _ in donation] == [("flagged", "warning")]  # the link and its text: one call
    assert 'financing Belsat, an "extremist formation", is a crime there (Criminal Code art. 361-2)' in donation[0][2]
    [(status, _, message)] = found(doc, "by.extremist.publisher-designated")
    assert status == "flagged"
    said = 'subscribing to it is punished as distributing extremist material: "Падпісвайцеся на наш Telegram"'
    assert message.endswith(said)
    assert code == 1


def test_belarus_calls_are_not_flagged_outside_belarus_or_for_other_publishers(check):
    code, doc = check(BELSAT_PAGE, ".html", "--publisher", "Belsat", "--region", "PL")
    assert not {"by.extremist.donation-cta", "by.extremist.publisher-designated"} & set(doc["rules_applied"])
    _, other = check(BELSAT_PAGE, ".html", "--house-name", "Example Daily", "--publisher", "Example Daily",
                     "--region", "BY")
    assert found(other, "by.extremist.donation-cta") == [] == found(other, "by.extremist.publisher-designated")


def test_belarus_the_outlets_own_warning_not_to_subscribe_is_not_a_call(check):
    body = (
        "<h1>Навіны</h1><p>Тэкст.</p><footer><p>Радыё Свабода прызнанае ў Беларусі «экстрэмісцкім "
        "фармаваннем». Калі вы ў Беларусі, не падпісвайцеся на нашы старонкі.</p>"
        "<p>Падпісвайцеся на наш Telegram!</p></footer>"
    )
    _, doc = check(body, ".html", *BELSAT_BY)
    assert [m.rsplit(": ", 1)[1] for _, _, m in found(doc, "by.extremist.publisher-designated")] == [
        '"Падпісвайцеся на наш Telegram!"'
    ]


def test_belarus_reports_about_support_and_subscriptions_are_not_calls(check):
    body = "Новости\n\nВласти поддержали аграриев. Число подписчиков каналов выросло.\n"
    code, doc = check(body, ".txt", *BELSAT_BY)
    assert found(doc, "by.extremist.donation-cta") == [] == found(doc, "by.extremist.publisher-designated")


# eu.political-ads.label ------------------------------------------------------------------------

ADS = "eu.political-ads.label"
EU_2026 = ("--region", "DE", "--as-of", "2026-05-01")


def test_political_ad_without_sponsor_or_link_is_malformed(check):
    code, doc = check("<h1>Wahl</h1><p>Bericht.</p><aside><p>Politische Anzeige</p></aside>", ".html", *EU_2026)
    assert found(doc, ADS) == [(
        "malformed", "warning",
        "Political advertisement: incomplete: lacks sponsor, link to the transparency notice; "
        "Regulation (EU) 2024/900 art. 11 requires all three",
    )]
    assert code == 1


def test_political_ad_with_label_sponsor_and_linked_notice_is_present(check):
    body = (
        '<h1>Wahl</h1><p>Bericht.</p><aside><p>Politische Anzeige · Bezahlt von: Partei X · '
        '<a href="https://ads.example.org/n/1">Transparenzbekanntmachung</a></p></aside>'
    )
    code, doc = check(body, ".html", *EU_2026)
    assert [s for s, _, _ in found(doc, ADS)] == ["present"]
    assert code == 0


def test_a_report_about_political_advertising_is_not_an_advertisement(check):
    body = "<h1>New rules for political advertising</h1><p>Sponsors must be named from October.</p>"
    code, doc = check(body, ".html", *EU_2026)
    assert ADS not in doc["rules_applied"]
    assert code == 0


# eu.sanctions.annex-xv-advertising -------------------------------------------------------------

AD_SCRIPT = '<h1>News</h1><p>Story.</p><script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'


def test_advertising_on_an_annex_xv_outlet_is_an_error_for_eu_operators(check):
    code, doc = check(AD_SCRIPT, ".html", "--publisher", "RT", "--jurisdiction", "DE", "--as-of", "2026-05-01")
    [(status, severity, message)] = found(doc, "eu.sanctions.annex-xv-advertising")
    assert (status, severity) == ("flagged", "error")
    assert message.startswith("Advertising in content of RT")
    assert message.endswith("(Annex XV): https://securepubads.g.doubleclick.net/tag/js/gpt.js")
    assert code == 1


def test_advertising_elsewhere_or_outside_the_eu_is_not_reported(check):
    _, other = check(AD_SCRIPT, ".html", "--house-name", "Example Daily", "--publisher", "Example Daily",
                     "--jurisdiction", "DE")
    _, us = check(AD_SCRIPT, ".html", "--publisher", "RT", "--jurisdiction", "US")
    assert found(other, "eu.sanctions.annex-xv-advertising") == [] == found(us, "eu.sanctions.annex-xv-advertising")
    _, plain = check("<h1>News</h1><p>An advertising campaign.</p>", ".html", "--publisher", "RT",
                     "--jurisdiction", "DE")
    assert found(plain, "eu.sanctions.annex-xv-advertising") == []


# de.impressum.link and de.impressum.outdated-tmg-reference -------------------------------------

IMPRESSUM = "de.impressum.link"


@pytest.mark.parametrize(
    ("body", "suffix", "status"),
    [
        ('<h1>Landtag</h1><p>Text.</p><footer><a href="/impressum">Impressum</a></footer>', ".html", "present"),
        ("# Landtag\n\nText.\n\n[Datenschutz](/datenschutz) | [Impressum](/impressum)\n", ".md", "present"),
        ("<h1>Abmahnwelle</h1><p>Viele Shops haben kein Impressum.</p>", ".html", "missing"),
        ('<h1>Landtag</h1><p>Text.</p><div hidden><a href="/impressum">Impressum</a></div>', ".html", "malformed"),
    ],
)
def test_impressum_link(check, body, suffix, status):
    code, doc = check(body, suffix, "--jurisdiction", "DE")
    [(found_status, severity, message)] = found(doc, IMPRESSUM)
    assert (found_status, severity) == (status, "warning")
    if status == "missing":
        assert message == (
            'No link to the Impressum: link it from every page, clearly labelled "Impressum" (§ 5 DDG, § 18 MStV)'
        )
    assert code == (0 if status == "present" else 1)


def test_impressum_rules_apply_only_under_german_law(check):
    _, doc = check("<h1>Nationalrat</h1><p>Text.</p>", ".html", "--jurisdiction", "AT")
    assert IMPRESSUM not in doc["rules_applied"]
    assert "de.impressum.outdated-tmg-reference" not in doc["rules_applied"]


def test_outdated_tmg_reference_is_information(check):
    body = "<h1>Impressum</h1><p>Angaben gemäß § 5 TMG</p><p>Verantwortlich: E. Mustermann</p>"
    code, doc = check(body, ".html", "--jurisdiction", "DE", "--as-of", "2026-05-01")
    assert found(doc, "de.impressum.outdated-tmg-reference") == [(
        "flagged", "info",
        'Outdated reference to repealed law: "gemäß § 5 TMG"; cite § 5 DDG or § 18 MStV, or no paragraph',
    )]  # the citation, with the word that cites it: news naming the old paragraph is not flagged
    _, current = check("<h1>Impressum</h1><p>Angaben gemäß § 5 DDG. Die TMG Holding.</p>", ".html",
                       "--jurisdiction", "DE", "--as-of", "2026-05-01")
    assert found(current, "de.impressum.outdated-tmg-reference") == []


# ru.undesirable.share-cta -----------------------------------------------------------------------

SHARE = "ru.undesirable.share-cta"
SHARE_ROW = (
    '<ul class="share">\n'
    '<li><a href="https://vk.com/share.php?url=https%3A%2F%2Fmeduza.io%2Fn">ВКонтакте</a></li>\n'
    '<li><a href="https://t.me/share/url?url=https%3A%2F%2Fmeduza.io%2Fn">Telegram</a></li>\n'
    '<li><a href="https://connect.ok.ru/offer?url=https%3A%2F%2Fmeduza.io%2Fn">Одноклассники</a></li>\n'
    "</ul>\n"
)
WARNING = (
    "<aside><p>«Медуза» признана в России «нежелательной организацией». Если вы находитесь в России, "
    "за репост, лайк или комментарий вам грозит штраф.</p></aside>\n"
)
MEDUZA_RU = ("--publisher", "Meduza", "--region", "RU")


def test_share_row_without_a_warning_is_one_flag_at_its_first_button_quoting_each(check):
    code, doc = check("<h1>Новости</h1>\n<p>Текст статьи.</p>\n" + SHARE_ROW, ".html", *MEDUZA_RU)
    [(status, severity, message)] = found(doc, SHARE)
    assert (status, severity) == ("flagged", "warning")
    assert message.startswith("Share, like or comment call with no reader warning near it: readers in Russia")
    assert "Meduza, an \"undesirable organization\"" in message
    assert message.endswith('"ВКонтакте · Telegram · Одноклассники"')
    [flag] = [f for f in doc["flags"] if f["rule"] == SHARE]
    assert flag["location"]["line"] == 4
    assert code == 1


def test_a_like_button_showing_only_a_count_is_flagged_once_by_its_label(check):
    body = '<h1>Новости</h1>\n<p>Текст статьи.</p>\n<button class="like-button" aria-label="Нравится">♥ 214</button>\n'
    _, doc = check(body, ".html", *MEDUZA_RU)
    [(_, _, message)] = found(doc, SHARE)
    assert message.endswith('"Нравится"')


def test_a_share_row_is_quoted_under_its_caption_and_icons_by_their_address(check):
    icons = (
        '<div class="MaterialShare"><span class="title">Поделиться</span>'
        '<a href="https://vk.com/share.php?url=https%3A%2F%2Fmeduza.io%2Fn" aria-label="VK"><svg></svg></a>'
        '<a href="https://t.me/share/url?url=https%3A%2F%2Fmeduza.io%2Fn" aria-label="Telegram"><svg></svg></a></div>\n'
    )
    _, doc = check("<h1>Новости</h1>\n<p>Текст статьи.</p>\n" + icons, ".html", *MEDUZA_RU)
    [(_, _, message)] = found(doc, SHARE)
    assert message.endswith('"Поделиться: https://vk.com/share.php · https://t.me/share/url"')
    words = '<div class="article__share"><p>Share this article</p>' + SHARE_ROW + "</div>\n"
    _, doc = check("<h1>News</h1>\n<p>Story.</p>\n" + words, ".html", *MEDUZA_RU)
    [(_, _, message)] = found(doc, SHARE)
    assert message.endswith('"Share this article: ВКонтакте · Telegram · Одноклассники"')
    # The article's last short paragraph is no caption of a row that follows it.
    for row in (SHARE_ROW, icons.replace('<span class="title">Поделиться</span>', "")):
        _, doc = check("<h1>Новости</h1>\n<p>Он отказался комментировать.</p>\n" + row, ".html", *MEDUZA_RU)
        [(_, _, message)] = found(doc, SHARE)
        assert "комментировать:" not in message


@pytest.mark.parametrize("where", ["before", "after"])
def test_share_row_with_the_reader_warning_next_to_it_passes(check, where):
    rows = [WARNING, SHARE_ROW] if where == "before" else [SHARE_ROW, WARNING]
    _, doc = check("<h1>Новости</h1>\n<p>Текст статьи.</p>\n" + "".join(rows), ".html", *MEDUZA_RU)
    assert found(doc, SHARE) == []
    assert [s for s, _, _ in found(doc, "ru.undesirable.reader-warning")] == ["present"]


def test_share_row_far_from_the_warning_and_calls_to_share_are_flagged(check):
    body = (
        "<h1>Новости</h1>\n" + WARNING + "".join(f"<p>Абзац {n}.</p>\n" for n in range(4))
        + "<p>Поделитесь этой статьей с друзьями! Поставьте лайк.</p>\n" + SHARE_ROW
        + "<p>Ещё абзац.</p>\n<p>И ещё.</p>\n"
        + '<div class="comments"><h3>Комментарии</h3><p>Оставьте комментарий</p></div>\n'
    )
    _, doc = check(body, ".html", *MEDUZA_RU)
    # The call introduces the row under it: one group, at its first button; the comment box, two
    # blocks further, is another.
    assert [m.rsplit(": ", 1)[1] for _, _, m in found(doc, SHARE)] == [
        '"ВКонтакте · Telegram · Одноклассники"', '"Комментарии · Оставьте комментарий"',
    ]


def test_share_row_is_not_flagged_for_other_publishers_or_outside_russia(check):
    page = "<h1>News</h1>\n<p>Story.</p>\n" + SHARE_ROW
    _, other = check(page, ".html", "--house-name", "Example Daily", "--publisher", "Example Daily", "--region", "RU")
    _, abroad = check(page, ".html", "--publisher", "Meduza", "--region", "DE")
    assert SHARE not in other["rules_applied"] and SHARE not in abroad["rules_applied"]


def test_a_tip_line_and_news_about_reposts_are_not_calls_to_share(check):
    body = (
        "<h1>Читатели делятся</h1>\n<p>Прокуратура призвала не делать репосты; пользователи поделились постом.</p>\n"
        "<p>Поделитесь с нами своей историей: tips@example.org. Share your story with us.</p>\n"
        '<p><a href="https://t.me/meduzalive">Наш Telegram</a></p>\n'
    )
    _, doc = check(body, ".html", *MEDUZA_RU)
    assert found(doc, SHARE) == []


# The new rules in the catalogue, and the options as rule authors meet them ---------------------

NEW_RULES = [
    "ru.banned-org.meta", "ru.banned-org.delisted", "by.extremist.donation-cta", "by.extremist.publisher-designated",
    "eu.political-ads.label", "eu.sanctions.annex-xv-advertising", "de.impressum.link",
    "de.impressum.outdated-tmg-reference", "ru.undesirable.share-cta",
]


def test_new_rules_pass_their_examples_and_are_in_the_catalogue(cli, tmp_path):
    tested = cli("rules", "test")
    assert tested.exit_code == 0, tested.stdout
    catalogue = tmp_path / "catalogue.md"
    assert cli("rules", "docs", "-o", str(catalogue)).exit_code == 0
    text = catalogue.read_text(encoding="utf-8")
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for rule in NEW_RULES:
        assert rule in text
        assert f"| `{rule}` |" in readme


def test_rules_show_explains_the_new_options(cli):
    meta = cli("rules", "show", "ru.banned-org.meta").stdout
    assert "Every mention of a product owned by an active entry of ru.extremist" in meta
    assert '- meta: "Instagram", "Facebook", "Инстаграм", "Инстаграма", "Инстаграму", "Инстаграмом",' in meta
    delisted = cli("rules", "show", "ru.banned-org.delisted").stdout
    assert "removed from the list on or before the check date" in " ".join(delisted.split())
    ads = " ".join(cli("rules", "show", "eu.political-ads.label").stdout.split())
    assert "the article's visible text contains any of: \"political advertisement\"" in ads
    assert "link to the transparency notice (as the text of a link)" in ads


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HOUSE = """id: house.test
title: Test
jurisdiction: RU
purpose: house
severity: info
law: [{title: House handbook}]
"""


def test_unless_near_must_name_a_notice_rule(cli, tmp_path):
    path = _write(tmp_path, HOUSE + """check:
  kind: flag
  hrefs: {sharing: true}
  unless_near: {notice: ru.undesirable.reader-warnin}
""")
    run = cli("rules", "validate", str(path))
    assert run.exit_code == 2
    assert ("unless_near: no notice rule 'ru.undesirable.reader-warnin' "
            "(did you mean 'ru.undesirable.reader-warning'?)") in run.stdout


def test_house_flag_rule_with_unless_near_its_own_notice_in_the_same_container(cli, tmp_path):
    """A newsroom's own pair: a comment box needs its moderation note inside the same box."""
    (tmp_path / "note.yaml").write_text(HOUSE.replace("house.test", "house.comment-note") + """check:
  kind: notice
  signals: [container, address]
  elements:
    - {name: moderation, phrases: [moderated, модерир*]}
    - {name: rules, phrases: [rules, правила]}
""", encoding="utf-8")
    _write(tmp_path, HOUSE + """check:
  kind: flag
  elements: {sharing: true}
  group: true
  unless_near: {notice: house.comment-note, within: same-container}
""")
    article = tmp_path / "a.html"
    note = "<p class='note'>Comments are moderated: read the rules.</p>"
    for where, expected in [("inside", []), ("outside", ["flagged"])]:
        box = f"<div class='comments'><h3>Comments</h3><p>Write yours.</p>{note if where == 'inside' else ''}</div>"
        article.write_text("<h1>News</h1><p>Story.</p>" + box + (note if where == "outside" else ""), encoding="utf-8")
        run = cli("check", str(article), "--rules", str(tmp_path), "--no-default-rules", "--format", "json", "--quiet")
        assert [f["status"] for f in run.json["documents"][0]["flags"]] == expected, where


def test_an_unknown_product_owner_is_a_validation_error(cli, tmp_path):
    path = _write(tmp_path, HOUSE + """check:
  kind: mention-label
  lists: [ru.extremist]
  products:
    metta: {phrases: [Instagram]}
  labels: {phrases: [extremist]}
""")
    run = cli("rules", "validate", str(path))
    assert run.exit_code == 2
    assert "products: no entry 'metta' in ru.extremist (did you mean 'meta'?)" in run.stdout


def test_a_bad_pattern_in_applies_contains_is_a_validation_error(cli, tmp_path):
    path = _write(tmp_path, HOUSE + """applies:
  contains: {patterns: ['(?<=x)y']}
check:
  kind: notice
  elements: [{name: a, phrases: [a]}]
""")
    run = cli("rules", "validate", str(path))
    assert run.exit_code == 2
    assert "look-ahead and look-behind are not supported" in run.stdout


def test_house_rule_with_contains_and_in_link(cli, tmp_path):
    """A newsroom's own rule: where a page says "sponsored", a linked disclosure must follow."""
    path = _write(tmp_path, HOUSE.replace("severity: info", "severity: warning") + """applies:
  contains: {phrases: [sponsored]}
check:
  kind: notice
  partial: 1
  elements:
    - {name: sponsored label, phrases: [sponsored]}
    - {name: disclosure link, in_link: true, phrases: [disclosure]}
""")
    article = tmp_path / "a.html"
    for body, expected in [
        ("<p>Sponsored. Read our disclosure.</p>", ["malformed"]),
        ('<p>Sponsored. Read our <a href="/d">disclosure</a>.</p>', ["present"]),
        ("<p>Nothing paid here.</p>", []),
    ]:
        article.write_text(body, encoding="utf-8")
        run = cli("check", str(article), "--rules", str(path), "--no-default-rules", "--format", "json", "--quiet")
        assert [r["status"] for r in run.json["documents"][0]["notices"]] == expected
        assert run.exit_code == (1 if expected == ["malformed"] else 0)
