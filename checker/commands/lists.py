"""`checker lists`: the designation lists a check uses, how fresh they are, what they contain
(`checker lists find`), how a registry export becomes a list file (`checker lists import`), and
how list files refresh themselves from their sources (`checker lists update`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from checker.commands.common import DateType, fail, open_session
from checker.errors import CheckerError, RuleError
from checker.lists.importer import ImportResult, ListImportError, import_registry
from checker.lists.listfile import ListFileError
from checker.lists.registries import FORMATS
from checker.lists.updater import DEFAULT_MAX_REMOVED, DEFAULT_TIMEOUT, http_fetcher, list_files, update_list
from checker.printable import printable
from checker.report import ExitCode

_RULE_OPTIONS = (
    click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders."),
    click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack."),
    click.option("--as-of", type=DateType(), help="Date entries are counted active on (default: today)."),
    click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
)


def _rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_RULE_OPTIONS):
        command = option(command)
    return command


# --------------------------------------------------------------------------------------------
# checker lists


def _freshness(row: dict[str, Any]) -> str:
    if row["max_age_days"] is None:
        return "no limit"
    if row["stale"]:
        return f"STALE ({row['age_days']} d old, max {row['max_age_days']})"
    if row["age_days"] < 0:  # --as-of before the retrieval: the list did not exist yet
        return f"not yet retrieved ({-row['age_days']} d before retrieval)"
    return f"fresh ({row['age_days']} d, max {row['max_age_days']})"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


@click.group("lists", invoke_without_command=True)
@_rule_options
@click.pass_context
def lists(
    ctx: click.Context, rule_paths: tuple[str, ...], no_default_rules: bool, as_of: date | None, fmt: str
) -> None:
    """Show the designation lists: entries, active entries, retrieval date, freshness, source."""
    if ctx.invoked_subcommand is not None:
        return
    session = open_session(rule_paths, no_default_rules, as_of=as_of)
    day = session.context.as_of
    rows = [lst.summary(day) for lst in sorted(session.pack.lists.values(), key=lambda x: x.id)]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    header = ["LIST", "JUR", "ENTRIES", "ACTIVE", "RETRIEVED", "FRESHNESS", "SOURCE"]
    body = [
        [r["id"], r["jurisdiction"], str(r["entries"]), str(r["active"]), r["retrieved"], _freshness(r), r["source"]]
        for r in rows
    ]
    click.echo(_table([header, *body]))
    click.echo(f"\nactive as of {day.isoformat()}")
    for warning in session.stale_list_warnings():
        click.echo(f"warning: {warning}")


# --------------------------------------------------------------------------------------------
# checker lists find


_STATUS_WORDS = {"active": "active", "delisted": "no longer listed", "not-yet-designated": "not yet listed"}


@lists.command("find")
@click.argument("name")
@_rule_options
def find(name: str, rule_paths: tuple[str, ...], no_default_rules: bool, as_of: date | None, fmt: str) -> None:
    """Entries a name designates, in any case form or name order ("Галкина", "Meduza")."""
    session = open_session(rule_paths, no_default_rules, as_of=as_of)
    day = session.context.as_of
    found = [{**e.summary(day), "matched": how} for e, how in session.pack.index.search(name)]
    found.sort(key=lambda f: (f["matched"] != "name", f["list"], f["id"]))  # full names first
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif found:
        for f in found:
            dates = f"designated {f['designated'] or 'date unknown'}" + (
                f", delisted {f['delisted']}" if f["delisted"] else ""
            )
            how = "" if f["matched"] == "name" else f" [matched: {f['matched']}]"
            status = _STATUS_WORDS[f["status"]]
            click.echo(f"{f['list']}  {f['id']}  {f['name']}  ({f['kind']}; {dates}; {status} on {day}){how}")
            if f["principals"]:
                plural = "s" if len(f["principals"]) > 1 else ""
                click.echo(f"  foreign principal{plural}: {'; '.join(f['principals'])}")
    if not found:
        click.echo(f"no entry matches {name!r}", err=True)
        sys.exit(1)


# --------------------------------------------------------------------------------------------
# checker lists import


def _summary(result: ImportResult, dry_run: bool) -> list[str]:
    export = result.export
    lines = [
        f"{result.list_id}: {result.entries} entries "
        f"(+{len(result.added)} added, -{len(result.removed)} removed, {len(result.changed)} changed)",
        f"  from {export.label} ({export.format}), sha256 {export.checksum[:16]}…, "
        f"retrieved {result.data['retrieved']}",
    ]
    if export.dropped:
        lines.append(f"  skipped {len(export.dropped)} junk rows: " + "; ".join(d[:60] for d in export.dropped))
    lines.append(f"  {'would write' if dry_run else 'wrote'} {result.path}")
    lines += [f"+ {entry_id}  {name}" for entry_id, name in result.added]
    lines += [f"- {entry_id}  {name}" for entry_id, name in result.removed]
    for change in result.changed:
        what = "; ".join(f"{field}: {old!r} → {new!r}" for field, old, new in change.fields)
        lines.append(f"~ {change.entry_id}  {what}")
    return lines


@lists.command("import")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The list file to write.")
@click.option("--id", "list_id", metavar="LIST_ID", help="List id (default: the file's id, or its name).")
@click.option("--export-format", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True)
@click.option("--retrieved", type=DateType(), help="When the export was fetched (default: as it says, else today).")
@click.option("--source", metavar="URL", help="URL of the official list (default: kept, or as the export says).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_(
    exports: tuple[Path, ...],
    into: Path,
    list_id: str | None,
    export_format: str,
    retrieved: date | None,
    source: str | None,
    dry_run: bool,
) -> None:
    """Turn a registry export into a list file, keeping hand-written aliases and exclusions.

    The first EXPORT is the register; further exports of the same register only fill in
    websites, decisions and the legal basis (e.g. a mirror with resources)."""
    try:
        result = import_registry(
            exports, into, list_id=list_id, fmt=export_format, retrieved=retrieved, source=source, dry_run=dry_run
        )
    except (CheckerError, RuleError) as error:
        fail([error])
    except (ListImportError, ListFileError) as error:
        fail([str(error)])
    click.echo("\n".join(_summary(result, dry_run)))


# --------------------------------------------------------------------------------------------
# checker lists update


@lists.command("update")
@click.argument("names", nargs=-1, metavar="[LIST]...")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("rules/lists"),
              show_default=True, help="Where list files are found by id (and all of them when no LIST is given).")
@click.option("--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT, show_default=True,
              envvar="CHECKER_TIMEOUT", help="Seconds to wait for each source [env: CHECKER_TIMEOUT].")
@click.option("--proxy", metavar="URL", envvar="CHECKER_PROXY",
              help="Proxy for every source [env: CHECKER_PROXY; HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured].")
@click.option("--max-removed", type=click.FloatRange(0, 100), default=DEFAULT_MAX_REMOVED * 100, show_default=True,
              help="Refuse a download that would remove more than this percentage of a list's entries.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def update(names: tuple[str, ...], folder: Path, timeout: float, proxy: str | None, max_removed: float,
           dry_run: bool) -> None:
    """Download each LIST (an id in --dir, or a list file) from the sources its header names,
    check the download and import it, keeping hand-written aliases, exclusions and domains.

    A list none of whose sources gives a sound export is left as it was, with one line per
    source saying why; the exit status is then 2."""
    try:
        paths = list_files(names, folder)
    except ListFileError as error:
        fail([str(error)])
    if not paths:
        fail([f"{folder}: no list file names sources to update from (`update:` in its header)"])
    fetch = http_fetcher(timeout, proxy)
    failed = False
    for path in paths:
        try:
            outcome = update_list(path, fetch, max_removed=max_removed / 100, dry_run=dry_run)
        except (ListFileError, CheckerError) as error:
            click.echo(f"error: {printable(str(error))}", err=True)
            failed = True
            continue
        for reason in outcome.refused:
            click.echo(f"{outcome.list_id}: not used: {printable(reason)}", err=True)
        if outcome.result is None or outcome.source is None:
            click.echo(f"error: {outcome.list_id}: not updated; {path} is unchanged", err=True)
            failed = True
            continue
        click.echo(f"{outcome.list_id}: from {outcome.source.name} <{outcome.source.url}>")
        click.echo("\n".join(_summary(outcome.result, dry_run)))
    if failed:
        sys.exit(ExitCode.ERROR)
