"""**about** — an approximate level in the target year ("đạt khoảng 65 – 70 %", "khoảng 80 %").

The comparator is ``==``: the level is to be near the threshold (or within the range from the
threshold to ``upper``), give or take the ``tolerance`` (absolute, in the measure's unit). A
catalog that states none gets the kind's default — :data:`SHARE_POINTS` percentage points for
a share, :data:`RELATIVE` of the threshold otherwise — and the report says it was assumed
(:meth:`About.assumptions`). Met when threshold − tolerance ≤ level ≤ (upper or threshold) +
tolerance; the probability is that of landing inside that band on the trend's projection:
below it and above it both miss.
"""

from __future__ import annotations

import numpy as np

from ...schema import NUMERIC_MEASURES
from ..panel import TOL, empty_result, open_status, pace, provisional_p, trend_projection
from ..progress import mix, progress_probability
from . import Kind, Overlay, register

#: The default tolerance of a share, in percentage points.
SHARE_POINTS = 2.0
#: The default tolerance of another measure, as a fraction of the threshold.
RELATIVE = 0.05


def tolerance(target) -> float:
    """The catalog's tolerance, or the kind's default for the target's measure."""
    if target.tolerance is not None:
        return float(target.tolerance)
    if target.measure == "share":
        return SHARE_POINTS
    return RELATIVE * abs(target.threshold_value)


def band(target) -> tuple[float, float]:
    """The levels that count as "about" the target: from threshold − tolerance to (upper or
    threshold) + tolerance, within the measure's possible values."""
    tol = tolerance(target)
    low, high = target.plausible_range
    top = target.threshold_value if target.upper is None else target.upper
    return max(target.threshold_value - tol, low), min(top + tol, high)


def centre(target) -> float:
    """The middle of the threshold (or of its range): where a series is pulled to."""
    top = target.threshold_value if target.upper is None else target.upper
    return (target.threshold_value + top) / 2


def inside(values: np.ndarray, target) -> np.ndarray:
    """Whether each value is inside the band (NaN → False)."""
    low, high = band(target)
    v = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return (v >= low - TOL) & (v <= high + TOL)


@register
class About(Kind):
    name = "about"
    fields = ("tolerance",)
    numeric_comparators = ("==",)
    range_comparators = ("==",)

    def problems(self, t) -> list[str]:
        out = []
        if t.measure not in NUMERIC_MEASURES:
            out.append(f"measure: 'about' a level is said of a figure, not of a {t.measure}")
        if t.comparator != "==":
            out.append(
                f"comparator: an 'about' target is near its threshold both ways: use '==', "
                f"not '{t.comparator}'"
            )
        return out

    def uses_trend(self, target) -> bool:
        return True

    def latest_meets(self, rows, target):
        return inside(rows["latest_value"].to_numpy(dtype=float), target)

    def sdg_goal(self, target, base_value):
        base = np.asarray(base_value, dtype=float)
        return np.full(len(base), centre(target)), ~(base > centre(target))

    def goal_band(self, target):
        return band(target)

    def assumptions(self, target):
        if target.tolerance is not None:
            return []
        low, high = band(target)
        return [("tolerance", {"tolerance": tolerance(target), "low": low, "high": high})]

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        T = target.target_year
        low, high = band(target)
        mid = centre(target)
        latest = panel.at(panel.last_idx)
        below = ~(latest > mid)  # each series is pulled up or down towards the middle
        ens = trend_projection(panel, target, result, T, ctx, toward=mid, up=below)
        p_low, p_high = ens.p_beyond(T, low, True), ens.p_beyond(T, high, True)
        p_trend = np.clip(p_low - p_high, 0.0, 1.0)
        # the progress view (learned on real series: targets are mostly reached) of reaching
        # the near edge, times the trend's chance of not passing the far one
        near = np.where(below, low, high)
        reach = progress_probability(panel, target, near, up=below)
        stay = np.where(below, 1 - p_high, p_low)
        p = np.clip(mix(p_trend, reach * stay, panel.n_points), 0.0, 1.0)
        p = np.where(panel.n_points == 0, np.nan, p)
        status = open_status(p, panel.n_points)
        final = panel.column(T)
        known = ~np.isnan(final)
        ok = inside(final, target)
        status[known] = np.where(ok[known], "achieved", "missed")
        p_final = ok.astype(float)
        if T in panel.years:
            on_estimate = known & panel.estimate[:, T - panel.years[0]]
            result["provisional"] = on_estimate
            noise = ens.noise_plain
            p_est = provisional_p(final, noise, low, True) - provisional_p(final, noise, high, True)
            p_final = np.where(on_estimate, np.clip(p_est, 0.0, 1.0), p_final)
        result["probability"] = np.where(known, p_final, p)
        for k in ("projected_value", "projected_low", "projected_high"):
            result[k] = np.where(known, final, result[k])
        result["status"] = status
        result["latest_value"] = latest
        # the classic view, towards the middle: the change so far that way, and still needed
        first = panel.at(panel.first_idx)
        span = panel.year_at(panel.last_idx) - panel.year_at(panel.first_idx)
        left = T - panel.year_at(panel.last_idx)
        way = np.where(below, 1.0, -1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            actual = np.where(span > 0, way * (latest - first) / span, np.nan)
            required = np.where(left > 0, np.abs(mid - latest) / left, np.nan)
        pace(result, actual, required, True)
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        final = (status == "achieved") | (status == "missed")
        every = np.ones(len(status), dtype=bool)
        return [(final, "final"), (c["n_points"] == 1, "one_point"), (every, "open")]

    def overlay(self, target, figures, years) -> Overlay:
        return Overlay(band=band(target))

    def synthetic(self, target, rng, n, years, scenarios):
        """Levels moving towards the middle of the band from either side, the fraction of the
        change realised as in real series: some stop short, some overshoot."""
        from ..synthetic import draw, paths

        mid = centre(target)
        side = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        gap = np.maximum(draw(rng, "gap", n), 0.005) * max(abs(mid), 1.0)
        return paths(rng, years, mid + side * gap, np.full(n, mid), scenarios,
                     target.plausible_range)  # fmt: skip
