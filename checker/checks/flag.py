"""Check kind `flag`: content that carries legal risk to readers or to the publisher.

Four sources, any combination:
- `links`: links and embeds pointing to websites of active entries of the given lists
  (`embeds_only: true` keeps iframes, video, audio and scripts and ignores plain links);
- `calls`: calls to action, each a group of verbs (by dictionary form: every imperative and
  infinitive is found, `checker.match.calls`) and what they must ask for (`objects`, and with
  `{publisher}` in an object, the publisher's own name in any case form);
- `text`: visible text matching phrasings (a crypto wallet address, say);
- `hrefs`: link addresses: matching phrasings, on a payment platform (`payments: true`, the
  lexicon's `payment_hosts`), on one of the `subdomains` of any site, or on the publisher's own
  site under one of `own_site`'s subdomains or path segments.

Status `flagged`, one result per risky thing a reader sees: a call to action and its link are
one (a block holding a call is one result, at the call, whatever links it holds; a risky link
in a block without a call is one result at the link's text); the same address linked twice in
one block (a picture and a caption) is one.

Example (YAML)::

    check:
      kind: flag
      links: {lists: [ru.undesirable]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from checker import lexicon
from checker.checks.common import (
    ListName,
    ListPath,
    Quote,
    Reporter,
    any_of,
    empty,
    phrasings_words,
    shorten,
    source_span,
)
from checker.documents.model import Link
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.calls import PUBLISHER, CallGroup, CallMatcher, compile_calls, publisher_names
from checker.match.normalise import fold
from checker.match.page import Page, Span
from checker.match.patterns import Phrasings, compile_phrasings
from checker.report import ExampleStatus, Location, Result, Section, Status
from checker.rulepack.rules import Rule

NAME = "flag"
OPTIONS: Mapping[str, Any] = {"embeds_only": False}  # an option of `links`
REPORTER = Reporter(Section.FLAG, {Status.FLAGGED: "{title}{detail}: {text}"})
EXAMPLE_STATUSES = frozenset({Status.FLAGGED, ExampleStatus.CLEAN, ExampleStatus.NOT_APPLICABLE})
EXPECTS = frozenset({"status", "flags"})
_SOURCES = ("links", "calls", "text", "hrefs")


@dataclass(frozen=True)
class HrefCheck:
    """What makes a link address risky."""

    phrasings: Phrasings | None
    payments: bool
    subdomains: frozenset[str]
    own_subdomains: frozenset[str]
    own_paths: frozenset[str]


@dataclass(frozen=True)
class FlagCheck:
    link_lists: frozenset[str]
    embeds_only: bool
    text: Phrasings | None
    hrefs: HrefCheck | None
    calls: tuple[CallGroup, ...] = ()


def list_references(spec: Mapping[str, Any]) -> Iterator[ListPath]:
    lists = spec.get("links", {}).get("lists", ())
    return ((list_id, ("check", "links", "lists", i)) for i, list_id in enumerate(lists))


def reads_names(spec: Mapping[str, Any]) -> bool:
    return False  # links are matched by host, text by the rule's own phrases


def problems(rule: Rule) -> Iterator[RuleError]:
    check = rule.check
    if "text" in check and empty(check["text"]):
        yield rule.error("text has no phrases or patterns: it can never flag anything", "check", "text")
    hrefs = check.get("hrefs")
    if hrefs is not None and empty(hrefs) and not (
        hrefs.get("payments") or hrefs.get("subdomains") or any(hrefs.get("own_site", {}).values())
    ):
        yield rule.error("hrefs has no phrases, patterns, payments, subdomains or own_site: it can never flag anything",
                         "check", "hrefs")
    for i, call in enumerate(check.get("calls", ())):
        for k, phrase in enumerate(call.get("objects", ())):
            if PUBLISHER in phrase and not rule.applies.publisher_on:
                yield rule.error(
                    f"call {call['name']!r} asks for {PUBLISHER}, but the rule has no applies.publisher_on, "
                    "so there is no publisher entry to take names from", "check", "calls", i, "objects", k,
                )
    if not any(key in check for key in _SOURCES):
        yield rule.error("a flag check needs links, calls, text or hrefs (or several)", "check")


def _phrasings(raw: Mapping[str, Any] | None) -> Phrasings | None:
    if not raw or empty(raw):
        return None
    return compile_phrasings(raw.get("phrases", ()), raw.get("patterns", ()))


def _words(values: Any) -> frozenset[str]:
    return frozenset(fold(v) for v in values or ())


def compile_check(rule: Rule, known_lists: set[str]) -> FlagCheck:
    spec = rule.check
    links = spec.get("links", {})
    hrefs = spec.get("hrefs")
    href_check = None
    if hrefs is not None:
        own = hrefs.get("own_site", {})
        href_check = HrefCheck(
            _phrasings(hrefs), bool(hrefs.get("payments")), _words(hrefs.get("subdomains")),
            _words(own.get("subdomains")), _words(own.get("paths")),
        )
    calls = tuple(
        CallGroup(raw["name"], tuple(raw["verbs"]), tuple(raw.get("objects", ())))
        for raw in spec.get("calls", ())
    )
    if calls:
        compile_calls(calls)  # a phrase that cannot compile is the rule's error, now
    return FlagCheck(
        frozenset(links.get("lists", ())),
        links.get("embeds_only", OPTIONS["embeds_only"]),
        _phrasings(spec.get("text")),
        href_check,
        calls,
    )


# ---------------------------------------------------------------------------------------------
# Link addresses


def _host(href: str) -> str:
    if "//" not in href:  # relative links stay on the publisher's own site
        return ""
    try:
        return (urlsplit(href.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _path(href: str) -> str:
    try:
        return urlsplit(href.strip()).path.lower()
    except ValueError:
        return ""


@cache
def _payment_hosts() -> tuple[tuple[str, str], ...]:
    """(host, start of path) of every payment platform in the lexicon."""
    out = []
    for written in lexicon.words("payment_hosts"):
        host, _, path = written.lower().partition("/")
        out.append((host, "/" + path if path else ""))
    return tuple(out)


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _on_payment_platform(host: str, path: str) -> bool:
    return any(_under(host, h) and path.startswith(p) for h, p in _payment_hosts())


def _risky_href(check: HrefCheck, page: Page, subject: Entry | None, link: Link) -> bool:
    href = link.href.strip()
    if href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return False
    host, path = _host(href), _path(href)
    labels = host.split(".")
    if check.phrasings and check.phrasings.search(href.lower()):
        return True
    if check.payments and host and _on_payment_platform(host, path):
        return True
    if len(labels) > 2 and labels[0] in check.subdomains:
        return True
    own = not host or (subject is not None and subject in page.entries_for_host(host))
    if not own:
        return False
    if len(labels) > 2 and labels[0] in check.own_subdomains:
        return True
    return any(segment in check.own_paths for segment in path.split("/"))


# ---------------------------------------------------------------------------------------------
# Where a link stands in the page's text


def _block_range(page: Page, i: int) -> tuple[tuple[int, int], tuple[int, int]]:
    block = page.blocks[i]
    return (block.line, block.column), block.locate(len(block.text.rstrip()))


def _link_span(page: Page, link: Link) -> Span | None:
    """The link's text in the page: in the block whose source holds the link (or the first that
    starts after its tag), the occurrence of its text nearest after the tag."""
    words = fold(link.text)
    if not words:
        return None
    position = (link.line, link.column)
    ranges = [(i, *_block_range(page, i)) for i in page.visible]
    holding = [i for i, start, end in ranges if start <= position <= end]
    after = [i for i, start, _ in sorted(ranges, key=lambda r: r[1]) if start > position][:1]
    for i in holding[-1:] + after + page.visible:
        lower = page.text(i).lower
        found = list(_occurrences(lower, words))
        if found:
            located = [n for n in found if page.blocks[i].locate(page.text(i).to_source(n)) >= position]
            start = (located or found)[0]
            return i, start, start + len(words)
    return None


def _occurrences(lower: str, words: str) -> Iterator[int]:
    n = lower.find(words)
    while n >= 0:
        yield n
        n = lower.find(words, n + 1)


# ---------------------------------------------------------------------------------------------
# Evaluation


@dataclass
class _Finding:
    """What one result reports: the calls (text hits) and risky links of one block, or one
    risky link that stands in no block's text."""

    calls: list[Span] = field(default_factory=list)
    links: list[tuple[Link, Span | None]] = field(default_factory=list)
    link_texts: list[Span] = field(default_factory=list)  # of every link in the block


