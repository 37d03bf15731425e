"""An acronym means what the page says it means.

Short acronyms are shared: РДК is a district house of culture, FBK a research institute in Trento,
НКД accrued coupon income. A page that uses one in another sense usually says so, and then the
acronym is not the designated body anywhere on that page:

- it spells out the acronym in words whose initials make it, next to it: «районный дом культуры
  (РДК)», "НБП (Национальный банк Польши)", «НКД — накопленный купонный доход»; unless those
  words are the designated body's own name («Фонд борьбы с коррупцией (ФБК)»);
- it writes the acronym as the first word of a longer name: «ИГ «Регион»» (an investment group),
  «ФБК Grant Thornton»;
- it spells out an acronym of three letters or more anywhere with a compound word giving two of its
  letters («Новосибирская область» is НСО), or anywhere in words the lexicon gives as the
  acronym's everyday meaning (`acronym_meanings`: «в районном доме культуры» for РДК), and never
  names the designated body otherwise.

`other_meanings` gives the acronyms a page uses in another sense, by the entries they are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker import lexicon
from checker.match.patterns import compile_phrasings

_JOINERS = lexicon.words("joiners")
_MAX_LETTERS = 6
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# After the acronym: a quoted name («ИГ "Регион"»), or, after a Cyrillic one, a capitalised Latin
# name (ФБК Grant Thornton); "DW News" stays Deutsche Welle's.
_QUOTED_NAME = re.compile(r' "[^\W\d_]')
_LATIN_NAME = re.compile(r" [A-Z][a-z]")


def is_acronym_text(written: str) -> bool:
    letters = written.replace(".", "")
    return 2 <= len(letters) <= _MAX_LETTERS and letters.isalpha() and letters.isupper()


def _spells(words: Sequence[str], acronym: str) -> bool:
    """The words' initials, joiners skipped where they must be, are the acronym's letters."""
    letters = acronym.lower()

    def match(i: int, j: int) -> bool:
        if j == len(letters):
            return i == len(words)
        if i == len(words):
            return False
        word = words[i].lower()
        if word[:1] == letters[j] and match(i + 1, j + 1):
            return True
        return word in _JOINERS and match(i + 1, j)

    return match(0, 0)


def _spelled_before(text: str, start: int, acronym: str) -> tuple[int, int] | None:
    """«районном доме культуры (РДК)»: the span of the words before "(" that spell the acronym."""
    if start < 2 or text[start - 1] != "(":
        return None
    head = text[max(0, start - 120) : start - 1].rsplit("\x00", 1)[-1]
    found = list(_WORD.finditer(head))
    offset = start - 1 - len(head)
    for size in range(len(acronym), min(len(found), 2 * len(acronym)) + 1):
        words = found[-size:]
        if _spells([w.group() for w in words], acronym):
            return offset + words[0].start(), offset + words[-1].end()
    return None


def _spelled_after(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """"НБП (Национальный банк Польши)", «НКД — накопленный купонный доход»."""
    rest = text[end : end + 120].split("\x00", 1)[0]
    lead = re.match(r" ?(?:\(|- )", rest)
    if lead is None:
        return None
    found = list(_WORD.finditer(rest, lead.end()))
    for size in range(len(acronym), min(len(found), 2 * len(acronym)) + 1):
        words = found[:size]
        if _spells([w.group() for w in words], acronym):
            return end + words[0].start(), end + words[-1].end()
    return None


_PAGE_WIDE_MIN = 3  # letters an acronym needs before a phrase anywhere on the page may spell it
_LINKING_VOWELS = "оеи"  # новОсибирская, северО-кавказский: where the second stem of a compound starts


def _compound_letters(word: str) -> list[int]:
    """Where the stems of a compound word start: its first letter, after a hyphen, after a linking
    vowel past the third letter (Ново|сибирская → Н, С)."""
    starts = [0]
    for i in range(1, len(word)):
        if word[i - 1] == "-" or (i >= 3 and word[i - 1] in _LINKING_VOWELS and word[i].isalpha()):
            starts.append(i)
    return starts


def _spells_compound(words: Sequence[str], acronym: str) -> bool:
    """The words spell the acronym with at least one compound word giving the initials of two of
    its stems, the others their initials: «Новосибирская область» is НСО, «Северо-Кавказский
    федеральный округ» СКФО. (Plain initials anywhere on a page spell too much by chance:
    «Научное сообщество обсудило».)"""
    letters = acronym.lower()

    def stems(word: str, k: int, j: int) -> list[int]:
        """How many letters from j on the stems of `word` after its k-th can give (0: none)."""
        out = [0]
        for n, at in enumerate(_compound_letters(word)[k:], start=k):
            if j < len(letters) and word[at] == letters[j]:
                out += [1 + more for more in stems(word, n + 1, j + 1)]
        return out

    def match(i: int, j: int, compound: bool) -> bool:
        if j == len(letters):
            return i == len(words) and compound
        if i == len(words):
            return False
        word = words[i].lower()
        if word[:1] == letters[j]:
            for more in sorted(set(stems(word, 1, j + 1)), reverse=True):
                if match(i + 1, j + 1 + more, compound or more > 0):
                    return True
        return word in _JOINERS and j > 0 and match(i + 1, j, compound)

    return match(0, 0, False)


_CAPITALISED = re.compile(r"[^\W\d_a-zа-я][\w'-]*")


_MEANINGS = {acronym: compile_phrasings(list(phrases)) for acronym, phrases in lexicon.acronym_meanings().items()}


def spelled_on_page(text: str, acronym: str) -> list[tuple[int, int]]:
    """Phrases anywhere in the page that spell an acronym: its everyday meanings from the lexicon,
    and, for three letters or more, phrases through a compound word (`_spells_compound`) starting
    with a capitalised word: «В НСО ожидают морозов. Власти Новосибирской области…»."""
    meaning = _MEANINGS.get(acronym)
    found = list(meaning.finditer(text.lower())) if meaning else []
    letters = acronym.replace(".", "")
    if len(letters) < _PAGE_WIDE_MIN:
        return found
    initial = letters[0].upper()
    for word in _CAPITALISED.finditer(text):
        if word.group()[0] != initial or word.group().isupper():
            continue
        rest = text[word.start() : word.start() + 160].split("\x00", 1)[0]
        words = list(_WORD.finditer(rest))[: 2 * len(letters)]
        for size in range(1, len(words) + 1):
            if _spells_compound([w.group() for w in words[:size]], letters):
                found.append((word.start(), word.start() + words[size - 1].end()))
                break
    return found


def other_meanings(
    acronyms: Sequence[tuple[int, int, frozenset[str]]], spans: dict[str, list[tuple[int, int]]], text: str
) -> dict[str, set[str]]:
    """For each acronym (as written) the page uses in another sense, the entries (keys) it is then
    not. `acronyms` are the acronym hits (start, end, entry keys); `spans` where the page names each
    entry otherwise, so that «Фонд борьбы с коррупцией (ФБК)» stays the foundation."""
    out: dict[str, set[str]] = {}
    own = {(s, e) for s, e, _ in acronyms}
    elsewhere: dict[str, list[tuple[int, int]]] = {}
    for start, end, keys in acronyms:
        written = text[start:end]
        definition = _spelled_before(text, start, written) or _spelled_after(text, end, written)
        if definition is not None:
            left, right = definition
            others = {k for k in keys if not any(s < right and left < e for s, e in spans.get(k, ()))}
        elif _QUOTED_NAME.match(text, end) or (not written.isascii() and _LATIN_NAME.match(text, end)):
            others = set(keys)
        else:
            # The page spells the acronym out elsewhere as something else, and never names the
            # body otherwise: «Новосибирской области» makes НСО the region.
            if written not in elsewhere:
                elsewhere[written] = spelled_on_page(text, written)
            if not elsewhere[written]:
                continue
            others = {k for k in keys if all(span in own for span in spans.get(k, ()))}
        if others:
            out.setdefault(written, set()).update(others)
    return out
