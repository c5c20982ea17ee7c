"""A corpus of one-change variants of the 2023 yearly table, as ward clerks really fill it.

Each :class:`Variant` takes the shipped 2023 table (:data:`BASE_ROWS`, as data), makes one
change a clerk makes (a figure in en-US format, tỷ written under triệu đồng, a hidden row, a
two-year title, "(lũy kế)" after a name…), writes it as CSV (``;`` or ``,``) or XLSX
(openpyxl: number formats, percent cells, merged cells, hidden rows, several sheets) and says
what reading it must give under the reading rules R1–R10 of issue 11:

- ``read``: the figure as the clerk meant it (target, year, value, value kind, basis);
- ``flag``: read, with a note on the observation saying what was assumed;
- ``refuse``: a reject with one of the given reason codes, naming file, row, column and text;
- ``error``: a ``ReportFormatError`` whose message names the file (and holds the fragments);
- ``listed``: a column left out, listed among the skipped entries (its header holds the
  fragments); the figures it holds must not be read (checked as collateral).

``tests/test_clerk_corpus.py`` reads every variant next to the 2020 and 2021 tables and
classifies what the package did. Where the rules are silent, the description says what was
chosen and why.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

YEAR = 2023
FILE_STEM = "bieu_chi_tieu_2023"
#: The tables copied next to each variant: other years of the same read (R3's reference).
HISTORY = ("bieu_chi_tieu_2020.csv", "bieu_chi_tieu_2021.csv")
#: Rule tags: R1–R10 of the spec, H for harmless habits that must read exactly as the base.
RULES = ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "H")
#: Set by tests/test_clerk_corpus.py, printed by the terminal-summary hook of conftest.py.
SUMMARY_LINE: str | None = None

NEW, OLD = "2022-2025", "2016-2020"
NAN = math.nan

# -- the base table: data/raw/chi_lang/bieu_chi_tieu_2023.csv, row for row ----------------------

TITLE = [
    "ỦY BAN NHÂN DÂN PHƯỜNG CHI LĂNG",
    "BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH, XÂY DỰNG ĐẢNG NĂM 2023",
    "(Kèm theo Báo cáo kết quả thực hiện Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2020 – 2025, năm 2023)",
    "SỐ LIỆU MINH HỌA – KHÔNG PHẢI SỐ LIỆU CHÍNH THỨC (illustrative figures, not official)",
]
HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023", "Ghi chú"]
STT, NAME, UNIT, PLAN, ACT, NOTE = range(6)

#: (tag, cells): the tag is the target id of the row, or a heading's own tag.
BASE_ROWS: list[tuple[str, list[str]]] = [
    ("I", ["I", "KINH TẾ - VĂN HÓA - XÃ HỘI", "", "", "", ""]),
    ("1", ["1", "Thu ngân sách theo phân cấp trên địa bàn", "Triệu đồng", "8.900", "9.050", ""]),
    ("h2", ["2", "Nhựa hóa, bê tông hóa đường hẻm chính và phụ", "", "", "", ""]),
    ("2a", ["2.1", "Nhựa hóa, bê tông hóa đường hẻm (số đường)", "Đường", "2", "2", ""]),
    ("2b", ["2.2", "Nhựa hóa, bê tông hóa đường hẻm (chiều dài)", "Km", "0,5", "0,6", ""]),
    ("h3", ["3", "Duy tu, bảo dưỡng đường xuống cấp", "", "", "", ""]),
    ("2c", ["3.1", "Duy tu bảo dưỡng đường (số đoạn)", "Đoạn", "2", "2", ""]),
    ("2d", ["3.2", "Duy tu bảo dưỡng đường (chiều dài)", "Km", "0,3", "0,45", ""]),
    ("2e", ["4", "Lắp điện chiếu sáng đường hẻm", "Bóng", "10", "25", ""]),
    ("3", ["5", "Tỷ lệ tăng dân số tự nhiên hằng năm", "%", "≤ 1,05%", "0,98%", ""]),
    ("4", ["6", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "77,5%", "76,4 %", ""]),
    ("5a", ["7", "Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025)", "%", "2,6%", "2,5%", ""]),
    ("5b", ["8", "Tỷ lệ hộ cận nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025)", "%", "4,0%", "3,9%", ""]),
    ("6", ["9", "Tỷ lệ lao động đã qua đào tạo", "%", "64%", "64,9%", ""]),
    ("7a", ["10", "Tỷ lệ huy động trẻ 5 tuổi ra lớp", "%", "100%", "100%", ""]),
    ("7b", ["11", "Tỷ lệ trẻ em trong độ tuổi đến lớp bậc phổ thông", "%", "100%", "100%", ""]),
    ("8a", ["12", "Tỷ lệ tổ dân phố đạt danh hiệu văn hóa", "%", "85%", "92,9%", "13/14 tổ dân phố"]),
    ("8b", ["13", "Tỷ lệ gia đình văn hóa", "%", "≥ 90%", "91,0%", ""]),
    ("9", ["14", "Cơ quan, trường học đạt chuẩn công sở văn hóa", "", "Đạt", "-", "Chưa có kết quả công nhận"]),
    ("II", ["II", "QUỐC PHÒNG - AN NINH", "", "", "", ""]),
    ("10a", ["15", "Xây dựng lực lượng dân quân, giao quân", "%", "100%", "100%", ""]),
    ("10b", ["16", "Kết quả huấn luyện, diễn tập", "", "Khá trở lên", "Khá", ""]),
    ("11", ["17", "Phường đạt chuẩn an toàn về an ninh trật tự", "", "Đạt", "Không đạt", "Xảy ra 01 vụ án nghiêm trọng trên địa bàn"]),
    ("III", ["III", "XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ", "", "", "", ""]),
    ("12", ["18", "Kết nạp đảng viên mới", "Đồng chí", "5", "6", ""]),
    ("13", ["19", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "80% trở lên", "84,2%", ""]),
    ("14", ["20", "Chi bộ hoàn thành tốt nhiệm vụ trở lên", "%", "86% trở lên", "90,0%", ""]),
    ("15", ["21", "Chi bộ tổ dân phố có cấp ủy", "%", "90%", "90,0%", ""]),
    ("16a", ["22", "Kiểm tra, giám sát chi bộ theo Điều 30", "%", "15%", "25,0%", ""]),
    ("16b", ["23", "Đảng viên được kiểm tra, giám sát", "%", "20%", "22,0%", ""]),
    ("17a", ["24", "CB, CC có trình độ chuyên môn đại học trở lên", "%", "87%", "86,4%", ""]),
    ("17b", ["25", "CB, CC có trình độ lý luận chính trị trung cấp trở lên", "%", "92%", "90,9%", ""]),
    ("18", ["26", "Trưởng mặt trận, đoàn thể tổ dân phố là đảng viên", "%", "55%", "55,4%", ""]),
    ("19", ["27", "Bí thư chi bộ đồng thời là tổ trưởng tổ dân phố", "%", "20%", "21,4%", ""]),
    ("h28", ["28", "Xếp loại chất lượng tổ chức", "", "", "", ""]),
    ("20a", ["28.1", "Đảng bộ phường", "", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ", ""]),
    ("20b", ["28.2", "Chính quyền phường", "", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt", ""]),
    ("20c", ["28.3", "Mặt trận Tổ quốc phường", "", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt", ""]),
    ("20d", ["28.4", "Các đoàn thể chính trị - xã hội", "", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ", ""]),
]  # fmt: skip

#: What the base table must read as under the spec: target → (plan, result) for 2023.
#: Yes/no targets read 1/0, ratings their rank (Khá = 2, Hoàn thành tốt nhiệm vụ = 2).
#: 9's result is "-" (no legend, a yes/no row): no figure.
BASE_VALUES: dict[str, tuple[float, float]] = {
    "1": (8900, 9050), "2a": (2, 2), "2b": (0.5, 0.6), "2c": (2, 2), "2d": (0.3, 0.45),
    "2e": (10, 25), "3": (1.05, 0.98), "4": (77.5, 76.4), "5a": (2.6, 2.5), "5b": (4.0, 3.9),
    "6": (64, 64.9), "7a": (100, 100), "7b": (100, 100), "8a": (85, 92.9), "8b": (90, 91.0),
    "9": (1, NAN), "10a": (100, 100), "10b": (2, 2), "11": (1, 0), "12": (5, 6),
    "13": (80, 84.2), "14": (86, 90), "15": (90, 90), "16a": (15, 25), "16b": (20, 22),
    "17a": (87, 86.4), "17b": (92, 90.9), "18": (55, 55.4), "19": (20, 21.4),
    "20a": (2, 2), "20b": (2, 2), "20c": (2, 2), "20d": (2, 2),
}  # fmt: skip
BASIS_TARGETS = ("5a", "5b")


# -- the table model and the writers --------------------------------------------------------


@dataclass
class Num:
    """An Excel number cell with its number format (CSV never holds one)."""

    value: float
    fmt: str = "General"


@dataclass
class Row:
    tag: str
    cells: list
    hidden: bool = False  # XLSX: a hidden row
    raw: str | None = None  # CSV: the line exactly as typed (no quoting)


@dataclass
class Table:
    """A yearly table as a clerk lays it out: title block, header row(s), rows, footer."""

    title: list[list]
    header: list[list]
    rows: list[Row]
    footer: list[list] = field(default_factory=list)
    #: XLSX merged ranges: ((tag, column), (tag, column)); "#h0"… tag the header rows.
    merges: list[tuple[tuple[str, int], tuple[str, int]]] = field(default_factory=list)
    sheet_title: str = "Biểu 2023"
    hidden_columns: list[int] = field(default_factory=list)  # XLSX: hidden columns (0-based)
    sheets_before: list[tuple[str, list[list]]] = field(default_factory=list)
    sheets_after: list[tuple[str, list[list]]] = field(default_factory=list)
    nfd: bool = False
    bom: bool = False
    line_end: str = "\r\n"

    def row(self, tag: str) -> Row:
        return next(r for r in self.rows if r.tag == tag)

    def set(self, tag: str, col: int, value) -> None:
        self.row(tag).cells[col] = value

    def insert_after(self, tag: str, row: Row) -> None:
        self.rows.insert(self.rows.index(self.row(tag)) + 1, row)

    def add_column(self, at: int, header: str, values: dict[str, object] | None = None) -> None:
        """Insert a column at ``at`` (header in the last header row, values by row tag)."""
        for i, line in enumerate(self.header):
            line.insert(at, header if i == len(self.header) - 1 else "")
        for r in self.rows:
            r.cells.insert(at, (values or {}).get(r.tag, ""))

    def row_numbers(self) -> dict[str, int]:
        """Row number (1-based, as Excel or a text editor shows it) of every tagged row."""
        first = len(self.title)
        numbers = {f"#h{i}": first + i + 1 for i in range(len(self.header))}
        start = first + len(self.header)
        numbers |= {r.tag: start + i + 1 for i, r in enumerate(self.rows)}
        return numbers


def base_table(filetype: str = "csv") -> Table:
    """The shipped 2023 table; as XLSX, figures are typed the way the 2022 workbook has them
    (counts and amounts as numbers, some shares as numbers in percent-formatted cells)."""
    table = Table(
        title=[[line] for line in TITLE] + [[]],
        header=[list(HEADER)],
        rows=[Row(tag, list(cells)) for tag, cells in BASE_ROWS],
    )
    if filetype == "xlsx":
        typed = {
            "1": (Num(8900, "#,##0"), Num(9050, "#,##0")),
            "2a": (Num(2), Num(2)),
            "2c": (Num(2), Num(2)),
            "2e": (Num(10), Num(25)),
            "12": (Num(5), Num(6)),
            "2b": (Num(0.5, "0.0"), Num(0.6, "0.0")),
            "2d": (Num(0.3, "0.0"), Num(0.45, "0.00")),
        }
        for tag, (plan, result) in typed.items():
            table.set(tag, PLAN, plan)
            table.set(tag, ACT, result)
        for tag, value in {"4": 0.764, "6": 0.649, "8a": 0.929, "8b": 0.91}.items():
            table.set(tag, ACT, Num(value, "0.0%"))
    return table


def csv_text(table: Table, sep: str = ";") -> str:
    """The table as a CSV file's text (a line per row; ``raw`` rows as typed)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=table.line_end)
    for line in [*table.title, *table.header]:
        writer.writerow(line)
    for row in table.rows:
        if row.raw is not None:
            out.write(row.raw + table.line_end)
            continue
        if any(isinstance(c, Num) for c in row.cells):
            raise TypeError(f"row {row.tag}: a CSV cell cannot hold an Excel number format")
        writer.writerow(row.cells)
    for line in table.footer:
        writer.writerow(line)
    text = out.getvalue()
    if table.nfd:
        text = unicodedata.normalize("NFD", text)
    return ("\ufeff" if table.bom else "") + text


def _put(sheet, row: int, cells: list, nfd: bool) -> None:
    for col, value in enumerate(cells, start=1):
        if value is None or value == "":
            continue
        if isinstance(value, Num):
            sheet.cell(row, col, value.value).number_format = value.fmt
        else:
            if isinstance(value, str) and nfd:
                value = unicodedata.normalize("NFD", value)
            sheet.cell(row, col, value)


