"""Clean the ward's yearly report tables into one tidy observations table.

Every data row of every table ends up somewhere: as observations, in the
rejects table (file, row, column, raw text, reason) or, for headings and
footers that hold no figure, in the skipped table. Nothing is dropped silently.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ParseError, ReportFormatError
from ..io import atomic_write_csv, remove_stale_temp_files
from ..model.catalog import Catalog, Target
from ..schema import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    REJECT_COLUMNS,
    SKIPPED_COLUMNS,
    VALUE_KINDS,
)
from ..text import match_key, nfc, without_parentheses
from .catalog import load_catalog
from .cells import parse_cell
from .numbers import missing_reason
from .tables import READERS, RawTable, read_table, readable

log = logging.getLogger("ward_analysis")


@dataclass
class CleanResult:
    """What cleaning produced: observations, rejects, skipped rows and a per-file summary."""

    observations: pd.DataFrame
    rejects: pd.DataFrame
    skipped: pd.DataFrame
    files: pd.DataFrame

    def summary(self) -> str:
        """A short text summary for people (counts per file and totals)."""
        obs = self.observations
        lines = [
            f"{len(self.files)} table(s) read: {len(obs)} observations "
            f"({obs['value'].notna().sum()} with a figure) of {obs['target_id'].nunique()} targets, "
            f"{len(self.rejects)} rejected, {len(self.skipped)} skipped (headings, footers)"
        ]
        for f in self.files.itertuples(index=False):
            lines.append(
                f"  {f.file} ({f.year}): {f.data_rows} rows → {f.observations} observations, "
                f"{f.rejects} rejected, {f.skipped} skipped"
            )
        for r in self.rejects.itertuples(index=False):
            lines.append(f"  rejected {r.file}, row {r.row}, column '{r.column}': {r.reason}")
        return "\n".join(lines)


def report_paths(paths_or_dir: str | Path | list[str | Path] | None = None) -> list[Path]:
    """The yearly table files to read: a list as given, or the readable files of a folder
    (in the shipped ``data/raw/``, only those named like ``config.REPORT_STEM``)."""
    if isinstance(paths_or_dir, list | tuple):
        return [Path(p) for p in paths_or_dir]
    folder = Path(paths_or_dir) if paths_or_dir is not None else config.RAW_DIR
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise ReportFormatError(f"{folder}: folder not found")
    pattern = config.REPORT_STEM + "*" if paths_or_dir is None else "*"
    found = sorted(
        p
        for p in folder.glob(pattern)
        if p.is_file() and readable(p) and not p.name.startswith(("~$", "."))
    )
    if not found:
        raise ReportFormatError(f"{folder}: no report tables ({', '.join(READERS)}) found")
    return found


def _name_index(catalog: Catalog) -> dict[str, str]:
    return {match_key(name): t.id for t in catalog for name in t.names}


def _cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value if not isinstance(value, str) else nfc(value)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return nfc(str(value))


def _basis(target: Target, name: str, note: str) -> tuple[str | None, str | None, str | None]:
    """(basis, note, problem) for a target that has a basis, read from the row's name and note."""
    if target.basis is None:
        return None, None, None
    haystack = f" {match_key(name + ' ' + note)} "
    found = sorted(
        basis
        for basis, markers in target.basis_markers.items()
        if any(f" {match_key(m)} " in haystack for m in markers)
    )
    if len(found) > 1:
        return (
            None,
            None,
            f"the row names two bases ({', '.join(found)}); cannot tell which applies",
        )
    if found:
        return found[0], None, None
    return target.basis, f"basis not stated in the table; taken as {target.basis}", None