def _call_hits(check: FlagCheck, page: Page, subject: Entry | None) -> Iterator[Span]:
    if check.calls:
        names = publisher_names(subject) if subject is not None and any(c.names_publisher for c in check.calls) else ()
        matcher: CallMatcher = compile_calls(check.calls, names)
        for tag, (i, start, end) in page.find_tagged(matcher.phrasings):
            if page.blocks[i].visible and matcher.is_call(tag, page.text(i).lower, start, end):
                yield i, start, end
    if check.text:
        yield from (hit for hit in page.find(check.text) if page.blocks[hit[0]].visible)


def _findings(check: FlagCheck, page: Page, subject: Entry | None) -> list[_Finding]:
    by_block: dict[int, _Finding] = {}
    alone: list[_Finding] = []
    for hit in sorted(_call_hits(check, page, subject)):
        by_block.setdefault(hit[0], _Finding()).calls.append(hit)
    with_calls = set(by_block)
    for link in page.doc.links:
        if not link.visible or link.kind == "script":
            continue
        risky = check.hrefs is not None and _risky_href(check.hrefs, page, subject, link)
        if not (risky or (with_calls and link.text)):
            continue
        span = _link_span(page, link)
        if risky:
            finding = by_block.setdefault(span[0], _Finding()) if span else _Finding()
            if not span:
                alone.append(finding)
            finding.links.append((link, span))
        if span and span[0] in by_block:
            by_block[span[0]].link_texts.append(span)
    return [*by_block.values(), *alone]  # the engine sorts the results


