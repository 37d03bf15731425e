"""Evaluating documents against a rule pack: which rules apply, and what each finds."""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from typing import Any

from checker import suppress
from checker.checks import KINDS
from checker.context import Context
from checker.deadline import deadline
from checker.documents import DEFAULT_LIMITS, Document, Limits, expand_paths, load_path, load_stream
from checker.documents.limits import MAX_SECONDS
from checker.documents.model import stands_alone
from checker.errors import InputError, internal_error
from checker.lists.model import Entry
from checker.match.page import Page
from checker.match.patterns import Phrasings, compile_phrasings
from checker.match.screen import Screen
from checker.publishers import UnknownPublisher, check_publisher
from checker.report import DocumentContext, DocumentReport, PublisherEntry, Report, Result
from checker.rulepack.pack import CompiledRule, RulePack
from checker.rulepack.rules import Rule


def _subject(compiled: CompiledRule, page: Page) -> tuple[str | None, Entry | None]:
    """Why the rule does not apply to this page (None when it does), and the publisher entry
    that made it apply."""
    rule, ctx = compiled.rule, page.ctx
    applies = rule.applies
    reason = context_reason(rule, ctx)
    if reason is not None:
        return reason, None
    subject = None
    if applies.publisher_on:
        listed = [e for e in page.publisher if e.list_id in applies.publisher_on and e.active(ctx.as_of)]
        if not listed:
            who = repr(ctx.publisher) if ctx.publisher else "no publisher given"
            lists = ", ".join(applies.publisher_on)
            return f"{who}: not an active entry of {lists} on {ctx.as_of.isoformat()}", None
        subject = listed[0]
    if applies.contains and not _contains(page, applies.contains):
        return "the document's visible text has none of the wordings the rule applies to (applies.contains)", None
    return None, subject


def _contains(page: Page, phrasings: Mapping[str, Any]) -> bool:
    wording = _compiled(tuple(phrasings.get("phrases", ())), tuple(phrasings.get("patterns", ())))
    most = phrasings.get("max_words")
    blocks = page.blocks
    return any(blocks[i].visible and (most is None or stands_alone(blocks[i], most)) for i, _, _ in page.find(wording))


@cache
def _compiled(phrases: tuple[str, ...], patterns: tuple[str, ...]) -> Phrasings:
    return compile_phrasings(phrases, patterns)


def context_reason(rule: Rule, ctx: Context) -> str | None:
    """Why the rule does not apply in the context (date, regions, jurisdictions, language),
    publisher aside; None when nothing there stops it."""
    applies = rule.applies
    if not rule.in_effect(ctx.as_of):
        window = f"from {_day(rule.effective.start)} to {_day(rule.effective.end)}"
        return f"the check date {ctx.as_of.isoformat()} is outside the rule's effective dates ({window})"
    if applies.regions and not ctx.region_set & set(applies.regions):
        return f"the audience regions ({_codes(ctx.region_set)}) include none of {', '.join(applies.regions)}"
    if applies.jurisdictions and not ctx.jurisdiction_set & set(applies.jurisdictions):
        given = _codes(ctx.jurisdiction_set)
        return f"the publisher's jurisdictions ({given}) include none of {', '.join(applies.jurisdictions)}"
    if applies.lang and ctx.lang and ctx.lang not in applies.lang:
        return f"the document language {ctx.lang!r} is not one of {', '.join(applies.lang)}"
    return None


def _day(day: date | None) -> str:
    return day.isoformat() if day else "any date"


def _codes(codes: frozenset[str]) -> str:
    return ", ".join(sorted(codes)) or "none given"


def why_not_applied(compiled: CompiledRule, page: Page) -> str | None:
    """Why the rule does not apply to the page, in words; None when it applies."""
    return _subject(compiled, page)[0]


def evaluate_rule(compiled: CompiledRule, page: Page) -> list[Result] | None:
    """The rule's results on the page, or None when the rule does not apply to it."""
    reason, subject = _subject(compiled, page)
    if reason is not None:
        return None
    return list(KINDS[compiled.rule.kind].evaluate(compiled.rule, compiled.check, page, subject))


def prepare(doc: Document, pack: RulePack, ctx: Context) -> Page:
    ctx = ctx.for_document(doc.metadata)
    publisher = tuple(pack.index.resolve(ctx.publisher)) if ctx.publisher else ()
    return Page(doc, ctx, pack.index, publisher, _screen(pack))


# The screen of each rule pack's page scans (`match.screen`), kept while the pack lives: it
# learns what the pack's checks scan for over the run's pages.
_SCREENS: dict[int, tuple[weakref.ref[RulePack], Screen]] = {}


def _screen(pack: RulePack) -> Screen:
    known = _SCREENS.get(id(pack))
    if known is None or known[0]() is not pack:
        for key in [key for key, (ref, _) in _SCREENS.items() if ref() is None]:
            del _SCREENS[key]
        known = _SCREENS[id(pack)] = (weakref.ref(pack), Screen())
    return known[1]


