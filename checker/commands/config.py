"""`checker config` shows the effective configuration; `checker init` writes a starter one."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from checker.commands.common import configuration

STARTER = """\
# checker configuration, found from the working directory upward (this file, or [tool.checker]
# in pyproject.toml). Command-line options override every key here.
# `checker config` shows the configuration in effect and the file it came from.

# Who publishes the articles: a name, alias or domain found in the designation lists.
# publisher: RFE/RL

# Where the audience is: ISO 3166-1 country codes (RU, BY, GE...) or EU.
regions: []

# Whose laws bind the publisher: same codes. A member state (DE, LV...) implies EU.
jurisdictions: []

# Your own rule files or folders, relative to this file, e.g. [house-rules].
# `checker rules validate` and `checker rules test` check them; docs/authoring.md shows how.
rules: []

# Rule ids to switch off for every article; `checker rules list` shows the ids.
# To let one article through, write a suppression with a reason in the article instead.
disable: []

# Severity per rule id (error, warning or info), e.g.
#   ru.undesirable.donation-cta: info
severity: {}

# The lowest severity that fails a run: error, warning or info.
fail-on: warning

# Which mentions of a designated name need a status label (mention-label rules):
# first-mention (the law's rule: the first mention outside headlines, or a footnote) or
# mention (a house policy: every mention, headlines included).
# label-once: mention

# How `checker fix` adds a missing label: parenthesis («Шульман (признана иноагентом)») or
# footnote (a marker after the name, the footnote at the end of the article), whose marker is
# * (then **, ***) or numbered.
# fix-style: footnote
# footnote-marker: numbered

# Paths not to check (globs), e.g. ['drafts/*', '*.tmp.html'].
exclude: []
"""


@click.command("config")
def show_config() -> None:
    """Print the effective configuration and the file it came from."""
    config = configuration()
    click.echo(f"# from: {config.source or '(no configuration file found; defaults)'}")
    click.echo(yaml.safe_dump(config.as_dict(), allow_unicode=True, sort_keys=False), nl=False)


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing checker.yaml.")
def init(force: bool) -> None:
    """Write a commented starter checker.yaml in the working directory."""
    path = Path("checker.yaml")
    if path.exists() and not force:
        click.echo(f"error: {path} already exists (use --force to overwrite)", err=True)
        sys.exit(2)
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text(STARTER, encoding="utf-8")
    temporary.replace(path)  # atomic: a reader never sees half a file
    click.echo(f"wrote {path}")
