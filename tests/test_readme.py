"""The README's examples are real: every `$ checker ...` line in a console block is run from the
project's root and must print what the README shows, byte for byte: reports carry no timings
unless --timings is given."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=lambda v: v[:60])
def test_readme_example(command, expected):
    args = shlex.split(command)
    assert args[0] == "checker"
    run = subprocess.run(
        [sys.executable, "-m", "checker", *args[1:]],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
    )
    assert run.stdout == expected


def test_readme_has_examples_and_the_test_command():
    assert len(console_examples()) >= 4
    assert "\n    pytest\n" in README


def python_examples() -> list[tuple[str, str]]:
    """Each ```python block of the README, with the ```text block that follows "prints"."""
    return re.findall(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", README, re.S)


@pytest.mark.parametrize(("code", "expected"), python_examples(), ids=lambda v: v[:40])
def test_readme_python_example(code, expected):
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.stderr == ""
    assert run.stdout == expected


def test_readme_has_a_python_api_section():
    assert "## Python API" in README and len(python_examples()) >= 1
