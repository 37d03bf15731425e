"""Rule governance: effective dates decide whether a rule applies on the check date, a newer rule
replaces the one it supersedes, and ages of reviews are read as people write them."""

from __future__ import annotations

from datetime import date

import pytest

from checker.authoring.governance import due_for_review, parse_age
from checker.rulepack.pack import load_rulepack

OLD = """\
id: house.sign-off
title: Old sign-off
jurisdiction: GE
purpose: house
severity: warning
law: [{title: House style}]
effective: {to: 2025-12-31}
check:
  kind: notice
  elements: [{name: sign-off, phrases: [the end]}]
examples:
  - name: before the change
    context: {as_of: 2025-06-01}
    text: No sign-off.
    expect: {status: missing}
  - name: after the change the old rule no longer applies
    context: {as_of: 2026-06-01}
    text: No sign-off.
    expect: {status: not-applicable}
"""
NEW = """\
id: house.sign-off-2026
title: New sign-off
jurisdiction: GE
purpose: house
severity: warning
law: [{title: House style 2026}]
effective: {from: 2026-01-01}
supersedes: [house.sign-off]
reviewed: {by: Ann Lawyer, date: 2026-01-05}
check:
  kind: notice
  elements: [{name: sign-off, phrases: [fin]}]
"""


@pytest.fixture
def house(tmp_path):
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    return tmp_path


def rules_applied(cli, folder, article, on):
    run = cli("check", "--no-default-rules", "--rules", str(folder), "--as-of", on, "--format", "json", str(article))
    return run.json["documents"][0]["rules_applied"]


def test_each_rule_applies_only_within_its_effective_dates(cli, house):
    article = house / "a.txt"
    article.write_text("No sign-off.\n", encoding="utf-8")
    assert rules_applied(cli, house, article, "2025-12-31") == ["house.sign-off"]
    assert rules_applied(cli, house, article, "2026-01-01") == ["house.sign-off-2026"]


def test_a_superseded_rule_stops_applying_while_its_successor_is_in_effect(cli, tmp_path):
    (tmp_path / "old.yaml").write_text(OLD.replace("effective: {to: 2025-12-31}\n", ""), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("No sign-off.\n", encoding="utf-8")
    assert rules_applied(cli, tmp_path, article, "2025-06-01") == ["house.sign-off"]
    assert rules_applied(cli, tmp_path, article, "2026-06-01") == ["house.sign-off-2026"]


def test_examples_can_show_the_effective_window(cli, house):
    run = cli("rules", "test", "--no-default-rules", str(house))
    assert run.exit_code == 0, run.stdout


def test_rules_supersede_each_other_is_an_error(cli, tmp_path):
    (tmp_path / "old.yaml").write_text(OLD.replace("effective:", "supersedes: [house.sign-off-2026]\neffective:"),
                                       encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    run = cli("rules", "validate", "--no-default-rules", str(tmp_path))
    assert run.exit_code == 2
    assert "also supersedes" in run.stdout


def test_review_dates_are_loaded_and_aged(house):
    pack = load_rulepack([house], include_default=False)
    rules = [c.rule for c in pack.rules]
    due = due_for_review(rules, 180, date(2026, 11, 27))
    assert [(d.rule.id, d.age) for d in due] == [("house.sign-off", None), ("house.sign-off-2026", 326)]
    assert [d.rule.id for d in due_for_review(rules, 400, date(2026, 11, 27))] == ["house.sign-off"]


@pytest.mark.parametrize(("text", "days"), [("180d", 180), ("26w", 182), ("1y", 365), ("90", 90), (" 2Y ", 730)])
def test_ages_read_as_people_write_them(text, days):
    assert parse_age(text) == days


def test_an_age_without_a_number_is_refused():
    with pytest.raises(ValueError, match="180d"):
        parse_age("half a year")
