"""Text report for an editor: grouped by document, one line per result, with the law."""

from __future__ import annotations

import click

from ..report import Report, Result

_STATUS_STYLE = {
    "present": ("green", "present"),
    "missing": ("red", "MISSING"),
    "malformed": ("yellow", "MALFORMED"),
    "flagged": ("magenta", "FLAGGED"),
    "review": ("cyan", "review"),
}


def _law(result: Result) -> str:
    first = result.law[0]
    return f"{first.title} <{first.url}>" if first.url else first.title


def _line(result: Result, path: str, color: bool) -> list[str]:
    hue, word = _STATUS_STYLE[result.status]
    status = click.style(f"{word:<9}", fg=hue, bold=result.is_problem) if color else f"{word:<9}"
    where = f"{path}:{result.location.line}:{result.location.column}"
    lines = [f"  {where}  {status} {result.severity:<7} {result.rule}", f"      {result.message}"]
    if result.is_problem:
        lines.append(f"      law: {_law(result)}")
    return lines


def render(report: Report, color: bool = False) -> str:
    out: list[str] = []
    for warning in report.warnings:
        out.append(click.style(f"warning: {warning}", fg="yellow") if color else f"warning: {warning}")
    for doc in report.documents:
        title = click.style(doc.path, bold=True) if color else doc.path
        out.append(title)
        if doc.error:
            out.append(f"  error: {doc.error}")
            continue
        if doc.context and doc.context.publisher_entries:
            out.append(f"  publisher: {doc.context.publisher} = {'; '.join(doc.context.publisher_entries)}")
        if not doc.rules_applied:
            out.append("  no rule applies: give --publisher, --region and --jurisdiction to check notices")
        elif not doc.results:
            out.append(f"  nothing found ({len(doc.rules_applied)} rule(s) applied)")
        for result in doc.results:
            out.extend(_line(result, doc.path, color))
    s = report.summary()
    out.append(
        f"{s['documents']} document(s): {s['present']} present, {s['missing']} missing, "
        f"{s['malformed']} malformed, {s['flagged']} flagged, {s['errors']} error(s)"
    )
    return "\n".join(out) + "\n"
