"""`checker serve` as a CMS and a browser use it: the real command started on a loopback port,
requests through a real HTTP client, answers compared with what the command line says."""

from __future__ import annotations

import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import HOUSE_RULE, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_html_report import HOSTILE_HTML, browser  # noqa: F401  (the Chromium fixture of the HTML report)

httpx = pytest.importorskip("httpx", reason="the serve tests need the test extra (httpx)")
pytest.importorskip("starlette", reason="checker serve needs the serve extra")

AS_OF = "2026-11-27"
TOKEN = "s3cret-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`checker serve` in a child process, and a client for it."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = cwd / f"serve-{self.port}.log"
        command = [sys.executable, "-m", "checker", "serve", "--port", str(self.port), *args]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
            )
        self.client = httpx.Client(base_url=self.url, timeout=60)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"checker serve ended: {self.log.read_text()}")
            try:
                if self.client.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        pytest.fail(f"checker serve did not answer in time: {self.log.read_text()}")

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder without configuration, for the server and the command line alike."""
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def server(workdir) -> Iterator[Server]:
    running = Server(workdir, "--as-of", AS_OF, "--workers", "2")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def here(workdir, monkeypatch) -> Path:
    monkeypatch.chdir(workdir)
    return workdir


def cli_json(cli, *args: str) -> dict:
    run = cli(*args)
    assert run.exit_code in (0, 1), run.stderr
    return {**json.loads(run.stdout), "exit_code": run.exit_code}


# --- POST /check: the command line's JSON report ---------------------------------------------


def test_check_of_a_raw_article_is_the_json_of_checker_check(server, cli, here):
    sample = SAMPLES / "rferl-no-warning.html"
    expected = cli_json(cli, "check", "--format", "json", "--publisher", "RFE/RL", "--region", "RU",
                        "--as-of", AS_OF, str(sample))
    answer = server.client.post(
        "/check", content=sample.read_bytes(), headers={"Content-Type": "text/html; charset=utf-8"},
        params={"publisher": "RFE/RL", "region": "RU", "name": str(sample)},
    )
    assert answer.status_code == 200
    assert answer.json() == expected
    assert expected["exit_code"] == 1 and expected["summary"]["flagged"] == 1  # the comparison is not of nothing


@pytest.mark.parametrize("sample, context", [
    ("pivovarov-old-label.md", {}),  # the context is in the front matter
    ("moscow-daily-mentions.html", {"jurisdictions": ["RU"]}),
    ("rt-america-statement.txt", {"publisher": "RT America", "jurisdictions": ["US"]}),
])
def test_check_of_json_with_context_is_the_json_of_checker_check(server, cli, here, sample, context):
    path = SAMPLES / sample
    options = [f"--publisher={context['publisher']}"] if "publisher" in context else []
    options += [f"--jurisdiction={code}" for code in context.get("jurisdictions", ())]
    expected = cli_json(cli, "check", "--format", "json", "--as-of", AS_OF, *options, str(path))
    body = {"text": path.read_text(encoding="utf-8"), "name": str(path), "as_of": AS_OF, **context}
    answer = server.client.post("/check", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json() == expected


def test_a_clean_article_exits_0_and_an_unreadable_one_exits_2(server):
    clean = server.client.post("/check", json={"text": "<h1>Weather</h1><p>Sunny.</p>", "format": "html"})
    assert clean.json()["exit_code"] == 0 and clean.json()["documents"][0]["path"] == "article.html"
    deep = "<div>" * 100_000
    unreadable = server.client.post("/check", content=deep, headers={"Content-Type": "text/html"})
    document = unreadable.json()["documents"][0]
    assert unreadable.status_code == 200 and unreadable.json()["exit_code"] == 2
    assert document["error"].startswith("article.html: ") and "\n" not in document["error"]


def test_a_request_can_block_only_on_errors_as_fail_on_does(server, cli):
    sample = SAMPLES / "rferl-no-warning.html"  # its one problem is a flag of warning severity
    expected = cli_json(cli, "check", "--format", "json", "--publisher", "RFE/RL", "--region", "RU",
                        "--as-of", AS_OF, "--fail-on", "error", str(sample))
    params = {"publisher": "RFE/RL", "region": "RU", "as_of": AS_OF, "name": str(sample)}
    raw = server.client.post("/check", content=sample.read_bytes(), headers={"Content-Type": "text/html"},
                             params={**params, "fail_on": "error"})
    assert raw.json() == expected and expected["exit_code"] == 0 and expected["summary"]["flagged"] == 1
    body = {"text": sample.read_text(encoding="utf-8"), "regions": ["RU"], **params}
    del body["region"]
    assert server.client.post("/check", json={**body, "fail_on": "error"}).json()["exit_code"] == 0
    assert server.client.post("/check", json=body).json()["exit_code"] == 1  # the server's own setting
    assert server.client.post("/check", json={**body, "fail_on": "info"}).json()["exit_code"] == 1


def test_what_json_cannot_hold_in_text_is_read_as_invalid_utf8_is_in_a_file(server):
    body = b'{"text": "<p>Bell \\u0007, lone \\ud800 surrogate</p>", "format": "html", "name": "csi\\u009b.html"}'
    answer = server.client.post("/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.headers["x-checker-exit-code"] == "0"
    [warning] = answer.json()["documents"][0]["warnings"]
    assert "invalid UTF-8" in warning and "read as U+FFFD" in warning
    # The name comes back as it came, and its C1 control escaped, as the command line escapes it.
    assert answer.json()["documents"][0]["path"] == "csi\u009b.html"
    assert b"\xc2\x9b" not in answer.content and '"path":"csi\\u009b.html"' in answer.text
    tried = body.replace(b'"name": "csi\\u009b.html"', b'"rule": "de.impressum.link"')
    answer = server.client.post("/rules/try", content=tried, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["outcome"] == "not-applicable"


def test_the_html_report_is_the_one_of_format_html_with_its_policy(server):
    sample = SAMPLES / "rferl-no-warning.html"
    answer = server.client.post("/check", content=sample.read_bytes(),
                                params={"publisher": "RFE/RL", "region": "RU", "report": "html"},
                                headers={"Content-Type": "text/html"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.headers["x-checker-exit-code"] == "1"
    policy = answer.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert "'unsafe-inline'" not in policy.split(";")[1]
    page = answer.text
    assert page.count("<script") == 1 and '<mark class="hl s-flagged"' in page and "Donate now" in page


# --- POST /fix: what `checker fix` inserts --------------------------------------------------------


@pytest.mark.parametrize("style", ["parenthesis", "footnote"])
def test_fix_gives_the_diff_of_checker_fix_and_the_fixed_article(server, cli, here, style):
    sample = SAMPLES / "moscow-daily-mentions.html"
    shown = cli("fix", "--jurisdiction", "RU", "--as-of", AS_OF, "--fix-style", style, str(sample))
    assert shown.stdout.startswith("--- ")  # the comparison is not of nothing
    answer = server.client.post(
        "/fix", content=sample.read_bytes(), headers={"Content-Type": "text/html"},
        params={"jurisdiction": "RU", "name": str(sample), "style": style},
    ).json()
    assert answer["diff"] == shown.stdout and answer["changed"] and answer["error"] is None
    assert answer["fixes"] and all({"rule", "location", "inserted"} <= set(f) for f in answer["fixes"])
    # The fixed article is what `checker check` then passes, as the answer's report and exit code say.
    (here / "fixed.html").write_text(answer["fixed"], encoding="utf-8")
    checked = cli_json(cli, "check", "--format", "json", "--jurisdiction", "RU", "--as-of", AS_OF, "fixed.html")
    assert checked["exit_code"] == answer["exit_code"]
    assert checked["summary"] == answer["report"]["summary"]
    assert answer["report"]["summary"]["missing"] == 0


def test_fix_limited_to_a_rule_and_with_nothing_to_fix(server):
    text = "<h1>Лекция</h1><p>Лекцию прочитала Екатерина Шульман.</p>"
    only = server.client.post("/fix", json={"text": text, "jurisdictions": ["RU"], "rules": ["de.impressum.link"]})
    assert only.json()["changed"] is False and only.json()["fixed"] is None and only.json()["exit_code"] == 1
    clean = server.client.post("/fix", json={"text": "<p>Sunny.</p>", "format": "html"}).json()
    assert (clean["changed"], clean["fixed"], clean["diff"], clean["exit_code"]) == (False, None, "", 0)
    fixed = server.client.post("/fix", json={"text": text, "jurisdictions": ["RU"]}).json()
    assert fixed["fixed"] == "<h1>Лекция</h1><p>Лекцию прочитала Екатерина Шульман (признана иноагентом).</p>"


# --- rules and lists -------------------------------------------------------------------------


def test_rules_and_lists_are_those_of_the_command_line(server, cli, here):
    listed = json.loads(cli("rules", "list", "--format", "json").stdout)
    rules = server.client.get("/rules").json()
    assert [r["id"] for r in rules] == [r["id"] for r in listed]
    assert all("path" not in r for r in rules)
    rule = server.client.get("/rules/ru.undesirable.donation-cta").json()
    assert rule["explained"] == cli("rules", "show", "ru.undesirable.donation-cta").stdout
    assert rule["law"][0]["url"].startswith("https://") and rule["examples"]
    assert {"name", "text", "format", "context", "expect", "expect_words"} <= set(rule["examples"][0])
    lists = json.loads(cli("lists", "--as-of", AS_OF, "--format", "json").stdout)
    assert server.client.get("/lists").json() == [{k: v for k, v in row.items() if k != "path"} for row in lists]
    health = server.client.get("/health").json()
    assert health["status"] == "ok" and health["workers"] == 2 and health["rules"] == len(rules)
    assert not health["token_required"] and health["limits"]["max-input-bytes"] == 4 * 1024 * 1024


def test_an_unknown_rule_is_404_with_a_suggestion(server):
    answer = server.client.get("/rules/ru.undesirable.donation")
    assert answer.status_code == 404
    assert answer.json() == {"error": "no rule 'ru.undesirable.donation' (did you mean 'ru.undesirable.donation-cta'?)"}


# --- POST /rules/try ---------------------------------------------------------------------------


def test_every_example_of_a_bundled_rule_gives_what_it_expects(server):
    rule = server.client.get("/rules/ru.undesirable.reader-warning").json()
    for example in rule["examples"]:
        body = {"rule": rule["id"], "text": example["text"], "format": example["format"], **example["context"]}
        answer = server.client.post("/rules/try", json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["outcome"] == example["expect"]["status"], example["name"]


def test_a_rule_that_does_not_apply_says_why(server):
    answer = server.client.post("/rules/try", json={
        "rule": "ru.undesirable.reader-warning", "text": "<p>Donate now</p>", "publisher": "RFE/RL", "regions": ["DE"],
    }).json()
    assert answer["outcome"] == "not-applicable" and "RU" in answer["not_applied"] and answer["results"] == []


def test_a_draft_is_validated_with_the_messages_of_rules_validate(server, cli, here):
    draft = HOUSE_RULE.replace("purpose: house", "purpose: hous").replace("kind: notice", "kind: notise")
    (here / "draft.yaml").write_text(draft, encoding="utf-8")
    validated = cli("rules", "validate", "draft.yaml")
    assert validated.exit_code == 2
    answer = server.client.post("/rules/try", json={"yaml": draft, "text": "A story."}).json()
    assert answer["valid"] is False
    assert answer["problems"] == validated.stdout.splitlines()
    assert answer["problems"][0].startswith("draft.yaml:4:10: purpose: ")


def test_a_valid_draft_is_tried_on_the_text(server):
    draft = HOUSE_RULE + "examples:\n  - text: \"A story.\\n\\nThe end.\"\n    expect: {status: present}\n"
    tried = lambda text: server.client.post(  # noqa: E731
        "/rules/try", json={"yaml": draft, "text": text, "format": "text", "jurisdictions": ["RU"]}
    ).json()
    assert tried("A story.\n\nThe end.")["outcome"] == "present"
    missing = tried("A story without its sign-off.")
    assert missing["rule"] == "house.test" and missing["outcome"] == "missing"
    assert missing["results"][0]["location"] == {"line": 1, "column": 1}
    # The draft's own examples run as `checker rules test` runs them.
    assert missing["examples"] == [{"name": "example 1", "where": "draft.yaml:14", "passed": True,
                                    "expected": "status present", "found": "status present", "failure": []}]
    wrong = draft.replace("expect: {status: present}", "expect: {status: missing}")
    [failed] = server.client.post("/rules/try", json={"yaml": wrong, "jurisdictions": ["RU"]}).json()["examples"]
    assert not failed["passed"] and failed["failure"][:2] == ["expected status: missing", "found status:    present"]


def test_a_rule_comes_with_its_yaml_to_start_a_draft_from(server):
    rule = server.client.get("/rules/ru.undesirable.donation-cta").json()
    assert rule["yaml"].startswith("id: ru.undesirable.donation-cta\n")
    tried = server.client.post("/rules/try", json={"yaml": rule["yaml"]}).json()
    assert tried["valid"] and tried["rule"] == "ru.undesirable.donation-cta"
    assert len(tried["examples"]) == len(rule["examples"]) and all(e["passed"] for e in tried["examples"])


# --- bad requests: 4xx and one line ------------------------------------------------------------


BIG = 4 * 1024 * 1024 + 1


@pytest.mark.parametrize("method, path, kwargs, status, message", [
    ("post", "/check", {"content": b"%PDF-1.4", "headers": {"Content-Type": "application/pdf"}}, 415,
     "send the article as HTML (text/html), Markdown (text/markdown), text (text/plain) or JSON (application/json); "
     "this request has content type 'application/pdf'"),
    ("post", "/check", {"content": b"x"}, 415, "this request has no content type"),
    ("post", "/check", {"content": b"{\"text\": ", "headers": {"Content-Type": "application/json"}}, 400,
     "the body is not valid JSON: Expecting value: line 1 column 10 (char 9)"),
    ("post", "/check", {"json": ["text"]}, 400, "the JSON body must be an object"),
    ("post", "/check", {"json": {"txt": "a"}}, 400, "unknown field 'txt' (did you mean 'text'?)"),
    ("post", "/check", {"json": {"format": "html"}}, 400, "text: the article, a string, is required"),
    ("post", "/check", {"json": {"text": "a", "format": "pdf"}}, 400, "format: 'pdf' is not one of html, markdown"),
    ("post", "/check", {"json": {"text": "a", "regions": ["RUS"]}}, 400, "regions: "),
    ("post", "/check", {"json": {"text": "a", "regions": "XX"}}, 400, "regions: 'XX' is not"),
    ("post", "/check", {"json": {"text": "a", "as_of": "27.11.2026"}}, 400, "as_of: '27.11.2026' is not a date"),
    ("post", "/check?fail_on=fatal", {"content": b"a", "headers": {"Content-Type": "text/plain"}}, 400,
     "fail_on: 'fatal' is not one of info, warning, error"),
    ("post", "/check", {"json": {"text": "a", "publisher": "Meduzza"}}, 400,
     "publisher 'Meduzza' is on no designation list (did you mean 'Meduza'?)"),
    ("post", "/check", {"json": {"text": "a", "publisher": 7}}, 400, "publisher: a string, not int"),
    ("post", "/check?regoin=RU", {"content": b"a", "headers": {"Content-Type": "text/plain"}}, 400,
     "unknown parameter 'regoin' (did you mean 'region'?)"),
    ("post", "/check?report=pdf", {"json": {"text": "a"}}, 400, "report: 'pdf' is not json or html"),
    ("post", "/check", {"content": b"a" * BIG, "headers": {"Content-Type": "text/plain"}}, 413,
     "the article is too large (the limit is 4,194,304 bytes)"),
    ("post", "/check", {"json": {"text": "a" * BIG}}, 413, "the article is too large (4,194,305 bytes; the limit is"),
    ("post", "/check", {"content": b" " * (13 * 1024 * 1024), "headers": {"Content-Type": "application/json"}}, 413,
     "the request body is too large"),
    ("post", "/rules/try", {"json": {"text": "a"}}, 400, "give a rule id (rule) or a draft rule as YAML (yaml)"),
    ("post", "/rules/try", {"json": {"rule": "no.such", "text": "a"}}, 404, "rule: no rule 'no.such'"),
    ("post", "/fix", {"json": {"text": "a", "rules": ["ru.foreign-agent.mention"]}}, 400,
     "rules: no rule 'ru.foreign-agent.mention' (did you mean"),
    ("post", "/fix", {"json": {"text": "a", "style": "brackets"}}, 400, "style: 'brackets' is not one of parenthesis"),
    ("post", "/fix?marker=%23", {"content": b"a", "headers": {"Content-Type": "text/plain"}}, 400,
     "marker: '#' is not one of"),
    ("post", "/fix", {"json": {"text": "a", "rule": ["x"]}}, 400, "unknown field 'rule' (did you mean 'rules'?)"),
    ("post", "/check", {"content": b"[" * 100_000, "headers": {"Content-Type": "application/json"}}, 400,
     "the body is not valid JSON: nested too deeply"),
    ("post", "/check", {"content": b'{"text": "a", "publisher": "Med\\ud800uza"}',
                        "headers": {"Content-Type": "application/json"}}, 400,
     "publisher: not valid Unicode (a lone surrogate"),
    ("post", "/check", {"content": b'{"text": "a", "\\udc00": 1}', "headers": {"Content-Type": "application/json"}},
     400, "\\udc00: not valid Unicode"),
    ("post", "/check", {"json": {"text": "a", "publisher": "Meduza \U0001F600"}}, 400,
     "publisher 'Meduza \U0001F600' is on no designation list"),
    ("get", "/check", {}, 405, "Method Not Allowed: GET /check"),
    ("get", "/etc/passwd", {}, 404, "Not Found: GET /etc/passwd"),
    ("get", "/static/..%2Fapp.py", {}, 404, "Not Found: GET /static/../app.py"),
    ("get", "/static/app.py", {}, 404, "no such file 'app.py'"),
    ("get", "/lists?as_of=yesterday", {}, 400, "as_of: 'yesterday' is not a date"),
])
def test_a_bad_request_gets_a_4xx_and_one_clear_line(server, method, path, kwargs, status, message):
    answer = getattr(server.client, method)(path, **kwargs)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert message in error and "\n" not in error and "Traceback" not in error


# --- safety: the token, the time limit, the address --------------------------------------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> Iterator[Server]:
    """A server configured for Russian law, that needs a token and gives a document one second."""
    folder = tmp_path_factory.mktemp("guarded")
    (folder / "checker.yaml").write_text("jurisdictions: [RU]\nlimits:\n  max-seconds: 1\n", encoding="utf-8")
    running = Server(folder, "--as-of", AS_OF, "--workers", "1", env={"CHECKER_SERVE_TOKEN": TOKEN})
    try:
        yield running
    finally:
        running.stop()


def test_with_a_token_only_the_pages_and_health_are_open(guarded):
    article = {"text": "<p>Sunny.</p>", "format": "html"}
    assert guarded.client.post("/check", json=article).status_code == 401
    wrong = guarded.client.post("/check", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert "a bearer token is required" in wrong.json()["error"]
    assert guarded.client.get("/rules").status_code == 401
    right = guarded.client.post("/check", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json()["exit_code"] == 0
    assert guarded.client.get("/health").json()["token_required"] is True
    # The configuration's context is every request's default, as for `checker check`.
    auth = {"Authorization": f"Bearer {TOKEN}"}
    configured = guarded.client.post("/check", json={"text": "<p>Екатерина Шульман</p>"}, headers=auth)
    assert configured.json()["exit_code"] == 1
    assert configured.json()["documents"][0]["context"]["jurisdictions"] == ["RU"]
    assert guarded.client.get("/").status_code == 200 and guarded.client.get("/static/check.js").status_code == 200


def test_the_time_limit_holds_in_the_workers(guarded):
    paragraph = "Максим Галкин и Екатерина Шульман встретились с Алексеем Пивоваровым в Риге.\n\n"
    heavy = paragraph * 28_000  # about 4 MB, two seconds' work or more
    auth = {"Authorization": f"Bearer {TOKEN}"}
    started = time.monotonic()
    body = {"text": heavy, "format": "text", "jurisdictions": ["RU"]}
    answer = guarded.client.post("/check", json=body, headers=auth)
    assert time.monotonic() - started < 20
    document = answer.json()["documents"][0]
    assert answer.status_code == 200 and answer.json()["exit_code"] == 2
    assert document["error"] == "article.txt: checking took too long (the limit is 1 second: limits.max-seconds)"
    # The worker lives on and serves the next request.
    again = guarded.client.post("/check", json={"text": paragraph, "jurisdictions": ["RU"]}, headers=auth)
    assert again.json()["exit_code"] == 1


def worker_pids(server: Server) -> list[int]:
    pid = server.process.pid
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_ticks(pid: int) -> int:
    """The CPU time a process has used, in clock ticks (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_a_stuck_worker_is_replaced_and_so_is_a_dead_one(guarded):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {"text": "<p>Sunny.</p>", "format": "html"}
    [stuck] = worker_pids(guarded)
    os.kill(stuck, signal.SIGSTOP)  # as if stuck in one call into C, which no signal interrupts
    started = time.monotonic()
    answer = guarded.client.post("/check", json=article, headers=auth)
    assert answer.status_code == 503 and 5 < time.monotonic() - started < 30
    assert answer.json() == {"error": "checking took longer than 6 seconds and was stopped (limits.max-seconds)"}
    [fresh] = worker_pids(guarded)
    assert fresh != stuck
    assert guarded.client.post("/check", json=article, headers=auth).json()["exit_code"] == 0
    os.kill(fresh, signal.SIGKILL)  # dead while idle: the next job goes to a new worker
    time.sleep(0.2)
    assert guarded.client.post("/check", json=article, headers=auth).json()["exit_code"] == 0
    [third] = worker_pids(guarded)
    assert third not in (stuck, fresh)
    # Dead during a job: that request gets a 500, the next one a new worker.
    paragraph = "Максим Галкин и Екатерина Шульман встретились с Алексеем Пивоваровым в Риге.\n\n"
    heavy = {"text": paragraph * 28_000, "format": "text", "jurisdictions": ["RU"]}
    idle = cpu_ticks(third)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pending = pool.submit(guarded.client.post, "/check", json=heavy, headers=auth)
        while cpu_ticks(third) < idle + 20 and not pending.done():  # a fifth of a second into the job
            time.sleep(0.02)
        os.kill(third, signal.SIGKILL)
        died = pending.result()
    assert died.status_code == 500 and died.json()["error"].startswith("internal error: a worker process ended")
    assert guarded.client.post("/check", json=article, headers=auth).json()["exit_code"] == 0


def test_create_app_serves_with_its_limits(tmp_path):
    """The application factory without the command: uvicorn in a thread, one worker, a small body
    limit and no waiting line."""
    import threading

    import uvicorn

    from checker import Session
    from checker.serve import ServeLimits, create_app

    session = Session(as_of=AS_OF, jurisdictions=["RU"])
    app = create_app(session, limits=ServeLimits(max_body_bytes=5_000_000, max_waiting=0), workers=1)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            deadline = time.monotonic() + 60
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.05)
            assert client.get("/health").json()["workers"] == 1
            assert client.post("/check", json={"text": "Екатерина Шульман"}).json()["exit_code"] == 1
            big = client.post("/check", json={"text": "a" * 5_000_000})
            assert big.status_code == 413 and big.json()["error"] == \
                "the request body is too large (the limit is 5,000,000 bytes)"
            # While the one worker checks a long article, another request is turned away at once.
            [worker] = [w.process.pid for w in app.state.service.pool.workers]
            paragraph = "Максим Галкин и Екатерина Шульман встретились с Алексеем Пивоваровым в Риге.\n\n"
            idle = cpu_ticks(worker)
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                long = pool.submit(client.post, "/check", json={"text": paragraph * 10_000, "format": "text"})
                while cpu_ticks(worker) < idle + 10 and not long.done():
                    time.sleep(0.02)
                turned_away = client.post("/check", json={"text": "a"})
                assert long.result().status_code == 200
            assert turned_away.status_code == 503
            assert turned_away.json()["error"].startswith("busy: every worker is checking and 0 request(s) are waiting")
    finally:
        server.should_exit = True
        thread.join(30)
    assert not thread.is_alive()


