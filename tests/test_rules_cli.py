"""`checker rules ...` as a rule author sees it: messages with file:line:column, exit codes,
readable example failures, the explanation of a rule and the catalogue."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import ROOT

RULE = """\
id: house.sign-off
title: Sign-off at the end
jurisdiction: GE
purpose: house
severity: warning
law:
  - {title: House style guide, url: https://example.org/style}
check:
  kind: notice
  placement: footer
  elements:
    - name: sign-off
      phrases: [the end]
examples:
  - name: signed
    text: |
      Headline

      Story.

      The end.
    expect: {status: present}
  - name: unsigned
    text: |
      Headline

      Story.
    expect: {status: missing}
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty folder as the working directory, so paths print as the author typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder, text, name="rule.yaml"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problem_lines(run) -> list[str]:
    return [line for line in run.stdout.splitlines() if line]


# -- validate --------------------------------------------------------------------------------


def test_the_bundled_rules_are_valid(cli):
    run = cli("rules", "validate")
    assert run.exit_code == 0, run.stdout
    assert run.stdout.startswith("ok: 18 rules and ")


def test_a_valid_rule_file_says_ok(cli, workdir):
    write(workdir, RULE)
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 0
    assert run.stdout == "ok: 1 rule in 1 file, no problems\n"


def test_yaml_syntax_error_is_one_line_with_file_line_column_and_exit_2(cli, workdir):
    write(workdir, RULE.replace("title: Sign-off at the end", "title: [Sign-off"))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    [line] = problem_lines(run)
    assert line.startswith("rule.yaml:3:")
    assert "YAML syntax error" in line
    assert "1 problem in 1 file" in run.stderr


def test_misspelt_key_is_one_line_with_a_did_you_mean(cli, workdir):
    write(workdir, RULE.replace("  placement: footer", "  placment: footer"))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    assert problem_lines(run) == ["rule.yaml:10:3: unknown key 'placment' in check (did you mean 'placement'?)"]


def test_misspelt_values_get_a_did_you_mean(cli, workdir):
    text = RULE.replace("kind: notice", "kind: notise").replace("purpose: house", "purpose: House")
    write(workdir, text)
    lines = problem_lines(cli("rules", "validate", "rule.yaml"))
    purpose = "rule.yaml:4:10: purpose: 'House' is not one of statutory, reader-safety, house (did you mean 'house'?)"
    assert purpose in lines
    assert any(line.startswith("rule.yaml:9:9:") and "did you mean 'notice'" in line for line in lines)


def test_unknown_list_is_one_line_with_a_did_you_mean(cli, workdir):
    write(workdir, RULE.replace("check:\n", "applies:\n  publisher_on: [ru.undesirabel]\ncheck:\n"))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    assert problem_lines(run) == [
        "rule.yaml:9:18: rule house.sign-off: unknown list 'ru.undesirabel' (did you mean 'ru.undesirable'?)"
    ]


def test_catastrophic_regex_is_one_line_and_exit_2(cli, workdir):
    write(workdir, RULE.replace("phrases: [the end]", "patterns: ['(the end+)+$']"))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    [line] = problem_lines(run)
    assert line.startswith("rule.yaml:13:18: rule house.sign-off: catastrophic regular expression")
    assert "'(the end+)+'" in line


@pytest.mark.parametrize(
    ("pattern", "words"),
    [("(?<=a)b", "look-ahead and look-behind are not supported"), ("(a)\\\\1", "back-references"), ("\\\\bend", "\\b")],
)
def test_unsafe_regex_says_what_to_do_instead(cli, workdir, pattern, words):
    write(workdir, RULE.replace("phrases: [the end]", f'patterns: ["{pattern}"]'))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    [line] = problem_lines(run)
    assert line.startswith("rule.yaml:13:") and words in line


def test_codes_that_are_not_real_are_refused_with_the_real_one(cli, workdir):
    write(workdir, RULE.replace("check:\n", "applies:\n  regions: [GE, UK]\n  lang: [ua]\ncheck:\n"))
    lines = problem_lines(cli("rules", "validate", "rule.yaml"))
    assert any(line.startswith("rule.yaml:9:17:") and "did you mean 'GB', United Kingdom?" in line for line in lines)
    assert any(line.startswith("rule.yaml:10:10:") and "did you mean 'uk', Ukrainian?" in line for line in lines)
    lower = RULE.replace("jurisdiction: GE", "jurisdiction: ge")
    write(workdir, lower)
    assert problem_lines(cli("rules", "validate", "rule.yaml")) == [
        "rule.yaml:3:15: jurisdiction: 'ge' must be written in capitals: 'GE'"
    ]


def test_conditions_that_can_never_hold_are_reported(cli, workdir):
    text = RULE.replace(
        "    - name: sign-off\n      phrases: [the end]\n",
        "    - name: sign-off\n      phrases: [the end]\n    - name: empty\n    - name: who\n      subject: true\n",
    ).replace("examples:", "effective: {from: 2026-01-01, to: 2025-01-01}\nexamples:")
    write(workdir, text)
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    out = run.stdout
    assert "notice element 'empty' has no phrases, patterns or subject: it can never be found" in out
    assert "element 'who' is found by the subject's name, but the rule has no applies.publisher_on" in out
    assert "effective.to (2025-01-01) is before effective.from (2026-01-01): the rule would never apply" in out


FLAG_RULE = """\
id: house.donations
title: Donation calls
jurisdiction: RU
purpose: house
severity: warning
law:
  - {title: House style guide, url: https://example.org/style}
APPLIES
check:
  kind: flag
  calls: [{lexicon: donation_calls}]
examples:
  - name: a call
    context: {publisher: Meduza, regions: [RU]}
    text: "News\\n\\nSupport us today."
    expect: {status: flagged, flags: 1}
"""


def test_lexicon_calls_that_name_the_publisher_need_a_publisher_list(cli, workdir):
    write(workdir, FLAG_RULE.replace("APPLIES\n", ""))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    assert "call 'support the outlet' asks for {publisher}, but the rule has no applies.publisher_on" in run.stdout
    write(workdir, FLAG_RULE.replace("APPLIES", "applies:\n  publisher_on: [ru.undesirable]"))
    assert cli("rules", "validate", "rule.yaml").exit_code == 0
    assert cli("rules", "test", "rule.yaml").exit_code == 0


def test_a_list_of_another_jurisdiction_is_not_an_error(cli, workdir):
    # A publisher on Russia's registry may well be bound by US law: that can hold.
    applies = "applies:\n  jurisdictions: [US]\n  publisher_on: [ru.foreign-agents]\n"
    write(workdir, RULE.replace("check:\n", applies + "check:\n"))
    assert cli("rules", "validate", "rule.yaml").exit_code == 0


def test_a_date_that_does_not_exist_is_a_schema_error_not_a_crash(cli, workdir):
    write(workdir, RULE.replace("examples:", "reviewed: {by: Legal, date: 2025-02-30}\nexamples:"))
    run = cli("rules", "validate", "rule.yaml")
    assert run.exit_code == 2
    assert problem_lines(run) == ["rule.yaml:14:29: reviewed.date: '2025-02-30' is not a date (write YYYY-MM-DD)"]


def test_an_example_that_can_never_pass_is_reported(cli, workdir):
    write(workdir, RULE.replace("expect: {status: missing}", "expect: {status: flagged}"))
    [line] = problem_lines(cli("rules", "validate", "rule.yaml"))
    assert "a notice rule never reports 'flagged'" in line


def test_a_key_written_twice_is_reported(cli, workdir):
    write(workdir, RULE.replace("      phrases: [the end]", "      phrases: [the end]\n      phrases: [fin]"))
    [line] = problem_lines(cli("rules", "validate", "rule.yaml"))
    assert line == "rule.yaml:14:7: key 'phrases' is written twice here; YAML keeps only the last one"


def test_duplicate_rule_ids_and_a_clash_with_a_bundled_id(cli, workdir):
    write(workdir, RULE, "a.yaml")
    write(workdir, RULE, "b.yaml")
    write(workdir, RULE.replace("house.sign-off", "ru.undesirable.reader-warning"), "c.yaml")
    out = cli("rules", "validate", ".").stdout
    assert "b.yaml:1:5: rule house.sign-off: duplicate rule id, first defined in" in out
    assert "c.yaml:1:5: rule ru.undesirable.reader-warning: duplicate rule id" in out


def test_validate_without_paths_checks_the_configured_rules(cli, workdir):
    write(workdir, RULE.replace("severity: warning", "severity: loud"), "house/rule.yaml")
    write(workdir, "rules: [house]\n", "checker.yaml")
    run = cli("rules", "validate")
    assert run.exit_code == 2
    assert run.stdout.startswith("house/rule.yaml:5:11: severity: 'loud'")


# -- test ------------------------------------------------------------------------------------


def test_bundled_examples_pass_through_the_command_line(cli):
    run = cli("rules", "test")
    assert run.exit_code == 0, run.stdout
    assert "0 failed" in run.stdout and "FAIL" not in run.stdout


def test_a_wrong_example_fails_with_a_readable_diff(cli, workdir):
    write(workdir, RULE.replace("expect: {status: missing}", "expect: {status: present}"))
    run = cli("rules", "test", "rule.yaml")
    assert run.exit_code == 1
    assert run.stdout.splitlines()[:5] == [
        "FAIL rule.yaml:23: house.sign-off, example 2 (unsigned)",
        "     expected status: present",
        "     found status:    missing",
        "     the rule reported:",
        "       Sign-off at the end: missing: it must stand at the end of the article (footer)",
    ]
    assert run.stdout.splitlines()[-1] == "2 examples in 1 rule: 1 passed, 1 failed"


def test_mention_expectations_are_diffed_line_by_line(cli, workdir):
    write(workdir, """\
        id: house.agents
        title: Agents labelled
        jurisdiction: RU
        purpose: house
        severity: info
        law: [{title: House style}]
        check:
          kind: mention-label
          lists: [ru.foreign-agents]
          labels: {phrases: [иноагент*]}
          label_once: mention
        examples:
          - context: {as_of: 2026-11-27}
            text: |
              Концерт Максима Галкина (иноагент) прошел в Риге.

              Зрители аплодировали Максиму Галкину.
            expect:
              mentions:
                - {text: Максима Галкина, status: present}
                - {text: Максиму Галкину, status: present}
    """)
    run = cli("rules", "test", "rule.yaml")
    assert run.exit_code == 1
    assert "\n".join([
        "     mentions (- expected but not found, + found but not expected):",
        "         Максима Галкина: present",
        "       - Максиму Галкину: present",
        "       + Максиму Галкину: missing",
    ]) in run.stdout
    assert "note: house.agents: no example of an article that passes" not in run.stdout


def test_an_example_the_rule_does_not_apply_to_says_why(cli, workdir):
    text = RULE.replace("check:\n", "applies: {regions: [GE]}\ncheck:\n")
    write(workdir, text)
    run = cli("rules", "test", "rule.yaml")
    assert run.exit_code == 1
    assert "the rule did not apply: the audience regions (none given) include none of GE" in run.stdout


def test_a_rule_without_a_failing_example_gets_a_note(cli, workdir):
    write(workdir, RULE[: RULE.index("  - name: unsigned")])
    run = cli("rules", "test", "rule.yaml")
    assert run.exit_code == 0
    assert "note: house.sign-off: no example of an article that fails (missing, malformed or flagged)" in run.stdout


def test_test_refuses_invalid_rules_with_exit_2(cli, workdir):
    write(workdir, RULE.replace("severity: warning", "severity: loud"))
    run = cli("rules", "test", "rule.yaml")
    assert run.exit_code == 2
    assert "rule.yaml:5:11:" in run.stderr


# -- list, show, docs --------------------------------------------------------------------------


def test_list_filters_by_jurisdiction_and_speaks_json(cli):
    run = cli("rules", "list", "--jurisdiction", "us")
    assert run.exit_code == 0
    [line] = run.stdout.splitlines()
    assert line.split()[:4] == ["us.fara.conspicuous-statement", "US", "statutory", "error"]
    rows = cli("rules", "list", "--format", "json").json
    assert len(rows) == 18
    assert set(rows[0]) >= {"id", "jurisdiction", "purpose", "severity", "title"}


def test_list_shows_configured_severity_and_disabled_rules(cli, workdir):
    write(workdir, "disable: [ru.undesirable.donation-cta]\nseverity: {us.fara.conspicuous-statement: info}\n",
          "checker.yaml")
    out = cli("rules", "list").stdout
    assert "ru.undesirable.donation-cta" in out and "(disabled)" in out
    assert [line for line in out.splitlines() if line.startswith("us.fara")][0].split()[3] == "info"


def test_show_explains_a_rule_in_plain_language(cli):
    run = cli("rules", "show", "ru.undesirable.reader-warning")
    assert run.exit_code == 0
    out = run.stdout
    for heading in ("When it applies", "What it looks for", "The law", "Review", "Examples"):
        assert f"\n{heading}" in out
    assert "the audience includes Russia (RU)" in out
    assert "https://en.zona.media/article/2024/04/26/undesirable" in out
    assert "placed anywhere visible" in out
    assert "The RFE/RL footer in English: expects present" in out


def test_show_an_unknown_rule_suggests_the_right_id(cli):
    run = cli("rules", "show", "ru.undesirable.reader-warnings")
    assert run.exit_code == 2
    assert "did you mean 'ru.undesirable.reader-warning'?" in run.stderr


def test_docs_writes_a_catalogue_of_rules_and_lists(cli, workdir):
    run = cli("rules", "docs", "-o", "catalogue.md", "--as-of", "2026-11-27")
    assert run.exit_code == 0
    text = (workdir / "catalogue.md").read_text(encoding="utf-8")
    assert text.startswith("# Rule catalogue")
    assert "### ru.foreign-agent.self-label" in text
    assert "[Federal Law No. 255-FZ of 14 Jul 2022" in text
    lists = text[text.index("## Designation lists"):]
    row = next(line for line in lists.splitlines() if line.startswith("| `ru.undesirable`"))
    assert "Ministry of Justice" in row and "minjust.gov.ru" in row and "active" in row


# -- schema, stale --------------------------------------------------------------------------


def test_schema_prints_the_rule_and_list_schemas(cli, workdir):
    rule = json.loads(cli("rules", "schema").stdout)
    assert rule["title"] == "checker rule" and "reviewed" in rule["properties"]
    assert json.loads(cli("rules", "schema", "--list").stdout)["title"] == "checker designation list"
    assert cli("rules", "schema", "-o", "rule.schema.json").exit_code == 0
    assert json.loads((workdir / "rule.schema.json").read_text(encoding="utf-8")) == rule


def test_stale_lists_rules_never_reviewed_and_reviewed_long_ago(cli, workdir):
    write(workdir, RULE, "never.yaml")
    write(workdir, RULE.replace("house.sign-off", "house.old").replace(
        "examples:", "reviewed: {by: Ann Lawyer, date: 2025-01-10}\nexamples:"), "old.yaml")
    run = cli("rules", "stale", "--older-than", "180d", "--as-of", "2026-11-27", "--no-default-rules", "--rules", ".")
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        "house.sign-off  never reviewed",
        "house.old       reviewed 2025-01-10 by Ann Lawyer (686 days ago)",
        "2 rules need review: not reviewed within 180 days of 2026-11-27",
    ]
    assert cli("rules", "stale", "--older-than", "2y", "--as-of", "2026-11-27", "--no-default-rules",
               "--rules", "old.yaml").exit_code == 0


def test_bundled_rules_are_reviewed(cli):
    run = cli("rules", "stale", "--older-than", "180d", "--as-of", "2026-11-27")
    assert run.exit_code == 0, run.stdout
    assert cli("rules", "stale", "--older-than", "1y", "--as-of", "2028-01-01").exit_code == 1


def test_stale_refuses_an_age_it_cannot_read(cli):
    run = cli("rules", "stale", "--older-than", "six months")
    assert run.exit_code == 2
    assert "write a number of days (180d), weeks (26w) or years (1y)" in run.stderr


def test_every_schema_field_has_a_description():
    for name in ("rule", "list"):
        schema = json.loads((ROOT / "checker" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        missing = list(_undescribed(schema, schema, name))
        assert not missing, missing


def _undescribed(node, schema, path):
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _undescribed(item, schema, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "if":  # conditions, not fields
            continue
        if key == "properties":
            for field, spec in value.items():
                target = spec
                while "description" not in target and "$ref" in target:
                    target = schema["$defs"][target["$ref"].rsplit("/", 1)[1]]
                if "description" not in target:
                    yield f"{path}.{field}"
        yield from _undescribed(value, schema, f"{path}/{key}")
