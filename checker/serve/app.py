"""The HTTP service of `checker serve`: a Starlette application around one `Session`.

    POST /check        an article (HTML, Markdown, text; or JSON with its context) -> the JSON
                       report of `checker check --format json`, with `exit_code`; ?report=html
                       gives the HTML report instead (exit code in X-Checker-Exit-Code)
    POST /fix          the same article with the labels and notices it lacks inserted (`checker
                       fix`): the fixed article, its diff, what was left and why
    POST /rules/try    a rule (by id, or a draft pasted as YAML) on an example text
    GET  /rules        the rules; /rules/{id} one rule explained; /lists the lists; /health
    GET  /             the page for editors; /ui/rules the rules page for legal staff

Safe by default: nothing a request says is used as a path; bodies are bounded (the article by
`limits.max-input-bytes`, a JSON body by `ServeLimits.max_body_bytes`) and read no further;
each check runs in a worker process under the configured time limit (`workers`); with a
token, every request but the pages and /health needs `Authorization: Bearer TOKEN`; pages
carry a Content-Security-Policy that runs only their own scripts, and reports are framed in a
sandbox. A bad request gets a 4xx status and `{"error": "one line"}`.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from checker.errors import internal_error
from checker.fixes.model import MARKERS, STYLES
from checker.formats.html import content_security_policy, script_hash
from checker.schema import did_you_mean
from checker.serve import reference
from checker.serve.jobs import CONTEXT_FIELDS, BadRequest, CheckJob, FixJob, Job, Reply, TryJob, in_context, utf8
from checker.serve.workers import WorkerPool
from checker.session import Session, parse_date
from checker.version import version

# Content types of a raw article, and the format each means.
ARTICLE_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
    "text/plain": "text",
}
FORMATS = ("html", "markdown", "text")
_EXTENSION = {"html": ".html", "markdown": ".md", "text": ".txt"}
_SENDABLE = "HTML (text/html), Markdown (text/markdown), text (text/plain) or JSON (application/json)"
OPEN_PATHS = frozenset({"/", "/ui/rules", "/health"})  # no token needed: they hold no checked data
PAGE_POLICY = (
    f"default-src 'none'; script-src 'self' {script_hash()}; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_STATIC = {  # what /static serves: these files of the package, nothing a request names
    "serve.css": "text/css", "common.js": "text/javascript", "check.js": "text/javascript",
    "rules.js": "text/javascript",
}
_PAGES = {"/": "index.html", "/ui/rules": "rules.html"}
# A lone surrogate, as JSON writes it: no text can hold it. In an article or a draft it is read
# as invalid UTF-8 is in a file (U+FFFD, and a warning); anywhere else the request is refused.
_SURROGATE = re.compile("[\ud800-\udfff]")
_READ_ANYWAY = ("text", "yaml")


@dataclass(frozen=True)
class Article:
    """An article as a request gives it: its bytes, format, name, context and other fields."""

    data: bytes
    fmt: str | None
    name: str
    context: dict[str, Any]
    fields: dict[str, Any]


def _lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    return False


def _media(request: Request) -> str:
    """The request's content type, without its parameters (charset...)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class ServeLimits:
    """What a request may cost beyond one document's limits (those are the session's):
    `max_body_bytes`, the largest JSON body (None: three times `limits.max-input-bytes`, as
    JSON may escape each character of the article, plus 64 KiB); `max_waiting`, how many
    requests may wait for a worker before more are turned away with 503."""

    max_body_bytes: int | None = None
    max_waiting: int = 64


def _json_error(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _reply(reply: Reply) -> Response:
    headers = {} if reply.exit_code is None else {"X-Checker-Exit-Code": str(reply.exit_code)}
    if reply.media_type.startswith("text/html"):
        headers["Content-Security-Policy"] = content_security_policy()
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)


