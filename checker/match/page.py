"""A document prepared for the checks: normalised blocks, names found, the context it is read in."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import date
from functools import cached_property
from itertools import accumulate, repeat
from operator import add
from typing import Any, TypeVar, cast

from checker.context import Context
from checker.documents.model import FOOTER, HEADLINE, HIDDEN, OTHER, Block, Document
from checker.lists.model import Entry
from checker.match.evidence import FULL, SENTENCE_START
from checker.match.names import NameHit, NameIndex, resolve
from checker.match.normalise import NormalText, lower_aligned, normalise, respell_slips, visible
from checker.match.patterns import Phrasings
from checker.match.screen import Screen, Screening
from checker.report import Location

# Blocks are normalised and matched as one text, joined by a character that is neither white
# space nor a word character, so that nothing matches across two blocks.
_SEPARATOR = "\x00"
_LINE_END = "*^0123456789¹²³⁴⁵⁶⁷⁸⁹†,;."  # footnote markers and punctuation that may end a line of names

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A sentence ends at . ! ? … before a capital or a digit, but not after an initial ("А. Пивоваров").
_SENTENCE_END = re.compile(r"(?<!\b\w)[.!?…]+\"?\s+(?=[\"(\[]?[A-ZА-Я0-9])")

T = TypeVar("T")
Span = tuple[int, int, int]  # block index, start, end (offsets in the block's normalised text)


def sentence_breaks(text: str) -> list[int]:
    """Offsets where sentences of `text` start (after the first)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


