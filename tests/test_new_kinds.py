"""The four kinds of target real resolutions set beyond a level, a yearly floor, a total and an
average growth (issue 15), and a ceiling on an average growth: their catalog checks,
hand-worked assessments, properties, sentences in both languages, charts, the pace table, the
backtest's rows and baselines, and one small catalog of all of them through a year report.

Terms are 2020–2025 (first counted year 2021) unless said otherwise; each hand-worked figure
is written out beside its test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ward_analysis as wa
from ward_analysis import CatalogError
from ward_analysis.errors import UnitsError
from ward_analysis.model import kinds
from ward_analysis.present.charts import legend_html, target_spec
from ward_analysis.present.format import relative_goal
from ward_analysis.present.locale import COLOURS, LOCALES
from ward_analysis.present.summary import clause_text
from ward_analysis.schema import OBSERVATION_COLUMNS, STATUSES

from .conftest import make_catalog, obs_frame

FALL = {"id": "1", "kind": "change_per_year", "measure": "share", "comparator": ">=",
        "threshold": 0.5, "direction": "down", "change_unit": "points",
        "name_vi": "Tỷ lệ hộ nghèo", "name_en": "Poor households"}  # fmt: skip
RISE_PERCENT = {"id": "2", "kind": "change_per_year", "measure": "amount", "comparator": ">=",
                "threshold": 5, "direction": "up", "change_unit": "percent",
                "unit_of_measure": "triệu đồng"}  # fmt: skip
ABOUT = {"id": "3", "kind": "about", "measure": "share", "comparator": "==", "threshold": 65,
         "upper": 70, "name_vi": "Tỷ lệ che phủ rừng", "name_en": "Forest cover"}  # fmt: skip
BY_2023 = {"id": "4", "kind": "by_year", "measure": "share", "comparator": ">=", "threshold": 90,
           "year": 2023, "name_vi": "Tỷ lệ trường đạt chuẩn", "name_en": "Schools up to standard"}  # fmt: skip
BELOW_PROVINCE = {"id": "5", "kind": "relative", "measure": "share", "comparator": "<",
                  "threshold": 0, "reference": "gia_lai",
                  "name_vi": "Tỷ lệ hộ nghèo so với bình quân của tỉnh",
                  "name_en": "Poverty against the province"}  # fmt: skip
GROWTH_CEILING = {"id": "6", "kind": "average_growth", "measure": "count", "comparator": "<",
                  "threshold": 1, "unit_of_measure": "người",
                  "name_vi": "Tốc độ tăng dân số", "name_en": "Population growth"}  # fmt: skip
UNIT = "Phường Thử"


def one(frame: pd.DataFrame, target_id: str, unit: str = UNIT) -> pd.Series:
    row = frame[(frame["target_id"] == target_id) & (frame["unit"] == unit)]
    assert len(row) == 1, row
    return row.iloc[0]


def said(catalog, assessment, target_id: str, lang: str, unit: str = UNIT) -> str:
    d = wa.describe(assessment, catalog, lang=lang)
    return one(d, target_id, unit)["explanation"]


def reference_rows(values: dict[int, float], target_id: str = "5", unit: str = "gia_lai"):
    return obs_frame({target_id: values}, unit=unit)


# --- the catalog: each kind's fields and checks ------------------------------------------------


@pytest.mark.parametrize(
    "entry, match",
    [
        (FALL | {"direction": None}, "direction: a change-per-year target needs its direction"),
        (FALL | {"change_unit": None}, "change_unit: .*'points'.*'percent'"),
        (FALL | {"threshold": -0.5}, "threshold: the size of the yearly change, -0.5, must not"),
        (FALL | {"base_value": 120}, r"base_value: 120 is outside the possible values of a share"),
        (
            FALL | {"measure": "boolean", "threshold": "Đạt", "comparator": "=="},
            "a change per year is a change of a figure",
        ),
        ({**ABOUT, "comparator": ">="}, "an 'about' target is near its threshold both ways"),
        ({**ABOUT, "tolerance": 0}, "tolerance"),
        ({**BY_2023, "year": None}, r"year: a by-year target needs the year .*\(2021 to 2024"),
        ({**BY_2023, "year": 2025}, "year: 2025 is not inside the term"),
        ({**BY_2023, "year": 2020}, "year: 2020 is not inside the term"),
        ({**BELOW_PROVINCE, "reference": None}, "reference: a relative target needs the code"),
        (
            {**BELOW_PROVINCE, "comparator": ">=", "upper": 2},
            "upper: a relative target compares with one figure",
        ),
        ({**GROWTH_CEILING, "upper": 2}, "upper: a range .* needs the comparator '>=' or '>'"),
        ({**GROWTH_CEILING, "comparator": "=="}, "'==' only fits yes/no targets"),
    ],
)
def test_each_kind_checks_its_own_fields(tmp_path, entry, match):
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(CatalogError, match=match):
        make_catalog(tmp_path, entry)


@pytest.mark.parametrize(
    "field, value",
    [("direction", "down"), ("change_unit", "points"), ("base_value", 3.0), ("tolerance", 2.0),
     ("year", 2023), ("reference", "gia_lai"), ("reference_target", "4")],
)  # fmt: skip
def test_a_field_of_another_kind_is_refused_naming_the_kinds_that_take_it(tmp_path, field, value):
    entry = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=",
             "threshold": 80, field: value}  # fmt: skip
    owner = next(k for k in kinds.names() if field in kinds.get(k).fields)
    with pytest.raises(CatalogError, match=rf"{field}: only a target of kind '{owner}' has a"):
        make_catalog(tmp_path, entry)


def test_a_ceiling_on_an_average_growth_is_a_valid_target(tmp_path):
    at_most = GROWTH_CEILING | {"id": "7", "comparator": "<=", "name_vi": "Tăng dân số"}
    catalog = make_catalog(tmp_path, GROWTH_CEILING, at_most)
    assert [t.comparator for t in catalog] == ["<", "<="]


def test_figures_from_names_another_target_of_the_same_measure(tmp_path):
    level = {"id": "5", "kind": "end_level", "measure": "share", "comparator": "<", "threshold": 1}
    fall = FALL | {"id": "6", "figures_from": "5", "name_vi": "Mức giảm"}
    catalog = make_catalog(tmp_path, level, fall)
    assert catalog["6"].figures_from == "5"
    for bad, match in [
        (fall | {"figures_from": "9"}, "'9' is no target of the catalog"),
        (fall | {"figures_from": "6"}, "'6' is itself"),
        (fall | {"unit_of_measure": "‰"}, "measured as a share in '%'"),
    ]:
        with pytest.raises(CatalogError, match=match):
            make_catalog(tmp_path, level, bad)
    chain = FALL | {"id": "7", "figures_from": "6", "name_vi": "x7"}
    with pytest.raises(CatalogError, match="target '6' takes its own figures from '5'"):
        make_catalog(tmp_path, level, fall, chain)


# --- change_per_year ---------------------------------------------------------------------------


def test_change_per_year_final_verdicts_by_hand(tmp_path):
    catalog = make_catalog(tmp_path, FALL, RISE_PERCENT)
    # down ≥ 0.5 points a year from 10 % (2020): 2025 at most 10 − 0.5 × 5 = 7.5 %
    met = obs_frame({"1": {2020: 10.0, 2023: 8.4, 2025: 7.0}, "2": {2020: 100, 2025: 127.63}})
    a = wa.assess(catalog, met, 2025)
    r = one(a, "1")
    assert (r["status"], r["probability"]) == ("achieved", 1.0)
    assert r["projected_value"] == pytest.approx(0.6)  # (10 − 7) / 5 points a year
    assert r["latest_value"] == pytest.approx(0.6)
    # up ≥ 5 % a year, compounded, from 100: 127.63 is (1.2763)^(1/5) − 1 = 5.0004 %
    assert one(a, "2")["status"] == "achieved"
    assert one(a, "2")["projected_value"] == pytest.approx(5.0004, abs=1e-4)
    short = obs_frame({"1": {2020: 10.0, 2025: 8.0}, "2": {2020: 100, 2025: 127.0}})
    b = wa.assess(catalog, short, 2025)
    assert one(b, "1")["status"] == "missed" and one(b, "1")["projected_value"] == pytest.approx(
        0.4
    )
    assert one(b, "2")["status"] == "missed"  # 127 is 4.9 % a year
    assert "giai đoạn 2020–2025 giảm bình quân 0,60 điểm %/năm" in said(catalog, a, "1", "vi")
    assert "chỉ tiêu giảm bình quân 0,5 điểm %/năm: đã đạt" in said(catalog, a, "1", "vi")
    assert "down 0.40 pts/year on average over 2020–2025" in said(catalog, b, "1", "en")
    assert "target down at least 0.5 pts/year on average: not met" in said(catalog, b, "1", "en")


def test_change_per_year_pace_so_far_and_still_needed(tmp_path):
    catalog = make_catalog(tmp_path, FALL)
    a = wa.assess(catalog, obs_frame({"1": {2020: 10.0, 2021: 9.6, 2022: 9.2}}), 2022)
    r = one(a, "1")
    # so far (10 − 9.2) / 2 = 0.4 a year; still needed (9.2 − 7.5) / 3 = 0.5667 a year
    assert r["actual_pace"] == pytest.approx(0.4) and r["latest_value"] == pytest.approx(0.4)
    assert r["required_pace"] == pytest.approx(1.7 / 3)
    assert r["pace_ratio"] == pytest.approx(0.4 / (1.7 / 3))
    text = said(catalog, a, "1", "vi")
    assert "giai đoạn 2020–2022 giảm bình quân 0,40 điểm %/năm" in text
    assert "các năm còn lại cần giảm bình quân 0,57 điểm %/năm" in text
    assert "down 0.57 pts/year on average needed in the years left" in said(catalog, a, "1", "en")


def test_change_per_year_on_track_and_off_track(tmp_path):
    catalog = make_catalog(tmp_path, FALL)
    steady = {2020: 10.0, 2021: 9.3, 2022: 8.6, 2023: 7.9}  # 0.7 a year: 7.5 reached by 2024
    flat = {2020: 10.0, 2021: 10.1, 2022: 9.9, 2023: 10.0}
    obs = pd.concat([obs_frame({"1": steady}, unit="A"), obs_frame({"1": flat}, unit="B")])
    a = wa.assess(catalog, obs, 2023)
    assert one(a, "1", "A")["status"] == "on_track" and one(a, "1", "A")["probability"] > 0.7
    assert one(a, "1", "B")["status"] == "off_track" and one(a, "1", "B")["probability"] < 0.3


def test_change_per_year_without_a_base_cannot_be_assessed(tmp_path):
    catalog = make_catalog(tmp_path, FALL)
    a = wa.assess(catalog, obs_frame({"1": {2021: 9.0, 2022: 8.0}}), 2022)
    r = one(a, "1")
    assert (r["status"], r["method"]) == ("insufficient_data", "needs_base")
    assert math.isnan(r["probability"])
    assert said(catalog, a, "1", "vi") == (
        "Tỷ lệ hộ nghèo: cần số liệu năm gốc 2020 (hoặc mức năm gốc nêu trong nghị quyết) và ít "
        "nhất một năm sau để tính mức giảm bình quân hằng năm."
    )
    assert "needs the 2020 base-year figure" in said(catalog, a, "1", "en")


def test_the_resolutions_base_value_comes_before_the_data(tmp_path):
    catalog = make_catalog(tmp_path, FALL | {"base_value": 10.0})
    # no 2020 figure in the data: the resolution's 10 % is the base (and a figure of the trend)
    a = wa.assess(catalog, obs_frame({"1": {2021: 9.4, 2022: 8.8, 2023: 8.2}}), 2023)
    r = one(a, "1")
    assert r["latest_value"] == pytest.approx(0.6)  # (10 − 8.2) / 3
    assert r["required_pace"] == pytest.approx(0.35)  # (8.2 − 7.5) / 2
    assert r["probability"] > 0.5 and r["method"] == "logit_trend"
    without = make_catalog(tmp_path, FALL)  # the same figures with no base: not assessed
    assert one(wa.assess(without, obs_frame({"1": {2021: 9.4, 2022: 8.8, 2023: 8.2}}), 2023),
               "1")["status"] == "insufficient_data"  # fmt: skip
    # a 2020 figure in the data does not replace the resolution's
    b = wa.assess(catalog, obs_frame({"1": {2020: 12.0, 2021: 9.4, 2022: 8.8, 2023: 8.2}}), 2023)
    assert one(b, "1")["latest_value"] == pytest.approx(0.6)


def test_a_change_faster_than_the_range_is_said_above_it(tmp_path):
    catalog = make_catalog(tmp_path, FALL | {"threshold": 0.5, "upper": 1.0})
    a = wa.assess(catalog, obs_frame({"1": {2020: 10.0, 2025: 2.5}}), 2025)  # 1.5 a year
    assert one(a, "1")["status"] == "achieved" and bool(one(a, "1")["above_range"])
    assert "đã đạt (vượt mức cao nhất 1 điểm %/năm)" in said(catalog, a, "1", "vi")


# --- about -------------------------------------------------------------------------------------


def test_about_band_is_the_threshold_give_or_take_the_tolerance(tmp_path):
    from ward_analysis.model.kinds.about import band

    catalog = make_catalog(
        tmp_path,
        ABOUT,
        ABOUT | {"id": "7", "upper": None, "threshold": 80, "name_vi": "b"},
        ABOUT | {"id": "8", "upper": None, "threshold": 80, "tolerance": 1, "name_vi": "c"},
        ABOUT | {"id": "9", "upper": None, "threshold": 1000, "measure": "amount",
                 "unit_of_measure": "triệu đồng", "name_vi": "d"},
    )  # fmt: skip
    assert band(catalog["3"]) == (63, 72)  # 65–70, ± 2 points (the default of a share)
    assert band(catalog["7"]) == (78, 82)
    assert band(catalog["8"]) == (79, 81)  # the catalog's own tolerance
    assert band(catalog["9"]) == (950, 1050)  # ± 5 % of the threshold


@pytest.mark.parametrize(
    "final, status", [(62.9, "missed"), (63.0, "achieved"), (68.0, "achieved"), (72.0, "achieved"),
                      (72.1, "missed")],
)  # fmt: skip
def test_about_is_met_inside_the_band_and_missed_on_both_sides(tmp_path, final, status):
    catalog = make_catalog(tmp_path, ABOUT)
    a = wa.assess(catalog, obs_frame({"3": {2020: 60.0, 2023: 63.0, 2025: final}}), 2025)
    assert one(a, "3")["status"] == status
    assert one(a, "3")["probability"] == (1.0 if status == "achieved" else 0.0)


def test_about_probability_is_of_landing_inside_the_band(tmp_path):
    catalog = make_catalog(tmp_path, ABOUT)
    near = {2020: 60.0, 2021: 62.0, 2022: 64.0, 2023: 66.0}  # heading for the middle
    past = {2020: 70.0, 2021: 76.0, 2022: 82.0, 2023: 88.0}  # rushing through the top
    low = {2020: 30.0, 2021: 30.5, 2022: 30.2, 2023: 30.4}  # far below, not moving
    obs = pd.concat(
        [obs_frame({"3": s}, unit=u) for u, s in (("A", near), ("B", past), ("C", low))]
    )
    a = wa.assess(catalog, obs, 2023)
    p = {u: one(a, "3", u)["probability"] for u in "ABC"}
    assert p["A"] > p["B"] and p["A"] > p["C"]
    assert all(0 <= v <= 1 for v in p.values())
    assert one(a, "3", "B")["status"] == "off_track" and one(a, "3", "C")["status"] == "off_track"


def test_an_assumed_tolerance_is_said_in_the_notes_in_both_languages(tmp_path):
    from ward_analysis.present.notes import data_notes

    catalog = make_catalog(tmp_path, ABOUT, ABOUT | {"id": "7", "tolerance": 1, "name_vi": "x"})
    obs = obs_frame({"3": {2020: 60.0}, "7": {2020: 60.0}})
    vi = [n.text for n in data_notes(catalog, obs, None, UNIT, 2021, lang="vi")]
    en = [n.text for n in data_notes(catalog, obs, None, UNIT, 2021, lang="en")]
    assert vi == [
        "Chỉ tiêu 3 (Tỷ lệ che phủ rừng): nghị quyết ghi “khoảng” nhưng không nêu mức chênh lệch "
        "cho phép; được hiểu là đạt khi kết quả năm 2025 nằm trong khoảng từ 63 % đến 72 %, tức "
        "chỉ tiêu cộng, trừ 2 điểm phần trăm (mức mặc định của công cụ)."
    ]  # target 7 states its tolerance: nothing assumed
    assert en == [
        "Target 3 (Forest cover): the resolution says “about” but gives no margin; read as met "
        "when the 2025 figure is 63% to 72%, the target give or take 2 pts (the tool's default)."
    ]


# --- by_year -----------------------------------------------------------------------------------


def test_by_year_is_settled_by_its_years_figure(tmp_path):
    catalog = make_catalog(tmp_path, BY_2023)
    met = obs_frame({"4": {2020: 80.0, 2022: 86.0, 2023: 92.0, 2024: 85.0, 2025: 84.0}})
    for as_of in (2023, 2024, 2025):  # later falls do not undo a level reached in its year
        r = one(wa.assess(catalog, met, as_of), "4")
        assert (r["status"], r["probability"]) == ("achieved", 1.0)
    missed = obs_frame({"4": {2020: 80.0, 2023: 88.0, 2024: 95.0}})
    assert one(wa.assess(catalog, missed, 2024), "4")["status"] == "missed"
    a = wa.assess(catalog, met, 2025)
    assert said(catalog, a, "4", "vi") == (
        "Tỷ lệ trường đạt chuẩn năm 2023 đạt 92,0 %; chỉ tiêu đến năm 2023 (90 %): đã đạt."
    )
    assert said(catalog, a, "4", "en") == (
        "Schools up to standard: 92.0% in 2023; target at least 90% by 2023: met."
    )


def test_by_year_is_an_end_level_due_in_its_year(tmp_path):
    """Before its year, a by-year target is assessed exactly as an end-of-term level of a term
    ending that year: the same code, not a copy of it."""
    by_year = make_catalog(tmp_path, BY_2023)
    doc = {"unit": UNIT, "base_year": 2020, "first_year": 2021, "target_year": 2023,
           "targets": [{**BY_2023, "kind": "end_level", "year": None, "item": 4,
                        "text_vi": "x", "unit_of_measure": "%"}]}  # fmt: skip
    doc["targets"] = [{k: v for k, v in t.items() if v is not None} for t in doc["targets"]]
    path = tmp_path / "end.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    end_level = wa.load_catalog(path)
    obs = obs_frame({"4": {2020: 80.0, 2021: 83.0, 2022: 86.5}})
    a, b = one(wa.assess(by_year, obs, 2022), "4"), one(wa.assess(end_level, obs, 2022), "4")
    for column in ("status", "probability", "projected_value", "projected_low", "required_pace"):
        assert a[column] == pytest.approx(b[column]), column
    text = said(by_year, wa.assess(by_year, obs, 2022), "4", "vi")
    assert "dự báo năm 2023 đạt" in text and "xác suất đạt chỉ tiêu đến năm 2023 (90 %)" in text


# --- relative ----------------------------------------------------------------------------------
# gia_lai is the shipped registry's province (data/raw/units.yaml: "Tỉnh Gia Lai"), which names
# it in the sentences of a catalog read with the default registry


def test_relative_final_verdicts_against_the_reference(tmp_path):
    catalog = make_catalog(tmp_path, BELOW_PROVINCE)
    ref = reference_rows({2020: 4.0, 2025: 3.0})
    below = pd.concat([obs_frame({"5": {2020: 3.5, 2025: 2.0}}), ref])
    a = wa.assess(catalog, below, 2025)
    assert set(a["unit"]) == {UNIT}  # the province is read, not assessed against the ward's list
    r = one(a, "5")
    assert (r["status"], r["probability"]) == ("achieved", 1.0)
    assert (r["detail_year"], r["detail_value"]) == (2025, 3.0)
    assert said(catalog, a, "5", "vi") == (
        "Tỷ lệ hộ nghèo so với bình quân của tỉnh năm 2025 là 2,0 %, mức của tỉnh Gia Lai là "
        "3,0 %; chỉ tiêu thấp hơn mức của tỉnh Gia Lai: đã đạt."
    )
    above = pd.concat([obs_frame({"5": {2020: 3.5, 2025: 3.2}}), ref])
    b = wa.assess(catalog, above, 2025)
    assert one(b, "5")["status"] == "missed"
    assert said(catalog, b, "5", "en") == (
        "Poverty against the province: 3.2% in 2025 against 3.0% for Tỉnh Gia Lai; target below "
        "the figure of Tỉnh Gia Lai: not met."
    )


def test_relative_with_an_offset_compares_the_difference(tmp_path):
    # "lower than the province's by more than 1 point": own − province < −1
    catalog = make_catalog(tmp_path, BELOW_PROVINCE | {"threshold": -1})
    ref = reference_rows({2025: 3.0})
    a = wa.assess(catalog, pd.concat([obs_frame({"5": {2025: 1.5}}), ref]), 2025)
    b = wa.assess(catalog, pd.concat([obs_frame({"5": {2025: 2.5}}), ref]), 2025)
    assert one(a, "5")["status"] == "achieved" and one(b, "5")["status"] == "missed"
    assert "chỉ tiêu thấp hơn mức của tỉnh Gia Lai trên 1 điểm phần trăm: đã đạt" in said(
        catalog, a, "5", "vi"
    )
    assert "target more than 1 pt below the figure of Tỉnh Gia Lai: met" in said(
        catalog, a, "5", "en"
    )


@pytest.mark.parametrize(
    "comparator, threshold, vi, en",
    [
        ("<", -1, "thấp hơn mức của tỉnh Gia Lai trên 1 điểm phần trăm",
         "more than 1 pt below the figure of Tỉnh Gia Lai"),
        ("<=", -1, "thấp hơn mức của tỉnh Gia Lai ít nhất 1 điểm phần trăm",
         "at least 1 pt below the figure of Tỉnh Gia Lai"),
        (">", -1, "không thấp hơn mức của tỉnh Gia Lai từ 1 điểm phần trăm trở lên",
         "less than 1 pt below the figure of Tỉnh Gia Lai, or above it"),
        (">=", -0.5, "không thấp hơn mức của tỉnh Gia Lai quá 0,5 điểm phần trăm",
         "at most 0.5 pts below the figure of Tỉnh Gia Lai, or above it"),
        ("<", 2, "không cao hơn mức của tỉnh Gia Lai từ 2 điểm phần trăm trở lên",
         "less than 2 pts above the figure of Tỉnh Gia Lai, or below it"),
        ("<=", 2, "không cao hơn mức của tỉnh Gia Lai quá 2 điểm phần trăm",
         "at most 2 pts above the figure of Tỉnh Gia Lai, or below it"),
        (">", 1, "cao hơn mức của tỉnh Gia Lai trên 1 điểm phần trăm",
         "more than 1 pt above the figure of Tỉnh Gia Lai"),
        (">=", 1, "cao hơn mức của tỉnh Gia Lai ít nhất 1 điểm phần trăm",
         "at least 1 pt above the figure of Tỉnh Gia Lai"),
        (">=", 0, "không thấp hơn mức của tỉnh Gia Lai", "not below the figure of Tỉnh Gia Lai"),
    ],
)  # fmt: skip
def test_an_offset_from_the_unit_compared_with_reads_as_a_gap_in_points(
    tmp_path, comparator, threshold, vi, en
):
    """The unit's figure minus the reference's against a threshold, said as officials say it:
    lower or higher by more / at least / less / at most so many percentage points (a gap of
    two shares is in points, not %); an amount's gap in its own unit."""
    catalog = make_catalog(tmp_path, BELOW_PROVINCE | {"comparator": comparator,
                                                       "threshold": threshold})  # fmt: skip
    assert (relative_goal(catalog["5"], "vi"), relative_goal(catalog["5"], "en")) == (vi, en)
    money = make_catalog(tmp_path, BELOW_PROVINCE | {"measure": "amount", "comparator": ">",
                                                     "threshold": 500, "unit_of_measure": "triệu đồng"})  # fmt: skip
    assert relative_goal(money["5"], "vi") == "cao hơn mức của tỉnh Gia Lai trên 500 triệu đồng"


