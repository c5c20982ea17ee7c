import openpyxl
import pytest

from ward_analysis import ReportFormatError
from ward_analysis.read.tables import read_sheets, read_table

ROW = ["1", "Tỷ lệ BHYT", "%", "80%", "76,4%", ""]


def test_header_is_found_below_a_title_block(table):
    t = read_table(
        table([ROW], title=["UBND PHƯỜNG", "BIỂU CHỈ TIÊU NĂM 2023", "", "(kèm theo báo cáo)"])
    )
    assert t.year == 2023 and t.header_row == 5
    assert [c.role for c in t.columns] == ["stt", "name", "unit", "plan", "actual", "note"]
    assert t.rows == [(6, ROW)]


def test_semicolon_separated_csv(table):
    t = read_table(table([ROW], delimiter=";"))
    assert t.rows[0][1][1] == "Tỷ lệ BHYT"


def test_estimate_column_and_column_order(table):
    header = ["Ghi chú", "Ước thực hiện năm {year}", "Chỉ tiêu", "Kế hoạch năm {year}"]
    t = read_table(
        table([["", "79%", "Tỷ lệ BHYT", "80%"]], header=header, year=2025, name="b_2025.csv")
    )
    assert [(c.role, c.year) for c in t.value_columns] == [("estimate", 2025), ("plan", 2025)]


def test_year_comes_from_the_file_name_when_the_table_has_none(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"]
    t = read_table(table([ROW], header=header, title=[], name="bieu_chi_tieu_2022.csv"))
    assert t.year == 2022 and {c.year for c in t.value_columns} == {2022}


def test_file_name_year_disagreeing_with_title_is_an_error(table):
    with pytest.raises(ReportFormatError, match="file name says 2022 but the title says 2023"):
        read_table(table([ROW], name="bieu_chi_tieu_2022.csv"))


def test_result_column_of_another_year_is_an_error(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024", "Ghi chú"]
    with pytest.raises(
        ReportFormatError,
        match=r"row 2: the table is for 2023 but its result columns are headed 2024",
    ):
        read_table(table([ROW], header=header))


def test_no_year_anywhere_is_an_error(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"]
    with pytest.raises(ReportFormatError, match="cannot tell which year"):
        read_table(table([ROW], header=header, title=[], name="bieu.csv"))


def test_missing_result_column_names_the_header_row(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Ghi chú"]
    with pytest.raises(
        ReportFormatError,
        match=r"bieu_chi_tieu_2023.csv, row 2: the header has 'Chỉ tiêu' but no 'Thực hiện'",
    ):
        read_table(table([ROW[:-1]], header=header))


def test_missing_name_column(table):
    header = ["STT", "Tên", "ĐVT", "Kế hoạch năm {year}", "Thực hiện năm {year}", "Ghi chú"]
    with pytest.raises(ReportFormatError, match="no header row found in the first 30 rows"):
        read_table(table([ROW], header=header))


def test_two_name_columns_are_an_error(table):
    header = ["Chỉ tiêu", "Chỉ tiêu", "Thực hiện năm {year}"]
    with pytest.raises(ReportFormatError, match=r"column 'Chỉ tiêu': a second 'Chỉ tiêu' column"):
        read_table(table([["a", "b", "1"]], header=header))


def test_empty_and_non_utf8_and_binary_files(tmp_path):
    empty = tmp_path / "bieu_2023.csv"
    empty.write_bytes(b"")
    with pytest.raises(ReportFormatError, match="the file is empty"):
        read_table(empty)
    legacy = tmp_path / "legacy_2023.csv"
    legacy.write_bytes("STT,Chi tieu\n1,Chi Lăng, Đà\n".encode("cp1258"))
    with pytest.raises(
        ReportFormatError,
        match=r"legacy_2023.csv, row 2, column 2: the file is not UTF-8 text \(byte 0xe3\)",
    ):
        read_table(legacy)
    binary = tmp_path / "bin_2023.csv"
    binary.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(ReportFormatError, match="binary data"):
        read_table(binary)


def test_unsupported_and_missing_files(tmp_path):
    other = tmp_path / "bieu_2023.ods"
    other.write_bytes(b"x")
    with pytest.raises(ReportFormatError, match=r"unsupported file type '\.ods'"):
        read_sheets(other)
    with pytest.raises(ReportFormatError, match="file not found"):
        read_sheets(tmp_path / "none.csv")


def test_truncated_xlsx_is_a_clear_error(tmp_path):
    good = tmp_path / "good_2023.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Chỉ tiêu"
    wb.save(good)
    bad = tmp_path / "bieu_2023.xlsx"
    bad.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ReportFormatError, match=r"bieu_2023.xlsx: not a readable .xlsx workbook"):
        read_table(bad)


def make_xlsx(path, *, first_row=1):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(first_row, 1, "BIỂU CHỈ TIÊU NĂM 2023")
    ws.merge_cells(start_row=first_row, start_column=1, end_row=first_row, end_column=4)
    header = ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2023"]
    for j, h in enumerate(header, start=1):
        ws.cell(first_row + 2, j, h)
    r = first_row + 3
    ws.cell(r, 1, 1)
    ws.cell(r, 2, "Tỷ lệ BHYT")
    ws.cell(r, 3, "%")
    ws.cell(r, 4, 0.764).number_format = "0.0%"
    ws.cell(r + 1, 2, "Số bóng điện")
    ws.cell(r + 1, 4, 12)
    ws.cell(r + 2, 2, "Công thức")
    ws.cell(r + 2, 4, "=D5*2")
    wb.save(path)
    return path


def test_xlsx_rows_keep_excel_row_numbers_and_percent_cells(tmp_path):
    t = read_table(make_xlsx(tmp_path / "bieu_2023.xlsx", first_row=3))
    assert t.year == 2023 and t.header_row == 5
    rows = dict(t.rows)
    assert rows[6][:4] == [1, "Tỷ lệ BHYT", "%", "76.4%"]
    assert rows[7][3] == 12
    assert rows[8][3] == "=D5*2"  # no saved result: kept as the formula, refused later
