"""Reading a resolution's targets into a draft catalog (ward_analysis.onboard)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import ward_analysis as wa
from ward_analysis import CatalogError, config
from ward_analysis.cli import main
from ward_analysis.onboard import parse_targets
from ward_analysis.schema import STATUSES

SEED = config.WARD_DIR / "resolution_chi_lang_2020_2025.txt"
COMPARED = ["kind", "measure", "comparator", "threshold", "upper", "threshold_unit"]


def _agreement() -> tuple[pd.DataFrame, pd.DataFrame]:
    draft = parse_targets(SEED.read_text(encoding="utf-8"), term=(2020, 2025))
    hand = wa.load_catalog().to_frame()
    both = hand.merge(draft.to_frame(), on="target_id", how="left", suffixes=("", "_draft"))

    def same(row) -> bool:
        return all(
            row[c] == row[f"{c}_draft"] or (pd.isna(row[c]) and pd.isna(row[f"{c}_draft"]))
            for c in COMPARED
        )

    return both.assign(same=both.apply(same, axis=1)), draft.to_frame()


def test_the_seed_is_read_like_the_hand_made_catalog():
    both, draft = _agreement()
    assert len(draft) == len(both) == 33 and set(draft["target_id"]) == set(both["target_id"])
    rate = both["same"].mean()
    print(f"seed agreement: {both['same'].sum()}/{len(both)} = {rate:.1%}; "
          f"flagged {draft['needs_review'].sum()}")  # fmt: skip
    assert rate >= 0.9
    wrong = both[~both["same"]]
    assert wrong["needs_review_draft" if "needs_review_draft" in both else "needs_review"].all()
    assert sorted(wrong["target_id"]) == [
        "8a",
        "8b",
    ]  # no period stated: flagged, read as end level


def test_every_disagreement_is_flagged_with_a_reason():
    both, _ = _agreement()
    for row in both[~both["same"]].itertuples():
        assert row.needs_review and "no period stated" in row.review_reason


# Each case: one item of a made-up 2025–2030 list, and the sub-targets it must give:
# (kind, measure, comparator, threshold, upper, unit, flagged). None: not checked.
CASES: list[tuple[str, list[tuple]]] = [
    ("Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030 đạt 95% trở lên.",
     [("end_level", "share", ">=", 95, None, "%", False)]),
    ("Tỷ lệ hộ nghèo đa chiều giảm dưới 1%.",
     [("end_level", "share", "<", 1, None, "%", True)]),
    ("Thu ngân sách trên địa bàn tăng bình quân từ 5 – 7%/năm.",
     [("average_growth", "amount", ">=", 5, 7, "%/năm", True)]),
    ("Thu nhập bình quân đầu người đến năm 2030 đạt 80 triệu đồng/người/năm.",
     [("end_level", "amount", ">=", 80, None, "triệu đồng/người/năm", False)]),
    ("Hằng năm giải quyết việc làm cho 150 lao động trở lên.",
     [("annual", "count", ">=", 150, None, "lao động", False)]),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi không quá 8%.",
     [("end_level", "share", "<=", 8, None, "%", True)]),
    ("Tỷ lệ chi bộ đạt trong sạch vững mạnh hằng năm trên 90%.",
     [("annual", "share", ">", 90, None, "%", False)]),
    ("Kết nạp ít nhất 40 đảng viên mới trong nhiệm kỳ.",
     [("cumulative", "count", ">=", 40, None, "đảng viên", False)]),
    ("Tỷ suất sinh thô hằng năm không quá 15‰.",
     [("annual", "share", "<=", 15, None, "‰", False)]),
    ("Xây dựng mới từ 3 đến 5 nhà văn hóa tổ dân phố trong nhiệm kỳ.",
     [("cumulative", "count", ">=", 3, 5, "nhà", False)]),
    ("Trồng mới tối thiểu 2.000 cây xanh.",
     [("cumulative", "count", ">=", 2000, None, "cây", False)]),
    ("Giữ vững danh hiệu phường đạt chuẩn văn minh đô thị.",
     [("annual", "boolean", "==", "Đạt", None, "", False)]),
    ("Phường đạt chuẩn tiếp cận pháp luật hằng năm.",
     [("annual", "boolean", "==", "Đạt", None, "", False)]),
    ("Tỷ lệ hộ gia đình sử dụng nước sạch đạt 100%.",
     [("end_level", "share", ">=", 100, None, "%", True)]),
    ("Đảng bộ phường hằng năm được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
     [("annual", "rating", ">=", "Hoàn thành tốt nhiệm vụ", None, "", False)]),
    ("Hằng năm có 90% trở lên tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ.",
     [("annual", "share", ">=", 90, None, "%", False)]),
    ("Công tác huấn luyện dân quân hằng năm đạt loại Khá trở lên.",
     [("annual", "rating", ">=", "Khá", None, "", False)]),
    ("Giao quân hằng năm đạt 100% chỉ tiêu.",
     [("annual", "share", ">=", 100, None, "%", False)]),
    ("Tổng vốn đầu tư toàn xã hội giai đoạn 2025 – 2030 đạt 500 tỷ đồng.",
     [("cumulative", "amount", ">=", 500, None, "tỷ đồng", False)]),
    ("Tỷ lệ lao động qua đào tạo đến năm 2030 đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.",
     [("end_level", "share", ">=", 75, None, "%", False),  # the part after "trong đó" takes
      ("end_level", "share", ">=", 35, None, "%", True)]),  # the period of the one before
    ("Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.",  # a fall in points of a percentage
     [("change_per_year", "share", ">=", 1.5, None, "điểm %/năm", False)]),
    ("Tỷ lệ hộ nghèo giảm xuống còn dưới 2% vào năm 2030.",
     [("end_level", "share", "<", 2, None, "%", False)]),
    ("Tỷ lệ hộ cận nghèo giảm còn 3% đến năm 2030.",
     [("end_level", "share", "<=", 3, None, "%", False)]),
    ("Từ 08 đến 10 tuyến đường được bê tông hóa trong nhiệm kỳ.",
     [("cumulative", "count", ">=", 8, 10, "tuyến", False)]),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế đến năm 2030 đạt trên 95%.",
     [("end_level", "share", ">", 95, None, "%", False)]),
    ("Tỷ lệ thu gom rác thải sinh hoạt đạt 98% trở lên vào cuối nhiệm kỳ.",
     [("end_level", "share", ">=", 98, None, "%", False)]),
    ("Mỗi năm kết nạp từ 5 đảng viên trở lên.",
     [("annual", "count", ">=", 5, None, "đảng viên", False)]),
    ("Số vụ tai nạn giao thông hằng năm giảm.",
     [("annual", None, None, None, None, None, True)]),
    ("Tỷ lệ tăng dân số tự nhiên hằng năm dưới 1%.",
     [("annual", "share", "<", 1, None, "%", False)]),
    ("Tỷ lệ đô thị hóa đến năm 2030 khoảng 60%.",  # about: no tolerance stated
     [("about", "share", "==", 60, None, "%", True)]),
    ("Thu ngân sách nhà nước trên địa bàn hằng năm đạt và vượt dự toán được giao.",
     [("annual", "boolean", "==", "Đạt", None, "", False)]),
    ("Tỷ lệ hộ gia đình được công nhận gia đình văn hóa hằng năm đạt từ 92% trở lên.",
     [("annual", "share", ">=", 92, None, "%", False)]),
    ("Duy tu, sửa chữa từ 5 – 7 km đường giao thông và 10 – 12 cầu cống.",
     [("cumulative", "length", ">=", 5, 7, "km", True),
      ("cumulative", "count", ">=", 10, 12, "cầu", True)]),
    ("Tỷ lệ đảng viên được kiểm tra, giám sát trong nhiệm kỳ đạt 100%.",
     [("cumulative", "share", ">=", 100, None, "%", False)]),
    ("Giao quân hằng năm đạt 100%; công tác tuyển quân đạt chất lượng.",  # period taken
     [("annual", "share", ">=", 100, None, "%", False),  # from the first part: flagged
      ("annual", "boolean", "==", "Đạt", None, "", True)]),
    ("Tỷ lệ trường đạt chuẩn quốc gia đến năm 2030 là 100%.",
     [("end_level", "share", ">=", 100, None, "%", False)]),
    ("Duy trì tỷ lệ trẻ em 6 tuổi vào lớp 1 đạt 100% hằng năm.",
     [("annual", "share", ">=", 100, None, "%", False)]),
    ("Tỷ lệ người dân được tiếp cận dịch vụ y tế cơ bản tối thiểu 90% vào năm 2030.",
     [("end_level", "share", ">=", 90, None, "%", False)]),
    ("Năm 2030, tỷ lệ phủ sóng internet băng rộng đạt 100%.",
     [("end_level", "share", ">=", 100, None, "%", False)]),
    ("Tỷ lệ hộ nghèo hằng năm giảm từ 0,5 – 1%.",
     [("change_per_year", "share", ">=", 0.5, 1, "điểm %/năm", False)]),
    ("Tăng cường công tác tuyên truyền, vận động Nhân dân.",
     [(None, None, None, None, None, None, True)]),
    ("Tỷ lệ sinh con thứ 3 trở lên hằng năm dưới 5‰.",
     [("annual", "share", "<", 5, None, "‰", False)]),
    ("Tỷ lệ lao động có việc làm đến năm 2035 đạt 90%.",  # not the term's end year
     [("end_level", "share", ">=", 90, None, "%", True)]),
    ("Tổng số đảng viên được kết nạp trong nhiệm kỳ 30 đồng chí.",
     [("cumulative", "count", ">=", 30, None, "đồng chí", False)]),
    ("Kiểm tra, giám sát theo Điều 30 Điều lệ Đảng hằng năm đạt 20% trở lên trên tổng số chi bộ.",
     [("annual", "share", ">=", 20, None, "%", False)]),  # a percentage of the cells, not of 30
    ("Tỷ lệ trẻ em 5 tuổi ra lớp và trẻ em trong độ tuổi đến lớp hằng năm đạt 100%.",
     [("annual", "share", ">=", 100, None, "%", False),
      ("annual", "share", ">=", 100, None, "%", False)]),
    ("Xếp loại Chính quyền, Mặt trận và các đoàn thể hằng năm hoàn thành tốt nhiệm vụ trở lên.",
     [("annual", "rating", ">=", "Hoàn thành tốt nhiệm vụ", None, "", False)] * 3),
]  # fmt: skip


def test_at_least_forty_phrase_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("phrase, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrase(phrase, expected):
    draft = parse_targets(f"(1). {phrase}", term=(2025, 2030))
    frame = draft.to_frame()
    assert len(frame) == len(expected), frame[["target_id", "name_vi", "review_reason"]]
    for row, (kind, measure, cmp, threshold, upper, unit, flagged) in zip(
        frame.itertuples(), expected, strict=True
    ):
        assert bool(row.needs_review) == flagged, row.review_reason
        for got, want in (
            (row.kind, kind),
            (row.measure, measure),
            (row.threshold_unit if unit is not None else None, unit),
        ):
            if want is not None or flagged is False:
                assert got == want
        if cmp is not None:
            assert row.comparator == cmp
        if isinstance(threshold, str):
            assert row.threshold_label == threshold
        elif threshold is not None:
            assert row.threshold == pytest.approx(threshold)
        assert (upper is None and math.isnan(row.upper)) or row.upper == upper
        assert row.text_vi == phrase  # verbatim
        if flagged:
            assert row.review_reason


def test_items_sub_lines_and_headings_are_split():
    text = """NGHỊ QUYẾT ĐẠI HỘI
