"""`checker check`: the pre-publish check of articles."""

from __future__ import annotations

import os
import sys
import time
import traceback
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

import click

from checker.commands.common import DateType, fail, open_session
from checker.discovery import project_root
from checker.documents import Document
from checker.formats import FORMATS, NEEDS_DOCUMENTS, RunInfo
from checker.formats.common import summary_line
from checker.formats.output import Output, OutputError, plan, refuse_inputs, split_format, write_atomic
from checker.printable import printable
from checker.progress import Progress
from checker.report import SEVERITIES, ExitCode, Report
from checker.session import Session

if TYPE_CHECKING:  # click 8.1 cannot subscript ParamType at run time; newer click types it by value
    _FormatParam = click.ParamType[tuple[str, str | None]]
else:
    _FormatParam = click.ParamType


class FormatSpec(_FormatParam):
    """FORMAT or FORMAT:FILE."""

    name = "FORMAT[:FILE]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str | None]:
        if isinstance(value, tuple):
            return value
        try:
            return split_format(value, frozenset(FORMATS))
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
@click.option(
    "--quiet", "-q", is_flag=True,
    help="No progress bar, no summary line on standard error, and the text report only says what was found.",
)
@click.option("--config", "config_path", metavar="FILE", help="Configuration file (default: found from here upward).")
@click.option(
    "--exclude", "exclude", multiple=True, metavar="PATTERN",
    help="Paths to leave out, gitignore-style, relative to the configuration's folder (repeatable; "
    "replaces the configuration's exclude).",
)
@click.option("--extend-exclude", multiple=True, metavar="PATTERN", help="More paths to leave out (repeatable).")
@click.option(
    "--force-exclude", is_flag=True,
    help="Skip excluded files even when named on the command line (for pre-commit and editors).",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore", default=None,
    help="Skip what .gitignore files ignore (default: yes, or the configuration's respect-gitignore).",
)
@click.option(
    "--house-name", "house_names", multiple=True, metavar="NAME",
    help="A publisher declared not designated: naming it is not an unknown-publisher error (repeatable).",
)
@click.option(
    "--allow-empty", is_flag=True, help="Exit 0 when no article is found to check (default: exit 5).",
)
@click.option("--timings", is_flag=True, help="Put run and per-document timings in the reports.")
@click.option("--verbose", "-v", is_flag=True, help="Say on standard error which configuration and files are used.")
@click.option(
    "--stdin-filename", metavar="PATH",
    help="The name of the article read from - (its extension says the format; excludes apply with --force-exclude).",
)
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
    config_path: str | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool,
    respect_gitignore: bool | None,
    house_names: tuple[str, ...],
    allow_empty: bool,
    timings: bool,
    verbose: bool,
    stdin_filename: str | None,
    debug: bool,
) -> None:
    """Check articles (HTML, Markdown, text; folders recurse; - reads stdin)."""
    try:
        reports = plan(list(formats), list(outputs))
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    started = time.perf_counter()
    session = open_session(
        rule_paths, no_default_rules, config_path, publisher=publisher, regions=regions,
        jurisdictions=jurisdictions, as_of=as_of, lang=lang, fail_on=fail_on, exclude=exclude or None,
        extend_exclude=extend_exclude, force_exclude=force_exclude, respect_gitignore=respect_gitignore,
        house_names=house_names,
    )
    files = session.inputs(paths)
    if stdin_filename and "-" in files and force_exclude and session.excluded(stdin_filename):
        files.remove("-")
    if verbose:
        _describe(session, files)
    if not files:
        if force_exclude and all(os.path.isfile(p) or p == "-" for p in paths):
            sys.exit(ExitCode.CLEAN)  # pre-commit passed only excluded files: nothing is wrong
        click.echo(f"checker: no article to check in {', '.join(paths)} (all excluded, or none found)", err=True)
        sys.exit(ExitCode.CLEAN if allow_empty else ExitCode.NO_INPUT)
    try:
        refuse_inputs(reports, files)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    keep_documents = any(o.format in NEEDS_DOCUMENTS for o in reports)
    report, documents, document_seconds = _run(session, files, keep_documents, quiet, debug, stdin_filename)
    for doc in report.documents:
        if doc.error:
            click.echo(f"error: {printable(doc.error)}", err=True)
    # Warnings go to standard error in every format; the report alone goes to standard output.
    errors_colored = use_color(color, sys.stderr)
    warnings = [printable(w) for w in report.warnings]
    warnings += [f"{printable(doc.path)}: {printable(w)}" for doc in report.documents for w in doc.warnings]
    for warning in warnings:
        click.echo(click.style(f"warning: {warning}", fg="yellow") if errors_colored else f"warning: {warning}",
                   err=True, color=errors_colored)
    # Timings only when asked: two identical runs give byte-identical reports.
    seconds = time.perf_counter() - started if timings else None
    info = RunInfo(
        documents=documents,
        rules={c.rule.id: c.rule for c in session.pack.rules},
        seconds=seconds,
        timings=document_seconds if timings else {},
        fail_on=session.fail_on,
        root=project_root(session.config.root),
        quiet=quiet,
    )
    _emit(reports, report, info, color)
    if not quiet and not any(o.to_stdout and o.format == "text" for o in reports):
        click.echo(summary_line(report, seconds), err=True)
    sys.exit(session.exit_code(report))


def _describe(session: Session, files: list[str]) -> None:
    config = session.config.source or "none (defaults)"
    ctx = session.effective_context
    click.echo(f"checker: configuration {config}; excludes relative to {session.excludes.root}", err=True)
    click.echo(f"checker: publisher {ctx.publisher or '-'}; regions {','.join(ctx.regions) or '-'}; "
               f"jurisdictions {','.join(ctx.jurisdictions) or '-'}; as of {ctx.as_of.isoformat()}", err=True)
    click.echo(f"checker: {len(files)} file(s) to check", err=True)
    for path in files:
        click.echo(f"  {path}", err=True)


def use_color(flag: bool | None, stream: TextIO) -> bool:
    """--color/--no-color, else NO_COLOR, FORCE_COLOR and TERM=dumb (no-color.org), else a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and stream.isatty()


def _run(
    session: Session, files: list[str], keep_documents: bool, quiet: bool, debug: bool,
    stdin_filename: str | None = None,
) -> tuple[Report, dict[str, Document], dict[str, float]]:
    """Check every input with a progress bar on a terminal, keeping what the formats need."""
    checked_reports = []
    documents: dict[str, Document] = {}
    timings: dict[str, float] = {}
    with Progress(len(files), enabled=False if quiet else None) as progress:
        start = time.perf_counter()
        for checked in session.check_files(files, stdin_filename):
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
        if out.path is None:  # standard output
            continue
        try:
            write_atomic(out.path, FORMATS[out.format].render(report, color=False, info=info))
        except OSError as error:
            fail([f"cannot write the {out.format} report to {out.path}: {error.strerror or error}"])
    for out in reports:
        if out.to_stdout:
            colored = use_color(color, sys.stdout)
            # the warnings went to standard error already
            shown = replace(report, warnings=[]) if out.format == "text" else report
            click.echo(FORMATS[out.format].render(shown, color=colored, info=info), nl=False, color=colored)
