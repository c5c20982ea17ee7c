"""Read a yearly report table ("Biểu chỉ tiêu") from CSV or Excel as raw rows.

A ward's table has a title block, a header row (STT, Chỉ tiêu, ĐVT, Kế hoạch,
Thực hiện / Ước thực hiện, Ghi chú) and data rows. :func:`read_table` finds the
header, gives each column its role and the year and kind of value it holds, and
returns the data rows untouched with their row numbers as a person sees them in
Excel or a text editor (1-based). File-level problems raise
:class:`ReportFormatError` naming the file, row and column.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportFormatError, where
from ..text import match_key, nfc

log = logging.getLogger("ward_analysis")

HEADER_SEARCH_ROWS = 30
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TITLE_YEAR = re.compile(r"\b(?:NĂM|năm|Năm)\s+(20\d\d)(?!\d)")

#: Column roles by the start of the header's comparison key. Order matters:
#: "ước thực hiện" must be tested before "thực hiện".
_ROLE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("stt", "stt"),
    ("so thu tu", "stt"),
    ("ten chi tieu", "name"),
    ("cac chi tieu", "name"),
    ("chi tieu", "name"),
    ("noi dung", "name"),
    ("dvt", "unit"),
    ("don vi tinh", "unit"),
    ("don vi", "unit"),
    ("ke hoach", "plan"),
    ("kh", "plan"),
    ("uoc thuc hien", "estimate"),
    ("uoc th", "estimate"),
    ("uoc tinh", "estimate"),
    ("thuc hien", "actual"),
    ("th", "actual"),
    ("ket qua", "actual"),
    ("ghi chu", "note"),
)
VALUE_ROLES = ("actual", "estimate", "plan")


@dataclass(frozen=True)
class Column:
    """One column of a table: where it is, what it holds and for which year."""

    index: int
    header: str
    role: str
    year: int | None = None


@dataclass
class RawTable:
    """The data rows of one yearly table with the meaning of its columns."""

    path: Path
    year: int
    header_row: int
    columns: list[Column]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)

    def column(self, role: str) -> Column | None:
        """The single column with ``role`` (name, unit, note, stt), if any."""
        return next((c for c in self.columns if c.role == role), None)

    @property
    def value_columns(self) -> list[Column]:
        """Columns holding figures (plan, actual, estimate), left to right."""
        return [c for c in self.columns if c.role in VALUE_ROLES]


def _role(header: str) -> str | None:
    key = match_key(header)
    if not key:
        return None
    for prefix, role in _ROLE_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return role
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def _read_csv(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        prefix = before[start:].decode("utf-8", errors="replace")
        column = max(len(c) for c in (prefix.split(d) for d in ",;\t"))
        raise ReportFormatError(
            f"{path.name}, row {line}, column {column}: the file is not UTF-8 text "
            f"(byte 0x{data[exc.start]:02x}), perhaps Windows-1258, TCVN3 or VNI; "
            "open it in Excel and save it again as 'CSV UTF-8' (legacy encodings are not "
            "guessed, since a wrong guess would garble the Vietnamese silently)"
        ) from None
    if "\0" in text:
        raise ReportFormatError(f"{path.name}: the file holds binary data, not CSV text")
    sample = text.splitlines()[: HEADER_SEARCH_ROWS * 2]

    def tabular_rows(delimiter: str) -> int:
        return sum(len(r) >= 3 for r in csv.reader(sample, delimiter=delimiter))

    delimiter = max(",;\t", key=tabular_rows)
    # universal newlines: files saved with old Mac line ends (a bare CR) read like the others
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        return [list(r) for r in reader]
    except csv.Error as exc:  # e.g. a field larger than the csv module allows
        raise ReportFormatError(
            f"{where(path.name, reader.line_num)}: not readable as CSV ({exc})"
        ) from None


def _read_xlsx(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's rows. A damaged workbook makes openpyxl, zipfile, zlib or the XML parser
    raise almost anything (BadZipFile, ParseError, KeyError, TypeError…): whatever it is,
    the file cannot be read, and the user gets one error naming it."""
    try:
        return _read_xlsx_sheets(path)
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        raise
    except Exception as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise ReportFormatError(
            f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__}: {detail}); "
            "the file may be truncated, damaged or saved in another format — open it in "
            "Excel and save it again as .xlsx"
        ) from None


