"""Which phrasings can match a page at all, told by one scan of its text for all of them.

A rule pack scans every page with a dozen phrasings (notice wordings, calls to action, product
names...), and on most pages most of them match nowhere: each scan that finds nothing still
reads the whole text. A screen compiles the regular expressions of the phrasings scanned over
pages into one RE2 set, which reads a page once and says which of them match somewhere in it;
the others need no scan. It only ever spares scans that would find nothing, so what is found
stays the same.

The screen learns the phrasings as pages are scanned with them (a check kind needs no list of
what it scans) and compiles the set anew, for the next page, when it has learnt more: at most
`LIMIT` phrasings, the others are scanned on every page as before.
"""

from __future__ import annotations

from typing import NamedTuple

import re2

from checker.match.patterns import OPTIONS, Phrasings

LIMIT = 256
# Matches at the end of every text, so that a set that gave up (RE2's DFA out of memory: no
# pattern reported) is told from a text where nothing matches.
_SENTINEL = r"\z"


class Screening(NamedTuple):
    """One compiled set: each phrasings' number in it, by id() of the phrasings (the screen
    keeps them, so an id stays theirs)."""

    matcher: re2.Set | None
    numbers: dict[int, int]

    def matching(self, encoded: bytes) -> frozenset[int] | None:
        """The numbers of the phrasings that match the UTF-8 text somewhere; None when the set
        cannot tell (then every phrasings must be scanned)."""
        if self.matcher is None:
            return None
        found = self.matcher.Match(encoded) or ()
        if len(self.numbers) not in found:  # the sentinel, last, always matches
            return None
        return frozenset(found)


_NOTHING = Screening(None, {})


class Screen:
    """The phrasings scanned over a rule pack's pages, and the set that screens a page for them."""

    def __init__(self) -> None:
        self._learnt: dict[int, Phrasings] = {}
        self._current = _NOTHING

    def learn(self, phrasings: Phrasings) -> None:
        """Screen pages for `phrasings` from the next compiled set on."""
        if phrasings.regex is not None and len(self._learnt) < LIMIT:
            self._learnt.setdefault(id(phrasings), phrasings)

    def screening(self) -> Screening:
        """The set of every phrasings learnt so far, compiled when some are new."""
        if len(self._current.numbers) != len(self._learnt):
            self._current = _compile(self._learnt)
        return self._current


def _compile(learnt: dict[int, Phrasings]) -> Screening:
    matcher = re2.Set.SearchSet(OPTIONS)
    numbers: dict[int, int] = {}
    try:
        for key, phrasings in learnt.items():
            assert phrasings.regex is not None  # as `learn` took them
            numbers[key] = matcher.Add(phrasings.regex.pattern)
        if matcher.Add(_SENTINEL) != len(numbers):
            raise re2.error("the set numbered its patterns otherwise")
        matcher.Compile()
    except re2.error:  # too large for RE2's memory budget: these phrasings are not screened
        return Screening(None, dict.fromkeys(learnt, -1))
    return Screening(matcher, numbers)
