import pandas as pd

from ward_analysis import assess, load_catalog, read_reports
from ward_analysis.present.notes import data_notes
from ward_analysis.present.tables import (
    banner_html,
    headline,
    status_changes,
    status_table_html,
    year_table,
)

from .conftest import make_catalog, obs_frame


def test_headline_counts_and_changes():
    catalog = load_catalog()
    result = read_reports()
    now, before = (
        assess(catalog, result.observations, 2023),
        assess(catalog, result.observations, 2022),
    )
    table = headline(now, before)
    assert table["Số chỉ tiêu"].sum() == 33
    row = table[table["Tình trạng"] == "Đã đạt"].iloc[0]
    assert (row["Số chỉ tiêu"], row["So với năm trước"]) == (1, "+1")
    lines = status_changes(now, before, catalog)
    assert "Số bóng điện chiếu sáng đường hẻm được lắp: Đúng tiến độ → Đã đạt" in lines
    assert status_changes(now, None, catalog) == ["Năm đầu tiên được đánh giá."]
    assert headline(now, None, lang="en").columns.tolist() == ["Status", "Targets"]


def test_year_table_shows_plan_result_and_change():
    catalog = load_catalog()
    obs = read_reports().observations
    table = year_table(obs, catalog, catalog.unit, 2024).set_index("Chỉ tiêu")
    budget = table.loc["1. Thu ngân sách theo phân cấp trên địa bàn"]
    assert (budget["Kế hoạch"], budget["Thực hiện"], budget["Tăng/giảm"]) == (
        "9.200 triệu đồng",
        "9.380 triệu đồng",
        "+330 triệu đồng",
    )
    estimate = year_table(obs, catalog, catalog.unit, 2025, lang="en").set_index("Target")
    assert estimate.loc["4. Health-insurance coverage", "Result"] == "79.3% (est.)"


def test_data_notes_cover_notice_basis_gaps_rejects_and_readings():
    catalog = load_catalog()
    result = read_reports()
    notes = data_notes(catalog, result.observations, result.rejects, catalog.unit, 2024)
    text = "\n".join(notes)
    assert notes[0].startswith("SỐ LIỆU MINH HỌA")
    assert "Chỉ tiêu 5a: từ năm 2022" in text
    assert "Chỉ tiêu 19, năm 2024: không có số liệu" in text
    assert "Loại bỏ: bieu_chi_tieu_2024.xlsx, dòng 37" in text
    assert "Cách hiểu chỉ tiêu 3:" in text
    assert "SỐ LIỆU MINH HỌA" in banner_html(catalog)


def test_text_from_the_data_is_escaped(tmp_path):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    target = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80,
              "name_vi": hostile, "name_en": hostile}  # fmt: skip
    catalog = make_catalog(tmp_path, target)
    a = assess(catalog, obs_frame({"4": {2021: 70, 2022: 72}}), 2022)
    html = status_table_html(a, catalog)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    notes = data_notes(catalog, obs_frame({"4": {2021: 70}}), pd.DataFrame([{
        "file": "<b>x</b>.csv", "row": 3, "column": "c", "raw_text": "<i>", "target_id": "4", "year": 2021,
        "reason_code": "bad_value", "reason": "r"}]), "Phường Thử", 2022)  # fmt: skip
    from ward_analysis.present.notes import notes_html

    assert "<b>x</b>" not in notes_html(notes) and "&lt;b&gt;x&lt;/b&gt;" in notes_html(notes)
