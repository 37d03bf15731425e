"""Rules and lists explained in plain language: `checker rules show` prints one rule, and
`checker rules docs` writes the Markdown catalogue that lawyers and editors review.

Both read the same facts from here, so the terminal and the catalogue never disagree."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.checks import KINDS
from checker.checks.common import Quote, any_of, phrasings_words
from checker.checks.notice import PLACEMENT_WORDS
from checker.codes import country_name, language_name
from checker.lists.model import DesignationList
from checker.report import Severity
from checker.rulepack.pack import RulePack
from checker.rulepack.rules import Rule

PURPOSE_WORDS = {
    "statutory": "statutory: the law requires it of the publisher",
    "reader-safety": "reader safety: protects readers; not a legal duty of the publisher",
    "house": "house rule: the publisher's own policy",
}
SEVERITY_WORDS = {
    Severity.ERROR: "error: fails a check run",
    Severity.WARNING: "warning: fails a check run unless fail-on is error",
    Severity.INFO: "info: reported, fails a run only with fail-on info",
}

WIDTH = 100  # terminal lines; long phrases and addresses may run over


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]  # paragraphs, and bullets starting with "- "


def _list_name(list_id: str, pack: RulePack) -> str:
    found = pack.lists.get(list_id)
    return f"{list_id} ({found.title})" if found else list_id


def applies_lines(rule: Rule, pack: RulePack, quote: Quote) -> list[str]:
    applies, lines = rule.applies, []
    if applies.regions:
        lines.append(f"- the audience includes {any_of(country_name(c) for c in applies.regions)}")
    if applies.jurisdictions:
        lines.append(f"- the publisher is bound by the law of {any_of(country_name(c) for c in applies.jurisdictions)}")
    if applies.publisher_on:
        lists = any_of(_list_name(i, pack) for i in applies.publisher_on)
        lines.append(f"- the publisher is an active entry of {lists} on the check date; the rule is about that entry")
    if applies.lang:
        languages = any_of(language_name(c) for c in applies.lang)
        lines.append(f"- the article is in {languages} (or its language is unknown)")
    if applies.contains:
        alone = applies.contains.get("max_words")
        where = f", standing in a block of at most {alone} words (a label, not running text)" if alone else ""
        lines.append(f"- the article's visible text contains any of: {phrasings_words(applies.contains, quote)}{where}")
    if rule.effective.start or rule.effective.end:
        lines.append(f"- the check date is {effective_words(rule)}")
    if not lines:
        return ["Every article checked."]
    return ["All of these hold:", *lines]


def effective_words(rule: Rule) -> str:
    start, end = rule.effective.start, rule.effective.end
    if start and end:
        return f"between {start.isoformat()} and {end.isoformat()} (both included)"
    if start:
        return f"on or after {start.isoformat()}"
    return f"on or before {end.isoformat()}" if end else "any date"


def looks_for_lines(rule: Rule, pack: RulePack, quote: Quote) -> list[str]:
    return KINDS[rule.kind].describe(rule.check, quote, lambda list_id: _list_name(list_id, pack))


def fix_lines(rule: Rule, quote: Quote) -> list[str]:
    """What `checker fix` inserts for the rule, wording by wording, for legal review: the words
    a fix puts into articles are the rule's as much as what it looks for."""
    fix = rule.fix
    lines = []
    for lang, text in fix.get("notice", {}).items():
        lines.append(f"- notice ({lang}): {quote(text)}")
    for key in ("label", "footnote"):
        for lang, table in fix.get(key, {}).items():
            lines += [f"- {key} ({lang}, {agreement}): {quote(text)}" for agreement, text in table.items()]
    for list_id, own in fix.get("lists", {}).items():
        for key, by_lang in own.items():
            for lang, table in by_lang.items():
                lines += [f"- {key} for {list_id} ({lang}, {agreement}): {quote(text)}"
                          for agreement, text in table.items()]
    if fix.get("notice"):
        place = fix.get("place") or rule.check.get("placement", "anywhere")
        lines.append(f"The notice goes {PLACEMENT_WORDS['footer' if place == 'anywhere' else place]}.")
    return lines


