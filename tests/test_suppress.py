"""Suppressions written in articles: they silence a rule only with a reason, stay in the report
as suppressed with that reason, never fail the run, and a bad one is itself reported."""

from __future__ import annotations

import textwrap

import pytest

from checker.documents import load_bytes
from checker.engine import check_document

REASON = "Warning is in the site-wide footer; approved by Legal, LEG-7"
STORY = """\
<h1>Volunteers Map Flooded Villages</h1>
{top}<p>Volunteers have mapped more than forty flooded villages.</p>
{next}<p>Independent journalism needs you. <a href="https://www.patreon.com/x">Donate now</a></p>
<p>Or <a href="https://boosty.to/y">here</a>.</p>
"""


def article(tmp_path, top="", next_="", name="a.html", text=None):
    path = tmp_path / name
    path.write_text(text if text is not None else STORY.format(top=top, next=next_), encoding="utf-8")
    return str(path)


def check(cli, path, *extra):
    run = cli("check", "--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27", "--format", "json",
              *extra, path)
    return run, run.json["documents"][0]


def by_rule(doc, rule):
    return [r for r in doc["notices"] + doc["flags"] if r["rule"] == rule]


def test_without_suppression_the_article_fails(cli, tmp_path):
    run, doc = check(cli, article(tmp_path))
    assert run.exit_code == 1
    assert by_rule(doc, "ru.undesirable.reader-warning")[0]["status"] == "missing"


def test_a_document_suppression_silences_the_rule_but_keeps_the_result(cli, tmp_path):
    top = f'<!-- checker: disable ru.undesirable.reader-warning reason="{REASON}" -->\n'
    run, doc = check(cli, article(tmp_path, top=top))
    [warning] = by_rule(doc, "ru.undesirable.reader-warning")
    assert warning["status"] == "suppressed"
    assert warning["suppression"]["reason"] == REASON
    assert set(warning) >= {"rule", "severity", "subject", "text", "message", "location", "law"}
    assert run.json["summary"]["suppressed"] == 1
    assert run.json["summary"]["missing"] == 0
    # The donation calls are still flagged: the run still fails, for them only.
    assert {f["status"] for f in by_rule(doc, "ru.undesirable.donation-cta")} == {"flagged"}
    assert run.exit_code == 1


def test_suppressing_every_problem_passes_the_run(cli, tmp_path):
    top = (f'<!-- checker: disable ru.undesirable.reader-warning reason="{REASON}" -->\n'
           '<!-- checker: disable ru.undesirable.donation-cta, ru.undesirable.material-link reason="EU edition" -->\n')
    run, doc = check(cli, article(tmp_path, top=top))
    assert run.exit_code == 0
    statuses = {r["status"] for r in doc["notices"] + doc["flags"]}
    assert statuses == {"suppressed"}


def test_disable_next_silences_only_the_next_block(cli, tmp_path):
    next_ = '<!-- checker: disable-next ru.undesirable.donation-cta reason="Fundraiser shown outside Russia" -->\n'
    run, doc = check(cli, article(tmp_path, next_=next_))
    flags = {(f["location"]["line"], f["status"]) for f in by_rule(doc, "ru.undesirable.donation-cta")}
    lines = {line for line, _ in flags}
    next_block, later = min(lines), max(lines)
    assert {s for line, s in flags if line == next_block} == {"suppressed"}
    assert {s for line, s in flags if line == later} == {"flagged"}
    assert run.exit_code == 1


def test_a_suppression_without_reason_suppresses_nothing_and_is_an_error(cli, tmp_path):
    top = "<!-- checker: disable ru.undesirable.reader-warning -->\n"
    run, doc = check(cli, article(tmp_path, top=top))
    assert by_rule(doc, "ru.undesirable.reader-warning")[0]["status"] == "missing"
    [problem] = by_rule(doc, "checker.suppression")
    assert problem["severity"] == "error" and problem["status"] == "flagged"
    assert problem["location"] == {"line": 2, "column": 6}
    assert "has no reason" in problem["message"] and 'reason="..."' in problem["message"]
    assert run.exit_code == 1


def test_a_bad_suppression_fails_the_run_even_when_nothing_else_does(cli, tmp_path):
    text = '<h1>News</h1>\n<p>Story.</p>\n<!-- checker: disable ru.undesirable.donation-cta reason="" -->\n'
    run = cli("check", "--format", "json", article(tmp_path, text=text))
    assert run.exit_code == 1
    assert [f["rule"] for f in run.json["documents"][0]["flags"]] == ["checker.suppression"]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ('checker: disable ru.undesirable.reader-warnin reason="x"',
         "unknown rule 'ru.undesirable.reader-warnin' (did you mean 'ru.undesirable.reader-warning'?)"),
        ('checker: disabel ru.undesirable.reader-warning reason="x"',
         "unknown suppression 'disabel' (did you mean 'disable'?)"),
        ("checker: disable ru.undesirable.reader-warning reason=unquoted", "write the reason in double quotes"),
        ('checker: disable reason="x"', "suppression names no rule"),
    ],
)
def test_mistakes_in_suppressions_are_reported_plainly(cli, tmp_path, comment, message):
    run, doc = check(cli, article(tmp_path, top=f"<!-- {comment} -->\n"))
    [problem] = by_rule(doc, "checker.suppression")
    assert message in problem["message"]
    assert by_rule(doc, "ru.undesirable.reader-warning")[0]["status"] == "missing"


