"""Synthetic wards with known outcomes, for backtests and benchmarks.

:func:`synthetic_observations` makes a tidy observations table for many
invented units, every target of a catalog, years ``base_year … target_year``.
Each series follows one of four scenarios, drawn at random per unit and
target: ``steady`` (a trend with little noise), ``noisy`` (a trend with much
noise), ``reversing`` (the trend turns around mid-term) and ``saturating``
(a share closing in on a ceiling near 100 %). Where a series starts and how
fast it moves are drawn around the target so that outcomes are mixed. The
target-year figure is an estimate, as in real end-of-term reports; about 5 %
of the other figures are missing. Nothing here is tuned to the shipped data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from ..errors import WardAnalysisError
from ..schema import OBSERVATION_COLUMNS
from . import kinds
from .catalog import Catalog, Target

SCENARIOS = ("steady", "noisy", "reversing", "saturating")


def _shares(
    t: Target, rng: np.random.Generator, n: int, years: np.ndarray, scen: np.ndarray
) -> np.ndarray:
    h = years - years[0]
    span = h[-1]
    up = 1.0 if t.comparator in (">=", ">") else -1.0
    low, high = t.plausible_range
    if (low, high) != (0.0, 100.0):  # a rate that may be negative: plain scale
        sd = 0.05 * max(abs(t.threshold_value), 0.1)
        end = t.threshold_value + rng.normal(0, 3 * sd, n)
        slope = up * -np.abs(rng.normal(0, 1.5 * sd, n))
        base = end[:, None] - slope[:, None] * (span - h)
        noise = np.where(scen == "noisy", 2.5, 0.6)[:, None] * sd * rng.standard_normal((n, len(h)))
        turn = (scen == "reversing")[:, None] & (h >= rng.integers(2, 4, n)[:, None])
        return (
            np.where(turn, base[:, :1] + slope[:, None] * 2 - slope[:, None] * (h - 2), base)
            + noise
        )
    if t.threshold_value >= high and t.comparator == ">=":  # "100 % every year"
        hold = rng.beta(12, 1, n)[:, None]
        dips = 100 - rng.uniform(0.1, 3, (n, len(h)))
        return np.where(rng.random((n, len(h))) < hold, 100.0, dips)
    thr = logit(np.clip(t.threshold_value, 0.5, 99.5) / 100)
    end = thr + rng.normal(0, 0.45, n)
    slope = up * np.abs(rng.normal(0.12, 0.12, n))
    z = end[:, None] - slope[:, None] * (span - h)
    rev = (scen == "reversing")[:, None]
    turn_at = rng.integers(2, 4, n)[:, None]
    z = np.where(rev & (h > turn_at), z - 2 * slope[:, None] * (h - turn_at), z)
    noise_sd = np.where(scen == "noisy", 0.25, 0.05)[:, None]
    z = z + noise_sd * rng.standard_normal((n, len(h)))
    values = 100 * expit(z)
    sat = (scen == "saturating") & (up > 0)
    if sat.any():
        ceiling = np.clip(t.threshold_value + rng.normal(0, 2.5, n), 1, 99.9)
        start = ceiling - rng.uniform(5, 25, n)
        k = rng.uniform(0.3, 0.9, n)
        path = ceiling[:, None] - (ceiling - start)[:, None] * np.exp(-k[:, None] * h)
        path = path + 0.3 * rng.standard_normal((n, len(h)))
        values = np.where(sat[:, None], path, values)
    return np.clip(values, 0, 100)


def _amounts(t: Target, rng, n, years, scen) -> np.ndarray:
    h = years - years[0]
    growth = rng.normal(t.threshold_value / 100 + 0.005, 0.02, n)
    sd = np.where(scen == "noisy", 0.06, 0.015)[:, None]
    step = growth[:, None] + sd * rng.standard_normal((n, len(h)))
    step = np.where((scen == "reversing")[:, None] & (h >= 3), step - 2 * growth[:, None], step)
    step[:, 0] = 0.0
    return rng.uniform(5000, 12000, n)[:, None] * np.exp(np.cumsum(np.log1p(step), axis=1))


def flows(t: Target, rng, n, years, scen) -> np.ndarray:
    """Yearly flows (counts as Poisson draws, others Gamma) whose term total is near the target."""
    h = years - years[0]
    per_year = t.threshold_value / (t.target_year - t.first_year + 1)
    rate = per_year * rng.uniform(0.6, 1.4, n)[:, None] * np.ones(len(h))
    rate = np.where((scen == "reversing")[:, None] & (h >= 3), rate * 0.4, rate)
    if t.measure == "count":
        return rng.poisson(rate).astype(float)
    cv = np.where(scen == "noisy", 0.7, 0.3)[:, None]
    shape = 1 / cv**2
    return np.round(rng.gamma(shape, rate / shape), 3)


def _booleans(t: Target, rng, n, years, scen) -> np.ndarray:
    hold = rng.beta(9, 1, n)[:, None]
    return (rng.random((n, len(years))) < hold).astype(float)


def _ratings(t: Target, rng, n, years, scen) -> np.ndarray:
    top = len(t.rating_scale) - 1
    thr = t.threshold_value
    slip = rng.beta(1, 10, n)[:, None]
    r = rng.random((n, len(years)))
    return np.clip(np.where(r < slip, thr - 1, np.where(r > 0.7, thr + 1, thr)), 0, top)


#: A level's invented series, by measure.
_BY_MEASURE = {
    "share": _shares,
    "amount": _amounts,
    "count": _amounts,
    "boolean": _booleans,
    "rating": _ratings,
    "length": flows,
}


def by_measure(t: Target, rng, n, years, scen) -> np.ndarray:
    """Invented yearly levels of a target, by its measure (an unknown measure is an error)."""
    try:
        make = _BY_MEASURE[t.measure]
    except KeyError:
        raise WardAnalysisError(f"no invented series for the measure '{t.measure}'") from None
    return make(t, rng, n, years, scen)


def synthetic_observations(
    catalog: Catalog, n_units: int, *, seed: int = 0, missing: float = 0.05
) -> pd.DataFrame:
    """Tidy observations for ``n_units`` invented units (named ``Đơn vị 0001`` …) and every target."""
    rng = np.random.default_rng(seed)
    units = np.array([f"Đơn vị {i + 1:04d}" for i in range(n_units)])
    frames = []
    for t in catalog:
        years = np.arange(t.base_year, t.target_year + 1)
        scen = rng.choice(SCENARIOS, n_units)
        kind = kinds.get(t.kind)
        values = kind.synthetic(t, rng, n_units, years, scen)
        if t.measure == "share" and not kind.running_total:
            values = np.round(values, 2)
        drop = rng.random(values.shape) < missing
        drop[:, -1] = rng.random(n_units) < missing / 2
        values = np.where(drop, np.nan, values)
        frames.append(
            pd.DataFrame(
                {
                    "unit": np.repeat(units, len(years)),
                    "target_id": t.id,
                    "year": np.tile(years, n_units),
                    "value": values.ravel(),
                    "value_kind": np.tile(
                        np.where(years == t.target_year, "estimate", "actual"), n_units
                    ),
                    "basis": t.basis,
                    "scenario": np.repeat(scen, len(years)),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out = out[out["value"].notna()].reset_index(drop=True)
    out = out.assign(source="synthetic", note=None, flag=None)
    return out[[*OBSERVATION_COLUMNS, "scenario"]]
