"""Designation lists: who is designated, by which authority, from when to when."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import RuleError
from checker.match.formcache import cached, expect
from checker.schema import validate
from checker.yamlsource import load_yaml

PERSON, ORGANIZATION, MEDIA = "person", "organization", "media"


@dataclass(frozen=True)
class Alias:
    name: str
    lang: str
    match: str = "any"  # any | case | capitalised | quoted | introduced
    inflect: bool = True
    generated: bool = False  # derived from the official name on import, not written by hand


@dataclass(frozen=True)
class Entry:
    list_id: str
    id: str
    name: str
    kind: str
    designated: date | None
    delisted: date | None
    aliases: tuple[Alias, ...]
    exclude: tuple[str, ...]
    domains: tuple[str, ...]
    principals: tuple[str, ...]  # FARA: the foreign principals a registrant acts for
    source: str
    # What a person is known as (шахматист, чемпион): such a word before the name is the person,
    # not one of the namesakes that the lexicon's `namesake_roles` tell apart.
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.list_id}:{self.id}"

    @property
    def display(self) -> str:
        """A short name for messages: a person's registered name, an organization's first alias."""
        if self.kind == PERSON or not self.aliases:
            return self.name
        return self.aliases[0].name

    def active(self, on: date) -> bool:
        started = self.designated is None or self.designated <= on
        ended = self.delisted is not None and self.delisted <= on
        return started and not ended

    def status(self, on: date) -> str:
        """active, delisted or not-yet-designated on the date."""
        if self.designated and self.designated > on:
            return "not-yet-designated"
        return "delisted" if self.delisted and self.delisted <= on else "active"

    def summary(self, on: date) -> dict[str, Any]:
        """What `checker lists find --format json` shows of the entry."""
        return {
            "list": self.list_id,
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "designated": self.designated.isoformat() if self.designated else None,
            "delisted": self.delisted.isoformat() if self.delisted else None,
            "status": self.status(on),
            "aliases": [a.name for a in self.aliases],
            "principals": list(self.principals),
            "source": self.source,
        }


@dataclass(frozen=True)
class DesignationList:
    id: str
    title: str
    jurisdiction: str
    authority: str
    source: str
    retrieved: date
    max_age_days: int | None
    entries: tuple[Entry, ...]
    path: str
    checksum: str | None = None  # sha256 of the registry export the list was imported from

    def active_entries(self, on: date) -> list[Entry]:
        return [e for e in self.entries if e.active(on)]

    def is_stale(self, on: date) -> bool:
        return self.max_age_days is not None and (on - self.retrieved).days > self.max_age_days

    def summary(self, on: date) -> dict[str, Any]:
        """One row of `checker lists --format json`: counts, dates and freshness on the date."""
        return {
            "id": self.id,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "entries": len(self.entries),
            "active": len(self.active_entries(on)),
            "as_of": on.isoformat(),
            "retrieved": self.retrieved.isoformat(),
            "age_days": (on - self.retrieved).days,
            "max_age_days": self.max_age_days,
            "stale": self.is_stale(on),
            "source": self.source,
            "checksum": self.checksum,
            "path": self.path,
        }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _entry(list_id: str, raw: dict[str, Any]) -> Entry:
    aliases = tuple(
        Alias(
            name=a["name"],
            lang=a["lang"],
            match=a.get("match", "any"),
            inflect=a.get("inflect", a["lang"] == "ru"),
            generated=a.get("generated", False),
        )
        for a in raw.get("aliases", ())
    )
    return Entry(
        list_id=list_id,
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        designated=_date(raw.get("designated")),
        delisted=_date(raw.get("delisted")),
        aliases=aliases,
        exclude=tuple(raw.get("exclude", ())),
        domains=tuple(raw.get("domains", ())),
        principals=_principals(raw.get("principal")),
        source=raw["source"],
        roles=tuple(raw.get("roles", ())),
    )


def _principals(value: Any) -> tuple[str, ...]:
    """A list file's `principal`: one name, several, or none."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def load_list(path: Path) -> DesignationList:
    """A list file, read and validated; a file read before with the same content comes from the
    cache, since parsing and validating the full registries (~25,000 lines) takes half a second."""
    try:
        key = list_key(path)
    except OSError:
        return parse_list(path)  # load_yaml reports the problem with the file's name
    return cached(
        "list",
        key,
        lambda: parse_list(path),
        list_data,
        lambda data: replace(list_from_data(data), path=str(path)),
        slot=str(path.resolve()),
        shipped=path.name,  # the bundled lists ship loaded
    )


