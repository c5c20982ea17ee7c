"""Issue 12's verdict cases, each built from the case a new user found in the 2020–2025 reports."""

import numpy as np
import pandas as pd
import pytest

from ward_analysis import assess, describe, load_catalog, read_reports
from ward_analysis.build.index import index_html
from ward_analysis.model.panel import forecast_threshold

from .conftest import make_catalog, obs_frame

CELLS_22 = {"id": "19", "kind": "end_level", "measure": "share", "comparator": ">=",
            "threshold": 22}  # fmt: skip
COVERED_100 = {"id": "16", "kind": "cumulative", "measure": "share", "comparator": ">=",
               "threshold": 100}  # fmt: skip
COUNT_25 = {"id": "12", "kind": "cumulative", "measure": "count", "comparator": ">=",
            "threshold": 25, "unit_of_measure": "đồng chí"}  # fmt: skip
SHARE_80 = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}


def one(frame: pd.DataFrame, tid: str) -> pd.Series:
    return frame[frame["target_id"] == tid].iloc[0]


def test_a_share_of_14_cells_needs_the_next_whole_cell(tmp_path):
    # item 19: 2/14, 2/14, 3/14 → 22 % needs 4 cells (28,6 %), not a line through 22 %
    steps = {2020: 100 * 2 / 14, 2021: 100 * 2 / 14, 2022: 100 * 3 / 14}
    (tmp_path / "plain").mkdir()
    (tmp_path / "cells").mkdir()
    plain = make_catalog(tmp_path / "plain", CELLS_22)
    cells = make_catalog(tmp_path / "cells", CELLS_22 | {"denominator": 14})
    assert forecast_threshold(cells["19"]) == pytest.approx(400 / 14)
    p_plain = one(assess(plain, obs_frame({"19": steps}), 2022), "19")["probability"]
    r = one(assess(cells, obs_frame({"19": steps}), 2022), "19")
    assert r["probability"] < p_plain - 0.05
    for k in ("projected_value", "projected_low", "projected_high"):  # on the steps k/14
        assert r[k] * 14 / 100 == pytest.approx(round(r[k] * 14 / 100))
    # 3/14 = 21,4 % in 2025 is short of 22 %: missed, whatever the line said
    final = one(assess(cells, obs_frame({"19": steps | {2025: 100 * 3 / 14}}), 2025), "19")
    assert final["status"] == "missed"
    # an estimate of 3 cells: the final count must be a whole cell more to meet the target
    est = pd.concat(
        [obs_frame({"19": steps}), obs_frame({"19": {2025: 300 / 14}}, kind="estimate")]
    )
    final = one(assess(cells, est, 2025), "19")
    assert final["provisional"] and final["probability"] < 0.05


def test_a_denominator_is_only_for_shares(tmp_path):
    from ward_analysis.errors import CatalogError

    with pytest.raises(CatalogError, match="denominator"):
        make_catalog(tmp_path, SHARE_80 | {"measure": "count", "threshold": 8, "denominator": 14})


def test_a_share_covered_over_the_term_is_never_projected_above_100(tmp_path):
    # item 16b: 20,5 + 18,3 + 22 % so far; the old normal model projected 101,3 % (82,8–119,9)
    cat = make_catalog(tmp_path, COVERED_100)
    r = one(assess(cat, obs_frame({"16": {2021: 20.5, 2022: 18.3, 2023: 22.0}}), 2023), "16")
    assert r["projected_high"] <= 100 and r["projected_value"] <= 100
    assert 0 < r["probability"] < 1


def test_a_final_verdict_on_an_estimate_is_provisional(tmp_path):
    # item 4: health insurance estimated at 79,3 % against 80 % — missed, but provisional, with
    # the chance that the final figure still reaches 80 % (not "missed, 0 %")
    cat = make_catalog(tmp_path, SHARE_80)
    obs = obs_frame({"4": {2020: 72.0, 2021: 74.1, 2022: 75.2, 2023: 76.4, 2024: 77.9}})
    obs = pd.concat([obs, obs_frame({"4": {2025: 79.3}}, kind="estimate")])
    r = one(assess(cat, obs, 2025), "4")
    assert r["status"] == "missed" and r["provisional"]
    assert 0.05 < r["probability"] < 0.5
    d = one(describe(assess(cat, obs, 2025), cat, lang="vi"), "4")
    assert d["status_label"] == "Không đạt (tạm tính, theo số ước)"
    assert "khả năng số chính thức đạt chỉ tiêu" in d["explanation"]
    # the same figure as a final result: a final verdict
    final = pd.concat([obs_frame({"4": {2024: 77.9, 2025: 79.3}})])
    r = one(assess(cat, final, 2025), "4")
    assert (r["status"], r["probability"], r["provisional"]) == ("missed", 0.0, False)


def test_a_total_reached_only_with_an_estimate_is_provisional(tmp_path):
    # item 12: 24 party members against 25, the 2025 flow an estimate; 2e-like totals reached
    # on actuals alone are final
    cat = make_catalog(tmp_path, COUNT_25, COUNT_25 | {"id": "13", "threshold": 10})
    actual = obs_frame({"12": {2021: 5, 2022: 5, 2023: 5, 2024: 4}, "13": {2021: 6, 2022: 6}})
    est = obs_frame({"12": {2025: 5}, "13": {2025: 1}}, kind="estimate")
    a = assess(cat, pd.concat([actual, est]), 2025)
    r = one(a, "12")
    assert r["status"] == "missed" and r["provisional"] and 0.1 < r["probability"] < 0.6
    r = one(a, "13")
    assert r["status"] == "achieved" and not r["provisional"] and r["probability"] == 1.0


def test_the_index_marks_provisional_and_analyst_statuses():
    cat, obs = load_catalog(), read_reports().observations
    overrides = pd.DataFrame([{"target_id": "9", "as_of": 2025, "status": "achieved",
                               "reason": "kết quả công nhận của quận", "by": "Cán bộ thử",
                               "date": "2026-01-15"}])  # fmt: skip
    a = pd.concat([assess(cat, obs, y, overrides=overrides) for y in (2024, 2025)])
    html = index_html(a, {}, None, cat, lang="vi", built_at="—", sources=[], failed=set())
    assert html.count("‡") >= 2  # the mark and its legend
    assert "do cán bộ phân tích xác định" in html
    assert "†" in html and "Kết quả tạm tính" in html
    assert a["provisional"].sum() == html.count("<sup") - html.count("‡</sup>")


def test_shipped_2025_verdicts():
    cat, obs = load_catalog(), read_reports().observations
    a = assess(cat, obs, 2025).set_index("target_id")
    assert a.loc["9", "status"] == a.loc["16a", "status"] == "insufficient_data"  # a year unknown
    assert a.loc["19", "status"] == "missed"
    assert a.loc["4", "provisional"] and 0 < a.loc["4", "probability"] < 1
    assert a.loc["16b", "projected_high"] <= 100
    assert np.isfinite(a.loc[a["provisional"], "probability"]).all()


def test_a_probability_short_of_certain_is_never_shown_as_100_or_0():
    from ward_analysis.present.locale import LOCALES

    vi, en = LOCALES["vi"], LOCALES["en"]
    assert vi.percent(0.996) == "trên 99 %" and en.percent(0.996) == "over 99%"
    assert vi.percent(0.004) == "dưới 1 %" and en.percent(0.004) == "under 1%"
    assert vi.percent(1.0) == "100 %" and vi.percent(0.0) == "0 %" and vi.percent(0.4) == "40 %"
