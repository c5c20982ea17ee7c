import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import nbinom

from ward_analysis import WardAnalysisError, describe, load_catalog, read_reports
from ward_analysis import assess as wa_assess
from ward_analysis import status_matrix as wa_status_matrix
from ward_analysis.model.panel import OFF_TRACK, ON_TRACK
from ward_analysis.model.progress import curve
from ward_analysis.present.locale import LOCALES
from ward_analysis.schema import ASSESS_COLUMNS, STATUSES

from .conftest import make_catalog, obs_frame


def assess(cat, obs, as_of, **kwargs) -> pd.DataFrame:
    """The assessment with its sentences in Vietnamese and English, as a reader gets them."""
    a = wa_assess(cat, obs, as_of, **kwargs)
    words = {lang: describe(a, cat, lang=lang)["explanation"] for lang in ("vi", "en")}
    return a.assign(explanation_vi=words["vi"], explanation_en=words["en"])


SHARE_80 = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}


def one(frame: pd.DataFrame, target_id: str) -> pd.Series:
    row = frame[frame["target_id"] == target_id]
    assert len(row) == 1
    return row.iloc[0]


# --- end_level -------------------------------------------------------------------------


def test_end_level_achieved_and_missed_in_the_target_year(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80, SHARE_80 | {"id": "6"})
    obs = obs_frame({"4": {2023: 75, 2025: 81}, "6": {2023: 85, 2025: 79.9}})
    a = assess(cat, obs, 2025)
    assert (one(a, "4")["status"], one(a, "4")["probability"]) == ("achieved", 1.0)
    assert (one(a, "6")["status"], one(a, "6")["probability"]) == ("missed", 0.0)
    assert "năm 2025 đạt 81,0 %; chỉ tiêu 80 %: đã đạt" in one(a, "4")["explanation_vi"]


def test_end_level_far_above_or_below(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80, SHARE_80 | {"id": "6"})
    obs = obs_frame({"4": dict(zip(range(2020, 2024), [95, 96, 97, 98], strict=True)),
                     "6": dict(zip(range(2020, 2024), [40, 41, 42, 43], strict=True))})  # fmt: skip
    a = assess(cat, obs, 2023)
    # calibrated on real series: the progress view keeps a share (0.2 with 4 figures) of its
    # learned probability — a target met with room to spare was still lost now and then
    assert one(a, "4")["status"] == "on_track" and 0.9 < one(a, "4")["probability"] < 0.99
    assert one(a, "6")["status"] == "off_track" and one(a, "6")["probability"] < 0.2


def test_a_flat_series_at_the_threshold(tmp_path):
    # identity scale (valid range allows negatives); slope 0, mean exactly at the threshold: the
    # trend is a coin flip (0.5), the progress view says "target already achieved" (its learned
    # probability); with 3 figures the mix is 0.8 · 0.5 + 0.2 · that
    target = {"id": "3", "kind": "end_level", "measure": "share", "comparator": "<=", "threshold": 1.0,
              "valid_range": [-10, 10]}  # fmt: skip
    cat = make_catalog(tmp_path, target)
    a = assess(cat, obs_frame({"3": {2020: 1.0, 2021: 1.0, 2022: 1.0}}), 2022)
    achieved = curve(np.array([np.nan]), np.array([True]))[0]
    assert one(a, "3")["probability"] == pytest.approx(0.8 * 0.5 + 0.2 * achieved)
    assert one(a, "3")["projected_value"] == pytest.approx(1.0)


