"""The progress view: Open SDG's progress measure as a probability, learned on real series.

Open SDG's measure (:func:`ward_analysis.model.baselines.sdg_progress`) compares the compound
growth from the base year so far with the growth the target needs. Here it is read as a
number, not cut into bands: the probability that the target is met is
``expit(b0 + b1 · clip(progress, −1, 2) + b2 · [no progress measurable])``, with a target
already achieved counted as progress 2. The coefficients (:data:`PROGRESS_CURVE`) are learned
on the tuning part of the real-series corpus (:func:`fit_curve`;
``benchmarks/backtest_real.py --learn``); ``ensemble`` mixes this view with the trend views
with the share :data:`PROGRESS_SHARE` (larger for series of one or two figures), chosen by
cross-validation on the same part.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from .baselines import sdg_progress
from .panel import upward

#: (b0, b1, b2) of the progress curve, learned on the tuning part of the real series.
PROGRESS_CURVE = (0.55, 0.52, 0.06)
#: The progress view's share of the final probability (the trend views have the rest): for
#: series of one or two figures, and of three or more (the trend earns weight with figures).
PROGRESS_SHARE = (0.8, 0.2)
#: L2 penalty on b1, b2 when the curve is learned (keeps it gentle on few rows).
_PENALTY = 0.01


def features(value: np.ndarray, achieved: np.ndarray) -> np.ndarray:
    """The curve's inputs: a column of ones, the clipped progress value (2 when achieved) and
    whether no progress could be measured."""
    value = np.asarray(value, dtype=float)
    achieved = np.asarray(achieved, dtype=bool)
    x = np.where(achieved, 2.0, np.where(np.isnan(value), 0.0, np.clip(value, -1.0, 2.0)))
    missing = (np.isnan(value) & ~achieved).astype(float)
    return np.column_stack([np.ones(len(x)), x, missing])


def curve(value: np.ndarray, achieved: np.ndarray, coef=None) -> np.ndarray:
    """P(met) from the progress value (NaN: not measurable) and whether already achieved."""
    coef = PROGRESS_CURVE if coef is None else coef
    return expit(features(value, achieved) @ np.asarray(coef, dtype=float))


def fit_curve(value, achieved, outcome) -> tuple[float, float, float]:
    """Learn the curve's coefficients: least squares on the probability (the Brier score), with
    a small L2 penalty."""
    X = features(value, achieved)
    y = np.asarray(outcome, dtype=float)

    def loss(w):
        return np.mean((expit(X @ w) - y) ** 2) + _PENALTY * np.sum(w[1:] ** 2)

    w = minimize(loss, np.zeros(X.shape[1]), method="BFGS").x
    return tuple(round(float(v), 2) for v in w)


def progress_probability(
    panel, target, target_level: np.ndarray | float, up: bool | None = None
) -> np.ndarray:
    """The progress view of each unit of a panel: Open SDG's measure from the figure of the
    base year (or the first after it) to the latest, against ``target_level``; ``up``: whether
    a higher level is better (as the comparator says by default)."""
    years = panel.years
    after = panel.observed & (years >= target.base_year)[None, :]
    idx = np.arange(len(years))
    first = np.where(after, idx, len(years)).min(axis=1)
    first = np.where(first < len(years), first, -1)
    base_v, base_y = panel.at(first), panel.year_at(first).astype(float)
    cur_v, cur_y = panel.at(panel.last_idx), panel.year_at(panel.last_idx).astype(float)
    level = np.broadcast_to(np.asarray(target_level, dtype=float), base_v.shape)
    value, band = sdg_progress(
        base_v, base_y, cur_v, cur_y, level, target.target_year,
        upward(target) if up is None else up,
    )  # fmt: skip
    return curve(value, band == "target_achieved")


def share(n_points: np.ndarray) -> np.ndarray:
    """The progress view's share for series of ``n_points`` figures."""
    few, many = PROGRESS_SHARE
    return np.where(np.asarray(n_points) >= 3, many, few)


def mix(p_trend: np.ndarray, p_progress: np.ndarray, n_points: np.ndarray) -> np.ndarray:
    """The final probability: the trend views and the progress view, by :data:`PROGRESS_SHARE`."""
    w = share(n_points)
    return (1 - w) * np.asarray(p_trend) + w * np.asarray(p_progress)
