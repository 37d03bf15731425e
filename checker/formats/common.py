"""What the report formats share: what a renderer may be given beside the report, the order and
wording of statuses, suppression reasons, counts and the closing summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..report import Report, Result

# Worst first: when results overlap, the first status in this order colours the place.
STATUS_ORDER = ("flagged", "malformed", "missing", "review", "present", "suppressed")
STATUS_WORDS = {
    "present": "present",
    "missing": "missing",
    "malformed": "malformed",
    "flagged": "flagged",
    "review": "review",
    "suppressed": "suppressed",
}


@dataclass(frozen=True)
class RunInfo:
    """What some formats need beyond the report. Every field is optional: a format renders
    from the report alone and uses these when they are there.

    documents: the loaded articles by report path (the HTML report shows their text);
    rules: rule id -> rule (title, description, law) for SARIF's rule table;
    seconds: how long the check took; timings: seconds per document path;
    fail_on: the lowest severity that fails the run, as the exit code uses it.
    """

    documents: Mapping[str, Any] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    seconds: float | None = None
    timings: Mapping[str, float] = field(default_factory=dict)
    fail_on: str = "warning"


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def suppression_reason(result: Result) -> str | None:
    """The reason given for silencing a result, when the result says (read defensively: the
    suppression model may carry a string, an object with `reason`, or nothing)."""
    for name in ("suppressed", "suppression", "reason"):
        value = getattr(result, name, None)
        if value is None or value is False:
            continue
        if isinstance(value, str):
            return value
        reason = getattr(value, "reason", None)
        if isinstance(reason, str):
            return reason
        if isinstance(value, Mapping) and isinstance(value.get("reason"), str):
            return value["reason"]
    return None


def suppression_note(result: Result) -> str:
    """"suppressed (was flagged): the reason" — what the rule reported and why it was silenced."""
    was = getattr(getattr(result, "suppressed", None), "status", None)
    reason = suppression_reason(result)
    head = f"suppressed (was {was})" if isinstance(was, str) else "suppressed"
    return f"{head}: {reason}" if reason else head


def first_law(result: Result) -> str:
    if not result.law:
        return ""
    first = result.law[0]
    return f"{first.title} <{first.url}>" if first.url else first.title


def counts(report: Report) -> dict[str, int]:
    """The report's summary plus the statuses it may not count yet (suppressed)."""
    data = dict(report.summary())
    statuses = Counter(r.status for d in report.documents for r in d.results)
    data.setdefault("suppressed", statuses["suppressed"])
    return data


def summary_line(report: Report, seconds: float | None = None) -> str:
    """documents, present, missing, malformed, flagged, (review, suppressed when any), errors, seconds."""
    c = counts(report)
    parts = [f"{c[k]} {k}" for k in ("present", "missing", "malformed", "flagged")]
    parts += [f"{c[k]} {k}" for k in ("review", "suppressed") if c.get(k)]
    parts.append(f"{c['errors']} error(s)")
    line = f"{c['documents']} document(s): {', '.join(parts)}"
    if seconds is not None:
        line += f" in {seconds:.2f} s"
    return line


def location_text(result: Result) -> str:
    return f"{result.location.line}:{result.location.column}"
