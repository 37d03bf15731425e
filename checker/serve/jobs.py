"""What one request asks the checker to do, and doing it: checking an article (`CheckJob`),
fixing it (`FixJob`), and trying a rule, bundled or drafted, on an example text (`TryJob`).

A job is plain data, made from a request by the web layer and run by a worker process
(`workers`), in that process's main thread, so the document time limit (`deadline`, SIGALRM)
holds there as it does for `checker check`. Nothing here reads a file: the article and the
draft rule come in the job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from typing import Any

from checker.authoring.examples import Outcome, failure_lines, outcome, run_example
from checker.deadline import deadline
from checker.documents import load_bytes
from checker.engine import check_input, evaluate_rule, prepare, why_not_applied
from checker.errors import InputError
from checker.fixes.model import Fix, FixOutcome, FixStyle, Unfixable
from checker.formats import html as html_format
from checker.formats import json as json_format
from checker.formats.common import RunInfo
from checker.printable import json_text
from checker.rulepack.pack import CompiledRule, compile_draft
from checker.session import OverrideError, Session

# The name a pasted draft rule has in its error messages: `draft.yaml:4:3: ...`.
DRAFT_NAME = "draft.yaml"
# The context a request may set, as `Session.override` takes it (fail_on: the severity from which
# the exit code is 1, as `checker check --fail-on`).
CONTEXT_FIELDS = ("publisher", "regions", "jurisdictions", "as_of", "lang", "fail_on")


def utf8(text: str) -> bytes:
    """Text from a JSON request as the bytes of a file: a lone surrogate (JSON allows "\\ud800")
    becomes invalid UTF-8, which the loader reads as U+FFFD and says so, as for a file."""
    return text.encode("utf-8", "surrogatepass")


class BadRequest(Exception):
    """A request that cannot be served as asked: one line saying why, and the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Reply:
    """What a job gives back: the HTTP status and body, ready to send (serialised in the worker,
    so the server's one thread only passes bytes on), and for a check its exit code."""

    status: int
    body: bytes
    media_type: str = "application/json"
    exit_code: int | None = None

    @classmethod
    def of(cls, status: int, data: dict[str, Any], exit_code: int | None = None) -> Reply:
        return cls(status, json_text(data, indent=None).encode("utf-8"), exit_code=exit_code)


@dataclass(frozen=True)
class CheckJob:
    """Check one article: its bytes, format (None: by the name's extension, then the content),
    the name the report gives it, the context, and which report (json or html)."""

    data: bytes
    fmt: str | None
    name: str
    context: dict[str, Any] = field(default_factory=dict)
    report: str = "json"


@dataclass(frozen=True)
class FixJob:
    """Fix one article: insert the labels and notices it lacks (`checker fix`), limited to
    `rules` when given, in a house style (`style`, `marker`; None: the configuration's)."""

    data: bytes
    fmt: str | None
    name: str
    context: dict[str, Any] = field(default_factory=dict)
    rules: tuple[str, ...] | None = None
    style: str | None = None
    marker: str | None = None


@dataclass(frozen=True)
class TryJob:
    """Try a rule: a bundled one by id, or a draft given as YAML (validated first); on `text`
    when there is one (else the draft is only validated)."""

    rule: str | None
    draft: str | None
    text: str | None
    fmt: str | None
    context: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=256)
def _override(session: Session, context: tuple[tuple[str, Any], ...]) -> Session:
    return session.override(**dict(context))


