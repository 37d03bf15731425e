"""Whether a person's name found in a text is that person: what stands around the surname must
agree with the register.

A surname is shared by many people. The words around it tell them apart:

- a first name before it (or after it, in register order) that is not the person's, in any case
  form and with its everyday forms counted as the same name: «Ольга Шульман» is not Екатерина
  Шульман, «Фото: Иван Галкин» is not Максим Галкин;
- a patronymic that is not the person's: «Екатерина Ивановна Шульман»;
- initials that are not the person's: «А. Пономарёв» is not Илья Пономарёв;
- a verb in the other gender: «Пономарёва заявила» is a woman, not the genitive of Пономарёв;
- a role that names a namesake: «нападающий Быков», unless the person is known in that role
  (the list entry's `roles`: «чемпион мира Гарри Каспаров»);
- after a first name and patronymic («Максим Александрович»), a surname that is not the person's.

`conflict` gives the reason a mention is someone else, or None when nothing around it disagrees.
It runs while a page is checked, so it reads word lists and endings (rules/lexicon) and the rule
tables of declension, never the dictionary, whose loading would cost more than a check.
"""

from __future__ import annotations

import functools
import re
from itertools import chain
from typing import NamedTuple

from checker import lexicon
from checker.lists.model import PERSON, Entry
from checker.match.ambiguity import is_surname_like
from checker.match.declension import has_cyrillic, parses
from checker.match.personforms import GivenNames, first_name_forms, given_names, latin_first_names
from checker.match.senses import is_kind, noun_phrase_before, stems, words_before

# An initial or two right before a surname: "А. ", "А.Б. ", "A. B. ".
_INITIALS_BEFORE = re.compile(r"(?:^|[\s(\"'])([^\W\d_])\.\s?(?:([^\W\d_])\.\s?)?$")
_INITIAL_FIRST = re.compile(r"([^\W\d_])\.\s?[^\W\d_]{2}")  # «С. Гуриев», «С.Гуриев»
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"'])([^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?)\s$")
_WORD_AFTER = re.compile(r"\s([^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?)")
_WORDS_AFTER = re.compile(r" ([^\W\d_]+)(?: ([^\W\d_]+))?")
_LATIN = re.compile(r"[A-Za-z]")
# Right before a Latin surname: a first name and a patronymic or its initial ("Mikhail
# Borisovich ", "Mikhail B. "), initials ("M. ", "M.B. "), a first name.
_LATIN_FIRST_PATRONYMIC = re.compile(r"(?:^|[\s(\"'])([A-Z][a-z]+)\s(?:([A-Z][a-z]+)\s|([A-Z])\.\s?)$")
_LATIN_INITIALS = re.compile(r"(?:^|[\s(\"'])([A-Z])\.\s?(?:([A-Z])\.\s?)?$")
_LATIN_FIRST = re.compile(r"(?:^|[\s(\"'])([A-Z][a-z]+)\s$")
# Right after a surname: initials («Пономарёв Л.А.», "Khodorkovsky M. B.").
_INITIALS_AFTER = re.compile(r" ([^\W\d_])\.(?:\s?([^\W\d_])\.)?")
_TITLES = frozenset(w.lower() for w in lexicon.words("name_titles"))
_ROLES = stems(sorted(lexicon.words("namesake_roles")))
_PAST = lexicon.endings_by("past_tense_endings")
_OPENERS = frozenset(lexicon.words("clause_openers"))
# Patronymics in any case: Михайлович, Михайловичу, Михайловна, Ильиничной, Кузьмич.
_PATRONYMIC = re.compile(r"(?:вич|ьич|ич)(?:а|у|ем|ом|е)?$|(?:вн|ичн)(?:а|ы|е|у|ой)$")
_WINDOW = 60
_COMMA_FIRST_NAME = re.compile(r", ([^\W\d_]+)(?: ([^\W\d_]+))?")
# An apposition after a name: up to the next mark that ends a phrase; its first few words.
_APPOSITION = re.compile(r"[^,.;:!?()\x00\n—–]*")
_APPOSITION_WORD = re.compile(r"\w[\w-]*")  # "34-year-old", «21-летнего»: one word each
_APPOSITION_WORDS = 4
_AGE = re.compile(r"\d{1,3}, ")
# A line of a results table: a rank before the name, then (a club or town, a dash and) a time
# («1. Алексеев Иван (Тюмень) — 24:31,7»): an athlete, whoever shares the name.
_RANK_BEFORE = re.compile(r"(?:^|[\n\x00:;]|\d[ \t])[ \t]*\d{1,3}[.)][ \t]*$")
_SCORE_AFTER = re.compile(r"[ \t]*(?:\([^()\n\x00]{1,40}\)|,[^,\d\n\x00]{1,30},)?[ \t]*[—–-]?[ \t]*\d{1,2}:\d\d")
_SENTENCE_END = ".!?…:\n"


