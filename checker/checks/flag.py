"""Check kind `flag`: content that carries legal risk to readers or to the publisher.

Five sources, any combination:
- `links`: links and embeds pointing to websites of active entries of the given lists
  (`embeds_only: true` keeps iframes, video, audio and scripts and ignores plain links);
- `calls`: calls to action, each a group of verbs (by dictionary form: every imperative and
  infinitive is found, `checker.match.calls`) and what they must ask for (`objects`, and with
  `{publisher}` in an object, the publisher's own name in any case form); `lexicon: share_calls`
  (or `donation_calls`) takes the groups the lexicon keeps under that name;
- `text`: visible text matching phrasings (a call in fixed words, a crypto wallet address), each
  match a call, except where it overlaps a match of `text.exclude` (the same call negated in a
  warning: "не подписывайтесь на нас");
- `hrefs`: link addresses: matching phrasings, on a payment platform (`payments: true`, the
  lexicon's `payment_hosts`), a share or like endpoint of a network (`sharing: true`, the
  lexicon's `share_hosts`), or on the publisher's own site under one of `own_site`'s
  subdomains or path segments (a donation page of someone else's site is no risk to readers
  from the publisher's designation);
- `elements`: text in a share, like or comment widget (`sharing: true`: an element whose class,
  id, role or aria-label has a word of the lexicon's `share_elements`), each block a call, and
  such buttons without text (icons, `Document.controls`), each one.

Status `flagged`, one result per call to action or risky link a reader meets (`_units`): a call
and the link it stands in or introduces are one, at the call; each payment option is one; the
same address twice in a row (a picture and its title) is one. With `group: true`, the calls and
links of adjacent blocks of one container (a row of share buttons) are one too.

`unless_near: {notice: RULE_ID, within: N}` leaves out the calls to action that stand near a
notice of another rule (a reader warning next to a share row): where that notice rule finds its
notice, present or incomplete, in the same block (`same-block`), in an element both share
(`same-container`), or at most N visible blocks before or after the call (default 2).

Example (YAML)::

    check:
      kind: flag
      links: {lists: [ru.undesirable]}
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from checker import lexicon
from checker.checks import notice
from checker.checks.common import (
    ListName,
    ListPath,
    Quote,
    Reporter,
    any_of,
    block_before,
    empty,
    link_span,
    phrasings_words,
    shorten,
    source_span,
)
from checker.documents.layout import element_frames
from checker.documents.model import Control, Frame, Link, stands_alone
from checker.errors import RuleError
from checker.lists.model import Entry
from checker.match.calls import PUBLISHER, CallGroup, CallMatcher, compile_calls, publisher_names
from checker.match.normalise import fold
from checker.match.page import Page, Span
from checker.match.patterns import Phrasings, compile_phrasings
from checker.report import ExampleStatus, Location, Result, Section, Status
from checker.rulepack.rules import Rule
from checker.schema import did_you_mean

NAME = "flag"
# embeds_only: an option of `links`; within: of `unless_near`
OPTIONS: Mapping[str, Any] = {"embeds_only": False, "group": False, "within": 2}
REPORTER = Reporter(Section.FLAG, {Status.FLAGGED: "{title}{detail}: {text}"})
EXAMPLE_STATUSES = frozenset({Status.FLAGGED, ExampleStatus.CLEAN, ExampleStatus.NOT_APPLICABLE})
EXPECTS = frozenset({"status", "flags"})
_SOURCES = ("links", "calls", "text", "hrefs", "elements")
SAME_BLOCK, SAME_CONTAINER = "same-block", "same-container"


@dataclass(frozen=True)
class HrefCheck:
    """What makes a link address risky."""

    phrasings: Phrasings | None
    payments: bool
    own_subdomains: frozenset[str]
    own_paths: frozenset[str]
    sharing: bool = False
    # Address -> what it says without the page (`_href_verdict`): a site's pages share their
    # navigation and footer links, so each address is read once, not once per link per page.
    verdicts: dict[str, tuple[bool, bool]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Near:
    """A notice of another rule that makes the calls near it safe, and how near it must be: a
    number of blocks, SAME_BLOCK or SAME_CONTAINER. `rule` and `check` are the notice rule,
    linked when the rule pack is built (`link`)."""

    notice: str
    within: int | str
    rule: Rule | None = None
    check: Any = None


@dataclass(frozen=True)
class FlagCheck:
    link_lists: frozenset[str]
    embeds_only: bool
    text: Phrasings | None
    hrefs: HrefCheck | None
    calls: tuple[CallGroup, ...] = ()
    text_exclude: Phrasings | None = None  # text matches overlapping these are not flagged
    sharing_elements: bool = False  # text in share, like and comment widgets is a call
    group: bool = False  # adjacent blocks of one container: one call to action
    unless_near: Near | None = None
    text_max_words: int | None = None  # text matches count only in blocks of at most this many words


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
        hrefs.get("payments") or hrefs.get("sharing") or any(hrefs.get("own_site", {}).values())
    ):
        yield rule.error("hrefs has no phrases, patterns, payments, sharing or own_site: it can never flag anything",
                         "check", "hrefs")
    if "elements" in check and not check["elements"].get("sharing"):
        yield rule.error("elements has no kind of widget (sharing: true): it can never flag anything",
                         "check", "elements")
    for i, written in enumerate(check.get("calls", ())):
        for call in _expanded(written):
            for k, phrase in enumerate(call.get("objects", ())):
                if PUBLISHER in phrase and not rule.applies.publisher_on:
                    where = ("check", "calls", i) if "lexicon" in written else ("check", "calls", i, "objects", k)
                    yield rule.error(
                        f"call {call['name']!r} asks for {PUBLISHER}, but the rule has no applies.publisher_on, "
                        "so there is no publisher entry to take names from", *where,
                    )
    if not any(key in check for key in _SOURCES):
        yield rule.error("a flag check needs links, calls, text, hrefs or elements (or several)", "check")


def _expanded(call: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A call as written, or the calls it takes from the lexicon (`lexicon: share_calls`)."""
    return list(lexicon.call_groups(call["lexicon"])) if "lexicon" in call else [call]


