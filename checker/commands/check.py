"""`checker check`: the pre-publish check of articles."""

from __future__ import annotations

import sys
import time
import traceback
from datetime import date

import click

from ..documents import Document
from ..formats import FORMATS, NEEDS_DOCUMENTS, RunInfo
from ..formats.common import summary_line
from ..formats.output import Output, OutputError, plan, refuse_inputs, split_format, write_atomic
from ..printable import printable
from ..progress import Progress
from ..report import SEVERITIES, Report
from ..session import Session
from .common import DateType, fail, open_session


class FormatSpec(click.ParamType):
    """FORMAT or FORMAT:FILE."""

    name = "FORMAT[:FILE]"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, tuple):
            return value
        try:
            return split_format(value, FORMATS)
        except OutputError as error:
            self.fail(str(error), param, ctx)


_FORMAT_HELP = (
    f"Report format ({', '.join(FORMATS)}); FORMAT:FILE writes it to FILE. Repeatable: several reports "
    "in one run. Default: text on standard output."
)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--publisher", metavar="NAME", help="Who publishes the articles (name, alias or domain).")
@click.option("--region", "regions", multiple=True, metavar="CODE", help="Audience region (repeatable): RU, BY, EU...")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE", help="Laws binding the publisher.")
@click.option("--as-of", type=DateType(), help="Date designations are checked on (default: today).")
@click.option("--lang", metavar="LANG", help="Article language, when the article does not say.")
@click.option("--format", "formats", type=FormatSpec(), multiple=True, help=_FORMAT_HELP)
@click.option(
    "--output", "-o", "outputs", multiple=True, metavar="FILE",
    help="File for the report of the --format in the same position (repeatable; - is standard output).",
)
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders (repeatable).")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: warning).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line on standard error.")
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error on standard error.")
def check(
    paths: tuple[str, ...],
    publisher: str | None,
    regions: tuple[str, ...],
    jurisdictions: tuple[str, ...],
    as_of: date | None,
    lang: str | None,
    formats: tuple[tuple[str, str | None], ...],
    outputs: tuple[str, ...],
    rule_paths: tuple[str, ...],
    no_default_rules: bool,
    fail_on: str | None,
    color: bool | None,
    quiet: bool,
    debug: bool,
) -> None:
    """Check articles (HTML, Markdown, text; folders recurse; - reads stdin)."""
    try:
        reports = plan(list(formats), list(outputs))
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    started = time.perf_counter()
    session = open_session(
        rule_paths, no_default_rules, publisher=publisher, regions=regions, jurisdictions=jurisdictions,
        as_of=as_of, lang=lang, fail_on=fail_on,
    )
    files = session.inputs(paths)
    try:
        refuse_inputs(reports, files)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    keep_documents = any(o.format in NEEDS_DOCUMENTS for o in reports)
    report, documents, timings = _run(session, files, keep_documents, quiet, debug)
    for doc in report.documents:
        if doc.error:
            click.echo(f"error: {printable(doc.error)}", err=True)
        for warning in doc.warnings:
            click.echo(f"warning: {printable(doc.path)}: {printable(warning)}", err=True)
    seconds = time.perf_counter() - started
    info = RunInfo(
        documents=documents,
        rules={c.rule.id: c.rule for c in session.pack.rules},
        seconds=seconds,
        timings=timings,
        fail_on=session.fail_on,
    )
    _emit(reports, report, info, color)
    if not quiet and not any(o.to_stdout and o.format == "text" for o in reports):
        click.echo(summary_line(report, seconds), err=True)
    sys.exit(session.exit_code(report))


def _run(
    session: Session, files: list[str], keep_documents: bool, quiet: bool, debug: bool
) -> tuple[Report, dict[str, Document], dict[str, float]]:
    """Check every input with a progress bar on a terminal, keeping what the formats need."""
    checked_reports = []
    documents: dict[str, Document] = {}
    timings: dict[str, float] = {}
    with Progress(len(files), enabled=False if quiet else None) as progress:
        start = time.perf_counter()
        for checked in session.check_each(files):
            checked_reports.append(checked.report)
            if debug and checked.crash is not None:
                click.echo("".join(traceback.format_exception(checked.crash)), err=True, nl=False)
            if keep_documents and checked.document is not None:
                documents[checked.path] = checked.document
            timings[checked.path] = time.perf_counter() - start
            progress.advance(checked.path)
            start = time.perf_counter()
    return session.report(checked_reports), documents, timings


def _emit(reports: list[Output], report: Report, info: RunInfo, color: bool | None) -> None:
    for out in reports:
        if out.to_stdout:
            continue
        try:
            write_atomic(out.path, FORMATS[out.format].render(report, color=False, info=info))
        except OSError as error:
            fail([f"cannot write the {out.format} report to {out.path}: {error.strerror or error}"])
    for out in reports:
        if out.to_stdout:
            use_color = sys.stdout.isatty() if color is None else color
            click.echo(FORMATS[out.format].render(report, color=use_color, info=info), nl=False, color=use_color)
