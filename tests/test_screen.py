"""The screen: one scan of a page tells which phrasings match it at all, and finds stay the same."""

from datetime import date

import re2

from checker.context import Context
from checker.documents import load_bytes
from checker.match.names import NameIndex
from checker.match.page import Page
from checker.match.patterns import compile_groups, compile_phrasings
from checker.match.screen import Screen, Screening

WORDING = compile_phrasings(["настоящ* материал*"])
CRYPTO = compile_phrasings(patterns=[r"bc1[a-z0-9]{25,62}"])
EMPTY = compile_phrasings(patterns=[r"x*"])  # matches the empty string everywhere
TAGGED = compile_groups([(["meta"], []), ([], [r"insta\w+"])])
ALL = (WORDING, CRYPTO, EMPTY, TAGGED)

PAGES = [
    "<p>Настоящий материал произведен иностранным агентом.</p><p>Meta и Instagram</p>",
    "<p>Send bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh to us.</p>",
    "<p>Nothing here at all.</p><p hidden>Настоящие материалы</p>",
    "<h1>Meta-analysis</h1><p>meta, instagrammers</p>",
]


def page(html: str, screen: Screen | None) -> Page:
    doc = load_bytes(html.encode(), "page.html")
    return Page(doc, Context(date(2026, 12, 1)), NameIndex([]), (), screen)


def test_the_screen_tells_which_phrasings_match_a_text():
    screen = Screen()
    for phrasings in ALL:
        screen.learn(phrasings)
    screening = screen.screening()
    matching = screening.matching("настоящие материалы, meta".encode())
    assert matching is not None
    number = screening.numbers
    assert number[id(WORDING)] in matching and number[id(TAGGED)] in matching
    assert number[id(CRYPTO)] not in matching
    assert number[id(EMPTY)] in matching


def test_finds_are_the_same_with_the_screen_as_without():
    screen = Screen()
    for _ in range(2):  # the first round learns, the second screens
        for html in PAGES:
            screened, plain = page(html, screen), page(html, None)
            for phrasings in ALL:
                assert screened.find_tagged(phrasings) == plain.find_tagged(phrasings)
                assert screened.find(phrasings) == plain.find(phrasings)
    assert len(screen.screening().numbers) == len(ALL)


def test_a_screened_page_skips_the_scan_of_phrasings_that_match_nowhere():
    screen = Screen()
    page(PAGES[0], screen).find(CRYPTO)  # learnt
    quiet = page(PAGES[0], screen)
    screening, matching = quiet._screening
    assert matching is not None and screening.numbers[id(CRYPTO)] not in matching
    assert not quiet._may_match(CRYPTO) and quiet.find(CRYPTO) == []


def test_a_set_that_cannot_tell_screens_nothing():
    matcher = re2.Set.SearchSet()
    matcher.Add("never")
    matcher.Compile()  # no sentinel: as when RE2 gives up, nothing reported
    assert Screening(matcher, {1: 0}).matching(b"text") is None
    assert Screening(None, {1: -1}).matching(b"text") is None


def test_a_block_is_screened_for_phrases_only():
    screen = Screen()
    label = compile_phrasings(["признан* иноагент*"])
    anchored = compile_phrasings(patterns=[r"^признан"])  # matches a block's start, never the page's
    assert label.phrases_only and not anchored.phrases_only and not compile_groups([(["a"], ["b"])]).phrases_only
    page(PAGES[1], screen).may_contain(label)  # learnt
    english = page(PAGES[1], screen)
    assert not english.may_contain(label)
    assert english.may_contain(anchored)
    russian = page("<p>Он признан иноагентом.</p>", screen)
    assert russian.may_contain(label)
    assert list(label.tagged(russian.text(0).lower, russian.encoded(0))) == list(label.tagged(russian.text(0).lower))
