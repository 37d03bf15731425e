"""Suppressions written in an article: an editor silences a rule for the document or for the next
block, and must say why.

    <!-- checker: disable ru.undesirable.donation-cta reason="Legal approved, ticket LEG-12" -->
    <!-- checker: disable-next eu.sanctions.annex-xv-embed reason="Quoted as evidence" -->

The same comment works in Markdown; in a plain-text article the directive is a line of its own:
`checker: disable RULE-ID reason="..."`. Several rule ids may be separated by commas.

A suppressed problem stays in the report, with status `suppressed`, the reason and what it was;
it no longer fails the run. A directive that names no rule, an unknown rule, or gives no reason
suppresses nothing and is reported as an error where it is written: silence needs a reason.
Directives are instructions to the checker, not article text, so their blocks are removed before
the checks read the document (a directive line must not become a plain text's headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from checker.documents.model import BODY, HEADLINE, Block, Document
from checker.documents.plain import _is_headline as is_headline
from checker.report import Citation, Location, Result, Section, Severity, Status, Suppressed
from checker.schema import did_you_mean

RULE_ID = "checker.suppression"  # the id problems with suppressions are reported under
VERBS = {"disable": "document", "disable-next": "block"}
_POLICY = (Citation("checker: every suppression names the rule it silences and gives a reason"),)

# A comment that starts with "checker:" is meant for us, however it continues; in plain text
# only a line that starts like a directive is one ("Fact-checker: Ann" is text).
_COMMENT = re.compile(r"\s*checker\s*:\s*(?P<body>.*)", re.S | re.I)
_TEXT_LINE = re.compile(r"\s*checker\s*:\s*(?P<body>disable(?:-next)?\b.*)", re.I)
_BODY = re.compile(
    r"(?P<verb>[\w-]*)\s*(?P<ids>.*?)\s*(?:\breason\s*=\s*(?:\"(?P<r1>[^\"]*)\"|'(?P<r2>[^']*)'|“(?P<r3>[^”]*)”)\s*)?$",
    re.S,
)
_ID = re.compile(r"[a-z0-9]+(?:\.[a-z0-9-]+)+")

Position = tuple[int, int]


@dataclass(frozen=True)
class Suppression:
    rules: frozenset[str]
    reason: str
    scope: str  # "document" or "block"
    at: Position  # where the directive is written
    until: Position | None  # block scope: where the silenced region ends (None: end of document)

    def covers(self, result: Result) -> bool:
        if result.rule not in self.rules or not result.is_problem:
            return False
        if self.scope == "document":
            return True
        where = (result.location.line, result.location.column)
        return self.at <= where and (self.until is None or where < self.until)


@dataclass(frozen=True)
class Reading:
    document: Document  # without the blocks that only hold directives
    suppressions: tuple[Suppression, ...]
    problems: tuple[Result, ...]  # directives that cannot be applied, as error results


@dataclass(frozen=True)
class _Directive:
    body: str  # after "checker:"
    text: str  # as written, for the report
    at: Position
    block: int  # index of the block it is in
    alone: bool  # the block holds nothing else (a comment; a paragraph of directives)


def _directives(doc: Document) -> Iterator[_Directive]:
    """Every directive of the document, in order."""
    for block in doc.blocks:
        if block.tag == "comment" and not block.visible:
            match = _COMMENT.match(block.text)
            if match:
                at = (block.line, block.column)
                yield _Directive(match["body"].strip(), block.text.strip(), at, block.index, True)
        elif doc.format == "text":
            yield from _text_directives(block)


def _text_directives(block: Block) -> list[_Directive]:
    lines = block.text.split("\n")
    found, offset = [], 0
    for line in lines:
        match = _TEXT_LINE.match(line)
        if match:
            found.append((match["body"].strip(), line.strip(), block.locate(offset)))
        offset += len(line) + 1
    alone = len(found) == len(lines)
    return [_Directive(body, text, at, block.index, alone) for body, text, at in found]


def read(doc: Document, known_ids: Iterable[str]) -> Reading:
    """The suppressions of a document, the problems with them, and the document without them."""
    known = frozenset(known_ids)
    found = list(_directives(doc))
    removed = {d.block for d in found if d.alone}
    kept = [b for b in doc.blocks if b.index not in removed]
    suppressions, problems = [], []
    for directive in found:
        suppression, troubles = _parse(directive, known, kept)
        problems += troubles
        if suppression is not None:
            suppressions.append(suppression)
    if not removed:
        return Reading(doc, tuple(suppressions), tuple(problems))
    blocks = kept  # each keeps its index in `doc`, where results' spans point
    if doc.format == "text" and any(doc.blocks[i].zone == HEADLINE for i in removed):
        _promote_headline(blocks)
    return Reading(replace(doc, blocks=tuple(blocks)), tuple(suppressions), tuple(problems))


def _promote_headline(blocks: list[Block]) -> None:
    """A directive on the first line of a plain text took the headline's place; give it back to
    the paragraph that follows, when that paragraph looks like a headline."""
    if blocks and blocks[0].zone == BODY and "\n" not in blocks[0].text and is_headline([(0, blocks[0].text)]):
        blocks[0] = blocks[0]._replace(zone=HEADLINE)


_HOW = 'write checker: disable RULE-ID reason="why"'


def _parse(
    directive: _Directive, known: frozenset[str], blocks: list[Block]
) -> tuple[Suppression | None, list[Result]]:
    """The suppression a directive makes, or None and what is wrong with it."""
    match = _BODY.match(directive.body)
    verb = match["verb"].lower() if match else ""
    if match is None or verb not in VERBS:
        unknown = f"unknown suppression {verb or directive.body!r}{did_you_mean(verb, VERBS)}"
        return None, [_problem(directive, f"{unknown}; {_HOW}")]
    ids = [i for i in re.split(r"[\s,]+", match["ids"]) if i]
    reason = next((r for r in (match["r1"], match["r2"], match["r3"]) if r is not None), "").strip()
    if any(i.lower().startswith("reason") for i in ids):
        return None, [_problem(directive, 'write the reason in double quotes: reason="..."; nothing is suppressed')]
    problems = []
    if not ids:
        problems.append(_problem(directive, "suppression names no rule: give the id of the rule to silence"))
    for rule_id in ids:
        if not _ID.fullmatch(rule_id):
            problems.append(_problem(directive, f"cannot read the suppression at {rule_id!r}; {_HOW}"))
        elif rule_id not in known:
            hint = did_you_mean(rule_id, known)
            problems.append(_problem(directive, f"suppression names unknown rule {rule_id!r}{hint}"))
    if not reason:
        problems.append(_problem(directive, f"suppression of {', '.join(ids) or 'a rule'} has no reason: "
                                            'add reason="..." saying why and who decided; nothing is suppressed'))
    if problems:
        return None, problems
    scope = VERBS[verb]
    until = _region_end(directive, blocks) if scope == "block" else None
    return Suppression(frozenset(ids), reason, scope, directive.at, until), []


def _region_end(directive: _Directive, blocks: list[Block]) -> Position | None:
    """Where the block after the silenced one starts: what lies between (the block, its links and
    embeds) is silenced. The silenced block is the next one; for a directive line at the top of a
    plain-text paragraph, the rest of that paragraph."""
    after = [b for b in blocks if b.visible and (b.line, b.column) > directive.at and b.index != directive.block]
    skip = 1 if directive.alone else 0
    return (after[skip].line, after[skip].column) if len(after) > skip else None


def _problem(directive: _Directive, message: str) -> Result:
    return Result(
        rule=RULE_ID,
        section=Section.FLAG,
        status=Status.FLAGGED,
        severity=Severity.ERROR,
        subject=None,
        text=directive.text,
        message=message,
        location=Location(*directive.at),
        law=_POLICY,
    )


def apply(results: Iterable[Result], suppressions: Iterable[Suppression]) -> list[Result]:
    """The results, with each problem a suppression covers marked suppressed (first one wins)."""
    suppressions = tuple(suppressions)
    out = []
    for result in results:
        by = next((s for s in suppressions if s.covers(result)), None)
        if by is None:
            out.append(result)
            continue
        record = Suppressed(by.reason, result.status, Location(*by.at), by.scope)
        out.append(replace(result, status=Status.SUPPRESSED, suppressed=record))
    return out
