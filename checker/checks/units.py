"""Notice units: the stretches of text a notice can stand in, and what tells a notice to readers
from text that reports a designation.

A unit is one block (a paragraph, a disclaimer, an aside, a block quote, a footer item) or
adjacent blocks inside one container: the same parent element, or the same notice-like element
(a footer, a disclaimer box). Headlines, headings, page furniture (`documents.layout`) and
blocks that are a link and nothing else (teasers of other articles, menus; unless the notice
is itself a link) are never part of one. What a unit says about itself (the lexicon's `notice_*` keys, per language):

- `container`: it stands in a notice-like element (`notice_containers`: `<aside>`, `<footer>`,
  `<small>`, class or role disclaimer, warning, notice, alert...), or in a plain text's footer;
- `address`: it speaks to the reader ("if you are in Russia", «вы», «калі вы», «якщо ви»);
- `own`: the publisher speaks of itself or of this material ("our content", «настоящий материал»);
- `dense`: it is short and made mostly of the notice's own wording (a formula such as FARA's);
- `reporting`: it reports what someone else said (said, заявил, паведаміў, according to);
- `quoted`: most of it stands inside quotation marks, or it is a line of dialogue (it opens
  with a dash, as interview answers do). Words in quotation marks are someone else's: they
  give the unit no signal.

A unit is notice-like when one of the signals its rule accepts (`signals`: a reader warning
takes `container` and `address`, a statutory statement `own`, `container` and `dense`) holds,
unless it is a quotation, or reports what others said outside a notice-like element. A unit of
several blocks stands in a notice-like element; in running text each paragraph stands alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from checker import lexicon
from checker.documents.layout import Layout, is_heading
from checker.documents.model import FOOTER, Block
from checker.match.page import Page
from checker.match.patterns import Phrasings, compile_groups

Hit = tuple[int, int, int]  # block index, start, end (normalised offsets)

_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')
_QUOTE_WORDS = 6  # a quotation, not a quoted term: at least this many words in quotes
_SPOKEN = re.compile(r"-\s")  # dashes are folded to "-": "— Если вы в России..." is someone speaking
# Scripts written without spaces between words: their phrases match inside longer runs.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CUES = ("notice_address", "notice_self", "notice_reporting")
ADDRESS, OWN, REPORTING = range(3)
SIGNALS = ("container", "address", "own", "dense")  # what a rule may accept as making a notice


@dataclass(frozen=True)
class Signals:
    container: bool
    address: bool
    own: bool
    dense: bool
    reporting: bool
    quoted: bool

    def notice_like(self, accepted: frozenset[str]) -> bool:
        """Whether one of the `accepted` signals (SIGNALS) makes the unit a notice, and it is
        neither a quotation nor a report outside a notice-like element."""
        if self.quoted or (self.reporting and not self.container):
            return False
        return any(getattr(self, name) for name in accepted)

    def words(self) -> list[str]:
        named = ("container", "address", "own", "dense", "reporting", "quoted")
        return [name for name in named if getattr(self, name)]


@dataclass(frozen=True)
class Unit:
    blocks: tuple[int, ...]
    visible: bool
    hits: Mapping[int, Hit]  # element number -> its first hit in the unit
    signals: Signals

    @property
    def first(self) -> int:
        return self.blocks[0]

    @property
    def last(self) -> int:
        return self.blocks[-1]


@dataclass(frozen=True)
class Wording:
    """What the notice's own words are: every element hit, by element, and every superseded
    hit; the unit's density is how much of it these cover."""

    elements: Mapping[int, Mapping[int, list[Hit]]]  # block -> element -> hits
    extra: Mapping[int, list[Hit]]  # block -> other hits of the notice's wording (old forms)


