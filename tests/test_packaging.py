"""The bundled rules and schemas travel inside a normal wheel and work from any directory."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    [built] = out.glob("designation_notice_checker-*.whl")
    return built


def test_wheel_carries_rules_lists_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/rules/ru/undesirable.reader-warning.yaml" in names
    assert "checker/rules/lists/ru.foreign-agents.yaml" in names
    assert "checker/schemas/rule.schema.json" in names
    # checker serve's pages and their scripts
    assert {f"checker/serve/static/{n}" for n in ("index.html", "rules.html", "common.js", "check.js", "rules.js",
                                                   "serve.css")} <= set(names)
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_checks_from_another_directory(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", "--publisher", "RFE/RL", "--region", "RU",
         str(SAMPLES / "rferl-article.html")],
        cwd=elsewhere, env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["notices"][0]["status"] == "present"


def test_wheel_carries_the_compiled_walk_where_it_can_be_built(wheel, tmp_path):
    """With Cython and a C compiler at hand (the test dependencies), the wheel is a platform
    wheel holding the compiled HTML walk, which the installed package then uses."""
    pytest.importorskip("Cython", reason="Cython is not installed: the wheel is pure Python")
    if not shutil.which((sysconfig.get_config_var("CC") or "cc").split()[0]):
        pytest.skip("no C compiler: the wheel is pure Python")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(re.fullmatch(r"checker/documents/_walk\.[^/]+\.(so|pyd)", name) for name in names), names
    assert not wheel.name.endswith("-none-any.whl")
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    run = subprocess.run(
        [sys.executable, "-m", "checker", "--version"], cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "compiled HTML walk: yes" in run.stdout, run.stdout + run.stderr


def test_without_a_working_compiler_the_wheel_is_pure_python(tmp_path):
    """The compiled walk is optional: when compiling fails, the build says so in one line and
    the wheel is pure Python (checker then reads HTML with its Python walk)."""
    pytest.importorskip("Cython", reason="Cython is not installed: the hook stops before compiling")
    build = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, env={**os.environ, "CC": "false"}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    warnings = [line for line in build.stderr.splitlines() if "compiled HTML walk not built" in line]
    assert len(warnings) == 1, build.stderr
    [built] = tmp_path.glob("designation_notice_checker-*.whl")
    assert built.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(built).namelist()
    assert not any("_walk." in name and not name.endswith((".pyx", ".pyi")) for name in names)