def test_relative_without_the_references_figures(tmp_path):
    catalog = make_catalog(tmp_path, BELOW_PROVINCE)
    a = wa.assess(catalog, obs_frame({"5": {2020: 3.5, 2021: 3.2}}), 2021)
    r = one(a, "5")
    assert (r["status"], r["method"]) == ("insufficient_data", "needs_reference")
    assert said(catalog, a, "5", "vi") == (
        "Tỷ lệ hộ nghèo so với bình quân của tỉnh: chưa có số liệu của tỉnh Gia Lai để so sánh."
    )
    assert said(catalog, a, "5", "en") == (
        "Poverty against the province: no figures of Tỉnh Gia Lai to compare with."
    )


def test_relative_forecast_weighs_both_series(tmp_path):
    catalog = make_catalog(tmp_path, BELOW_PROVINCE)
    ref = reference_rows({2020: 4.0, 2021: 3.8, 2022: 3.6, 2023: 3.4})
    fast = {2020: 4.2, 2021: 3.7, 2022: 3.2, 2023: 2.7}  # below the province since 2021, falling
    slow = {2020: 6.0, 2021: 6.1, 2022: 5.9, 2023: 6.0}  # far above it, flat
    obs = pd.concat([obs_frame({"5": fast}, unit="A"), obs_frame({"5": slow}, unit="B"), ref])
    a = wa.assess(catalog, obs, 2023)
    assert sorted(a["unit"]) == ["A", "B"]
    assert one(a, "5", "A")["status"] == "on_track" and one(a, "5", "B")["status"] == "off_track"
    assert one(a, "5", "A")["detail_value"] == pytest.approx(3.4)
    # the gap: +0.2 in 2020, −0.7 in 2023: it moved −0.3 a year; none more is needed (0 − −0.7)
    assert one(a, "5", "A")["actual_pace"] == pytest.approx(-0.3)
    assert one(a, "5", "A")["required_pace"] == pytest.approx(0.7 / 2)
    text = said(catalog, a, "5", "vi", unit="A")
    assert text.startswith(
        "Tỷ lệ hộ nghèo so với bình quân của tỉnh năm 2023 là 2,7 %, mức của tỉnh Gia Lai năm 2023 "
        "là 3,4 %;"
    )
    assert "xác suất đạt chỉ tiêu (thấp hơn mức của tỉnh Gia Lai):" in text