def write_xlsx(table: Table, path: Path) -> None:
    """The table as a workbook: title lines merged across the table, as ward offices do."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = table.sheet_title
    width = max(len(line) for line in table.header)
    numbers = table.row_numbers()
    r = 0
    for line in table.title:
        r += 1
        _put(sheet, r, line, table.nfd)
        if len(line) == 1 and line[0]:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    for line in table.header:
        r += 1
        _put(sheet, r, line, table.nfd)
    for row in table.rows:
        r += 1
        _put(sheet, r, row.cells, table.nfd)
        if row.hidden:
            sheet.row_dimensions[r].hidden = True
    for line in table.footer:
        r += 1
        _put(sheet, r, line, table.nfd)
    for (tag1, col1), (tag2, col2) in table.merges:
        sheet.merge_cells(
            start_row=numbers[tag1],
            start_column=col1 + 1,
            end_row=numbers[tag2],
            end_column=col2 + 1,
        )
    for col in table.hidden_columns:
        sheet.column_dimensions[get_column_letter(col + 1)].hidden = True
    for title, rows in table.sheets_before[::-1]:
        _write_sheet(book.create_sheet(title, 0), rows, table.nfd)
    for title, rows in table.sheets_after:
        _write_sheet(book.create_sheet(title), rows, table.nfd)
    book.save(path)


def _write_sheet(sheet, rows: list[list], nfd: bool) -> None:
    for r, cells in enumerate(rows, start=1):
        _put(sheet, r, cells, nfd)


def year_sheet_rows(year: int, changes: dict[str, tuple[str, str]]) -> list[list]:
    """Rows of another year's table (title, header, rows) on a sheet of its own."""
    title = [[line.replace(str(YEAR), str(year))] for line in TITLE] + [[]]
    header = [[h.replace(str(YEAR), str(year)) for h in HEADER]]
    rows = []
    for tag, cells in BASE_ROWS:
        cells = list(cells)
        if tag in changes:
            cells[PLAN], cells[ACT] = changes[tag]
        rows.append(cells)
    return title + header + rows


# -- expected outcomes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    outcome: str  # read | flag | refuse | error | listed
    target: str | None = None
    value: float | None = None
    kind: str = "actual"
    year: int = YEAR
    basis: str | None = None
    note: str | None = None  # flag: a fragment the observation's note (or flag) must hold
    codes: tuple[str, ...] = ()  # refuse: acceptable reason codes (empty: any code)
    row: str | None = None  # tag of the row concerned (default: the target's row)
    row_level: bool = False  # refuse: no figure of any kind may be read from that row
    fragments: tuple[str, ...] = ()  # error: of the message (besides the file); listed: header

    @property
    def tag(self) -> str | None:
        return self.row or self.target

    def describe(self) -> str:
        where = f" (row '{self.row}')" if self.row else ""
        if self.outcome == "error":
            return "ReportFormatError naming the file" + "".join(f", '{f}'" for f in self.fragments)
        if self.outcome == "listed":
            return "a skipped column" + "".join(f" '{f}'" for f in self.fragments)
        if self.outcome == "refuse":
            codes = "/".join(self.codes) or "any reason"
            scope = "the row" if self.row_level else self.kind
            return f"refuse {self.target}{where} {scope} {self.year}: {codes}"
        basis = f", basis {self.basis}" if self.basis else ""
        text = (
            f"{self.outcome} {self.target}{where} {self.kind} {self.year} = {self.value:g}{basis}"
        )
        return text + (f", note '{self.note}'" if self.note else "")


def _basis(target: str, year: int, basis: str | None) -> str | None:
    if basis is None and target in BASIS_TARGETS:
        return OLD if year <= 2021 else NEW
    return basis


def read(target, value, *, kind="actual", year=YEAR, basis=None, row=None) -> Expect:
    return Expect("read", target, float(value), kind, year, _basis(target, year, basis), row=row)


def flag(target, value, note, *, kind="actual", year=YEAR, basis=None, row=None) -> Expect:
    basis = _basis(target, year, basis)
    return Expect("flag", target, float(value), kind, year, basis, note, row=row)


def refuse(target, *codes, kind="actual", row=None, row_level=False) -> Expect:
    return Expect("refuse", target, kind=kind, codes=codes, row=row, row_level=row_level)


def error(*fragments) -> Expect:
    return Expect("error", fragments=fragments)


def listed(*fragments) -> Expect:
    """A column not read, listed among the skipped entries (header holding ``fragments``)."""
    return Expect("listed", fragments=fragments)


def base_reads(targets=None, *, kind="actual", plans=True) -> list[Expect]:
    """The base table's figures as expectations (results as ``kind``; plans too)."""
    out = []
    for target, (plan, result) in BASE_VALUES.items():
        if targets is not None and target not in targets:
            continue
        out.append(read(target, result, kind=kind))
        if plans:
            out.append(read(target, plan, kind="plan"))
    return out


@dataclass
class Variant:
    id: str
    rule: str
    description: str
    change: Callable[[Table], None]
    filetype: str  # csv | xlsx
    expect: list[Expect]
    sep: str = ";"
    #: what the other targets' 2023 figures must be: the base's (same), the base's results
    #: as estimates (estimate), the base's results only (results: the plans were removed),
    #: or not checked (none: a file-level error)
    collateral: str = "same"
    #: other files written beside the table: (table, row numbers, file name) → {name: text}
    extra: Callable[[Table, dict[str, int], str], dict[str, str]] | None = None
    touches: tuple[str, ...] = ()  # targets changed besides those of ``expect``

    @property
    def ext(self) -> str:
        return self.filetype

    @property
    def file_name(self) -> str:
        return f"{FILE_STEM}.{self.ext}"

    @property
    def format_key(self) -> str:
        """The base table written the same way: the reference for collateral damage."""
        return f"csv{self.sep}" if self.filetype == "csv" else "xlsx"

    @property
    def targets(self) -> set[str]:
        return {e.target for e in self.expect if e.target} | set(self.touches)

    def table(self) -> Table:
        table = base_table(self.filetype)
        self.change(table)
        return table


def write_variant(variant: Variant, folder: Path) -> tuple[Path, dict[str, int]]:
    """Write the variant as ``bieu_chi_tieu_2023.<ext>`` (and its extra files) in ``folder``."""
    table = variant.table()
    path = folder / variant.file_name
    if variant.filetype == "csv":
        path.write_bytes(csv_text(table, variant.sep).encode("utf-8"))
    else:
        write_xlsx(table, path)
    numbers = table.row_numbers()
    if variant.extra is not None:
        for name, text in variant.extra(table, numbers, path.name).items():
            (folder / name).write_text(text, encoding="utf-8")
    return path, numbers


def write_base(filetype: str, folder: Path, sep: str = ";") -> Path:
    return write_variant(Variant("base", "H", "", lambda t: None, filetype, [], sep=sep), folder)[0]


# -- change helpers ------------------------------------------------------------------------


def chain(*changes: Callable[[Table], None]) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        for c in changes:
            c(table)

    return change


def cell(tag: str, col: int, value) -> Callable[[Table], None]:
    return lambda t: t.set(tag, col, value)


def cells(tag: str, **by_column) -> Callable[[Table], None]:
    """Set several cells of one row: ``cells("1", unit="Tỷ đồng", plan="8,9", act="9,05")``."""
    cols = {"stt": STT, "name": NAME, "unit": UNIT, "plan": PLAN, "act": ACT, "note": NOTE}

    def change(table: Table) -> None:
        for key, value in by_column.items():
            table.set(tag, cols[key], value)

    return change


def name(tag: str, text: str) -> Callable[[Table], None]:
    return cell(tag, NAME, text)


def header(col: int, text: str) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        table.header[-1][col] = text

    return change


def title_line(index: int, text: str | list) -> Callable[[Table], None]:
    """Replace title line ``index`` (0-based) by ``text`` (a line of one cell, or cells)."""

    def change(table: Table) -> None:
        table.title[index] = text if isinstance(text, list) else [text]

    return change


def insert_title(index: int, text: str | list) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        table.title.insert(index, text if isinstance(text, list) else [text])

    return change


def footer(*lines: str, col: int = 0) -> Callable[[Table], None]:
    """Lines below the table (after a blank line), each text in column ``col``."""

    def change(table: Table) -> None:
        table.footer.append([])
        for line in lines:
            table.footer.append([""] * col + [line])

    return change


def add_column(at: int, head: str, values: dict[str, object] | None = None):
    return lambda t: t.add_column(at, head, values)


def insert_row(after: str, tag: str, cells_: list, *, hidden=False, raw=None):
    return lambda t: t.insert_after(after, Row(tag, list(cells_), hidden=hidden, raw=raw))


def hide(tag: str) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        table.row(tag).hidden = True

    return change


def merge(start: tuple[str, int], end: tuple[str, int]) -> Callable[[Table], None]:
    return lambda t: t.merges.append((start, end))


def raw_line(tag: str, line: str) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        table.row(tag).raw = line

    return change


def reorder(order: list[int]) -> Callable[[Table], None]:
    """Put the columns in ``order`` (indices of the base columns)."""

    def change(table: Table) -> None:
        table.header = [[line[i] for i in order] for line in table.header]
        for r in table.rows:
            r.cells = [r.cells[i] for i in order]

    return change


def every_row(fn: Callable[[Row], None]) -> Callable[[Table], None]:
    def change(table: Table) -> None:
        for r in table.rows:
            fn(r)

    return change


def confirmations(*entries: tuple[str, object, str], file=None) -> Callable:
    """``confirmations.yaml`` beside the tables: entries (row tag, value, reason)."""

    def extra(table: Table, numbers: dict[str, int], file_name: str) -> dict[str, str]:
        import yaml

        doc = [
            {"file": file or file_name, "row": numbers[tag], "value": value, "reason": reason}
            for tag, value, reason in entries
        ]
        return {"confirmations.yaml": yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)}

    return extra


# -- the variants --------------------------------------------------------------------------

VARIANTS: list[Variant] = []


def add(id_, rule, description, change, expect, filetype="csv", **kw) -> None:
    suffix = {"csv": "-csv", "xlsx": "-xlsx"}[filetype]
    if kw.get("sep") == ",":
        suffix = "-comma-csv"
    VARIANTS.append(Variant(id_ + suffix, rule, description, change, filetype, expect, **kw))


def both(id_, rule, description, change, expect, **kw) -> None:
    """The same change as a ;-separated CSV and as a workbook."""
    add(id_, rule, description, change, expect, "csv", **kw)
    add(id_, rule, description, change, expect, "xlsx", **kw)


BUDGET = "Thu ngân sách theo phân cấp trên địa bàn"
POOR = "Tỷ lệ hộ nghèo"
NEAR_POOR = "Tỷ lệ hộ cận nghèo"
BASIS_NOT_STATED = "taken as the standard in force in 2023 (2022-2025)"
DASH_NOTE = "may mean 'did not occur'"
_ALL = list(BASE_VALUES)

# H: habits that change nothing: the figures must read exactly as the base ----------------

