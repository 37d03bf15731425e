"""Surface forms of designated people's and organizations' names in all six Russian cases.

Every string returned here goes verbatim into the matcher's Aho-Corasick automaton, which
matches on normalised lower-case text. So functions return exact surface strings in their
natural capitalisation; the matcher lower-cases them and folds ё→е (we still add the е
spelling of every ё form so the set is usable without that folding).

Two declension engines exist for personal names:

* ``"pymorphy"`` (default) asks pymorphy3's dictionary for Surn/Name/Patr lexemes and falls
  back to the rules below only for words it does not know or analyses implausibly;
* ``"rules"`` uses only the hand-written ending tables in this module.

``decline_name`` exposes both so their accuracy can be compared (see tests/morphology_cases.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pymorphy3

__all__ = [
    "CASES",
    "DEFAULT_ENGINE",
    "decline_name",
    "organization_forms",
    "person_forms",
    "first_patronymic_forms",
    "surname_forms",
    "word_forms",
]

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Engine = Literal["pymorphy", "rules"]
Gender = Literal["masc", "femn"]
Role = Literal["surname", "first", "patr"]
DEFAULT_ENGINE: Engine = "pymorphy"

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_VOWELS = set("аеёиоуыэюя")
# After these letters Russian spelling writes и for ы (книги) and unstressed е for о (Сашей).
_VELAR_SIBILANT = set("гкхжшчщ")
_SIBILANT_TS = set("жшчщц")
# Turkic patronymic particles: "Гусейн оглы" — neither word declines.
_TURKIC_PATR = {"оглы", "кызы", "улы", "уулу", "гызы"}
_QUOTE_CHARS = "«»\"„“”'"

# ---------------------------------------------------------------------------------------------
# small string helpers


def _has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def _fold_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _with_yo_variants(forms: Iterable[str]) -> set[str]:
    """Both spellings: the matcher folds ё→е, but callers that do not still get a hit."""
    out: set[str] = set()
    for form in forms:
        out.add(form)
        out.add(_fold_yo(form))
    return out


def _restore_case(template: str, form: str) -> str:
    """Give ``form`` the capitalisation pattern of ``template`` (pymorphy returns lower case)."""
    if len(template) > 1 and template.isupper():
        return form.upper()
    t_parts, f_parts = template.split("-"), form.split("-")
    if len(t_parts) != len(f_parts):
        t_parts = [template] * len(f_parts)
    return "-".join(
        f[:1].upper() + f[1:] if t[:1].isupper() else f for t, f in zip(t_parts, f_parts)
    )


# ---------------------------------------------------------------------------------------------
# pymorphy3 access: one analyzer per process, created on first use (loading takes ~50 ms and
# most CLI invocations that do not touch names should not pay for it).


@functools.lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def _parses(word_lower: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    return tuple(_morph().parse(word_lower))


# ---------------------------------------------------------------------------------------------
# Rule-based declension. Each table row: ending to strip, then the replacement endings for
# gent, datv, accs, ablt, loct (nomn is the word itself). ``None`` means indeclinable.
# Rows are tried longest ending first, so order inside a table does not matter.

Endings = tuple[str, str, str, str, str]
_ADJ_MASC: Endings = ("ого", "ому", "ого", "ым", "ом")
_ADJ_MASC_VELAR: Endings = ("ого", "ому", "ого", "им", "ом")
_ADJ_MASC_SOFT: Endings = ("его", "ему", "его", "им", "ем")
_ADJ_FEMN: Endings = ("ой", "ой", "ую", "ой", "ой")
_ADJ_FEMN_SOFT: Endings = ("ей", "ей", "юю", "ей", "ей")
_POSSESSIVE_MASC: Endings = ("а", "у", "а", "ым", "е")  # Иванов → Иванова … Ивановым
_POSSESSIVE_FEMN: Endings = ("ой", "ой", "у", "ой", "ой")  # Иванова → Ивановой … Иванову

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
# Noun-like endings shared by surnames and first names of both genders.
_NOUN_IYA: Endings = ("ии", "ии", "ию", "ией", "ии")  # Мария, Берия
_NOUN_IY: Endings = ("ия", "ию", "ия", "ием", "ии")  # Дмитрий
_NOUN_SOFT_MASC: Endings = ("я", "ю", "я", "ем", "е")  # Игорь, Алексей (after stripping ь/й)
_NOUN_SOFT_FEMN: Endings = ("и", "и", "ь", "ью", "и")  # Любовь (strip ь, accs restores it)
_NOUN_YA: Endings = ("и", "е", "ю", "ей", "е")  # Наталья, Зозуля
# Fleeting vowels a suffix table cannot predict; oblique stems of the usual first names.
_FIRST_NAME_STEMS = {"павел": "павл", "лев": "льв", "пётр": "петр", "петр": "петр"}
# Male first names in -а/-я; everything else in -а/-я is taken as female.
_MALE_A_NAMES = {
    "никита", "илья", "кузьма", "фома", "лука", "савва", "данила", "гаврила", "фока",
    "иона", "миша", "саша", "паша", "женя", "ваня", "дима", "лёва", "лева", "вова",
}  # fmt: skip
_FEMALE_SOFT_NAMES = {"любовь", "нинель", "адель", "эсфирь", "айгуль", "гюзель", "рахиль"}
# Patronymics with a stressed -ич take -ом in the instrumental: Ильичом, but Петровичем.
_STRESSED_ICH = {"ильич", "кузьмич", "лукич", "фомич"}
_ADJ_OI_MIN_LEN = 5  # Толстой, Седой are adjectival; Цой, Бой are nouns (Цоя)
_SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый", "ий", "ич")


def _apply(word: str, strip: int, endings: Endings) -> tuple[str, ...]:
    stem = word[: len(word) - strip] if strip else word
    return (word, *(stem + e for e in endings))


def _first_decl(word: str) -> tuple[str, ...]:
    """Nouns in -а/-я (Глинка, Никита, Наталья), any gender."""
    low = word.lower()
    if low.endswith("ия"):
        return _apply(word, 2, _NOUN_IYA)
    if low.endswith("я"):
        return _apply(word, 1, _NOUN_YA)
    before = low[-2:-1]
    gent = "и" if before in _VELAR_SIBILANT else "ы"
    ablt = "ей" if before in _SIBILANT_TS else "ой"
    return _apply(word, 1, (gent, "е", "у", ablt, "е"))


def _second_decl(word: str, stem: str | None = None) -> tuple[str, ...]:
    """Masculine nouns ending in a consonant, -ь or -й (Шульман, Лебедь, Гайдай)."""
    low = word.lower()
    if low.endswith("ий"):
        return _apply(word, 2, _NOUN_IY)
    if low[-1] in "ьй":
        return _apply(word, 1, _NOUN_SOFT_MASC)
    base = stem if stem is not None else word
    ablt = "ем" if low[-1] in _SIBILANT_TS else "ом"
    return (word, base + "а", base + "у", base + "а", base + ablt, base + "е")


def _indeclinable(word: str) -> tuple[str, ...]:
    return (word,) * len(CASES)


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
    for parse in _parses(low):
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
            or (gender == "femn" and low.endswith(("ова", "ева", "ина", "ая")))
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
        for parse in _parses(low):
            tag = parse.tag
            if "Name" in tag and tag.case == "nomn" and tag.gender in ("masc", "femn"):
                return tag.gender
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
        per_word = [forms(w, "patr") for w in person.patronymic]
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
    if not _has_cyrillic(main):
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
    if main and _has_cyrillic(main):
        person = _registry_person(main, engine)
        gender = person.gender
        out |= _person_case_strings(person, engine)
    elif main:
        out |= _latin_orders(main)
    for alias in aliases:
        if _has_cyrillic(alias):
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
    if main and _has_cyrillic(main):
        person = _registry_person(main, DEFAULT_ENGINE)
        gender = person.gender
        out |= set(_declined_parts(person, DEFAULT_ENGINE)[0]) - {None}
    elif main:
        out.add(main.split()[-1])
    for alias in aliases:
        if not _has_cyrillic(alias):
            out.add(alias.split()[-1])
            continue
        person = _natural_person(alias, gender, DEFAULT_ENGINE)
        out |= set(_declined_parts(person, DEFAULT_ENGINE)[0]) - {None}
    return _with_yo_variants(out)


def first_patronymic_forms(full_name: str) -> set[str]:
    """"Имя Отчество" in every case (Дмитрий Львович, Дмитрию Львовичу): how Russian copy often
    refers back to a person it has named in full. Empty when the name has no patronymic."""
    main, _aliases = _split_pseudonyms(" ".join(full_name.split()))
    if not main or not _has_cyrillic(main):
        return set()
    person = _registry_person(main, DEFAULT_ENGINE)
    if not person.first or not person.patronymic:
        return set()
    _surnames, firsts, patrs = _declined_parts(person, DEFAULT_ENGINE)
    return _with_yo_variants({f"{f} {p}" for f, p in zip(firsts, patrs) if f and p})


# ---------------------------------------------------------------------------------------------
# Common words: brand names and organization heads.


def _nomn_parse(word_lower: str, pos: set[str]) -> pymorphy3.analyzer.Parse | None:
    """Best parse of the word as a nominative of one of ``pos`` (e.g. {"NOUN"})."""
    for parse in _parses(word_lower):
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
    return a.tag.number == "plur" or a.tag.gender == b.tag.gender


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
    if not word or not _has_cyrillic(word):
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
    for parse in _parses(low):
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
        break
    # Adjectives with no noun after them are substantivised (Русские): they are the head.
    return (n_adjectives, n_adjectives) if n_adjectives else None


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
    if not _has_cyrillic(name):
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
