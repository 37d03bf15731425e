"""The command line: parse options, build a context, call the library, render, exit."""

from __future__ import annotations

import sys
from datetime import date

import click

from .context import Context
from .engine import check_paths
from .formats import FORMATS
from .report import ExitCode
from .rulepack import RulePackError, load_rulepack


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


def _codes(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    codes = tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())
    for code in codes:
        if len(code) != 2 or not code.isalpha():
            raise click.BadParameter(f"{code!r} is not a two-letter {what} code (ISO 3166-1 alpha-2 or EU)")
    return codes


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker")
def main() -> None:
    """Check articles for the legal notices and labels that designation regimes require."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--publisher", metavar="NAME", help="Who publishes the articles (name, alias or domain).")
@click.option("--region", "regions", multiple=True, metavar="CODE", help="Audience region (repeatable): RU, BY, EU...")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE", help="Laws binding the publisher (repeatable).")
@click.option("--as-of", type=_Date(), help="Date designations are checked on (default: today).")
@click.option("--lang", metavar="LANG", help="Article language, when the article does not say.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders (repeatable).")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal).")
def check(
    paths: tuple[str, ...],
    publisher: str | None,
    regions: tuple[str, ...],
    jurisdictions: tuple[str, ...],
    as_of: date | None,
    lang: str | None,
    fmt: str,
    rule_paths: tuple[str, ...],
    no_default_rules: bool,
    color: bool | None,
) -> None:
    """Check articles (HTML, Markdown, text; folders recurse; - reads stdin)."""
    try:
        pack = load_rulepack(rule_paths, include_default=not no_default_rules)
    except RulePackError as error:
        for problem in error.errors:
            click.echo(f"error: {problem}", err=True)
        sys.exit(ExitCode.ERROR)
    ctx = Context(
        as_of=as_of or date.today(),
        publisher=publisher,
        regions=_codes(regions, "region"),
        jurisdictions=_codes(jurisdictions, "jurisdiction"),
        lang=lang.lower() if lang else None,
    )
    report = check_paths(paths, pack, ctx)
    for doc in report.documents:
        if doc.error:
            click.echo(f"error: {doc.error}", err=True)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(FORMATS[fmt].render(report, color=use_color), nl=False, color=use_color)
    sys.exit(report.exit_code())
