"""What changed between scans: documents that became non-compliant or compliant, whose problems
changed, or that are gone from the archive, grouped by what caused their new check ("after the
lists ru.foreign-agents of 2026-12-01, 37 documents became non-compliant: ..."). As text and as
JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checker.formats.json import result_dict as result_data
from checker.printable import json_text, printable
from checker.report import Result, Severity
from checker.store import REMOVED, Change

NEW, NON_COMPLIANT, COMPLIANT, GONE = "new", "non-compliant", "compliant", "removed"


@dataclass(frozen=True)
class DocumentChange:
    path: str
    causes: tuple[str, ...]
    before: list[Result] | None  # None: the document was not in the store before
    after: list[Result]
    removed: bool = False  # gone from the archive in the last scan that changed it

    def state(self, results: list[Result] | None, fail_on: Severity | str) -> str:
        if results is None:
            return NEW
        return NON_COMPLIANT if any(r.fails(fail_on) for r in results) else COMPLIANT

    def added(self) -> list[Result]:
        """Problems found now that were not before."""
        before = {_key(r) for r in self.before or ()}
        return [r for r in self.after if _key(r) not in before]

    def resolved(self) -> list[Result]:
        if self.removed:
            return []  # its problems went with it
        after = {_key(r) for r in self.after}
        return [r for r in self.before or () if _key(r) not in after]


def _key(r: Result) -> tuple[str, str, str, str]:
    return (r.rule, r.status.value, r.subject or "", r.text or "")


def collect(changes: Iterable[Change]) -> list[DocumentChange]:
    """One change per document over the scans given: its first state before, its last after;
    documents that came back to where they were are left out."""
    first: dict[str, Change] = {}
    last: dict[str, Change] = {}
    causes: dict[str, list[str]] = {}
    for change in changes:
        first.setdefault(change.path, change)
        last[change.path] = change
        causes.setdefault(change.path, [])
        if change.cause not in causes[change.path]:
            causes[change.path].append(change.cause)
    found = []
    for path, change in first.items():
        doc = DocumentChange(path, tuple(causes[path]), change.before, last[path].after,
                             removed=last[path].cause == REMOVED)
        if doc.removed:
            if doc.before is not None:  # not one that came and went between the scans
                found.append(doc)
        elif doc.before is None or doc.added() or doc.resolved():
            found.append(doc)
    return found


@dataclass(frozen=True)
class Transition:
    """A document's compliance before and after."""

    change: DocumentChange
    before: str
    after: str


def transitions(changes: list[DocumentChange], fail_on: Severity | str) -> list[Transition]:
    return [
        Transition(c, c.state(c.before, fail_on), GONE if c.removed else c.state(c.after, fail_on)) for c in changes
    ]


def became_non_compliant(found: list[Transition]) -> list[Transition]:
    return [t for t in found if t.before == COMPLIANT and t.after == NON_COMPLIANT]


def _what(results: list[Result], limit: int = 3) -> str:
    """"12 × ru.x missing (Шульман ×9, Галкин ×3)": new problems by rule and status, main subjects."""
    by_rule = Counter((r.rule, r.status.value) for r in results)
    parts = []
    for (rule, status), count in by_rule.most_common():
        subjects = Counter(r.subject or r.text or "" for r in results if (r.rule, r.status.value) == (rule, status))
        named = ", ".join(f"{printable(s)} ×{n}" for s, n in subjects.most_common(limit) if s)
        parts.append(f"{count} × {rule} {status}" + (f" ({named})" if named else ""))
    return "; ".join(parts)


def _after(cause: str) -> str:
    """"after the lists ru.x of 2026-12-01", "after edits to the documents"."""
    if cause.startswith("lists"):
        return f"after the {cause}"
    if cause == "document changed":
        return "after edits to the documents"
    return f"after a change of {cause}"


def render_text(changes: list[DocumentChange], since: str, fail_on: Severity | str) -> str:
    found = transitions(changes, fail_on)
    lines = [f"changes {since}: {len(found)} document(s)" if found else f"no changes {since}"]
    gone = [t for t in found if t.after == GONE]
    if gone:
        failing = sum(t.before == NON_COMPLIANT for t in gone)
        lines.append(f"{len(gone)} document(s) removed from the archive, {failing} of them non-compliant before")
    by_cause: dict[str, list[Transition]] = {}
    for t in found:
        if t.after != GONE:
            by_cause.setdefault(" and ".join(t.change.causes), []).append(t)
    for cause, group in by_cause.items():
        new = [t for t in group if t.before == NEW]
        worse = became_non_compliant(group)
        better = [t for t in group if t.before == NON_COMPLIANT and t.after == COMPLIANT]
        other = len(group) - len(new) - len(worse) - len(better)
        if new:
            failing = sum(t.after == NON_COMPLIANT for t in new)
            lines.append(f"{len(new)} new document(s), {failing} non-compliant")
            continue
        lines.append(
            f"{_after(cause)}: {len(worse)} document(s) became non-compliant, {len(better)} compliant, "
            f"{other} changed otherwise"
        )
        added = [r for t in group for r in t.change.added() if r.fails(fail_on)]
        if added:
            lines.append(f"  new problems: {_what(added)}")
        resolved = [r for t in group for r in t.change.resolved()]
        if resolved:
            lines.append(f"  resolved: {_what(resolved)}")
    for title, state in (("became non-compliant", NON_COMPLIANT), ("became compliant", COMPLIANT)):
        moved = [t for t in found if t.before not in (NEW, state) and t.after == state]
        if moved:
            lines.append(f"{title}:")
            for t in moved:
                problems = t.change.added() if state == NON_COMPLIANT else t.change.resolved()
                shown = "; ".join(
                    f"{r.rule} {r.status}" + (f" {printable(r.text)!r}" if r.text else "") for r in problems[:3]
                )
                lines.append(f"  {printable(t.change.path)}: {shown}" if shown else f"  {printable(t.change.path)}")
    return "\n".join(lines) + "\n"


def as_dict(changes: list[DocumentChange], since: dict[str, Any], fail_on: Severity | str) -> dict[str, Any]:
    found = transitions(changes, fail_on)
    states = Counter((t.before, t.after) for t in found)
    return {
        "version": 1,
        "since": since,
        "summary": {
            "documents": len(found),
            "new": sum(n for (before, _), n in states.items() if before == NEW),
            "became_non_compliant": states[(COMPLIANT, NON_COMPLIANT)],
            "became_compliant": states[(NON_COMPLIANT, COMPLIANT)],
            "removed": sum(n for (_, after), n in states.items() if after == GONE),
        },
        "documents": [
            {
                "path": t.change.path, "causes": list(t.change.causes), "before": t.before, "after": t.after,
                "added": [result_data(r) for r in t.change.added()],
                "resolved": [result_data(r) for r in t.change.resolved()],
            }
            for t in found
        ],
    }


def render_json(changes: list[DocumentChange], since: dict[str, Any], fail_on: Severity | str) -> str:
    return json_text(as_dict(changes, since, fail_on)) + "\n"
