"""Write the bad-input corpus of this folder (run once; the files are committed).

    .venv/bin/python tests/data/bad/make_corpus.py

Each file is one case of ``cases.yaml``, which says what cleaning must do with it: a clean
result, given rejects, or one error of the package's own type. The tables use the shipped
catalog's target names. Regenerating gives the same files (fixed content, fixed timestamps).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
TITLE = ["ỦY BAN NHÂN DÂN PHƯỜNG CHI LĂNG", "BIỂU CHỈ TIÊU NĂM {year}"]
HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Thực hiện năm {year}", "Ghi chú"]
GOOD = [
    ["1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "78%", "77,5%", ""],
    ["2", "Số đảng viên được kết nạp", "Đồng chí", "5", "6", ""],
    ["3", "Phường đạt chuẩn an toàn về an ninh trật tự", "", "Đạt", "Đạt", ""],
]


def table_text(rows, *, year=2023, title=None, header=None, delimiter=",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for line in TITLE if title is None else title:
        writer.writerow([line.format(year=year)])
    if header is not False:
        writer.writerow([h.format(year=year) for h in (header or HEADER)])
    writer.writerows(rows)
    return out.getvalue()


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.encode(encoding))


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: base letter (ê, ơ, ă…) + a combining tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        marks = [m for m in parts if m in tones]
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
        out.append(base + "".join(marks))
    return "".join(out).encode("cp1258")


def row(name, actual, *, unit="%", plan="", note="", stt="1"):
    return [stt, name, unit, plan, actual, note]


def csv_cases() -> None:
    write("empty_bieu_chi_tieu_2023.csv", "")
    write("title_only_2023.csv", table_text([], header=False))
    write("blank_lines_only_2023.csv", "\n\n,,,\n;;\n")
    write("binary_2023.csv", "STT,Chỉ tiêu\x00\x01\x02 garbage\n")
    # Windows-1258 (legacy Vietnamese code page, tones as combining marks): not UTF-8
    (HERE / "cp1258_2023.csv").write_bytes(cp1258(table_text(GOOD)))
    write("nfd_2023.csv", unicodedata.normalize("NFD", table_text(GOOD)))
    write("bom_crlf_2023.csv", "\ufeff" + table_text(GOOD).replace("\n", "\r\n"))
    write("semicolons_2023.csv", table_text(GOOD, delimiter=";"))
    write(
        "no_result_column_2023.csv",
        table_text(GOOD, header=["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Ghi chú"]),
    )
    write(
        "no_name_column_2023.csv",
        table_text(
            GOOD, header=["STT", "Nội dung chính", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"]
        ).replace("Nội dung chính", "Hạng mục"),
    )
    reordered = ["Thực hiện năm {year}", "Ghi chú", "Chỉ tiêu", "Kế hoạch năm {year}", "ĐVT", "STT"]
    write(
        "columns_reordered_2023.csv",
        table_text([[r[4], r[5], r[1], r[3], r[2], r[0]] for r in GOOD], header=reordered),
    )
    write(
        "duplicate_conflict_2023.csv",
        table_text([*GOOD, row("Tỷ lệ người dân tham gia bảo hiểm y tế", "79%", stt="4")]),
    )
    write(
        "duplicate_same_2023.csv",
        table_text([*GOOD, row("Tỷ lệ người dân tham gia bảo hiểm y tế", "77,5 %", stt="4")]),
    )
    write(
        "two_names_one_target_2023.csv",  # the short name and an alias: one target, two figures
        table_text(
            [
                row("Số đảng viên được kết nạp", "6", unit="Đồng chí"),
                row("Kết nạp đảng viên mới", "7", unit="Đồng chí", stt="2"),
            ]
        ),
    )
    write("bieu_chi_tieu_2022.csv", table_text(GOOD, year=2023))  # name 2022, title 2023
    write(
        "header_year_2023.csv",
        table_text(
            GOOD, title=["BIỂU CHỈ TIÊU"], header=[h.replace("{year}", "2022") for h in HEADER]
        ),
    )
    write("bieu_2022_2023.csv", table_text(GOOD, title=["BIỂU CHỈ TIÊU"]))
    write(
        "no_year.csv",
        table_text(
            GOOD, title=["BIỂU CHỈ TIÊU"], header=[h.replace(" năm {year}", "") for h in HEADER]
        ),
    )
    write("share_130_2023.csv", table_text([row("Tỷ lệ lao động qua đào tạo", "130%")]))
    write(
        "share_negative_2023.csv",
        table_text(
            [row("Tỷ lệ hộ nghèo", "-5 %", note="chuẩn nghèo đa chiều giai đoạn 2022 – 2025")]
        ),
    )
    write(
        "count_fraction_2023.csv",
        table_text([row("Số đảng viên được kết nạp", "6,5", unit="Đồng chí")]),
    )
    write(
        "separators_2023.csv",
        table_text(
            [
                row("Thu ngân sách theo phân cấp trên địa bàn", "9,050.5", unit="Triệu đồng"),
                row("Số bóng điện chiếu sáng đường hẻm được lắp", "1.2.5", unit="Bóng", stt="2"),
            ]
        ),
    )
    write(
        "unknown_target_2023.csv",
        table_text([*GOOD, row("Tỷ lệ hộ dùng nước sạch", "98%", stt="4")]),
    )
    write(
        "rating_off_scale_2023.csv",
        table_text([row("Kết quả huấn luyện, diễn tập", "Tuyệt vời", unit="")]),
    )
    write(
        "boolean_unclear_2023.csv",
        table_text([row("Phường đạt chuẩn an toàn về an ninh trật tự", "Cơ bản đạt", unit="")]),
    )
    write(
        "unit_mismatch_2023.csv",
        table_text([row("Tỷ lệ người dân tham gia bảo hiểm y tế", "12", unit="km")]),
    )
    write("figures_no_name_2023.csv", table_text([*GOOD, ["4", "", "%", "", "55%", ""]]))
    write(
        "both_bases_2023.csv",
        table_text(
            [
                row(
                    "Tỷ lệ hộ nghèo (chuẩn nghèo giai đoạn 2016 – 2020)",
                    "1,2%",
                    note="chuẩn nghèo đa chiều giai đoạn 2022 – 2025",
                )
            ]
        ),
    )
    write(
        "two_name_columns_2023.csv",
        table_text(
            GOOD, header=["STT", "Chỉ tiêu", "Chỉ tiêu (cũ)", "Kế hoạch", "Thực hiện", "Ghi chú"]
        ),
    )
    write(
        "two_result_columns_2023.csv",
        table_text(
            GOOD,
            header=[
                "STT",
                "Chỉ tiêu",
                "ĐVT",
                "Thực hiện năm {year}",
                "Thực hiện năm {year}",
                "Ghi chú",
            ],
        ),
    )
    write(
        "markup_in_cells_2023.csv",
        table_text(
            [
                *GOOD,
                row("<script>alert(1)</script>", "12%", stt="4"),
                row("Tỷ lệ lao động qua đào tạo", "<img src=x onerror=alert(1)>", stt="5"),
            ]
        ),
    )
    write(
        "spaces_and_markers_2023.csv",  # non-breaking spaces, a dash and "chưa có số liệu"
        table_text(
            [
                row("Tỷ lệ người dân tham gia bảo hiểm y tế", "77,5\u00a0%"),
                row("Tỷ lệ lao động qua đào tạo", "-", stt="2"),
                row("Tỷ lệ gia đình đạt danh hiệu văn hóa", "chưa có số liệu", stt="3"),
            ]
        ),
    )
    write(
        "footer_only_2023.csv",
        table_text(
            [
                ["", "Người lập biểu", "", "", "TM. ỦY BAN NHÂN DÂN PHƯỜNG", ""],
                ["", "(Ký, ghi rõ họ tên)", "", "", "CHỦ TỊCH", ""],
            ]
        ),
    )
    write("report_2023.xls", "not an old Excel file either")


def xlsx_cases() -> None:
    import openpyxl

    def book(rows, *, year=2023):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Biểu"
        for line in TITLE:
            ws.append([line.format(year=year)])
        ws.append([h.format(year=year) for h in HEADER])
        for r in rows:
            ws.append(r)
        return wb

    def save(wb, name):
        wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2024, 1, 1)
        buf = io.BytesIO()
        wb.save(buf)
        return _fixed_times(buf.getvalue())

    good = save(book(GOOD), "good")
    (HERE / "truncated_2023.xlsx").write_bytes(good[: len(good) // 2])
    (HERE / "not_a_zip_2023.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)

    # merged cells: title across the page, one name cell over two rows, a merged note
    wb = book(GOOD)
    ws = wb.active
    ws.merge_cells("A1:F1")
    ws.merge_cells("A2:F2")
    ws.append(["4", "Tỷ lệ lao động qua đào tạo", "%", "66%", 0.655, "ước"])
    ws["E7"].number_format = "0.0%"
    ws.merge_cells("F4:F6")
    (HERE / "merged_cells_2023.xlsx").write_bytes(save(wb, "merged"))

    # formulas: one with the result Excel saved (read), one with none (rejected)
    wb = book(GOOD)
    ws = wb.active
    ws.append(["4", "Số bóng điện chiếu sáng đường hẻm được lắp", "Bóng", 10, "=D7*2", ""])
    data = save(wb, "formula")
    (HERE / "formula_no_result_2023.xlsx").write_bytes(data)
    (HERE / "formula_with_result_2023.xlsx").write_bytes(_with_cached_value(data, "E7", "20"))

    # the data on the second sheet: only the first sheet is read, which has no header
    wb = openpyxl.Workbook()
    wb.active.title = "Bìa"
    wb.active.append(["Báo cáo năm 2023 — xem trang sau"])
    second = wb.create_sheet("Biểu")
    for r in book(GOOD).active.iter_rows(values_only=True):
        second.append(list(r))
    (HERE / "data_on_second_sheet_2023.xlsx").write_bytes(save(wb, "sheets"))


def _fixed_times(xlsx: bytes) -> bytes:
    """The same package with every member dated 2024-01-01, so that files are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def _with_cached_value(xlsx: bytes, cell: str, value: str) -> bytes:
    """The same workbook with ``value`` saved as the result of the formula in ``cell``."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                start = text.index(f'<c r="{cell}"')
                end = text.index("</c>", start)
                formula = text[start:end]
                text = (
                    text[:start]
                    + formula.replace("<v></v>", "").replace("<v />", "")
                    + f"<v>{value}</v>"
                    + text[end:]
                )
                data = text.encode("utf-8")
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


CATALOG_HEAD = """unit: Phường Thử
base_year: 2020
first_year: 2021
target_year: 2025
targets:
"""
ENTRY = """  - id: "{id}"
    item: {item}
    text_vi: "Chỉ tiêu {id}"
    name_vi: Chỉ tiêu {id}
    name_en: Target {id}
    kind: {kind}
    measure: {measure}
    comparator: "{comparator}"
    threshold: {threshold}
    unit_of_measure: "%"
