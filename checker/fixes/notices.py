"""Fixes for notice rules: the notice's text from the rule's `fix.notice`, in the article's
language (else the first language the rule writes), as a paragraph of its own where the rule
wants it: after the headline for `under-headline` and `beginning` (before the first paragraph
when there is no headline), after the article's last paragraph for `footer` and `anywhere`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from checker.checks.notice import OPTIONS as NOTICE_OPTIONS
from checker.documents.layout import Layout
from checker.documents.model import Document
from checker.fixes.model import Edit, Fix, Planned, Unfixable
from checker.fixes.places import Unplaceable, paragraph_after, paragraph_before
from checker.fixes.source import Source
from checker.fixes.templates import fill, placeholders
from checker.lists.model import Entry
from checker.match.page import Page
from checker.report import Result, Status
from checker.rulepack.rules import Rule


def plan(
    results: list[tuple[Rule, Result]], page: Page, source: Source, article: Layout, lang: str
) -> Iterator[Planned]:
    for rule, result in results:
        try:
            yield _fix(rule, result, page, source, article, lang)
        except Unplaceable as why:
            yield Unfixable.of(result, str(why))


def _subject(rule: Rule, page: Page) -> Entry | None:
    """The publisher's entry that made the rule apply (as the engine finds it)."""
    on = rule.applies.publisher_on
    return next((e for e in page.publisher if e.list_id in on and e.active(page.as_of)), None)


def _fix(rule: Rule, result: Result, page: Page, source: Source, article: Layout, lang: str) -> Planned:
    templates = rule.fix["notice"]
    written = lang if lang in templates else next(iter(templates))  # else the rule's first language
    template = templates[written]
    entry = _subject(rule, page)
    if entry is None and set(placeholders(template)) - {"principal"} and not page.ctx.publisher:
        return Unfixable.of(result, "the notice names the publisher, and none is given (--publisher)")
    if "{principal}" in template and (entry is None or not entry.principals):
        return Unfixable.of(result, "the registrant's foreign principal is not on its list entry")
    text = fill(template, entry, written, page.ctx.publisher)
    offset, inserted = _place(rule, page.doc, source, article, text)
    fix = Fix.of(result, (Edit(offset, inserted),), text)
    if result.status == Status.MALFORMED and result.text:
        # A fix only inserts: the old notice stays where it is, for a person to remove or correct.
        where = f"line {result.location.line}"
        fix = replace(fix, note=f"the malformed notice at {where} stays: remove or correct it by hand")
    return fix


def _place(rule: Rule, doc: Document, source: Source, article: Layout, text: str) -> tuple[int, str]:
    place = rule.fix.get("place") or rule.check.get("placement", NOTICE_OPTIONS["placement"])
    if not article.counted:
        raise Unplaceable("the article has no text to put the notice in")
    if place in ("under-headline", "beginning"):
        if article.headline is not None:
            return paragraph_after(source, doc, doc.blocks[article.headline], text)
        return paragraph_before(source, doc, doc.blocks[article.counted[0]], text)
    problem = ""
    for block in reversed(article.counted[-3:]):
        try:
            return paragraph_after(source, doc, doc.blocks[block], text)
        except Unplaceable as why:
            problem = str(why)
    raise Unplaceable(problem)