add(
    "base-as-shipped",
    "H",
    "The table as shipped (Excel in a Vietnamese locale: ';' CSV): every figure as the spec reads it.",
    lambda t: None,
    base_reads(),
)
add(
    "base-as-shipped",
    "H",
    "The same table saved with ',' as separator (decimal commas quoted): reads the same.",
    lambda t: None,
    base_reads(),
    sep=",",
)
add(
    "base-as-shipped",
    "H",
    "The table typed in Excel: amounts and counts as numbers, some shares as numbers in '0.0%' cells, title merged across the table.",
    lambda t: None,
    base_reads(),
    "xlsx",
)
both(
    "nfd-text",
    "H",
    "Saved on a Mac: every text in decomposed Unicode (NFD); names, units and markers match as NFC.",
    lambda t: setattr(t, "nfd", True),
    [read("1", 9050), read("5a", 2.5), read("20b", 2)],
)
add(
    "bom-lf",
    "H",
    "'CSV UTF-8' from Excel with a byte-order mark, lines ended by LF only.",
    chain(lambda t: setattr(t, "bom", True), lambda t: setattr(t, "line_end", "\n")),
    [read("1", 9050), read("4", 76.4)],
)
both(
    "extra-spaces-in-name",
    "H",
    "Double and trailing spaces typed in the name and the unit.",
    cells("1", name="  Thu ngân sách  theo phân cấp trên  địa bàn ", unit=" Triệu đồng "),
    [read("1", 9050)],
)
add(
    "name-uppercase",
    "H",
    "The indicator name typed in capitals.",
    name("1", BUDGET.upper()),
    [read("1", 9050)],
)
both(
    "name-percent-unit",
    "H",
    "'(%)' after a share's name: a unit, not a qualifier.",
    name("6", "Tỷ lệ lao động đã qua đào tạo (%)"),
    [read("6", 64.9)],
)
add(
    "name-footnote-star",
    "H",
    "'(*)' after a name with its footnote below the table: a footnote mark, not a qualifier.",
    chain(
        name("8b", "Tỷ lệ gia đình văn hóa (*)"),
        footer("(*) Gia đình được công nhận theo Nghị định 122/2018/NĐ-CP"),
    ),
    [read("8b", 91.0)],
)
both(
    "columns-reordered",
    "H",
    "Columns in another order (Thực hiện before Kế hoạch, ĐVT last).",
    reorder([STT, NAME, ACT, PLAN, NOTE, UNIT]),
    [read("1", 9050), read("1", 8900, kind="plan"), read("4", 76.4)],
)
both(
    "ordinary-extra-column",
    "H",
    "An ordinary extra column 'Người theo dõi' (who follows the indicator) at the end: ignored.",
    add_column(6, "Người theo dõi", {"1": "Đ/c Hoa - Kế toán", "12": "Đ/c Nam - VP Đảng ủy"}),
    [read("1", 9050), read("12", 6)],
)
add(
    "blank-rows-between",
    "H",
    "Blank rows left between the sections.",
    chain(insert_row("II", "blank1", [""] * 6), insert_row("III", "blank2", [""] * 6)),
    [read("10a", 100), read("12", 6)],
)
add(
    "trailing-separators-trimmed",
    "H",
    "Rows saved without their trailing empty fields (a text editor trims them).",
    every_row(lambda r: setattr(r, "raw", ";".join(r.cells).rstrip(";"))),
    [read("1", 9050), read("8a", 92.9), read("9", NAN)],
)
add(
    "header-line-breaks",
    "H",
    "Header cells wrapped with Alt+Enter ('Thực hiện\\nnăm 2023').",
    chain(
        header(PLAN, "Kế hoạch\nnăm 2023"),
        header(ACT, "Thực hiện\nnăm 2023"),
        header(NOTE, "Ghi\nchú"),
    ),
    [read("1", 9050), read("1", 8900, kind="plan")],
    "xlsx",
)
add(
    "name-line-break",
    "H",
    "A long name wrapped with Alt+Enter inside the cell.",
    name("1", "Thu ngân sách theo phân cấp\ntrên địa bàn"),
    [read("1", 9050)],
    "xlsx",
)
add(
    "name-leading-dash",
    "H",
    "A name typed as a bullet ('- Tỷ lệ hộ nghèo …').",
    name("5a", "- Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025)"),
    [read("5a", 2.5)],
)
add(
    "name-leading-item-number",
    "H",
    "STT left blank and the item number typed into the name ('1. Thu ngân sách…'). Spec silent: the number is not part of the name; read.",
    cells("1", stt="", name="1. " + BUDGET),
    [read("1", 9050)],
)
add(
    "numbers-as-text",
    "H",
    "Figures pasted into Excel as text (green triangles): read like the CSV.",
    lambda t: [t.set(tag, col, cs[col]) for tag, cs in BASE_ROWS for col in (PLAN, ACT)],
    base_reads(["1", "2b", "4", "12"]),
    "xlsx",
)
add(
    "signature-block",
    "H",
    "Signature block below the table (Người lập biểu / TM. ỦY BAN NHÂN DÂN PHƯỜNG / CHỦ TỊCH).",
    lambda t: t.footer.extend(
        [
            [],
            ["", "Người lập biểu", "", "", "TM. ỦY BAN NHÂN DÂN PHƯỜNG"],
            ["", "", "", "", "CHỦ TỊCH"],
            ["", "Nguyễn Thị Hoa", "", "", "Trần Văn Minh"],
        ]
    ),
    [read("20d", 2)],
)
add(
    "unit-abbreviation-trd",
    "H",
    "ĐVT written 'Tr.đồng'.",
    cell("1", UNIT, "Tr.đồng"),
    [read("1", 9050)],
)
add(
    "plan-column-blank",
    "H",
    "The plan column left blank (the plan was in another report).",
    every_row(lambda r: r.cells.__setitem__(PLAN, "")),
    [read("1", 9050), read("4", 76.4), read("11", 0)],
    "xlsx",
    collateral="results",
)
add(
    "names-of-2020-table",
    "H",
    "The long names of the 2020 table reused (aliases of the catalog).",
    chain(
        name("2a", "Số đường hẻm được nhựa hóa, bê tông hóa"),
        name("2e", "Số bóng điện chiếu sáng đường hẻm được lắp"),
        name("12", "Số đảng viên được kết nạp"),
        name("20b", "Xếp loại Chính quyền phường"),
    ),
    [read("2a", 2), read("2e", 25), read("12", 6), read("20b", 2)],
)
both(
    "rating-abbreviations",
    "H",
    "Ratings abbreviated HTTNV / HTXSNV.",
    chain(cell("20a", ACT, "HTTNV"), cell("20d", ACT, "HTXSNV")),
    [read("20a", 2), read("20d", 3)],
)
add(
    "sheet-named-year-with-empty-sheets",
    "H",
    "The workbook keeps Excel's empty 'Sheet2' and 'Sheet3' after the table: sheets without a header are skipped.",
    lambda t: t.sheets_after.extend([("Sheet2", []), ("Sheet3", [])]),
    [read("1", 9050)],
    "xlsx",
)

# R1: numbers -----------------------------------------------------------------------------

both(
    "amount-en-thousands",
    "R1",
    "Result typed en-US '9,050' under Triệu đồng: 9050 or 9,05? Ambiguous: refused, naming both readings.",
    cell("1", ACT, "9,050"),
    [refuse("1", "ambiguous_number"), read("1", 8900, kind="plan")],
)
add(
    "amount-en-thousands",
    "R1",
    "'9,050' in a ','-separated file, quoted by Excel: still ambiguous.",
    cell("1", ACT, "9,050"),
    [refuse("1", "ambiguous_number")],
    sep=",",
)
add(
    "amount-en-thousands-plan-and-result",
    "R1",
    "Plan and result both en-US ('8,900', '9,050'): both refused as ambiguous.",
    cells("1", plan="8,900", act="9,050"),
    [refuse("1", "ambiguous_number"), refuse("1", "ambiguous_number", kind="plan")],
)
add(
    "amount-en-thousands-plan-only",
    "R1",
    "Only the plan en-US ('8,900'): the plan is refused, the result read.",
    cell("1", PLAN, "8,900"),
    [refuse("1", "ambiguous_number", kind="plan"), read("1", 9050)],
)
add(
    "amount-en-thousands-with-unit",
    "R1",
    "'9,050 triệu đồng' typed with its unit: the unit does not resolve the comma.",
    cell("1", ACT, "9,050 triệu đồng"),
    [refuse("1", "ambiguous_number")],
)
add(
    "length-three-decimals",
    "R1",
    "Km written with three decimals '1,250' (1,25 km or 1250 km?): ambiguous in a length row.",
    cell("2d", ACT, "1,250"),
    [refuse("2d", "ambiguous_number")],
)
add(
    "length-leading-zero-three-decimals",
    "R1",
    "'0,600' Km: a comma and three digits, but no en-US figure starts with a 0 group. Spec silent on a leading 0: read 0,6.",
    cell("2b", ACT, "0,600"),
    [read("2b", 0.6)],
)
both(
    "share-three-decimals",
    "R1",
    "A share '76,400%' with three decimals: a decimal comma in a share row.",
    cell("4", ACT, "76,400%"),
    [read("4", 76.4)],
)
both(
    "amount-space-grouping",
    "R1",
    "'9 050' grouped with a space.",
    cell("1", ACT, "9 050"),
    [read("1", 9050)],
)
add(
    "amount-nbsp-grouping",
    "R1",
    "'9\u00a0050' grouped with a no-break space (Word's habit).",
    cell("1", ACT, "9\u00a0050"),
    [read("1", 9050)],
)
add(
    "amount-nbsp-grouping",
    "R1",
    "'9\u00a0050' grouped with a no-break space, pasted into Excel.",
    cell("1", ACT, "9\u00a0050"),
    [read("1", 9050)],
    "xlsx",
)
add(
    "amount-narrow-nbsp-grouping",
    "R1",
    "'9\u202f050' grouped with a narrow no-break space.",
    cell("1", ACT, "9\u202f050"),
    [read("1", 9050)],
)
add(
    "amount-space-grouping",
    "R1",
    "'9 050' in a ','-separated file.",
    cell("1", ACT, "9 050"),
    [read("1", 9050)],
    sep=",",
)
both(
    "amount-en-us-decimal",
    "R1",
    "'9,050.5' en-US with a decimal point: refused (bad_value) as now.",
    cell("1", ACT, "9,050.5"),
    [refuse("1", "bad_value")],
)
add(
    "amount-vi-decimal",
    "R1",
    "'9.050,5' Vietnamese thousands and decimals.",
    cell("1", ACT, "9.050,5"),
    [read("1", 9050.5)],
)
add(
    "amount-vi-decimal-zero",
    "R1",
    "'9.050,0' with a useless decimal.",
    cell("1", ACT, "9.050,0"),
    [read("1", 9050)],
)
add(
    "amount-no-grouping",
    "R1",
    "'9050' with no grouping.",
    cell("1", ACT, "9050"),
    [read("1", 9050)],
)
add(
    "count-leading-zero",
    "R1",
    "Counts written '06', '02' (as in '01 vụ án').",
    chain(cell("12", ACT, "06"), cell("2a", ACT, "02")),
    [read("12", 6), read("2a", 2)],
)
add(
    "share-dot-decimal",
    "R1",
    "'76.4%' with a decimal point: one dot with one digit cannot be thousands; read as now.",
    cell("4", ACT, "76.4%"),
    [read("4", 76.4)],
)
add(
    "share-nbsp-before-percent",
    "R1",
    "'76,4\u00a0%' with a no-break space before %.",
    cell("4", ACT, "76,4\u00a0%"),
    [read("4", 76.4)],
)
add(
    "amount-with-unit-text",
    "R1",
    "'9.050 triệu đồng' with the unit in the cell.",
    cell("1", ACT, "9.050 triệu đồng"),
    [read("1", 9050)],
)
add(
    "share-en-thousands-like-whole",
    "R1",
    "'92,900' in a share row: a decimal comma (92,9 %).",
    cell("8a", ACT, "92,900"),
    [read("8a", 92.9)],
    "xlsx",
)

# R2: units -------------------------------------------------------------------------------

