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
from collections import Counter
from dataclasses import dataclass
from functools import cache

from checker import lexicon
from checker.documents.model import HEADLINE, OTHER, Block, Document

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TOKENS = re.compile(r"[^\W_]+")
_BYLINE_WORDS = 12  # a byline or credit line is at most this long
_DATE_WORDS = 10  # and so is a date line


@dataclass(frozen=True)
class Layout:
    """Blocks are named by their position in `Document.blocks` (which, once suppression
    directives are taken out, need not be their `index`)."""

    headline: int | None  # the article's headline
    counted: tuple[int, ...]  # the article's headline and text blocks, in reading order
    furniture: frozenset[int]  # blocks that never count and never hold a notice

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
    furniture = frozenset(i for i, b in enumerate(blocks) if is_furniture(b))
    headline = _headline(doc, furniture)
    inside = _article_blocks(blocks, headline)
    counted = tuple(
        i
        for i, b in enumerate(blocks)
        if b.visible
        and (i == headline or (b.zone not in (OTHER, HEADLINE) and i not in furniture))
        and (inside is None or i in inside or i == headline)
    )
    return Layout(headline, counted, furniture)


def is_furniture(block: Block) -> bool:
    tags, words = _furniture_elements()
    if any(f.tag in tags or not words.isdisjoint(f.words) for f in block.frames):
        return True
    tokens = _TOKENS.findall(block.text.lower())
    return _is_byline(tokens) or _is_date_line(tokens) or _is_dated_line(block.text, tokens)


def is_heading(block: Block) -> bool:
    return block.zone == HEADLINE or block.tag in _HEADINGS


def _headline(doc: Document, furniture: frozenset[int]) -> int | None:
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


def _article_blocks(blocks: tuple[Block, ...], headline: int | None) -> set[int] | None:
    """The blocks of the element that holds the article, or None when no element does."""
    tags, words = _article_elements()
    holders: dict[int, set[int]] = {}
    text: Counter[int] = Counter()
    for i, block in enumerate(blocks):
        for frame in block.frames:
            if frame.tag in tags or not words.isdisjoint(frame.words):
                holders.setdefault(frame.id, set()).add(i)
                text[frame.id] += len(block.text) if block.visible else 0
    if not holders:
        return None
    around = [f.id for f in blocks[headline].frames if f.id in holders] if headline is not None else []
    if around:
        return holders[around[-1]]  # the innermost that holds the headline
    return holders[max(holders, key=lambda fid: (text[fid], -fid))]


def _is_byline(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > _BYLINE_WORDS:
        return False
    return any(tokens[: len(start)] == start for start in _byline_starts())


def _is_date_line(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > _DATE_WORDS or not any(t.isdigit() for t in tokens):
        return False
    exact, stems = _date_words()
    return all(t.isdigit() or t in exact or t.startswith(stems) for t in tokens)


def _is_dated_line(text: str, tokens: list[str]) -> bool:
    """A short line that is no sentence and dates something: "2 ноября 2026 · Отдел экологии"."""
    if not tokens or len(tokens) > _BYLINE_WORDS or text.rstrip().endswith((".", "!", "?", ":")):
        return False
    exact, stems = _date_words()
    for before, after in zip(tokens, tokens[1:]):
        for number, word in ((before, after), (after, before)):
            if number.isdigit() and len(word) >= 3 and (word in exact or word.startswith(stems)):
                return True
    return False


@cache
def _furniture_elements() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("page_furniture")


@cache
def _article_elements() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("article_containers")


@cache
def _byline_starts() -> tuple[list[str], ...]:
    return tuple(p.lower().split() for phrases in lexicon.by_language("byline_starts").values() for p in phrases)


@cache
def _date_words() -> tuple[frozenset[str], tuple[str, ...]]:
    words = [w.lower() for phrases in lexicon.by_language("date_words").values() for w in phrases]
    return frozenset(w for w in words if not w.endswith("*")), tuple(w[:-1] for w in words if w.endswith("*"))
