"""Names an article uses for a register row, derived from the row's official wording by rule.

Registers print legal names ("Юридическое лицо ... SIA «Medusa Project» (...)"); articles say
«Медуза» or Meduza. From the official text alone this module takes:

- for organizations: the quoted names («Фонд борьбы с коррупцией»), the names in parentheses
  ("(другие названия: «ИГИЛ», ...)", "(The National Endowment for Democracy)"), a leading Latin
  name ("Ukrainian World Congress («Всемирный конгресс украинцев») (Канада)"), and acronyms;
  legal forms (Inc., SIA, Stichting), countries and labels ("другие названия:") are dropped;
- for persons: the register name without the pseudonym, and each pseudonym as an alias (in
  "Имя Фамилия" order), alternative names printed in parentheses as full names;
- stable ids (slugs).

Every alias gets the match mode `ambiguity.match_mode` gives it, so that a name made of ordinary
words (Весна, Сеть) is only matched in quotes, and is marked `generated: true`, so that the next
import can replace it and leave the aliases people wrote alone. Nothing here is copied from
another project's alias lists; case forms and transliterations are generated when lists load.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from checker import lexicon
from checker.match.ambiguity import (
    content_words,
    is_acronym,
    is_common_word,
    is_first_name,
    is_place_name,
    is_surname_like,
    match_mode,
)
from checker.match.normalise import fold
from checker.match.transliterate import latin_variants_ranked

Alias = dict[str, Any]  # {name, lang, match?, inflect?, generated}: the YAML shape of a list file

_CYRILLIC = re.compile(f"[{lexicon.cyrillic_letters(related=True)}]")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
# Labels that introduce alternative names inside parentheses.
_LABELS = re.compile(r"^" + lexicon.alternation("parenthesis_labels") + r"\b[\s:–\-—,]*", re.I)
# Legal forms (Inc., SIA, Stichting, ООО): not part of the name an article uses.
_LEGAL_FORMS = lexicon.abbreviations_pattern("legal_forms")
_COUNTRY_WORDS = re.compile(lexicon.alternation("country_stems"), re.I)
# Words that describe what kind of body a name is, not which one: "Charitable organization".
_GENERIC = lexicon.words("generic_words")
# Names of states and state bodies that some rows list among their "other names" (a sovereign-
# citizens group calls itself «СССР»), and slogans or words in everyday use ("Pit Bull", "Слава
# и Честь"): as aliases they would tag every mention of the country or the phrase.
_NEVER_ALIASES = frozenset(fold(n) for n in lexicon.words("never_aliases"))
_MIN_LETTERS = 3
# Dates, identifiers and addresses that parentheses also hold: 53113 Bonn, ОГРН, Kurt-Schumacher-Strasse:
# the words are in the lexicon (`not_a_name`), dates, postcodes and web addresses are shapes.
_NOT_A_NAME = (
    re.compile(r"\d{2}\.\d{2}\.\d{4}|https?://|\d{5,}"),
    lexicon.abbreviations_pattern("not_a_name", re.I),
)


# --------------------------------------------------------------------------------------------
# Splitting an official name into its quoted and parenthesised parts


def _quoted_spans(text: str) -> list[tuple[int, str]]:
    """Outermost quoted parts and where they start; «A «B» (two quotes closed by one) is one
    part, "A «B»"."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        opening = text[i]
        closing = _QUOTES.get(opening)
        if closing is None:
            i += 1
            continue
        depth, j = 1, i + 1
        while j < len(text) and depth:
            if text[j] == closing and (opening != closing or depth == 1):
                # «Частный суд «Кебе», ...: one » before a comma or the end closes every quote.
                rest = text[j + 1 :].lstrip()
                depth = 0 if not rest or rest[0] in ",;.)(" else depth - 1
            elif text[j] == opening and opening != closing:
                depth += 1
            j += 1
        # An unclosed part runs to the end.
        inner = text[i + 1 : j - 1 if depth == 0 else j].strip()
        if inner:
            out.append((i, inner))
        i = j
    return out


def _quoted_segments(text: str) -> list[str]:
    return [inner for _, inner in _quoted_spans(text)]


