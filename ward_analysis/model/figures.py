"""The figure of a year: one rule, used by the model, the charts and the tables.

A target has at most one result per unit and year: **an actual beats an estimate, and only
figures on the target's own basis count** (item 5's poverty standard: a figure on another
standard is not comparable with the target). Plans are never results; a plan of a year is
kept apart (one per year).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..schema import OBSERVATION_COLUMNS, RESULT_KINDS

if TYPE_CHECKING:
    from .catalog import Target


def comparable(basis: np.ndarray, target_basis: str | None) -> np.ndarray:
    """Whether each figure's basis is the target's: no basis stated counts as the target's."""
    basis = np.asarray(basis, dtype=object)
    if target_basis is None:
        return np.ones(len(basis), dtype=bool)
    return pd.isna(basis) | (basis == target_basis)


def one_per_year(keys: np.ndarray, is_actual: np.ndarray) -> np.ndarray:
    """Indices of the rows kept, one per key (unit × target × year as integers): an actual if
    there is one, else the estimate; among equals the later row."""
    keys = np.asarray(keys)
    if not len(keys):
        return np.array([], dtype=np.intp)
    order = np.lexsort((np.asarray(is_actual, dtype=bool), keys))
    ordered = keys[order]
    last = np.r_[ordered[1:] != ordered[:-1], True]
    return np.sort(order[last])


def year_figures(
    observations: pd.DataFrame,
    targets: Iterable[Target],
    *,
    unit: str | None = None,
    first: int | None = None,
    last: int | None = None,
    plans: bool = False,
) -> pd.DataFrame:
    """One result per (unit, target, year) — and with ``plans`` one plan too — by the rule
    above, for ``targets`` (a catalog, or some of its targets) and the years ``first`` to
    ``last``. Rows of other targets, rows with no figure and figures on another basis than
    the target's are left out."""
    basis_of = {t.id: t.basis for t in targets}
    obs = observations
    keep = obs["value"].notna().to_numpy() & obs["target_id"].isin(list(basis_of)).to_numpy()
    if unit is not None:
        keep &= (obs["unit"] == unit).to_numpy()
    if first is not None:
        keep &= (obs["year"] >= first).to_numpy()
    if last is not None:
        keep &= (obs["year"] <= last).to_numpy()
    kinds = RESULT_KINDS + (("plan",) if plans else ())
    keep &= obs["value_kind"].isin(kinds).to_numpy()
    rows = obs.loc[keep].reindex(columns=OBSERVATION_COLUMNS)
    target_basis = rows["target_id"].map(basis_of)
    basis = rows["basis"].to_numpy(dtype=object)
    same = (
        pd.isna(target_basis.to_numpy(dtype=object))
        | pd.isna(basis)
        | (basis == target_basis.to_numpy(dtype=object))
    )
    rows = rows[same]
    slot = np.where(rows["value_kind"].to_numpy() == "plan", 1, 0)
    key = pd.MultiIndex.from_arrays(
        [rows["unit"], rows["target_id"], rows["year"], slot]
    ).factorize()[0]
    kept = one_per_year(key, (rows["value_kind"] == "actual").to_numpy())
    return rows.iloc[kept].reset_index(drop=True)