def list_key(path: Path) -> tuple[str]:
    """What a loaded list depends on: the file's content (its path is set on reading)."""
    return (hashlib.sha256(path.read_bytes()).hexdigest(),)


# --------------------------------------------------------------------------------------------
# A loaded list as plain JSON data, for the cache and the forms shipped with the bundled lists


def _optional(value: Any, kind: type) -> Any:
    return None if value is None else expect(value, kind)


def _optional_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(expect(value, str))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def list_data(designation_list: DesignationList) -> dict[str, Any]:
    d = designation_list
    entries = [
        [
            e.id, e.name, e.kind, _iso(e.designated), _iso(e.delisted),
            [[a.name, a.lang, a.match, a.inflect, a.generated] for a in e.aliases],
            list(e.exclude), list(e.domains), list(e.principals), e.source, list(e.roles),
        ]
        for e in d.entries
    ]  # fmt: skip
    header = [d.id, d.title, d.jurisdiction, d.authority, d.source, d.retrieved.isoformat(), d.max_age_days]
    return {"list": header + [d.path, d.checksum], "entries": entries}


def _alias_from_data(raw: Any) -> Alias:
    name, lang, match, inflect, generated = expect(raw, list)
    return Alias(
        expect(name, str), expect(lang, str), expect(match, str), expect(inflect, bool), expect(generated, bool)
    )


def _entry_from_data(list_id: str, raw: Any) -> Entry:
    id_, name, kind, designated, delisted, aliases, exclude, domains, principals, source, roles = expect(raw, list)
    return Entry(
        list_id=list_id,
        id=expect(id_, str),
        name=expect(name, str),
        kind=expect(kind, str),
        designated=_optional_date(designated),
        delisted=_optional_date(delisted),
        aliases=tuple(_alias_from_data(a) for a in expect(aliases, list)),
        exclude=tuple(expect(x, str) for x in expect(exclude, list)),
        domains=tuple(expect(x, str) for x in expect(domains, list)),
        principals=tuple(expect(x, str) for x in expect(principals, list)),
        source=expect(source, str),
        roles=tuple(expect(x, str) for x in expect(roles, list)),
    )


def list_from_data(data: Any) -> DesignationList:
    """`list_data`'s output back, every type checked (TypeError or ValueError otherwise)."""
    header = expect(expect(data, dict)["list"], list)
    id_, title, jurisdiction, authority, source, retrieved, max_age_days, path, checksum = header
    list_id = expect(id_, str)
    return DesignationList(
        id=list_id,
        title=expect(title, str),
        jurisdiction=expect(jurisdiction, str),
        authority=expect(authority, str),
        source=expect(source, str),
        retrieved=date.fromisoformat(expect(retrieved, str)),
        max_age_days=_optional(max_age_days, int),
        entries=tuple(_entry_from_data(list_id, e) for e in expect(data["entries"], list)),
        path=expect(path, str),
        checksum=_optional(checksum, str),
    )


def parse_list(path: Path) -> DesignationList:
    """A list file, read and validated (neither cached nor shipped)."""
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise doc.error("a list file must be a mapping with id, title, ... and entries")
    errors = validate(doc, "list")
    if errors:
        raise errors[0]
    raw = doc.data
    entries = tuple(_entry(raw["id"], e) for e in raw["entries"])
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.id in seen:
            raise doc.error(f"duplicate entry id {entry.id!r}", ("entries", i, "id"))
        if entry.designated and entry.delisted and entry.delisted < entry.designated:
            raise doc.error(f"entry {entry.id!r} is delisted before it is designated", ("entries", i))
        seen.add(entry.id)
    return DesignationList(
        id=raw["id"],
        title=raw["title"],
        jurisdiction=raw["jurisdiction"],
        authority=raw["authority"],
        source=raw["source"],
        retrieved=date.fromisoformat(raw["retrieved"]),
        max_age_days=raw.get("max_age_days"),
        entries=entries,
        path=str(path),
        checksum=raw.get("checksum"),
    )


def is_list_file(path: Path) -> bool:
    return path.parent.name == "lists"


def load_lists(paths: list[Path]) -> dict[str, DesignationList]:
    lists: dict[str, DesignationList] = {}
    for path in paths:
        designation_list = load_list(path)
        if designation_list.id in lists:
            first = lists[designation_list.id].path
            raise RuleError(str(path), f"list id {designation_list.id!r} is already defined in {first}")
        lists[designation_list.id] = designation_list
    return lists
