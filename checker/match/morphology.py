"""Surface forms of designated people's and organizations' names in all six Russian cases.

Every string returned here goes verbatim into the matcher's Aho-Corasick automaton, which
matches on normalised lower-case text. So functions return exact surface strings in their
natural capitalisation; the matcher lower-cases them and folds ё→е (we still add the е
spelling of every ё form so the set is usable without that folding).

Two declension engines exist for personal names:

* ``"pymorphy"`` (default) asks pymorphy3's dictionary for Surn/Name/Patr lexemes and falls
  back to the rules below only for words it does not know or analyses implausibly;
* ``"rules"`` uses only the hand-written ending tables (declension.py).

``decline_name`` exposes both so their accuracy can be compared (see tests/morphology_cases.py).

The work is split by concept: `declension` (spelling, ending tables, the analyzer),
`personforms` (people's names) and `orgforms` (words and organization names); this module is
their public face.
"""

from __future__ import annotations

from checker.match.declension import CASES, DEFAULT_ENGINE
from checker.match.orgforms import organization_forms, word_forms
from checker.match.personforms import decline_name, first_patronymic_forms, person_forms, surname_forms, variant_forms

__all__ = [
    "CASES",
    "DEFAULT_ENGINE",
    "decline_name",
    "organization_forms",
    "person_forms",
    "first_patronymic_forms",
    "surname_forms",
    "variant_forms",
    "word_forms",
]
