"""Donation calls as real pages write them (ru.undesirable.donation-cta), and risky links reported
once: what an editor sees in the report, one flag per call to action, where it stands and what
it says, and the exit code of the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import check_document
from checker.documents import load_bytes

DONATION = "ru.undesirable.donation-cta"
MATERIAL = "ru.undesirable.material-link"
EMBED = "eu.sanctions.annex-xv-embed"
TV_RAIN = {"publisher": "TV Rain", "regions": ("RU",)}
MEDUZA = {"publisher": "Meduza", "regions": ("RU",)}


def flags(pack, ctx, body: str, rule: str = DONATION, fmt: str = "html", **context):
    doc = load_bytes(body.encode("utf-8"), f"page.{fmt}", fmt)
    report = check_document(doc, pack, ctx(**(context or TV_RAIN)))
    return [r for r in report.results if r.rule == rule]


def page(*paragraphs: str) -> str:
    """An article whose paragraphs start on lines 3, 4, ... at column 4 (after "<p>")."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<h1>Новости</h1>\n<p>Текст статьи.</p>\n{body}\n"


# --- the forms of a call ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "context", "verb_at"),
    [
        ("Поддержите «Дождь»", TV_RAIN, 0),  # imperative, the outlet's name in the accusative
        ("Помогите «Дождю» работать дальше", TV_RAIN, 0),  # the dative
        ("Станьте другом «Дождя»", TV_RAIN, 0),  # the genitive, after a noun
        ("Поддержи Медузу", MEDUZA, 0),  # singular imperative, the name unquoted
        ("Вы можете поддержать «Медузу» любой суммой", MEDUZA, 10),  # infinitive with its object
        ("Станьте нашим постоянным спонсором", MEDUZA, 0),  # words between verb and object
        ("Стать сторонником", MEDUZA, 0),  # an infinitive button
        ("Поддерживайте независимую журналистику", MEDUZA, 0),  # the other aspect
        ("Пожертвуйте сколько можете", MEDUZA, 0),  # a donation verb needs no object
        ("Оформите ежемесячное пожертвование", MEDUZA, 0),
        ("Become a member", MEDUZA, 0),
        ("Please support Meduza's journalism", MEDUZA, 7),
        ("Chip in what you can", MEDUZA, 0),
        ("Give monthly", MEDUZA, 0),
        ("Задонатьте нам", MEDUZA, 0),  # an imperative the dictionary does not derive
        ("Станьте частью сообщества «Медузы»", MEDUZA, 0),
        ("Please consider supporting The Moscow Times", {"publisher": "The Moscow Times", "regions": ("RU",)}, 7),
        ("Make a one-time or recurring contribution", MEDUZA, 0),
        ("Станьце прыхільнікам «Белсата»", {"publisher": "Belsat", "regions": ("RU",)}, 0),  # Belarusian
        ("Підтримайте незалежну журналістику", {"publisher": "RFE/RL", "regions": ("RU",)}, 0),  # Ukrainian
    ],
)
def test_a_call_in_any_form_is_one_flag_at_the_call(pack, ctx, call, context, verb_at):
    [found] = flags(pack, ctx, page(f"Мы работаем для вас. {call}."), **context)
    assert found.status == "flagged"
    assert (found.location.line, found.location.column) == (3, 25 + verb_at)  # at its verb
    assert found.text.startswith(call)
    assert "Donation call shown to readers in Russia" in found.message
    assert call in found.message


@pytest.mark.parametrize(
    "text",
    [
        "Фонд собрал пожертвования на лечение детей.",  # news about donations
        "Губернатор призвал жителей пожертвовать кровь.",  # an infinitive in a news sentence
        "Подпишитесь на нашу рассылку, чтобы не пропустить главное.",  # a newsletter
        "Поддержите пострадавших от наводнения: волонтёры собирают вещи.",  # support for others
        "Зрители поддержали «Дождь» в соцсетях.",  # a past tense
        "The foundations that support us are listed below.",  # not addressed to the reader
        "Readers donate to many causes.",
        "Join our newsletter.",
        "Станьте свидетелем истории: смотрите эфир.",
        "Если вы в России, не поддерживайте «Дождь» деньгами: это опасно.",  # a warning
        "Please do not donate from Russia.",
        "Помогите нам найти очевидцев.",  # help, not money
    ],
)
def test_news_newsletters_and_other_appeals_are_not_calls(pack, ctx, text):
    assert flags(pack, ctx, page(text)) == []


