"""Clean the ward's yearly report tables into one tidy observations table.

Every data row of every table ends up somewhere: as observations, in the
rejects table (file, row, column, raw text, reason) or, for headings and
footers that hold no figure, in the skipped table. Nothing is dropped silently.

Every file of the raw folder is accounted for too (``files.csv``, one row per file:
``file, status, reason_code, reason``): ``status`` is ``read`` for a yearly table
(``reason_code`` ``table``) and ``not_read`` for the others, with the rule's code
(``catalog``, ``overrides``, ``confirmations``, ``yaml``, ``notes``, ``text``, ``hidden``,
``lock_file``, ``folder``, ``not_a_table``) and the reason in words; which files are tables
is decided by ``read.files.FOLDER_RULES``, the same for ``data/raw/`` and any other folder.
A table file that cannot be read is still an error naming it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ReportFormatError
from ..io import atomic_write_csv, remove_stale_temp_files
from ..model.catalog import Catalog
from ..schema import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    REJECT_COLUMNS,
    SKIPPED_COLUMNS,
    VALUE_KINDS,
)
from ..text import nfc
from . import plausible
from .catalog import load_catalog
from .files import READERS, NotRead, cell_text, sort_folder
from .names import Names
from .rows import clean_table, reject_record
from .tables import read_tables
from .units import table_unit

log = logging.getLogger("ward_analysis")

#: The columns of ``files.csv``: every input file, read or not, and why (module notes).
FILE_COLUMNS = ["file", "status", "reason_code", "reason"]


@dataclass
class CleanResult:
    """What cleaning produced: observations, rejects, skipped rows and a per-table summary;
    ``inputs``: every file of the folder, read or not and why (``FILE_COLUMNS``);
    ``read_paths``: the files read."""

    observations: pd.DataFrame
    rejects: pd.DataFrame
    skipped: pd.DataFrame
    files: pd.DataFrame
    inputs: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FILE_COLUMNS))
    read_paths: list[Path] = field(default_factory=list)

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
        not_read = self.inputs[self.inputs["status"] == "not_read"]
        if len(not_read):
            lines.append(f"{len(not_read)} other file(s) not read:")
        for f in not_read.itertuples(index=False):
            lines.append(f"  not read: {f.file} — {f.reason}")
        return "\n".join(lines)


def report_paths(
    paths_or_dir: str | Path | list[str | Path] | None = None,
) -> tuple[list[Path], list[NotRead]]:
    """The yearly table files to read — a list or a file as given, or the tables of a folder
    (default ``data/raw/``) by ``read.files.FOLDER_RULES`` — and the folder's other files
    with why each is not read."""
    if isinstance(paths_or_dir, list | tuple):
        return [Path(p) for p in paths_or_dir], []
    folder = Path(paths_or_dir) if paths_or_dir is not None else config.WARD_DIR
    if folder.is_file():
        return [folder], []
    if not folder.is_dir():
        raise ReportFormatError(f"{folder}: folder not found")
    found, not_read = sort_folder(folder)
    if not found:
        passed = "".join(f"; {n.path.name}: {n.reason}" for n in not_read[:5])
        raise ReportFormatError(
            f"{folder}: no report tables ({', '.join(READERS)} files whose name says the "
            f"year) found{passed}"
        )
    for entry in not_read:
        log.info("%s is not read: %s", entry.path, entry.reason)
    return found, not_read


def _inputs_frame(paths: list[Path], not_read: list[NotRead], given: bool) -> pd.DataFrame:
    why = "given as a yearly table" if given else "a yearly table (by the name of the file)"
    rows = [(p.name, "read", "table", why) for p in paths]
    rows += [(n.path.name, "not_read", n.code, n.reason) for n in not_read]
    return pd.DataFrame(rows, columns=FILE_COLUMNS)


def _observation_reject(o: dict, code: str, reason: str) -> dict[str, object]:
    file, row = o["source"].rsplit(":", 1)
    return reject_record(
        file, int(row), o["_column"], o["_raw"], o["target_id"], o["year"], code, reason
    )


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


def _shared(obs: list[dict], catalog: Catalog) -> list[dict]:
    """The observations, and for each target whose figures are another's (``figures_from``:
    one indicator held to two targets) a copy of that target's, under its own id."""
    takers: dict[str, list[str]] = {}
    for t in catalog:
        if t.figures_from is not None:
            takers.setdefault(t.figures_from, []).append(t.id)
    if not takers:
        return obs
    return obs + [o | {"target_id": tid} for o in obs for tid in takers.get(o["target_id"], ())]


def _observations_frame(obs: list[dict], catalog: Catalog) -> pd.DataFrame:
    order = {tid: i for i, tid in enumerate(catalog.ids)}
    kind_order = {k: i for i, k in enumerate(VALUE_KINDS)}
    frame = pd.DataFrame(obs, columns=OBSERVATION_COLUMNS)
    return (
        frame.assign(
            year=frame["year"].astype("int64"),
            value=frame["value"].astype("float64"),
            **{c: frame[c].astype("str") for c in ("basis", "note", "flag")},
            _t=frame["target_id"].map(order),
            _k=frame["value_kind"].map(kind_order),
        )
        .sort_values(["unit", "_t", "year", "_k", "basis"], na_position="first", kind="stable")
        .drop(columns=["_t", "_k"])
        .reset_index(drop=True)
    )


