"""The pace still required: how much each target's figure must do in each year left.

The planner's arithmetic beside the probabilities of :func:`.assess.assess`: from the
latest figure to the goal, spread over the term's years still to come. :func:`pace` gives
one row per (unit, target) with the columns of :data:`PACE_COLUMNS` — codes and numbers,
no words (``ward_analysis.present.explore`` words them):

``unit``, ``target_id``, ``kind``, ``measure``, ``comparator``
    the target as it stands in ``as_of`` (a restated target: the restatement in force);
``as_of``
    only results (actuals and estimates, never plans) of ``year <= as_of`` are used, one per
    year (an actual beats an estimate, figures on another basis do not count:
    :mod:`.figures`), and none after the target year;
``rule``
    what ``required`` is (:data:`RULES`);
``situation``
    where the target stands (:data:`SITUATIONS`);
``latest_year``, ``latest_value``
    the latest figure and its year; for a total over the term the total of the term years
    so far (0 before the first counted year) and its last year;
``goal``
    the threshold in force: a growth rate in %/year for an average growth, 1 for a yes/no
    target, the rank on its scale for a rating (the lower end of a range);
``goal_level``
    the figure the tables must show: in the target year (an end-of-term level; an average
    growth: the base-year figure grown at ``goal`` each year; a change per year: the base
    moved by ``goal`` each year; an approximate level: the middle of its band), in its year
    (a level due inside the term), as the term's total, or in every year (an every-year
    target); NaN where it cannot be known (no base-year figure, a level compared with
    another unit's);
``years_left``
    the term years after the latest figure (after ``as_of`` when there is none);
``required``
    the figure still needed each year left: ``(goal_level − latest) / years_left`` for a
    level (signed: below 0 the figure must fall); the amount per year still missing from a
    total (0 once it is reached); the growth in %/year from the latest figure to
    ``goal_level`` for an average growth; ``goal_level`` for an every-year target; NaN for
    yes/no and rated targets (they must pass), a level compared with another unit's, with
    no figure, or with no year left.

A comparator ``>`` or ``<`` is read as its bound here (the pace to reach 25 counts 25).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..schema import LEVEL_MEASURES, RESULT_KINDS
from .catalog import Catalog, Target
from .figures import comparable, year_figures
from .kinds.about import centre, inside
from .kinds.by_year import due
from .kinds.change_per_year import level_after, level_up
from .panel import TOL, meets

PACE_COLUMNS = [
    "unit", "target_id", "kind", "measure", "comparator", "as_of", "rule", "situation",
    "latest_year", "latest_value", "goal", "goal_level", "years_left", "required",
]  # fmt: skip

#: What ``required`` is, by rule code.
RULES = {
    "level_change": "the change of the level needed each year (signed)",
    "amount_per_year": "the amount still missing from the term's total, per year left",
    "growth_rate": "the average growth in %/year needed from the latest figure",
    "level_each_year": "the level each year left must reach (the goal itself)",
    "pass_each_year": "none: a yes/no or rated target that must pass in each year left",
    "pass_in_target_year": "none: a yes/no or rated target that must pass in the target year",
    "beside_reference": "none: a figure compared with another unit's in the target year",
}
#: Where a target stands, by situation code.
SITUATIONS = {
    "open": "the goal is not met yet and years are left",
    "met": "the latest figure (a total: the total so far) already meets the goal",
    "missed": "an every-year target failed in a term year, or no year is left and it falls short",
    "no_figure": "no usable result up to as_of",
    "unreported": "an every-year target with no year left but a term year without a result",
    "no_base": "an average growth without a usable base-year figure",
    "not_comparable": "the latest figures are on another basis than the target in force",
}

_Row = dict[str, object]


def pace(
    catalog: Catalog,
    observations: pd.DataFrame,
    as_of: int | None = None,
    *,
    unit: str | None = None,
) -> pd.DataFrame:
    """The pace still required of every target of ``catalog`` as of ``as_of`` (default: the
    latest year with a result), one row per (unit, target): see the module docstring.

    ``unit`` restricts to one unit (which need not appear in the data); otherwise every unit
    with a result, or the catalog's unit when there is none. The units the catalog's targets
    compare with are not among them (as :func:`.assess.assess` does not assess them).
    """
    results = observations[
        observations["value_kind"].isin(RESULT_KINDS) & observations["value"].notna()
    ]
    if as_of is None:
        as_of = int(results["year"].max()) if len(results) else catalog.term[0]
    if not isinstance(as_of, int | np.integer) or isinstance(as_of, bool):
        raise WardAnalysisError(f"as_of must be a year (a whole number), not {as_of!r}")
    as_of = int(as_of)
    references = catalog.reference_units()
    own = [u for u in dict.fromkeys(results["unit"]) if u not in references]
    units = [unit] if unit is not None else (own or [catalog.unit])
    in_force = [t.in_force(as_of) for t in catalog]
    figures = year_figures(results, in_force, unit=unit, last=as_of, all_bases=True)
    by_key = {key: group for key, group in figures.groupby(["unit", "target_id"], sort=False)}
    empty = figures.iloc[:0]
    rows = []
    for u in units:
        for t in in_force:
            rule = _RULES.get(t.kind)
            if rule is None:
                raise WardAnalysisError(
                    f"target '{t.id}': no pace rule for the kind '{t.kind}' "
                    f"(add one to ward_analysis.model.pace)"
                )
            own = by_key.get((u, t.id), empty)
            own = own[own["year"] <= t.target_year].sort_values("year", kind="stable")
            same = comparable(own["basis"].to_numpy(dtype=object), t.basis)
            mine, other = own[same], own[~same]
            row = {
                "unit": u,
                "target_id": t.id,
                "kind": t.kind,
                "measure": t.measure,
                "comparator": t.comparator,
                "as_of": as_of,
                "goal": t.threshold_value,
                **rule(t, mine["year"].to_numpy(dtype=int), mine["value"].to_numpy(dtype=float)),
            }
            if row["situation"] == "no_figure":
                row["years_left"] = _after(t, max(as_of, t.first_year - 1))
            if len(other) and (not len(mine) or other["year"].max() > mine["year"].max()):
                row |= {"situation": "not_comparable", "required": np.nan}
            rows.append(row)
    frame = pd.DataFrame(rows, columns=PACE_COLUMNS)
    return frame.astype(
        {
            "as_of": "int64",
            "latest_year": "Int64",
            "latest_value": "float64",
            "goal": "float64",
            "goal_level": "float64",
            "years_left": "int64",
            "required": "float64",
        }
    )


def _after(t: Target, year: int) -> int:
    """The term years after ``year`` (none once the target year is reached)."""
    return max(t.target_year - year, 0)


def _no_figure(rule: str, goal_level: float = np.nan) -> _Row:
    return {"rule": rule, "situation": "no_figure", "latest_year": pd.NA,
            "latest_value": np.nan, "goal_level": goal_level, "required": np.nan}  # fmt: skip


def _end_level(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    level = t.measure in LEVEL_MEASURES
    rule = "pass_in_target_year" if level else "level_change"
    goal = t.threshold_value
    if not len(years):
        return _no_figure(rule, goal)
    year, value = int(years[-1]), float(values[-1])
    left = _after(t, year)
    ok = bool(meets(value, t))
    required = (goal - value) / left if left and not level else np.nan
    return {"rule": rule, "situation": "met" if ok else ("open" if left else "missed"),
            "latest_year": year, "latest_value": value, "goal_level": goal,
            "years_left": left, "required": required}  # fmt: skip


def _annual(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    level = t.measure in LEVEL_MEASURES
    rule = "pass_each_year" if level else "level_each_year"
    goal = t.threshold_value
    if not len(years):
        return _no_figure(rule, goal)
    term = (years >= t.first_year) & (years <= t.target_year)
    failed = bool((~meets(values[term], t)).any())
    left = _after(t, max(int(years[-1]), t.first_year - 1))
    every_year = int(term.sum()) == t.target_year - t.first_year + 1
    situation = (
        "missed" if failed else ("met" if every_year else ("open" if left else "unreported"))
    )
    required = goal if left and not level else np.nan
    return {"rule": rule, "situation": situation, "latest_year": int(years[-1]),
            "latest_value": float(values[-1]), "goal_level": goal, "years_left": left,
            "required": required}  # fmt: skip


def _cumulative(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    goal = t.threshold_value
    if not len(years):
        return _no_figure("amount_per_year", goal)
    term = (years >= t.first_year) & (years <= t.target_year)
    total = float(values[term].sum())
    last = int(years[term].max()) if term.any() else t.first_year - 1
    left = _after(t, last)
    ok = bool(meets(total, t))
    required = 0.0 if ok else ((goal - total) / left if left else np.nan)
    return {"rule": "amount_per_year", "situation": "met" if ok else ("open" if left else "missed"),
            "latest_year": last, "latest_value": total, "goal_level": goal,
            "years_left": left, "required": required}  # fmt: skip


def _average_growth(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    if not len(years):
        return _no_figure("growth_rate")
    year, value = int(years[-1]), float(values[-1])
    left = _after(t, year)
    row = {"rule": "growth_rate", "latest_year": year, "latest_value": value, "years_left": left}
    base = values[years == t.base_year]
    if not len(base) or base[0] <= 0 or value <= 0:
        return row | {"situation": "no_base", "goal_level": np.nan, "required": np.nan}
    goal_level = float(base[0]) * (1 + t.threshold_value / 100) ** (t.target_year - t.base_year)
    ok = value >= goal_level * (1 - TOL)
    required = ((goal_level / value) ** (1 / left) - 1) * 100 if left else np.nan
    return row | {"situation": "met" if ok else ("open" if left else "missed"),
                  "goal_level": goal_level, "required": required}  # fmt: skip


def _by_year(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    """A level due by a year inside the term: an end-of-term level with that year's end."""
    upto = years <= t.year
    return _end_level(due(t), years[upto], values[upto])