# --- a call and its link are one call to action ---------------------------------------------------


def test_a_link_whose_text_is_the_call_is_one_flag_at_the_call(pack, ctx):
    html = page('Спасибо. <a href="https://www.patreon.com/tvrain">Поддержите «Дождь» на Patreon</a>')
    [found] = flags(pack, ctx, html)
    assert (found.location.line, found.location.column) == (3, 54)
    assert found.text == "Поддержите «Дождь» на Patreon"


def test_a_call_followed_by_its_link_in_the_block_is_one_flag_at_the_call(pack, ctx):
    html = page('Поддержите нас: <a href="https://www.paypal.me/tvrain">PayPal</a>, '
                '<a href="https://boosty.to/tvrain">Boosty</a> или <a href="https://tvrain.tv/donate/">карта</a>.')
    [found] = flags(pack, ctx, html)
    assert (found.location.line, found.location.column) == (3, 4)
    assert found.text.startswith("Поддержите нас: PayPal, Boosty или карта")


def test_a_pitch_over_its_one_button_is_one_flag_quoting_the_pitch(pack, ctx):
    html = (
        '<h1>News</h1><p>Story.</p><aside class="contribute"><p>We keep reporting. Please consider supporting '
        'our independent journalism.</p><a href="https://www.themoscowtimes.com/contribute">Contribute today</a>'
        "</aside>"
    )
    found = flags(pack, ctx, html, publisher="The Moscow Times", regions=("RU",))
    assert [r.text for r in found] == ["Please consider supporting our independent journalism."]


def test_a_pitch_and_a_button_in_boxes_of_their_own_are_two_flags(pack, ctx):
    html = (
        '<h1>Вечер</h1><p>Новости.</p><div class="Support"><p>Поддержите нас: USDT (TRC-20) TQx7b9mMeduza</p></div>'
        '<div class="Support"><p><a href="https://www.paypal.com/donate/?hosted_button_id=M">Помочь через PayPal</a>'
        "</p></div>"
    )
    found = flags(pack, ctx, html, publisher="Meduza", regions=("RU",))
    assert [r.text for r in found] == ["Поддержите нас: USDT (TRC-20) TQx7b9mMeduza", "Помочь через PayPal"]


def test_calls_in_separate_blocks_are_separate_flags(pack, ctx):
    html = page("Станьте нашим спонсором.", '<a href="/about">Стать сторонником</a>', "Другой текст.")
    found = flags(pack, ctx, html)
    assert [(r.location.line, r.text) for r in found] == [
        (3, "Станьте нашим спонсором."), (4, "Стать сторонником")
    ]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a heading over payment links is part of them: one flag per payment option
        (['<h3>Поддержать The Insider</h3>', '<a href="https://boosty.to/x">Разовый перевод через Boosty</a>',
          '<a href="https://buy.stripe.com/x">Ежемесячный платеж картой</a>'],
         ["Разовый перевод через Boosty", "Ежемесячный платеж картой"]),
        # two buttons and no call around them: two calls
        (['<a href="https://donate.stripe.com/a">Give once</a> <a href="https://donate.stripe.com/b">Give monthly</a>'],
         ["Give once", "Give monthly"]),
        # a call and a wallet address in one block: one
        (["Поддержите нас: мы живём на пожертвования. USDT (TRC-20): TQ7x9vKp2mLwR8sYcN4bJ6hE1dFzA5uG3k"],
         ["Поддержите нас: мы живём на пожертвования. USDT (TRC-20): TQ7x9vKp2mLwR8sYcN4bJ6hE1dFzA5uG3k"]),
        # a donation form under its heading: one, at the heading
        (['<h3>Support our research</h3><iframe src="https://donorbox.org/embed/x" title="Donation form"></iframe>'],
         ["Support our research"]),
        # a call for someone else's fund, linked to it: none
        (['Помогите пострадавшим: <a href="https://orsk-pomosh.ru/donate">пожертвуйте фонду</a>.'], []),
    ],
)
def test_one_flag_per_call_to_action_as_a_reader_meets_it(pack, ctx, paragraphs, expected):
    assert [r.text for r in flags(pack, ctx, page(*paragraphs))] == expected


