"""Issue 12: checking on several processes gives the same results in the same order as one
process; a crash, even one that ends a worker process, is one document's error; JSON Lines are
written as the documents are checked; the pytest plugin runs under pytest-xdist."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES, TODAY

from checker import Session
from checker.checks import KINDS

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked on Linux")

CONTEXT = ("--publisher", "RFE/RL", "--region", "RU")
RFERL = SAMPLES / "rferl-article.html"
INPUTS = sorted(
    str(p)
    for folder in (SAMPLES, ROOT / "tests" / "eval" / "docs")
    for p in folder.iterdir()
    if p.suffix in (".html", ".md", ".txt")
)


@pytest.fixture(scope="module")
def session():
    return Session(publisher="Meduza", regions="RU", jurisdictions=["RU", "EU"], as_of=TODAY)


def test_one_and_several_processes_give_the_same_results_in_input_order(session):
    assert len(INPUTS) > 60
    one = list(session.check_files(INPUTS, jobs=1))
    several = list(session.check_files(INPUTS, jobs=2))
    assert [c.path for c in several] == INPUTS
    assert [c.report for c in several] == [c.report for c in one]
    assert [c.document for c in several] == [c.document for c in one]
    assert sum(bool(c.report.results) for c in one) > 40  # the comparison compares findings


def test_documents_are_left_out_when_not_wanted(session):
    checked = list(session.check_files(INPUTS[:6], jobs=2, keep_documents=False))
    assert [c.document for c in checked] == [None] * 6
    assert [c.report for c in checked] == [c.report for c in session.check_files(INPUTS[:6])]


def test_an_iterator_of_files_and_the_default_number_of_jobs(session):
    expected = [c.report for c in session.check_files(INPUTS[:12])]
    assert [c.report for c in session.check_files(iter(INPUTS[:12]), jobs=None)] == expected
    assert [c.report for c in session.check_each([SAMPLES], jobs=None)] == [
        c.report for c in session.check_each([SAMPLES])
    ]


def test_the_command_line_gives_the_same_reports_and_exit_code_with_jobs(cli):
    args = ("check", *CONTEXT, "--as-of", TODAY.isoformat(), "--quiet", *INPUTS)
    for fmt in ("json", "sarif", "text"):
        one, two = cli(*args, "--format", fmt, "--jobs", "1"), cli(*args, "--format", fmt, "--jobs", "2")
        assert one.exit_code == two.exit_code == 1
        assert one.stdout == two.stdout
        if fmt == "json":
            assert [d["path"] for d in two.json["documents"]] == INPUTS


def test_jobs_must_be_a_positive_number(cli):
    run = cli("check", *CONTEXT, "--jobs", "0", str(RFERL))
    assert run.exit_code == 2 and "--jobs" in run.stderr


# -- crashes in workers -------------------------------------------------------------------------


@pytest.fixture
def articles(tmp_path):
    paths = []
    for n in range(8):
        name = "bad.html" if n == 5 else f"a{n}.html"
        shutil.copy(RFERL, tmp_path / name)
        paths.append(str(tmp_path / name))
    return paths


def _fail_on(monkeypatch, name: str, how) -> None:
    for kind in KINDS.values():
        original = kind.evaluate

        def evaluate(rule, check, page, subject, _original=original):
            if page.doc.path.endswith(name):
                how()
            return _original(rule, check, page, subject)

        monkeypatch.setattr(kind, "evaluate", evaluate)


def _raise() -> None:
    raise RuntimeError("injected failure")


def test_an_exception_in_a_worker_is_that_documents_error_with_its_traceback(monkeypatch, articles):
    _fail_on(monkeypatch, "bad.html", _raise)
    checked = list(Session(publisher="RFE/RL", regions="RU").check_files(articles, jobs=2))
    assert [c.path for c in checked] == articles
    assert [bool(c.report.error) for c in checked] == [n == 5 for n in range(8)]
    assert "internal error: RuntimeError: injected failure" in checked[5].report.error
    assert "Traceback (most recent call last)" in str(checked[5].crash.__cause__)
    assert all(c.report.notices[0].status == "present" for n, c in enumerate(checked) if n != 5)


def test_debug_prints_a_workers_traceback(cli, monkeypatch, articles):
    _fail_on(monkeypatch, "bad.html", _raise)
    run = cli("check", *CONTEXT, "--debug", "-q", "--jobs", "2", *articles)
    assert run.exit_code == 2
    assert "Traceback (most recent call last)" in run.stderr and "RuntimeError: injected failure" in run.stderr
    assert run.stdout.count("  present") == 7


def test_a_worker_process_that_dies_loses_only_its_document(monkeypatch, articles):
    parent = os.getpid()

    def die() -> None:
        if os.getpid() != parent:
            os._exit(70)  # as a crash in C code or the OOM killer would end it

    _fail_on(monkeypatch, "bad.html", die)
    checked = list(Session(publisher="RFE/RL", regions="RU").check_files(articles, jobs=2))
    assert [c.path for c in checked] == articles
    assert [bool(c.report.error) for c in checked] == [n == 5 for n in range(8)]
    assert checked[5].report.error.startswith(f"{articles[5]}: internal error: WorkerDied: ")
    assert all(c.report.notices[0].status == "present" for n, c in enumerate(checked) if n != 5)


# -- JSON Lines ---------------------------------------------------------------------------------


def test_json_lines_are_the_json_reports_documents_one_a_line(cli, tmp_path):
    args = ("check", *CONTEXT, "--quiet", *INPUTS[:10], str(tmp_path / "missing.html"))
    whole = cli(*args, "--format", "json")
    lines = cli(*args, "--format", "jsonl")
    assert lines.exit_code == whole.exit_code == 2
    assert lines.stdout.endswith("\n")
    assert [json.loads(line) for line in lines.stdout.splitlines()] == whole.json["documents"]
    to_file = cli(*args, "--format", f"jsonl:{tmp_path / 'run.jsonl'}", "--jobs", "2")
    assert (tmp_path / "run.jsonl").read_text("utf-8") == lines.stdout
    assert to_file.exit_code == 2


def test_json_lines_keep_line_separators_inside_strings(tmp_path):
    from checker.formats import FORMATS

    article = tmp_path / "a.html"
    article.write_text("<p>Meduza\u2028line\u2029para \x9b</p>", encoding="utf-8")
    report = Session(publisher="Meduza", regions="RU").check_paths([article])
    report.documents[0].warnings = ("odd \u2028 warning",)
    text = FORMATS["jsonl"].render(report)
    assert text.count("\n") == len(text.splitlines()) == 1
    assert json.loads(text)["warnings"] == ["odd \u2028 warning"]


def test_the_first_line_is_written_before_the_last_document_is_read(tmp_path):
    """The last input is standard input, given only once the first line has arrived."""
    for n in range(3):
        shutil.copy(RFERL, tmp_path / f"a{n}.html")
    paths = [str(tmp_path / f"a{n}.html") for n in range(3)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", *CONTEXT, "--format", "jsonl", *paths, "-",
         "--stdin-filename", "last.html"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        assert ready, "no line before standard input was given"
        first = json.loads(proc.stdout.readline())
        assert first["path"] == paths[0]
        proc.stdin.write(RFERL.read_bytes())
        proc.stdin.close()
        rest = proc.stdout.read()  # after the lines already buffered by readline
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
    lines = [json.loads(line) for line in rest.decode("utf-8").splitlines()]
    assert [d["path"] for d in lines] == [*paths[1:], "last.html"]


# -- the pytest plugin under xdist --------------------------------------------------------------

pytest_plugins = ["pytester"]


def test_the_plugin_runs_under_xdist(pytester):
    shutil.copytree(ROOT / "examples" / "publishing-site", pytester.path, dirs_exist_ok=True)
    result = pytester.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider", "--checker-as-of=2026-11-27")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines(["*2 workers*"])
    result.stdout.fnmatch_lines(["*FAILED content/news/2026-11-school-budgets.md::checker*"])
