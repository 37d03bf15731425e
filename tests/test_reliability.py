"""Issue 9: a crash loses no document, loader warnings reach every report, no control character
from an article reaches a terminal, the remaining crashes and hangs, configurable limits."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import time
import xml.etree.ElementTree as ET

import pytest
from conftest import SAMPLES
from test_formats import validate_sarif

from checker import Session
from checker.checks import KINDS
from checker.errors import InputError
from checker.formats import FORMATS
from checker.printable import json_text, printable
from checker.session import OverrideError

RFERL = SAMPLES / "rferl-article.html"
CONTEXT = ("--publisher", "RFE/RL", "--region", "RU")


@pytest.fixture
def crash_on(monkeypatch):
    """Make every check kind's evaluate raise for documents whose path ends with `name`."""

    def install(name: str) -> None:
        for kind in KINDS.values():
            original = kind.evaluate

            def evaluate(rule, check, page, subject, _original=original):
                if page.doc.path.endswith(name):
                    raise RuntimeError("injected failure\nsecond line")
                return _original(rule, check, page, subject)

            monkeypatch.setattr(kind, "evaluate", evaluate)

    return install


@pytest.fixture
def three_articles(tmp_path):
    paths = []
    for name in ("a.html", "bad.html", "c.html"):
        shutil.copy(RFERL, tmp_path / name)
        paths.append(str(tmp_path / name))
    return paths


# -- 1. never lose a document ---------------------------------------------------------------


def test_a_crash_in_one_document_is_its_error_and_the_others_are_reported(cli, crash_on, three_articles):
    crash_on("bad.html")
    run = cli("check", *CONTEXT, "--format", "json", *three_articles)
    assert run.exit_code == 2
    docs = {d["path"]: d for d in run.json["documents"]}
    error = docs[three_articles[1]]["error"]
    assert error.startswith(f"{three_articles[1]}: internal error: RuntimeError: injected failure (")
    assert "second line" not in error and "\n" not in error
    assert "issue tracker" in error and "--debug" in error
    for good in (three_articles[0], three_articles[2]):
        assert docs[good]["error"] is None
        assert docs[good]["notices"][0]["status"] == "present"
    assert [line for line in run.stderr.splitlines() if line.startswith("error:")] == [f"error: {error}"]
    assert "Traceback" not in run.stderr


def test_debug_prints_the_traceback(cli, crash_on, three_articles):
    crash_on("bad.html")
    run = cli("check", *CONTEXT, "--debug", "-q", *three_articles)
    assert run.exit_code == 2
    assert "Traceback (most recent call last)" in run.stderr
    assert "RuntimeError: injected failure" in run.stderr
    assert run.stdout.count("  present") == 2  # the text report of the two good articles


def test_a_crash_in_the_library_run_is_the_documents_error(crash_on, three_articles):
    crash_on("bad.html")
    report = Session(publisher="RFE/RL", regions="RU").check_paths(three_articles)
    assert [bool(d.error) for d in report.documents] == [False, True, False]
    assert report.exit_code() == 2


pytest_plugins = ["pytester"]


