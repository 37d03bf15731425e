"""The bundled rules on realistic articles: present, missing and malformed for each rule, and the
traps (hidden notices, typographic noise, encodings, cases, look-alikes, dates)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SAMPLES

from checker import check_document
from checker.documents import load_bytes, load_path


def results(pack, ctx, path=None, *, html=None, text=None, rule=None, **context):
    if path is not None:
        doc = load_path(str(SAMPLES / path))
    else:
        fmt, body = ("html", html) if html is not None else ("text", text)
        doc = load_bytes(body.encode("utf-8"), f"inline.{fmt}", fmt)
    report = check_document(doc, pack, ctx(**context))
    return [r for r in report.results if rule is None or r.rule == rule]


def statuses(found):
    return [r.status for r in found]


READER_WARNING = "ru.undesirable.reader-warning"
RU_AUDIENCE = {"publisher": "RFE/RL", "regions": ("RU",)}


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("rferl-article.html", ["present"]),
        ("rferl-no-warning.html", ["missing"]),
        ("rferl-hidden-warning.html", ["malformed"]),
    ],
)
def test_undesirable_reader_warning(pack, ctx, sample, expected):
    assert statuses(results(pack, ctx, sample, rule=READER_WARNING, **RU_AUDIENCE)) == expected


def test_incomplete_russian_warning_from_front_matter_is_malformed(pack, ctx):
    [result] = results(pack, ctx, "meduza-incomplete-warning.md", rule=READER_WARNING)
    assert result.status == "malformed"
    assert "lacks" in result.message and "risky acts" in result.message


def test_the_seed_wording_is_recognised_line_and_column_included(pack, ctx):
    [result] = results(pack, ctx, "rferl-article.html", rule=READER_WARNING, **RU_AUDIENCE)
    # The warning spans the footer's two paragraphs; it is reported at the one that holds most of it.
    assert (result.location.line, result.location.column) == (24, 12)
    assert result.text.startswith("If you are in Russia")


@pytest.mark.parametrize(
    "hiding",
    [
        '<!-- {} -->',
        '<div hidden><p>{}</p></div>',
        '<p style="display:none">{}</p>',
        '<p style="VISIBILITY: hidden !important">{}</p>',
        '<p style="font-size:0">{}</p>',
        '<p style="opacity: 0 !important">{}</p>',
        '<p style="color:#fff;background:#fff">{}</p>',
        '<template><p>{}</p></template>',
        '<script>var warning = "{}";</script>',
    ],
)
def test_a_hidden_warning_does_not_count(pack, ctx, hiding):
    warning = (
        'RFE/RL has been declared an "undesirable organization". If you are in Russia, you could '
        "face fines or imprisonment for sharing our content."
    )
    html = f"<h1>News</h1><p>Story.</p>{hiding.format(warning)}"
    assert statuses(results(pack, ctx, html=html, rule=READER_WARNING, **RU_AUDIENCE)) in (["malformed"], ["missing"])


@pytest.mark.parametrize(
    "style", ["font-size:0.9em", "opacity:0.8", "color:#333;background:#fff", "background-color:transparent"]
)
def test_a_style_that_shows_the_text_leaves_the_warning_in_place(pack, ctx, style):
    warning = (
        'RFE/RL has been declared an "undesirable organization". If you are in Russia, you could '
        "face fines or imprisonment for sharing our content."
    )
    html = f'<h1>News</h1><p>Story.</p><footer><p style="{style}">{warning}</p></footer>'
    assert statuses(results(pack, ctx, html=html, rule=READER_WARNING, **RU_AUDIENCE)) == ["present"]


def test_typographic_noise_does_not_hide_a_warning(pack, ctx):
    html = (
        "<h1>News</h1><p>Story.</p><footer><p>RFE/RL has been declared an «undesirable\u00a0"
        "organi\u00adzation»\u200b by the Russian government.</p><p>If you are in Russia you could "
        "face FINES  or\u00a0imprisonment — for sharing, liking or saving our content.</p></footer>"
    )
    assert statuses(results(pack, ctx, html=html, rule=READER_WARNING, **RU_AUDIENCE)) == ["present"]


def test_donation_calls_are_flagged_for_an_undesirable_publisher(pack, ctx):
    found = results(pack, ctx, "rferl-no-warning.html", rule="ru.undesirable.donation-cta", **RU_AUDIENCE)
    # The call and its link are one call to action: one flag, at the call.
    assert [(r.text, r.location.line) for r in found] == [("Donate now", 15)]
    assert results(pack, ctx, "rferl-article.html", rule="ru.undesirable.donation-cta", **RU_AUDIENCE) == []


def test_share_rows_are_flagged_unless_the_reader_warning_stands_near_them(pack, ctx):
    found = results(pack, ctx, "meduza-share-rows.html", rule="ru.undesirable.share-cta", publisher="Meduza",
                    regions=("RU",))
    # The top row, three buttons, is one flag; the bottom row stands next to the warning.
    assert [(r.text, r.location.line) for r in found] == [("ВКонтакте · Telegram · Одноклассники", 16)]
    assert results(pack, ctx, "meduza-share-rows.html", rule="ru.undesirable.share-cta", publisher="Meduza",
                   regions=("DE",)) == []


def test_links_to_undesirable_sites_are_flagged_under_russian_law(pack, ctx):
    found = results(pack, ctx, "moscow-daily-mentions.html", rule="ru.undesirable.material-link", jurisdictions=("RU",))
    # The words a reader sees, and where they lead.
    assert [r.text for r in found] == ["«Медуза» (https://meduza.io/news/2026/11/20/example)"]
    assert found[0].location.line == 19


SELF_LABEL = "ru.foreign-agent.self-label"


@pytest.mark.parametrize(
    ("sample", "expected", "reason"),
    [
        ("pivovarov-episode.md", "present", None),
        ("pivovarov-no-label.txt", "missing", None),
        ("pivovarov-old-label.md", "malformed", "superseded"),
    ],
)
def test_foreign_agent_self_label(pack, ctx, sample, expected, reason):
    [result] = results(
        pack, ctx, sample, rule=SELF_LABEL, publisher="Алексей Пивоваров", jurisdictions=("RU",)
    )
    assert result.status == expected
    assert result.subject == "Пивоваров Алексей Владимирович"
    if reason:
        assert reason in result.message


def test_self_label_in_lower_case_or_in_the_wrong_place_is_malformed(pack, ctx):
    label = (
        "Настоящий материал (информация) произведен, распространен и (или) направлен иностранным "
        "агентом Пивоваровым Алексеем Владимировичем"
    )
    lower = results(pack, ctx, text=f"Заголовок\n\n{label}\n\nТекст.", rule=SELF_LABEL,
                    publisher="Пивоваров Алексей", jurisdictions=("RU",))
    assert statuses(lower) == ["malformed"] and "capital" in lower[0].message
    late = results(pack, ctx, text=f"Заголовок\n\nОдин.\n\nДва.\n\nТри.\n\n{label.upper()}", rule=SELF_LABEL,
                   publisher="Пивоваров Алексей", jurisdictions=("RU",))
    assert statuses(late) == ["malformed"] and "wrong place" in late[0].message


def test_publisher_name_in_any_order_resolves(pack, ctx):
    for name in ("Алексей Пивоваров", "Пивоваров Алексей Владимирович", "Пивоваров Алексей"):
        found = results(pack, ctx, "pivovarov-no-label.txt", rule=SELF_LABEL, publisher=name, jurisdictions=("RU",))
        assert statuses(found) == ["missing"], name


MENTION_STATUS = "ru.foreign-agent.mention-status"
BANNED = "ru.banned-org.mention-label"


def test_mentions_in_a_russian_article(pack, ctx):
    found = results(pack, ctx, "moscow-daily-mentions.html", jurisdictions=("RU",))
    by_rule = {}
    for r in found:
        by_rule.setdefault(r.rule, []).append((r.text, r.status))
    assert by_rule[MENTION_STATUS] == [
        ("Максима Галкина", "present"),
        ("Екатерина Шульман", "missing"),
        ("Медуза", "missing"),
    ]
    assert by_rule[BANNED] == [  # one result per organization: its first mention is labelled
        ("Фонда борьбы с коррупцией", "present"),
        ("Meta", "present"),  # footnote marker, footnote says it is banned
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Фонд борьбы с коррупцией опубликовал расследование.",
        "Юристы Фонда борьбы с коррупцией подали иск.",
        "Мы написали Фонду борьбы с коррупцией.",
        "Он руководил Фондом борьбы с коррупцией.",
        "О Фонде борьбы с коррупцией снят фильм.",
        "The Anti-Corruption Foundation published a video.",
    ],
)
def test_every_case_of_a_banned_organization_is_found(pack, ctx, sentence):
    found = results(pack, ctx, text=sentence, rule=BANNED, jurisdictions=("RU",))
    assert statuses(found) == ["missing"], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "A meta-analysis of 40 studies and the metadata of each.",
        "Ships crossed the Sea of Azov at dawn.",
        "Суда вышли в Азовское море.",
        "Философы спорят, каким должно быть исламское государство.",
        "This is the final IS-95 standard: it is what it is.",
        "Пигалкин и Галкинский пришли на концерт.",
    ],
)
def test_look_alikes_are_not_mentions(pack, ctx, sentence):
    found = results(pack, ctx, text=sentence, jurisdictions=("RU",))
    assert [r for r in found if r.rule in (BANNED, MENTION_STATUS)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Боевики Исламского государства атаковали город.",
        "Kerry said the United States is ready to destroy IS.",
        "Kerry said neither IS militants nor the Al-Nusra Front would be involved.",
        "Он вернулся из лагеря ИГИЛ.",
    ],
)
def test_terrorist_organizations_in_english_and_russian(pack, ctx, sentence):
    found = results(pack, ctx, text=sentence, rule=BANNED, jurisdictions=("RU",))
    assert found and all(r.status == "missing" for r in found), sentence


@pytest.mark.parametrize(
    "labelled",
    [
        "Концерт Максима Галкина (признан иностранным агентом) прошел в Риге.",
        "Максим Галкин, которого Минюст внес в реестр иностранных агентов, выступил в Риге.",
        "Концерт Максима Галкина* прошел в Риге.\n\n* Признан иноагентом.",
        "Концерт Максима Галкина¹ прошел в Риге.\n\n¹ Внесен в реестр иностранных агентов.",
    ],
)
def test_labels_in_their_real_variety(pack, ctx, labelled):
    found = results(pack, ctx, text=labelled, rule=MENTION_STATUS, jurisdictions=("RU",))
    assert statuses(found) == ["present"], labelled


def test_a_label_in_another_sentence_does_not_count(pack, ctx):
    text = "Концерт Максима Галкина прошел в Риге. Зал был полон. Артист признан иностранным агентом."
    assert statuses(results(pack, ctx, text=text, rule=MENTION_STATUS, jurisdictions=("RU",))) == ["missing"]


def test_as_of_dates_bound_designations(pack, ctx):
    text = "Фонд борьбы с коррупцией опубликовал расследование."
    before = results(pack, ctx, text=text, rule=BANNED, jurisdictions=("RU",), as_of=date(2021, 6, 1))
    after = results(pack, ctx, text=text, rule=BANNED, jurisdictions=("RU",), as_of=date(2021, 6, 10))
    assert before == [] and statuses(after) == ["missing"]
    taliban = "Талибан объявил о новом правительстве."
    assert statuses(results(pack, ctx, text=taliban, rule=BANNED, jurisdictions=("RU",), as_of=date(2024, 1, 1))) == [
        "missing"
    ]
    assert results(pack, ctx, text=taliban, rule=BANNED, jurisdictions=("RU",), as_of=date(2025, 6, 1)) == []


def test_windows_1251_page_is_decoded_and_checked(pack, ctx):
    found = results(pack, ctx, "windows-1251.html", rule=MENTION_STATUS, jurisdictions=("RU",))
    assert [(r.text, r.status) for r in found] == [("Андрея Макаревича", "missing")]
    assert found[0].location.line == 7


BELARUS = "by.extremist.reader-warning"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("belsat-warning.html", "present"),
        ("belsat-no-warning.txt", "missing"),
        ("belsat-partial-warning.md", "malformed"),
    ],
)
def test_belarus_reader_warning(pack, ctx, sample, expected):
    assert statuses(results(pack, ctx, sample, rule=BELARUS, publisher="Belsat", regions=("BY",))) == [expected]


FARA = "us.fara.conspicuous-statement"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("rt-america-statement.txt", "present"),
        ("rt-america-no-statement.txt", "missing"),
        ("rt-america-statement-late.txt", "malformed"),
    ],
)
def test_fara_conspicuous_statement(pack, ctx, sample, expected):
    # T&R Productions (RT America) was registered from 2017-11-10 to 2022-09-30.
    found = results(pack, ctx, sample, rule=FARA, publisher="RT America", jurisdictions=("US",),
                    as_of=date(2021, 6, 1))
    assert statuses(found) == [expected]


def test_eu_embeds_of_sanctioned_outlets_are_flagged_links_are_not(pack, ctx):
    found = results(pack, ctx, "eu-blog-embed.html", rule="eu.sanctions.annex-xv-embed", jurisdictions=("DE",))
    assert [r.text for r in found] == ["https://www.rt.com/embed/video/600001"]
    assert results(pack, ctx, "eu-blog-embed.html", rule="eu.sanctions.annex-xv-embed", jurisdictions=("US",)) == []