def test_listening_beyond_loopback_without_a_token_warns(tmp_path):
    from checker.commands.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    running = Server(tmp_path, "--host", "0.0.0.0", "--workers", "1")
    try:
        log = running.log.read_text()
    finally:
        running.stop()
    assert "warning: listening on 0.0.0.0 without a token: anyone who can reach this port" in log
    assert "CHECKER_SERVE_TOKEN" in log


def test_pages_carry_their_policy(server):
    for path in ("/", "/ui/rules"):
        page = server.client.get(path)
        policy = page.headers["content-security-policy"]
        assert page.status_code == 200 and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "script-src 'self' 'sha256-" in policy and "'unsafe-eval'" not in policy
        assert page.headers["x-content-type-options"] == "nosniff"


# --- the pages in headless Chromium -------------------------------------------------------------



def _wait(driver, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 60, poll_frequency=0.1).until(condition, message=what)


def _check_and_wait(driver) -> str:
    from selenium.webdriver.common.by import By

    driver.execute_script("document.getElementById('status').textContent = ''")
    driver.find_element(By.ID, "check").click()
    status = _wait(driver, lambda d: d.find_element(By.ID, "status").text not in ("", "Checking…") and
                   d.find_element(By.ID, "status").text, "the check's status line")
    return str(status)