def _parenthesised(text: str) -> list[str]:
    """Top-level parenthesised parts, innermost nesting kept inside: "(A (B))" → "A (B)"."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i].strip())
    if depth:  # an unclosed "(" runs to the end
        out.append(text[start:].strip())
    return [p for p in out if p]


def _outside(text: str) -> str:
    """The text with every parenthesised part removed."""
    depth, kept = 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return " ".join("".join(kept).split())


def _split_alternatives(part: str) -> list[str]:
    """"другие названия: «A», «B» и «C»" → ["A", "B", "C"]; "ACF, ACF international" → both."""
    part = _LABELS.sub("", part.strip())
    while True:
        stripped = _LABELS.sub("", part)
        if stripped == part:
            break
        part = stripped
    quoted = _quoted_segments(part)
    if quoted:
        rest = part
        for segment in quoted:
            rest = rest.replace(segment, " ")
        loose = [p for p in re.split(r"[,;]|\s[–—-]\s", re.sub(r"[«»„“”\"]", " ", rest)) if p.strip()]
        return quoted + [p for p in loose if _LATIN.search(p) and not _CYRILLIC.search(p)]
    return [p for p in re.split(r"[,;]", part) if p.strip()]


# --------------------------------------------------------------------------------------------
# Cleaning and judging candidate aliases


def _tidy(candidate: str) -> str:
    text = candidate.strip(" ,;:–—-()\u00a0")
    text = _LEGAL_FORMS.sub(" ", text)
    text = " ".join(text.split()).replace(" »", "»").replace("( )", "").strip(" ,;:–—-.")
    # A quote left unpaired by the split: «Этнополитическое объединение «Русские
    if text.count("«") > text.count("»"):
        text += "»"
    if text.startswith("«") and text.endswith("»") and text.count("«") == 1:
        text = text[1:-1]
    return text.strip()


def _is_country(text: str) -> bool:
    words = content_words(text)
    if not words:
        return True
    if len(words) == 1 and is_place_name(words[0]):
        return True
    return len(words) <= 4 and all(_COUNTRY_WORDS.search(w) or is_place_name(w) for w in words)


def _acceptable(alias: str, official: str) -> bool:
    letters = re.sub(r"[\W\d_]", "", alias)
    if len(letters) < _MIN_LETTERS or fold(alias) in _NEVER_ALIASES or fold(alias) == fold(official):
        return False
    if any(pattern.search(alias) for pattern in _NOT_A_NAME):
        return False
    if "," in alias or ";" in alias or _is_country(alias):
        return False
    # Descriptions, not names, start in lower case: "(созданное в исправительном учреждении...)".
    if _CYRILLIC.match(alias[0]) and alias[0].islower():
        return False
    words = content_words(alias)
    if all(w.lower() in _GENERIC for w in words):
        return False
    if is_acronym(alias):
        return len(letters) >= _MIN_LETTERS
    # A bare place name (the local Jehovah's Witnesses organization «Ухта») names the place.
    return not (len(words) == 1 and is_place_name(words[0]))


def _alias(name: str) -> Alias:
    cyrillic = bool(_CYRILLIC.search(name))
    alias: Alias = {"name": name, "lang": "ru" if cyrillic else "en"}
    mode = match_mode(name)
    if mode != "any":
        alias["match"] = mode
    if cyrillic and mode == "case":
        alias["inflect"] = False  # an acronym does not decline
    alias["generated"] = True
    return alias


def _unit_name(main: str, at: int, segment: str) -> str:
    """A unit in a row's list of structural units is named as the list names it, kind included,
    when its own name is made of everyday words or is one word: Движение «Кубанское казачье
    войско», not «Кубанское казачье войско», which also names a lawful Cossack society;
    Движение «Ингрия», not the region."""
    units = main.find("подразделени")
    single = len(content_words(segment)) == 1
    if units < 0 or at < units or (match_mode(segment) != "quoted" and not single):
        return segment
    item_start = max(main.rfind(", ", units, at), main.rfind(": ", units, at))
    kind = main[item_start + 2 : at].strip() if item_start >= 0 else ""
    return f"{kind} «{segment}»" if kind[:1].isupper() else segment


_OUTLET_AFFIX = re.compile(
    r"^(?P<brand>[^\W\d_][\w’']*)(?P<sep>[.\-\s])" + lexicon.alternation("outlet_affixes") + r"$", re.I
)


def _kind_before(main: str, at: int) -> str | None:
    """The noun of the kind of body right before a quoted name («движение» in «Молодежное
    демократическое движение «Весна»»), capitalised as a name's first word; None without one."""
    before = main[:at].split()
    noun = before[-1].lower() if before else ""
    return noun.capitalize() if noun in _INTRODUCING and noun != "лицо" else None


def _spelled_in(brand: str, domains: Sequence[str]) -> bool:
    """The brand is the name of one of the outlet's own websites: Вёрстка, verstka.media."""
    spellings = {brand.lower()} if not _CYRILLIC.search(brand) else set(latin_variants_ranked(brand, 8))
    letters = {re.sub(r"[^a-z]", "", s.lower()) for s in spellings}
    labels = {d.lower().removeprefix("www.").split(".")[0] for d in domains}
    # Transliteration varies in a letter (Горби: gorbi, gorby.media).
    return any(
        s == label or (len(s) >= 5 and len(s) == len(label) and sum(a != b for a, b in zip(s, label)) <= 1)
        for s in letters
        for label in labels
    )


