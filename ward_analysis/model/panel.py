"""What every kind's assessment shares: one target's figures for many units as a panel
(units × years), the pace view, the trend projection, and status cut-offs."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..schema import LEVEL_MEASURES, UPWARD_COMPARATORS
from .ensemble import Ensemble
from .figures import comparable, one_per_year
from .trends import Priors, method_name, scale_for

if TYPE_CHECKING:
    from .catalog import Target

ON_TRACK = 0.7
OFF_TRACK = 0.3
#: Strength (in years) of the pass-rate prior learned from all pass/fail series assessed together.
PASS_PRIOR_WEIGHT = 2.0
TOL = 1e-9


def meets(values: np.ndarray, target: Target) -> np.ndarray:
    """Whether each value meets the target's threshold (NaN → False)."""
    thr, c = target.threshold_value, target.comparator
    v = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        if c == ">=":
            return v >= thr - TOL
        if c == ">":
            return v > thr + TOL
        if c == "<=":
            return v <= thr + TOL
        if c == "<":
            return v < thr - TOL
        return np.abs(v - thr) <= TOL  # "==": yes/no


def forecast_threshold(target: Target) -> float:
    """The figure a forecast must reach. For a share of a small whole (``denominator``: 14
    party cells) figures move in steps of 1/n, so the target is the first step that meets it
    (22 % of 14 cells: 4 cells, 28,6 %); otherwise the threshold."""
    thr, n = target.threshold_value, target.denominator
    if n is None or target.measure != "share":
        return thr
    k = thr * n / 100
    if target.comparator in (">=", "=="):
        k = np.ceil(k - TOL)
    elif target.comparator == ">":
        k = np.floor(k + TOL) + 1
    elif target.comparator == "<=":
        k = np.floor(k + TOL)
    else:
        k = np.ceil(k - TOL) - 1
    return float(k * 100 / n)


def provisional_p(estimate: np.ndarray, noise: np.ndarray, bound: float, up: bool) -> np.ndarray:
    """P(the final figure meets ``bound``) when the known one is an estimate: the final figure
    taken as the estimate plus one year's noise of the series (plain units)."""
    from scipy.special import ndtr

    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.asarray(estimate, dtype=float) - bound) / np.asarray(noise, dtype=float)
    return ndtr(z if up else -z)


def upward(target: Target) -> bool:
    """Whether a higher figure is better for the target."""
    return target.comparator in UPWARD_COMPARATORS


def status_from_p(p: np.ndarray) -> np.ndarray:
    """``on_track`` ≥ 0.7 > ``at_risk`` ≥ 0.3 > ``off_track``; no probability: insufficient data."""
    p = np.asarray(p, dtype=float)
    status = np.where(p >= ON_TRACK, "on_track", np.where(p >= OFF_TRACK, "at_risk", "off_track"))
    return np.where(np.isnan(p), "insufficient_data", status).astype(object)


def open_status(p: np.ndarray, n_points: np.ndarray) -> np.ndarray:
    """The status of a target still open, from its probability (calibrated on real series, one
    figure or many: a single figure no longer needs a "decisive" probability)."""
    return status_from_p(p)


def pass_history_model(target: Target) -> bool:
    """Yes/no, ratings and thresholds at the edge of a share (100 %, 0 %) are pass/fail."""
    if target.measure in LEVEL_MEASURES:
        return True
    low, high = target.plausible_range
    thr = target.threshold_value
    return (target.comparator == ">=" and thr >= high) or (target.comparator == "<=" and thr <= low)


@dataclass
class Context:
    """What is learned from all series assessed together (empirical Bayes priors)."""

    priors: dict[str, Priors]
    pass_prior: tuple[float, float] = (0.5, 0.5)


class Panel:
    """One target's results for many units: ``values`` (units × years), NaN = no figure.

    ``rows`` holds numpy arrays ``u`` (unit index), ``year``, ``value``, ``actual`` (bool)
    and ``basis`` (object) of the target's results. One figure per year by
    :mod:`ward_analysis.model.figures`; figures on another basis are only remembered (the
    latest and first year of each unit on another basis, and which basis).
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
        same = comparable(rows["basis"], target.basis) if len(u) else np.ones(0, dtype=bool)
        if (~same).any():
            order = np.argsort(years_in[~same], kind="stable")
            self.other_basis_year[u[~same][order]] = years_in[~same][order]
            self.other_basis[u[~same][order]] = rows["basis"][~same][order]
            self.other_basis_first[u[~same][order[::-1]]] = years_in[~same][order[::-1]]
        pick = np.flatnonzero(same)
        pick = pick[one_per_year(u[pick] * len(self.years) + y[pick], actual[pick])]
        self.values[u[pick], y[pick]] = v[pick]
        self.estimate[u[pick], y[pick]] = ~actual[pick]
        self._derive()
        #: The series the target is compared with (a ``relative`` target's reference unit,
        #: one row), set by the assessment; None for a target judged on its own figures.
        self.reference: Panel | None = None

    def _derive(self) -> None:
        """Which figures there are, each unit's first and latest, and how many."""
        self.observed = ~np.isnan(self.values)
        idx = np.arange(len(self.years))
        self.last_idx = np.where(self.observed, idx, -1).max(axis=1)
        self.first_idx = np.where(self.observed, idx, len(idx)).min(axis=1)
        self.n_points = self.observed.sum(axis=1)

    def filled(self, year: int, values: np.ndarray) -> Panel:
        """A copy with ``values`` (one per unit, NaN for none) as the figures of ``year`` where
        the data has none: a figure known from elsewhere, such as a base the resolution
        states. The panel itself is unchanged."""
        out = copy.copy(self)
        if not self.years[0] <= year <= self.years[-1]:
            return out
        i = year - self.years[0]
        values = np.broadcast_to(np.asarray(values, dtype=float), (len(self.values),))
        add = np.isnan(self.values[:, i]) & ~np.isnan(values)
        out.values = self.values.copy()
        out.values[add, i] = values[add]
        out._derive()
        return out

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


