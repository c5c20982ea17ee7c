"""**change_per_year** — the level moves by so much each year from the base year ("tỷ lệ hộ
nghèo giảm bình quân 1 – 1,5 %/năm", "giảm bình quân hằng năm từ 0,8 % trở lên").

``direction`` says which way the level must go, ``change_unit`` how the yearly change is
counted: ``points`` (units of the measure a year: percentage points for a share) or
``percent`` (% of the previous year's level, compounded). The comparator, threshold and upper
end are on the *size* of the yearly change (a positive number): down, ``>=`` 1 (points) means
a target-year level of at most base − 1 × (T − base). The base is the resolution's own figure
(``base_value``) or the data's figure of the base year; with neither the target cannot be
assessed (``needs_base``). As with an average growth, the level is projected on the
measure's trend, the change per year so far and still needed is the pace, and a change
beyond the upper end of a range is reported as above it.
"""

from __future__ import annotations

import numpy as np

from ...schema import GROWTH_UNIT, NUMERIC_MEASURES, PER_YEAR, POINTS_UNIT
from ..panel import (
    empty_result,
    pace,
    settle_rate,
    trend_projection,
    upward,
)
from ..progress import mix, progress_probability
from . import Kind, Overlay, rate_cases, register


def _sign(target) -> float:
    return -1.0 if target.direction == "down" else 1.0


def level_after(target, base, size, years) -> np.ndarray:
    """The level ``years`` after a ``base`` level that moves ``size`` a year the target's
    way (points, or percent compounded)."""
    base, size, years = (np.asarray(x, dtype=float) for x in (base, size, years))
    if target.change_unit == "percent":
        return base * (1 + _sign(target) * size / 100) ** years
    return base + _sign(target) * size * years


def size_of(target, base, level, years) -> np.ndarray:
    """The average change a year from ``base`` to ``level`` over ``years``, counted the
    target's way (positive when the level moved the way the target asks); NaN for no year."""
    base, level, years = (np.asarray(x, dtype=float) for x in (base, level, years))
    with np.errstate(divide="ignore", invalid="ignore"):
        if target.change_unit == "percent":
            size = _sign(target) * ((level / base) ** (1 / years) - 1) * 100
        else:
            size = _sign(target) * (level - base) / years
    return np.where(years > 0, size, np.nan)


def level_up(target) -> bool:
    """Whether a higher target-year level helps: a fall of *at least* so much, or a rise of
    *at most* so much, wants it low."""
    return (target.direction == "up") == upward(target)


def _base_of(target, figures) -> float | None:
    """The base: the resolution's own, else the base year's figure of the chart's figures."""
    if target.base_value is not None:
        return float(target.base_value)
    base = figures[figures["year"] == target.base_year]["value"]
    return float(base.iloc[0]) if len(base) else None


