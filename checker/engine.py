"""Evaluating documents against a rule pack: which rules apply, and what each finds."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from .checks import KINDS
from .context import Context
from .documents import Document, expand_paths, load_bytes, load_path
from .errors import InputError
from .lists import Entry
from .page import Page
from .report import DocumentContext, DocumentReport, Report, Result
from .rulepack import CompiledRule, RulePack


def _subject(compiled: CompiledRule, page: Page) -> tuple[bool, Entry | None]:
    """Whether the rule applies to this page, and the publisher entry that made it apply."""
    applies, ctx = compiled.rule.applies, page.ctx
    if applies.regions and not ctx.region_set & set(applies.regions):
        return False, None
    if applies.jurisdictions and not ctx.jurisdiction_set & set(applies.jurisdictions):
        return False, None
    if applies.lang and ctx.lang and ctx.lang not in applies.lang:
        return False, None
    if applies.publisher_on:
        listed = [e for e in page.publisher if e.list_id in applies.publisher_on and e.active(ctx.as_of)]
        if not listed:
            return False, None
        return True, listed[0]
    return True, None


def evaluate_rule(compiled: CompiledRule, page: Page) -> list[Result] | None:
    """The rule's results on the page, or None when the rule does not apply to it."""
    applies, subject = _subject(compiled, page)
    if not applies:
        return None
    kind = KINDS[compiled.rule.kind]
    if compiled.rule.kind == "notice":
        return list(kind.evaluate(compiled.rule, compiled.check, page, subject))
    return list(kind.evaluate(compiled.rule, compiled.check, page))


def prepare(doc: Document, pack: RulePack, ctx: Context) -> Page:
    ctx = ctx.for_document(doc.metadata)
    publisher = tuple(pack.index.resolve(ctx.publisher)) if ctx.publisher else ()
    return Page(doc, ctx, pack.index, publisher)


def check_document(doc: Document, pack: RulePack, ctx: Context) -> DocumentReport:
    page = prepare(doc, pack, ctx)
    results: list[Result] = []
    applied = []
    for compiled in pack.rules:
        found = evaluate_rule(compiled, page)
        if found is not None:
            applied.append(compiled.rule.id)
            results += found
    results.sort(key=lambda r: (r.location.line, r.location.column, r.rule))
    page_ctx = page.ctx
    context = DocumentContext(
        publisher=page_ctx.publisher,
        publisher_entries=tuple(f"{e.list_id}: {e.name}" for e in page.publisher),
        regions=tuple(sorted(page_ctx.region_set)),
        jurisdictions=tuple(sorted(page_ctx.jurisdiction_set)),
        lang=page_ctx.lang,
    )
    return DocumentReport(doc.path, results=results, context=context, rules_applied=tuple(applied))


def load_input(path: str) -> Document:
    if path == "-":
        return load_bytes(sys.stdin.buffer.read(), "-")
    return load_path(path)


def check_paths(
    paths: Iterable[str], pack: RulePack, ctx: Context, exclude: Callable[[str], bool] = lambda path: False
) -> Report:
    """Check every input; an input that cannot be read is reported and the others still run."""
    report = Report(as_of=ctx.as_of, warnings=stale_list_warnings(pack, ctx))
    for path in (p for p in expand_paths(list(paths)) if not exclude(p)):
        try:
            doc = load_input(path)
        except InputError as error:
            report.documents.append(DocumentReport(path, error=str(error)))
            continue
        report.documents.append(check_document(doc, pack, ctx))
    return report


def stale_list_warnings(pack: RulePack, ctx: Context) -> list[str]:
    return [
        f"list {lst.id} was retrieved on {lst.retrieved.isoformat()}, more than {lst.max_age_days} days "
        f"before {ctx.as_of.isoformat()}: designations made since then are not checked"
        for lst in pack.lists.values()
        if lst.is_stale(ctx.as_of)
    ]

