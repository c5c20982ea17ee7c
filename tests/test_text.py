import unicodedata

from ward_analysis.text import match_key, nfc, strip_diacritics, without_parentheses


def test_nfc_joins_decomposed_vietnamese_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "Tỷ lệ  hộ nghèo\n")
    assert decomposed != "Tỷ lệ hộ nghèo"
    assert nfc(decomposed) == "Tỷ lệ hộ nghèo"


def test_match_key_ignores_case_space_punctuation_and_diacritics():
    assert (
        match_key("Tỷ lệ BHYT")
        == match_key("tỷ lệ   bhyt")
        == match_key("Ty le BHYT")
        == "ty le bhyt"
    )
    assert match_key("Xây dựng LLDQ, giao quân") == "xay dung lldq giao quan"
    assert match_key(unicodedata.normalize("NFD", "Đảng bộ")) == "dang bo"


def test_strip_diacritics_maps_d_with_stroke():
    assert strip_diacritics("Đường đi") == "Duong di"


def test_without_parentheses_removes_nested_qualifiers():
    assert (
        without_parentheses("Tỷ lệ hộ nghèo (theo chuẩn (2016 – 2020))").strip() == "Tỷ lệ hộ nghèo"
    )
