"""The lexicon and regions files: they validate, a slip in one is reported with file:line:column,
the code reads its word lists and legal facts from them, and the rule loader leaves them alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from checker import context, lexicon
from checker.checks import mention_label
from checker.errors import RuleError
from checker.lists import aliasgen as aliasgen
from checker.lists import importer as importer
from checker.lists import registries as registries
from checker.lists import websites as websites
from checker.match import ambiguity as ambiguity
from checker.match import evidence as evidence
from checker.match import formcache as formcache
from checker.match import personforms as personforms
from checker.match.normalise import fold
from checker.rulepack import pack as rulepack

RULES = ROOT / "rules"


@pytest.fixture
def own_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the bundled lexicon and regions files that the lexicon reads instead."""
    shutil.copytree(RULES / "lexicon", tmp_path / "lexicon")
    shutil.copy(RULES / "regions.yaml", tmp_path / "regions.yaml")
    monkeypatch.setattr(lexicon, "bundled_rules_dir", lambda: tmp_path)
    lexicon._lexicon_files.cache_clear()
    lexicon._regions.cache_clear()
    yield tmp_path
    lexicon._lexicon_files.cache_clear()
    lexicon._regions.cache_clear()


def test_every_bundled_file_validates() -> None:
    files = lexicon.data_files()
    assert {p.name for p in files} >= {"ru.yaml", "en.yaml", "web.yaml", "regions.yaml"}
    for path in files:
        lexicon._read(path, "regions" if path.name == "regions.yaml" else "lexicon")


def test_a_misspelt_key_is_reported_with_file_and_line(own_rules: Path) -> None:
    path = own_rules / "lexicon" / "en.yaml"
    path.write_text(path.read_text("utf-8") + "capital_wrods: [is]\n", "utf-8")
    with pytest.raises(RuleError) as caught:
        lexicon.words("capital_words")
    message = str(caught.value)
    line = len(path.read_text("utf-8").splitlines())
    assert message.startswith(f"{path}:{line}:"), message
    assert "capital_wrods" in message


def test_a_number_where_a_word_belongs_is_reported(own_rules: Path) -> None:
    path = own_rules / "lexicon" / "ru.yaml"
    path.write_text(path.read_text("utf-8") + "joiners: [и, 7]\n", "utf-8")
    with pytest.raises(RuleError, match=rf"^{path}:\d+:\d+: "):
        lexicon.words("joiners")


def test_an_edited_union_changes_what_codes_expand_to(own_rules: Path) -> None:
    path = own_rules / "regions.yaml"
    path.write_text(path.read_text("utf-8").replace("[AT, ", "[GE, AT, "), "utf-8")
    assert "EU" in context.expand_codes(("GE",))


def test_legal_facts_come_from_regions_yaml() -> None:
    assert "EU" in context.expand_codes(("de",))
    assert "EU" not in context.expand_codes(("GE", "US"))
    assert lexicon.union_members("EU") >= {"DE", "FR", "LV"}
    assert lexicon.registers()["foreign-agents"] == "ru.foreign-agents"


def test_word_lists_come_from_the_lexicon() -> None:
    assert lexicon.introducers("articles") == evidence._INTRODUCERS
    assert lexicon.introducers("registers") == aliasgen._INTRODUCING
    assert "издание" in evidence._INTRODUCERS and "издание" in aliasgen._INTRODUCING
    assert "изданием" in evidence._INTRODUCERS and "изданием" not in aliasgen._INTRODUCING
    assert lexicon.words("capital_words") == evidence._SHORT_WORDS
    assert {fold(s) for s in lexicon.words("common_surnames")} == evidence.COMMON_SURNAMES
    assert lexicon.surname_endings("telling") == ambiguity._SURNAME_ENDINGS
    assert lexicon.surname_endings("hyphen") == personforms._SURNAME_SUFFIXES
    assert lexicon.words("joiners") == ambiguity._JOINERS
    assert {fold(n) for n in lexicon.words("never_aliases")} == aliasgen._NEVER_ALIASES
    assert lexicon.words("generic_words") == aliasgen._GENERIC
    assert lexicon.words("descriptors") == aliasgen._DESCRIPTORS
    assert lexicon.words("form_words") == registries._FORM_WORDS
    assert lexicon.words("outlet_words") == importer._MEDIA_WORDS
    assert lexicon.words("platforms") == websites._PLATFORMS
    assert lexicon.first_names("male_in_a") == personforms._MALE_A_NAMES


def test_what_the_word_lists_decide() -> None:
    assert websites.website_domains(("https://t.me", "https://meduza.io", "https://name.substack.com")) == [
        "meduza.io",
        "name.substack.com",
    ]
    assert mention_label._PLURAL.search("оба издания признаны иностранными агентами")
    assert mention_label._PLURAL.search("both are foreign agents")
    assert not mention_label._PLURAL.search("издание признано иностранным агентом")
    assert ambiguity.is_surname_like("Кудрявцева") and ambiguity.is_surname_like("Петров")


def test_cyrillic_is_written_once() -> None:
    assert lexicon.cyrillic_letters() == "А-Яа-яЁё"
    assert lexicon.cyrillic_letters(related=True).startswith(lexicon.cyrillic_letters())
    assert "ї" in lexicon.cyrillic_letters(related=True)


def test_rule_loader_leaves_the_lexicon_alone(tmp_path: Path) -> None:
    bundled = rulepack.yaml_files([rulepack.default_rules_dir()])
    assert bundled and not any(lexicon.is_data_file(p) for p in bundled)
    # A project's own rules folder may hold a lexicon folder too: it is not read as rules.
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "xx.yaml").write_text("joiners: [x]\n", "utf-8")
    (tmp_path / "regions.yaml").write_text("unions: {}\n", "utf-8")
    assert rulepack.yaml_files([tmp_path]) == []


def test_form_cache_key_covers_the_lexicon_and_the_deriving_code() -> None:
    package = Path(formcache.__file__).resolve().parent.parent
    names = {p.relative_to(package).as_posix() for p in formcache._deriving_modules()}
    assert {"match/names.py", "lists/model.py", "match/morphology.py", "match/personforms.py",
            "match/orgforms.py", "lexicon.py"} <= names
    assert "cli.py" not in names and "__init__.py" not in names
    files = lexicon.data_files()
    assert all(p.is_file() for p in files)