* Mục tiêu tổng quát:
Xây dựng phường phát triển nhanh, bền vững; 100% cán bộ gương mẫu.
* Các chỉ tiêu chủ yếu đến năm 2030:
1. Về kinh tế:
- Thu ngân sách tăng bình quân 6%/năm.
- Thu nhập bình quân đầu người đến năm 2030 đạt 90 triệu đồng/người/năm.
2. Tỷ lệ hộ nghèo giảm dưới 1%;
hộ cận nghèo giảm dưới 2%.
3. Phường đạt chuẩn an toàn thực phẩm hằng năm.
* Nhiệm vụ và giải pháp:
- Tăng cường 100% công tác kiểm tra.
"""
    frame = parse_targets(text, term=(2025, 2030)).to_frame()
    assert list(frame["target_id"]) == ["1a", "1b", "2a", "2b", "3"]
    assert list(frame["kind"]) == [
        "average_growth",
        "end_level",
        "end_level",
        "end_level",
        "annual",
    ]
    assert frame.loc[0, "text_vi"] == "Thu ngân sách tăng bình quân 6%/năm."
    assert frame.loc[2, "text_vi"] == "Tỷ lệ hộ nghèo giảm dưới 1%;\nhộ cận nghèo giảm dưới 2%."
    assert frame.loc[3, "comparator"] == "<" and frame.loc[3, "threshold"] == 2


def test_to_frame_has_the_catalog_columns_plus_review():
    draft = parse_targets(SEED.read_text(encoding="utf-8"), term=(2020, 2025))
    columns = list(wa.load_catalog().to_frame().columns)
    assert list(draft.to_frame().columns) == [
        *columns,
        "needs_review",
        "review_reason",
        "confidence",
    ]
    frame = draft.to_frame()
    assert frame["confidence"].between(0, 1).all()
    assert (frame.loc[frame["needs_review"], "confidence"] < 0.75).all()


def test_bad_term_is_refused():
    with pytest.raises(CatalogError, match="term must be two years"):
        parse_targets("(1). x", term=(2030, 2025))


def test_the_term_is_read_from_the_heading_when_not_given():
    draft = parse_targets(SEED.read_text(encoding="utf-8"))
    assert (draft.meta["base_year"], draft.meta["target_year"]) == (2020, 2025)
    given = parse_targets(SEED.read_text(encoding="utf-8"), term=(2020, 2025))
    assert draft.to_yaml() == given.to_yaml()
    with pytest.raises(CatalogError, match=re.escape("t.txt: no 'chỉ tiêu … đến năm …' heading")):
        parse_targets("(1). Tỷ lệ hộ nghèo dưới 1% đến năm 2030.", source="t.txt")


MADE_UP = """NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ PHƯỜNG HỘI PHÚ LẦN THỨ I, NHIỆM KỲ 2025 – 2030 (văn bản minh họa)
* Các chỉ tiêu chủ yếu đến năm 2030:
(1). Thu ngân sách trên địa bàn tăng bình quân từ 6 – 8%/năm.
(2). Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030 đạt 95% trở lên.
(3). Tỷ lệ hộ nghèo đến năm 2030 giảm xuống còn dưới 0,5%.
(4). Bê tông hóa từ 10 đến 12 đường hẻm trong nhiệm kỳ.
(5). Phường đạt chuẩn an ninh trật tự hằng năm.
(6). Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ hằng năm đạt 85% trở lên.
(7). Đảng bộ phường hằng năm được xếp loại hoàn thành tốt nhiệm vụ trở lên.
"""


def _accept_all(path: Path) -> None:
    """What a reviewer does once every flagged entry is checked: clear the flags."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in doc["targets"]:
        entry["needs_review"] = False
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.slow
def test_a_made_up_2025_2030_list_runs_through_assess_and_a_year_report(tmp_path, capsys):
    import papermill

    from ward_analysis.build.export import export_html, vega_bundle

    text = tmp_path / "nghi_quyet_hoi_phu.txt"
    text.write_text(MADE_UP, encoding="utf-8")
    out = tmp_path / "catalog.yaml"
    assert (
        main(["targets-from-text", str(text), "--unit", "Phường Hội Phú", "--out", str(out)]) == 0
    )
    err = capsys.readouterr().err
    assert "7 sub-targets read for 2025–2030; 1 flagged needs_review" in err
    with pytest.raises(CatalogError, match="still has 1 entry flagged needs_review") as info:
        wa.load_catalog(out)
    assert "target '1'" in str(info.value) and "triệu đồng assumed" in str(info.value)
    _accept_all(out)
    catalog = wa.load_catalog(out)
    assert len(catalog) == 7 and catalog["3"].comparator == "<" and catalog["4"].upper == 12
    rows = []
    for year, values in {
        2025: {"1": 12000, "2": 91.0, "3": 1.2, "4": 0, "5": "1", "6": 82, "7": 2},
        2026: {"1": 12800, "2": 92.5, "3": 0.9, "4": 3, "5": "1", "6": 86, "7": 2},
        2027: {"1": 13700, "2": 93.4, "3": 0.7, "4": 2, "5": "1", "6": 87, "7": 3},
    }.items():
        for tid, value in values.items():
            rows.append({"unit": "Phường Hội Phú", "target_id": tid, "year": year,
                         "value": float(value), "value_kind": "actual"})  # fmt: skip
    obs_path = tmp_path / "observations.csv"
    pd.DataFrame(rows).to_csv(obs_path, index=False)
    observations = wa.load_observations(obs_path, catalog=catalog)
    assessed = wa.assess(catalog, observations, 2027)
    assert len(assessed) == 7 and assessed["status"].notna().all()
    assert set(assessed["status"]) <= set(STATUSES) - {"insufficient_data"}
    status = assessed.set_index("target_id")["status"]
    assert status["5"] in ("on_track", "achieved") and status["3"] in ("on_track", "achieved")
    executed = papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "year_report.ipynb"),
        str(tmp_path / "year_report_2027.ipynb"),
        parameters={"year": 2027, "lang": "vi", "observations_path": str(obs_path),
                    "catalog_path": str(out), "rejects_path": str(tmp_path / "none.csv")},
        progress_bar=False, cwd=str(config.NOTEBOOKS_DIR),
    )  # fmt: skip
    html = export_html(executed, vega_bundle())
    assert "Phường Hội Phú" in html and html.count('class="ward-chart"') == 7


