"""The words and legal facts the algorithms need, read once from the bundled rules folder.

`rules/lexicon/*.yaml` hold word lists (one language or topic a file, keys joined across files);
`rules/regions.yaml` holds unions of states and the registers list files are imported from.
Each file is validated against its JSON Schema when first read, so an editing slip is reported
with its file:line:column like any rule. Code asks for a list by its key and never spells one
out; docs/authoring.md ("Lexicon") says what each key means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from checker.schema import validate
from checker.yamlsource import load_yaml

LEXICON_FOLDER = "lexicon"
REGIONS_FILE = "regions.yaml"


def bundled_rules_dir() -> Path:
    """The bundled rules: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    bundled = here / "rules"
    return bundled if bundled.is_dir() else here.parent / "rules"


def is_data_file(path: Path) -> bool:
    """A lexicon or regions file, which the rule loader leaves alone when it walks a folder."""
    return path.parent.name == LEXICON_FOLDER or path.name == REGIONS_FILE


def data_files() -> list[Path]:
    """Every lexicon and regions file, in a stable order (the form cache hashes them)."""
    root = bundled_rules_dir()
    return sorted((root / LEXICON_FOLDER).glob("*.yaml")) + [root / REGIONS_FILE]


def _read(path: Path, schema: str) -> dict[str, Any]:
    doc = load_yaml(path)
    errors = validate(doc, schema)
    if errors:
        raise errors[0]
    data: dict[str, Any] = doc.data
    return data


@cache
def _lexicon_files() -> tuple[dict[str, Any], ...]:
    return tuple(_read(p, "lexicon") for p in sorted((bundled_rules_dir() / LEXICON_FOLDER).glob("*.yaml")))


@cache
def _regions() -> dict[str, Any]:
    return _read(bundled_rules_dir() / REGIONS_FILE, "regions")


def _values(key: str) -> Iterator[Any]:
    for data in _lexicon_files():
        if key in data:
            yield data[key]


def words(key: str) -> frozenset[str]:
    """A word list, joined over the lexicon files: `words("common_surnames")`."""
    return frozenset(word for listed in _values(key) for word in listed)


def by_language(key: str) -> dict[str, tuple[str, ...]]:
    """Phrases per language, joined over the lexicon files: `by_language("notice_address")`."""
    joined: dict[str, list[str]] = {}
    for table in _values(key):
        for lang, phrases in table.items():
            joined.setdefault(lang, []).extend(p for p in phrases if p not in joined.get(lang, ()))
    return {lang: tuple(phrases) for lang, phrases in joined.items()}


def elements(key: str) -> tuple[frozenset[str], frozenset[str]]:
    """HTML elements a key names: (tag names, words of their class, id, role...)."""
    tables = list(_values(key))
    tags = frozenset(tag for table in tables for tag in table.get("tags", ()))
    return tags, frozenset(word for table in tables for word in table.get("words", ()))


def call_groups(key: str) -> list[dict[str, Any]]:
    """Calls to action kept under `key` (`share_calls`, `donation_calls`), each a name, verbs and objects, as a
    flag rule writes its calls."""
    return [group for groups in _values(key) for group in groups]


def body_kinds() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Kinds of body (media, armed): the nouns that say a name is one, and the words of a
    register's name that say an entry is one, joined over the lexicon files."""
    joined: dict[str, tuple[set[str], set[str]]] = {}
    for table in _values("body_kinds"):
        for kind, spec in table.items():
            nouns, register = joined.setdefault(kind, (set(), set()))
            nouns.update(spec["nouns"])
            register.update(spec["register_words"])
    return {kind: (frozenset(nouns), frozenset(register)) for kind, (nouns, register) in joined.items()}


def first_names(key: str) -> frozenset[str]:
    return frozenset(word for group in _values("first_names") for word in group.get(key, ()))


