"""One table's rows → observations, rejects and skipped rows.

Each row is matched to a target by its name (:mod:`.names`), its unit reconciled from the
ĐVT column, the name and the note (:func:`.cells.row_unit`), the basis of each figure read
(:mod:`.basis`), and each figure read as a value of the target (:func:`.cells.parse_cell`).
What cannot be read right is refused with its reason; what was assumed is said in the
observation's ``flag``. Nothing is dropped: a row with no figure is listed as skipped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..errors import ParseError
from ..model.catalog import Catalog
from ..schema import FLAG_SEPARATOR, REJECT_CODES, flag_entry
from ..text import match_key, nfc
from .basis import row_basis
from .cells import cell_missing, is_tick, parse_cell, row_unit
from .files import cell_text
from .names import ESTIMATE_BRACKET, Names, qualifier_error
from .numbers import MISSING_DETAILS, missing_reason, parse_quantity
from .tables import RawTable

#: A note that marks a row's figures as estimates: "số ước", "ước tính", "dự kiến".
_ESTIMATE_NOTE = re.compile(r"(?:^| )(?:uoc|du kien)(?: |$)")
#: Estimate words in a figure's own cell: "25 ước tính", "25 bóng dự kiến", "Ước 25".
_ESTIMATE_CELL = re.compile(r"\s*\(?\b(?:ước tính|ước|dự kiến|dự ước)\b\)?\s*", re.I)
#: The table's legend saying a dash means "did not occur": "(-) không phát sinh".
_DASH_LEGEND = re.compile(r"[-–]\W{0,4}(?:là\s+|:\s*|=\s*)?(?:không|ko)\s+phát\s+sinh")
_DASHES = {"-", "–", "—"}
#: A footnote mark in a name ("(*)", "*", "(1)") and a footnote line starting with one.
_MARK = re.compile(r"\((\*+|\d{1,2})\)|(\*+)\s*$")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\((\*+|\d{1,2})\)|(\*+))\s*[:.]?\s*(\S.*)$")
#: Start of the texts that make up a table's signature block ("Người lập biểu",
#: "TM. ỦY BAN NHÂN DÂN PHƯỜNG", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)", "Nơi nhận:"…).
_FOOTER_STARTS = (
    "nguoi lap bieu", "nguoi lap", "nguoi ky", "tm ", "kt ", "chu tich", "pho chu tich",
    "noi nhan", "ky ghi ro ho ten", "ky ten", "da ky", "xac nhan cua", "thu truong don vi",
)  # fmt: skip


def _cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value if not isinstance(value, str) else nfc(value)


def _is_footer(texts: list[str]) -> bool:
    keys = [match_key(t) + " " for t in texts if t]
    return bool(keys) and all(k.startswith(_FOOTER_STARTS) for k in keys)


def _footnotes(lines: list[str]) -> dict[str, str]:
    """Footnote mark → its text, from the lines of the table that start with a mark."""
    out = {}
    for line in lines:
        found = _FOOTNOTE_LINE.match(line)
        if found:
            out.setdefault(found[1] or found[2], found[3])
    return out


def _bare_figure(note: str) -> bool:
    """Whether a note is only a figure ("4 %", "76,4", "5"): a cell that slid into the note
    column, not a note. A year ("2022") is a note."""
    if not note or re.fullmatch(r"(?:19|20)\d\d", note):
        return False
    try:
        value, unit = parse_quantity(note)
    except ParseError:
        return False
    return not math.isnan(value) and (unit is None or unit in ("%", "‰"))


@dataclass
class TableRows:
    """What one table gave: observation records, reject records and skipped rows."""

    observations: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    skipped: list[tuple] = field(default_factory=list)


def reject_record(file, row, column, raw, target_id, year, code, reason) -> dict[str, object]:
    """One rejected cell or row, with everything needed to find and fix it; ``code`` is one of
    ``schema.REJECT_CODES`` (the reports say it in their language)."""
    if code not in REJECT_CODES:
        raise ValueError(f"unknown reject code {code!r}: add it to schema.REJECT_CODES")
    return {"file": file, "row": row, "column": column, "raw_text": raw, "target_id": target_id,
            "year": year, "reason_code": code, "reason": reason}  # fmt: skip


def clean_table(
    table: RawTable, catalog: Catalog, names: Names, unit: str, *, label: str | None = None
) -> TableRows:
    """Read every row of ``table``; see the module notes. ``label`` names the table in
    sources and rejects (default the file's name; ``file [sheet]`` for one of several)."""
    out = TableRows()
    name_col, unit_col, note_col = table.column("name"), table.column("unit"), table.column("note")
    file = label or table.path.name
    all_texts = [(number, row, [cell_text(v) for v in row]) for number, row in table.rows]
    lines = [*table.title, *(" ".join(t for t in texts if t) for _, _, texts in all_texts)]
    footnotes = _footnotes(lines)
    dash_is_zero = any(_DASH_LEGEND.search(line.casefold()) for line in lines)
    for index, header, why in table.ignored_columns:
        out.skipped.append((file, table.header_row, header, f"column {index + 1} not read: {why}"))

    for row_number, row, texts in all_texts:

        def reject(column, raw, target_id, code, reason, year=table.year, row_number=row_number):
            out.rejects.append(
                reject_record(file, row_number, column, raw, target_id, year, code, reason)
            )

        if not any(texts):
            continue
        shown = " | ".join(t for t in texts if t)
        name = cell_text(_cell(row, name_col.index))
        cells = {c: _cell(row, c.index) for c in table.value_columns}
        has_figures = any(missing_reason(v) is None or is_tick(v) for v in cells.values())
        if _is_footer(texts):
            out.skipped.append((file, row_number, shown, "signature block or footer of the table"))
            continue
        if row_number in table.row_problems:
            reject(name_col.header, shown, None, "field_count", table.row_problems[row_number])
            continue
        if not name:
            if has_figures:
                reject(name_col.header, shown, None, "no_name", "figures without an indicator name")
            else:
                reason = "no indicator name and no figures (heading, footer or signature)"
                out.skipped.append((file, row_number, shown, reason))
            continue
        match = names.match(name)
        if match.target_id is None or (match.qualifier and not has_figures):
            if has_figures:
                reason = (
                    f"'{name}' matches no target of the catalog by name or alias "
                    "(if it is one, add this name to the target's aliases in catalog.yaml)"
                )
                reject(name_col.header, name, None, "unknown_target", reason)
            else:
                reason = "indicator not in the catalog, with no figures (heading)"
                out.skipped.append((file, row_number, name, reason))
            continue
        target_id = match.target_id
        target = catalog[target_id]
        if match.qualifier:
            reject(
                name_col.header,
                name,
                target_id,
                "qualifier",
                str(qualifier_error(name, match.qualifier)),
            )
            continue
        if row_number in table.hidden_rows and has_figures:
            reject(name_col.header, name, target_id, "hidden_row",
                   "the row is hidden in the workbook: a hidden figure is not read; unhide and "
                   "check it, or delete the row")  # fmt: skip
            continue
        note = cell_text(_cell(row, note_col.index)) if note_col else ""
        if _bare_figure(note):
            reject(note_col.header, shown, target_id, "shifted_cells",
                   f"the note column holds a bare figure ('{note}'): the row's cells may be "
                   "shifted, or a decimal comma split by the comma separator; correct the row")  # fmt: skip
            continue
        try:
            row_units = row_unit(
                target, cell_text(_cell(row, unit_col.index)) if unit_col else "", name, note
            )
        except ParseError as exc:
            reject(
                unit_col.header if unit_col else name_col.header,
                shown,
                target_id,
                exc.code,
                str(exc),
            )
            continue
        marks = [m[1] or m[2] for m in _MARK.finditer(name)]
        basis_texts = [name, note, *(footnotes[m] for m in marks if m in footnotes)]
        brackets = re.findall(r"\(([^()]*)\)", name)
        estimated = bool(_ESTIMATE_NOTE.search(match_key(note))) or any(
            ESTIMATE_BRACKET.match(b) for b in brackets
        )
        try:  # a basis named twice or not known is the row's problem, whatever the year
            row_basis(target, basis_texts, table.year)
        except ParseError as exc:
            if exc.code in ("ambiguous_basis", "unknown_basis"):
                reject(name_col.header, name, target_id, exc.code, str(exc))
                continue
        for column, raw in cells.items():
            problem = table.cell_problems.get((row_number, column.index))
            if problem:
                reject(
                    column.header,
                    cell_text(raw),
                    target_id,
                    "cell_format",
                    problem,
                    year=column.year,
                )
                continue
            missing = cell_missing(raw, target)
            if column.role == "plan" and missing is not None:
                continue
            flags = []
            if (
                missing is not None
                and cell_text(raw) in _DASHES
                and dash_is_zero
                and target.measure in ("count", "amount", "length")
            ):
                raw, missing = 0, None
                zero = "'-' read as 0: the table's legend says it means 'không phát sinh'"
                flags.append(flag_entry("dash_zero", zero))
            cell_estimate = False
            if isinstance(raw, str) and column.role != "plan" and _ESTIMATE_CELL.search(raw):
                raw, cell_estimate = _ESTIMATE_CELL.sub(" ", raw).strip(), True
            try:
                basis = row_basis(target, basis_texts, column.year)
                value = parse_cell(raw, target, unit=row_units, plan=column.role == "plan")
            except ParseError as exc:
                reject(
                    column.header,
                    cell_text(cells[column]),
                    target_id,
                    exc.code,
                    str(exc),
                    year=column.year,
                )
                continue
            if basis.note:
                flags.append(flag_entry(basis.code, basis.note))
            kind = column.role
            if kind == "actual" and (estimated or cell_estimate):
                kind = "estimate"
                said = cell_text(cells[column]) if cell_estimate else (note or name)
                flags.append(
                    flag_entry("estimate_said", f"an estimate: the table says so ('{said}')")
                )
            if missing is not None:
                flags.insert(0, flag_entry(missing, f"no figure ({MISSING_DETAILS[missing]})"))
            out.observations.append({
                "unit": unit, "target_id": target_id, "year": column.year, "value": value,
                "value_kind": kind, "basis": basis.basis, "source": f"{file}:{row_number}",
                "note": note or None, "flag": FLAG_SEPARATOR.join(flags) or None,
                "_column": column.header, "_raw": cell_text(cells[column]),
            })  # fmt: skip
    return out
