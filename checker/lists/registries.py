"""Registry exports read into one row model, with the noise of scraped registers cleaned away.

Three shapes of export are understood:

- ``minjust``: the Ministry of Justice registry's JSON rows (``fullName``, ``dateIn``,
  ``dateOut``, ``resources``, ``law``, ``agentType``; undesirable rows add
  ``decisionInMinjust``/``decisionInGenproc``), as the REST API returns them (the raw
  ``field_2_s``... columns are accepted too), alone, in a list or wrapped in ``{"entries": [...]}``;
- ``lem``: the legal-entity-marks plugin's bundled files (``name``, ``type``, ``is_person``,
  ``dateIn``, ``dateOut``); its curated ``aliases`` are another project's work and are ignored;
- ``itsalt``: the ITSalt ru-registries-mirror files (``entries`` with ``name``, ``kind``, a court
  ``decision`` text or ``included_at``/``excluded_at``, plus ``fetched_at``, ``source_url``);
  its ``aliases`` are ignored too.

Cleaning, because these lists are scraped from HTML and typed by hand: white space and
stray ``;``/``:`` at the end, a quote opened and never closed, rows that are parser junk,
the same row printed twice (the extremist list repeats rows, dated, in an appendix), and
personal data that a checker must not carry (dates and places of birth, passport numbers).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checker import lexicon
from checker.errors import CheckerError
from checker.match.normalise import fold
from checker.regularfile import NotRegularFile, read_regular
from checker.yamlsource import JSON

FORMATS = ("minjust", "lem", "itsalt", "fara")
MAX_EXPORT_BYTES = 256 * 1024 * 1024  # the full Minjust export is a few MB


class ExportError(CheckerError):
    """A registry export that cannot be read: not JSON, or not a shape this module knows."""


@dataclass(frozen=True)
class RegistryRow:
    name: str  # as printed in the register, cleaned of noise
    person: bool | None  # None when the export does not say
    designated: date | None
    delisted: date | None
    resources: tuple[str, ...] = ()  # URLs of the entry's websites and accounts
    decision: str = ""  # court decision or Minjust order behind the designation
    basis: str = ""  # legal basis, for foreign agents
    reference: str = ""  # where the row sits in its source: "row 22"
    principals: tuple[str, ...] = ()  # FARA: the foreign principals a registrant acts for
    media: bool | None = None  # whether the register shows an outlet (None: it does not say)


@dataclass(frozen=True)
class Export:
    format: str
    label: str  # what the export is, for entry sources: "lem snapshot"
    rows: tuple[RegistryRow, ...]
    checksum: str  # sha256 of the file's bytes
    retrieved: date | None  # when the export says it was fetched
    source_url: str | None
    registry: str | None  # foreign-agents, undesirable, extremist, terrorist, when it says
    dropped: tuple[str, ...] = ()  # junk rows, for the import summary
    keeps_history: bool = False  # every registration ever (FARA), not only what the list holds


# --------------------------------------------------------------------------------------------
# Cleaning names

_OPEN, _CLOSE = "«„“", "»“”"
_TRAILING_NOISE = " ;:,"
# Rows the Minjust HTML parser picks up from the page around the list.
_JUNK = re.compile("^" + lexicon.alternation("junk_rows") + r"\b", re.I)
# A name of legal-form words only ("Общественное объединение") names nothing.
_FORM_WORDS = lexicon.words("form_words")
_PERSONAL_DATA = (
    re.compile(r"\s*\(паспорт[^)]*\)", re.I),
    re.compile(r",?\s*(?:родивш(?:ийся|аяся|иеся)|уроженец|уроженка)\b[^,;]*", re.I),
    re.compile(r",?\s*\d{1,2}\.\d{1,2}\.\d{4}\s*(?:г\.\s*р\.|года рождения|г\.р\.?)", re.I),
    re.compile(r",?\s*\d{1,2}\s+[а-я]+\s+\d{4}\s+года\s+рождения", re.I),
)


def redact(name: str) -> str:
    """Drop dates and places of birth and passport numbers: some extremist rows print them, and
    a checker needs names, not identity documents."""
    for pattern in _PERSONAL_DATA:
        name = pattern.sub("", name)
    return name


def _balance_quotes(name: str) -> str:
    opened, closed = name.count("«"), name.count("»")
    if closed > opened and ("«" not in name or name.index("»") < name.index("«")):
        return "«" + name  # НЕЗЫГАРЬ» («Незыгарь»...): the opening quote fell off
    if opened == 1 and closed == 0:
        return name + "»"  # «Весна: the closing quote fell off
    return name  # «A «B» is the Russian way to close two quotes at once


def _strip_enclosing_quotes(name: str) -> str:
    """«Движение Талибан» reads better as Движение Талибан; «База» («Аль-Каида») keeps its quotes."""
    for opening, closing in (("«", "»"), ('"', '"')):
        if name.startswith(opening) and name.endswith(closing) and len(name) > 2:
            inner = name[1:-1]
            if opening not in inner and closing not in inner:
                return inner.strip()
    return name


def clean_name(raw: str) -> str:
    name = " ".join(str(raw).replace("\u00a0", " ").split())
    name = redact(name).strip(_TRAILING_NOISE)
    name = name.replace("« ", "«").replace(" »", "»")
    return _strip_enclosing_quotes(_balance_quotes(name))


def is_junk(name: str) -> bool:
    words = fold(name).split()
    return not words or bool(_JUNK.match(name)) or all(w in _FORM_WORDS for w in words)


def match_key(name: str) -> str:
    """What two spellings of one register row share: case, quotes and punctuation folded."""
    text = fold(name).replace('"', " ").replace("'", " ")
    return " ".join(re.sub(r"[^\w()/.-]+", " ", text).split())


# --------------------------------------------------------------------------------------------
# Fields


def parse_date(value: Any) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


def _resources(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    return tuple(u for u in re.split(r"[;\s,]+", str(value or "")) if u.startswith(("http://", "https://")))


def _field(row: JSON, *names: str) -> str:
    for name in names:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


# --------------------------------------------------------------------------------------------
# The three formats

_LEM_TYPES = {
    "inoagent": "foreign-agents",
    "undesirable": "undesirable",
    "extremist": "extremist",
    "terrorist": "terrorist",
}
_PERSON_TYPES = ("физические лица", "физическое лицо")


def _minjust_row(row: JSON, n: int) -> RegistryRow:
    name = _field(row, "fullName", "field_2_s", "field_5_s", "name")
    agent_type = _field(row, "agentType", "field_7_s").lower()
    inn = _field(row, "inn")
    person = True if agent_type in _PERSON_TYPES else (False if agent_type else None)
    if person is None and inn.isdigit():
        person = len(inn) == 12  # a person's INN has 12 digits, an organization's 10
    decision = "; ".join(
        f"{label} {text}"
        for label, text in (
            ("Minjust order", _field(row, "decisionInMinjust")),
            ("Prosecutor General decision", _field(row, "decisionInGenproc")),
        )
        if text
    )
    return RegistryRow(
        name=name,
        person=person,
        designated=parse_date(_field(row, "dateIn", "field_4_s", "field_4_dt")),
        delisted=parse_date(_field(row, "dateOut", "field_5_dt", "field_8_s")),
        resources=_resources(row.get("resources") or row.get("field_6_s")),
        decision=decision,
        basis=_field(row, "law", "field_3_s"),
        reference=f"row {_field(row, 'id') or n}",
    )


def _lem_row(row: JSON, n: int) -> RegistryRow:
    flag = row.get("is_person")
    # 0/1, true/false or "0"/"1"; anything else ("²", a 40-digit number) says nothing.
    person = {0: False, 1: True, "0": False, "1": True}.get(flag) if isinstance(flag, (int, str)) else None
    if row.get("type") in ("undesirable", "extremist", "terrorist"):
        person = False
    return RegistryRow(
        name=str(row.get("name", "")),
        person=person,
        designated=parse_date(row.get("dateIn")),
        delisted=parse_date(row.get("dateOut")),
        reference=f"row {n}",
    )


_IN_FORCE = re.compile(r"вступил[оа]?\s+в\s+силу\s+(\d{1,2}\.\d{2}\.\d{4})", re.I)
_DECIDED = re.compile(r"от\s+(\d{1,2}\.\d{2}\.\d{4})")


def _itsalt_row(row: JSON, n: int) -> RegistryRow:
    decision = " ".join(str(row.get("decision") or "").split())
    designation, _, suspension = decision.partition("приостановлен")
    in_force = _IN_FORCE.search(designation)
    delisted = None
    if suspension:
        # The Supreme Court suspends a ban with immediate effect (the Taliban, 17.04.2025, law.md
        # §3.3), so the suspension counts from its decision date, not the later "in force" date.
        decided = _DECIDED.search(suspension)
        delisted = parse_date(decided.group(1)) if decided else None
    number = str(row.get("id", "")).rsplit("-", 1)[-1]
    kind = str(row.get("kind") or "").lower()
    return RegistryRow(
        name=str(row.get("name", "")),
        person=True if kind in ("person", "individual") else False if kind else None,
        designated=parse_date(in_force.group(1)) if in_force else parse_date(row.get("included_at")),
        delisted=delisted or parse_date(row.get("excluded_at")),
        decision=decision,
        reference=f"row {number if number.isdigit() else n}",
    )


def _detect(data: Any) -> tuple[str, list[JSON], JSON]:
    """The format, the rows and the wrapper's metadata of a parsed export."""
    meta = data if isinstance(data, dict) else {}
    rows = data.get("entries") if isinstance(data, dict) and "entries" in data else data
    if isinstance(rows, dict):
        rows = [rows]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise ValueError("expected a list of registry rows (or an object with `entries`)")
    keys = set().union(*(r.keys() for r in rows[:50]))
    if "name" in keys and keys & {"decision", "included_at", "excluded_at"}:
        return "itsalt", rows, meta
    if "fullName" in keys or "field_2_s" in keys or "field_5_s" in keys:
        return "minjust", rows, meta
    if "name" in keys and ("type" in keys or "is_person" in keys or "dateIn" in keys):
        return "lem", rows, meta
    raise ValueError(
        "not a registry export this version reads (Minjust JSON rows with fullName/dateIn, "
        "a lem file with name/type/dateIn, or an ITSalt mirror file with entries/decision)"
    )