def test_the_page_checks_a_pasted_and_an_uploaded_article(browser, server):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    js = browser.execute_script
    # Paste a hostile article: its scripts and handlers must not run, in the page or the report.
    js("document.getElementById('text').value = arguments[0]", HOSTILE_HTML)
    browser.find_element(By.ID, "publisher").send_keys("RFE/RL")
    browser.find_element(By.ID, "regions").send_keys("RU")
    assert _check_and_wait(browser).startswith("Exit code 1: something is missing, malformed or flagged")
    frame = browser.find_element(By.ID, "report")
    assert "allow-same-origin" not in frame.get_attribute("sandbox")
    browser.switch_to.frame(frame)
    try:
        flagged = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark.hl.s-flagged"), "a highlight")
        assert [m.text for m in flagged] == ["Donate now"]
        assert browser.find_element(By.CSS_SELECTOR, ".pin.s-missing").text == "missing: ru.undesirable.reader-warning"
        assert js("return typeof window.pwned") == "undefined" and js("return document.scripts.length") == 1
        assert js("return document.querySelectorAll('[onerror],[onmouseover],iframe').length") == 0
        # The report's own script runs in its sandbox: a result takes you to its place.
        item = browser.find_element(By.CSS_SELECTOR, ".item.s-flagged a.goto")
        target = item.get_attribute("data-target")
        item.click()
        assert js("return document.activeElement.id") == target
        assert "current" in browser.find_element(By.CSS_SELECTOR, f"mark[data-r='{target}']").get_attribute("class")
    finally:
        browser.switch_to.default_content()
    assert js("return typeof window.pwned") == "undefined"
    keep = os.environ.get("CHECKER_SERVE_SCREENSHOT")  # set to docs/serve-page.png to refresh the docs
    if keep:
        js("window.scrollTo(0, 0)")
        browser.save_screenshot(keep)

    # Open a file: it fills the article, its format and its name.
    browser.find_element(By.ID, "file").send_keys(str(SAMPLES / "rferl-article.html"))
    _wait(browser, lambda d: d.find_element(By.ID, "name").get_attribute("value") == "rferl-article.html", "the file")
    assert browser.find_element(By.ID, "format").get_attribute("value") == "html"
    assert _check_and_wait(browser).startswith("Exit code 0: nothing of the failing severity")
    browser.switch_to.frame(browser.find_element(By.ID, "report"))
    try:
        present = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark.hl.s-present"), "the warning")
        assert present[0].text.startswith("If you are in Russia")
        assert browser.find_element(By.TAG_NAME, "h2").text.endswith("rferl-article.html")
    finally:
        browser.switch_to.default_content()

    # Suggested fixes: the diff, then the fixed article checked.
    js("document.getElementById('text').value = arguments[0]",
       "<h1>Лекция</h1><p>Лекцию прочитала Екатерина Шульман.</p>")
    browser.find_element(By.ID, "publisher").clear()
    browser.find_element(By.ID, "regions").clear()
    browser.find_element(By.ID, "jurisdictions").send_keys("RU")
    assert _check_and_wait(browser).startswith("Exit code 1")
    browser.find_element(By.ID, "fix").click()
    diff = _wait(browser, lambda d: d.find_element(By.ID, "fix-diff").text, "the diff")
    assert "+<h1>Лекция</h1><p>Лекцию прочитала Екатерина Шульман (признана иноагентом).</p>" in diff
    assert browser.find_element(By.ID, "fix-summary").text.startswith("1 insertion(s); 0 left to fix by hand")
    browser.find_element(By.ID, "use-fixed").click()
    _wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("Exit code 0"), "the fixed check")
    assert "(признана иноагентом)" in browser.find_element(By.ID, "text").get_attribute("value")

    # A bad context is one line on the page.
    browser.find_element(By.ID, "regions").send_keys(", XX")
    assert _check_and_wait(browser) == "regions: 'XX' is not an ISO 3166-1 country code or EU"