def with_extra(observations: pd.DataFrame, extra: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """``observations`` and the rows of ``extra`` for (target, year) pairs that have no result
    of their own, in the usual order (module notes)."""
    own = observations[observations["value_kind"] != "plan"]
    have = set(zip(own["target_id"], own["year"], strict=True))
    keep = [(t, y) not in have for t, y in zip(extra["target_id"], extra["year"], strict=True)]
    rows = pd.concat([observations, extra[keep]], ignore_index=True)
    return _observations_frame(rows.to_dict("records"), catalog)


def read_reports(
    paths_or_dir: str | Path | list[str | Path] | None = None,
    catalog: Catalog | None = None,
    *,
    unit: str | None = None,
) -> CleanResult:
    """Read and clean yearly report tables into tidy observations plus rejects.

    ``paths_or_dir``: a folder (all its files of a type in ``read.files.READERS``), a list
    of files, or None for the shipped ward's tables (``data/raw/chi_lang/``). ``unit`` defaults
    to the catalog's unit; a table whose title block names another unit ("UBND PHƯỜNG TRÀ
    BÁ" among Chi Lăng's) is a :class:`UnitsError` naming it. Raises
    :class:`ReportFormatError` for a table that cannot be read as a whole (no header, missing
    column, unreadable file…); problems in single cells or rows become rejects.
    """
    catalog = catalog if catalog is not None else load_catalog()
    unit = nfc(unit) if unit else catalog.unit
    names = Names(catalog)
    paths, not_read = report_paths(paths_or_dir)
    confirmations = plausible.load_confirmations(paths[0].parent if paths else None)
    all_obs, all_rejects, all_skipped, files = [], [], [], []
    for path in paths:
        found = read_tables(path)
        for sheet, why in found.skipped_sheets:
            all_skipped.append((path.name, 0, f"sheet '{sheet}'", why))
        for table in found.tables:
            label = f"{path.name} [{table.sheet}]" if len(found.tables) > 1 else path.name
            # the unit the title block names must be the catalog's (whatever name is shown)
            table_unit(label, table.title, table.year, catalog.unit)
            rows = clean_table(table, catalog, names, unit, label=label)
            log.info(
                "%s%s (%d): %d observations, %d rejected, %d skipped",
                path.name,
                f" [{table.sheet}]" if table.sheet and len(found.tables) > 1 else "",
                table.year,
                len(rows.observations),
                len(rows.rejects),
                len(rows.skipped),
            )
            all_obs += rows.observations
            all_rejects += rows.rejects
            all_skipped += rows.skipped
            files.append(
                {
                    "file": label,
                    "year": table.year,
                    "data_rows": sum(1 for _, r in table.rows if any(cell_text(v) for v in r)),
                }
            )
    kept, duplicate_rejects = _resolve_duplicates(_shared(all_obs, catalog))
    all_rejects += duplicate_rejects
    kept, implausible = plausible.check(kept, catalog, confirmations)
    all_rejects += [_observation_reject(o, "implausible", o["_reason"]) for o in implausible]
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
    given = isinstance(paths_or_dir, list | tuple) or (
        paths_or_dir is not None and Path(paths_or_dir).is_file()
    )
    inputs = _inputs_frame(paths, not_read, given)
    return CleanResult(observations, rejects, skipped, file_frame, inputs, paths)


def clean(
    raw: str | Path | list[str | Path] | None = None,
    out_dir: str | Path | None = None,
    catalog: Catalog | None = None,
    *,
    unit: str | None = None,
    extra: pd.DataFrame | None = None,
) -> CleanResult:
    """Clean the yearly tables and write ``observations.csv``, ``rejects.csv``, ``skipped.csv``
    and ``files.csv`` (every input file, read or not and why).

    Files are written atomically into ``out_dir`` (default ``data/processed/``);
    the raw tables are only read. ``unit``: the ward the tables are for (default the
    catalog's unit). ``extra``: observations from elsewhere (a merged ward's baseline rolled
    up from its predecessors, :mod:`ward_analysis.model.rollup`), kept for the targets and
    years the tables give no result for; the tables' own results come first.
    """
    result = read_reports(raw, catalog, unit=unit)
    if extra is not None and len(extra):
        result.observations = with_extra(result.observations, extra, catalog)
    out = Path(out_dir) if out_dir is not None else config.PROCESSED_DIR
    for stale in remove_stale_temp_files(out):
        log.info("removed %s, left by a run that was stopped before it finished", stale.name)
    atomic_write_csv(result.observations, out / config.OBSERVATIONS_PATH.name)
    atomic_write_csv(result.rejects, out / config.REJECTS_PATH.name)
    atomic_write_csv(result.skipped, out / config.SKIPPED_PATH.name)
    atomic_write_csv(result.inputs, out / config.FILES_PATH.name)
    log.info(
        "wrote %s, %s, %s and %s in %s",
        config.OBSERVATIONS_PATH.name,
        config.REJECTS_PATH.name,
        config.SKIPPED_PATH.name,
        config.FILES_PATH.name,
        out,
    )
    return result
