"""Finding designated names in text: every alias, case form and transliteration of every entry
goes into one Aho-Corasick automaton, so a page is scanned once whatever the list sizes. Which
forms an entry has is `nameforms`; how telling each hit is, and what a page's hits add up to,
is `evidence`."""

from __future__ import annotations

import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import ahocorasick

from checker import lexicon
from checker.lexicon import bundled_rules_dir
from checker.lists.model import PERSON, DesignationList, Entry, list_data, list_key, parse_list
from checker.match.evidence import (
    FULL,
    MARKERS,
    PATRONYMIC,
    SENTENCE_START,
    SURNAME,
    SURNAME_WORD,
    TITLE_WORD,
    UNQUOTED,
    NameHit,
    judge,
    resolve,
)
from checker.match.formcache import cached, ship
from checker.match.morphology import organization_forms
from checker.match.nameforms import entry_forms
from checker.match.normalise import fold, normalise
from checker.match.patterns import footnote_digits_after, whole_word

__all__ = ["NameHit", "NameIndex", "entry_forms", "resolve"]


@dataclass(frozen=True)
class _Form:
    entry: Entry
    written: str  # the form as written (case kept), for case-sensitive modes
    match: str  # any | case | capitalised | quoted | surname | exclude


# --------------------------------------------------------------------------------------------
# Where a name ends: footnote digits and hyphenated compounds

_COMPOUND_AFTER = frozenset(lexicon.words("compound_suffixes"))
_COMPOUND_BEFORE = frozenset(lexicon.words("compound_prefixes"))
# A legal form after a Latin name ("Meta Platforms, Inc"), without its dot.
_LEGAL_SUFFIX = re.compile(r",? " + lexicon.abbreviations("legal_forms") + r"\b")
_LEGAL_FORM_AT_END = re.compile(_LEGAL_SUFFIX.pattern + r"\.?\s*$")


def _hyphen_word(lower: str, at: int, step: int) -> str:
    """The word beyond the hyphen at `at`, read in direction `step` (1 after, -1 before)."""
    i = at + step
    while 0 <= i < len(lower) and lower[i].isalpha():
        i += step
    return lower[at + 1 : i] if step > 0 else lower[i + 1 : at]


def _compound(lower: str, start: int, end: int) -> bool:
    """The name is one half of a hyphenated compound that keeps it a name: "ISIS-linked",
    "pro-ISIS" (and not "meta-analysis")."""
    right = end + 1 < len(lower) and lower[end] == "-" and lower[end + 1].isalnum()
    left = start > 1 and lower[start - 1] == "-" and lower[start - 2].isalnum()
    after = _hyphen_word(lower, end, 1) if right else ""
    if right and after not in _COMPOUND_AFTER and len(after) != 1:  # ISIS-K: a branch's letter
        return False
    if left and _hyphen_word(lower, start - 1, -1) not in _COMPOUND_BEFORE:
        return False
    return left or right


# A body's everyday word without quotes («Азов принял фестиваль»): on a page that names what the
# entry excludes (the town: «в Азове», «город Азов»), it is that namesake there too.
_BARE = (SENTENCE_START, UNQUOTED)


def _same_body(by_evidence: dict[str, list[int]], outer: set[int]) -> bool:
    """A name inside a longer one that is also a name of the longer one's entry: the entries of
    other lists it names are that body under their own spelling («Проект «Поддержка
    политзаключенных. Мемориал»» on one list, «Поддержка политзаключенных Мемориал» on
    another), and are mentioned there too. («Мемориал» inside «Правозащитный центр «Мемориал»»
    names another body, and is skipped; so are persons and what is not a full name.)"""
    return any(n in outer for n in by_evidence.get(FULL, ()))


# --------------------------------------------------------------------------------------------
# The order of the automaton's keys

# The automaton looks each character of a text up among the children of a node one by one, in
# the order they were added, and at the root after each failed step; so the keys are added with
# the characters that news text has most first. A common character that starts no key (white
# space, punctuation, digits, the block separator) would be sought among all of the root's
# children: a stand-in key, that character and a noncharacter, makes it the root's child too.
# A stand-in has no forms, so that even if found it adds nothing; the results are the same in
# any order.
_COMMON = " оеаeиtнoтaсiрnвsлrкhмdдlпcуuяmыfьpгgзwбyчbйvхkжxшjюqцzщэфъ.,-\"\x00()0123456789:'"
_NEVER = "\uffff"


_FIRST_TWO = itemgetter(slice(0, 2))


