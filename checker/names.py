"""Finding designated names in text: every alias, case form and transliteration of every entry
goes into one Aho-Corasick automaton, so a block is scanned once whatever the list sizes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import ahocorasick

from .lists import PERSON, Alias, DesignationList, Entry
from .morphology import organization_forms, person_forms
from .normalise import fold, normalise
from .patterns import whole_word
from .transliterate import latin_variants

# Nouns that make a common-word brand unambiguous without quotes: телеканал Дождь.
_OUTLET_NOUNS = frozenset(
    "издание издания изданию изданием издании телеканал телеканала телеканалу телеканалом "
    "телеканале канал канала каналу каналом канале газета газеты газете газету газетой "
    "журнал журнала журналу журналом журнале сайт сайта сайту сайтом сайте портал портала "
    "порталу порталом портале медиа outlet channel newspaper magazine".split()
)


@dataclass(frozen=True)
class _Form:
    entry: Entry | None  # None never happens for names; exclusions carry their entry too
    written: str  # the form as written (case kept), for case-sensitive modes
    match: str  # any | case | capitalised | quoted | exclude


@dataclass(frozen=True)
class NameHit:
    start: int  # offsets in the block's normalised text
    end: int
    entries: tuple[Entry, ...]


def _alias_forms(entry: Entry, alias: Alias) -> set[str]:
    if alias.lang != "ru" or not alias.inflect:
        return {alias.name}
    if entry.kind == PERSON:
        words = alias.name.split()
        if len(words) == 2:  # a pseudonym written "Имя Фамилия"
            return person_forms(f"{words[1]} {words[0]}") | {alias.name}
        return person_forms(alias.name) | {alias.name}
    return organization_forms(alias.name) | {alias.name}


def entry_forms(entry: Entry) -> dict[str, str]:
    """Every surface form of an entry's names, mapped to its match mode."""
    forms: dict[str, str] = {}
    if entry.kind == PERSON:
        for form in person_forms(entry.name):
            forms[form] = "any"
        words = entry.name.split()
        if len(words) >= 2 and all(w.isalpha() for w in words[:2]):
            for latin in latin_variants(f"{words[1]} {words[0]}"):
                forms.setdefault(latin, "capitalised")
    else:
        forms[entry.name] = "any"
    for alias in entry.aliases:
        for form in _alias_forms(entry, alias):
            forms[form] = alias.match
    return forms


class NameIndex:
    """All names of all entries of the loaded lists, and their websites."""

    def __init__(self, lists: Iterable[DesignationList]):
        table: dict[str, list[_Form]] = defaultdict(list)
        self.domains: dict[str, list[Entry]] = defaultdict(list)
        for designation_list in lists:
            for entry in designation_list.entries:
                for written, match in entry_forms(entry).items():
                    written = normalise(written).strip()
                    if written:
                        table[written.lower()].append(_Form(entry, written, match))
                for phrase in entry.exclude:
                    for written in organization_forms(phrase) | {phrase}:
                        written = normalise(written).strip()
                        table[written.lower()].append(_Form(entry, written, "exclude"))
                for domain in entry.domains:
                    self.domains[domain.lower()].append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, forms in table.items():
            self._automaton.add_word(key, (len(key), tuple(forms)))
        if table:
            self._automaton.make_automaton()
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def find(self, lower: str, cased: str) -> list[NameHit]:
        """Mentions in a normalised text (and its lower-case twin): leftmost-longest, whole words,
        look-alikes excluded."""
        if not self._table:
            return []
        candidates: list[tuple[int, int, tuple[Entry, ...]]] = []
        excluded: list[tuple[int, int, str]] = []
        for end_index, (length, forms) in self._automaton.iter(lower):
            start, end = end_index - length + 1, end_index + 1
            if not whole_word(lower, start, end):
                continue
            entries = []
            for form in forms:
                if form.match == "exclude":
                    excluded.append((start, end, form.entry.key))
                elif _mode_allows(form, lower, cased, start, end):
                    entries.append(form.entry)
            if entries:
                candidates.append((start, end, tuple(dict.fromkeys(entries))))
        hits = []
        last_end = -1
        for start, end, entries in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
            if start < last_end:
                continue
            entries = tuple(
                e for e in entries
                if not any(s <= start and end <= x_end and key == e.key for s, x_end, key in excluded)
            )
            if entries:
                hits.append(NameHit(start, end, entries))
                last_end = end
        return hits

    def resolve(self, name: str) -> list[Entry]:
        """Entries a publisher name or domain designates, in any name order or case form."""
        key = fold(name)
        forms = self._automaton.get(key, None) if self._table else None
        found = [f.entry for f in forms[1] if f.match != "exclude"] if forms else []
        host = urlsplit(key if "//" in key else f"//{key}").hostname or ""
        found += self.entries_for_host(host)
        return list(dict.fromkeys(found))

    def entries_for_host(self, host: str) -> list[Entry]:
        host = host.lower().removeprefix("www.")
        parts = host.split(".")
        found: list[Entry] = []
        for i in range(len(parts) - 1):
            found += self.domains.get(".".join(parts[i:]), [])
        return found


def _mode_allows(form: _Form, lower: str, cased: str, start: int, end: int) -> bool:
    if form.match == "any":
        return True
    if form.match == "case":
        return cased[start:end] == form.written
    if form.match == "capitalised":
        return cased[start].isupper() or not form.written[:1].isupper()
    if form.match == "quoted":
        if start > 0 and end < len(lower) and lower[start - 1] == '"' and lower[end] == '"':
            return True
        before = lower[:start].rstrip().rsplit(" ", 1)[-1].strip('"')
        return before in _OUTLET_NOUNS
    return False
