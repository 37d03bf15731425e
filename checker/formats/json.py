"""The JSON report: a versioned contract other tools build on. Fields are only ever added."""

from __future__ import annotations

import json
from typing import Any

from ..report import DocumentReport, Report, Result

VERSION = 1


def _result(result: Result) -> dict[str, Any]:
    return dict(
        rule=result.rule,
        status=result.status,
        severity=result.severity,
        subject=result.subject,
        text=result.text,
        message=result.message,
        location={"line": result.location.line, "column": result.location.column},
        law=[{"title": c.title, "url": c.url} for c in result.law],
    )


def _document(doc: DocumentReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": doc.path,
        "error": doc.error,
        "notices": [_result(r) for r in doc.notices],
        "flags": [_result(r) for r in doc.flags],
        "rules_applied": list(doc.rules_applied),
    }
    if doc.context is not None:
        ctx = doc.context
        data["context"] = {
            "publisher": ctx.publisher,
            "publisher_entries": list(ctx.publisher_entries),
            "regions": list(ctx.regions),
            "jurisdictions": list(ctx.jurisdictions),
            "lang": ctx.lang,
        }
    return data


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "as_of": report.as_of.isoformat(),
        "documents": [_document(d) for d in report.documents],
        "summary": report.summary(),
        "warnings": list(report.warnings),
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