def _change_per_year(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    """The level the yearly change leads to by the target year, from the base; the change of
    the level needed each year left to reach it."""
    if not len(years):
        return _no_figure("level_change")
    year, value = int(years[-1]), float(values[-1])
    left = _after(t, year)
    row = {"rule": "level_change", "latest_year": year, "latest_value": value, "years_left": left}
    given = values[years == t.base_year]
    base = t.base_value if t.base_value is not None else (given[0] if len(given) else np.nan)
    if np.isnan(base) or (t.change_unit == "percent" and base <= 0):
        return row | {"situation": "no_base", "goal_level": np.nan, "required": np.nan}
    goal_level = float(level_after(t, base, t.threshold_value, t.target_year - t.base_year))
    ok = value >= goal_level - TOL if level_up(t) else value <= goal_level + TOL
    required = (goal_level - value) / left if left else np.nan
    return row | {"situation": "met" if ok else ("open" if left else "missed"),
                  "goal_level": goal_level, "required": required}  # fmt: skip


def _about(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    """An approximate level: the change needed each year left to reach the band's middle."""
    goal = centre(t)
    if not len(years):
        return _no_figure("level_change", goal)
    year, value = int(years[-1]), float(values[-1])
    left = _after(t, year)
    ok = bool(inside(value, t))
    return {"rule": "level_change", "situation": "met" if ok else ("open" if left else "missed"),
            "latest_year": year, "latest_value": value, "goal_level": goal, "years_left": left,
            "required": (goal - value) / left if left else np.nan}  # fmt: skip


def _relative(t: Target, years: np.ndarray, values: np.ndarray) -> _Row:
    """A figure compared with another unit's: nothing to work out from its own figures."""
    if not len(years):
        return _no_figure("beside_reference")
    year = int(years[-1])
    return {"rule": "beside_reference", "situation": "open", "latest_year": year,
            "latest_value": float(values[-1]), "goal_level": np.nan,
            "years_left": _after(t, year), "required": np.nan}  # fmt: skip


#: How each kind of target's pace is worked out: its rule, by kind name.
_RULES: dict[str, Callable[[Target, np.ndarray, np.ndarray], _Row]] = {
    "end_level": _end_level,
    "annual": _annual,
    "cumulative": _cumulative,
    "average_growth": _average_growth,
    "by_year": _by_year,
    "change_per_year": _change_per_year,
    "about": _about,
    "relative": _relative,
}
