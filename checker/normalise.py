"""Typographic normalisation shared by texts and patterns, so that both sides compare alike.

Folds Unicode compatibility forms (NFKC), every quote style to `"` or `'`, every dash to `-`,
drops soft hyphens and zero-width characters, collapses runs of white space (no-break spaces
included) to one space, and spells ё as е. Case is kept; `lower()` is applied separately
because some patterns are case-sensitive (short acronyms).

Offsets in the normalised text map back to the source lazily with `source_offset`, which is
only called for the few results a report shows.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

_DOUBLE_QUOTES = "«»“”„‟″〝〞＂‹›"
_SINGLE_QUOTES = "‘’‚‛′`´"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
# No-break and typographic spaces: folded here so that NFKC, the costly step, is rarely needed.
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FOLDS = (
    [(q, '"') for q in _DOUBLE_QUOTES]
    + [(q, "'") for q in _SINGLE_QUOTES]
    + [(d, "-") for d in _DASHES]
    + [(z, "") for z in _INVISIBLE]
    + [(space, " ") for space in _SPACES]
    # Superscript digits are footnote markers; NFKC would glue them to the word as plain digits.
    + [(sup, f"^{digit}") for digit, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")]
    + [("ё", "е"), ("Ё", "Е")]
)
# What changes length: runs of two or more white-space or invisible characters, and invisibles.
_SHIFTING_RUN = re.compile(f"[\\s{_INVISIBLE}]{{2,}}|[{_INVISIBLE}]")
_ONE_TO_ONE = [(old, new) for old, new in _FOLDS if len(new) == 1]


def normalise(text: str) -> str:
    """Fold typography; keeps leading/trailing single spaces so prefixes map back to offsets."""
    # Chained str.replace is ~40x faster than str.translate on Cyrillic text (research/perf.md).
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        for old, new in _FOLDS:  # NFKC can produce characters folded above (e.g. fullwidth)
            if old in text:
                text = text.replace(old, new)
    return _collapse_spaces(text)


def _collapse_spaces(text: str) -> str:
    """Runs of white space become one space, at the ends too (split/join is 4x faster than re)."""
    words = text.split()
    if not words:
        return " " if text else ""
    collapsed = " ".join(words)
    if text[0].isspace():
        collapsed = " " + collapsed
    if text[-1].isspace():
        collapsed += " "
    return collapsed


def fold(text: str) -> str:
    """Normalise and lower-case: the form used for case-insensitive comparison."""
    return normalise(text).strip().lower()


def source_offset(source: str, normalised_offset: int) -> int:
    """The offset in `source` of the character at `normalised_offset` of `normalise(source)`."""
    low, high = 0, len(source)
    while low < high:
        mid = (low + high) // 2
        if len(normalise(source[: mid + 1])) <= normalised_offset:
            low = mid + 1
        else:
            high = mid
    return low


def lower_aligned(text: str) -> str:
    """lower() keeps length for all but a few characters (e.g. U+0130); keep offsets aligned."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(c.lower()[0] for c in text)


def _shift_anchors(source: str) -> list[tuple[int, int]] | None:
    """(normalised offset, source offset) after each run of white space or invisible characters,
    when those runs are the only change of length; None when NFKC changes the text too."""
    if not unicodedata.is_normalized("NFKC", source):
        folded = source
        for old, new in _ONE_TO_ONE:
            if old in folded:
                folded = folded.replace(old, new)
        if not unicodedata.is_normalized("NFKC", folded):
            return None
    anchors = [(0, 0)]
    shift = 0
    for run in _SHIFTING_RUN.finditer(source):
        text = run.group()
        kept = 1 if text.strip(_INVISIBLE) else 0  # a run of invisibles alone vanishes
        shift += len(text) - kept
        anchors.append((run.end() - shift, run.end()))
    return anchors


class NormalText:
    """A block's text, normalised, with a lower-cased twin of the same length for matching."""

    __slots__ = ("source", "text", "lower", "_anchors")

    def __init__(self, source: str, text: str | None = None, lower: str | None = None):
        self.source = source
        self.text = normalise(source) if text is None else text
        self.lower = lower_aligned(self.text) if lower is None else lower
        self._anchors: list[tuple[int, int]] | None | bool = False  # computed on first use

    def to_source(self, offset: int) -> int:
        """Offset in the source of the character at `offset` in the normalised text."""
        if self.text == self.source:
            return offset
        if self._anchors is False:
            self._anchors = _shift_anchors(self.source)
        if self._anchors is None:
            return source_offset(self.source, offset)
        normalised, source = self._anchors[bisect_right(self._anchors, (offset, len(self.source) + 1)) - 1]
        return source + (offset - normalised)
