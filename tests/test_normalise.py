from checker.normalise import NormalText, fold, normalise


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
