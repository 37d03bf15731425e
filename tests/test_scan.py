"""`checker scan`: results kept in a real SQLite store; a re-scan checks only the documents that
changed and those a changed rule or list affects; --changes says what became (non-)compliant;
an interrupted scan resumes; a damaged store is one line; a Dask scan equals a local one."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest
from conftest import ROOT, SAMPLES

AS_OF = "2026-12-05"

AGENTS = """\
id: xx.agents
title: Test agents
jurisdiction: RU
authority: Test ministry
source: https://example.org/agents
retrieved: {retrieved}
max_age_days: 3650
entries:
  - id: ivanova
    name: Иванова Мария Петровна
    kind: person
    designated: 2020-01-01
    source: test
{more}"""

PETROV = """\
  - id: petrov
    name: Петров Семён Аркадьевич
    kind: person
    designated: 2026-12-01
    source: test
"""

MENTIONS = """\
id: test.mention-status
title: Status next to every mention of a test agent
jurisdiction: RU
purpose: statutory
severity: error
law:
  - {title: Test law, url: https://example.org/law}
applies:
  jurisdictions: [RU]
check:
  kind: mention-label
  lists: [xx.agents]
  labels:
    phrases: [иностранн* агент*]
"""

DONATIONS = """\
id: test.donation
title: Donation call
jurisdiction: US
purpose: house
severity: warning
law:
  - {title: House guide, url: https://example.org/guide}
applies:
  jurisdictions: [US]
messages:
  flagged: 'MESSAGE: "{text}"'
check:
  kind: flag
  text:
    phrases: [donate now]
"""


def article(jurisdiction: str, body: str) -> str:
    return f"---\ntitle: A story\njurisdictions: [{jurisdiction}]\nlang: ru\n---\n\n# A story\n\n{body}\n"


@pytest.fixture
def archive(tmp_path):
    """Rules and a list of their own, and five articles: three read under Russian law (the
    mention rule applies), two under US law (only the donation rule applies)."""
    rules = tmp_path / "rules"
    (rules / "lists").mkdir(parents=True)
    (rules / "lists" / "xx.agents.yaml").write_text(AGENTS.format(retrieved="2026-11-20", more=""), encoding="utf-8")
    (rules / "mentions.yaml").write_text(MENTIONS, encoding="utf-8")
    (rules / "donation.yaml").write_text(DONATIONS.replace("MESSAGE", "Donation call"), encoding="utf-8")
    docs = tmp_path / "archive"
    docs.mkdir()
    texts = {
        "ru-1.md": article("RU", "Мария Иванова (признана иностранным агентом) выступила в Риге."),
        "ru-2.md": article("RU", "Семён Петров выступил в Риге."),
        "ru-3.md": article("RU", "Концерт прошёл без происшествий."),
        "us-1.md": article("US", "Читайте нас. Donate now!"),
        "us-2.md": article("US", "Семён Петров выступил в Вашингтоне."),
    }
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    return tmp_path


def scan_args(root: Path, *extra: str, store: str = "store.sqlite", path: str | None = None) -> list[str]:
    return [
        "scan", "--no-default-rules", "--rules", str(root / "rules"), "--as-of", AS_OF,
        "--store", str(root / store), *extra, path or str(root / "archive"),
    ]


def counts(stderr: str) -> tuple[int, int]:
    """(checked, unchanged) from the summary line."""
    line = stderr.strip().splitlines()[-1]
    checked = int(line.split(": ")[-1].split(" checked")[0])
    unchanged = int(line.split(" checked, ")[1].split(" unchanged")[0])
    return checked, unchanged


def add_petrov(root: Path, retrieved: str = "2026-12-01") -> None:
    (root / "rules" / "lists" / "xx.agents.yaml").write_text(
        AGENTS.format(retrieved=retrieved, more=PETROV), encoding="utf-8"
    )


def test_first_scan_checks_all_and_reports_as_check_does(cli, archive):
    scanned = cli(*scan_args(archive, "--format", "json"))
    checked = cli("check", "--no-default-rules", "--rules", str(archive / "rules"), "--as-of", AS_OF,
                  "--format", "json", str(archive / "archive"))
    assert scanned.exit_code == checked.exit_code == 1  # the donation call is flagged
    assert scanned.json == checked.json
    assert counts(scanned.stderr) == (5, 0)
    with sqlite3.connect(archive / "store.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (5,)


def test_unchanged_archive_is_not_checked_again(cli, archive):
    first = cli(*scan_args(archive, "--format", "json"))
    second = cli(*scan_args(archive, "--format", "json"))
    assert counts(second.stderr) == (0, 5)
    assert second.json == first.json and second.exit_code == first.exit_code


def test_changed_document_alone_is_checked_again(cli, archive):
    cli(*scan_args(archive))
    (archive / "archive" / "ru-3.md").write_text(article("RU", "Мария Иванова выступила снова."), encoding="utf-8")
    run = cli(*scan_args(archive, "--format", "json"))
    assert counts(run.stderr) == (1, 4)
    [doc] = [d for d in run.json["documents"] if d["path"].endswith("ru-3.md")]
    assert [(n["status"], n["text"]) for n in doc["notices"]] == [("missing", "Мария Иванова")]


def test_list_change_checks_again_the_documents_of_rules_using_it(cli, archive):
    cli(*scan_args(archive))
    add_petrov(archive)
    run = cli(*scan_args(archive, "--format", "json"))
    # the three articles under Russian law, where the mention rule reads the list; not the US ones
    assert counts(run.stderr) == (3, 2)
    [doc] = [d for d in run.json["documents"] if d["path"].endswith("ru-2.md")]
    assert [(n["status"], n["subject"]) for n in doc["notices"]] == [("missing", "Петров Семён Аркадьевич")]
    # the same list on another day checks nothing again: no designation date has passed
    later = cli(*scan_args(archive, "--as-of", "2026-12-20"))
    assert counts(later.stderr) == (0, 5)


def test_a_designation_date_passing_checks_again(cli, archive):
    add_petrov(archive)
    before = cli(*[a if a != AS_OF else "2026-11-25" for a in scan_args(archive)])
    assert counts(before.stderr) == (5, 0)
    after = cli(*scan_args(archive, "--changes"))  # Petrov designated on 2026-12-01
    assert counts(after.stderr) == (3, 2)
    assert "ru-2.md" in after.stdout


def test_rule_change_checks_again_the_documents_it_applies_to(cli, archive):
    cli(*scan_args(archive))
    (archive / "rules" / "donation.yaml").write_text(DONATIONS.replace("MESSAGE", "Fundraising"), encoding="utf-8")
    run = cli(*scan_args(archive, "--format", "json"))
    assert counts(run.stderr) == (2, 3)  # the two US articles
    [doc] = [d for d in run.json["documents"] if d["path"].endswith("us-1.md")]
    assert doc["flags"][0]["message"] == 'Fundraising: "Donate now"'


def test_changes_say_what_became_non_compliant_after_a_list_update(cli, archive):
    cli(*scan_args(archive))
    add_petrov(archive)
    run = cli(*scan_args(archive, "--changes"))
    assert run.exit_code == 1
    out = run.stdout
    assert "after the lists xx.agents of 2026-12-01: 1 document(s) became non-compliant, 0 compliant" in out
    assert "new problems: 1 × test.mention-status missing (Петров Семён Аркадьевич ×1)" in out
    assert f"{archive / 'archive' / 'ru-2.md'}: test.mention-status missing 'Семён Петров'" in out
    # report only, later: the same changes, as JSON; exit 1 because something became non-compliant
    again = cli("scan", "--store", str(archive / "store.sqlite"), "--changes", "--changes-format", "json",
                "--no-default-rules", "--rules", str(archive / "rules"), "--as-of", AS_OF)
    assert again.exit_code == 1
    data = again.json
    assert data["summary"] == {"documents": 1, "new": 0, "became_non_compliant": 1, "became_compliant": 0,
                               "removed": 0}
    [doc] = data["documents"]
    assert doc["causes"] == ["lists xx.agents of 2026-12-01"]
    assert (doc["before"], doc["after"]) == ("compliant", "non-compliant")
    assert doc["added"][0]["subject"] == "Петров Семён Аркадьевич"


def test_changes_since_a_scan_and_a_fix_becoming_compliant(cli, archive):
    cli(*scan_args(archive))  # scan 1
    add_petrov(archive)
    cli(*scan_args(archive))  # scan 2: ru-2 becomes non-compliant
    ru2 = archive / "archive" / "ru-2.md"
    ru2.write_text(article("RU", "Семён Петров (признан иностранным агентом) выступил в Риге."), encoding="utf-8")
    cli(*scan_args(archive))  # scan 3: fixed
    last = cli(*scan_args(archive, "--changes"))  # scan 4: nothing new
    assert last.stdout.startswith("no changes since scan 3 of ")
    assert last.exit_code == 1  # as check: the donation call is still there
    since_1 = cli(*scan_args(archive, "--since", "1"))
    # over scans 2 to 5 ru-2 went from compliant back to compliant, with other problems: none left
    assert "ru-2.md" not in since_1.stdout
    since_2 = cli(*scan_args(archive, "--since", "2"))
    assert "became compliant:" in since_2.stdout and "ru-2.md: test.mention-status missing" in since_2.stdout
    assert "after edits to the documents: 0 document(s) became non-compliant, 1 compliant" in since_2.stdout


def test_a_document_gone_from_the_archive_is_forgotten_and_reported_once(cli, archive):
    cli(*scan_args(archive))
    (archive / "archive" / "us-1.md").unlink()  # the donation call: non-compliant
    (archive / "archive" / "ru-3.md").unlink()  # compliant
    run = cli(*scan_args(archive, "--changes"))
    assert "2 document(s) removed from the archive, 1 of them non-compliant before" in run.stdout
    assert "3 unchanged, 2 removed from the archive in " in run.stderr
    assert "became compliant" not in run.stdout  # gone is not fixed
    assert run.exit_code == 0  # what is left is compliant
    data = cli(*scan_args(archive, "--changes", "--changes-format", "json", "--since", "1")).json
    assert data["summary"]["removed"] == 2
    assert {(d["path"].rsplit("/", 1)[-1], d["before"], d["after"], len(d["resolved"])) for d in data["documents"]} == {
        ("us-1.md", "non-compliant", "removed", 0), ("ru-3.md", "compliant", "removed", 0)}
    again = cli(*scan_args(archive, "--changes"))
    assert again.stdout.startswith("no changes since scan ")  # forgotten: reported once
    with sqlite3.connect(archive / "store.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_moved_or_renamed_document_keeps_its_results_without_a_check(cli, archive):
    first = cli(*scan_args(archive, "--format", "json"))
    docs = archive / "archive"
    (docs / "2019").mkdir()
    (docs / "ru-1.md").rename(docs / "2019" / "ru-1.md")  # moved: its labelled mention goes with it
    (docs / "us-1.md").rename(docs / "us-donations.md")  # renamed
    run = cli(*scan_args(archive, "--changes"))
    assert "0 checked, 3 unchanged, 2 moved or renamed (results kept) in " in run.stderr
    assert run.stdout.startswith("no changes since scan 1 of ")  # nothing became (non-)compliant
    again = cli(*scan_args(archive, "--format", "json"))
    results = {d["path"].removeprefix(str(docs) + "/"): (d["notices"], d["flags"]) for d in again.json["documents"]}
    before = {d["path"].removeprefix(str(docs) + "/"): (d["notices"], d["flags"]) for d in first.json["documents"]}
    assert results["2019/ru-1.md"] == before["ru-1.md"] and results["2019/ru-1.md"][0]
    assert results["us-donations.md"] == before["us-1.md"]
    assert again.exit_code == first.exit_code == 1
    with sqlite3.connect(archive / "store.sqlite") as db:
        paths = {Path(row[0]).relative_to(docs).as_posix() for row in db.execute("SELECT path FROM documents")}
        stored = json.loads(db.execute("SELECT report FROM documents WHERE path LIKE '%us-donations.md'").fetchone()[0])
    assert paths == {"2019/ru-1.md", "ru-2.md", "ru-3.md", "us-donations.md", "us-2.md"}
    assert stored["path"].endswith("us-donations.md")  # the stored report names the new path


def test_a_move_that_changes_the_format_or_the_content_is_checked(cli, archive):
    cli(*scan_args(archive))
    docs = archive / "archive"
    (docs / "ru-2.md").rename(docs / "ru-2.txt")  # the same bytes read as plain text
    moved = docs / "ru-3-edited.md"
    (docs / "ru-3.md").rename(moved)
    moved.write_text(moved.read_text(encoding="utf-8") + "\nЕщё одна строка.\n", encoding="utf-8")
    run = cli(*scan_args(archive, "--changes"))
    assert "2 checked, 3 unchanged, 2 removed from the archive in " in run.stderr
    assert "moved or renamed" not in run.stderr


def test_a_dask_worker_only_hashes_a_document_asked_for_its_hash(archive):
    from checker.distributed import ScanJob, check_tasks
    from checker.scan import Task, read_hash

    path = str(archive / "archive" / "us-1.md")
    [done] = check_tasks(cast(ScanJob, None), [Task(path, None, check=False)])  # no job: nothing is checked
    assert (done.path, done.hash, done.report) == (path, read_hash(path), None)


def test_a_scan_of_one_folder_leaves_the_documents_of_another_alone(cli, archive):
    other = archive / "other"
    other.mkdir()
    (other / "ru-9.md").write_text(article("RU", "Концерт прошёл без происшествий."), encoding="utf-8")
    cli(*scan_args(archive))
    cli(*scan_args(archive, path=str(other)))
    run = cli(*scan_args(archive, "--changes"))
    assert run.stdout.startswith("no changes since scan 2 of "), run.stdout
    with sqlite3.connect(archive / "store.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 6


def test_first_scan_changes_count_new_documents(cli, archive):
    run = cli(*scan_args(archive, "--changes"))
    assert "5 new document(s), 1 non-compliant" in run.stdout


def test_changes_and_a_report_on_standard_output_conflict(cli, archive):
    run = cli(*scan_args(archive, "--changes", "--format", "json"))
    assert run.exit_code == 2 and "--changes prints to standard output" in run.stderr


def test_interrupted_scan_resumes_where_it_stopped(cli, archive, monkeypatch):
    from checker import engine

    for n in range(20):
        (archive / "archive" / f"extra-{n:02}.md").write_text(article("RU", f"Статья {n}."), encoding="utf-8")
    real, calls = engine.check_document, []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 8:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "check_document", interrupted)
    stopped = cli(*scan_args(archive, "--batch-size", "3", "--jobs", "1"))  # the interruption is in this process
    assert stopped.exit_code == 130 and "run the same scan to resume" in stopped.stderr
    monkeypatch.setattr(engine, "check_document", real)
    resumed = cli(*scan_args(archive, "--format", "json"))
    assert "resuming an interrupted scan" in resumed.stderr
    assert counts(resumed.stderr) == (25 - 7, 7)
    fresh = cli(*scan_args(archive, "--format", "json", store="other.sqlite"))
    assert resumed.json == fresh.json


def test_killed_scan_loses_at_most_a_batch(archive):
    for n in range(150):
        (archive / "archive" / f"extra-{n:03}.md").write_text(article("RU", f"Мария Иванова, статья {n}."), "utf-8")
    store = archive / "store.sqlite"
    command = [sys.executable, "-m", "checker", *scan_args(archive, "--batch-size", "5", "--quiet")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=archive)
    kept = 0
    deadline = time.monotonic() + 120
    while kept < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        if store.exists():
            try:
                with sqlite3.connect(store) as db:
                    kept = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    if process.poll() is not None:
        pytest.skip("the scan finished before it could be killed")
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(store) as db:
        kept = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert kept % 5 == 0 and kept >= 10  # whole batches, committed
    resumed = subprocess.run([sys.executable, "-m", "checker", *scan_args(archive)], capture_output=True, text=True,
                             cwd=archive, timeout=300)
    assert "resuming an interrupted scan" in resumed.stderr
    checked, unchanged = counts(resumed.stderr)
    assert unchanged == kept and checked + unchanged == 155


def test_corrupt_store_is_one_line_and_rebuild_starts_afresh(cli, archive):
    store = archive / "store.sqlite"
    store.write_bytes(b"this is not a database, it is a text file" * 100)
    run = cli(*scan_args(archive))
    assert run.exit_code == 2
    assert run.stderr == (
        f"error: {store} is not a usable scan store (file is not a database): "
        "run again with --rebuild to start a new one\n"
    )
    rebuilt = cli(*scan_args(archive, "--rebuild"))
    assert rebuilt.exit_code == 1 and counts(rebuilt.stderr) == (5, 0)


def test_store_of_another_version_is_refused_in_one_line(cli, archive):
    cli(*scan_args(archive))
    with sqlite3.connect(archive / "store.sqlite") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    run = cli(*scan_args(archive))
    assert run.exit_code == 2 and len(run.stderr.splitlines()) == 1
    assert "was written by another version" in run.stderr and "--rebuild" in run.stderr


def test_another_sqlite_database_is_not_a_store(cli, archive):
    with sqlite3.connect(archive / "store.sqlite") as db:
        db.execute("CREATE TABLE notes (x TEXT)")
    run = cli(*scan_args(archive))
    assert run.exit_code == 2 and "is not a usable scan store (no such table: meta)" in run.stderr


def test_exit_codes_as_check(cli, archive, tmp_path):
    (archive / "archive" / "us-1.md").unlink()
    clean = cli(*scan_args(archive))
    assert clean.exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("scan", "--store", str(tmp_path / "s.sqlite"), str(empty))
    assert run.exit_code == 5 and "no article to scan" in run.stderr
    assert cli("scan", "--store", str(tmp_path / "s.sqlite"), "--allow-empty", str(empty)).exit_code == 0
    assert cli("scan").exit_code == 2
    url = cli("scan", "--store", str(tmp_path / "s.sqlite"), "s3://bucket/archive/")
    assert url.exit_code == 2 and "URLs are read on a Dask cluster" in url.stderr


@pytest.mark.parametrize("fmt", ["sarif", "html", "text", "junit", "markdown"])
def test_samples_report_as_check_reports_them_first_and_from_the_store(cli, tmp_path, fmt):
    """Every field of every result (spans, suppressions, law) comes back from the store as
    checked, and the HTML report shows the articles' text."""
    args = ["--as-of", "2026-11-27", "--jurisdiction", "RU", "--format", fmt, str(SAMPLES)]
    scanned = cli("scan", "--store", str(tmp_path / "s.sqlite"), *args)
    again = cli("scan", "--store", str(tmp_path / "s.sqlite"), *args)
    checked = cli("check", *args)
    assert counts(again.stderr)[0] == 0
    assert scanned.stdout == again.stdout == checked.stdout


def test_dask_without_dask_says_how_to_install(cli, archive, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    run = cli(*scan_args(archive, "--dask", "tcp://127.0.0.1:8786"))
    assert run.exit_code == 2
    assert 'pip install "designation-notice-checker[dask]"' in run.stderr


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as found:
        yield found


def test_dask_scan_equals_local_scan(cli, archive, cluster):
    local = cli(*scan_args(archive, "--format", "json"))
    on_dask = cli(*scan_args(archive, "--format", "json", "--dask", cluster.scheduler_address, store="dask.sqlite"))
    assert on_dask.exit_code == local.exit_code == 1
    assert on_dask.json == local.json
    for store in ("store.sqlite", "dask.sqlite"):
        with sqlite3.connect(archive / store) as db:
            rows = db.execute("SELECT path, hash, setting, deps, report FROM documents ORDER BY path").fetchall()
        if store == "store.sqlite":
            expected = rows
    assert rows == expected
    # the dask store is a store like any: a local re-scan of it checks nothing again
    again = cli(*scan_args(archive, store="dask.sqlite"))
    assert counts(again.stderr) == (0, 5)
    add_petrov(archive)
    changed = cli(*scan_args(archive, "--dask", cluster.scheduler_address, "--changes", store="dask.sqlite"))
    assert counts(changed.stderr) == (3, 2)
    assert "after the lists xx.agents of 2026-12-01: 1 document(s) became non-compliant" in changed.stdout


def test_dask_scan_reads_urls_through_fsspec(cli, archive, cluster):
    url = (archive / "archive").as_uri()
    run = cli(*scan_args(archive, "--format", "json", "--dask", cluster.scheduler_address, path=url))
    local = cli("check", "--no-default-rules", "--rules", str(archive / "rules"), "--as-of", AS_OF,
                "--format", "json", str(archive / "archive"))
    assert [d["path"] for d in run.json["documents"]] == [
        "file://" + d["path"] for d in local.json["documents"]
    ]
    strip = [{**d, "path": None} for d in run.json["documents"]]
    assert strip == [{**d, "path": None} for d in local.json["documents"]]


def test_dask_scan_on_worker_processes(archive):
    """Workers in their own processes receive the pickled rule pack and give the same results."""
    distributed = pytest.importorskip("dask.distributed")
    local = subprocess.run([sys.executable, "-m", "checker", *scan_args(archive, "--format", "json")],
                           capture_output=True, text=True, cwd=ROOT, timeout=300)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as found:
        args = scan_args(archive, "--format", "json", "--dask", found.scheduler_address, store="dask.sqlite")
        remote = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                                cwd=ROOT, timeout=300, env={**os.environ})
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_a_suppression_naming_a_removed_rule_is_checked_again(cli, archive):
    """Suppression comments name rule ids: removing a rule, even one that never applied to the
    article, makes its suppression an error there."""
    ru3 = archive / "archive" / "ru-3.md"
    ru3.write_text(article("RU", "<!-- checker: disable test.donation reason=\"quoted\" -->\n\nКонцерт прошёл."),
                   encoding="utf-8")
    first = cli(*scan_args(archive, "--format", "json"))
    [doc] = [d for d in first.json["documents"] if d["path"].endswith("ru-3.md")]
    assert doc["notices"] == doc["flags"] == []
    (archive / "rules" / "donation.yaml").unlink()
    run = cli(*scan_args(archive, "--format", "json"))
    # the US articles (the rule applied to them) and the one with the suppression comment
    assert counts(run.stderr) == (3, 2)
    [doc] = [d for d in run.json["documents"] if d["path"].endswith("ru-3.md")]
    assert [f["rule"] for f in doc["flags"]] == ["checker.suppression"]
    assert doc["flags"][0]["message"].startswith("suppression names unknown rule 'test.donation'")


def test_a_scan_on_two_processes_stores_and_reports_as_on_one(cli, tmp_path):
    args = ["--as-of", "2026-11-27", "--jurisdiction", "RU", "--format", "json", str(SAMPLES)]
    one = cli("scan", "--jobs", "1", "--store", str(tmp_path / "one.sqlite"), *args)
    two = cli("scan", "--jobs", "2", "--store", str(tmp_path / "two.sqlite"), *args)
    assert one.exit_code == two.exit_code and one.json == two.json
    again = cli("scan", "--jobs", "2", "--store", str(tmp_path / "two.sqlite"), *args)
    assert counts(again.stderr)[0] == 0 and again.json == one.json
