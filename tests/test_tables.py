import openpyxl
import pytest

from ward_analysis import ReportFormatError
from ward_analysis.read.files import read_sheets
from ward_analysis.read.tables import read_table, read_tables

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


# -- issue 11: titles, years and estimates (R9) ----------------------------------------------

HEADER_NO_YEAR = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"]


def test_a_signing_date_never_gives_the_year(table):
    signed = ["BIỂU CHỈ TIÊU", "Chi Lăng, ngày 15 tháng 01 năm 2024"]
    with pytest.raises(ReportFormatError, match=r"bieu.csv, row 3: cannot tell which year"):
        read_table(table([ROW], header=HEADER_NO_YEAR, title=signed, name="bieu.csv"))
    blank_date = ["BIỂU CHỈ TIÊU NĂM 2023", "ngày … tháng … năm 2024"]
    t = read_table(table([ROW], header=HEADER_NO_YEAR, title=blank_date, name="bieu.csv"))
    assert t.year == 2023 and t.title == blank_date


@pytest.mark.parametrize(
    "title",
    [
        "KẾT QUẢ THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024",
        "BIỂU CHỈ TIÊU NĂM 2023, KẾ HOẠCH NĂM 2024",
    ],
)
def test_a_two_year_title_reads_the_results_year_and_the_next_plan(table, title):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện", "Kế hoạch năm 2024"]
    t = read_table(table([[*ROW[:5], "82%"]], header=header, title=[title]))
    assert t.year == 2023
    assert [(c.role, c.year) for c in t.value_columns] == [
        ("plan", 2023),
        ("actual", 2023),
        ("plan", 2024),
    ]


def test_a_two_year_title_keeps_todays_checks_for_the_results_year(table):
    title = ["KẾT QUẢ THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024"]
    with pytest.raises(ReportFormatError, match="file name says 2024 but the title says 2023"):
        read_table(table([ROW], header=HEADER_NO_YEAR, title=title, name="bieu_2024.csv"))
    header = ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2024", "Kế hoạch năm 2024"]
    with pytest.raises(ReportFormatError, match="for 2023 but its result columns are headed 2024"):
        read_table(table([ROW[:5]], header=header, title=title))
    with pytest.raises(
        ReportFormatError,
        match=r"row 2, column 'Kế hoạch': the title names the 2024 plan but this column has no year",
    ):
        read_table(table([ROW], header=HEADER_NO_YEAR, title=title))


@pytest.mark.parametrize("header", ["Ước TH năm 2023", "TH năm 2023 (ước)", "Ước tính", "Ước"])
def test_uoc_anywhere_in_a_result_header_is_an_estimate(table, header):
    t = read_table(table([ROW[:5]], header=["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", header]))
    assert [(c.role, c.year) for c in t.value_columns] == [("plan", 2023), ("estimate", 2023)]


def test_a_title_saying_uoc_thuc_hien_makes_every_result_an_estimate(table):
    title = ["UBND PHƯỜNG CHI LĂNG", "ƯỚC THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"]
    t = read_table(table([ROW], header=HEADER_NO_YEAR, title=title))
    assert [c.role for c in t.value_columns] == ["plan", "estimate"]
    plain = read_table(table([ROW], header=HEADER_NO_YEAR, title=["BIỂU CHỈ TIÊU NĂM 2023"]))
    assert [c.role for c in plain.value_columns] == ["plan", "actual"]


def test_a_part_year_column_beside_a_full_year_one_is_listed_and_not_read(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "6 tháng đầu năm 2023", "Thực hiện năm 2023"]
    t = read_table(table([["1", "Tỷ lệ BHYT", "%", "80%", "70%", "76,4%"]], header=header))
    assert [(c.index, c.role) for c in t.value_columns] == [(3, "plan"), (5, "actual")]
    assert t.ignored_columns == [
        (4, "6 tháng đầu năm 2023", "part-year or to-date figures, not the full year's")
    ]


@pytest.mark.parametrize(
    ("result", "kind"),
    [
        ("6 tháng đầu năm 2023", "part-year"),
        ("Thực hiện đến 30/6/2023", "part-year"),
        ("Lũy kế 2021 – 2023", "multi-year"),
        ("Thực hiện giai đoạn 2021-2025", "multi-year"),
    ],
)
def test_a_table_with_only_part_year_or_multi_year_figures_is_refused(table, result, kind):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", result]
    with pytest.raises(
        ReportFormatError, match=rf"row 2: the table only has {kind} figures \('{result}'\)"
    ):
        read_table(table([ROW[:5]], header=header))


