"""The pytest plugin as a publishing team uses it, run by pytest's own `pytester` on the example
publishing repository in examples/publishing-site."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest
from conftest import ROOT

pytest_plugins = ["pytester"]

SITE = ROOT / "examples" / "publishing-site"
AS_OF = "--checker-as-of=2026-11-27"
FAILING = {
    "content/briefs/2026-11-heating.txt::checker",
    "content/news/2026-11-school-budgets.md::checker",
    "content/news/2026-11-support-us.html::checker",
}
PASSING = {
    "content/news/2026-11-court-fines.md::checker",
    "content/news/2026-11-river-ice.html::checker",
    "tests/test_templates.py::test_the_article_template_carries_the_reader_warning",
}


@pytest.fixture
def site(pytester):
    shutil.copytree(SITE, pytester.path, dirs_exist_ok=True)
    return pytester


def outcomes(result) -> tuple[set[str], set[str]]:
    passed, failed = set(), set()
    for rep in result.reprec.getreports("pytest_runtest_logreport"):
        if rep.when == "call":
            (passed if rep.passed else failed).add(rep.nodeid)
    return passed, failed


def without_ini_paths(pytester) -> None:
    pyproject = pytester.path / "pyproject.toml"
    pyproject.write_text(re.sub(r"(?m)^checker_paths.*$", "", pyproject.read_text()))


def test_plain_pytest_fails_exactly_the_non_compliant_articles(site):
    result = site.runpytest(AS_OF)
    passed, failed = outcomes(result)
    assert failed == FAILING
    assert passed == PASSING
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    # Drafts are excluded by the configuration.
    assert "drafts" not in result.stdout.str()


def test_failure_text_reads_like_a_linter_without_a_traceback(site):
    result = site.runpytest(AS_OF, "-k", "school or heating or support")
    out = result.stdout.str()
    result.stdout.fnmatch_lines([
        "*checker: content/news/2026-11-school-budgets.md*",
        "1 problem(s) at or above warning: missing ru.undesirable.reader-warning at 6:3",
        "  6:3  MISSING   warning ru.undesirable.reader-warning",
        "       No reader warning: Meduza is an \"undesirable organization\" in Russia*",
        "       law: Federal Law No. 272-FZ of 28 Dec 2012, art. 3.1*<https://en.wikipedia.org/wiki/*>",
    ])
    result.stdout.fnmatch_lines([
        "  6:1  MALFORMED warning ru.undesirable.reader-warning",
        "*incomplete: lacks risky acts, consequence",
        "       found: 'Meduza has been declared an \"undesirable organization\"*",
    ])
    result.stdout.fnmatch_lines(["  13:78  FLAGGED   warning ru.undesirable.donation-cta", "*found: 'Support us'"])
    assert "Traceback" not in out and "pytest_plugin.py" not in out and "def runtest" not in out
    result.stdout.fnmatch_lines(["*checker warnings*", "warning: list ru.undesirable is stale: retrieved *"])


def test_checker_option_with_paths(site):
    without_ini_paths(site)
    assert outcomes(site.runpytest(AS_OF)) == (
        {"tests/test_templates.py::test_the_article_template_carries_the_reader_warning"}, set(),
    )
    passed, failed = outcomes(site.runpytest(AS_OF, "--checker", "content/news"))
    assert failed == FAILING - {"content/briefs/2026-11-heating.txt::checker"}
    assert passed == {"content/news/2026-11-court-fines.md::checker", "content/news/2026-11-river-ice.html::checker"}
    passed, failed = outcomes(site.runpytest(AS_OF, "--checker", "content/briefs/2026-11-heating.txt"))
    assert (passed, failed) == (set(), {"content/briefs/2026-11-heating.txt::checker"})


def test_the_plugin_does_nothing_unless_asked(pytester):
    (pytester.path / "README.md").write_text("# A project\n\nRFE/RL reported. [Donate](https://www.rferl.org/donate)\n")
    (pytester.path / "page.html").write_text("<p>Donate now</p>")
    pytester.makepyfile(test_one="def test_one():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    assert "checker:" not in result.stdout.str()


def test_command_line_and_ini_override_the_configuration(site):
    # For an audience in Belarus, no Russian rule applies: every article passes.
    passed, failed = outcomes(site.runpytest(AS_OF, "--checker-region", "BY"))
    assert failed == set() and passed >= FAILING
    # Before Meduza was declared undesirable (26 Jan 2023), nothing was required.
    passed, failed = outcomes(site.runpytest("--checker-as-of=2022-06-01"))
    assert passed >= FAILING
    # An ini option overrides [tool.checker] too; the command line overrides the ini.
    pyproject = site.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'checker_regions = "BY"\n')
    assert outcomes(site.runpytest(AS_OF))[1] == set()
    assert outcomes(site.runpytest(AS_OF, "--checker-region", "RU"))[1] == FAILING
    # The failing level: at error, the warnings these articles have pass.
    assert outcomes(site.runpytest(AS_OF, "--checker-region", "RU", "--checker-fail-on", "error"))[1] == set()


def test_report_header_names_the_context(site):
    result = site.runpytest(AS_OF, "--co")
    result.stdout.fnmatch_lines(["checker: config */pyproject.toml; publisher Meduza; regions RU;*as of 2026-11-27*"])


def test_keyword_exitfirst_and_last_failed(site):
    result = site.runpytest(AS_OF, "-k", "school")
    assert outcomes(result) == (set(), {"content/news/2026-11-school-budgets.md::checker"})
    result.assert_outcomes(failed=1, deselected=5)
    result = site.runpytest(AS_OF, "-x")
    assert len(outcomes(result)[1]) == 1
    site.runpytest(AS_OF)
    result = site.runpytest(AS_OF, "--lf")
    passed, failed = outcomes(result)
    assert failed == FAILING and passed == set()


def test_xdist_spreads_articles_over_workers(site):
    result = site.runpytest_subprocess(AS_OF, "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=3)
    out = result.stdout.str()
    for nodeid in FAILING:
        assert f"FAILED {nodeid}" in out
    assert "created: 2/2 workers" in out


def test_the_rule_pack_is_loaded_once_per_session(site):
    site.makeconftest(
        """
        import checker.rulepack.pack

        calls = []
        _load = checker.rulepack.pack.load_rulepack

        def counting(*args, **kwargs):
            calls.append(1)
            return _load(*args, **kwargs)

        checker.rulepack.pack.load_rulepack = counting

        def pytest_sessionfinish(session):
            with open("loads.txt", "w") as out:
                out.write(str(len(calls)))
        """
    )
    site.runpytest_subprocess(AS_OF, "-p", "no:cacheprovider")
    assert (site.path / "loads.txt").read_text() == "1"


def test_checker_fixture_checks_strings_and_paths(site):
    site.makepyfile(
        test_fixture=textwrap.dedent(
            """
            from datetime import date

            def test_html_string(checker):
                report = checker.check_html(
                    '<h1>Title</h1><p>Text. <a href="https://meduza.io/donate">Support us</a></p>',
                    publisher="Meduza", regions=["RU"], as_of="2026-11-27",
                )
                statuses = sorted((r.rule, r.status) for r in report.results)
                assert statuses == [
                    ("ru.undesirable.donation-cta", "flagged"),  # the call and its link: one
                    ("ru.undesirable.reader-warning", "missing"),
                ]
                assert len(checker.problems(report)) == 2
                assert "missing ru.undesirable.reader-warning" in checker.describe(report)

            def test_markdown_and_the_session_context(checker):
                # publisher and regions come from [tool.checker]
                report = checker.check_markdown("# Title\\n\\nNo warning here.\\n", as_of=date(2026, 11, 27))
                assert [r.status for r in report.results] == ["missing"]
                assert report.context.publisher == "Meduza"

            def test_a_folder(checker):
                report = checker.check("content/news", as_of="2026-11-27")
                assert len(report.documents) == 4
                assert sum(d.fails() for d in report.documents) == 2

            def test_one_file(checker):
                doc = checker.check_file("content/news/2026-11-river-ice.html", as_of="2026-11-27")
                assert doc.path == "content/news/2026-11-river-ice.html" and not checker.problems(doc)
            """
        )
    )
    without_ini_paths(site)
    site.runpytest("test_fixture.py").assert_outcomes(passed=4)


def test_configuration_errors_are_usage_errors(site):
    pyproject = site.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('publisher = "Meduza"', 'publisher = "Meduza"\ncolour = "red"'))
    result = site.runpytest(AS_OF)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*checker configuration:*unknown configuration key 'colour'*"])


RULE = """\
id: house.corrections-link
title: Link to the corrections policy
description: Every article tells readers how to report an error.
jurisdiction: GB
purpose: house
severity: warning
law:
  - title: Editorial code, section 4 (corrections)
    url: https://example.org/editorial-code#corrections
check:
  kind: notice
  placement: anywhere
  elements:
    - name: corrections
      phrases: [corrections policy, report an error]
examples:
  - name: The link is there
    text: "Spotted a mistake? Read our corrections policy."
    expect: {status: present}
  - name: Written with the wrong expectation
    text: "A story without the notice."
    expect: {status: present}
"""


def test_rule_examples_as_items(pytester):
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "corrections.yaml").write_text(RULE)
    (pytester.path / "checker.yaml").write_text("rules: [rules]\n")
    result = pytester.runpytest("--checker-rules")
    passed, failed = outcomes(result)
    assert passed == {"rules/corrections.yaml::house.corrections-link::The link is there"}
    assert failed == {"rules/corrections.yaml::house.corrections-link::Written with the wrong expectation"}
    result.stdout.fnmatch_lines([
        "*rules/corrections.yaml:*: example 'Written with the wrong expectation' of rule house.corrections-link",
        "  expected: status present",
        "  found:    status missing",
    ])
    assert "Traceback" not in result.stdout.str()
    # An ini switch does the same for a plain `pytest`.
    (pytester.path / "pytest.ini").write_text("[pytest]\nchecker_rules = true\n")
    assert len(outcomes(pytester.runpytest())[1]) == 1
