"""Configuration found from the working directory upward; the command line overrides it."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLES

NO_WARNING = str(SAMPLES / "rferl-no-warning.html")


def test_pyproject_section_supplies_the_context(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.checker]\npublisher = "RFE/RL"\nregions = ["RU"]\n', encoding="utf-8"
    )
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path / "content")
    run = cli("check", "--format", "json", NO_WARNING)
    assert run.exit_code == 1
    assert run.json["documents"][0]["context"]["publisher"] == "RFE/RL"


def test_command_line_overrides_the_configuration(cli, tmp_path, monkeypatch):
    (tmp_path / "checker.yaml").write_text("publisher: RFE/RL\nregions: [RU]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", "--region", "DE", NO_WARNING)
    assert run.exit_code == 0
    assert run.json["documents"][0]["notices"] == []


def test_disable_severity_and_fail_on(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "checker.yaml"
    config.write_text("publisher: RFE/RL\nregions: [RU]\ndisable: [ru.undesirable.donation-cta]\n", encoding="utf-8")
    rules = {n["rule"] for n in cli("check", "--format", "json", NO_WARNING).json["documents"][0]["flags"]}
    assert "ru.undesirable.donation-cta" not in rules

    config.write_text(
        "publisher: RFE/RL\nregions: [RU]\nseverity:\n  ru.undesirable.reader-warning: info\n"
        "  ru.undesirable.donation-cta: info\n",
        encoding="utf-8",
    )
    run = cli("check", "--format", "json", NO_WARNING)
    assert run.exit_code == 0  # only info-level problems remain
    assert {n["severity"] for n in run.json["documents"][0]["notices"]} == {"info"}
    assert cli("check", "--fail-on", "info", NO_WARNING).exit_code == 1


def test_exclude_globs(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("exclude: ['*-no-warning.html']\n", encoding="utf-8")
    paths = {d["path"] for d in cli("check", "--format", "json", str(SAMPLES)).json["documents"]}
    assert NO_WARNING not in paths and str(SAMPLES / "rferl-article.html") in paths


def test_unknown_key_and_unknown_rule_id_are_errors(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("publsher: RFE/RL\n", encoding="utf-8")
    run = cli("check", NO_WARNING)
    assert run.exit_code == 2 and "unknown configuration key 'publsher'" in run.stderr
    (tmp_path / "checker.yaml").write_text("disable: [ru.no-such-rule]\n", encoding="utf-8")
    run = cli("check", NO_WARNING)
    assert run.exit_code == 2 and "unknown rule id 'ru.no-such-rule'" in run.stderr


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("publisher: [RFE/RL]", "publisher: write the publisher's name as text"),
        ("publisher: {name: RFE/RL}", "publisher: write the publisher's name as text"),
        ("publisher: 2024", "publisher: write the publisher's name as text (in quotes if need be), not 2024"),
        ("rules: 5", "rules: write one item, or a list of items, as text; not 5"),
        ("rules: [null]", "rules: write one item, or a list of items, as text; not [None]"),
        ("exclude: 3", "exclude: write one item"),
        ("house-names: {RFE/RL: yes}", "house-names: write one item"),
        ("disable: [[ru.banned-org.meta]]", "disable: write one item"),
    ],
)
def test_a_value_of_the_wrong_shape_is_one_line_naming_the_file_and_key(cli, tmp_path, monkeypatch, setting, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text(f"{setting}\n", encoding="utf-8")
    run = cli("check", NO_WARNING)
    assert run.exit_code == 2
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"error: {tmp_path / 'checker.yaml'}: {says}")


def test_config_command_prints_the_effective_configuration_and_its_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("publisher: Meduza\njurisdictions: ru, eu\n", encoding="utf-8")
    run = cli("config")
    assert run.exit_code == 0
    assert f"# from: {tmp_path / 'checker.yaml'}" in run.stdout
    assert "publisher: Meduza" in run.stdout
    assert "- RU\n- EU" in run.stdout


def test_init_writes_a_starter_that_loads_and_refuses_to_overwrite(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    assert "fail-on: warning" in (tmp_path / "checker.yaml").read_text(encoding="utf-8")
    assert cli("config").exit_code == 0
    run = cli("init")
    assert run.exit_code == 2 and "already exists" in run.stderr


def test_misspelt_configuration_key_and_value_get_a_did_you_mean(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    run = cli("config")
    assert run.exit_code == 2 and "unknown configuration key 'fail_on' (did you mean 'fail-on'?)" in run.stderr
    (tmp_path / "checker.yaml").write_text("fail-on: warnings\n", encoding="utf-8")
    assert "did you mean 'warning'?" in cli("config").stderr


def test_one_value_where_a_list_is_expected_is_one_item(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("disable: ru.undesirable.donation-cta\nrules: house\n", encoding="utf-8")
    run = cli("config")
    assert "disable:\n- ru.undesirable.donation-cta\n" in run.stdout
    assert f"rules:\n- {tmp_path / 'house'}\n" in run.stdout


def test_region_codes_in_the_configuration_must_be_real(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("regions: [UK]\n", encoding="utf-8")
    run = cli("config")
    assert run.exit_code == 2 and "did you mean 'GB', United Kingdom?" in run.stderr


def test_unknown_rule_id_in_the_configuration_names_the_file_and_the_right_id(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("disable: [ru.undesirable.donation-ct]\n", encoding="utf-8")
    run = cli("check", NO_WARNING)
    assert run.exit_code == 2
    assert f"{tmp_path / 'checker.yaml'}: unknown rule id 'ru.undesirable.donation-ct'" in run.stderr
    assert "did you mean 'ru.undesirable.donation-cta'?" in run.stderr


def test_init_explains_each_key(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli("init")
    text = (tmp_path / "checker.yaml").read_text(encoding="utf-8")
    for key in ("publisher", "regions", "jurisdictions", "rules", "disable", "severity", "fail-on", "exclude"):
        line = next(n for n, line in enumerate(text.splitlines()) if line.lstrip("# ").startswith(f"{key}:"))
        assert text.splitlines()[line - 1].startswith("#"), key  # a comment says what the key is for


def test_precedence_command_line_front_matter_configuration_page_metadata(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("publisher: RFE/RL\nregions: [RU]\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\npublisher: Meduza\n---\n\n# Title\n\nText.\n", encoding="utf-8")
    page = tmp_path / "b.html"
    page.write_text('<meta property="og:site_name" content="Belsat"><h1>Title</h1><p>Text.</p>', encoding="utf-8")

    def publisher(*args):
        docs = cli("check", "--format", "json", *args, str(article), str(page)).json["documents"]
        return [d["context"]["publisher"] for d in docs]

    assert publisher() == ["Meduza", "RFE/RL"]  # front matter > configuration > og:site_name
    assert publisher("--publisher", "The Insider") == ["The Insider", "The Insider"]


def _one_line_error(cli, tmp_path, monkeypatch, name, content):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    run = cli("check", NO_WARNING)
    assert run.exit_code == 2
    assert re.match(rf"error: {re.escape(str(path))}(:\d+:\d+)?: ", run.stderr) and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr
    return run.stderr


def test_a_pyproject_tool_that_is_not_a_table(cli, tmp_path, monkeypatch):
    error = _one_line_error(cli, tmp_path, monkeypatch, "pyproject.toml", b'tool = "x"\n')
    assert "`tool` must be a table" in error


def test_a_tool_checker_that_is_not_a_table(cli, tmp_path, monkeypatch):
    error = _one_line_error(cli, tmp_path, monkeypatch, "pyproject.toml", b"[tool]\nchecker = [1]\n")
    assert "configuration must be a mapping of keys to values" in error


def test_a_configuration_that_is_not_utf8(cli, tmp_path, monkeypatch):
    error = _one_line_error(cli, tmp_path, monkeypatch, "checker.yaml", "publisher: Медуза\n".encode("cp1251"))
    assert "configuration is not UTF-8 text (byte 11)" in error


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pyproject.toml", b"[tool.checker]\npublisher = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("checker.yaml", b"publisher: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("checker.yaml", b'{"publisher": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001 + b"\n"),
    ],
    ids=["toml", "yaml", "json"],
)
def test_a_configuration_nested_too_deeply(cli, tmp_path, monkeypatch, name, content):
    error = _one_line_error(cli, tmp_path, monkeypatch, name, content)
    assert "nested too deeply" in error or "cannot parse configuration" in error


def test_odd_keys_and_impossible_dates_in_a_configuration(cli, tmp_path, monkeypatch):
    error = _one_line_error(cli, tmp_path, monkeypatch, "checker.yaml", b"1: x\nyes: y\n")
    assert "unknown configuration key '1'" in error
    error = _one_line_error(cli, tmp_path, monkeypatch, "checker.yaml", b"publisher: 2026-02-30\n")
    assert "cannot parse configuration" in error