def _read_xlsx_sheets(path: Path) -> list[tuple[str, list[list[object]]]]:
    import openpyxl  # imported here: only Excel files need it

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheets = []
        for index, sheet in enumerate(book.worksheets):
            sheet.reset_dimensions()  # do not trust the size the file claims
            rows, formulas = [], False
            for row in sheet.iter_rows(min_row=1):
                out = []
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.startswith("="):
                        formulas = True
                    elif (
                        isinstance(value, int | float)
                        and not isinstance(value, bool)
                        and "%" in (getattr(cell, "number_format", "") or "")
                    ):
                        value = f"{value * 100:.10g}%"  # a share typed as a number, shown as %
                    out.append(value)
                rows.append(out)
            sheets.append((sheet.title, index, rows, formulas))
    finally:
        book.close()
    return [
        (title, _with_cached_results(path, index, rows) if formulas else rows)
        for title, index, rows, formulas in sheets
    ]


def _with_cached_results(path: Path, index: int, rows: list[list[object]]) -> list[list[object]]:
    """Replace formulas by the result Excel saved with them, where there is one."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[index]
        sheet.reset_dimensions()
        cached = [[getattr(c, "value", None) for c in r] for r in sheet.iter_rows(min_row=1)]
    finally:
        book.close()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                result = cached[r][c] if r < len(cached) and c < len(cached[r]) else None
                if result is not None:
                    row[c] = result
    return rows


#: The readable file types: suffix → reader of every sheet (one registry; an unknown suffix
#: is refused naming it). A reader returns ``[(sheet name or None, rows)]``.
READERS: dict[str, Callable[[Path], list[tuple[str | None, list[list[object]]]]]] = {
    ".csv": lambda path: [(None, _read_csv(path))],
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
}


def readable(path: Path) -> bool:
    """Whether ``path`` has a suffix this package reads."""
    return path.suffix.lower() in READERS


def read_sheets(path: str | Path) -> list[tuple[str | None, list[list[object]]]]:
    """Every sheet of a file as ``(sheet name, rows)``; a CSV is one sheet with no name.

    Cells are as read: text, numbers or None. Raises :class:`ReportFormatError` for a
    file that cannot be read (missing, unreadable, not UTF-8, binary, not a workbook) or
    of a type with no reader.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(READERS)
        raise ReportFormatError(
            f"{path.name}: unsupported file type '{path.suffix.lower()}' (readable: {kinds})"
        )
    try:
        return reader(path)
    except FileNotFoundError:
        raise ReportFormatError(f"{path}: file not found") from None
    except PermissionError:
        raise ReportFormatError(f"{path}: no permission to read the file") from None
    except IsADirectoryError:
        raise ReportFormatError(f"{path}: a folder, not a table file") from None


def _find_header(path: Path, rows: list[list[object]]) -> int:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        roles = {_role(_cell_text(v)) for v in row}
        if "name" in roles and roles & {"actual", "estimate"}:
            return i
        if "name" in roles and sum(bool(_cell_text(v)) for v in row) > 1:
            raise ReportFormatError(
                f"{where(path.name, i + 1)}: the header has 'Chỉ tiêu' but no 'Thực hiện' or "
                "'Ước thực hiện' column, so the table holds no results to read"
            )
    if not any(any(_cell_text(v) for v in row) for row in rows):
        raise ReportFormatError(f"{path.name}: the file is empty")
    raise ReportFormatError(
        f"{path.name}: no header row found in the first {HEADER_SEARCH_ROWS} rows "
        "(expected a row with 'Chỉ tiêu' and 'Thực hiện' or 'Ước thực hiện')"
    )


