"""The report model: results per document and their summary. It knows nothing of formats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

PRESENT, MISSING, MALFORMED, FLAGGED, REVIEW = "present", "missing", "malformed", "flagged", "review"
SUPPRESSED = "suppressed"  # a problem an editor silenced in the article, with a reason
PROBLEMS = frozenset({MISSING, MALFORMED, FLAGGED})
SEVERITIES = ("info", "warning", "error")


class ExitCode(IntEnum):
    CLEAN = 0  # nothing of severity warning or error is missing, malformed or flagged
    PROBLEMS = 1  # something is
    ERROR = 2  # usage error, unreadable input, invalid rules


@dataclass(frozen=True)
class Location:
    line: int
    column: int


@dataclass(frozen=True)
class Citation:
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Suppressed:
    """Why a result is suppressed, and what it was before: suppressions stay accountable."""

    reason: str
    status: str  # the status the rule reported: missing, malformed or flagged
    location: Location  # where the suppression is written
    scope: str  # "document" or "block"


@dataclass(frozen=True)
class Result:
    rule: str
    kind: str  # notice (also one per mention for mention-label rules) or flag
    status: str  # present, missing, malformed, review; flagged for flags; suppressed (see `suppressed`)
    severity: str
    subject: str | None
    text: str | None
    message: str
    location: Location
    law: tuple[Citation, ...]
    suppressed: Suppressed | None = None  # set when status is "suppressed"

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEMS

    def fails(self, fail_on: str = "warning") -> bool:
        return self.is_problem and SEVERITIES.index(self.severity) >= SEVERITIES.index(fail_on)


@dataclass(frozen=True)
class DocumentContext:
    publisher: str | None
    publisher_entries: tuple[str, ...]  # "list id: official name" of what the publisher resolved to
    regions: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    lang: str | None


@dataclass
class DocumentReport:
    path: str
    error: str | None = None
    results: list[Result] = field(default_factory=list)
    context: DocumentContext | None = None
    rules_applied: tuple[str, ...] = ()

    @property
    def notices(self) -> list[Result]:
        return [r for r in self.results if r.kind == "notice"]

    @property
    def flags(self) -> list[Result]:
        return [r for r in self.results if r.kind == "flag"]

    def fails(self, fail_on: str = "warning") -> bool:
        return any(r.fails(fail_on) for r in self.results)


@dataclass
class Report:
    as_of: date
    documents: list[DocumentReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the run itself: stale lists...

    def summary(self) -> dict[str, int]:
        counts = Counter(r.status for d in self.documents for r in d.results)
        return {
            "documents": len(self.documents),
            "present": counts[PRESENT],
            "missing": counts[MISSING],
            "malformed": counts[MALFORMED],
            "flagged": counts[FLAGGED],
            "review": counts[REVIEW],
            "suppressed": counts[SUPPRESSED],
            "errors": sum(1 for d in self.documents if d.error),
        }

    def exit_code(self, fail_on: str = "warning") -> ExitCode:
        if any(d.error for d in self.documents):
            return ExitCode.ERROR
        if any(d.fails(fail_on) for d in self.documents):
            return ExitCode.PROBLEMS
        return ExitCode.CLEAN
