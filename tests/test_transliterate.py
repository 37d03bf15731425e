from __future__ import annotations

import pytest

from checker.match.transliterate import latin_variants, latin_variants_ranked


def test_plain_surnames_have_one_spelling() -> None:
    assert latin_variants("Пивоваров") == {"Pivovarov"}
    assert latin_variants("Галкин") == {"Galkin"}


def test_soft_sign_is_dropped_never_an_apostrophe() -> None:
    assert latin_variants("Шульман") == {"Shulman"}
    variants = latin_variants("Екатерина Шульман")
    assert {"Yekaterina Shulman", "Ekaterina Shulman"} <= variants
    assert not any("'" in v or "’" in v for v in variants)


def test_navalny_style_made_up_name() -> None:
    ranked = latin_variants_ranked("Алексей Задорный")
    assert ranked[0] == "Aleksei Zadorny"
    assert {
        "Aleksei Zadorny",
        "Alexei Zadorny",
        "Alexey Zadorny",
        "Aleksey Zadorny",
        "Aleksei Zadornyi",  # the ICAO passport spelling
    } <= set(ranked)
    assert len(ranked) == 8


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_limit_caps_the_number_and_keeps_the_most_common(limit: int) -> None:
    variants = latin_variants("Алексей Задорный", limit=limit)
    assert len(variants) == limit
    assert "Aleksei Zadorny" in variants


def test_limit_zero_gives_nothing() -> None:
    assert latin_variants("Алексей Задорный", limit=0) == set()


def test_passport_spelling_is_kept_when_the_cap_bites() -> None:
    assert "Iuliia Zadornaia" in latin_variants("Юлия Задорная")
    assert latin_variants_ranked("Юлия Задорная")[0] == "Yulia Zadornaya"


def test_kh_and_h() -> None:
    assert latin_variants("Хохлов", limit=4) == {"Khokhlov", "Hokhlov", "Khohlov", "Hohlov"}


def test_iotated_vowels() -> None:
    assert {"Yulia", "Yuliya", "Iuliia"} <= latin_variants("Юлия")
    assert {"Yana", "Iana"} <= latin_variants("Яна")
    assert {"Yevgeny", "Evgeny", "Evgenii", "Yevgeni"} <= latin_variants("Евгений")


def test_yo() -> None:
    assert {"Pyotr", "Petr"} <= latin_variants("Пётр")
    assert {"Pyotr", "Petr"} <= latin_variants("Петр")  # registry spelling without ё
    assert latin_variants_ranked("Чернышёв")[:2] == ["Chernyshev", "Chernyshov"]


def test_consonant_digraphs() -> None:
    assert "Zhanna Tsvetkova" in latin_variants("Жанна Цветкова")
    assert {"Shchukin", "Schukin"} <= latin_variants("Щукин")
    assert latin_variants("Чаушев") == {"Chaushev"}


def test_hard_and_soft_signs() -> None:
    assert latin_variants_ranked("Подъячев")[0] == "Podyachev"
    assert {"Ilyin", "Ilin"} <= latin_variants("Ильин")
    assert {"Grigoryev", "Grigoriev", "Grigorev"} <= latin_variants("Григорьев")


def test_ks_becomes_x_inside_a_word_only() -> None:
    assert latin_variants("Максим") == {"Maksim", "Maxim"}
    assert not any(v.startswith("X") for v in latin_variants("Ксения"))
    assert "Ksenia" in latin_variants("Ксения")


def test_final_iy_and_yi() -> None:
    assert {"Yury", "Yuri", "Yuriy", "Yurii", "Iurii"} <= latin_variants("Юрий")
    assert {"Bogdansky", "Bogdanskiy", "Bogdanskii"} <= latin_variants("Богданский")


def test_short_i_after_vowels() -> None:
    assert {"Nikolai", "Nikolay"} <= latin_variants("Николай")
    assert latin_variants_ranked("Толстой")[0] == "Tolstoy"


def test_conventional_english_first_name() -> None:
    ranked = latin_variants_ranked("Александр Галкин")
    assert ranked[0] == "Alexander Galkin"
    assert {"Aleksandr Galkin", "Alexandr Galkin"} <= set(ranked)


def test_every_word_and_hyphen_part_capitalised() -> None:
    assert "Rimsky-Korsakov" in latin_variants("римский-корсаков")
    for variant in latin_variants("Алексей Задорный"):
        assert all(word[0].isupper() for word in variant.split())


def test_non_cyrillic_passes_through() -> None:
    assert latin_variants("Иван Галкин-2") == {"Ivan Galkin-2"}
