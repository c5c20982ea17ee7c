import math

import pytest

from ward_analysis import ParseError, load_catalog
from ward_analysis.read.cells import parse_boolean, parse_cell, parse_rating, unit_factor


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def test_amounts_are_converted_to_the_targets_unit(cat):
    assert parse_cell("9,05", cat["1"], unit="Tỷ đồng") == 9050.0
    assert parse_cell("9.050", cat["1"], unit="Triệu đồng") == 9050.0
    assert parse_cell("9,05 tỷ đồng", cat["1"], unit="Triệu đồng") == 9050.0  # the cell's unit wins
    assert parse_cell("9.050", cat["1"]) == 9050.0


def test_lengths_in_metres_become_km(cat):
    assert parse_cell("550 m", cat["2b"], unit="Km") == 0.55
    assert parse_cell("0,55", cat["2b"], unit="km") == 0.55


def test_per_mille_becomes_percent(cat):
    assert parse_cell("10,5‰", cat["3"]) == 1.05


def test_counts_accept_their_nouns(cat):
    assert parse_cell("12", cat["2e"], unit="Bóng") == 12.0
    assert parse_cell("12 bóng", cat["2e"]) == 12.0


@pytest.mark.parametrize(
    ("raw", "target", "unit", "match"),
    [
        ("130%", "4", "%", r"130 % is impossible for this share \(allowed 0 to 100\)"),
        ("-5%", "4", "%", r"-5 % is impossible for this share"),
        ("2,5", "2a", "Đường", "a count must be a whole number, not 2,5"),
        ("2", "2a", "km", "unit 'km' is not a unit for counting"),
        ("80", "4", "người", "unit 'người' does not fit this target, which is measured in %"),
        ("2,5", "2b", "%", "unit '%' does not fit this target, which is measured in km"),
        ("=B5*100", "4", "%", "formula '=B5\\*100' with no saved result"),
        ("cao", "4", "%", "'cao' is not a number"),
    ],
)
def test_implausible_or_mismatched_values_are_refused(cat, raw, target, unit, match):
    with pytest.raises(ParseError, match=match):
        parse_cell(raw, cat[target], unit=unit)


def test_population_growth_may_be_negative(cat):
    assert parse_cell("-0,2%", cat["3"]) == -0.2


def test_missing_marker_gives_nan(cat):
    assert math.isnan(parse_cell("-", cat["4"]))
    assert math.isnan(parse_cell("chưa có số liệu", cat["19"]))
    assert math.isnan(parse_cell(None, cat["9"]))
    assert math.isnan(parse_cell("", cat["10b"]))


@pytest.mark.parametrize(("raw", "expected"), [("Đạt", 1.0), ("đạt", 1.0), ("Có", 1.0),
                                               ("Không đạt", 0.0), ("Chưa đạt", 0.0), ("KHÔNG", 0.0)])  # fmt: skip
def test_yes_no(raw, expected):
    assert parse_boolean(raw) == expected


def test_yes_no_refuses_other_words():
    with pytest.raises(ParseError, match="'Tốt' is not a yes/no value"):
        parse_boolean("Tốt")


@pytest.mark.parametrize(
    ("raw", "target", "rank"),
    [
        ("Khá", "10b", 2.0),
        ("khá", "10b", 2.0),
        ("Giỏi", "10b", 3.0),
        ("Tốt", "10b", 3.0),  # alias of Giỏi
        ("Yếu", "10b", 0.0),
        ("Hoàn thành tốt nhiệm vụ", "20a", 2.0),
        ("Hoàn thành tốt", "20a", 2.0),
        ("HTXSNV", "20a", 3.0),
        ("Hoàn thành nhiệm vụ", "20b", 1.0),
        ("Không hoàn thành nhiệm vụ", "20b", 0.0),
    ],
)
def test_ratings_map_onto_the_catalog_scale(cat, raw, target, rank):
    assert parse_rating(raw, cat[target]) == rank


def test_rating_outside_the_scale_is_refused(cat):
    with pytest.raises(
        ParseError,
        match=r"'Trung bình khá' is not a level of the rating scale \(Yếu < Trung bình < Khá",
    ):
        parse_rating("Trung bình khá", cat["10b"])


def test_plan_wording_is_accepted_only_for_plans(cat):
    assert parse_cell("≥ 85%", cat["8a"], plan=True) == 85.0
    assert parse_cell("80% trở lên", cat["13"], plan=True) == 80.0
    assert parse_cell("Khá trở lên", cat["10b"], plan=True) == 2.0
    with pytest.raises(ParseError):
        parse_cell("≥ 85%", cat["8a"])


def test_unit_factor_blank_unit_is_the_targets_own(cat):
    assert unit_factor(None, cat["1"]) == 1.0
    assert unit_factor("  ", cat["1"]) == 1.0
    assert unit_factor("tỷ đồng", cat["1"]) == 1000.0