REGISTRY = (
    "units:\n"
    "  - {code: thu, name: Phường Thử, kind: phường, parent: Tỉnh Gia Lai, catalogs: [catalog.yaml]}\n"
    "  - {code: gia_lai, name: Tỉnh Gia Lai, kind: tỉnh}\n"
)


def _registry(tmp_path, text: str = REGISTRY):
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_unit_compared_with_is_named_by_the_registry_else_the_catalog_else_its_code(tmp_path):
    """One source for a unit's name: the registry of units when it holds the code (its name in
    both languages; "tỉnh" in lower case inside a Vietnamese sentence), else the catalog's
    reference_name_vi / reference_name_en (English falls back on the Vietnamese, the unit's
    official name), else its code."""
    entries = [
        BELOW_PROVINCE,
        BELOW_PROVINCE | {"id": "6", "name_vi": "b", "name_en": "b", "reference": "dak_lak",
                          "reference_name_vi": "Tỉnh Đắk Lắk", "reference_name_en": "Đắk Lắk province"},
        BELOW_PROVINCE | {"id": "7", "name_vi": "c", "name_en": "c", "reference": "binh_dinh",
                          "reference_name_vi": "tỉnh Bình Định"},
        BELOW_PROVINCE | {"id": "8", "name_vi": "d", "name_en": "d", "reference": "kon_tum"},
    ]  # fmt: skip
    make_catalog(tmp_path, *entries)
    catalog = wa.load_catalog(tmp_path / "catalog.yaml", units_path=_registry(tmp_path))
    a = wa.assess(catalog, obs_frame({tid: {2020: 3.5} for tid in "5678"}), 2020)
    assert set(a["method"]) == {"needs_reference"}
    vi = {tid: said(catalog, a, tid, "vi").split(": ", 1)[1] for tid in "5678"}
    en = {tid: said(catalog, a, tid, "en").split(": ", 1)[1] for tid in "5678"}
    assert vi == {"5": "chưa có số liệu của tỉnh Gia Lai để so sánh.",
                  "6": "chưa có số liệu của tỉnh Đắk Lắk để so sánh.",
                  "7": "chưa có số liệu của tỉnh Bình Định để so sánh.",
                  "8": "chưa có số liệu của kon_tum để so sánh."}  # fmt: skip
    assert en == {"5": "no figures of Tỉnh Gia Lai to compare with.",
                  "6": "no figures of Đắk Lắk province to compare with.",
                  "7": "no figures of tỉnh Bình Định to compare with.",
                  "8": "no figures of kon_tum to compare with."}  # fmt: skip
    # the registry's name, in both languages, from the registry given
    renamed = _registry(tmp_path, REGISTRY.replace("name: Tỉnh Gia Lai", "name: Thành phố Thử"))
    catalog = wa.load_catalog(tmp_path / "catalog.yaml", units_path=renamed)
    assert (catalog["5"].reference_name("vi"), catalog["5"].reference_name("en")) == (
        "Thành phố Thử", "Thành phố Thử")  # fmt: skip
    assert relative_goal(catalog["5"], "vi") == "thấp hơn mức của thành phố Thử"
    assert relative_goal(catalog["5"], "en") == "below the figure of Thành phố Thử"
    with pytest.raises(UnitsError, match=r"absent\.yaml: registry of units not found"):
        wa.load_catalog(tmp_path / "catalog.yaml", units_path=tmp_path / "absent.yaml")


