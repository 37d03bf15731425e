"""How telling a name found in a text is, and what a page's hits add up to.

A hit carries its *evidence*:

- ``full``: a name as the lists give it, in any case form, name order or script;
- ``surname``: a person's surname alone ("Галкина"). It counts once the page has named that
  person in full; before that it is only a candidate for review; a surname that is also an
  everyday word or a place name (Соловей, Кашин) is nothing on a page that never names the
  person in full;
- ``patronymic``: first name and patronymic ("Максим Александрович"), the polite way back to a
  person named before. It counts after a full mention and is nothing before one: thousands of
  people are Владимир Владимирович;
- ``unquoted``: a name that is also an everyday word («Холод», «Весна») written capitalised
  in mid-sentence, but neither in quotes nor after a noun such as "издание": for review, unless
  the page has already named the entry with certainty.

A short acronym that is also an English word (IS) is not taken for a name in a passage set in
capitals ("THIS IS THE MOMENT"): there it is nearly always the word.

`resolve` settles a page's hits together; what stays uncertain is marked with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker import lexicon
from checker.lists.model import PERSON, Entry
from checker.match.acronyms import is_acronym_text, other_meanings
from checker.match.identity import (
    OTHER_PATRONYMIC,
    ROLE,
    conflict,
    first_name_before,
    latin_full_name,
    listed_name_end,
)
from checker.match.normalise import fold
from checker.match.senses import Sense, body_kinds, is_kind, is_staff, other_sense, stems, words_before
from checker.match.senses import introduced as is_introduced
from checker.match.transliterate import latin_variants

FULL, SURNAME, UNQUOTED, PATRONYMIC = "full", "surname", "unquoted", "patronymic"
# A surname that is also an everyday word or a place name (Соловей, Кашин): as `surname`, but
# nothing at all on a page that never names the person in full. Only `resolve` sees it.
SURNAME_WORD = "surname-word"
# A name whose only capital is its first letter, at the start of a sentence or headline
# («Джамаат села Кубачи», «Монеточка в пять рублей»): the capital may be the sentence's. Full,
# unless the page writes the name in lower case elsewhere. Only `resolve` sees it.
SENTENCE_START = "sentence-start"
# A name that is also a common title («Голос»: a TV show, films, songs), as `quoted` finds it: a
# mention only on a page that says somewhere which body it is («движение «Голос»», or its name in
# full). Only `resolve` sees it.
TITLE_WORD = "title-word"
# Markers, not mentions: the page writes a name in lower case («бросает монеточку»), or an
# everyday-word name as the first or last word of a longer one («Агентство стратегических
# инициатив»). They tell `resolve` how the page uses the word; `resolve` drops them.
LOWER_CASE, PART_OF_NAME = "lower-case", "part-of-name"
MARKERS = frozenset({LOWER_CASE, PART_OF_NAME})
# A person's full name after a role that says namesake («чемпион мира Гарри Каспаров»): someone else,
# unless a label attached to it says it is the designated person (the mention-label check decides).
ROLE_NAMESAKE = "role-namesake"

# Nouns that introduce a name and make it unambiguous without quotes: телеканал Дождь, полк Азов.
_INTRODUCERS = lexicon.introducers("articles")
# English words written like acronyms in all-capital text: "THIS IS", "AS WELL", "IT IS".
_SHORT_WORDS = lexicon.words("capital_words")
_STAGE_ROLES = stems(list(lexicon.words("stage_roles")))
_SENTENCE_END = ".!?…:\x00\n"
_CAPS_WINDOW = 40


@dataclass(frozen=True)
class NameHit:
    start: int  # offsets in the normalised text the hit was found in
    end: int
    entries: tuple[Entry, ...]
    evidence: str = FULL
    review: str | None = None  # why the mention is uncertain; None when it counts

    @property
    def certain(self) -> bool:
        return self.evidence == FULL and self.review is None


# --------------------------------------------------------------------------------------------
# Judging one hit


def _capitals_kept(written: str, cased: str, start: int) -> bool:
    """Every word capitalised in the name is capitalised in the text (The Bell, not "the bell")."""
    for i, char in enumerate(written):
        if char.isupper() and (i == 0 or not written[i - 1].isalnum()) and not cased[start + i].isupper():
            return False
    return True


def _quoted(lower: str, start: int, end: int) -> bool:
    return start > 0 and end < len(lower) and lower[start - 1] == '"' and lower[end] == '"'


def _introduced(lower: str, start: int) -> bool:
    """A noun such as "издание" right before the name, in its own block ("\x00" ends a block)."""
    before = lower[max(0, start - _CAPS_WINDOW) : start].rstrip(' "').rsplit(" ", 1)[-1]
    return before.rsplit("\x00", 1)[-1] in _INTRODUCERS


def _sentence_start(cased: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and cased[i] in ' "\'(-[':
        i -= 1
    return i < 0 or cased[i] in _SENTENCE_END


def _in_capitals(cased: str, start: int, end: int) -> bool:
    """The hit stands in a passage set in capitals (a headline, a label in caps)."""
    left = cased[max(0, start - _CAPS_WINDOW) : start].rsplit("\x00", 1)[-1]
    right = cased[end : end + _CAPS_WINDOW].split("\x00", 1)[0]
    letters = [c for c in left + right if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_NEIGHBOUR_BEFORE = re.compile(r"([^\W\d_]+)[^\w\x00]{1,3}$")
_NEIGHBOUR_AFTER = re.compile(r"[^\w\x00]{1,3}([^\W\d_]+)")


def _in_capitals_run(cased: str, start: int, end: int) -> bool:
    """The word before or after the hit is a word in capitals too: a poster line, a slogan, a
    caps label anywhere in a page ("THE SALE IS ON"), not only a headline set in capitals."""
    before = _NEIGHBOUR_BEFORE.search(cased, max(0, start - _CAPS_WINDOW), start)
    after = _NEIGHBOUR_AFTER.match(cased, end)
    return any(m is not None and len(m.group(1)) >= 2 and m.group(1).isupper() for m in (before, after))


_RUN_EDGE = re.compile(r"[^\W\d_]*[a-zа-я]")  # a word with a lower-case letter ends a run of capitals
_LATIN_VOWELS = frozenset("AEIOUY")
_WORD_LIKE_MIN = 4


def _quoted_run(cased: str, start: int, end: int) -> bool:
    """The run of capitals around the hit is in quotes: «ВОТ ТАК МЫ ГУЛЯЕМ ПО НОЧАМ!»."""
    left = cased[max(0, start - 80) : start].rsplit("\x00", 1)[-1]
    right = cased[end : end + 80].split("\x00", 1)[0]
    opening = left.rfind('"')
    closing = right.find('"')
    if opening < 0 or closing < 0:
        return False
    return not _RUN_EDGE.search(left[opening:]) and not _RUN_EDGE.search(right[:closing])


def _word_like(written: str) -> bool:
    """A Latin name that reads as a word (ULTIMA, ASTRA, DOXA), not letters (OCCRP, FBK)."""
    return (
        written.isascii()
        and written.isalpha()
        and len(written) >= _WORD_LIKE_MIN
        and sum(c in _LATIN_VOWELS for c in written) >= 2
    )


_WORD_AFTER = re.compile(r" ([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+) $")
_ADJECTIVE_ENDINGS = tuple(lexicon.words("adjective_endings"))
_NAME_PREPOSITIONS = lexicon.words("name_prepositions")
_ADJECTIVE_MIN = 5  # ее, ой, мой: short words with those endings are pronouns and nouns


def _adjective(word: str) -> bool:
    return len(word) >= _ADJECTIVE_MIN and word.lower().endswith(_ADJECTIVE_ENDINGS)


def _inside_longer_name(cased: str, start: int, end: int) -> bool:
    """An everyday word capitalised as the first or last word of a longer name: «Агентство
    стратегических инициатив», «Агентство по страхованию вкладов», «Весна священная» (an
    adjective or "по" follows), «Пражская Весна», «Вербное Воскресенье» (a capitalised adjective
    goes before): an institution, a holiday, a work. Told by endings (rules/lexicon), not the
    dictionary, since this runs while a page is checked."""
    after = _WORD_AFTER.match(cased, end)
    if after and after.group(1).islower() and (after.group(1) in _NAME_PREPOSITIONS or _adjective(after.group(1))):
        return True
    if after and after.group(1)[:1].isupper() and not after.group(1).isupper():
        return True  # «Айдар Хабибуллин»: a first name; «Весна Боттичелли»: a work and its author
    before = _WORD_BEFORE.search(cased, max(0, start - _CAPS_WINDOW), start)
    return bool(before and before.group(1)[:1].isupper() and _adjective(before.group(1)))


def _in_address(cased: str, start: int, end: int) -> bool:
    """The word is part of a web address or handle (meduza.io, t.me/monetochka, @monetochka)."""
    before = cased[start - 1 : start]
    return before in ("/", "@", ".") or (cased[end : end + 1] == "." and cased[end + 1 : end + 2].isalnum())


def judge(match: str, written: str, lower: str, cased: str, start: int, end: int) -> str | None:
    """What a form found at [start, end) proves, or None when it is not a mention at all."""
    if match == "any":
        return FULL
    if match == "case":
        if cased[start:end] != written:
            return None
        # In a passage set in capitals IS is far likelier the verb ("THIS IS") than the group,
        # which such a page names in its body text anyway.
        if written.lower() in _SHORT_WORDS and (_in_capitals(cased, start, end) or _in_capitals_run(cased, start, end)):
            return None
        # A slogan, motto or banner in capitals («PER ASPERA AD ASTRA», «ВЕСЬМА ВЫГОДНО!»), or a
        # word-like Latin name in a run of capitals (ULTIMA THULE): the words, not the name.
        if _in_capitals_run(cased, start, end) and (_quoted_run(cased, start, end) or _word_like(written)):
            return None
        return FULL
    if match == "capitalised":
        if not _capitals_kept(written, cased, start):
            return LOWER_CASE if cased[start:end].islower() and not _in_address(cased, start, end) else None
        initial_only = not any(c.isupper() for c in written[1:])
        return SENTENCE_START if initial_only and _sentence_start(cased, start) else FULL
    if match in (SURNAME, PATRONYMIC, SURNAME_WORD):
        if not _capitals_kept(written, cased, start):
            everyday = match != PATRONYMIC and cased[start:end].islower() and not _in_address(cased, start, end)
            return LOWER_CASE if everyday else None
        return match
    if match == "introduced":
        found = judge("quoted", written, lower, cased, start, end)
        return TITLE_WORD if found == FULL else found
    if match == "quoted":
        if not _capitals_kept(written, cased, start):
            # «холод» — «холодок» in a spelling lesson, "пошёл дождь": the page uses the word
            return LOWER_CASE if cased[start:end].islower() and not _in_address(cased, start, end) else None
        # A capital after an opening quote that does not close after the name is the quotation's
        # or a longer title's: «Холод и Дождь, как всегда, придут вместе», газета «Голос Кубани».
        opens_quotation = start > 0 and cased[start - 1] == '"'
        if _quoted(lower, start, end) or (_introduced(lower, start) and not opens_quotation):
            return FULL
        if cased[start:end].isupper() and _in_capitals_run(cased, start, end):
            return None  # «ВОТ ТАК МЫ ГУЛЯЕМ»: everyday words in a run of capitals
        if _inside_longer_name(cased, start, end):
            return PART_OF_NAME
        # A hashtag («#Голос #ГолосДети») tags a topic in the word's everyday sense as often as not.
        hashtag = start > 0 and cased[start - 1] == "#"
        return None if _sentence_start(cased, start) or opens_quotation or hashtag else UNQUOTED
    return None


# --------------------------------------------------------------------------------------------
# A page's hits, settled together

# Surnames so widespread that one alone says nothing about which person is meant, in Cyrillic and
# in their Latin spellings (Gordon, Ivanov: "Flash Gordon" is no more telling than «Гордон»).
COMMON_SURNAMES = frozenset(fold(s) for s in lexicon.words("common_surnames"))
COMMON_SURNAMES_LATIN = frozenset(
    fold(latin) for s in lexicon.words("common_surnames") for latin in latin_variants(s)
)


def _is_common_surname(text: str) -> bool:
    """Иванова, Медведеву, Ivanova: a common surname in any case (the ending adds at most three
    letters)."""
    word = fold(text)
    common = COMMON_SURNAMES_LATIN if word.isascii() else COMMON_SURNAMES
    return any(word.startswith(s) and len(word) - len(s) <= 3 for s in common)


def _names(entries: Sequence[Entry]) -> str:
    return " or ".join(e.name for e in entries[:3]) + (" or others" if len(entries) > 3 else "")


def _identified(hits: Sequence[NameHit], text: str) -> tuple[list[NameHit], set[str], set[str]]:
    """The hits without the entries their context rules out, the entries whose namesake the page
    names, and the entries the page names in full anywhere.

    Ruled out: a person whose first name, patronymic, initials, gender or role disagree
    (`identity`); a name the page uses for another kind of thing (`senses`: the novel «Холод»,
    «мемориал Алехина»), here or, when a noun says so, on the whole page unless the page also
    introduces the body («издание «Холод»»). A full name is the namesake's too when the page has
    told that namesake apart by patronymic or role, not by first name: after «академик Иван
    Петрович Павлов», «Иван Павлов» is the academician; but not where a newsroom noun of its own
    says otherwise («тренер ... Алексей Ковалев», then «журналисту Алексею Ковалеву»)."""
    checked: list[tuple[NameHit, list[Entry], list[Entry], str, bool]] = []
    namesakes: dict[str, set[str]] = {}
    elsewhere: set[str] = set()  # entries the page uses in another sense throughout
    introduced: set[str] = set()
    for hit in hits:
        entries = []
        by_role: list[Entry] = []  # «чемпион мира Гарри Каспаров»: a role says namesake, a label may say not
        reason = ""
        before = words_before(text, hit.start)
        one_word = " " not in text[hit.start : hit.end]
        for entry in hit.entries:
            found = conflict(entry, text, hit.start, hit.end, hit.evidence)
            person = entry.kind == PERSON
            # A person's full name is no eponym by itself; a surname alone may be one.
            needed = found is None and (one_word or not person)
            kinds = frozenset() if person else body_kinds(entry.name)
            alias = person and hit.evidence == FULL  # one word, in full: a pseudonym or a channel
            sense = other_sense(text, hit.start, hit.end, person, before, kinds, alias) if needed else None
            if found is None and sense is None and not person and one_word:
                given = first_name_before(text, hit.start)  # «Андрей Штольц»: a person's surname
                sense = Sense(f"{given} {text[hit.start : hit.end]} is a person", True) if given else None
            if found is not None:
                namesakes.setdefault(entry.key, set()).add(found.kind)
                if found.kind == ROLE and hit.evidence == FULL and not one_word:
                    by_role.append(entry)
                    reason = found.reason
            elif sense is not None and entry.kind == PERSON:
                namesakes.setdefault(entry.key, set()).add("eponym")
            elif sense is not None:
                if sense.page:
                    elsewhere.add(entry.key)
            else:
                entries.append(entry)
                if not person and is_introduced(text, hit.start, hit.end, before):
                    introduced.add(entry.key)
        # «пишут журналисту Алексею Ковалеву»: a newsroom noun of its own tells this mention from
        # a namesake the page has set apart by role («Тренер ... Алексей Ковалев»)
        checked.append((hit, entries, by_role, reason, bool(before) and is_staff(before[0])))
    same_first_name = {key for key, kinds in namesakes.items() if kinds & {OTHER_PATRONYMIC, ROLE}}
    dropped = same_first_name | (elsewhere - introduced)
    # A common title names the body only on a page that names the body otherwise too.
    told = introduced | {e.key for hit, entries, *_ in checked if hit.evidence != TITLE_WORD for e in entries}
    kept: list[NameHit] = []
    full: set[str] = set()
    for hit, entries, by_role, reason, staff in checked:
        if hit.evidence == TITLE_WORD:
            entries = [e for e in entries if e.key in told]
            hit = replace(hit, evidence=FULL)
        entries = [
            e for e in entries
            if e.key not in dropped
            or (e.kind == PERSON and hit.evidence != FULL)
            or (staff and e.key in same_first_name and e.key not in elsewhere)
        ]
        if hit.evidence == FULL:  # a one-word pseudonym (Левиев) does not name a person in full
            full.update(e.key for e in entries if e.kind != PERSON or " " in text[hit.start : hit.end])
        if entries:
            kept.append(replace(hit, entries=tuple(entries)) if len(entries) < len(hit.entries) else hit)
        elif by_role:
            kept.append(replace(hit, entries=tuple(by_role), evidence=ROLE_NAMESAKE, review=reason))
    return kept, set(namesakes), full


def _acronyms_as_meant(hits: list[NameHit], text: str) -> list[NameHit]:
    """The hits without an acronym the page uses in another sense (`acronyms`): РДК spelt out as
    «районный дом культуры», «ИГ "Регион"»."""
    found = [
        (h.start, h.end, frozenset(e.key for e in h.entries)) for h in hits if is_acronym_text(text[h.start : h.end])
    ]
    if not found:
        return hits
    spans: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        for entry in hit.entries:
            spans.setdefault(entry.key, []).append((hit.start, hit.end))
    meanings = other_meanings(found, spans, text)
    if not meanings:
        return hits
    out = []
    for hit in hits:
        others = meanings.get(text[hit.start : hit.end], set())
        entries = tuple(e for e in hit.entries if e.key not in others)
        if entries:
            out.append(replace(hit, entries=entries) if len(entries) < len(hit.entries) else hit)
    return out


def _in_headline(hit: NameHit, headlines: Sequence[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in headlines)


def _stage_name(hit: NameHit, text: str) -> bool:
    """A person's one-word stage name right after a noun of the stage (`stage_roles`: «рэпер
    Face», «певицы Монеточки»): the performer, not the everyday word."""
    if any(e.kind != PERSON for e in hit.entries) or " " in text[hit.start : hit.end]:
        return False
    words = words_before(text, hit.start)
    return bool(words) and is_kind(words[0], _STAGE_ROLES)


def _page_usage(hits: Sequence[NameHit]) -> tuple[list[NameHit], set[str]]:
    """The hits without the markers, and the entries whose everyday-word name the page uses as a
    word: of a longer name («Агентство стратегических инициатив»: «Агентства» alone later is
    its short form), or in lower case («пошёл дождь»: «Холод и Дождь придут вместе» is the
    weather, capitalised). A name at a sentence start counts in full unless the page writes it
    in lower case elsewhere («монеточку», «джамаатом»): then the capital was only the
    sentence's. A surname the page also writes in lower case ("the device was a dud") is an
    everyday word there, like Соловей: nothing unless the page names the person in full."""
    lowered = {e.key for h in hits if h.evidence == LOWER_CASE for e in h.entries}
    as_words = {e.key for h in hits if h.evidence == PART_OF_NAME for e in h.entries} | lowered
    out = []
    for hit in hits:
        if hit.evidence in MARKERS:
            continue
        if hit.evidence == SENTENCE_START:
            entries = tuple(e for e in hit.entries if e.key not in lowered)
            if not entries:
                continue
            hit = replace(hit, entries=entries, evidence=FULL)
        elif hit.evidence == SURNAME and any(e.key in lowered for e in hit.entries):
            hit = replace(hit, evidence=SURNAME_WORD)  # "a dud", then "Dud": an everyday word here
        out.append(hit)
    return out, as_words


def _surnames_in_full(hits: Sequence[NameHit], text: str) -> list[NameHit]:
    """A surname with the person's first name and patronymic, or initials, in Latin letters
    before it ("Mikhail Borisovich Khodorkovsky", "M. B. Khodorkovsky": the Latin forms of a name
    are its first name and surname only, the patronymic's spellings being too many to list for
    every person), with their first name after a comma ("Guriev, Sergei", as a bibliography
    lists people) or with their initials after it ("Khodorkovsky M.B.", as court papers write
    people), names the person in full."""
    out: list[NameHit] = []
    full: list[NameHit] = []
    for hit in hits:
        if hit.evidence == SURNAME:
            spans = {
                e: (latin_full_name(e, text, hit.start), listed_name_end(e, text, hit.end)) for e in hit.entries
            }
            named = {e: span for e, span in spans.items() if span != (None, None)}
            if named:
                start = min(s if s is not None else hit.start for s, _ in named.values())
                end = max(x if x is not None else hit.end for _, x in named.values())
                hit = NameHit(start, end, tuple(named))
                full.append(hit)
        out.append(hit)
    if not full:
        return out
    # what a full name now holds («Сергей Маратович» in «Гуриев, Сергей Маратович») is no other mention
    return [
        h for h in out
        if any(h is f for f in full)
        or not any(f.start <= h.start and h.end <= f.end and set(f.entries) & set(h.entries) for f in full)
    ]


def resolve(hits: Sequence[NameHit], text: str, headlines: Sequence[tuple[int, int]] = ()) -> list[NameHit]:
    """Settle a page's hits: first how the page uses its everyday words (`_page_usage`) and what
    the words around each name rule out; then, in reading order, a surname counts after its
    person has been named in full, an unquoted everyday word after its entry has been named with
    certainty. A surname alone is someone else's when the page names a namesake (Эдуард Латыпов,
    then Латыпов) and never the designated person; when it names both, the surname is for review.
    An unquoted everyday word is nothing when the page uses it as a word (in lower case, or of a
    longer name) and never names the entry with certainty. A headline names a person by surname
    alone when readers know who it is («Шульман: бюджет примут без поправок»): a surname there
    that is not a common one, with nothing on the page naming a namesake, is the person. What
    stays uncertain gets the reason for review. `text` is the normalised text the offsets refer
    to; `headlines` the spans of its headlines and headings."""
    hits, as_words = _page_usage(_surnames_in_full(hits, text))
    identified, namesakes, full = _identified(hits, text)
    identified = _acronyms_as_meant(identified, text)
    named: set[str] = set()
    out: list[NameHit] = []
    for hit in identified:
        written = text[hit.start : hit.end]
        if hit.evidence == ROLE_NAMESAKE:
            out.append(hit)
            continue
        if hit.evidence == SURNAME_WORD:
            # «Соловей», «Кашин» alone name a bird or a town unless the page names the person.
            entries = tuple(e for e in hit.entries if e.key in full)
            if not entries:
                continue
            hit = replace(hit, entries=entries, evidence=SURNAME)
        # A one-word pseudonym (Левиев) is a surname like any other once the page names a namesake.
        alias_alone = " " not in written and any(e.key in namesakes for e in hit.entries)
        if hit.evidence == FULL and not alias_alone:
            named.update(e.key for e in hit.entries)
            out.append(hit)
            continue
        if hit.evidence in (SURNAME, PATRONYMIC) or alias_alone:
            both = [e for e in hit.entries if e.key in namesakes and e.key in full]
            if both:
                reason = f"{written!r}: the page names both {_names(both)} and a namesake"
                out.append(replace(hit, entries=tuple(both), review=reason))
                continue
            entries = tuple(e for e in hit.entries if e.key not in namesakes)
            if not entries:
                continue
            hit = replace(hit, entries=entries) if len(entries) < len(hit.entries) else hit
        known = tuple(e for e in hit.entries if e.key in named)
        if (
            hit.evidence == SURNAME
            and not known
            and len(hit.entries) == 1  # two designated people of one surname: the headline says not which
            and _in_headline(hit, headlines)
            and not _is_common_surname(written)
        ):
            known = hit.entries
            named.update(e.key for e in known)
        if hit.evidence in (SURNAME, UNQUOTED, PATRONYMIC) and known:
            out.append(replace(hit, entries=known, evidence=FULL))
        elif hit.evidence == SURNAME:
            if not _is_common_surname(written):
                reason = f"{written!r} is a surname alone, before any full mention of {_names(hit.entries)}"
                out.append(replace(hit, review=reason))
        elif hit.evidence == UNQUOTED:
            entries = tuple(e for e in hit.entries if e.key not in as_words)
            if not entries:
                continue
            hit = replace(hit, entries=entries) if len(entries) < len(hit.entries) else hit
            if _stage_name(hit, text):
                named.update(e.key for e in entries)
                out.append(replace(hit, evidence=FULL))
                continue
            reason = (
                f"{written!r} is also an everyday word and is written without quotes or a noun such as "
                f'"издание": is it {_names(hit.entries)}?'
            )
            out.append(replace(hit, review=reason))
    return out