def _clean_table(table: RawTable, catalog: Catalog, index: dict[str, str], unit: str):
    obs, rejects, skipped = [], [], []
    name_col, unit_col, note_col = table.column("name"), table.column("unit"), table.column("note")
    file = table.path.name
    row_number = 0

    def reject(column: str, raw: str, target_id, code: str, reason: str, year=table.year) -> None:
        rejects.append(_reject(file, row_number, column, raw, target_id, year, code, reason))

    def skip(text: str, reason: str) -> None:
        skipped.append((file, row_number, text, reason))

    for row_number, row in table.rows:  # reject() and skip() read row_number
        texts = [_text(v) for v in row]
        if not any(texts):
            continue
        name = _text(_cell(row, name_col.index))
        cells = {c: _cell(row, c.index) for c in table.value_columns}
        has_figures = any(missing_reason(v) is None for v in cells.values())
        shown = " | ".join(t for t in texts if t)
        if _is_footer(texts):
            skip(shown, "signature block or footer of the table")
            continue
        if not name:
            if has_figures:
                reject(name_col.header, shown, None, "no_name", "figures without an indicator name")
            else:
                skip(shown, "no indicator name and no figures (heading, footer or signature)")
            continue
        target_id = index.get(match_key(name)) or index.get(match_key(without_parentheses(name)))
        if target_id is None:
            if has_figures:
                reason = (
                    f"'{name}' matches no target of the catalog by name or alias "
                    "(if it is one, add this name to the target's aliases in catalog.yaml)"
                )
                reject(name_col.header, name, None, "unknown_target", reason)
            else:
                skip(name, "indicator not in the catalog, with no figures (heading)")
            continue
        target = catalog[target_id]
        row_unit = _text(_cell(row, unit_col.index)) if unit_col else ""
        row_note = _text(_cell(row, note_col.index)) if note_col else ""
        basis, basis_note, basis_problem = _basis(target, name, row_note)
        if basis_problem:
            reject(name_col.header, name, target_id, "ambiguous_basis", basis_problem)
            continue
        for column, raw in cells.items():
            missing = missing_reason(raw)
            if column.role == "plan" and missing is not None:
                continue
            try:
                value = parse_cell(raw, target, unit=row_unit, plan=column.role == "plan")
            except ParseError as exc:
                reject(
                    column.header, _text(raw), target_id, "bad_value", str(exc), year=column.year
                )
                continue
            notes = [n for n in (row_note, basis_note) if n]
            if missing is not None:
                notes.insert(0, f"no figure ({missing})")
            obs.append(
                {
                    "unit": unit,
                    "target_id": target_id,
                    "year": column.year,
                    "value": value,
                    "value_kind": column.role,
                    "basis": basis,
                    "source": f"{file}:{row_number}",
                    "note": "; ".join(notes) or None,
                    "_column": column.header,
                    "_raw": _text(raw),
                }
            )
    return obs, rejects, skipped


#: Start of the texts that make up a table's signature block ("Người lập biểu",
#: "TM. ỦY BAN NHÂN DÂN PHƯỜNG", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)", "Nơi nhận:"…).
_FOOTER_STARTS = (
    "nguoi lap bieu",
    "nguoi lap",
    "nguoi ky",
    "tm ",
    "kt ",
    "chu tich",
    "pho chu tich",
    "noi nhan",
    "ky ghi ro ho ten",
    "ky ten",
    "da ky",
    "xac nhan cua",
    "thu truong don vi",
)


def _is_footer(texts: list[str]) -> bool:
    keys = [match_key(t) + " " for t in texts if t]
    return bool(keys) and all(k.startswith(_FOOTER_STARTS) for k in keys)


def _reject(file, row, column, raw, target_id, year, code, reason) -> dict[str, object]:
    return {
        "file": file,
        "row": row,
        "column": column,
        "raw_text": raw,
        "target_id": target_id,
        "year": year,
        "reason_code": code,
        "reason": reason,
    }


def _observation_reject(o: dict, code: str, reason: str) -> dict[str, object]:
    file, row = o["source"].rsplit(":", 1)
    return _reject(file, int(row), o["_column"], o["_raw"], o["target_id"], o["year"], code, reason)


