"""The US Justice Department's FARA bulk data, read as a register export.

The FARA Unit publishes every registration since 1942 as CSV files (efile.fara.gov/bulk, zipped):
`FARA_All_Registrants.csv` (one row per registrant: number, registration and termination
dates, name) and `FARA_All_ForeignPrincipals.csv` (one row per registrant and foreign principal).
The first is the register; the second, given after it to `checker lists import`, adds each
registrant's principals. A registrant acting for a state broadcaster or news agency
(`state_media_principals` in the lexicon) is an outlet's distributor, imported as `media`:
one in force, or half of all the principals it ever had.

Because the register keeps its whole history, an import keeps what is in force (registrants
without a termination date) and every media registrant with its termination as `delisted`; an
entry of the list that the register lacks was registered after the export and is kept.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from checker import lexicon
from checker.lists.registries import RegistryRow, clean_name

REGISTRANT_COLUMNS = {"Registration Number", "Registration Date", "Termination Date", "Name"}
PRINCIPAL_COLUMNS = {
    "Foreign Principal", "Registration Number", "Registrant Name", "Foreign Principal Termination Date"
}

_STATE_MEDIA = lexicon.words("state_media_principals")
# "Sweeney, Robert Wallace", "Lewis Jr., Robert E.": a person, surname first. A firm's name has
# other shapes ("Quinn Emanuel Urquhart & Sullivan, LLP", "Davis, Manafort & Freedman").
_GIVEN = r"(?:[A-Z][a-z'-]+|[A-Z]\.)"
_SURNAME = r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+)?(?: (?:Jr|Sr)\.| I{2,3}| IV)?"
_PERSON = re.compile(rf"^{_SURNAME}, {_GIVEN}(?: {_GIVEN}){{0,2}}$")


def columns(text: str) -> set[str]:
    """The header of a CSV text, or nothing when it is not CSV."""
    first = text.split("\n", 1)[0]
    try:
        return set(next(csv.reader([first])))
    except (csv.Error, StopIteration):
        return set()


def _day(value: str | None) -> date | None:
    try:
        return datetime.strptime((value or "").strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def is_state_media(principal: str) -> bool:
    low = principal.lower()
    return any(word in low for word in _STATE_MEDIA)


def _distributes_state_media(current: list[str], ever: list[str]) -> bool:
    """A state outlet among the principals in force, or half of all it ever had: a PR firm that
    once had CCTV among twenty clients is not CCTV's distributor."""
    return any(map(is_state_media, current)) or 2 * sum(map(is_state_media, ever)) >= len(ever)


def _name(raw: str) -> tuple[str, bool]:
    """The registrant's name as the list writes it, and whether it is a person (then surname
    first, without the comma, as the registers' persons are written)."""
    name = clean_name(" ".join(raw.split()))
    if _PERSON.match(name):
        return name.replace(",", "", 1), True
    return name, False


def registrant_rows(text: str) -> list[RegistryRow]:
    rows = []
    for n, record in enumerate(csv.DictReader(io.StringIO(text)), 1):
        name, person = _name(record.get("Name") or "")
        number = (record.get("Registration Number") or "").strip()
        rows.append(RegistryRow(
            name=name,
            person=person,
            designated=_day(record.get("Registration Date")),
            delisted=_day(record.get("Termination Date")),
            reference=f"registration No. {number}" if number else f"row {n}",
            media=False,  # unless a principal is state media (principal_rows)
        ))
    return rows


def principal_rows(text: str) -> list[RegistryRow]:
    """One row per registrant: its principals in force (all it ever had, once it has
    terminated), and whether any of them is state media."""
    current: dict[str, list[str]] = {}
    ever: dict[str, list[str]] = {}
    first: dict[str, tuple[str, date | None]] = {}
    for record in csv.DictReader(io.StringIO(text)):
        number = (record.get("Registration Number") or "").strip()
        principal = " ".join((record.get("Foreign Principal") or "").split())
        if not number or not principal:
            continue
        first.setdefault(number, ((record.get("Registrant Name") or "").strip(), _day(record.get("Registrant Date"))))
        ever.setdefault(number, []).append(principal)
        if not (record.get("Foreign Principal Termination Date") or "").strip():
            current.setdefault(number, []).append(principal)
    rows = []
    for number, (raw_name, registered) in first.items():
        name, person = _name(raw_name)
        principals = tuple(dict.fromkeys(current.get(number) or ever[number]))
        rows.append(RegistryRow(
            name=name, person=person, designated=registered, delisted=None,
            reference=f"registration No. {number}", principals=principals,
            media=_distributes_state_media(current.get(number, []), ever[number]),
        ))
    return rows
