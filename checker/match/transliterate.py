"""Latin spellings under which news media and passports write a Russian name.

There is no single romanisation: English-language newsrooms mostly follow a simplified
BGN/PCGN style (Alexei Navalny, Yevgeny), Russian passports have used ICAO Doc 9303 since
2013 (Aleksei Navalnyi, Evgenii, Iuliia), and older passports and many outlets mix the two
(Alexey, Yuriy). Each letter or letter group below lists its spellings with a cost, 0 for
the most common; a name's variants are ranked by total cost and cut at ``limit`` so the
choices multiplied across letters cannot explode. People's names also get the German press's
spelling (Michail Chodorkowski), which English copy quoting it carries along.
"""

from __future__ import annotations

import heapq
import re

from checker import lexicon

__all__ = ["german_spelling", "latin_variants", "latin_variants_ranked"]

Options = tuple[tuple[str, float], ...]

_PLAIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "ц": "ts", "ч": "ch", "ш": "sh", "ы": "y", "э": "e",
    "ъ": "", "ь": "",
}  # fmt: skip
_VOWELS = lexicon.vowels()
_SIBILANTS = set("жчшщ")
_CYRILLIC_RUN = re.compile(f"[{lexicon.cyrillic_letters()}]+")
_LATIN_WORD_START = re.compile(r"(?<![A-Za-z])[a-z]")

# Letters with more than one usual spelling, most common first.
_KH: Options = (("kh", 0.0), ("h", 0.7))
_SHCH: Options = (("shch", 0.0), ("sch", 0.7))
# The ICAO iu/ia are rare outside passports; the exact passport spelling of the whole name
# is added separately (see _icao), so mixed forms such as "Iulia Zadornaya" rank low.
_YU: Options = (("yu", 0.0), ("iu", 1.0))
_YA: Options = (("ya", 0.0), ("ia", 1.0))
# е at the start of a word is iotated: Yevgeny / Evgeny; after a vowel newsrooms split
# (Alekseev / Alekseyev).
_YE_INITIAL: Options = (("ye", 0.0), ("e", 0.3))
_YE_AFTER_VOWEL: Options = (("e", 0.0), ("ye", 0.3))
_YE_AFTER_SOFT_SIGN: Options = (("ye", 0.0), ("ie", 0.5), ("e", 1.0))  # Grigoryev/-iev/-ev
_YO_IOTATED: Options = (("yo", 0.0), ("e", 0.5))  # Пётр: Pyotr / Petr
_YO_AFTER_SIBILANT: Options = (("e", 0.0), ("o", 0.5))  # Горбачёв: Gorbachev / Gorbachov
# Word-final adjectival endings: Достоевский → Dostoevsky/-i/-iy/-ii, Навальный → Navalny/-yi.
_FINAL_IY: Options = (("y", 0.0), ("i", 0.5), ("iy", 1.0), ("ii", 1.0))
_FINAL_YI: Options = (("y", 0.0), ("yi", 1.0), ("iy", 1.5))
_IYA: Options = (("ia", 0.0), ("iya", 0.5), ("iia", 1.0))  # Мария: Maria/Mariya/Mariia
_KS: Options = (("ks", 0.0), ("x", 0.4))  # Алексей, Максим: Aleksei/Alexei, Maksim/Maxim
_SOFT_SIGN_BEFORE_VOWEL: Options = (("y", 0.0), ("", 0.5))  # Ильин: Ilyin / Ilin

# Conventional English forms that letter-by-letter rules do not produce; the registry also
# writes е for ё, so Петр must still yield Pyotr. Values rank just ahead of rule output.
_CONVENTIONAL = lexicon.conventional_latin()


def _short_i(word: str, i: int) -> Options:
    """й not in a final -ий/-ый: Tolstoy (after о), Aleksei/Aleksey, Nikolai/Nikolay."""
    prev = word[i - 1] if i else ""
    if not prev or (i + 1 < len(word) and word[i + 1] in _VOWELS):
        return (("y", 0.0),)
    if prev == "о":
        return (("y", 0.0), ("i", 0.5))
    return (("i", 0.0), ("y", 0.5))


def _iotated_vowel(word: str, i: int) -> Options:
    """е, ё, ю, я: their spelling depends on what precedes them."""
    letter = word[i]
    prev = word[i - 1] if i else ""
    if letter == "е":
        if prev in ("ь", "ъ"):
            return _YE_AFTER_SOFT_SIGN
        if not prev:
            return _YE_INITIAL
        return _YE_AFTER_VOWEL if prev in _VOWELS else (("e", 0.0),)
    if letter == "ё":
        return _YO_AFTER_SIBILANT if prev in _SIBILANTS else _YO_IOTATED
    if prev == "й":  # Майя: the й already carries the y sound
        return (("a", 0.0),) if letter == "я" else (("u", 0.0),)
    return _YU if letter == "ю" else _YA


def _segments(word: str) -> list[Options]:
    """Split one lower-case Cyrillic word into letter groups with their spellings."""
    out: list[Options] = []
    i, n = 0, len(word)
    while i < n:
        pair = word[i : i + 2]
        at_end = i + 2 == n
        if pair == "ий" and at_end and i:
            out.append(_FINAL_IY)
        elif pair == "ый" and at_end:
            out.append(_FINAL_YI)
        elif pair == "ия":
            out.append(_IYA)
        elif pair == "кс" and i:
            out.append(_KS)
        else:
            out.append(_letter(word, i))
            i += 1
            continue
        i += 2
    return out


