"""What the report formats share: what a renderer may be given beside the report, the order and
wording of statuses, suppression reasons, counts and the closing summary line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checker.report import DocumentReport, Report, Result, Severity, Status, Tally

if TYPE_CHECKING:  # formats read these, they do not load them
    from checker.documents import Document
    from checker.rulepack.rules import Rule

# Worst first: when results overlap, the first status in this order colours the place.
STATUS_ORDER = (
    Status.FLAGGED, Status.MALFORMED, Status.MISSING, Status.REVIEW, Status.PRESENT, Status.SUPPRESSED
)


@dataclass(frozen=True)
class RunInfo:
    """What some formats need beyond the report. Every field is optional: a format renders
    from the report alone and uses these when they are there.

    documents: the loaded articles by report path (the HTML report shows their text);
    rules: rule id -> rule (title, description, law) for SARIF's rule table;
    seconds: how long the check took; timings: seconds per document path;
    fail_on: the lowest severity that fails the run, as the exit code uses it;
    root: the folder report paths are relative to in SARIF (%SRCROOT%), default the git root
    of the working directory, else the working directory; quiet: leave out lines that report
    nothing (--quiet).
    """

    documents: Mapping[str, Document] = field(default_factory=dict)
    rules: Mapping[str, Rule] = field(default_factory=dict)
    seconds: float | None = None
    timings: Mapping[str, float] = field(default_factory=dict)
    fail_on: Severity | str = Severity.WARNING
    root: Path | None = None
    quiet: bool = False  # the text report leaves out its chatter ("no rule applies", "nothing found")


class Writer:
    """A report written as the run goes, for the formats that need not hold the whole run: what
    comes before the documents (`start`, from the report's date and run warnings), each document
    as it is checked, and what comes after (`end`, from the run's tally). A streaming format's
    module offers its `Writer`, and renders a whole report through it (`render_whole`)."""

    def __init__(self, head: Report, color: bool = False, info: RunInfo | None = None):
        self.head = head  # the run's date and warnings; its documents are not read
        self.color = color
        self.info = info or RunInfo()

    def start(self) -> str:
        return ""

    def document(self, doc: DocumentReport) -> str:
        raise NotImplementedError

    def end(self, tally: Tally, seconds: float | None = None) -> str:
        return ""


def render_whole(writer: type[Writer], report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    """A whole report through a streaming format's writer."""
    out = writer(report, color, info)
    parts = [out.start(), *(out.document(doc) for doc in report.documents)]
    parts.append(out.end(Tally(report.documents), info.seconds if info else None))
    return "".join(parts)


def status_rank(status: Status | str) -> int:
    return STATUS_ORDER.index(Status(status)) if status in STATUS_ORDER else len(STATUS_ORDER)


def suppression_reason(result: Result) -> str | None:
    """The reason given for silencing a result, when it was silenced."""
    return result.suppressed.reason if result.suppressed is not None else None


def suppression_note(result: Result) -> str:
    """"suppressed (was flagged): the reason" — what the rule reported and why it was silenced."""
    if result.suppressed is None:
        return "suppressed"
    return f"suppressed (was {result.suppressed.status}): {result.suppressed.reason}"


def first_law(result: Result) -> str:
    if not result.law:
        return ""
    first = result.law[0]
    return f"{first.title} <{first.url}>" if first.url else first.title


def counts(report: Report | Tally) -> dict[str, int]:
    """The report's summary: documents, each status, errors."""
    return report.summary()


def summary_line(report: Report | Tally, seconds: float | None = None) -> str:
    """documents, present, missing, malformed, flagged, (review, suppressed when any), errors, seconds."""
    c = counts(report)
    parts = [f"{c[k]} {k}" for k in (Status.PRESENT, Status.MISSING, Status.MALFORMED, Status.FLAGGED)]
    parts += [f"{c[k]} {k}" for k in (Status.REVIEW, Status.SUPPRESSED) if c.get(k)]
    parts.append(f"{c['errors']} error(s)")
    line = f"{c['documents']} document(s): {', '.join(parts)}"
    if seconds is not None:
        line += f" in {seconds:.2f} s"
    return line


def location_text(result: Result) -> str:
    return f"{result.location.line}:{result.location.column}"