def test_the_plugin_shows_the_same_line_for_the_crashing_item(pytester, crash_on):
    for name in ("a.html", "bad.html"):
        shutil.copy(RFERL, pytester.path / name)
    crash_on("bad.html")
    options = ("--checker-publisher=RFE/RL", "--checker-region=RU", "-p", "no:cacheprovider")
    result = pytester.runpytest("--checker", *options)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*bad.html: internal error: RuntimeError: injected failure (*issue tracker*--debug*"])
    assert "Traceback" not in result.stdout.str()


# -- 2. warnings reach the report -----------------------------------------------------------


@pytest.fixture
def invalid_utf8(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes("# Заголовок\n\nТекст статьи \xe9 про погоду.\n".encode().replace(b"\xc3\xa9", b"\xe9"))
    return str(path)


def test_invalid_utf8_is_a_warning_in_every_format(cli, invalid_utf8, tmp_path):
    outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in FORMATS}
    options = [arg for fmt, out in outputs.items() for arg in ("--format", f"{fmt}:{out}")]
    run = cli("check", "-q", *options, invalid_utf8)
    assert run.exit_code == 0
    warning = [line for line in run.stderr.splitlines() if line.startswith(f"warning: {invalid_utf8}")]
    assert len(warning) == 1 and warning[0].startswith(f"warning: {invalid_utf8}: invalid UTF-8")
    reports = {fmt: out.read_text("utf-8") for fmt, out in outputs.items()}
    document = json.loads(reports["json"])["documents"][0]
    assert len(document["warnings"]) == 1 and "invalid UTF-8" in document["warnings"][0]
    validate_sarif(json.loads(reports["sarif"]))
    notifications = json.loads(reports["sarif"])["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    ours = [n for n in notifications if "invalid UTF-8" in n["message"]["text"]]
    assert [n["level"] for n in ours] == ["warning"]
    assert ours[0]["message"]["text"].startswith(f"{invalid_utf8}: invalid UTF-8")
    assert "invalid UTF-8" in ET.fromstring(reports["junit"]).find("testsuite/system-err").text
    assert "::warning file=" in reports["github"] and "invalid UTF-8" in reports["github"]
    assert "> **Warning:**" in reports["markdown"] and "invalid UTF-8" in reports["markdown"]
    assert "invalid UTF-8" in reports["html"] and "invalid UTF-8" in reports["text"]


def test_a_clean_document_has_an_empty_warnings_list(cli):
    run = cli("check", "-q", "--format", "json", str(RFERL))
    assert run.json["documents"][0]["warnings"] == []


# -- 3. no control character reaches a terminal ---------------------------------------------

TITLE = "\x1b]0;pwned\x07"


def test_printable_escapes_c0_and_c1_but_what_it_keeps():
    assert printable(f"a{TITLE}\x9b2J\tb\n") == "a\\x1b]0;pwned\\x07\\x9b2J\\x09b\\x0a"
    assert printable("line\nnext\tcell", keep="\n\t") == "line\nnext\tcell"
    assert printable("Белсат «x» ё") == "Белсат «x» ё"
    assert json.loads(json_text({"a": f"\x9b{TITLE}"})) == {"a": f"\x9b{TITLE}"}
    assert "\x9b" not in json_text({"a": "\x9b"}) and "\x1b" not in json_text({"a": "\x1b"})


@pytest.fixture
def hostile(tmp_path):
    """An article with terminal escapes in its file name, link text, href and paragraph, and
    one in a link the rules flag."""
    name = tmp_path / f"evil{TITLE}.html"
    name.write_text(
        f'<h1>Title {TITLE}</h1><p>RFE/RL {TITLE} text \x9b2J more.</p>'
        f'<p><a href="https://www.rferl.org/donate{TITLE}">Donate now {TITLE}</a></p>',
        encoding="utf-8",
    )
    return str(name)


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "json", "sarif"])
def test_no_control_character_reaches_the_terminal(cli, hostile, fmt):
    run = cli("check", *CONTEXT, "--format", fmt, hostile)
    assert run.exit_code in (0, 1), run.stderr
    for stream in (run.stdout, run.stderr):
        assert not [c for c in stream if ord(c) < 0x20 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F]
    assert "evil" in run.stdout


def test_errors_on_standard_error_are_printable(cli, tmp_path):
    run = cli("check", str(tmp_path / f"missing{TITLE}.html"))
    assert run.exit_code == 2
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert "missing\\x1b]0;pwned\\x07.html: no such file" in run.stderr


# -- 4. remaining crashes and hangs ---------------------------------------------------------