def test_the_seed_draft_loads_as_a_catalog_once_reviewed(tmp_path, capsys, monkeypatch):
    import shutil

    shutil.copy(SEED, tmp_path / SEED.name)
    monkeypatch.chdir(tmp_path)
    assert main(["targets-from-text", SEED.name, "--unit", "Phường Chi Lăng"]) == 0  # to stdout
    captured = capsys.readouterr()
    assert "33 sub-targets read for 2020–2025; 10 flagged needs_review" in captured.err
    path = tmp_path / "catalog.yaml"
    path.write_text(captured.out, encoding="utf-8")
    with pytest.raises(CatalogError, match="still has 10 entries flagged needs_review"):
        wa.load_catalog(path)
    _accept_all(path)
    catalog = wa.load_catalog(path)  # text_vi checked verbatim against the seed text
    assert len(catalog) == 33 and catalog.header.source == SEED.name
    assert catalog["20c"].name_vi == "Xếp loại Mặt trận" and catalog["3"].valid_range == (-10, 10)


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["targets-from-text", str(tmp_path / "none.txt")]) == 1
    assert "none.txt: file not found" in capsys.readouterr().err
    text = tmp_path / "t.txt"
    text.write_text("(1). Tỷ lệ hộ nghèo dưới 1%.", encoding="utf-8")
    assert main(["targets-from-text", str(text)]) == 1
    err = capsys.readouterr().err
    assert "t.txt: no 'chỉ tiêu … đến năm …' heading" in err
    assert "give it with --term 2025-2030" in err
    assert main(["targets-from-text", str(text), "--term", "2025-2030"]) == 0