_QUOTED = 160  # the longest text a result quotes (`shorten`)


def _marked(finding: _Finding, first: Span) -> Span:
    """What a result marks in the text: the call, and the text of a link that holds it."""
    i, start, end = first
    for span in finding.link_texts:
        if span[0] == i and span[1] < end and start < span[2]:
            start, end = min(start, span[1]), max(end, span[2])
    return i, start, end


def _report(rule: Rule, page: Page, subject: Entry | None, finding: _Finding) -> Result:
    who = subject or page.ctx.publisher
    spans = finding.calls or [s for _, s in finding.links if s is not None]
    if not spans:
        link = finding.links[0][0]
        where = Location(link.line, link.column)
        return REPORTER.result(rule, Status.FLAGGED, where, who, shorten(link.text or link.href))
    i, start, end = marked = _marked(finding, spans[0])
    if finding.calls:  # the call's sentence, and its links when they follow it in the block
        sentence_start, end = page.sentence(i, start, end)
        end = max([end] + [s[2] for _, s in finding.links if s is not None])
        if end - sentence_start <= _QUOTED:  # else from the call, so that the quote shows it
            start = sentence_start
    text = page.source_text(i, start, end).strip()
    detail = ""
    hrefs = [link.href for link, _ in finding.links]
    if hrefs and finding.calls:
        detail = f" (with its link {hrefs[0]})"
    elif hrefs:
        detail = f" (links to {hrefs[0]})"
    return REPORTER.result(
        rule, Status.FLAGGED, page.location(i, marked[1]), who, shorten(text), detail,
        span=source_span(page, *marked),
    )


