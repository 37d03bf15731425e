"""What the subcommands share: option types, loading the rule pack and configuration, failing."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from typing import NoReturn

import click

from ..codes import country_problem, split_codes
from ..config import Config, find_config
from ..errors import CheckerError
from ..report import ExitCode
from ..rulepack import RulePack, RulePackError, load_rulepack


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


def region_codes(values: Iterable[str], what: str) -> tuple[str, ...]:
    codes = tuple(code for value in values for code in split_codes(value))
    for code in codes:
        if len(code) != 2 or not code.isalpha():
            raise click.BadParameter(f"{code!r} is not a two-letter {what} code (ISO 3166-1 alpha-2 or EU)")
        if problem := country_problem(code):
            raise click.BadParameter(problem)
    return codes


def fail(errors: Iterable[CheckerError | str]) -> NoReturn:
    """Print each error on one line and exit with the error status."""
    for error in errors:
        click.echo(f"error: {error}", err=True)
    sys.exit(ExitCode.ERROR)


def configuration() -> Config:
    try:
        return find_config()
    except CheckerError as error:
        fail([error])


def rule_pack(config: Config, extra: Iterable[str] = (), include_default: bool = True) -> RulePack:
    """The bundled rules plus the configured and given ones, configured; exits on invalid rules."""
    try:
        pack = load_rulepack([*config.rules, *extra], include_default=include_default)
        return pack.configured(config.disable, config.severity, config.source or "configuration")
    except RulePackError as error:
        fail(error.errors)
