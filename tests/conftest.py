from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import Context, load_rulepack
from checker.cli import main
from checker.match.formcache import cache_dir

ROOT = Path(__file__).resolve().parent.parent

# pytester gives each test run a HOME of its own; pin the name cache to the real one so that
# those runs load the full registries from the cache (0.1 s) instead of from scratch (1.3 s).
if "CHECKER_CACHE_DIR" not in os.environ and cache_dir() is not None:
    os.environ["CHECKER_CACHE_DIR"] = str(cache_dir())
SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 27)

# A small valid rule of a house style guide, for tests that need one to load or to break.
HOUSE_RULE = """\
id: house.test
title: A house rule
jurisdiction: RU
purpose: house
severity: warning
law:
  - {title: House style guide, url: https://example.org/style}
check:
  kind: notice
  elements:
    - name: sign-off
      phrases: [the end]
"""


@pytest.fixture(scope="session")
def pack():
    """The bundled rule pack, loaded once."""
    return load_rulepack()


@pytest.fixture
def ctx():
    def make(**kwargs) -> Context:
        kwargs.setdefault("as_of", TODAY)
        return Context(**kwargs)

    return make


class Run:
    def __init__(self, result):
        self.result = result
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr

    @property
    def json(self) -> dict:
        return json.loads(self.stdout)


@pytest.fixture
def cli():
    """Run the command line in-process: cli("check", "a.html", "--format", "json")."""

    def run(*args: str, input: str | bytes | None = None) -> Run:
        runner = CliRunner()
        return Run(runner.invoke(main, list(args), input=input, catch_exceptions=False))

    return run
