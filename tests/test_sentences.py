"""The sentences and figures of a report, as its reader sees them: each target worded by its
direction (a ceiling is not a floor, a yes/no or a rating has no figure to "reach"), a final
figure shown without a fitted value, no empty interval, provisional verdicts said so."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import ward_analysis as wa
from ward_analysis.present.format import show_projection
from ward_analysis.present.locale import LOCALES
from ward_analysis.present.sentences import DIRECTIONS, describe
from ward_analysis.present.tables import status_table_html

from .conftest import make_catalog, obs_frame

CEILING = {"id": "3", "kind": "annual", "measure": "share", "comparator": "<=", "threshold": 1.05,
           "name_vi": "Tỷ lệ tăng dân số tự nhiên", "name_en": "Natural population growth rate"}  # fmt: skip
FLOOR = {"id": "14", "kind": "annual", "measure": "share", "comparator": ">=", "threshold": 86,
         "name_vi": "Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ", "name_en": "Party cells rated well"}  # fmt: skip
YES_NO = {"id": "11", "kind": "annual", "measure": "boolean", "comparator": "==", "threshold": "Đạt",
          "name_vi": "Phường đạt chuẩn an toàn về an ninh trật tự",
          "name_en": "Ward meets the security-and-order standard"}  # fmt: skip
RATING = {"id": "10", "kind": "annual", "measure": "rating", "comparator": ">=", "threshold": "Khá",
          "rating_scale": ["Yếu", "Trung bình", "Khá", "Giỏi"],
          "name_vi": "Kết quả huấn luyện, diễn tập", "name_en": "Training and drills rating"}  # fmt: skip
END_LEVEL = {"id": "8", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 85,
             "name_vi": "Tỷ lệ làng đạt danh hiệu văn hóa", "name_en": "Cultural villages"}  # fmt: skip


def _said(catalog, observations, as_of: int, lang: str) -> dict[str, str]:
    """target id → its explanation."""
    d = describe(wa.assess(catalog, observations, as_of), catalog, lang=lang)
    return dict(zip(d["target_id"], d["explanation"], strict=True))


def test_a_failed_ceiling_is_said_to_be_above_it_and_a_floor_short_of_it(tmp_path):
    catalog = make_catalog(tmp_path, CEILING, FLOOR)
    obs = obs_frame({"3": {2020: 1.12, 2021: 1.08}, "14": {2020: 88, 2021: 85}})
    vi, en = _said(catalog, obs, 2021, "vi"), _said(catalog, obs, 2021, "en")
    assert vi["3"] == (
        "Tỷ lệ tăng dân số tự nhiên năm 2021 là 1,08 %, vượt mức trần 1,05 % của chỉ tiêu hằng năm."
    )
    assert "chỉ đạt" not in vi["3"]
    assert (
        en["3"]
        == "Natural population growth rate: 1.08% in 2021, above the yearly ceiling of 1.05%."
    )
    assert vi["14"] == (
        "Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ năm 2021 chỉ đạt 85,0 %, không đạt mức 86 % yêu cầu "
        "hằng năm."
    )
    assert (
        en["14"]
        == "Party cells rated well: 85.0% in 2021, below the yearly target of at least 86%."
    )


def test_a_failed_yes_no_target_is_not_met_not_reached(tmp_path):
    catalog = make_catalog(tmp_path, YES_NO)
    obs = obs_frame({"11": {2021: 1, 2022: 1, 2023: 0}})
    vi, en = _said(catalog, obs, 2023, "vi")["11"], _said(catalog, obs, 2023, "en")["11"]
    assert vi == (
        "Phường đạt chuẩn an toàn về an ninh trật tự: năm 2023 không đạt (chỉ tiêu yêu cầu đạt "
        "hằng năm)."
    )
    assert en == "Ward meets the security-and-order standard: not met in 2023; the target must be met every year."  # fmt: skip
    assert "chỉ đạt" not in vi and "Không đạt, không đạt" not in vi and "of met" not in en


def test_a_failed_rating_names_the_level_and_the_one_required(tmp_path):
    catalog = make_catalog(tmp_path, RATING)
    obs = obs_frame({"10": {2021: 2, 2022: 3, 2023: 1}})  # ranks: Khá, Giỏi, Trung bình
    vi, en = _said(catalog, obs, 2023, "vi")["10"], _said(catalog, obs, 2023, "en")["10"]
    assert vi == "Kết quả huấn luyện, diễn tập năm 2023: Trung bình, dưới mức Khá yêu cầu hằng năm."
    assert en == "Training and drills rating: Trung bình in 2023, below the level required every year (Khá or better)."  # fmt: skip


@pytest.fixture(scope="module")
def shipped():
    """The shipped catalog and reports, described in both languages for every year of the term."""
    catalog, obs = wa.load_catalog(), wa.read_reports().observations
    out = {}
    for year in range(2020, 2026):
        a = wa.assess(catalog, obs, year)
        for lang in LOCALES:
            out[year, lang] = describe(a, catalog, lang=lang)
    return catalog, obs, out


def test_english_names_read_as_names(shipped):
    _, _, said = shipped
    en = said[2025, "en"].set_index("target_id")["explanation"]
    assert en["6"].startswith(
        "Trained workers: 68.1% in 2025 (estimate); target at least 67%: met."
    )
    assert en["11"].startswith("Ward meets the security-and-order standard: not met in 2023;")
    assert said[2021, "en"].set_index("target_id").loc["3", "explanation"] == (
        "Natural population growth rate: 1.08% in 2021, above the yearly ceiling of 1.05%."
    )
    for (_, lang), d in said.items():  # nothing "was" a name, no template left half filled
        for target_id, text in zip(d["target_id"], d["explanation"], strict=True):
            assert "{" not in text and "  " not in text and "None" not in text, text
            if lang == "en":
                name = shipped[0][target_id].name("en")
                assert not text.startswith(f"{name} was"), text
                assert "every-year" not in text and "of met" not in text, text


def test_every_sentence_is_worded_by_its_direction(shipped):
    catalog, _, said = shipped
    for (_, lang), d in said.items():
        for r in d.itertuples():
            t, text = catalog[r.target_id], r.explanation
            if lang == "vi" and (t.comparator in ("<=", "<") or t.measure in ("boolean", "rating")):
                assert "chỉ đạt" not in text, text  # "only reached" is for floors
            if t.measure == "boolean":  # a yes/no target has no level to miss
                assert "mức Đạt" not in text and "of met" not in text, text
    for locale in LOCALES.values():  # a case worded per direction names only known ones
        for case, sentence in locale.sentences.items():
            if isinstance(sentence, dict):
                assert set(sentence) <= set(DIRECTIONS), (locale.code, case)


def test_a_final_figure_is_shown_without_a_forecast_or_interval(tmp_path):
    catalog = make_catalog(tmp_path, END_LEVEL)
    obs = obs_frame({"8": {2020: 80.1, 2021: 84.0, 2022: 88.2, 2023: 90.5, 2024: 91.0, 2025: 92.9}})
    a = wa.assess(catalog, obs, 2025)
    assert a["status"].iloc[0] == "achieved"
    for lang, figure in (("vi", "92,9 %"), ("en", "92.9%")):
        cells = re.findall(r"<td>(.*?)</td>", status_table_html(a, catalog, lang=lang))
        assert cells[3] == figure  # the column "forecast 2025": the figure itself


def test_an_estimate_of_the_final_year_is_marked_in_the_forecast_column(shipped):
    catalog, obs, _ = shipped
    a = wa.assess(catalog, obs, 2025)
    html = status_table_html(a[a["target_id"].isin(["8a", "1"])], catalog)
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert "92,9 % (ước)" in cells and "2,9 %/năm (ước)" in cells
    assert not any(re.search(r"\(\d+,\d+–\d+,\d+", c) for c in cells), cells


def test_no_empty_interval_is_shown(tmp_path, shipped):
    catalog = shipped[0]
    growth = catalog["1"]
    assert show_projection(2.87, 2.87, 2.87, growth, "vi") == "2,9 %/năm"
    assert show_projection(2.87, 2.86, 2.88, growth, "en") == "2.9%/year"
    assert show_projection(2.2, -0.6, 5.2, growth, "vi") == "2,2 %/năm (−0,6 %/năm – 5,2 %/năm)"
    end = make_catalog(tmp_path, END_LEVEL)
    a = wa.assess(end, obs_frame({"8": {2020: 80.1, 2021: 82.0, 2022: 83.5}}), 2022)
    assert a["status"].iloc[0] not in ("achieved", "missed")
    flat = a.assign(projected_low=a["projected_value"], projected_high=a["projected_value"])
    for lang in LOCALES:
        text = describe(flat, end, lang=lang)["explanation"].iloc[0]
        assert "khoảng dự báo" not in text and "range" not in text, text
    vi = describe(a, end, lang="vi")["explanation"].iloc[0]
    assert re.search(r"\(khoảng dự báo từ \d+,\d đến \d+,\d %\)", vi), vi


def test_a_provisional_verdict_is_said_so_with_its_chance(tmp_path):
    catalog = make_catalog(tmp_path, END_LEVEL)
    obs = obs_frame({"8": {2020: 80.1, 2021: 84.0, 2022: 88.2, 2023: 90.5, 2024: 91.0}})
    obs = pd.concat([obs, obs_frame({"8": {2025: 86.0}}, kind="estimate")], ignore_index=True)
    a = wa.assess(catalog, obs, 2025)
    plain = describe(a.drop(columns=["provisional"], errors="ignore"), catalog, lang="vi")
    assert plain["status_label"].iloc[0] == "Đã đạt"  # no column: not provisional
    assert "tạm tính" not in plain["explanation"].iloc[0]
    marked = a.assign(provisional=True, probability=0.62)
    vi, en = (
        describe(marked, catalog, lang="vi").iloc[0],
        describe(marked, catalog, lang="en").iloc[0],
    )
    assert vi["status_label"] == "Đã đạt (tạm tính, theo số ước)"
    assert vi["explanation"].endswith(
        "Kết quả tạm tính theo số ước thực hiện; khả năng số chính thức vẫn đạt: 62 %."
    )
    assert en["status_label"] == "Achieved (provisional, on an estimate)"
    assert en["explanation"].endswith(
        "the chance that the final figure still meets the target is 62%."
    )
    missed = describe(marked.assign(status="missed", computed_status="missed"), catalog, lang="vi")
    assert missed["explanation"].iloc[0].endswith("khả năng số chính thức đạt chỉ tiêu: 62 %.")
    assert "tạm tính" in status_table_html(marked, catalog)
    not_final = describe(a.assign(provisional=np.array([False])), catalog, lang="vi")
    assert not_final["status_label"].iloc[0] == "Đã đạt"


RANGE = {"id": "2", "kind": "annual", "measure": "share", "comparator": ">=", "threshold": 85,
         "upper": 95, "name_vi": "Tỷ lệ hộ dùng nước sạch", "name_en": "Households with clean water"}  # fmt: skip
END_RANGE = RANGE | {"id": "5", "kind": "end_level", "name_vi": "Chỉ tiêu 5", "name_en": "Target 5"}
END_YES_NO = YES_NO | {
    "id": "6",
    "kind": "end_level",
    "name_vi": "Chỉ tiêu 6",
    "name_en": "Target 6",
}
END_RATING = RATING | {
    "id": "7",
    "kind": "end_level",
    "name_vi": "Chỉ tiêu 7",
    "name_en": "Target 7",
}


def test_directions_the_shipped_catalog_lacks_read_well(tmp_path):
    catalog = make_catalog(tmp_path, RANGE, END_RANGE, END_YES_NO, END_RATING)
    failing = obs_frame({"2": {2021: 90, 2022: 80}, "5": {2021: 90, 2025: 97}, "6": {2025: 0},
                         "7": {2021: 2, 2025: 1}})  # fmt: skip
    vi, en = _said(catalog, failing, 2025, "vi"), _said(catalog, failing, 2025, "en")
    assert vi["2"] == "Tỷ lệ hộ dùng nước sạch năm 2022 chỉ đạt 80,0 %, không đạt mức 85–95 % yêu cầu hằng năm."  # fmt: skip
    assert (
        en["2"] == "Households with clean water: 80.0% in 2022, below the yearly target of 85–95%."
    )
    assert vi["5"].endswith("chỉ tiêu 85–95 %: đã đạt (vượt mức cao nhất 95 %).")
    assert vi["6"] == "Chỉ tiêu 6: năm 2025 không đạt."
    assert en["6"] == "Target 6: not met in 2025."
    assert vi["7"] == "Chỉ tiêu 7 năm 2025: Trung bình; chỉ tiêu Khá trở lên: không đạt."  # fmt: skip
    passing = obs_frame({"2": {y: 90 + y % 3 for y in range(2021, 2026)}})
    assert _said(catalog, passing, 2025, "vi")["2"] == (
        "Tỷ lệ hộ dùng nước sạch: đạt từ 85 % trở lên trong tất cả các năm 2021–2025."
    )
    assert _said(catalog, passing, 2025, "en")["2"] == (
        "Households with clean water: at least 85% in every year 2021–2025."
    )


def test_the_sentence_says_the_chance_as_page_one_does(tmp_path):
    """Rounded down, as page one and the tables say it: 0.4075 is 40 %, never 41 % in the
    sentence beside a 40 % (both once differed by a point)."""
    from ward_analysis.present.format import percent

    catalog = make_catalog(tmp_path, END_LEVEL)
    obs = obs_frame({"8": {2020: 80.1, 2021: 82.0, 2022: 83.2}})
    a = wa.assess(catalog, obs, 2022).assign(probability=0.4075)
    for lang in ("vi", "en"):
        said = describe(a, catalog, lang=lang)["explanation"].iloc[0]
        assert percent(0.4075, lang) in said and percent(0.41, lang) not in said


@pytest.mark.parametrize(
    "spec",
    [
        {"id": "1", "kind": "change_per_year", "measure": "share", "comparator": ">=",
         "threshold": 0.5, "direction": "down", "change_unit": "points"},
        {"id": "1", "kind": "average_growth", "measure": "amount", "comparator": ">=",
         "threshold": 5, "unit_of_measure": "triệu đồng"},
    ],
    ids=["change_per_year", "average_growth"],
)  # fmt: skip
def test_a_rate_with_only_its_base_year_waits_for_a_later_year_not_for_its_base(tmp_path, spec):
    catalog = make_catalog(tmp_path, spec | {"name_vi": "Chỉ tiêu", "name_en": "Target"})
    only_base = describe(wa.assess(catalog, obs_frame({"1": {2020: 3.0}}), 2020), catalog)
    assert (
        "đã có" in only_base["explanation"].iloc[0]
        and "cần số liệu năm gốc" not in (only_base["explanation"].iloc[0])
    )
    no_base = describe(wa.assess(catalog, obs_frame({"1": {2021: 3.0}}), 2021), catalog)
    assert "cần số liệu năm gốc 2020" in no_base["explanation"].iloc[0]


def test_a_rate_equal_to_its_goal_but_for_rounding_shows_the_goals_decimals(tmp_path):
    """2,6 − 2,4 is 0,19999… in floating point: said 0,2 like the goal, not 0,2000."""
    from ward_analysis.present.format import show

    spec = {"id": "1", "kind": "change_per_year", "measure": "share", "comparator": ">=",
            "threshold": 0.2, "direction": "down", "change_unit": "points",
            "name_vi": "Tỷ lệ hộ nghèo", "name_en": "Poor households"}  # fmt: skip
    target = make_catalog(tmp_path, spec)["1"]
    assert show(2.6 - 2.4, target, "vi") == show(0.2, target, "vi") == "0,20 điểm %/năm"
    assert show(0.201, target, "vi") == "0,201 điểm %/năm"  # near it: one more decimal


def test_an_estimate_mark_goes_only_beside_a_latest_figure_that_is_an_estimate(tmp_path):
    """A merged ward's base year is an estimate; its later figures are results: "(ước thực
    hiện)" beside 2022's result would say a result is an estimate."""
    catalog = make_catalog(tmp_path, END_LEVEL)
    actual = obs_frame({"8": {2021: 84.0, 2022: 88.2}})
    base = obs_frame({"8": {2020: 80.1}}, kind="estimate")
    a = wa.assess(catalog, pd.concat([base, actual], ignore_index=True), 2022)
    assert a["uses_estimate"].iloc[0] and not a["latest_estimate"].iloc[0]
    said = describe(a, catalog, lang="vi")["explanation"].iloc[0]
    assert "năm 2022 đạt 88,2 %;" in said and "ước" not in said
    latest = pd.concat([obs_frame({"8": {2021: 84.0}}), obs_frame({"8": {2022: 88.2}},
                       kind="estimate")], ignore_index=True)  # fmt: skip
    said = describe(wa.assess(catalog, latest, 2022), catalog, lang="vi")["explanation"].iloc[0]
    assert "năm 2022 đạt 88,2 % (ước thực hiện)" in said
