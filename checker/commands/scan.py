"""`checker scan`: an archive checked into a store, again only where something changed, and
what became non-compliant or compliant since an earlier scan."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

import click

from checker import changes as changes_report
from checker.commands.check import check, emit, use_color
from checker.commands.common import fail, open_session
from checker.discovery import project_root
from checker.documents import Document, load_bytes
from checker.errors import CheckerError
from checker.formats import NEEDS_DOCUMENTS, RunInfo
from checker.formats.common import summary_line
from checker.formats.output import Output, OutputError, plan, refuse_inputs
from checker.printable import printable
from checker.progress import Progress
from checker.report import ExitCode, Report
from checker.scan import BATCH, Runner, ScanResult, local_runner, run_scan
from checker.session import Session
from checker.store import DEFAULT_STORE, ScanRecord, Store, StoreError
from checker.version import version

# The options `check` has that mean the same here: shared, not copied.
_SHARED = (
    "publisher", "regions", "jurisdictions", "as_of", "lang", "formats", "outputs", "rule_paths",
    "no_default_rules", "fail_on", "color", "quiet", "config_path", "exclude", "extend_exclude",
    "respect_gitignore", "house_names", "allow_empty", "verbose", "jobs",
)
_CHECK_OPTIONS = {p.name: p for p in check.params}


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--store", "store_path", default=DEFAULT_STORE, show_default=True, metavar="FILE",
    help="The SQLite file the scan keeps its results in.",
)
@click.option("--rebuild", is_flag=True, help="Start the store afresh (for a damaged store or one of another version).")
@click.option(
    "--changes", "show_changes", is_flag=True,
    help="Print what became non-compliant or compliant since the previous scan (alone: the last scan's changes).",
)
@click.option(
    "--changes-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="How --changes prints.",
)
@click.option(
    "--since", metavar="SCAN_ID|YYYY-MM-DD",
    help="With --changes: since that scan, or since the first scan started on or after that date.",
)
@click.option(
    "--dask", "scheduler", metavar="ADDRESS",
    help="Scan on a Dask cluster (tcp://scheduler:8786); paths may be URLs fsspec reads (s3://, gs://).",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=BATCH, show_default=True,
    help="Documents per commit to the store: an interrupted scan loses at most this many.",
)
def scan(
    paths: tuple[str, ...], store_path: str, rebuild: bool, show_changes: bool, changes_format: str,
    since: str | None, scheduler: str | None, batch_size: int, **options: Any,
) -> None:
    """Scan an archive into a store: a second scan checks only the documents that changed and
    those a changed rule or list can affect."""
    changes = changes_format if show_changes or since is not None else None
    if not paths and changes is None:
        raise click.UsageError("give the files or folders to scan, or --changes to report the last scan's changes")
    formats, outputs = list(options.pop("formats")), list(options.pop("outputs"))
    try:
        reports = plan(formats, outputs) if paths and (formats or outputs or changes is None) else []
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    if changes is not None and any(o.to_stdout for o in reports):
        raise click.UsageError("--changes prints to standard output: send the --format report to a file (FORMAT:FILE)")
    quiet, color, verbose, allow_empty, jobs = (
        options.pop(k) for k in ("quiet", "color", "verbose", "allow_empty", "jobs")
    )
    rule_paths, no_default_rules, config_path = (
        options.pop(k) for k in ("rule_paths", "no_default_rules", "config_path")
    )
    options["exclude"] = options["exclude"] or None
    started = time.perf_counter()
    session = open_session(rule_paths, no_default_rules, config_path, **options)
    store = _open_store(store_path, rebuild)
    try:
        result = _scan(session, store, list(paths), reports, scheduler, batch_size, quiet, verbose, allow_empty,
                       jobs) if paths else None
        if result is not None:
            _report(session, result, reports, color, quiet, time.perf_counter() - started)
        code = session.exit_code(result.report) if result is not None else ExitCode.CLEAN
        if changes is not None:
            became_worse = _print_changes(session, store, changes, since, result)
            if result is None and became_worse:
                code = ExitCode.PROBLEMS
    except StoreError as error:
        fail([str(error)])
    finally:
        store.close()
    sys.exit(code)


for _name in reversed(_SHARED):
    scan.params.insert(1, _CHECK_OPTIONS[_name])


def _open_store(path: str, rebuild: bool) -> Store:
    try:
        return Store(path, rebuild=rebuild, tool=version())
    except (StoreError, OSError) as error:
        fail([str(error) if isinstance(error, StoreError) else f"{path}: {error.strerror or error}"])


def _runner(session: Session, scheduler: str | None, jobs: int | None = None) -> Runner:
    if scheduler is None:
        return local_runner(session, jobs)
    from checker.distributed import DaskUnavailable, dask_runner

    try:
        return dask_runner(session, scheduler)
    except DaskUnavailable as error:
        fail([str(error)])


def _files(session: Session, paths: list[str], scheduler: str | None) -> list[str]:
    if "-" in paths:
        raise click.UsageError("a scan reads files, not standard input: use `checker check -` for that")
    if scheduler is None:
        if urls := [p for p in paths if "://" in p]:
            raise click.UsageError(f"{urls[0]}: URLs are read on a Dask cluster (--dask ADDRESS)")
        return session.inputs(paths)
    from checker.distributed import DaskUnavailable, discover, require

    try:
        require()
        return discover(session, paths)
    except DaskUnavailable as error:
        fail([str(error)])
    except OSError as error:
        fail([f"cannot list {' '.join(paths)}: {error}"])


def _scan(
    session: Session, store: Store, paths: list[str], reports: list[Output], scheduler: str | None,
    batch_size: int, quiet: bool, verbose: bool, allow_empty: bool, jobs: int | None = None,
) -> ScanResult:
    files = _files(session, paths, scheduler)
    if not files:
        click.echo(f"checker: no article to scan in {', '.join(paths)} (all excluded, or none found)", err=True)
        sys.exit(ExitCode.CLEAN if allow_empty else ExitCode.NO_INPUT)
    try:
        refuse_inputs(reports, files)
    except OutputError as error:
        raise click.UsageError(str(error)) from None
    if verbose:
        click.echo(f"checker: store {store.path}; {len(files)} file(s) to scan", err=True)
    runner = _runner(session, scheduler, jobs)
    try:
        with Progress(len(files), enabled=False if quiet else None) as progress:
            return run_scan(session, files, store, runner, batch_size, progress, roots=paths)
    except KeyboardInterrupt:
        click.echo(f"checker: interrupted; what was checked is kept in {store.path}: run the same scan to resume",
                   err=True)
        sys.exit(130)


def _report(
    session: Session, result: ScanResult, reports: list[Output], color: bool | None, quiet: bool, seconds: float
) -> None:
    report = result.report
    for doc in report.documents:
        if doc.error:
            click.echo(f"error: {printable(doc.error)}", err=True)
    colored = use_color(color, sys.stderr)
    warnings = [printable(w) for w in report.warnings]
    warnings += [f"{printable(doc.path)}: {printable(w)}" for doc in report.documents for w in doc.warnings]
    for warning in warnings:
        click.echo(click.style(f"warning: {warning}", fg="yellow") if colored else f"warning: {warning}",
                   err=True, color=colored)
    documents = _documents(report, session) if any(o.format in NEEDS_DOCUMENTS for o in reports) else {}
    info = RunInfo(
        documents=documents, rules={c.rule.id: c.rule for c in session.pack.rules}, fail_on=session.fail_on,
        root=project_root(session.config.root), quiet=quiet,
    )
    emit(reports, report, info, color)
    if not quiet:
        resumed = ", resuming an interrupted scan" if result.resumed else ""
        moved = f", {result.moved} moved or renamed (results kept)" if result.moved else ""
        removed = f", {result.removed} removed from the archive" if result.removed else ""
        click.echo(f"{summary_line(report)}; scan {result.scan}: {result.checked} checked, "
                   f"{result.reused} unchanged{moved}{removed}{resumed} in {seconds:.2f} s", err=True)


def _documents(report: Report, session: Session) -> dict[str, Document]:
    """The documents the HTML report shows the text of, read again (as `check` shows them)."""
    found = {}
    for doc in report.documents:
        if doc.error:
            continue
        try:
            found[doc.path] = load_bytes(_read(doc.path), doc.path, None, session.limits)
        except (OSError, CheckerError):
            continue  # changed or gone since: the report lists its results without the text
    return found


def _read(path: str) -> bytes:
    if "://" in path:
        from checker.distributed import read_bytes

        return read_bytes(path)
    with open(path, "rb") as handle:
        return handle.read()


def _since(store: Store, since: str | None, result: ScanResult | None) -> tuple[int, ScanRecord | None, str]:
    """The scan changes are counted after, that scan, and the words for it."""
    scans = store.scans()
    if since is None:
        current = result.scan if result is not None else (scans[-1].id if scans else 0)
        after = max((s.id for s in scans if s.id < current), default=0)
    elif since.isdigit():
        after = int(since)
    else:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            raise click.BadParameter(f"{since!r} is neither a scan number nor a date YYYY-MM-DD",
                                     param_hint="'--since'") from None
        after = max((s.id for s in scans if s.started[:10] < day.isoformat()), default=0)
    record = next((s for s in scans if s.id == after), None)
    words = f"since scan {after} of {record.started}" if record is not None else "since the store was started"
    return after, record, words


def _print_changes(
    session: Session, store: Store, fmt: str, since: str | None, result: ScanResult | None
) -> bool:
    after, record, words = _since(store, since, result)
    found = changes_report.collect(store.changes(after))
    if fmt == "json":
        reference = {"scan": after, "started": record.started if record else None}
        click.echo(changes_report.render_json(found, reference, session.fail_on), nl=False)
    else:
        click.echo(changes_report.render_text(found, words, session.fail_on), nl=False)
    return bool(changes_report.became_non_compliant(changes_report.transitions(found, session.fail_on)))

