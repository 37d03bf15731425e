"""Phrasings written by legal staff, compiled for linear-time matching.

Two ways to write a phrasing:
- a *phrase*: plain words, compared after normalisation and case folding, whole words only;
  a `*` at the end of a word stands for any ending (``признан* иностранн* агент*``), which is
  how one phrase covers every Russian case, and a `*` alone stands for any one word;
- a *pattern*: a regular expression, run by RE2, which guarantees linear time whatever the
  pattern (no catastrophic backtracking). Constructs RE2 cannot run in linear time
  (look-around, back-references, possessive quantifiers) are rejected when rules load.
  `\\w`, `\\W` and `\\d` are rewritten to their Unicode meaning; `\\b` is refused because RE2's is
  ASCII-only and would silently miss Cyrillic words (write a phrase instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import re2

from checker.match.normalise import fold

# RE2's options for every phrasing: a memory budget, and errors raised rather than logged.
OPTIONS = re2.Options()
OPTIONS.max_mem = 64 << 20
OPTIONS.log_errors = False

_WORD = r"[\p{L}\p{N}_]"
_UNICODE_CLASSES = {r"\w": _WORD, r"\W": r"[^\p{L}\p{N}_]", r"\d": r"\p{Nd}", r"\D": r"\P{Nd}"}
_ESCAPE = re.compile(r"\\.")


class PatternError(ValueError):
    """A phrasing that cannot be compiled; the message is written for the rule author."""


def _unicode_classes(pattern: str) -> str:
    def rewrite(m: re.Match[str]) -> str:
        token = m.group()
        if token in (r"\b", r"\B"):
            raise PatternError(
                f"{token} is not supported (RE2's word boundary ignores Cyrillic); "
                "use a phrase, which always matches whole words"
            )
        return _UNICODE_CLASSES.get(token, token)

    return _ESCAPE.sub(rewrite, pattern)


def compile_regex(pattern: str) -> re2._Regexp:
    """Compile with RE2, case-insensitive (texts are matched in lower case)."""
    source = "(?i)" + _unicode_classes(pattern)
    try:
        return re2.compile(source, OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid or unsafe regular expression {pattern!r}: {reason}") from None


def phrase_regex(phrase: str) -> str:
    """The RE2 source for a phrase: folded literal words, `*` = rest of the word. Quotes may
    stand between its words: a writer who distances themselves from a designation quotes it
    («признано «экстремистским»», «внесен в реестр «иностранных агентов»»)."""
    words = fold(phrase).split(" ")
    parts = []
    for word in words:
        if word == "*":
            parts.append(f"{_WORD}+")  # exactly one word, any
        elif word.endswith("*"):
            parts.append(re2.escape(word[:-1]) + f"{_WORD}*")
        else:
            parts.append(re2.escape(word))
    return _QUOTES_BETWEEN.join(parts)


_QUOTES_BETWEEN = '"? "?'  # quotes are folded to " (`normalise`)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


_FOOTNOTE_DIGITS = 2


def footnote_digits_after(text: str, end: int) -> bool:
    """«Meta1», «Инстаграме1»: one or two digits glued to a word that ends in a letter, then no
    more word, are a footnote marker (superscripts are folded to ^1 by `normalise`; some pages
    lose the ^)."""
    if not text[end - 1 : end].isalpha():
        return False
    stop = end
    while stop < len(text) and stop - end <= _FOOTNOTE_DIGITS and text[stop].isdigit():
        stop += 1
    return 0 < stop - end <= _FOOTNOTE_DIGITS and (stop == len(text) or not text[stop].isalnum())


def whole_word(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters or digits on either side, but for a
    footnote marker after it («Инстаграме1»).

    A hyphen joining letters counts as part of the word: "meta-analysis" does not contain
    the word "meta".
    """
    if start > 0 and _is_word_char(text[start]):
        before = text[start - 1]
        if _is_word_char(before) or (
            before == "-" and start > 1 and _is_word_char(text[start - 2])
        ):
            return False
    if end < len(text) and _is_word_char(text[end - 1]):
        after = text[end]
        if (_is_word_char(after) and not footnote_digits_after(text, end)) or (
            after == "-" and end + 1 < len(text) and _is_word_char(text[end + 1])
        ):
            return False
    return True


