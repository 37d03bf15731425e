"""The wording a fix inserts, read from the rule's `fix:` block: labels and footnotes per
language and agreement, notices per language, with placeholders filled from the list entry.

Agreement is the entry's, not the mention's case: «Максима Галкина (признан иноагентом)». A
person takes the gender of the registered name; an organization takes the gender of its type
word when the text writes one with the name («движения ЛГБТ (признано...)»), and the
`org` wording otherwise, which names the type itself («ФБК (организация признана...)»); one label
after several names is `plural`. `any` stands in for every agreement a language leaves out.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Any

from checker.errors import RuleError
from checker.lists.model import PERSON, Entry
from checker.match.declension import CASES
from checker.match.personforms import decline_name, given_names
from checker.rulepack.rules import Rule

# What a template may name: the entry's registered name, as is and in capitals (for forms printed
# in capitals), a person's name in a case (`name_ablt`: «Пивоваровым Алексеем Владимировичем»; an
# organization's stays as registered), its short name, and its foreign principals (FARA).
_CASED = tuple(f"{name}_{case}" for case in CASES for name in ("name", "NAME"))
LABEL_FIELDS = ("name", "NAME", "short", *_CASED)
NOTICE_FIELDS = (*LABEL_FIELDS, "principal")
_GENDERS = {"masc": "masc", "femn": "fem"}


def person_agreement(entry: Entry) -> str | None:
    """masc or fem for a person whose registered name tells; None when it does not."""
    gender = given_names(entry.name).gender
    return _GENDERS.get(gender) if gender else None


def wording(table: Mapping[str, Any], lang: str, agreement: str) -> str | None:
    """The wording for a language and agreement (falling back on `any`, except for `plural`:
    a singular label after several names would speak of the last one only), or None."""
    by_agreement = table.get(lang) or {}
    found = by_agreement.get(agreement) or (by_agreement.get("any") if agreement != "plural" else None)
    return str(found) if found else None


def fill(template: str, entry: Entry | None, lang: str = "", given: str | None = None) -> str:
    """A template with its placeholders filled from the entry. Its short name is the entry's
    name in the article's language (an alias), else the name the publisher was given by
    (`given`, as the newsroom writes it), else the entry's short name."""
    name = entry.name if entry is not None else given or ""
    short = next((a.name for a in entry.aliases if a.lang == lang), None) if entry is not None else None
    values = {
        "name": name,
        "NAME": name.upper(),
        "short": short or given or (entry.display if entry is not None else name),
        "principal": ", ".join(entry.principals) if entry is not None else "",
    }
    for field in set(placeholders(template)) - set(values):
        base, _, case = field.partition("_")
        cased = decline_name(name, case) if entry is not None and entry.kind == PERSON else name
        values[field] = cased.upper() if base == "NAME" else cased
    return template.format_map(values)


def placeholders(template: str) -> Iterator[str]:
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            yield name


def _template_problem(template: str, allowed: tuple[str, ...]) -> str | None:
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"{error}; write a literal brace as {{{{ or }}}}"
    for _, name, spec, conversion in parts:
        if name is not None and (name not in allowed or spec or conversion):
            known = ", ".join("{" + field + "}" for field in allowed)
            return f"{{{name}}} cannot be filled in: use {known}, written plainly"
    return None


def problems(rule: Rule) -> Iterator[RuleError]:
    """What is wrong with a rule's `fix:` block beyond the schema: templates that cannot be
    filled, a block of the wrong kind, labels with no wording for a person or an organization."""
    fix = rule.fix
    if not fix:
        return
    if rule.kind not in ("mention-label", "notice"):
        yield rule.error(f"a {rule.kind} rule has nothing to insert: fix is for mention-label and notice rules", "fix")
        return
    mention = rule.kind == "mention-label"
    wrong = ("notice", "place") if mention else ("label", "footnote", "nouns")
    for key in wrong:
        if key in fix:
            yield rule.error(f"fix.{key} does not apply to a {rule.kind} rule", "fix", key=key)
    if mention and "label" not in fix:
        yield rule.error("fix has no label: a mention-label rule's fix inserts a label", "fix")
    if not mention and "notice" not in fix:
        yield rule.error("fix has no notice: a notice rule's fix inserts a notice", "fix")
    for key in ("label", "footnote"):
        for lang, table in fix.get(key, {}).items():
            for agreement_key, template in table.items():
                if problem := _template_problem(template, LABEL_FIELDS):
                    yield rule.error(f"fix.{key}.{lang}.{agreement_key}: {problem}", "fix", key, lang, agreement_key)
            for needed in ("masc", "fem", "org") if key == "label" else ():
                if needed not in table and "any" not in table:
                    yield rule.error(
                        f"fix.label.{lang} has no {needed} wording (nor any): such mentions cannot be fixed",
                        "fix", "label", lang,
                    )
    for lang, template in fix.get("notice", {}).items():
        if problem := _template_problem(template, NOTICE_FIELDS):
            yield rule.error(f"fix.notice.{lang}: {problem}", "fix", "notice", lang)
        elif not rule.applies.publisher_on and set(placeholders(template)) & {"principal"}:
            yield rule.error(
                f"fix.notice.{lang} names the principal, but the rule has no applies.publisher_on: there is none",
                "fix", "notice", lang,
            )
