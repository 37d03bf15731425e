"""Personal names in the six cases: rule tables or pymorphy3 per name part, the registry's
"Фамилия Имя Отчество" parsed into parts, and full names in every order with initials."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import cast

from checker import lexicon
from checker.match.declension import (
    _ADJ_FEMN,
    _ADJ_FEMN_SOFT,
    _ADJ_MASC,
    _ADJ_MASC_SOFT,
    _ADJ_MASC_VELAR,
    _NOUN_SOFT_FEMN,
    _POSSESSIVE_FEMN,
    _POSSESSIVE_MASC,
    _QUOTE_CHARS,
    _VOWELS,
    _WORD,
    CASES,
    DEFAULT_ENGINE,
    Endings,
    Engine,
    Gender,
    Role,
    _apply,
    _first_decl,
    _fold_yo,
    _indeclinable,
    _restore_case,
    _second_decl,
    _with_yo_variants,
    has_cyrillic,
    parses,
)
from checker.match.transliterate import german_spelling, latin_variants

# Turkic patronymic particles: "Гусейн оглы" — neither word declines.
_TURKIC_PATR = lexicon.first_names("turkic_particles")
_SURNAME_MASC: dict[str, tuple[int, Endings] | None] = {
    # value: (characters to strip, endings)
    "ых": None,
    "их": None,
    "ский": (2, _ADJ_MASC_VELAR),
    "цкий": (2, _ADJ_MASC_VELAR),
    "кий": (2, _ADJ_MASC_VELAR),
    "гий": (2, _ADJ_MASC_VELAR),
    "хий": (2, _ADJ_MASC_VELAR),
    "ний": (2, _ADJ_MASC_SOFT),
    "ый": (2, _ADJ_MASC),
    # Adjectival -ой (Толстой, Сухой, Большой); short words like Цой decline as nouns, see
    # _ADJ_OI_MIN_LEN.
    "ой": (2, _ADJ_MASC),
    "кой": (2, _ADJ_MASC_VELAR),
    "гой": (2, _ADJ_MASC_VELAR),
    "хой": (2, _ADJ_MASC_VELAR),
    "жой": (2, _ADJ_MASC_VELAR),
    "шой": (2, _ADJ_MASC_VELAR),
    "ов": (0, _POSSESSIVE_MASC),
    "ев": (0, _POSSESSIVE_MASC),
    "ёв": (0, _POSSESSIVE_MASC),
    "ин": (0, _POSSESSIVE_MASC),
    "ын": (0, _POSSESSIVE_MASC),
}
_SURNAME_FEMN: dict[str, tuple[int, Endings] | None] = {
    "ых": None,
    "их": None,
    "ова": (1, _POSSESSIVE_FEMN),
    "ева": (1, _POSSESSIVE_FEMN),
    "ёва": (1, _POSSESSIVE_FEMN),
    "ина": (1, _POSSESSIVE_FEMN),
    "ына": (1, _POSSESSIVE_FEMN),
    "ая": (2, _ADJ_FEMN),
    "яя": (2, _ADJ_FEMN_SOFT),
}
# Fleeting vowels a suffix table cannot predict; oblique stems of the usual first names.
_FIRST_NAME_STEMS = lexicon.first_name_stems()
# Male first names in -а/-я; everything else in -а/-я is taken as female.
_MALE_A_NAMES = lexicon.first_names("male_in_a")
_FEMALE_SOFT_NAMES = lexicon.first_names("female_soft")
# Patronymics with a stressed -ич take -ом in the instrumental: Ильичом, but Петровичем.
_STRESSED_ICH = lexicon.first_names("stressed_ich")
_ADJ_OI_MIN_LEN = 5  # Толстой, Седой are adjectival; Цой, Бой are nouns (Цоя)
_SURNAME_SUFFIXES = lexicon.surname_endings("hyphen")
_FEMININE_SURNAME_SUFFIXES = lexicon.surname_endings("hyphen-feminine")


def _longest_suffix_row(
    low: str, table: dict[str, tuple[int, Endings] | None]
) -> tuple[str, tuple[int, Endings] | None] | None:
    for suffix in sorted(table, key=len, reverse=True):
        if low.endswith(suffix) and len(low) > len(suffix):
            return suffix, table[suffix]
    return None


def _rule_surname(word: str, gender: Gender) -> tuple[str, ...]:
    low = word.lower()
    row = _longest_suffix_row(low, _SURNAME_MASC if gender == "masc" else _SURNAME_FEMN)
    if row is not None and row[0].endswith("ой") and len(low) < _ADJ_OI_MIN_LEN:
        row = None
    if row is not None:
        _suffix, spec = row
        return _indeclinable(word) if spec is None else _apply(word, *spec)
    last, before = low[-1], low[-2:-1]
    if last in "ая":
        # Russian/Ukrainian/Georgian-ending -а after a vowel (Гарсиа, Гамсахурдиа) is foreign.
        if before in _VOWELS and not low.endswith("ия"):
            return _indeclinable(word)
        return _first_decl(word)
    if last in _VOWELS:  # Шевченко, Дурново, Чхартишвили, Шойгу: never decline
        return _indeclinable(word)
    if gender == "femn":  # Шульман, Лебедь for a woman
        return _indeclinable(word)
    return _second_decl(word)


def _rule_first_name(word: str, gender: Gender) -> tuple[str, ...]:
    low = word.lower()
    last = low[-1]
    if last in "ая":
        return _first_decl(word)
    if gender == "femn":
        if last == "ь":
            return _apply(word, 1, _NOUN_SOFT_FEMN)
        return _indeclinable(word)  # Элизабет, Кэти
    if last in _VOWELS:
        return _indeclinable(word)  # Гюго-like male names: Отто, Пьетро
    stem = _FIRST_NAME_STEMS.get(low)
    return _second_decl(word, _restore_case(word, stem) if stem else None)


def _rule_patronymic(word: str, gender: Gender) -> tuple[str, ...]:
    low = word.lower()
    if low.endswith("ич"):
        ablt = "ом" if low in _STRESSED_ICH else "ем"
        return _apply(word, 0, ("а", "у", "а", ablt, "е"))
    if low.endswith("на"):
        return _apply(word, 1, ("ы", "е", "у", "ой", "е"))
    return _indeclinable(word)


_RULES = {"surname": _rule_surname, "first": _rule_first_name, "patr": _rule_patronymic}

# ---------------------------------------------------------------------------------------------
# pymorphy3-based declension of one name part.

_MORPH_TAG = {"surname": "Surn", "first": "Name", "patr": "Patr"}


def _morph_name_part(word: str, role: Role, gender: Gender) -> tuple[str, ...] | None:
    """Case forms from the dictionary lexeme, or None when pymorphy3 has no fitting one."""
    low = word.lower()
    grammeme = _MORPH_TAG[role]
    for parse in parses(low):
        tag = parse.tag
        if grammeme not in tag or tag.case != "nomn":
            continue
        if tag.gender != gender and "ms-f" not in tag:
            continue
        if "Fixd" in tag:
            return _indeclinable(word)
        forms = [parse.inflect({case}) for case in CASES]
        if any(f is None for f in forms):
            continue
        # Guard against lexemes that do not contain the word as written (e.g. an "Infr"
        # variant that rewrites Саввична to саввишна).
        if _fold_yo(forms[0].word) != _fold_yo(low):
            continue
        return tuple(_restore_case(word, f.word) for f in forms)
    return None


# ---------------------------------------------------------------------------------------------
# One name part in all cases, cached: first names and patronymics repeat across the registry.


@functools.lru_cache(maxsize=65536)
def _part_forms(word: str, role: Role, gender: Gender, engine: Engine) -> tuple[str, ...]:
    if not _WORD.match(word):
        return _indeclinable(word)
    if "-" in word:
        return _hyphenated_part_forms(word, role, gender, engine)
    if engine == "pymorphy":
        forms = _morph_name_part(word, role, gender)
        if forms is not None:
            return forms
    return _RULES[role](word, gender)


def _hyphenated_part_forms(
    word: str, role: Role, gender: Gender, engine: Engine
) -> tuple[str, ...]:
    """Римский-Корсаков declines both halves; Бонч-Бруевич only the last (Бонч is no surname).

    A leading half declines only if it looks like a surname or name in its own right.
    """
    parts = word.split("-")
    declined = [_part_forms(parts[-1], role, gender, engine)]
    for part in reversed(parts[:-1]):
        low = part.lower()
        looks_full = (
            role != "surname"
            or low.endswith(_SURNAME_SUFFIXES)
            or (gender == "femn" and low.endswith(_FEMININE_SURNAME_SUFFIXES))
        )
        declined.append(
            _part_forms(part, role, gender, engine) if looks_full else _indeclinable(part)
        )
    declined.reverse()
    return tuple("-".join(p[i] for p in declined) for i in range(len(CASES)))


# ---------------------------------------------------------------------------------------------
# Parsing registry strings into name parts.


@dataclass(frozen=True)
class _Person:
    surname: str | None
    first: str | None
    patronymic: tuple[str, ...]  # one word normally; "Гусейн оглы" is two
    gender: Gender


def _split_pseudonyms(full_name: str) -> tuple[str, list[str]]:
    """Split off pseudonyms: "Чхартишвили Григорий Шалвович (Борис Акунин)" → "Борис Акунин"."""
    pseudonyms: list[str] = []

    def grab(match: re.Match[str]) -> str:
        for alias in re.split(r"[;,]", match.group(1)):
            alias = alias.strip(" " + _QUOTE_CHARS)
            if alias:
                pseudonyms.append(alias)
        return " "

    main = re.sub(r"\(([^()]*)\)", grab, full_name)
    main = re.sub(r"[«„“\"]([^«»„“”\"]*)[»“”\"]", grab, main)
    return " ".join(main.split()), pseudonyms


def _gender_from_patronymic(patronymic: tuple[str, ...]) -> Gender | None:
    if not patronymic:
        return None
    last = patronymic[-1].lower()
    if last.endswith(("ич", "оглы", "улы", "уулу")):
        return "masc"
    if last.endswith(("на", "кызы", "гызы")):
        return "femn"
    return None


def _gender_from_first_name(first: str, engine: Engine) -> Gender | None:
    low = first.lower()
    if engine == "pymorphy":
        for parse in parses(low):
            tag = parse.tag
            if "Name" in tag and tag.case == "nomn" and tag.gender in ("masc", "femn"):
                return cast("Gender", tag.gender)
    if low in _MALE_A_NAMES:
        return "masc"
    if low.endswith(("а", "я")) or low in _FEMALE_SOFT_NAMES:
        return "femn"
    if low[-1:] in _VOWELS:
        return None  # Кэти, Марко: cannot tell from the ending
    return "masc"


def _gender_from_surname(surname: str) -> Gender:
    low = surname.lower()
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ая", "яя")):
        return "femn"
    return "masc"


def _person_gender(
    surname: str | None, first: str | None, patronymic: tuple[str, ...], engine: Engine
) -> Gender:
    gender = _gender_from_patronymic(patronymic)
    if gender is None and first:
        gender = _gender_from_first_name(first, engine)
    if gender is None:
        gender = _gender_from_surname(surname) if surname else "masc"
    return gender


def _registry_person(name: str, engine: Engine) -> _Person:
    """Registry order: Фамилия Имя [Отчество]."""
    tokens = name.split()
    surname = tokens[0] if tokens else None
    first = tokens[1] if len(tokens) > 1 else None
    patronymic = tuple(tokens[2:])
    return _Person(surname, first, patronymic, _person_gender(surname, first, patronymic, engine))


def _natural_person(name: str, fallback: Gender, engine: Engine) -> _Person:
    """Pseudonyms are written naturally: Имя [Отчество] Фамилия, or a single word."""
    tokens = name.split()
    if len(tokens) == 1:
        return _Person(tokens[0], None, (), fallback)
    first, surname, patronymic = tokens[0], tokens[-1], tuple(tokens[1:-1])
    gender = _gender_from_patronymic(patronymic) or _gender_from_first_name(first, engine)
    return _Person(surname, first, patronymic, gender or fallback)


# ---------------------------------------------------------------------------------------------
# Assembling full-name strings.


Column = list[str | None]  # one entry per case, None where the person has no such part


def _declined_parts(person: _Person, engine: Engine) -> tuple[Column, Column, Column]:
    def forms(word: str | None, role: Role) -> tuple[str, ...] | None:
        return _part_forms(word, role, person.gender, engine) if word else None

    surname = forms(person.surname, "surname")
    first = forms(person.first, "first")
    if person.patronymic and person.patronymic[-1].lower() in _TURKIC_PATR:
        patronymic = _indeclinable(" ".join(person.patronymic))
    elif person.patronymic:
        per_word = [cast("tuple[str, ...]", forms(w, "patr")) for w in person.patronymic]  # words are never empty
        patronymic = tuple(" ".join(p[i] for p in per_word) for i in range(len(CASES)))
    else:
        patronymic = None
    empty: Column = [None] * len(CASES)
    return (
        list(surname) if surname else empty,
        list(first) if first else empty,
        list(patronymic) if patronymic else empty,
    )


def _initial(word: str) -> str:
    return word[:1].upper() + "."


def _orders(surname: str | None, first: str | None, patr: str | None, i: str, o: str) -> set[str]:
    """Every word order the brief asks for, for one case."""
    out: set[str] = set()
    if surname and first:
        out |= {f"{first} {surname}", f"{surname} {first}", f"{i} {surname}", f"{surname} {i}"}
        if patr:
            out |= {
                f"{surname} {first} {patr}",
                f"{first} {patr} {surname}",
                f"{i} {o} {surname}",
                f"{i}{o} {surname}",
                f"{surname} {i} {o}",
                f"{surname} {i}{o}",
            }
    elif surname:
        out.add(surname)
    elif first:
        out.add(first)
    return out


def _person_case_strings(person: _Person, engine: Engine) -> set[str]:
    surnames, firsts, patrs = _declined_parts(person, engine)
    i = _initial(person.first) if person.first else ""
    o = _initial(person.patronymic[0]) if person.patronymic else ""
    out: set[str] = set()
    for k in range(len(CASES)):
        out |= _orders(surnames[k], firsts[k], patrs[k], i, o)
    return out


def _latin_orders(name: str) -> set[str]:
    """Latin-script names: as written, plus First Last / Last First orders."""
    tokens = name.split()
    out = {" ".join(tokens)}
    if len(tokens) >= 2:
        out.add(f"{tokens[0]} {tokens[-1]}")
        out.add(f"{tokens[-1]} {tokens[0]}")
        out.add(" ".join([tokens[-1], *tokens[:-1]]))
    return out


# ---------------------------------------------------------------------------------------------
# Public API: persons


def decline_name(full_name: str, case: str, *, engine: Engine = DEFAULT_ENGINE) -> str:
    """One registry name ("Фамилия Имя Отчество") put into ``case``, in registry order.

    Pseudonyms are dropped. This is the unit the accuracy comparison is made on.
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    main, _aliases = _split_pseudonyms(full_name)
    if not has_cyrillic(main):
        return main
    person = _registry_person(main, engine)
    surnames, firsts, patrs = _declined_parts(person, engine)
    k = CASES.index(case)
    return " ".join(p for p in (surnames[k], firsts[k], patrs[k]) if p)