_READERS = {"minjust": _minjust_row, "lem": _lem_row, "itsalt": _itsalt_row}
_LABELS = {"minjust": "Minjust registry export", "lem": "lem snapshot", "itsalt": "ITSalt mirror"}


def _registry(fmt: str, rows: list[JSON], meta: JSON) -> str | None:
    if fmt == "lem":
        types = {_LEM_TYPES.get(str(r.get("type"))) for r in rows}
        return types.pop() if len(types) == 1 else None
    if fmt == "itsalt":
        registries = {
            "fsb_terrorist_orgs": "terrorist",
            "minjust_foreign_agents": "foreign-agents",
            "minjust_undesirable_orgs": "undesirable",
            "minjust_extremist_orgs": "extremist",
        }
        return registries.get(str(meta.get("registry")))
    if any("decisionInMinjust" in r for r in rows[:5]):
        return "undesirable"
    if any("agentType" in r or "law" in r for r in rows[:5]):
        return "foreign-agents"
    return None


def _merge_repeats(rows: list[RegistryRow]) -> list[RegistryRow]:
    """One row per register entry. The extremist list prints some rows twice: short and undated
    in the list, then in full and dated in an appendix ("«ВЕК РА»" and "«ВЕК РА» (Ведической…)").
    The fuller name and every known date are kept."""
    out: list[RegistryRow] = []
    by_key: dict[str, int] = {}
    for row in rows:
        key = match_key(row.name)
        target = by_key.get(key)
        if target is None:
            target = next(
                (i for k, i in by_key.items() if (key.startswith(k + " (") or k.startswith(key + " ("))),
                None,
            )
        if target is not None and _same_entry(out[target], row):
            kept = out[target]
            longer = row.name if len(row.name) > len(kept.name) else kept.name
            out[target] = replace(
                kept,
                name=longer,
                designated=kept.designated or row.designated,
                delisted=kept.delisted or row.delisted,
                resources=tuple(dict.fromkeys(kept.resources + row.resources)),
                decision=kept.decision or row.decision,
            )
            by_key[match_key(longer)] = target
            continue
        by_key[key] = len(out)
        out.append(row)
    return out