def test_a_result_column_to_the_end_of_the_year_is_read(table):
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện đến 31/12/2023"]
    t = read_table(table([ROW[:5]], header=header))
    assert [c.role for c in t.value_columns] == ["plan", "actual"] and t.ignored_columns == []


def test_extra_columns_are_listed_not_fatal(table):
    header = [
        "STT", "Chỉ tiêu", "Chỉ tiêu Nghị quyết", "ĐVT", "Kế hoạch", "Thực hiện",
        "Tỷ lệ % so với KH", "So sánh", "Đánh giá", "Kế hoạch giai đoạn 2021-2025",
    ]  # fmt: skip
    row = ["1", "Tỷ lệ BHYT", "≥ 90%", "%", "80%", "76,4%", "95,5%", "giảm", "Không đạt", "90%"]
    t = read_table(table([row], header=header))
    assert [c.index for c in t.columns] == [0, 1, 3, 4, 5]
    ignored = {index: why for index, _, why in t.ignored_columns}
    assert sorted(ignored) == [2, 6, 7, 8, 9]
    assert "resolution's target" in ignored[2] and "compares figures" in ignored[6]
    assert "assessment" in ignored[8] and "several years" in ignored[9]
    for short in ("Chỉ tiêu NQ", "Chỉ tiêu ĐH"):
        t = read_table(table([row[:6]], header=[*header[:2], short, *header[3:6]]))
        assert t.ignored_columns[0][:2] == (2, short)


# -- issue 11: layout (R10) and number formats (R5) ------------------------------------------


def test_a_comma_row_with_a_split_decimal_comma_is_a_row_problem(tmp_path):
    path = tmp_path / "bieu_2023.csv"
    path.write_text(
        "BIỂU CHỈ TIÊU NĂM 2023\n"
        "STT,Chỉ tiêu,ĐVT,Kế hoạch,Thực hiện,Ghi chú\n"
        '1,Tỷ lệ BHYT,%,80%,"76,4%",\n'
        "6,Tỷ lệ hộ nghèo,%,77,5%,76,4 %,\n"
        "7,Tỷ lệ lao động,%,66%,65,5%,\n"
        "8,Số đảng viên,Người,5,6,,,,\n",
        encoding="utf-8",
    )
    t = read_table(path)
    assert sorted(t.row_problems) == [4, 5]  # trailing empty fields (row 6) do not count
    assert t.row_problems[4].startswith("the row has 7 fields but the header has 6 columns")
    assert "'77' and '5%' look like one figure '77,5%'" in t.row_problems[4]
    assert "'65' and '5%' look like one figure '65,5%'" in t.row_problems[5]


def test_rows_padded_with_empty_fields_everywhere_are_no_problem(tmp_path):
    path = tmp_path / "bieu_2023.csv"
    path.write_text(
        "BIỂU CHỈ TIÊU NĂM 2023,,,,,,\nSTT,Chỉ tiêu,ĐVT,Kế hoạch,Thực hiện,Ghi chú,\n"
        "1,Tỷ lệ BHYT,%,80%,76%,ghi chú,\n2,Số đảng viên,Người,5,6,,\n",
        encoding="utf-8",
    )
    assert read_table(path).row_problems == {}