def empty_result(n: int) -> dict[str, np.ndarray]:
    """Every column a kind fills, for ``n`` units, with nothing known yet."""
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
        "provisional": np.zeros(n, dtype=bool),
    }


def pace(result, actual, required, up: bool | np.ndarray) -> None:
    """The classic view: pace so far, pace still required, and their ratio (signed so > 0
    helps; ``up`` for all units or one per unit)."""
    sign = np.where(up, 1.0, -1.0)
    result["actual_pace"] = actual
    result["required_pace"] = required
    req_s, act_s = sign * required, sign * actual
    with np.errstate(divide="ignore", invalid="ignore"):
        result["pace_ratio"] = np.where(req_s > 0, act_s / req_s, np.nan)


def level_pace(panel: Panel, target: Target, result) -> None:
    """Classic view: average yearly change so far vs the change still needed to the target year."""
    latest, first = panel.at(panel.last_idx), panel.at(panel.first_idx)
    span = panel.year_at(panel.last_idx) - panel.year_at(panel.first_idx)
    with np.errstate(divide="ignore", invalid="ignore"):
        actual = np.where(span > 0, (latest - first) / span, np.nan)
        left = target.target_year - panel.year_at(panel.last_idx)
        required = np.where(left > 0, (target.threshold_value - latest) / left, np.nan)
    pace(result, actual, required, upward(target))


def prior_key(target: Target) -> str:
    """Which pooled trend prior a target uses: one per scale (the plain scale: per target)."""
    scale = scale_for(target.measure, target.valid_range)
    return f"identity:{target.id}" if scale == "identity" else scale


def panel_priors(panel: Panel, target: Target, ctx: Context):
    """The pooled trend priors the panel's series use (:func:`prior_key`, or the family's)."""
    return ctx.priors[getattr(panel, "prior_key", None) or prior_key(target)]


def trend_projection(
    panel: Panel, target: Target, result, year: int, ctx: Context, *, toward=None, up=None
) -> Ensemble:
    """The three views of the panel's series (:mod:`.ensemble`) projected to ``year``; fills
    projected_* (the mixture's median and 80 % interval) and the method code. ``toward``:
    the figure each series must reach (for the single-figure pull), the threshold by default;
    ``up``: whether it lies above (for all series or one per series), as the comparator says
    by default."""
    scale = scale_for(target.measure, target.valid_range)
    toward = forecast_threshold(target) if toward is None else toward
    ens = Ensemble(
        panel.years,
        panel.values,
        scale,
        panel_priors(panel, target, ctx),
        toward=toward,
        year=year,
        up=upward(target) if up is None else up,
    )
    low, mid, high = ens.quantiles(year, (0.1, 0.5, 0.9), bounds=target.plausible_range)
    if target.denominator is not None and target.measure == "share":
        # a share of a small whole takes only the values k/n: show the projection on them
        step = 100 / target.denominator
        low, mid, high = (np.round(q / step) * step for q in (low, mid, high))
    result["projected_value"], result["projected_low"], result["projected_high"] = mid, low, high
    result["method"] = np.where(ens.n <= 1, method_name(scale, 1), method_name(scale, 2)).astype(
        object
    )
    return ens


def settle_rate(
    result: dict[str, np.ndarray],
    panel: Panel,
    target,
    p: np.ndarray,
    *,
    usable: np.ndarray,
    has_base: np.ndarray,
    as_rate,
    goal: np.ndarray,
    up: np.ndarray | bool,
    noise: np.ndarray,
) -> dict[str, np.ndarray]:
    """The verdict of a target on a rate over the term (an average growth, a change per year):
    ``p`` the open probability; ``as_rate(levels)`` the term's rate that target-year levels
    give; ``goal`` the target-year level the rate needs (its side: ``up``). Final once the
    target year has a figure (provisional on an estimate); no base, no verdict
    (``needs_base``); a rate beyond the range's top is ``above_range``."""
    T = target.target_year
    p = np.where(usable, p, np.nan)
    status = status_from_p(p)
    status[np.isnan(p)] = "insufficient_data"
    final = panel.column(T)
    known = ~np.isnan(final) & has_base
    final_rate = as_rate(final)
    ok = meets(final_rate, target)
    status[known] = np.where(ok[known], "achieved", "missed")
    p_final = ok.astype(float)
    if T in panel.years:
        on_estimate = known & panel.estimate[:, T - panel.years[0]]
        result["provisional"] = on_estimate
        p_final = np.where(on_estimate, provisional_p(final, noise, goal, up), p_final)
    p = np.where(known, p_final, p)
    for k in ("projected_value", "projected_low", "projected_high"):
        result[k] = np.where(known, final_rate, np.where(usable, result[k], np.nan))
    result["status"], result["probability"] = status, p
    result["method"] = np.where(usable, result["method"], "needs_base")
    if target.upper is not None:
        result["above_range"] = result["projected_value"] > target.upper + TOL
    return result
