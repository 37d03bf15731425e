"""Turning a registry export into a designation list file, and updating one without losing the
curation a newsroom has put into it.

What comes from the export is fact and replaces what the file says: official names, designation
and delisting dates, decisions, websites among the row's resources. What people wrote by hand
stays: aliases without `generated: true`, exclusions, domains, an entry's kind and id, the list's
title, authority and notes. Generated aliases are made again on every import (`aliasgen`); to
keep one as it is, delete its `generated: true`; to drop one for good, list it under `exclude`.

An existing entry is paired with its register row by name (case, quotes and punctuation
folded, designation date to tell namesakes apart), then by date and shared words for rows the
register has reworded. Rows left over are added, entries left over are removed, and the
result says which, so that a weekly update can be reviewed before it is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker import lexicon
from checker.lists.aliasgen import entry_slug, organization_aliases, person_name_and_aliases
from checker.lists.listfile import read_list_file, write_list
from checker.lists.registries import Export, RegistryRow, enrich, match_key, read_export
from checker.lists.websites import website_domains
from checker.match.ambiguity import content_words
from checker.match.normalise import fold
from checker.yamlsource import JSON

# A new list file for a register this tool knows (rules/regions.yaml `registers`) starts with the
# header of the bundled list file of that id: the headers say what each list is, once.
_HEADER_KEYS = ("title", "jurisdiction", "authority", "source", "max_age_days")


def _register_of(list_id: str) -> str | None:
    return next((register for register, feeds in lexicon.registers().items() if feeds == list_id), None)


def _bundled_header(list_id: str) -> JSON | None:
    if _register_of(list_id) is None:
        return None
    bundled = read_list_file(lexicon.bundled_rules_dir() / "lists" / f"{list_id}.yaml")
    return {key: bundled[key] for key in _HEADER_KEYS if key in bundled} if bundled else None


_MEDIA_WORDS = lexicon.words("outlet_words")


class ListImportError(Exception):
    """The export does not fit the list (another register, no rows)."""


@dataclass(frozen=True)
class Change:
    entry_id: str
    name: str
    fields: tuple[tuple[str, Any, Any], ...]  # (field, old, new)


@dataclass
class ImportResult:
    list_id: str
    path: Path
    data: dict[str, Any]
    export: Export
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return len(self.data["entries"])


# --------------------------------------------------------------------------------------------
# One entry from one row


def _is_media(name: str) -> bool:
    low = f" {name.lower()}"
    return any(word in low for word in _MEDIA_WORDS)


def _when(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "date not printed"


def _row_source(row: RegistryRow, export: Export) -> str:
    parts = [f"{export.label}, {row.reference}" if row.reference else export.label]
    parts.append(f"included {_when(row.designated)}")
    if row.delisted:
        parts.append(f"excluded {_when(row.delisted)}")
    if row.decision:
        parts.append(row.decision)
    if row.basis:
        parts.append(f"basis: {row.basis}")
    if website_domains(row.resources):
        parts.append("websites from the row's resources")
    return "; ".join(parts) + "."


def _generated(row: RegistryRow) -> tuple[str, str, list[JSON]]:
    """Name, kind and generated aliases of a row."""
    if row.person:
        name, aliases = person_name_and_aliases(row.name)
        return name, "person", aliases
    media = row.media if row.media is not None else _is_media(row.name)
    aliases = organization_aliases(row.name, media=media, domains=website_domains(row.resources))
    return row.name, "media" if media else "organization", aliases


def _merge_entry(old: JSON | None, row: RegistryRow, export: Export, new_id: str) -> JSON:
    name, kind, generated = _generated(row)
    domains = website_domains(row.resources)
    if old is None:
        return {
            "id": new_id,
            "name": name,
            "kind": kind,
            "designated": row.designated,
            "delisted": row.delisted,
            "aliases": generated,
            "exclude": [],
            "domains": _without_subdomains(domains),
            "principal": _principal(row.principals),
            "source": _row_source(row, export),
        }
    hand = [a for a in old.get("aliases") or [] if not a.get("generated")]
    return {
        "id": old["id"],
        "name": name,
        "kind": old.get("kind", kind),
        # The register's dates win; a date it does not print (most extremist rows) is kept.
        "designated": row.designated or _date(old.get("designated")),
        "delisted": row.delisted or _date(old.get("delisted")),
        "aliases": hand + generated,
        "exclude": list(old.get("exclude") or []),
        "domains": _without_subdomains(list(old.get("domains") or []) + domains),
        # Names written by hand (the short form articles use: "China Daily") stay first.
        "principal": _principal(list(dict.fromkeys(_listed(old.get("principal")) + list(row.principals)))),
        "source": old.get("source") or _row_source(row, export),
        **({"roles": list(old["roles"])} if old.get("roles") else {}),  # written by hand
        "_hand": {fold(a["name"]) for a in hand},
    }


def _listed(principal: Any) -> list[str]:
    return [principal] if isinstance(principal, str) else list(principal or [])


def _principal(principals: Sequence[str]) -> str | list[str] | None:
    """A list file's `principal`: none, one name, or several."""
    return list(principals) if len(principals) > 1 else (principals[0] if principals else None)


