"""The report model: results per document and their summary. It knows nothing of formats.

Statuses, severities and report sections are `str` enums: they compare equal to the words the
YAML and the JSON report use ("missing", "error", "notice"), and print as those words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field
from datetime import date
from enum import Enum, IntEnum


class _Word(str, Enum):
    """A word of the report's vocabulary: equal to, hashed and printed as its value, so it
    works wherever the plain word did (dict keys, JSON, YAML, f-strings)."""

    def __str__(self) -> str:
        return str(self.value)

    def __hash__(self) -> int:
        return hash(self.value)


class Status(_Word):
    """What a rule found at one place."""

    PRESENT = "present"
    MISSING = "missing"
    MALFORMED = "malformed"
    FLAGGED = "flagged"
    REVIEW = "review"  # an uncertain match, for a person to look at; never fails a run
    SUPPRESSED = "suppressed"  # a problem an editor silenced in the article, with a reason

    @property
    def is_problem(self) -> bool:
        """Missing, malformed or flagged: what fails a run (at the rule's severity)."""
        return self in _PROBLEMS


_PROBLEMS = frozenset({Status.MISSING, Status.MALFORMED, Status.FLAGGED})
PROBLEMS = _PROBLEMS


class Severity(_Word):
    """How serious a rule's problems are; ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)

    def at_least(self, level: Severity | str) -> bool:
        """Whether this severity is `level` or worse."""
        return self.rank >= Severity(level).rank


_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)
SEVERITIES = tuple(s.value for s in _SEVERITY_ORDER)


class Section(_Word):
    """Where a result is reported: among the notices (also the mention-label rules' results,
    one per entry or per mention) or among the flags. Not the rule's check kind."""

    NOTICE = "notice"
    FLAG = "flag"


class ExampleStatus(_Word):
    """What a rule's example may expect instead of a result's status."""

    CLEAN = "clean"  # the rule applied and found nothing
    NOT_APPLICABLE = "not-applicable"  # the rule did not apply


class ExitCode(IntEnum):
    CLEAN = 0  # nothing of severity warning or error is missing, malformed or flagged
    PROBLEMS = 1  # something is
    ERROR = 2  # usage error, unreadable input, invalid rules, a publisher on no list
    NO_INPUT = 5  # no article to check (an empty folder, all excluded); --allow-empty makes it 0


@dataclass(frozen=True)
class Location:
    line: int
    column: int


@dataclass(frozen=True)
class SourceSpan:
    """Where a result's text stands in the loaded document: block `block` (its index in
    `Document.blocks`), characters [start, end) of that block's text. start == end: a point
    (nothing to highlight: a missing notice)."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Suppressed:
    """Why a result is suppressed, and what it was before: suppressions stay accountable."""

    reason: str
    status: Status  # the status the rule reported: missing, malformed or flagged
    location: Location  # where the suppression is written
    scope: str  # "document" or "block"


@dataclass(frozen=True)
class Result:
    rule: str
    status: Status  # suppressed: see `suppressed`
    severity: Severity
    subject: str | None
    text: str | None
    message: str
    location: Location
    law: tuple[Citation, ...]
    section: Section = Section.NOTICE
    suppressed: Suppressed | None = None  # set when status is suppressed
    span: SourceSpan | None = None  # the text the check found, when it knows it
    kind: InitVar[Section | str | None] = None  # the former name of `section`, still accepted

    def __post_init__(self, kind: Section | str | None) -> None:
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "section", Section(kind if kind is not None else self.section))

    @property
    def is_problem(self) -> bool:
        return self.status.is_problem

    def fails(self, fail_on: Severity | str = Severity.WARNING) -> bool:
        return self.is_problem and self.severity.at_least(fail_on)


# Read back, the former name gives the section too (and lets dataclasses.replace carry it over).
setattr(Result, "kind", property(lambda self: self.section))  # noqa: B010


@dataclass(frozen=True)
class PublisherEntry:
    """A designation-list entry the publisher's name resolved to."""

    list_id: str
    name: str  # the official name

    def __str__(self) -> str:
        return f"{self.list_id}: {self.name}"


@dataclass(frozen=True)
class DocumentContext:
    publisher: str | None
    publisher_entries: tuple[PublisherEntry, ...]  # what the publisher resolved to
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
    # What the loader noticed but read anyway (invalid UTF-8 bytes...), one line each, no path.
    warnings: tuple[str, ...] = ()

    @property
    def notices(self) -> list[Result]:
        return [r for r in self.results if r.section is Section.NOTICE]

    @property
    def flags(self) -> list[Result]:
        return [r for r in self.results if r.section is Section.FLAG]

    def fails(self, fail_on: Severity | str = Severity.WARNING) -> bool:
        return any(r.fails(fail_on) for r in self.results)


class Tally:
    """What a run's summary and exit code need, added up one document at a time: a run that
    streams its reports keeps this, not the documents."""

    def __init__(self, documents: Iterable[DocumentReport] = ()):
        self.documents = 0
        self.errors = 0
        self.statuses: Counter[Status] = Counter()
        self.failing: set[Severity] = set()  # the severities of the problems found
        for doc in documents:
            self.add(doc)

    def add(self, doc: DocumentReport) -> None:
        self.documents += 1
        self.errors += bool(doc.error)
        for result in doc.results:
            self.statuses[result.status] += 1
            if result.is_problem:
                self.failing.add(result.severity)

    def summary(self) -> dict[str, int]:
        tally = {status.value: self.statuses[status] for status in Status}
        return {"documents": self.documents, **tally, "errors": self.errors}

    def exit_code(self, fail_on: Severity | str = Severity.WARNING) -> ExitCode:
        if self.errors:
            return ExitCode.ERROR
        if any(severity.at_least(fail_on) for severity in self.failing):
            return ExitCode.PROBLEMS
        return ExitCode.CLEAN


@dataclass
class Report:
    as_of: date
    documents: list[DocumentReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the run itself: stale lists...

    def summary(self) -> dict[str, int]:
        return Tally(self.documents).summary()

    def exit_code(self, fail_on: Severity | str = Severity.WARNING) -> ExitCode:
        return Tally(self.documents).exit_code(fail_on)