def _same_entry(a: RegistryRow, b: RegistryRow) -> bool:
    # A person excluded and designated again is two rows with two different dates.
    return not (a.designated and b.designated and a.designated != b.designated)


def _unzipped(raw: bytes, path: str) -> bytes:
    """The one file in a zip archive (the FARA bulk data comes zipped), else the bytes as they are."""
    if raw[:4] != b"PK\x03\x04":
        return raw
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            [member] = [m for m in archive.infolist() if not m.is_dir()]
            if member.file_size > MAX_EXPORT_BYTES:
                raise ExportError(path, f"the archive's file is larger than {MAX_EXPORT_BYTES:,} bytes")
            return archive.read(member)
    except ValueError:
        raise ExportError(path, "a zip archive must hold exactly one export file") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ExportError(path, f"not a readable zip archive ({error})") from None


def _read_fara(raw: bytes, path: str, fmt: str) -> Export:
    from checker.lists import fara  # fara builds on this module's rows

    text = raw.decode("utf-8-sig", errors="replace")  # the bulk files carry a few undecodable bytes
    header = fara.columns(text)
    if fmt not in ("auto", "fara"):
        raise ExportError(path, f"this looks like a fara export, not {fmt}")
    if header >= fara.REGISTRANT_COLUMNS:
        rows, label = fara.registrant_rows(text), "FARA bulk data (registrants)"
    elif header >= fara.PRINCIPAL_COLUMNS:
        rows, label = fara.principal_rows(text), "FARA bulk data (foreign principals)"
    else:
        raise ExportError(path, "CSV without the columns of the FARA bulk registrants or foreign principals files")
    if not rows:
        raise ExportError(path, "no registry rows with a name")
    return Export(format="fara", label=label, rows=tuple(rows), checksum=hashlib.sha256(raw).hexdigest(),
                  retrieved=None, source_url=None, registry="fara", keeps_history=True)


