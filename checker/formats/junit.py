"""JUnit XML, for CI test dashboards (GitLab's test report, Jenkins, Azure...).

One testsuite per run. Each document yields one testcase per rule that applied to it
(classname: the document's path; name: the rule id), failing when a result of that rule fails
the run at the `fail-on` level. A document that could not be read is a testcase with an error;
one that no rule applies to is a skipped testcase. Review, suppressed and below-threshold
results are told in the testcase's system-out.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from checker.formats.common import RunInfo, counts, first_law, status_rank, suppression_note
from checker.printable import printable
from checker.report import DocumentReport, Report, Result, Status

# Characters XML 1.0 cannot carry at all, even escaped: article text may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", printable(text, keep="\t\n"))


def _problem_line(result: Result) -> str:
    loc = f"{result.location.line}:{result.location.column}"
    lines = [f"{loc} {result.status} ({result.severity}) {result.rule}", f"    {result.message}"]
    if result.text:
        lines.append(f"    found: {result.text}")
    if result.law:
        lines.append(f"    law: {first_law(result)}")
    return "\n".join(lines)


def _note_line(result: Result, why: str) -> str:
    loc = f"{result.location.line}:{result.location.column}"
    return f"{loc} {result.status} ({why}) {result.rule}: {result.message}"


def _case(suite: ET.Element, doc: DocumentReport, name: str, seconds: float | None) -> ET.Element:
    attrs = {"classname": _clean(doc.path), "name": _clean(name), "file": _clean(doc.path)}
    if seconds is not None:
        attrs["time"] = f"{seconds:.3f}"
    return ET.SubElement(suite, "testcase", attrs)


def _document_cases(suite: ET.Element, doc: DocumentReport, info: RunInfo) -> dict[str, int]:
    tally = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    doc_seconds = info.timings.get(doc.path)
    if doc.error:
        case = _case(suite, doc, "read", doc_seconds)
        ET.SubElement(case, "error", {"message": _clean(doc.error), "type": "input-error"}).text = _clean(doc.error)
        tally["tests"] += 1
        tally["errors"] += 1
        return tally
    rule_ids = list(dict.fromkeys([*doc.rules_applied, *(r.rule for r in doc.results)]))
    if not rule_ids:
        case = _case(suite, doc, "no rule applies", doc_seconds)
        ET.SubElement(case, "skipped", {"message": "no rule applies: give a publisher, regions and jurisdictions"})
        tally["tests"] += 1
        tally["skipped"] += 1
        return tally
    share = doc_seconds / len(rule_ids) if doc_seconds is not None else None
    for rule_id in rule_ids:
        results = [r for r in doc.results if r.rule == rule_id]
        case = _case(suite, doc, rule_id, share)
        if results:
            first = results[0]
            case.set("line", str(first.location.line))
        tally["tests"] += 1
        failing = [r for r in results if r.fails(info.fail_on)]
        notes = []
        for r in results:
            if r in failing:
                continue
            if r.status is Status.SUPPRESSED:
                notes.append(_note_line(r, suppression_note(r)))
            elif r.status is Status.REVIEW:
                notes.append(_note_line(r, "uncertain match, for review"))
            elif r.is_problem:
                notes.append(_note_line(r, f"{r.severity}, below fail-on {info.fail_on}"))
            else:
                notes.append(_note_line(r, r.severity))
        if failing:
            worst = min(failing, key=lambda r: status_rank(r.status))
            more = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
            message = f"{worst.status} at line {worst.location.line}: {worst.message}{more}"
            failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": worst.status})
            failure.text = _clean("\n".join(_problem_line(r) for r in failing))
            tally["failures"] += 1
        if notes:
            ET.SubElement(case, "system-out").text = _clean("\n".join(notes))
    return tally


def as_element(report: Report, info: RunInfo | None = None) -> ET.Element:
    info = info or RunInfo()
    root = ET.Element("testsuites", {"name": "checker"})
    attributes = {"name": "checker", "hostname": _clean(socket.gethostname() or "localhost")}
    if info.seconds is not None:  # a timed run (--timings) says when; otherwise reports are byte-stable
        attributes["timestamp"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    suite = ET.SubElement(root, "testsuite", attributes)
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as-of", "value": report.as_of.isoformat()})
    ET.SubElement(properties, "property", {"name": "fail-on", "value": info.fail_on})
    for key, value in counts(report).items():
        ET.SubElement(properties, "property", {"name": f"count.{key}", "value": str(value)})
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for doc in report.documents:
        for key, value in _document_cases(suite, doc, info).items():
            total[key] += value
    warnings = [*report.warnings, *(f"{d.path}: {w}" for d in report.documents for w in d.warnings)]
    if warnings:
        ET.SubElement(suite, "system-err").text = _clean("\n".join(f"warning: {w}" for w in warnings))
    seconds = f"{info.seconds:.3f}" if info.seconds is not None else "0"
    for element in (root, suite):
        for key, value in total.items():
            element.set(key, str(value))
        element.set("time", seconds)
    return root


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    root = as_element(report, info)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
