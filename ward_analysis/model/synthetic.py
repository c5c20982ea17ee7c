"""Synthetic wards with known outcomes, for backtests and benchmarks.

:func:`synthetic_observations` makes a tidy observations table for many
invented units, every target of a catalog, years ``base_year … target_year``.
Levels move by points (shares, rates) or by growth (amounts) with the dynamics of real
series (:data:`REAL_DYNAMICS`, learned on the tuning part of the real-series corpus): the gap
to close, the fraction of it realised by the target year and the yearly noise are drawn from
what real Vietnamese series did — not along a straight line on the logit scale, the scale our
model fits. Each series is labelled ``steady``, ``noisy`` or ``reversing`` (moving away from
its target) by what was drawn. The target-year figure is an estimate, as in real end-of-term
reports; about 5 % of the other figures are missing. A target compared with another unit's
figures (``relative``) brings that unit's invented series too, once, labelled ``reference``
(its kind's ``synthetic_reference``). Nothing here is tuned to the shipped data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..schema import OBSERVATION_COLUMNS
from . import kinds
from .catalog import Catalog, Target

SCENARIOS = ("steady", "noisy", "reversing")


#: The dynamics of real series, learned on the tuning part of the real-series corpus (level
#: targets on a share or rate with a base-year and a target-year figure; ``tests/real_corpus.py``
#: ``dynamics`` computes them and a test checks these figures): quantiles (10, 25, 50, 75,
#: 90 %) of the fraction of the needed change that was realised by the target year (1: the
#: target exactly met), of the gap to close (relative to the threshold), and of the year-to-year
#: noise of the yearly change (relative to the yearly change needed).
REAL_DYNAMICS = {
    "realised": (-0.46, 0.52, 1.0, 1.12, 1.21),
    "gap": (0.013, 0.031, 0.085, 0.518, 0.632),
    "noise": (0.17, 0.24, 0.33, 0.52, 0.78),
}
_LEVELS = (0.1, 0.25, 0.5, 0.75, 0.9)


def draw(rng: np.random.Generator, name: str, n: int) -> np.ndarray:
    """``n`` draws from a learned distribution (its quantiles, linearly interpolated; the tails
    beyond the 10 % and 90 % quantiles extended by the next quantile step)."""
    q = np.asarray(REAL_DYNAMICS[name], dtype=float)
    levels = np.r_[0.0, _LEVELS, 1.0]
    knots = np.r_[q[0] - (q[1] - q[0]), q, q[-1] + (q[-1] - q[-2])]
    return np.interp(rng.random(n), levels, knots)


def _scenario(realised: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """What each drawn series is like, as a label: reversing, noisy or steady."""
    return np.where(
        realised < 0, "reversing", np.where(noise > REAL_DYNAMICS["noise"][2], "noisy", "steady")
    )


def paths(
    rng: np.random.Generator,
    years: np.ndarray,
    base: np.ndarray,
    goal: np.ndarray,
    scen: np.ndarray,
    bounds: tuple[float, float] = (-np.inf, np.inf),
) -> np.ndarray:
    """Levels that move by points (not along a logit line) from ``base`` in the first year
    towards ``goal`` in the last (one of each per series): the fraction of the change realised
    and the yearly noise drawn from the real series; labels ``scen``; kept within ``bounds``."""
    n = len(base)
    h = years - years[0]
    span = max(h[-1], 1)
    need = np.asarray(goal, dtype=float) - base
    realised = draw(rng, "realised", n)
    noise = np.maximum(draw(rng, "noise", n), 0.05)
    step = need / span
    steps = realised[:, None] * step[:, None] + (
        noise[:, None] * np.abs(step)[:, None] * rng.standard_normal((n, len(h)))
    )
    steps[:, 0] = 0.0
    # the drawn fraction is what the last year shows, give or take the last year's noise
    path = base[:, None] + np.cumsum(steps, axis=1)
    drift = (base + realised * need) - path[:, -1]
    path = path + drift[:, None] * (h / span)[None, :]
    scen[:] = _scenario(realised, noise)
    low, high = bounds
    return np.clip(
        path, low if np.isfinite(low) else -np.inf, high if np.isfinite(high) else np.inf
    )


def _shares(
    t: Target, rng: np.random.Generator, n: int, years: np.ndarray, scen: np.ndarray
) -> np.ndarray:
    """Levels that move by points (not along a logit line): a gap to the target and the fraction
    of it realised drawn from the real series, plus yearly noise of the real size."""
    h = years - years[0]
    up = 1.0 if t.comparator in (">=", ">") else -1.0
    low, high = t.plausible_range
    if t.threshold_value >= high and t.comparator == ">=":  # "100 % every year"
        hold = rng.beta(12, 1, n)[:, None]
        dips = 100 - rng.uniform(0.1, 3, (n, len(h)))
        return np.where(rng.random((n, len(h))) < hold, 100.0, dips)
    thr = t.threshold_value
    need = up * np.maximum(draw(rng, "gap", n), 0.005) * max(abs(thr), 1.0)
    return paths(rng, years, thr - need, np.full(n, thr), scen, (low, high))


def amounts(t: Target, rng, n, years, scen, *, needed: float = 0.05) -> np.ndarray:
    """Amounts growing at the fraction of the ``needed`` growth (a year) drawn from the real
    series."""
    h = years - years[0]
    realised = draw(rng, "realised", n)
    noise = np.maximum(draw(rng, "noise", n), 0.05)
    growth = realised * needed
    step = growth[:, None] + noise[:, None] * abs(needed) * rng.standard_normal((n, len(h)))
    step[:, 0] = 0.0
    scen[:] = _scenario(realised, noise)
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
    "amount": amounts,
    "count": amounts,
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


def _reference_frame(
    t: Target, years: np.ndarray, unit: str, target_id: str, values: np.ndarray
) -> pd.DataFrame:
    """The observations of the unit a target is compared with (all actual figures)."""
    return pd.DataFrame(
        {"unit": unit, "target_id": target_id, "year": years, "value": values,
         "value_kind": "actual", "basis": t.basis, "scenario": "reference"}
    )  # fmt: skip


def synthetic_observations(
    catalog: Catalog, n_units: int, *, seed: int = 0, missing: float = 0.05
) -> pd.DataFrame:
    """Tidy observations for ``n_units`` invented units (named ``Đơn vị 0001`` …) and every target."""
    rng = np.random.default_rng(seed)
    units = np.array([f"Đơn vị {i + 1:04d}" for i in range(n_units)])
    frames = []
    seen: set[tuple[str, str]] = set()
    for t in catalog:
        years = np.arange(t.base_year, t.target_year + 1)
        scen = rng.choice(SCENARIOS, n_units).astype(object)
        kind = kinds.get(t.kind)
        values = kind.synthetic(t, rng, n_units, years, scen)
        reference = kind.synthetic_reference(t, years)
        if reference is not None and reference[:2] not in seen:  # another unit's series, once
            seen.add(reference[:2])
            frames.append(_reference_frame(t, years, *reference))
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
