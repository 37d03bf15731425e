"""The JSON report: a versioned contract other tools build on. Fields are only ever added."""

from __future__ import annotations

import json
from typing import Any

from ..report import DocumentReport, Report, Result
from .common import RunInfo, suppression_reason

VERSION = 1


def _result(result: Result) -> dict[str, Any]:
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
    if result.status == "suppressed":  # added field: only on suppressed results
        data["suppression"] = _suppression(result)
    return data


def _suppression(result: Result) -> dict[str, Any]:
    """Why the result is silenced and what it was; read defensively from the report model."""
    data: dict[str, Any] = {"reason": suppression_reason(result)}
    detail = getattr(result, "suppressed", None)
    was = getattr(detail, "status", None)
    if isinstance(was, str):
        data["status"] = was
    where = getattr(detail, "location", None)
    if where is not None and hasattr(where, "line"):
        data["location"] = {"line": where.line, "column": where.column}
    scope = getattr(detail, "scope", None)
    if isinstance(scope, str):
        data["scope"] = scope
    return data


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


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
