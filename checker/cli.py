"""The command line: `checker check`, and the commands around it. Each lives in checker/commands
and is imported only when run, so `checker --version` and `--help` do not load the engine."""

from __future__ import annotations

from importlib import import_module

import click

from checker.version import DISTRIBUTION, compiled_walk

# name -> (module, attribute, short help): the help text is here so `checker --help` imports nothing.
_COMMANDS = {
    "check": ("checker.commands.check", "check", "Check articles (HTML, Markdown, text; folders recurse)."),
    "fix": ("checker.commands.fix", "fix", "Insert missing labels and notices (a diff by default; --write to apply)."),
    "config": ("checker.commands.config", "show_config", "Show the configuration in effect and where it comes from."),
    "init": ("checker.commands.config", "init", "Write a starter configuration file."),
    "rules": ("checker.commands.rules", "rules", "Write, check and document rules."),
    "lists": ("checker.commands.lists", "lists", "The designation lists: freshness, contents, search, import, update."),
    "scan": ("checker.commands.scan", "scan", "Scan an archive into a store; re-scans check only what changed."),
    "serve": ("checker.commands.serve", "serve", "Serve the checker over HTTP: an API for CMSes and a web page."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module, attribute, _ = _COMMANDS[cmd_name]
        command = getattr(import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, _, short) in sorted(_COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name=DISTRIBUTION,
    message="%(prog)s, version %(version)s\ncompiled HTML walk: "
    + ("yes" if compiled_walk() else "no (installed without a C compiler: HTML is read in Python)"),
)
def main() -> None:
    """Check articles for the legal notices and labels that designation regimes require."""