# -- the failure classes found on real lists (issue 15), each fixed ---------------------------


def _one(text: str, term=(2025, 2030)):
    frame = parse_targets(text, term=term).to_frame()
    assert len(frame) == 1, frame[["target_id", "kind", "threshold", "review_reason"]]
    return frame.iloc[0]


def test_a_list_in_one_paragraph_with_roman_numerals_is_cut_into_its_items():
    text = ("CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025 I. Về kinh tế (2 chỉ tiêu) 1. Thu "
            "nhập bình quân đầu người đến năm 2025: 60 triệu đồng. 2. Tổng huy động vốn đầu tư "
            "thời kỳ 2021-2025: 5.000 tỷ đồng. II. Về văn hóa - xã hội (1 chỉ tiêu) 3. Tỷ lệ "
            "lao động qua đào tạo năm 2025: 65%.")  # fmt: skip
    draft = parse_targets(text, term=(2020, 2025))
    frame = draft.to_frame()
    assert list(frame["target_id"]) == ["1", "2", "3"]
    assert list(frame["kind"]) == ["end_level", "cumulative", "end_level"]
    assert list(frame["threshold"]) == [60, 5000, 65]  # never 2 or 1 from "(2 chỉ tiêu)"
    assert [p.reason for p in draft.skipped] == ["preamble", "heading", "heading"]
    assert draft.segmented.unaccounted() == ""


