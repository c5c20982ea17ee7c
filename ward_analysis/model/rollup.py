"""A merged unit's figures, rolled up from its predecessors' (the 2025 mergers).

When wards merge, the new ward's baseline year has no table of its own: its figure for each
target is computed from the predecessors' figures of the same indicator family
(:mod:`.families`), by a rule per measure (:data:`RULES`, a registry):

- ``count``, ``amount``, ``length``: the predecessors' figures add up;
- ``share``: the mean weighted by each predecessor's denominator (households, population,
  Party members… — the family's ``weight``, from the registry of units for that year). A
  weight that is not known is never replaced by an unweighted mean: the figure is left out,
  flagged ``rollup_weight_missing`` with which unit lacks which weight;
- ``boolean``: met only if every predecessor met it (the detail shows each one's);
- ``rating``: the lowest predecessor's level (by its name on the new target's scale).

Every figure is kept with a ``rolled_up`` flag whose detail shows the parts; a target with
no figure says why (``rollup_incomplete``: a predecessor has no figure or no such target;
``rollup_no_family``; ``rollup_basis_differs``). Nothing is averaged blindly or dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..schema import OBSERVATION_COLUMNS, flag_entry
from ..text import match_key
from . import families
from .catalog import Catalog, Target
from .figures import year_figures
from .units import Unit

#: The ``source`` of a rolled-up figure: the registry, which says who merged and the weights.
ROLLUP_SOURCE = "units.yaml"


@dataclass(frozen=True)
class Part:
    """One predecessor's figure for the target being rolled up."""

    unit: Unit
    target: Target  # the predecessor's own target of the family
    value: float
    estimate: bool
    basis: str | None


@dataclass(frozen=True)
class Rolled:
    """What a rule gives: the figure (NaN: none) and the flag (code, detail)."""

    value: float
    code: str
    detail: str


def _parts(parts: list[Part], weights: list[float] | None = None, labels=None) -> str:
    return ";".join(
        f"{p.unit.shown}={labels[i] if labels else repr(p.value)}"
        + (f"@{weights[i]!r}" if weights else "")
        for i, p in enumerate(parts)
    )


def _add(target: Target, parts: list[Part], year: int) -> Rolled:
    total = math.fsum(p.value for p in parts)
    return Rolled(total, "rolled_up", f"sum|{_parts(parts)}")


def _weighted(target: Target, parts: list[Part], year: int) -> Rolled:
    weight = families.get(target.family).weight if target.family else None
    if weight is None:
        return Rolled(
            math.nan, "rollup_weight_missing", "|" + ", ".join(p.unit.shown for p in parts)
        )
    weights = [p.unit.weight(weight, year) for p in parts]
    lacking = [p.unit.shown for p, w in zip(parts, weights, strict=True) if w is None]
    if lacking:
        return Rolled(math.nan, "rollup_weight_missing", f"{weight}|{', '.join(lacking)}")
    value = math.fsum(p.value * w for p, w in zip(parts, weights, strict=True)) / math.fsum(weights)
    return Rolled(round(value, 6), "rolled_up", f"weighted:{weight}|{_parts(parts, weights)}")


def _all_pass(target: Target, parts: list[Part], year: int) -> Rolled:
    value = 1.0 if all(p.value >= 0.5 for p in parts) else 0.0
    return Rolled(value, "rolled_up", f"all|{_parts(parts)}")


def _lowest(target: Target, parts: list[Part], year: int) -> Rolled:
    scale = [match_key(level) for level in target.rating_scale or []]
    aliases = {
        match_key(a): i
        for i, level in enumerate(target.rating_scale or [])
        for a in target.rating_aliases.get(level, [])
    }
    ranks = []
    for p in parts:
        key = match_key((p.target.rating_scale or [])[int(p.value)])
        rank = scale.index(key) if key in scale else aliases.get(key)
        if rank is None:  # a level the new scale does not know: not guessed
            return Rolled(math.nan, "rollup_incomplete", p.unit.shown)
        ranks.append(rank)
    levels = target.rating_scale or []
    detail = f"lowest|{_parts(parts, labels=[levels[r] for r in ranks])}"
    return Rolled(float(min(ranks)), "rolled_up", detail)


