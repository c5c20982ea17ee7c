"""The figure of a year: one rule, used by the model, the charts and the tables.

A target has at most one result per unit and year: **an actual beats an estimate, and only
figures on the target's own basis count** (item 5's poverty standard: a figure on another
standard is not comparable with the target). Plans are never results; a plan of a year is
kept apart (one per year). Charts and tables that show every basis ask for one figure per
unit, year *and basis* instead (``all_bases``), each row tagged with its ``basis``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..schema import OBSERVATION_COLUMNS, RESULT_KINDS

if TYPE_CHECKING:
    from .catalog import Target


def comparable(basis: np.ndarray, target_basis: str | np.ndarray | None) -> np.ndarray:
    """Whether each figure's basis is its target's (one basis, or one per figure): no basis
    stated, or a target with none, counts as the same."""
    basis = np.asarray(basis, dtype=object)
    same = pd.isna(target_basis) | pd.isna(basis) | (basis == target_basis)
    return np.broadcast_to(same, basis.shape)


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
    all_bases: bool = False,
) -> pd.DataFrame:
    """One result per (unit, target, year) — and with ``plans`` one plan too — by the rule
    above, for ``targets`` (a catalog, or some of its targets) and the years ``first`` to
    ``last``. Rows of other targets, rows with no figure and figures on another basis than
    the target's are left out; with ``all_bases``, figures on every basis are kept, one per
    (unit, target, year, basis)."""
    basis_of = {t.id: t.basis for t in targets}
    obs = observations
    target_id = obs["target_id"].to_numpy(dtype=object)
    year = obs["year"].to_numpy()
    kind = obs["value_kind"].to_numpy(dtype=object)
    keep = obs["value"].notna().to_numpy() & np.isin(target_id, list(basis_of))
    keep &= np.isin(kind, RESULT_KINDS + (("plan",) if plans else ()))
    if unit is not None:
        keep &= obs["unit"].to_numpy(dtype=object) == unit
    if first is not None:
        keep &= year >= first
    if last is not None:
        keep &= year <= last
    idx = np.flatnonzero(keep)
    basis = obs["basis"].to_numpy(dtype=object)[idx] if "basis" in obs else np.full(len(idx), None)
    if all_bases:
        columns = (obs["unit"].to_numpy(dtype=object)[idx], target_id[idx], year[idx], basis)
    else:
        idx = idx[comparable(basis, np.array([basis_of[t] for t in target_id[idx]], dtype=object))]
        columns = (obs["unit"].to_numpy(dtype=object)[idx], target_id[idx], year[idx])
    key = np.zeros(len(idx), dtype=np.int64)
    for column in columns:  # one integer per unit × target × year (× basis)
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        key = key * len(uniques) + codes
    key = key * 2 + (kind[idx] == "plan")  # a plan is kept apart
    kept = idx[one_per_year(key, kind[idx] == "actual")]
    return obs.iloc[kept].reindex(columns=OBSERVATION_COLUMNS).reset_index(drop=True)
