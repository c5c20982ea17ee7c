"""The baselines our forecasts are scored against, each named for what it is.

- **latest** — "the latest value meets": 1 if the latest figure already meets the target, else 0.
- **pace** — "linear pace ratio, 0/1": the observed yearly change (in points, from the
  first figure) against the change still required from the latest figure; met when at least
  95 % of it (a variant of Eurostat's pace ratio, scored as a hard call).
- **sdg** — "Open SDG bands, calibrated": Open SDG's progress measure (``sdg-build``,
  ``sdg/ProgressMeasure.py``, method 2 for a quantitative target), implemented faithfully:
  the target already achieved first; else the ratio of the observed compound annual growth
  from the base year (or the first year after it with a figure) to the latest year, to the
  compound growth required from the base year to the target year, cut into the bands
  ≥ 0.95 substantial, 0.6–0.95 moderate, 0–0.6 limited, < 0 deterioration. Each band is
  then given the share of targets met in it, learned on the tuning part of the real-series
  corpus (:data:`SDG_BAND_P`), so the baseline gives probabilities, like ours.
"""

from __future__ import annotations

import numpy as np

#: Open SDG's default progress thresholds for a quantitative target (method 2).
SDG_THRESHOLDS = {"high": 0.95, "med": 0.6, "low": 0.0}
#: Band codes, as Open SDG names its statuses.
SDG_BANDS = (
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
    "not_available",
)
#: P(met | band), learned on the tuning part of the real-series corpus (Laplace-smoothed share
#: of targets met among the tuning rows in each band); ``benchmarks/backtest_real.py --learn``
#: prints them and ``tests/test_backtest_real.py`` checks that they are still what it learns.
SDG_BAND_P = {
    "target_achieved": 0.8947,
    "substantial_progress": 0.8462,
    "moderate_progress": 0.4545,
    "limited_progress": 0.5714,
    "deterioration": 0.5,
    "not_available": 0.6458,
}


def growth(current, base, t_current, t_base) -> np.ndarray:
    """Open SDG's ``growth_calculation``: compound annual growth rate from base to current."""
    current, base = np.asarray(current, dtype=float), np.asarray(base, dtype=float)
    span = np.asarray(t_current, dtype=float) - np.asarray(t_base, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(span > 0, (current / base) ** (1 / span) - 1, np.nan)


def sdg_progress(
    base_value, base_year, current_value, current_year, target, target_year, upward
) -> tuple[np.ndarray, np.ndarray]:
    """Open SDG's progress value and band for each row (arrays or scalars).

    As ``SeriesProgress``: a target of 0 counts as 0.001, and so does a base value of 0;
    ``sign`` is −1 for a negative base value; ``direction`` is +1 when a higher figure is
    better. ``target_achieved`` when the current value meets the target (≥ or ≤); no value
    (``not_available``) when there is no base, the base is the current year, or base and
    current have opposite signs.
    """
    base = np.asarray(base_value, dtype=float)
    current = np.asarray(current_value, dtype=float)
    target = np.asarray(target, dtype=float)
    up = np.asarray(upward, dtype=bool)
    base, current, target, up, by, cy, ty = np.broadcast_arrays(
        base, current, target, up, np.asarray(base_year, float), np.asarray(current_year, float),
        np.asarray(target_year, float),
    )  # fmt: skip
    target = np.where(target == 0, 0.001, target)
    achieved = np.where(up, current >= target, current <= target) & ~np.isnan(current)
    base = np.where(base == 0, 0.001, base)
    sign = np.where(base < 0, -1.0, 1.0)
    direction = np.where(up, 1.0, -1.0)
    cagr_o = growth(current, base, cy, by)
    cagr_r = growth(target, base, ty, by)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = sign * direction * cagr_o / np.abs(cagr_r)
    bad = np.isnan(base) | np.isnan(current) | (cy - by < 1) | ((base > 0) != (current > 0))
    value = np.where(bad, np.nan, value)
    band = np.select(
        [
            achieved,
            np.isnan(value),
            value >= SDG_THRESHOLDS["high"],
            value >= SDG_THRESHOLDS["med"],
            value >= SDG_THRESHOLDS["low"],
        ],
        ["target_achieved", "not_available", "substantial_progress", "moderate_progress",
         "limited_progress"],
        "deterioration",
    ).astype(object)  # fmt: skip
    return value, band


def learn_band_p(bands, outcomes) -> dict[str, float]:
    """P(met | band): the share met among the rows in each band, Laplace-smoothed ((k+1)/(n+2))."""
    bands = np.asarray(bands, dtype=object)
    outcomes = np.asarray(outcomes, dtype=bool)
    return {
        b: round(float((outcomes[bands == b].sum() + 1) / ((bands == b).sum() + 2)), 4)
        for b in SDG_BANDS
    }


def pace_call(required, actual, pace_ratio, upward, latest_ok) -> np.ndarray:
    """The linear pace ratio as a 0/1 call: met when the ratio is at least 0.95, or, when
    nothing more is required, when the current pace keeps the target met; the latest value
    where no pace can be computed."""
    sign = np.where(np.asarray(upward, dtype=bool), 1.0, -1.0)
    req, act = sign * np.asarray(required, float), sign * np.asarray(actual, float)
    ratio = np.asarray(pace_ratio, dtype=float)
    with np.errstate(invalid="ignore"):
        call = np.where(req > 0, ratio >= 0.95, act >= req)
    return np.where(np.isnan(act) | np.isnan(req), latest_ok, call)
