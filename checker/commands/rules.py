"""`checker rules ...`: write, check and document rules without Python.

validate  schema and meaning of rule and list files, file:line:column per problem
test      the examples written in the rules, with what was expected and what was found
list      the rules, one line each (or JSON)
show      one rule in plain language
docs      a Markdown catalogue of rules and lists for legal review
schema    the JSON Schema of rule (or list) files, for editors
stale     rules whose legal review is older than an age
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.authoring.catalogue import catalogue, show
from checker.authoring.examples import Outcome, coverage_gaps, failure_lines, run_examples
from checker.authoring.governance import due_for_review, parse_age
from checker.commands.common import DateType, configuration, fail, region_codes
from checker.errors import RuleError
from checker.lexicon import bundled_rules_dir
from checker.report import ExitCode
from checker.rulepack.pack import LoadResult, RulePack, build_rulepack, yaml_files
from checker.schema import did_you_mean, load_schema


def shown(path: str | Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _located(error: RuleError) -> str:
    return str(RuleError(shown(error.path), error.message, error.line, error.column))


def _load(paths: Iterable[str], no_default_rules: bool) -> tuple[LoadResult, set[Path] | None]:
    """The pack for a rules command, and the files the user named (None: the whole pack).

    Given paths are checked beside the bundled rules, as `checker check --rules` would load them
    (so their list ids resolve and their rule ids may not collide), except a path that is the
    bundled pack or a copy of it (`rules/` in a clone): loading it twice would make every id a
    duplicate. Without paths, the bundled rules and those of the configuration."""
    paths = list(paths)
    extra = paths or list(configuration().rules)
    home = bundled_rules_dir().resolve()
    inside = [p for p in extra if Path(p).resolve() == home or home in Path(p).resolve().parents]
    copy = any(_copies_bundled(Path(p), home) for p in extra)
    loaded = build_rulepack([p for p in extra if p not in inside], include_default=not (no_default_rules or copy))
    named = {p.resolve() for p in yaml_files(Path(p) for p in paths if Path(p).exists())} if paths else None
    return loaded, named


def _copies_bundled(path: Path, home: Path) -> bool:
    """Whether `path` is a folder holding every bundled rule file (a clone's rules/)."""
    target = path.resolve()
    if target == home or not target.is_dir():
        return False
    ours = {f.relative_to(home) for f in yaml_files([home])}
    return ours <= {f.relative_to(target) for f in yaml_files([target])}


def _valid_pack(paths: Iterable[str] = (), no_default_rules: bool = False) -> RulePack:
    loaded, _ = _load(paths, no_default_rules)
    if loaded.errors:
        fail([*(_located(e) for e in loaded.errors), "the rules are invalid: `checker rules validate` explains"])
    return loaded.pack


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


paths_argument = click.argument("paths", nargs=-1, type=click.Path())
no_default_option = click.option(
    "--no-default-rules", is_flag=True, help="Without the bundled rules and lists (yours must then bring their lists)."
)
rules_option = click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders.")


@click.group()
def rules() -> None:
    """Write, check and document rules: validate, test, list, show, docs, schema, stale."""


@rules.command(short_help="Check rules for mistakes: file:line:column per problem.")
@paths_argument
@no_default_option
def validate(paths: tuple[str, ...], no_default_rules: bool) -> None:
    """Check rule and list files: one line per problem, file:line:column.

    Without PATH: the bundled rules and those of the configuration. Exit 0 when valid, 2 when not."""
    loaded, named = _load(paths, no_default_rules)
    for error in sorted(loaded.errors, key=lambda e: (shown(e.path), e.line or 0, e.column or 0)):
        click.echo(_located(error))
    files = [f for f in loaded.files if named is None or f.resolve() in named]
    if loaded.errors:
        broken = len({e.path for e in loaded.errors})
        click.echo(f"{_plural(len(loaded.errors), 'problem')} in {_plural(broken, 'file')}", err=True)
        sys.exit(ExitCode.ERROR)
    checked = [r for r in loaded.pack.rules if named is None or Path(r.rule.path).resolve() in named]
    lists = [lst for lst in loaded.pack.lists.values() if named is None or Path(lst.path).resolve() in named]
    counted = _plural(len(checked), "rule") + (f" and {_plural(len(lists), 'list')}" if lists else "")
    click.echo(f"ok: {counted} in {_plural(len(files), 'file')}, no problems")


def _failure(outcome: Outcome) -> list[str]:
    path, line = outcome.where.rsplit(":", 1)
    header = f"FAIL {shown(path)}:{line}: {outcome.rule}, example {outcome.index + 1} ({outcome.name})"
    return [header, *(f"     {line}" for line in failure_lines(outcome))]


@rules.command(short_help="Run the examples written in the rules.")
@paths_argument
@no_default_option
@click.option("-v", "--verbose", is_flag=True, help="List every example, not only the failures.")
def test(paths: tuple[str, ...], no_default_rules: bool, verbose: bool) -> None:
    """Run the examples written in the rules; show what was expected and found. Exit 1 on a failure.

    Without PATH: the bundled rules and those of the configuration."""
    loaded, named = _load(paths, no_default_rules)
    if loaded.errors:
        fail([*(_located(e) for e in loaded.errors), "fix the rules first: `checker rules validate` explains"])
    tested = [c for c in loaded.pack.rules if named is None or Path(c.rule.path).resolve() in named]
    outcomes = run_examples(loaded.pack, {c.rule.id for c in tested})
    for outcome in outcomes:
        if not outcome.passed:
            click.echo("\n".join(_failure(outcome)))
        elif verbose:
            click.echo(f"ok   {outcome.rule}, example {outcome.index + 1} ({outcome.name})")
    for compiled in tested:
        for gap in coverage_gaps(compiled):
            click.echo(f"note: {compiled.rule.id}: {gap}")
    failed = sum(not o.passed for o in outcomes)
    summary = f"{_plural(len(outcomes), 'example')} in {_plural(len(tested), 'rule')}: "
    summary += f"{len(outcomes) - failed} passed, {failed} failed"
    click.echo(summary)
    sys.exit(ExitCode.PROBLEMS if failed else ExitCode.CLEAN)


@rules.command("list", short_help="List the rules: id, jurisdiction, purpose, severity, title.")
@rules_option
@no_default_option
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE", help="Only these (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_paths: tuple[str, ...], no_default_rules: bool, jurisdictions: tuple[str, ...], fmt: str) -> None:
    """The rules: id, jurisdiction, purpose, severity (as configured) and title."""
    config = configuration()
    pack = _valid_pack([*config.rules, *rule_paths], no_default_rules)
    wanted = set(region_codes(jurisdictions, "jurisdiction"))
    rows: list[dict[str, Any]] = [
        {
            "id": r.id, "jurisdiction": r.jurisdiction, "purpose": r.purpose,
            "severity": config.severity.get(r.id, r.severity), "title": r.title,
            "enabled": r.id not in config.disable, "path": shown(r.path),
        }
        for r in sorted((c.rule for c in pack.rules), key=lambda r: r.id)
        if not wanted or r.jurisdiction in wanted
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(row["id"]) for row in rows), default=2)
    for row in rows:
        off = "  (disabled)" if not row["enabled"] else ""
        columns = f"{row['id']:<{width}}  {row['jurisdiction']}  {row['purpose']:<13}  {row['severity']:<7}"
        click.echo(f"{columns}  {row['title']}{off}")
    if not rows:
        click.echo("no rules" + (f" for {', '.join(sorted(wanted))}" if wanted else ""), err=True)


