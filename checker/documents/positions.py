"""Source positions: offsets in a text to (line, column), and trimming a block's anchors."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from checker.documents.model import BODY, Block


class LineIndex:
    """Offsets in a text ↔ 1-based (line, column)."""

    def __init__(self, text: str, line_offset: int = 0):
        self._text = text
        lengths = (len(line) + 1 for line in text.split("\n"))
        self._starts = list(accumulate(lengths, initial=0))
        self._line_offset = line_offset

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1 + self._line_offset, offset - self._starts[i] + 1

    def offset(self, line: int) -> int:
        """Offset where `line` starts (clamped to the text)."""
        i = min(max(line - 1 - self._line_offset, 0), len(self._starts) - 2)
        return self._starts[i]

    def line_text(self, line: int) -> str:
        start = self.offset(line)
        end = self._text.find("\n", start)
        return self._text[start:] if end < 0 else self._text[start:end]


def trim_block(text: str, anchors: list[tuple[int, int, int]]) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """Strip whitespace around a block's text; re-anchor so offset 0 is its first character."""
    if text and anchors and anchors[0][0] == 0 and not text[0].isspace() and not text[-1].isspace():
        return text, tuple(anchors)  # nothing to strip (the common case for inline-only blocks)
    stripped = text.lstrip()
    cut = len(text) - len(stripped)
    stripped = stripped.rstrip()
    if not stripped or not anchors:
        return "", ()
    # Usually the first character has its own anchor. When stripped whitespace had one, count
    # on from there; when nothing anchors it, the nearest anchor is the best guess.
    first = Block(0, text, BODY, "", tuple(anchors)).locate(cut) if anchors[0][0] < cut else anchors[0][1:]
    end = cut + len(stripped)
    kept = [(offset - cut, line, column) for offset, line, column in anchors if cut < offset < end]
    return stripped, ((0, *first), *kept)