both(
    "amount-ty-in-cell",
    "R2",
    "'9,05 tỷ' written in the cell under ĐVT Triệu đồng: the cell's unit wins.",
    cell("1", ACT, "9,05 tỷ"),
    [read("1", 9050)],
)
add(
    "amount-ty-dong-in-cell",
    "R2",
    "'9,05 tỷ đồng' in the cell.",
    cell("1", ACT, "9,05 tỷ đồng"),
    [read("1", 9050)],
)
both(
    "amount-dvt-ty",
    "R2",
    "ĐVT 'Tỷ đồng' with plan and result in tỷ.",
    cells("1", unit="Tỷ đồng", plan="8,9", act="9,05"),
    [read("1", 9050), read("1", 8900, kind="plan")],
)
add(
    "amount-unit-in-name-blank-dvt",
    "R2",
    "ĐVT blank, '(tỷ đồng)' after the name.",
    cells("1", name=BUDGET + " (tỷ đồng)", unit="", plan="8,9", act="9,05"),
    [read("1", 9050), read("1", 8900, kind="plan")],
)
add(
    "amount-unit-in-name-conflict",
    "R2",
    "'(tỷ đồng)' after the name but ĐVT 'Triệu đồng': the two units disagree.",
    cells("1", name=BUDGET + " (tỷ đồng)", plan="8,9", act="9,05"),
    [refuse("1", "unit_conflict", row_level=True)],
)
both(
    "amount-unit-in-note-blank-dvt",
    "R2",
    "ĐVT blank, 'ĐVT: tỷ đồng' in the note (as the 2024 workbook has it).",
    cells("1", unit="", plan="8,9", act="9,05", note="ĐVT: tỷ đồng"),
    [read("1", 9050)],
)
add(
    "amount-unit-in-note-conflict",
    "R2",
    "ĐVT 'Triệu đồng' but the note says 'ĐVT: tỷ đồng'.",
    cells("1", note="ĐVT: tỷ đồng"),
    [refuse("1", "unit_conflict", row_level=True)],
)
add(
    "amount-unit-in-note-agrees",
    "R2",
    "ĐVT 'Triệu đồng' and the note 'ĐVT: triệu đồng': they agree.",
    cells("1", note="ĐVT: triệu đồng"),
    [read("1", 9050)],
)
add(
    "amount-unit-in-name-agrees",
    "R2",
    "'(triệu đồng)' after the name and ĐVT 'Triệu đồng'.",
    name("1", BUDGET + " (triệu đồng)"),
    [read("1", 9050)],
)
add(
    "amount-dong-in-cell",
    "R2",
    "'9.050.000.000 đồng' written in đồng in the cell.",
    cell("1", ACT, "9.050.000.000 đồng"),
    [read("1", 9050)],
)
add("amount-dvt-trd", "R2", "ĐVT 'Trđ'.", cell("1", UNIT, "Trđ"), [read("1", 9050)], "xlsx")
both(
    "length-metres-in-cell",
    "R2",
    "'600 m' in a Km row: the cell's unit wins.",
    cell("2b", ACT, "600 m"),
    [read("2b", 0.6)],
)
add(
    "length-dvt-m",
    "R2",
    "ĐVT 'm', plan '500' and result '600'.",
    cells("2b", unit="m", plan="500", act="600"),
    [read("2b", 0.6), read("2b", 0.5, kind="plan")],
)
add(
    "length-dvt-met",
    "R2",
    "ĐVT 'Mét'.",
    cells("2d", unit="Mét", plan="300", act="450"),
    [read("2d", 0.45)],
    "xlsx",
)
add(
    "length-unit-in-name-blank-dvt",
    "R2",
    "ĐVT blank, '(m)' after the name.",
    cells(
        "2b", name="Nhựa hóa, bê tông hóa đường hẻm (chiều dài) (m)", unit="", plan="500", act="600"
    ),
    [read("2b", 0.6)],
)
add(
    "length-unit-in-name-conflict",
    "R2",
    "'(km)' after the name but ĐVT 'm'.",
    cells("2b", name="Nhựa hóa, bê tông hóa đường hẻm (chiều dài) (km)", unit="m"),
    [refuse("2b", "unit_conflict", row_level=True)],
)
both(
    "length-note-unit-conflict",
    "R2",
    "ĐVT 'Km' but the note 'ĐVT: m'.",
    cells("2d", note="ĐVT: m"),
    [refuse("2d", "unit_conflict", row_level=True)],
)
add(
    "length-note-unit-blank-dvt",
    "R2",
    "ĐVT blank, the note 'ĐVT: mét'.",
    cells("2d", unit="", plan="300", act="450", note="ĐVT: mét"),
    [read("2d", 0.45)],
)
add(
    "length-area-m2-in-cell",
    "R2",
    "'600 m2' in a Km row: an area does not fit a length.",
    cell("2b", ACT, "600 m2"),
    [refuse("2b", "bad_value")],
)
add(
    "length-area-m-superscript-in-cell",
    "R2",
    "'600 m²' (superscript two, NFKC m2) in a Km row.",
    cell("2b", ACT, "600 m²"),
    [refuse("2b", "bad_value")],
    "xlsx",
)
add(
    "length-area-ha-in-cell",
    "R2",
    "'0,45 ha' in a Km row.",
    cell("2d", ACT, "0,45 ha"),
    [refuse("2d", "bad_value")],
)
add(
    "length-dvt-m-superscript",
    "R2",
    "ĐVT 'm²' for a road length.",
    cell("2b", UNIT, "m²"),
    [refuse("2b", "bad_value")],
)
add(
    "count-unit-in-cell",
    "R2",
    "'25 bóng' with the count's own unit in the cell.",
    cell("2e", ACT, "25 bóng"),
    [read("2e", 25)],
)
add(
    "count-unit-in-name",
    "R2",
    "'(đồng chí)' after a count's name: its unit.",
    name("12", "Kết nạp đảng viên mới (đồng chí)"),
    [read("12", 6)],
)
add(
    "amount-dvt-lowercase-km",
    "R2",
    "ĐVT 'km' lower case and 'triệu đồng'.",
    chain(cell("2b", UNIT, "km"), cell("1", UNIT, "triệu đồng")),
    [read("2b", 0.6), read("1", 9050)],
)

# R3: plausibility ------------------------------------------------------------------------

both(
    "amount-ty-under-trieu",
    "R3",
    "'9,05' (tỷ) typed under ĐVT Triệu đồng: 1000× below the 2020–2021 median; 'looks like tỷ written under triệu đồng'.",
    cell("1", ACT, "9,05"),
    [refuse("1", "implausible")],
)
add(
    "amount-ty-under-trieu-number",
    "R3",
    "9.05 typed as a number under Triệu đồng.",
    cell("1", ACT, Num(9.05, "0.00")),
    [refuse("1", "implausible")],
    "xlsx",
)
add(
    "amount-ty-under-trieu-dot",
    "R3",
    "'9.05' with a decimal point (read 9,05) under Triệu đồng.",
    cell("1", ACT, "9.05"),
    [refuse("1", "implausible")],
)
add(
    "amount-trieu-under-ty",
    "R3",
    "ĐVT 'Tỷ đồng', plan '8,9' but the result '9.050' (in triệu): 1000× too large.",
    cells("1", unit="Tỷ đồng", plan="8,9"),
    [refuse("1", "implausible"), read("1", 8900, kind="plan")],
)
add(
    "amount-extra-zero",
    "R3",
    "'90.500': a zero too many.",
    cell("1", ACT, "90.500"),
    [refuse("1", "implausible")],
)
add(
    "amount-dropped-digit",
    "R3",
    "'905': a digit dropped (under an eighth of the reference).",
    cell("1", ACT, "905"),
    [refuse("1", "implausible")],
    "xlsx",
)
both(
    "length-metres-under-km",
    "R3",
    "'600' (metres) under ĐVT Km: 'metres under km'.",
    cell("2b", ACT, "600"),
    [refuse("2b", "implausible")],
)
add(
    "length-metres-under-km-number",
    "R3",
    "450 typed as a number in a Km row.",
    cell("2d", ACT, Num(450)),
    [refuse("2d", "implausible")],
    "xlsx",
)
both(
    "share-fraction",
    "R3",
    "'0,764' in a % row (a fraction for 76,4 %): 'looks like a fraction'.",
    cell("4", ACT, "0,764"),
    [refuse("4", "implausible")],
)
add(
    "share-fraction-trained",
    "R3",
    "'0,649' in a % row.",
    cell("6", ACT, "0,649"),
    [refuse("6", "implausible")],
)
both(
    "count-extra-zero",
    "R3",
    "Lamps '250' for 25: far above the 2020–2021 median (13,5).",
    cell("2e", ACT, "250"),
    [refuse("2e", "implausible")],
)
add(
    "count-party-members-extra-zero",
    "R3",
    "'60' new Party members for 6 (reference 5, not below 5: checked).",
    cell("12", ACT, "60"),
    [refuse("12", "implausible")],
)
add(
    "count-small-reference-not-checked",
    "R3",
    "20 alleys paved where 1–3 were usual: a count whose reference is below 5 is not checked (a count may go from 1 to 10); read.",
    cell("2a", ACT, "20"),
    [read("2a", 20)],
)
add(
    "count-zero-not-checked",
    "R3",
    "0 road sections repaired: a 0 is not checked; read.",
    cell("2c", ACT, "0"),
    [read("2c", 0)],
)
both(
    "poverty-lost-comma",
    "R3",
    "'25%' for 2,5 % poor households: no same-basis result in 2020–2021, so the reference is the plan (2,6).",
    cell("5a", ACT, "25%"),
    [refuse("5a", "implausible")],
)
add(
    "near-poor-lost-comma",
    "R3",
    "39 (for 3,9) in the near-poor row: the plan is the reference.",
    cell("5b", ACT, Num(39)),
    [refuse("5b", "implausible")],
    "xlsx",
)
add(
    "share-inspected-lost-comma",
    "R3",
    "'2,2%' for 22,0 % members inspected.",
    cell("16b", ACT, "2,2%"),
    [refuse("16b", "implausible")],
)
LAND = "thu tiền sử dụng đất dự án khu dân cư tổ 5"
add(
    "amount-jump-confirmed",
    "R3",
    "A genuine jump ('75.000', land-use revenue) confirmed in confirmations.yaml (value as written): read with 'confirmed: <reason>'.",
    chain(cell("1", ACT, "75.000"), cell("1", NOTE, "Có khoản thu tiền sử dụng đất")),
    [flag("1", 75000, "confirmed: " + LAND)],
    extra=confirmations(("1", "75.000", LAND)),
)
add(
    "amount-jump-confirmed",
    "R3",
    "The same jump typed as a number; the confirmation gives the number as read (75000).",
    cell("1", ACT, Num(75000, "#,##0")),
    [flag("1", 75000, "confirmed: " + LAND)],
    "xlsx",
    extra=confirmations(("1", 75000, LAND)),
)
add(
    "amount-jump-unconfirmed",
    "R3",
    "'75.000' with no confirmation: refused as implausible.",
    cell("1", ACT, "75.000"),
    [refuse("1", "implausible")],
)
add(
    "amount-jump-confirmation-other-row",
    "R3",
    "confirmations.yaml names another row (the lamps'): the jump stays refused.",
    cell("1", ACT, "75.000"),
    [refuse("1", "implausible")],
    extra=confirmations(("2e", "75.000", LAND)),
)
add(
    "amount-jump-confirmation-other-figure",
    "R3",
    "confirmations.yaml confirms '70.000' but the table now says '75.000': refused.",
    cell("1", ACT, "75.000"),
    [refuse("1", "implausible")],
    extra=confirmations(("1", "70.000", LAND)),
)

# R4: shares ------------------------------------------------------------------------------

both(
    "share-permille-in-cell",
    "R4",
    "Population growth written '9,8‰'.",
    cell("3", ACT, "9,8‰"),
    [read("3", 0.98)],
)
add(
    "share-dvt-permille",
    "R4",
    "ĐVT '‰', plan '≤ 10,5‰' and result '9,8'.",
    cells("3", unit="‰", plan="≤ 10,5‰", act="9,8"),
    [read("3", 0.98), read("3", 1.05, kind="plan")],
)
add(
    "share-general-fraction",
    "R4",
    "0.764 typed in a General cell of a % row (reference 72,35): a fraction.",
    cell("4", ACT, Num(0.764)),
    [refuse("4", "implausible")],
    "xlsx",
)
add(
    "share-general-fraction-cultural",
    "R4",
    "0.929 in a General cell of a % row.",
    cell("8a", ACT, Num(0.929)),
    [refuse("8a", "implausible")],
    "xlsx",
)
add(
    "share-general-one-for-hundred",
    "R4",
    "1 in a General cell for 100 % (militia quota).",
    cell("10a", ACT, Num(1)),
    [refuse("10a", "implausible")],
    "xlsx",
)
add(
    "share-percent-format",
    "R4",
    "0.842 in a '0.0%' cell: reads as shown, 84,2.",
    cell("13", ACT, Num(0.842, "0.0%")),
    [read("13", 84.2)],
    "xlsx",
)
add(
    "share-percent-format-whole",
    "R4",
    "1 in a '0%' cell shows 100 %.",
    cell("7a", ACT, Num(1, "0%")),
    [read("7a", 100)],
    "xlsx",
)
add(
    "share-general-small-reference",
    "R4",
    "0.98 in a General cell of the population-growth row: the reference (1,1) is below 10, so not a fraction; read 0,98.",
    cell("3", ACT, Num(0.98)),
    [read("3", 0.98)],
    "xlsx",
)
add(
    "share-general-whole",
    "R4",
    "76.4 in a General cell of a % row.",
    cell("4", ACT, Num(76.4)),
    [read("4", 76.4)],
    "xlsx",
)
add(
    "share-percent-format-on-whole",
    "R4",
    "76.4 typed into a '0.0%' cell (shows 7640,0%): impossible for a share.",
    cell("4", ACT, Num(76.4, "0.0%")),
    [refuse("4", "bad_value", "implausible")],
    "xlsx",
)

# R5: Excel number formats ----------------------------------------------------------------

