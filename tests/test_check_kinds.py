"""Each check kind is one module: the rule schema agrees with what the modules declare."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from checker import check_document
from checker.checks import KINDS, flag
from checker.checks.notice import PLACEMENT_WORDS
from checker.context import Context
from checker.documents import load_bytes
from checker.report import Section, Severity, Status
from checker.rulepack.pack import load_rulepack
from checker.schema import load_schema

SCHEMA = load_schema("rule")


def _options(kind: str) -> dict[str, Any]:
    """The schema's properties for a kind's check, links' included for flag."""
    properties = dict(SCHEMA["$defs"][kind]["properties"])
    for nested in ("links", "unless_near"):
        properties.update(properties.get(nested, {}).get("properties", {}))
    return properties


def test_every_kind_in_the_schema_is_registered_and_every_registered_kind_is_in_the_schema():
    assert set(SCHEMA["$defs"]["check"]["properties"]["kind"]["enum"]) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_defaults_are_the_modules_defaults(kind):
    module, properties = KINDS[kind], _options(kind)
    assert kind == module.NAME
    for name, default in module.OPTIONS.items():
        assert properties[name]["default"] == default, name
        if isinstance(default, dict):
            nested = properties[name]["properties"]
            assert {key: nested[key]["default"] for key in nested} == default, name
    defaulted = {name for name, spec in properties.items() if "default" in spec}
    assert defaulted == set(module.OPTIONS)


def test_placements_in_the_schema_are_the_ones_the_notice_kind_describes():
    assert set(SCHEMA["$defs"]["notice"]["properties"]["placement"]["enum"]) == set(PLACEMENT_WORDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_kind_reports_in_one_section_with_a_default_message_per_status(kind):
    reporter = KINDS[kind].REPORTER
    assert isinstance(reporter.section, Section)
    assert reporter.messages and all(isinstance(status, Status) for status in reporter.messages)


def test_statuses_and_severities_are_the_words_of_the_yaml_and_the_json_report():
    assert Status.MISSING == "missing" and f"{Status.MISSING}" == "missing" and {"missing": 1}[Status.MISSING] == 1
    assert [s.value for s in Status if s.is_problem] == ["missing", "malformed", "flagged"]
    assert Severity.ERROR.at_least("warning") and not Severity.INFO.at_least(Severity.WARNING)
    assert set(SCHEMA["$defs"]["severity"]["enum"]) == {s.value for s in Severity}


def test_a_flag_rule_that_leaves_out_group_and_within_gets_the_declared_defaults(tmp_path):
    """A share row two blocks from its warning is near it by default; three blocks away it is not;
    and without `group` each button is its own result."""
    (tmp_path / "rules.yaml").write_text(
        "id: house.share\ntitle: Share\njurisdiction: RU\npurpose: house\nseverity: warning\n"
        "law: [{title: House handbook}]\n"
        "check: {kind: flag, hrefs: {sharing: true}, unless_near: {notice: ru.undesirable.reader-warning}}\n",
        encoding="utf-8",
    )
    pack = load_rulepack([tmp_path])
    [compiled] = [r for r in pack.rules if r.rule.id == "house.share"]
    assert compiled.check.unless_near.within == flag.OPTIONS["within"] == 2
    assert compiled.check.group is flag.OPTIONS["group"] is False
    assert compiled.check.unless_near.rule.id == "ru.undesirable.reader-warning"  # linked by the pack
    warning = ("<aside><p>«Медуза» признана в России «нежелательной организацией». Если вы находитесь в России, "
               "за репост вам грозит штраф.</p></aside>")
    row = '<p><a href="https://vk.com/share.php?u=x">VK</a> <a href="https://t.me/share/url?url=x">TG</a></p>'
    ctx = Context(publisher="Meduza", regions=("RU",), as_of=date(2026, 11, 30))
    for between, expected in [(1, 0), (2, 2)]:
        html = "<h1>Новости</h1>" + warning + "<p>Абзац.</p>" * between + row
        report = check_document(load_bytes(html.encode(), "a.html", "html"), pack, ctx)
        assert len([r for r in report.results if r.rule == "house.share"]) == expected, between
