"""Conventions shared with the tools around checker (issue 11): colour, standard streams,
--stdin-filename, configuration errors, lazy imports, wording."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SAMPLES

AS_OF = ("--as-of", "2026-11-27")


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None, cwd=ROOT):
    import os

    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, input=input, timeout=120)


def test_version_does_not_import_the_engine():
    code = "import sys; from checker.cli import main; print(sorted(m for m in sys.modules if m.startswith('checker')))"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "checker.engine" not in modules and "checker.session" not in modules


def test_colour_honours_force_color_and_no_color():
    article = str(SAMPLES / "rferl-no-warning.html")
    forced = run("check", *AS_OF, "--publisher", "RFE/RL", "--region", "RU", article, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    plain = run("check", *AS_OF, "--publisher", "RFE/RL", "--region", "RU", article,
                env={"FORCE_COLOR": "", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_warnings_go_to_stderr_and_quiet_trims_the_text_report():
    done = run("check", *AS_OF, "--quiet", str(SAMPLES / "rferl-no-warning.html"))
    assert "warning:" not in done.stdout and "warning: list" in done.stderr
    assert "no rule applies" not in done.stdout


def test_stdin_filename_names_the_article_and_gives_its_format():
    text = (SAMPLES / "pivovarov-old-label.md").read_text(encoding="utf-8")
    done = run("check", *AS_OF, "--quiet", "--stdin-filename", "news/piv.md", "-", input=text)
    assert done.stdout.startswith("news/piv.md\n") and "MALFORMED" in done.stdout


def test_configuration_errors_have_line_and_column_and_all_are_reported(tmp_path):
    (tmp_path / "checker.yaml").write_text("publishr: x\nregions: XX\nfail-on: loud\n")
    done = run("check", "x.html", cwd=tmp_path)
    assert done.returncode == 2
    assert len([line for line in done.stderr.splitlines() if line.startswith("error: ")]) == 3
    (tmp_path / "checker.yaml").write_text("publisher: x\nregions: [RU\n")
    done = run("check", "x.html", cwd=tmp_path)
    assert "checker.yaml:3:1: cannot parse configuration" in done.stderr


def test_lists_before_retrieval_and_rules_validate_of_the_bundled_folder(tmp_path):
    early = run("lists", "--as-of", "2020-01-01").stdout
    assert "fresh (-" not in early and "not yet retrieved" in early
    done = run("rules", "validate", "rules/")
    assert done.returncode == 0 and "duplicate" not in done.stdout + done.stderr


def test_the_html_report_has_the_articles_language(tmp_path):
    report = tmp_path / "r.html"
    run("check", *AS_OF, "--quiet", "--format", f"html:{report}", str(SAMPLES / "moscow-daily-mentions.html"))
    assert '<html lang="ru">' in report.read_text(encoding="utf-8")
