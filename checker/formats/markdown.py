"""A Markdown summary fit for a pull-request comment or a job summary (GitHub-flavoured).

The counts first, then a table of problems for each document that has any, its other results
in a collapsible block, and the documents that pass folded away. Text from articles is escaped
so it cannot format, link, mention people (@name) or break the tables. The whole stays under
the size a comment may have; what does not fit is counted and left to the full report.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from checker.formats.common import RunInfo, counts, status_rank, suppression_note
from checker.formats.github import workspace_path
from checker.printable import printable
from checker.report import DocumentReport, Report, Result, Status

LIMIT = 60_000  # GitHub refuses comments longer than 65,536 characters
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~])")
_ICON = {
    Status.MISSING: "❌",
    Status.MALFORMED: "⚠️",
    Status.FLAGGED: "🚩",
    Status.REVIEW: "🔍",
    Status.PRESENT: "✅",
    Status.SUPPRESSED: "🔕",
}


def text(value: str) -> str:
    """Article or rule text as inert Markdown inside a table cell."""
    value = " ".join(printable(value, keep="\t\n\r").split())
    value = value.replace("&", "&amp;")
    value = _SPECIAL.sub(r"\\\1", value)
    return value.replace("@", "@\u200b")  # no @mention


def code(value: str) -> str:
    """A code span holding any text (backticks and pipes included), one line."""
    value = " ".join(printable(value, keep="\t\n\r").split()).replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _link(title: str, url: str | None) -> str:
    if url and re.match(r"https?://", url):
        return f"[{text(title)}]({quote(url, safe=':/?#[]@!$&*+,;=%~-._')})"
    return text(title)


def _law(result: Result) -> str:
    if not result.law:
        return "—"
    more = f" (+{len(result.law) - 1})" if len(result.law) > 1 else ""
    return _link(result.law[0].title, result.law[0].url) + more


def _laws(report: Report) -> str:
    """Every citation of the rules with results, once each, folded away."""
    rules: dict[str, Result] = {}
    for doc in report.documents:
        for r in doc.results:
            if r.status is not Status.PRESENT:
                rules.setdefault(r.rule, r)
    if not rules:
        return ""
    out = ["<details><summary>⚖️ Law cited</summary>", ""]
    for rule_id in sorted(rules):
        out.append(f"- {code(rule_id)}")
        out += [f"  - {_link(c.title, c.url)}" + (f": {text(c.note)}" if c.note else "") for c in rules[rule_id].law]
    return "\n".join([*out, "", "</details>", ""])


def _row(result: Result) -> str:
    status = f"{_ICON[result.status]} {result.status}"
    message = text(result.message)
    if result.status is Status.SUPPRESSED:
        message += f" — {text(suppression_note(result))}"
    cells = [f"{result.location.line}:{result.location.column}", status, result.severity, code(result.rule), message]
    cells.append(code(result.text) if result.text else "—")
    cells.append(_law(result))
    return "| " + " | ".join(cells) + " |"


_HEADER = "| Line | Status | Severity | Rule | Message | Found | Law |\n|---:|---|---|---|---|---|---|"


def _table(results: list[Result]) -> str:
    return _HEADER + "\n" + "\n".join(_row(r) for r in results)


def _tally(results: list[Result]) -> str:
    found: dict[str, int] = {}
    for r in sorted(results, key=lambda r: status_rank(r.status)):
        found[r.status] = found.get(r.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in found.items()) or "nothing found"


def _document(doc: DocumentReport, fail_on: str) -> str:
    failing = [r for r in doc.results if r.fails(fail_on)]
    rest = [r for r in doc.results if r not in failing]
    out = [f"#### ❌ {code(workspace_path(doc.path))} — {_tally(failing)}", "", _table(failing), ""]
    if rest:
        out += [f"<details><summary>Other results ({_tally(rest)})</summary>", "", _table(rest), "", "</details>", ""]
    return "\n".join(out)


def _heading(report: Report, failing: int) -> str:
    total = len(report.documents)
    errors = sum(1 for d in report.documents if d.error)
    if errors:
        return f"### ⛔ checker: {errors} of {total} document(s) could not be checked"
    if failing:
        return f"### ❌ checker: {failing} of {total} document(s) need changes"
    return f"### ✅ checker: all {total} document(s) pass"


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    info = info or RunInfo()
    fail_on = info.fail_on
    failing = [d for d in report.documents if not d.error and d.fails(fail_on)]
    c = counts(report)
    keys = ["documents", *(s.value for s in Status if s is not Status.SUPPRESSED), "errors"]
    if c.get(Status.SUPPRESSED):
        keys.insert(-1, Status.SUPPRESSED.value)
    out = [_heading(report, len(failing)), ""]
    out += ["| " + " | ".join(keys) + " |", "|" + "---:|" * len(keys)]
    out += ["| " + " | ".join(str(c[k]) for k in keys) + " |", ""]
    when = f"As of {report.as_of.isoformat()} · fails on {fail_on} and above"
    if info.seconds is not None:
        when += f" · {info.seconds:.2f} s"
    out += [when, ""]
    warnings = [text(w) for w in report.warnings]
    warnings += [f"{code(workspace_path(d.path))}: {text(w)}" for d in report.documents for w in d.warnings]
    out += [f"> **Warning:** {w}" for w in warnings]
    if warnings:
        out.append("")
    errors = [d for d in report.documents if d.error]
    if errors:
        out += ["#### ⛔ Could not be checked", ""]
        out += [f"- {code(workspace_path(d.path))}: {text(d.error or '')}" for d in errors]
        out.append("")
    body = "\n".join(out)
    left = 0
    for doc in failing:
        chunk = _document(doc, fail_on)
        if left or len(body) + len(chunk) > LIMIT:
            left += 1
            continue
        body += "\n" + chunk
    if left:
        body += f"\n_{left} more document(s) with problems are not shown here: see the full report._\n"
    passing = [d for d in report.documents if not d.error and not d.fails(fail_on)]
    if passing:
        items: list[str] = []
        for d in passing:
            line = f"- {code(workspace_path(d.path))} — {_tally(d.results)}"
            if len(body) + sum(len(i) + 1 for i in items) + len(line) > LIMIT:
                items.append(f"- … and {len(passing) - len(items)} more")
                break
            items.append(line)
        summary = f"<details><summary>✅ {len(passing)} document(s) pass</summary>"
        body += "\n".join(["", summary, "", *items, "", "</details>", ""])
    laws = _laws(report)
    if laws and len(body) + len(laws) <= LIMIT:
        body += "\n" + laws
    return body.rstrip("\n") + "\n"