def test_the_rules_page_explains_a_rule_and_tries_examples_and_drafts(browser, server):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/ui/rules")
    count = len(server.client.get("/rules").json())
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#rule-list button")) == count, "the rule list")
    browser.find_element(By.ID, "filter").send_keys("donation")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#rule-list button")
    assert [b.get_attribute("data-id") for b in buttons] == ["by.extremist.donation-cta", "ru.undesirable.donation-cta"]
    buttons[1].click()
    heading = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#rule h2"), "the rule")[0]
    assert heading.text.startswith("ru.undesirable.donation-cta ")
    text = browser.find_element(By.ID, "rule").text
    assert "When it applies" in text and "The law" in text and "Examples" in text
    law = browser.find_elements(By.CSS_SELECTOR, "#rule ul.law a")
    assert law and law[0].get_attribute("href").startswith("https://") and law[0].get_attribute("rel") == \
        "noopener noreferrer"

    # Try each example: the page says what the rule found, as the example expects.
    rule = server.client.get("/rules/ru.undesirable.donation-cta").json()
    for index, example in enumerate(rule["examples"][:3]):
        browser.find_elements(By.CSS_SELECTOR, "button.try-example")[index].click()
        assert browser.find_element(By.ID, "try-text").get_attribute("value") == example["text"]
        browser.execute_script("document.getElementById('try-result').textContent = ''")
        browser.find_element(By.ID, "try").click()
        outcome = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#try-result .outcome"), "the outcome")
        expected = example["expect"].get("status") or ("flagged" if example["expect"].get("flags") else "clean")
        assert outcome[0].text == f"Rule ru.undesirable.donation-cta: {expected}", example["name"]

    # A draft started from the rule: valid, and its examples pass.
    browser.find_element(By.ID, "start-draft").click()
    assert browser.find_element(By.ID, "draft").get_attribute("value") == rule["yaml"]
    browser.execute_script("document.getElementById('try-result').textContent = ''")
    browser.find_element(By.ID, "try").click()
    summary = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#try-result .examples-summary"), "examples")
    assert summary[0].text == f"The draft's examples: {len(rule['examples'])} passed, 0 failed"

    # A draft with a mistake: the problems, file:line:column, as `checker rules validate` says them.
    draft = HOUSE_RULE.replace("purpose: house", "purpose: hous")
    browser.execute_script("document.getElementById('draft').value = arguments[0]", draft)
    browser.find_element(By.ID, "try").click()
    problems = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#try-result ul.problems li"), "problems")
    assert problems[0].text.startswith("draft.yaml:4:10: purpose: 'hous' is not one of")