def make_book(sheets: dict[str, list[list[object]]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    return wb


HEADER_2023 = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023", "Ghi chú"]


def test_a_merged_result_cell_gives_its_value_to_every_row_it_covers(tmp_path):
    rows = [["BIỂU CHỈ TIÊU NĂM 2023"], HEADER_2023, [1, "Số A", "Người", 5, 7], [2, "Số B"]]
    wb = make_book({"Biểu": rows})
    wb["Biểu"].merge_cells("A1:F1")
    wb["Biểu"].merge_cells("E3:E4")
    wb.save(tmp_path / "bieu_2023.xlsx")
    t = read_table(tmp_path / "bieu_2023.xlsx")
    assert [row[4] for _, row in t.rows] == [7, 7]
    assert t.title == ["BIỂU CHỈ TIÊU NĂM 2023"] and t.sheet == "Biểu"


def test_a_two_row_header_with_merged_labels_is_read(tmp_path):
    top = ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023", None, "Ghi chú"]
    sub = [None, None, None, "Kế hoạch", "Thực hiện", None]
    wb = make_book({"Biểu": [["BIỂU CHỈ TIÊU"], top, sub, [1, "Số A", "Người", 5, 7]]})
    for span in ("A2:A3", "B2:B3", "C2:C3", "F2:F3", "D2:E2"):
        wb["Biểu"].merge_cells(span)
    wb.save(tmp_path / "bieu.xlsx")
    t = read_table(tmp_path / "bieu.xlsx")
    assert t.header_row == 3 and t.year == 2023
    assert [(c.role, c.index) for c in t.columns][1:5] == [
        ("name", 1),
        ("unit", 2),
        ("plan", 3),
        ("actual", 4),
    ]


def test_hidden_rows_are_listed(tmp_path):
    rows = [
        ["BIỂU CHỈ TIÊU NĂM 2023"],
        HEADER_2023,
        [1, "Số A", "Người", 5, 7],
        [2, "Số B", "", 1, 2],
    ]
    wb = make_book({"Biểu": rows})
    wb["Biểu"].row_dimensions[1].hidden = True  # above the header: not a data row
    wb["Biểu"].row_dimensions[4].hidden = True
    wb.save(tmp_path / "bieu_2023.xlsx")
    t = read_table(tmp_path / "bieu_2023.xlsx")
    assert t.hidden_rows == {4} and dict(t.rows)[4][4] == 2


def test_number_formats_that_change_the_shown_figure_are_cell_problems(tmp_path):
    rows = [["BIỂU CHỈ TIÊU NĂM 2023"], HEADER_2023]
    rows += [[i, "Chỉ tiêu", "", 1, v] for i, v in enumerate([9050000, 9, 0.764, 12, 9050], 1)]
    wb = make_book({"Biểu": rows})
    ws = wb["Biểu"]
    ws["E3"].number_format = "#,##0,"
    ws["E4"].number_format = '0 "tỷ"'
    ws["E5"].number_format = "0.0%"
    ws["E6"].number_format = "#,##0"
    ws["E7"].number_format = '#,##0 "-"'
    wb.save(tmp_path / "bieu_2023.xlsx")
    t = read_table(tmp_path / "bieu_2023.xlsx")
    assert sorted(t.cell_problems) == [(3, 4), (4, 4)]
    assert t.cell_problems[(3, 4)].startswith(
        "the cell shows '9.050' but holds 9050000: its number format '#,##0,' divides it by a thousand"
    )
    assert t.cell_problems[(4, 4)].startswith(
        "the cell shows '9 tỷ' but holds 9: its number format '0 \"tỷ\"' adds the text 'tỷ'"
    )
    values = dict(t.rows)
    assert values[3][4] == 9050000 and values[5][4] == "76.4%" and values[6][4] == 12


EXPECTED = "(expected a row with 'Chỉ tiêu' and 'Thực hiện' or 'Ước thực hiện')"


def test_every_sheet_with_a_header_is_a_table_with_its_own_year(tmp_path):
    sheets = {
        "Bìa": [["Báo cáo năm 2023"]],
        "2022": [HEADER_NO_YEAR, [1, "Số A", "Người", 5, 6]],
        "2023": [["BIỂU CHỈ TIÊU NĂM 2023"], HEADER_NO_YEAR, [1, "Số A", "Người", 6, 7]],
    }
    make_book(sheets).save(tmp_path / "bieu_chi_tieu_2023.xlsx")
    found = read_tables(tmp_path / "bieu_chi_tieu_2023.xlsx")
    assert [(t.sheet, t.year, t.header_row) for t in found.tables] == [
        ("2022", 2022, 1),
        ("2023", 2023, 2),
    ]
    assert found.skipped_sheets == [("Bìa", f"no header row found in the first 30 rows {EXPECTED}")]
    assert read_table(tmp_path / "bieu_chi_tieu_2023.xlsx").sheet == "2022"


def test_a_workbook_with_no_table_names_the_sheets_searched(tmp_path):
    make_book({"Bìa": [["Báo cáo"]], "Trống": []}).save(tmp_path / "b_2023.xlsx")
    with pytest.raises(
        ReportFormatError,
        match=r"b_2023.xlsx, sheet 'Bìa': no header row found .* \(searched the sheets 'Bìa', 'Trống'\)",
    ):
        read_tables(tmp_path / "b_2023.xlsx")


def test_a_csv_is_one_table_with_its_title(table):
    found = read_tables(table([ROW], title=["UBND PHƯỜNG", "", "BIỂU CHỈ TIÊU NĂM 2023"]))
    assert found.skipped_sheets == [] and len(found.tables) == 1
    t = found.tables[0]
    assert t.sheet is None and t.title == ["UBND PHƯỜNG", "BIỂU CHỈ TIÊU NĂM 2023"]
    assert (t.hidden_rows, t.cell_problems, t.row_problems, t.ignored_columns) == (
        set(),
        {},
        {},
        [],
    )
