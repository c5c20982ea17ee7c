"""Load a tidy observations table (the cleaning output, or one kept by hand).

One row per unit × target × year × value kind, columns ``unit, target_id,
year, value, value_kind, basis, source, note, flag``. Figures use a decimal point
(this is the machine format; the Vietnamese format belongs in the yearly tables).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ObservationsError, where
from ..io import cached_while_unchanged
from ..model.catalog import Catalog
from ..schema import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    REQUIRED_OBSERVATION_COLUMNS,
    VALUE_KINDS,
)
from ..text import nfc

_MAX_LISTED = 10


def _year(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() and 1900 <= value <= 2100 else None


def _value(text: str) -> float | None:
    if text.strip() == "":
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def load_observations(
    path: str | Path | None = None, *, catalog: Catalog | None = None
) -> pd.DataFrame:
    """Read and check a tidy observations CSV (default: ``data/processed/observations.csv``).

    Raises :class:`ObservationsError` naming the file, row and column of each
    problem (missing column, a year or figure that is not a number, an unknown
    value kind, a target not in ``catalog`` when one is given — other than the series its
    targets are compared with, :meth:`Catalog.references` —, a duplicate row).
    """
    path = Path(path) if path is not None else config.OBSERVATIONS_PATH
    frame = _load_observations(path)
    if catalog is not None:
        compared = {target_id for _, target_id in catalog.references()}
        unknown = sorted(set(frame["target_id"]) - set(catalog.ids) - compared)
        if unknown:
            rows = frame.index[frame["target_id"].isin(unknown)][:_MAX_LISTED]
            _raise(
                path,
                [
                    f"{where(path.name, i + 2, 'target_id')}: target '{frame.at[i, 'target_id']}' is not in the catalog"
                    for i in rows
                ],
            )
    return frame.copy()


@cached_while_unchanged
def _load_observations(path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        hint = " (run 'ward-analysis clean' first)" if path == config.OBSERVATIONS_PATH else ""
        raise ObservationsError(f"{path}: file not found{hint}") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ObservationsError(f"{path}: not a readable UTF-8 CSV table ({exc})") from None
    missing = [c for c in REQUIRED_OBSERVATION_COLUMNS if c not in raw.columns]
    if missing:
        raise ObservationsError(f"{path}: missing column(s) {', '.join(missing)} (header row 1)")
    problems: list[str] = []
    years, values = [], []
    for i, rec in enumerate(raw.to_dict("records")):
        line = i + 2
        year, value = _year(rec["year"]), _value(rec["value"])
        if year is None:
            problems.append(f"{where(path.name, line, 'year')}: '{rec['year']}' is not a year")
        if value is None:
            problems.append(
                f"{where(path.name, line, 'value')}: '{rec['value']}' is not a number "
                "(write figures with a decimal point, e.g. 76.4; leave blank for no figure)"
            )
        if rec["value_kind"] not in VALUE_KINDS:
            problems.append(
                f"{where(path.name, line, 'value_kind')}: '{rec['value_kind']}' is not one of "
                f"{', '.join(VALUE_KINDS)}"
            )
        if not rec["target_id"].strip():
            problems.append(f"{where(path.name, line, 'target_id')}: empty target id")
        years.append(year)
        values.append(value)
    if problems:
        _raise(path, problems)
    frame = (
        raw.reindex(columns=OBSERVATION_COLUMNS, fill_value="")
        .assign(
            year=pd.Series(years, dtype="int64", index=raw.index),
            value=pd.Series(values, dtype="float64", index=raw.index),
            **{c: lambda d, c=c: d[c].map(nfc) for c in ("unit", "target_id")},
        )
        .assign(
            **{
                c: lambda d, c=c: d[c].replace("", None)
                for c in ("basis", "source", "note", "flag")
            }
        )
    )
    dup = frame.duplicated(OBSERVATION_KEY, keep=False)
    if dup.any():
        rows = ", ".join(str(i + 2) for i in frame.index[dup][:_MAX_LISTED])
        _raise(
            path,
            [
                f"{path.name}: rows {rows} give the same unit, target, year, value kind and basis twice"
            ],
        )
    return frame


def _raise(path: Path, problems: list[str]) -> None:
    shown = "\n  - ".join(problems[:_MAX_LISTED])
    more = f"\n  … and {len(problems) - _MAX_LISTED} more" if len(problems) > _MAX_LISTED else ""
    raise ObservationsError(f"{path}: {len(problems)} problem(s):\n  - {shown}{more}")
