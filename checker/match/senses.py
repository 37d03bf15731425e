"""What kind of thing a page says a name is.

A designated body's name is often also the name of a work, an event, a place or a product: the
novel «Холод», the hotel «Азов», the film «Сеть», the festival «Весна», Botticelli's «Весна»,
the metro station «Маяковская», the chess «мемориал Алехина», "Memorial Day", "The Bell Jar".
The page tells which:

- a noun of another kind of thing stands just before the name (`other_kinds` in rules/lexicon:
  роман, гостиница, фильм, станция...), a word or two back in the same sentence;
- a noun of a place stands right before the name (`place_kinds`: порт, город, район...): «в порту
  Азов»; further back it only says where the sentence happens;
- a part of a living being stands right before a name written without quotes (`being_parts`):
  «с головой Медузы» is the Gorgon's;
- a noun of one kind of body stands right before the name of an entry whose register name says it
  is another kind (`body_kinds`): «газета «Свобода России»» is not the armed Legion;
- a quoted name is followed by the name of its author or namesake: «Весна» Вивальди, «Мемориал
  Знаменских», «Священную войну» Александра Александрова (not after a noun of a newsroom's people,
  `staff_nouns`: «журналистка «Важных историй» Ирина Долинина» works for the outlet);
- a name is followed by an appositive with such a noun: "The Insider", Michael Mann's 1999 film;
  «Холод», роман Сорокина; Каллисто - спутник Юпитера; or a name by a year in parentheses: The
  Insider (1999);
- a Latin name is followed by another capitalised word of the same name: Memorial Day, The Bell Jar;
- a person's surname alone stands in quotes: «Маяковская» (a station), «Сотников» (a novel);
- a Latin surname is followed by a noun of a thing named after or like a person: the Ken doll.

Once a page uses a name in another sense, the name is that thing on the whole page, unless the
page also introduces it as the body with a noun such as "издание" (`introducing_nouns`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from checker import lexicon
from checker.match.ambiguity import is_place_name
from checker.match.declension import parses

_KINDS = sorted({w.lower().replace("ё", "е") for w in lexicon.words("other_kinds")})
_EPONYMS = sorted({w.lower().replace("ё", "е") for w in lexicon.words("eponym_kinds")})
_PLACES = sorted({w.lower().replace("ё", "е") for w in lexicon.words("place_kinds")})
_PARTS = sorted({w.lower().replace("ё", "е") for w in lexicon.words("being_parts")})
_STAFF = sorted({w.lower().replace("ё", "е") for w in lexicon.words("staff_nouns")})
_INTRODUCERS = lexicon.introducers("articles")
_THEN_NAME = re.compile(r'"? [A-ZА-Я][a-zа-я]')
_LATIN_WORD = re.compile(r" ([A-Z][a-z]+)")
_LATIN_CAPITAL = re.compile(r" (?![A-Z]\.)([A-Z][A-Za-z]*)\b")  # a word, not an initial ("Yashin I.")
_LATIN_WORD_ANY = re.compile(r" ([A-Za-z]+)")
_LATIN_LOWER_WORD = re.compile(r" ([a-z]+)\b")
_LATIN_THEN_NAME = re.compile(r" [A-Z][a-z]")
_REACH = 3  # words back from the name
_ENDING = 3  # a noun's case ending adds at most this many letters to its stem
_STEM_END = "аеиоуыэюяйь"


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] in _STEM_END else word


_STEMS = frozenset(_stem(k) for k in _KINDS)
_EPONYM_STEMS = frozenset(_stem(k) for k in _EPONYMS)
_PLACE_STEMS = frozenset(_stem(k) for k in _PLACES)
_QUOTED_PLACE_STEMS = frozenset(_stem(w.lower()) for w in lexicon.words("quoted_place_kinds"))
_PART_STEMS = frozenset(_stem(k) for k in _PARTS)
_STAFF_STEMS = frozenset(_stem(k) for k in _STAFF)


def stems(words: list[str]) -> frozenset[str]:
    """The stems of nouns, for `is_kind`: the word less a final vowel, й or ь."""
    return frozenset(_stem(w.lower().replace("ё", "е")) for w in words)


# kind of body: (stems of the nouns that say a name is one, of the register words that say an entry is one)
_BODY_KINDS = {kind: (stems(list(nouns)), stems(list(words))) for kind, (nouns, words) in lexicon.body_kinds().items()}


@lru_cache(maxsize=65536)  # a page asks about the words before each name, the same few words
def is_kind(word: str, stems: frozenset[str]) -> bool:
    """The word is a case form of one of the nouns whose stems are given: its stem is the word
    less an ending of at most `_ENDING` letters."""
    low = word.lower().replace("ё", "е")
    return any(low[:cut] in stems for cut in range(max(1, len(low) - _ENDING), len(low) + 1))


_WORD = re.compile(r"[^\W\d_][\w-]*(?:/[^\W\d_]+)?")  # and abbreviations such as «х/ф»


@lru_cache(maxsize=8192)
def _first_reading(word: str) -> Any:
    """pymorphy3's likeliest reading of a Russian word (None for a Latin or unknown one)."""
    readings = parses(word.lower()) if not word.isascii() else ()
    return readings[0] if readings else None