def _file_year(
    path: Path, title_rows: list[list[object]], columns: list[Column], header_row: int
) -> int:
    name_years = set(_YEAR.findall(path.stem))
    title_years = {y for row in title_rows for v in row for y in _TITLE_YEAR.findall(_cell_text(v))}
    result_years = {c.year for c in columns if c.role in ("actual", "estimate") and c.year}
    for label, years in (("file name", name_years), ("title", title_years)):
        if len(years) > 1:
            raise ReportFormatError(
                f"{path.name}: the {label} names several years ({', '.join(sorted(years))})"
            )
    name_year = int(next(iter(name_years))) if name_years else None
    title_year = int(next(iter(title_years))) if title_years else None
    if name_year and title_year and name_year != title_year:
        raise ReportFormatError(
            f"{path.name}: the file name says {name_year} but the title says {title_year}; "
            "rename the file or correct the title"
        )
    year = title_year or name_year
    if year is None and len(result_years) == 1:
        year = next(iter(result_years))
    if year is None:
        raise ReportFormatError(
            f"{where(path.name, header_row)}: cannot tell which year the table is for "
            "(put the year in the file name, the title or the 'Thực hiện năm …' header)"
        )
    if result_years and year not in result_years:
        raise ReportFormatError(
            f"{where(path.name, header_row)}: the table is for {year} but its result columns are "
            f"headed {', '.join(map(str, sorted(result_years)))}; correct the header or the file name"
        )
    return year


def read_table(path: str | Path) -> RawTable:
    """Read one yearly table: find its header, columns and year; keep its data rows."""
    path = Path(path)
    sheets = read_sheets(path)
    if not sheets:
        raise ReportFormatError(f"{path.name}: the workbook has no sheet, so no table to read")
    rows, h, first_error = [], 0, None
    for title, sheet_rows in sheets:  # the first sheet with a header holds the table
        try:
            h = _find_header(path, sheet_rows)
        except ReportFormatError as exc:
            first_error = first_error or exc
            continue
        rows = sheet_rows
        if title is not None and title != sheets[0][0]:
            log.info("%s: the table is on sheet '%s'", path.name, title)
        break
    else:
        if len(sheets) > 1:
            names = ", ".join(f"'{t}'" for t, _ in sheets)
            raise ReportFormatError(f"{first_error} (searched the sheets {names})") from None
        raise first_error
    columns = []
    for index, value in enumerate(rows[h]):
        header = _cell_text(value)
        role = _role(header)
        if role is None:
            if header:
                log.info("%s: column '%s' is not used", where(path.name, h + 1), header)
            continue
        years = _YEAR.findall(header)
        columns.append(Column(index, header, role, int(years[0]) if years else None))
    for role in ("name", "unit", "note", "stt"):
        same = [c for c in columns if c.role == role]
        if len(same) > 1:
            raise ReportFormatError(
                f"{where(path.name, h + 1, same[1].header)}: a second '{same[0].header}' column; "
                "a table has one such column"
            )
    year = _file_year(path, rows[:h], columns, h + 1)
    columns = [
        Column(c.index, c.header, c.role, c.year or (year if c.role in VALUE_ROLES else None))
        for c in columns
    ]
    seen: dict[tuple[str, int | None], Column] = {}
    for c in columns:
        if c.role in VALUE_ROLES:
            other = seen.get((c.role, c.year))
            if other is not None:
                raise ReportFormatError(
                    f"{where(path.name, h + 1, c.header)}: two columns hold the same figures "
                    f"('{other.header}' and '{c.header}')"
                )
            seen[(c.role, c.year)] = c
    data = [(h + 2 + i, row) for i, row in enumerate(rows[h + 1 :])]
    return RawTable(path=path, year=year, header_row=h + 1, columns=columns, rows=data)
