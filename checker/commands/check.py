"""`checker check`: the pre-publish check of articles."""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

import click

from checker.atomic import open_atomic
from checker.commands.common import DateType, fail, open_session
from checker.commands.fix import fix_files, summary
from checker.discovery import project_root
from checker.documents import Document
from checker.formats import FORMATS, NEEDS_DOCUMENTS, STREAMING, RunInfo
from checker.formats.common import Writer, summary_line
from checker.formats.output import Output, OutputError, plan, refuse_inputs, split_format, write_atomic
from checker.printable import printable
from checker.progress import Progress
from checker.report import SEVERITIES, DocumentReport, ExitCode, Report, Tally
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
@click.option(
    "--fix", "fix_first", is_flag=True,
    help="First insert the labels and notices that can be fixed (as `checker fix --write`), then check.",
)
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error on standard error.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), metavar="N",
    help="Check on N processes (default: one per core when there are at least two articles per core; 1: in "
    "this process). Results and their order are the same.",
)
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
    jobs: int | None,
    fix_first: bool,
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
    if fix_first:
        if "-" in files:
            raise click.UsageError("--fix writes into files: it cannot fix standard input (use checker fix -)")
        fixed = fix_files(session, files, write=True, diff=False, quiet=True)
        if not quiet:
            click.echo(summary(fixed, write=True), err=True)
    info = RunInfo(
        rules={c.rule.id: c.rule for c in session.pack.rules},
        fail_on=session.fail_on,
        root=project_root(session.config.root),
        quiet=quiet,
    )
    run = _Run(session, reports, info, color, debug, started if timings else None)
    tally = run.check(files, jobs, quiet, stdin_filename)
    for problem in run.errors:
        click.echo(f"error: {printable(problem)}", err=True)
    # Warnings go to standard error in every format; the report alone goes to standard output.
    errors_colored = use_color(color, sys.stderr)
    for warning in [*map(printable, run.head.warnings), *run.warnings]:
        click.echo(click.style(f"warning: {warning}", fg="yellow") if errors_colored else f"warning: {warning}",
                   err=True, color=errors_colored)
    run.emit(tally)
    if not quiet and not any(o.to_stdout and o.format == "text" for o in reports):
        click.echo(summary_line(tally, run.seconds), err=True)
    sys.exit(tally.exit_code(session.fail_on))


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


class _Run:
    """One `checker check` run: the documents checked in input order, each written at once to
    the reports that stream (text, JSON, JSONL, GitHub) and kept only for the reports that need
    the whole run (SARIF, JUnit, Markdown, HTML), so a run of only streaming reports holds none."""

    def __init__(
        self, session: Session, outputs: list[Output], info: RunInfo, color: bool | None, debug: bool,
        started: float | None,
    ):
        self.session = session
        self.outputs = outputs
        self.info = info
        self.color = color
        self.debug = debug
        self.started = started  # when the run started, if it is timed (--timings)
        self.seconds: float | None = None  # how long it took, if timed
        self.head = Report(as_of=session.context.as_of, warnings=session.stale_list_warnings())
        # The text report on standard output follows the errors and warnings on standard error,
        # as a terminal shows them: it is written at the end.
        self.held = [o for o in outputs if o.format not in STREAMING or (o.to_stdout and o.format == "text")]
        self.documents: list[DocumentReport] = []  # for the held reports only
        self.loaded: dict[str, Document] = {}
        self.timings: dict[str, float] = {}
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self._stack = ExitStack()
        self._writers: list[tuple[Writer, TextIO | None, bool]] = []  # writer, file (None: stdout), jsonl

    def check(self, files: list[str], jobs: int | None, quiet: bool, stdin_filename: str | None) -> Tally:
        tally = Tally()
        keep_documents = any(o.format in NEEDS_DOCUMENTS for o in self.held)
        with self._stack, Progress(len(files), enabled=False if quiet else None) as progress:
            self._open(progress)
            checked_files = self.session.check_files(
                files, stdin_filename, jobs=jobs, keep_documents=keep_documents
            )
            start = time.perf_counter()
            for checked in checked_files:
                doc = checked.report
                tally.add(doc)
                if doc.error:
                    self.errors.append(doc.error)
                self.warnings += [f"{printable(doc.path)}: {printable(w)}" for w in doc.warnings]
                if self.debug and checked.crash is not None:
                    progress.close()
                    click.echo("".join(traceback.format_exception(checked.crash)), err=True, nl=False)
                if self.held:
                    self.documents.append(doc)
                if keep_documents and checked.document is not None:
                    self.loaded[checked.path] = checked.document
                if self.started is not None:
                    self.timings[checked.path] = time.perf_counter() - start
                self._write(progress, lambda writer: writer.document(doc))  # noqa: B023 (called at once)
                progress.advance(checked.path)
                start = time.perf_counter()
            # Timings only when asked: two identical runs give byte-identical reports.
            self.seconds = time.perf_counter() - self.started if self.started is not None else None
            self._write(progress, lambda writer: writer.end(tally, self.seconds))
        return tally

    def _open(self, progress: Progress) -> None:
        """Open the streaming reports and write what comes before the documents."""
        for out in self.outputs:
            if out in self.held:
                continue
            colored = False
            head = self.head
            if out.path is None:
                handle = None
                colored = use_color(self.color, sys.stdout)
                if out.format == "text":
                    head = replace(head, warnings=[])  # they go to standard error
            else:
                try:
                    handle = self._stack.enter_context(open_atomic(out.path))
                except OSError as error:
                    fail([f"cannot write the {out.format} report to {out.path}: {error.strerror or error}"])
            writer = FORMATS[out.format].Writer(head, colored, self.info)
            self._writers.append((writer, handle, out.format == "jsonl"))
        self._write(progress, lambda writer: writer.start())

    def _write(self, progress: Progress, part: Callable[[Writer], str]) -> None:
        for writer, handle, lines in self._writers:
            text = part(writer)
            if not text:
                continue
            if handle is not None:
                try:
                    handle.write(text)
                    if lines:
                        handle.flush()
                except OSError as error:
                    fail([f"cannot write a report to {handle.name}: {error.strerror or error}"])
            else:
                progress.close()  # a line of the report never shares the terminal line of the bar
                sys.stdout.write(text)  # buffered: a pipe gets whole pages, not a write per document
                if lines:
                    sys.stdout.flush()  # a reader of JSON Lines gets each document when it is checked

    def emit(self, tally: Tally) -> None:
        """Write the reports that need the whole run (the streamed ones are written already)."""
        info = replace(self.info, documents=self.loaded, seconds=self.seconds, timings=self.timings)
        emit(self.held, replace(self.head, documents=self.documents), info, self.color)


def emit(outputs: list[Output], report: Report, info: RunInfo, color: bool | None) -> None:
    """Write whole-run reports: to their files (atomically), then to standard output."""
    for out in outputs:
        if out.path is None:
            continue
        try:
            write_atomic(out.path, FORMATS[out.format].render(report, color=False, info=info))
        except OSError as error:
            fail([f"cannot write the {out.format} report to {out.path}: {error.strerror or error}"])
    for out in outputs:
        if out.to_stdout:
            colored = use_color(color, sys.stdout)
            # the warnings went to standard error already
            shown = replace(report, warnings=[]) if out.format == "text" else report
            click.echo(FORMATS[out.format].render(shown, color=colored, info=info), nl=False, color=colored)
