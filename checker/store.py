"""The scan store: one SQLite file holding, per document, its content hash, what its results
depend on (settings, rules, lists, as digests), and its report; per scan, when it ran; and every
change of a document's problems, with its cause, for `checker scan --changes`.

Writes are committed per batch, so a scan that is killed loses at most its last batch; a store
written by another store format, or a file that is not a store, is a `StoreError` (one line),
never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.report import (
    Citation,
    DocumentContext,
    DocumentReport,
    Location,
    PublisherEntry,
    Result,
    Section,
    Severity,
    SourceSpan,
    Status,
    Suppressed,
)

FORMAT = 1  # the store's layout; another layout is refused (rebuild with --rebuild)
DEFAULT_STORE = os.path.join(".checker", "scan.sqlite")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE scans (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, as_of TEXT NOT NULL,
    setting TEXT NOT NULL, lists TEXT NOT NULL, checked INTEGER NOT NULL DEFAULT 0,
    reused INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    path TEXT PRIMARY KEY, hash TEXT, setting TEXT NOT NULL, deps TEXT NOT NULL, context TEXT,
    report TEXT NOT NULL, scan INTEGER NOT NULL
);
CREATE TABLE changes (
    scan INTEGER NOT NULL, path TEXT NOT NULL, cause TEXT NOT NULL, before TEXT, after TEXT NOT NULL
);
CREATE INDEX changes_by_scan ON changes (scan);
"""


REMOVED = "document removed"  # the cause of a change recorded for a document gone from the archive


class StoreError(Exception):
    """The store cannot be used: not a store, another format, damaged, or locked."""


class Stored:
    """What the store knows of one document: its content hash (None: it could not be read), the
    digests its results depend on, the context it was read in (None: it could not be checked),
    and its report, decoded when first asked for (a re-scan of an unchanged archive mostly
    does not need it)."""

    def __init__(
        self, path: str, hash: str | None, setting: str, deps: dict[str, str],
        context: DocumentContext | None, report: DocumentReport | str,
    ):
        self.path, self.hash, self.setting, self.deps, self.context = path, hash, setting, deps, context
        self._report = report

    @property
    def report(self) -> DocumentReport:
        if isinstance(self._report, str):
            self._report = decode_report(self._report)
        return self._report

    @property
    def report_text(self) -> str:
        return self._report if isinstance(self._report, str) else encode_report(self._report)


@dataclass(frozen=True)
class ScanRecord:
    id: int
    started: str
    finished: str | None
    as_of: str
    setting: str
    lists: dict[str, dict[str, str]]  # list id -> retrieved date and digest
    checked: int
    reused: int


