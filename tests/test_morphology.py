from __future__ import annotations

import pytest
from morphology_cases import NAME_CASES, pairs

from checker.match.morphology import (
    CASES,
    decline_name,
    organization_forms,
    person_forms,
    surname_forms,
    word_forms,
)

# ---------------------------------------------------------------------------------------------
# Accuracy on the hand-written set (tests/morphology_cases.py)


@pytest.mark.parametrize(("name", "case", "expected"), pairs())
def test_default_engine_declines_hand_written_set(name: str, case: str, expected: str) -> None:
    assert decline_name(name, case).replace("ё", "е") == expected.replace("ё", "е")


def test_rule_engine_misses_only_stress_dependent_foreign_surname() -> None:
    # Дюма (stressed final -а, French) looks exactly like Глинка to an endings table.
    wrong = {
        name
        for name, case, expected in pairs()
        if decline_name(name, case, engine="rules").replace("ё", "е") != expected.replace("ё", "е")
    }
    assert wrong == {"Дюма Никита Петрович"}


def test_hand_written_set_is_about_one_hundred_pairs() -> None:
    assert len(pairs()) == 100
    assert len(NAME_CASES) == 20


def test_nominative_is_the_registry_string() -> None:
    assert decline_name("Галкин Максим Александрович", "nomn") == "Галкин Максим Александрович"


def test_unknown_case_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown case"):
        decline_name("Галкин Максим Александрович", "voct")


# ---------------------------------------------------------------------------------------------
# person_forms: orders, initials, gender


def test_male_surname_all_orders_and_initials() -> None:
    forms = person_forms("Галкин Максим Александрович")
    for expected in (
        "Галкин Максим Александрович",
        "Галкина Максима Александровича",
        "Максиму Александровичу Галкину",
        "Максимом Галкиным",
        "Галкине Максиме",
        "М. Галкина",
        "М. А. Галкиным",
        "М.А. Галкине",
        "Галкину М. А.",
        "Галкина М.А.",
        "Галкиным М.",
    ):
        assert expected in forms, expected
    # Nothing declined by the wrong gender or with mixed cases.
    assert "Галкиной" not in {w for form in forms for w in form.split()}
    assert "Галкина Максим" not in forms


def test_female_foreign_surname_never_changes() -> None:
    forms = person_forms("Шульман Екатерина Михайловна")
    assert "Екатерину Михайловну Шульман" in forms
    assert "Шульман Екатериной Михайловной" in forms
    assert "Е. М. Шульман" in forms
    assert {w for form in forms for w in form.split()} & {"Шульмана", "Шульманой"} == set()
    assert surname_forms("Шульман Екатерина Михайловна") == {"Шульман"}


def test_same_surname_declines_for_a_man() -> None:
    assert surname_forms("Шульман Борис Ефимович") == {
        "Шульман", "Шульмана", "Шульману", "Шульманом", "Шульмане",
    }  # fmt: skip


def test_galkin_surname_forms() -> None:
    assert surname_forms("Галкин Максим Александрович") == {
        "Галкин", "Галкина", "Галкину", "Галкиным", "Галкине",
    }  # fmt: skip


@pytest.mark.parametrize(
    "full_name",
    [
        "Седых Дмитрий Олегович",
        "Кравченко Юлия Сергеевна",
        "Гелашвили Георгий Шалвович",
        "Дюма Никита Петрович",
        "Гольдберг Анна Львовна",
        "Живаго Юрий Андреевич",
        "Дурново Пётр Николаевич",
    ],
)
def test_indeclinable_surnames(full_name: str) -> None:
    assert surname_forms(full_name) == {full_name.split()[0]}


def test_unknown_ov_and_skaya_surnames_follow_the_rules() -> None:
    assert surname_forms("Кварталов Илья Семёнович") == {
        "Кварталов", "Кварталова", "Кварталову", "Кварталовым", "Кварталове",
    }  # fmt: skip
    assert surname_forms("Зарецкая Ольга Петровна") == {"Зарецкая", "Зарецкой", "Зарецкую"}
    assert surname_forms("Бельговский Павел Игоревич") == {
        "Бельговский", "Бельговского", "Бельговскому", "Бельговским", "Бельговском",
    }  # fmt: skip