# --- risky addresses without a call ----------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "https://www.patreon.com/someone",
        "https://paypal.me/someone",
        "https://www.paypal.com/donate/?hosted_button_id=X",
        "https://boosty.to/someone",
        "https://www.buymeacoffee.com/someone",
        "https://ko-fi.com/someone",
        "https://liberapay.com/someone",
        "https://opencollective.com/someone",
        "https://donate.stripe.com/abc",
        "https://support.tvrain.tv/",  # the outlet's own support site
        "https://tvrain.tv/ru/donate/",  # the outlet's own donation page
        "/support",  # a relative link stays on the outlet's site
    ],
)
def test_a_payment_or_donation_address_is_one_flag_at_its_text(pack, ctx, href):
    [found] = flags(pack, ctx, page(f'Подробнее <a href="{href}">здесь</a>.'))
    assert (found.location.line, found.location.column, found.text) == (3, 25 + len(href), "здесь")
    assert href in found.message or "здесь" in found.message


@pytest.mark.parametrize(
    "href",
    [
        "https://support.google.com/accounts",  # someone else's help centre
        "https://www.paypal.com/us/home",  # the company, not a payment page
        "https://tvrain.tv/news/2026/11/01/story",
        "https://join.example.org/",  # join. on someone else's site
        "https://donate.example.org/",  # someone else's donation page: no money to the outlet
        "https://www.example.org/donate",
    ],
)
def test_other_addresses_are_not_flagged(pack, ctx, href):
    assert flags(pack, ctx, page(f'Подробнее <a href="{href}">здесь</a>.')) == []


def test_a_crypto_wallet_is_a_way_to_donate(pack, ctx):
    [found] = flags(pack, ctx, page("USDT: TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"))
    assert (found.location.line, found.location.column) == (3, 10)


# --- when the rule applies -------------------------------------------------------------------------


def test_a_publisher_that_is_not_designated_or_readers_outside_russia_get_no_flag(pack, ctx):
    html = page('Поддержите нас: <a href="https://www.patreon.com/x">Patreon</a>')
    assert flags(pack, ctx, html, publisher="Daily Planet", regions=("RU",)) == []
    assert flags(pack, ctx, html, publisher="Meduza", regions=("DE", "LV")) == []


# --- the same risk for the other flag rules --------------------------------------------------------


def test_a_picture_link_and_its_title_to_one_page_are_one_material_link(pack, ctx):
    html = page('<a href="https://meduza.io/feature/1"><img src="a.jpg"></a> '
                '<a href="https://meduza.io/feature/1">Как это было</a>')
    found = flags(pack, ctx, html, rule=MATERIAL, jurisdictions=("RU",))
    assert [r.text for r in found] == ["https://meduza.io/feature/1"]  # the picture has no words


def test_two_different_pages_of_the_site_are_two_material_links(pack, ctx):
    html = page('<a href="https://meduza.io/feature/1">Первый</a> и <a href="https://meduza.io/feature/2">второй</a>')
    assert len(flags(pack, ctx, html, rule=MATERIAL, jurisdictions=("RU",))) == 2


def test_one_video_with_several_sources_is_one_embed(pack, ctx):
    html = page("Смотрите:") + (
        '<video controls src="https://www.rt.com/v/1.mp4"><source src="https://www.rt.com/v/1.webm">'
        '<source src="https://www.rt.com/v/1.mp4"></video>\n'
        '<object data="https://www.rt.com/p.swf"><embed src="https://www.rt.com/p.swf"></object>\n'
    )
    found = flags(pack, ctx, html, rule=EMBED, jurisdictions=("DE",))
    assert [r.text for r in found] == ["https://www.rt.com/v/1.mp4", "https://www.rt.com/p.swf"]


# --- through the command line ----------------------------------------------------------------------


def test_the_command_line_reports_one_flag_per_call_and_fails(cli, tmp_path: Path):
    article = tmp_path / "donate.html"
    article.write_text(
        "<h1>Поддержите независимую журналистику</h1>\n"
        "<p>Мы работаем без рекламы. Станьте нашим сторонником: "
        '<a href="https://support.tvrain.tv/">оформите подписку</a>.</p>\n'
        '<p><a href="https://www.patreon.com/tvrain"><img src="p.png"> Patreon</a></p>\n'
        "<p>Фонд «Помощь» собрал пожертвования для пострадавших.</p>\n",
        encoding="utf-8",
    )
    run = cli("check", str(article), "--publisher", "TV Rain", "--region", "RU", "--format", "json")
    assert run.exit_code == 1
    [document] = run.json["documents"]
    found = [(f["location"]["line"], f["location"]["column"], f["text"]) for f in document["flags"]
             if f["rule"] == DONATION]
    # The headline's call introduces the payment links below it: it is part of them.
    assert found == [
        (2, 29, "Станьте нашим сторонником: оформите подписку."),
        (3, 63, "Patreon"),
    ]
    text = cli("check", str(article), "--publisher", "TV Rain", "--region", "RU")
    assert text.exit_code == 1
    assert text.stdout.count("FLAGGED") == 2
    clean = cli("check", str(article), "--publisher", "TV Rain", "--region", "DE", "--format", "json")
    assert [f for f in clean.json["documents"][0]["flags"] if f["rule"] == DONATION] == []