@pytest.mark.parametrize("name", ["Meduza [en]", "[", "]", "\x1b]0;t\x07", "http://[::1", "a" * 10000])
def test_any_publisher_name_is_checked_without_a_crash(cli, name, tmp_path):
    page = tmp_path / "site.html"
    page.write_text(f'<meta property="og:site_name" content="{name}"><p>Text</p>', encoding="utf-8")
    # Stated on the command line, a name on no list is a usage error (one clear line), not a crash;
    # declared as a house name, it is checked.
    run = cli("check", "-q", "--format", "json", "--publisher", name, str(RFERL))
    assert run.exit_code == 2 and "is on no designation list" in run.stderr and "Traceback" not in run.stderr
    run = cli("check", "-q", "--format", "json", "--publisher", name, "--house-name", name, str(RFERL))
    assert run.exit_code in (0, 1), run.stderr
    run = cli("check", "-q", "--format", "json", str(page), str(RFERL))
    assert run.exit_code in (0, 1), run.stderr
    assert len(run.json["documents"]) == 2


def _export(tmp_path, rows) -> str:
    path = tmp_path / "export.json"
    path.write_text(rows if isinstance(rows, str) else json.dumps(rows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "export",
    [
        [{"name": "Иван Петров", "type": "person", "is_person": "²", "dateIn": "2024-01-01"}],
        "1" * 5000,
        "[" * 5000,
        [{"name": "Иван Петров", "type": "person", "is_person": 10**40, "dateIn": "2024-01-01"}],
    ],
)
def test_lists_import_of_a_hostile_export_is_one_line(cli, tmp_path, export):
    run = cli("lists", "import", "--into", str(tmp_path / "ru.undesirable.yaml"), _export(tmp_path, export))
    assert run.exit_code in (0, 2), run.stderr
    if run.exit_code == 2:
        assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith("error: ")


@pytest.mark.parametrize("existing", [b"\xff", b"id: x\nentries: 1\n", b"- a\n", b"[", b"a: &a [*a]"])
def test_lists_import_into_a_malformed_list_file_is_one_line(cli, tmp_path, existing):
    into = tmp_path / "list.yaml"
    into.write_bytes(existing)
    rows = [{"name": "Иван Петров", "type": "person", "is_person": 1, "dateIn": "2024-01-01"}]
    run = cli("lists", "import", "--into", str(into), _export(tmp_path, rows))
    assert run.exit_code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(into) in lines[0] and lines[0].startswith("error: ")
    assert into.read_bytes() == existing


def test_lists_import_keeps_the_list_files_mode(cli, tmp_path):
    into = tmp_path / "ru.foreign-agents.yaml"
    rows = [
        {"fullName": "Зарецкая Ольга Петровна", "dateIn": "03.03.2023", "dateOut": "", "agentType": "Физические лица"}
    ]
    export = _export(tmp_path, rows)
    assert cli("lists", "import", "--into", str(into), export).exit_code == 0
    for mode in (0o644, 0o664, 0o600):
        os.chmod(into, mode)
        assert cli("lists", "import", "--into", str(into), export).exit_code == 0
        assert stat.S_IMODE(into.stat().st_mode) == mode


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_rules_path_that_is_a_fifo_or_a_device_is_refused_at_once(cli, tmp_path, kind):
    path = tmp_path / "rules.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    run = cli("check", "--rules", str(path), str(RFERL))
    assert run.exit_code == 2
    assert f"{path}: not a regular file" in run.stderr


def test_a_configured_rules_path_that_is_a_fifo_is_refused(cli, tmp_path, monkeypatch):
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "checker.yaml").write_text("rules: [fifo.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", str(RFERL))
    assert run.exit_code == 2
    assert "fifo.yaml: not a regular file (a FIFO)" in run.stderr