@rules.command("show", short_help="Explain one rule in plain language.")
@click.argument("rule_id")
@rules_option
@no_default_option
def show_rule(rule_id: str, rule_paths: tuple[str, ...], no_default_rules: bool) -> None:
    """Explain one rule: when it applies, what it looks for (with the configuration's options),
    the law, its examples."""
    config = configuration()
    pack = _valid_pack([*config.rules, *rule_paths], no_default_rules).configured(options=config.check_options)
    compiled = pack.rule(rule_id)
    if compiled is None:
        hint = did_you_mean(rule_id, [c.rule.id for c in pack.rules]) or " (`checker rules list` shows the ids)"
        fail([f"no rule {rule_id!r}{hint}"])
    click.echo(show(compiled.rule, pack), nl=False)


@rules.command(short_help="Write a Markdown catalogue of rules and lists.")
@rules_option
@no_default_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the catalogue to this file.")
@click.option("--as-of", type=DateType(), help="Date entry counts are taken on (default: today).")
def docs(rule_paths: tuple[str, ...], no_default_rules: bool, output: str | None, as_of: date | None) -> None:
    """Write a Markdown catalogue of all rules and lists, for legal review (with the
    configuration's check options, such as label-once)."""
    config = configuration()
    pack = _valid_pack([*config.rules, *rule_paths], no_default_rules).configured(options=config.check_options)
    text = catalogue(pack, as_of or date.today())
    if output is None:
        click.echo(text, nl=False)
        return
    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")


@rules.command(short_help="Print the JSON Schema of rule files, for editors.")
@click.option("--list", "list_schema", is_flag=True, help="The schema of designation list files instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the schema to this file.")
def schema(list_schema: bool, output: str | None) -> None:
    """Print the JSON Schema of rule files, for a YAML editor (see docs/authoring.md)."""
    text = json.dumps(load_schema("list" if list_schema else "rule"), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")


if TYPE_CHECKING:  # click 8.1 cannot subscript ParamType at run time; newer click types it by value
    _AgeParam = click.ParamType[int]
else:
    _AgeParam = click.ParamType


class AgeType(_AgeParam):
    name = "AGE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_age(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


@rules.command(short_help="List rules due for legal review.")
@click.option("--older-than", type=AgeType(), default="180d", show_default=True,
              help="Age of a review that needs renewing: 180d, 26w, 1y.")
@click.option("--as-of", type=DateType(), help="Date ages are counted to (default: today).")
@rules_option
@no_default_option
def stale(older_than: int, as_of: date | None, rule_paths: tuple[str, ...], no_default_rules: bool) -> None:
    """Rules never reviewed, or whose legal review is older than --older-than. Exit 1 when any."""
    pack = _valid_pack([*configuration().rules, *rule_paths], no_default_rules)
    today = as_of or date.today()
    due = due_for_review((c.rule for c in pack.rules), older_than, today)
    width = max((len(d.rule.id) for d in due), default=0)
    for item in due:
        review = item.rule.reviewed
        when = "never reviewed" if review is None or item.age is None else \
            f"reviewed {review.date.isoformat()} by {review.by} ({_plural(item.age, 'day')} ago)"
        click.echo(f"{item.rule.id:<{width}}  {when}")
    window = f"within {_plural(older_than, 'day')} of {today.isoformat()}"
    if due:
        needs = "needs" if len(due) == 1 else "need"
        click.echo(f"{_plural(len(due), 'rule')} {needs} review: not reviewed {window}")
        sys.exit(ExitCode.PROBLEMS)
    click.echo(f"no rule needs review: every rule was reviewed {window}")
