"""As of a year, will each target be met at the end of the term?

:func:`assess` gives one row per (unit, target): a status, the probability
that the target is met at the end of the term, the projected end-of-term
figure with an 80 % interval, the classic pace view, and a plain sentence in
Vietnamese and English. Only results (actuals and estimates) with
``year <= as_of`` are used; plans never count.

Per kind of target:

- **end_level** — a trend on a scale suited to the measure (see
  :mod:`ward_analysis.trends`) projected to the target year; the probability
  that the projected value meets the threshold.
- **annual** — ``missed`` as soon as one term year fails; otherwise the
  probability that every remaining (or unreported) term year passes: from the
  trend and its year-to-year noise for figures, from the pass history
  (Beta–Binomial, with a prior pass rate learned from every pass/fail series
  assessed together) for yes/no, ratings and "100 %" targets.
- **cumulative** — total so far plus the remaining years: a Gamma–Poisson
  (negative binomial) model of yearly counts, or a normal model of yearly
  lengths/amounts/shares; ``achieved`` once the total is reached.
- **average_growth** — the CAGR from the base year; equivalent to the
  target-year level ``base × (1 + g)^(T − base)``, projected on a log-linear
  trend.

Status cut-offs on the probability: ``on_track`` ≥ 0.7 > ``at_risk`` ≥ 0.3 >
``off_track``. ``achieved`` / ``missed`` are final (``missed`` for an
every-year target that failed in a term year, or a target year past without
meeting it). ``insufficient_data``: no usable figure (or a single point whose
probability is between 0.1 and 0.9). ``not_comparable``: the latest figures
are on another basis than the target's (item 5's poverty standard).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import betainc, gammaln, nbdtrik, ndtr

from .catalog import Catalog, Target
from .errors import WardAnalysisError
from .explain import explanations
from .trends import (
    PRIOR_WEIGHT,
    Z80,
    Priors,
    fit_trend,
    from_scale,
    method_name,
    pooled_priors,
    prob_all_years,
    prob_beyond,
    scale_for,
    to_scale,
)

ON_TRACK = 0.7
OFF_TRACK = 0.3
DECISIVE = 0.9  # a single point decides the status only beyond 0.9 / 0.1

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "at_risk": ("Có nguy cơ", "At risk"),
    "off_track": ("Chậm tiến độ", "Off track"),
    "missed": ("Không đạt", "Missed"),
    "insufficient_data": ("Thiếu dữ liệu", "Insufficient data"),
    "not_comparable": ("Không so sánh được", "Not comparable"),
}
STATUSES = tuple(STATUS_LABELS)

ASSESS_COLUMNS = [
    "unit", "target_id", "as_of", "kind", "measure", "status", "status_vi", "probability",
    "latest_year", "latest_value", "projected_value", "projected_low", "projected_high",
    "threshold", "upper", "comparator", "above_range", "required_pace", "actual_pace",
    "pace_ratio", "method", "n_points", "uses_estimate", "first_year_used",
    "explanation_vi", "explanation_en",
]  # fmt: skip
_TOL = 1e-9


def meets(values: np.ndarray, target: Target) -> np.ndarray:
    """Whether each value meets the target's threshold (NaN → False)."""
    thr, c = target.threshold_value, target.comparator
    v = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        if c == ">=":
            return v >= thr - _TOL
        if c == ">":
            return v > thr + _TOL
        if c == "<=":
            return v <= thr + _TOL
        if c == "<":
            return v < thr - _TOL
        return np.abs(v - thr) <= _TOL  # "==": yes/no


def _upward(target: Target) -> bool:
    return target.comparator in (">=", ">", "==")