def test_ordinary_comments_are_not_suppressions(cli, tmp_path):
    run, doc = check(cli, article(tmp_path, top="<!-- checked by the night editor -->\n"))
    assert not by_rule(doc, "checker.suppression")


def test_a_disabled_rule_may_be_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.yaml").write_text("disable: [ru.undesirable.donation-cta]\n", encoding="utf-8")
    top = '<!-- checker: disable ru.undesirable.donation-cta reason="Kept for other sites" -->\n'
    run, doc = check(cli, article(tmp_path, top=top))
    assert not by_rule(doc, "checker.suppression")


def test_present_results_are_not_marked_suppressed(pack, ctx):
    html = (
        f'<h1>Talks</h1><!-- checker: disable ru.undesirable.reader-warning reason="{REASON}" -->'
        "<p>Story.</p><footer><p>RFE/RL has been declared an \"undesirable organization\". If you are in Russia, "
        "you could face fines or imprisonment for sharing our content.</p></footer>"
    )
    report = check_document(load_bytes(html.encode(), "a.html"), pack, ctx(publisher="RFE/RL", regions=("RU",)))
    [warning] = [r for r in report.results if r.rule == "ru.undesirable.reader-warning"]
    assert warning.status == "present" and warning.suppressed is None


def test_the_report_model_keeps_the_original_status_and_where_it_was_silenced(pack, ctx):
    html = f'<h1>Talks</h1>\n<p>Story.</p>\n<!-- checker: disable ru.undesirable.reader-warning reason="{REASON}" -->\n'
    report = check_document(load_bytes(html.encode(), "a.html"), pack, ctx(publisher="RFE/RL", regions=("RU",)))
    [warning] = [r for r in report.results if r.rule == "ru.undesirable.reader-warning"]
    assert warning.status == "suppressed"
    record = warning.suppressed
    assert (record.reason, record.status, record.scope) == (REASON, "missing", "document")
    assert (warning.suppressed.location.line, warning.suppressed.location.column) == (3, 6)
    assert not report.fails("info")


def test_markdown_uses_the_same_comment(pack, ctx):
    text = textwrap.dedent(f"""\
        # Talks

        <!-- checker: disable ru.undesirable.reader-warning reason="{REASON}" -->

        Story.
    """)
    doc = load_bytes(text.encode(), "a.md", "markdown")
    report = check_document(doc, pack, ctx(publisher="RFE/RL", regions=("RU",)))
    [warning] = [r for r in report.results if r.rule == "ru.undesirable.reader-warning"]
    assert warning.status == "suppressed" and warning.suppressed.location.line == 3


def test_plain_text_takes_a_directive_line_which_is_not_article_text(pack, ctx):
    # The directive on the first line must not become the article's headline: the label rule
    # looks for its notice right under the headline.
    label = ("НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ АГЕНТОМ "
             "ПИВОВАРОВЫМ АЛЕКСЕЕМ ВЛАДИМИРОВИЧЕМ")
    text = (f'checker: disable ru.foreign-agent.mention-status reason="{REASON}"\n\n'
            f"Как устроена экономика войны\n\n{label}\n\nТекст выпуска.\n")
    report = check_document(load_bytes(text.encode(), "a.txt", "text"), pack,
                            ctx(publisher="Алексей Пивоваров", jurisdictions=("RU",)))
    [label_result] = [r for r in report.results if r.rule == "ru.foreign-agent.self-label"]
    assert label_result.status == "present"
    assert not [r for r in report.results if r.rule == "checker.suppression"]


def test_plain_text_directive_for_the_next_paragraph(pack, ctx):
    text = ("Talks\n\nStory.\n\n"
            'checker: disable-next ru.undesirable.donation-cta reason="Shown outside Russia only"\n'
            "Donate now: https://www.patreon.com/x\n\nSupport us here.\n")
    report = check_document(load_bytes(text.encode(), "a.txt", "text"), pack, ctx(publisher="RFE/RL", regions=("RU",)))
    flags = [(r.location.line, r.status) for r in report.results if r.rule == "ru.undesirable.donation-cta"]
    assert {s for line, s in flags if line == 6} == {"suppressed"}  # the paragraph under the directive
    assert {s for line, s in flags if line == 8} == {"flagged"}  # the one after it