def test_a_name_of_the_unit_compared_with_has_one_source(tmp_path):
    registry = _registry(tmp_path)
    message = (r"target '5': field 'reference_name_vi': 'Gia Lai', but the registry of units "
               r"\(.*units.yaml\) names 'gia_lai' 'Tỉnh Gia Lai'; leave the field out")  # fmt: skip
    with pytest.raises(CatalogError, match=message):  # the default registry: the shipped one
        make_catalog(tmp_path, BELOW_PROVINCE | {"reference_name_vi": "Gia Lai"})
    with pytest.raises(CatalogError, match=message):
        wa.load_catalog(tmp_path / "catalog.yaml", units_path=registry)
    # the registry's own name repeated is no second name
    make_catalog(tmp_path, BELOW_PROVINCE | {"reference_name_vi": "Tỉnh Gia Lai"})
    again = wa.load_catalog(tmp_path / "catalog.yaml", units_path=registry)
    assert again["5"].reference_name("en") == "Tỉnh Gia Lai"
    with pytest.raises(CatalogError, match="give one name for each unit compared with"):
        make_catalog(tmp_path, BELOW_PROVINCE | {"reference": "dak_lak", "reference_name_vi": "A"},
                     BELOW_PROVINCE | {"id": "6", "name_vi": "b", "reference": "dak_lak",
                                       "reference_name_vi": "B"})  # fmt: skip
    with pytest.raises(CatalogError, match="reference_name_en: only a target of kind 'relative'"):
        make_catalog(tmp_path, ABOUT | {"reference_name_en": "Gia Lai province"})