"""


def entry(id="1", item=1, kind="end_level", measure="share", comparator=">=", threshold=80):
    return ENTRY.format(
        id=id, item=item, kind=kind, measure=measure, comparator=comparator, threshold=threshold
    )


def catalog_cases() -> None:
    write(
        "catalog_duplicate_id.yaml",
        CATALOG_HEAD + entry() + entry().replace("Chỉ tiêu 1", "Chỉ tiêu khác"),
    )
    write("catalog_unknown_kind.yaml", CATALOG_HEAD + entry(kind="every_year"))
    write("catalog_threshold_misfit.yaml", CATALOG_HEAD + entry(threshold=130))
    write(
        "catalog_count_fraction.yaml",
        CATALOG_HEAD + entry(measure="count", threshold=2.5).replace('"%"', "người"),
    )
    write("catalog_bad_yaml.yaml", CATALOG_HEAD + entry() + "    aliases: [unclosed\n")
    write("catalog_missing_field.yaml", CATALOG_HEAD + entry().replace("    kind: end_level\n", ""))
    write(
        "catalog_rating_off_scale.yaml",
        CATALOG_HEAD + entry(measure="rating", threshold="Giỏi") + "    rating_scale: [Yếu, Khá]\n",
    )
    (HERE / "catalog_cp1258.yaml").write_bytes(cp1258(CATALOG_HEAD + entry()))


if __name__ == "__main__":
    csv_cases()
    xlsx_cases()
    catalog_cases()
    print(f"wrote {len(list(HERE.glob('*.*'))) - 2} files in {HERE}")