FIRST_NAME, OTHER_PATRONYMIC, INITIALS, GENDER, ROLE = "first name", "patronymic", "initials", "gender", "role"


class Conflict(NamedTuple):
    """What around a name says it is someone else (`kind`: first name, patronymic, initials,
    gender, role), and the sentence that says so."""

    kind: str
    reason: str


@functools.cache
def _first_names() -> frozenset[str]:
    """The usual first names and their everyday forms, in every case (rules/lexicon)."""
    names = set(lexicon.words("given_names"))
    names |= {n for name, variants in lexicon.given_name_variants().items() for n in (name, *variants)}
    return frozenset(form for name in names for form in first_name_forms(name))


@functools.cache
def _latin_first_names() -> frozenset[str]:
    """Latin spellings of the usual Russian first names (those with everyday forms listed)."""
    names = {n for name, variants in lexicon.given_name_variants().items() for n in (name, *variants)}
    return frozenset(v.split()[0].lower() for name in names for v in latin_first_names(name.capitalize(), "X"))


def _is_first_name(word: str, starts_sentence: bool = False) -> bool:
    if _LATIN.match(word) and starts_sentence:
        return word.lower() in _latin_first_names()
    if _LATIN.match(word):
        # No list of Latin first names: a capitalised Latin word before a surname is taken for
        # one unless it is a title (Dr, President) or written in capitals.
        return not word.isupper() and word.lower() not in _TITLES
    return _fold(word) in _first_names()


def _is_patronymic(word: str) -> bool:
    return not _LATIN.match(word) and len(word) > 5 and bool(_PATRONYMIC.search(_fold(word)))


def _past_gender(word: str) -> str | None:
    """masc or femn when the word ends as a past-tense verb of that gender (сказал, заявила)."""
    low = _fold(word)
    if len(low) < 4:
        return None
    femn = low.endswith(_PAST.get("femn", ()))
    masc = low.endswith(_PAST.get("masc", ()))
    return "femn" if femn else "masc" if masc else None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _given(entry: Entry) -> GivenNames | None:
    if entry.kind != PERSON:
        return None
    names = given_names(entry.name)
    return names if names.firsts or names.gender else None


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _before(text: str, start: int) -> str:
    return text[max(0, start - _WINDOW) : start].rsplit("\x00", 1)[-1]


def _after(text: str, end: int) -> str:
    return text[end : end + _WINDOW].split("\x00", 1)[0]