def in_context(session: Session, context: dict[str, Any]) -> Session:
    """The session in the request's context; BadRequest naming the field when it is unusable.
    A CMS sends the same few contexts again and again: each is made once (and kept, a few
    hundred at most)."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in context.items()))
    try:
        return _override(session, key)
    except OverrideError as error:
        said = error.message if error.message.startswith(error.name) else f"{error.name}: {error.message}"
        raise BadRequest(said) from None


def check(session: Session, job: CheckJob) -> Reply:
    """The report `checker check` gives for this article, with its exit code."""
    run = in_context(session, job.context)
    load = partial(load_bytes, job.data, job.name, job.fmt, run.limits)
    checked = check_input(job.name, load, run.pack, run.context, run.limits.max_seconds)
    report = run.report([checked.report])
    code = int(run.exit_code(report))
    if job.report == "html":
        documents = {job.name: checked.document} if checked.document is not None else {}
        page = html_format.render(report, info=RunInfo(documents=documents, fail_on=run.fail_on))
        return Reply(200, page.encode("utf-8"), "text/html; charset=utf-8", code)
    return Reply.of(200, {**json_format.as_dict(report), "exit_code": code}, code)


def _place(item: Fix | Unfixable) -> dict[str, Any]:
    location = {"line": item.location.line, "column": item.location.column}
    return {"rule": item.rule, "subject": item.subject, "text": item.text, "location": location}


def fix(session: Session, job: FixJob) -> Reply:
    """What `checker fix` does to this article: the fixed article (null when nothing changed),
    its unified diff, what was inserted, what was left and why, and the report of the article
    as fixed, with its exit code."""
    run = in_context(session, job.context)
    configured = run.fix_style
    style = FixStyle(job.style or configured.style, job.marker or configured.marker)
    try:
        outcome = run.fix_bytes(job.data, job.name, job.fmt, rules=job.rules, style=style)
    except InputError as error:
        outcome = FixOutcome(job.name, job.data, job.data, error=str(error))
    report = run.report([outcome.report])
    code = int(run.exit_code(report))
    return Reply.of(200, {
        "path": job.name,
        "error": outcome.error,
        "changed": outcome.changed,
        "fixed": outcome.text if outcome.changed else None,
        "diff": outcome.diff,
        "fixes": [{**_place(f), "inserted": f.inserted} for f in outcome.fixes],
        "unfixable": [{**_place(u), "reason": u.reason} for u in outcome.unfixable],
        "report": json_format.as_dict(report),
        "exit_code": code,
    }, code)


def _chosen(compiled: list[CompiledRule], wanted: str | None) -> CompiledRule:
    if wanted is None:
        return compiled[0]
    for rule in compiled:
        if rule.rule.id == wanted:
            return rule
    ids = ", ".join(c.rule.id for c in compiled)
    raise BadRequest(f"rule: the draft has no rule {wanted!r} (it has {ids})")


def try_rule(session: Session, job: TryJob) -> Reply:
    """A rule on one example text: what it found, in the words of `checker rules test`, or
    the draft's problems, file:line:column as `checker rules validate` prints them. A valid
    draft's own examples are run too (`examples`), as `checker rules test` runs them."""
    run = in_context(session, job.context)
    try:
        with deadline(run.limits.max_seconds, job.rule or DRAFT_NAME):
            return _try(run, job)
    except InputError as error:
        raise BadRequest(str(error), 422) from None


def _example(ran: Outcome) -> dict[str, Any]:
    """A draft's example run as `checker rules test` runs it."""
    return {
        "name": ran.name, "where": ran.where, "passed": ran.passed, "expected": ran.expected, "found": ran.found,
        "failure": [] if ran.passed else failure_lines(ran),
    }


def _try(run: Session, job: TryJob) -> Reply:
    if job.draft is not None:
        compiled, problems = compile_draft(job.draft, DRAFT_NAME, run.pack, date.today())
        if problems or not compiled:
            lines = [str(p) for p in problems] or [f"{DRAFT_NAME}: the draft holds no rule"]
            return Reply.of(200, {"rule": job.rule, "valid": False, "problems": lines})
        rule = _chosen(compiled, job.rule)
        examples = [_example(run_example(rule, run.pack, i)) for i in range(len(rule.rule.examples))]
    else:
        found = run.pack.rule(job.rule or "")
        if found is None:
            raise BadRequest(f"rule: no rule {job.rule!r} (GET /rules lists the ids)", 404)
        rule, examples = found, None
    answer: dict[str, Any] = {"rule": rule.rule.id, "valid": True, "problems": [], "examples": examples}
    if job.text is None:
        return Reply.of(200, answer)
    page = prepare(load_bytes(utf8(job.text), "text", job.fmt, run.limits), run.pack, run.context)
    results = evaluate_rule(rule, page)
    answer.update(
        outcome=str(outcome(results)),
        not_applied=why_not_applied(rule, page) if results is None else None,
        results=[json_format.result_dict(r) for r in results or ()],
    )
    return Reply.of(200, answer)


Job = CheckJob | FixJob | TryJob


def run(session: Session, job: Job) -> Reply:
    """Do a job; a BadRequest becomes its reply."""
    try:
        if isinstance(job, CheckJob):
            return check(session, job)
        return fix(session, job) if isinstance(job, FixJob) else try_rule(session, job)
    except BadRequest as error:
        return Reply.of(error.status, {"error": error.message})