# --- whatever a client sends --------------------------------------------------------------------


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_FIELDS = st.dictionaries(
    st.sampled_from(["text", "format", "name", "publisher", "regions", "jurisdictions", "as_of", "lang", "rules",
                     "style", "marker", "rule", "yaml", "other"]),
    _JSON | st.text(max_size=60), max_size=6,
)
_BODIES = st.one_of(
    st.binary(max_size=300).map(lambda b: ("text/html", b)),
    st.binary(max_size=300).map(lambda b: ("text/markdown", b)),
    st.text(max_size=300).map(lambda t: ("text/plain; charset=utf-8", t.encode("utf-8", "surrogatepass"))),
    _FIELDS.map(lambda f: ("application/json", json.dumps(f).encode())),
    _JSON.map(lambda v: ("application/json", json.dumps(v).encode())),
    st.binary(max_size=100).map(lambda b: ("application/json", b)),
    st.tuples(st.sampled_from(["application/octet-stream", "image/png", "", "text/html; charset=koi8-r"]),
              st.binary(max_size=100)),
)
_QUERY = st.dictionaries(
    st.sampled_from(["publisher", "region", "jurisdiction", "as_of", "lang", "name", "report", "rule", "style",
                     "marker", "x"]),
    st.text(max_size=20), max_size=3,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/check", "/fix", "/rules/try"]), body=_BODIES, query=_QUERY)
def test_any_request_gets_an_answer_never_a_crash(server, path, body, query):
    media, content = body
    answer = server.client.post(path, content=content, params=query, headers={"Content-Type": media})
    assert answer.status_code in (200, 400, 404, 413, 415, 422), answer.text
    data = answer.json() if answer.headers["content-type"].startswith("application/json") else None
    if answer.status_code >= 400:
        assert data is not None and "\n" not in data["error"] and "Traceback" not in data["error"]
    elif path != "/rules/try" and data is not None:
        assert data["exit_code"] in (0, 1, 2)
