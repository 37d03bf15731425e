"""Every bundled rule carries its legal basis and examples, and every example holds."""

from __future__ import annotations

import pytest

from checker.authoring.examples import run_examples
from checker.rulepack.pack import load_rulepack

PACK = load_rulepack()
OUTCOMES = run_examples(PACK)
FAILING_STATUSES = ("missing", "malformed", "flagged")


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: f"{o.rule}#{o.index + 1}")
def test_example(outcome):
    assert outcome.passed, f"{outcome.where}: {outcome.name}: expected {outcome.expected}, found {outcome.found}"


@pytest.mark.parametrize("compiled", PACK.rules, ids=lambda c: c.rule.id)
def test_rule_has_law_with_sources(compiled):
    rule = compiled.rule
    assert rule.law and all(c.url and c.url.startswith("http") for c in rule.law)
    assert rule.description


@pytest.mark.parametrize("compiled", PACK.rules, ids=lambda c: c.rule.id)
def test_rule_has_a_passing_and_a_failing_example(compiled):
    expectations = [e["expect"] for e in compiled.rule.examples]
    statuses = {e.get("status") for e in expectations} | {
        m["status"] for e in expectations for m in e.get("mentions", ())
    }
    assert statuses & {"present", "clean", "not-applicable"} or any(e.get("mentions") == [] for e in expectations)
    assert statuses & {*FAILING_STATUSES}


def test_the_nine_default_rule_ids_are_shipped():
    assert {c.rule.id for c in PACK.rules} >= {
        "ru.undesirable.reader-warning",
        "ru.undesirable.donation-cta",
        "ru.undesirable.material-link",
        "ru.foreign-agent.self-label",
        "ru.foreign-agent.mention-status",
        "ru.banned-org.mention-label",
        "by.extremist.reader-warning",
        "us.fara.conspicuous-statement",
        "eu.sanctions.annex-xv-embed",
    }


def test_a_wrong_example_is_reported_with_what_was_expected_and_found(tmp_path):
    rule = tmp_path / "rule.yaml"
    rule.write_text(
        """\
id: house.sign-off
title: Sign-off
jurisdiction: RU
purpose: house
severity: info
law: [{title: House style, url: https://example.org}]
check: {kind: notice, elements: [{name: sign-off, phrases: [the end]}]}
examples:
  - name: claims present but is not
    text: Nothing here.
    expect: {status: present}
""",
        encoding="utf-8",
    )
    pack = load_rulepack([rule], include_default=False)
    [outcome] = run_examples(pack)
    assert not outcome.passed
    assert outcome.expected == "status present"
    assert outcome.found == "status missing"
    assert outcome.where == f"{rule}:9"