def test_the_reports_rest_on_the_registry_that_names_the_unit_compared_with(tmp_path):
    """The registry is passed to the report notebooks and is one of the files a page rests on
    (a new name rebuilds it), for a catalog that compares with another unit only."""
    from ward_analysis.build.run import TERM_NOTEBOOK, YEAR_NOTEBOOK, unit_jobs

    registry = _registry(tmp_path)
    for entries, rests in (([BELOW_PROVINCE], True), ([ABOUT], False)):
        catalog = make_catalog(tmp_path, *entries)
        jobs = unit_jobs(catalog, [2021], lang="vi", out=tmp_path / "r", processed=tmp_path / "p",
                         unit=None, overrides_path=None, notebooks=[YEAR_NOTEBOOK, TERM_NOTEBOOK],
                         units_path=registry)  # fmt: skip
        assert len(jobs) == 2
        for job in jobs:
            assert (job.parameters.get("units_path") == str(registry)) is rests
            assert (registry in job.data_files) is rests
    obs = pd.concat([obs_frame({"5": {2020: 3.5, 2021: 3.0}}), reference_rows({2021: 4.0})])
    obs_path = tmp_path / "observations.csv"
    obs.reindex(columns=OBSERVATION_COLUMNS).to_csv(obs_path, index=False)
    make_catalog(tmp_path, BELOW_PROVINCE)
    renamed = _registry(tmp_path, REGISTRY.replace("name: Tỉnh Gia Lai", "name: Thành phố Thử"))
    report = wa.year_report(2021, catalog_path=tmp_path / "catalog.yaml", units_path=renamed,
                            observations_path=obs_path, rejects_path=tmp_path / "none.csv")  # fmt: skip
    assert "mức của thành phố Thử năm 2021 là 4,0 %" in report.status_table_html()
    assert renamed in report.files


def test_the_reference_unit_and_its_own_target_id(tmp_path):
    catalog = make_catalog(tmp_path, BELOW_PROVINCE | {"reference_target": "p1"})
    obs = pd.concat([obs_frame({"5": {2020: 3.5, 2025: 2.0}}),
                     reference_rows({2020: 4.0, 2025: 3.0}, target_id="p1")])  # fmt: skip
    assert catalog.references() == {("gia_lai", "p1")}
    assert one(wa.assess(catalog, obs, 2025), "5")["status"] == "achieved"
    # one unit asked for: the reference's rows still count
    assert one(wa.assess(catalog, obs, 2025, unit=UNIT), "5")["status"] == "achieved"
    path = tmp_path / "obs.csv"
    obs.to_csv(path, index=False)
    assert len(wa.load_observations(path, catalog=catalog)) == 4  # p1 is known: the reference's


def test_many_units_assess_the_reference_only_against_its_own_catalog(tmp_path):
    ward = make_catalog(tmp_path, BELOW_PROVINCE)
    (tmp_path / "p").mkdir()
    province = make_catalog(tmp_path / "p", {"id": "5", "kind": "end_level", "measure": "share",
                                             "comparator": "<", "threshold": 3.5})  # fmt: skip
    obs = pd.concat(
        [obs_frame({"5": {2020: 3.5, 2025: 2.0}}), reference_rows({2020: 4.0, 2025: 3.0})]
    )
    a = wa.assess_units({UNIT: ward}, obs, 2025)
    assert list(a["unit"]) == [UNIT] and one(a, "5")["status"] == "achieved"
    both = wa.assess_units({UNIT: ward, "gia_lai": province}, obs, 2025)
    assert list(both["unit"]) == [UNIT, "gia_lai"]
    assert one(both, "5", "gia_lai")["kind"] == "end_level"
    assert one(both, "5", "gia_lai")["status"] == "achieved"  # 3.0 < 3.5, its own target


# --- a ceiling on an average growth ------------------------------------------------------------


def test_a_ceiling_on_average_growth_by_hand(tmp_path):
    catalog = make_catalog(tmp_path, GROWTH_CEILING)
    # from 1 000 in 2020: 1 040 in 2025 is (1.04)^(1/5) − 1 = 0.787 % a year, under 1 %
    a = wa.assess(catalog, obs_frame({"6": {2020: 1000, 2025: 1040}}), 2025)
    assert one(a, "6")["status"] == "achieved"
    assert one(a, "6")["projected_value"] == pytest.approx(0.787, abs=1e-3)
    assert said(catalog, a, "6", "vi") == (
        "Tốc độ tăng dân số: tăng bình quân 2020–2025 là 0,8 %/năm; chỉ tiêu dưới 1 %/năm: đã đạt."
    )
    b = wa.assess(catalog, obs_frame({"6": {2020: 1000, 2025: 1060}}), 2025)  # 1.17 % a year
    assert one(b, "6")["status"] == "missed"
    # open: 1 000 → 1 020 by 2022; at most 1 000 × 1.01^5 = 1 051.0 by 2025: 1.00 % a year left
    c = wa.assess(catalog, obs_frame({"6": {2020: 1000, 2021: 1010, 2022: 1020}}), 2022)
    r = one(c, "6")
    assert r["required_pace"] == pytest.approx(((1000 * 1.01**5 / 1020) ** (1 / 3) - 1) * 100)
    assert "các năm còn lại chỉ được tăng bình quân tối đa 1,0 %/năm" in said(catalog, c, "6", "vi")
    assert "growth of at most 1.0%/year allowed in the years left" in said(catalog, c, "6", "en")
    fast = wa.assess(catalog, obs_frame({"6": {2020: 1000, 2021: 1030, 2022: 1060}}), 2022)
    assert "các năm còn lại cần giảm bình quân" in said(catalog, fast, "6", "vi")
    slow = obs_frame({"6": {2020: 1000, 2021: 1003, 2022: 1006, 2023: 1009}})
    quick = obs_frame({"6": {2020: 1000, 2021: 1040, 2022: 1080, 2023: 1120}})
    p_slow = one(wa.assess(catalog, slow, 2023), "6")["probability"]
    p_quick = one(wa.assess(catalog, quick, 2023), "6")["probability"]
    assert p_slow > 0.7 > 0.3 > p_quick  # growing slowly is what a ceiling asks


# --- properties --------------------------------------------------------------------------------

_PROPS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_YEARS = list(range(2020, 2026))
_LEVELS = st.lists(st.one_of(st.none(), st.floats(min_value=1, max_value=60)), min_size=6,
                   max_size=6)  # fmt: skip


def _series(values) -> dict[int, float]:
    return {y: v for y, v in zip(_YEARS, values, strict=True) if v is not None}


