"""Model averaging: views of whether a target will be met, mixed with weights learned on real
series.

- **scale** — the trend on the measure's modelling scale (logit for shares, log for amounts
  and counts: :mod:`.trends`);
- **points** — the same trend on the plain scale (percentage points, amounts): a poverty
  rate falling 2–3 points a year keeps falling by points, where the logit bends the fall flat
  as the rate nears zero;
- **progress** — Open SDG's progress measure (the compound growth from the base year so far
  against the growth the target needs; "target achieved" first), turned into a probability by
  a logistic curve learned on real series (:mod:`.progress`).

The trend views' slope has a prior: a series is expected to move towards its target at
:data:`ONE_POINT_PULL` of the pace it needs from its first figure (targets are set where the
trend is heading; on real series, targets were mostly met); with one figure the prior is the
slope, with more it is weighed against the fitted one. The probability is the trend views'
(weighted by :data:`WEIGHTS`; on real series the scale view alone scored best), mixed with the
progress view's (:data:`ward_analysis.model.progress.PROGRESS_SHARE`); the projected figure and
its 80 % interval are the quantiles of the trend views' mixture.

The weights, the pull, the damping (:data:`ward_analysis.model.trends.DAMPING`) and the
progress view's curve were chosen on the tuning part of the real-series corpus only (README,
"Method").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import numpy as np
from scipy.special import expit, ndtr, ndtri

from .trends import (
    Priors,
    TrendFit,
    fit_trend,
    from_scale,
    prob_all_years,
    to_scale,
)

#: Weights of the two trend views. On the tuning part of the real series the points view did
#: not help (cross-validated Brier 0.2165 with both views, 0.2123 with the scale view alone):
#: it is kept for the comparison (``benchmarks/backtest_real.py --compare``) at weight 0.
WEIGHTS = {"scale": 1.0, "points": 0.0}
#: With a single figure, the expected yearly change is this fraction of the change needed to
#: reach the target in its year (when the figure does not meet it yet).
ONE_POINT_PULL = 1.0


def _latest(z: np.ndarray) -> np.ndarray:
    """Each row's latest value (NaN for none)."""
    mask = ~np.isnan(z)
    last = np.where(mask, np.arange(z.shape[1]), -1).max(axis=1)
    return np.where(last >= 0, z[np.arange(len(z)), np.clip(last, 0, None)], np.nan)


def slope_factor(z: np.ndarray, scale: str) -> np.ndarray:
    """d value / d z at ``z``: turns a spread on the modelling scale into one in plain units."""
    z = np.asarray(z, dtype=float)
    if scale == "logit":
        p = expit(z)
        return 100 * p * (1 - p)
    if scale == "log":
        return np.exp(z)
    return np.ones_like(z)


@dataclass(frozen=True)
class View:
    """One view: a trend fit on one scale, and its weight."""

    fit: TrendFit
    scale: str
    weight: float


def planned_slope(
    years: np.ndarray, z: np.ndarray, toward_z: np.ndarray, year: float, up
) -> np.ndarray:
    """The prior mean of each series' yearly change: :data:`ONE_POINT_PULL` of the change from
    its first figure to the target in ``year`` (none when the target asks for no change);
    ``up``: whether the target lies above, for all series or one per series."""
    mask = ~np.isnan(z)
    idx = np.arange(z.shape[1])
    first = np.where(mask, idx, z.shape[1]).min(axis=1)
    ok = first < z.shape[1]
    safe = np.clip(first, 0, z.shape[1] - 1)
    z0 = np.where(ok, z[np.arange(len(z)), safe], np.nan)
    t0 = years[safe]
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.where(year > t0, (toward_z - z0) / (year - t0), np.nan)
    need = np.where(up, np.maximum(need, 0.0), np.minimum(need, 0.0))
    return ONE_POINT_PULL * need


