"""Designation lists: who is designated, by which authority, from when to when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import RuleError
from .schema import validate
from .yamlsource import load_yaml

PERSON, ORGANIZATION, MEDIA = "person", "organization", "media"


@dataclass(frozen=True)
class Alias:
    name: str
    lang: str
    match: str = "any"  # any | case | capitalised | quoted
    inflect: bool = True


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
    principal: str | None
    source: str

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

    def active_entries(self, on: date) -> list[Entry]:
        return [e for e in self.entries if e.active(on)]

    def is_stale(self, on: date) -> bool:
        return self.max_age_days is not None and (on - self.retrieved).days > self.max_age_days


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _entry(list_id: str, raw: dict) -> Entry:
    aliases = tuple(
        Alias(a["name"], a["lang"], a.get("match", "any"), a.get("inflect", a["lang"] == "ru"))
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
        principal=raw.get("principal"),
        source=raw["source"],
    )


def load_list(path: Path) -> DesignationList:
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
