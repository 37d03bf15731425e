"""`checker fix`: insert the labels and notices articles lack, in the house style.

By default it changes nothing and prints a unified diff of what it would insert; `--write`
writes each fixed file atomically (`--backup` keeps the original as NAME.orig). What cannot be
fixed safely is listed on standard error with the reason. The exit status is `checker check`'s,
of the files as they stand afterwards: written, the fixed files; shown as a diff, the files as
they are (so a pending fix fails a run).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import click

from checker.atomic import write_atomic_bytes
from checker.commands.common import DateType, open_session
from checker.documents import read_path
from checker.errors import InputError
from checker.fixes.model import MARKERS, STYLES, FixOutcome, FixStyle
from checker.printable import printable
from checker.report import SEVERITIES, DocumentReport, ExitCode, Tally
from checker.session import Session


@dataclass
class FixRun:
    """What a run of fixes did, file by file, for its summary and exit code."""

    tally: Tally = field(default_factory=Tally)
    fixed_files: int = 0
    fixes: int = 0
    unfixable: int = 0
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # each document's, for --format json


def fix_files(
    session: Session, files: Iterable[str], *, write: bool, diff: bool, backup: bool = False,
    rules: Iterable[str] | None = None, style: FixStyle | None = None, quiet: bool = False, keep: bool = False,
) -> FixRun:
    """Fix each file (the diff on standard output, what cannot be fixed on standard error);
    written files are replaced atomically. "-" reads standard input: written, the fixed text
    goes to standard output."""
    run = FixRun()
    wanted = list(rules) if rules is not None else None
    for path in files:
        try:
            data = sys.stdin.buffer.read(session.limits.max_input_bytes + 1) if path == "-" else \
                read_path(path, session.limits)
            outcome = session.fix_bytes(data, path, rules=wanted, style=style)
        except InputError as error:
            click.echo(f"error: {printable(str(error))}", err=True)
            run.tally.add(DocumentReport(path, error=str(error)))
            if keep:
                run.outcomes.append(FixOutcome(path, b"", b"", error=str(error)).as_dict())
            continue
        if keep:
            run.outcomes.append(outcome.as_dict())
        else:
            _show(outcome, diff, quiet)
        if write and outcome.changed:
            try:
                _write(outcome, backup)
            except OSError as error:
                message = f"{path}: cannot write: {error.strerror or error}"
                click.echo(f"error: {printable(message)}", err=True)
                run.tally.add(DocumentReport(path, error=message))
                continue
        elif write and path == "-":
            sys.stdout.buffer.write(outcome.original)
        run.tally.add(outcome.report if write else (outcome.before or outcome.report))
        run.fixes += len(outcome.fixes)
        run.unfixable += len(outcome.unfixable)
        run.fixed_files += outcome.changed
    sys.stdout.flush()
    return run


def _show(outcome: FixOutcome, diff: bool, quiet: bool) -> None:
    if outcome.error:
        click.echo(f"error: {printable(outcome.error)}", err=True)
    if diff and outcome.diff:
        sys.stdout.write(outcome.diff)
        sys.stdout.flush()  # the diff before the lines about it on standard error
    for problem in outcome.unfixable:
        click.echo(f"{printable(outcome.path)}:{printable(problem.describe())}", err=True)
    if not quiet:
        for fix in outcome.fixes:
            click.echo(f"{printable(outcome.path)}:{printable(fix.describe())}", err=True)


def _write(outcome: FixOutcome, backup: bool) -> None:
    if outcome.path == "-":
        sys.stdout.buffer.write(outcome.fixed)
        return
    if backup:
        write_atomic_bytes(f"{outcome.path}.orig", outcome.original)
    write_atomic_bytes(outcome.path, outcome.fixed)


def summary(run: FixRun, write: bool) -> str:
    done = "applied" if write else "to apply"
    left = f"; {run.unfixable} problem(s) not fixable" if run.unfixable else ""
    return f"checker: {run.fixes} fix(es) {done} in {run.fixed_files} file(s){left}"


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--write", "-w", is_flag=True, help="Write the fixes into the files (atomically); default: show a diff.")
@click.option("--diff/--no-diff", default=None, help="Print a unified diff of the fixes (default: unless --write).")
@click.option("--backup", is_flag=True, help="With --write, keep each original as NAME.orig.")
@click.option("--rule", "rule_ids", multiple=True, metavar="ID", help="Fix only this rule's problems (repeatable).")
@click.option("--fix-style", type=click.Choice(STYLES), help="Labels in parentheses or as footnotes (default: the "
              "configuration's fix-style, else parenthesis).")
@click.option("--footnote-marker", type=click.Choice(MARKERS), help="The footnote style's marker (default: the "
              "configuration's footnote-marker, else *).")
@click.option("--publisher", metavar="NAME", help="Who publishes the articles (name, alias or domain).")
@click.option("--region", "regions", multiple=True, metavar="CODE", help="Audience region (repeatable): RU, BY, EU...")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE", help="Laws binding the publisher.")
@click.option("--as-of", type=DateType(), help="Date designations are checked on (default: today).")
@click.option("--lang", metavar="LANG", help="Article language, when the article does not say.")
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders (repeatable).")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: warning).")
@click.option("--config", "config_path", metavar="FILE", help="Configuration file (default: found from here upward).")
@click.option("--force-exclude", is_flag=True, help="Skip excluded files even when named on the command line.")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when no article is found (default: exit 5).")
@click.option("--quiet", "-q", is_flag=True, help="Do not list each fix nor the summary on standard error.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one object per file on standard output (fixes, unfixable with reasons, diff) instead of "
              "the diff.")
def fix(
    paths: tuple[str, ...],
    write: bool,
    diff: bool | None,
    backup: bool,
    rule_ids: tuple[str, ...],
    fix_style: str | None,
    footnote_marker: str | None,
    publisher: str | None,
    regions: tuple[str, ...],
    jurisdictions: tuple[str, ...],
    as_of: date | None,
    lang: str | None,
    rule_paths: tuple[str, ...],
    no_default_rules: bool,
    fail_on: str | None,
    config_path: str | None,
    force_exclude: bool,
    allow_empty: bool,
    quiet: bool,
    fmt: str,
) -> None:
    """Insert missing labels and notices (a diff by default; --write to apply)."""
    if backup and not write:
        raise click.UsageError("--backup keeps the originals of written files: give --write too")
    if fmt == "json" and write and "-" in paths:
        raise click.UsageError("--write prints a fixed standard input, --format json a report: choose one")
    session = open_session(
        rule_paths, no_default_rules, config_path, publisher=publisher, regions=regions,
        jurisdictions=jurisdictions, as_of=as_of, lang=lang, fail_on=fail_on, force_exclude=force_exclude,
    )
    unknown = sorted(set(rule_ids) - session.pack.known_ids)
    if unknown:
        raise click.BadParameter(f"no rule {', '.join(unknown)}", param_hint="'--rule'")
    style = FixStyle(fix_style or session.fix_style.style, footnote_marker or session.fix_style.marker)
    files = session.inputs(paths)
    if not files:
        if force_exclude and all(p != "-" for p in paths):
            sys.exit(ExitCode.CLEAN)
        click.echo(f"checker: no article to fix in {', '.join(paths)} (all excluded, or none found)", err=True)
        sys.exit(ExitCode.CLEAN if allow_empty else ExitCode.NO_INPUT)
    run = fix_files(
        session, files, write=write, diff=not write if diff is None else diff, backup=backup,
        rules=rule_ids or None, style=style, quiet=quiet, keep=fmt == "json",
    )
    if fmt == "json":
        click.echo(json.dumps(run.outcomes, ensure_ascii=False, indent=2))
    if not quiet:
        click.echo(summary(run, write), err=True)
    sys.exit(run.tally.exit_code(session.fail_on))