def _without_subdomains(domains: list[str]) -> list[str]:
    """ru.krymr.com adds nothing to krymr.com: a link check matches subdomains."""
    unique = list(dict.fromkeys(domains))
    return [d for d in unique if not any(d.endswith("." + other) for other in unique)]


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# --------------------------------------------------------------------------------------------
# Pairing existing entries with rows


def _words(name: str) -> set[str]:
    return {w.lower() for w in content_words(name) if len(w) > 2}


def _pair(rows: Sequence[RegistryRow], entries: Sequence[JSON]) -> dict[int, JSON]:
    """Row index -> the existing entry it updates."""
    by_key: dict[str, list[JSON]] = {}
    for entry in entries:
        by_key.setdefault(match_key(entry["name"]), []).append(entry)
    paired: dict[int, JSON] = {}
    used: set[str] = set()
    keys = [match_key(_generated_name(row)) for row in rows]
    for i, row in enumerate(rows):
        candidates = [e for e in by_key.get(keys[i], []) if e["id"] not in used]
        same_day = [e for e in candidates if _date(e.get("designated")) in (None, row.designated)]
        chosen = next(iter(same_day or candidates), None)
        if chosen is not None:
            paired[i] = chosen
            used.add(chosen["id"])
    # Rows the register has reworded, or names a curator shortened: same date, most words shared,
    # or one name the beginning of the other.
    for entry in entries:
        if entry["id"] in used:
            continue
        key, words, day = match_key(entry["name"]), _words(entry["name"]), _date(entry.get("designated"))
        best, score = None, 0.0
        for i, row in enumerate(rows):
            if i in paired:
                continue
            prefix = keys[i].startswith(key) or key.startswith(keys[i])
            row_words = _words(row.name)
            overlap = len(words & row_words) / max(1, len(words | row_words))
            dated = day is not None and day == row.designated
            value = 1.0 if prefix and (dated or day is None) else overlap if dated else 0.0
            if value > score:
                best, score = i, value
        if best is not None and score >= 0.5:
            paired[best] = entry
            used.add(entry["id"])
    return paired


def _generated_name(row: RegistryRow) -> str:
    return person_name_and_aliases(row.name)[0] if row.person else row.name


# --------------------------------------------------------------------------------------------
# Aliases owned by one entry of a list


def _dedupe_aliases(entries: list[JSON]) -> None:
    """An alias names one entry of a list. Hand-written aliases keep their entry; a generated one
    shared by several rows (an LLC and its successor) goes to the active, latest designation."""

    def rank(entry: JSON) -> tuple[bool, Any]:
        designated = entry.get("designated") or date.min
        return (entry.get("delisted") is None, designated)

    owner: dict[str, tuple[bool, tuple[bool, Any], str]] = {}
    for entry in entries:
        hand = entry.get("_hand", set())
        suppressed = {fold(x) for x in entry.get("exclude") or []}
        entry["aliases"] = [a for a in entry["aliases"] if fold(a["name"]) not in suppressed]
        for alias in entry["aliases"]:
            key = fold(alias["name"])
            claim = (key in hand, rank(entry), entry["id"])
            if key not in owner or claim[:2] > owner[key][:2]:
                owner[key] = claim
    for entry in entries:
        seen: set[str] = set()
        kept = []
        for alias in entry["aliases"]:
            key = fold(alias["name"])
            # A hand alias may repeat the name to give it a stricter match mode (Голос Америки).
            redundant = alias.get("generated") and key == fold(entry["name"])
            if owner[key][2] == entry["id"] and key not in seen and not redundant:
                kept.append(alias)
                seen.add(key)
        entry["aliases"] = kept
        entry.pop("_hand", None)