def _raw_calls(spec: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The check's calls as written, those it takes from the lexicon in their place."""
    return [expanded for call in spec.get("calls", ()) for expanded in _expanded(call)]


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
            _phrasings(hrefs), bool(hrefs.get("payments")), _words(own.get("subdomains")), _words(own.get("paths")),
            bool(hrefs.get("sharing")),
        )
    calls = tuple(
        CallGroup(raw["name"], tuple(raw["verbs"]), tuple(raw.get("objects", ()))) for raw in _raw_calls(spec)
    )
    if calls:
        compile_calls(calls)  # a phrase that cannot compile is the rule's error, now
    near = spec.get("unless_near")
    return FlagCheck(
        frozenset(links.get("lists", ())),
        links.get("embeds_only", OPTIONS["embeds_only"]),
        _phrasings(spec.get("text")),
        href_check,
        calls,
        _phrasings(spec.get("text", {}).get("exclude")),
        bool(spec.get("elements", {}).get("sharing")),
        bool(spec.get("group", OPTIONS["group"])),
        Near(near["notice"], near.get("within", OPTIONS["within"])) if near else None,
        spec.get("text", {}).get("max_words"),
    )


def link(rule: Rule, check: FlagCheck, rules: Mapping[str, tuple[Rule, Any]]) -> tuple[FlagCheck, RuleError | None]:
    """The check with the notice rule its `unless_near` names (from `rules`: every compiled rule
    by id), or an error naming the rule that is not there or is no notice rule."""
    near = check.unless_near
    if near is None:
        return check, None
    notices = {rule_id: found for rule_id, found in rules.items() if found[0].kind == notice.NAME}
    if near.notice not in notices:
        hint = did_you_mean(near.notice, set(notices)) or ""
        error = rule.error(f"unless_near: no notice rule {near.notice!r}{hint}", "check", "unless_near", "notice")
        return check, error
    found_rule, found_check = notices[near.notice]
    return replace(check, unless_near=replace(near, rule=found_rule, check=found_check)), None


# ---------------------------------------------------------------------------------------------
# Link addresses