def read_export(path: Path, fmt: str = "auto") -> Export:
    """Read and clean a registry export file. Raises ExportError with a one-line reason."""
    try:
        raw = read_regular(path, MAX_EXPORT_BYTES)
    except NotRegularFile as error:
        raise ExportError(str(path), str(error)) from None
    except OSError as error:
        raise ExportError(str(path), error.strerror or "cannot read file") from None
    raw = _unzipped(raw, str(path))
    if raw[:1] == b'"' or raw[:4] == b'\xef\xbb\xbf"':  # CSV with quoted fields: the FARA bulk data
        return _read_fara(raw, str(path), fmt)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExportError(str(path), "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ExportError(str(path), f"not JSON ({error.msg})", error.lineno, error.colno) from None
    except ValueError as error:  # a number of thousands of digits
        raise ExportError(str(path), f"not usable JSON ({str(error).split(';')[0]})") from None
    except RecursionError:
        raise ExportError(str(path), "JSON nested too deeply to read") from None
    try:
        detected, rows, meta = _detect(data)
    except ValueError as error:
        raise ExportError(str(path), str(error)) from None
    if fmt not in ("auto", detected):
        raise ExportError(str(path), f"this looks like a {detected} export, not {fmt}")
    read = [_READERS[detected](row, n) for n, row in enumerate(rows, 1)]
    kept, dropped = [], []
    for row in read:
        name = clean_name(row.name)
        if is_junk(name):
            dropped.append(row.name or "(empty name)")
            continue
        kept.append(replace(row, name=name))
    if not kept:
        raise ExportError(str(path), "no registry rows with a name")
    fetched = meta.get("fetched_at") or meta.get("updated_at")
    return Export(
        format=detected,
        label=_LABELS[detected],
        rows=tuple(_merge_repeats(kept)),
        checksum=hashlib.sha256(raw).hexdigest(),
        retrieved=parse_date(fetched),
        source_url=meta.get("source_url") if isinstance(meta.get("source_url"), str) else None,
        registry=_registry(detected, rows, meta),
        dropped=tuple(dropped),
    )


def _either(first: bool | None, second: bool | None) -> bool | None:
    """True when one export says so, False when one says not, None when neither says."""
    return True if True in (first, second) else (False if False in (first, second) else None)


def enrich(rows: Iterable[RegistryRow], others: Iterable[Export]) -> list[RegistryRow]:
    """Fill what the primary export lacks (websites, decisions, legal basis, person or not) from
    other exports of the same register, row by row; dates and names stay the primary's."""
    index: dict[str, list[RegistryRow]] = {}
    for export in others:
        for row in export.rows:
            index.setdefault(match_key(row.name), []).append(row)
    out = []
    for row in rows:
        candidates = index.get(match_key(row.name), [])
        # A namesake designated on another day is another row.
        same = [c for c in candidates if not row.designated or c.designated in (None, row.designated)]
        for other in same:
            row = replace(
                row,
                person=row.person if row.person is not None else other.person,
                resources=tuple(dict.fromkeys(row.resources + other.resources)),
                decision=row.decision or other.decision,
                basis=row.basis or other.basis,
                principals=tuple(dict.fromkeys(row.principals + other.principals)),
                media=_either(row.media, other.media),
            )
        out.append(row)
    return out
