"""What the subcommands share: option types, the run session and configuration, failing."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from checker.codes import CodeError, country_codes
from checker.config import Config, ConfigErrors, find_config, load_config
from checker.errors import CheckerError
from checker.printable import printable
from checker.report import ExitCode
from checker.rulepack.pack import RulePackError
from checker.session import OverrideError, Session, parse_date

if TYPE_CHECKING:  # click 8.1 cannot subscript ParamType at run time; newer click types it by value
    _DateParam = click.ParamType[date]
else:
    _DateParam = click.ParamType


class DateType(_DateParam):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
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


def configuration(path: str | None = None) -> Config:
    """The configuration file given (--config), else the one found from the working directory up."""
    try:
        return load_config(Path(path)) if path else find_config()
    except ConfigErrors as errors:
        fail(errors.errors)
    except CheckerError as error:
        fail([error])


_WHAT = {"regions": "region", "jurisdictions": "jurisdiction"}
_OPTION = {
    "regions": "--region", "jurisdictions": "--jurisdiction", "as_of": "--as-of", "fail_on": "--fail-on",
    "publisher": "--publisher",
}


def open_session(
    rule_paths: Iterable[str] = (), no_default_rules: bool = False, config_path: str | None = None, **overrides: Any
) -> Session:
    """The run of a command: the configuration (--config, else found from the working directory),
    the rules (exits on invalid ones), the overrides given on the command line (a usage error
    naming the option when unusable)."""
    config = configuration(config_path)
    try:
        return Session(config, rules=rule_paths, include_default=not no_default_rules, **overrides)
    except RulePackError as error:
        fail(error.errors)
    except OverrideError as error:
        problem = _code_problem(str(error.value), error.message, _WHAT[error.name]) if error.name in _WHAT \
            else error.message
        raise click.BadParameter(problem, param_hint=f"'{_OPTION[error.name]}'") from None
