"""Fixing one document: check it, plan the fixes, insert them, check it again (see the
package's docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker import suppress
from checker.context import Context
from checker.documents import DEFAULT_LIMITS, Document, Limits, load_bytes
from checker.documents.layout import layout
from checker.engine import check_document, prepare
from checker.fixes import labels, notices
from checker.fixes.model import Edit, Fix, FixOutcome, FixStyle, Planned, Unfixable
from checker.fixes.places import Unplaceable
from checker.fixes.source import NotEditable, Source, unified_diff
from checker.match.page import Page
from checker.report import DocumentReport, Result, Status
from checker.rulepack.pack import RulePack
from checker.rulepack.rules import Rule

FIXABLE = frozenset({Status.MISSING, Status.MALFORMED})  # review and flagged results are never fixed
DEFAULT_STYLE = FixStyle()
_KINDS = ("mention-label", "notice")  # the check kinds whose rules may have a fix: block
_ROUNDS = 3  # checks after fixing: a dropped fix can leave another without its footnote
_PARENTHESIS = re.compile(r" \((.+)\)", re.S)  # a label as the parenthesis style inserts it
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def fix_bytes(
    data: bytes, path: str, pack: RulePack, ctx: Context, *, fmt: str | None = None,
    rules: Iterable[str] | None = None, style: FixStyle = DEFAULT_STYLE, limits: Limits = DEFAULT_LIMITS,
) -> FixOutcome:
    """Fix one document's content. `rules` limits the fixes to those rule ids (None: every rule
    with a `fix:` block). Raises `InputError` when the content cannot be read; a document that
    cannot be checked (a publisher on no list) is the outcome's `error`."""
    doc = load_bytes(data, path, fmt, limits)
    before = check_document(doc, pack, ctx)
    outcome = FixOutcome(path, data, data, before=before, after=before, error=before.error)
    if before.error:
        return outcome
    wanted = set(rules) if rules is not None else None
    targets = _targets(before, pack, wanted)
    if not targets:
        return outcome
    try:
        source = Source(data, path, doc.format)
    except NotEditable as why:
        outcome.unfixable = [Unfixable.of(result, str(why)) for _, result in targets]
        return outcome
    page = prepare(suppress.read(doc, pack.known_ids).document, pack, ctx)
    planned, shared = _plan(targets, before, page, doc, source, pack, style)
    fixes = [p for p in planned if isinstance(p, Fix)]
    outcome.unfixable = [p for p in planned if isinstance(p, Unfixable)]
    fixed_text = source.text
    for _ in range(_ROUNDS):
        if not fixes:
            break
        fixed_text = source.apply(_edits(fixes, shared))
        try:
            fixed = source.encode(fixed_text)
        except NotEditable as why:
            outcome.unfixable += [Unfixable.of(f, str(why)) for f in fixes]
            fixes = []
            break
        after = check_document(load_bytes(fixed, path, doc.format, limits), pack, ctx)
        failed = _failed(fixes, before, after)
        if not failed:
            outcome.fixes, outcome.fixed, outcome.after, outcome.text = fixes, fixed, after, fixed_text
            outcome.diff = unified_diff(source.text, fixed_text, path)
            return outcome
        outcome.unfixable += [
            Unfixable.of(f, f"inserting {f.inserted!r} did not satisfy the rule; fix it by hand") for f in failed
        ]
        fixes = [f for f in fixes if f not in failed]
    outcome.unfixable += [Unfixable.of(f, "the fixes of this document undo each other; fix it by hand") for f in fixes]
    return outcome


def _targets(report: DocumentReport, pack: RulePack, wanted: set[str] | None) -> list[tuple[Rule, Result]]:
    """The results a fix may address: missing or malformed, of a fixable rule (never review)."""
    found = []
    for result in report.results:
        compiled = pack.rule(result.rule)
        if compiled is None or result.status not in FIXABLE or (wanted is not None and result.rule not in wanted):
            continue
        rule = compiled.rule
        if rule.kind in _KINDS and rule.fix and not rule.check.get("delisted"):
            found.append((rule, result))
    return found