# --- calls to share, like and comment (ru.undesirable.share-cta) ------------------------------------

SHARE = "ru.undesirable.share-cta"


@pytest.mark.parametrize(
    "call",
    [
        "Поделитесь этой статьей с друзьями",
        "Поделиться в соцсетях",  # an infinitive button
        "Сделайте репост",
        "Репостните эту запись",  # an imperative the dictionary does not derive, written out
        "Поставьте лайк",
        "Оставьте комментарий",
        "Share this story",
        "Leave a comment below",
        "Падзяліцеся з сябрамі",  # Belarusian
        "Поділіться з друзями",  # Ukrainian
        "Перешлите этот пост тем, кто думает, что за комментарии не штрафуют",  # to forward
        "Forward this email to a friend",  # a newsletter's footer
    ],
)
def test_a_call_to_share_like_or_comment_is_one_flag(pack, ctx, call):
    [found] = flags(pack, ctx, page(f"Мы работаем для вас. {call}."), rule=SHARE, **MEDUZA)
    assert found.text.startswith(call)


@pytest.mark.parametrize(
    "text",
    [
        "Поделитесь с нами своей историей: tips@example.org.",  # a tip line
        "Share your story with us.",
        "Читатели поделились постом тысячи раз.",  # news about sharing
        "Прокуратура призвала не делать репосты.",
        "Readers who like this story were fined.",
        "Не делайте репост, если вы в России.",  # a warning
        "Не пересылайте этот пост, если вы в России.",
        "Отправьте нам свои истории: tips@example.org.",  # a tip line
        "If you are in Belarus, do not subscribe to, like, comment on or repost our content.",  # a negated list
    ],
)
def test_tip_lines_news_and_warnings_are_not_calls_to_share(pack, ctx, text):
    assert flags(pack, ctx, page(text), rule=SHARE, **MEDUZA) == []


@pytest.mark.parametrize(
    "href",
    [
        "https://vk.com/share.php?url=x",
        "https://t.me/share/url?url=x",
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "https://twitter.com/intent/tweet?url=x",
        "https://x.com/intent/post?url=x",
        "https://connect.ok.ru/offer?url=x",
        "https://www.linkedin.com/sharing/share-offsite/?url=x",
    ],
)
def test_a_share_endpoint_is_flagged(pack, ctx, href):
    assert len(flags(pack, ctx, page(f'Текст <a href="{href}">здесь</a>.'), rule=SHARE, **MEDUZA)) == 1


@pytest.mark.parametrize(
    "href",
    ["https://vk.com/meduzaproject", "https://t.me/meduzalive", "https://www.facebook.com/meduzaproject",
     "https://x.com/meduzaproject", "https://ok.ru/meduza", "https://vk.com/wall-1_2"],
)
def test_the_outlets_own_accounts_and_posts_are_no_share_button(pack, ctx, href):
    assert flags(pack, ctx, page(f'Текст <a href="{href}">здесь</a>.'), rule=SHARE, **MEDUZA) == []


def test_a_row_of_share_buttons_in_list_items_is_one_flag_and_its_warning_clears_it(pack, ctx):
    row = ('<ul class="share"><li><a href="https://vk.com/share.php?url=x">VK</a></li>'
           '<li><a href="https://t.me/share/url?url=x">Telegram</a></li>'
           '<li><button class="share-copy">Копировать ссылку</button></li></ul>')
    [found] = flags(pack, ctx, page(row), rule=SHARE, **MEDUZA)
    assert found.text == "VK · Telegram · Копировать ссылку"
    warning = ("<aside><p>«Медуза» признана в России «нежелательной организацией». Если вы находитесь в России, "
               "за репост вам грозит штраф.</p></aside>")
    assert flags(pack, ctx, page(row) + warning, rule=SHARE, **MEDUZA) == []