class Page:
    def __init__(
        self, doc: Document, ctx: Context, index: NameIndex, publisher: tuple[Entry, ...], screen: Screen | None = None
    ):
        self.doc = doc
        self.ctx = ctx
        self.publisher = publisher  # entries the publisher resolved to
        self.blocks = doc.blocks
        sources = [b.text for b in doc.blocks]
        # Normalising keeps every separator and makes none: one part per block.
        self.joined = normalise(_SEPARATOR.join(sources))
        parts = self.joined.split(_SEPARATOR)
        if len(parts) > len(sources):  # a block holds the separator itself (rare)
            sources = [source.replace(_SEPARATOR, " ") for source in sources]
            self.joined = normalise(_SEPARATOR.join(sources))
            parts = self.joined.split(_SEPARATOR)
        self._sources = sources
        self.joined_lower = lower_aligned(self.joined)
        respelled = respell_slips(self.joined, self._joined_utf8)
        if respelled is not self.joined:  # a Latin letter typed in a Cyrillic word: the word as read
            self.joined, self.joined_lower = respelled, lower_aligned(respelled)
            del self._joined_utf8
        # Where each block starts: after the blocks before it, each with its separator.
        self.starts = list(accumulate(map(add, map(len, parts[:-1]), repeat(1)), initial=0))
        self._index = index
        self._texts: dict[int, NormalText] = {}
        self._sentences: dict[int, list[int]] = {}
        self._derived: dict[Hashable, Any] = {}
        self._screen = screen  # the phrasings that match nowhere on the page need no scan
        self._found: dict[int, tuple[Phrasings, list[tuple[int, Span]]]] = {}  # by id() of the phrasings
        self._encoded: dict[int, bytes] = {}

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` derives from the page, made once: the checks of several rules share it
        (the article's layout, the footnotes of a marker, where the visible blocks stand)."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])

    @property
    def as_of(self) -> date:
        return self.ctx.as_of

    def text(self, i: int) -> NormalText:
        """Block i's normalised text."""
        if i not in self._texts:
            start = self.starts[i]
            end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.joined)
            self._texts[i] = NormalText(self._sources[i], self.joined[start:end], self.joined_lower[start:end])
        return self._texts[i]

    def _local(self, start: int, end: int) -> Span:
        i = bisect_right(self.starts, start) - 1
        return i, start - self.starts[i], end - self.starts[i]

    @cached_property
    def _joined_utf8(self) -> bytes:
        """The page's lower-case text in UTF-8, as RE2 reads it: encoded once for every scan."""
        return self.joined_lower.encode("utf-8")

    def find(self, phrasings: Phrasings) -> list[Span]:
        """Every match of the phrasings in the page, in any block, visible or hidden."""
        return [span for _, span in self.find_tagged(phrasings)]

    def find_tagged(self, phrasings: Phrasings) -> list[tuple[int, Span]]:
        """Like find, with the number of the group of phrasings each match comes from. Scanned
        once per page (several rules scan for the same wording), and not at all when the
        screen tells that the phrasings match nowhere in the page."""
        found = self._found.get(id(phrasings))
        if found is None or found[0] is not phrasings:
            spans = [
                (tag, self._local(start, end))
                for tag, start, end in phrasings.tagged(self.joined_lower, self._joined_utf8)
            ] if self._may_match(phrasings) else []
            found = self._found[id(phrasings)] = (phrasings, spans)
        return list(found[1])

    def may_contain(self, phrasings: Phrasings) -> bool:
        """False when no block of the page can match the phrasings: phrases match a block's text
        where they match the page's text, and the screen tells that they match nowhere in it."""
        return not phrasings.phrases_only or self._may_match(phrasings)

    def encoded(self, i: int) -> bytes:
        """Block i's lower-case text in UTF-8, as RE2 reads it: encoded once for every rule that
        scans the block."""
        if i not in self._encoded:
            self._encoded[i] = self.text(i).lower.encode("utf-8")
        return self._encoded[i]

    def _may_match(self, phrasings: Phrasings) -> bool:
        """False when the screen tells that the phrasings match nowhere in the page."""
        if self._screen is None or not phrasings:
            return True
        screening, matching = self._screening
        number = screening.numbers.get(id(phrasings))
        if number is None:  # new to the screen: scanned here, screened from the next page on
            self._screen.learn(phrasings)
            return True
        return matching is None or number in matching

    @cached_property
    def _screening(self) -> tuple[Screening, frozenset[int] | None]:
        """The screen's set, and the numbers of its phrasings that match the page somewhere."""
        assert self._screen is not None
        screening = self._screen.screening()
        return screening, screening.matching(self._joined_utf8)

    @cached_property
    def name_mentions(self) -> list[tuple[int, NameHit]]:
        """Designated names in the page, settled together (`names.resolve`): each certain, or
        with the reason it needs review. Only visible text can name a person for the reader, so
        hidden blocks keep their certain hits and nothing else."""
        raw = self._index.find(self.joined_lower, self.joined)
        shown = [h for h in raw if self.blocks[bisect_right(self.starts, h.start) - 1].visible]
        hidden = [
            replace(h, evidence=FULL) if h.evidence == SENTENCE_START else h
            for h in raw
            if (h.certain or h.evidence == SENTENCE_START)
            and not self.blocks[bisect_right(self.starts, h.start) - 1].visible
        ]
        found = []
        settled = resolve(shown, self._lines_apart(shown), self._headline_spans())
        for hit in sorted(settled + hidden, key=lambda h: h.start):
            block, start, end = self._local(hit.start, hit.end)
            found.append((block, NameHit(start, end, hit.entries, hit.evidence, hit.review)))
        return found

    def _lines_apart(self, hits: list[NameHit]) -> str:
        """The joined text, a name that stands alone on a line of its block set apart from the
        lines around it as blocks are («Игорь Бутман / Земфира* / Алексей Козлов», signatories
        one a line): the words of other lines are other names, not what says who it is."""
        text = self.joined
        cuts: list[int] = []
        for hit in hits:
            i, start, end = self._local(hit.start, hit.end)
            source = self._sources[i]
            if "\n" not in source:
                continue
            a, b = self.text(i).to_source(start), self.text(i).to_source(end - 1) + 1
            line_start, line_end = source.rfind("\n", 0, a) + 1, source.find("\n", b)
            rest = source[b:] if line_end < 0 else source[b:line_end]
            if source[line_start:a].strip() or rest.strip(_LINE_END + " \t"):
                continue
            after = hit.end
            while after < len(text) and text[after] in _LINE_END:
                after += 1
            cuts += [k for k in (hit.start - 1, after) if 0 <= k < len(text) and text[k] == " "]
        if not cuts:
            return text
        letters = list(text)
        for k in cuts:
            letters[k] = _SEPARATOR
        return "".join(letters)

    def _headline_spans(self) -> list[tuple[int, int]]:
        """Where the visible headlines and headings stand in the joined text."""
        starts, blocks = self.starts, self.blocks
        return [
            (starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.joined))
            for i in self.visible
            if blocks[i].zone == HEADLINE or blocks[i].tag in HEADINGS
        ]

    @cached_property
    def mentions_by_block(self) -> dict[int, list[NameHit]]:
        """name_mentions grouped by block, for checks that look at a mention's neighbours."""
        grouped: dict[int, list[NameHit]] = {}
        for i, hit in self.name_mentions:
            grouped.setdefault(i, []).append(hit)
        return grouped

    @cached_property
    def name_hits(self) -> list[tuple[int, NameHit]]:
        """The certain mentions: (block index, hit in that block's text)."""
        return [(i, hit) for i, hit in self.name_mentions if hit.certain]

    def sentence(self, i: int, start: int, end: int) -> tuple[int, int]:
        """Bounds of the sentence of block i around [start, end)."""
        if i not in self._sentences:
            self._sentences[i] = sentence_breaks(self.text(i).text)
        breaks = self._sentences[i]
        n = bisect_right(breaks, start)
        left = breaks[n - 1] if n else 0
        m = bisect_right(breaks, end - 1)
        right = breaks[m] if m < len(breaks) else len(self.text(i).lower)
        return left, right

    def entries_for_host(self, host: str) -> list[Entry]:
        return self._index.entries_for_host(host)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the lists the page is checked against."""
        return self._index.entries

    @cached_property
    def visible(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.zone != HIDDEN]  # b.visible, without a call

    @cached_property
    def hidden(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.zone == HIDDEN]

    @cached_property
    def reading(self) -> list[int]:
        """Visible blocks of the article itself: page furniture (navigation, asides) left out."""
        return [i for i in self.visible if self.blocks[i].zone != OTHER]

    @cached_property
    def headline(self) -> int | None:
        return next((i for i in self.reading if self.blocks[i].zone == HEADLINE), None)

    def in_footer(self, i: int) -> bool:
        return self.blocks[i].zone == FOOTER

    def location(self, i: int, offset: int = 0) -> Location:
        block: Block = self.blocks[i]
        line, column = block.locate(self.text(i).to_source(offset))
        return Location(line, column)

    def source_text(self, i: int, start: int, end: int) -> str:
        """The source's words for text(i)[start:end], as a reader sees them (`visible`)."""
        text = self.text(i)
        return visible(text.source[text.to_source(start) : text.to_source(end - 1) + 1])