@lru_cache(maxsize=8192)  # a page's links are read by every flag rule
def _host(href: str) -> str:
    if "//" not in href:  # relative links stay on the publisher's own site
        return ""
    try:
        return (urlsplit(href.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


@lru_cache(maxsize=8192)
def _path(href: str) -> str:
    try:
        return urlsplit(href.strip()).path.lower()
    except ValueError:
        return ""


@cache
def _payment_hosts() -> dict[str, tuple[str, ...]]:
    return _addresses("payment_hosts")


def _addresses(key: str) -> dict[str, tuple[str, ...]]:
    """Each host of a lexicon list of addresses, and the starts of its paths that count ("" for
    all): the payment platforms' pages that take money, the networks' share endpoints."""
    out: dict[str, tuple[str, ...]] = {}
    for written in lexicon.words(key):
        host, _, path = written.lower().partition("/")
        out[host] = (*out.get(host, ()), "/" + path if path else "")
    return out


@cache
def _platforms() -> frozenset[str]:
    return lexicon.words("platforms")


def _on_platform(host: str) -> bool:
    labels = host.split(".")
    return any(".".join(labels[n:]) in _platforms() for n in range(len(labels) - 1))


@cache
def _share_hosts() -> dict[str, tuple[str, ...]]:
    return _addresses("share_hosts")


def _on(addresses: dict[str, tuple[str, ...]], host: str, path: str) -> bool:
    """Whether host and path are one of the addresses (a host, or any host under it, and the
    start of a path)."""
    labels = host.split(".")
    for n in range(len(labels) - 1):  # the host, and every domain it is under
        paths = addresses.get(".".join(labels[n:]))
        if paths and any(path.startswith(p) for p in paths):
            return True
    return False


_VERDICTS = 16384  # addresses remembered per rule (a site's furniture links, and more)
_HARMLESS = (False, False)


def _href_verdict(check: HrefCheck, written: str) -> tuple[bool, bool]:
    """What an address, as the link writes it, says whatever the page: (risky wherever it
    points, risky when on the publisher's own site); a fragment, mail, phone or script link is
    neither."""
    verdict = check.verdicts.get(written)
    if verdict is None:
        href = written.strip()
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            verdict = False, False
        else:
            host, path = _host(href), _path(href)
            labels = host.split(".")
            anywhere = (
                bool(check.phrasings and check.phrasings.search(href.lower()))
                or (check.payments and bool(host) and _on(_payment_hosts(), host, path))
                or (check.sharing and bool(host) and _on(_share_hosts(), host, path))
            )
            own_site = (len(labels) > 2 and labels[0] in check.own_subdomains) or any(
                segment in check.own_paths for segment in path.split("/")
            )
            verdict = anywhere, own_site
        if len(check.verdicts) >= _VERDICTS:
            check.verdicts.clear()
        check.verdicts[written] = verdict
    return verdict


def _risky_href(check: HrefCheck, page: Page, subject: Entry | None, link: Link) -> bool:
    anywhere, own_site = check.verdicts.get(link.href) or _href_verdict(check, link.href)
    if anywhere or not own_site:
        return anywhere
    host = _host(link.href.strip())
    return not host or (subject is not None and subject in page.entries_for_host(host))


# ---------------------------------------------------------------------------------------------
# Where a link stands in the page's text


# ---------------------------------------------------------------------------------------------
# Evaluation


@dataclass
class _Unit:
    """One call to action: a call with the risky links (channels) it stands with, or one risky
    link alone."""

    call: Span | None = None  # where it is reported: the call, when there is one
    channels: list[Span] | None = None  # the words of its channels in the call's block
    link: Link | None = None  # its first risky link
    holder: Span | None = None  # the words of the (harmless) link the call stands in
    until: int = 0  # the end of the block's last call
    sentence: bool = True  # quote the call's sentence (a call the morphology found), not the match
    after: int = -1  # for a link or a button without words: the last block that starts before it
    control: Control | None = None  # a button without words (an icon)

    @property
    def place(self) -> tuple[int, int]:
        """Where a reader meets it: (block, 0) in a block, (block, 1) right after one."""
        if self.call is not None:
            return self.call[0], 0
        if self.channels:
            return self.channels[0][0], 0
        return self.after, 1


@dataclass
class _Link:
    link: Link
    span: Span | None  # its words in the page
    risky: bool
    own: bool  # on the publisher's own site, relative, or on a platform where it may have an account
    after: int  # the last block that starts before it


def _text_hits(check: FlagCheck, page: Page) -> list[Span]:
    """Visible matches of the rule's `text`, but not those overlapping a match of its exclusions."""
    if not check.text:
        return []
    most = check.text_max_words
    hits = [
        (i, start, end) for i, start, end in page.find(check.text)
        if page.blocks[i].visible and (most is None or stands_alone(page.blocks[i], most))
    ]
    if not hits or not check.text_exclude:
        return hits  # the exclusions are sought only where there is something to exclude
    excluded = page.find(check.text_exclude)
    return [(i, start, end) for i, start, end in hits
            if not any(j == i and s < end and start < e for j, s, e in excluded)]


@cache
def _share_elements() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.elements("share_elements")


def _widget_hits(check: FlagCheck, page: Page) -> list[Span]:
    """The visible blocks inside a share, like or comment widget, each whole; not a block
    without letters ("♥ 214", a counter): its button, an icon, is flagged by its label."""
    if not check.sharing_elements:
        return []
    def make() -> list[Span]:  # the same for every rule, asked twice by each
        widgets = element_frames(page.doc.frames, _share_elements())
        if not widgets:
            return []
        blocks = page.blocks
        return [
            (i, 0, len(page.text(i).lower)) for i in page.visible
            if not widgets.isdisjoint(blocks[i].frames) and _LETTER.search(blocks[i].text)
        ]

    return page.derived("share widget blocks", make)


def _call_hits(check: FlagCheck, page: Page, subject: Entry | None, fixed: list[Span]) -> list[Span]:
    """Every call: the `calls` the morphology finds, and the `fixed` ones (text and widgets), in
    page order."""
    hits = list(fixed)
    if check.calls:
        publisher = subject is not None and any(c.names_publisher for c in check.calls)
        matcher: CallMatcher = compile_calls(check.calls, publisher_names(subject) if publisher and subject else ())
        hits += [
            (i, start, end) for tag, (i, start, end) in page.find_tagged(matcher.phrasings)
            if page.blocks[i].visible and matcher.is_call(tag, page.text(i).lower, start, end)
        ]
    return sorted(hits)


def _links(check: FlagCheck, page: Page, subject: Entry | None, call_blocks: set[int]) -> list[_Link]:
    """The risky links, and the links of blocks that hold calls, in document order (the same
    risky address twice in a row, a picture and its title, once)."""
    out: list[_Link] = []
    if check.hrefs is None and not call_blocks:
        return out  # no address is risky, and no call has links to read
    verdicts = check.hrefs.verdicts if check.hrefs is not None else {}
    for link in page.doc.links:
        # Most links are harmless wherever they point, and without a call there is no more to
        # ask of them: settled by what their address was found to say (`_href_verdict`).
        if not link.visible or (not call_blocks and verdicts.get(link.href) == _HARMLESS):
            continue
        risky = check.hrefs is not None and _risky_href(check.hrefs, page, subject, link)
        span = link_span(page, link) if (risky or call_blocks) and link.text else None
        if not risky and (span is None or span[0] not in call_blocks):
            continue
        if risky and out and out[-1].risky and _one_item(page, out[-1].link, link):
            continue
        host = _host(link.href)
        # An account on a platform (t.me/belsat) may be the publisher's own: not someone else's site.
        own = not host or (subject is not None and subject in page.entries_for_host(host)) or _on_platform(host)
        out.append(_Link(link, span, risky, own, block_before(page, link.line, link.column)))
    return out


def _units(check: FlagCheck, page: Page, subject: Entry | None) -> list[_Unit]:
    """Calls to action as a reader meets them. A block with a call (outside the words of a risky
    link; a wallet address is a call) is one call to action, with every risky link in it; a call
    introducing risky links in the blocks that follow (a heading over payment links, a donation
    form) is part of them, not a call of its own. Each risky link outside such a block is one, a
    link that holds a call included. A call that points to someone else's site (its block's
    links all go elsewhere) is not the publisher's."""
    text_hits = _text_hits(check, page)  # wallet addresses and fixed wordings
    fixed_hits = text_hits + _widget_hits(check, page)  # and widgets: quoted as they match
    calls = _call_hits(check, page, subject, fixed_hits)
    fixed = set(fixed_hits)  # calls in fixed words: quoted as they match
    links = _links(check, page, subject, {i for i, _, _ in calls})
    risky = [x for x in links if x.risky]
    channels: dict[int, list[tuple[Span, Link]]] = {}
    for x in risky:
        if x.span is not None:
            channels.setdefault(x.span[0], []).append((x.span, x.link))
    in_links: dict[int, list[_Link]] = {}  # links with words, by block, in order
    for x in links:
        if x.span is not None:
            in_links.setdefault(x.span[0], []).append(x)
    outside: dict[int, list[Span]] = {}
    holders: dict[Span, Span] = {}
    for call in calls:
        i, start, _ = call
        worded = in_links.get(i, [])
        at = bisect_right(worded, start, key=_start) - 1
        holding = worded[at] if at >= 0 and start < _end(worded[at]) else None
        if holding is None or (not holding.risky and holding.own):
            outside.setdefault(i, []).append(call)
        if holding is not None and holding.span is not None and not holding.risky:
            holders[call] = holding.span
    units: list[_Unit] = []
    headed: dict[int, Span] = {}  # risky link -> the call that introduces it (each without words, or the one with)
    for i, block_calls in sorted(outside.items()):
        here = sorted(channels.get(i, []), key=lambda c: c[0])
        if here:
            units.append(_Unit(block_calls[0], [span for span, _ in here], here[0][1],
                               until=block_calls[-1][2], sentence=block_calls[0] not in fixed))
            channels.pop(i)
            continue
        elsewhere = [x for x in in_links.get(i, []) if not x.own]
        if elsewhere:
            continue  # a call for another site
        # A block with a call in fixed words of its own (a wallet address) is a call of its own, not a
        # heading over the links after it.
        after = [] if any(call in text_hits for call in block_calls) else _introduced(page, risky, i)
        headed.update((id(x), block_calls[0]) for x in after if x.span is None)
        buttons = [(x.span[0], x.link) for x in after if x.span is not None]  # (block, link)
        if len(buttons) == 1 and _containers(page, i) & _containers(page, buttons[0][0]):
            # a pitch over its one button in one box ("Please support us" / "Contribute"): the pitch
            headed[id(buttons[0][1])] = block_calls[0]
        elif len(after) == 1 and buttons:  # only a button, in a box of its own: a call of its own, as is the pitch
            after = []
        if not after:
            units.append(_Unit(block_calls[0], holder=holders.get(block_calls[0]), until=block_calls[-1][2],
                               sentence=block_calls[0] not in fixed))
    for spans in channels.values():
        for span, link in spans:
            heading = headed.get(id(link))
            if heading is None:
                units.append(_Unit(None, [span], link))
            else:
                units.append(_Unit(heading, [span], link, until=heading[2], sentence=heading not in fixed))
    for x in risky:
        if x.span is None:
            heading = headed.get(id(x))
            until = heading[2] if heading else 0
            units.append(_Unit(heading, None, x.link, until=until, sentence=heading not in fixed, after=x.after))
    return units + _icon_units(check, page)


def _icon_units(check: FlagCheck, page: Page) -> list[_Unit]:
    """Share, like and comment buttons without text (icons), each one, after the block before it."""
    if not check.sharing_elements:
        return []
    _, words = _share_elements()
    return [
        _Unit(control=control, after=block_before(page, control.line, control.column))
        for control in page.doc.controls
        if control.visible and not words.isdisjoint(control.words)
    ]


# Elements that hold the whole page or article: blocks inside only these share no container.
_PAGE_ELEMENTS = frozenset({"html", "body", "article", "main"})


def _containers(page: Page, i: int) -> frozenset[int]:
    """The elements around block i that are smaller than the page or the article (by frame id)."""
    if i < 0:
        return frozenset()
    return frozenset(f.id for f in page.blocks[i].frames if f.tag not in _PAGE_ELEMENTS)


def _position(page: Page, place: tuple[int, int]) -> float:
    """A place as a position among the visible blocks (a link after block i: half a block on)."""
    block, after = place
    return bisect_left(page.visible, block) + after / 2 if block >= 0 else -0.5


def _grouped(page: Page, units: list[_Unit]) -> list[list[_Unit]]:
    """The units in page order, those of adjacent blocks of one container (a row of share
    buttons, its heading) as one group."""
    groups: list[list[_Unit]] = []
    for unit in sorted(units, key=lambda u: u.place):
        if groups:
            last = groups[-1][-1].place
            gap = _position(page, unit.place) - _position(page, last)
            if last[0] == unit.place[0] or (gap <= 1 and _containers(page, last[0]) & _containers(page, unit.place[0])):
                groups[-1].append(unit)
                continue
        groups.append([unit])
    return groups


def _notice_blocks(check: FlagCheck, page: Page, subject: Entry | None) -> list[int]:
    """The blocks where the notice rule of `unless_near` finds its notice, complete or not."""
    near = check.unless_near
    if near is None or near.rule is None:
        return []
    found = notice.evaluate(near.rule, near.check, page, subject)
    return [
        i for r in found if r.status in (Status.PRESENT, Status.MALFORMED)
        and (i := _block_at(page, r.location)) is not None
    ]


def _block_at(page: Page, where: Location) -> int | None:
    """The last visible block whose text starts at `where` (a result's location). Sought from the
    end, and a block below `where` is passed over unread: none starts before its first line."""
    for i in reversed(page.visible):
        if page.blocks[i].line <= where.line and page.location(i) == where:
            return i
    return None


def _is_near(page: Page, within: int | str, group: list[_Unit], notices: list[int]) -> bool:
    for unit in group:
        block = unit.place[0]
        for n in notices:
            if within == SAME_BLOCK:
                near = n == block and unit.place[1] == 0
            elif within == SAME_CONTAINER:
                near = bool(_containers(page, n) & _containers(page, block))
            else:
                near = abs(_position(page, (n, 0)) - _position(page, unit.place)) <= int(within)
            if near:
                return True
    return False


def _start(link: _Link) -> int:
    return link.span[1] if link.span is not None else 0


def _end(link: _Link) -> int:
    return link.span[2] if link.span is not None else 0


_BOX_SENTENCES = 2  # blocks without links a box may hold between its pitch and its buttons


def _introduced(page: Page, risky: list[_Link], i: int) -> list[_Link]:
    """The risky links that follow block i: without words right after it, or in the blocks that
    follow it, as long as each holds one. When block i stands in a box smaller than the page (a
    donation box), the links stop where the box ends («Поддержите «Дождь»», a sentence on why,
    «Сделать пожертвование», then the page's own Patreon line), and a sentence or two of the
    box itself may stand between the pitch and its buttons."""
    found = [x for x in risky if x.span is None and x.after == i]
    frames = _around(page, i)
    around, box = frozenset(f.id for f in frames), (frames[-1].id if frames else None)
    skipped = 0
    for b in (b for b in page.visible if b > i):
        if around and not around & _containers(page, b):
            break
        here = [x for x in risky if x.span is not None and x.span[0] == b]
        if not here:
            skipped += 1
            if box is None or _box(page, b) != box or skipped > _BOX_SENTENCES:
                break
            continue
        found += here + [x for x in risky if x.span is None and x.after == b]
    return found


def _around(page: Page, i: int) -> list[Frame]:
    """The elements around block i that are smaller than the page, its own left out, outermost first."""
    block = page.blocks[i]
    frames = block.frames[:-1] if block.frames and block.frames[-1].tag == block.tag else block.frames
    return [f for f in frames if f.tag not in _PAGE_ELEMENTS]


def _box(page: Page, i: int) -> int | None:
    """The innermost element around block i (`_around`)."""
    around = _around(page, i)
    return around[-1].id if around else None


_QUOTED = 160  # the longest text a result quotes (`shorten`)


def _quote(page: Page, unit: _Unit, call: Span) -> tuple[int, int, int]:
    """What a result quotes for a call: its sentence, or its words when it is a fixed wording,
    up to the block's last call or the last link it holds or introduces there; from the call
    when that is long."""
    i, start, end = call
    until = max([unit.until, *(span[2] for span in unit.channels or () if span[0] == i)])
    first, last = page.sentence(i, start, end) if unit.sentence else (start, end)
    last = max(last, until)
    return i, (first if last - first <= _QUOTED else start), last


def _marked(page: Page, unit: _Unit, call: Span) -> Span:
    """What a result marks in the text: the call, and the words of a link that holds it."""
    i, start, end = call
    for span in [*(unit.channels or ()), *([unit.holder] if unit.holder else [])]:
        if span[0] == i and span[1] < end and start < span[2]:
            start, end = min(start, span[1]), max(end, span[2])
    return i, start, end


def _report(rule: Rule, page: Page, group: list[_Unit], caption: str | None = None) -> Result:
    """One result for a group of calls to action, at its first, quoting each (a row of share
    buttons: "VK · Telegram · X"), after the caption the row stands under ("Поделиться: ...")."""
    who = page.ctx.publisher  # the publisher as given, as for every flag of text
    unit = group[0]
    detail = f" (links to {unit.link.href})" if unit.link is not None else ""
    quoted = " · ".join(dict.fromkeys(_words_of(page, u) for u in group))
    text = shorten(f"{caption}: {quoted}" if caption else quoted)
    if unit.call is not None:
        marked = _marked(page, unit, unit.call)
    elif unit.channels:
        marked = unit.channels[0]
    else:
        at = unit.link or unit.control  # a unit is a call, a channel, a link or an icon
        assert at is not None
        return REPORTER.result(rule, Status.FLAGGED, Location(at.line, at.column), who, text, detail)
    return REPORTER.result(rule, Status.FLAGGED, page.location(marked[0], marked[1]), who, text, detail,
                           span=source_span(page, *marked))


_LETTER = re.compile(r"[^\W\d_]")
_CAPTION_WORDS = 4


def _caption(check: FlagCheck, page: Page, unit: _Unit) -> str | None:
    """The caption a row of links or buttons without a call of its own stands under: the short
    block just before it, when one of its words is a form of one of the rule's verbs
    ("Поделиться", "Share this article"); a caption alone asks for nothing, so it is no call."""
    if unit.call is not None or not check.calls:
        return None
    if unit.channels:  # links with words: the block before theirs, in the same container
        at = unit.channels[0][0] - 1
        if at < 0 or not _containers(page, at) & _containers(page, at + 1):
            return None
    else:  # links or buttons without words: the block they follow
        at = unit.after
        if at < 0:
            return None
    block = page.blocks[at]
    words = block.text.lower().split()
    if not block.visible or len(words) > _CAPTION_WORDS or block.text.rstrip().endswith((".", "!", "?", "…")):
        return None  # a caption is a few words without a full stop, not a sentence of the article
    stems = _verb_stems(check.calls)
    if not any(word.startswith(stems) for word in words):
        return None
    return block.text.strip().rstrip(":")


@cache
def _verb_stems(calls: tuple[CallGroup, ...]) -> tuple[str, ...]:
    """The rule's verbs less a few final letters, so that a caption's imperative or infinitive
    of them is found (поделиться, поделитесь; share, sharing)."""
    return tuple(dict.fromkeys(verb.lower()[: max(4, len(verb) - 3)] for call in calls for verb in call.verbs))


def _words_of(page: Page, unit: _Unit) -> str:
    """What a result quotes for a call to action: the call (see `_quote`), the words of its
    link, or the link's address."""
    if unit.call is not None:
        return " ".join(page.source_text(*_quote(page, unit, unit.call)).split())
    if unit.channels:
        return " ".join(page.source_text(*unit.channels[0]).split())
    if unit.control is not None:
        return unit.control.label or "(a button without text)"
    assert unit.link is not None
    return unit.link.text or _readable(unit.link.href)


# Parts of one embedded player: its sources, and the fallback of an <object>.
_PARTS = {"source": frozenset({"video", "audio", "source"}), "embed": frozenset({"object"})}


def _readable(href: str) -> str:
    """A link without words, without the query and fragment that a share link fills with the
    page's own address (https://vk.com/share.php?url=https%3A%2F%2F...)."""
    return href.strip().split("#", 1)[0].split("?", 1)[0] or href


def _address(href: str) -> str:
    return href.strip().rstrip("/").lower().replace("://www.", "://")


def _one_item(page: Page, before: Link, link: Link) -> bool:
    """Whether a link continues the risky item of the link just before it: a source of the same
    player, an embed from the same host (a widget's script and its frame), or the same address
    again in the same block (a picture and its title), or right after a link without text (a
    picture link, then its title)."""
    if before.kind in _PARTS.get(link.kind, ()):
        return True
    if {before.kind, link.kind} == {"script", "iframe"} and _host(before.href) == _host(link.href):
        return True  # a widget's script and its frame
    if _address(before.href) != _address(link.href):
        return False
    if not (before.text and link.text):
        return True
    spans = link_span(page, before), link_span(page, link)
    return spans[0] is not None and spans[1] is not None and spans[0][0] == spans[1][0]


def _hosted(page: Page) -> list[tuple[int, list[Entry]]]:
    """The links of the page that point to the website of an entry (none for a hidden link or
    one inside the page): their numbers, with those entries; found once for every links rule."""
    def make() -> list[tuple[int, list[Entry]]]:
        found = []
        by_host: dict[str, list[Entry]] = {}  # a page links to a few hosts many times
        for n, link in enumerate(page.doc.links):
            # An address without "//" stays on the page's own site: it designates no one.
            if link.visible and "//" in link.href and not link.href.startswith(("#", "mailto:")):
                host = _host(link.href)
                entries = by_host.get(host)
                if entries is None:
                    entries = by_host[host] = page.entries_for_host(host)
                if entries:
                    found.append((n, entries))
        return found

    return page.derived("hosted entries", make)


def _listed_links(check: FlagCheck, page: Page) -> Iterator[tuple[Link, Entry]]:
    """Links to the websites of the check's lists' active entries, one per risky item (see
    `_one_item`: an item continues only from the link right before it); not the publisher's
    links to its own site (its masthead, its donation page), which spread no one else's material."""
    links = page.doc.links
    flagged = -2  # the number of the last link flagged
    for n, hosted in _hosted(page):
        link = links[n]
        if check.embeds_only and not link.is_embed:
            continue
        entries = [
            e for e in hosted if e.list_id in check.link_lists and e.active(page.as_of) and e not in page.publisher
        ]
        if not entries:
            continue
        if not (flagged == n - 1 and _one_item(page, links[n - 1], link)):
            yield link, entries[0]
        flagged = n


def evaluate(rule: Rule, check: FlagCheck, page: Page, subject: Entry | None) -> Iterator[Result]:
    if check.link_lists:
        for link, entry in _listed_links(check, page):
            what = "embeds content from" if link.is_embed else "links to"
            # The words a reader sees, and where they lead.
            text = f"{link.text} ({link.href})" if link.text and not link.is_embed else link.href
            yield REPORTER.result(
                rule, Status.FLAGGED, Location(link.line, link.column), entry, shorten(text),
                f": {what} {entry.display}",
            )
    if check.calls or check.text or check.hrefs or check.sharing_elements:
        units = _units(check, page, subject)
        groups = _grouped(page, units) if check.group else [[u] for u in units]
        notices = _notice_blocks(check, page, subject) if groups else []
        for group in groups:
            if check.unless_near is None or not _is_near(page, check.unless_near.within, group, notices):
                yield _report(rule, page, group, _caption(check, page, group[0]))


def describe(spec: Mapping[str, Any], quote: Quote, list_name: ListName) -> list[str]:
    """What `rules show` and `rules docs` say the rule looks for."""
    lines = ["Flags, one result per risky link or embed, and one per call to action with its links:"]
    if "links" in spec:
        links = spec["links"]
        embeds = links.get("embeds_only", OPTIONS["embeds_only"])
        what = "embedded content (iframes, video, audio, scripts)" if embeds else "links and embeds"
        lines.append(f"- {what} from websites of active entries of {any_of(list_name(i) for i in links['lists'])}")
    for call in _raw_calls(spec):
        objects = call.get("objects", ())
        verbs = ", ".join(quote(v) for v in call["verbs"])
        object_words = f", asking for {any_of([quote(o) for o in objects])}" if objects else ""
        if any(PUBLISHER in o for o in objects):
            object_words += f" ({PUBLISHER}: the publisher's own name, in any case form)"
        lines.append(f"- a call to action ({call['name']}): {verbs}, in the imperative or infinitive{object_words}")
    if "text" in spec:
        alone = spec["text"].get("max_words")
        where = f", standing in a block of at most {alone} words (a label, not running text)" if alone else ""
        lines.append(f"- visible text: {phrasings_words(spec['text'], quote)}{where}")
        if "exclude" in spec["text"]:
            lines.append(f"- but not visible text overlapping: {phrasings_words(spec['text']['exclude'], quote)}")
    if "hrefs" in spec:
        lines.append(f"- link addresses: {_href_words(spec['hrefs'], quote)}")
    if spec.get("elements", {}).get("sharing"):
        lines.append("- text in share, like, comment and repost widgets (by their class, id, role or aria-label)")
    if spec.get("group", OPTIONS["group"]):
        lines.append("Calls and links in adjacent blocks of one container (a row of share buttons) are one result.")
    near = spec.get("unless_near")
    if near:
        within = near.get("within", OPTIONS["within"])
        where = {SAME_BLOCK: "in the same block", SAME_CONTAINER: "in the same container"}.get(
            within, f"within {within} blocks")
        lines.append(f"A call to action is not flagged where the notice of {near['notice']} (complete or not) "
                     f"stands {where}.")
    return lines


def _href_words(spec: Mapping[str, Any], quote: Quote) -> str:
    parts = [phrasings_words(spec, quote)] if not empty(spec) else []
    if spec.get("payments"):
        parts.append("payment and crowdfunding platforms (Patreon, PayPal, Boosty...)")
    if spec.get("sharing"):
        parts.append("share and like endpoints of networks (vk.com/share.php, t.me/share, facebook.com/sharer...)")
    own = spec.get("own_site", {})
    if own.get("subdomains") or own.get("paths"):
        what = [quote(s + ".") for s in own.get("subdomains", ())] + [quote("/" + p) for p in own.get("paths", ())]
        parts.append("on the publisher's own site: " + ", ".join(what))
    return "; ".join(parts)