def test_an_average_over_the_term_is_an_average_growth_not_every_year():
    row = _one("(1). Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt 11,8%.")
    assert (row.kind, row.comparator, row.threshold, row.threshold_unit) == (
        "average_growth", ">=", 11.8, "%/năm")  # fmt: skip
    row = _one("(1). Tốc độ tăng dân số bình quân hằng năm dưới 1%.")
    assert (row.kind, row.measure, row.comparator, row.threshold) == (
        "average_growth", "count", "<", 1)  # fmt: skip


def test_a_fall_per_year_is_a_change_per_year_not_a_level():
    row = _one("(6) Tỷ lệ hộ nghèo người đồng bào DTTS giảm bình quân/năm: trên 10%.")
    assert (row.kind, row.comparator, row.threshold) == ("change_per_year", ">", 10)
    assert row.needs_review and "points or in % of the rate" in row.review_reason
    draft = parse_targets("(1). Tỷ lệ hộ nghèo giảm 1 – 1,5%/năm.", term=(2025, 2030))
    fields = draft.targets[0].fields
    assert (fields["direction"], fields["change_unit"], fields["threshold"], fields["upper"]) == (
        "down", "points", 1, 1.5)  # fmt: skip
    row = _one("(1). Tỷ lệ hộ nghèo giảm bình quân hằng năm từ 0,8% trở lên.")
    assert (row.kind, row.comparator, row.threshold, row.needs_review) == (
        "change_per_year", ">=", 0.8, False)  # fmt: skip