def conflict(entry: Entry, text: str, start: int, end: int, evidence: str) -> Conflict | None:
    """Why the name at text[start:end] is not the person `entry`, or None.

    `evidence` is how the name was found (`evidence.FULL`, `SURNAME`, `PATRONYMIC`);
    `text` is the page's normalised text, case kept."""
    names = _given(entry)
    if names is None:
        return None
    written = text[start:end]
    before, after = _before(text, start), _after(text, end)
    if evidence == "patronymic":
        following = _WORD_AFTER.match(after)
        if following and _capitalised(following.group(1)) and not _is_first_name(following.group(1)):
            return Conflict(FIRST_NAME, f"{written} {following.group(1)} is another person than {entry.name}")
        return None
    one_word = " " not in written.strip()
    if _INITIAL_FIRST.match(written):
        # «М. С. Гуриев» found as «С. Гуриев»: the initial before is the first name's, the one
        # found the patronymic's.
        found = _context_before(entry, names, written, before)
        if found:
            return found
    # «фигуристка Екатерина Гордеева», «вратарь Галкин», «защитника команды Дмитрия Быкова»,
    # «хоккеист из Казани Алексей Ковалев», «Тренер детской хоккейной школы «Лада» Алексей Ковалев»
    role = next(
        (w for w in chain(words_before(text, start), noun_phrase_before(text, start))
         if is_kind(w, _ROLES) and not _known_as(entry, w) and _agrees(w, written, names.gender)),
        None,
    )
    if role:
        return Conflict(ROLE, f"{role} {written} is a namesake of {entry.name}")
    role = _role_after(entry, written, after, names.gender)
    if role:
        return Conflict(ROLE, f"{written}, {role} is a namesake of {entry.name}")
    if _RANK_BEFORE.search(before) and _SCORE_AFTER.match(after):
        return Conflict(ROLE, f"{written} in a line of results (a rank, then a time) is a namesake of {entry.name}")
    if one_word:
        found = _context_before(entry, names, written, before)
        if found:
            return found
    subject = one_word and _subject_position(before)
    return _context_after(entry, names, written, after, one_word, subject)


def _cases(word: str, gender: str | None = None) -> frozenset[str]:
    """The grammatical cases a Russian word can be in (of a person of `gender`, when known)."""
    return frozenset(
        p.tag.case for p in parses(_fold(word)) if p.tag.case and (gender is None or p.tag.gender in (gender, None))
    )


def _agrees(role: str, written: str, gender: str | None) -> bool:
    """Whether a role noun can stand in apposition to the name: in the same case («нападающий
    Быков», «нападающего Быкова»). A name in another case depends on the role instead: «защитник
    Шлосберга» is his lawyer, «адвокат Навального» his, and say nothing of a namesake. Words
    pymorphy3 cannot read (Latin ones) agree, as before."""
    role_cases = _cases(role)
    words = [w for w in written.split() if has_cyrillic(w)]
    if not role_cases or not words:
        return True
    name_cases = frozenset.intersection(*(_cases(w, gender) for w in words))
    if not name_cases or role_cases & name_cases:
        return True
    # A role of the other gender names a person of that gender: «фигуристка Александра Смирнова»
    # is Alexandra, not the genitive of Александр Смирнов.
    own = _gender(role)
    if own is None or own == gender:
        return False
    return bool(role_cases & frozenset.intersection(*(_cases(w, own) for w in words)))


def _gender(noun: str) -> str | None:
    """The grammatical gender of a noun of a person (masc, femn), when the dictionary is sure."""
    genders = {p.tag.gender for p in parses(_fold(noun)) if p.tag.POS == "NOUN"}
    return genders.pop() if len(genders) == 1 and genders <= {"masc", "femn"} else None


def _role_after(entry: Entry, written: str, after: str, gender: str | None) -> str | None:
    """A role in apposition after the name, set off by a comma, that names a namesake:
    «Андрея Макаревича, 21-летнего воспитанника клуба», "Ilya Yashin, a 19-year-old forward",
    "Dmitry Muratov, 17, goalkeeper", «Максим Кац, шеф-повар ресторана»."""
    if not after.startswith(", "):
        return None
    age = _AGE.match(after, 2)  # "Dmitry Muratov, 17, goalkeeper of ...": the age first
    apposition = _APPOSITION.match(after, age.end() if age else 2)
    words = _APPOSITION_WORD.findall(apposition.group()) if apposition else []
    return next(
        (w for w in words[:_APPOSITION_WORDS]
         # «шеф-повар»: a compound is a role by its last part
         if (is_kind(w, _ROLES) or is_kind(w.rpartition("-")[2], _ROLES))
         and not _known_as(entry, w) and _agrees(w, written, gender)),
        None,
    )


