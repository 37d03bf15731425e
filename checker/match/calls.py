"""Calls to action: a verb addressed to the reader, followed by what it asks for.

A rule names its verbs by their dictionary form (``поддержать``, ``стать``, ``donate``) and,
when the verb alone asks for nothing in particular, what it must ask for (``нас``,
``сторонник*``, ``{publisher}``: the publisher's own name in any case form, quoted or not, as in
«Поддержите «Медузу»»). The morphology gives every Russian verb its forms
that address the reader:

- the imperative (``поддержи``, ``поддержите``), a call wherever it stands;
- the infinitive (``поддержать``), a call only where it starts a sentence or a button, or after
  a word that addresses the reader ("Вы можете поддержать нас", "Как поддержать «Дождь»":
  lexicon `call_leads`), since news sentences use it too ("призвал пожертвовать", "фонды
  продолжают поддерживать независимые СМИ").

After a negation ("Не переводите нам деньги", "do not donate": lexicon `call_negations`) a
verb is a warning, not a call.

A verb the Russian dictionary does not know is taken as written, as an infinitive (the English
"donate", "chip in", which is also the imperative; Belarusian "падтрымайце"; a newer verb
"задонатить", whose imperative a rule writes out): a call only at the start of a sentence or after such a
word: "Donate now", "please support us", not "readers who support us". Whatever the verb, the
object may stand a few words after it ("Станьте нашим постоянным спонсором").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import re2

from checker import lexicon
from checker.lists.model import Entry
from checker.match.declension import _morph, parses
from checker.match.formcache import cached, expect
from checker.match.nameforms import entry_forms
from checker.match.normalise import fold
from checker.match.patterns import Phrasings, compile_groups, phrase_regex, whole_word

IMPERATIVE, INFINITIVE = "imperative", "infinitive"

# Between a verb and its object: up to _GAP words, within one sentence of one block.
_GAP = 3
_SEPARATOR = r"[^\p{L}\p{N}_\x00.!?;]+"
_WORD = r"[\p{L}\p{N}_'-]+"
# What may stand right before a call that starts a clause: nothing, or the end of a sentence or
# clause, a bracket, a quote, a dash, a bullet or an arrow.
_CLAUSE_START = re.compile(r"(?:^|[.!?:;,(\[\"'\-|•·>→»])\s*$")
_CYRILLIC = re.compile(f"[{lexicon.cyrillic_letters()}]")


PUBLISHER = "{publisher}"  # in an object phrase: any form of any of the publisher's names


@dataclass(frozen=True)
class CallGroup:
    """One way of calling readers to act: verbs, and what they must ask for (any of the object
    phrases, which may name the publisher as `{publisher}`); without objects the verb alone is
    a call."""

    name: str
    verbs: tuple[str, ...]
    objects: tuple[str, ...] = ()

    @property
    def needs_object(self) -> bool:
        return bool(self.objects)

    @property
    def names_publisher(self) -> bool:
        return any(PUBLISHER in o for o in self.objects)


@dataclass(frozen=True)
class CallMatcher:
    """Call groups compiled for one publisher (its names are objects of the groups that ask for
    them): one regular expression, each match tagged with its group."""

    groups: tuple[CallGroup, ...]
    phrasings: Phrasings
    moods: tuple[dict[str, str], ...]  # per group: verb form (folded) -> its mood

    def is_call(self, tag: int, lower: str, start: int, end: int) -> bool:
        """Whether the match [start, end) of group `tag` in a block's lower-case text is a call."""
        if not whole_word(lower, start, end):
            return False
        moods = self.moods[tag]
        verb = next(
            (form for form in sorted(moods, key=len, reverse=True)
             if lower.startswith(form, start) and whole_word(lower, start, start + len(form))),
            None,
        )
        if verb is None:
            return False
        before = lower[:start]
        if _ends_with_any(before, _words("call_negations")):  # "не переводите нам деньги"
            return False
        return moods[verb] == IMPERATIVE or addresses_reader(before)


def addresses_reader(before: str) -> bool:
    """Whether a verb after `before` (the text of its block up to it) starts a clause or follows a
    word that addresses the reader."""
    return (
        bool(_CLAUSE_START.search(before))
        or _after_pictograph(before)
        or _ends_with_any(before, _words("call_leads"))
    )


# What may follow a pictograph's base character: a variation selector, a zero-width joiner, a
# skin tone («👍🏻», «❤️»).
_PICTOGRAPH_TAIL = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]+$")


def _after_pictograph(before: str) -> bool:
    """Whether the verb follows an emoji or another symbol that opens a line as a bullet does
    («💛 Поддержать «Дождь»», «👉 Подпишитесь»)."""
    tail = _PICTOGRAPH_TAIL.sub("", before.rstrip())
    return bool(tail) and unicodedata.category(tail[-1]) in ("So", "Sm")


