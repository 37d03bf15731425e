"""The package type-checks under `mypy --strict` (the configuration is in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytest.importorskip("mypy", reason='mypy is not installed: pip install ".[test]"')


def test_mypy_strict_passes_on_the_package():
    # mypy keeps its cache in .mypy_cache at the project root, so a second run takes seconds.
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mypy found problems:\n{result.stdout}{result.stderr}"