def _leading(first: dict[str, str]) -> list[str]:
    """The keys to add before all others: a key for each two-character start (`first`), the
    commonest characters first (`_COMMON`), which orders the children of the root and of its
    children."""
    rank = {char: n for n, char in enumerate(_COMMON)}
    return sorted(first.values(), key=lambda key: [rank.get(char, len(rank)) for char in key[:2]])


# --------------------------------------------------------------------------------------------
# The index

# The evidence a hit is taken by, strongest first; a hit inside a longer one only in full.
_STRENGTHS = (FULL, TITLE_WORD, SENTENCE_START, UNQUOTED, SURNAME, SURNAME_WORD, PATRONYMIC)
_INNER_STRENGTHS = (FULL, TITLE_WORD)

_FOUND_FORMS = 8192  # keys whose forms are remembered (of some 58,000 in the bundled lists)


class FormTable(NamedTuple):
    """The forms of one list, flat: per normalised lower-case key its number of forms; per form
    (in key order) its entry's number in the list, the form as written (case kept, for the
    case-sensitive modes) and its match mode. Built per list, so that the forms shipped with the
    bundled lists and the cached forms of a user's list combine without re-deriving."""

    keys: list[str]
    counts: Sequence[int]
    entries: Sequence[int]
    written: list[str]
    matches: list[str]


def _build_table(entries: Sequence[Entry]) -> FormTable:
    by_key: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for n, entry in enumerate(entries):
        for written, match in sorted(entry_forms(entry).items()):  # sorted: the same file for any hash seed
            written = normalise(written).strip()
            if written:
                by_key[written.lower()].append((n, written, match))
        for phrase in entry.exclude:
            for written in sorted(organization_forms(phrase) | {phrase}):
                written = normalise(written).strip()
                by_key[written.lower()].append((n, written, "exclude"))
    forms = [form for key_forms in by_key.values() for form in key_forms]
    return FormTable(
        keys=list(by_key),
        counts=[len(key_forms) for key_forms in by_key.values()],
        entries=[n for n, _, _ in forms],
        written=[written for _, written, _ in forms],
        matches=[match for _, _, match in forms],
    )


def _table_data(table: FormTable) -> dict[str, list[Any]]:
    return {field: list(values) for field, values in table._asdict().items()}


def _strings(values: Any) -> list[str]:
    if type(values) is not list:
        raise TypeError("expected a list")
    "".join(values)  # TypeError unless all are strings, at C speed
    return values


def _integers(values: Any) -> array[int]:
    if type(values) is not list:
        raise TypeError("expected a list")
    return array("q", values)  # TypeError unless all are integers, OverflowError if too large


def _table_from_data(data: Any, size: int) -> FormTable:
    """`_table_data`'s output back for a list of `size` entries, every type, length and entry
    number checked (TypeError, ValueError)."""
    table = FormTable(
        keys=_strings(data["keys"]),
        counts=_integers(data["counts"]),
        entries=_integers(data["entries"]),
        written=_strings(data["written"]),
        matches=_strings(data["matches"]),
    )
    forms = len(table.entries)
    if len(table.keys) != len(table.counts) or not forms == len(table.written) == len(table.matches):
        raise ValueError("inconsistent form table")
    if sum(table.counts) != forms or (table.counts and min(table.counts) < 1):
        raise ValueError("inconsistent form counts")
    if forms and not (min(table.entries) >= 0 and max(table.entries) < size):
        raise ValueError("entry number out of range")
    shared = {m: sys.intern(m) for m in set(table.matches)}  # a handful of modes, one string each
    return table._replace(matches=[shared[m] for m in table.matches])


def _list_table(designation_list: DesignationList) -> FormTable:
    """The forms of one list: shipped with the checker for the bundled lists, else cached."""
    entries = designation_list.entries
    return cached(
        "forms",
        entries,
        lambda: _build_table(entries),
        _table_data,
        lambda data: _table_from_data(data, len(entries)),
        slot=designation_list.id,
        shipped=designation_list.id,
    )


