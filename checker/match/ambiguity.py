"""How strictly a name must be matched so that ordinary words are not taken for designations.

A register prints «Холод», «Весна», «Сеть»: names that are also everyday Russian words. A name
made only of such words is matched only in quotes or after a noun that introduces it ("издание
Холод"), and reported for review when it is capitalised in mid-sentence; a short all-capital
acronym only in capitals; other proper names with the capitals they are written with.
The dictionary is pymorphy3's: a word it knows as something other than a personal or place
name is an everyday word.
"""

from __future__ import annotations

import functools
import re

from checker import lexicon
from checker.match.declension import _morph  # one analyzer per process

_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})
_CYRILLIC = re.compile(f"[{lexicon.cyrillic_letters()}]")
# Words that join the words of a name and say nothing about it.
_JOINERS = lexicon.words("joiners")


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """An everyday Russian word (or a form of one): холод, весна, дельфинов, балу; a hyphenated
    word when all its parts are (Так-Так-Так, журналист-иностранный)."""
    low = word.lower().replace("ё", "е")
    if "-" in low.strip("-"):
        return all(is_common_word(part) for part in low.split("-") if part)
    morph = _morph()
    if not morph.word_is_known(low):
        return False
    return any(p.tag.POS and not (_PROPER & p.tag.grammemes) for p in morph.parse(low))


@functools.lru_cache(maxsize=65536)
def is_place_name(word: str) -> bool:
    """A known geographical name: Орел, Ухта, США."""
    low = word.lower().replace("ё", "е")
    morph = _morph()
    return morph.word_is_known(low) and any("Geox" in p.tag for p in morph.parse(low))


@functools.lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """A first name the dictionary knows (Слава, Екатерина), in the nominative."""
    low = word.lower().replace("ё", "е")
    morph = _morph()
    return morph.word_is_known(low) and any("Name" in p.tag and p.tag.case == "nomn" for p in morph.parse(low))


_SURNAME_ENDINGS = lexicon.surname_endings("telling")


@functools.lru_cache(maxsize=65536)
def is_surname_like(word: str) -> bool:
    low = word.lower().replace("ё", "е")
    return low.endswith(_SURNAME_ENDINGS) or any("Surn" in p.tag for p in _morph().parse(low))


def is_acronym(name: str) -> bool:
    """ФБК, ИГИЛ, OCCRP, А.У.Е., ДУК ПС: capitals only, at most six letters a word."""
    letters = [w for w in re.split(r"[\s.\-/&]+", name) if w]
    return bool(letters) and all(w.isupper() and len(re.sub(r"\W|\d", "", w)) <= 6 for w in letters) and any(
        c.isalpha() for c in name
    )


def content_words(name: str) -> list[str]:
    words = re.findall(r"[\w][\w'’.-]*", name.replace("«", " ").replace("»", " ").replace('"', " "))
    return [w.strip(".-") for w in words if w.lower() not in _JOINERS and w.strip(".-")]


def match_mode(name: str) -> str:
    """The alias match mode a name needs: case, quoted, capitalised or any."""
    if any(q in name for q in "«»\"“”„"):
        return "any"  # a name with a quoted part of its own (Союз «Женщины Дона») is a name
    words = [w for w in content_words(name) if not w.isdigit()]  # Процесс 2021 is a Процесс
    if is_acronym(name):
        # ВОТ ТАК, ВЕСЬМА: everyday words printed in capitals are words, not letters.
        letters = sum(c.isalpha() for c in name)
        if _CYRILLIC.search(name) and letters >= 4 and words and all(is_common_word(w) for w in words):
            return "quoted"
        return "case"
    if not words:
        return "case"
    if _CYRILLIC.search(name):
        # Everyday words, and place names among them (Люди Байкала, Открытый Петербург), make a
        # phrase anyone may write; only quotes or an introducing noun make it a name.
        everyday = all(is_common_word(w) or (len(words) > 1 and is_place_name(w)) for w in words)
        if len(words) <= 3 and everyday:
            return "quoted"
        return "capitalised" if len(words) == 1 else "any"
    # Latin script: no English dictionary here. A single ordinary-looking word (Republic, Face)
    # may be a common word; a single word with inner capitals or digits (TulaSkins) is a name.
    if len(words) == 1:
        word = words[0]
        distinctive = any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:])
        return "case" if distinctive else "quoted"
    return "capitalised"
