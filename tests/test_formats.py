"""Report formats for CI as their consumers read them: SARIF against the official schema, JUnit
through an XML parser, GitHub workflow commands, a Markdown PR comment; several reports in one
run, files written whole, the closing summary line and the progress bar."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SAMPLES

from checker.engine import check_paths
from checker.formats import github, junit, markdown, sarif
from checker.formats import json as json_format
from checker.formats.output import OutputError, plan, write_atomic
from checker.report import Citation, DocumentReport, Location, Report, Result

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
CONTEXT = ("--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27")
SUPPRESSION = '<!-- checker: disable ru.undesirable.donation-cta reason="Legal approved, ticket LEG-12" -->'


def validate_sarif(data: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A working directory with articles under articles/ (as a CI checkout would have them)."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("rferl-no-warning.html", "rferl-article.html", "pivovarov-episode.md", "belsat-warning.html"):
        shutil.copy(SAMPLES / name, articles / name)
    html = (SAMPLES / "rferl-no-warning.html").read_text(encoding="utf-8")
    suppressed = html.replace('<div class="cta">', SUPPRESSION + '\n    <div class="cta">')
    (articles / "approved-donation.html").write_text(suppressed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def result(**fields) -> Result:
    values = dict(
        rule="test.rule", kind="notice", status="missing", severity="warning", subject="RFE/RL", text=None,
        message="a message", location=Location(3, 5), law=(Citation("Law 1", "https://example.org/law"),),
    )
    values.update(fields)
    return Result(**values)


def report_of(*results: Result, path: str = "a.html") -> Report:
    return Report(as_of=date(2026, 11, 27), documents=[DocumentReport(path, results=list(results))])


# --- SARIF -------------------------------------------------------------------------------------


def test_sarif_report_validates_against_the_official_schema(cli, site):
    (site / "articles" / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    run = cli("check", *CONTEXT, "--format", "sarif", "articles")
    assert run.exit_code == 2  # the unreadable photo
    data = json.loads(run.stdout)
    validate_sarif(data)
    [sarif_run] = data["runs"]
    assert data["version"] == "2.1.0"
    assert sarif_run["tool"]["driver"]["name"] == "checker"
    notes = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert any(n["level"] == "error" and n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               == "articles/photo.html" for n in notes)
    assert sarif_run["invocations"][0]["executionSuccessful"] is False


def test_sarif_rules_carry_their_help_and_law_links(cli, site):
    data = json.loads(cli("check", *CONTEXT, "--format", "sarif", "articles").stdout)
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["ru.undesirable.reader-warning"]
    assert rule["name"] == "RuUndesirableReaderWarning"
    assert rule["shortDescription"]["text"].startswith("Reader warning on a publisher Russia declared")
    assert "undesirable organizations" in rule["fullDescription"]["text"]
    assert rule["helpUri"] == "https://en.wikipedia.org/wiki/Russian_undesirable_organizations_law"
    assert "[Federal Law No. 272-FZ" in rule["help"]["markdown"]
    assert "](https://en.wikipedia.org/wiki/Russian_undesirable_organizations_law)" in rule["help"]["markdown"]
    assert "<https://tass.com/politics/1303247>" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert rules["ru.foreign-agent.self-label"]["defaultConfiguration"]["level"] == "error"


def test_sarif_results_name_rule_file_region_and_level(cli, site):
    data = json.loads(cli("check", *CONTEXT, "--format", "sarif", "articles").stdout)
    sarif_run = data["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    found = {}
    for r in sarif_run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        found.setdefault((loc["artifactLocation"]["uri"], r["ruleId"]), []).append((r, loc["region"]))
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    [(missing, region)] = found[("articles/rferl-no-warning.html", "ru.undesirable.reader-warning")]
    assert (region["startLine"], region["startColumn"]) == (10, 9)
    assert missing["level"] == "warning" and missing["kind"] == "fail"
    assert missing["message"]["text"].startswith("No reader warning: RFE/RL")
    [(label, _)] = found[("articles/pivovarov-episode.md", "ru.foreign-agent.self-label")]
    assert label["level"] == "error"  # severity error
    # Present notices are not results (code scanning would open an alert for each).
    assert ("articles/rferl-article.html", "ru.undesirable.reader-warning") not in found
    assert sarif_run["properties"]["summary"]["present"] >= 1
    # Suppressed flags stay, dismissed with the editor's reason.
    approved = found[("articles/approved-donation.html", "ru.undesirable.donation-cta")]
    reason = {"kind": "inSource", "status": "accepted", "justification": "Legal approved, ticket LEG-12"}
    assert approved and all(r["suppressions"] == [reason] for r, _ in approved)
    assert sarif_run["columnKind"] == "unicodeCodePoints"


def test_sarif_levels_follow_severity_and_review_is_not_a_failure():
    report = report_of(
        result(rule="a.error", severity="error"),
        result(rule="b.warning", severity="warning", status="flagged", kind="flag"),
        result(rule="c.info", severity="info", status="malformed"),
        result(rule="d.review", severity="warning", status="review"),
        result(rule="e.present", status="present"),
    )
    data = sarif.as_dict(report)
    validate_sarif(data)
    levels = {r["ruleId"]: (r["kind"], r["level"]) for r in data["runs"][0]["results"]}
    assert levels == {
        "a.error": ("fail", "error"),
        "b.warning": ("fail", "warning"),
        "c.info": ("fail", "note"),
        "d.review": ("review", "none"),
    }


def test_sarif_paths_are_uri_references(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = sarif.as_dict(report_of(result(), path="my articles/été #1.html"))
    validate_sarif(data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20articles/%C3%A9t%C3%A9%20%231.html"
    outside = sarif.as_dict(report_of(result(), path="/elsewhere/a.html"))
    assert outside["runs"][0]["artifacts"][0]["location"]["uri"] == "file:///elsewhere/a.html"


# --- JUnit -------------------------------------------------------------------------------------


def test_junit_report_is_a_testsuite_of_documents_and_rules(cli, site):
    (site / "articles" / "empty.md").write_bytes(b"")
    run = cli("check", *CONTEXT, "--format", "junit", "articles")
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == int(root.get("tests"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failures)
    assert int(suite.get("errors")) == 1
    by_name = {(c.get("classname"), c.get("name")): c for c in cases}
    missing = by_name[("articles/rferl-no-warning.html", "ru.undesirable.reader-warning")].find("failure")
    assert missing.get("type") == "missing"
    assert missing.get("message").startswith("missing at line 10: No reader warning")
    assert "law: Federal Law No. 272-FZ" in missing.text
    flagged = by_name[("articles/rferl-no-warning.html", "ru.undesirable.donation-cta")].find("failure")
    assert flagged.get("message").startswith("flagged at line 15: Donation call shown to readers in Russia")
    passing = by_name[("articles/rferl-article.html", "ru.undesirable.reader-warning")]
    assert passing.find("failure") is None and "present" in passing.find("system-out").text
    approved = by_name[("articles/approved-donation.html", "ru.undesirable.donation-cta")]
    assert approved.find("failure") is None
    assert "suppressed (was flagged): Legal approved, ticket LEG-12" in approved.find("system-out").text
    error = by_name[("articles/empty.md", "read")].find("error")
    assert "empty" in error.get("message")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["as-of"] == "2026-11-27" and props["fail-on"] == "warning"


def test_junit_follows_fail_on(cli, site):
    run = cli("check", *CONTEXT, "--fail-on", "error", "--format", "junit", "articles/rferl-no-warning.html")
    assert run.exit_code == 0
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.get("failures") == "0"
    outs = " ".join(e.text for e in root.iter("system-out"))
    assert "below fail-on error" in outs


def test_junit_failure_of_a_rule_with_several_results_counts_the_others():
    flags = [result(rule="a.flag", kind="flag", status="flagged", location=Location(n, 1)) for n in (3, 7, 9)]
    root = ET.fromstring(junit.render(report_of(*flags)).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "flagged at line 3: a message (and 2 more)"
    assert [line for line in failure.text.splitlines() if "flagged" in line] == [
        "3:1 flagged (warning) a.flag", "7:1 flagged (warning) a.flag", "9:1 flagged (warning) a.flag"
    ]


def test_junit_stays_well_formed_with_any_article_text():
    nasty = "ctrl \x0b\x01\x1b chars, ]]> and <tags> & \"quotes\" \ud7ff\U0001f600"
    report = report_of(result(text=nasty, message=nasty), path="odd\x0c.html")
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert "]]> and <tags> & \"quotes\"" in failure.text and "\U0001f600" in failure.text


# --- GitHub annotations ------------------------------------------------------------------------


def test_github_annotations_point_at_file_line_and_column(cli, site):
    run = cli("check", *CONTEXT, "--format", "github", "articles")
    lines = run.stdout.splitlines()
    assert all(line.startswith("::") for line in lines), lines
    [missing] = [x for x in lines if "rferl-no-warning.html" in x and "reader-warning" in x]
    assert missing.startswith(
        "::warning file=articles/rferl-no-warning.html,line=10,col=9,title=ru.undesirable.reader-warning (missing)::"
    )
    assert "%0ALaw: Federal Law No. 272-FZ" in missing
    assert any(x.startswith("::error file=articles/pivovarov-episode.md,line=10,col=1,") for x in lines)
    assert not any("approved-donation" in x and "donation-cta" in x for x in lines)  # suppressed: no annotation
    assert not any("rferl-article.html" in x for x in lines)  # present: no annotation


def test_github_escaping_keeps_article_text_from_making_commands():
    report = report_of(
        result(message="100% sure\r\n::error file=x::injected", severity="info"), path="dir,with:colon/a.html"
    )
    [line] = github.render(report).splitlines()
    assert line.startswith("::notice file=dir%2Cwith%3Acolon/a.html,line=3,col=5,title=test.rule (missing)::")
    assert "100%25 sure%0D%0A::error file=x::injected" in line


# --- Markdown ----------------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip().strip("|"))


def test_markdown_summary_for_a_pull_request(cli, site):
    run = cli("check", *CONTEXT, "--format", "markdown", "articles")
    md = run.stdout
    assert md.startswith("### ❌ checker: 4 of 5 document(s) need changes")
    assert "| documents | present | missing | malformed | flagged | review | suppressed | errors |" in md
    assert "#### ❌ `articles/rferl-no-warning.html` — 1 flagged, 1 missing" in md
    assert "| Line | Status | Severity | Rule | Message | Found | Law |" in md
    assert "<details><summary>✅ 1 document(s) pass</summary>" in md
    assert "- `articles/rferl-article.html` — 1 present" in md
    assert "[Federal Law No. 272-FZ of 28 Dec 2012, art. 3.1 \\(as amended" in md
    assert "<details><summary>Other results (1 suppressed)</summary>" in md
    rows = [x for x in md.splitlines() if x.startswith("| 10:9 |")]
    assert rows and all(len(cells(r)) == 7 for r in rows)


def test_markdown_escapes_article_text():
    text = "pipe | here <script>alert(1)</script> **bold** [link](https://evil.example) @editors"
    md = markdown.render(report_of(result(text=text, message=f"found: {text}")))
    [row] = [x for x in md.splitlines() if x.startswith("| 3:5 |")]
    assert len(cells(row)) == 7
    message, found = cells(row)[4].strip(), cells(row)[5].strip()
    # As text: every character that would format, link or open HTML is escaped; no @mention.
    assert "\\<script\\>" in message and "\\*\\*bold\\*\\*" in message and "\\[link\\]\\(https" in message
    assert "@editors" not in message and "@\u200beditors" in message
    # As found text: a code span, where nothing is markup (the pipe escaped for the table).
    assert found.startswith("`") and found.endswith("`") and "pipe \\| here <script>" in found


def test_markdown_fits_in_a_comment():
    docs = [DocumentReport(f"content/article-{i:04}.html", results=[result(message="x" * 300)]) for i in range(800)]
    md = markdown.render(Report(as_of=date(2026, 11, 27), documents=docs))
    assert len(md) < 65_536
    assert re.search(r"_\d+ more document\(s\) with problems are not shown here", md)


# --- several reports in one run ----------------------------------------------------------------


def test_several_reports_in_one_run(cli, site):
    run = cli("check", *CONTEXT, "--format", "json", "--output", "out/report.json",
              "--format", "sarif", "--output", "out/report.sarif", "--format", "junit:out/junit.xml", "articles")
    assert run.exit_code == 1
    assert run.stdout == ""
    report = json.loads((site / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["version"] == 1 and len(report["documents"]) == 5
    validate_sarif(json.loads((site / "out" / "report.sarif").read_text(encoding="utf-8")))
    ET.parse(site / "out" / "junit.xml")
    assert re.search(r"^5 document\(s\): \d+ present, \d+ missing, \d+ malformed, 1 flagged, 1 suppressed, "
                     r"0 error\(s\)$", run.stderr, re.M)


def test_a_file_report_beside_the_text_report(cli, site):
    run = cli("check", *CONTEXT, "--format", "sarif:report.sarif", "--format", "text", "articles/rferl-article.html")
    assert run.exit_code == 0
    assert run.stdout.startswith("warning: list") or run.stdout.startswith("articles/rferl-article.html")
    assert "present" in run.stdout
    assert json.loads((site / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_json_on_stdout_is_unchanged_and_the_summary_goes_to_stderr(cli, site, pack):
    run = cli("check", *CONTEXT, "--format", "json", "articles")
    from checker import Context

    expected = json_format.as_dict(
        check_paths(["articles"], pack, Context(as_of=date(2026, 11, 27), publisher="RFE/RL", regions=("RU",)))
    )
    assert json.loads(run.stdout) == expected
    docs = {d["path"]: d for d in expected["documents"]}
    approved = docs["articles/approved-donation.html"]["flags"]
    assert approved and all(
        f["status"] == "suppressed" and f["suppression"]["reason"] == "Legal approved, ticket LEG-12"
        and f["suppression"]["status"] == "flagged" for f in approved
    )
    assert all("suppression" not in f for f in docs["articles/rferl-no-warning.html"]["flags"])
    assert "document(s):" in run.stderr
    quiet = cli("check", *CONTEXT, "--format", "json", "--quiet", "articles")
    # --quiet: no summary; the stale-list warnings still go to standard error, as in every format
    assert json.loads(quiet.stdout) == expected
    assert all(line.startswith("warning: list ") for line in quiet.stderr.splitlines())


def test_text_report_ends_with_the_summary_and_seconds_with_timings(cli, site):
    run = cli("check", *CONTEXT, "--timings", "articles/approved-donation.html")
    last = run.stdout.splitlines()[-1]
    assert re.fullmatch(r"1 document\(s\): 0 present, 1 missing, 0 malformed, 0 flagged, 1 suppressed, "
                        r"0 error\(s\) in \d+\.\d\d s", last)
    assert "suppressed (was flagged): Legal approved, ticket LEG-12" in run.stdout
    assert "document(s):" not in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "json", "--format", "sarif"), "only one report can go to standard output"),
        (("--format", "json", "--output", "a", "--output", "b"), "2 --output for 1 --format without a file"),
        (("--format", "xml"), "'xml' is not one of"),
        (("--format", "sarif:"), "no file after the colon"),
        (("--format", "json:same.out", "--format", "sarif:same.out"), "same.out is named for two reports"),
    ],
)
def test_format_and_output_mistakes_are_usage_errors(cli, site, args, message):
    run = cli("check", *args, "articles")
    assert run.exit_code == 2
    assert message in run.stderr


def test_dash_means_standard_output(cli, site):
    article = "articles/rferl-article.html"
    run = cli("check", *CONTEXT, "--format", "sarif:-", "--format", "junit", "-o", "j.xml", article)
    assert json.loads(run.stdout)["version"] == "2.1.0"
    assert (site / "j.xml").is_file()


def test_an_unwritable_output_is_an_error(cli, site):
    (site / "blocker").write_text("a file, not a folder")
    run = cli("check", *CONTEXT, "--format", "sarif:blocker/report.sarif", "articles/rferl-article.html")
    assert run.exit_code == 2
    assert "cannot write the sarif report to blocker/report.sarif" in run.stderr


def test_plan_pairs_outputs_in_order():
    assert [(o.format, o.path) for o in plan([("json", None), ("sarif", None)], ["a.json", "b.sarif"])] == [
        ("json", "a.json"), ("sarif", "b.sarif"),
    ]
    assert [(o.format, o.path) for o in plan([], ["report.txt"])] == [("text", "report.txt")]
    with pytest.raises(OutputError):
        plan([("json", None), ("sarif", "x.sarif")], ["a", "b"])


def test_a_failed_write_leaves_the_previous_report(tmp_path, monkeypatch):
    target = tmp_path / "report.sarif"
    target.write_text("previous report")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(str(target), "new report")
    assert target.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


# --- the progress bar --------------------------------------------------------------------------


def run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the command with stderr on a pseudo-terminal (as in a shell) and stdout on a pipe."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower,
        stdin=subprocess.DEVNULL,
    )
    os.close(follower)
    # stdout is read meanwhile: a report written as the run goes may be more than a pipe holds.
    with ThreadPoolExecutor(1) as reader:
        stdout_read = reader.submit(proc.stdout.read)
        chunks = _read_until_closed(leader)
        stdout = stdout_read.result().decode("utf-8")
    proc.wait(timeout=120)
    os.close(leader)
    return proc.returncode, stdout, b"".join(chunks).decode("utf-8", "replace")


def _read_until_closed(leader: int) -> list[bytes]:
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    return chunks


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
def test_progress_bar_on_a_terminal_only(tmp_path):
    for i in range(12):
        shutil.copy(SAMPLES / "rferl-no-warning.html", tmp_path / f"article-{i:02}.html")
    args = ["check", *CONTEXT, "--format", "json", "."]
    code, stdout, stderr = run_with_terminal_stderr(args, tmp_path)
    assert code == 1
    assert len(json.loads(stdout)["documents"]) == 12  # the report on stdout is untouched
    assert "checking [" in stderr and "12/12" in stderr
    assert "12 document(s): 0 present, 12 missing, 0 malformed, 12 flagged" in stderr
    code, stdout, stderr = run_with_terminal_stderr([*args, "--quiet"], tmp_path)
    assert "checking" not in stderr and "document(s)" not in stderr
    piped = subprocess.run([sys.executable, "-m", "checker", *args], cwd=tmp_path, capture_output=True, text=True)
    assert "checking [" not in piped.stderr and "\r" not in piped.stderr
    assert "12 document(s)" in piped.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown", "html"])
def test_two_identical_runs_give_byte_identical_reports(cli, site, fmt):
    runs = [cli("check", *CONTEXT, "--format", fmt, "--quiet", "articles") for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert not re.search(r"\d\.\d\d s\b|\"seconds\"|timestamp=", runs[0].stdout)


def test_timings_only_when_asked(cli, site):
    plain = cli("check", *CONTEXT, "--format", "junit", "--quiet", "articles").stdout
    timed = cli("check", *CONTEXT, "--format", "junit", "--quiet", "--timings", "articles").stdout
    assert "timestamp=" not in plain and "timestamp=" in timed
    sarif = cli("check", *CONTEXT, "--format", "sarif", "--quiet", "articles").json
    assert "seconds" not in sarif["runs"][0]["properties"]


def test_sarif_uris_are_root_relative_and_fingerprints_status_free(cli, site):
    paths = ("articles", "./articles")
    runs = [cli("check", *CONTEXT, "--format", "sarif", "--quiet", p).json["runs"][0] for p in paths]
    assert runs[0]["results"] == runs[1]["results"]
    run = runs[0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%" and not location["uri"].startswith(("./", "/"))
    prints = [r["partialFingerprints"]["checkerResult/v2"] for r in run["results"]]
    assert len(prints) == len(set(prints))

    def fingerprints() -> dict[str, str]:
        results = cli("check", *CONTEXT, "--format", "sarif", "--quiet", "articles/rferl-no-warning.html").json
        return {r["ruleId"]: r["partialFingerprints"]["checkerResult/v2"] for r in results["runs"][0]["results"]}

    before = fingerprints()
    article = site / "articles" / "rferl-no-warning.html"
    html = article.read_text(encoding="utf-8")
    article.write_text(html.replace('<div class="cta">', SUPPRESSION + '\n<div class="cta">'), encoding="utf-8")
    assert fingerprints() == before  # suppressing a result does not make it a new alert


def test_github_annotations_are_relative_to_the_workspace(cli, site, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(site.parent))
    out = cli("check", *CONTEXT, "--format", "github", "--quiet", "articles").stdout
    assert f"file={site.name}/articles/" in out