def test_a_part_with_no_period_takes_its_siblings_only_with_a_flag():
    frame = parse_targets(
        "(1). Giao quân hằng năm đạt 100%; 100% đường giao thông được cứng hóa.", term=(2025, 2030)
    ).to_frame()
    assert list(frame["kind"]) == ["annual", "annual"]
    assert list(frame["needs_review"]) == [False, True]
    assert "no period in this part" in frame.loc[1, "review_reason"]


def test_a_heading_with_indented_lines_gives_one_entry_a_line():
    text = "\n".join([
        "Các chỉ tiêu chủ yếu đến năm 2030:",
        "1. Chỉ tiêu về kinh tế:",
        "    Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt 8%",
        "    Thu nhập bình quân đầu người đến năm 2030 đạt 90 triệu đồng",
        "    Tổng vốn đầu tư trong nhiệm kỳ đạt 500 tỷ đồng",
        "2. Chỉ tiêu về xã hội:",
        "    Tỷ lệ hộ nghèo đến năm 2030 dưới 1%",
        "    Tỷ lệ tham gia bảo hiểm y tế đến năm 2030 đạt 95%",
    ])  # fmt: skip
    draft = parse_targets(text, term=(2025, 2030))
    frame = draft.to_frame()
    assert list(frame["target_id"]) == ["1a", "1b", "1c", "2a", "2b"]
    assert list(frame["kind"]) == ["average_growth", "end_level", "cumulative", "end_level",
                                   "end_level"]  # fmt: skip
    assert [p.reason for p in draft.skipped] == ["preamble", "heading", "heading"]