class Ensemble:
    """The trend views of many series (rows) of one target; see the module's docstring."""

    def __init__(
        self,
        years: np.ndarray,
        values: np.ndarray,
        scale: str,
        priors: Priors,
        *,
        toward: np.ndarray | float | None = None,
        year: float,
        up: bool | np.ndarray = True,
        weights: dict[str, float] | None = None,
    ):
        weights = WEIGHTS if weights is None else weights
        years = np.asarray(years, dtype=float)
        values = np.atleast_2d(np.asarray(values, dtype=float))
        z = to_scale(values, scale)
        n = len(values)
        toward = np.broadcast_to(
            np.asarray(np.nan if toward is None else toward, dtype=float), (n,)
        )
        toward_s = to_scale(toward, scale)
        fit_s = fit_trend(years, z, priors, planned_slope(years, z, toward_s, year, up))
        # the plain-scale view borrows the pooled priors, turned into plain units at each
        # series' latest level
        factor = slope_factor(_latest(z), scale)
        noise_p = np.broadcast_to(np.asarray(priors.noise, dtype=float), (n,)) * factor
        slope_p = np.broadcast_to(np.asarray(priors.slope_sd, dtype=float), (n,)) * factor
        fit_p = fit_trend(
            years, values, Priors(noise_p, slope_p), planned_slope(years, values, toward, year, up)
        )
        self.scale = scale
        self.n = fit_s.n
        #: each series' year-to-year noise in plain units (the points view's)
        self.noise_plain = fit_p.noise
        self.last_year = fit_s.last_year
        self.views = [
            View(fit_s, scale, weights["scale"]),
            View(fit_p, "identity", weights["points"]),
        ]
        self.views = [v for v in self.views if v.weight > 0]

    def p_beyond(self, year: float, bound: np.ndarray | float, up: bool) -> np.ndarray:
        """P(the figure of ``year`` is at or beyond ``bound`` (a plain figure))."""
        total = 0.0
        for v in self.views:
            mean, sd = v.fit.mean(year), v.fit.sd(year)
            zscore = (mean - to_scale(bound, v.scale)) / sd
            total = total + v.weight * ndtr(zscore if up else -zscore)
        return total / sum(v.weight for v in self.views)

    def p_all_years(self, years, bound: float, up: bool, which=None) -> np.ndarray:
        """P(every one of ``years`` is on the right side of ``bound``)."""
        total = 0.0
        for v in self.views:
            thr = to_scale(np.array([bound]), v.scale)[0]
            total = total + v.weight * prob_all_years(v.fit, years, thr, up, which=which)
        return total / sum(v.weight for v in self.views)

    def cdf(self, year: float, value: np.ndarray) -> np.ndarray:
        """P(the figure of ``year`` ≤ ``value``) under the mixture."""
        total = 0.0
        for v in self.views:
            mean, sd = v.fit.mean(year), v.fit.sd(year)
            total = total + v.weight * ndtr((to_scale(value, v.scale) - mean) / sd)
        return total / sum(v.weight for v in self.views)

    def quantiles(
        self, year: float, levels=(0.1, 0.5, 0.9), bounds: tuple[float, float] | None = None
    ) -> list[np.ndarray]:
        """Quantiles of the mixture's figure in ``year`` (bisection on the plain scale),
        kept within ``bounds`` (a share's 0–100)."""
        if len(self.views) == 1:  # one view: its normal quantiles, no search needed
            v = self.views[0]
            mean, sd = v.fit.mean(year), v.fit.sd(year)
            out = [from_scale(mean + ndtri(level) * sd, v.scale) for level in levels]
            if bounds is not None:
                out = [np.clip(q, *bounds) for q in out]
            return [np.where(self.n > 0, q, np.nan) for q in out]
        lows, highs = [], []
        for v in self.views:
            mean, sd = v.fit.mean(year), v.fit.sd(year)
            lows.append(from_scale(mean - 8 * sd, v.scale))
            highs.append(from_scale(mean + 8 * sd, v.scale))
        lo0, hi0 = reduce(np.fmin, lows), reduce(np.fmax, highs)
        out = []
        for level in levels:
            lo, hi = lo0.copy(), hi0.copy()
            for _ in range(50):
                mid = (lo + hi) / 2
                below = self.cdf(year, mid) < level
                lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
            q = (lo + hi) / 2
            if bounds is not None:
                q = np.clip(q, *bounds)
            out.append(np.where(self.n > 0, q, np.nan))
        return out