def law_lines(rule: Rule, link: Callable[[str, str | None], str]) -> list[str]:
    lines = []
    for citation in rule.law:
        lines.append(f"- {link(citation.title, citation.url)}")
        if citation.note:
            lines.append(f"  {citation.note}")
    return lines


def review_lines(rule: Rule) -> list[str]:
    if rule.reviewed:
        lines = [f"Last reviewed on {rule.reviewed.date.isoformat()} by {rule.reviewed.by}."]
        if rule.reviewed.note:
            lines.append(rule.reviewed.note)
    else:
        lines = ["Not reviewed yet."]
    if rule.supersedes:
        lines.append(f"Replaces: {', '.join(rule.supersedes)} (on the days this rule is in effect).")
    return lines


def context_words(example: dict[str, Any]) -> str:
    context = example.get("context", {})
    parts = []
    if "publisher" in context:
        parts.append(f"publisher {context['publisher']}")
    if context.get("regions"):
        parts.append(f"audience {', '.join(context['regions'])}")
    if context.get("jurisdictions"):
        parts.append(f"bound by {', '.join(context['jurisdictions'])}")
    if "lang" in context:
        parts.append(f"language {context['lang']}")
    if "as_of" in context:
        parts.append(f"on {context['as_of']}")
    return "; ".join(parts) or "no context"


def expect_words(expect: dict[str, Any]) -> str:
    parts = []
    if "status" in expect:
        parts.append(expect["status"])
    if "flags" in expect:
        parts.append(f"{expect['flags']} flag(s)")
    if "mentions" in expect:
        mentions = "; ".join(f"{m['text']}: {m['status']}" for m in expect["mentions"]) or "none"
        parts.append(f"mentions [{mentions}]")
    return ", ".join(parts)


def example_format(example: dict[str, Any]) -> tuple[str, str]:
    fmt = next(f for f in ("html", "markdown", "text") if f in example)
    return fmt, example[fmt]


def heading(rule: Rule) -> list[str]:
    return [
        f"Jurisdiction: {country_name(rule.jurisdiction)}",
        f"Purpose: {PURPOSE_WORDS[rule.purpose]}",
        f"Severity: {SEVERITY_WORDS[Severity(rule.severity)]}",
    ]


# -- the terminal ---------------------------------------------------------------------------


def _quote_text(phrase: str) -> str:
    return f'"{phrase}"'


def _link_text(title: str, url: str | None) -> str:
    return f"{title} <{url}>" if url else title


def _wrap(line: str, indent: str = "  ", hang: str | None = None) -> list[str]:
    """A line for the terminal: long paragraphs wrapped, bullets hanging."""
    if hang is None:
        hang = indent + ("  " if line.startswith("- ") else "")
    return textwrap.wrap(line, WIDTH, initial_indent=indent, subsequent_indent=hang, break_on_hyphens=False) or [""]


def show(rule: Rule, pack: RulePack) -> str:
    """`checker rules show`: one rule, explained."""
    out = [f"{rule.id}: {rule.title}", *[f"  {line}" for line in heading(rule)], ""]
    sections = [
        Section("What it is about", (rule.description,) if rule.description else ()),
        Section("When it applies", tuple(applies_lines(rule, pack, _quote_text))),
        Section("What it looks for", tuple(looks_for_lines(rule, pack, _quote_text))),
        Section("What checker fix inserts", tuple(fix_lines(rule, _quote_text))),
        Section("The law", tuple(law_lines(rule, _link_text))),
        Section("Review", tuple(review_lines(rule))),
    ]
    for section in sections:
        if section.lines:
            out += [section.title, *[w for line in section.lines for w in _wrap(line)], ""]
    if rule.examples:
        out.append("Examples (checker rules test runs them)")
        for n, example in enumerate(rule.examples, 1):
            fmt, text = example_format(example)
            name = example.get("name", f"example {n}")
            line = f"{n}. {name}: expects {expect_words(example['expect'])} ({context_words(example)})"
            out += _wrap(line, hang="     ")
            out += [f"     {fmt}> {line}".rstrip() for line in text.rstrip("\n").split("\n")]
    return "\n".join(out).rstrip("\n") + "\n"


