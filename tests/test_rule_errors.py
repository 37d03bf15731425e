"""Broken rules get one clear line each, file:line:column, and exit code 2."""

from __future__ import annotations

import textwrap

import pytest
from conftest import HOUSE_RULE

from checker.rulepack.pack import RulePackError, load_rulepack

GOOD = HOUSE_RULE


def write(tmp_path, text, name="rule.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors_of(path):
    with pytest.raises(RulePackError) as caught:
        load_rulepack([path])
    return [str(e) for e in caught.value.errors]


def test_a_valid_extra_rule_loads_beside_the_bundled_pack(tmp_path):
    pack = load_rulepack([write(tmp_path, GOOD)])
    assert pack.rule("house.test") is not None
    assert pack.rule("ru.undesirable.reader-warning") is not None


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    path = write(tmp_path, "id: x\ntitle: [unclosed\nseverity: error\n")
    [message] = errors_of(path)
    assert message.startswith(f"{path}:3:")
    assert "YAML syntax error" in message


def test_misspelt_key_gets_a_did_you_mean(tmp_path):
    path = write(tmp_path, GOOD.replace("severity:", "severty:"))
    messages = errors_of(path)
    assert any(f"{path}:5:1: unknown key 'severty'" in m and "did you mean 'severity'" in m for m in messages)


def test_misspelt_value_gets_a_did_you_mean(tmp_path):
    path = write(tmp_path, GOOD.replace("severity: warning", "severity: warnig"))
    [message] = errors_of(path)
    assert message.startswith(f"{path}:5:11:")
    assert "did you mean 'warning'" in message


def test_rule_of_the_wrong_shape(tmp_path):
    path = write(tmp_path, "- just\n- a list\n")
    [message] = errors_of(path)
    assert "a rule file must hold one rule" in message


def test_unknown_list_is_reported_where_it_is_written(tmp_path):
    text = GOOD.replace(
        "check:\n  kind: notice\n  elements:\n    - name: sign-off\n      phrases: [the end]\n",
        "check:\n  kind: mention-label\n  lists: [ru.foreign-agentz]\n  labels: {phrases: [agent]}\n",
    )
    path = write(tmp_path, text)
    [message] = errors_of(path)
    assert message.startswith(f"{path}:10:11:")
    assert "unknown list 'ru.foreign-agentz'" in message


def test_unsafe_regex_is_rejected_when_rules_load(tmp_path):
    path = write(tmp_path, GOOD.replace("phrases: [the end]", "patterns: ['(a+)\\1']"))
    [message] = errors_of(path)
    assert "invalid or unsafe regular expression" in message
    assert message.startswith(f"{path}:")


def test_duplicate_rule_id(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    messages = errors_of(tmp_path)
    assert any("duplicate rule id" in m for m in messages)


def test_all_errors_are_reported_not_just_the_first(tmp_path):
    write(tmp_path, GOOD.replace("severity: warning", "severity: loud"), "a.yaml")
    write(tmp_path, GOOD.replace("purpose: house", "purpose: fun").replace("house.test", "house.two"), "b.yaml")
    assert len(errors_of(tmp_path)) == 2


def test_cli_prints_one_line_per_error_and_exits_2(tmp_path, cli):
    rule = write(tmp_path, "id: x\ntitle: [unclosed\n")
    article = write(tmp_path, "Hello.", "a.txt")
    run = cli("check", "--rules", str(rule), str(article))
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"error: {rule}:")
    assert "Traceback" not in run.stderr + run.stdout