@_PROPS
@given(values=_LEVELS, drop=st.floats(min_value=0.01, max_value=5), as_of=st.integers(2021, 2024),
       which=st.sampled_from(["1", "4", "5"]))  # fmt: skip
def test_a_better_latest_figure_never_lowers_the_probability(tmp_path, values, drop, as_of, which):
    """Lower is better for the fall (1) and the level below the province's (5), higher for the
    level due by 2023 (4)."""
    catalog = make_catalog(tmp_path, FALL, BY_2023, BELOW_PROVINCE)
    ref = reference_rows({2020: 30.0, 2021: 29.0, 2022: 28.0, 2023: 27.5, 2024: 27.0})
    base = pd.concat([obs_frame({which: _series(values)}), ref], ignore_index=True)
    mine = (base["unit"] == UNIT) & (base["year"] <= as_of)
    if not mine.any():
        return
    latest = base.loc[mine, "year"].max()
    better = base.copy()
    hit = mine & (better["year"] == latest)
    step = drop if which == "4" else -drop
    better.loc[hit, "value"] = np.clip(better.loc[hit, "value"] + step, 0.5, 100)
    p0 = one(wa.assess(catalog, base, as_of), which)["probability"]
    p1 = one(wa.assess(catalog, better, as_of), which)["probability"]
    if np.isnan(p0):
        assert np.isnan(p1)
        return
    assert p1 >= p0 - 1e-9


@_PROPS
@given(values=_LEVELS, as_of=st.integers(2020, 2025), ref=st.floats(min_value=1, max_value=60))
def test_probabilities_stay_in_0_1_and_a_final_level_that_meets_is_achieved(
    tmp_path, values, as_of, ref
):
    catalog = make_catalog(tmp_path, FALL, ABOUT, BY_2023, BELOW_PROVINCE)
    series = _series(values)
    obs = pd.concat(
        [obs_frame({tid: series for tid in "1345"}), reference_rows({2020: ref, 2025: ref})],
        ignore_index=True,
    )
    a = wa.assess(catalog, obs, as_of)
    p = a["probability"].dropna()
    assert p.between(0, 1).all()
    assert set(a["status"]) <= set(STATUSES)
    has = a["projected_value"].notna() & a["projected_low"].notna()
    assert (a.loc[has, "projected_low"] <= a.loc[has, "projected_value"] + 1e-9).all()
    assert (a.loc[has, "projected_value"] <= a.loc[has, "projected_high"] + 1e-9).all()
    final = series.get(2025) if as_of == 2025 else None
    if final is not None:
        if 2020 in series:  # the fall's base is known: met by hand, 0.5 a year from it
            met = (series[2020] - final) / 5 >= 0.5 - 1e-9
            assert one(a, "1")["status"] == ("achieved" if met else "missed")
        met = 63 - 1e-9 <= final <= 72 + 1e-9
        assert one(a, "3")["status"] == ("achieved" if met else "missed")
        assert one(a, "5")["status"] == ("achieved" if final < ref else "missed")
    due = series.get(2023) if as_of >= 2023 else None
    if due is not None:
        assert one(a, "4")["status"] == ("achieved" if due >= 90 else "missed")


# --- sentences and page-one clauses of every case ----------------------------------------------


def _every_case(tmp_path):
    """A catalog of the new kinds (and the ceiling) and figures putting each in each case."""
    catalog = make_catalog(tmp_path, FALL, RISE_PERCENT, ABOUT, BY_2023, BELOW_PROVINCE,
                           GROWTH_CEILING)  # fmt: skip
    frames = []
    for unit, series, ref in [
        ("open", {"1": {2020: 10.0, 2021: 9.5, 2022: 9.0}, "2": {2020: 100, 2021: 104, 2022: 109},
                  "3": {2020: 60.0, 2021: 61.0, 2022: 62.5}, "4": {2020: 80.0, 2021: 84.0, 2022: 86.0},
                  "5": {2020: 4.0, 2021: 3.8, 2022: 3.5}, "6": {2020: 1000, 2021: 1008, 2022: 1017}},
         {2020: 4.5, 2021: 4.3, 2022: 4.0}),
        ("one", {"3": {2022: 62.0}, "4": {2022: 86.0}, "5": {2022: 3.5}, "1": {2021: 9.0}}, None),
    ]:  # fmt: skip
        frames.append(obs_frame(series, unit=unit))
        if ref is not None:
            frames.append(reference_rows(ref))
    return catalog, pd.concat(frames, ignore_index=True)


def test_every_case_reads_in_both_languages_with_its_page_one_clause(tmp_path):
    catalog, obs = _every_case(tmp_path)
    a = wa.assess(catalog, obs, 2022)
    finals = obs_frame({"1": {2020: 10.0, 2025: 7.0}, "2": {2020: 100, 2025: 130},
                        "3": {2025: 66.0}, "4": {2023: 95.0}, "6": {2020: 1000, 2025: 1030}},
                       unit="final")  # fmt: skip
    ref = reference_rows({2025: 3.0})
    b = wa.assess(
        catalog, pd.concat([obs, finals, ref, obs_frame({"5": {2025: 2.0}}, unit="final")]), 2025
    )
    b = b[b["unit"] == "final"]
    seen = set()
    for frame in (a, b):
        for lang, locale in LOCALES.items():
            d = wa.describe(frame, catalog, lang=lang)
            for r in d.itertuples():
                t = catalog[r.target_id]
                assert r.explanation and "{" not in r.explanation, r.explanation
                assert "nan" not in r.explanation.lower(), r.explanation
                clause = clause_text(r, t, locale)
                assert clause and "{" not in clause, clause
                columns = {k: np.array([v]) for k, v in r._asdict().items()}
                case = next(c for m, c in kinds.get(t.kind).sentence_cases(columns, t) if m[0])
                seen.add((t.kind, case))
    expected = {
        ("change_per_year", c) for c in ("final", "open")} | {
        ("about", c) for c in ("final", "one_point", "open")} | {
        ("by_year", c) for c in ("final", "one_point", "open")} | {
        ("relative", c) for c in ("final", "one_point", "open")} | {
        ("average_growth", c) for c in ("final", "open")}  # fmt: skip
    assert expected <= seen


def test_every_new_case_has_a_page_one_clause_in_every_language():
    for locale in LOCALES.values():
        for kind, case in locale.sentences:
            if kind in ("change_per_year", "about", "by_year", "relative"):
                assert f"summary_{kind}_{case}" in locale.words, (locale.code, kind, case)


# --- charts ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vegalite_schema():
    import jsonschema
    from altair.vegalite.v6.schema import core

    return jsonschema.Draft7Validator(core.load_schema())


def _layers(spec: dict, mark: str) -> list[dict]:
    return [
        layer for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark
    ]  # fmt: skip


