"""**average_growth** — an average yearly growth over the term ("tăng bình quân 3 – 5 %/năm"),
or a ceiling on it ("tốc độ tăng dân số bình quân hằng năm dưới 1 %").

The term's compound growth from the base year (CAGR) ≥ g is the same as the target-year
level ≥ base × (1 + g)^(T − base) (≤ for a ceiling: ``<=``, ``<``), projected on a log-linear
trend; "above the range" is reported separately.
"""

from __future__ import annotations

import numpy as np

from ...schema import GROWTH_UNIT
from ..panel import (
    empty_result,
    pace,
    settle_rate,
    trend_projection,
    upward,
)
from ..progress import mix, progress_probability
from . import Kind, Overlay, rate_cases, register


def goal_level(target, base_value: np.ndarray) -> np.ndarray:
    """The target-year level the growth asks for, from each base-year figure."""
    g = target.threshold_value / 100
    return np.asarray(base_value, dtype=float) * (1 + g) ** (target.target_year - target.base_year)


@register
class AverageGrowth(Kind):
    name = "average_growth"

    def problems(self, t) -> list[str]:
        out = []
        if t.measure not in ("amount", "count"):
            out.append(
                f"measure: an average-growth target grows an amount or a count, not a {t.measure}"
            )
        return out

    def checks_threshold_range(self, target) -> bool:
        return False  # the threshold is a growth rate, not a figure of the measure

    def uses_trend(self, target) -> bool:
        return True

    def compared_unit(self, target) -> str:
        return GROWTH_UNIT

    def sdg_goal(self, target, base_value):
        return goal_level(target, base_value), upward(target)

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        T, base = target.target_year, target.base_year
        up = upward(target)
        v0 = panel.column(base)
        latest = panel.at(panel.last_idx)
        t_last = panel.year_at(panel.last_idx)
        needed_level = goal_level(target, v0)
        ens = trend_projection(panel, target, result, T, ctx, toward=needed_level)

        def cagr(value, years):
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(years > 0, ((value / v0) ** (1 / years) - 1) * 100, np.nan)

        for k in ("projected_value", "projected_low", "projected_high"):
            result[k] = cagr(result[k], T - base)
        p_trend = ens.p_beyond(T, needed_level, up)
        p = mix(p_trend, progress_probability(panel, target, needed_level), panel.n_points)
        so_far = cagr(latest, t_last - base)
        with np.errstate(divide="ignore", invalid="ignore"):
            required = np.where(
                t_last < T, ((needed_level / latest) ** (1 / (T - t_last)) - 1) * 100, np.nan
            )
        pace(result, so_far, required, up)
        result["latest_value"] = so_far
        usable = (v0 > 0) & (panel.n_points >= 2)
        return settle_rate(result, panel, target, p, usable=usable, has_base=v0 > 0,
                           as_rate=lambda levels: cagr(levels, np.full(n_units, T - base)),
                           goal=needed_level, up=up, noise=ens.noise_plain)  # fmt: skip

    def sentence_cases(self, c, target):
        return rate_cases(c, target)

    def overlay(self, target, figures, years) -> Overlay:
        base = figures[figures["year"] == target.base_year]["value"]
        if not len(base):
            return Overlay()  # no base-year figure: no path to draw
        v0, g = float(base.iloc[0]), target.threshold_value / 100
        return Overlay(path=[(yr, v0 * (1 + g) ** (yr - target.base_year)) for yr in years])

    def projection_levels(self, target, assessment, figures):
        v0 = figures[figures["year"] == target.base_year]["value"]
        if v0.empty:
            return None
        span = target.target_year - target.base_year
        return tuple(
            float(v0.iloc[0]) * (1 + assessment[k] / 100) ** span
            for k in ("projected_value", "projected_low", "projected_high")
        )

    def synthetic(self, target, rng, n, years, scenarios):
        from ..synthetic import amounts

        return amounts(target, rng, n, years, scenarios, needed=target.threshold_value / 100)
