"""What checker must never do to the machine it runs on: replace a device or an article with a
report, leave temporary files behind, change a file's permissions, or be hung by a rule file."""

from __future__ import annotations

import os
import signal
import stat
import textwrap

import pytest
from conftest import HOUSE_RULE

from checker.atomic import WriteError, write_atomic
from checker.formats.output import Output, OutputError, refuse_inputs
from checker.lists.listfile import write_list
from checker.rulepack.pack import RulePackError, load_rulepack

RULE = HOUSE_RULE


def rule_errors(tmp_path, text: str) -> list[str]:
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_rulepack([path], include_default=False)
    return [str(e) for e in caught.value.errors]


# --- writing files ------------------------------------------------------------------------------


def test_a_fifo_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_character_device_stays_a_device():
    write_atomic("/dev/null", "report\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(tmp_path, "report")


def test_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "list.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_list_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "house.people.yaml"
    target.write_text("old")
    target.chmod(0o644)
    entry = {"id": "1", "name": "Иванов Иван", "kind": "person", "designated": "2024-01-05", "delisted": None,
             "aliases": [], "exclude": [], "domains": [], "principal": None, "source": "https://example.org/1"}
    data = {"id": "house.people", "entries": [entry]}
    write_list(target, data)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_stop_signal_during_a_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("previous")

    def stopped(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", stopped)
    with pytest.raises(SystemExit) as caught:
        write_atomic(target, "half")
    assert caught.value.code == 128 + signal.SIGTERM
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_a_report_may_not_overwrite_an_article(tmp_path):
    article = tmp_path / "a.html"
    article.write_text("<p>x</p>")
    with pytest.raises(OutputError, match="one of the articles being checked"):
        refuse_inputs([Output("json", str(article))], [str(article)])
    with pytest.raises(OutputError):  # the same file by another spelling
        refuse_inputs([Output("json", str(tmp_path / "." / "a.html"))], [str(article)])
    refuse_inputs([Output("json", str(tmp_path / "report.json")), Output("text", None)], [str(article), "-"])


def test_the_command_line_refuses_to_overwrite_an_article(tmp_path, cli):
    article = tmp_path / "a.html"
    article.write_text("<p>hello</p>", encoding="utf-8")
    for args in (["--format", f"json:{article}"], ["-o", str(article)]):
        result = cli("check", "--jurisdiction", "RU", *args, str(article))
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "one of the articles being checked" in result.stderr
        assert article.read_text(encoding="utf-8") == "<p>hello</p>"


# --- rule files that would hang or crash the loader ----------------------------------------------


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    [error] = rule_errors(tmp_path, "\n".join(lines) + "\n")
    assert error.startswith(f"{tmp_path / 'rule.yaml'}:")
    assert "aliases expand to more than" in error


def test_a_recursive_alias_is_refused(tmp_path):
    [error] = rule_errors(tmp_path, "a: &a [*a]\n")
    assert "refers to the value that contains it" in error


@pytest.mark.parametrize("key", ["1", "yes", "~", "1.5"])
def test_keys_that_are_not_text_get_a_line_not_a_crash(tmp_path, key):
    errors = rule_errors(tmp_path, f"{key}: value\n" + RULE)
    assert any("unknown key" in e for e in errors), errors


@pytest.mark.parametrize(
    "template",
    ["{0}", "{", "}", "{title.__class__}", "{title[999]}", "{text!z}", "{text!r}", "{title:>300000000}", "{}",
     "{unknown}"],
)
def test_message_templates_are_checked_when_the_rule_loads(tmp_path, template):
    quoted = template.replace("'", "''")
    [error] = rule_errors(tmp_path, RULE + f"messages:\n  missing: '{quoted}'\n")
    assert error.startswith(f"{tmp_path / 'rule.yaml'}:14:")
    assert "messages.missing" in error


def test_plain_message_templates_and_literal_braces_load(tmp_path):
    text = RULE + textwrap.dedent("""\
        messages:
          missing: 'No sign-off in {subject}{detail}: add {{the end}} to "{title}" ({text})'
    """)
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_rulepack([path], include_default=False).rule("house.test")