def test_standard_input_is_read_no_further_than_the_limit(cli, tmp_path, monkeypatch):
    (tmp_path / "checker.yaml").write_text("limits: {max-input-bytes: 1000}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "-q", "-", input=b"\x00" * 5000)
    assert run.exit_code == 2
    assert "-: input is too large (the limit is 1,000 bytes)" in run.stderr


def test_an_impossible_date_in_the_configuration_is_one_line(cli, tmp_path, monkeypatch):
    (tmp_path / "checker.yaml").write_text("as_of: 2026-02-30\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", str(RFERL))
    assert run.exit_code == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "checker.yaml" in run.stderr


# -- 5. per-document limits, configurable ---------------------------------------------------


def test_limits_come_from_the_configuration(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.checker]\nlimits = { max-input-bytes = 100, max-blocks = 5 }\n", encoding="utf-8"
    )
    (tmp_path / "blocks.md").write_text("\n\n".join(["para"] * 10), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "-q", "--format", "json", str(RFERL), "blocks.md")
    assert run.exit_code == 2
    errors = [d["error"] for d in run.json["documents"]]
    assert "the limit is 100 bytes" in errors[0]
    assert "the limit is 5 blocks" in errors[1]
    assert "max-input-bytes: 100" in cli("config").stdout.replace('"', "")


@pytest.mark.parametrize("limits", ["{max-blocks: 0}", "{max-bytes: 9}", "[1]", "{max-blocks: yes}"])
def test_unusable_limits_are_one_line(cli, tmp_path, monkeypatch, limits):
    (tmp_path / "checker.yaml").write_text(f"limits: {limits}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", str(RFERL))
    assert run.exit_code == 2
    assert run.stderr.startswith(f"error: {tmp_path / 'checker.yaml'}: limits: ")


def test_limits_given_to_a_session(tmp_path):
    session = Session(limits={"max_blocks": 2})
    with pytest.raises(InputError, match="four.txt: document is too large .* the limit is 2 blocks"):
        session.check_text("one\n\ntwo\n\nthree\n\nfour", fmt="text", path="four.txt")
    (tmp_path / "four.txt").write_text("one\n\ntwo\n\nthree\n\nfour", encoding="utf-8")
    assert "the limit is 2 blocks" in session.check_paths([tmp_path]).documents[0].error
    assert session.override(publisher="RFE/RL").limits == session.limits
    with pytest.raises(OverrideError, match="max_blocks must be a whole number"):
        Session(pack=session.pack, limits={"max_blocks": -1})


def test_a_report_into_a_fifo_nobody_reads_is_refused_not_waited_for(cli, tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    run = cli("check", "-q", "--format", f"json:{fifo}", str(RFERL))
    assert run.exit_code == 2
    last = run.stderr.strip().splitlines()[-1]
    assert last == f"error: cannot write the json report to {fifo}: a FIFO with no reader"


def test_a_document_past_the_time_limit_is_an_error_and_the_rest_is_checked(cli, tmp_path, monkeypatch):
    for kind in KINDS.values():
        original = kind.evaluate

        def evaluate(rule, check, page, subject, _original=original):
            if page.doc.path.endswith("slow.md"):
                time.sleep(30)
            return _original(rule, check, page, subject)

        monkeypatch.setattr(kind, "evaluate", evaluate)
    (tmp_path / "checker.yaml").write_text("limits: {max-seconds: 1}\n", encoding="utf-8")
    (tmp_path / "slow.md").write_text("# Slow\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    run = cli("check", "-q", "--format", "json", *CONTEXT, "slow.md", str(RFERL))
    assert time.monotonic() - started < 20
    assert run.exit_code == 2
    slow, rferl = run.json["documents"]
    assert slow["error"] == "slow.md: checking took too long (the limit is 1 second: limits.max-seconds)"
    assert rferl["error"] is None and rferl["notices"]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL, "the timer is given back"


def test_the_time_limit_leaves_a_timer_someone_else_owns_alone(tmp_path):
    def theirs(signum, frame):
        raise AssertionError("not ours to fire")

    previous = signal.signal(signal.SIGALRM, theirs)
    try:
        report = Session(limits={"max_seconds": 1}).check_text("<p>Текст.</p>")
        assert report.error is None
        assert signal.getsignal(signal.SIGALRM) is theirs
    finally:
        signal.signal(signal.SIGALRM, previous)