def _ordinary_case(brand: str) -> str:
    """An outlet's Russian brand of everyday words that the register prints in capitals is
    written in ordinary case by readers and matched as everyday words are (in quotes or after
    "издание"): ВЕСЬМА → Весьма; a caps acronym or a coined word stays as printed."""
    words = content_words(brand)
    if not _CYRILLIC.search(brand) or not brand.isupper() or len(re.sub(r"[\W\d_]", "", brand)) < 4:
        return brand
    if not all(is_common_word(w) for w in words):
        return brand
    return brand[:1] + brand[1:].lower()


def media_brands(alias: str, domains: Sequence[str] = ()) -> list[str]:
    """The everyday brand of an outlet named with the word that says it is media, or a web
    address: «Кедр.медиа» → Кедр, «Собеседник-Медиа» → Собеседник, VTimes.io → VTimes, glued to
    one word; set apart by a space only when the outlet's website carries the brand («Вёрстка
    Медиа», verstka.media → Вёрстка), since «Мнение медиа» is a company's name, not a brand."""
    bare = _OUTLET_AFFIX.match(alias)
    if bare is None:
        return []
    brand = bare.group("brand")
    return [brand] if bare.group("sep") != " " or _spelled_in(brand, domains) else []


def organization_aliases(official: str, media: bool = False, domains: Sequence[str] = ()) -> list[Alias]:
    """Aliases of an organization from its official name, most telling first.

    A name that is one everyday word («База», «Сеть») is kept only for media, whose brands are
    written that way («Бумага», «Эхо»): for other organizations the same word in quotes is as
    likely another body's name (the Telegram outlet «База» is not al-Qaeda)."""
    candidates: list[str] = []
    main = _outside(official)
    spans = _quoted_spans(main)
    quoted = [segment for _, segment in spans]
    # A local branch is named after its place («Ухта», «Центральный Хазан»): not a name to match.
    if not re.match(r"местн(?:ая|ое|ый)\b", official, re.I):
        candidates += [_unit_name(main, at, segment) for at, segment in spans]
    # A leading Latin name: "Ukrainian World Congress («...»)", "Stichting Bellingcat (Нидерланды)"
    lead = re.split(r"[«(\"“,]", official, maxsplit=1)[0]
    if _LATIN.search(lead) and not _CYRILLIC.search(lead):
        candidates.append(lead)
    # A Latin name after a Russian legal description: "... SIA «Medusa Project»" is caught above;
    # "Общественное объединение VATANÇI", "The Bell" are whole Latin tails.
    if not quoted:
        words = main.split()
        tail: list[str] = []
        while words and _LATIN.search(words[-1]) and not _CYRILLIC.search(words[-1]):
            tail.insert(0, words.pop())
        # Only after the kind of body it names ("Общественное объединение VATANÇI"), not after
        # "и" ("социальных сетей Facebook и Instagram" names products, not the company).
        if tail and tail[0][:1].isupper() and words and words[-1].lower() in _INTRODUCING:
            candidates.append(" ".join(tail))
    units = official.find("подразделени")
    for part in _parenthesised(official):
        in_units = 0 <= units < official.find(part)
        for alternative in _split_alternatives(part):
            # A unit's one-word other names are mostly regions (Ингерманландия, Фенноскандия).
            if not (in_units and len(content_words(alternative)) == 1):
                candidates.append(alternative)
    if media:  # an outlet is known by its brand: «Кедр.медиа» is «Кедр» to readers
        names = [*candidates, main]
        candidates += [brand for name in names for brand in media_brands(_tidy(name), domains)]
    kinds = {segment: _kind_before(main, at) for at, segment in spans}
    out: dict[str, Alias] = {}
    for candidate in candidates:
        alias = _tidy(candidate)
        if not alias or not _acceptable(alias, official) or fold(alias) in out:
            continue
        words = content_words(alias)
        if not media and len(words) == 1 and _CYRILLIC.search(alias) and is_common_word(words[0]):
            # «Весна» alone is anyone's; «движение «Весна»», as articles write it, is this body.
            kind = kinds.get(candidate)
            if kind is None:
                continue
            alias = f"{kind} «{alias}»"
        if media:
            alias = _ordinary_case(alias)
        out[fold(alias)] = _alias(alias)
    return list(out.values())


# --------------------------------------------------------------------------------------------
# Persons: "Фамилия Имя Отчество "Псевдоним"" as the register prints them


def _natural_order(pseudonym: str) -> str:
    """Pseudonyms are mostly "Имя Фамилия"; some rows print "Фамилия Имя" (Сильванова Катерина)."""
    words = pseudonym.split()
    if len(words) != 2 or not _CYRILLIC.search(pseudonym):
        return pseudonym
    first, second = words
    named_second = is_first_name(second) and not is_first_name(first)
    if named_second and (is_surname_like(first) or not is_common_word(first)):
        return f"{second} {first}"  # Сильванова Катерина, Толстой Слава (but not Дед Архимед)
    if is_surname_like(first) and not is_surname_like(second) and not is_first_name(first):
        return f"{second} {first}"  # Орешников Мишши
    return pseudonym