@functools.lru_cache(maxsize=4096)
def _person_forms(full_name: str, engine: Engine) -> frozenset[str]:
    main, aliases = _split_pseudonyms(full_name)
    out: set[str] = set()
    gender: Gender = "masc"
    if main and has_cyrillic(main):
        person = _registry_person(main, engine)
        gender = person.gender
        out |= _person_case_strings(person, engine)
    elif main:
        out |= _latin_orders(main)
    for alias in aliases:
        if has_cyrillic(alias):
            out |= _person_case_strings(_natural_person(alias, gender, engine), engine)
        else:
            out |= _latin_orders(alias)
    return frozenset(_with_yo_variants(out))


def person_forms(full_name: str) -> set[str]:
    """All surface forms of a registry person name: 6 cases × name orders × initials.

    ``full_name`` is "Фамилия Имя [Отчество]" optionally followed by pseudonyms in
    parentheses or quotes, which get their own forms (read as "Имя Фамилия").
    """
    return set(_person_forms(" ".join(full_name.split()), DEFAULT_ENGINE))


def surname_forms(full_name: str) -> set[str]:
    """Case forms of the surname (and of a pseudonym's surname), for follow-up mentions."""
    main, aliases = _split_pseudonyms(" ".join(full_name.split()))
    out: set[str] = set()
    gender: Gender = "masc"
    if main and has_cyrillic(main):
        person = _registry_person(main, DEFAULT_ENGINE)
        gender = person.gender
        out |= {form for form in _declined_parts(person, DEFAULT_ENGINE)[0] if form is not None}
    elif main:
        out.add(main.split()[-1])
    for alias in aliases:
        if not has_cyrillic(alias):
            out.add(alias.split()[-1])
            continue
        person = _natural_person(alias, gender, DEFAULT_ENGINE)
        out |= {form for form in _declined_parts(person, DEFAULT_ENGINE)[0] if form is not None}
    return _with_yo_variants(out)