class Service:
    """The application's state: the session, its workers, the limits and the token."""

    def __init__(
        self, session: Session, token: str | None, limits: ServeLimits, pool: WorkerPool, follow_today: bool
    ):
        self.session = session
        self.follow_today = follow_today
        self.token = token
        self.pool = pool
        self.max_article = session.limits.max_input_bytes
        self.max_body = limits.max_body_bytes or 3 * self.max_article + 64 * 1024
        self.max_waiting = limits.max_waiting
        self.rules = reference.rule_rows(session.pack)
        package = resources.files("checker.serve") / "static"
        self.static = {name: (package / name).read_bytes() for name in (*_STATIC, *_PAGES.values())}

    # --- reading requests ----------------------------------------------------------------------

    async def body(self, request: Request, limit: int, what: str) -> bytes:
        """The body, read no further than `limit` bytes (413 past it)."""
        too_big = BadRequest(f"{what} is too large (the limit is {limit:,} bytes)", 413)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)

    async def fields(self, request: Request, allowed: tuple[str, ...]) -> dict[str, Any]:
        """A JSON object body with only `allowed` keys."""
        data = await self.body(request, self.max_body, "the request body")
        try:
            fields = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise BadRequest(f"the body is not valid JSON: {error}") from None
        except RecursionError:
            raise BadRequest("the body is not valid JSON: nested too deeply") from None
        if not isinstance(fields, dict):
            raise BadRequest("the JSON body must be an object, such as {\"text\": \"...\", \"format\": \"html\"}")
        for key, value in fields.items():
            if _SURROGATE.search(key) or (key not in _READ_ANYWAY and _lone_surrogate(value)):
                raise BadRequest(f"{ascii(key)[1:-1]}: not valid Unicode (a lone surrogate, such as \\ud800)")
        for key in fields:
            if key not in allowed:
                raise BadRequest(f"unknown field {key!r}{did_you_mean(key, allowed)}; fields: {', '.join(allowed)}")
        return fields

    def context(self, given: dict[str, Any]) -> dict[str, Any]:
        """The context fields of a request, typed, and checked as `Session.override` checks them."""
        context: dict[str, Any] = {}
        for key in CONTEXT_FIELDS:
            value = given.get(key)
            if value in (None, "", []):
                continue
            if key in ("regions", "jurisdictions"):
                if isinstance(value, str):
                    value = [code.strip() for code in value.split(",") if code.strip()]
                if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
                    raise BadRequest(f"{key}: a list of country codes, such as [\"RU\", \"BY\"]")
            elif not isinstance(value, str):
                raise BadRequest(f"{key}: a string, not {type(value).__name__}")
            elif key == "as_of":
                try:
                    parse_date(value)
                except ValueError as error:
                    raise BadRequest(f"as_of: {error}") from None
            context[key] = value
        if self.follow_today and "as_of" not in context:
            context["as_of"] = date.today().isoformat()
        in_context(self.session, context)  # a bad region or an unknown publisher: 400 before any work
        return context

    def article_fields(self, given: dict[str, Any]) -> tuple[str | None, str | None]:
        fmt = given.get("format") or None
        if fmt is not None and fmt not in FORMATS:
            raise BadRequest(f"format: {fmt!r} is not one of {', '.join(FORMATS)}{did_you_mean(fmt, FORMATS)}")
        name = given.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip() or len(name) > 500):
            raise BadRequest("name: the article's name in the report, a string of at most 500 characters")
        return fmt, name

    async def article(self, request: Request, options: tuple[str, ...]) -> Article:
        """The article of a /check or /fix request, raw or in JSON, with its context and the
        request's `options` (JSON fields, or query parameters of a raw article)."""
        media = _media(request)
        if media == "application/json":
            self.no_query(request, ("report",))
            fields = await self.fields(request, ("text", "format", "name", *CONTEXT_FIELDS, *options))
            text = fields.get("text")
            if not isinstance(text, str):
                raise BadRequest("text: the article, a string, is required")
            data = utf8(text)
            fmt, name = self.article_fields(fields)
        elif media in ARTICLE_TYPES:
            query = request.query_params
            self.no_query(request, ("report", "name", "publisher", "region", "jurisdiction", "as_of", "lang", "fail_on",
                                    *options))
            data = await self.body(request, self.max_article, "the article")
            fmt, name = ARTICLE_TYPES[media], query.get("name")
            fields = {
                "publisher": query.get("publisher"), "regions": query.getlist("region"),
                "jurisdictions": query.getlist("jurisdiction"), "as_of": query.get("as_of"), "lang": query.get("lang"),
                "fail_on": query.get("fail_on"),
                **{key: query.getlist(key) if key == "rule" else query.get(key) for key in options},
            }
        else:
            given = f"content type {media!r}" if media else "no content type"
            raise BadRequest(f"send the article as {_SENDABLE}; this request has {given}", 415)
        if len(data) > self.max_article:
            raise BadRequest(f"the article is too large ({len(data):,} bytes; the limit is {self.max_article:,} "
                             "bytes: limits.max-input-bytes)", 413)
        name = name or "article" + _EXTENSION.get(fmt or "", "")
        return Article(data, fmt, name, self.context(fields), fields)

    async def check_job(self, request: Request) -> CheckJob:
        report = request.query_params.get("report", "json")
        if report not in ("json", "html"):
            raise BadRequest(f"report: {report!r} is not json or html")
        article = await self.article(request, ())
        return CheckJob(article.data, article.fmt, article.name, article.context, report)

    async def fix_job(self, request: Request) -> FixJob:
        raw = _media(request) != "application/json"
        article = await self.article(request, ("rule" if raw else "rules", "style", "marker"))
        given = article.fields
        rules = given.get("rules", given.get("rule")) or None
        if rules is not None:
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise BadRequest("rules: a list of rule ids, such as [\"ru.foreign-agent.mention-status\"]")
            known = self.session.pack.known_ids
            for rule in rules:
                if rule not in known:
                    raise BadRequest(f"rules: no rule {rule!r}{did_you_mean(rule, known)}")
        style, marker = given.get("style") or None, given.get("marker") or None
        if style is not None and style not in STYLES:
            raise BadRequest(f"style: {style!r} is not one of {', '.join(STYLES)}")
        if marker is not None and marker not in MARKERS:
            raise BadRequest(f"marker: {marker!r} is not one of {', '.join(MARKERS)}")
        return FixJob(article.data, article.fmt, article.name, article.context,
                      tuple(rules) if rules else None, style, marker)

    @staticmethod
    def no_query(request: Request, allowed: tuple[str, ...]) -> None:
        for key in request.query_params:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                raise BadRequest(f"unknown parameter {key!r}{hint}; parameters: {', '.join(allowed)}")

    # --- answering -----------------------------------------------------------------------------

    async def run(self, job: Job) -> Response:
        if self.pool.busy and self.pool.waiting >= self.max_waiting:
            raise BadRequest(f"busy: every worker is checking and {self.pool.waiting} request(s) are waiting; "
                             "try again shortly", 503)
        return _reply(await self.pool.run(job))

    async def check(self, request: Request) -> Response:
        return await self.run(await self.check_job(request))

    async def fix(self, request: Request) -> Response:
        return await self.run(await self.fix_job(request))

    async def try_rule(self, request: Request) -> Response:
        self.no_query(request, ())
        fields = await self.fields(request, ("rule", "yaml", "text", "format", *CONTEXT_FIELDS))
        rule, draft, text = fields.get("rule"), fields.get("yaml"), fields.get("text")
        for key, value in (("rule", rule), ("yaml", draft), ("text", text)):
            if value is not None and not isinstance(value, str):
                raise BadRequest(f"{key}: a string, not {type(value).__name__}")
        if not rule and not draft:
            raise BadRequest("give a rule id (rule) or a draft rule as YAML (yaml)")
        if text is not None and len(utf8(text)) > self.max_article:
            raise BadRequest(f"text: the example is too large (the limit is {self.max_article:,} bytes)", 413)
        fmt, _ = self.article_fields(fields)
        return await self.run(TryJob(rule or None, draft or None, text, fmt, self.context(fields)))

    async def rules_list(self, request: Request) -> Response:
        return JSONResponse(self.rules)

    async def rule(self, request: Request) -> Response:
        rule_id = request.path_params["rule_id"]
        compiled = self.session.pack.rule(rule_id)
        if compiled is None:
            ids = [row["id"] for row in self.rules]
            raise BadRequest(f"no rule {rule_id!r}{did_you_mean(rule_id, ids) or ' (GET /rules lists the ids)'}", 404)
        return JSONResponse(reference.rule_detail(compiled.rule, self.session.pack))

    async def lists(self, request: Request) -> Response:
        self.no_query(request, ("as_of",))
        raw = request.query_params.get("as_of")
        try:
            day = parse_date(raw) if raw else self.session.context.as_of
        except ValueError as error:
            raise BadRequest(f"as_of: {error}") from None
        return JSONResponse(reference.list_rows(self.session.pack, day))

    async def health(self, request: Request) -> Response:
        return JSONResponse({
            "status": "ok", "version": version(), "rules": len(self.rules), "lists": len(self.session.pack.lists),
            "workers": len(self.pool.workers), "token_required": self.token is not None,
            "as_of": self.session.context.as_of.isoformat(), "warnings": self.session.stale_list_warnings(),
            "limits": {**self.session.limits.as_dict(), "max_body_bytes": self.max_body},
        })

    async def page(self, request: Request) -> Response:
        return HTMLResponse(self.static[_PAGES[request.url.path]], headers={"Content-Security-Policy": PAGE_POLICY})

    async def static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            raise BadRequest(f"no such file {name!r}", 404)
        return Response(self.static[name], media_type=_STATIC[name], headers={"Cache-Control": "no-cache"})

    # --- around every request ------------------------------------------------------------------

    def authorised(self, request: Request) -> bool:
        if self.token is None or request.url.path in OPEN_PATHS or request.url.path.startswith("/static/"):
            return True
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode())

    async def guard(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not self.authorised(request):
            return _json_error("a bearer token is required: Authorization: Bearer TOKEN (checker serve --token)",
                               401, {"WWW-Authenticate": "Bearer"})
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


async def _bad_request(request: Request, error: Exception) -> Response:
    assert isinstance(error, BadRequest)
    return _json_error(error.message, error.status)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return _json_error(f"{error.detail}: {request.method} {request.url.path}", error.status_code)


async def _crash(request: Request, error: Exception) -> Response:
    """A bug in the service itself: one line, as for a document the checker fails on."""
    return _json_error(internal_error(f"{request.method} {request.url.path}", error), 500)


def create_app(
    session: Session, token: str | None = None, limits: ServeLimits | None = None, workers: int | WorkerPool = 1,
    follow_today: bool = False,
) -> Starlette:
    """The service for `session` (its rule pack, context, limits and failing level are every
    request's defaults). `token`: required as a bearer token when given. `workers`: how many
    processes check (or a pool made beforehand, as `checker serve` does, to fork it before the
    server starts). `follow_today`: a request that gives no date is checked on the day it comes
    (a service runs for days), not on the session's date."""
    pool = workers if isinstance(workers, WorkerPool) else WorkerPool(session, workers)
    service = Service(session, token, limits or ServeLimits(), pool, follow_today)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    routes = [
        Route("/", service.page), Route("/ui/rules", service.page),
        Route("/static/{name}", service.static_file),
        Route("/health", service.health),
        Route("/check", service.check, methods=["POST"]), Route("/fix", service.fix, methods=["POST"]),
        Route("/rules", service.rules_list), Route("/rules/try", service.try_rule, methods=["POST"]),
        Route("/rules/{rule_id}", service.rule), Route("/lists", service.lists),
    ]
    app = Starlette(
        routes=routes, lifespan=lifespan,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=service.guard)],
        exception_handlers={BadRequest: _bad_request, HTTPException: _http_error, Exception: _crash},
    )
    app.state.service = service
    return app

