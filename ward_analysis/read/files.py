"""Table files → sheets of cells: one reader per readable file type (``READERS``).

A CSV is one sheet (UTF-8 only: a legacy encoding is refused, never guessed). A workbook
gives every sheet, with merged ranges filled in, its hidden rows, and the cells whose
number format shows another figure than the one stored (scaled, or with text added).
Anything that makes a file unreadable is one :class:`ReportFormatError` naming it.

Which files of a folder are yearly tables (:func:`sort_folder`, the registry
``FOLDER_RULES``; the same rules for the shipped ``data/raw/`` and a folder given with
``--raw``): a file of a readable type whose name says a year ("bieu_chi_tieu_2023.csv",
"Biểu chỉ tiêu 2023.xlsx", "BCT 2023.csv") or "Biểu chỉ tiêu" / "BCT", in any case, with
or without accents. A yearly table saved as .xls, .ods… is taken too, and refused with how
to save it. Every other file is passed over with its reason: the catalog, the overrides,
confirmations, notes (README, .md), text (a resolution), hidden and lock files, folders,
and "not a yearly table: …" for anything else; cleaning lists them (``files.csv``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportFormatError, where
from ..text import match_key, nfc

#: Lines sampled to tell a CSV's separator: the title block and the header are among them.
_SAMPLE_LINES = 60


@dataclass
class Sheet:
    """One sheet as a reader gives it: the cells' values and what the file says about them.

    Rows and columns are numbered as everywhere in this module: ``rows[n - 1]`` is row
    ``n`` (1-based, as Excel shows it), a column is its 0-based index in the row.
    ``merged`` maps a cell that took the value of a merged range to the range's first
    cell; ``delimited`` says the rows come from delimited text, where a stray separator
    shifts the fields.
    """

    name: str | None
    rows: list[list[object]]
    delimited: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    cell_problems: dict[tuple[int, int], str] = field(default_factory=dict)


def cell_text(value: object) -> str:
    """A cell as text: whole floats without their ".0", text in NFC, nothing (or NaN) as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
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
    sample = text.splitlines()[:_SAMPLE_LINES]

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


def _read_xlsx(path: Path) -> list[Sheet]:
    """Every sheet of a workbook. A damaged workbook makes openpyxl, zipfile, zlib or the
    XML parser raise almost anything (BadZipFile, ParseError, KeyError, TypeError…):
    whatever it is, the file cannot be read, and the user gets one error naming it."""
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


def _read_xlsx_sheets(path: Path) -> list[Sheet]:
    """Read every sheet in full mode (read-only mode loses merged ranges and hidden rows;
    the tables are small). Formulas are replaced by the result Excel saved with them."""
    import openpyxl  # imported here: only Excel files need it

    book = openpyxl.load_workbook(path, data_only=False)
    results = None
    sheets = []
    for index, sheet in enumerate(book.worksheets):
        cells = _sheet_cells(sheet)
        values, problems, formulas = {}, {}, []
        for (r, c), cell in cells.items():
            value = _formula_text(cell.value)
            if value is None:
                continue
            if isinstance(value, str) and value.startswith("="):
                formulas.append((r, c))
            else:
                value, problem = _excel_value(value, cell.number_format or "General")
                if problem:
                    problems[(r, c - 1)] = problem
            values[(r, c)] = value
        if formulas:
            if results is None:
                results = openpyxl.load_workbook(path, data_only=True)
            saved = _sheet_cells(results.worksheets[index])
            for r, c in formulas:
                result = saved[(r, c)].value if (r, c) in saved else None
                if result is not None:  # else kept as the formula, refused later
                    values[(r, c)], problem = _excel_value(
                        result, cells[(r, c)].number_format or "General"
                    )
                    if problem:
                        problems[(r, c - 1)] = problem
        sheets.append(_sheet(sheet, values, problems))
    return sheets


def _sheet_cells(sheet) -> dict[tuple[int, int], object]:
    """The cells the file holds, by (row, column), both 1-based. Read from openpyxl's store
    rather than through ``iter_rows``, which would create every cell of the rectangle a
    damaged file claims (a stray cell at row 1,000,000 would cost millions of objects)."""
    return dict(sheet._cells)


