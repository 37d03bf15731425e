"""GitHub Actions workflow commands: one annotation per problem, shown on the pull request's
changed lines and in the run summary.

`::error file=F,line=L,col=C,title=T::message` — error for severity error, warning for warning,
notice for info and for review results. Values are escaped as the runner expects (`%`, CR, LF
everywhere; `:` and `,` too in properties), so article text can never start a command of its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.formats import common
from checker.formats.common import RunInfo, first_law
from checker.printable import printable
from checker.report import DocumentReport, Report, Result, Severity, Status

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = printable(text, keep="\r\n")  # newlines are escaped the runner's way below
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str, base: Path | None = None) -> str:
    """The path relative to the workspace ($GITHUB_WORKSPACE when set, else the working
    directory) when inside it, with slashes."""
    if path == "-":
        return path
    workspace = os.environ.get("GITHUB_WORKSPACE")
    base = (base or (Path(workspace) if workspace else Path.cwd())).resolve()
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return path


def command(level: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def _annotation(result: Result, path: str) -> str | None:
    if result.status is Status.REVIEW:
        level = "notice"
    elif result.is_problem:
        level = LEVELS[result.severity]
    else:
        return None  # present and suppressed results need no annotation
    message = result.message
    if result.status is Status.REVIEW:
        message = f"For review (uncertain match): {message}"
    law = first_law(result)
    if law:
        message += f"\nLaw: {law}"
    return command(
        level,
        message,
        file=path,
        line=result.location.line,
        col=result.location.column,
        title=f"{result.rule} ({result.status})",
    )


class Writer(common.Writer):
    def start(self) -> str:
        return "".join(f"{command(LEVELS[Severity.WARNING], w, title='checker')}\n" for w in self.head.warnings)

    def document(self, doc: DocumentReport) -> str:
        path = workspace_path(doc.path)
        if doc.error:
            return command(LEVELS[Severity.ERROR], doc.error, file=path, title="checker: cannot read") + "\n"
        title = "checker: read with a warning"
        lines = [command(LEVELS[Severity.WARNING], warning, file=path, title=title) for warning in doc.warnings]
        lines += [a for a in (_annotation(r, path) for r in doc.results) if a]
        return "".join(f"{line}\n" for line in lines)


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return common.render_whole(Writer, report, color, info)
