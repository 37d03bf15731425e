"""`checker lists update` against a real HTTP server on loopback serving recorded responses:
the official register, a lagging mirror, timeouts, HTML error pages, truncated downloads."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from checker.lists.model import load_list


def _row(name: str, day: str, kind: str = "Физические лица") -> dict:
    return {"fullName": name, "dateIn": day, "dateOut": "", "agentType": kind}


ROWS = [
    _row("Кварталов Илья Семенович", "12.01.2024"),
    _row("Зарецкая Ольга Петровна", "03.03.2023"),
    _row("Бельговский Павел Игоревич", "06.06.2025"),
    _row("Интернет-издание «Пример»", "02.02.2024", "Юридические лица"),
    _row("Сорокина Анна Викторовна", "10.10.2025"),
    _row("Тарасов Глеб Андреевич", "14.11.2025"),
    _row("Лазарева Дина Марковна", "21.11.2025"),
    _row("Ковров Степан Ильич", "28.11.2025"),
    _row("Мельник Ирина Олеговна", "05.09.2025"),
    _row("Гусев Тимур Русланович", "19.09.2025"),
]
NEW = _row("Новикова Вера Сергеевна", "01.12.2026")


def _itsalt(rows: list[dict], *, tamper: bool = False) -> bytes:
    entries = [{"name": r["fullName"], "kind": "person", "included_at": r["dateIn"], "excluded_at": None} for r in rows]
    lines = "\n".join(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in entries)
    digest = hashlib.sha256(lines.encode()).hexdigest()
    if tamper:
        entries = entries[:-1]
    data = {"registry": "minjust_foreign_agents", "fetched_at": "2026-12-01T10:00:00Z",
            "entries": entries, "entries_sha256": digest}
    return json.dumps(data, ensure_ascii=False).encode()


# path -> (status, content type, body, delay in seconds, Content-Length to announce)
Responses = dict[str, tuple[int, str, bytes, float, int | None]]


class _Handler(BaseHTTPRequestHandler):
    responses: Responses = {}

    def do_GET(self) -> None:
        not_found = (404, "text/html", b"<h1>Not found</h1>", 0, None)
        status, ctype, body, delay, length = self.responses.get(self.path, not_found)
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # a client that gave up (the timeout case)
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, Responses]]:
    responses: Responses = {}
    handler = type("Handler", (_Handler,), {"responses": responses})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", responses
    httpd.shutdown()
    httpd.server_close()


def _json(rows: list[dict]) -> tuple[int, str, bytes, float, None]:
    return 200, "application/json", json.dumps(rows, ensure_ascii=False).encode(), 0, None


@pytest.fixture
def listed(tmp_path, cli, server) -> Path:
    """A foreign-agents list file imported from ROWS, with an alias written by hand, naming the
    local server's official register and mirror as its sources."""
    base, _ = server
    export = tmp_path / "export.json"
    export.write_text(json.dumps(ROWS, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "lists"
    folder.mkdir()
    into = folder / "ru.foreign-agents.yaml"
    assert cli("lists", "import", str(export), "--into", str(into), "--retrieved", "2026-11-28").exit_code == 0
    data = yaml.safe_load(into.read_text(encoding="utf-8"))
    data["update"] = [
        {"name": "official register", "url": f"{base}/official.json", "format": "minjust"},
        {"name": "mirror", "url": f"{base}/mirror.json", "format": "itsalt"},
    ]
    data["entries"][0]["aliases"].append({"name": "Квартал", "lang": "ru", "match": "capitalised"})
    from checker.lists.listfile import write_list

    write_list(into, data)
    return into


def test_an_update_adds_the_new_designation_and_keeps_hand_work(cli, server, listed):
    _, responses = server
    responses["/official.json"] = _json([*ROWS, NEW])
    run = cli("lists", "update", "ru.foreign-agents", "--dir", str(listed.parent))
    assert run.exit_code == 0, run.stderr
    assert "ru.foreign-agents: from official register <" in run.stdout
    assert "+1 added, -0 removed" in run.stdout and "Новикова Вера Сергеевна" in run.stdout
    data = yaml.safe_load(listed.read_text(encoding="utf-8"))
    assert {"name": "Квартал", "lang": "ru", "match": "capitalised"} in data["entries"][0]["aliases"]
    assert [s["name"] for s in data["update"]] == ["official register", "mirror"], "the sources stay"
    assert load_list(listed).entries[-1].name == "Новикова Вера Сергеевна"
    assert str(data["retrieved"]) == time.strftime("%Y-%m-%d")


def test_a_dry_run_writes_nothing(cli, server, listed):
    _, responses = server
    responses["/official.json"] = _json([*ROWS, NEW])
    before = listed.read_bytes()
    run = cli("lists", "update", str(listed), "--dry-run")
    assert run.exit_code == 0 and "would write" in run.stdout
    assert listed.read_bytes() == before


@pytest.mark.parametrize(
    ("official", "why"),
    [
        ((200, "text/html", b"<html><body>Service unavailable</body></html>", 0, None), "not JSON"),
        ((503, "text/html", b"<h1>503</h1>", 0, None), "HTTP 503"),
        ((200, "application/json", json.dumps(ROWS).encode()[:300], 0, 5000), "truncated download"),
        ((200, "application/json", b"[]", 0, None), "expected a list of registry rows"),
        ((200, "application/json", json.dumps(ROWS[:2] + ROWS[7:8]).encode(), 0, None),
         "would remove 7 of 10 entries (70%)"),
        ((200, "application/json", json.dumps(ROWS).encode(), 3, None), "cannot connect: timed out"),
    ],
)
def test_a_bad_official_download_falls_back_to_the_mirror(cli, server, listed, official, why):
    _, responses = server
    responses["/official.json"] = official
    responses["/mirror.json"] = (200, "application/json", _itsalt([*ROWS, NEW]), 0, None)
    run = cli("lists", "update", str(listed), "--timeout", "1")
    assert run.exit_code == 0, run.stderr
    [line] = [x for x in run.stderr.splitlines() if "official register" in x]
    assert line.startswith("ru.foreign-agents: not used: official register: ")
    assert why in line or (why.startswith("cannot connect") and "no answer within 1 seconds" in line)
    assert "from mirror <" in run.stdout and "+1 added" in run.stdout


def test_a_lagging_mirror_and_a_tampered_one_are_refused_and_the_list_kept(cli, server, listed):
    _, responses = server
    before = listed.read_bytes()
    responses["/mirror.json"] = (200, "application/json", _itsalt(ROWS[:7] + ROWS[8:]), 0, None)
    run = cli("lists", "update", str(listed))
    assert run.exit_code == 2
    lines = run.stderr.splitlines()
    assert lines[0].startswith("ru.foreign-agents: not used: official register: HTTP 404")
    lag = "mirror: lags behind the list: its newest designation is 2025-11-21, the list already has 2025-11-28"
    assert lag in lines[1]
    assert lines[-1] == f"error: ru.foreign-agents: not updated; {listed} is unchanged"
    assert listed.read_bytes() == before
    responses["/mirror.json"] = (200, "application/json", _itsalt([*ROWS, NEW], tamper=True), 0, None)
    run = cli("lists", "update", str(listed))
    assert "mirror: its entries do not match the checksum it publishes" in run.stderr
    assert run.exit_code == 2 and listed.read_bytes() == before


def test_the_removal_threshold_is_an_option(cli, server, listed):
    _, responses = server
    responses["/official.json"] = _json(ROWS[:8])
    assert cli("lists", "update", str(listed)).exit_code == 2
    run = cli("lists", "update", str(listed), "--max-removed", "25")
    assert run.exit_code == 0 and "-2 removed" in run.stdout


def test_lists_without_sources_and_unknown_lists_are_one_line(cli, tmp_path):
    run = cli("lists", "update", "--dir", str(tmp_path))
    assert run.exit_code == 2
    no_sources = "no list file names sources to update from (`update:` in its header)"
    assert run.stderr.strip() == f"error: {tmp_path}: {no_sources}"
    run = cli("lists", "update", "ru.nothing", "--dir", str(tmp_path))
    assert run.exit_code == 2 and "ru.nothing: no such list file" in run.stderr


def test_the_bundled_russian_lists_name_their_sources_official_first():
    """The foreign-agents register has an official JSON API; the other three are published as
    HTML pages, read through mirrors that fetch them from a Russian network exit."""
    folder = Path(__file__).resolve().parent.parent / "rules" / "lists"
    for list_id in ("ru.foreign-agents", "ru.undesirable", "ru.extremist", "ru.terrorist"):
        data = yaml.safe_load((folder / f"{list_id}.yaml").read_text(encoding="utf-8"))
        names = [s["name"] for s in data["update"]]
        assert len(names) >= 2 and "mirror" in names[-1], list_id
    data = yaml.safe_load((folder / "ru.foreign-agents.yaml").read_text(encoding="utf-8"))
    assert "(official)" in data["update"][0]["name"] and data["update"][0]["url"].startswith(data["source"][:30])


# -- the scheduled recipes of docs/lists-update.md, step by step -------------------------------

RECIPES = Path(__file__).resolve().parent.parent / "docs" / "lists-update.md"


def _recipe(key: str) -> dict:
    import re

    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", RECIPES.read_text(encoding="utf-8"), re.S)]
    [found] = [b for b in blocks if key in b]
    return found


def _bash(script: str, cwd: Path, env: dict[str, str] | None = None):
    import os
    import subprocess
    import sys

    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PATH": path, **(env or {})})


def _repository(tmp_path: Path, listed: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    listed.parent.rename(repo / "rules" / "lists")
    return repo


def test_the_github_workflow_updates_the_lists_and_writes_the_request_body(server, listed, tmp_path):
    _, responses = server
    responses["/official.json"] = _json([*ROWS, NEW])
    workflow = _recipe("jobs")
    assert workflow[True]["schedule"] and "workflow_dispatch" in workflow[True]  # YAML reads `on` as True
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = workflow["jobs"]["update"]["steps"]
    [pr] = [s for s in steps if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert pr["with"]["body-path"] == "lists-update.txt" and pr["with"]["add-paths"] == "rules/lists"
    repo = _repository(tmp_path, listed)
    for step in steps:
        if "run" in step and "pip install" not in step["run"]:
            done = _bash(step["run"], repo)
            assert done.returncode == 0, done.stderr
    body = (repo / "lists-update.txt").read_text(encoding="utf-8")
    assert "+1 added" in body and "Новикова Вера Сергеевна" in body
    assert "Новикова" in (repo / "rules" / "lists" / "ru.foreign-agents.yaml").read_text(encoding="utf-8")


def test_the_github_workflow_still_reports_when_a_list_cannot_be_updated(server, listed, tmp_path):
    repo = _repository(tmp_path, listed)  # nothing is served: every source fails
    [step] = [s for s in _recipe("jobs")["jobs"]["update"]["steps"] if "lists update" in s.get("run", "")]
    done = _bash(step["run"], repo)
    assert done.returncode == 0
    body = (repo / "lists-update.txt").read_text(encoding="utf-8")
    assert "official register: HTTP 404" in body and "Some lists were not updated" in body


def test_the_gitlab_job_pushes_a_branch_with_the_update(server, listed, tmp_path):
    _, responses = server
    responses["/official.json"] = _json([*ROWS, NEW])
    job = _recipe("lists-update")["lists-update"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in job["rules"]
    repo = _repository(tmp_path, listed)
    origin = tmp_path / "origin.git"
    git = "git -c init.defaultBranch=main"
    setup = (f"{git} init -q --bare {origin} && git -C {origin} config receive.advertisePushOptions true && "
             f"{git} init -q && git add . && git -c user.name=t -c user.email=t@t commit -qm start")
    assert _bash(setup, repo).returncode == 0
    env = {"LISTS_PUSH_URL": str(origin), "CI_DEFAULT_BRANCH": "main"}
    script = "\n".join(line for line in job["script"] if "pip install" not in line)
    done = _bash(script, repo, env)
    assert done.returncode == 0, done.stderr
    pushed = _bash(f"git -C {origin} show lists-update:rules/lists/ru.foreign-agents.yaml", repo)
    assert "Новикова Вера Сергеевна" in pushed.stdout
    message = _bash(f"git -C {origin} log -1 --format=%B lists-update", repo).stdout
    assert message.startswith("Designation lists: update from their sources") and "+1 added" in message


def test_stale_warnings_name_the_lists_of_the_places_checked(cli):
    sample = str(Path(__file__).resolve().parent.parent / "samples" / "rferl-article.html")
    russia = cli("check", "-q", sample, "--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27").stderr
    assert "list ru.undesirable is stale" in russia and "us.fara-registrants" not in russia
    assert "(refresh it: checker lists update ru.undesirable)" in russia
    anywhere = cli("check", "-q", sample, "--as-of", "2026-11-27").stderr
    assert "list us.fara-registrants is stale" in anywhere