def _formula_text(value: object) -> object:
    """An array or data-table formula as the formula's text, other values unchanged."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if isinstance(value, ArrayFormula):
        return value.text or "={…}"
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    return value


def _sheet(sheet, values: dict[tuple[int, int], object], problems: dict) -> Sheet:
    """Lay the values out as rows; give a merged range's value to every cell it covers
    (a result cell merged over two rows holds the figure of both, as the reader sees it)."""
    last_row = max((r for r, _ in values), default=0)
    last_column = max((c for _, c in values), default=0)
    rows: list[list[object]] = [[] for _ in range(last_row)]

    def put(r: int, c: int, value: object) -> None:
        row = rows[r - 1]
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row[c - 1] = value

    for (r, c), value in sorted(values.items()):
        put(r, c, value)
    merged = {}
    for span in sheet.merged_cells.ranges:
        top = values.get((span.min_row, span.min_col))
        if top is None:
            continue
        # bounded by the cells that hold values: a damaged range cannot grow the table
        for r in range(span.min_row, min(span.max_row, last_row) + 1):
            for c in range(span.min_col, min(span.max_col, last_column) + 1):
                if (r, c) == (span.min_row, span.min_col):
                    continue
                put(r, c, top)
                merged[(r, c - 1)] = (span.min_row, span.min_col - 1)
                problem = problems.get((span.min_row, span.min_col - 1))
                if problem:
                    problems[(r, c - 1)] = problem
    hidden = {r for r, dim in sheet.row_dimensions.items() if dim.hidden and r <= last_row}
    from openpyxl.utils import column_index_from_string

    hidden_columns = set()
    for letter, dim in sheet.column_dimensions.items():
        if dim.hidden:  # a dimension may span several columns (min…max)
            first = column_index_from_string(letter)
            last = max(first, min(dim.max or first, last_column))
            hidden_columns.update(range(first - 1, last))
    return Sheet(sheet.title, rows, False, hidden, hidden_columns, merged, problems)


# -- Excel number formats (R5) ------------------------------------------------------------

#: A number format's tokens: quoted text, an escaped character, parts that show nothing
#: (colours and locales in brackets, padding ``_x``, fill ``*x``), the number itself, the rest.
_FORMAT_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"?|\\(?P<escaped>.)|(?P<silent>\[[^\]]*\]|_.|\*.)'
    r"|(?P<digits>[0#?.,]+(?:[eE][+-][0#?]+)?)|(?P<other>.)",
    re.DOTALL,
)
_SCALES = {1: "a thousand", 2: "a million", 3: "a billion"}


def _format_section(number_format: str, value: float) -> tuple[list[tuple[str, str]], bool]:
    """The tokens of the format's section that shows ``value`` (positive; negative; zero),
    and whether Excel puts a minus before it (a negative figure in the first section)."""
    sections: list[list[tuple[str, str]]] = [[]]
    for token in _FORMAT_TOKEN.finditer(number_format):
        kind = token.lastgroup or "other"
        text = token.group(kind)
        if kind == "other" and text == ";":
            sections.append([])
        else:
            sections[-1].append((kind, text))
    if value < 0 and len(sections) > 1:
        return sections[1], False
    if value == 0 and len(sections) > 2:
        return sections[2], False
    return sections[0], value < 0


def _excel_value(value: object, number_format: str) -> tuple[object, str | None]:
    """A cell's value as the table means it, and why it cannot be trusted, if so.

    A share typed as a number and shown as % becomes its text ("76.4%"). A format that
    scales the shown figure (``#,##0,`` shows 9050000 as 9.050) or adds words
    (``0 "tỷ"``) makes the stored value differ from what the clerk read and checked,
    so the cell gets a problem (R5) naming both.
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value, None
    tokens, minus = _format_section(number_format, value)
    if ("other", "%") in tokens:
        return f"{value * 100:.10g}%", None  # a share typed as a number, shown as %
    number = "".join(text for kind, text in tokens if kind == "digits")
    placeholders = [i for i, ch in enumerate(number) if ch in "0#?"]
    scale = number[placeholders[-1] :].count(",") if placeholders else 0
    words = "".join(text for kind, text in tokens if kind in ("quoted", "escaped"))
    if value == 0 or (not scale and not any(ch.isalnum() for ch in words)):
        return value, None  # 0 reads the same whatever the scale or unit
    reasons = []
    if scale:
        reasons.append(f"divides it by {_SCALES.get(scale, f'1000^{scale}')}")
    if any(ch.isalnum() for ch in words):
        reasons.append(f"adds the text '{nfc(words)}'")
    shown = _shown(value, tokens, number, scale, minus)
    return value, (
        f"the cell shows '{shown}' but holds {_plain(value)}: its number format "
        f"'{number_format}' {' and '.join(reasons)}; type the figure as it should be read, "
        "in a cell with the General format"
    )


def _shown(
    value: float, tokens: list[tuple[str, str]], number: str, scale: int, minus: bool
) -> str:
    """About what Excel shows (Vietnamese separators: 9.050,5): literals around the number."""
    point = number.find(".")
    decimals = sum(ch in "0#?" for ch in number[point:]) if point >= 0 else 0
    whole = number[:point] if point >= 0 else number
    grouping = "," in whole.rstrip(",")
    figure = abs(value) / 1000**scale
    text = f"{figure:,.{decimals}f}" if grouping else f"{figure:.{decimals}f}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    before, after, seen = [], [], False
    for kind, part in tokens:
        if kind == "digits":
            seen = True
        elif kind in ("quoted", "escaped", "other"):
            (after if seen else before).append(part)
    sign = "-" if minus else ""
    return nfc(f"{''.join(before)}{sign}{text}{''.join(after)}")


def _plain(value: float) -> str:
    """A stored number as people write it here (decimal comma, no grouping)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}".replace(".", ",")


#: The readable file types: suffix → reader of every sheet (one registry; an unknown suffix
#: is refused naming it).
READERS: dict[str, Callable[[Path], list[Sheet]]] = {
    ".csv": lambda path: [Sheet(None, _read_csv(path), delimited=True)],
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
}


def readable(path: Path) -> bool:
    """Whether ``path`` has a suffix this package reads."""
    return path.suffix.lower() in READERS


def read_file_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a file, with what the file says about its cells."""
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


def read_sheets(path: str | Path) -> list[tuple[str | None, list[list[object]]]]:
    """Every sheet of a file as ``(sheet name, rows)``; a CSV is one sheet with no name.

    Cells are as read (text, numbers or None), merged ranges filled in. Raises
    :class:`ReportFormatError` for a file that cannot be read (missing, unreadable, not
    UTF-8, binary, not a workbook) or of a type with no reader.
    """
    return [(s.name, s.rows) for s in read_file_sheets(Path(path))]


# -- which files of a folder are yearly tables ----------------------------------------------

#: A year in a file name ("bieu_chi_tieu_2023.csv", "BCT 2023.xlsx"): how a table's file name
#: says its year (``read.tables`` takes the year from it too).
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
#: The words of a yearly table's name ("Biểu chỉ tiêu", "BCT"), as a comparison key.
_TABLE_WORDS = re.compile(r"\b(?:bieu chi tieu|bct)\b")
#: Spreadsheet types with no reader: a yearly table saved as one is refused naming the file
#: (save it as .xlsx), not passed over.
_OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers", ".et")
_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class FolderRule:
    """What a file of a raw folder is: ``applies(path, key)`` (``key``: the comparison key of
    the name without its suffix) and why it is not read (``reason``, formatted with the
    file's ``suffix`` and the readable ``kinds``), or None for a yearly table to read."""

    code: str
    applies: Callable[[Path, str], bool]
    reason: str | None


def _named_like_a_table(path: Path, key: str) -> bool:
    return bool(YEAR.search(key) or _TABLE_WORDS.search(key)) and (
        readable(path) or path.suffix.lower() in _OTHER_SPREADSHEETS
    )


#: The rules, first match wins (one registry for the shipped folder and any other).
FOLDER_RULES: tuple[FolderRule, ...] = (
    FolderRule(
        "folder",
        lambda p, k: p.is_dir(),
        "a folder: only the files of the folder itself are read, not those of its sub-folders",
    ),
    FolderRule("hidden", lambda p, k: p.name.startswith("."), "a hidden file"),
    FolderRule(
        "lock_file",
        lambda p, k: p.name.startswith("~$"),
        "the lock file Excel keeps while a workbook is open",
    ),
    FolderRule(
        "catalog",
        lambda p, k: p.suffix.lower() in _YAML and k.startswith("catalog"),
        "the catalog of targets (read as the catalog, see --catalog), not a yearly table",
    ),
    FolderRule(
        "overrides",
        lambda p, k: p.suffix.lower() in _YAML and k.startswith("overrides"),
        "analysts' overrides of a status (see --overrides), not a yearly table",
    ),
    FolderRule(
        "confirmations",
        lambda p, k: p.suffix.lower() in _YAML and k == "confirmations",
        "figures confirmed by hand: read with the tables of this folder, not as a table",
    ),
    FolderRule(
        "yaml",
        lambda p, k: p.suffix.lower() in _YAML,
        "a YAML file (a catalog, overrides or confirmations), not a yearly table",
    ),
    FolderRule(
        "notes",
        lambda p, k: p.suffix.lower() == ".md" or k.startswith("readme"),
        "notes for people, not a yearly table",
    ),
    FolderRule(
        "text",
        lambda p, k: p.suffix.lower() == ".txt",
        "plain text, such as a resolution (read by 'ward-analysis targets-from-text'), "
        "not a yearly table",
    ),
    FolderRule("table", _named_like_a_table, None),
    FolderRule(
        "not_a_table",
        lambda p, k: readable(p),
        "not a yearly table: its name says no year (name each year's table so that it does, "
        "e.g. 'bieu_chi_tieu_2023{suffix}')",
    ),
    FolderRule(
        "not_a_table",
        lambda p, k: True,
        "not a yearly table: a '{suffix}' file (tables are read from {kinds} files whose "
        "name says the year)",
    ),
)


@dataclass(frozen=True)
class NotRead:
    """A file of a raw folder that is not read as a yearly table, and why."""

    path: Path
    code: str
    reason: str


def sort_folder(folder: Path) -> tuple[list[Path], list[NotRead]]:
    """The files of ``folder`` to read as yearly tables, and every other entry with why it is
    not read (see ``FOLDER_RULES``); both in name order."""
    tables, others = [], []
    for path in sorted(folder.iterdir()):
        key = match_key(path.stem)
        rule = next(r for r in FOLDER_RULES if r.applies(path, key))
        if rule.reason is None:
            tables.append(path)
        else:
            suffix = path.suffix.lower() or "(no suffix)"
            reason = rule.reason.format(suffix=suffix, kinds=", ".join(READERS))
            others.append(NotRead(path, rule.code, reason))
    return tables, others
