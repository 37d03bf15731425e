"""Check kind `flag`: content that carries legal risk to readers or to the publisher.

Three sources, any combination:
- `links`: links and embeds pointing to websites of active entries of the given lists
  (`embeds_only: true` keeps iframes, video, audio and scripts and ignores plain links);
- `text`: visible text matching phrasings (a donation call, say), except where the match overlaps
  a match of `text.exclude` (the same call negated in a warning: "не подписывайтесь на нас");
- `hrefs`: link addresses matching phrasings (donation platforms).
One result per occurrence, status `flagged`.

Example (YAML)::

    check:
      kind: flag
      links: {lists: [ru.undesirable]}
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit

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
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.page import Page
from checker.match.patterns import Phrasings, compile_phrasings
from checker.report import ExampleStatus, Location, Result, Section, Status
from checker.rulepack.rules import Rule

NAME = "flag"
OPTIONS: Mapping[str, Any] = {"embeds_only": False}  # an option of `links`
REPORTER = Reporter(Section.FLAG, {Status.FLAGGED: "{title}{detail}: {text}"})
EXAMPLE_STATUSES = frozenset({Status.FLAGGED, ExampleStatus.CLEAN, ExampleStatus.NOT_APPLICABLE})
EXPECTS = frozenset({"status", "flags"})
_SOURCES = ("links", "text", "hrefs")


@dataclass(frozen=True)
class FlagCheck:
    link_lists: frozenset[str]
    embeds_only: bool
    text: Phrasings | None
    hrefs: Phrasings | None
    text_exclude: Phrasings | None = None  # text matches overlapping these are not flagged


def list_references(spec: Mapping[str, Any]) -> Iterator[ListPath]:
    lists = spec.get("links", {}).get("lists", ())
    return ((list_id, ("check", "links", "lists", i)) for i, list_id in enumerate(lists))


def reads_names(spec: Mapping[str, Any]) -> bool:
    return False  # links are matched by host, text by the rule's own phrases


def problems(rule: Rule) -> Iterator[RuleError]:
    check = rule.check
    for key in ("text", "hrefs"):
        if key in check and empty(check[key]):
            yield rule.error(f"{key} has no phrases or patterns: it can never flag anything", "check", key)
    if not any(key in check for key in _SOURCES):
        yield rule.error("a flag check needs links, text or hrefs (or several)", "check")


def compile_check(rule: Rule, known_lists: set[str]) -> FlagCheck:
    spec = rule.check
    links = spec.get("links", {})

    def phrasings(key: str) -> Phrasings | None:
        raw = spec.get(key)
        return compile_phrasings(raw.get("phrases", ()), raw.get("patterns", ())) if raw else None

    exclude = spec.get("text", {}).get("exclude")
    return FlagCheck(
        frozenset(links.get("lists", ())),
        links.get("embeds_only", OPTIONS["embeds_only"]),
        phrasings("text"),
        phrasings("hrefs"),
        compile_phrasings(exclude.get("phrases", ()), exclude.get("patterns", ())) if exclude else None,
    )


def _host(href: str) -> str:
    if "//" not in href:  # relative links stay on the publisher's own site
        return ""
    try:
        return urlsplit(href.strip()).hostname or ""
    except ValueError:
        return ""


def evaluate(rule: Rule, check: FlagCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    links = [link for link in page.doc.links if link.visible]
    if check.link_lists:
        for link in links:
            if check.embeds_only and not link.is_embed or link.href.startswith(("#", "mailto:")):
                continue
            entries = [
                e for e in page.entries_for_host(_host(link.href))
                if e.list_id in check.link_lists and e.active(page.as_of)
            ]
            if entries:
                what = "embeds content from" if link.is_embed else "links to"
                yield REPORTER.result(
                    rule, Status.FLAGGED, Location(link.line, link.column), entries[0], link.href,
                    f": {what} {entries[0].display}",
                )
    if check.hrefs:
        # One pass over all addresses, one per line, rather than one regex call per link.
        hrefs = "\n".join(link.href.lower().replace("\n", " ") for link in links)
        starts = list(accumulate((len(link.href) + 1 for link in links), initial=0))
        flagged = sorted({bisect_right(starts, start) - 1 for start, _ in check.hrefs.finditer(hrefs)})
        for link in (links[n] for n in flagged):
            yield REPORTER.result(rule, Status.FLAGGED, Location(link.line, link.column), page.ctx.publisher, link.href)
    if check.text:
        excluded = page.find(check.text_exclude) if check.text_exclude else []
        for i, start, end in page.find(check.text):
            if page.blocks[i].visible and not any(j == i and s < end and start < e for j, s, e in excluded):
                yield REPORTER.result(
                    rule, Status.FLAGGED, page.location(i, start), page.ctx.publisher,
                    shorten(page.source_text(i, start, end)), span=source_span(page, i, start, end),
                )


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    lines = ["Flags, one result per occurrence:"]
    if "links" in spec:
        links = spec["links"]
        embeds = links.get("embeds_only", OPTIONS["embeds_only"])
        what = "embedded content (iframes, video, audio, scripts)" if embeds else "links and embeds"
        lines.append(f"- {what} from websites of active entries of {any_of(list_name(i) for i in links['lists'])}")
    if "text" in spec:
        lines.append(f"- visible text: {phrasings_words(spec['text'], quote)}")
        if "exclude" in spec["text"]:
            lines.append(f"- but not visible text overlapping: {phrasings_words(spec['text']['exclude'], quote)}")
    if "hrefs" in spec:
        lines.append(f"- link addresses: {phrasings_words(spec['hrefs'], quote)}")
    return lines