def _is_verb(word: str) -> bool:
    """Whether pymorphy3 reads a Russian word first as a verb (получило, выиграл, читать): a
    noun phrase such as «роман «Холод»» never holds one, so a kind noun before it is not the name's."""
    reading = _first_reading(word)
    return reading is not None and reading.tag.POS in ("VERB", "INFN", "GRND")
_SENTENCE_BREAK = re.compile(r"[.!?…]\s")


_QUOTE = re.compile(r'[«"“„]')


@lru_cache(maxsize=8192)
def body_kinds(register_name: str) -> frozenset[str]:
    """The kinds of body (`body_kinds`: media, armed) that an entry's register name says it is,
    read before its first quote: «Украинское военизированное объединение Легион «Свобода
    России»» is armed; the quoted name itself («Армия SOS», a charity) says nothing. Empty when
    the name says no kind."""
    head = _QUOTE.split(register_name, 1)[0]
    words = [part for word in _WORD.findall(head) for part in word.split("-") if part]
    return frozenset(kind for kind, (_, register) in _BODY_KINDS.items() if any(is_kind(w, register) for w in words))


def _kind_said(word: str) -> str | None:
    """The kind of body a noun says a name is (газеты: media), or None."""
    return next((kind for kind, (nouns, _) in _BODY_KINDS.items() if is_kind(word, nouns)), None)


# The names of a list before the last one: «Ио, Европы, Ганимеда и Каллисто», «"Октябрь", "Пионер" и "Холод"».
_LIST_JOINERS = frozenset({"и", "and"})
_LIST_BEFORE = re.compile(r'(?:"?[A-ZА-ЯЁ][\w-]*"?(?:, | и | and ))+"?$')


_PLACE_AFTER = re.compile(r"(?:,| и| and) ([A-ZА-ЯЁ][\w-]+)")


def _list_start(text: str, start: int) -> int:
    """Where the list of one-word names that the name at `start` ends begins; `start` when the
    name ends no list."""
    found = _LIST_BEFORE.search(text, max(0, start - 160), start)
    return found.start() if found else start


def _sentence_head(text: str, start: int) -> str:
    """The text of the sentence before `start` (at most 80 characters, within the block)."""
    head = text[max(0, start - 80) : start].rsplit("\x00", 1)[-1]
    return _SENTENCE_BREAK.split(head)[-1]


def words_before(text: str, start: int) -> list[str]:
    """Up to `_REACH` words before `start`, nearest first, within the sentence."""
    return _WORD.findall(_sentence_head(text, start))[-_REACH:][::-1]


# Where the phrase before a name begins: after a comma, a semicolon, a conjunction or a
# preposition the words are another phrase's («закрыть сезон большим именем, и Земфира
# согласилась»; «выставка в «Мемориале»» is an exhibition in the body, "a show on Dozhd" one on it).
_PHRASE_BREAK = re.compile(
    r"[,;]| (?:и|а|но|в|во|на|о|об|обо|про|у|из|от|для|при|с|со|к|ко|and|but|on|in|at|from|for|by|with|about) ",
    re.I,
)


def _phrase_words(text: str, start: int, reach: int = _REACH) -> list[str]:
    """`words_before`, back to the start of the name's own phrase."""
    return _WORD.findall(_PHRASE_BREAK.split(_sentence_head(text, start))[-1])[-reach:][::-1]


_HEAD_REACH = 6  # «Тренер детской хоккейной школы «Лада» Алексей Ковалев»: the head and its complement


def is_staff(word: str) -> bool:
    """Whether a word is a noun of a newsroom's people (`staff_nouns`: журналист, редактор)."""
    return is_kind(word, _STAFF_STEMS)


def person_noun_before(text: str, start: int) -> str | None:
    """The dictionary form of the noun of a person that heads the phrase right before a name
    («поэта Ивана Жданова»: поэт; «директором антикоррупционного фонда Иваном Ждановым»:
    директор), or None."""
    for word in noun_phrase_before(text, start):
        reading = _first_reading(word)
        if reading is not None and reading.tag.POS == "NOUN" and reading.tag.animacy == "anim":
            return str(reading.normal_form)
    return None