def article_language(page: Page) -> str:
    """The article's language: as given or stated, else by the letters of its visible text."""
    if page.ctx.lang:
        return page.ctx.lang
    text = " ".join(page.blocks[i].text for i in page.reading)
    # A Chinese character is a word; Latin and Cyrillic words are some five letters long.
    counts = {"zh": 5 * len(_HAN.findall(text)), "ru": len(_CYRILLIC.findall(text)), "en": len(_LATIN.findall(text))}
    return max(counts, key=lambda lang: counts[lang])


def _kind(pack: RulePack, rule_id: str) -> str | None:
    compiled = pack.rule(rule_id)
    return compiled.rule.kind if compiled is not None else None


def _plan(
    targets: list[tuple[Rule, Result]], before: DocumentReport, page: Page, doc: Document, source: Source,
    pack: RulePack, style: FixStyle,
) -> tuple[list[Planned], dict[str, Edit]]:
    """The fixes and unfixables of the targets, and the edits fixes share (footnotes)."""
    article = page.derived("article layout", lambda: layout(page.doc))
    lang = article_language(page)
    mentions = [(rule, result) for rule, result in targets if rule.kind == "mention-label"]
    notes = labels.Footnotes(page.doc, source, article, style)
    notice_blocks = frozenset(
        r.span.block for r in before.results
        if r.span is not None and r.status is not Status.MISSING and _kind(pack, r.rule) == "notice"
    )
    planned: list[Planned] = list(labels.plan(mentions, doc, source, pack, lang, style, notes, notice_blocks))
    planned += notices.plan([t for t in targets if t[0].kind == "notice"], page, source, article, lang)
    try:
        shared = notes.edits()
    except Unplaceable as why:
        planned = [Unfixable.of(p, str(why)) if isinstance(p, Fix) and p.needs else p for p in planned]
        shared = {}
    return planned, shared


def _edits(fixes: list[Fix], shared: dict[str, Edit]) -> list[Edit]:
    """The edits of the fixes and the shared ones they need; labels of two rules after one name
    share one parenthesis («ОВД-Инфо (организация признана иноагентом; ...)»)."""
    needed = {key for fix in fixes for key in fix.needs}
    edits = [edit for fix in fixes for edit in fix.edits] + [edit for key, edit in shared.items() if key in needed]
    by_offset: dict[int, list[Edit]] = {}
    for edit in edits:
        by_offset.setdefault(edit.offset, []).append(edit)
    joined = []
    for offset, here in by_offset.items():
        labels = [_PARENTHESIS.fullmatch(edit.text) for edit in here]
        if len(here) > 1 and all(labels):
            joined.append(Edit(offset, f" ({'; '.join(m.group(1) for m in labels if m)})"))
        else:
            joined += here
    return joined


def _failed(fixes: list[Fix], before: DocumentReport, after: DocumentReport) -> list[Fix]:
    """The fixes whose rule still reports the problem they were to fix, and those that made a
    new problem (a label that no longer attaches to its name): by its place when it has one,
    else every fix is suspect."""
    left = {(r.rule, r.subject) for r in after.results if r.status in FIXABLE}
    left_rules = {rule for rule, _ in left}
    failed = [
        f for f in fixes
        if (f.rule, f.subject) in left or (f.text is None and f.rule in left_rules)
        or any((c.rule, c.subject) in left for c in f.covers)
    ]
    old = {(r.rule, r.subject) for r in before.results if r.is_problem}
    new = [r for r in after.results if r.is_problem and (r.rule, r.subject) not in old]
    for problem in new:
        near = [f for f in fixes if f.text is not None and f.subject == problem.subject]
        notices = [f for f in fixes if f.text is None]  # a notice that names someone anew
        failed += [f for f in near or notices or fixes if f not in failed]
    return failed