def check_document(doc: Document, pack: RulePack, ctx: Context) -> DocumentReport:
    try:
        check_publisher(ctx.stated_publisher(doc.metadata), pack.index, ctx.house_names)
    except UnknownPublisher as error:
        return DocumentReport(doc.path, error=f"{doc.path}: {error}")
    reading = suppress.read(doc, pack.known_ids)
    page = prepare(reading.document, pack, ctx)
    results: list[Result] = []
    applied = []
    for compiled in pack.in_effect(page.ctx.as_of):
        found = evaluate_rule(compiled, page)
        if found is not None:
            applied.append(compiled.rule.id)
            results += found
    results = suppress.apply(results, reading.suppressions) + list(reading.problems)
    results.sort(key=lambda r: (r.location.line, r.location.column, r.rule))
    page_ctx = page.ctx
    context = DocumentContext(
        publisher=page_ctx.publisher,
        publisher_entries=tuple(PublisherEntry(e.list_id, e.name) for e in page.publisher),
        regions=tuple(sorted(page_ctx.region_set)),
        jurisdictions=tuple(sorted(page_ctx.jurisdiction_set)),
        lang=page_ctx.lang,
    )
    return DocumentReport(
        doc.path, results=results, context=context, rules_applied=tuple(applied), warnings=doc.warnings
    )


def load_input(path: str, limits: Limits = DEFAULT_LIMITS, stdin_name: str = "-") -> Document:
    """A file, or standard input for "-" (named `stdin_name`: its extension says the format)."""
    if path == "-":
        return load_stream(sys.stdin.buffer, stdin_name, limits)
    return load_path(path, limits)


@dataclass(frozen=True)
class Checked:
    """One input and what its check found; `document` is None when the input could not be read.
    `crash` is the unexpected exception that became the report's error (for `--debug`)."""

    path: str
    document: Document | None
    report: DocumentReport
    crash: BaseException | None = None


def inputs(paths: Iterable[str], exclude: Callable[[str], bool] = lambda path: False) -> list[str]:
    """The files to check: folders expanded, excluded paths left out."""
    return [p for p in expand_paths(list(paths)) if not exclude(p)]


def check_one(
    given: str, pack: RulePack, ctx: Context, limits: Limits = DEFAULT_LIMITS, stdin_name: str = "-",
    keep_document: bool = True,
) -> Checked:
    """Check one input; an input that cannot be read, or that the checker itself fails on, is
    that document's error. `keep_document` False: the result carries no document (less to keep
    or to send between processes)."""
    path = stdin_name if given == "-" else given
    checked = check_input(path, partial(load_input, given, limits, stdin_name), pack, ctx, limits.max_seconds)
    return checked if keep_document else replace(checked, document=None)


def check_each(
    files: Iterable[str], pack: RulePack, ctx: Context, limits: Limits = DEFAULT_LIMITS, stdin_name: str = "-",
    jobs: int | None = 1, keep_documents: bool = True,
) -> Iterator[Checked]:
    """Check inputs one by one, in their order; an input that cannot be read is reported and the
    others still run. So is an input the checker itself fails on: never lose the other documents
    to one crash. `jobs` > 1 checks on that many processes (None: the machine's cores when
    there are enough inputs; see `parallel`), with the same results in the same order."""
    if jobs != 1:
        from checker import parallel  # only a run on several processes needs it

        yield from parallel.check_each(files, pack, ctx, limits, stdin_name, jobs, keep_documents)
        return
    for given in files:
        yield check_one(given, pack, ctx, limits, stdin_name, keep_documents)


def check_input(
    path: str, load: Callable[[], Document], pack: RulePack, ctx: Context, max_seconds: float = MAX_SECONDS
) -> Checked:
    """Load one input and check it, in at most `max_seconds`; what cannot be read, what takes too
    long, or what the checker fails on, becomes the document's error."""
    doc = None
    try:
        with deadline(max_seconds, path):
            doc = load()
            report = check_document(doc, pack, ctx)
    except InputError as error:
        return Checked(path, None, DocumentReport(path, error=str(error)))
    except Exception as crash:
        return Checked(path, doc, DocumentReport(path, error=internal_error(path, crash)), crash)
    return Checked(path, doc, report)


def check_paths(
    paths: Iterable[str],
    pack: RulePack,
    ctx: Context,
    exclude: Callable[[str], bool] = lambda path: False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Check every input (folders recurse) into one report."""
    report = Report(as_of=ctx.as_of, warnings=stale_list_warnings(pack, ctx))
    report.documents = [checked.report for checked in check_each(inputs(paths, exclude), pack, ctx, limits)]
    return report


def stale_list_warnings(pack: RulePack, ctx: Context) -> list[str]:
    """A warning for each stale list of the jurisdictions and regions checked (of every list when
    the run names none): a US list's age says nothing about a check for readers in Russia."""
    config = ctx.configured or ctx
    places = ctx.region_set | ctx.jurisdiction_set | config.region_set | config.jurisdiction_set
    return [
        f"list {lst.id} is stale: retrieved {lst.retrieved.isoformat()}, more than {lst.max_age_days} days "
        f"ago; later designations are not checked (refresh it: checker lists update {lst.id})"
        for lst in pack.lists.values()
        if lst.is_stale(ctx.as_of) and (not places or lst.jurisdiction in places)
    ]

