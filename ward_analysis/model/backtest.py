"""Backtest: how well did the forecasts made in earlier years call the final outcome?

For every (unit, target) whose outcome is known in its target year (``achieved`` or
``missed``) and every as-of year from the target's base year (or its last restatement: earlier
forecasts were about another target) to the year before, compare
four forecasts of "met in the end" (the baselines are described in :mod:`.baselines`):

- **ours** — :func:`assess`'s ``probability``;
- **pace** — the linear pace ratio as a 0/1 call;
- **sdg** — Open SDG's progress bands, each band's probability learned on real series;
- **latest** — 1 if the latest figure already meets the target, else 0.

All four know what is already final at the as-of year (a target already achieved or already
missed). Scores: the Brier score of the probability and the accuracy of the call
(probability ≥ 0.5), per method (:func:`backtest_summary`); :func:`reliability` compares
predicted probabilities with what happened; :func:`projection_error` the projected value with
the final one. A forecast that could not be made (no figure yet) counts as 0.5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import (
    BACKTEST_COLUMNS,
    BACKTEST_METHODS,
    FINAL_STATUSES,
    LEVEL_MEASURES,
)
from . import kinds
from .assess import assess
from .baselines import SDG_BAND_P, pace_call, sdg_progress
from .catalog import Catalog, Target
from .figures import year_figures
from .panel import meets, upward


def _judged(catalog: Catalog, tid: str) -> Target:
    """The target as it stands in its target year (a restatement in force then applies)."""
    t = catalog[tid]
    return t.in_force(t.target_year)


def _first_forecast_year(t: Target) -> int:
    """The first as-of year whose forecast is about the target as finally judged: the base year,
    or the year of its last restatement (earlier forecasts were about another target)."""
    return max([t.base_year, *(r.from_year for r in t.restated)])


def _latest_call(a: pd.DataFrame, catalog: Catalog) -> np.ndarray:
    out = np.zeros(len(a), dtype=bool)
    for tid, idx in a.groupby("target_id", sort=False).indices.items():
        t = _judged(catalog, tid)
        out[idx] = kinds.get(t.kind).latest_meets(a.iloc[idx], t)
    return out


def _levels(target: Target, figures: pd.DataFrame) -> pd.DataFrame:
    """The series Open SDG's measure is computed on, and the level the target asks for."""
    kind = kinds.get(target.kind)
    return kind.chart_series(target, figures.sort_values("year"))