def _known_as(entry: Entry, role: str) -> bool:
    """The person is known in this role (the entry's `roles`: «чемпион мира Гарри Каспаров»), so
    it names no namesake."""
    return bool(entry.roles) and is_kind(role, stems(list(entry.roles)))


def _context_before(entry: Entry, names: GivenNames, written: str, before: str) -> Conflict | None:
    initials = _INITIALS_BEFORE.search(before)
    if initials and names.initials:
        first, second = initials.group(1), initials.group(2)
        found_initial = _INITIAL_FIRST.match(written)
        if found_initial and second is None:
            second = found_initial.group(1)  # «М. С. Гуриев»: М. before the «С. Гуриев» found
        if _fold(first) not in names.initials:
            return Conflict(INITIALS, f"the initial {first}. is not that of {entry.name}")
        if second and names.patronymic_initials and _fold(second) not in names.patronymic_initials:
            return Conflict(INITIALS, f"the initials {first}. {second}. are not those of {entry.name}")
        return None
    word_match = _WORD_BEFORE.search(before)
    if word_match is None:
        return None
    word = word_match.group(1)
    folded = _fold(word)
    if not _capitalised(word):
        return None
    if _is_patronymic(word) and not _LATIN.match(word):
        if names.patronymics and folded not in names.patronymics:
            return Conflict(OTHER_PATRONYMIC, f"the patronymic in {word} {written} is not that of {entry.name}")
        return None
    starts_sentence = before[: word_match.start(1)].rstrip(" \"'(")[-1:] in ("", *_SENTENCE_END)
    # "Yesterday Shulman said": a capital at the start of a sentence says little in English. In
    # mid-sentence a capitalised Russian word right before a surname is a first name, listed or
    # not («архив Терентия Мальцева»).
    unlisted = not starts_sentence and not _LATIN.match(word) and not _is_patronymic(word)
    if names.firsts and folded not in names.firsts and (unlisted or _is_first_name(word, starts_sentence)):
        return Conflict(FIRST_NAME, f"{word} {written} is another person than {entry.name}: the first name differs")
    return None


def latin_full_name(entry: Entry, text: str, start: int) -> int | None:
    """Where the person's full name starts when the Latin surname at text[start:] follows their
    first name and patronymic or its initial, their initials, or their first name, in Latin
    letters ("Mikhail Borisovich Khodorkovsky", "M. B. Khodorkovsky", "Jekaterina Schulmann":
    how English copy writes a register's name; its forms have the first name and surname of
    one spelling only); else None."""
    names = _given(entry)
    if names is None:
        return None
    before = _before(text, start)
    found = _LATIN_FIRST_PATRONYMIC.search(before)
    if found is not None and found.group(1).lower() in names.firsts:
        patronymic, initial = found.group(2), found.group(3)
        agrees = patronymic.lower() in names.patronymics if patronymic else initial.lower() in names.patronymic_initials
    elif (found := _LATIN_INITIALS.search(before)) is not None and found.group(1).lower() in names.initials:
        agrees = found.group(2) is None or found.group(2).lower() in names.patronymic_initials
    elif (found := _LATIN_FIRST.search(before)) is not None and found.group(1).lower() in names.firsts:
        agrees = True  # a first name and surname each spelt their own way: Jekaterina Schulmann
    else:
        return None
    return start - len(before) + found.start(1) if agrees else None


def listed_name_end(entry: Entry, text: str, end: int) -> int | None:
    """Where the person's full name ends when their surname, ending at `end`, is followed by a
    comma and their first name (and patronymic), as a bibliography or an index lists people
    ("Guriev, Sergei", «Гуриев, Сергей Маратович»), or by their Latin initials, as court papers
    and lists write people ("Khodorkovsky M.B."); else None. A capitalised word after the first
    name that is not the person's patronymic makes a list of names instead ("Guriev, Sergei
    Aleksashenko")."""
    names = _given(entry)
    initials = _INITIALS_AFTER.match(text, end)
    if names is not None and initials is not None and _initials_agree(names, initials):
        return initials.end()
    found = _COMMA_FIRST_NAME.match(text, end)
    if names is None or found is None or not _capitalised(found.group(1)):
        return None
    if _fold(found.group(1)) not in names.firsts:
        return None
    then = found.group(2)
    if then is None or not _capitalised(then):
        return found.end(1)
    return found.end(2) if _fold(then) in names.patronymics else None


