"""The article inside the page: its headline, and the blocks that count when a notice is placed
"at the beginning" or "directly under the headline".

A page holds more than its article: navigation, a site header, breadcrumbs, the date and byline
lines, images and their captions, sharing bars. Placement is measured from the article's
headline and body, so none of these count. The article is the element that holds it
(`<article>`, `<main>`, `itemprop=articleBody`...: `article_containers` in the lexicon), the one
around the headline when there are several; without one, the whole page. Furniture is known by
its element (`page_furniture`) or, whatever element holds it, as a short line that is a byline
or a date (`byline_starts`, `date_words`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from checker import lexicon
from checker.documents.model import HEADLINE, HIDDEN, OTHER, Block, Document, Frame, FrameKinds, frame_kinds

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NOT_COUNTED = (OTHER, HEADLINE, HIDDEN)  # zones whose blocks count only as the headline
_TOKENS = re.compile(r"[^\W_]+")
_BYLINE_WORDS = 12  # a byline or credit line is at most this long
_DATE_WORDS = 10  # and so is a date line
# A text of more than _BYLINE_WORDS tokens (the match reads no further, however long the text).
_LONG = re.compile(rf"[\W_]*[^\W_]+(?:[\W_]+[^\W_]+){{{_BYLINE_WORDS}}}")


@dataclass(frozen=True)
class Layout:
    """Blocks are named by their position in `Document.blocks` (which, once suppression
    directives are taken out, need not be their `index`)."""

    headline: int | None  # the article's headline
    counted: tuple[int, ...]  # the article's headline and text blocks, in reading order
    furniture: Furniture  # blocks that never count and never hold a notice

    def counts(self, block: int) -> bool:
        """Whether `block` is the article's headline or text (not furniture, not outside it)."""
        at = bisect_left(self.counted, block)
        return at < len(self.counted) and self.counted[at] == block

    def before(self, block: int) -> int:
        """How many counted blocks stand before `block`."""
        return bisect_left(self.counted, block)

    def after(self, block: int) -> int:
        """How many counted blocks stand after `block`."""
        return len(self.counted) - bisect_right(self.counted, block)

    def between_headline_and(self, block: int) -> int | None:
        """How many counted blocks stand between the headline and `block` (None when `block` is
        not after the headline); without a headline, how many stand before `block`."""
        if self.headline is None:
            return self.before(block)
        if block <= self.headline:
            return None
        return self.before(block) - self.before(self.headline) - 1


def layout(doc: Document) -> Layout:
    blocks = doc.blocks
    frames = doc.frames
    furniture = Furniture(blocks, element_frames(frames, _furniture_elements()))
    headline = _headline(doc, furniture)
    inside = _article_blocks(blocks, element_frames(frames, _article_elements()), headline)
    counted = tuple(
        i
        for i, b in enumerate(blocks)
        if (i == headline and b.visible)
        or (b.zone not in _NOT_COUNTED and (inside is None or i in inside) and i not in furniture)
    )
    return Layout(headline, counted, furniture)


class Furniture:
    """Which blocks are page furniture: in an element of `page_furniture`, or short lines that
    are a byline or a date. Each block is tested when first asked about: a page's navigation
    and the footer outside its article are mostly never asked about."""

    def __init__(self, blocks: tuple[Block, ...], furniture_frames: frozenset[Frame]):
        self._blocks = blocks
        self._frames = furniture_frames
        self._known: dict[int, bool] = {}

    def __contains__(self, block: object) -> bool:
        if not isinstance(block, int) or not 0 <= block < len(self._blocks):
            return False
        known = self._known.get(block)
        if known is None:
            b = self._blocks[block]
            known = self._known[block] = not self._frames.isdisjoint(b.frames) or _reads_as_furniture(b.text)
        return known


def is_furniture(block: Block) -> bool:
    return 0 in Furniture((block,), element_frames(frame_kinds(block.frames), _furniture_elements()))


def element_frames(frames: FrameKinds, elements: tuple[frozenset[str], frozenset[str]]) -> frozenset[Frame]:
    """The frames that are one of some elements (by tag or by the words of their attributes),
    each kind of frame tested once (`Document.frames`)."""
    tags, words = elements
    return frozenset(
        frame
        for (tag, frame_words), of_kind in frames.items()
        if tag in tags or not words.isdisjoint(frame_words)
        for frame in of_kind
    )


_REMEMBERED = 200  # texts up to this long are remembered: a site's pages repeat their furniture


def _reads_as_furniture(text: str) -> bool:
    """A short line that is a byline, a date or a dated line, whatever element holds it."""
    return _short_line_furniture(text) if len(text) <= _REMEMBERED else _line_furniture(text)


