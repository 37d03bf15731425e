"""Every surface form of an entry's names, with how strictly each must be matched: persons in six
cases, name orders, initials and Latin spellings, their surname alone and their first name and
patronymic; organizations' official names and aliases with their head words declined."""

from __future__ import annotations

from checker import lexicon
from checker.lists.model import PERSON, Alias, Entry
from checker.match.ambiguity import is_common_word, is_first_name, is_place_name, match_mode
from checker.match.evidence import PATRONYMIC, SURNAME, SURNAME_WORD
from checker.match.morphology import (
    first_patronymic_forms,
    organization_forms,
    person_forms,
    surname_forms,
    variant_forms,
    word_forms,
)
from checker.match.personforms import latin_first_names


def _person_alias_forms(alias: Alias) -> set[str]:
    words = alias.name.split()
    if len(words) == 2:  # a pseudonym written "Имя Фамилия"
        return person_forms(f"{words[1]} {words[0]}") | {alias.name}
    return person_forms(alias.name) | {alias.name}


# Belarusian letters and their Russian look-alikes, for declining a Belarusian name.
_BELARUSIAN_LETTERS = str.maketrans("іІўЎ", "иИуУ")


def _body_forms(name: str) -> set[str]:
    """A body's name in every case. A Belarusian one (і, ў) declines as its Russian look-alike,
    its own letters put back in each word where they stood: «Наша Ніва» → «Нашу Ніву», «Нашай»
    aside (the Russian endings, which most case forms share)."""
    russian = name.translate(_BELARUSIAN_LETTERS)
    if russian == name:
        return organization_forms(name)
    words = name.split(" ")
    out = {name}
    for form in organization_forms(russian):
        declined = form.split(" ")
        if len(declined) == len(words):
            out.add(" ".join(_restored(w, d) for w, d in zip(words, declined)))
    return out


def _restored(word: str, declined: str) -> str:
    """`declined` (a case form of `word` in Russian letters) with the Belarusian letters of `word`
    back in the stem they share."""
    return "".join(
        word[i] if i < len(word) and word[i].translate(_BELARUSIAN_LETTERS) == char and word[i] != char else char
        for i, char in enumerate(declined)
    )


def _alias_forms(entry: Entry, alias: Alias) -> set[str]:
    if alias.lang != "ru" or not alias.inflect:
        return {alias.name}
    if entry.kind == PERSON:
        return _person_alias_forms(alias)
    if " " not in alias.name:  # Аль-Каида, Медуза: one word declines as a noun
        return word_forms(alias.name) | {alias.name}
    return _body_forms(alias.name) | {alias.name}


def _surnames(entry: Entry) -> set[str]:
    """A person's surname alone, in every case and script: the follow-up mention. Pseudonyms
    give theirs when they read "Имя Фамилия" (Борис Акунин), not when they are a stage name
    of other words (Лёва Би-2, Dry Ice)."""
    out = set(surname_forms(entry.name))
    words = entry.name.split()
    if len(words) < 2:
        return out
    latin_names = latin_first_names(words[1], words[0])
    out |= {v.split()[-1] for v in latin_names}
    latin_first = {v.split()[0] for v in latin_names}
    for alias in entry.aliases:
        parts = alias.name.split()
        if len(parts) < 2 or not parts[-1].replace("-", "").isalpha():
            continue  # one word, or «Лёва Би-2»: «Би-2» is a band's name, not a surname
        if alias.lang == "ru" and len(parts) == 2 and is_first_name(parts[0]) and not is_common_word(parts[1]):
            out |= surname_forms(f"{parts[1]} {parts[0]}")
        elif alias.lang == "ru" and len(parts) == 3:
            out |= surname_forms(alias.name)  # an alternative name in register order
        elif alias.lang != "ru" and len(parts) == 2 and parts[0] in latin_first:
            out.add(parts[1])  # Maxim Galkin → Galkin
    return {s for s in out if len(s) > 2}


_LEGAL_FORM = lexicon.abbreviations_pattern("legal_forms")