def first_name_before(text: str, start: int) -> str | None:
    """A listed first name right before text[start:]: «Андрей Штольц» is a person."""
    found = _WORD_BEFORE.search(_before(text, start))
    # A listed first name only: "The ISIS group" has a capitalised word before the name too.
    listed = found is not None and _capitalised(found.group(1)) and _is_first_name(found.group(1), starts_sentence=True)
    return found.group(1) if found and listed else None


def _subject_position(before: str) -> bool:
    """The name starts a sentence or a clause («Пономарёва заявила», «Потом Шульман сказал», «,
    и Шульман сказал»): there it is the subject of the verb after it; after a preposition or a
    noun it is another case of the name («у Пономарёва была встреча»)."""
    stripped = before.rstrip(" \"'(")
    if stripped[-1:] in ("", *_SENTENCE_END, ",", ";", "-"):
        return True
    word = _WORD_BEFORE.search(before)
    return word is not None and (_fold(word.group(1)) in _OPENERS or _is_first_name(word.group(1)))


def _surname_of(word: str, entry: Entry) -> bool:
    """The word is a case form of the person's surname (the register's first word)."""
    surname = _fold(entry.name.split(" ", 1)[0])
    return _fold(word).startswith(surname[: max(3, min(5, len(surname) - 2))])


def _initials_agree(names: GivenNames, initials: re.Match[str]) -> bool:
    """The initials (capitals: «и. о.» is an office) are the person's first name's and
    patronymic's."""
    first, second = initials.group(1), initials.group(2)
    return (
        first.isupper()
        and _fold(first) in names.initials
        and (second is None or not names.patronymic_initials or _fold(second) in names.patronymic_initials)
    )


def _context_after(
    entry: Entry, names: GivenNames, written: str, after: str, one_word: bool, subject: bool
) -> Conflict | None:
    initials = _INITIALS_AFTER.match(after)
    if initials and initials.group(1).isupper() and names.initials and not _initials_agree(names, initials):
        return Conflict(INITIALS, f"the initials after {written} are not those of {entry.name}")
    following = _WORD_AFTER.match(after)
    if following and _capitalised(following.group(1)) and not _LATIN.match(following.group(1)):
        word = following.group(1)
        folded = _fold(word)
        if _is_patronymic(word):
            if names.patronymics and folded not in names.patronymics:
                return Conflict(OTHER_PATRONYMIC, f"the patronymic in {written} {word} is not that of {entry.name}")
        elif one_word and names.firsts and folded not in names.firsts and _is_first_name(word):
            return Conflict(FIRST_NAME, f"{written} {word} is another person than {entry.name}: the first name differs")
        elif (
            one_word
            and _fold(written) in names.firsts
            and is_surname_like(word)  # «Ахмедова», not «Москву»
            and not _is_first_name(word)
            and not _surname_of(word, entry)
        ):
            # «Земфира Ахмедова»: a name the person goes by that is her first name, another surname after
            return Conflict(FIRST_NAME, f"{written} {word} is another person than {entry.name}: the surname differs")
    if subject and names.gender and not _LATIN.match(written):
        # The verb that follows the subject: «Пономарёва заявила», «Шульман также сказал».
        words = _WORDS_AFTER.match(after)
        for word in [w for w in words.groups() if w] if words else ():
            if _LATIN.match(word) or _capitalised(word):
                break
            gender = _past_gender(word)
            if gender in ("masc", "femn"):
                if gender != names.gender:
                    return Conflict(GENDER, f"{written} {word}: the verb says the person is not {entry.name}")
                break
    return None