def _line_furniture(text: str) -> bool:
    if _LONG.match(text):
        # A byline, a date line or a dated line has at most _BYLINE_WORDS words (and lower case
        # has no fewer: no letter or digit loses them all, no other character gains one).
        return False
    tokens = _TOKENS.findall(text.lower())
    if _is_byline(tokens):
        return True
    # A date line and a dated line both hold a number (most short blocks hold none).
    return any(map(str.isdigit, tokens)) and (_is_date_line(tokens) or _is_dated_line(text, tokens))


_short_line_furniture = lru_cache(maxsize=8192)(_line_furniture)


def is_heading(block: Block) -> bool:
    return block.zone == HEADLINE or block.tag in _HEADINGS


def _headline(doc: Document, furniture: Furniture) -> int | None:
    """The article's headline: the first visible headline block (its h1), unless the page's
    JSON-LD names another headline that a block carries (a site logo set as h1 is no headline);
    without an h1, the heading (else any block) whose text is the headline JSON-LD or the
    page's title states."""
    found = next((i for i, b in enumerate(doc.blocks) if b.zone == HEADLINE), None)
    stated = [_key(t) for t in (doc.metadata.headline, doc.metadata.title) if t]
    if found is not None and (doc.metadata.headline is None or _key(doc.blocks[found].text) in stated):
        return found
    if found is not None:
        stated = stated[:1]  # the h1 yields only to the JSON-LD headline
    matching = [
        i for i, b in enumerate(doc.blocks)
        if b.visible and b.zone != OTHER and i not in furniture and _key(b.text) in stated
    ]
    best = next((i for i in matching if doc.blocks[i].tag in _HEADINGS), matching[0] if matching else None)
    return best if best is not None else found


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _article_blocks(
    blocks: tuple[Block, ...], article_frames: frozenset[Frame], headline: int | None
) -> set[int] | None:
    """The blocks of the element that holds the article (one of `article_frames`), or None when
    no element does: the innermost around the headline, else the one with the most text."""
    by_id: dict[int, frozenset[Frame]] = {}
    for frame in article_frames:  # a page has few: <article>, <main>, an articleBody
        by_id[frame.id] = by_id.get(frame.id, frozenset()) | {frame}
    if not by_id:
        return None
    around = [f.id for f in blocks[headline].frames if f.id in by_id] if headline is not None else []
    if around:
        return _held(blocks, by_id[around[-1]])
    holders = {fid: _held(blocks, frames) for fid, frames in by_id.items()}
    text = {fid: sum(len(blocks[i].text) for i in held if blocks[i].visible) for fid, held in holders.items()}
    return holders[max(holders, key=lambda fid: (text[fid], -fid))]


def _held(blocks: tuple[Block, ...], frames: frozenset[Frame]) -> set[int]:
    """The blocks inside any of `frames`."""
    return {i for i, b in enumerate(blocks) if not frames.isdisjoint(b.frames)}


def _is_byline(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > _BYLINE_WORDS:
        return False
    return any(tokens[: len(start)] == start for start in _byline_starts().get(tokens[0], ()))


def _is_date_line(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > _DATE_WORDS or not any(t.isdigit() for t in tokens):
        return False
    return all(t.isdigit() or _is_date_word(t) for t in tokens)


def _is_dated_line(text: str, tokens: list[str]) -> bool:
    """A short line that is no sentence and dates something: "2 ноября 2026 · Отдел экологии"."""
    if not tokens or len(tokens) > _BYLINE_WORDS or text.rstrip().endswith((".", "!", "?", ":")):
        return False
    for before, after in zip(tokens, tokens[1:]):
        for number, word in ((before, after), (after, before)):
            if number.isdigit() and len(word) >= 3 and _is_date_word(word):
                return True
    return False


@lru_cache(maxsize=4096)
def _is_date_word(token: str) -> bool:
    """A word of a date line (a month, a weekday, "updated", "ago"); remembered, as the same words recur."""
    exact, stems = _date_words()
    return token in exact or token.startswith(stems)


@cache
def _furniture_elements() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("page_furniture")


@cache
def _article_elements() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("article_containers")


@cache
def _byline_starts() -> dict[str, tuple[list[str], ...]]:
    """The byline openings, by their first word."""
    starts: dict[str, tuple[list[str], ...]] = {}
    for phrases in lexicon.by_language("byline_starts").values():
        for phrase in phrases:
            words = phrase.lower().split()
            if words:
                starts[words[0]] = (*starts.get(words[0], ()), words)
    return starts


@cache
def _date_words() -> tuple[frozenset[str], tuple[str, ...]]:
    words = [w.lower() for phrases in lexicon.by_language("date_words").values() for w in phrases]
    return frozenset(w for w in words if not w.endswith("*")), tuple(w[:-1] for w in words if w.endswith("*"))