def first_patronymic_forms(full_name: str) -> set[str]:
    """"Имя Отчество" in every case (Дмитрий Львович, Дмитрию Львовичу): how Russian copy often
    refers back to a person it has named in full. Empty when the name has no patronymic."""
    main, _aliases = _split_pseudonyms(" ".join(full_name.split()))
    if not main or not has_cyrillic(main):
        return set()
    person = _registry_person(main, DEFAULT_ENGINE)
    if not person.first or not person.patronymic:
        return set()
    _surnames, firsts, patrs = _declined_parts(person, DEFAULT_ENGINE)
    return _with_yo_variants({f"{f} {p}" for f, p in zip(firsts, patrs) if f and p})




# ---------------------------------------------------------------------------------------------
# Given-name variants and what a person's given names are, for telling namesakes apart

# Everyday forms of first names (Дима for Дмитрий, Юля for Юлия), by the register's form.
_VARIANTS = lexicon.given_name_variants()


def _people(full_name: str, engine: Engine = DEFAULT_ENGINE) -> list[_Person]:
    """The person as the register names them, then each Cyrillic pseudonym or other name."""
    main, aliases = _split_pseudonyms(" ".join(full_name.split()))
    people: list[_Person] = []
    gender: Gender = "masc"
    if main and has_cyrillic(main):
        people.append(_registry_person(main, engine))
        gender = people[0].gender
    for alias in aliases:
        if has_cyrillic(alias) and len(alias.split()) > 1:
            people.append(_natural_person(alias, gender, engine))
    return people