def test_each_kind_draws_its_target(tmp_path, vegalite_schema):
    catalog, obs = _every_case(tmp_path)
    a = wa.assess(catalog, obs, 2022)
    specs = {t.id: target_spec(t, obs, one(a, t.id, "open"), lang="vi") for t in catalog}
    for spec in specs.values():
        assert not list(vegalite_schema.iter_errors(spec))
    # the fall: the path down 0.5 a year from the 2020 figure (10 %)
    path = [
        layer for layer in _layers(specs["1"], "line") if layer["mark"].get("strokeDash") == [4, 4]
    ]
    assert [(p["year"], p["value"]) for p in path[0]["data"]["values"]] == [
        (2020, 10.0), (2021, 9.5), (2022, 9.0), (2023, 8.5), (2024, 8.0), (2025, 7.5)]  # fmt: skip
    assert "path" in specs["1"]["usermeta"]["ward"]["marks"]
    assert "Chỉ tiêu: giảm bình quân 0,5 điểm %/năm." in specs["1"]["description"]
    # the approximate level: the band 63–72
    (band,) = _layers(specs["3"], "rect")
    assert band["data"]["values"] == [{"low": 63.0, "high": 72.0}]
    assert "khoảng 65–70 % (từ 63 % đến 72 %)" in specs["3"]["description"]
    # the level due by 2023: the projection ends in 2023, not 2025
    cone = [
        layer for layer in _layers(specs["4"], "line") if layer["mark"].get("strokeDash") == [2, 3]
    ]
    assert cone[0]["data"]["values"][-1]["year"] == 2023
    assert "Dự báo năm 2023:" in specs["4"]["description"]
    assert "Chỉ tiêu: 90 % (đến năm 2023)." in specs["4"]["description"]
    # the level below the province's: the province's figures beside the ward's, named
    ref_layers = [layer for layer in specs["5"]["layer"]
                  if layer["mark"].get("color") == COLOURS["reference"]]  # fmt: skip
    assert [r["value"] for r in ref_layers[0]["data"]["values"]] == [4.5, 4.3, 4.0]
    assert specs["5"]["usermeta"]["ward"]["references"] == [["tỉnh Gia Lai", COLOURS["reference"]]]
    tooltip = ref_layers[1]["encoding"]["tooltip"]
    assert tooltip[1]["title"] == "Số liệu của tỉnh Gia Lai"
    assert (
        "Số liệu của tỉnh Gia Lai (để so sánh): 2020: 4,5 %; 2021: 4,3 %; 2022: 4,0 %."
        in (specs["5"]["description"])
    )
    assert "Chỉ tiêu: thấp hơn mức của tỉnh Gia Lai." in specs["5"]["description"]
    assert "Số liệu của tỉnh Gia Lai (để so sánh)" in legend_html(list(specs.values()), lang="vi")
    en = {t.id: target_spec(t, obs, one(a, t.id, "open"), lang="en") for t in catalog}
    legend = legend_html(list(en.values()), lang="en")
    assert "Figures of Tỉnh Gia Lai, for comparison" in legend and COLOURS["reference"] in legend
    assert "Figures of the unit compared with" in legend_html(["reference"], lang="en")


def test_a_by_year_targets_line_ends_at_its_year(tmp_path, vegalite_schema):
    """A level due by 2023 in a 2020–2025 term: its line runs to 2023 and stops there, ended by
    a short upright stroke, nothing after it; the tooltip and the legend say by when (an
    end-of-term level keeps its line across the chart)."""
    catalog, obs = _every_case(tmp_path)
    catalog = make_catalog(tmp_path, BY_2023, BY_2023 | {"id": "7", "upper": 95, "name_vi": "b"},
                           BY_2023 | {"id": "8", "kind": "end_level", "year": None, "name_vi": "c"})  # fmt: skip
    obs = obs_frame({tid: {2020: 80.0, 2021: 84.0, 2022: 86.0} for tid in "478"}, unit="open")
    a = wa.assess(catalog, obs, 2022)
    for lang, said in (("vi", "Chỉ tiêu đến năm 2023"), ("en", "Target by 2023")):
        spec = target_spec(catalog["4"], obs, one(a, "4", "open"), lang=lang)
        assert not list(vegalite_schema.iter_errors(spec))
        assert not _layers(spec, "rule")  # no line across the whole chart
        (line,) = [ly for ly in _layers(spec, "line") if ly["mark"].get("strokeDash") == [6, 4]]
        assert [(p["year"], p["value"]) for p in line["data"]["values"]] == [
            (2020, 90), (2021, 90), (2022, 90), (2023, 90)]  # fmt: skip
        (tick,) = _layers(spec, "tick")
        assert tick["data"]["values"] == [{"year": 2023, "value": 90}]
        assert {ly["encoding"]["tooltip"][0]["title"] for ly in (line, tick)} == {said}
        ward = spec["usermeta"]["ward"]
        assert "target_by" in ward["marks"] and "target" not in ward["marks"]
        assert ward["due"] == [["target_by", 2023]]
        assert said in legend_html([spec], lang=lang)
        # a range due by 2023: its band to 2023 only
        band = target_spec(catalog["7"], obs, one(a, "7", "open"), lang=lang)
        assert not list(vegalite_schema.iter_errors(band))
        (area,) = [ly for ly in _layers(band, "area") if ly["mark"]["color"] == COLOURS["pass"]]
        assert [p["year"] for p in area["data"]["values"]] == [2020, 2021, 2022, 2023]
        assert band["usermeta"]["ward"]["due"] == [["range_by", 2023]]
        range_said = {"vi": "Khoảng chỉ tiêu đến năm 2023", "en": "Target range by 2023"}[lang]
        assert range_said in legend_html([band], lang=lang)
        # the same level due at the end of the term: a line across the chart, as before
        end = target_spec(catalog["8"], obs, one(a, "8", "open"), lang=lang)
        assert len(_layers(end, "rule")) == 1 and "target" in end["usermeta"]["ward"]["marks"]
        assert end["usermeta"]["ward"]["due"] == []


# --- the pace table ----------------------------------------------------------------------------


def test_the_pace_still_required_of_each_new_kind(tmp_path):
    catalog, obs = _every_case(tmp_path)
    pace = wa.pace(catalog, obs, as_of=2022, unit="open").set_index("target_id")
    # the fall: 7.5 % by 2025 (10 − 0.5 × 5), from 9.0: (7.5 − 9) / 3 = −0.5 a year
    assert (pace.loc["1", "goal_level"], pace.loc["1", "required"]) == pytest.approx((7.5, -0.5))
    # about 65–70: the middle, 67.5, from 62.5: 5 / 3 a year
    assert pace.loc["3", "goal_level"] == 67.5 and pace.loc["3", "required"] == pytest.approx(5 / 3)
    # 90 % by 2023 from 86 % in 2022: 4 in one year
    assert (pace.loc["4", "years_left"], pace.loc["4", "required"]) == (1, pytest.approx(4.0))
    assert pace.loc["5", "rule"] == "beside_reference" and math.isnan(pace.loc["5", "required"])
    table = wa.pace_table(wa.pace(catalog, obs, as_of=2022, unit="open"), catalog, lang="vi")
    assert "So với mức của tỉnh Gia Lai năm 2025" in set(table.iloc[:, -1])
    assert "giảm bình quân 0,5 điểm %/năm" in set(table.iloc[:, 2])


# --- the backtest ------------------------------------------------------------------------------


def test_the_new_kinds_take_part_in_the_backtest(tmp_path):
    catalog = make_catalog(tmp_path, FALL, RISE_PERCENT, ABOUT, BY_2023, BELOW_PROVINCE,
                           GROWTH_CEILING)  # fmt: skip
    obs = wa.synthetic_observations(catalog, 30, seed=5)
    assert set(obs.loc[obs["unit"] == "gia_lai", "target_id"]) == {"5"}  # the invented province
    bt = wa.backtest(catalog, obs)
    assert "gia_lai" not in set(bt["unit"])
    assert set(bt["kind"]) == {"change_per_year", "about", "by_year", "relative", "average_growth"}
    assert set(bt.loc[bt["target_id"] == "4", "as_of"]) == {2020, 2021, 2022}  # due in 2023
    for method in ("ours", "sdg", "pace", "latest"):
        assert bt[f"p_{method}"].between(0, 1).all()
    assert set(bt["p_latest"]) <= {0.0, 1.0}
    decided = bt["decided"].astype(bool)
    assert (bt.loc[decided, "p_latest"] == bt.loc[decided, "outcome"].astype(float)).all()
    summary = wa.backtest_summary(bt, by="kind")
    assert set(summary["kind"]) == set(bt["kind"])