def given_name_variants() -> dict[str, tuple[str, ...]]:
    """Everyday forms of first names by the register's form, lower case with е for ё. A variant
    that is itself a full name (Катерина for Екатерина) also has the others as its variants, since
    a register may print either."""
    table: dict[str, list[str]] = {}
    full_names = words("given_names")
    for listed in _values("given_name_variants"):
        for name, variants in listed.items():
            group = [name, *(v.replace("ё", "е") for v in variants)]
            table.setdefault(name, []).extend(group[1:])
            for variant in group[1:]:
                if variant in full_names:
                    table.setdefault(variant, []).extend(v for v in group if v != variant)
    return {name: tuple(dict.fromkeys(variants)) for name, variants in table.items()}


def endings_by(key: str) -> dict[str, tuple[str, ...]]:
    """A table of endings by class (`past_tense_endings`: masc, femn), longest first."""
    out: dict[str, list[str]] = {}
    for table in _values(key):
        for group, endings in table.items():
            out.setdefault(group, []).extend(endings)
    return {group: tuple(sorted(endings, key=len, reverse=True)) for group, endings in out.items()}


def first_name_stems() -> dict[str, str]:
    return {name: stem for group in _values("first_names") for name, stem in group.get("stems", {}).items()}


def introducers(where: str) -> frozenset[str]:
    """Nouns that introduce a name `in` articles (with all their forms) or `in` registers."""
    out: set[str] = set()
    for nouns in _values("introducing_nouns"):
        for noun, spec in nouns.items():
            if where in spec["in"]:
                out.add(noun)
                if where == "articles":
                    out.update(spec.get("forms", ()))
    return frozenset(out)


def surname_endings(use: str) -> tuple[str, ...]:
    """Surname endings that tell `use` (telling, hyphen, hyphen-feminine), for str.endswith."""
    return tuple(ending for table in _values("surname_endings") for ending, uses in table.items() if use in uses)


def alternation(key: str) -> str:
    """The listed words as one regular-expression group, longest first: `(?:word|...)`."""
    listed = sorted(words(key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in listed) + ")"


def abbreviations_pattern(key: str, flags: int = 0) -> re.Pattern[str]:
    """The listed abbreviations as whole words, a dot after each allowed: "e.V" finds "e.V.",
    "e. V."; "sp. z o.o" finds "sp.z o.o."."""

    return re.compile(r"\b" + abbreviations(key) + r"\b\.?", flags)


def abbreviations(key: str) -> str:
    """The listed abbreviations as one group, longest first, a dot inside each optional."""

    def spelled(word: str) -> str:
        return "".join(r"\.\s?" if c == "." else r"\s?" if c == " " else re.escape(c) for c in word)

    listed = sorted(words(key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(spelled(w) for w in listed) + ")"


def word_endings_pattern(key: str) -> re.Pattern[str]:
    """A pattern that finds a word ending in one of the listed endings (a word ends in itself)."""
    return re.compile(alternation(key) + r"\b")


def cyrillic_letters(*, related: bool = False) -> str:
    """The Cyrillic letters as a character-class body; with `related`, Ukrainian and Belarusian
    letters too."""
    keys = ("alphabet", "related_letters") if related else ("alphabet",)
    return "".join(letters for key in keys for letters in _values(key))


def acronym_meanings() -> dict[str, tuple[str, ...]]:
    """Everyday meanings of acronyms, by the acronym: phrases that spell them out («районн* дом*
    культуры» for РДК)."""
    joined: dict[str, list[str]] = {}
    for table in _values("acronym_meanings"):
        for acronym, phrases in table.items():
            joined.setdefault(acronym, []).extend(phrases)
    return {acronym: tuple(phrases) for acronym, phrases in joined.items()}


def conventional_latin() -> dict[str, tuple[str, ...]]:
    """Conventional Latin spellings of words (Пётр: Pyotr), most usual first."""
    return {word: tuple(spellings) for table in _values("conventional_latin") for word, spellings in table.items()}


def vowels() -> frozenset[str]:
    return frozenset(letter for letters in _values("vowels") for letter in letters)


def union_members(union: str) -> frozenset[str]:
    """The member states of a union of states (EU), by country code."""
    return frozenset(_regions()["unions"].get(union, ()))


def unions() -> dict[str, frozenset[str]]:
    return {name: frozenset(members) for name, members in _regions()["unions"].items()}


def registers() -> dict[str, str]:
    """The registers `checker lists import` knows, and the list id each one feeds."""
    return dict(_regions()["registers"])