def variant_forms(full_name: str) -> set[str]:
    """"Имя Фамилия" with the everyday forms of the first name, in every case: Дима Быков,
    Диме Быкову; Юля Латынина. Empty when the first name has no listed variant."""
    out: set[str] = set()
    for person in _people(full_name)[:1]:
        if not person.first or not person.surname:
            continue
        surnames = _part_forms(person.surname, "surname", person.gender, DEFAULT_ENGINE)
        for variant in _VARIANTS.get(_fold_yo(person.first.lower()), ()):
            firsts = _part_forms(variant.capitalize(), "first", person.gender, DEFAULT_ENGINE)
            out |= {f"{f} {s}" for f, s in zip(firsts, surnames)}
    return _with_yo_variants(out)


@dataclass(frozen=True)
class GivenNames:
    """What a person's name says beyond the surname, lower case with е for ё: every case form of
    the first names (variants included) and patronymics, and their Latin spellings; their
    initials; the gender."""

    firsts: frozenset[str]
    patronymics: frozenset[str]
    initials: frozenset[str]
    patronymic_initials: frozenset[str]
    gender: Gender | None


# Telling one person from another is done while a page is checked, where loading the dictionary
# would cost more than the check: the rule tables decline first names and patronymics well enough
# to compare them.
_COMPARE_ENGINE: Engine = "rules"


