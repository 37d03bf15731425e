import pytest

from checker.match.normalise import NormalText, fold, normalise, respell_slips


def test_quotes_dashes_and_spaces_fold_to_one_form():
    assert normalise("«Медуза»\u00a0— “Meduza”  –  ‘x’") == '"Медуза" - "Meduza" - \'x\''


def test_invisible_characters_and_soft_hyphens_vanish():
    assert normalise("ино\u00adагент\u200b") == "иноагент"


def test_yo_is_spelled_e_and_fold_lowers():
    assert fold("  Запрещённая ОРГАНИЗАЦИЯ ") == "запрещенная организация"


def test_compatibility_forms_are_folded():
    assert normalise("ﬁne ＡＢＣ") == "fine ABC"


def test_offsets_map_back_to_the_source():
    source = "Он —\u00a0«иностранный\u00a0\u00a0агент»"
    text = NormalText(source)
    start = text.text.index("агент")
    assert source[text.to_source(start):].startswith("агент")


def test_lower_twin_keeps_length():
    text = NormalText("İstanbul АГЕНТ")
    assert len(text.lower) == len(text.text)


def test_offsets_map_back_through_compatibility_forms():
    source = "𝐀𝐥𝐞𝐤𝐬𝐞𝐢 𝐍𝐚𝐯𝐚𝐥𝐧𝐲 — «иностранный агент» " * 50 + "Белсат"
    text = NormalText(source)
    start = text.text.index("Белсат")
    assert source[text.to_source(start) :] == "Белсат"
    assert source[text.to_source(text.text.index("иностранный")) :].startswith("иностранный")


def test_a_fold_that_makes_text_composable_still_maps_back():
    source = "Ё\u0306 x"  # folded to Е + breve, which NFKC composes into one letter
    text = NormalText(source)
    assert text.text == "Ӗ x"
    assert text.to_source(1) == 2
    assert source[text.to_source(2) :] == "x"


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "a b", " a b ", "a  b", "a\nb", "a\x00 b\x00", "\x00\x00", "a\x1cb", "a\x85b", "a\u2028b",
        "a\x01  b", " \x00 ",
    ],
)
def test_white_space_collapses_as_split_and_join_define_it(text):
    words = " ".join(text.split())
    expected = (" " if text[:1].isspace() else "") + words + (" " if text[-1:].isspace() and words else "")
    assert normalise(text) == (expected if words or not text else " ")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Андрей Мaкаревич", "Андрей Макаревич"),  # a Latin a typed in a Cyrillic word
        ("Eвгений из Xабаровска", "Евгений из Хабаровска"),
        ("в MAXе и в TikTokе", "в MAXе и в TikTokе"),  # Latin brands with a Russian ending
        ("Мeta", "Мeta"),  # more Latin than Cyrillic: not a slip
        ("Pussy Riot", "Pussy Riot"),
    ],
)
def test_latin_letters_typed_in_cyrillic_words_are_read_as_cyrillic(text, read):
    respelled = respell_slips(text, text.lower().encode())
    assert respelled == read and len(respelled) == len(text)