def parse_detail(
    detail: str,
) -> tuple[str, str | None, list[tuple[str, float | str, float | None]]]:
    """A ``rolled_up`` flag's detail as (rule, weight or None, [(unit, value, weight)]):
    the rule is ``sum``, ``weighted``, ``all`` (values 1/0) or ``lowest`` (values: the
    levels' names on the new target's scale)."""
    head, _, body = detail.partition("|")
    rule, _, weight = head.partition(":")
    parts = []
    for item in filter(None, body.split(";")):
        name, _, rest = item.rpartition("=")
        value, _, w = rest.partition("@")
        try:
            figure: float | str = float(value)
        except ValueError:
            figure = value
        parts.append((name, figure, float(w) if w else None))
    return rule, weight or None, parts


#: How each measure rolls up (see the module notes). A new measure is one line here.
RULES: dict[str, Callable[[Target, list[Part], int], Rolled]] = {
    "count": _add,
    "amount": _add,
    "length": _add,
    "share": _weighted,
    "boolean": _all_pass,
    "rating": _lowest,
}


def roll_up(
    successor: Unit,
    catalog: Catalog,
    predecessors: list[tuple[Unit, Catalog, pd.DataFrame]],
    year: int,
) -> pd.DataFrame:
    """The successor's figures for ``year`` from its predecessors' (each: the unit, its
    catalog and its observations): one observation per target of ``catalog``, with its
    figure or, with no figure, the reason in ``flag`` (module notes). Columns:
    :data:`~ward_analysis.schema.OBSERVATION_COLUMNS`."""
    figures = []
    for unit, cat, obs in predecessors:
        own = obs[obs["unit"] == cat.unit] if "unit" in obs else obs
        used = year_figures(own, [t.in_force(year) for t in cat], first=year, last=year,
                            all_bases=True)  # fmt: skip
        by_family = {t.family: t for t in cat if t.family}
        figures.append((unit, by_family, used))
    rows = []
    for target in catalog:
        tg = target.in_force(year)
        rolled = _one(tg, figures, year)
        estimate = rolled[1]
        value, code, detail, basis = rolled[0].value, rolled[0].code, rolled[0].detail, rolled[2]
        rows.append({
            "unit": catalog.unit, "target_id": target.id, "year": year, "value": value,
            "value_kind": "estimate" if estimate else "actual",
            "basis": basis,
            "source": ROLLUP_SOURCE, "note": None, "flag": flag_entry(code, detail),
        })  # fmt: skip
    frame = pd.DataFrame(rows)
    for c in OBSERVATION_COLUMNS:
        if c not in frame:
            frame[c] = None
    return frame[OBSERVATION_COLUMNS]


def _one(target: Target, figures, year: int) -> tuple[Rolled, bool, str | None]:
    if target.family is None:
        return Rolled(math.nan, "rollup_no_family", ""), False, None
    parts, missing = [], []
    for unit, by_family, used in figures:
        own = by_family.get(target.family)
        rows = used[used["target_id"] == own.id] if own is not None else used.iloc[:0]
        if len(rows) > 1:  # figures on several bases: the one the target is on that year
            rows = rows[rows["basis"] == own.in_force(year).basis]
        if len(rows) != 1:  # no such target, or no figure that year (on its basis)
            missing.append(unit.shown)
            continue
        row = rows.iloc[0]
        basis = row["basis"] if isinstance(row["basis"], str) else None
        parts.append(Part(unit, own.in_force(year), float(row["value"]),
                          row["value_kind"] == "estimate", basis))  # fmt: skip
    if missing:
        return Rolled(math.nan, "rollup_incomplete", ", ".join(missing)), False, None
    if not parts:
        return Rolled(math.nan, "rollup_incomplete", ""), False, None
    bases = {p.basis for p in parts}
    if len(bases) > 1:
        shown = ", ".join(f"{p.unit.shown} ({p.basis or '–'})" for p in parts)
        return Rolled(math.nan, "rollup_basis_differs", shown), False, None
    rolled = RULES[target.measure](target, parts, year)
    return rolled, any(p.estimate for p in parts), next(iter(bases))
