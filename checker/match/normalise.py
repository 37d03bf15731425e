"""Typographic normalisation shared by texts and patterns, so that both sides compare alike.

Folds Unicode compatibility forms (NFKC), every quote style to `"` or `'`, every dash to `-`,
drops soft hyphens and zero-width characters, collapses runs of white space (no-break spaces
included) to one space, and spells ё as е. Case is kept; `lower()` is applied separately
because some patterns are case-sensitive (short acronyms).

Offsets in the normalised text map back to the source lazily with `source_offset`, which is
only called for the few results a report shows; each call costs a few short normalisations,
whatever the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Literal, NamedTuple

import re2

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
_NO_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))


def visible(text: str) -> str:
    """`text` without its invisible characters (soft hyphens, zero-width spaces and joiners), as
    a reader sees it: the words a result quotes from the source."""
    return text.translate(_NO_INVISIBLE)


# What changes length: runs of two or more white-space or invisible characters, and invisibles.
_SHIFTING_RUN = re.compile(f"[\\s{_INVISIBLE}]{{2,}}|[{_INVISIBLE}]")
_ONE_TO_ONE = [(old, new) for old, new in _FOLDS if len(new) == 1]
# The white space characters (str.isspace, as str.split reads it; the last is U+3000) that the
# folds leave, but the space.
_OTHER_SPACES = [c for c in map(chr, range(0x3001)) if c.isspace() and c != " " and c not in dict(_FOLDS)]


def normalise(text: str) -> str:
    """Fold typography; keeps leading/trailing single spaces so prefixes map back to offsets."""
    return _collapse_spaces(_fold_forms(text))


def _fold_forms(text: str) -> str:
    """Every step of `normalise` but the white-space collapse: folds, NFKC, folds again."""
    # Chained str.replace is ~40x faster than str.translate on Cyrillic text (research/perf.md).
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        for old, new in _FOLDS:  # NFKC can produce characters folded above (e.g. fullwidth)
            if old in text:
                text = text.replace(old, new)
    return text


# Latin letters that look like Cyrillic ones, typed inside a Cyrillic word when the keyboard's
# layout slips («Мaкаревич» with a Latin a): a reader reads the Cyrillic word.
_LOOKALIKES = "aceopxyAEOPCTHKXMB"
_AS_CYRILLIC = str.maketrans(_LOOKALIKES, "асеорхуАЕОРСТНКХМВ")
_SLIP = re2.compile("[а-я][aceopxy]|[aceopxy][а-я]".encode())  # in a lower-case text's UTF-8
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile("[a-zA-Z]")
_CYRILLIC_LETTER = re.compile("[а-яА-Я]")


def respell_slips(text: str, lower_utf8: bytes) -> str:
    """`text` (normalised) with each word that mixes the two scripts spelled in Cyrillic, when
    its Cyrillic letters outnumber its Latin ones and every Latin letter has a Cyrillic twin
    («Мaкаревич»; not «MAXе», a Latin brand with a Russian ending). `lower_utf8` is the
    lower-case text in UTF-8: one scan of it tells that most texts have no such word. Keeps
    every offset (one letter for one)."""
    if not _SLIP.search(lower_utf8):
        return text
    return _WORD.sub(_respelled, text)


def _respelled(word: re.Match[str]) -> str:
    letters = word.group()
    latin = len(_LATIN_LETTER.findall(letters))
    cyrillic = len(_CYRILLIC_LETTER.findall(letters))
    if not latin or cyrillic <= latin:
        return letters
    respelled = letters.translate(_AS_CYRILLIC)
    return letters if _LATIN_LETTER.search(respelled) else respelled


def _collapse_spaces(text: str) -> str:
    """Runs of white space in a folded text (`_fold_forms`) become one space, at the ends too
    (split/join is 4x faster than re)."""
    # A text whose only white space is single spaces is already collapsed: most are, and scans
    # in C tell it sooner than split/join rebuilds it.
    if "  " not in text and not any(space in text for space in _OTHER_SPACES):
        return text
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
    return _PrefixLengths(source).source_offset(normalised_offset)


class _Summary(NamedTuple):
    """What the white-space collapse needs to know of a text to give its collapsed length."""

    size: int
    letters: int  # characters other than white space
    words: int
    starts_with_space: bool
    ends_with_space: bool

    @classmethod
    def of(cls, text: str) -> _Summary:
        words = text.split()
        return cls(len(text), sum(map(len, words)), len(words), text[:1].isspace(), text[-1:].isspace())

    def __add__(self, other: object) -> _Summary:
        if not isinstance(other, _Summary):
            return NotImplemented
        if not other.size:
            return self
        if not self.size:
            return other
        joined = not self.ends_with_space and not other.starts_with_space and self.words and other.words
        return _Summary(
            self.size + other.size,
            self.letters + other.letters,
            self.words + other.words - (1 if joined else 0),
            self.starts_with_space,
            other.ends_with_space,
        )

    def collapsed_length(self) -> int:
        """len(_collapse_spaces(text))."""
        if not self.words:
            return 1 if self.size else 0
        return self.letters + self.words - 1 + self.starts_with_space + self.ends_with_space


_CUT_SPACING = 64  # source characters between two cuts, at least


@lru_cache(maxsize=1)
def _cut_before() -> re.Pattern[str]:
    """Characters before which NFKC and the folds never reach back: nothing composes with what
    precedes them. Normalising a text cut there is normalising each piece.

    Those are characters whose full decomposition starts with a Latin, Greek or Cyrillic base
    letter, digit, punctuation or space (no composition has one as its second part), and
    which no fold replaces. Mathematical, fullwidth and enclosed forms are included: they are
    what makes NFKC change a text.
    """
    folded = {old for old, _ in _FOLDS}
    bases = {c for c in map(chr, range(0x500)) if not unicodedata.combining(c) and c not in folded}
    blocks = ((0, 0x500), (0x1D00, 0x2500), (0x2E80, 0x3400), (0xFB00, 0xFB50), (0xFF00, 0xFFF0), (0x1D400, 0x1D800))
    cut = sorted(
        c
        for start, end in blocks
        for c in map(chr, range(start, end))
        if c not in folded and unicodedata.normalize("NFKD", c)[:1] in bases
    )
    return re.compile("[" + "".join(re.escape(c) for c in cut) + "]")


class _PrefixLengths:
    """len(normalise(source[:k])) for any k, in time independent of k.

    The source is cut into pieces of about `_CUT_SPACING` characters where normalisation
    cannot reach across (`_cut_before`); what the collapse needs of the normalised text up to
    each cut is summed once, so each length only normalises part of one piece.
    """

    def __init__(self, source: str):
        self.source = source
        self.cuts = [0]
        self.before = [_Summary(0, 0, 0, False, False)]  # summary of the normalised text before each cut
        find = _cut_before().search
        while True:
            found = find(source, self.cuts[-1] + _CUT_SPACING)
            if found is None:
                break
            piece = source[self.cuts[-1] : found.start()]
            self.before.append(self.before[-1] + _Summary.of(_fold_forms(piece)))
            self.cuts.append(found.start())

    def length(self, end: int) -> int:
        """len(normalise(self.source[:end]))."""
        i = bisect_right(self.cuts, end) - 1
        tail = _Summary.of(_fold_forms(self.source[self.cuts[i] : end]))
        return (self.before[i] + tail).collapsed_length()

    def source_offset(self, normalised_offset: int) -> int:
        """The first source offset whose character's normalised form reaches past
        `normalised_offset` (a binary search: lengths grow with the prefix)."""
        low, high = 0, len(self.source)
        while low < high:
            mid = (low + high) // 2
            if self.length(mid + 1) <= normalised_offset:
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
    # The folds come first: they can make a text NFKC changes (Ё + breve -> Е + breve -> Ӗ).
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
        lead = len(text) - len(text.lstrip(_INVISIBLE))
        if kept and lead:  # the space kept stands where the first white space does
            anchors.append((run.start() - shift, run.start() + lead))
        shift += len(text) - kept
        anchors.append((run.end() - shift, run.end()))
    return anchors


class NormalText:
    """A block's text, normalised, with a lower-cased twin of the same length for matching."""

    __slots__ = ("source", "text", "lower", "_anchors", "_lengths")

    def __init__(self, source: str, text: str | None = None, lower: str | None = None):
        self.source = source
        self.text = normalise(source) if text is None else text
        self.lower = lower_aligned(self.text) if lower is None else lower
        self._anchors: list[tuple[int, int]] | None | Literal[False] = False  # computed on first use
        self._lengths: _PrefixLengths | None = None

    def to_source(self, offset: int) -> int:
        """Offset in the source of the character at `offset` in the normalised text."""
        if self.text == self.source:
            return offset
        if self._anchors is False:
            self._anchors = _shift_anchors(self.source)
        if self._anchors is None:
            if self._lengths is None:
                self._lengths = _PrefixLengths(self.source)
            return self._lengths.source_offset(offset)
        normalised, source = self._anchors[bisect_right(self._anchors, (offset, len(self.source) + 1)) - 1]
        return source + (offset - normalised)
