"""Backtest: how well did the forecasts made in earlier years call the final outcome?

For every as-of year before the final year and every (unit, target) whose
outcome is known in the final year (``achieved`` or ``missed``), compare
three forecasts of "met at the end of the term":

- **ours** — :func:`assess`'s ``probability``;
- **pace** — the Eurostat-style pace ratio turned into a call: met when the
  observed yearly change is at least 95 % of the change still required (or, if
  nothing more is required, when the current pace keeps the target met);
- **latest** — met when the latest figure already meets the target.

All three know what is already final at the as-of year (a target already
achieved or already missed). Scores: the Brier score of the probability
(the two baselines forecast 0 or 1) and the accuracy of the call
(probability ≥ 0.5). A forecast that could not be made (no figure yet) counts
as 0.5 and as a "met" call for ours.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import BACKTEST_COLUMNS, BACKTEST_METHODS, FINAL_STATUSES, UPWARD_COMPARATORS
from . import kinds
from .assess import assess
from .catalog import Catalog


def _pace_call(a: pd.DataFrame, catalog: Catalog) -> np.ndarray:
    up = a["comparator"].isin(UPWARD_COMPARATORS).to_numpy()
    sign = np.where(up, 1.0, -1.0)
    req, act = sign * a["required_pace"].to_numpy(), sign * a["actual_pace"].to_numpy()
    ratio = a["pace_ratio"].to_numpy()
    latest_ok = _latest_call(a, catalog)
    with np.errstate(invalid="ignore"):
        call = np.where(req > 0, ratio >= 0.95, act >= req)
    return np.where(np.isnan(act) | np.isnan(req), latest_ok, call)


def _latest_call(a: pd.DataFrame, catalog: Catalog) -> np.ndarray:
    out = np.zeros(len(a), dtype=bool)
    for tid, idx in a.groupby("target_id", sort=False).indices.items():
        t = catalog[tid]
        out[idx] = kinds.get(t.kind).latest_meets(a["latest_value"].to_numpy()[idx], t)
    return out


def backtest(
    catalog: Catalog,
    observations: pd.DataFrame,
    *,
    final_year: int | None = None,
    assessments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (unit, target, as-of year) whose final outcome is known, with the three forecasts.

    ``assessments``: the output of :func:`assess` for these observations, stacked over
    as-of years, when the caller has it already; missing years are assessed here.
    """
    first, last = catalog.term
    final_year = final_year or last
    done = dict(tuple(assessments.groupby("as_of"))) if assessments is not None else {}

    def assess_at(year: int) -> pd.DataFrame:
        if year in done:
            return done[year].reset_index(drop=True)
        return assess(catalog, observations, year)

    final = assess_at(final_year)
    known = final[final["status"].isin(FINAL_STATUSES)]
    outcome = known.set_index(["unit", "target_id"])["status"].eq("achieved").rename("outcome")
    frames = []
    for as_of in range(first, final_year):
        a = assess_at(as_of).join(outcome, on=["unit", "target_id"], how="inner")
        decided = a["status"].isin(FINAL_STATUSES).to_numpy()
        fact = (a["status"] == "achieved").to_numpy().astype(float)
        p_ours = a["probability"].fillna(0.5).to_numpy()
        p_pace = np.where(decided, fact, _pace_call(a, catalog).astype(float))
        p_latest = np.where(decided, fact, _latest_call(a, catalog).astype(float))
        frames.append(a.assign(p_ours=p_ours, p_pace=p_pace, p_latest=p_latest))
    out = pd.concat(frames, ignore_index=True)
    return out[BACKTEST_COLUMNS]


def backtest_summary(bt: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Brier score (lower is better) and accuracy (higher is better) of each method
    (codes: ``ours``, ``pace`` — the Eurostat-style pace ratio — and ``latest``).

    ``by`` (e.g. ``"kind"`` or ``"as_of"``) adds a breakdown.
    """
    outcome = bt["outcome"].astype(float)
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "method": name,
                    "brier": (bt[col] - outcome) ** 2,
                    "correct": (bt[col] >= 0.5) == bt["outcome"],
                    **({by: bt[by]} if by else {}),
                }
            )
            for name, col in ((m, f"p_{m}") for m in BACKTEST_METHODS)
        ],
        ignore_index=True,
    )
    keys = ["method", by] if by else ["method"]
    return (
        long.groupby(keys, sort=False)
        .agg(rows=("brier", "size"), brier=("brier", "mean"), accuracy=("correct", "mean"))
        .round({"brier": 4, "accuracy": 4})
        .reset_index()
    )
