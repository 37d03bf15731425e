"""The run as a CI gate: it cannot pass by accident. A misspelt publisher and an empty folder
are errors, and excludes skip the same files whatever the working directory (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

AS_OF = "2026-11-27"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh publishing repository: [tool.checker] excluding the drafts, a .gitignore, a
    node_modules folder with an article-like file."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nexclude = ["content/drafts/*"]\n')
    (tmp_path / ".gitignore").write_text("content/scratch.md\n")
    for name in ("content/news/a.html", "content/drafts/d.html", "node_modules/pkg/n.html", "content/scratch.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>text</p>\n")
    return tmp_path


def checker(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "check", "--as-of", AS_OF, *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )


def checked(cwd: Path, *args: str) -> list[str]:
    run = checker(cwd, "--quiet", "--format", "json", *args)
    return [os.path.normpath(cwd / d["path"]) for d in json.loads(run.stdout)["documents"]]


def test_excludes_are_relative_to_the_configuration_whatever_the_working_directory(repo):
    news = str(repo / "content" / "news" / "a.html")
    assert checked(repo, ".") == [news]
    assert checked(repo, "./content") == [news]
    assert checked(repo / "content" / "news", "../..") == [news]
    assert checked(repo / "content" / "news", "../../content") == [news]


def test_a_named_excluded_file_is_skipped_only_with_force_exclude(repo):
    assert checked(repo, "content/drafts/d.html") == [str(repo / "content/drafts/d.html")]
    run = checker(repo, "--force-exclude", "content/drafts/d.html")
    assert run.returncode == 0 and run.stdout == ""  # as pre-commit passes a draft: nothing to do
    assert checker(repo, "--force-exclude", "content/drafts").returncode == 5


def test_gitignore_is_honoured_unless_turned_off_and_exclude_options(repo):
    scratch = str(repo / "content" / "scratch.md")
    assert scratch in checked(repo, "--no-respect-gitignore", ".")
    assert checker(repo, "--extend-exclude", "news/", ".").returncode == 5
    assert str(repo / "content/drafts/d.html") in checked(repo, "--exclude", "nothing", ".")


def test_an_empty_folder_exits_5_unless_allowed(tmp_path):
    (tmp_path / "empty").mkdir()
    run = checker(tmp_path, "empty")
    assert run.returncode == 5
    assert run.stderr.strip() == "checker: no article to check in empty (all excluded, or none found)"
    assert checker(tmp_path, "--allow-empty", "empty").returncode == 0


def test_an_unknown_publisher_is_a_usage_error_with_candidates(repo):
    run = checker(repo, "--publisher", "Meduzza", ".")
    assert run.returncode == 2
    assert "Invalid value for '--publisher'" in run.stderr and "did you mean 'Meduza'?" in run.stderr
    assert checker(repo, "--publisher", "Meduzza", "--house-name", "Meduzza", ".").returncode == 0


def test_a_registry_name_with_its_legal_form_is_a_known_publisher(repo):
    # FARA registrants are listed as "KBS America, Inc."; users copy that name from the registry.
    for name in ("KBS America, Inc.", "KBS America, Inc", "KBS America Inc.", "kbs america"):
        run = checker(repo, "--publisher", name, "--jurisdiction", "US", ".")
        assert "Invalid value for '--publisher'" not in run.stderr, name
    unknown = checker(repo, "--publisher", "Zeno America, Inc.", ".")
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr


def test_an_unknown_publisher_in_the_configuration_or_front_matter(repo):
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'publisher = "Meduzza"\n')
    run = checker(repo, ".")
    assert run.returncode == 2 and "pyproject.toml" in run.stderr and "'Meduza'" in run.stderr
    pyproject.write_text(pyproject.read_text() + 'house-names = ["Meduzza"]\n')
    assert checker(repo, ".").returncode == 0
    (repo / "content/news/b.md").write_text("---\npublisher: Meduzzza\n---\nText.\n")
    run = checker(repo, ".")
    assert run.returncode == 2 and "publisher 'Meduzzza' is on no designation list" in run.stderr


def test_the_region_error_names_the_option(repo):
    run = checker(repo, "--region", "XX", ".")
    assert run.returncode == 2 and "Invalid value for '--region'" in run.stderr


# --- the same through the pytest plugin -----------------------------------------------------------


@pytest.mark.parametrize("where", [".", "content", "content/news"])
def test_plugin_skips_the_drafts_from_any_folder(repo, pytester, monkeypatch, where):
    monkeypatch.chdir(repo / where)
    result = pytester.runpytest("--checker", f"--checker-as-of={AS_OF}", "-v", str(repo / "content"))
    out = result.stdout.str()
    assert "a.html::checker PASSED" in out and "1 passed" in out
    assert "content/drafts" not in out and "scratch" not in out


def test_plugin_unknown_publisher_is_a_usage_error(repo, pytester):
    result = pytester.runpytest(
        f"--rootdir={repo}", "--checker", "--checker-publisher=Meduzza", f"--checker-as-of={AS_OF}", str(repo)
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "did you mean 'Meduza'?" in result.stderr.str()
    assert "passed" not in result.stdout.str()