class NameIndex:
    """All names of all entries of the loaded lists, and their websites.

    The automaton maps each key to its number k; its forms are the `count[k]` forms from
    `start[k]` in flat arrays (entry number, form as written, match mode), plus, for the rare key
    that several lists share, the further runs in `_more[k]`: integers rather than a tuple of
    Python objects per key. The forms as written are one string, form i its characters from
    `_cut[i]` to `_cut[i + 1]` (a string object per form costs more than its letters), empty
    for the forms matched in any case (nothing reads them); the match modes are small numbers
    into `_modes`."""

    def __init__(self, lists: Iterable[DesignationList]):
        lists = tuple(lists)
        self.entries: tuple[Entry, ...] = tuple(e for lst in lists for e in lst.entries)
        self.domains: dict[str, list[Entry]] = defaultdict(list)
        self._hosts: dict[str, list[Entry]] = {}
        self._resolved: dict[str, list[Entry]] = {}
        self._found_forms: dict[int, list[tuple[int, str, str]]] = {}  # `_raw_forms`, once per key
        for entry in self.entries:
            for domain in entry.domains:
                self.domains[domain.lower()].append(entry)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._lengths, self._start, self._count = array("I"), array("I"), array("I")
        self._entry_of = array("I")
        self._cut = array("I", [0])
        written: list[str] = []
        self._modes: list[str] = []
        self._mode = array("B")
        modes: dict[str, int] = {}
        self._more: dict[int, list[tuple[int, int]]] = {}
        numbers: dict[str, int] = {}
        offset = 0
        for lst in lists:
            # Generating the forms of ~2,400 register entries takes seconds (pymorphy3 for every
            # name part): the bundled lists' forms ship with the checker, others' are cached.
            table = _list_table(lst)
            at = len(self._entry_of)
            self._entry_of.extend(offset + n for n in table.entries)
            for form, mode in zip(table.written, table.matches):
                if mode != "any":  # only the case-sensitive modes read the form as written
                    written.append(form)
                self._cut.append(self._cut[-1] + (len(form) if mode != "any" else 0))
                if mode not in modes:
                    modes[mode] = len(self._modes)
                    self._modes.append(mode)
                self._mode.append(modes[mode])
            for key, count in zip(table.keys, table.counts):
                number = numbers.get(key)
                if number is None:
                    numbers[key] = len(self._start)
                    self._lengths.append(len(key))
                    self._start.append(at)
                    self._count.append(count)
                else:
                    self._more.setdefault(number, []).append((at, count))
                at += count
            offset += len(lst.entries)
        self._written = "".join(written)
        self._keys = len(numbers)
        if numbers:
            # One key for each two-character start (made in C: ~58,000 keys), then the stand-ins.
            first = dict(zip(map(_FIRST_TWO, numbers), numbers))
            starts = {start[0] for start in first}
            for char in _COMMON:
                if char not in starts:  # a stand-in: a key without forms, never found
                    key = first[char + _NEVER] = char + _NEVER
                    numbers[key] = len(self._start)
                    self._lengths.append(len(key))
                    self._start.append(0)
                    self._count.append(0)
            for key in _leading(first):
                self._automaton.add_word(key, numbers[key])
            for key, number in numbers.items():  # a key added again keeps its number
                self._automaton.add_word(key, number)
            self._automaton.make_automaton()

    def _raw_forms(self, number: int) -> list[tuple[int, str, str]]:
        """(entry number, form as written, match mode) of each form of key `number`; the keys
        found in pages are remembered (a site's pages name the same few, and "is" is everywhere)."""
        found = self._found_forms.get(number)
        if found is None:
            runs = [(self._start[number], self._count[number]), *self._more.get(number, ())]
            cut, written, modes, mode = self._cut, self._written, self._modes, self._mode
            found = [
                (self._entry_of[i], written[cut[i]:cut[i + 1]], modes[mode[i]])
                for start, count in runs
                for i in range(start, start + count)
            ]
            if len(self._found_forms) < _FOUND_FORMS:
                self._found_forms[number] = found
        return found

    def __len__(self) -> int:
        return self._keys

    def _forms(self, key: str) -> tuple[_Form, ...]:
        number = self._automaton.get(key, -1) if len(self._automaton) else -1
        return tuple(_Form(self.entries[n], w, m) for n, w, m in self._raw_forms(number)) if number >= 0 else ()

    def find(self, lower: str, cased: str) -> list[NameHit]:
        """Mentions in a normalised text (and its lower-case twin): leftmost-longest, whole words,
        look-alikes excluded, each with its evidence; then the markers of how the text uses a
        name otherwise (`evidence.MARKERS`), which `resolve` reads and drops."""
        if not len(self):
            return []
        candidates: list[tuple[int, int, dict[str, list[int]]]] = []
        markers: list[NameHit] = []
        excluded: dict[int, list[tuple[int, int]]] = defaultdict(list)  # entry -> excluded spans
        size = len(lower)
        lengths = self._lengths
        for end_index, number in self._automaton.iter(lower):
            end = end_index + 1
            start = end - lengths[number]
            # Most raw hits are inside longer words ("is" in "this"): reject those first, cheaply
            # (a name glued to footnote digits, «Meta1», starts a word too).
            if start and lower[start - 1].isalnum():
                continue
            if end < size and lower[end].isalnum():
                if not (lower[end].isdigit() and footnote_digits_after(lower, end)):
                    continue
            elif not whole_word(lower, start, end) and not _compound(lower, start, end):
                continue
            by_evidence: dict[str, list[int]] = {}
            for n, written, match in self._raw_forms(number):
                if match == "exclude":
                    excluded[n].append((start, end))
                    continue
                found_as = FULL if match == "any" else judge(match, written, lower, cased, start, end)
                if found_as in MARKERS:
                    markers.append(NameHit(start, end, (self.entries[n],), found_as))
                elif found_as is not None:
                    by_evidence.setdefault(found_as, []).append(n)
            if by_evidence:
                candidates.append((start, end, by_evidence))
        hits = []
        last_start = last_end = -1
        outer: set[int] = set()  # the entries of the last hit taken
        # A name followed by its legal form ends after it; a form that spells it out wins a tie.
        ranked = [(start, self._legal_form_end(lower, cased, end), end, found) for start, end, found in candidates]
        for start, end, _, by_evidence in sorted(ranked, key=lambda c: (c[0], c[0] - c[1], c[1] != c[2])):
            inner = start < last_end
            if inner and not (
                end <= last_end
                and (
                    _same_body(by_evidence, outer)
                    or self._kind_named(lower, last_start, start, end, last_end, by_evidence)
                )
            ):
                continue
            # the strongest evidence wins
            for strength in _INNER_STRENGTHS if inner else _STRENGTHS:
                found = [
                    n
                    for n in dict.fromkeys(by_evidence.get(strength, ()))
                    if not any(s <= start and end <= x for s, x in excluded.get(n, ()))
                    and not (inner and (n in outer or self.entries[n].kind == PERSON))
                    and not (strength in _BARE and n in excluded and self.entries[n].kind != PERSON)
                ]
                if found:
                    hits.append(NameHit(start, end, tuple(self.entries[n] for n in found), strength))
                    if not inner:
                        last_start, last_end, outer = start, end, set(found)
                    break
        return hits + markers

    def _kind_named(
        self, lower: str, outer_start: int, start: int, end: int, outer_end: int, by_evidence: dict[str, list[int]]
    ) -> bool:
        """The longer name is a noun of a kind of body and this one in quotes («движения «Весна»»,
        a list's «Движение «Весна»»), and this name's entries are that kind by their own names
        («...движение «Молодежное Демократическое Движение «Весна»»» on another list): the same body."""
        head = lower[outer_start:start]
        if lower[end:outer_end] != '"' or not head.endswith(' "') or " " in head[:-2]:
            return False
        noun = head[:-2]
        stem = noun[: max(3, min(5, len(noun) - 2))]
        return any(stem in self.entries[n].name.lower() for n in by_evidence.get(FULL, ()))

    @staticmethod
    def _legal_form_end(lower: str, cased: str, end: int) -> int:
        """Where a Latin name ends with the legal form after it: "Meta Platforms, Inc"."""
        if not (cased[end - 1 : end].isascii() and cased[end - 1 : end].isalpha()):
            return end
        form = _LEGAL_SUFFIX.match(cased, end)
        return form.end() if form else end

    def resolve(self, name: str) -> list[Entry]:
        """Entries a publisher name or domain designates, in any name order or case form, with
        or without the legal form that ends a registry name ("KBS America, Inc.")."""
        # Every page of a run names the same publisher or few: look each name up once.
        found = self._resolved.get(name)
        if found is None:
            found = self._resolve(name)
            if len(self._resolved) < 4096:
                self._resolved[name] = found
        return list(found)

    def _resolve(self, name: str) -> list[Entry]:
        key = fold(name)
        found = [f.entry for f in self._forms(key) if f.match not in ("exclude", SURNAME, SURNAME_WORD, PATRONYMIC)]
        bare = _LEGAL_FORM_AT_END.sub("", name)
        if not found and bare and bare != name:
            return self.resolve(bare)
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
        partial = {SURNAME: "surname", SURNAME_WORD: "surname", PATRONYMIC: "first name and patronymic"}
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


def bundled_form_tables() -> dict[str, tuple[DesignationList, FormTable]]:
    """The bundled lists and their forms, derived afresh (neither shipped nor cached)."""
    lists = [parse_list(path) for path in sorted((bundled_rules_dir() / "lists").glob("*.yaml"))]
    return {lst.id: (lst, _build_table(lst.entries)) for lst in lists}


def ship_bundled_forms() -> list[Path]:
    """Derive the bundled lists' forms and write them, and the lists loaded, where `_list_table`
    and `load_list` look first."""
    paths = []
    for id_, (lst, table) in bundled_form_tables().items():
        paths.append(ship("forms", id_, lst.entries, table, _table_data))
        paths.append(ship("list", Path(lst.path).name, list_key(Path(lst.path)), lst, list_data))
    return paths
