"""Text report for an editor: grouped by document, one line per result, with the law."""

from __future__ import annotations

import click

from checker.formats import common
from checker.formats.common import RunInfo, first_law, summary_line, suppression_note
from checker.printable import printable
from checker.report import DocumentContext, DocumentReport, Report, Result, Status, Tally

_STATUS_STYLE = {
    Status.PRESENT: ("green", "present"),
    Status.MISSING: ("red", "MISSING"),
    Status.MALFORMED: ("yellow", "MALFORMED"),
    Status.FLAGGED: ("magenta", "FLAGGED"),
    Status.REVIEW: ("cyan", "review"),
    Status.SUPPRESSED: ("bright_black", "suppressed"),
}


def _line(result: Result, path: str, color: bool) -> list[str]:
    hue, word = _STATUS_STYLE[result.status]
    status = click.style(f"{word:<9}", fg=hue, bold=result.is_problem) if color else f"{word:<9}"
    where = f"{path}:{result.location.line}:{result.location.column}"
    lines = [f"  {where}  {status} {result.severity:<7} {printable(result.rule)}", f"      {printable(result.message)}"]
    if result.status is Status.SUPPRESSED:
        lines.append(f"      {printable(suppression_note(result))}")
    if result.is_problem and result.law:
        lines.append(f"      law: {printable(first_law(result))}")
    return lines


def _no_rule_applies(ctx: DocumentContext | None) -> str:
    """Why nothing was checked, naming what was given, so a typo in an option is visible."""
    given = ctx and (ctx.publisher or ctx.regions or ctx.jurisdictions)
    if not ctx or not given:
        return "no rule applies: give --publisher, --region and --jurisdiction to check notices"
    publisher = repr(ctx.publisher) if ctx.publisher else "none given"
    regions, jurisdictions = ", ".join(ctx.regions) or "none given", ", ".join(ctx.jurisdictions) or "none given"
    return f"no rule applies to publisher {publisher}, regions {regions}, jurisdictions {jurisdictions}"


class Writer(common.Writer):
    def start(self) -> str:
        out = []
        for warning in self.head.warnings:
            line = f"warning: {printable(warning)}"
            out.append(click.style(line, fg="yellow") if self.color else line)
        return "".join(f"{line}\n" for line in out)

    def document(self, doc: DocumentReport) -> str:
        color, out = self.color, []
        path = printable(doc.path)
        out.append(click.style(path, bold=True) if color else path)
        if doc.error:
            out.append(f"  error: {printable(doc.error)}")
            return "".join(f"{line}\n" for line in out)
        for warning in doc.warnings:
            line = f"  warning: {printable(warning)}"
            out.append(click.style(line, fg="yellow") if color else line)
        if doc.context and doc.context.publisher_entries:
            lists = sorted({entry.list_id for entry in doc.context.publisher_entries})
            out.append(f"  publisher: {printable(doc.context.publisher or '')}, listed on {', '.join(lists)}")
        if self.info.quiet:
            pass  # --quiet: only what was found
        elif not doc.rules_applied:
            out.append(f"  {printable(_no_rule_applies(doc.context))}")
        elif not doc.results:
            out.append(f"  nothing found ({len(doc.rules_applied)} rule(s) applied)")
        for result in doc.results:
            out.extend(_line(result, path, color))
        return "".join(f"{line}\n" for line in out)

    def end(self, tally: Tally, seconds: float | None = None) -> str:
        return summary_line(tally, seconds) + "\n"


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return common.render_whole(Writer, report, color, info)