# -- the Markdown catalogue -----------------------------------------------------------------


def _quote_md(phrase: str) -> str:
    return "`" + phrase.replace("`", "'") + "`"


def _link_md(title: str, url: str | None) -> str:
    return f"[{title}]({url})" if url else title


def _rule_md(rule: Rule, pack: RulePack) -> list[str]:
    out = [f"### {rule.id}", "", f"**{rule.title}**", ""]
    out += [f"- {line}" for line in heading(rule)]
    out.append("")
    if rule.description:
        out += [rule.description, ""]
    sections = [
        ("When it applies", applies_lines(rule, pack, _quote_md)),
        ("What it looks for", looks_for_lines(rule, pack, _quote_md)),
        *((("What checker fix inserts", lines),) if (lines := fix_lines(rule, _quote_md)) else ()),
        ("The law", law_lines(rule, _link_md)),
        ("Review", review_lines(rule)),
    ]
    for title, lines in sections:
        out += [f"#### {title}", ""]
        for line in lines:
            # A paragraph after bullets needs a blank line, or Markdown glues it to the list.
            if not line.startswith(("- ", "  ")) and out[-1].startswith(("- ", "  ")):
                out.append("")
            out.append(line)
        out.append("")
    if rule.examples:
        out += ["#### Examples", ""]
        for n, example in enumerate(rule.examples, 1):
            fmt, text = example_format(example)
            name = example.get("name", f"example {n}")
            out += [f"{n}. *{name}*: expects **{expect_words(example['expect'])}** ({context_words(example)})", ""]
            fence = "````" if "```" in text else "```"
            out += [f"   {fence}{fmt}", *[f"   {line}" for line in text.rstrip("\n").split("\n")], f"   {fence}", ""]
    return out


def _list_md(lst: DesignationList, on: date) -> str:
    kinds = Counter(e.kind for e in lst.entries)
    by_kind = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    active = len(lst.active_entries(on))
    age = f"; stale after {lst.max_age_days} days" + (" (**stale**)" if lst.is_stale(on) else "") \
        if lst.max_age_days else ""
    cells = [
        f"`{lst.id}`", lst.title, country_name(lst.jurisdiction), lst.authority,
        f"[source]({lst.source})", f"{lst.retrieved.isoformat()}{age}",
        f"{len(lst.entries)} ({by_kind}); {active} active",
    ]
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def catalogue(pack: RulePack, on: date) -> str:
    """`checker rules docs`: every rule and list, for legal review."""
    rules = sorted((c.rule for c in pack.rules), key=lambda r: (r.jurisdiction, r.id))
    out = [
        "# Rule catalogue",
        "",
        f"What checker checks and why, generated by `checker rules docs` on {on.isoformat()}: "
        f"{len(rules)} rule(s) and {len(pack.lists)} designation list(s). Not legal advice: each rule "
        "cites its sources; check them.",
        "",
        "## Rules",
        "",
        "| Rule | Jurisdiction | Purpose | Severity | Title |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        title = r.title.replace("|", "/")
        out.append(f"| [`{r.id}`](#{_anchor(r.id)}) | {r.jurisdiction} | {r.purpose} | {r.severity} | {title} |")
    out.append("")
    for rule in rules:
        out += _rule_md(rule, pack)
    out += [
        "## Designation lists",
        "",
        f"Entry counts as loaded; active means designated and not delisted on {on.isoformat()}.",
        "",
        "| List | Title | Jurisdiction | Authority | Source | Retrieved | Entries |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    out += [_list_md(lst, on) for lst in sorted(pack.lists.values(), key=lambda item: item.id)]
    return "\n".join(out) + "\n"


def _anchor(rule_id: str) -> str:
    """The anchor GitHub gives the heading `### rule.id`: dots dropped."""
    return rule_id.replace(".", "")
