"""The JSON report: a versioned contract other tools build on. Fields are only ever added."""

from __future__ import annotations

from typing import Any

from checker.formats import common
from checker.formats.common import RunInfo, suppression_reason
from checker.printable import json_text
from checker.report import DocumentReport, Report, Result, Status, Tally

VERSION = 1


def result_dict(result: Result) -> dict[str, Any]:
    data = dict(
        rule=result.rule,
        status=result.status,
        severity=result.severity,
        subject=result.subject,
        text=result.text,
        message=result.message,
        location={"line": result.location.line, "column": result.location.column},
        law=[{"title": c.title, "url": c.url} for c in result.law],
    )
    if result.status is Status.SUPPRESSED:  # added field: only on suppressed results
        data["suppression"] = _suppression(result)
    return data


def _suppression(result: Result) -> dict[str, Any]:
    """Why the result is silenced and what it was."""
    data: dict[str, Any] = {"reason": suppression_reason(result)}
    detail = result.suppressed
    if detail is not None:
        data["status"] = detail.status
        data["location"] = {"line": detail.location.line, "column": detail.location.column}
        data["scope"] = detail.scope
    return data


def document_dict(doc: DocumentReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": doc.path,
        "error": doc.error,
        "notices": [result_dict(r) for r in doc.notices],
        "flags": [result_dict(r) for r in doc.flags],
        "rules_applied": list(doc.rules_applied),
        "warnings": list(doc.warnings),  # added: what the loader read anyway (invalid UTF-8...)
    }
    if doc.context is not None:
        ctx = doc.context
        data["context"] = {
            "publisher": ctx.publisher,
            "publisher_entries": [str(entry) for entry in ctx.publisher_entries],
            "regions": list(ctx.regions),
            "jurisdictions": list(ctx.jurisdictions),
            "lang": ctx.lang,
        }
    return data


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "as_of": report.as_of.isoformat(),
        "documents": [document_dict(d) for d in report.documents],
        "summary": report.summary(),
        "warnings": list(report.warnings),
    }


class Writer(common.Writer):
    """The JSON report written a document at a time, byte for byte what `as_dict` gives."""

    def start(self) -> str:
        self._written = 0
        return f'{{\n  "version": {VERSION},\n  "as_of": {json_text(self.head.as_of.isoformat())},\n  "documents": ['

    def document(self, doc: DocumentReport) -> str:
        self._written += 1
        nested = json_text(document_dict(doc)).replace("\n", "\n    ")
        return f"{',' if self._written > 1 else ''}\n    {nested}"

    def end(self, tally: Tally, seconds: float | None = None) -> str:
        close = "\n  ]" if self._written else "]"
        summary = json_text(tally.summary()).replace("\n", "\n  ")
        warnings = json_text(list(self.head.warnings)).replace("\n", "\n  ")
        return f'{close},\n  "summary": {summary},\n  "warnings": {warnings}\n}}\n'


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return common.render_whole(Writer, report, color, info)
