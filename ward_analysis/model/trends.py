"""Trend fitting and projection with honest uncertainty, vectorised over many series.

The model, for a yearly series of a measure:

- values are put on a scale where a straight line is plausible: ``logit`` for
  shares bounded by 0–100 %, ``log(1 + x)`` for amounts and counts, the plain
  value otherwise;
- a straight line is fitted on that scale by least squares; a single point
  gets no slope but an interval that widens with the horizon (the spread of
  slopes seen in the other series);
- the year-to-year noise combines a prior (worth ``PRIOR_WEIGHT``
  observations) with the residuals of the line fitted to the points *before
  the latest one*;
- the priors (noise, and slope spread for single points) are learned from all the series on the
  same scale that are assessed together — every target of a ward, or every
  ward of a province (empirical Bayes, :func:`pooled_priors`) — falling back
  to fixed defaults when there is too little to learn from. They too use only
  the points before each series' latest one, so a better latest figure can
  only raise a probability, never lower it by widening an interval;
- beyond the last figure the slope may be damped (each further year adds φ^k of
  it, φ = ``DAMPING``: the damped trend of Gardner & McKenzie); on real series no
  damping (φ = 1) scored best;
- a projection to year ``T`` is normal on that scale, with the variance of the
  line's level and slope plus one year of noise.

Everything works on 2-D arrays (series × years, NaN for no figure) so that
thousands of units are handled in one pass; :func:`project` is the friendly
one-series front end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit, ndtr, ndtri

#: Default prior year-to-year noise (sd) on each scale: logit units, log units,
#: and for the plain scale a fraction of the series' level.
PRIOR_NOISE = {"logit": 0.15, "log": 0.05, "identity": 0.05}
#: Default prior sd of the yearly slope, in the same units.
PRIOR_SLOPE = {"logit": 0.3, "log": 0.1, "identity": 0.1}
#: How many observations' worth the (pooled) noise prior counts for in each series.
PRIOR_WEIGHT = 3.0
#: Damping of the trend beyond the last figure (Gardner–McKenzie damped trend): each
#: further year adds DAMPING^k of the slope. 1 (no damping): on the tuning part of the real
#: series, 0.8 and 0.9 bent steady falls and rises flat and scored worse (README, "Method").
DAMPING = 1.0
#: Shares are kept inside [EPS, 100 − EPS] % before the logit.
SHARE_EPS = 0.1
#: Gauss–Hermite nodes used to integrate over the line's level and slope.
_GH_NODES, _GH_WEIGHTS = np.polynomial.hermite_e.hermegauss(5)
_GH_WEIGHTS = _GH_WEIGHTS / _GH_WEIGHTS.sum()


def scale_for(measure: str, valid_range: tuple[float, float] | None = None) -> str:
    """The scale a measure is modelled on: ``logit``, ``log`` or ``identity``."""
    if measure == "share" and (valid_range is None or tuple(valid_range) == (0.0, 100.0)):
        return "logit"
    if measure in ("amount", "count"):
        return "log"
    return "identity"


def to_scale(values: np.ndarray, scale: str) -> np.ndarray:
    """Values → modelling scale (NaN stays NaN).

    ``log`` is ``log(1 + x)`` so that a count or amount of zero stays usable;
    amounts and counts are never negative (cleaning rejects them).
    """
    values = np.asarray(values, dtype=float)
    if scale == "logit":
        return logit(np.clip(values, SHARE_EPS, 100 - SHARE_EPS) / 100)
    if scale == "log":
        return np.log1p(np.maximum(values, 0.0))
    return values


def from_scale(z: np.ndarray, scale: str) -> np.ndarray:
    """Modelling scale → values."""
    z = np.asarray(z, dtype=float)
    if scale == "logit":
        return 100 * expit(z)
    if scale == "log":
        return np.expm1(z)
    return z


@dataclass(frozen=True)
class TrendFit:
    """Straight-line fits of many series at once (arrays of length n_series)."""

    n: np.ndarray  # points per series
    tbar: np.ndarray  # mean year of the points
    level: np.ndarray  # fitted value at tbar
    slope: np.ndarray  # per year, on the modelling scale
    var_level: np.ndarray
    var_slope: np.ndarray
    noise: np.ndarray  # year-to-year noise (sd) on the modelling scale
    first_year: np.ndarray
    last_year: np.ndarray

    def reach(self, year: float | np.ndarray) -> np.ndarray:
        """How many slope-years separate ``year`` from the centre of the data (damped past the data)."""
        year = np.asarray(year, dtype=float)
        ahead = np.maximum(year - self.last_year, 0.0)
        return np.minimum(year, self.last_year) - self.tbar + damped_years(ahead)

    def mean(self, year: float | np.ndarray) -> np.ndarray:
        """Projected mean on the modelling scale in ``year``."""
        return self.level + self.slope * self.reach(year)

    def sd(self, year: float | np.ndarray, *, with_noise: bool = True) -> np.ndarray:
        """Predictive sd on the modelling scale in ``year`` (the line's uncertainty + noise)."""
        var = self.var_level + self.var_slope * self.reach(year) ** 2
        if with_noise:
            var = var + self.noise**2
        return np.sqrt(var)


def damped_years(ahead: np.ndarray | float) -> np.ndarray:
    """φ + φ² + … + φ^h for h (possibly fractional, ≥ 0) years ahead."""
    h = np.asarray(ahead, dtype=float)
    if DAMPING >= 1:
        return h  # no damping: the trend goes on
    return DAMPING * (1 - DAMPING**h) / (1 - DAMPING)


def _line(years: np.ndarray, z: np.ndarray, mask: np.ndarray):
    n = mask.sum(axis=1)
    safe_n = np.maximum(n, 1)
    tbar = (mask * years).sum(axis=1) / safe_n
    dt = np.where(mask, years - tbar[:, None], 0.0)
    sxx = (dt**2).sum(axis=1)
    zz = np.where(mask, z, 0.0)
    zbar = zz.sum(axis=1) / safe_n
    sxz = (dt * np.where(mask, z - zbar[:, None], 0.0)).sum(axis=1)
    slope = np.divide(sxz, sxx, out=np.zeros_like(sxz), where=sxx > 0)
    resid = np.where(mask, z - zbar[:, None] - slope[:, None] * dt, 0.0)
    rss = (resid**2).sum(axis=1)
    return n, tbar, zbar, slope, sxx, rss


def _before_latest(z: np.ndarray) -> np.ndarray:
    """Mask of the points of each row except its latest one."""
    mask = ~np.isnan(z)
    idx = np.arange(z.shape[1])
    last = np.where(mask, idx, -1).max(axis=1)
    return mask & (idx[None, :] != last[:, None])


@dataclass(frozen=True)
class Priors:
    """Prior year-to-year noise and slope spread (per series or one for all)."""

    noise: np.ndarray | float
    slope_sd: np.ndarray | float


def default_priors(scale: str, z: np.ndarray) -> Priors:
    """The fixed defaults, scaled by each series' level on the plain scale."""
    z = np.atleast_2d(z)
    if scale != "identity":
        return Priors(PRIOR_NOISE[scale], PRIOR_SLOPE[scale])
    seen = ~np.isnan(z)
    total = np.where(seen, np.abs(z), 0.0).sum(axis=1)
    count = seen.sum(axis=1)
    level = np.divide(total, count, out=np.ones(len(count)), where=count > 0)
    level = np.where(level > 0, level, 1.0)
    return Priors(PRIOR_NOISE[scale] * level, PRIOR_SLOPE[scale] * level)


def pooled_priors(scale: str, years: list[np.ndarray], zs: list[np.ndarray]) -> Priors:
    """Learn the noise and slope priors from many series on one scale (empirical Bayes).

    Only the points before each series' latest one are used, so a series'
    newest figure never changes the priors. With too little to learn from, the
    defaults are kept. On the plain scale (units differ between targets) the
    defaults, relative to each series' level, are always used.
    """
    if scale == "identity" or not zs:
        return default_priors(
            scale, np.vstack([np.atleast_2d(z) for z in zs]) if zs else np.zeros((0, 1))
        )
    rss, dof, slopes, inv_sxx = [], [], [], []
    for yrs, z in zip(years, zs, strict=True):
        z = np.atleast_2d(z)
        n, _, _, slope, sxx, r = _line(np.asarray(yrs, dtype=float), z, _before_latest(z))
        rss.append(r[n >= 3])
        dof.append((n - 2)[n >= 3])
        slopes.append(slope[n >= 2])
        inv_sxx.append(1 / sxx[n >= 2])
    rss_t, dof_t = np.concatenate(rss).sum(), np.concatenate(dof).sum()
    noise2 = (PRIOR_WEIGHT * PRIOR_NOISE[scale] ** 2 + rss_t) / (PRIOR_WEIGHT + dof_t)
    b, v = np.concatenate(slopes), np.concatenate(inv_sxx)
    if b.size >= 3:
        tau2 = max(float(np.mean(b**2) - noise2 * np.mean(v)), (0.25 * PRIOR_SLOPE[scale]) ** 2)
    else:
        tau2 = PRIOR_SLOPE[scale] ** 2
    return Priors(float(np.sqrt(noise2)), float(np.sqrt(tau2)))


def fit_trend(
    years: np.ndarray, z: np.ndarray, priors: Priors, slope_mean: np.ndarray | None = None
) -> TrendFit:
    """Fit a line to every row of ``z`` (series × years, NaN = no figure) on one scale.

    Level and slope by least squares; a single point gets no slope but a slope
    spread of ``priors.slope_sd`` (its interval widens with the horizon). With
    ``slope_mean`` (per series, NaN for none) the slope has a prior of that mean and
    sd ``priors.slope_sd``, combined with the least-squares slope by precision.
    The noise combines ``priors.noise`` (worth ``PRIOR_WEIGHT`` observations)
    with the residuals of the points before the latest one. Rows with no point
    get NaN everywhere.
    """
    years = np.asarray(years, dtype=float)
    z = np.atleast_2d(np.asarray(z, dtype=float))
    mask = ~np.isnan(z)
    n, tbar, level, slope_ols, sxx, _ = _line(years, z, mask)
    n_e, *_, rss_e = _line(years, z, _before_latest(z))
    dof = np.maximum(n_e - 2, 0)
    prior_noise = np.broadcast_to(np.asarray(priors.noise, dtype=float), n.shape)
    noise2 = (PRIOR_WEIGHT * prior_noise**2 + np.where(dof > 0, rss_e, 0.0)) / (PRIOR_WEIGHT + dof)
    tau2 = np.broadcast_to(np.asarray(priors.slope_sd, dtype=float), n.shape) ** 2
    slope = np.where(sxx > 0, slope_ols, 0.0)
    var_slope = np.where(sxx > 0, noise2 / np.where(sxx > 0, sxx, 1.0), tau2)
    if slope_mean is not None:
        # a prior on the slope (mean ``slope_mean``, sd ``priors.slope_sd``), combined with the
        # least-squares slope by precision; a single point takes the prior as it is
        m = np.broadcast_to(np.asarray(slope_mean, dtype=float), n.shape)
        has = ~np.isnan(m)
        with np.errstate(divide="ignore", invalid="ignore"):
            prec = np.where(sxx > 0, 1 / var_slope, 0.0) + 1 / tau2
            post = (np.where(sxx > 0, slope / var_slope, 0.0) + m / tau2) / prec
        slope = np.where(has, post, slope)
        var_slope = np.where(has, 1 / prec, var_slope)
    var_level = noise2 / np.maximum(n, 1)
    first = np.where(mask, years, np.inf).min(axis=1)
    last_year = np.where(mask, years, -np.inf).max(axis=1)
    empty = n == 0
    nan = np.where(empty, np.nan, 0.0)
    return TrendFit(
        n=n,
        tbar=tbar + nan,
        level=level + nan,
        slope=slope + nan,
        var_level=var_level + nan,
        var_slope=var_slope + nan,
        noise=np.sqrt(noise2) + nan,
        first_year=np.where(empty, np.nan, first),
        last_year=np.where(empty, np.nan, last_year),
    )


def prob_beyond(
    mean: np.ndarray, sd: np.ndarray, bound: np.ndarray | float, upward: bool
) -> np.ndarray:
    """P(X ≥ bound) (``upward``) or P(X ≤ bound) for X ~ Normal(mean, sd)."""
    zscore = (np.asarray(mean) - bound) / np.asarray(sd)
    return ndtr(zscore if upward else -zscore)


def prob_all_years(
    fit: TrendFit,
    years: np.ndarray,
    bound: np.ndarray | float,
    upward: bool,
    which: np.ndarray | None = None,
) -> np.ndarray:
    """P(every one of ``years`` is on the right side of ``bound``), per series.

    The years share the line's uncertain level and slope (integrated with
    Gauss–Hermite quadrature) and each has its own noise. ``which`` (series ×
    years, bool) limits, per series, the years that count.
    """
    years = np.asarray(years, dtype=float)
    if years.size == 0:
        return np.ones_like(fit.level)
    sd_a, sd_b = np.sqrt(fit.var_level), np.sqrt(fit.var_slope)
    a = fit.level[:, None, None] + sd_a[:, None, None] * _GH_NODES[None, :, None]
    b = fit.slope[:, None, None] + sd_b[:, None, None] * _GH_NODES[None, None, :]
    dt = np.stack([fit.reach(y) for y in years], axis=1)  # series × years, in slope-years
    bound = np.broadcast_to(np.asarray(bound, dtype=float), fit.level.shape)
    mean = a[..., None] + b[..., None] * dt[:, None, None, :]
    z = (mean - bound[:, None, None, None]) / fit.noise[:, None, None, None]
    p_year = ndtr(z if upward else -z)
    if which is not None:
        p_year = np.where(which[:, None, None, :], p_year, 1.0)
    joint = p_year.prod(axis=-1)
    w = _GH_WEIGHTS[:, None] * _GH_WEIGHTS[None, :]
    return np.clip(
        (joint * w[None]).sum(axis=(1, 2)), 0.0, 1.0
    )  # quadrature rounding stays in [0, 1]


Z80 = float(ndtri(0.9))  # the 80 % interval is mean ± Z80 · sd


def project(
    series: pd.Series | pd.DataFrame,
    to_year: int,
    *,
    measure: str = "share",
    valid_range: tuple[float, float] | None = None,
    level: float = 0.8,
    priors: Priors | None = None,
) -> pd.DataFrame:
    """Project a yearly series to ``to_year`` with a prediction interval.

    ``series``: values indexed by year (a Series), or a frame with ``year`` and
    ``value`` columns; missing years and NaN are allowed. ``measure`` picks the
    scale (share → logit, amount/count → log, else plain). Returns one row per
    year from the first observed year to ``to_year``: ``year, projected, low,
    high, observed, method, n_points`` (``low``/``high`` bound the central
    ``level`` interval; observed years also get the fitted line). ``priors``
    overrides the default noise and slope priors (see :func:`pooled_priors`).
    """
    if isinstance(series, pd.DataFrame):
        series = series.set_index("year")["value"]
    series = series.dropna().sort_index()
    scale = scale_for(measure, valid_range)
    if series.empty:
        return pd.DataFrame(
            columns=["year", "projected", "low", "high", "observed", "method", "n_points"]
        )
    years = series.index.to_numpy(dtype=float)
    z = to_scale(series.to_numpy(dtype=float), scale)[None, :]
    fit = fit_trend(years, z, priors or default_priors(scale, z))
    out_years = np.arange(int(years.min()), int(to_year) + 1, dtype=float)
    mean = np.array([fit.mean(y)[0] for y in out_years])
    sd = np.array([fit.sd(y)[0] for y in out_years])
    q = float(ndtri(0.5 + level / 2))
    return pd.DataFrame(
        {
            "year": out_years.astype(int),
            "projected": from_scale(mean, scale),
            "low": from_scale(mean - q * sd, scale),
            "high": from_scale(mean + q * sd, scale),
            "observed": series.reindex(out_years.astype(int)).to_numpy(dtype=float),
            "method": method_name(scale, int(fit.n[0])),
            "n_points": int(fit.n[0]),
        }
    )


def method_name(scale: str, n: int) -> str:
    """Code of the trend method used for a series with ``n`` points (``present.locale`` names
    it, ``wa.describe`` adds the name)."""
    if n <= 1:
        return "one_point"
    return {"logit": "logit_trend", "log": "log_trend", "identity": "linear_trend"}[scale]
