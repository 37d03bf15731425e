"""Russian spelling, the declension ending tables and the pymorphy3 analyzer: what person-name
and organization-name forms (personforms, orgforms) share."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from checker import lexicon

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pymorphy3

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Engine = Literal["pymorphy", "rules"]
Gender = Literal["masc", "femn"]
Role = Literal["surname", "first", "patr"]
DEFAULT_ENGINE: Engine = "pymorphy"

_LETTERS = lexicon.cyrillic_letters()
_CYRILLIC = re.compile(f"[{_LETTERS}]")
_WORD = re.compile(f"^[{_LETTERS}]+(?:-[{_LETTERS}]+)*$")
_VOWELS = lexicon.vowels()
# After these letters Russian spelling writes и for ы (книги) and unstressed е for о (Сашей).
_VELAR_SIBILANT = set("гкхжшчщ")
_SIBILANT_TS = set("жшчщц")
_QUOTE_CHARS = "«»\"„“”'"

# ---------------------------------------------------------------------------------------------
# small string helpers


def has_cyrillic(text: str) -> bool:
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
def parses(word_lower: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's readings of a lower-case word (remembered: pages repeat their words)."""
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

# Noun-like endings shared by surnames and first names of both genders.
_NOUN_IYA: Endings = ("ии", "ии", "ию", "ией", "ии")  # Мария, Берия
_NOUN_IY: Endings = ("ия", "ию", "ия", "ием", "ии")  # Дмитрий
_NOUN_SOFT_MASC: Endings = ("я", "ю", "я", "ем", "е")  # Игорь, Алексей (after stripping ь/й)
_NOUN_SOFT_FEMN: Endings = ("и", "и", "ь", "ью", "и")  # Любовь (strip ь, accs restores it)
_NOUN_YA: Endings = ("и", "е", "ю", "ей", "е")  # Наталья, Зозуля


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