def test_gender_from_first_name_when_no_patronymic() -> None:
    forms = person_forms("Иванова Анна")
    assert {"Ивановой Анны", "Анну Иванову", "А. Ивановой", "Ивановой А."} <= forms
    assert all(len(form.split()) == 2 for form in forms)


def test_yo_spelling_is_returned_both_ways() -> None:
    forms = person_forms("Кварталов Илья Семёнович")
    assert "Ильёй Семёновичем Кварталовым" in forms
    assert "Ильей Семеновичем Кварталовым" in forms


def test_fleeting_vowel_first_names() -> None:
    forms = person_forms("Задорный Лев Андреевич") | person_forms("Бельговский Павел Игоревич")
    assert {"Льва Задорного", "Львом Андреевичем Задорным", "Павлу Бельговскому"} <= forms


def test_hyphenated_surname_declines_both_halves() -> None:
    forms = surname_forms("Римский-Корсаков Николай Андреевич")
    assert "Римского-Корсакова" in forms
    assert "Римским-Корсаковым" in forms


def test_hyphenated_surname_with_non_surname_first_half() -> None:
    assert "Бонч-Бруевича" in surname_forms("Бонч-Бруевич Владимир Дмитриевич")


def test_turkic_patronymic_stays_as_written() -> None:
    forms = person_forms("Мамедов Ильгар Гусейн оглы")
    assert "Мамедовым Ильгаром Гусейн оглы" in forms
    assert "Ильгару Гусейн оглы Мамедову" in forms
    assert "И. Г. Мамедова" in forms


def test_pseudonym_in_parentheses_gets_its_own_forms() -> None:
    full = "Чхартишвили Григорий Шалвович (Борис Акунин)"
    forms = person_forms(full)
    assert {"Григорием Шалвовичем Чхартишвили", "Бориса Акунина", "Б. Акунину"} <= forms
    assert "Акуниным" in surname_forms(full)
    assert "Чхартишвили" in surname_forms(full)
    assert not any("(" in form for form in forms)


def test_quoted_single_word_pseudonym() -> None:
    forms = person_forms("Иванов Иван «Шнур»")
    assert {"Шнур", "Шнура", "Шнуром", "Ивана Иванова"} <= forms


def test_female_pseudonym_of_a_man_declines_as_female() -> None:
    forms = person_forms("Чхартишвили Григорий Шалвович (Анна Борисова)")
    assert "Анной Борисовой" in forms


def test_latin_name_keeps_to_two_orders() -> None:
    assert person_forms("Doe John") == {"Doe John", "John Doe"}


def test_every_case_is_generated() -> None:
    assert len(CASES) == 6
    forms = person_forms("Пивоваров Алексей Владимирович")
    for case_form in (
        "Пивоваров Алексей Владимирович",
        "Пивоварова Алексея Владимировича",
        "Пивоварову Алексею Владимировичу",
        "Пивоваровым Алексеем Владимировичем",
        "Пивоварове Алексее Владимировиче",
    ):
        assert case_form in forms


# ---------------------------------------------------------------------------------------------
# organization_forms


def test_organization_noun_head_with_genitive_tail() -> None:
    assert organization_forms("Фонд борьбы с коррупцией") == {
        "Фонд борьбы с коррупцией",
        "Фонда борьбы с коррупцией",
        "Фонду борьбы с коррупцией",
        "Фондом борьбы с коррупцией",
        "Фонде борьбы с коррупцией",
    }


def test_organization_adjective_agrees_with_neuter_head() -> None:
    assert organization_forms("Исламское государство") == {
        "Исламское государство",
        "Исламского государства",
        "Исламскому государству",
        "Исламским государством",
        "Исламском государстве",
    }


def test_organization_two_adjectives_and_abbreviation_tail() -> None:
    assert organization_forms("Международное общественное движение ЛГБТ") == {
        "Международное общественное движение ЛГБТ",
        "Международного общественного движения ЛГБТ",
        "Международному общественному движению ЛГБТ",
        "Международным общественным движением ЛГБТ",
        "Международном общественном движении ЛГБТ",
    }


def test_organization_plural_head() -> None:
    assert organization_forms("Штабы Навального") == {
        "Штабы Навального",
        "Штабов Навального",
        "Штабам Навального",
        "Штабами Навального",
        "Штабах Навального",
    }


