"""What the subcommands share: option types, the run session and configuration, failing."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import click

from ..codes import CodeError, country_codes
from ..config import Config, find_config
from ..errors import CheckerError
from ..printable import printable
from ..report import ExitCode
from ..rulepack import RulePackError
from ..session import OverrideError, Session, parse_date


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return parse_date(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _code_problem(code: str, problem: str, what: str) -> str:
    if len(code) != 2 or not code.isalpha():
        return f"{code!r} is not a two-letter {what} code (ISO 3166-1 alpha-2 or EU)"
    return problem


def region_codes(values: Iterable[str], what: str) -> tuple[str, ...]:
    try:
        return country_codes(values)
    except CodeError as error:
        raise click.BadParameter(_code_problem(error.code, str(error), what)) from None


def fail(errors: Iterable[CheckerError | str]) -> NoReturn:
    """Print each error on one line and exit with the error status."""
    for error in errors:
        click.echo(f"error: {printable(str(error))}", err=True)
    sys.exit(ExitCode.ERROR)


def configuration() -> Config:
    try:
        return find_config()
    except CheckerError as error:
        fail([error])


_WHAT = {"regions": "region", "jurisdictions": "jurisdiction"}


def open_session(rule_paths: Iterable[str] = (), no_default_rules: bool = False, **overrides: Any) -> Session:
    """The run of a command: the configuration found from the working directory, the rules
    (exits on invalid ones), the overrides given on the command line (a usage error when unusable)."""
    config = configuration()
    try:
        return Session(config, rules=rule_paths, include_default=not no_default_rules, **overrides)
    except RulePackError as error:
        fail(error.errors)
    except OverrideError as error:
        problem = _code_problem(str(error.value), error.message, _WHAT[error.name]) if error.name in _WHAT \
            else error.message
        raise click.BadParameter(problem) from None
