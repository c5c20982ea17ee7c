"""The reading rules one by one: the poverty standard, names and their qualifiers, units,
ambiguous figures and plausibility (the clerk corpus checks them all together)."""

from __future__ import annotations

import pytest

import ward_analysis as wa
from ward_analysis import ParseError
from ward_analysis.present.notes import data_notes
from ward_analysis.read.basis import row_basis
from ward_analysis.read.cells import parse_cell, row_unit
from ward_analysis.read.names import Names

from .conftest import write_table

HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Thực hiện năm {year}", "Ghi chú"]


@pytest.fixture(scope="module")
def catalog():
    return wa.load_catalog()


@pytest.mark.parametrize(
    "texts, year, basis, flagged",
    [
        (["Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025)"], 2023, "2022-2025", False),
        (["Tỷ lệ hộ nghèo (theo Nghị định số 07/2021/NĐ-CP)"], 2023, "2022-2025", False),
        (["Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều giai đoạn 2021-2025)"], 2023, "2022-2025", False),
        (["Tỷ lệ hộ nghèo (chuẩn mới)"], 2022, "2022-2025", False),
        (["Tỷ lệ hộ nghèo", "không theo chuẩn nghèo giai đoạn 2016 – 2020"], 2023, "2022-2025", True),
        (["Tỷ lệ hộ nghèo (đa chiều)"], 2023, "2022-2025", True),
        (["Tỷ lệ hộ nghèo"], 2021, "2016-2020", True),
        (["Tỷ lệ hộ nghèo (chuẩn nghèo giai đoạn 2016-2020)"], 2020, "2016-2020", False),
    ],
)  # fmt: skip
def test_the_poverty_standard_is_read_in_its_real_wordings(catalog, texts, year, basis, flagged):
    found = row_basis(catalog["5a"], texts, year)
    assert found.basis == basis and bool(found.note) == flagged


@pytest.mark.parametrize(
    "texts, year, code",
    [
        (["Tỷ lệ hộ nghèo (theo chuẩn nghèo giai đoạn 2016 – 2020)"], 2023, "basis_year"),
        (["Tỷ lệ hộ nghèo (chuẩn nghèo giai đoạn 2026 – 2030)"], 2027, "unknown_basis"),
        (["Tỷ lệ hộ nghèo (chuẩn mới)", "chuẩn nghèo 2016 – 2020"], 2021, "ambiguous_basis"),
    ],
)
def test_a_wrong_or_unknown_standard_is_refused(catalog, texts, year, code):
    with pytest.raises(ParseError) as caught:
        row_basis(catalog["5a"], texts, year)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "name, target, qualifier",
    [
        ("Thu ngân sách theo phân cấp trên địa bàn (tỷ đồng)", "1", None),
        ("Tỷ lệ lao động đã qua đào tạo (*)", "6", None),
        ("Tỷ lệ người dân tham gia bảo hiểm y tế (lũy kế)", "4", "(lũy kế)"),
        ("Thu ngân sách theo phân cấp trên địa bàn (không kể tiền sử dụng đất)", "1", "(không kể tiền sử dụng đất)"),
        ("Tỷ lệ lao động nữ đã qua đào tạo", "6", "nữ"),
        ("Tỷ lệ tăng dân số tự nhiên hằng năm", "3", None),
        ("Tỷ lệ hộ dùng nước sạch", None, None),
    ],
)  # fmt: skip
def test_names_match_only_the_plain_indicator(catalog, name, target, qualifier):
    match = Names(catalog).match(name)
    assert (match.target_id, match.qualifier) == (target, qualifier)


def test_units_from_the_name_or_the_note_and_their_conflicts(catalog):
    revenue = catalog["1"]
    assert row_unit(revenue, "", "Thu ngân sách (tỷ đồng)", "") == "tỷ đồng"
    assert row_unit(revenue, "", "Thu ngân sách", "ĐVT: tỷ đồng") == "tỷ đồng"
    with pytest.raises(ParseError, match="two units") as caught:
        row_unit(revenue, "Triệu đồng", "Thu ngân sách (tỷ đồng)", "")
    assert caught.value.code == "unit_conflict"
    with pytest.raises(ParseError, match="'m²' does not fit"):
        parse_cell("600 m²", catalog["2b"])


def test_a_thousands_comma_is_refused_where_it_could_be_either(catalog):
    with pytest.raises(ParseError, match="could mean 9050") as caught:
        parse_cell("9,050", catalog["1"], unit="Triệu đồng")
    assert caught.value.code == "ambiguous_number"
    assert parse_cell("9 050", catalog["1"], unit="Triệu đồng") == 9050
    assert parse_cell("76,400", catalog["4"]) == pytest.approx(76.4)  # a share: a decimal comma
    assert parse_cell("x", catalog["9"]) == 1.0  # a tick in a yes/no row


def _table(folder, year, rows):
    return write_table(folder / f"bieu_chi_tieu_{year}.csv", rows, year=year, header=HEADER)


def test_a_figure_a_thousand_times_off_is_refused_and_a_confirmed_one_read(tmp_path, catalog):
    for year, value in ((2021, "8.150"), (2022, "8.600")):
        _table(tmp_path, year, [["1", "Thu ngân sách trên địa bàn", "Triệu đồng", "", value, ""]])
    _table(tmp_path, 2023, [["1", "Thu ngân sách trên địa bàn", "Triệu đồng", "8.900", "9,05", ""]])
    result = wa.read_reports(tmp_path, catalog=catalog)
    (reject,) = result.rejects.itertuples()
    assert (reject.reason_code, reject.row, reject.raw_text) == ("implausible", 3, "9,05")
    assert "looks like tỷ đồng written under a triệu đồng unit" in reject.reason
    assert "8 375" in reject.reason  # the median of 2021 and 2022 it was compared with
    (tmp_path / "confirmations.yaml").write_text(
        "- {file: bieu_chi_tieu_2023.csv, row: 3, value: 9.05, reason: 'checked with the office'}\n",
        encoding="utf-8",
    )
    result = wa.read_reports(tmp_path, catalog=catalog)
    read = result.observations.query("year == 2023 and value_kind == 'actual'")
    assert result.rejects.empty and read["flag"].tolist() == ["confirmed: checked with the office"]


def test_the_report_shows_what_reading_assumed(tmp_path, catalog):
    _table(tmp_path, 2023, [["7", "Tỷ lệ hộ nghèo", "%", "", "2,5%", ""]])
    obs = wa.read_reports(tmp_path, catalog=catalog).observations
    flag = obs["flag"].iloc[0]
    assert flag.startswith("basis_in_force: ")  # the code, then the detail for analysts
    assert "taken as the standard in force in 2023 (2022-2025)" in flag
    notes = [n.text for n in data_notes(catalog, obs, None, catalog.unit, 2023, lang="vi")]
    assert (
        "Chỉ tiêu 5a (Tỷ lệ hộ nghèo), năm 2023: biểu không ghi số liệu tính theo chuẩn nào; "
        "được hiểu là theo chuẩn nghèo đa chiều giai đoạn 2021–2025, chuẩn áp dụng năm 2023."
    ) in notes
    notes = [n.text for n in data_notes(catalog, obs, None, catalog.unit, 2023, lang="en")]
    assert (
        "Target 5a (Poor households), 2023: the table names no standard; read as the 2021–2025 "
        "multidimensional poverty standard, in force in 2023."
    ) in notes