def test_organization_plural_animate_head_accusative() -> None:
    assert "Свидетелей Иеговы" in organization_forms("Свидетели Иеговы")


def test_organization_quoted_part_never_declines() -> None:
    assert organization_forms("Благотворительный фонд «Открытые двери»") == {
        "Благотворительный фонд «Открытые двери»",
        "Благотворительного фонда «Открытые двери»",
        "Благотворительному фонду «Открытые двери»",
        "Благотворительным фондом «Открытые двери»",
        "Благотворительном фонде «Открытые двери»",
    }


def test_quoted_brand_alone_adds_its_case_forms() -> None:
    assert organization_forms("«Медуза»") == {
        "«Медуза»", "Медуза", "Медузы", "Медузе", "Медузу", "Медузой",
    }  # fmt: skip


def test_hyphenated_adjective_declines_last_half_only() -> None:
    assert "Национал-большевистской партии" in organization_forms("Национал-большевистская партия")
    assert "Северо-Кавказского эмирата" in organization_forms("Северо-Кавказский эмират")


def test_adjective_that_is_also_a_noun() -> None:
    assert "Правого сектора" in organization_forms("Правый сектор")


def test_trailing_alias_in_parentheses() -> None:
    forms = organization_forms("Исламское государство (ИГИЛ)")
    assert {"Исламского государства (ИГИЛ)", "Исламского государства", "ИГИЛ"} <= forms


@pytest.mark.parametrize(
    "name", ["Meduza Project", "АНО «Центр»", "Таблиги Джамаат", "За честные выборы"]
)
def test_names_without_declinable_head_are_unchanged(name: str) -> None:
    assert organization_forms(name) == {name}


# ---------------------------------------------------------------------------------------------
# word_forms


def test_brand_word_forms_with_yo() -> None:
    assert word_forms("Дождь") == {"Дождь", "Дождя", "Дождю", "Дождём", "Дождем", "Дожде"}


def test_plural_only_brand() -> None:
    assert word_forms("Ведомости") == {
        "Ведомости", "Ведомостей", "Ведомостям", "Ведомостями", "Ведомостях",
    }  # fmt: skip


def test_brand_unknown_to_dictionary() -> None:
    assert {"Медиазоны", "Медиазоне", "Медиазоной"} <= word_forms("Медиазона")


def test_latin_word_unchanged() -> None:
    assert word_forms("Meduza") == {"Meduza"}


# ---------------------------------------------------------------------------------------------
# Speed: generation runs at rule load for ~1,200 persons and ~1,000 organizations.

_FIRST_M = ["Алексей", "Борис", "Дмитрий", "Игорь", "Лев", "Никита", "Павел", "Сергей"]
_FIRST_F = ["Анна", "Дарья", "Любовь", "Мария", "Наталья", "Юлия"]
_PATR_M = ["Андреевич", "Ильич", "Петрович", "Юрьевич"]
_PATR_F = ["Андреевна", "Ильинична", "Петровна", "Юрьевна"]
_STEMS = ["Берез", "Волк", "Дуб", "Жук", "Кам", "Лис", "Мор", "Сок", "Тих", "Цвет"]
_MIDS = ["", "ан", "ен", "уш", "ят", "ик", "ор", "ал", "ур", "ев"]
_ENDS = ["ник", "ко", "ло", "ни", "ри", "си", "ти", "ди", "би", "ви"]  # all start with a consonant


def _made_up_people() -> list[str]:
    """1,000 distinct made-up people, most surnames unknown to the dictionary."""
    people = []
    for i in range(1000):
        stem = _STEMS[i % 10] + _MIDS[i // 10 % 10] + _ENDS[i // 100 % 10]
        if i % 3 == 0:
            people.append(f"{stem}ина {_FIRST_F[i % 6]} {_PATR_F[i % 4]}")
        else:
            suffix = "ов" if i % 3 == 1 else "ский"
            people.append(f"{stem}{suffix} {_FIRST_M[i % 8]} {_PATR_M[i % 4]}")
    return people


def test_thousand_unknown_surnames_all_get_their_forms() -> None:
    # Speed is measured in bench/, not here; this checks nothing is lost on unknown surnames.
    people = _made_up_people()
    assert len(set(people)) == 1000
    assert all(len(person_forms(name)) >= 36 for name in people)  # 6 cases x 6+ orders
