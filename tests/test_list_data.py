"""Data conventions of the designation lists in rules/lists/*.yaml.

These tests read the YAML files directly (yaml.safe_load), independently of the loader and its
JSON schema, and check the conventions the list data must keep: required keys, ids, dates,
kinds, alias modes, FARA principals, per-entry sources, bare domains and unique aliases.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

LISTS_DIR = Path(__file__).resolve().parent.parent / "rules" / "lists"
LIST_FILES = sorted(LISTS_DIR.glob("*.yaml"))

EXPECTED_LISTS = {
    "ru.undesirable",
    "ru.foreign-agents",
    "ru.extremist",
    "ru.terrorist",
    "by.extremist-formations",
    "us.fara-registrants",
    "eu.annex-xv-media",
}

LIST_KEYS_REQUIRED = {"id", "title", "jurisdiction", "authority", "source", "retrieved", "entries"}
LIST_KEYS_ALLOWED = LIST_KEYS_REQUIRED | {"max_age_days", "notes", "checksum", "update"}
ENTRY_KEYS_REQUIRED = {"id", "name", "kind", "source"}
ENTRY_KEYS_ALLOWED = ENTRY_KEYS_REQUIRED | {
    "designated",
    "delisted",
    "aliases",
    "roles",
    "exclude",
    "domains",
    "principal",
}
ALIAS_KEYS_REQUIRED = {"name", "lang"}
ALIAS_KEYS_ALLOWED = ALIAS_KEYS_REQUIRED | {"match", "inflect", "generated"}

KINDS = {"person", "organization", "media"}
MATCH_MODES = {"any", "case", "capitalised", "quoted", "introduced"}
JURISDICTIONS = {"RU", "BY", "US", "EU"}
MAX_AGE_DAYS = {
    "ru.foreign-agents": 10,
    "ru.undesirable": 30,
    "ru.extremist": 45,
    "ru.terrorist": 45,
    "by.extremist-formations": 90,
    "us.fara-registrants": 90,
    "eu.annex-xv-media": 90,
}

ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
HOSTNAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
LANG = re.compile(r"^[a-z]{2}$")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@functools.cache
def _load(path: Path) -> dict:
    # libyaml: the full registries are ~25,000 lines, which the pure-Python parser reads slowly.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


def _as_date(value: object, where: str) -> dt.date | None:
    """YAML gives dates as datetime.date; quoted ones stay strings. Both must be ISO dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        pytest.fail(f"{where}: {value!r} is a timestamp, not a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pytest.fail(f"{where}: {value!r} is not a YYYY-MM-DD date")
    pytest.fail(f"{where}: {value!r} is not a date")


def _fold(name: str) -> str:
    """How the matcher compares names: NFKC, any quote style, ё as е, spaces collapsed, no case."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub('[«»“”„‟″"]', '"', text).replace("ё", "е").replace("Ё", "Е")
    return " ".join(text.split()).casefold()


def _entries(data: dict) -> list[dict]:
    return [e for e in data.get("entries") or [] if isinstance(e, dict)]


@pytest.fixture(scope="module", params=LIST_FILES, ids=[p.stem for p in LIST_FILES])
def list_file(request) -> tuple[Path, dict]:
    return request.param, _load(request.param)


def test_all_expected_lists_exist():
    assert {p.stem for p in LIST_FILES} >= EXPECTED_LISTS


def test_list_header(list_file):
    path, data = list_file
    missing = LIST_KEYS_REQUIRED - data.keys()
    assert not missing, f"{path.name}: missing keys {sorted(missing)}"
    unknown = data.keys() - LIST_KEYS_ALLOWED
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    assert data["id"] == path.stem, f"{path.name}: id {data['id']!r} must equal the file stem"
    assert data["jurisdiction"] in JURISDICTIONS
    assert data["jurisdiction"] == data["id"].split(".")[0].upper(), f"{path.name}: jurisdiction"
    for key in ("title", "authority"):
        assert isinstance(data[key], str) and data[key].strip(), f"{path.name}: empty {key}"
    assert re.match(r"^https?://\S+$", data["source"]), f"{path.name}: source must be a URL"
    retrieved = _as_date(data["retrieved"], f"{path.name}: retrieved")
    assert retrieved is not None
    assert retrieved <= dt.date.today(), f"{path.name}: retrieved is in the future"
    if data["id"] in MAX_AGE_DAYS:
        assert data.get("max_age_days") == MAX_AGE_DAYS[data["id"]]
    assert isinstance(data.get("notes"), str) and data["notes"].strip(), (
        f"{path.name}: notes must state provenance"
    )
    assert isinstance(data["entries"], list) and data["entries"], f"{path.name}: no entries"


def test_entry_keys_and_ids(list_file):
    path, data = list_file
    seen: set[str] = set()
    for i, entry in enumerate(data["entries"]):
        where = f"{path.name} entry {i}"
        assert isinstance(entry, dict), f"{where}: must be a mapping"
        missing = ENTRY_KEYS_REQUIRED - entry.keys()
        assert not missing, f"{where}: missing keys {sorted(missing)}"
        unknown = entry.keys() - ENTRY_KEYS_ALLOWED
        assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
        assert isinstance(entry["id"], str) and ENTRY_ID.match(entry["id"]), (
            f"{where}: bad id {entry['id']!r}"
        )
        assert entry["id"] not in seen, f"{where}: duplicate id {entry['id']!r}"
        seen.add(entry["id"])
        assert isinstance(entry["name"], str) and entry["name"].strip(), f"{where}: empty name"
        assert entry["name"] == entry["name"].strip() and "  " not in entry["name"], (
            f"{where}: stray white space in name {entry['name']!r}"
        )


def test_kinds(list_file):
    path, data = list_file
    for entry in _entries(data):
        assert entry.get("kind") in KINDS, (
            f"{path.name} {entry.get('id')}: kind {entry.get('kind')!r}"
        )


def test_dates(list_file):
    path, data = list_file
    retrieved = _as_date(data["retrieved"], f"{path.name}: retrieved")
    for entry in _entries(data):
        where = f"{path.name} {entry['id']}"
        designated = _as_date(entry.get("designated"), f"{where}: designated")
        delisted = _as_date(entry.get("delisted"), f"{where}: delisted")
        if designated and delisted:
            assert designated <= delisted, f"{where}: delisted before designated"
        for label, value in (("designated", designated), ("delisted", delisted)):
            if value is not None:
                assert value <= retrieved, f"{where}: {label} {value} is after the snapshot date"
                assert value.year >= 1938, f"{where}: {label} {value} is implausibly early"


def test_sources(list_file):
    path, data = list_file
    for entry in _entries(data):
        source = entry.get("source")
        assert isinstance(source, str) and source.strip(), f"{path.name} {entry['id']}: no source"


def test_aliases(list_file):
    path, data = list_file
    for entry in _entries(data):
        where = f"{path.name} {entry['id']}"
        aliases = entry.get("aliases") or []
        assert isinstance(aliases, list), f"{where}: aliases must be a list"
        for alias in aliases:
            assert isinstance(alias, dict), f"{where}: alias {alias!r} must be a mapping"
            missing = ALIAS_KEYS_REQUIRED - alias.keys()
            assert not missing, f"{where}: alias {alias!r} lacks {sorted(missing)}"
            unknown = alias.keys() - ALIAS_KEYS_ALLOWED
            assert not unknown, f"{where}: alias {alias!r} has unknown keys {sorted(unknown)}"
            assert isinstance(alias["name"], str) and alias["name"].strip(), f"{where}: empty alias"
            assert LANG.match(str(alias["lang"])), f"{where}: bad lang in {alias!r}"
            assert alias.get("match", "any") in MATCH_MODES, f"{where}: bad match in {alias!r}"
            assert isinstance(alias.get("inflect", True), bool), f"{where}: inflect must be boolean"


def test_no_duplicate_alias_within_list(list_file):
    path, data = list_file
    owners: dict[str, str] = {}
    for entry in _entries(data):
        for alias in entry.get("aliases") or []:
            key = _fold(alias["name"])
            other = owners.get(key)
            assert other is None, (
                f"{path.name}: alias {alias['name']!r} of {entry['id']} duplicates one of {other}"
            )
            owners[key] = entry["id"]


def test_exclude_phrases(list_file):
    path, data = list_file
    for entry in _entries(data):
        exclude = entry.get("exclude") or []
        assert isinstance(exclude, list), f"{path.name} {entry['id']}: exclude must be a list"
        for phrase in exclude:
            assert isinstance(phrase, str) and phrase.strip(), (
                f"{path.name} {entry['id']}: empty exclude"
            )


def test_domains_are_bare_hostnames(list_file):
    path, data = list_file
    for entry in _entries(data):
        domains = entry.get("domains") or []
        assert isinstance(domains, list), f"{path.name} {entry['id']}: domains must be a list"
        assert len(domains) == len(set(domains)), f"{path.name} {entry['id']}: repeated domain"
        for domain in domains:
            where = f"{path.name} {entry['id']}: domain {domain!r}"
            assert isinstance(domain, str), where
            assert domain == domain.lower(), f"{where} must be lower case"
            assert "://" not in domain and "/" not in domain, f"{where} must have no scheme or path"
            assert not domain.startswith("www."), f"{where} must not start with www."
            assert HOSTNAME.match(domain), f"{where} is not a host name"


def test_fara_entries_have_principal(list_file):
    """FARA entries name their foreign principals (one, or a list), as the bulk data gives them;
    a registrant the principals file has no row for (one in the April 2025 data) has none."""
    path, data = list_file
    without = []
    for entry in _entries(data):
        principal = entry.get("principal")
        if data["id"].startswith("us.fara"):
            names = [principal] if isinstance(principal, str) else principal or []
            assert all(isinstance(n, str) and n.strip() for n in names), f"{path.name} {entry['id']}: {principal!r}"
            if not names:
                without.append(entry["id"])
        else:
            assert principal is None, f"{path.name} {entry['id']}: principal is for FARA lists only"
    assert len(without) <= len(_entries(data)) // 100, f"{path.name}: no principal for {without}"


def test_person_names_are_surname_first_without_punctuation(list_file):
    path, data = list_file
    for entry in _entries(data):
        if entry.get("kind") != "person":
            continue
        name = entry["name"]
        words = name.split()
        assert 2 <= len(words) <= 4, (
            f"{path.name} {entry['id']}: {name!r} is not 'Фамилия Имя Отчество'"
        )
        assert not re.search(r"[\"«»()\[\],;:]", name), (
            f"{path.name} {entry['id']}: stray punctuation in {name!r} (pseudonyms go in aliases)"
        )
        if data["jurisdiction"] == "RU":
            assert CYRILLIC.search(name), f"{path.name} {entry['id']}: register names are Cyrillic"


def test_acronym_aliases_are_not_inflected():
    """Short all-capital Russian aliases (ФБК, ИГИЛ, НТВ) must not get generated case forms."""
    for path in LIST_FILES:
        for entry in _entries(_load(path)):
            for alias in entry.get("aliases") or []:
                name = alias["name"]
                if (
                    alias["lang"] == "ru"
                    and len(name) <= 5
                    and name.isupper()
                    and CYRILLIC.search(name)
                ):
                    assert alias.get("inflect") is False, f"{path.name} {entry['id']}: {name!r}"
                    assert alias.get("match") == "case", f"{path.name} {entry['id']}: {name!r}"


# Facts the default rules and their examples rely on; a curation slip here changes findings.
SPOT_CHECKS = [
    ("ru.undesirable", "rferl", "2024-02-20", None),
    ("ru.undesirable", "meduza", "2023-02-07", None),
    ("ru.undesirable", "istories", "2022-03-05", None),
    ("ru.foreign-agents", "galkin", "2022-09-16", None),
    ("ru.foreign-agents", "tv-rain-llc", "2021-08-20", "2023-12-01"),
    ("ru.foreign-agents", "fbk", "2019-10-09", "2021-09-08"),
    ("ru.extremist", "meta", "2022-03-21", None),
    ("ru.extremist", "fbk", "2021-06-09", None),
    ("ru.terrorist", "taliban", "2003-03-04", "2025-04-17"),
    ("ru.terrorist", "islamic-state", "2015-02-13", None),
    ("by.extremist-formations", "zerkalo", "2023-06-12", None),
    ("eu.annex-xv-media", "rt-english", "2022-03-02", None),
    ("eu.annex-xv-media", "lenta", "2025-02-24", None),
    ("us.fara-registrants", "t-and-r-productions", "2017-11-10", "2022-09-30"),  # FARA bulk data, No. 6485
]


@pytest.mark.parametrize(("list_id", "entry_id", "designated", "delisted"), SPOT_CHECKS)
def test_spot_checked_dates(list_id, entry_id, designated, delisted):
    data = _load(LISTS_DIR / f"{list_id}.yaml")
    entry = next((e for e in _entries(data) if e["id"] == entry_id), None)
    assert entry is not None, f"{list_id}: no entry {entry_id!r}"
    assert _as_date(entry.get("designated"), entry_id) == dt.date.fromisoformat(designated)
    expected_delisted = dt.date.fromisoformat(delisted) if delisted else None
    assert _as_date(entry.get("delisted"), entry_id) == expected_delisted


def test_whatsapp_and_tass_are_not_designated():
    """WhatsApp is outside the Meta ruling; TASS is not in EU Annex XV (common curation errors)."""
    for path in LIST_FILES:
        data = _load(path)
        for entry in _entries(data):
            names = [entry["name"]] + [a["name"] for a in entry.get("aliases") or []]
            folded = " | ".join(_fold(n) for n in names)
            assert "whatsapp" not in folded, f"{path.name} {entry['id']}"
            if data["id"] == "eu.annex-xv-media":
                assert "tass" not in folded and "тасс" not in folded, f"{path.name} {entry['id']}"
                assert not any(d.startswith("tass.") for d in entry.get("domains") or [])