def _letter(word: str, i: int) -> Options:
    letter = word[i]
    if letter in "еёюя":
        return _iotated_vowel(word, i)
    if letter == "й":
        return _short_i(word, i)
    if letter == "х":
        return _KH
    if letter == "щ":
        return _SHCH
    if letter == "ь" and i + 1 < len(word) and word[i + 1] in "ио":
        return _SOFT_SIGN_BEFORE_VOWEL
    return ((_PLAIN.get(letter, letter), 0.0),)


# ICAO Doc 9303 (Russian passports since 2013): one fixed spelling per letter.
_ICAO: dict[str, str] = {
    **_PLAIN, "е": "e", "ё": "e", "й": "i", "х": "kh", "щ": "shch", "ъ": "ie", "ю": "iu",
    "я": "ia",
}  # fmt: skip


def _icao(cyrillic: str) -> str:
    """The passport spelling: Юлия Задорная → Iuliia Zadornaia."""
    latin = "".join(_ICAO.get(char, char) for char in cyrillic.lower())
    # Capitalise every word like the other variants (lower() above also undid ALL CAPS).
    return _LATIN_WORD_START.sub(lambda m: m.group().upper(), latin)


# German press transcription (Duden), which English copy quoting European sources carries along:
# Michail Chodorkowski, Ilja Jaschin, Jekaterina Schulman, Garri Kasparow.
_GERMAN: dict[str, str] = {
    **_PLAIN, "в": "w", "ж": "sch", "з": "s", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ю": "ju", "я": "ja", "ё": "jo", "й": "j",
}  # fmt: skip
_GERMAN_ENDINGS = (("ий", "i"), ("ый", "y"), ("ой", "oi"))


def german_spelling(cyrillic: str) -> str:
    """A Russian name as the German press writes it: Михаил Ходорковский → Michail Chodorkowski."""
    return " ".join(_capitalise(_german_word(word)) for word in cyrillic.lower().split())


def _german_word(word: str) -> str:
    ending = next(((c, latin) for c, latin in _GERMAN_ENDINGS if word.endswith(c) and len(word) > 3), None)
    stem = word[: -len(ending[0])] if ending else word
    out = []
    for i, char in enumerate(stem):
        before = stem[i - 1] if i else ""
        if char == "е":  # iotated at the start and after a vowel or a sign: Jekaterina, Sergejew
            out.append("je" if not before or before in _VOWELS or before in "ъь" else "e")
        elif char == "с" and before in _VOWELS and stem[i + 1 : i + 2] in _VOWELS:
            out.append("ss")  # between vowels: Wassiljew
        elif char == "к" and stem[i + 1 : i + 2] == "с" and i + 2 < len(stem):
            out.append("x")  # Alexej (not at the end of a word: Boks)
        elif char == "с" and before == "к" and i + 1 < len(stem):
            continue  # written with the к as x
        else:
            out.append(_GERMAN.get(char, char))
    return "".join(out) + (ending[1] if ending else "")


def _best(choices: list[Options], limit: int) -> list[tuple[str, float]]:
    """The ``limit`` cheapest concatenations, one option from each group.

    A beam of width ``limit`` is exact here because costs only add up: a prefix outside the
    best ``limit`` prefixes can never be completed into one of the best ``limit`` strings.
    """
    beam: list[tuple[float, int, str]] = [(0.0, 0, "")]
    for options in choices:
        candidates: dict[str, tuple[float, int]] = {}
        order = 0
        for cost, _rank, prefix in beam:
            for text, extra in options:
                key = prefix + text
                if key not in candidates or cost + extra < candidates[key][0]:
                    candidates[key] = (cost + extra, order)
                order += 1
        beam = [(cost, rank, text) for text, (cost, rank) in candidates.items()]
        beam = heapq.nsmallest(limit, beam)
    return [(text, cost) for cost, _rank, text in beam]


def _capitalise(text: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))


def _word_options(word: str, limit: int) -> Options:
    low = word.lower()
    ranked = _best(_segments(low), limit)
    conventional = _CONVENTIONAL.get(low.replace("ё", "е"), ())
    if conventional:
        # Conventional spellings first, then the rule spellings just behind them.
        ranked = [(c, -0.1) for c in conventional] + ranked
    return tuple((_capitalise(text), cost) for text, cost in ranked)


def latin_variants_ranked(cyrillic: str, limit: int = 8) -> list[str]:
    """Latin spellings of a Russian name, most common first, at most ``limit`` of them."""
    if limit <= 0:
        return []
    pieces: list[Options] = []
    position = 0
    for match in _CYRILLIC_RUN.finditer(cyrillic):
        if match.start() > position:
            pieces.append(((cyrillic[position : match.start()], 0.0),))
        pieces.append(_word_options(match.group(), limit))
        position = match.end()
    if position < len(cyrillic):
        pieces.append(((cyrillic[position:], 0.0),))
    ranked = [text for text, _cost in _best(pieces, limit)]
    # Passport spelling is what appears in court and sanctions documents: always keep it,
    # in place of the least common mixed-style variant if the list is full.
    passport = _icao(cyrillic)
    if limit > 1 and passport not in ranked:
        ranked = [*ranked[: limit - 1], passport] if len(ranked) >= limit else [*ranked, passport]
    return ranked


def latin_variants(cyrillic: str, limit: int = 8) -> set[str]:
    """Plausible Latin spellings of a Cyrillic name (news practice and ICAO passports).

    "Алексей Галкин" → {"Aleksei Galkin", "Alexei Galkin", "Aleksey Galkin", "Alexey Galkin",
    …}: each word capitalised, no apostrophe for ь (Shulman, never Shul'man), at most
    ``limit`` variants, the most common kept when the cap bites.
    """
    return set(latin_variants_ranked(cyrillic, limit))