@pytest.mark.parametrize(
    "text, threshold, unit",
    [
        ("(5) Số thôn, làng đạt chuẩn nông thôn mới (theo Chỉ thị 12-CT/TU, ngày 13/2/2018 của "
         "Ban Thường vụ Tỉnh ủy): 04/09 thôn, làng.", 4, "thôn"),
        ("(1). Tỷ lệ phủ sóng 5G đến năm 2030 đạt 100%.", 100, "%"),
        ("(1). Số thôn đạt chuẩn nông thôn mới đến năm 2030: 66/112 thôn.", 66, "thôn"),
        ("(1). Từ ngày 01/7/2026, tỷ lệ hồ sơ trực tuyến đến năm 2030 đạt 80%.", 80, "%"),
    ],
)  # fmt: skip
def test_figures_never_come_from_dates_denominators_codes_or_names(text, threshold, unit):
    row = _one(text)
    assert row.threshold == threshold and row.threshold_unit == unit


def test_a_statement_cut_off_is_flagged_not_read_as_a_title():
    row = _one("(20) MTTQ và các đoàn thể hàng năm đạt: hoàn thàn", term=(2020, 2025))
    assert row.needs_review and row.measure is None
    # a short title is not a cut-off: "đạt chuẩn" with no colon before it
    row = _one("(11). Hằng năm phường đạt chuẩn.", term=(2020, 2025))
    assert (row.kind, row.measure, row.needs_review) == ("annual", "boolean", False)


def test_date_and_source_lines_are_skipped_with_their_reason():
    text = ("Các chỉ tiêu chủ yếu đến năm 2030:\n(1). Tỷ lệ hộ nghèo đến năm 2030 dưới 1%.\n"
            "Pleiku, ngày 20 tháng 7 năm 2025\n(Theo Báo Gia Lai)\n")  # fmt: skip
    draft = parse_targets(text, term=(2025, 2030))
    assert len(draft) == 1
    assert [p.reason for p in draft.skipped] == ["preamble", "date", "source"]
    assert "# skipped (a date line): Pleiku, ngày 20 tháng 7 năm 2025" in draft.to_yaml()


@pytest.mark.parametrize(
    "text, kind, fields",
    [
        ("(1). Tỷ lệ đô thị hóa đến năm 2030 đạt khoảng 65 – 70%.", "about",
         {"comparator": "==", "threshold": 65, "upper": 70}),
        ("(1). Đến năm 2027, 100% hồ sơ thủ tục hành chính được xử lý trực tuyến.", "by_year",
         {"year": 2027, "threshold": 100}),
        ("(1). Tỷ lệ hộ nghèo đến năm 2030 thấp hơn mức bình quân của tỉnh.", "relative",
         {"comparator": "<", "threshold": 0, "reference": "province"}),
        ("(1). Tỷ lệ hộ nghèo giảm bình quân 0,2%/năm.", "change_per_year",
         {"direction": "down", "change_unit": "points", "threshold": 0.2}),
    ],
)  # fmt: skip
def test_the_new_kinds_are_read(text, kind, fields):
    draft = parse_targets(text, term=(2025, 2030))
    assert len(draft) == 1
    got = draft.targets[0].fields
    assert got["kind"] == kind
    assert {k: got[k] for k in fields} == fields
    # an "about" with no tolerance and a reference that is not a unit's code are flagged
    assert draft.targets[0].needs_review == (kind in ("about", "relative"))
