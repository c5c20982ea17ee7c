"""Read a yearly report table ("Biểu chỉ tiêu") from CSV or Excel as raw rows.

A ward's table has a title block, a header row (STT, Chỉ tiêu, ĐVT, Kế hoạch,
Thực hiện / Ước thực hiện, Ghi chú) and data rows. :func:`read_tables` finds the
header of every sheet, gives each column its role and the year and kind of value it
holds, and returns the data rows untouched with their row numbers as a person sees
them in Excel or a text editor (1-based), together with what the file says about them
besides their values (hidden rows, number formats that change the shown figure, CSV
rows with too many fields, columns that are not read). File-level problems raise
:class:`ReportFormatError` naming the file, row and column.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportFormatError, where
from ..schema import RESULT_KINDS, VALUE_KINDS
from ..text import match_key
from .files import READERS, YEAR, Sheet, cell_text, read_file_sheets, read_sheets, readable

__all__ = ["READERS", "Column", "RawTable", "TableFile", "read_sheets", "read_table",
           "read_tables", "readable"]  # fmt: skip

log = logging.getLogger("ward_analysis")

HEADER_SEARCH_ROWS = 30
_YEAR = YEAR
_TITLE_YEAR = re.compile(r"\b(?:NĂM|năm|Năm)\s+(20\d\d)(?!\d)")

#: Column roles by the start of the header's comparison key. Order matters:
#: "ước thực hiện" must be tested before "thực hiện".
_ROLE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("stt", "stt"),
    ("so thu tu", "stt"),
    ("chi tieu ke hoach", "plan"),
    ("ten chi tieu", "name"),
    ("cac chi tieu", "name"),
    ("chi tieu", "name"),
    ("noi dung", "name"),
    ("dvt", "unit"),
    ("don vi tinh", "unit"),
    ("don vi", "unit"),
    ("ke hoach", "plan"),
    ("kh", "plan"),
    ("du uoc", "estimate"),
    ("uth", "estimate"),
    ("uoc thuc hien", "estimate"),
    ("uoc th", "estimate"),
    ("uoc tinh", "estimate"),
    ("uoc", "estimate"),
    ("thuc hien", "actual"),
    ("th", "actual"),
    ("t hien", "actual"),
    ("ket qua", "actual"),
    ("ghi chu", "note"),
)

#: A signing-date line ("Chi Lăng, ngày 15 tháng 01 năm 2024", "ngày … tháng … năm …"): the
#: day the report was signed, usually the year after the figures, so never the table's year.
_SIGNING_DATE = re.compile(
    r"ngày[\s.…_/-]*(?:\d{1,2})?[\s.…_/-]*tháng[\s.…_/-]*(?:\d{1,2})?[\s.…_/-]*năm"
    r"[\s.…_]*(?:\d{4})?",
    re.IGNORECASE,
)
#: Words of a title that say which figures a year mentioned after them is for.
_TITLE_KIND = re.compile(
    r"\b(ke hoach|kh|phuong huong|nhiem vu|thuc hien|th|ket qua|uoc|du kien)\b"
)
_PLAN_KINDS = ("ke hoach", "kh", "phuong huong", "nhiem vu")
#: Words that make figures estimates: "ước", "dự kiến", "dự ước".
_ESTIMATE_WORD = re.compile(r"\b(?:uoc|du kien)\b")
#: A title saying its figures are for part of the year: "6 THÁNG ĐẦU NĂM 2023", "QUÝ III".
_PART_YEAR_TITLE = re.compile(
    r"\b(?:(?:[1-9]|1[01]) thang(?: dau nam| cuoi nam)?|quy (?:i|ii|iii|iv|[1-4])|nua dau nam)\b"
)

#: Headers (comparison keys) of columns that are not one full year's figures (R9).
_MULTI_YEAR = re.compile(
    r"\b(?:giai doan|nhiem ky|binh quan)\b|(?<!\d )(?<!thang )\b(?:[2-9]|1\d|20) nam\b"
)
_RUNNING_TOTAL = re.compile(r"\b(?:luy ke|cong don)\b")
_PART_YEAR = re.compile(
    r"\b(?:(?:[1-9]|1[01]) ?(?:thang|t)|thang (?:[1-9]|1[0-2])|quy (?:i|ii|iii|iv|[1-4])"
    r"|nua (?:dau )?nam"
    r"|den (?:ngay|thang|nay|het|\d{1,2} \d{1,2}))\b"
)
_YEAR_END = re.compile(r"\b31 12\b")
_YEAR_SPAN = re.compile(r"(?<!\d)20\d\d\s*[-–—‐−/]\s*(?:20)?\d\d(?!\d)")
#: Headers of columns that compare figures (result against plan, year against year).
_COMPARISON = re.compile(r"\b(?:so voi|so sanh|th kh|thuc hien kh|vuot|cung ky|nam truoc)\b")
_ASSESSMENT = re.compile(r"^(?:danh gia|xep loai|muc do)\b")
#: A second "Chỉ tiêu" column holding the resolution's target for the term.
_RESOLUTION = re.compile(r"\b(?:nghi quyet|nq|dh|dai hoi|nhiem ky)\b")


@dataclass(frozen=True)
class Column:
    """One column of a table: where it is, what it holds and for which year."""

    index: int
    header: str
    role: str
    year: int | None = None


@dataclass
class RawTable:
    """The data rows of one yearly table with the meaning of its columns.

    Besides the rows, it keeps what the file says about them that a value does not show,
    so that cleaning can refuse a figure with its reason instead of reading it wrong:
    ``hidden_rows`` (row numbers of hidden XLSX rows), ``cell_problems`` ((row number,
    column index) → why the cell's stored value is not what it shows), ``row_problems``
    (row number → why the row's fields cannot be trusted) and ``ignored_columns``
    ((column index, header, why it is not read)). ``title`` holds the text of each
    non-empty row above the header (cells joined with " | "), for legends and footnotes.
    """

    path: Path
    year: int
    header_row: int
    columns: list[Column]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    sheet: str | None = None
    title: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    cell_problems: dict[tuple[int, int], str] = field(default_factory=dict)
    row_problems: dict[int, str] = field(default_factory=dict)
    ignored_columns: list[tuple[int, str, str]] = field(default_factory=list)

    def column(self, role: str) -> Column | None:
        """The single column with ``role`` (name, unit, note, stt), if any."""
        return next((c for c in self.columns if c.role == role), None)

    @property
    def value_columns(self) -> list[Column]:
        """Columns holding figures (plan, actual, estimate), left to right."""
        return [c for c in self.columns if c.role in VALUE_KINDS]


@dataclass
class TableFile:
    """Every table of one file: one per sheet with a header (a CSV has one sheet).

    ``skipped_sheets`` lists the sheets with no table as ``(sheet name, why)``, so that a
    cover page or a notes sheet is accounted for rather than passed over in silence.
    """

    path: Path
    tables: list[RawTable]
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)


def _role(header: str) -> str | None:
    key = match_key(header)
    if not key:
        return None
    for prefix, role in _ROLE_PREFIXES:
        if prefix == "don vi" and key != prefix:
            continue  # "Đơn vị" alone is the unit; "Đơn vị chủ trì" is who is in charge
        if key == prefix or key.startswith(prefix + " "):
            # "TH năm 2023 (ước)", "Thực hiện ước năm 2023": an estimate wherever "ước" stands
            if role == "actual" and _ESTIMATE_WORD.search(key):
                return "estimate"
            return role
    return None


# -- header, columns and year ---------------------------------------------------------------


class _NoHeader(Exception):
    """A sheet has no table to read (no header, or no row below it): why, and the row it
    concerns (if one)."""

    def __init__(self, reason: str, row: int | None = None):
        super().__init__(reason)
        self.reason, self.row = reason, row


def _period(header: str) -> tuple[str, str] | None:
    """("part-year" or "multi-year", why) for a column that is not one full year's figures
    (R9), None for one that is."""
    key = match_key(header)
    if _YEAR_SPAN.search(header) or len(set(_YEAR.findall(header))) > 1 or _MULTI_YEAR.search(key):
        return "multi-year", "figures of several years, not one year's"
    if _PART_YEAR.search(key) and not _YEAR_END.search(key):
        return "part-year", "part-year or to-date figures, not the full year's"
    if _RUNNING_TOTAL.search(key):
        return "multi-year", "a running total over several years, not one year's figure"
    return None


def _is_result_header(header: str) -> bool:
    """A result column, full-year or not: what makes a row with 'Chỉ tiêu' the header."""
    role = _role(header)
    return role in RESULT_KINDS or (role is None and _period(header) is not None)


def _header_kind(row: list[object]) -> tuple[bool, bool, int]:
    """(has a name column, has a result column, filled cells) of a row."""
    texts = [cell_text(v) for v in row]
    has_name = any(_role(t) == "name" for t in texts)
    return has_name, any(_is_result_header(t) for t in texts if t), sum(map(bool, texts))


def _find_header(rows: list[list[object]], what: str) -> int:
    """The 0-based index of the header row. A row with 'Chỉ tiêu' but no result column may
    be the first line of a two-row header (merged cells repeat its labels on the second)."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        has_name, has_result, filled = _header_kind(row)
        if has_name and has_result:
            return i
        if has_name and filled > 1:
            following = rows[i + 1] if i + 1 < len(rows) else []
            if all(_header_kind(following)[:2]):
                return i + 1
            raise _NoHeader(
                "the header has 'Chỉ tiêu' but no 'Thực hiện' or 'Ước thực hiện' column, so "
                "the table holds no results to read",
                i + 1,
            )
    if not any(any(cell_text(v) for v in row) for row in rows):
        raise _NoHeader(f"the {what} is empty")
    raise _NoHeader(
        f"no header row found in the first {HEADER_SEARCH_ROWS} rows "
        "(expected a row with 'Chỉ tiêu' and 'Thực hiện' or 'Ước thực hiện')"
    )


def _find_rows(rows: list[list[object]], what: str) -> int:
    """The 0-based index of the header row of a table with at least one row below it: a
    header with nothing under it is no table (as an empty file is none), not zero figures."""
    h = _find_header(rows, what)
    if not any(any(cell_text(v) for v in row) for row in rows[h + 1 :]):
        raise _NoHeader(f"the {what} has column headings but no rows of figures below them", h + 1)
    return h


@dataclass(frozen=True)
class _Title:
    """What a table's title block says: the years of its results and of its plans, in order,
    and whether it announces estimates ("ƯỚC THỰC HIỆN NĂM 2023")."""

    result_years: tuple[int, ...]
    plan_years: tuple[int, ...]
    estimate: bool
    part_year: str | None = None


def _read_title(sheet: Sheet, header: int) -> _Title:
    """A year is the plan's when the last kind word before it is "kế hoạch" (in "KẾT QUẢ
    NĂM 2023 VÀ KẾ HOẠCH NĂM 2024", 2023 is the results' year and 2024 the plan's).
    Signing-date lines are left out: the date a report is signed is not its year."""
    results, plans, estimate, part_year = [], [], False, None
    for r, row in enumerate(sheet.rows[:header], start=1):
        for c, value in enumerate(row):
            if (r, c) in sheet.merged and sheet.merged[(r, c)][0] == r:
                continue  # a title merged across the page: read once
            text = _SIGNING_DATE.sub(" ", cell_text(value))
            estimate = estimate or _ESTIMATE_WORD.search(match_key(text)) is not None
            part = _PART_YEAR_TITLE.search(match_key(text))
            part_year = part_year or (text.strip() if part else None)
            start = 0
            for found in _TITLE_YEAR.finditer(text):
                kinds = _TITLE_KIND.findall(match_key(text[start : found.start()]))
                year = int(found[1])
                (plans if kinds and kinds[-1] in _PLAN_KINDS else results).append(year)
                start = found.end()
    return _Title(tuple(results), tuple(plans), estimate, part_year)


def _title_lines(sheet: Sheet, header: int) -> list[str]:
    """The text of each non-empty row above the header, a merged cell's text once."""
    lines = []
    for r, row in enumerate(sheet.rows[:header], start=1):
        texts = [
            cell_text(v)
            for c, v in enumerate(row)
            if not ((r, c) in sheet.merged and sheet.merged[(r, c)][0] == r)
        ]
        line = " | ".join(t for t in texts if t)
        if line:
            lines.append(line)
    return lines


def _not_read(header: str, role: str | None) -> str | None:
    """Why a column is not read as its role says, or None if it is."""
    key = match_key(header)
    if role in (*VALUE_KINDS, None) and (_COMPARISON.search(key) or header.startswith("%")):
        return "it compares figures (result against plan or another year), not one year's figure"
    if role in (*VALUE_KINDS, None) and (period := _period(header)):
        return period[1]
    if role is None and _ASSESSMENT.search(key):
        return "an assessment, not a figure"
    if role is None:
        return (
            "not a column this package reads (it reads STT, Chỉ tiêu, ĐVT, Kế hoạch, "
            "Thực hiện / Ước thực hiện and Ghi chú)"
        )
    return None


def _columns(
    label: str, sheet: Sheet, h: int, title: _Title
) -> tuple[list[Column], list[tuple[int, str, str]]]:
    """The columns read, and those not read with why. Only-part-year tables, two name,
    unit, note or STT columns and two columns of the same figures are refused."""
    columns, ignored, results_not_read = [], [], []
    for index, value in enumerate(sheet.rows[h]):
        header = cell_text(value)
        if not header:
            continue
        if index in sheet.hidden_columns:
            ignored.append((index, header, "the column is hidden in the workbook"))
            continue
        source = sheet.merged.get((h + 1, index))
        if source is not None and source[0] == h + 1:
            first = cell_text(sheet.rows[h][source[1]])
            ignored.append(
                (
                    index,
                    header,
                    f"its header is merged with column {source[1] + 1} ('{first}'), which is read",
                )
            )
            continue
        role = _role(header)
        why = _not_read(header, role)
        if why:
            ignored.append((index, header, why))
            if role in RESULT_KINDS or (role is None and _period(header)):
                period = _period(header)
                results_not_read.append((header, period[0] if period else "comparison"))
            continue
        if role == "actual" and title.estimate:
            role = "estimate"  # the title says "ƯỚC THỰC HIỆN": every result is an estimate
        years = _YEAR.findall(header)
        columns.append(Column(index, header, role, int(years[0]) if years else None))
    names = [c for c in columns if c.role == "name"]
    targets = [c for c in names if _RESOLUTION.search(match_key(c.header))]
    if len(names) > 1 and 0 < len(targets) < len(names):
        for c in targets:  # "Chỉ tiêu Nghị quyết": the term's target, beside the names
            why = f"the resolution's target for the term ('{c.header}'), not a figure of the year"
            ignored.append((c.index, c.header, why))
        columns = [c for c in columns if c not in targets]
    for role in ("name", "unit", "note", "stt"):
        same = [c for c in columns if c.role == role]
        if len(same) > 1:
            raise ReportFormatError(
                f"{where(label, h + 1, same[1].header)}: a second '{same[0].header}' column; "
                "a table has one such column"
            )
    if not any(c.role in RESULT_KINDS for c in columns):
        raise ReportFormatError(f"{where(label, h + 1)}: {_no_full_year(results_not_read)}")
    for _, header, why in ignored:
        log.info("%s: column '%s' is not read: %s", where(label, h + 1), header, why)
    return columns, sorted(ignored)


def _no_full_year(results_not_read: list[tuple[str, str]]) -> str:
    """Why a table whose result columns are all left out cannot be read."""
    headers = ", ".join(f"'{header}'" for header, _ in results_not_read)
    kinds = {kind for _, kind in results_not_read} - {"comparison"}
    if not kinds:
        kind = "columns that compare figures"
    else:
        kind = " and ".join(f"{k} figures" for k in sorted(kinds, reverse=True))
    return (
        f"the table only has {kind} ({headers}), no full-year 'Thực hiện' or 'Ước thực hiện' "
        "column; only one year's full results can be read"
    )


def _table_year(
    label: str,
    header_row: int,
    name_years: set[str] | None,
    sheet_years: set[str],
    title: _Title,
    columns: list[Column],
) -> int:
    """The year of the table's results: from the title (the results' year of a two-year
    title), the file name, the result columns' headers, else the sheet name; these must
    agree. ``name_years`` is None for a workbook with several tables, each of its own year."""
    result_years = {c.year for c in columns if c.role in RESULT_KINDS and c.year}
    title_years = set(title.result_years)
    if name_years and len(name_years) > 1:
        raise ReportFormatError(
            f"{label}: the file name names several years ({', '.join(sorted(name_years))})"
        )
    if len(title_years) > 1:
        years = ", ".join(map(str, sorted(title_years)))
        raise ReportFormatError(f"{label}: the title names several years ({years})")
    name_year = int(next(iter(name_years))) if name_years else None
    title_year = next(iter(title_years), title.plan_years[0] if title.plan_years else None)
    if name_year and title_year and name_year != title_year:
        raise ReportFormatError(
            f"{label}: the file name says {name_year} but the title says {title_year}; "
            "rename the file or correct the title"
        )
    year = title_year or name_year
    if year is None and len(result_years) == 1:
        year = next(iter(result_years))
    if year is None and len(sheet_years) == 1:
        year = int(next(iter(sheet_years)))
    if year is None:
        where_to = "the file name" if name_years is not None else "the sheet's name"
        raise ReportFormatError(
            f"{where(label, header_row)}: cannot tell which year the table is for "
            f"(put the year in {where_to}, the title or the 'Thực hiện năm …' header)"
        )
    if result_years and year not in result_years:
        raise ReportFormatError(
            f"{where(label, header_row)}: the table is for {year} but its result columns are "
            f"headed {', '.join(map(str, sorted(result_years)))}; correct the header or the file name"
        )
    return year


def _check_plan_years(
    label: str, header_row: int, year: int, title: _Title, columns: list[Column]
) -> None:
    """A two-year title ("… NĂM 2023 VÀ KẾ HOẠCH NĂM 2024") leaves a plan column headed
    without a year ambiguous (2023's plan or 2024's?) unless a column is headed 2024."""
    others = [y for y in title.plan_years if y != year]
    plans = [c for c in columns if c.role == "plan"]
    bare = [c for c in plans if c.year is None]
    if others and bare and not any(c.year in others for c in plans):
        raise ReportFormatError(
            f"{where(label, header_row, bare[0].header)}: the title names the {others[0]} plan "
            f"but this column has no year, so it may be the {year} or the {others[0]} plan; "
            f"head it 'Kế hoạch năm {year}' or 'Kế hoạch năm {others[0]}'"
        )


def _field_count_problems(sheet: Sheet, h: int) -> dict[int, str]:
    """Rows of delimited text with more fields than the header (R10): in a comma-separated
    file a decimal comma ("77,5%") splits a figure in two and shifts the fields after it.
    A row counts when a filled field lies beyond the header's last column, or when the row
    is longer than the header row and the usual row with its last column filled (trailing
    empty fields alone, common in files saved by spreadsheets, do not count)."""
    header = sheet.rows[h]
    filled_header = [i for i, v in enumerate(header) if cell_text(v)]
    width = filled_header[-1] + 1 if filled_header else 0
    data = [(h + 2 + i, row) for i, row in enumerate(sheet.rows[h + 1 :])]
    lengths = Counter(len(row) for _, row in data if any(cell_text(v) for v in row))
    usual = max(len(header), lengths.most_common(1)[0][0] if lengths else 0)
    problems = {}
    for number, row in data:
        filled = [i for i, v in enumerate(row) if cell_text(v)]
        if not filled:
            continue
        if filled[-1] >= width or (len(row) > usual and filled[-1] == width - 1):
            problems[number] = _field_count_reason(row, filled[-1] + 1, width)
    return problems


def _field_count_reason(row: list[object], fields: int, width: int) -> str:
    texts = [cell_text(v) for v in row]
    splits = [
        f"'{a}' and '{b}' look like one figure '{a},{b}'"
        for a, b in itertools.pairwise(texts)
        if re.fullmatch(r"[+-]?\d[\d.]*", a) and re.fullmatch(r"\d+\s*\S{0,3}", b)
    ]
    hint = f" ({'; '.join(splits[:3])})" if splits else ""
    return (
        f"the row has {fields} fields but the header has {width} columns, so its figures may "
        f"have moved to other columns{hint}: a decimal comma splits a figure in a "
        "comma-separated file; put such figures in quotes or save the file with ';' separators"
    )


def _label(path: Path, sheet: Sheet, several: bool) -> str:
    return f"{path.name}, sheet '{sheet.name}'" if several and sheet.name else path.name


def _table(path: Path, sheet: Sheet, h: int, label: str, single: bool) -> RawTable:
    """One sheet's table: its columns, year, rows and what the file says about them."""
    title = _read_title(sheet, h)
    if title.part_year:
        raise ReportFormatError(
            f"{label}: the title says the figures are for part of the year "
            f"('{title.part_year}'); only a year's full results can be read"
        )
    columns, ignored = _columns(label, sheet, h, title)
    name_years = set(_YEAR.findall(path.stem)) if single else None
    sheet_years = set(_YEAR.findall(sheet.name or ""))
    year = _table_year(label, h + 1, name_years, sheet_years, title, columns)
    _check_plan_years(label, h + 1, year, title, columns)
    stale = [c for c in columns if c.role == "plan" and c.year and c.year < year]
    if stale:
        raise ReportFormatError(
            f"{where(label, h + 1, stale[0].header)}: a plan column for {stale[0].year} in the "
            f"{year} table — a header left from last year? Head it 'Kế hoạch năm {year}'"
        )
    columns = [
        Column(c.index, c.header, c.role, c.year or (year if c.role in VALUE_KINDS else None))
        for c in columns
    ]
    seen: dict[tuple[str, int | None], Column] = {}
    for c in columns:
        if c.role in VALUE_KINDS:
            other = seen.get((c.role, c.year))
            if other is not None:
                raise ReportFormatError(
                    f"{where(label, h + 1, c.header)}: two columns hold the same figures "
                    f"('{other.header}' and '{c.header}')"
                )
            seen[(c.role, c.year)] = c
    rows = [(h + 2 + i, row) for i, row in enumerate(sheet.rows[h + 1 :])]
    _check_repeated_header(label, rows, columns)
    _check_plan_wordings(label, h + 1, rows, columns)
    stray = _stray_figures(sheet, h, rows, columns, ignored)
    return RawTable(
        path=path,
        year=year,
        header_row=h + 1,
        columns=columns,
        rows=rows,
        sheet=sheet.name,
        title=_title_lines(sheet, h),
        hidden_rows={r for r in sheet.hidden_rows if r > h + 1},
        cell_problems={k: v for k, v in sheet.cell_problems.items() if k[0] > h + 1},
        row_problems=stray | (_field_count_problems(sheet, h) if sheet.delimited else {}),
        ignored_columns=ignored,
    )


#: A plan's wording in a cell: "≥ 90%", "80% trở lên", "không quá 1,05%".
_PLAN_WORDING = re.compile(r"[≥≤]|>=|<=|\btrở (?:lên|xuống)\b|\bkhông quá\b|\btối thiểu\b", re.I)


#: A name column's header, as written: the cheap test of "could this row be a header?".
_NAME_HEADER = re.compile(r"chỉ tiêu|chi tieu|nội dung|noi dung")


def _check_repeated_header(label: str, rows: list, columns: list[Column]) -> None:
    """A header repeated below (a section pasted with its own header) in another column order
    would have the rows under it read under the wrong headings: refused."""
    for number, row in rows:
        texts = [cell_text(v) for v in row]
        if not any(_NAME_HEADER.search(t.casefold()) for t in texts if isinstance(t, str)):
            continue  # no "Chỉ tiêu" / "Nội dung" in the row: not a header
        roles = {i: _role(t) for i, t in enumerate(texts) if t}
        if "name" not in roles.values() or not set(roles.values()) & set(RESULT_KINDS):
            continue
        mine = {c.index: ("result" if c.role in RESULT_KINDS else c.role) for c in columns}
        theirs = {i: ("result" if r in RESULT_KINDS else r) for i, r in roles.items() if r}
        if any(mine.get(i) != r for i, r in theirs.items()):
            raise ReportFormatError(
                f"{where(label, number)}: the header is repeated here with its columns in "
                "another order; the rows below it would be read under the wrong headings — "
                "make one table with one header"
            )


def _check_plan_wordings(label: str, header_row: int, rows: list, columns: list[Column]) -> None:
    """Results written like plans ("≥ 90%", "80% trở lên") in two rows or more: the plan and
    result headers are most likely swapped."""
    for c in columns:
        if c.role not in RESULT_KINDS:
            continue
        found = [
            n
            for n, row in rows
            if c.index < len(row) and _PLAN_WORDING.search(cell_text(row[c.index]))
        ]
        if len(found) >= 2:
            raise ReportFormatError(
                f"{where(label, header_row, c.header)}: rows {found[0]} and {found[1]} hold "
                "plan wordings ('≥', 'trở lên') under this result column: are the 'Kế hoạch' "
                "and 'Thực hiện' headers swapped?"
            )


def _stray_figures(
    sheet: Sheet, h: int, rows: list, columns: list[Column], ignored
) -> dict[int, str]:
    """Rows with a figure under no header, or under the second half of a merged result
    header: the figure may be the row's result, split in two, and is not read in silence."""
    value_headers = {cell_text(sheet.rows[h][c.index]) for c in columns if c.role in VALUE_KINDS}
    width = len(sheet.rows[h])
    suspect = {
        i for i, header, _ in ignored if header in value_headers and i not in sheet.hidden_columns
    }
    out = {}
    for number, row in rows:
        for i, value in enumerate(row):
            text = cell_text(value)
            if not text or not re.search(r"\d", text):
                continue
            unlabelled = i >= width or not cell_text(sheet.rows[h][i])
            if i in suspect or (unlabelled and i not in sheet.hidden_columns):
                out[number] = (
                    f"'{text}' stands in column {i + 1}, which has no header of its own (or "
                    "shares a merged result header): the row's figure may be split in two; "
                    "put one figure per cell under its header"
                )
                break
    return out


def read_tables(path: str | Path) -> TableFile:
    """Read every table of a file: one per sheet with a header, each with its own year.

    A sheet without a header is listed in ``skipped_sheets`` with the reason; a file with
    no sheet with a header raises :class:`ReportFormatError` (naming the sheets searched).
    """
    path = Path(path)
    sheets = read_file_sheets(path)
    if not sheets:
        raise ReportFormatError(f"{path.name}: the workbook has no sheet, so no table to read")
    several = len(sheets) > 1
    found, skipped, first_error = [], [], None
    for sheet in sheets:
        label = _label(path, sheet, several)
        try:
            found.append((sheet, _find_rows(sheet.rows, "sheet" if several else "file")))
        except _NoHeader as exc:
            reason = f"row {exc.row}: {exc.reason}" if exc.row else exc.reason
            skipped.append((sheet.name or "", reason))
            first_error = first_error or ReportFormatError(f"{where(label, exc.row)}: {exc.reason}")
    if not found:
        if several:
            names = ", ".join(f"'{s.name}'" for s in sheets)
            raise ReportFormatError(f"{first_error} (searched the sheets {names})")
        raise first_error
    for name, why in skipped:
        log.info("%s: sheet '%s' holds no table (%s)", path.name, name, why)
    tables = [
        _table(path, sheet, h, _label(path, sheet, several), len(found) == 1) for sheet, h in found
    ]
    return TableFile(path, tables, skipped)


def read_table(path: str | Path) -> RawTable:
    """Read a file's first table (see :func:`read_tables` for every sheet's)."""
    return read_tables(path).tables[0]