def noun_phrase_before(text: str, start: int) -> list[str]:
    """The words of the noun phrase that ends right before `start`, nearest first: back to a
    comma, a preposition or a conjunction, up to _HEAD_REACH words, and never past a verb
    («тренер похвалил Алексея Ковалева»: the coach is someone else)."""
    words = _phrase_words(text, start, _HEAD_REACH)
    verb = next((k for k, word in enumerate(words) if _is_verb(word)), len(words))
    return words[:verb]


def introduced(text: str, start: int, end: int, before: list[str] | None = None) -> bool:
    """A noun such as "издание" stands just before the name, or, in English, just after it
    ("the Azov Brigade"): it is the body. `before` is `words_before(text, start)` when known."""
    words = words_before(text, start) if before is None else before
    after = _LATIN_WORD.match(text, end)
    # «проекта, «Голос. Дети»»: after a comma the noun is another phrase's, or an apposition
    # that names a title as much as a body.
    apart = text[max(0, start - 3) : start].rstrip(' "').endswith(",")
    return (bool(words) and not apart and words[0].lower().replace("ё", "е") in _INTRODUCERS) or bool(
        after and after.group(1).lower() in _INTRODUCERS
    )


# "Michael Mann's The Insider (1999)", «„Холод“ (2019)»: a title and its year.
_YEAR_AFTER = re.compile(r" \((?:1[89]|20)\d\d\)")
# A TV listing's abbreviation (the `other_kinds` written with a slash) after a title: «19:45
# «Агентство». Д/с об истории ТАСС».
_LISTING_AFTER = re.compile(r"[.,] (?:" + "|".join(re.escape(k) for k in _KINDS if "/" in k) + r")\b", re.I)
# A fixture: a club, its town in brackets, a dash and the other club («Кедр» (Томск) - «Свобода»
# (Курск)), from either side (text normalised: one kind of quote and of dash).
_FIXTURE_AFTER = re.compile(r' \([A-ZА-ЯЁ][^()\n\x00]{1,30}\) ?- ?"')
_FIXTURE_BEFORE = re.compile(r'" \([A-ZА-ЯЁ][^()\n\x00]{1,30}\) ?- ?"$')
_APPOSITIVE = re.compile(r"(?:,| -) ([^\x00.;:!?()]{1,60})")
_APPOSITIVE_WORDS = 5
_WHOSE = frozenset(
    {"которого", "которой", "которых", "которому", "которым", "котором", "чей", "чья", "чье", "чьё", "чьи", "whose"}
)


def _appositive_kind(text: str, at: int) -> str | None:
    """The noun of another kind in an appositive right after a name: «"The Insider", Michael
    Mann's 1999 film», «„Холод“, роман Сорокина», «Каллисто - второго по величине спутника
    Юпитера». None when the appositive introduces the body («"Медуза", издание, признанное…»),
    or when the noun is the body's own thing («Мемориал, выставка которого…»)."""
    found = _APPOSITIVE.match(text, at)
    if found is None:
        return None
    words: list[str] = _WORD.findall(found.group(1).split(",", 1)[0])
    # A clause about the body's own film («, фильм которого вышел») is no appositive, nor is a
    # clause: a verb before the noun, or right after it («, повестки приходят по почте»). Further
    # on a word is the noun's modifier, whatever it reads as («фильм режиссерки Аниты Роча»).
    if any(w.lower() in _WHOSE for w in words):
        return None
    for at, word in enumerate(words[:_APPOSITIVE_WORDS]):
        if word.lower().replace("ё", "е") in _INTRODUCERS or _is_verb(word):
            return None
        if is_kind(word, _STEMS):
            return None if at + 1 < len(words) and _is_verb(words[at + 1]) else word
    return None


class Sense(NamedTuple):
    reason: str
    page: bool  # the page uses the name so throughout, not only here


