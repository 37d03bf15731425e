"""The command line as a user and a CI job see it: exit codes, the JSON contract, messages."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SAMPLES

RFERL = str(SAMPLES / "rferl-article.html")
NO_WARNING = str(SAMPLES / "rferl-no-warning.html")


def test_compliant_article_exits_0(cli):
    run = cli("check", "--publisher", "RFE/RL", "--region", "RU", RFERL)
    assert run.exit_code == 0, run.stdout
    assert "present" in run.stdout
    assert "ru.undesirable.reader-warning" in run.stdout


def test_missing_notice_exits_1_and_says_why_with_the_law(cli):
    run = cli("check", "--publisher", "RFE/RL", "--region", "RU", NO_WARNING)
    assert run.exit_code == 1
    assert "MISSING" in run.stdout
    assert "law: " in run.stdout
    assert f"{NO_WARNING}:" in run.stdout


def test_json_report_follows_the_contract(cli):
    run = cli(
        "check", "--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27", "--format", "json", NO_WARNING
    )
    report = run.json
    assert report["version"] == 1
    assert report["as_of"] == "2026-11-27"
    [doc] = report["documents"]
    assert doc["path"] == NO_WARNING
    assert doc["error"] is None
    [notice] = [n for n in doc["notices"] if n["rule"] == "ru.undesirable.reader-warning"]
    assert notice["status"] == "missing"
    assert set(notice) >= {"rule", "status", "severity", "subject", "text", "message", "location", "law"}
    assert set(notice["location"]) == {"line", "column"}
    assert notice["law"] and all("title" in law and "url" in law for law in notice["law"])
    flags = [f for f in doc["flags"] if f["rule"] == "ru.undesirable.donation-cta"]
    assert flags, doc["flags"]
    assert set(flags[0]) >= {"rule", "severity", "subject", "text", "message", "location", "law"}
    assert report["summary"]["missing"] >= 1
    assert report["summary"]["documents"] == 1


def test_as_of_before_the_designation_means_no_rule_applies(cli):
    # RFE/RL was added to the undesirable list on 20 Feb 2024.
    run = cli(
        "check", "--publisher", "RFE/RL", "--region", "RU", "--as-of", "2023-06-01", "--format", "json", NO_WARNING
    )
    assert run.exit_code == 0
    assert run.json["documents"][0]["notices"] == []


def test_unknown_option_is_a_usage_error(cli):
    run = cli("check", "--frobnicate", RFERL)
    assert run.exit_code == 2
    assert "No such option '--frobnicate'" in run.stderr


def test_bad_date_and_bad_region_are_usage_errors(cli):
    assert cli("check", "--as-of", "27.11.2026", RFERL).exit_code == 2
    run = cli("check", "--region", "Russia", RFERL)
    assert run.exit_code == 2
    assert "'RUSSIA' is not a two-letter region code" in run.stderr


def test_binary_and_empty_files_fail_alone_and_the_rest_is_checked(cli, tmp_path):
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    run = cli("check", "--publisher", "RFE/RL", "--region", "RU", "--format", "json", str(binary), str(empty), RFERL)
    assert run.exit_code == 2
    docs = {d["path"]: d for d in run.json["documents"]}
    assert "binary" in docs[str(binary)]["error"]
    assert str(binary) in docs[str(binary)]["error"]
    assert "empty" in docs[str(empty)]["error"]
    assert docs[RFERL]["error"] is None
    assert docs[RFERL]["notices"][0]["status"] == "present"
    assert run.stderr.count("error: ") == 2
    assert "Traceback" not in run.stderr


def test_missing_file_is_named(cli, tmp_path):
    run = cli("check", str(tmp_path / "nope.html"))
    assert run.exit_code == 2
    assert f"{tmp_path / 'nope.html'}" in run.stderr


def test_stdin_is_read_with_a_dash(cli):
    with open(NO_WARNING, encoding="utf-8") as handle:
        html = handle.read()
    run = cli("check", "--publisher", "RFE/RL", "--region", "RU", "--format", "json", "-", input=html)
    assert run.exit_code == 1
    assert run.json["documents"][0]["path"] == "-"


def test_a_directory_is_checked_recursively(cli):
    run = cli("check", "--format", "json", str(SAMPLES))
    paths = {d["path"] for d in run.json["documents"]}
    assert RFERL in paths
    assert str(SAMPLES / "pivovarov-episode.md") in paths
    assert str(SAMPLES / "rt-america-statement.txt") in paths


def test_front_matter_supplies_the_context(cli):
    run = cli("check", "--format", "json", str(SAMPLES / "pivovarov-episode.md"))
    doc = run.json["documents"][0]
    assert doc["context"]["publisher"] == "Алексей Пивоваров"
    assert [n["status"] for n in doc["notices"] if n["rule"] == "ru.foreign-agent.self-label"] == ["present"]


def test_command_line_overrides_front_matter(cli):
    run = cli("check", "--format", "json", "--jurisdiction", "US", str(SAMPLES / "pivovarov-episode.md"))
    assert run.json["documents"][0]["notices"] == []


def test_python_dash_m_runs_the_same_cli():
    run = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", "--publisher", "RFE/RL", "--region", "RU",
         RFERL],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["notices"][0]["status"] == "present"
