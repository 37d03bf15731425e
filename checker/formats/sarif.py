"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and the like).

One run; the rules table carries each rule's title, description and the law with its links;
each result names its rule, level (from severity: error→error, warning→warning, info→note),
message and place (file, line, column in Unicode code points).

Present notices are left out: code-scanning services open an alert for every result whatever
its `kind`, so passes would bury the problems under one alert per compliant article. Their count
is kept in the run's properties (`summary`). Review results (uncertain matches) are kept with
kind "review" and level "none"; suppressed ones keep their level and carry an in-source
suppression with its reason, which code scanning shows as dismissed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.formats.common import RunInfo, counts, suppression_reason
from checker.printable import json_text
from checker.report import Citation, Report, Result, Severity, Status
from checker.version import version

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def tool_version() -> str:
    return version()


SRCROOT = "%SRCROOT%"


def source_root(info: RunInfo) -> Path:
    """What relative artifact URIs are relative to (%SRCROOT%)."""
    if info.root is not None:
        return info.root.resolve()
    from checker.discovery import project_root

    return project_root()


def artifact_uri(path: str, base: Path | None = None) -> str:
    """A URI reference for a reported path: relative (forward slashes, `./` and `..` resolved)
    when under `base`, else file:."""
    if path == "-":
        return "stdin"
    base = (base or Path.cwd()).resolve()
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        return absolute.as_uri()
    return quote(relative.as_posix(), safe="/")


def _name(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part)


def _law_json(law: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in (("title", c.title), ("url", c.url), ("note", c.note)) if v} for c in law]


def _help(description: str, law: tuple[Citation, ...]) -> dict[str, str]:
    text = [description, "", "Law:"] if description else ["Law:"]
    markdown = [description, "", "**Law**", ""] if description else ["**Law**", ""]
    for c in law:
        text.append(f"- {c.title}" + (f" <{c.url}>" if c.url else "") + (f": {c.note}" if c.note else ""))
        title = c.title.replace("[", "\\[").replace("]", "\\]")
        linked = f"[{title}]({c.url})" if c.url else title
        markdown.append(f"- {linked}" + (f": {c.note}" if c.note else ""))
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _descriptor(rule_id: str, rule: Any | None, sample: Result | None) -> dict[str, Any]:
    law = tuple(rule.law) if rule is not None else (sample.law if sample else ())
    title = rule.title if rule is not None else rule_id
    description = (rule.description or rule.title) if rule is not None else ""
    severity = rule.severity if rule is not None else (sample.severity if sample else Severity.WARNING)
    data: dict[str, Any] = {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": " ".join((description or title).split())},
        "help": _help(" ".join(description.split()), law),
        "defaultConfiguration": {"level": LEVELS[Severity(severity)]},
    }
    url = next((c.url for c in law if c.url), None)
    if url:
        data["helpUri"] = url
    properties: dict[str, Any] = {"law": _law_json(law)}
    if rule is not None:
        properties["tags"] = [t for t in (rule.jurisdiction, rule.purpose, "legal-notice") if t]
    data["properties"] = properties
    return data


def _fingerprint(uri: str, result: Result, occurrence: int) -> str:
    """Stable across runs and edits elsewhere in the file: the rule, the root-relative path, the
    subject, the text found and which occurrence of that same text it is (two identical donation
    links are two alerts). Not the status: suppressing a result must not make it a new alert."""
    key = "\0".join((uri, result.rule, result.subject or "", result.text or "", str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _artifact(uri: str) -> dict[str, str]:
    return {"uri": uri} if ":" in uri.split("/", 1)[0] or uri == "stdin" else {"uri": uri, "uriBaseId": SRCROOT}


def _location(uri: str, result: Result | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(uri)}
    if result is not None:
        region: dict[str, Any] = {
            "startLine": max(result.location.line, 1),
            "startColumn": max(result.location.column, 1),
        }
        if result.text:
            region["snippet"] = {"text": result.text}
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(result: Result, uri: str, index: int, occurrence: int) -> dict[str, Any]:
    data: dict[str, Any] = {"ruleId": result.rule, "ruleIndex": index}
    if result.status is Status.REVIEW:
        data["kind"] = "review"
        data["level"] = "none"
    else:
        data["kind"] = "fail"
        data["level"] = LEVELS[result.severity]
    data["message"] = {"text": result.message}
    data["locations"] = [_location(uri, result)]
    data["partialFingerprints"] = {"checkerResult/v2": _fingerprint(uri, result, occurrence)}
    properties: dict[str, Any] = {"status": result.status, "severity": result.severity}
    if result.subject:
        properties["subject"] = result.subject
    data["properties"] = properties
    if result.status is Status.SUPPRESSED:
        suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
        reason = suppression_reason(result)
        if reason:
            suppression["justification"] = reason
        data["suppressions"] = [suppression]
    return data


def as_dict(report: Report, info: RunInfo | None = None, base: Path | None = None) -> dict[str, Any]:
    info = info or RunInfo()
    reported = [(d, r) for d in report.documents for r in d.results if r.status is not Status.PRESENT]
    samples: dict[str, Result] = {}
    for _, r in reported:
        samples.setdefault(r.rule, r)
    rule_ids = sorted(set(info.rules) | set(samples))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    descriptors = [_descriptor(i, info.rules.get(i), samples.get(i)) for i in rule_ids]

    root = base.resolve() if base is not None else source_root(info)
    uris: dict[str, str] = {}
    for doc in report.documents:
        uris[doc.path] = artifact_uri(doc.path, root)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    results = []
    for d, r in reported:
        key = (d.path, r.rule, r.subject or "", r.text or "")
        seen[key] += 1
        results.append(_result(r, uris[d.path], index[r.rule], seen[key]))

    notifications: list[dict[str, Any]] = [
        {"level": LEVELS[Severity.WARNING], "message": {"text": warning}} for warning in report.warnings
    ]
    notifications += [
        {"level": LEVELS[Severity.ERROR], "message": {"text": d.error}, "locations": [_location(uris[d.path])]}
        for d in report.documents
        if d.error
    ]
    notifications += [
        {"level": LEVELS[Severity.WARNING], "message": {"text": f"{d.path}: {warning}"},
         "locations": [_location(uris[d.path])]}
        for d in report.documents
        for warning in d.warnings
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not any(d.error for d in report.documents)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run_properties: dict[str, Any] = {"asOf": report.as_of.isoformat(), "summary": counts(report)}
    if info.seconds is not None:
        run_properties["seconds"] = round(info.seconds, 3)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "checker",
                        "version": tool_version(),
                        "semanticVersion": tool_version(),
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "artifacts": [{"location": _artifact(uris[d.path])} for d in report.documents],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": run_properties,
            }
        ],
    }


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return json_text(as_dict(report, info)) + "\n"