def other_sense(
    text: str,
    start: int,
    end: int,
    person: bool,
    before: list[str] | None = None,
    kinds: frozenset[str] = frozenset(),
    alias: bool = False,
) -> Sense | None:
    """Why the name at text[start:end] is another kind of thing, or None. For a person only an
    eponym counts («мемориал Алехина», «станция «Маяковская»»): «книга Быкова» is his book. A
    noun of another kind, or a surname in quotes, says what the name is on the whole page; a name
    that goes on (Memorial Day, «Весна» Вивальди) says it of this place only. `kinds`: the kinds
    of body the entry's register name says it is (`body_kinds`); a noun right before the name
    that says another kind («газеты «Свобода России»» for an armed group) names something else
    here. The words before a list of names stand before each of its names: «спутники Юпитера —
    Ио, Европы, Ганимеда и Каллисто» are all moons; a place name in a list of places is a place
    there («в Таганроге и Азове»). `alias`: a person's name is a one-word name of their own (a
    pseudonym, a channel: «вДудь»), not a surname, and stays theirs in quotes."""
    written = text[start:end]
    opened = start > 0 and text[start - 1] == '"'
    quoted = opened and end < len(text) and text[end] == '"'
    words = words_before(text, start) if before is None else before
    head = _list_start(text, start)
    if head < start:  # the last of a list of names: what stands before the list stands before each
        words = words_before(text, head)
        others = _WORD.findall(text[head:start])
        # A quoted name is no place: «Легиона «Свобода России» и «Азова»» lists bodies.
        if not (person or opened) and is_place_name(written) and all(
            w in _LIST_JOINERS or is_place_name(w) for w in others
        ):
            return Sense(f"{written} among the places {', '.join(w for w in others if w not in _LIST_JOINERS)}", False)
    elif (
        not (person or opened)
        and (then := _PLACE_AFTER.match(text, end))
        and is_place_name(written)
        and is_place_name(then.group(1))
    ):  # the first of a list of places: «в Азов и Ейск»
        return Sense(f"{written} among the places {then.group(1)}", False)
    said = _kind_said(words[0]) if kinds and words else None
    if said is not None and said not in kinds:
        registered = "/".join(sorted(kinds))
        return Sense(f"{words[0]} {written}: a {said} body of the same name, not the {registered} one", False)
    for word in _phrase_words(text, head) if words else ():
        if word.lower().replace("ё", "е") in _INTRODUCERS:
            return None
        # «премию получило расследование «Важных историй»»: a noun before the verb is another
        # clause's; and a verb is no noun («рассказало» is not «рассказ»).
        if _is_verb(word):
            break
        if is_kind(word, _EPONYM_STEMS if person else _STEMS):
            return Sense(f"{word} {written}: another kind of thing of the same name", True)
    # "the port Azov", «в порту Азов», "the port of Azov"; quoted: «микрорайон «Весна»»
    noun = words[1] if words[:1] == ["of"] and len(words) > 1 else words[0] if words else ""
    places = _QUOTED_PLACE_STEMS if opened else _PLACE_STEMS
    if noun and not person and start and text[start - 1] in ' "' and is_kind(noun, places):
        return Sense(f"{noun} {written}: a place of the same name", True)
    place = _LATIN_LOWER_WORD.match(text, end) if not person and written.isascii() else None
    if place and is_kind(place.group(1), _PLACE_STEMS):  # "the Azov ports", "the Azov coast"
        return Sense(f"{written} {place.group(1)}: a place of the same name", True)
    part = words[1] if words[:1] == ["of"] and len(words) > 1 else words[0] if words else ""
    if part and not person and not opened and is_kind(part, _PART_STEMS):
        return Sense(f"{part} {written}: a being of myth or nature, not a body", True)
    if person:
        following = _LATIN_CAPITAL.match(text, end) if written.isascii() and " " not in written else None
        if following:  # Face ID, a phone's: a one-word alias that goes on is another name
            return Sense(f"{written} {following.group(1)} is a longer name", False)
        after = _LATIN_WORD_ANY.match(text, end) if written.isascii() else None
        if after and is_kind(after.group(1), _EPONYM_STEMS):  # the Ken doll, Gordon Street
            return Sense(f"{written} {after.group(1)}: named after or like the person", True)
        title = quoted and " " not in written and not alias
        return Sense(f"«{written}» in quotes is a title, not the person", True) if title else None
    staff = bool(words) and is_kind(words[0], _STAFF_STEMS)  # «журналистка «Важных историй» Ирина»
    if opened and not staff and _THEN_NAME.match(text, end):
        return Sense(f"«{written}» followed by a name is a work or event named so", True)
    if _YEAR_AFTER.match(text, end + 1 if quoted else end):
        return Sense(f"{written} with a year in parentheses is a work of that year", True)
    if quoted and _LISTING_AFTER.match(text, end + 1):
        return Sense(f"«{written}» and a TV listing's abbreviation after it is a film or series", True)
    if quoted and (_FIXTURE_AFTER.match(text, end + 1) or _FIXTURE_BEFORE.search(text, max(0, start - 60), start)):
        return Sense(f"«{written}» with its town, against another team, is a sports club", False)
    kind = _appositive_kind(text, end + 1 if quoted else end)
    if kind:
        return Sense(f"{written}, {kind}: another kind of thing of the same name", True)
    following = _LATIN_WORD.match(text, end)
    if written.isascii() and written[:1].isupper() and following and following.group(1).lower() not in _INTRODUCERS:
        # Memorial Day, The Bell Jar; not "Azov Regiment", which names the body by its kind.
        return Sense(f"{written} is part of a longer name", False)
    return None