def test_the_latest_value_baseline_of_each_new_kind_by_hand(tmp_path):
    catalog = make_catalog(tmp_path, FALL, ABOUT, BY_2023, BELOW_PROVINCE)
    obs = pd.concat([
        obs_frame({"1": {2020: 10.0, 2021: 9.0, 2022: 8.9, 2025: 7.0},  # 1.0, then 0.55 a year
                   "3": {2020: 60.0, 2021: 64.0, 2022: 75.0, 2025: 68.0},  # in, out, in
                   "4": {2020: 80.0, 2021: 91.0, 2022: 85.0, 2023: 92.0},
                   "5": {2020: 5.0, 2021: 3.0, 2022: 4.5, 2025: 2.0}}),
        reference_rows({2020: 4.0, 2021: 4.0, 2022: 4.0, 2025: 3.0}),
    ])  # fmt: skip
    bt = wa.backtest(catalog, obs).set_index(["target_id", "as_of"])["p_latest"]
    assert [bt["1", y] for y in (2020, 2021, 2022)] == [0, 1, 1]  # no pace yet, 1.0, 0.55
    assert [bt["3", y] for y in (2020, 2021, 2022)] == [0, 1, 0]  # 60 out, 64 in, 75 out
    assert [bt["4", y] for y in (2020, 2021, 2022)] == [0, 1, 0]
    assert [bt["5", y] for y in (2020, 2021, 2022)] == [0, 1, 0]  # 5 > 4, 3 < 4, 4.5 > 4


# --- the shipped new ward: item 5's yearly fall -------------------------------------------------


def test_hoi_phus_yearly_fall_takes_5as_figures():
    from ward_analysis import config

    folder = config.RAW_DIR / "hoi_phu"
    catalog = wa.load_catalog(folder / "catalog.yaml")
    fall = catalog["5c"]
    assert (fall.kind, fall.direction, fall.change_unit, fall.comparator, fall.threshold) == (
        "change_per_year", "down", "points", ">=", 0.2)  # fmt: skip
    assert fall.family == catalog["5a"].family and fall.figures_from == "5a"
    obs = wa.read_reports(folder, catalog).observations
    columns = ["year", "value", "value_kind", "basis", "source"]
    own = obs[obs["target_id"] == "5c"][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        own, obs[obs["target_id"] == "5a"][columns].reset_index(drop=True)
    )
    assert len(own) == 2  # the 2026 result and plan, from the one row of the table


# --- one catalog of every new kind, through assess and a year report ----------------------------


def test_a_catalog_of_the_new_kinds_runs_through_assess_and_a_year_report(tmp_path):
    import re

    from ward_analysis.present.reports import year_report

    doc = {"unit": "Phường Hội Phú", "base_year": 2025, "first_year": 2026, "target_year": 2030}
    base = {"text_vi": "x", "unit_of_measure": "%"}
    entries = [
        {**FALL, "threshold": 0.2},
        {**ABOUT},
        {**BY_2023, "year": 2027, "threshold": 100, "comparator": ">="},
        {**BELOW_PROVINCE},
        {**GROWTH_CEILING},
    ]
    doc["targets"] = [base | e | {"item": int(e["id"])} for e in entries]
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    catalog = wa.load_catalog(path)
    ward = {"1": {2025: 3.0, 2026: 2.7, 2027: 2.5}, "3": {2025: 60.0, 2026: 62.0, 2027: 63.5},
            "4": {2025: 80.0, 2026: 90.0, 2027: 100.0}, "5": {2025: 3.0, 2026: 2.7, 2027: 2.5},
            "6": {2025: 46000, 2026: 46400, 2027: 46800}}  # fmt: skip
    obs = pd.concat([obs_frame(ward, unit="Phường Hội Phú"),
                     reference_rows({2025: 4.0, 2026: 3.6, 2027: 3.3})])  # fmt: skip
    obs_path = tmp_path / "observations.csv"
    obs.reindex(columns=OBSERVATION_COLUMNS).to_csv(obs_path, index=False)
    assessed = wa.assess(catalog, wa.load_observations(obs_path, catalog=catalog), 2027)
    assert list(assessed["unit"].unique()) == ["Phường Hội Phú"]
    status = assessed.set_index("target_id")["status"]
    assert (
        status["4"] == "achieved"
        and status.drop("4").isin(["on_track", "at_risk", "off_track"]).all()
    )
    expected = {
        "vi": [
            "Tỷ lệ hộ nghèo: giai đoạn 2025–2027 giảm bình quân 0,25 điểm %/năm",
            "xác suất đạt mức khoảng 65–70 % (được hiểu là từ 63 % đến 72 %)",
            "Tỷ lệ trường đạt chuẩn năm 2027 đạt 100,0 %; chỉ tiêu đến năm 2027 (100 %): đã đạt.",
            "mức của tỉnh Gia Lai năm 2027 là 3,3 %",
            "Tốc độ tăng dân số: tăng bình quân 2025–2027 là 0,9 %/năm",
            "được hiểu là đạt khi kết quả năm 2030 nằm trong khoảng từ 63 % đến 72 %",
        ],
        "en": [
            "Poor households: down 0.25 pts/year on average over 2025–2027",
            "probability of landing about 65–70% (read as 63% to 72%)",
            "Schools up to standard: 100.0% in 2027; target at least 100% by 2027: met.",
            "against 3.3% for Tỉnh Gia Lai in 2027",
            "Population growth: average growth 2025–2027 is 0.9%/year",
            "read as met when the 2030 figure is 63% to 72%",
        ],
    }
    for lang, phrases in expected.items():
        report = year_report(2027, lang=lang, catalog_path=path, observations_path=obs_path,
                             rejects_path=tmp_path / "none.csv")  # fmt: skip
        assert set(report.assessment["unit"]) == {"Phường Hội Phú"}
        page = re.sub(r"\s+", " ", " ".join([report.status_table_html(), report.notes_html(),
                                            report.summary_html()]).replace("\u00a0", " "))  # fmt: skip
        page = page.replace("&#x27;", "'")
        for phrase in phrases:
            assert phrase in page, (lang, phrase)
        specs = {s["usermeta"]["ward"]["target"]: s for s in report.charts()}
        assert "path" in specs["1"]["usermeta"]["ward"]["marks"]  # the fall's path
        assert "range" in specs["3"]["usermeta"]["ward"]["marks"]  # the band
        assert "reference" in specs["5"]["usermeta"]["ward"]["marks"]  # the province beside
        named = {"vi": "tỉnh Gia Lai", "en": "Tỉnh Gia Lai"}[lang]
        assert specs["5"]["usermeta"]["ward"]["references"][0][0] == named
        assert "path" in specs["6"]["usermeta"]["ward"]["marks"]  # the ceiling's growth path
        summary = report.summary()
        assert {a.target_id for a in summary.attention} <= {"1", "3", "5", "6"}
        assert all("{" not in a.text for a in summary.attention)
    # and as the page a reader gets: the report notebook run and exported
    import papermill

    from ward_analysis import config
    from ward_analysis.build.export import export_html, vega_bundle

    executed = papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "year_report.ipynb"),
        str(tmp_path / "year_report_2027.ipynb"),
        parameters={"year": 2027, "lang": "vi", "observations_path": str(obs_path),
                    "catalog_path": str(path), "rejects_path": str(tmp_path / "none.csv")},
        progress_bar=False, cwd=str(config.NOTEBOOKS_DIR),
    )  # fmt: skip
    html = export_html(executed, vega_bundle())
    assert html.count('class="ward-chart"') == 5
    assert "Số liệu của tỉnh Gia Lai (để so sánh)" in html and "gia_lai" not in html