def legal_form_variants(name: str) -> set[str]:
    """A name that ends or begins with its legal form, as articles punctuate it: "Meta Platforms
    Inc" and "Meta Platforms, Inc" (the dot of "Inc." is the abbreviation's, not the name's: a
    name found is given without it); «ООО "Мемо"» and «ООО Мемо». Empty for other names."""
    found = list(_LEGAL_FORM.finditer(name))
    if not found:
        return set()
    out: set[str] = set()
    last, first = found[-1], found[0]
    if last.end() == len(name) and last.start() > 0:
        base, form = name[: last.start()].rstrip(" ,"), last.group().rstrip(".")
        if base:
            out |= {f"{base} {form}", f"{base}, {form}"}
    if first.start() == 0 and first.end() < len(name):
        form, rest = first.group().rstrip("."), name[first.end() :].strip(" ,")
        bare = rest.strip('«»"“”„')
        if bare:
            out |= {f"{form} {bare}", f"{form} «{bare}»"}
    out.discard(name)
    return out


def _with_legal_form_variants(forms: dict[str, str]) -> dict[str, str]:
    for form, mode in list(forms.items()):
        variants = legal_form_variants(form)
        for variant in variants:
            forms.setdefault(variant, mode)
        if variants and form.endswith(".") and form.rstrip(".") in variants:
            del forms[form]  # "Inc." is found as "Inc", its dot left to the sentence
    return forms


_SEAM_WORDS = 5  # names of at most this many words get the other punctuation of their seam


def seam_variants(name: str) -> set[str]:
    """A name of a few words whose last word is a brand after a description is written with a
    full stop at that seam or without one: «Поддержка политзаключенных. Мемориал» and «Поддержка
    политзаключенных Мемориал» (the registers print both). Empty for other names."""
    words = name.split(" ")
    if not 2 <= len(words) <= _SEAM_WORDS or not words[-1][:1].isupper() or not words[-1][1:2].islower():
        return set()
    before = words[-2]
    if before.endswith(".") and before[:-1].isalpha() and len(before) > 2:
        return {" ".join([*words[:-2], before[:-1], words[-1]])}
    if before.isalpha() and before.islower() and len(before) > 2:
        return {" ".join([*words[:-2], before + ".", words[-1]])}
    return set()


def entry_forms(entry: Entry) -> dict[str, str]:
    """Every surface form of an entry's names, mapped to its match mode."""
    forms: dict[str, str] = {}
    if entry.kind == PERSON:
        for form in first_patronymic_forms(entry.name):
            forms[form] = PATRONYMIC
        for form in _surnames(entry):
            # Казанский, Соловей, Кашин: a surname that is also an everyday word or a place name.
            everyday = " " not in form and (is_common_word(form) or is_place_name(form))
            forms[form] = SURNAME_WORD if everyday else SURNAME
        for form in person_forms(entry.name):
            forms[form] = "any"
        for form in variant_forms(entry.name):  # Дима Быков, Юля Латынина
            forms.setdefault(form, "any")
        words = entry.name.split()
        # a hyphenated surname too: Кара-Мурза, Vladimir Kara-Murza
        if len(words) >= 2 and all(w.replace("-", "").isalpha() for w in words[:2]):
            for latin in latin_first_names(words[1], words[0]):
                forms.setdefault(latin, "capitalised")
    else:
        # The official name declines when it is short and plain ("Телеканал Настоящее Время");
        # its quoted and parenthesised parts are aliases of their own, each with its match mode.
        plain = len(entry.name.split()) <= 6 and not any(c in entry.name for c in '«»"()')
        mode = match_mode(entry.name)
        for form in _body_forms(entry.name) if plain else {entry.name}:
            forms[form] = mode
    for alias in entry.aliases:
        for form in _alias_forms(entry, alias):
            forms[form] = alias.match
    if entry.kind == PERSON:
        return forms
    for form, mode in list(forms.items()):
        for variant in seam_variants(form):
            forms.setdefault(variant, mode)
    return _with_legal_form_variants(forms)