def sdg_bands(
    rows: pd.DataFrame, catalog: Catalog, observations: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Open SDG's progress value and band for each backtest row (``unit``, ``target_id``,
    ``as_of``)."""
    figures = year_figures(observations, [_judged(catalog, t.id) for t in catalog])
    bands = np.full(len(rows), "not_available", dtype=object)
    values = np.full(len(rows), np.nan)
    by_target = dict(tuple(figures.groupby("target_id", sort=False)))
    for tid, idx in rows.groupby("target_id", sort=False).indices.items():
        t = _judged(catalog, tid)
        sub = rows.iloc[idx]
        figs = by_target.get(tid)
        if figs is None:
            continue
        series = {u: _levels(t, f) for u, f in figs.groupby("unit", sort=False)}
        base_v, base_y, cur_v, cur_y = (np.full(len(idx), np.nan) for _ in range(4))
        for j, (unit, as_of) in enumerate(zip(sub["unit"], sub["as_of"], strict=True)):
            s = series.get(unit)
            if s is None:
                continue
            s = s[s["year"] <= as_of]
            if s.empty:
                continue
            cur_y[j], cur_v[j] = s["year"].iloc[-1], s["value"].iloc[-1]
            after = s[s["year"] >= t.base_year]
            if not after.empty:
                base_y[j], base_v[j] = after["year"].iloc[0], after["value"].iloc[0]
        if t.measure in LEVEL_MEASURES:
            ok = meets(cur_v, t)
            bands[idx] = np.where(ok, "target_achieved", "not_available")
            continue
        kind = kinds.get(t.kind)
        level, up = kind.sdg_goal(t, base_v)  # a growth or a change a year: a level to reach
        value, band = sdg_progress(base_v, base_y, cur_v, cur_y, level, kind.verdict_year(t), up)
        bands[idx], values[idx] = band, value
    return values, bands


def backtest(
    catalog: Catalog,
    observations: pd.DataFrame,
    *,
    final_year: int | None = None,
    assessments: pd.DataFrame | None = None,
    band_p: dict[str, float] | None = None,
) -> pd.DataFrame:
    """One row per (unit, target, as-of year) whose final outcome is known, with the forecasts.

    Each target is judged in the year its verdict falls (its target year, a ``by_year``
    target's year; ``final_year`` when given) and forecast from its base year on. ``assessments``: the output of :func:`assess` for these
    observations, stacked over as-of years, when the caller has it already; missing years are
    assessed here. ``band_p``: P(met | Open SDG band) (default :data:`SDG_BAND_P`).
    """
    band_p = SDG_BAND_P if band_p is None else band_p
    done = dict(tuple(assessments.groupby("as_of"))) if assessments is not None else {}
    cache: dict[int, pd.DataFrame] = {}

    def assess_at(year: int) -> pd.DataFrame:
        if year not in cache:
            cache[year] = (
                done[year].reset_index(drop=True)
                if year in done
                else assess(catalog, observations, year)
            )
        return cache[year]

    final_of = {t.id: final_year or kinds.get(t.kind).verdict_year(t) for t in catalog}
    outcomes = []
    for year in sorted(set(final_of.values())):
        a = assess_at(year)
        a = a[a["target_id"].map(final_of).eq(year) & a["status"].isin(FINAL_STATUSES)]
        a = a.set_index(["unit", "target_id"])
        outcomes.append(
            pd.DataFrame({"outcome": a["status"].eq("achieved"), "final_value": a["latest_value"]})
        )
    outcome = pd.concat(outcomes) if outcomes else pd.DataFrame(columns=["outcome", "final_value"])
    first = min(t.base_year for t in catalog)
    last = max(final_of.values())
    frames = []
    for as_of in range(first, last):
        ids = [t.id for t in catalog if _first_forecast_year(t) <= as_of < final_of[t.id]]
        if not ids:
            continue
        a = assess_at(as_of)
        a = a[a["target_id"].isin(ids)].join(outcome, on=["unit", "target_id"], how="inner")
        if a.empty:
            continue
        frames.append(a)
    if not frames:
        return pd.DataFrame(columns=BACKTEST_COLUMNS)
    a = pd.concat(frames, ignore_index=True)
    decided = a["status"].isin(FINAL_STATUSES).to_numpy()
    fact = (a["status"] == "achieved").to_numpy().astype(float)
    latest_ok = _latest_call(a, catalog)
    up = np.array([upward(_judged(catalog, t)) for t in a["target_id"]], dtype=bool)
    pace = pace_call(a["required_pace"], a["actual_pace"], a["pace_ratio"], up, latest_ok)
    sdg_value, band = sdg_bands(a, catalog, observations)
    p_sdg = np.array([band_p[b] for b in band], dtype=float)
    out = a.assign(
        p_ours=a["probability"].fillna(0.5).to_numpy(),
        p_pace=np.where(decided, fact, pace.astype(float)),
        p_sdg=np.where(decided, fact, p_sdg),
        p_latest=np.where(decided, fact, latest_ok.astype(float)),
        sdg_band=band,
        sdg_value=sdg_value,
        decided=decided,
    )
    return out[BACKTEST_COLUMNS].reset_index(drop=True)


def backtest_summary(
    bt: pd.DataFrame, *, by: str | None = None, methods: tuple[str, ...] = BACKTEST_METHODS
) -> pd.DataFrame:
    """Brier score (lower is better) and accuracy (higher is better) of each method (codes of
    :data:`ward_analysis.schema.BACKTEST_METHODS`). ``by`` (e.g. ``"kind"`` or ``"as_of"``)
    adds a breakdown."""
    outcome = bt["outcome"].astype(float)
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "method": name,
                    "brier": (bt[f"p_{name}"] - outcome) ** 2,
                    "correct": (bt[f"p_{name}"] >= 0.5) == bt["outcome"].astype(bool),
                    **({by: bt[by]} if by else {}),
                }
            )
            for name in methods
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


#: The probability bins of the reliability table.
RELIABILITY_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)


def reliability(bt: pd.DataFrame, method: str = "ours") -> pd.DataFrame:
    """Predicted probability bins against the observed share met (open rows only: rows already
    decided at the as-of year are certain for every method and left out)."""
    rows = bt[~bt["decided"].astype(bool)]
    p = rows[f"p_{method}"].astype(float)
    bins = pd.cut(p, RELIABILITY_BINS, include_lowest=True)
    out = (
        pd.DataFrame({"bin": bins, "p": p, "met": rows["outcome"].astype(float)})
        .groupby("bin", observed=False)
        .agg(rows=("p", "size"), mean_predicted=("p", "mean"), observed=("met", "mean"))
        .reset_index()
    )
    out["bin"] = out["bin"].astype(str)
    return out.round({"mean_predicted": 3, "observed": 3})


def projection_error(bt: pd.DataFrame) -> pd.DataFrame:
    """Mean signed error of the projected value against the final one, on open rows: in points
    for shares (positive: too high), relative (in % of the final figure) for the rest."""
    rows = bt[~bt["decided"].astype(bool) & bt["projected_value"].notna()]
    diff = rows["projected_value"].astype(float) - rows["final_value"].astype(float)
    rel = 100 * diff / rows["final_value"].astype(float).abs().where(lambda v: v > 0)
    err = np.where(rows["measure"] == "share", diff, rel)
    out = (
        pd.DataFrame({"measure": rows["measure"], "err": err, "abs": np.abs(err)})
        .groupby("measure")
        .agg(
            rows=("err", "size"), mean_signed_error=("err", "mean"), mean_abs_error=("abs", "mean")
        )
        .reset_index()
    )
    return out.round(3)