def test_share_widgets_built_by_a_script_and_expert_comments_and_recommendations(pack, ctx):
    """The Yandex share widget is an empty element and a script: the script is the share row. An
    expert's comment and a "you may also like" box are article content, not widgets."""
    widget = ('<div class="ya-share2" data-services="vk,telegram"></div>'
              '<script src="https://yastatic.net/share2/share.js"></script>')
    [found] = flags(pack, ctx, page("Текст.") + widget, rule=SHARE, **MEDUZA)
    assert found.text == "https://yastatic.net/share2/share.js"
    content = ('<blockquote class="comment"><p>«Это ошибка», — говорит эксперт.</p></blockquote>'
               '<div class="you-may-like"><p><a href="/news/2">Другая новость</a></p></div>')
    assert flags(pack, ctx, page("Текст.") + content, rule=SHARE, **MEDUZA) == []


@pytest.mark.parametrize(
    "text", ["Leave this page open.", "Поставьте этот материал в закладки.", "Like this, the talks ended."],
)
def test_a_verb_with_another_groups_object_or_a_figure_of_speech_is_no_call(pack, ctx, text):
    assert flags(pack, ctx, page(text), rule=SHARE, **MEDUZA) == []


def test_a_warning_still_clears_the_share_row_when_the_newsroom_disables_the_warning_rule(pack, ctx):
    row = '<div class="share"><a href="https://vk.com/share.php?url=x">VK</a></div>'
    warning = ("<aside><p>«Медуза» признана в России «нежелательной организацией». Если вы находитесь в России, "
               "за репост вам грозит штраф.</p></aside>")
    configured = pack.configured(disable=["ru.undesirable.reader-warning"])
    doc = load_bytes((page("Текст.") + warning + row).encode(), "page.html", "html")
    results = check_document(doc, configured, ctx(**MEDUZA)).results
    assert [r.rule for r in results if r.rule.startswith("ru.undesirable.")] == []
    bare = load_bytes((page("Текст.") + row).encode(), "page.html", "html")
    assert [r.rule for r in check_document(bare, configured, ctx(**MEDUZA)).results if r.rule == SHARE] == [SHARE]


def test_icon_buttons_without_text_are_found_by_their_label_and_a_row_of_them_is_one_flag(pack, ctx):
    icons = ('<div class="toolbar"><button class="btn" aria-label="Поделиться"><svg><path d="M0"/></svg></button>'
             '<button class="btn like-button" title="Нравится"><svg></svg></button>'
             '<button class="btn" aria-label="Сохранить"><svg></svg></button></div>')
    [found] = flags(pack, ctx, page("Текст.") + icons, rule=SHARE, **MEDUZA)
    assert found.text == "Поделиться · Нравится"
    assert (found.location.line, found.location.column) == (4, 22)  # at the first button's tag
    # A button with words is found by its words, once; one that only saves is none.
    assert [r.text for r in flags(pack, ctx, page('<button class="share">Поделиться</button>'), rule=SHARE,
                                  **MEDUZA)] == ["Поделиться"]
    assert flags(pack, ctx, page("Текст.") + '<button aria-label="Сохранить"><svg></svg></button>', rule=SHARE,
                 **MEDUZA) == []


@pytest.mark.parametrize(
    ("line", "context"),
    [
        ("💛 Поддержать «Дождь»: tvrain.tv/donate", TV_RAIN),  # an infinitive after an emoji, as a bullet
        ("👉🏻 Support TV Rain", TV_RAIN),
        # a Belarusian imperative mid-sentence
        ("І падтрымайце Белсат: belsat.eu/donate.", {"publisher": "Belsat", "regions": ("RU",)}),
        ("А також підтримайте нашу роботу.", {"publisher": "RFE/RL", "regions": ("RU",)}),  # a Ukrainian one
    ],
)
def test_a_call_after_an_emoji_or_in_a_belarusian_or_ukrainian_sentence(pack, ctx, line, context):
    [found] = flags(pack, ctx, f"Новости дня.\n\n{line}\n", fmt="text", **context)
    assert found.location.line == 3


def test_an_infinitive_after_a_word_is_still_no_call(pack, ctx):
    assert flags(pack, ctx, "Новости.\n\nЗрители решили поддержать «Дождь» рублем.\n", fmt="text", **TV_RAIN) == []