def units(
    page: Page, layout: Layout, wording: Wording, span: int, max_words: int, density: float, links: bool = False,
    fewest: int = 0,
) -> Iterator[Unit]:
    """Every unit of up to `span` blocks that begins and ends with a block holding the notice's
    wording, with the elements it holds and its signals. Page furniture and a block that is a
    link and nothing else are units only for a notice that is itself a link (`links`: a link to
    the Impressum in the footer's navigation). Units holding fewer than `fewest` elements and no
    superseded wording are left out, their signals unread (a name in a paragraph is worded
    for a notice that names its subject, but it makes no notice alone)."""
    cues = page.derived("notice cues", lambda: _CueBlocks(page))
    eligible = _eligible(page, layout, links)
    frames = page.derived("notice frames", lambda: _NoticeFrames(page.blocks))
    blocks = page.blocks
    worded = set(wording.elements) | set(wording.extra)
    measured: dict[int, _Measure] = {}  # a block's words, as several units that hold it count them
    for visible in (True, False):
        for start in sorted(worded):
            if blocks[start].visible != visible or not eligible[start]:
                continue
            # A unit runs on over the next blocks, each eligible and as visible, while they share
            # a notice-like element.
            chain = [start]
            for i in range(start + 1, min(start + span, len(blocks))):
                if blocks[i].visible != visible or not eligible[i] or not _together(page, chain[-1], i, frames):
                    break
                chain.append(i)
            for k in range(len(chain)):
                if chain[k] in worded and _of_interest(wording, chain[: k + 1], fewest):
                    yield _unit(page, chain[: k + 1], visible, wording, cues, frames, measured, max_words, density)


def _of_interest(wording: Wording, indexes: list[int], fewest: int) -> bool:
    """Whether the blocks hold `fewest` elements, or some superseded wording."""
    if fewest <= 1 or any(i in wording.extra for i in indexes):
        return True
    return len({n for i in indexes for n in wording.elements.get(i, {})}) >= fewest


def _eligible(page: Page, layout: Layout, links: bool) -> Mapping[int, bool]:
    """Block -> whether it may be part of a unit, found when asked (once per page for every
    notice rule). Headings, the headline, and (unless `links`) furniture and blocks that are a
    link and nothing else (a teaser or menu item) are not."""
    found: _Eligible = page.derived(("notice eligible", links), lambda: _Eligible(page, layout, links))
    return found if found.layout is layout else _Eligible(page, layout, links)


class _Eligible(dict[int, bool]):
    """Block -> whether it may be part of a unit (see `_eligible`), found when asked."""

    def __init__(self, page: Page, layout: Layout, links: bool):
        super().__init__()
        self.page, self.layout, self.links = page, layout, links
        self.linked: set[str] | None = None  # the words of the page's links, when first needed

    def __missing__(self, i: int) -> bool:
        block, layout = self.page.blocks[i], self.layout
        if is_heading(block) or i == layout.headline or (not self.links and i in layout.furniture):
            found = False
        elif self.links:
            found = True
        else:
            if self.linked is None:
                texts = [link.text for link in self.page.doc.links if link.text]
                self.linked = set(map(" ".join, map(str.split, texts)))  # each as `_spaced` makes it
            found = _spaced(block.text) not in self.linked
        self[i] = found
        return found


def _spaced(text: str) -> str:
    """The text with its white space collapsed, as a reader sees it."""
    return " ".join(text.split())



class _NoticeFrames(dict[int, frozenset[int]]):
    """Block -> the notice-like elements around it (`_notice_frames`), found when asked."""

    def __init__(self, blocks: tuple[Block, ...]):
        super().__init__()
        self.blocks = blocks

    def __missing__(self, i: int) -> frozenset[int]:
        found = self[i] = _notice_frames(self.blocks[i])
        return found


def _together(page: Page, i: int, j: int, notice_frames: Mapping[int, frozenset[int]]) -> bool:
    """Adjacent blocks of one notice-like element (a footer, a disclaimer box, an aside): running
    text of the article is no container of a notice, its paragraphs stand each on their own."""
    return j == i + 1 and page.blocks[i].zone == page.blocks[j].zone and bool(notice_frames[i] & notice_frames[j])


@dataclass(frozen=True)
class _Measure:
    """How block i of a unit counts: its words, those of the notice's wording, those quoted."""

    words: int
    covered: int
    quoted: int


