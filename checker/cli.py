"""The command line: `checker check`, and the commands around it. Each lives in checker/commands."""

from __future__ import annotations

import click

from .commands.check import check
from .commands.config import init, show_config
from .commands.lists import lists
from .commands.rules import rules
from .version import DISTRIBUTION


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION)
def main() -> None:
    """Check articles for the legal notices and labels that designation regimes require."""


main.add_command(check)
main.add_command(show_config)
main.add_command(init)
main.add_command(rules)
main.add_command(lists)
