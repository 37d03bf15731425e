"""`checker check`: the pre-publish check of articles."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..context import Context
from ..engine import check_paths
from ..formats import FORMATS
from ..report import SEVERITIES
from .common import DateType, configuration, region_codes, rule_pack


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--publisher", metavar="NAME", help="Who publishes the articles (name, alias or domain).")
@click.option("--region", "regions", multiple=True, metavar="CODE", help="Audience region (repeatable): RU, BY, EU...")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE", help="Laws binding the publisher.")
@click.option("--as-of", type=DateType(), help="Date designations are checked on (default: today).")
@click.option("--lang", metavar="LANG", help="Article language, when the article does not say.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders (repeatable).")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: warning).")
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
    fail_on: str | None,
    color: bool | None,
) -> None:
    """Check articles (HTML, Markdown, text; folders recurse; - reads stdin)."""
    config = configuration()
    pack = rule_pack(config, rule_paths, include_default=not no_default_rules)
    ctx = Context(
        as_of=as_of or date.today(),
        publisher=publisher or config.publisher,
        regions=region_codes(regions, "region") or config.regions,
        jurisdictions=region_codes(jurisdictions, "jurisdiction") or config.jurisdictions,
        lang=lang.lower() if lang else None,
    )
    report = check_paths(paths, pack, ctx, exclude=config.excluded)
    for doc in report.documents:
        if doc.error:
            click.echo(f"error: {doc.error}", err=True)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(FORMATS[fmt].render(report, color=use_color), nl=False, color=use_color)
    sys.exit(report.exit_code(fail_on or config.fail_on))