def _measure(page: Page, i: int, wording: Wording) -> _Measure:
    text = page.text(i).lower
    spans = [(s, e) for found in wording.elements.get(i, {}).values() for _, s, e in found]
    spans += [(s, e) for _, s, e in wording.extra.get(i, [])]
    words = [m.start() for m in _WORD.finditer(text)]
    # A word is covered when a span holds its start: the spans by start, with the furthest
    # end reached so far, answer that by bisection.
    spans.sort()
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))
    covered = sum(1 for w in words if (k := bisect_right(starts, w) - 1) >= 0 and reach[k] > w)
    if _SPOKEN.match(text):  # a line of dialogue or an interview answer: all of it is speech
        quoted = len(words)
    else:
        quotes = (_WORD.findall(m[1]) for m in _QUOTED.finditer(text))
        quoted = sum(len(q) for q in quotes if len(q) >= _QUOTE_WORDS)
    return _Measure(len(words), covered, quoted)


def _unit(
    page: Page,
    indexes: list[int],
    visible: bool,
    wording: Wording,
    cues: Mapping[int, list[tuple[int, int]]],
    notice_frames: Mapping[int, frozenset[int]],
    measured: dict[int, _Measure],
    max_words: int,
    density: float,
) -> Unit:
    hits: dict[int, Hit] = {}
    covered = 0
    total = 0
    quoted = 0
    for i in indexes:
        for n, found in sorted(wording.elements.get(i, {}).items()):
            hits.setdefault(n, found[0])
        if i not in measured:
            measured[i] = _measure(page, i, wording)
        measure = measured[i]
        total += measure.words
        covered += measure.covered
        quoted += measure.quoted
    said = {cue for i in indexes for cue, start in cues[i] if not _inside_quotes(page.text(i).lower, start)}
    shared = frozenset.intersection(*(notice_frames[i] for i in indexes))
    signals = Signals(
        container=bool(shared) or all(page.blocks[i].zone == FOOTER for i in indexes),
        address=ADDRESS in said,
        own=OWN in said,
        dense=0 < total <= max_words and covered >= density * total,
        reporting=REPORTING in said,
        quoted=total > 0 and quoted * 2 >= total,
    )
    return Unit(tuple(indexes), visible, hits, signals)


def _notice_frames(block: Block) -> frozenset[int]:
    tags, words = _containers()
    return frozenset(f.id for f in block.frames if f.tag in tags or not words.isdisjoint(f.words))


class _CueBlocks(dict[int, list[tuple[int, int]]]):
    """Block -> the cues (ADDRESS, OWN, REPORTING) found in it, with where each starts: sought in
    a block when a unit first asks for it, since cue words ("вы", "you") are everywhere on a
    page and only the few blocks that hold a notice's wording are ever asked about."""

    def __init__(self, page: Page):
        super().__init__()
        self.page = page

    def __missing__(self, block: int) -> list[tuple[int, int]]:
        found = [(cue, start) for cue, start, _ in cue_wording().tagged(self.page.text(block).lower)]
        self[block] = found
        return found


def _inside_quotes(text: str, offset: int) -> bool:
    """Whether `offset` stands between quotation marks: someone else's words (quotes are folded
    to `"`, so an odd number of them before it opens a quotation)."""
    return text.count('"', 0, offset) % 2 == 1


@cache
def cue_wording() -> Phrasings:
    return compile_groups(_phrasings(_joined(lexicon.by_language(key).values())) for key in _CUES)


@cache
def _containers() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("notice_containers")


def _joined(groups: Iterable[tuple[str, ...]]) -> list[str]:
    return list(dict.fromkeys(p for group in groups for p in group))


def _phrasings(phrases: Iterable[str]) -> tuple[list[str], list[str]]:
    """(phrases, patterns): phrases in an unspaced script become literal patterns."""
    spaced: list[str] = []
    unspaced: list[str] = []
    for phrase in phrases:
        (unspaced if _UNSPACED.search(phrase) else spaced).append(phrase)
    return spaced, [re.escape(p) for p in unspaced]