def _pseudonym_alias(pseudonym: str) -> Alias | None:
    pseudonym = " ".join(pseudonym.strip(" «»\"“”").split())
    words = pseudonym.split()
    letters = re.sub(r"[\W\d_]", "", pseudonym)
    if len(letters) < _MIN_LETTERS or not words:
        return None
    if _CYRILLIC.search(pseudonym):
        if len(words) == 1 and (is_common_word(words[0]) or is_first_name(words[0])):
            return None  # «Белый», «Балу», a first name alone: not evidence of this person
        alias: Alias = {"name": _natural_order(pseudonym), "lang": "ru"}
        if len(words) == 1:
            alias["match"] = "capitalised"
        alias["generated"] = True
        return alias
    if len(words) == 1:  # Face, Partisan: maybe an English word; JesusAVGN is a name
        word = words[0]
        distinctive = any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:])
        return {"name": pseudonym, "lang": "en", "match": "case" if distinctive else "quoted", "generated": True}
    return {"name": pseudonym, "lang": "en", "match": "case", "generated": True}


def person_name_and_aliases(official: str) -> tuple[str, list[Alias]]:
    """The register name as "Фамилия Имя [Отчество]" and the pseudonyms and alternative names."""
    aliases: list[Alias] = []
    pseudonyms: list[str] = []
    for segment in _quoted_segments(official):
        pseudonyms += _split_inner(segment)
    text = _without_quoted(official)
    base = _outside(text).split()
    for part in _parenthesised(text):
        words = part.split()
        if len(words) >= 2 and _CYRILLIC.search(part):
            aliases.append({"name": part, "lang": "ru", "generated": True})  # a full name, register order
        elif len(words) == 1 and base:
            # One word in parentheses replaces the word before it: Бортник Егор (Игорь) Михайлович,
            # Кирия Ксения Дмитриевна (Туркова) — a surname when it ends the name.
            position = _position_before(text, part, len(base))
            alternative = list(base)
            alternative[0 if position >= len(base) else position] = part
            aliases.append({"name": " ".join(alternative), "lang": "ru", "generated": True})
        else:
            pseudonyms.append(part)
    for pseudonym in pseudonyms:
        alias = _pseudonym_alias(pseudonym)
        if alias is not None:
            aliases.append(alias)
    name = " ".join(base)
    unique: dict[str, Alias] = {}
    for alias in aliases:
        if fold(alias["name"]) != fold(name):
            unique.setdefault(fold(alias["name"]), alias)
    return name, list(unique.values())


def _without_quoted(text: str) -> str:
    """The text with its quoted parts (and their quotes) cut out."""
    out, closing = [], None
    for char in text:
        if closing is None and char in _QUOTES:
            closing = _QUOTES[char]
        elif closing is not None and char == closing:
            closing = None
        elif closing is None:
            out.append(char)
    return " ".join("".join(out).split())


def _split_inner(segment: str) -> list[str]:
    """"Oxxxymiron (Оксимирон)", "Наум Блик, Dry Ice" → each name."""
    names = [_outside(segment)] + _parenthesised(segment)
    return [n.strip() for name in names for n in re.split(r"[,;]", name) if n.strip()]


def _position_before(text: str, part: str, size: int) -> int:
    """Index of the word a parenthesised word follows (size when it ends the name)."""
    before = text[: text.find("(" + part)].split()
    return len(before) - 1 if len(before) < size else size


# --------------------------------------------------------------------------------------------
# Ids


def slug(text: str) -> str:
    latin = latin_variants_ranked(text, 1)[0] if _CYRILLIC.search(text) else text
    words = re.findall(r"[a-z0-9]+", latin.lower())
    out: list[str] = []
    for word in words:
        if len("-".join(out + [word])) > 40:
            break
        out.append(word)
    return "-".join(out) or "entry"


# Nouns after which a Latin name is the body's own name.
_INTRODUCING = lexicon.introducers("registers")
# Words that say what kind of body a row is; left out of ids so that ids say which one.
_DESCRIPTORS = lexicon.words("descriptors")


def entry_slug(name: str, person: bool, aliases: list[Alias]) -> str:
    if person:
        return slug(" ".join(name.split()[:2]))
    short = next((a["name"] for a in aliases if len(re.sub(r"\W", "", a["name"])) > 6), None)
    words = [w for w in content_words(_LEGAL_FORMS.sub(" ", short or _outside(name))) if w.lower() not in _DESCRIPTORS]
    return slug(" ".join(words[:6]))