def first_name_forms(name: str, gender: Gender | None = None) -> set[str]:
    """A first name in every case, lower case with е for ё (rule tables only): Ольга → ольги, ольге..."""
    gender = gender or _gender_from_first_name(name, _COMPARE_ENGINE) or "masc"
    return {_fold_yo(f.lower()) for f in _part_forms(name.capitalize(), "first", gender, _COMPARE_ENGINE)}


@functools.lru_cache(maxsize=4096)
def given_names(full_name: str) -> GivenNames:
    """The given names of a registry person ("Фамилия Имя Отчество (Псевдоним)"), of the register
    name and of the pseudonyms alike, with the Latin spellings of the first names."""
    firsts: set[str] = set()
    patronymics: set[str] = set()
    people = _people(full_name, _COMPARE_ENGINE)
    for person in people:
        if person.first:
            names = [person.first, *(v.capitalize() for v in _VARIANTS.get(_fold_yo(person.first.lower()), ()))]
            for name in names:
                firsts |= first_name_forms(name, person.gender)
                if person.surname:
                    firsts |= {v.split()[0].lower() for v in latin_first_names(name, person.surname)}
        if person.patronymic:
            words = _part_forms(person.patronymic[0], "patr", person.gender, _COMPARE_ENGINE)
            patronymics |= {_fold_yo(w.lower()) for w in words}
            patronymics |= {v.lower() for v in latin_variants(person.patronymic[0])}  # "Mikhail Borisovich"
    initials = frozenset(f[0] for f in firsts if f)
    return GivenNames(
        frozenset(firsts),
        frozenset(patronymics),
        initials,
        frozenset(p[0] for p in patronymics if p),
        people[0].gender if people else None,
    )


def latin_first_names(first: str, surname: str) -> set[str]:
    """Latin spellings of "Имя Фамилия" (Yulia Latynina, Iuliia Latynina), and the German
    press's (Julija Latynina), which English copy quoting it carries along; of the surname with
    the ё that registers write as е, too (Пономарев: Lev Ponomaryov, Lew Ponomarjow)."""
    out: set[str] = set()
    for spelt in dict.fromkeys((surname, _surname_with_yo(surname))):
        out |= set(latin_variants(f"{first} {spelt}")) | {german_spelling(f"{first} {spelt}")}
    return out


def _surname_with_yo(surname: str) -> str:
    """The surname with its ё where the dictionary knows the surname with one (Пономарев:
    Пономарёв); else as given. Registers write е for ё, and Latin spellings follow the sound."""
    if "е" not in surname.lower():
        return surname
    for parse in parses(surname.lower()):
        if "Surn" in parse.tag and "ё" in parse.word and _fold_yo(parse.word) == surname.lower():
            return _restore_case(surname, parse.word)
    return surname
