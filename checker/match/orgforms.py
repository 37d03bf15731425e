"""Common words (brand names) and organization names in the six cases: leading adjectives and
the head noun decline and agree, the rest of the name stays as written."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.match.declension import (
    _QUOTE_CHARS,
    _VOWELS,
    _WORD,
    CASES,
    _first_decl,
    _fold_yo,
    _indeclinable,
    _morph,
    _restore_case,
    _second_decl,
    _with_yo_variants,
    has_cyrillic,
    parses,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pymorphy3



# ---------------------------------------------------------------------------------------------
# Common words: brand names and organization heads.


def _nomn_parse(word_lower: str, pos: set[str]) -> pymorphy3.analyzer.Parse | None:
    """Best parse of the word as a nominative of one of ``pos`` (e.g. {"NOUN"})."""
    for parse in parses(word_lower):
        if parse.tag.POS in pos and parse.tag.case == "nomn":
            return parse
    return None


def _inflect_all(parse: pymorphy3.analyzer.Parse, extra: set[str]) -> tuple[str, ...] | None:
    forms = []
    for case in CASES:
        inflected = parse.inflect({case, *extra})
        if inflected is None:
            return None
        forms.append(inflected.word)
    return tuple(forms)


@functools.lru_cache(maxsize=65536)
def _noun_forms(word: str) -> tuple[str, ...] | None:
    """Six case forms of a noun in the number it is written in, or None if not a noun."""
    if "-" in word:
        head, _, tail = word.rpartition("-")
        tail_forms = _noun_forms(tail)
        if not tail_forms:
            return None
        # Братья-мусульмане: two nouns in agreement both decline (Братьев-мусульман);
        # Интернет-издание: a head of another gender or number stays as it is.
        head_forms = _noun_forms(head) if "-" not in head else None
        if head_forms and _same_agreement(head, tail):
            return tuple(f"{h}-{t}" for h, t in zip(head_forms, tail_forms))
        return tuple(f"{head}-{f}" for f in tail_forms)
    parse = _nomn_parse(word.lower(), {"NOUN"})
    if parse is None:
        return None
    if "Fixd" in parse.tag:
        return _indeclinable(word)
    forms = _inflect_all(parse, {parse.tag.number} if parse.tag.number else set())
    if forms is None or _fold_yo(forms[0]) != _fold_yo(word.lower()):
        return None
    return tuple(_restore_case(word, f) for f in forms)


def _same_agreement(first: str, second: str) -> bool:
    a, b = _nomn_parse(first.lower(), {"NOUN"}), _nomn_parse(second.lower(), {"NOUN"})
    if a is None or b is None or a.tag.number != b.tag.number:
        return False
    return bool(a.tag.number == "plur" or a.tag.gender == b.tag.gender)


def _rule_noun(word: str) -> tuple[str, ...]:
    """Fallback for words pymorphy3 cannot parse as nominative nouns: decline by ending."""
    low = word.lower()
    if low[-1] in "ая":
        return _first_decl(word)
    if low[-1] in _VOWELS:
        return _indeclinable(word)
    return _second_decl(word)


def word_forms(word: str) -> set[str]:
    """All six case forms of one word (brand names: Дождь → Дождя, Дождю, Дождём, Дожде).

    Singular unless the word is written in the plural (Ведомости). Latin words come back
    unchanged; a phrase is handled like an organization name.
    """
    word = word.strip()
    if not word or not has_cyrillic(word):
        return {word} if word else set()
    if " " in word:
        return organization_forms(word)
    stripped = word.strip(_QUOTE_CHARS)
    if not _WORD.match(stripped):
        return {word}
    forms = _noun_forms(stripped)
    if forms is None:
        adjective = _adjective_forms(stripped, None)
        forms = adjective if adjective is not None else _rule_noun(stripped)
    return _with_yo_variants({word, *forms})


# ---------------------------------------------------------------------------------------------
# Organizations: leading adjectives/participles + first noun decline and agree; the rest
# ("борьбы с коррупцией", quoted names, abbreviations) is kept as written.


@dataclass(frozen=True)
class _Agreement:
    number: str
    gender: str | None
    animacy: str | None


@functools.lru_cache(maxsize=65536)
def _adjective_forms(word: str, agree: _Agreement | None) -> tuple[str, ...] | None:
    if "-" in word:  # Северо-Кавказский, Национал-большевистская: only the last half declines
        head, _, tail = word.rpartition("-")
        tail_forms = _adjective_forms(tail, agree)
        return tuple(f"{head}-{f}" for f in tail_forms) if tail_forms else None
    low = word.lower()
    for parse in parses(low):
        tag = parse.tag
        if tag.POS not in ("ADJF", "PRTF") or tag.case != "nomn":
            continue
        if agree is not None and (
            tag.number != agree.number or (agree.number == "sing" and tag.gender != agree.gender)
        ):
            continue
        number = tag.number or "sing"
        extra = {number} | ({tag.gender} if number == "sing" and tag.gender else set())
        forms = []
        for case in CASES:
            grammemes = {case, *extra}
            # The accusative of an adjective depends on the noun's animacy (фонд/свидетелей).
            if case == "accs" and agree is not None and agree.animacy:
                grammemes.add(agree.animacy)
            inflected = parse.inflect(grammemes) or parse.inflect({case, *extra})
            if inflected is None:
                break
            forms.append(inflected.word)
        else:
            if _fold_yo(forms[0]) == _fold_yo(low):
                return tuple(_restore_case(word, f) for f in forms)
    return None


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


@functools.lru_cache(maxsize=65536)
def _head_agreement(word: str) -> _Agreement | None:
    low = word.rpartition("-")[2].lower()
    parse = _nomn_parse(low, {"NOUN"})
    if parse is None:
        return None
    return _Agreement(parse.tag.number or "sing", parse.tag.gender, parse.tag.animacy)


def _split_head(words: list[str]) -> tuple[int, int] | None:
    """Index range of the declinable head as (number of adjectives, end), or None.

    Adjectives/participles come first; the first known noun after them ends the head. A word
    that can be both (Правый) counts as an adjective when another word follows it.
    """
    n_adjectives = 0
    for index, word in enumerate(words):
        if not _WORD.match(word) or _is_abbreviation(word):
            break
        tail = word.rpartition("-")[2].lower()
        adjective = _nomn_parse(tail, {"ADJF", "PRTF"})
        noun = _nomn_parse(tail, {"NOUN"})
        followed = index + 1 < len(words) and bool(_WORD.match(words[index + 1]))
        if adjective is not None and (noun is None or followed):
            n_adjectives += 1
            continue
        # Unknown nouns are left alone: the predictor declines foreign words (Таблиги) badly.
        if noun is not None and _morph().word_is_known(tail):
            return n_adjectives, n_adjectives + 1
        if index == 0 and followed and _foreign_head(word, words[index + 1]):
            return 0, 1
        break
    # Adjectives with no noun after them are substantivised (Русские): they are the head.
    return (n_adjectives, n_adjectives) if n_adjectives else None


def _foreign_head(word: str, following: str) -> bool:
    """A borrowed noun the dictionary does not know, ending in a hard consonant, before a name in
    apposition: «Имарат Кавказ», «Вилаят Дагестан». It declines like any masculine noun
    («в «Имарате Кавказ»»), the name after it stays as written."""
    return (
        word[:1].isupper()
        and "-" not in word
        and word[-1].lower() not in _VOWELS | {"ь", "й"}
        and following[:1].isupper()
        and not _morph().word_is_known(word.lower())
    )


def _inflect_head(words: list[str]) -> list[tuple[str, ...]] | None:
    """Per-case strings for the head words, or None if the name has no declinable head."""
    split = _split_head(words)
    if split is None:
        return None
    n_adj, end = split
    agreement = _head_agreement(words[n_adj]) if end > n_adj else None
    columns: list[tuple[str, ...]] = []
    for word in words[:n_adj]:
        forms = _adjective_forms(word, agreement) or _adjective_forms(word, None)
        if forms is None:
            return None
        columns.append(forms)
    if end > n_adj:
        noun = _noun_forms(words[n_adj])
        if noun is None and end < len(words) and _foreign_head(words[n_adj], words[end]):
            noun = _second_decl(words[n_adj])
        if noun is None:
            return None
        columns.append(noun)
    return columns


def _split_trailing_alias(name: str) -> tuple[str, str, list[str]]:
    """Split "Исламское государство (ИГИЛ)" into main name, bracket text, ["ИГИЛ"]."""
    match = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", name)
    if not match:
        return name, "", []
    aliases = [a.strip() for a in re.split(r"[;,]", match.group(2)) if a.strip()]
    return match.group(1), match.group(2), aliases


def _quoted_only(name: str) -> str | None:
    match = re.fullmatch(r"[«„“\"]([^«»„“”\"]+)[»“”\"]", name)
    return match.group(1).strip() if match else None


def _head_forms(name: str) -> set[str]:
    words = name.split(" ")
    columns = _inflect_head(words)
    if not columns:
        return {name}
    rest = words[len(columns) :]
    out = {" ".join([*(col[k] for col in columns), *rest]) for k in range(len(CASES))}
    if rest and len(set(columns[-1])) == 1:
        # An indeclinable head (радио, медиа) leaves the name after it to decline in apposition:
        # "на Радио Свободе", "Радио Свободной Европы"; the undeclined form is kept too.
        tail = _inflect_head(rest)
        if tail:
            after = rest[len(tail) :]
            out |= {
                " ".join([*(col[k] for col in columns), *(col[k] for col in tail), *after])
                for k in range(len(CASES))
            }
    return out


@functools.lru_cache(maxsize=8192)
def _organization_forms(name: str) -> frozenset[str]:
    out = {name}
    if not has_cyrillic(name):
        return frozenset(out)
    main, bracket, aliases = _split_trailing_alias(name)
    if aliases:
        for form in _organization_forms(main):
            out.add(form)
            out.add(f"{form} ({bracket})")
        for alias in aliases:
            out |= _organization_forms(alias)
        return frozenset(out)
    brand = _quoted_only(name)
    if brand is not None:
        # A bare brand («Медуза») is declined in running text once the generic word is gone.
        out |= word_forms(brand) if " " not in brand else _head_forms(brand)
        return frozenset(_with_yo_variants(out))
    out |= _head_forms(name)
    return frozenset(_with_yo_variants(out))


def organization_forms(name: str) -> set[str]:
    """Case forms of an organization name: the head declines, everything after stays.

    "Фонд борьбы с коррупцией" → "Фонда борьбы с коррупцией", …; quoted parts never
    decline; Latin names come back unchanged; a trailing "(alias)" is kept and also
    declined on its own.
    """
    return set(_organization_forms(" ".join(name.split())))