# Parts of one embedded player: its sources, and the fallback of an <object>.
_PARTS = {"source": frozenset({"video", "audio", "source"}), "embed": frozenset({"object"})}


def _address(href: str) -> str:
    return href.strip().rstrip("/").lower().replace("://www.", "://")


def _one_item(page: Page, before: Link, link: Link) -> bool:
    """Whether a link continues the risky item of the link just before it: a source of the same
    player, or the same address again in the same block (a picture and its title), or right
    after a link without text (a picture link, then its title)."""
    if before.kind in _PARTS.get(link.kind, ()):
        return True
    if _address(before.href) != _address(link.href):
        return False
    if not (before.text and link.text):
        return True
    spans = _link_span(page, before), _link_span(page, link)
    return spans[0] is not None and spans[1] is not None and spans[0][0] == spans[1][0]


def _listed_entries(check: FlagCheck, page: Page, link: Link) -> list[Entry]:
    """The active entries of the check's lists whose website the link points to."""
    if not link.visible or (check.embeds_only and not link.is_embed) or link.href.startswith(("#", "mailto:")):
        return []
    return [
        e for e in page.entries_for_host(_host(link.href))
        if e.list_id in check.link_lists and e.active(page.as_of)
    ]


def _listed_links(check: FlagCheck, page: Page) -> Iterator[tuple[Link, Entry]]:
    """Links to the lists' websites, one per risky item (see `_one_item`)."""
    before: Link | None = None  # the last link, if it was flagged
    for link in page.doc.links:
        entries = _listed_entries(check, page, link)
        if entries and not (before is not None and _one_item(page, before, link)):
            yield link, entries[0]
        before = link if entries else None


def evaluate(rule: Rule, check: FlagCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    if check.link_lists:
        for link, entry in _listed_links(check, page):
            what = "embeds content from" if link.is_embed else "links to"
            yield REPORTER.result(
                rule, Status.FLAGGED, Location(link.line, link.column), entry, link.href,
                f": {what} {entry.display}",
            )
    if check.calls or check.text or check.hrefs:
        for finding in _findings(check, page, subject):
            yield _report(rule, page, subject, finding)


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    lines = ["Flags, one result per risky link or embed, and one per call to action with its links:"]
    if "links" in spec:
        links = spec["links"]
        embeds = links.get("embeds_only", OPTIONS["embeds_only"])
        what = "embedded content (iframes, video, audio, scripts)" if embeds else "links and embeds"
        lines.append(f"- {what} from websites of active entries of {any_of(list_name(i) for i in links['lists'])}")
    for call in spec.get("calls", ()):
        objects = call.get("objects", ())
        verbs = ", ".join(quote(v) for v in call["verbs"])
        object_words = f", asking for {any_of([quote(o) for o in objects])}" if objects else ""
        if any(PUBLISHER in o for o in objects):
            object_words += f" ({PUBLISHER}: the publisher's own name, in any case form)"
        lines.append(f"- a call to action ({call['name']}): {verbs}, in the imperative or infinitive{object_words}")
    if "text" in spec:
        lines.append(f"- visible text: {phrasings_words(spec['text'], quote)}")
    if "hrefs" in spec:
        lines.append(f"- link addresses: {_href_words(spec['hrefs'], quote)}")
    return lines


def _href_words(spec: Mapping[str, Any], quote: Quote) -> str:
    parts = [phrasings_words(spec, quote)] if not empty(spec) else []
    if spec.get("payments"):
        parts.append("payment and crowdfunding platforms (Patreon, PayPal, Boosty...)")
    if spec.get("subdomains"):
        parts.append("the subdomains " + ", ".join(quote(s + ".") for s in spec["subdomains"]) + " of any site")
    own = spec.get("own_site", {})
    if own.get("subdomains") or own.get("paths"):
        what = [quote(s + ".") for s in own.get("subdomains", ())] + [quote("/" + p) for p in own.get("paths", ())]
        parts.append("on the publisher's own site: " + ", ".join(what))
    return "; ".join(parts)