@dataclass(frozen=True)
class Change:
    """A document whose problems changed in a scan: before (None: first seen) and after."""

    scan: int
    path: str
    cause: str
    before: list[Result] | None
    after: list[Result]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | os.PathLike[str], rebuild: bool = False, tool: str = "0"):
        self.path = str(path)
        if rebuild:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(self.path + suffix).unlink(missing_ok=True)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        fresh = not os.path.exists(self.path) or os.path.getsize(self.path) == 0
        try:
            self.db = sqlite3.connect(self.path, timeout=10)
            # Write-ahead log: a commit per batch costs little, and a killed scan keeps every
            # batch committed before it.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if fresh:
                with self.db:
                    self.db.executescript(_SCHEMA)
                    self.db.executemany(
                        "INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT)), ("tool", tool)]
                    )
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise StoreError(self._problem(error)) from None
        if meta.get("format") != str(FORMAT):
            written = f"checker {meta.get('tool', '?')}, store format {meta.get('format', '?')}"
            raise StoreError(
                f"{self.path} was written by another version ({written}; this one reads format {FORMAT}): "
                "run again with --rebuild to start a new store"
            )
        self.tool = meta.get("tool", "?")

    def _problem(self, error: sqlite3.Error) -> str:
        reason = str(error)
        if "no such table" in reason or "not a database" in reason or "malformed" in reason:
            return f"{self.path} is not a usable scan store ({reason}): run again with --rebuild to start a new one"
        if "locked" in reason:
            return f"{self.path} is in use by another scan ({reason}): wait for it, or use another --store"
        return f"{self.path}: {reason}"

    def close(self) -> None:
        self.db.close()

    def _run(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        try:
            return self.db.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as error:
            raise StoreError(self._problem(error)) from None

    # scans ------------------------------------------------------------------------------------

    def scans(self) -> list[ScanRecord]:
        rows = self._run("SELECT id, started, finished, as_of, setting, lists, checked, reused FROM scans ORDER BY id")
        return [ScanRecord(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows]

    def begin_scan(self, as_of: str, setting: str, lists: dict[str, dict[str, str]]) -> tuple[int, bool]:
        """The scan to record into, and whether it resumes an interrupted one (the last scan, left
        unfinished, with the same settings and lists)."""
        scans = self.scans()
        last = scans[-1] if scans else None
        if last is not None and last.finished is None and last.setting == setting and last.lists == lists:
            return last.id, True
        self._run(
            "INSERT INTO scans (started, as_of, setting, lists) VALUES (?, ?, ?, ?)",
            (now(), as_of, setting, json.dumps(lists, sort_keys=True)),
        )
        self.commit()
        return int(self._run("SELECT max(id) FROM scans")[0][0]), False

    def finish_scan(self, scan: int, reused: int) -> None:
        self._run("UPDATE scans SET finished = ?, reused = ? WHERE id = ?", (now(), reused, scan))
        self.commit()

    def count_progress(self, scan: int, checked: int) -> None:
        """Record how many documents an unfinished scan has checked so far (kept on resume)."""
        self._run("UPDATE scans SET checked = checked + ? WHERE id = ?", (checked, scan))

    # documents --------------------------------------------------------------------------------

    def documents(self, paths: Iterable[str]) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        wanted = list(paths)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._run(
                f"SELECT path, hash, setting, deps, context, report FROM documents WHERE path IN ({marks})", chunk
            )
            for path, hash_, setting, deps, context, report in rows:
                found[path] = Stored(path, hash_, setting, json.loads(deps), _context(context), report)
        return found

    def paths_under(self, roots: Iterable[str]) -> set[str]:
        """The stored documents that are one of `roots` or lie below one (a folder, a URL prefix)."""
        found: set[str] = set()
        for root in roots:
            folder = root.rstrip("/") + "/"
            rows = self._run(
                "SELECT path FROM documents WHERE path = ? OR substr(path, 1, ?) = ?", (root, len(folder), folder)
            )
            found.update(row[0] for row in rows)
        return found

    def forget(self, path: str) -> None:
        self._run("DELETE FROM documents WHERE path = ?", (path,))

    def remove(self, path: str, scan: int, before: DocumentReport) -> None:
        """Forget a document gone from the archive, recording the change (cause `REMOVED`)."""
        self.forget(path)
        self._run("INSERT INTO changes VALUES (?, ?, ?, ?, ?)",
                  (scan, path, REMOVED, _results_json(problems(before)), "[]"))

    def put(self, stored: Stored, scan: int, cause: str, before: DocumentReport | None) -> bool:
        """Keep a document's new report; record a change when its problems differ from before.
        Returns whether it changed."""
        self._run(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (stored.path, stored.hash, stored.setting, json.dumps(stored.deps, sort_keys=True),
             None if stored.context is None else json.dumps(_context_data(stored.context), ensure_ascii=False),
             stored.report_text, scan),
        )
        old = problems(before) if before is not None else None
        new = problems(stored.report)
        if old is not None and _keys(old) == _keys(new):
            return False
        self._run(
            "INSERT INTO changes VALUES (?, ?, ?, ?, ?)",
            (scan, stored.path, cause, None if old is None else _results_json(old), _results_json(new)),
        )
        return True

    def commit(self) -> None:
        try:
            self.db.commit()
        except sqlite3.Error as error:
            raise StoreError(self._problem(error)) from None

    def changes(self, after_scan: int) -> Iterator[Change]:
        """Changes recorded in scans after `after_scan`, in order."""
        rows = self._run(
            "SELECT scan, path, cause, before, after FROM changes WHERE scan > ? ORDER BY scan, rowid", (after_scan,)
        )
        for scan, path, cause, before, after in rows:
            yield Change(
                scan, path, cause,
                None if before is None else [_result(r) for r in json.loads(before)],
                [_result(r) for r in json.loads(after)],
            )


# --- reports as JSON ---------------------------------------------------------------------------


def problems(report: DocumentReport) -> list[Result]:
    """What a document's compliance rests on: its problems (an unreadable document counts as one
    problem of its own, so that reading it again is a change)."""
    found = [r for r in report.results if r.is_problem]
    if report.error:
        found.append(Result("checker.error", Status.FLAGGED, Severity.ERROR, None, report.error, report.error,
                            Location(0, 0), ()))
    return found


def _keys(results: list[Result]) -> list[tuple[Any, ...]]:
    return sorted((r.rule, r.status.value, r.severity.value, r.subject or "", r.text or "") for r in results)


def _results_json(results: list[Result]) -> str:
    return json.dumps([_result_data(r) for r in results], ensure_ascii=False)


def _location(location: Location) -> list[int]:
    return [location.line, location.column]


def _result_data(r: Result) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": r.rule, "status": r.status.value, "severity": r.severity.value, "subject": r.subject,
        "text": r.text, "message": r.message, "location": _location(r.location),
        "law": [[c.title, c.url, c.note] for c in r.law], "section": r.section.value,
    }
    if r.suppressed is not None:
        s = r.suppressed
        data["suppressed"] = [s.reason, s.status.value, _location(s.location), s.scope]
    if r.span is not None:
        data["span"] = [r.span.block, r.span.start, r.span.end]
    return data


def _result(data: dict[str, Any]) -> Result:
    suppressed = data.get("suppressed")
    span = data.get("span")
    return Result(
        rule=data["rule"], status=Status(data["status"]), severity=Severity(data["severity"]),
        subject=data["subject"], text=data["text"], message=data["message"],
        location=Location(*data["location"]), law=tuple(Citation(*c) for c in data["law"]),
        section=Section(data["section"]),
        suppressed=Suppressed(suppressed[0], Status(suppressed[1]), Location(*suppressed[2]), suppressed[3])
        if suppressed else None,
        span=SourceSpan(*span) if span else None,
    )


def _context_data(ctx: DocumentContext) -> dict[str, Any]:
    return {
        "publisher": ctx.publisher, "entries": [[e.list_id, e.name] for e in ctx.publisher_entries],
        "regions": list(ctx.regions), "jurisdictions": list(ctx.jurisdictions), "lang": ctx.lang,
    }


def _context_from(ctx: dict[str, Any]) -> DocumentContext:
    return DocumentContext(
        ctx["publisher"], tuple(PublisherEntry(*e) for e in ctx["entries"]), tuple(ctx["regions"]),
        tuple(ctx["jurisdictions"]), ctx["lang"],
    )


def _context(text: str | None) -> DocumentContext | None:
    return None if text is None else _context_from(json.loads(text))


def encode_report(report: DocumentReport) -> str:
    ctx = report.context
    return json.dumps({
        "path": report.path, "error": report.error, "results": [_result_data(r) for r in report.results],
        "context": None if ctx is None else _context_data(ctx),
        "rules_applied": list(report.rules_applied), "warnings": list(report.warnings),
    }, ensure_ascii=False)


def decode_report(text: str) -> DocumentReport:
    data = json.loads(text)
    return DocumentReport(
        data["path"], data["error"], [_result(r) for r in data["results"]],
        None if data["context"] is None else _context_from(data["context"]),
        tuple(data["rules_applied"]), tuple(data["warnings"]),
    )