@dataclass(frozen=True)
class Phrasings:
    """Several groups of phrasings (whole-word phrases and RE2 patterns) compiled into one
    regular expression, so that a text is scanned once; each match says which group it is from."""

    regex: re2._Regexp | None
    groups: tuple[tuple[int, int, bool], ...]  # (regex group index, group number, whole words only)
    sources: tuple[str, ...]
    # Whether the regex may be run on UTF-8 bytes with the same matches: it never matches the
    # empty string (after which a scan of bytes would step one byte, not one character) nor a
    # single byte (\C).
    bytewise: bool = False

    def tagged(self, lower: str, encoded: bytes | None = None) -> Iterator[tuple[int, int, int]]:
        """(group number, start, end) of every match in a lower-case normalised text. `encoded`:
        the text in UTF-8, from a caller that scans one text with several phrasings (the page's
        text), so that it is encoded once rather than once per scan."""
        if self.regex is None:
            return
        groups = self.groups
        only = groups[0] if len(groups) == 1 else None
        # Most raw matches of phrases stand inside longer words ("вы" in "выборы"): when every
        # group is of phrases, those are dropped before the group is looked for.
        words_everywhere = all(words for _, _, words in groups)
        if encoded is not None and self.bytewise:
            matches = _in_characters(self.regex.finditer(encoded), encoded)
        else:
            matches = ((m, *m.span()) for m in self.regex.finditer(lower))
        for m, start, end in matches:
            if end <= start or (words_everywhere and not whole_word(lower, start, end)):
                continue
            # Asking RE2's wrapper for lastgroup decodes every group name on each call; the
            # group indexes were looked up once, at compile time.
            _, tag, words_only = only or next(group for group in groups if m.start(group[0]) >= 0)
            if words_everywhere or not words_only or whole_word(lower, start, end):
                yield tag, start, end

    @property
    def phrases_only(self) -> bool:
        """Every group is of phrases: whole words, with no anchor and nothing that matches the
        separator between a page's blocks, so that they match a block's text exactly where they
        match that block in the page's text."""
        return self.regex is not None and all(words for _, _, words in self.groups)

    def finditer(self, lower: str) -> Iterator[tuple[int, int]]:
        for _, start, end in self.tagged(lower):
            yield start, end

    def search(self, lower: str) -> tuple[int, int] | None:
        return next(self.finditer(lower), None)

    def __bool__(self) -> bool:
        return self.regex is not None


def _in_characters(matches: Iterable[Any], encoded: bytes) -> Iterator[tuple[Any, int, int]]:
    """Each match of a scan of UTF-8 bytes, with its start and end in characters (matches come
    in order, so each stretch of bytes is counted once)."""
    byte = char = 0
    for m in matches:
        start, end = m.span()
        char += len(encoded[byte:start].decode("utf-8"))
        first = char
        char += len(encoded[start:end].decode("utf-8"))
        byte = end
        yield m, first, char


def compile_groups(groups: Iterable[tuple[Iterable[str], Iterable[str]]]) -> Phrasings:
    """One matcher for several (phrases, patterns) groups, numbered in order.

    Raises PatternError naming the first phrasing that cannot be compiled."""
    alternatives: list[str] = []
    names: dict[str, tuple[int, bool]] = {}
    sources: list[str] = []
    for tag, (phrases, patterns) in enumerate(groups):
        phrases, patterns = tuple(phrases), tuple(patterns)
        sources += phrases + patterns
        if phrases:
            longest_first = sorted(phrases, key=len, reverse=True)
            names[f"w{tag}"] = (tag, True)
            alternatives.append(f"(?P<w{tag}>" + "|".join(phrase_regex(p) for p in longest_first) + ")")
        for k, pattern in enumerate(patterns):
            compile_regex(pattern)  # alone first, so an error names the pattern that causes it
            names[f"r{tag}_{k}"] = (tag, False)
            alternatives.append(f"(?P<r{tag}_{k}>{_unicode_classes(pattern)})")
    if not alternatives:
        return Phrasings(None, (), tuple(sources))
    source = "|".join(alternatives)
    regex = compile_regex(source)
    index = regex.groupindex
    numbered = tuple((index[name], tag, words_only) for name, (tag, words_only) in names.items())
    bytewise = regex.search("") is None and "\\C" not in source
    return Phrasings(regex, numbered, tuple(sources), bytewise)


def compile_phrasings(phrases: Iterable[str] = (), patterns: Iterable[str] = ()) -> Phrasings:
    return compile_groups([(phrases, patterns)])