def _unique_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --------------------------------------------------------------------------------------------
# The list


def _header(list_id: str, existing: JSON | None, export: Export, retrieved: date, source: str | None) -> JSON:
    base = dict(existing or {})
    if not base:
        known = _bundled_header(list_id)
        if known is None:
            raise ListImportError(
                f"{list_id}: unknown list; write its header (id, title, jurisdiction, authority, source) "
                "into the file first, then import into it"
            )
        base = {
            **known,
            "notes": (
                f"Imported from a {export.label} with `checker lists import` on {retrieved.isoformat()}. "
                "Facts (names, dates, decisions, websites) come from the export; aliases are "
                "generated from the official names, case forms and transliterations when the list loads."
            ),
        }
    order = ("title", "jurisdiction", "authority", "source", "update", "retrieved", "max_age_days", "checksum", "notes")
    header = {"id": list_id}
    values = {
        **base,
        "source": source or base.get("source") or export.source_url,
        "retrieved": retrieved,
        "checksum": f"sha256:{export.checksum}",
    }
    for key in order:
        if values.get(key) is not None:
            header[key] = values[key]
    return header


def build_list(
    list_id: str,
    export: Export,
    existing: JSON | None = None,
    *,
    extra: Sequence[Export] = (),
    retrieved: date | None = None,
    source: str | None = None,
) -> tuple[JSON, list[tuple[str, str]], list[tuple[str, str]], list[Change]]:
    """The new list document and what changed: (data, added, removed, changed)."""
    register = _register_of(list_id)
    if register and export.registry and export.registry != register:
        raise ListImportError(f"this is a {export.registry} export; {list_id} needs a {register} export")
    rows = enrich(export.rows, extra)
    if export.keeps_history:  # what is in force, and every outlet's distributor (fara.py)
        rows = [r for r in rows if r.delisted is None or r.media]
    old_entries = list((existing or {}).get("entries") or [])
    paired = _pair(rows, old_entries)
    taken = {e["id"] for e in old_entries}
    entries, added, changed = [], [], []
    for i, row in enumerate(rows):
        old = paired.get(i)
        new_id = ""
        if old is None:
            name, kind, aliases = _generated(row)
            new_id = _unique_id(entry_slug(name, kind == "person", aliases), taken)
        entry = _merge_entry(old, row, export, new_id)
        entries.append(entry)
        if old is None:
            added.append((entry["id"], entry["name"]))
            continue
        diffs = tuple(
            (key, _plain(old.get(key)), _plain(entry[key]))
            for key in ("name", "designated", "delisted", "domains")
            if _plain(old.get(key)) != _plain(entry[key])
        )
        if diffs:
            changed.append(Change(entry["id"], entry["name"], diffs))
    kept_ids = {id(e) for e in paired.values()}
    left = [e for e in old_entries if id(e) not in kept_ids]
    if export.keeps_history:  # absent from the whole history: registered after the export
        entries += [{**e, "_hand": {fold(a["name"]) for a in e.get("aliases") or [] if not a.get("generated")}}
                    for e in left]
        left = []
    removed = [(e["id"], e["name"]) for e in left]
    _dedupe_aliases(entries)
    when = retrieved or export.retrieved or date.today()
    data = _header(list_id, existing, export, when, source)
    data["entries"] = entries
    return data, added, removed, changed


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def import_registry(
    exports: Sequence[Path],
    into: Path,
    *,
    list_id: str | None = None,
    fmt: str = "auto",
    retrieved: date | None = None,
    source: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Read the exports (the first is the register; the others only fill in websites, decisions
    and the legal basis), merge them into the list file `into`, and write it unless dry_run."""
    primary, *others = [read_export(p, fmt) for p in exports]
    existing = read_list_file(into)
    list_id = list_id or (existing or {}).get("id") or into.stem
    data, added, removed, changed = build_list(
        list_id, primary, existing, extra=others, retrieved=retrieved, source=source
    )
    if not dry_run:
        write_list(into, data)
    return ImportResult(list_id, into, data, primary, added, removed, changed)