@register
class ChangePerYear(Kind):
    name = "change_per_year"
    said_with_its_way = True
    fields = ("direction", "change_unit", "base_value")

    def problems(self, t) -> list[str]:
        out = []
        if t.measure not in NUMERIC_MEASURES:
            out.append(f"measure: a change per year is a change of a figure, not of a {t.measure}")
        if t.direction is None:
            out.append("direction: a change-per-year target needs its direction, 'down' or 'up'")
        if t.change_unit is None:
            out.append(
                "change_unit: a change-per-year target needs how the change is counted: "
                "'points' (units of the measure a year; percentage points for a share) or "
                "'percent' (% of the previous year's level)"
            )
        number = isinstance(t.threshold, float) and not isinstance(t.threshold, bool)
        if number and t.threshold < 0:
            out.append(
                f"threshold: the size of the yearly change, {t.threshold:g}, must not be "
                f"negative (the way it goes is the direction)"
            )
        if t.base_value is not None:
            low, high = t.plausible_range
            if not low <= t.base_value <= high:
                out.append(
                    f"base_value: {t.base_value:g} is outside the possible values of a "
                    f"{t.measure} ({low:g} to {high:g})"
                )
            if t.change_unit == "percent" and t.base_value <= 0:
                out.append("base_value: a change in percent needs a base above 0")
        return out

    def checks_threshold_range(self, target) -> bool:
        return False  # the threshold is a change a year, not a figure of the measure

    def uses_trend(self, target) -> bool:
        return True

    def compared_unit(self, target) -> str:
        if target.change_unit == "percent":
            return GROWTH_UNIT
        if target.unit_of_measure == "%":
            return POINTS_UNIT
        return f"{target.unit_of_measure}{PER_YEAR}"

    def sdg_goal(self, target, base_value):
        base = np.asarray(base_value, dtype=float)
        if target.base_value is not None:
            base = np.full(len(base), target.base_value)
        span = target.target_year - target.base_year
        return level_after(target, base, target.threshold_value, span), level_up(target)

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        T, b = target.target_year, target.base_year
        span = T - b
        base = panel.column(b)
        if target.base_value is not None:  # the resolution's base; a figure of the series too
            panel = panel.filled(b, np.full(n_units, target.base_value))
            base = np.full(n_units, float(target.base_value))
        has_base = ~np.isnan(base) & ((base > 0) | (target.change_unit != "percent"))
        good_up = level_up(target)
        goal = level_after(target, base, target.threshold_value, span)
        ens = trend_projection(panel, target, result, T, ctx, toward=goal, up=good_up)
        ends = [size_of(target, base, result[k], span) for k in ("projected_low", "projected_high")]
        result["projected_value"] = size_of(target, base, result["projected_value"], span)
        result["projected_low"], result["projected_high"] = np.fmin(*ends), np.fmax(*ends)
        p_trend = ens.p_beyond(T, goal, good_up)
        p_progress = progress_probability(panel, target, goal, up=good_up)
        p = mix(p_trend, p_progress, panel.n_points)
        latest = panel.at(panel.last_idx)
        t_last = panel.year_at(panel.last_idx)
        so_far = size_of(target, base, latest, t_last - b)
        required = size_of(target, latest, goal, np.where(t_last < T, T - t_last, 0))
        pace(result, so_far, required, upward(target))
        result["latest_value"] = so_far
        later = (panel.observed & (panel.years > b)[None, :]).any(axis=1)
        usable = has_base & later
        return settle_rate(result, panel, target, p, usable=usable, has_base=has_base,
                           as_rate=lambda levels: size_of(target, base, levels, np.full(n_units, span)),
                           goal=goal, up=good_up, noise=ens.noise_plain)  # fmt: skip

    def sentence_cases(self, c, target):
        return rate_cases(c, target)

    def overlay(self, target, figures, years) -> Overlay:
        base = _base_of(target, figures)
        if base is None:
            return Overlay()  # no base: no path to draw
        b, size = target.base_year, target.threshold_value
        return Overlay(
            path=[(yr, float(level_after(target, base, size, yr - b))) for yr in years if yr >= b]
        )

    def projection_levels(self, target, assessment, figures):
        base = _base_of(target, figures)
        if base is None:
            return None
        span = target.target_year - target.base_year
        mid, low, high = (
            float(level_after(target, base, assessment[k], span))
            for k in ("projected_value", "projected_low", "projected_high")
        )
        return mid, min(low, high), max(low, high)

    def synthetic(self, target, rng, n, years, scenarios):
        """Levels from a base towards the level the yearly change asks for by the target year,
        the fraction of the change realised and the noise as in real series."""
        from ..synthetic import paths

        span = target.target_year - target.base_year
        size = target.threshold_value
        low, high = target.plausible_range
        if target.base_value is not None:
            base = np.full(n, float(target.base_value))
        elif target.measure == "share":
            room = size * span if target.change_unit == "points" else 0.0
            if target.direction == "down":
                base = rng.uniform(room + 0.5, room + 15, n)
            else:
                base = rng.uniform(5, max(high - room - 5, 6), n)
        else:
            base = rng.uniform(5000, 12000, n)
        goal = level_after(target, base, size, span)
        return paths(rng, years, base, goal, scenarios, (low, high))