def _ends_with_any(before: str, words: tuple[str, ...]) -> bool:
    tail = before.rstrip()
    return any(tail.endswith(w) and whole_word(tail, len(tail) - len(w), len(tail)) for w in words)


@lru_cache(maxsize=4)
def _words(key: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in lexicon.words(key))


def _russian_verb_forms(verb: str) -> dict[str, str]:
    """The imperative (not the inclusive "поддержим", which is also a plain future) and the
    infinitive of a Russian verb the morphology's dictionary knows, written in any form."""
    forms: dict[str, str] = {}
    for parse in parses(verb.lower()):
        if not ({"INFN", "impr"} & parse.tag.grammemes):
            continue
        for form in (parse, *parse.lexeme):
            if "impr" in form.tag and "incl" not in form.tag:
                forms.setdefault(fold(form.word), IMPERATIVE)
            elif "INFN" in form.tag:
                forms.setdefault(fold(form.word), INFINITIVE)
        break
    return forms or {fold(verb): INFINITIVE}


def _derive_moods(verbs: Sequence[str]) -> dict[str, str]:
    moods: dict[str, str] = {}
    for verb in verbs:
        cyrillic = _CYRILLIC.search(verb)
        if cyrillic and _morph().word_is_known(verb.lower()):
            moods.update(_russian_verb_forms(verb))
        else:
            moods[fold(verb)] = IMPERATIVE if cyrillic and _SLAVIC_IMPERATIVE.search(verb.lower()) else INFINITIVE
    return moods


# A Belarusian or Ukrainian verb (written out as it is, the morphology being Russian's) is an
# imperative by its ending (`imperative_endings`); an English verb ("support") is either mood.
_SLAVIC_IMPERATIVE = re.compile(lexicon.alternation("imperative_endings") + "$")


def _decode_moods(data: object) -> dict[str, str]:
    moods = expect(data, dict)
    for form, mood in moods.items():
        if not isinstance(form, str) or mood not in (IMPERATIVE, INFINITIVE):
            raise ValueError("not a verb form and its mood")
    return moods


def verb_moods(verbs: Iterable[str]) -> dict[str, str]:
    """Every form of the verbs that calls the reader, and its mood (cached: the morphology is
    slow to load)."""
    ordered = sorted(set(verbs))
    return cached("call-verbs", ordered, lambda: _derive_moods(ordered), dict, _decode_moods)


def _decode_names(data: object) -> list[str]:
    names = expect(data, list)
    if not all(isinstance(n, str) for n in names):
        raise TypeError("expected names")
    return names


@lru_cache(maxsize=256)  # every page of a run asks for the same publisher's (from disk otherwise)
def publisher_names(entry: Entry) -> tuple[str, ...]:
    """Every form of a publisher's names (cases, aliases), folded: the object of a call such as
    «Поддержите «Медузу»». Its name after a call's verb is enough, quoted or not."""
    items = [entry.key, entry.name, *(alias.name for alias in entry.aliases)]
    names = cached(
        "publisher-names", items,
        lambda: sorted({fold(form) for form, mode in entry_forms(entry).items() if mode != "exclude"} - {""}),
        list, _decode_names,
    )
    return tuple(names)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re2.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _object_regex(phrase: str, names: Sequence[str]) -> str | None:
    """An object phrase as a regular expression; None when it names a publisher there is not."""
    if PUBLISHER not in phrase:
        return phrase_regex(phrase)
    if not names:
        return None
    quoted_name = f'"?(?:{_alternation(names)})"?'
    return " ".join(quoted_name if word == PUBLISHER else phrase_regex(word) for word in phrase.split())


def _group_pattern(group: CallGroup, moods: dict[str, str], names: Sequence[str]) -> str | None:
    """The group's regular expression; None when it asks only for a publisher there is not."""
    verbs = f"(?:{_alternation(moods)})"
    if not group.needs_object:
        return verbs
    found = (_object_regex(o, names) for o in sorted(group.objects, key=len, reverse=True))
    objects = "|".join(o for o in found if o is not None)
    if not objects:
        return None
    return f"{verbs}(?:{_SEPARATOR}{_WORD}){{0,{_GAP}}}?{_SEPARATOR}(?:{objects})"


@lru_cache(maxsize=64)
def compile_calls(groups: tuple[CallGroup, ...], names: tuple[str, ...] = ()) -> CallMatcher:
    """The groups as one matcher, the publisher's `names` (see `publisher_names`) standing for
    `{publisher}` in their objects. Raises PatternError for a phrase that cannot compile."""
    moods = tuple(verb_moods(g.verbs) for g in groups)
    patterns = [((), [p] if (p := _group_pattern(g, m, names)) else []) for g, m in zip(groups, moods)]
    return CallMatcher(groups, compile_groups(patterns), moods)