def _status_from_p(p: np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    status = np.where(p >= ON_TRACK, "on_track", np.where(p >= OFF_TRACK, "at_risk", "off_track"))
    return np.where(np.isnan(p), "insufficient_data", status).astype(object)


def _pass_history_model(target: Target) -> bool:
    """Yes/no, ratings and thresholds at the edge of a share (100 %, 0 %) are pass/fail."""
    if target.measure in ("boolean", "rating"):
        return True
    low, high = target.plausible_range
    thr = target.threshold_value
    return (target.comparator == ">=" and thr >= high) or (target.comparator == "<=" and thr <= low)


#: Strength (in years) of the pass-rate prior learned from all pass/fail series assessed together.
PASS_PRIOR_WEIGHT = 2.0


@dataclass
class _Context:
    """What is learned from all series assessed together (empirical Bayes priors)."""

    priors: dict[str, Priors]
    pass_prior: tuple[float, float] = (0.5, 0.5)


def nbinom_sf(k: np.ndarray, r: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X > k) for a negative binomial X (r successes, success probability q); X ≥ 0."""
    k = np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(k < 0, 1.0, betainc(np.floor(k) + 1, r, 1 - q))


def nbinom_quantiles(levels: tuple[float, ...], r: np.ndarray, q: np.ndarray) -> list[np.ndarray]:
    """For each level, the smallest k with P(X ≤ k) ≥ level (negative binomial), as scipy.stats
    computes it (an inverse of the incomplete beta, then one step of correction)."""
    out = []
    for level in levels:
        with np.errstate(invalid="ignore"):
            k = np.ceil(nbdtrik(level, r, q))
            below = np.clip(k - 1, 0, None)
            out.append(np.where(1 - nbinom_sf(below, r, q) >= level, below, k))
    return out


def _p_all_pass(passes, fails, remaining, prior: tuple[float, float]) -> np.ndarray:
    """P(the next ``remaining`` years all pass): Beta prior updated with the history (Beta–Binomial)."""
    a, b = prior[0] + passes, prior[1] + fails
    m = remaining
    return np.exp(gammaln(a + m) - gammaln(a) + gammaln(a + b) - gammaln(a + b + m))


class _Panel:
    """One target's results for many units: ``values`` (units × years), NaN = no figure.

    ``rows`` holds numpy arrays ``u`` (unit index), ``year``, ``value``,
    ``actual`` (bool) and ``basis`` (object) of the target's results.
    """

    def __init__(self, target: Target, n_units: int, rows: dict[str, np.ndarray], as_of: int):
        self.target = target
        self.as_of = as_of
        years_in = rows["year"]
        start = min(target.base_year, int(years_in.min()) if len(years_in) else target.base_year)
        self.years = np.arange(start, max(as_of, start) + 1)
        shape = (n_units, len(self.years))
        self.values = np.full(shape, np.nan)
        self.estimate = np.zeros(shape, dtype=bool)
        self.other_basis_year = np.full(n_units, -1)  # latest year on another basis
        self.other_basis_first = np.full(n_units, -1)  # first year on another basis
        self.other_basis = np.full(n_units, None, dtype=object)
        u, y, v, actual = rows["u"], years_in - start, rows["value"], rows["actual"]
        same = np.ones(len(u), dtype=bool)
        if target.basis is not None and len(u):
            basis = pd.Series(rows["basis"], dtype=object)
            same = (basis.isna() | (basis == target.basis)).to_numpy()
            if (~same).any():
                order = np.argsort(years_in[~same], kind="stable")
                self.other_basis_year[u[~same][order]] = years_in[~same][order]
                self.other_basis[u[~same][order]] = rows["basis"][~same][order]
                self.other_basis_first[u[~same][order[::-1]]] = years_in[~same][order[::-1]]
        for is_actual in (False, True):  # an actual wins over an estimate of the same year
            pick = same & (actual == is_actual)
            self.values[u[pick], y[pick]] = v[pick]
            self.estimate[u[pick], y[pick]] = not is_actual
        self.observed = ~np.isnan(self.values)
        idx = np.arange(len(self.years))
        self.last_idx = np.where(self.observed, idx, -1).max(axis=1)
        self.first_idx = np.where(self.observed, idx, len(idx)).min(axis=1)
        self.n_points = self.observed.sum(axis=1)

    def at(self, idx: np.ndarray) -> np.ndarray:
        safe = np.clip(idx, 0, len(self.years) - 1)
        out = self.values[np.arange(len(idx)), safe]
        return np.where((idx >= 0) & (idx < len(self.years)), out, np.nan)

    def year_at(self, idx: np.ndarray) -> np.ndarray:
        safe = np.clip(idx, 0, len(self.years) - 1)
        return np.where((idx >= 0) & (idx < len(self.years)), self.years[safe], -1)

    def column(self, year: int) -> np.ndarray:
        """Values of one year (NaN where absent or after as_of)."""
        if self.years[0] <= year <= self.years[-1]:
            return self.values[:, year - self.years[0]]
        return np.full(self.values.shape[0], np.nan)

    @property
    def not_comparable(self) -> np.ndarray:
        same_last = self.year_at(self.last_idx)
        return self.other_basis_year > np.where(self.last_idx >= 0, same_last, -1)


def _empty_result(n: int) -> dict[str, np.ndarray]:
    nan = np.full(n, np.nan)
    return {
        "status": np.full(n, "insufficient_data", dtype=object),
        "probability": nan.copy(),
        "projected_value": nan.copy(),
        "projected_low": nan.copy(),
        "projected_high": nan.copy(),
        "required_pace": nan.copy(),
        "actual_pace": nan.copy(),
        "pace_ratio": nan.copy(),
        "latest_value": nan.copy(),
        "above_range": np.zeros(n, dtype=bool),
        "method": np.full(n, "", dtype=object),
        "detail_year": np.full(n, -1),
        "detail_value": nan.copy(),
    }


def _pace(result, actual, required, upward: bool) -> None:
    """The classic view: pace so far, pace still required, and their ratio (signed so > 0 helps)."""
    sign = 1.0 if upward else -1.0
    result["actual_pace"] = actual
    result["required_pace"] = required
    req_s, act_s = sign * required, sign * actual
    with np.errstate(divide="ignore", invalid="ignore"):
        result["pace_ratio"] = np.where(req_s > 0, act_s / req_s, np.nan)


def _level_pace(panel: _Panel, target: Target, result) -> None:
    """Classic view: average yearly change so far vs the change still needed to the target year."""
    latest, first = panel.at(panel.last_idx), panel.at(panel.first_idx)
    span = panel.year_at(panel.last_idx) - panel.year_at(panel.first_idx)
    with np.errstate(divide="ignore", invalid="ignore"):
        actual = np.where(span > 0, (latest - first) / span, np.nan)
        left = target.target_year - panel.year_at(panel.last_idx)
        required = np.where(left > 0, (target.threshold_value - latest) / left, np.nan)
    _pace(result, actual, required, _upward(target))


def _prior_key(target: Target) -> str:
    scale = scale_for(target.measure, target.valid_range)
    return f"identity:{target.id}" if scale == "identity" else scale


def _uses_trend(target: Target) -> bool:
    return target.kind in ("end_level", "annual", "average_growth") and not _pass_history_model(
        target
    )


def _trend_projection(panel: _Panel, target: Target, result, year: int, ctx: _Context):
    """Fit the trend of the panel's values and project to ``year``; fills projected_*."""
    scale = scale_for(target.measure, target.valid_range)
    z = to_scale(panel.values, scale)
    fit = fit_trend(panel.years, z, ctx.priors[_prior_key(target)])
    mean, sd = fit.mean(year), fit.sd(year)
    result["projected_value"] = from_scale(mean, scale)
    result["projected_low"] = from_scale(mean - Z80 * sd, scale)
    result["projected_high"] = from_scale(mean + Z80 * sd, scale)
    result["method"] = np.where(fit.n <= 1, method_name(scale, 1), method_name(scale, 2)).astype(
        object
    )
    return fit, scale, mean, sd


def _assess_end_level(panel: _Panel, target: Target, ctx: _Context) -> dict[str, np.ndarray]:
    n_units = len(panel.n_points)
    result = _empty_result(n_units)
    latest = panel.at(panel.last_idx)
    result["latest_value"] = latest
    T, upward = target.target_year, _upward(target)
    if _pass_history_model(target):
        ok = meets(panel.values, target) & panel.observed
        p = _p_all_pass(ok.sum(1), (panel.observed & ~ok).sum(1), np.ones(n_units), ctx.pass_prior)
        result["probability"] = p
        result["method"] = np.full(n_units, "pass history (Beta–Binomial)", dtype=object)
    else:
        _, scale, mean, sd = _trend_projection(panel, target, result, T, ctx)
        thr_z = to_scale(np.array([target.threshold_value]), scale)[0]
        result["probability"] = prob_beyond(mean, sd, thr_z, upward)
        _level_pace(panel, target, result)
    p = result["probability"]
    status = _status_from_p(p)
    one = panel.n_points == 1
    status[one & (p < DECISIVE) & (p > 1 - DECISIVE)] = "insufficient_data"
    final = panel.column(T)
    known = ~np.isnan(final)
    ok = meets(final, target)
    status[known] = np.where(ok[known], "achieved", "missed")
    result["probability"] = np.where(known, ok.astype(float), p)
    result["projected_value"] = np.where(known, final, result["projected_value"])
    for k in ("projected_low", "projected_high"):
        result[k] = np.where(known, final, result[k])
    result["status"] = status
    if target.upper is not None:
        result["above_range"] = result["projected_value"] > target.upper + _TOL
    return result


def _assess_annual(panel: _Panel, target: Target, ctx: _Context) -> dict[str, np.ndarray]:
    n_units = len(panel.n_points)
    result = _empty_result(n_units)
    result["latest_value"] = panel.at(panel.last_idx)
    years = panel.years
    term = (years >= target.first_year) & (years <= target.target_year)
    ok = meets(panel.values, target) & panel.observed
    fail = panel.observed & ~ok
    term_fail = fail & term[None, :]
    failed_in_term = term_fail.any(axis=1)
    first_fail = np.where(failed_in_term, term_fail.argmax(axis=1), -1)
    result["detail_year"] = panel.year_at(first_fail)
    result["detail_value"] = panel.at(first_fail)
    all_term_years = np.arange(target.first_year, target.target_year + 1)
    seen_term = np.zeros((n_units, len(all_term_years)), dtype=bool)
    inside = (all_term_years >= years[0]) & (all_term_years <= years[-1])
    seen_term[:, inside] = panel.observed[:, all_term_years[inside] - years[0]]
    remaining = (~seen_term).sum(axis=1)
    upward = _upward(target)
    if _pass_history_model(target):
        passes, pre_fails = ok.sum(1), (fail & ~term[None, :]).sum(1)
        p = _p_all_pass(passes, pre_fails, remaining, ctx.pass_prior)
        result["method"] = np.full(n_units, "pass history (Beta–Binomial)", dtype=object)
    else:
        fit, scale, _, _ = _trend_projection(panel, target, result, target.target_year, ctx)
        thr_z = to_scale(np.array([target.threshold_value]), scale)[0]
        # years after the latest figure follow the trend; unreported years before it (gaps) are
        # judged by the pass history, not by a backcast of the trend (which a better latest
        # figure would tilt against them)
        last_year = panel.year_at(panel.last_idx)
        later = ~seen_term & (all_term_years[None, :] > last_year[:, None])
        gaps = (~seen_term & ~later).sum(axis=1)
        p_gaps = _p_all_pass(ok.sum(1), fail.sum(1), gaps, ctx.pass_prior)
        p = prob_all_years(fit, all_term_years, thr_z, upward, which=later) * p_gaps
        _level_pace(panel, target, result)
    p = np.where(panel.n_points == 0, np.nan, p)
    status = _status_from_p(p)
    status[(panel.n_points == 1) & (p < DECISIVE) & (p > 1 - DECISIVE)] = "insufficient_data"
    status[np.isnan(p)] = "insufficient_data"
    done = (remaining == 0) & ~failed_in_term
    status[done] = "achieved"
    status[failed_in_term] = "missed"
    p = np.where(done, 1.0, np.where(failed_in_term, 0.0, p))
    result["status"], result["probability"] = status, p
    return result


def _assess_cumulative(panel: _Panel, target: Target, ctx: _Context) -> dict[str, np.ndarray]:
    n_units = len(panel.n_points)
    result = _empty_result(n_units)
    years = panel.years
    term = (years >= target.first_year) & (years <= target.target_year)
    flows = np.where(panel.observed, panel.values, 0.0)
    total = (flows * term[None, :]).sum(axis=1)
    n_term_seen = (panel.observed & term[None, :]).sum(axis=1)
    remaining = (target.target_year - target.first_year + 1) - n_term_seen
    n_all = panel.n_points
    sum_all = flows.sum(axis=1)
    thr = target.threshold_value
    need = thr - total
    if target.measure == "count":
        need_int = np.where(target.comparator == ">", np.floor(need) + 1, np.ceil(need - _TOL))
        r = 0.5 + sum_all
        q = np.where(n_all > 0, n_all / np.maximum(n_all + remaining, 1), 1.0)
        p = np.where(need_int <= 0, 1.0, nbinom_sf(need_int - 1, r, q))
        low, median, high = nbinom_quantiles((0.1, 0.5, 0.9), r, q)
        expected = np.where(n_all > 0, median, np.nan)  # the median: inside the interval
        result["method"] = np.full(n_units, "yearly counts, Gamma–Poisson", dtype=object)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_flow = np.where(n_all > 0, sum_all / np.maximum(n_all, 1), np.nan)
            dev = np.where(panel.observed, panel.values - mean_flow[:, None], 0.0)
            s2 = (PRIOR_WEIGHT * (0.5 * mean_flow) ** 2 + (dev**2).sum(1)) / (
                PRIOR_WEIGHT + np.maximum(n_all - 1, 0)
            )
            expected = remaining * mean_flow
            sd = np.sqrt(remaining * s2 + remaining**2 * s2 / np.maximum(n_all, 1))
            p = np.where(
                need <= _TOL,
                1.0,
                np.where(sd > 0, ndtr((expected - need) / sd), (expected >= need).astype(float)),
            )
            low, high = np.maximum(expected - Z80 * sd, 0), expected + Z80 * sd
        result["method"] = np.full(n_units, "yearly flows, normal", dtype=object)
    result["projected_value"] = total + expected
    result["projected_low"] = total + low
    result["projected_high"] = total + high
    result["latest_value"] = total
    with np.errstate(divide="ignore", invalid="ignore"):
        actual = np.where(n_term_seen > 0, total / np.maximum(n_term_seen, 1), np.nan)
        required = np.where(remaining > 0, need / np.maximum(remaining, 1), np.nan)
    _pace(result, actual, required, True)
    p = np.where(n_all == 0, np.nan, p)
    status = _status_from_p(p)
    status[np.isnan(p)] = "insufficient_data"
    reached = meets(total, target)
    status[(remaining == 0) & ~reached] = "missed"
    status[reached] = "achieved"
    p = np.where(reached, 1.0, np.where((remaining == 0) & ~reached, 0.0, p))
    final = (remaining == 0) | reached
    for k in ("projected_value", "projected_low", "projected_high"):
        result[k] = np.where(remaining == 0, total, result[k])
    result["status"], result["probability"] = status, p
    if target.upper is not None:
        result["above_range"] = (
            np.where(final, total, result["projected_value"]) > target.upper + _TOL
        )
    return result


def _assess_growth(panel: _Panel, target: Target, ctx: _Context) -> dict[str, np.ndarray]:
    n_units = len(panel.n_points)
    result = _empty_result(n_units)
    T, base = target.target_year, target.base_year
    v0 = panel.column(base)
    latest = panel.at(panel.last_idx)
    t_last = panel.year_at(panel.last_idx)
    g = target.threshold_value / 100
    _, scale, mean, sd = _trend_projection(panel, target, result, T, ctx)

    def cagr(value, years):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(years > 0, ((value / v0) ** (1 / years) - 1) * 100, np.nan)

    for k in ("projected_value", "projected_low", "projected_high"):
        result[k] = cagr(result[k], T - base)
    needed_level = v0 * (1 + g) ** (T - base)
    p = prob_beyond(mean, sd, to_scale(needed_level, scale), True)
    so_far = cagr(latest, t_last - base)
    with np.errstate(divide="ignore", invalid="ignore"):
        required = np.where(
            t_last < T, ((needed_level / latest) ** (1 / (T - t_last)) - 1) * 100, np.nan
        )
    _pace(result, so_far, required, True)
    result["latest_value"] = so_far
    usable = (v0 > 0) & (panel.n_points >= 2)
    p = np.where(usable, p, np.nan)
    status = _status_from_p(p)
    status[np.isnan(p)] = "insufficient_data"
    final = panel.column(T)
    known = ~np.isnan(final) & (v0 > 0)
    final_cagr = cagr(final, np.full(n_units, T - base))
    ok = final_cagr >= target.threshold_value - _TOL
    status[known] = np.where(ok[known], "achieved", "missed")
    p = np.where(known, ok.astype(float), p)
    for k in ("projected_value", "projected_low", "projected_high"):
        result[k] = np.where(known, final_cagr, np.where(usable, result[k], np.nan))
    result["status"], result["probability"] = status, p
    result["method"] = np.where(
        usable, result["method"], "needs the base-year figure and one more year"
    )
    if target.upper is not None:
        result["above_range"] = result["projected_value"] > target.upper + _TOL
    return result


_BY_KIND = {
    "end_level": _assess_end_level,
    "annual": _assess_annual,
    "cumulative": _assess_cumulative,
    "average_growth": _assess_growth,
}


def _learn_priors(panels: list[_Panel]) -> _Context:
    """Empirical-Bayes priors from every series assessed together (all targets, all units)."""
    groups: dict[str, tuple[str, list, list]] = {}
    passes = fails = 0
    for panel in panels:
        t = panel.target
        if _uses_trend(t):
            scale = scale_for(t.measure, t.valid_range)
            key = _prior_key(t)
            _, years, zs = groups.setdefault(key, (scale, [], []))
            years.append(panel.years)
            zs.append(to_scale(panel.values, scale))
        elif t.kind in ("annual", "end_level"):
            ok = meets(panel.values, t) & panel.observed
            passes += int(ok.sum())
            fails += int((panel.observed & ~ok).sum())
    priors = {key: pooled_priors(scale, years, zs) for key, (scale, years, zs) in groups.items()}
    if passes + fails >= 5:
        rate = (passes + 0.5) / (passes + fails + 1)
        return _Context(priors, (PASS_PRIOR_WEIGHT * rate, PASS_PRIOR_WEIGHT * (1 - rate)))
    return _Context(priors)


@contextmanager
def _without_cycle_collector():
    """Pause Python's cycle collector: assessing many units makes ~10⁵ short strings and
    arrays, none in reference cycles, and full collections over a large observations
    table cost up to half a second at random moments. Restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assess(
    catalog: Catalog,
    observations: pd.DataFrame,
    as_of: int,
    *,
    unit: str | None = None,
    explain: bool = True,
) -> pd.DataFrame:
    """Assess every target of ``catalog`` for every unit in ``observations`` as of ``as_of``.

    Only results with ``year <= as_of`` are used (no look-ahead); plans never
    count; estimates count and set ``uses_estimate``. ``unit`` restricts to one
    unit (which need not appear in the data). Returns one row per (unit,
    target) with the columns of :data:`ASSESS_COLUMNS`. ``explain=False``
    leaves the two explanation columns empty (faster for very many units).
    """
    with _without_cycle_collector():
        return _assess(catalog, observations, as_of, unit=unit, explain=explain)


def _assess(
    catalog: Catalog, observations: pd.DataFrame, as_of: int, *, unit: str | None, explain: bool
) -> pd.DataFrame:
    if not isinstance(as_of, int | np.integer) or isinstance(as_of, bool):
        raise WardAnalysisError(f"as_of must be a year (a whole number), not {as_of!r}")
    missing = {"unit", "target_id", "year", "value", "value_kind"} - set(observations.columns)
    if missing:
        raise WardAnalysisError(
            f"the observations table lacks the column(s) {', '.join(sorted(missing))}"
        )
    obs = observations
    if unit is not None:
        obs = obs[obs["unit"] == unit]
    keep = (
        obs["value_kind"].isin(["actual", "estimate"]).to_numpy()
        & (obs["year"].to_numpy() <= as_of)
        & obs["value"].notna().to_numpy()
    )
    wanted = [
        c for c in ("unit", "target_id", "year", "value", "value_kind", "basis") if c in obs.columns
    ]
    rows = obs.loc[keep, wanted]
    codes, uniques = pd.factorize(rows["unit"], sort=True)
    units = [unit] if unit is not None else (list(uniques) or [catalog.unit])
    arrays = {
        "u": codes if unit is None else np.zeros(len(rows), dtype=np.intp),
        "year": rows["year"].to_numpy(dtype=np.int64),
        "value": rows["value"].to_numpy(dtype=float),
        "actual": (rows["value_kind"] == "actual").to_numpy(),
        "basis": (
            rows["basis"] if "basis" in rows.columns else pd.Series(None, index=rows.index)
        ).to_numpy(dtype=object),
    }
    groups = rows.groupby("target_id", sort=False).indices if len(rows) else {}
    empty = np.array([], dtype=np.intp)
    panels = [
        _Panel(
            t, len(units), {k: a[groups.get(t.id, empty)] for k, a in arrays.items()}, int(as_of)
        )
        for t in catalog
    ]
    ctx = _learn_priors(panels)
    parts: dict[str, list[np.ndarray]] = {}
    n_units = len(units)
    for target, panel in zip(catalog, panels, strict=True):
        result = _BY_KIND[target.kind](panel, target, ctx)
        nc = panel.not_comparable
        if nc.any():
            for k in (
                "probability",
                "projected_value",
                "projected_low",
                "projected_high",
                "pace_ratio",
            ):
                result[k] = np.where(nc, np.nan, result[k])
            result["status"] = np.where(nc, "not_comparable", result["status"])
        columns = {
            "unit_code": np.arange(n_units),
            "target_id": np.full(n_units, target.id, dtype=object),
            "kind": np.full(n_units, target.kind, dtype=object),
            "measure": np.full(n_units, target.measure, dtype=object),
            **result,
            "latest_year": np.where(panel.last_idx >= 0, panel.year_at(panel.last_idx), -1),
            "first_year_used": np.where(
                panel.first_idx < len(panel.years), panel.year_at(panel.first_idx), -1
            ),
            "threshold": np.full(n_units, target.threshold_value),
            "upper": np.full(n_units, np.nan if target.upper is None else target.upper),
            "comparator": np.full(n_units, target.comparator, dtype=object),
            "n_points": panel.n_points,
            "uses_estimate": (panel.estimate & panel.observed).any(axis=1),
            "other_basis": panel.other_basis,
            "other_basis_year": panel.other_basis_year,
            "other_basis_first": panel.other_basis_first,
        }
        for k, v in columns.items():
            parts.setdefault(k, []).append(np.asarray(v))
    merged = {k: np.concatenate(v) for k, v in parts.items()}
    order = np.argsort(merged["unit_code"], kind="stable")  # unit by unit, targets in catalog order
    out = pd.DataFrame({k: v[order] for k, v in merged.items()})
    out.insert(0, "unit", np.asarray(units, dtype=object)[out.pop("unit_code").to_numpy()])
    out.insert(2, "as_of", int(as_of))
    for k in ("latest_year", "first_year_used"):
        out[k] = out[k].astype("Int64").mask(out[k] < 0)
    out["status_vi"] = out["status"].map({k: v[0] for k, v in STATUS_LABELS.items()})
    out["latest_year"] = out["latest_year"].astype("Int64")
    out["first_year_used"] = out["first_year_used"].astype("Int64")
    if explain:
        out["explanation_vi"], out["explanation_en"] = explanations(out, catalog)
    else:
        out["explanation_vi"] = out["explanation_en"] = ""
    return out[ASSESS_COLUMNS]


def status_matrix(assessments: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Wide table for display: a row per (unit, target), a column per as-of year, status labels.

    ``assessments`` stacks the output of :func:`assess` for several years.
    """
    if lang not in ("vi", "en"):
        raise WardAnalysisError(f"unknown language '{lang}' (use vi or en)")
    labels = {k: v[0 if lang == "vi" else 1] for k, v in STATUS_LABELS.items()}
    order = list(dict.fromkeys(assessments["target_id"]))
    return (
        assessments.assign(label=assessments["status"].map(labels))
        .pivot(index=["unit", "target_id"], columns="as_of", values="label")
        .reindex(order, level="target_id")
        .rename_axis(columns=None)
    )
