import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ward_analysis import ParseError, WardAnalysisError, format_number, parse_number, parse_range
from ward_analysis.read.numbers import missing_reason, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", 2.5),
        ("1.250", 1250.0),
        ("12.345,6", 12345.6),
        ("12.345.678", 12345678.0),
        ("1.234.567,89", 1234567.89),
        ("1.05", 1.05),  # a careless clerk's decimal point: not a thousands group
        ("1.050", 1050.0),  # the Vietnamese convention: one thousand and fifty
        ("0.500", 0.5),  # a thousands group never starts with 0
        ("1,050", 1.05),
        ("80%", 80.0),
        ("80 %", 80.0),
        ("80,0%", 80.0),
        ("80,0 %", 80.0),
        ("1,5 km", 1.5),
        ("0,35km", 0.35),
        ("50 bóng", 50.0),
        ("9.700 triệu đồng", 9700.0),
        ("9,38 tỷ đồng", 9.38),
        ("08", 8.0),
        ("100", 100.0),
        ("-0,5", -0.5),
        ("−1,2 %", -1.2),  # Unicode minus sign
        ("- 3", -3.0),
        ("+2", 2.0),
        ("  76,4%  ", 76.4),
        ("5‰", 5.0),
        ("1.250,5", 1250.5),
        (7, 7.0),
        (76.4, 76.4),
    ],
)
def test_parse_number_reads_vietnamese_figures(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "  ", "-", "–", "…", "...", "x", "X", "chưa có số liệu", "Chưa có số liệu", None]
)
def test_missing_markers_give_nan_and_keep_a_reason(text):
    assert math.isnan(parse_number(text))
    assert missing_reason(text)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("12,345.6", "mixes '.' and ','"),
        ("1.2.3", "neither thousands groups"),
        ("12.34.567", "neither thousands groups"),
        ("1,2,5", "more than one decimal comma"),
        ("5,", "misplaced comma"),
        ("2O%", "stray characters"),
        ("abc", "is not a number"),
        ("đạt 80%", "is not a number"),
        ("3 – 5", "a range, not a single figure"),
        ("từ 3 đến 5", "a range, not a single figure"),
        ("80%%", "stray characters"),
        ("12 km2", "stray characters"),
    ],
)
def test_parse_number_rejects_what_fits_no_reading(text, match):
    with pytest.raises(ParseError, match=match):
        parse_number(text)


def test_parse_error_is_the_packages_own_type():
    with pytest.raises(WardAnalysisError):
        parse_number("nonsense")
    assert issubclass(ParseError, ValueError)


def test_parse_quantity_keeps_the_unit():
    assert parse_quantity("1,5 km") == (1.5, "km")
    assert parse_quantity("80 %") == (80.0, "%")
    assert parse_quantity("9,05 tỷ đồng") == (9.05, "tỷ đồng")
    assert parse_quantity("12") == (12.0, None)


def test_parse_quantity_refuses_yes_no():
    with pytest.raises(ParseError, match="yes/no"):
        parse_quantity(True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 – 5", (3.0, 5.0)),
        ("3 – 5%", (3.0, 5.0)),
        ("3% – 5%", (3.0, 5.0)),
        ("3-5%", (3.0, 5.0)),
        ("08 đến 10", (8.0, 10.0)),
        ("từ 08 đến 10", (8.0, 10.0)),
        ("từ 06 tới 08 đoạn", (6.0, 8.0)),
        ("1,5 — 2,5 km", (1.5, 2.5)),
        ("1.000 – 1.500", (1000.0, 1500.0)),
    ],
)
def test_parse_range(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("5", "is not a range"),
        ("5 – 3", "low end above"),
        ("3 km – 5 %", "different units"),
        ("– 5", "empty end"),
        (None, "is not a range"),
    ],
)
def test_parse_range_errors(text, match):
    with pytest.raises(ParseError, match=match):
        parse_range(text)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1250.5, 1, "vi", "1.250,5"),
        (1250.5, 1, "en", "1,250.5"),
        (79.1, 1, "vi", "79,1"),
        (12345678, 0, "vi", "12.345.678"),
        (-0.04, 1, "vi", "0,0"),
        (math.nan, 1, "vi", "–"),
    ],
)
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang=lang) == expected


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_any_number_formatted_the_vietnamese_way_parses_back(value, decimals):
    text = format_number(value, decimals, lang="vi")
    assert parse_number(text) == pytest.approx(round(value, decimals), abs=10**-decimals)


@given(
    value=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=3),
    unit=st.sampled_from(["%", " %", " km", " triệu đồng", " bóng", ""]),
)
def test_formatted_number_with_a_unit_parses_back(value, decimals, unit):
    text = format_number(value, decimals, lang="vi") + unit
    assert parse_number(text) == pytest.approx(round(value, decimals), abs=10**-decimals)


@given(st.text(max_size=30))
def test_parse_number_raises_only_parse_errors(text):
    try:
        result = parse_number(text)
    except ParseError:
        return
    assert isinstance(result, float)