add(
    "format-thousands-scaled",
    "R5",
    "9050000 (đồng in thousands) shown '9,050' by '#,##0,': the format scales the value.",
    cell("1", ACT, Num(9050000, "#,##0,")),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-millions-scaled",
    "R5",
    "9050000000 đồng shown in triệu by '#,##0,,'.",
    cell("1", ACT, Num(9050000000, "#,##0,,")),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-millions-scaled-decimal",
    "R5",
    "'0.0,,' scaling with a decimal.",
    cell("1", ACT, Num(9050000000, "0.0,,")),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-scaled-with-sections",
    "R5",
    "'#,##0,;[Red]-#,##0,': a scaling comma before a ';' section.",
    cell("1", ACT, Num(9050000, "#,##0,;[Red]-#,##0,")),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-metres-scaled-to-km",
    "R5",
    "600 (metres) shown as '0.6' by '0.0,' in a Km row.",
    cell("2b", ACT, Num(600, "0.0,")),
    [refuse("2b", "cell_format")],
    "xlsx",
)
add(
    "format-literal-ty",
    "R5",
    "9.05 shown '9.05 tỷ' by '0.00 \"tỷ\"' under Triệu đồng.",
    cell("1", ACT, Num(9.05, '0.00 "tỷ"')),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-literal-trieu",
    "R5",
    "9050 shown with the literal ' triệu' ('#,##0 \"triệu\"'): other text than the value; refused by the rule.",
    cell("1", ACT, Num(9050, '#,##0 "triệu"')),
    [refuse("1", "cell_format")],
    "xlsx",
)
add(
    "format-thousands-plain",
    "R5",
    "9050 with the ordinary '#,##0'.",
    cell("1", ACT, Num(9050, "#,##0")),
    [read("1", 9050)],
    "xlsx",
)
add(
    "format-decimals-plain",
    "R5",
    "9050 with '#,##0.00'.",
    cell("1", ACT, Num(9050, "#,##0.00")),
    [read("1", 9050)],
    "xlsx",
)
add(
    "format-two-sections-no-scale",
    "R5",
    "'#,##0;[Red]-#,##0': sections but no scaling comma.",
    cell("1", ACT, Num(9050, "#,##0;[Red]-#,##0")),
    [read("1", 9050)],
    "xlsx",
)
add(
    "format-accounting",
    "R5",
    'Excel\'s Comma style (accounting: a quoted "-" only in the zero section). Spec: a quoted literal is refused; chosen: a literal shown only for 0 does not change a non-zero value; read.',
    cell("1", ACT, Num(9050, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)')),
    [read("1", 9050)],
    "xlsx",
)

# R6: poverty basis -----------------------------------------------------------------------

both(
    "poverty-decree-title",
    "R6",
    "The decree's own title 'chuẩn nghèo đa chiều giai đoạn 2021 – 2025' marks the 2022–2025 standard.",
    name("5a", POOR + " (theo chuẩn nghèo đa chiều giai đoạn 2021 – 2025)"),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-decree-number-in-name",
    "R6",
    "'(theo Nghị định số 07/2021/NĐ-CP)' in the name.",
    name("5a", POOR + " (theo Nghị định số 07/2021/NĐ-CP)"),
    [read("5a", 2.5, basis=NEW)],
)
both(
    "poverty-decree-short-in-note",
    "R6",
    "Plain name, the note 'Theo NĐ 07/2021'.",
    cells("5a", name=POOR, note="Theo NĐ 07/2021"),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-chuan-moi",
    "R6",
    "'(chuẩn mới)' after the name.",
    name("5a", POOR + " (chuẩn mới)"),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-span-hyphen-no-spaces",
    "R6",
    "'2022-2025' with a hyphen and no spaces.",
    name("5a", POOR + " (theo chuẩn nghèo giai đoạn 2022-2025)"),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "near-poor-span-em-dash",
    "R6",
    "'chuẩn nghèo 2022—2025' with an em dash.",
    name("5b", NEAR_POOR + " (chuẩn nghèo 2022—2025)"),
    [read("5b", 3.9, basis=NEW)],
)
add(
    "near-poor-span-spaced-hyphen",
    "R6",
    "'chuẩn nghèo 2022 - 2025' with a spaced hyphen.",
    name("5b", NEAR_POOR + " (chuẩn nghèo 2022 - 2025)"),
    [read("5b", 3.9, basis=NEW)],
    "xlsx",
)
both(
    "poverty-no-marker",
    "R6",
    "Plain 'Tỷ lệ hộ nghèo' with no standard: the one in force in 2023 (2022–2025), with the note.",
    name("5a", POOR),
    [flag("5a", 2.5, BASIS_NOT_STATED, basis=NEW)],
)
add(
    "near-poor-no-marker",
    "R6",
    "Plain 'Tỷ lệ hộ cận nghèo cuối năm' (an alias), no standard.",
    name("5b", NEAR_POOR + " cuối năm"),
    [flag("5b", 3.9, BASIS_NOT_STATED, basis=NEW)],
    "xlsx",
)
add(
    "poverty-da-chieu-in-note",
    "R6",
    "Plain name, note 'Rà soát hộ nghèo đa chiều cuối năm': 'đa chiều' alone is not a marker (both standards are multidimensional); no marker.",
    cells("5a", name=POOR, note="Rà soát hộ nghèo đa chiều cuối năm"),
    [flag("5a", 2.5, BASIS_NOT_STATED, basis=NEW)],
)
add(
    "poverty-da-chieu-bracket",
    "R6",
    "'Tỷ lệ hộ nghèo (đa chiều)': not a marker (R6), and R8 counts only markers, units, '*' and footnote numbers as harmless brackets, so the bracket is a qualifier (add the name as an alias if it is the same indicator).",
    name("5a", POOR + " (đa chiều)"),
    [refuse("5a", "qualifier", row_level=True)],
)
both(
    "poverty-footnote-star-new",
    "R6",
    "'(*)' after the name and the footnote '(*) Theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025' below the table.",
    chain(name("5a", POOR + " (*)"), footer("(*) Theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025")),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-footnote-number-new",
    "R6",
    "'(1)' after the name, '(1) Theo Nghị định 07/2021/NĐ-CP' below.",
    chain(name("5a", POOR + " (1)"), footer("(1) Theo Nghị định 07/2021/NĐ-CP của Chính phủ")),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-asterisk-suffix-new",
    "R6",
    "'Tỷ lệ hộ nghèo*' and '* Chuẩn nghèo giai đoạn 2022-2025' below.",
    chain(name("5a", POOR + "*"), footer("* Chuẩn nghèo giai đoạn 2022-2025")),
    [read("5a", 2.5, basis=NEW)],
)
both(
    "poverty-footnote-star-old",
    "R6",
    "'(*)' with the footnote '(*) Theo chuẩn nghèo giai đoạn 2016 – 2020' on a 2023 figure: the old standard is not in force.",
    chain(name("5a", POOR + " (*)"), footer("(*) Theo chuẩn nghèo giai đoạn 2016 – 2020")),
    [refuse("5a", "basis_year", row_level=True)],
)
add(
    "poverty-footnote-unrelated",
    "R6",
    "'(*)' with a footnote that names no standard ('số liệu rà soát cuối năm'): no marker.",
    chain(name("5a", POOR + " (*)"), footer("(*) Số liệu rà soát hộ nghèo cuối năm 2023")),
    [flag("5a", 2.5, BASIS_NOT_STATED, basis=NEW)],
)
add(
    "poverty-negation-with-new",
    "R6",
    "Note 'Theo chuẩn mới, không theo chuẩn 2016 – 2020': the negated standard does not count.",
    cells("5a", name=POOR, note="Theo chuẩn mới, không theo chuẩn 2016 – 2020"),
    [read("5a", 2.5, basis=NEW)],
)
add(
    "poverty-negation-only",
    "R6",
    "Note 'không theo chuẩn nghèo giai đoạn 2016 – 2020' and nothing else: no marker, the standard in force.",
    cells("5a", name=POOR, note="Không theo chuẩn nghèo giai đoạn 2016 – 2020"),
    [flag("5a", 2.5, BASIS_NOT_STATED, basis=NEW)],
)
both(
    "poverty-new-name-negated-old-note",
    "R6",
    "New standard in the name, 'không so sánh với chuẩn nghèo giai đoạn 2016 – 2020' in the note: one standard, not two.",
    cell("5a", NOTE, "Không so sánh với chuẩn nghèo giai đoạn 2016 – 2020"),
    [read("5a", 2.5, basis=NEW)],
)
both(
    "poverty-old-standard",
    "R6",
    "The 2023 figure labelled '(theo chuẩn nghèo giai đoạn 2016 – 2020)' (last year's name kept).",
    name("5a", POOR + " (theo chuẩn nghèo giai đoạn 2016 – 2020)"),
    [refuse("5a", "basis_year", row_level=True)],
)
add(
    "near-poor-chuan-cu",
    "R6",
    "'(chuẩn cũ)' on a 2023 figure.",
    name("5b", NEAR_POOR + " (chuẩn cũ)"),
    [refuse("5b", "basis_year", row_level=True)],
)
add(
    "poverty-old-decision-in-note",
    "R6",
    "Plain name, note 'Theo Quyết định 59/2015/QĐ-TTg' (the 2016–2020 standard).",
    cells("5a", name=POOR, note="Theo Quyết định 59/2015/QĐ-TTg"),
    [refuse("5a", "basis_year", row_level=True)],
)
both(
    "poverty-unknown-standard",
    "R6",
    "'(theo chuẩn nghèo giai đoạn 2026 – 2030)': a standard the reader does not know.",
    name("5a", POOR + " (theo chuẩn nghèo giai đoạn 2026 – 2030)"),
    [refuse("5a", "unknown_basis", row_level=True)],
)
add(
    "poverty-both-standards",
    "R6",
    "New standard in the name, 'Số liệu theo chuẩn nghèo giai đoạn 2016 – 2020' in the note: two standards.",
    cell("5a", NOTE, "Số liệu theo chuẩn nghèo giai đoạn 2016 – 2020"),
    [refuse("5a", "ambiguous_basis", row_level=True)],
)
add(
    "poverty-marker-uppercase",
    "R6",
    "The marker in capitals.",
    name("5a", POOR + " (THEO CHUẨN NGHÈO ĐA CHIỀU GIAI ĐOẠN 2022 – 2025)"),
    [read("5a", 2.5, basis=NEW)],
    "xlsx",
)
add(
    "near-poor-marker-in-note",
    "R6",
    "Plain name; note 'Áp dụng chuẩn nghèo đa chiều giai đoạn 2022-2025 theo Nghị định số 07/2021/NĐ-CP'.",
    cells(
        "5b",
        name=NEAR_POOR,
        note="Áp dụng chuẩn nghèo đa chiều giai đoạn 2022-2025 theo Nghị định số 07/2021/NĐ-CP",
    ),
    [read("5b", 3.9, basis=NEW)],
    "xlsx",
)

# R7: hidden rows -------------------------------------------------------------------------

OLD_POOR_ROW = [
    "7",
    POOR + " (theo chuẩn nghèo giai đoạn 2016 – 2020)",
    "%",
    "",
    "0,9%",
    "Số liệu so sánh",
]
add(
    "hidden-old-standard-row",
    "R7",
    "A hidden row keeps the poverty rate on the old standard under the visible one: the hidden figure is refused, the visible one read.",
    insert_row("5a", "5a-hidden", OLD_POOR_ROW, hidden=True),
    [refuse("5a", "hidden_row", row="5a-hidden", row_level=True), read("5a", 2.5, basis=NEW)],
    "xlsx",
)
add(
    "hidden-draft-budget-row",
    "R7",
    "A hidden draft row of the budget ('8.750', before the final figure).",
    insert_row(
        "1",
        "1-hidden",
        ["1", BUDGET, "Triệu đồng", "8.900", "8.750", "Số liệu tháng 11"],
        hidden=True,
    ),
    [refuse("1", "hidden_row", row="1-hidden", row_level=True), read("1", 9050)],
    "xlsx",
)
add(
    "hidden-only-row-of-target",
    "R7",
    "The members-inspected row hidden (the clerk hid it instead of deleting it).",
    hide("16b"),
    [refuse("16b", "hidden_row", row_level=True)],
    "xlsx",
)
add(
    "hidden-rating-row",
    "R7",
    "The mass-organisations rating row hidden.",
    hide("20d"),
    [refuse("20d", "hidden_row", row_level=True)],
    "xlsx",
)
add(
    "hidden-blank-spacer-row",
    "R7",
    "A hidden empty spacer row: nothing to refuse.",
    insert_row("h2", "spacer", [""] * 6, hidden=True),
    [read("2a", 2), read("1", 9050)],
    "xlsx",
)
add(
    "hidden-heading-row",
    "R7",
    "The section heading 'II QUỐC PHÒNG - AN NINH' hidden: no figure, nothing to refuse.",
    hide("II"),
    [read("10a", 100), read("10b", 2)],
    "xlsx",
)

# R8: qualifiers --------------------------------------------------------------------------

both(
    "lamps-cumulative",
    "R8",
    "'Lắp điện chiếu sáng đường hẻm (lũy kế)' with 57, the term's running total.",
    cells("2e", name="Lắp điện chiếu sáng đường hẻm (lũy kế)", act="57"),
    [refuse("2e", "qualifier", row_level=True)],
)
add(
    "lamps-cumulative-prefix",
    "R8",
    "'Lũy kế số bóng điện chiếu sáng đường hẻm được lắp' (running total, no brackets).",
    cells("2e", name="Lũy kế số bóng điện chiếu sáng đường hẻm được lắp", act="57"),
    [refuse("2e", "qualifier", "unknown_target", row_level=True)],
)
add(
    "lamps-cong-don",
    "R8",
    "'(cộng dồn từ đầu nhiệm kỳ)'.",
    cells("2e", name="Lắp điện chiếu sáng đường hẻm (cộng dồn từ đầu nhiệm kỳ)", act="57"),
    [refuse("2e", "qualifier", row_level=True)],
)
add(
    "lamps-tang-them",
    "R8",
    "'(tăng thêm)': a change, not the indicator (the spec lists it).",
    name("2e", "Lắp điện chiếu sáng đường hẻm (tăng thêm)"),
    [refuse("2e", "qualifier", row_level=True)],
    "xlsx",
)
both(
    "party-members-women",
    "R8",
    "'Kết nạp đảng viên mới (nữ)' with 2: a subset.",
    cells("12", name="Kết nạp đảng viên mới (nữ)", act="2"),
    [refuse("12", "qualifier", row_level=True)],
)
add(
    "party-members-women-subrow",
    "R8",
    "A sub-row 'Trong đó: đảng viên nữ' (2) under the count: refused; the count itself read.",
    insert_row("12", "12-nu", ["", "Trong đó: đảng viên nữ", "Đồng chí", "", "2", ""]),
    [refuse("12", "qualifier", "unknown_target", row="12-nu", row_level=True), read("12", 6)],
)
both(
    "budget-excluding-land",
    "R8",
    "'(không kể tiền sử dụng đất)': an exclusion.",
    cells("1", name=BUDGET + " (không kể tiền sử dụng đất)", act="6.250"),
    [refuse("1", "qualifier", row_level=True)],
)
add(
    "budget-excluding-land-no-brackets",
    "R8",
    "'… không kể tiền sử dụng đất' without brackets.",
    cells("1", name=BUDGET + " không kể tiền sử dụng đất", act="6.250"),
    [refuse("1", "qualifier", "unknown_target", row_level=True)],
)
add(
    "budget-except-land",
    "R8",
    "'Thu ngân sách trên địa bàn (trừ tiền sử dụng đất)'.",
    cells("1", name="Thu ngân sách trên địa bàn (trừ tiền sử dụng đất)", act="6.250"),
    [refuse("1", "qualifier", row_level=True)],
)
add(
    "budget-outside-land",
    "R8",
    "'(ngoài tiền sử dụng đất)'.",
    cells("1", name=BUDGET + " (ngoài tiền sử dụng đất)", act="6.250"),
    [refuse("1", "qualifier", row_level=True)],
    "xlsx",
)
add(
    "budget-growth-year-on-year",
    "R8",
    "'(tăng so với cùng kỳ)' with '109,2%': a change.",
    cells("1", name=BUDGET + " (tăng so với cùng kỳ)", unit="%", plan="", act="109,2%"),
    [refuse("1", "qualifier", row_level=True)],
)
add(
    "insurance-increase-on-2022",
    "R8",
    "'(tăng so với năm 2022)' with '2,9%'.",
    cells(
        "4",
        name="Tỷ lệ người dân tham gia bảo hiểm y tế (tăng so với năm 2022)",
        plan="",
        act="2,9%",
    ),
    [refuse("4", "qualifier", row_level=True)],
)
add(
    "insurance-decrease",
    "R8",
    "'giảm so với' after the name (no brackets).",
    cells(
        "4", name="Tỷ lệ người dân tham gia bảo hiểm y tế giảm so với cùng kỳ", plan="", act="0,5%"
    ),
    [refuse("4", "qualifier", "unknown_target", row_level=True)],
)
add(
    "poverty-ethnic-minority",
    "R8",
    "'Tỷ lệ hộ nghèo (dân tộc thiểu số)'.",
    cells("5a", name=POOR + " (dân tộc thiểu số)", act="4,1%"),
    [refuse("5a", "qualifier", row_level=True)],
)
both(
    "trained-workers-women",
    "R8",
    "'Tỷ lệ lao động đã qua đào tạo (nữ)'.",
    cells("6", name="Tỷ lệ lao động đã qua đào tạo (nữ)", act="61,3%"),
    [refuse("6", "qualifier", row_level=True)],
)
add(
    "trained-workers-men",
    "R8",
    "'(nam)'.",
    cells("6", name="Tỷ lệ lao động đã qua đào tạo (nam)", act="68,0%"),
    [refuse("6", "qualifier", row_level=True)],
)
add(
    "inspected-of-whom",
    "R8",
    "'Đảng viên được kiểm tra, giám sát (trong đó chi ủy viên)'.",
    cells("16b", name="Đảng viên được kiểm tra, giám sát (trong đó chi ủy viên)", act="8,0%"),
    [refuse("16b", "qualifier", row_level=True)],
)
add(
    "alias-with-brackets",
    "R8",
    "The 2020 alias 'Tỷ lệ trẻ em trong độ tuổi đến lớp (tiểu học, trung học cơ sở)': its brackets are part of the alias.",
    name("7b", "Tỷ lệ trẻ em trong độ tuổi đến lớp (tiểu học, trung học cơ sở)"),
    [read("7b", 100)],
)
both(
    "name-trong-nam",
    "R8",
    "16b's own name '… giám sát trong năm': 'năm' is not 'nam' (men), 'được' not 'ước'.",
    name("16b", "Tỷ lệ đảng viên được kiểm tra, giám sát trong năm"),
    [read("16b", 22)],
)
add(
    "name-percent-unit-growth",
    "R8",
    "'Tỷ lệ tăng dân số tự nhiên hằng năm (%)'.",
    name("3", "Tỷ lệ tăng dân số tự nhiên hằng năm (%)"),
    [read("3", 0.98)],
)
add(
    "name-alias-and-unit",
    "R8",
    "'Duy tu bảo dưỡng đường (chiều dài) (km)': alias, then a unit.",
    name("2d", "Duy tu bảo dưỡng đường (chiều dài) (km)"),
    [read("2d", 0.45)],
)
add(
    "name-footnote-number",
    "R8",
    "'(1)' after a share's name with its footnote.",
    chain(
        name("8a", "Tỷ lệ tổ dân phố đạt danh hiệu văn hóa (1)"),
        footer("(1) 13/14 tổ dân phố được công nhận"),
    ),
    [read("8a", 92.9)],
    "xlsx",
)

# R9: headers and titles ------------------------------------------------------------------

ESTIMATES = base_reads(["1", "4", "20b"], kind="estimate", plans=False)
both(
    "header-uoc-th",
    "R9",
    "Result column headed 'Ước TH năm 2023' (an estimate, report made in December).",
    header(ACT, "Ước TH năm 2023"),
    ESTIMATES,
    collateral="estimate",
)
add(
    "header-th-uoc-suffix",
    "R9",
    "'TH năm 2023 (ước)'.",
    header(ACT, "TH năm 2023 (ước)"),
    ESTIMATES,
    collateral="estimate",
)
add(
    "header-uoc-tinh",
    "R9",
    "'Ước tính năm 2023'.",
    header(ACT, "Ước tính năm 2023"),
    ESTIMATES,
    "xlsx",
    collateral="estimate",
)
both(
    "title-uoc-thuc-hien",
    "R9",
    "Title 'BIỂU ƯỚC THỰC HIỆN CHỈ TIÊU … NĂM 2023', header 'Thực hiện năm 2023': estimates.",
    title_line(
        1,
        "BIỂU ƯỚC THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH, XÂY DỰNG ĐẢNG NĂM 2023",
    ),
    ESTIMATES,
    collateral="estimate",
)
add(
    "note-so-uoc",
    "R9",
    "Note 'Số ước' on the budget row: that figure is an estimate.",
    cell("1", NOTE, "Số ước"),
    [read("1", 9050, kind="estimate")],
)
add(
    "note-uoc-tinh",
    "R9",
    "Note 'Ước tính đến 31/12/2023' on the lamps row.",
    cell("2e", NOTE, "Ước tính đến 31/12/2023"),
    [read("2e", 25, kind="estimate")],
    "xlsx",
)
both(
    "note-duoc-not-estimate",
    "R9",
    "Note 'Số liệu được Chi cục Thuế xác nhận': 'được' is not 'ước'.",
    cell("1", NOTE, "Số liệu được Chi cục Thuế xác nhận"),
    [read("1", 9050)],
)
add(
    "name-nha-nuoc-not-estimate",
    "R9",
    "Alias 'Thu ngân sách nhà nước trên địa bàn': 'nước' is not 'ước'.",
    name("1", "Thu ngân sách nhà nước trên địa bàn"),
    [read("1", 9050)],
)
add(
    "plan-header-duoc-giao",
    "R9",
    "Plan column 'Kế hoạch năm 2023 (được giao)'.",
    header(PLAN, "Kế hoạch năm 2023 (được giao)"),
    [read("1", 8900, kind="plan"), read("1", 9050)],
)
both(
    "partial-six-months-only",
    "R9",
    "The only result column is 'Thực hiện 6 tháng đầu năm 2023' (the mid-year table sent instead): no full-year result.",
    header(ACT, "Thực hiện 6 tháng đầu năm 2023"),
    [error("6 tháng")],
    collateral="none",
)
add(
    "partial-to-date-only",
    "R9",
    "Only 'Thực hiện đến 30/6/2023'.",
    header(ACT, "Thực hiện đến 30/6/2023"),
    [error("30/6")],
    collateral="none",
)
add(
    "multi-year-only",
    "R9",
    "Only 'Lũy kế 2021 – 2023' (the term's running total).",
    header(ACT, "Lũy kế 2021 – 2023"),
    [error("Lũy kế")],
    "xlsx",
    collateral="none",
)
NINE_MONTHS = {"1": "6.420", "2e": "18", "4": "70,2%", "12": "4"}
both(
    "nine-months-and-estimate",
    "R9",
    "'Thực hiện 9 tháng năm 2023' beside 'Ước thực hiện năm 2023': the 9-month column is skipped, the estimate read.",
    chain(
        header(ACT, "Ước thực hiện năm 2023"),
        add_column(ACT, "Thực hiện 9 tháng năm 2023", NINE_MONTHS),
    ),
    [*ESTIMATES, read("12", 6, kind="estimate")],
    collateral="estimate",
)
add(
    "quarter-and-full-year",
    "R9",
    "'Thực hiện quý IV/2023' after the full-year column: skipped.",
    add_column(ACT + 1, "Thực hiện quý IV/2023", {"1": "2.630", "2e": "7"}),
    [read("1", 9050), read("2e", 25)],
)
add(
    "to-date-and-full-year",
    "R9",
    "'Lũy kế đến 30/9/2023' before the full-year column.",
    add_column(ACT, "Lũy kế đến 30/9/2023", NINE_MONTHS),
    [read("1", 9050), read("4", 76.4)],
    "xlsx",
)
both(
    "term-column-and-full-year",
    "R9",
    "'Thực hiện giai đoạn 2021 – 2023' beside the year's result: a multi-year column, skipped.",
    add_column(ACT + 1, "Thực hiện giai đoạn 2021 – 2023", {"1": "26.050", "2e": "57", "12": "16"}),
    [read("1", 9050), read("2e", 25), read("12", 6)],
)
add(
    "cumulative-column-and-full-year",
    "R9",
    "'Lũy kế 2021 – 2023' beside the year's result.",
    add_column(ACT + 1, "Lũy kế 2021 – 2023", {"2e": "57", "12": "16"}),
    [read("2e", 25), read("12", 6)],
)
SIGNED = "Chi Lăng, ngày 15 tháng 01 năm 2024"
both(
    "signing-date-in-title",
    "R9",
    f"'{SIGNED}' in the title block: never the table's year.",
    insert_title(1, SIGNED),
    [read("1", 9050), read("4", 76.4)],
)
add(
    "signing-date-right-of-title",
    "R9",
    "The national motto block at the right with the signing date in column D, as ward letters are laid out.",
    chain(
        title_line(
            0, ["ỦY BAN NHÂN DÂN PHƯỜNG CHI LĂNG", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        ),
        insert_title(1, ["", "", "", "Độc lập - Tự do - Hạnh phúc"]),
        insert_title(2, ["", "", "", SIGNED]),
    ),
    [read("1", 9050)],
    "xlsx",
)
add(
    "signing-date-below-table",
    "R9",
    "The signing date line below the table, above the signatures.",
    footer(SIGNED, col=4),
    [read("1", 9050)],
)
add(
    "signing-date-numeric",
    "R9",
    "'Chi Lăng, ngày 15/01/2024' in the title block.",
    insert_title(1, "Chi Lăng, ngày 15/01/2024"),
    [read("1", 9050)],
)
PLAN_2024 = {"1": "9.400", "2e": "10", "4": "79%", "12": "5"}
TWO_YEARS = [
    read("1", 9050),
    read("1", 9400, kind="plan", year=2024),
    read("4", 79, kind="plan", year=2024),
]
both(
    "two-year-title",
    "R9",
    "Title 'KẾT QUẢ THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024' with a 'Kế hoạch năm 2024' column: 2023 results, 2024 plans.",
    chain(
        title_line(1, "KẾT QUẢ THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024"),
        add_column(ACT + 1, "Kế hoạch năm 2024", PLAN_2024),
    ),
    TWO_YEARS,
)
add(
    "two-year-title-comma",
    "R9",
    "Title '… NĂM 2023, KẾ HOẠCH NĂM 2024'.",
    chain(
        title_line(1, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023, KẾ HOẠCH NĂM 2024"),
        add_column(ACT + 1, "Kế hoạch năm 2024", PLAN_2024),
    ),
    TWO_YEARS,
)
add(
    "two-year-title-headers-without-year",
    "R9",
    "Two-year title, headers 'Kế hoạch' and 'Thực hiện' without a year beside 'Kế hoạch năm 2024': the results are the first year's (2023).",
    chain(
        title_line(1, "KẾT QUẢ THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024"),
        header(PLAN, "Kế hoạch"),
        header(ACT, "Thực hiện"),
        add_column(ACT + 1, "Kế hoạch năm 2024", PLAN_2024),
    ),
    TWO_YEARS,
    "xlsx",
)
PERCENT_OF_PLAN = {"1": "101,7%", "2e": "250%", "4": "98,6%", "12": "120%"}
both(
    "extra-column-percent-of-plan",
    "R9",
    "Extra column 'Tỷ lệ % so với KH'.",
    add_column(ACT + 1, "Tỷ lệ % so với KH", PERCENT_OF_PLAN),
    [read("1", 9050), read("4", 76.4)],
)
add(
    "extra-column-th-kh",
    "R9",
    "Extra column 'TH/KH (%)' (starts like 'TH'): a ratio, ignored.",
    add_column(ACT + 1, "TH/KH (%)", PERCENT_OF_PLAN),
    [read("1", 9050), read("4", 76.4)],
)
add(
    "extra-column-thuc-hien-so-voi-kh",
    "R9",
    "Extra column 'Thực hiện so với kế hoạch (%)': a ratio beside the result, not a second result column (spec silent; ignored).",
    add_column(ACT + 1, "Thực hiện so với kế hoạch (%)", PERCENT_OF_PLAN),
    [read("1", 9050), read("4", 76.4)],
    "xlsx",
)
both(
    "extra-column-danh-gia",
    "R9",
    "Extra column 'Đánh giá' (Đạt / Không đạt / Vượt).",
    add_column(
        ACT + 1, "Đánh giá", {"1": "Vượt", "4": "Không đạt", "11": "Không đạt", "12": "Vượt"}
    ),
    [read("1", 9050), read("11", 0)],
)
both(
    "extra-column-chi-tieu-nghi-quyet",
    "R9",
    "Extra column 'Chỉ tiêu Nghị quyết' (starts like 'Chỉ tiêu'): not a second name column.",
    add_column(
        PLAN,
        "Chỉ tiêu Nghị quyết",
        {"1": "Tăng BQ 3 – 5%/năm", "2a": "08 – 10 đường", "4": "80%", "12": "25 đồng chí"},
    ),
    [read("1", 9050), read("1", 8900, kind="plan"), read("4", 76.4)],
)
add(
    "extra-column-chi-tieu-nq-dh",
    "R9",
    "Extra column 'Chỉ tiêu NQ ĐH' at the end.",
    add_column(6, "Chỉ tiêu NQ ĐH", {"4": "80%", "6": "67%"}),
    [read("4", 76.4), read("6", 64.9)],
)
add(
    "extra-column-so-sanh-2022",
    "R9",
    "Extra column 'So sánh với năm 2022 (%)': a comparison with a year in its header.",
    add_column(ACT + 1, "So sánh với năm 2022 (%)", {"1": "103,3%", "4": "102,1%"}),
    [read("1", 9050), read("4", 76.4)],
    "xlsx",
)
both(
    "extra-column-don-vi-chu-tri",
    "R9",
    "Extra column 'Đơn vị chủ trì' (lead office; starts like 'Đơn vị'): not a unit column.",
    add_column(
        6,
        "Đơn vị chủ trì",
        {"1": "Bộ phận Tài chính", "11": "Công an phường", "12": "Văn phòng Đảng ủy"},
    ),
    [read("1", 9050), read("11", 0), read("12", 6)],
)
add(
    "extra-column-previous-year",
    "R9",
    "A 'Thực hiện năm 2022' column for comparison before the plan: the 2023 figures are read from the 2023 column (the 2022 one is last year's, not checked here).",
    add_column(PLAN, "Thực hiện năm 2022", {"1": "8.760", "4": "74,8%", "12": "5"}),
    [read("1", 9050), read("4", 76.4), read("12", 6)],
)
add(
    "header-abbreviated",
    "R9",
    "Headers 'KH 2023' and 'TH 2023'.",
    chain(header(PLAN, "KH 2023"), header(ACT, "TH 2023")),
    [read("1", 9050), read("1", 8900, kind="plan")],
    "xlsx",
)
add(
    "header-ket-qua",
    "R9",
    "Result column 'Kết quả thực hiện năm 2023'.",
    header(ACT, "Kết quả thực hiện năm 2023"),
    [read("1", 9050)],
)

# R10: layout -----------------------------------------------------------------------------

add(
    "field-count-share-split",
    "R10",
    "Hand-edited ','-CSV: '77,5%' and '76,4 %' unquoted split into four fields (8 fields, header has 6).",
    raw_line("4", "6,Tỷ lệ người dân tham gia bảo hiểm y tế,%,77,5%,76,4 %,"),
    [refuse("4", "field_count", row_level=True)],
    sep=",",
)
add(
    "field-count-unquoted-name",
    "R10",
    "The name 'Nhựa hóa, bê tông hóa…' unquoted in a ','-CSV: 7 fields.",
    raw_line("2a", "2.1,Nhựa hóa, bê tông hóa đường hẻm (số đường),Đường,2,2,"),
    [refuse("2a", "field_count", row_level=True)],
    sep=",",
)
add(
    "field-count-length-split",
    "R10",
    "'0,5' and '0,6' unquoted in a Km row of a ','-CSV.",
    raw_line("2b", '2.2,"Nhựa hóa, bê tông hóa đường hẻm (chiều dài)",Km,0,5,0,6,'),
    [refuse("2b", "field_count", row_level=True)],
    sep=",",
)
add(
    "field-count-same-count",
    "R10",
    "'76,4 %' unquoted and the empty note dropped: exactly 6 fields, the result '76' and the note '4 %'. Spec only names 'more fields'; chosen: refuse (a bare '4 %' note after a whole result is the split decimal), any reason code.",
    raw_line("4", "6,Tỷ lệ người dân tham gia bảo hiểm y tế,%,78%,76,4 %"),
    [refuse("4", row_level=True)],
    sep=",",
)
add(
    "shifted-right",
    "R10",
    "Cells shifted one column right (plan blank, the plan under 'Thực hiện', the result under 'Ghi chú'). Spec silent; chosen: refused (a bare figure as the note), any reason code, nothing read from the row.",
    cells("4", plan="", act="77,5%", note="76,4 %"),
    [refuse("4", row_level=True)],
)
add(
    "shifted-left",
    "R10",
    "Cells shifted one column left (ĐVT missing: the plan under ĐVT, the result under 'Kế hoạch'). Spec silent; chosen: refused, nothing read from the row.",
    cells("1", unit="8.900", plan="9.050", act=""),
    [refuse("1", row_level=True)],
    "xlsx",
)
add(
    "merged-result-vertical",
    "R10",
    "One merged '100%' result cell for the two enrolment rows: both get 100.",
    merge(("7a", ACT), ("7b", ACT)),
    [read("7a", 100), read("7b", 100)],
    "xlsx",
)
add(
    "merged-plan-and-result",
    "R10",
    "Plan and result merged into one '100%' cell for the militia row: both get 100.",
    merge(("10a", PLAN), ("10a", ACT)),
    [read("10a", 100), read("10a", 100, kind="plan")],
    "xlsx",
)
add(
    "merged-rating-block",
    "R10",
    "One merged 'Hoàn thành tốt nhiệm vụ' cell for the four organisation ratings (plan and result).",
    chain(
        cell("20a", PLAN, "Hoàn thành tốt nhiệm vụ"),
        merge(("20a", PLAN), ("20d", PLAN)),
        merge(("20a", ACT), ("20d", ACT)),
    ),
    [read(t, 2) for t in ("20a", "20b", "20c", "20d")] + [read("20c", 2, kind="plan")],
    "xlsx",
)
add(
    "merged-section-headings",
    "R10",
    "Section headings merged across the table.",
    chain(*(merge((tag, NAME), (tag, NOTE)) for tag in ("I", "II", "III"))),
    [read("1", 9050), read("12", 6)],
    "xlsx",
)
add(
    "merged-unit-block",
    "R10",
    "ĐVT '%' merged down the Party-building share rows.",
    merge(("13", UNIT), ("19", UNIT)),
    [read("13", 84.2), read("17a", 86.4), read("19", 21.4)],
    "xlsx",
)
add(
    "merged-note-basis",
    "R10",
    "Plain poverty names with one merged note 'Theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025' for both rows.",
    chain(
        name("5a", POOR),
        name("5b", NEAR_POOR),
        cell("5a", NOTE, "Theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025"),
        merge(("5a", NOTE), ("5b", NOTE)),
    ),
    [read("5a", 2.5, basis=NEW), read("5b", 3.9, basis=NEW)],
    "xlsx",
)


def _two_row_header(table: Table) -> None:
    table.header = [
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023", "", "Ghi chú"],
        ["", "", "", "Kế hoạch", "Thực hiện", ""],
    ]
    for col in (STT, NAME, UNIT, NOTE):
        table.merges.append((("#h0", col), ("#h1", col)))
    table.merges.append((("#h0", PLAN), ("#h0", ACT)))


add(
    "merged-two-row-header",
    "R10",
    "Two-row header ('Năm 2023' merged over 'Kế hoạch | Thực hiện'; STT, Chỉ tiêu, ĐVT, Ghi chú merged down). Spec silent; chosen: read (merged cells give their text to the row below).",
    _two_row_header,
    [read("1", 9050), read("1", 8900, kind="plan"), read("4", 76.4)],
    "xlsx",
)
SHEET_2022 = year_sheet_rows(
    2022, {"1": ("8.500", "8.760"), "5a": ("3,2%", "3,1%"), "5b": ("4,8%", "4,6%")}
)
add(
    "sheet-per-year",
    "R10",
    "One sheet per year: '2022' then '2023' in the 2023 workbook; each sheet read for its own year.",
    chain(
        lambda t: setattr(t, "sheet_title", "2023"),
        lambda t: t.sheets_before.append(("2022", SHEET_2022)),
    ),
    [read("1", 9050), read("1", 8760, year=2022), read("5a", 3.1, year=2022, basis=NEW)],
    "xlsx",
)
add(
    "sheet-instructions-first",
    "R10",
    "A first sheet 'Hướng dẫn' with the instructions text, the table on the second.",
    lambda t: t.sheets_before.append(
        (
            "Hướng dẫn",
            [
                ["Hướng dẫn điền biểu"],
                ["Số liệu ghi theo đơn vị tính tại cột ĐVT"],
                ["Tỷ lệ ghi đến một chữ số thập phân"],
            ],
        )
    ),
    [read("1", 9050)],
    "xlsx",
)
DRAFT = year_sheet_rows(2023, {"1": ("8.900", "8.750")})
add(
    "sheet-draft-copy",
    "R10",
    "A forgotten copy sheet '2023 (2)' with a draft budget figure (8.750): the two sheets disagree on the budget, refused as a conflict; the rest agree.",
    lambda t: t.sheets_after.append(("Biểu 2023 (2)", DRAFT)),
    [refuse("1", "conflict")],
    "xlsx",
)
both(
    "dash-no-legend-count",
    "R10",
    "'-' for road sections repaired, no legend: no figure, with the note.",
    cell("2c", ACT, "-"),
    [flag("2c", NAN, DASH_NOTE)],
)
add(
    "dash-no-legend-length",
    "R10",
    "'–' (en dash) for the length repaired, no legend.",
    cell("2d", ACT, "–"),
    [flag("2d", NAN, DASH_NOTE)],
)
LEGEND = "Ghi chú: (-) không phát sinh"
both(
    "dash-legend-in-title-count",
    "R10",
    f"Legend '{LEGEND}' in the title block, '-' for road sections: 0.",
    chain(insert_title(4, LEGEND), cell("2c", ACT, "-")),
    [read("2c", 0)],
)
add(
    "dash-legend-below-length",
    "R10",
    "Legend 'dấu \"-\" là không phát sinh' below the table, '-' for the length paved: 0.",
    chain(footer('Ghi chú: dấu "-" là không phát sinh'), cell("2b", ACT, "-")),
    [read("2b", 0)],
)
add(
    "dash-legend-en-dash-count",
    "R10",
    "Legend below, '–' for new Party members: 0.",
    chain(footer("(-): không phát sinh"), cell("12", ACT, "–")),
    [read("12", 0)],
    "xlsx",
)
add(
    "dash-legend-share-row",
    "R10",
    "Legend present, '-' in a share row: a share is not 0 because nothing happened; no figure (note not checked).",
    chain(insert_title(4, LEGEND), cell("16b", ACT, "-")),
    [read("16b", NAN)],
)
both(
    "tick-x-yes-no",
    "R10",
    "'x' ticked in the yes/no cultural-office row: Đạt.",
    cells("9", act="x", note=""),
    [read("9", 1)],
)
add(
    "tick-x-upper-yes-no",
    "R10",
    "'X' in the security-standard row.",
    cells("11", act="X", note=""),
    [read("11", 1)],
)
add(
    "tick-check-mark",
    "R10",
    "'✓' in the yes/no row.",
    cells("9", act="✓", note=""),
    [read("9", 1)],
    "xlsx",
)
add(
    "tick-square-root",
    "R10",
    "'√' (typed from the symbol table) in the security row.",
    cells("11", act="√", note=""),
    [read("11", 1)],
    "xlsx",
)
add(
    "x-in-share-row",
    "R10",
    "'x' in a share row (not applicable, as the 2020 table has it): no figure.",
    cells("16b", plan="x", act="x", note="Chưa tính"),
    [read("16b", NAN)],
)


# Reviewer variants (/tmp/adversary/variants.py, ids prefixed 'rv-') ----------------------
# Written by an outside reviewer; the outcomes are those decided after the review.


def row_of(change: Callable[[Table], None], tag: str, filetype: str = "csv") -> int:
    """The row number of ``tag`` once ``change`` is made (for a message naming the row)."""
    table = base_table(filetype)
    change(table)
    return table.row_numbers()[tag]


add(
    "rv-qualifier-inside-standard-bracket",
    "R8",
    "An exclusion inside the standard's bracket: 'Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025, không tính hộ thuộc diện bảo trợ xã hội)' with '1,8%': the marker does not make the bracket harmless; 'không tính' narrows the indicator.",
    cells(
        "5a",
        name=POOR
        + " (theo chuẩn nghèo đa chiều giai đoạn 2022 – 2025, không tính hộ thuộc diện bảo trợ xã hội)",
        act="1,8%",
    ),
    [refuse("5a", "qualifier", row_level=True)],
)
add(
    "rv-qualifier-inside-dvt-bracket",
    "R8",
    "An exclusion inside the unit's bracket: '… trên địa bàn (ĐVT: triệu đồng, không kể thu tiền sử dụng đất)' with 6200.",
    cells(
        "1",
        name=BUDGET + " (ĐVT: triệu đồng, không kể thu tiền sử dụng đất)",
        act=Num(6200, "#,##0"),
    ),
    [refuse("1", "qualifier", row_level=True)],
    "xlsx",
)
add(
    "rv-qualifier-inside-decree-bracket",
    "R8",
    "An exclusion after the decree: 'Tỷ lệ hộ cận nghèo (theo NĐ 07/2021/NĐ-CP, trừ hộ bảo trợ xã hội)' with '3,1%'.",
    cells("5b", name=NEAR_POOR + " (theo NĐ 07/2021/NĐ-CP, trừ hộ bảo trợ xã hội)", act="3,1%"),
    [refuse("5b", "qualifier", row_level=True)],
)
add(
    "rv-result-count-luy-ke",
    "R8",
    "The lamps result '57 lũy kế' (the term's running total written in the cell): refused as a qualifier, never 57 as the 2023 figure.",
    cell("2e", ACT, "57 lũy kế"),
    [refuse("2e", "qualifier")],
)
add(
    "rv-title-six-months",
    "R9",
    "Title '… XÂY DỰNG ĐẢNG 6 THÁNG ĐẦU NĂM 2023' (the mid-year workbook reused), headers unchanged: a part-year table, not full-year results.",
    title_line(
        1,
        "BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH, XÂY DỰNG ĐẢNG 6 THÁNG ĐẦU NĂM 2023",
    ),
    [error("6 tháng")],
    "xlsx",
    collateral="none",
)
add(
    "rv-header-stale-plan-year",
    "R9",
    "Last year's workbook reused: the plan header left 'Kế hoạch năm 2022' in the 2023 table; not read as 2022 plans in silence.",
    header(PLAN, "Kế hoạch năm 2022"),
    [error("2022")],
    "xlsx",
    collateral="none",
)
add(
    "rv-header-swapped-labels",
    "R9",
    "Header labels swapped ('Thực hiện năm 2023' over the plans, 'Kế hoạch năm 2023' over the results), data unchanged: the result column holds plan wordings ('≤ 1,05%', '80% trở lên', 'Khá trở lên'); refused, never 8.900 as the 2023 result.",
    chain(header(PLAN, "Thực hiện năm 2023"), header(ACT, "Kế hoạch năm 2023")),
    [error()],
    "xlsx",
    collateral="none",
)


def _section_pasted_with_own_header(table: Table) -> None:
    """Section III pasted from the Party committee's sheet with its own header, in which
    'Thực hiện' comes before 'Kế hoạch' (the rows below follow that header)."""
    table.insert_after(
        "11",
        Row(
            "hdr", ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2023", "Kế hoạch năm 2023", "Ghi chú"]
        ),
    )
    start = [r.tag for r in table.rows].index("III")
    for r in table.rows[start:]:
        r.cells[PLAN], r.cells[ACT] = r.cells[ACT], r.cells[PLAN]


add(
    "rv-second-header-mid-swapped",
    "R10",
    "Section III pasted with its own header row in the other column order ('Thực hiện' before 'Kế hoạch'): refused naming the repeated header's row; never plan and result swapped.",
    _section_pasted_with_own_header,
    [error(f"row {row_of(_section_pasted_with_own_header, 'hdr', 'xlsx')}")],
    "xlsx",
    collateral="none",
)
add(
    "rv-result-split-unheaded-column",
    "R10",
    "The result split over two columns: '13' (groups) under 'Thực hiện năm 2023' and '92,9%' under an empty header beside it: refused, never 13 %.",
    chain(add_column(ACT + 1, "", {"8a": "92,9%"}), cell("8a", ACT, "13")),
    [refuse("8a")],
)
add(
    "rv-result-merged-over-count-and-share",
    "R10",
    "'Thực hiện năm 2023' merged over E:F; row 12 has 13 (groups) in E and 92,9 % (a '0.0%' cell) in F: refused, never 13 %.",
    chain(
        add_column(ACT + 1, "", {"8a": Num(0.929, "0.0%")}),
        cell("8a", ACT, Num(13)),
        merge(("#h0", ACT), ("#h0", ACT + 1)),
    ),
    [refuse("8a")],
    "xlsx",
)
add(
    "rv-rating-plan-wording-in-result",
    "R10",
    "The plan wording 'Khá trở lên' copied as the training result: a bound, not a rating.",
    cell("10b", ACT, "Khá trở lên"),
    [refuse("10b", "bad_value")],
)
add(
    "rv-rating-plan-wording-htt",
    "R10",
    "'Hoàn thành tốt nhiệm vụ trở lên' as the Party committee's rating (the plan wording): a bound, not a rating.",
    cell("20a", ACT, "Hoàn thành tốt nhiệm vụ trở lên"),
    [refuse("20a", "bad_value")],
    "xlsx",
)
add(
    "rv-standard-of-province",
    "R6",
    "'Tỷ lệ hộ nghèo (theo chuẩn nghèo của tỉnh)': a standard that is neither 2016–2020 nor 2022–2025, not 'basis not stated'.",
    name("5a", POOR + " (theo chuẩn nghèo của tỉnh)"),
    [refuse("5a", "unknown_basis", row_level=True)],
)
add(
    "rv-result-100-kh",
    "R1",
    "'100% KH' as the militia result (100 % of the plan, or 100 %?): refused.",
    cell("10a", ACT, "100% KH"),
    [refuse("10a")],
)
add(
    "rv-result-count-uoc-tinh",
    "R9",
    "The lamps result '25 ước tính': an estimate, as written.",
    cell("2e", ACT, "25 ước tính"),
    [read("2e", 25, kind="estimate")],
    "xlsx",
)
add(
    "rv-result-count-words-du-kien",
    "R9",
    "The lamps result '25 bóng dự kiến': the count's unit and 'dự kiến'; an estimate.",
    cell("2e", ACT, "25 bóng dự kiến"),
    [read("2e", 25, kind="estimate")],
)
add(
    "rv-header-du-kien",
    "R9",
    "Result header 'Thực hiện năm 2023 (dự kiến)': estimates.",
    header(ACT, "Thực hiện năm 2023 (dự kiến)"),
    ESTIMATES,
    collateral="estimate",
)
add(
    "rv-note-du-kien",
    "R9",
    "Note 'Số liệu dự kiến, chưa nghiệm thu' on the lamps row: that figure is an estimate.",
    cell("2e", NOTE, "Số liệu dự kiến, chưa nghiệm thu"),
    [read("2e", 25, kind="estimate")],
    "xlsx",
)
add(
    "rv-title-du-kien",
    "R9",
    "Title 'DỰ KIẾN KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023', headers unchanged: estimates.",
    title_line(1, "DỰ KIẾN KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"),
    ESTIMATES,
    collateral="estimate",
)
add(
    "rv-header-du-uoc",
    "R9",
    "Result header 'Dự ước thực hiện năm 2023': estimates.",
    header(ACT, "Dự ước thực hiện năm 2023"),
    ESTIMATES,
    collateral="estimate",
)
add(
    "rv-header-uth",
    "R9",
    "Result header 'ƯTH năm 2023' (ước thực hiện): estimates.",
    header(ACT, "ƯTH năm 2023"),
    ESTIMATES,
    "xlsx",
    collateral="estimate",
)
add(
    "rv-name-uoc-bracket",
    "R9",
    "'(ước)' after the budget's name: that row's result is an estimate, not a qualifier.",
    name("1", BUDGET + " (ước)"),
    [read("1", 9050, kind="estimate")],
)
add(
    "rv-header-t-dot-hien",
    "R9",
    "Result header 'T.hiện năm 2023' (abbreviated with a dot): actuals.",
    header(ACT, "T.hiện năm 2023"),
    [read("1", 9050), read("4", 76.4)],
    "xlsx",
)
add(
    "rv-header-chi-tieu-ke-hoach",
    "R9",
    "Plan header 'Chỉ tiêu kế hoạch năm 2023': the plan column, not a second name column.",
    header(PLAN, "Chỉ tiêu kế hoạch năm 2023"),
    [read("1", 8900, kind="plan"), read("1", 9050), read("4", 77.5, kind="plan")],
    "xlsx",
)
add(
    "rv-subtitle-next-year-direction",
    "R9",
    "Subtitle '(Kèm theo Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023, phương hướng nhiệm vụ năm 2024)': 2024 is the next year's direction; the table reads as 2023.",
    title_line(
        2,
        "(Kèm theo Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023, phương hướng nhiệm vụ năm 2024)",
    ),
    [read("1", 9050), read("4", 76.4)],
)
add(
    "rv-prev-year-cung-ky",
    "R9",
    "Extra column 'Thực hiện cùng kỳ năm trước' (2022 figures) before the plan: listed among the skipped, ignored; the 2023 figures as the base.",
    add_column(PLAN, "Thực hiện cùng kỳ năm trước", {"1": "8.700", "4": "75,1%", "12": "5"}),
    [read("1", 9050), read("4", 76.4), read("12", 6), listed("Thực hiện cùng kỳ năm trước")],
)
both(
    "rv-unit-tr-dot-d",
    "R2",
    "ĐVT 'Tr.đ' (triệu đồng).",
    cell("1", UNIT, "Tr.đ"),
    [read("1", 9050), read("1", 8900, kind="plan")],
)
add(
    "rv-unit-vnd",
    "R2",
    "ĐVT 'VNĐ' with plan '8.900.000.000' and result '9.050.000.000' (in đồng).",
    cells("1", unit="VNĐ", plan="8.900.000.000", act="9.050.000.000"),
    [read("1", 9050), read("1", 8900, kind="plan")],
)
add(
    "rv-unit-m-dai",
    "R2",
    "ĐVT 'm dài' (metres of length) with plan '500' and result '600' in a Km row.",
    cells("2b", unit="m dài", plan="500", act="600"),
    [read("2b", 0.6), read("2b", 0.5, kind="plan")],
)
add(
    "rv-unit-cell-tr",
    "R2",
    "The budget result '9.050 tr' (tr = triệu).",
    cell("1", ACT, "9.050 tr"),
    [read("1", 9050)],
)
add(
    "rv-unit-phan-nghin",
    "R4",
    "Population growth '9,8 phần nghìn' (per mille in words) in a % row.",
    cell("3", ACT, "9,8 phần nghìn"),
    [read("3", 0.98)],
)
add(
    "rv-yes-chua-dat-chuan",
    "R10",
    "'Chưa đạt chuẩn' (not yet up to standard) in the security yes/no row: 0.",
    cell("11", ACT, "Chưa đạt chuẩn"),
    [read("11", 0)],
)
add(
    "rv-rating-htt-nv",
    "H",
    "'Hoàn thành tốt NV' (NV = nhiệm vụ) as the ward government's rating.",
    cell("20b", ACT, "Hoàn thành tốt NV"),
    [read("20b", 2)],
    "xlsx",
)
add(
    "rv-result-khong-phat-sinh",
    "R10",
    "'Không phát sinh' (did not occur) as the road sections repaired: 0 (a note is accepted).",
    cell("2c", ACT, "Không phát sinh"),
    [read("2c", 0)],
)
add(
    "rv-result-dat-100",
    "R1",
    "'đạt 100%' as the enrolment result: 100.",
    cell("7a", ACT, "đạt 100%"),
    [read("7a", 100)],
)
HIDDEN_ESTIMATES = {
    "1": Num(8800, "#,##0"),
    "2e": Num(20),
    "12": Num(5),
    "4": "75,0%",
    "8a": "85,7%",
}


def _hidden_estimate_column(table: Table) -> None:
    """The December estimates kept in a hidden column G 'Ước thực hiện năm 2023'."""
    table.add_column(6, "Ước thực hiện năm 2023", HIDDEN_ESTIMATES)
    table.hidden_columns.append(6)


add(
    "rv-hidden-column",
    "R7",
    "A hidden column G 'Ước thực hiện năm 2023' with the December estimates (budget 8.800…): the visible actuals read as usual, nothing read from G, G listed among the skipped.",
    _hidden_estimate_column,
    [listed("Ước thực hiện năm 2023")],
    "xlsx",
)


def by_id() -> dict[str, Variant]:
    return {v.id: v for v in VARIANTS}


def _check_unique() -> None:
    ids = [v.id for v in VARIANTS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate variant ids: {duplicates}")
    for v in VARIANTS:
        if v.rule not in RULES:
            raise ValueError(f"{v.id}: unknown rule {v.rule}")


_check_unique()
