import pandas as pd

from ward_analysis import assess, load_catalog, read_reports
from ward_analysis.present.notes import NOTE_KINDS, data_notes, notes_html
from ward_analysis.present.tables import (
    banner_html,
    status_table_html,
    year_table,
)

from .conftest import make_catalog, obs_frame


def test_summary_counts_and_changes():
    """The counts and changes of page one (they replaced the headline table)."""
    from ward_analysis.present.summary import summarise

    catalog = load_catalog()
    result = read_reports()
    now, before = (
        assess(catalog, result.observations, 2023),
        assess(catalog, result.observations, 2022),
    )
    summary = summarise(now, before, catalog, lang="vi")
    assert sum(c.now for c in summary.counts) == summary.total == 33
    achieved = next(c for c in summary.counts if c.status == "achieved")
    assert (achieved.now, achieved.change) == (1, "+1")
    lines = [c.text for c in summary.changes]
    assert any(
        "Số bóng điện chiếu sáng đường hẻm được lắp: Đúng tiến độ → Đã đạt" in t for t in lines
    )
    first = summarise(now, None, catalog, lang="en")
    assert first.changes == () and first.previous_year is None


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
    by_kind = {kind: [n.text for n in notes if n.kind == kind] for kind in NOTE_KINDS}
    assert [n.kind for n in notes] == sorted((n.kind for n in notes), key=list(NOTE_KINDS).index)
    assert by_kind["restated"][0].startswith("Chỉ tiêu 5a (Tỷ lệ hộ nghèo): từ năm 2022")
    assert by_kind["basis"][0].startswith("Chỉ tiêu 5a (Tỷ lệ hộ nghèo): số liệu năm 2020, 2021")
    assert any(n.startswith("Chỉ tiêu 19 (") and "năm 2024: không có số liệu" in n
               for n in by_kind["missing"])  # fmt: skip
    assert any("(bieu_chi_tieu_2024.xlsx, dòng 37, cột “Thực hiện năm 2024”)" in n
               for n in by_kind["rejected"])  # fmt: skip
    assert "Chỉ tiêu 3 (Tỷ lệ tăng dân số tự nhiên): Nội dung chỉ tiêu" in "\n".join(
        by_kind["readings"]
    )
    assert not any("SỐ LIỆU MINH HỌA" in n.text for n in notes)  # the banner says it
    assert "SỐ LIỆU MINH HỌA" in banner_html(catalog)
    html = notes_html(notes)
    assert html.count('<h3 class="ward-notes-kind">') == len({n.kind for n in notes})
    assert '<h3 class="ward-notes-kind">Cách hiểu các chỉ tiêu</h3>' in html


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
    assert "<b>x</b>" not in notes_html(notes) and "&lt;b&gt;x&lt;/b&gt;" in notes_html(notes)


def test_a_target_reading_anothers_figures_has_no_row_of_its_own_in_the_year_table():
    """Hội Phú's 5c (the yearly fall of the poverty rate) reads 5a's figures: the year's
    table shows them once, as 5a's levels, not again under the name of the fall."""
    from ward_analysis import config

    folder = config.RAW_DIR / "hoi_phu"
    catalog = load_catalog(folder / "catalog.yaml")
    obs = read_reports(folder, catalog).observations
    rows = year_table(obs, catalog, "Phường Hội Phú", 2026, lang="vi").iloc[:, 0]
    assert any(r.startswith("5a. ") for r in rows) and not any(r.startswith("5c. ") for r in rows)
    assert len(rows) == len(catalog) - 1


def test_a_change_a_year_is_said_with_its_way_in_the_tables(tmp_path):
    """A poverty rate that rose while it was to fall: "tăng bình quân 0,50 điểm %/năm", not
    "−0,50 điểm %/năm", in the figure and the projection cells (the term review, downloads)."""
    from ward_analysis.present.tables import status_rows

    spec = {"id": "1", "kind": "change_per_year", "measure": "share", "comparator": ">=",
            "threshold": 0.2, "direction": "down", "change_unit": "points",
            "name_vi": "Tỷ lệ hộ nghèo", "name_en": "Poor households"}  # fmt: skip
    catalog = make_catalog(tmp_path, spec)
    obs = obs_frame({"1": {2020: 3.0, 2021: 3.5, 2022: 4.0}})
    a = assess(catalog, obs, 2022)
    for lang, rise in (("vi", "tăng bình quân 0,50 điểm %/năm"), ("en", "up 0.50 pts/year")):
        row = status_rows(a, catalog, lang=lang).iloc[0]
        cells = " ".join(str(v) for v in row.to_numpy())
        assert rise in cells and "−0,50" not in cells and "−0.50" not in cells
