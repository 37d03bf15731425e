"""Scanning an archive into a store, checking again only what can have changed.

A document's results depend on its content, on the run's settings (context, limits, the tool
and its lexicons) and, among the rules and lists, only on:

- each rule that its context lets apply (in effect on the date, audience regions, the
  publisher's jurisdictions, language; whether the publisher is on a list is the next item);
- the designation of its publisher: the entries the publisher's name resolves to, with their
  status on the date (a new entry for the publisher, or a changed one, changes the document);
- the lists those rules name (`check.lists`, `links.lists`), and, for a rule that reads the
  names found in the page (mention-label, a notice naming its subject), every list: names are
  found in one pass over all lists, the longest winning, so any list's names can change them;
- the set of rule ids, when the document carries suppression comments (they name rules).

Each is recorded as a digest (a list's: its file's content, retrieval date included, and its
entries active on the date, so a scan on a later day checks again only when a designation or
delisting date has passed). A document whose content hash and recorded digests are those of
this run keeps its stored results; any other is checked again, with the cause recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, is_dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from checker import suppress
from checker.checks import KINDS
from checker.context import Context
from checker.documents import Document
from checker.engine import context_reason
from checker.lexicon import data_files
from checker.lists.model import DesignationList
from checker.progress import Progress
from checker.report import DocumentContext, DocumentReport, Report
from checker.rulepack.pack import RulePack
from checker.rulepack.rules import Rule
from checker.session import Session
from checker.store import FORMAT, Store, Stored
from checker.version import version

BATCH = 100  # documents per commit: a killed scan loses at most this many


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (date, Path)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot digest {type(value).__name__}")


def digest(value: Any) -> str:
    text = json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def _lexicon_digest() -> str:
    return digest([hashlib.sha256(p.read_bytes()).hexdigest() for p in data_files()])


def _rule_digest(rule: Rule) -> str:
    """What of a rule shapes its results (not its examples or review record)."""
    return digest([
        rule.id, rule.title, rule.description, rule.jurisdiction, rule.purpose, rule.severity, rule.law,
        rule.applies, rule.check, rule.messages, rule.effective, rule.supersedes,
    ])


def _list_digest(designations: DesignationList, on: date) -> str:
    try:
        content = hashlib.sha256(Path(designations.path).read_bytes()).hexdigest()
    except OSError:  # a list not read from a file: its loaded entries
        content = digest([designations.id, designations.retrieved, designations.entries])
    return digest([content, [e.id for e in designations.active_entries(on)]])


def rule_lists(rule: Rule, lists: Iterable[str]) -> list[str]:
    """The lists a rule's results depend on (besides its publisher's entries)."""
    kind = KINDS[rule.kind]
    if kind.reads_names(rule.check):
        return sorted(lists)
    return sorted({list_id for list_id, _ in kind.list_references(rule.check)})


def has_directives(doc: Document | None, pack: RulePack) -> bool:
    """Whether the document carries suppression comments (each is a suppression or a problem)."""
    if doc is None:
        return False
    reading = suppress.read(doc, pack.known_ids)
    return bool(reading.suppressions or reading.problems)


class Versions:
    """The digests of one run: settings, each rule, each list on the date, and, per document
    context, what a document's results depend on."""

    def __init__(self, session: Session):
        self.pack = pack = session.pack
        ctx = session.context
        self.as_of = ctx.as_of
        configured = ctx.configured
        self.setting = digest({
            "store": FORMAT, "checker": version(), "lexicon": _lexicon_digest(), "limits": session.limits,
            "publisher": ctx.publisher, "regions": ctx.regions, "jurisdictions": ctx.jurisdictions,
            "lang": ctx.lang, "house_names": ctx.house_names,
            "configured": None if configured is None else [
                configured.publisher, configured.regions, configured.jurisdictions
            ],
        })
        self.rules = {c.rule.id: _rule_digest(c.rule) for c in pack.rules}
        self.lists = {list_id: _list_digest(lst, self.as_of) for list_id, lst in pack.lists.items()}
        self.known_ids = digest(pack.known_ids)
        self._rule_lists = {c.rule.id: rule_lists(c.rule, pack.lists) for c in pack.rules}
        self._in_effect = pack.in_effect(self.as_of)
        self._deps: dict[tuple[Any, ...], dict[str, str]] = {}
        self._publishers: dict[str, str] = {}

    def list_records(self) -> dict[str, dict[str, str]]:
        """Per list, its retrieval date and digest: what a scan ran with."""
        return {
            list_id: {"retrieved": lst.retrieved.isoformat(), "digest": self.lists[list_id]}
            for list_id, lst in sorted(self.pack.lists.items())
        }

    def _publisher(self, name: str) -> str:
        if name not in self._publishers:
            entries = self.pack.index.resolve(name)
            self._publishers[name] = digest([[e, e.active(self.as_of)] for e in entries])
        return self._publishers[name]

    def deps(self, context: DocumentContext, directives: bool) -> dict[str, str]:
        """What the results of a document read in `context` depend on, as digests."""
        key = (context.publisher, context.regions, context.jurisdictions, context.lang, directives)
        found = self._deps.get(key)
        if found is None:
            ctx = Context(self.as_of, context.publisher, context.regions, context.jurisdictions, context.lang)
            found = {"publisher": self._publisher(context.publisher)} if context.publisher else {}
            for compiled in self._in_effect:
                rule = compiled.rule
                if context_reason(rule, ctx) is None:
                    found[f"rule:{rule.id}"] = self.rules[rule.id]
                    found.update((f"list:{list_id}", self.lists[list_id]) for list_id in self._rule_lists[rule.id])
            if directives:
                found["suppressions"] = self.known_ids
            self._deps[key] = found
        return found

    def of(self, report: DocumentReport, directives: bool) -> dict[str, str]:
        return self.deps(report.context, directives) if report.context is not None and not report.error else {}

    def stale(self, stored: Stored | None) -> str | None:
        """Why a stored document must be checked again whatever its content; None when its
        results stand if its content has not changed."""
        if stored is None:
            return "new"
        if stored.context is None:
            return "unreadable or failed before"
        if stored.setting != self.setting:
            return "settings or checker version"
        current = self.deps(stored.context, "suppressions" in stored.deps)
        if current == stored.deps:
            return None
        changed = sorted(k for k in current.keys() | stored.deps.keys() if current.get(k) != stored.deps.get(k))
        return self.describe(changed)

    def describe(self, changed: list[str]) -> str:
        """"lists ru.foreign-agents of 2026-12-01; rule ru.x" for the digests that changed."""
        lists = [k.removeprefix("list:") for k in changed if k.startswith("list:")]
        rules = [k.removeprefix("rule:") for k in changed if k.startswith("rule:")]
        parts = []
        if lists:
            dates = sorted({self.pack.lists[i].retrieved.isoformat() for i in lists if i in self.pack.lists})
            parts.append(f"lists {', '.join(lists)} of {', '.join(dates) or 'a removed list'}")
        if rules:
            parts.append(f"rule{'s' if len(rules) > 1 else ''} {', '.join(rules)}")
        if "publisher" in changed:
            parts.append("the publisher's designation")
        if "suppressions" in changed:
            parts.append("the rule ids suppressions name")
        return "; ".join(parts)


