"""Finding designated names in text: every alias, case form and transliteration of every entry
goes into one Aho-Corasick automaton, so a page is scanned once whatever the list sizes. Which
forms an entry has is `nameforms`; how telling each hit is, and what a page's hits add up to,
is `evidence`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import ahocorasick

from .evidence import FULL, PATRONYMIC, SURNAME, UNQUOTED, NameHit, judge, resolve
from .formcache import cached
from .lists import DesignationList, Entry
from .morphology import organization_forms
from .nameforms import entry_forms
from .normalise import fold, normalise
from .patterns import whole_word

__all__ = ["NameHit", "NameIndex", "entry_forms", "resolve"]


@dataclass(frozen=True)
class _Form:
    entry: Entry
    written: str  # the form as written (case kept), for case-sensitive modes
    match: str  # any | case | capitalised | quoted | surname | exclude


# --------------------------------------------------------------------------------------------
# The index


def _build_table(entries: Sequence[Entry]) -> dict[str, list[tuple[int, str, str]]]:
    table: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for n, entry in enumerate(entries):
        for written, match in entry_forms(entry).items():
            written = normalise(written).strip()
            if written:
                table[written.lower()].append((n, written, match))
        for phrase in entry.exclude:
            for written in organization_forms(phrase) | {phrase}:
                written = normalise(written).strip()
                table[written.lower()].append((n, written, "exclude"))
    return table


def _build_automaton(entries: Sequence[Entry]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, forms in _build_table(entries).items():
        automaton.add_word(key, (len(key), tuple(forms)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


class NameIndex:
    """All names of all entries of the loaded lists, and their websites."""

    def __init__(self, lists: Iterable[DesignationList]):
        self.entries: tuple[Entry, ...] = tuple(e for lst in lists for e in lst.entries)
        self.domains: dict[str, list[Entry]] = defaultdict(list)
        self._hosts: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for domain in entry.domains:
                self.domains[domain.lower()].append(entry)
        # Generating the forms of ~2,400 register entries takes seconds (pymorphy3 for every
        # name part); the finished automaton is cached, keyed by the entries and this code.
        self._automaton = cached("names", self.entries, lambda: _build_automaton(self.entries))

    def __len__(self) -> int:
        return len(self._automaton)

    def _forms(self, key: str) -> tuple[_Form, ...]:
        found = self._automaton.get(key, None) if len(self._automaton) else None
        return tuple(_Form(self.entries[n], w, m) for n, w, m in found[1]) if found else ()

    def find(self, lower: str, cased: str) -> list[NameHit]:
        """Mentions in a normalised text (and its lower-case twin): leftmost-longest, whole words,
        look-alikes excluded, each with its evidence."""
        if not len(self):
            return []
        candidates: list[tuple[int, int, dict[str, list[int]]]] = []
        excluded: dict[int, list[tuple[int, int]]] = defaultdict(list)  # entry -> excluded spans
        size = len(lower)
        for end_index, (length, raw_forms) in self._automaton.iter(lower):
            start, end = end_index - length + 1, end_index + 1
            # Most raw hits are inside longer words ("is" in "this"): reject those before the call.
            if (start and lower[start - 1].isalnum()) or (end < size and lower[end].isalnum()):
                continue
            if not whole_word(lower, start, end):
                continue
            by_evidence: dict[str, list[int]] = {}
            for n, written, match in raw_forms:
                if match == "exclude":
                    excluded[n].append((start, end))
                    continue
                found_as = FULL if match == "any" else judge(match, written, lower, cased, start, end)
                if found_as is not None:
                    by_evidence.setdefault(found_as, []).append(n)
            if by_evidence:
                candidates.append((start, end, by_evidence))
        hits = []
        last_end = -1
        for start, end, by_evidence in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
            if start < last_end:
                continue
            for strength in (FULL, UNQUOTED, SURNAME, PATRONYMIC):  # the strongest evidence wins
                found = [
                    n
                    for n in dict.fromkeys(by_evidence.get(strength, ()))
                    if not any(s <= start and end <= x for s, x in excluded.get(n, ()))
                ]
                if found:
                    hits.append(NameHit(start, end, tuple(self.entries[n] for n in found), strength))
                    last_end = end
                    break
        return hits

    def resolve(self, name: str) -> list[Entry]:
        """Entries a publisher name or domain designates, in any name order or case form."""
        key = fold(name)
        found = [f.entry for f in self._forms(key) if f.match not in ("exclude", SURNAME, PATRONYMIC)]
        try:
            host = urlsplit(key if "//" in key else f"//{key}").hostname or ""
        except ValueError:  # "Meduza [en]", "[": brackets read as an IPv6 host; not a domain
            host = ""
        found += self.entries_for_host(host)
        return list(dict.fromkeys(found))

    def search(self, name: str) -> list[tuple[Entry, str]]:
        """Entries a user's query names, with how it matched: any form of any name (a surname
        in any case included), else entries whose name or alias contains the query."""
        key = fold(name)
        partial = {SURNAME: "surname", PATRONYMIC: "first name and patronymic"}
        exact = [(f.entry, partial.get(f.match, "name")) for f in self._forms(key) if f.match != "exclude"]
        found = {e.key: (e, way) for e, way in exact if way == "name"}  # a full name first
        for entry, way in exact:
            found.setdefault(entry.key, (entry, way))
        if not found and len(key) >= 3:
            for entry in self.entries:
                names = [entry.name] + [a.name for a in entry.aliases]
                if any(key in fold(n) for n in names):
                    found.setdefault(entry.key, (entry, "contains"))
        return list(found.values())

    def entries_for_host(self, host: str) -> list[Entry]:
        # A page links to the same few hosts many times: look each up once.
        found = self._hosts.get(host)
        if found is None:
            parts = host.lower().removeprefix("www.").split(".")
            found = [e for i in range(len(parts) - 1) for e in self.domains.get(".".join(parts[i:]), ())]
            if len(self._hosts) < 65536:
                self._hosts[host] = found
        return list(found)