def test_pace_is_the_classic_view(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    a = assess(cat, obs_frame({"4": {2020: 70, 2021: 72, 2022: 74, 2023: 76}}), 2023)
    r = one(a, "4")
    assert r["actual_pace"] == pytest.approx(2.0)  # (76 − 70) / 3 years
    assert r["required_pace"] == pytest.approx(2.0)  # (80 − 76) / 2 years left
    assert r["pace_ratio"] == pytest.approx(1.0)
    assert (r["latest_year"], r["latest_value"], r["n_points"]) == (2023, 76.0, 4)


def test_one_point_moves_towards_its_target(tmp_path):
    # one figure: the slope's prior is the pace the target needs (targets were mostly met on
    # real series), so a figure short of its target is not read as "stays there"
    cat = make_catalog(tmp_path, SHARE_80, SHARE_80 | {"id": "6"})
    a = assess(cat, obs_frame({"4": {2021: 78.0}, "6": {2021: 99.5}}), 2021)
    assert 0.5 < one(a, "4")["probability"] < 0.8
    assert one(a, "4")["projected_value"] == pytest.approx(80, abs=0.5)
    assert one(a, "6")["status"] == "on_track"
    assert "chưa đủ để xác định xu hướng" in one(a, "4")["explanation_vi"]


def test_no_data_at_all(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    a = assess(cat, obs_frame({}), 2023)
    r = one(a, "4")
    assert (
        r["status"] == "insufficient_data" and math.isnan(r["probability"]) and r["n_points"] == 0
    )
    assert r["unit"] == "Phường Thử" and "chưa có số liệu đến năm 2023" in r["explanation_vi"]


# --- annual ----------------------------------------------------------------------------

ANNUAL_86 = {"id": "14", "kind": "annual", "measure": "share", "comparator": ">=", "threshold": 86}
YES_NO = {
    "id": "11",
    "kind": "annual",
    "measure": "boolean",
    "comparator": "==",
    "threshold": "Đạt",
    "unit_of_measure": "",
}


def test_annual_missed_as_soon_as_a_term_year_fails(tmp_path):
    cat = make_catalog(tmp_path, ANNUAL_86)
    a = assess(cat, obs_frame({"14": {2020: 85, 2021: 90, 2022: 85, 2023: 95}}), 2023)
    r = one(a, "14")
    assert (r["status"], r["probability"]) == ("missed", 0.0)
    assert "năm 2022 chỉ đạt 85,0 %" in r["explanation_vi"]


def test_a_baseline_year_failure_does_not_count(tmp_path):
    cat = make_catalog(tmp_path, ANNUAL_86)
    a = assess(
        cat, obs_frame({"14": {2020: 80, 2021: 95, 2022: 95, 2023: 96, 2024: 95, 2025: 96}}), 2025
    )
    assert one(a, "14")["status"] == "achieved"


def test_annual_pass_history_is_beta_binomial(tmp_path):
    cat = make_catalog(tmp_path, YES_NO)
    # fewer than 5 pass/fail years to learn from: Jeffreys prior Beta(½, ½); 4 passes → Beta(4½, ½);
    # P(2024 and 2025 both pass) = 4.5/5 · 5.5/6
    a = assess(cat, obs_frame({"11": {2020: 1, 2021: 1, 2022: 1, 2023: 1}}), 2023)
    assert one(a, "11")["probability"] == pytest.approx(4.5 / 5 * 5.5 / 6)
    # 5 years: the prior pass rate is learned, (5 + ½) / (5 + 1), worth 2 years → Beta(11/6, 1/6);
    # 5 passes → Beta(5 + 11/6, 1/6); P(2025 passes) = (5 + 11/6) / 7
    a = assess(cat, obs_frame({"11": {2020: 1, 2021: 1, 2022: 1, 2023: 1, 2024: 1}}), 2024)
    assert one(a, "11")["probability"] == pytest.approx((5 + 11 / 6) / 7)
    assert one(a, "11")["status"] == "on_track"


def test_annual_missing_past_year_waits_for_its_result(tmp_path):
    # issue 12, case 2: in the target year no year remains; the unreported 2023 is not "on track"
    cat = make_catalog(tmp_path, YES_NO)
    a = assess(cat, obs_frame({"11": {2021: 1, 2022: 1, 2024: 1, 2025: 1}}), 2025)
    r = one(a, "11")
    assert r["status"] == "insufficient_data" and 0 < r["probability"] < 1  # 2023 unknown
    assert r["detail_year"] == 2023
    assert "năm 2023 chưa có số liệu dùng được" in r["explanation_vi"]
    assert "no usable figure for 2023" in r["explanation_en"]
    # a year earlier, 2025 is still to come: open
    r = one(assess(cat, obs_frame({"11": {2021: 1, 2022: 1, 2024: 1}}), 2024), "11")
    assert r["status"] in ("on_track", "at_risk")


def test_annual_figures_far_above_the_floor(tmp_path):
    cat = make_catalog(tmp_path, ANNUAL_86)
    a = assess(cat, obs_frame({"14": {2021: 98, 2022: 98.5, 2023: 98.2}}), 2023)
    assert one(a, "14")["probability"] > 0.85


def test_share_at_100_percent_every_year_uses_the_pass_history(tmp_path):
    target = {"id": "7", "kind": "annual", "measure": "share", "comparator": ">=", "threshold": 100}
    cat = make_catalog(tmp_path, target)
    a = assess(cat, obs_frame({"7": {2021: 100, 2022: 100, 2023: 100}}), 2023)
    assert one(a, "7")["method"] == "pass_history"
    assert one(a, "7")["status"] == "on_track"


def test_rating_below_the_floor_misses(tmp_path):
    target = {"id": "10", "kind": "annual", "measure": "rating", "comparator": ">=", "threshold": "Khá",
              "rating_scale": ["Yếu", "Trung bình", "Khá", "Giỏi"], "unit_of_measure": ""}  # fmt: skip
    cat = make_catalog(tmp_path, target)
    a = assess(cat, obs_frame({"10": {2021: 2, 2022: 1}}), 2022)
    assert one(a, "10")["status"] == "missed"
    assert "năm 2022: Trung bình, dưới mức Khá" in one(a, "10")["explanation_vi"]


# --- cumulative --------------------------------------------------------------------------

COUNT_10 = {"id": "12", "kind": "cumulative", "measure": "count", "comparator": ">=", "threshold": 10,
            "unit_of_measure": "đồng chí"}  # fmt: skip


def test_cumulative_achieved_once_the_total_is_reached(tmp_path):
    cat = make_catalog(tmp_path, COUNT_10)
    obs = obs_frame({"12": {2020: 9, 2021: 6, 2022: 4}})  # 2020 is the baseline: not counted
    assert one(assess(cat, obs, 2021), "12")["status"] != "achieved"
    r = one(assess(cat, obs, 2022), "12")
    assert (r["status"], r["probability"], r["latest_value"]) == ("achieved", 1.0, 10.0)
    for later in (2023, 2024, 2025):  # stays achieved
        assert one(assess(cat, obs, later), "12")["status"] == "achieved"


def test_cumulative_missed_when_the_term_ends_short(tmp_path):
    cat = make_catalog(tmp_path, COUNT_10)
    obs = obs_frame({"12": {2021: 2, 2022: 2, 2023: 2, 2024: 2, 2025: 1}})
    assert one(assess(cat, obs, 2025), "12")["status"] == "missed"


def test_cumulative_counts_follow_a_gamma_poisson_model(tmp_path):
    cat = make_catalog(tmp_path, COUNT_10)
    r = one(assess(cat, obs_frame({"12": {2020: 2, 2021: 2}}), 2021), "12")
    # rate ~ Gamma(½ + 4, 2 years); 4 years left; need 10 − 2 = 8 more
    expected = nbinom.sf(7, 4.5, 2 / 6)
    assert r["probability"] == pytest.approx(expected)
    assert r["projected_value"] == 2 + nbinom.ppf(0.5, 4.5, 2 / 6)  # the median total
    assert r["required_pace"] == pytest.approx(2.0) and r["actual_pace"] == pytest.approx(2.0)


def test_cumulative_above_the_range_is_reported(tmp_path):
    cat = make_catalog(tmp_path, COUNT_10 | {"threshold": 8, "upper": 10})
    r = one(assess(cat, obs_frame({"12": {2021: 4, 2022: 4, 2023: 4}}), 2023), "12")
    assert r["status"] == "achieved" and r["above_range"]
    assert "vượt mức cao nhất 10 đồng chí" in r["explanation_vi"]


# --- average growth ------------------------------------------------------------------------

GROWTH = {"id": "1", "kind": "average_growth", "measure": "amount", "comparator": ">=", "threshold": 3,
          "upper": 5, "unit_of_measure": "triệu đồng", "threshold_unit": "%/năm"}  # fmt: skip


@pytest.mark.parametrize(
    ("final", "status", "above"),
    [(116.0, "achieved", False), (130.0, "achieved", True), (110.0, "missed", False)],
)
def test_average_growth_final(tmp_path, final, status, above):
    cat = make_catalog(tmp_path, GROWTH)
    r = one(assess(cat, obs_frame({"1": {2020: 100.0, 2023: 105.0, 2025: final}}), 2025), "1")
    assert (r["status"], bool(r["above_range"])) == (status, above)
    assert r["projected_value"] == pytest.approx(((final / 100) ** 0.2 - 1) * 100)


def test_average_growth_pace_so_far(tmp_path):
    cat = make_catalog(tmp_path, GROWTH)
    obs = obs_frame({"1": {2020: 100.0, 2021: 103.0, 2022: 106.09, 2023: 100 * 1.03**3}})
    r = one(assess(cat, obs, 2023), "1")
    assert r["actual_pace"] == pytest.approx(3.0) and r["latest_value"] == pytest.approx(3.0)
    assert r["required_pace"] == pytest.approx(3.0) and r["pace_ratio"] == pytest.approx(1.0)
    assert 0.3 < r["probability"] < 0.7


def test_average_growth_needs_the_base_year(tmp_path):
    cat = make_catalog(tmp_path, GROWTH)
    r = one(assess(cat, obs_frame({"1": {2021: 100.0, 2022: 104.0}}), 2022), "1")
    assert r["status"] == "insufficient_data" and "năm gốc 2020" in r["explanation_vi"]


# --- data handling -----------------------------------------------------------------------


def test_plans_never_count_and_estimates_are_flagged(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    actual = obs_frame({"4": {2021: 70, 2022: 72}})
    plan = obs_frame({"4": {2025: 85}}, kind="plan")
    estimate = obs_frame({"4": {2025: 79}}, kind="estimate")
    r = one(assess(cat, pd.concat([actual, plan]), 2025), "4")
    assert r["status"] != "achieved" and not r["uses_estimate"]
    r = one(assess(cat, pd.concat([actual, plan, estimate]), 2025), "4")
    assert r["status"] == "missed" and r["uses_estimate"]
    assert "(ước thực hiện)" in r["explanation_vi"]


def test_an_actual_wins_over_an_estimate_of_the_same_year(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    obs = pd.concat([obs_frame({"4": {2025: 79}}, kind="estimate"), obs_frame({"4": {2025: 81}})])
    r = one(assess(cat, obs, 2025), "4")
    assert r["status"] == "achieved" and not r["uses_estimate"]


def test_basis_break_makes_a_target_not_comparable(tmp_path):
    target = SHARE_80 | {"id": "5", "comparator": "<", "threshold": 1, "basis": "old",
                         "basis_markers": {"old": ["cũ"], "new": ["mới"]}}  # fmt: skip
    cat = make_catalog(tmp_path, target)
    obs = pd.concat(
        [
            obs_frame({"5": {2020: 1.8, 2021: 1.4}}, basis="old"),
            obs_frame({"5": {2022: 3.1}}, basis="new"),
        ]
    )
    assert one(assess(cat, obs, 2021), "5")["status"] != "not_comparable"
    r = one(assess(cat, obs, 2022), "5")
    assert r["status"] == "not_comparable" and math.isnan(r["probability"])
    assert "từ năm 2022 số liệu tính theo chuẩn new" in r["explanation_vi"]


def test_many_units_in_one_call_and_one_unit_alone(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    obs = pd.concat(
        [obs_frame({"4": {2024: 95}}, unit="A"), obs_frame({"4": {2022: 50, 2024: 52}}, unit="B")]
    )
    a = assess(cat, obs, 2024)
    assert a["unit"].tolist() == ["A", "B"]
    assert a["probability"].iloc[0] > a["probability"].iloc[1]
    only = assess(cat, obs, 2024, unit="B")
    assert only["unit"].tolist() == ["B"]
    assert only["probability"].iloc[0] == pytest.approx(a["probability"].iloc[1], abs=0.05)


def test_columns_labels_and_bad_arguments(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    a = wa_assess(cat, obs_frame({"4": {2021: 70}}), 2021)
    assert list(a.columns) == ASSESS_COLUMNS  # codes and numbers: no words
    assert set(STATUSES) >= set(a["status"])
    assert LOCALES["vi"].status("on_track") == "Đúng tiến độ" and ON_TRACK > OFF_TRACK
    assert describe(a, cat, lang="en")["status_label"].tolist() == ["At risk"]
    with pytest.raises(WardAnalysisError, match="as_of must be a year"):
        assess(cat, obs_frame({}), "2023")
    with pytest.raises(WardAnalysisError, match="lacks the column"):
        assess(cat, pd.DataFrame({"unit": []}), 2023)


# --- the shipped data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(), read_reports().observations


def test_shipped_data_assessment_story(shipped):
    cat, obs = shipped
    final = assess(cat, obs, 2025).set_index("target_id")["status"]
    assert final["2e"] == "achieved" and final["3"] == "missed" and final["12"] == "missed"
    assert final["5a"] == final["5b"] == "achieved"  # restated on the 2021–2025 standard
    assert final["17b"] == "missed" and final["18"] == "achieved"
    mid = assess(cat, obs, 2023).set_index("target_id")
    assert mid.loc["2e", "status"] == "achieved"  # 57 lights by 2023
    assert mid.loc["17b", "status"] in ("off_track", "at_risk")
    assert (
        mid["explanation_vi"].str.len().gt(20).all()
        and mid["explanation_en"].str.len().gt(20).all()
    )
    assert not mid["explanation_vi"].str.contains("nan").any()


# --- properties ------------------------------------------------------------------------------

_years = list(range(2020, 2026))
_series = st.lists(
    st.one_of(st.none(), st.floats(min_value=1, max_value=99)), min_size=6, max_size=6
)


def _catalog_all_kinds(tmp_path):
    return make_catalog(
        tmp_path,
        SHARE_80,
        ANNUAL_86,
        COUNT_10,
        GROWTH,
        {
            "id": "2",
            "kind": "cumulative",
            "measure": "length",
            "comparator": ">=",
            "threshold": 150,
            "unit_of_measure": "km",
        },
    )


def _obs(values):
    return obs_frame({tid: {y: v for y, v in zip(_years, values[tid], strict=True) if v is not None}
                      for tid in values})  # fmt: skip


_PROPS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_PROPS
@given(
    data=st.fixed_dictionaries({k: _series for k in ("4", "14", "1", "2")}),
    counts=st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=6, max_size=6),
    as_of=st.integers(2020, 2025),
)
def test_no_look_ahead_bounds_and_intervals(tmp_path, data, counts, as_of):
    cat = _catalog_all_kinds(tmp_path)
    full = _obs({**data, "12": counts})
    a = assess(cat, full, as_of)
    cut = assess(cat, full[full["year"] <= as_of], as_of)
    pd.testing.assert_frame_equal(a, cut)
    p = a["probability"]
    assert p.dropna().between(0, 1).all()
    assert a.loc[p.isna(), "status"].isin(["insufficient_data", "not_comparable"]).all()
    has = a["projected_value"].notna() & a["projected_low"].notna()
    assert (a.loc[has, "projected_low"] <= a.loc[has, "projected_value"] + 1e-9).all()
    assert (a.loc[has, "projected_value"] <= a.loc[has, "projected_high"] + 1e-9).all()


@_PROPS
@given(values=_series, bump=st.floats(min_value=0.01, max_value=30), as_of=st.integers(2021, 2024),
       target=st.sampled_from(["4", "14"]))  # fmt: skip
def test_a_better_latest_figure_never_lowers_the_probability(tmp_path, values, bump, as_of, target):
    cat = make_catalog(tmp_path, SHARE_80, ANNUAL_86)
    data = {"4": values, "14": values}
    base = _obs(data)
    upto = base[(base["year"] <= as_of) & (base["target_id"] == target)]
    if upto.empty:
        return
    latest = upto["year"].max()
    better = base.copy()
    hit = (better["target_id"] == target) & (better["year"] == latest)
    better.loc[hit, "value"] = np.minimum(better.loc[hit, "value"] + bump, 100)
    p0 = one(assess(cat, base, as_of), target)["probability"]
    p1 = one(assess(cat, better, as_of), target)["probability"]
    assert p1 >= p0 - 1e-9


@_PROPS
@given(flows=st.lists(st.integers(0, 6), min_size=6, max_size=6))
def test_an_achieved_total_stays_achieved(tmp_path, flows):
    cat = make_catalog(tmp_path, COUNT_10)
    obs = obs_frame({"12": dict(zip(_years, flows, strict=True))})
    statuses = [one(assess(cat, obs, y), "12")["status"] for y in _years]
    if "achieved" in statuses:
        first = statuses.index("achieved")
        assert set(statuses[first:]) == {"achieved"}


def test_zeros_are_figures_not_gaps(tmp_path):
    level = {"id": "9", "kind": "end_level", "measure": "count", "comparator": ">=", "threshold": 3,
             "unit_of_measure": "trường"}  # fmt: skip
    cat = make_catalog(tmp_path, level, COUNT_10, GROWTH)
    obs = obs_frame(
        {"9": {2020: 0, 2021: 0, 2022: 1}, "12": {2021: 0, 2022: 0}, "1": {2020: 0.0, 2021: 5.0}}
    )
    a = assess(cat, obs, 2022)
    assert one(a, "9")["n_points"] == 3 and one(a, "9")["latest_value"] == 1
    assert 0 <= one(a, "9")["probability"] <= 1
    r = one(a, "12")
    assert r["latest_value"] == 0 and r["probability"] < 0.01 and r["status"] == "off_track"
    assert one(a, "1")["status"] == "insufficient_data"  # growth from a base of zero is undefined


def test_status_matrix_is_a_display_table(shipped):
    cat, obs = shipped
    stacked = pd.concat([wa_assess(cat, obs, y) for y in (2022, 2023)])
    wide = wa_status_matrix(stacked)
    assert list(wide.columns) == [2022, 2023] and len(wide) == 33
    assert wide.loc[("Phường Chi Lăng", "2e"), 2023] == "Đã đạt"
    assert wa_status_matrix(stacked, lang="en").loc[("Phường Chi Lăng", "2e"), 2023] == "Achieved"
    with pytest.raises(WardAnalysisError, match="unknown language 'fr'"):
        wa_status_matrix(stacked, lang="fr")


def test_negative_binomial_helpers_match_scipy_stats():
    from ward_analysis.model.distributions import nbinom_quantiles, nbinom_sf

    rng = np.random.default_rng(0)
    r, q = rng.uniform(0.5, 60, 300), rng.uniform(0.05, 0.99, 300)
    for k in (0, 3, 17):
        assert np.allclose(nbinom_sf(np.full(300, k), r, q), nbinom.sf(k, r, q))
    for level, got in zip((0.1, 0.5, 0.9), nbinom_quantiles((0.1, 0.5, 0.9), r, q), strict=True):
        assert np.array_equal(got, nbinom.ppf(level, r, q))


def test_assess_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    import gc

    cat = make_catalog(tmp_path, SHARE_80)
    obs = obs_frame({"4": {2021: 70}})
    assert gc.isenabled()
    assess(cat, obs, 2021)
    assert gc.isenabled()
    gc.disable()
    try:
        assess(cat, obs, 2021)
        assert not gc.isenabled()
    finally:
        gc.enable()