# --- running a scan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """A document to scan: `expected` is the content hash under which its stored results still
    stand (None: check it whatever its content); `check` False: only read and hash it."""

    path: str
    expected: str | None
    check: bool = True


@dataclass(frozen=True)
class Done:
    """A document scanned: `report` None means unchanged (its stored results stand)."""

    path: str
    hash: str | None
    report: DocumentReport | None = None
    directives: bool = False


Runner = Callable[[list[Task]], Iterator[Done]]


def read_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return content_hash(handle.read())
    except OSError:
        return None


def local_runner(session: Session, jobs: int | None = 1) -> Runner:
    """Scan on this machine: hash every document, then check those that changed (on `jobs`
    processes; None: the machine's cores when there are enough documents)."""

    def run(tasks: list[Task]) -> Iterator[Done]:
        hashes: dict[str, str | None] = {}
        for task in tasks:
            found = read_hash(task.path)
            if not task.check or (found is not None and found == task.expected):
                yield Done(task.path, found)
            else:
                hashes[task.path] = found
        for checked in session.check_files(list(hashes), jobs=jobs):
            directives = has_directives(checked.document, session.pack)
            yield Done(checked.path, hashes[checked.path], checked.report, directives)

    return run


@dataclass
class ScanResult:
    scan: int
    resumed: bool
    checked: int
    reused: int
    report: Report
    removed: int = 0  # stored documents gone from the archive, forgotten by this scan
    moved: int = 0  # documents found under a new path with the content of one gone: results kept


def run_scan(
    session: Session, files: list[str], store: Store, runner: Runner | None = None, batch: int = BATCH,
    progress: Progress | None = None, roots: Sequence[str] = (),
) -> ScanResult:
    """Scan `files` into the store, checking only what changed; the report of every file's
    current results, in the order given. Committed per batch: interrupted (even killed), the
    next scan resumes where this one stopped. Stored documents at or below `roots` (the paths
    the scan was given) that are not among `files` any more are gone from the archive: the store
    forgets them and records the change, unless their content turns up under a new path (a
    moved or renamed file), which then keeps their results without a check."""
    versions = Versions(session)
    scan, resumed = store.begin_scan(versions.as_of.isoformat(), versions.setting, versions.list_records())
    run = runner or local_runner(session)
    stored = store.documents(files)
    listed = set(files)
    gone = store.documents(path for path in store.paths_under(roots) if path not in listed)
    moved, moved_from = _follow_moves(files, stored, gone, versions, store, scan, run, progress)
    causes: dict[str, str] = {}
    tasks = []
    for path in files:
        if path in moved:
            continue
        old = stored.get(path)
        cause = versions.stale(old)
        causes[path] = cause or "document changed"
        tasks.append(Task(path, old.hash if cause is None and old is not None else None))
    checked = reused = pending = 0
    reports: dict[str, DocumentReport] = {}  # checked now: the report needs no decoding
    try:
        for done in run(tasks):
            if progress is not None:
                progress.advance(done.path)
            if done.report is None:
                reused += 1
                continue
            old = stored.get(done.path)
            cause = "document changed" if old is not None and old.hash != done.hash else causes[done.path]
            report = done.report
            context = report.context if report.error is None else None
            deps = versions.of(report, done.directives)
            record = Stored(done.path, done.hash, versions.setting, deps, context, report)
            store.put(record, scan, cause, old.report if old is not None else None)
            reports[done.path] = report
            checked += 1
            pending += 1
            if pending >= batch:
                store.count_progress(scan, pending)
                store.commit()
                pending = 0
    finally:
        store.count_progress(scan, pending)
        store.commit()
    removed = [path for path in sorted(gone) if path not in moved_from]
    for path in removed:
        store.remove(path, scan, gone[path].report)
    store.finish_scan(scan, reused + len(moved))
    kept = {path: found.report for path, found in stored.items() if path not in reports}
    kept.update((path, record.report) for path, record in moved.items())
    whole = session.report(reports[path] if path in reports else kept[path] for path in files)
    return ScanResult(scan, resumed, checked, reused, whole, len(removed), len(moved))


def _follow_moves(
    files: list[str], stored: dict[str, Stored], gone: dict[str, Stored], versions: Versions, store: Store,
    scan: int, run: Runner, progress: Progress | None,
) -> tuple[dict[str, Stored], set[str]]:
    """The new paths whose content is that of a document gone from the archive, with the
    records they take over, and the old paths: a moved or renamed file keeps its results, as an
    unchanged one does, when the same suffix (the same format) and this run's digests make them
    stand. The store records each under its new path and forgets the old one; new paths are
    read and hashed first only when some document is gone."""
    sources: dict[tuple[str | None, str], Stored] = {
        (record.hash, _suffix(path)): record
        for path, record in sorted(gone.items())
        if record.hash is not None and record.context is not None and versions.stale(record) is None
    }
    new = [path for path in files if path not in stored]
    if not sources or not new:
        return {}, set()
    moved: dict[str, Stored] = {}
    moved_from: set[str] = set()
    for done in run([Task(path, None, check=False) for path in new]):
        record = sources.get((done.hash, _suffix(done.path)))
        if record is None:
            continue
        if progress is not None:
            progress.advance(done.path)
        report = replace(record.report, path=done.path)
        moved[done.path] = Stored(done.path, record.hash, record.setting, record.deps, record.context, report)
        moved_from.add(record.path)
        # The same problems as before: no change is recorded, the document just has a new path.
        store.put(moved[done.path], scan, f"moved from {record.path}", record.report)
    for path in moved_from:
        store.forget(path)
    store.commit()
    return moved, moved_from


def _suffix(path: str) -> str:
    return os.path.splitext(path.rsplit("/", 1)[-1])[1].lower()