def _resolve_duplicates(obs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep one observation per (unit, target, year, kind, basis); reject the rest, with reasons."""
    groups: dict[tuple, list[dict]] = {}
    for o in obs:
        groups.setdefault(tuple(o[k] for k in OBSERVATION_KEY), []).append(o)
    kept, rejects = [], []
    for (_, target_id, year, kind, _), group in groups.items():
        if len(group) == 1:
            kept.extend(group)
            continue
        values = {o["value"] for o in group if not math.isnan(o["value"])}
        places = ", ".join(o["source"] for o in group[:5])
        if len(group) > 5:
            places += f" and {len(group) - 5} other rows"
        if len(values) > 1:
            reason = f"target {target_id}, {kind} {year} has different figures in {places}; none is used until the tables agree"
            rejects.extend(_observation_reject(o, "conflict", reason) for o in group)
            continue
        first = next((o for o in group if not math.isnan(o["value"])), group[0])
        kept.append(first)
        reason = f"target {target_id}, {kind} {year} is already given by {first['source']}"
        rejects.extend(_observation_reject(o, "duplicate", reason) for o in group if o is not first)
    return kept, rejects


def _observations_frame(obs: list[dict], catalog: Catalog) -> pd.DataFrame:
    order = {tid: i for i, tid in enumerate(catalog.ids)}
    kind_order = {k: i for i, k in enumerate(VALUE_KINDS)}
    frame = pd.DataFrame(obs, columns=OBSERVATION_COLUMNS)
    return (
        frame.assign(
            year=frame["year"].astype("int64"),
            value=frame["value"].astype("float64"),
            _t=frame["target_id"].map(order),
            _k=frame["value_kind"].map(kind_order),
        )
        .sort_values(["unit", "_t", "year", "_k", "basis"], na_position="first", kind="stable")
        .drop(columns=["_t", "_k"])
        .reset_index(drop=True)
    )


def read_reports(
    paths_or_dir: str | Path | list[str | Path] | None = None,
    catalog: Catalog | None = None,
    *,
    unit: str | None = None,
) -> CleanResult:
    """Read and clean yearly report tables into tidy observations plus rejects.

    ``paths_or_dir``: a folder (all its files of a type in ``read.tables.READERS``), a list
    of files, or None for the tables shipped in ``data/raw/``. ``unit`` defaults to the
    catalog's unit. Raises :class:`ReportFormatError` for a table that cannot be
    read as a whole (no header, missing column, unreadable file…); problems in
    single cells or rows become rejects.
    """
    catalog = catalog if catalog is not None else load_catalog()
    unit = nfc(unit) if unit else catalog.unit
    index = _name_index(catalog)
    all_obs, all_rejects, all_skipped, files = [], [], [], []
    for path in report_paths(paths_or_dir):
        table = read_table(path)
        obs, rejects, skipped = _clean_table(table, catalog, index, unit)
        log.info(
            "%s (%d): %d observations, %d rejected, %d skipped",
            path.name,
            table.year,
            len(obs),
            len(rejects),
            len(skipped),
        )
        all_obs += obs
        all_rejects += rejects
        all_skipped += skipped
        files.append(
            {
                "file": path.name,
                "year": table.year,
                "data_rows": sum(1 for _, r in table.rows if any(_text(v) for v in r)),
            }
        )
    kept, duplicate_rejects = _resolve_duplicates(all_obs)
    all_rejects += duplicate_rejects
    observations = _observations_frame(kept, catalog)
    rejects = pd.DataFrame(all_rejects, columns=REJECT_COLUMNS).astype({"row": "int64"})
    skipped = pd.DataFrame(all_skipped, columns=SKIPPED_COLUMNS).astype({"row": "int64"})
    file_frame = pd.DataFrame(files, columns=["file", "year", "data_rows"])
    source_file = observations["source"].str.rsplit(":", n=1).str[0]
    file_frame = file_frame.assign(
        observations=file_frame["file"].map(source_file.value_counts()).fillna(0).astype("int64"),
        rejects=file_frame["file"].map(rejects["file"].value_counts()).fillna(0).astype("int64"),
        skipped=file_frame["file"].map(skipped["file"].value_counts()).fillna(0).astype("int64"),
    )
    return CleanResult(observations, rejects, skipped, file_frame)


def clean(
    raw: str | Path | list[str | Path] | None = None,
    out_dir: str | Path | None = None,
    catalog: Catalog | None = None,
    *,
    unit: str | None = None,
) -> CleanResult:
    """Clean the yearly tables and write ``observations.csv``, ``rejects.csv`` and ``skipped.csv``.

    Files are written atomically into ``out_dir`` (default ``data/processed/``);
    the raw tables are only read. ``unit``: the ward the tables are for (default the
    catalog's unit).
    """
    result = read_reports(raw, catalog, unit=unit)
    out = Path(out_dir) if out_dir is not None else config.PROCESSED_DIR
    for stale in remove_stale_temp_files(out):
        log.info("removed %s, left by a run that was stopped before it finished", stale.name)
    atomic_write_csv(result.observations, out / config.OBSERVATIONS_PATH.name)
    atomic_write_csv(result.rejects, out / config.REJECTS_PATH.name)
    atomic_write_csv(result.skipped, out / config.SKIPPED_PATH.name)
    log.info(
        "wrote %s, %s and %s in %s",
        config.OBSERVATIONS_PATH.name,
        config.REJECTS_PATH.name,
        config.SKIPPED_PATH.name,
        out,
    )
    return result
