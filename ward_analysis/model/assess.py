"""As of a year, will each target be met at the end of the term?

:func:`assess` gives one row per (unit, target): a status code, the probability that the
target is met at the end of the term, the projected end-of-term figure with an 80 %
interval, the classic pace view, and the facts a sentence about it needs — codes and
numbers only; ``ward_analysis.present`` words them (``wa.describe``). Only results (actuals
and estimates) with ``year <= as_of`` are used; plans never count.

How each kind of target is assessed lives in its module in :mod:`.kinds`. Status cut-offs
on the probability: ``on_track`` ≥ 0.7 > ``at_risk`` ≥ 0.3 > ``off_track``. ``achieved`` /
``missed`` are final (``missed`` for an every-year target that failed in a term year, or a
target year past without meeting it). ``insufficient_data``: no usable figure, or every
term year past and some without a figure. ``not_comparable``: the latest figures are on
another basis than the target in force (item 5's poverty standard, were it not restated).
A final status resting on an estimate is ``provisional``; its probability is then the chance
that the final figure meets the target.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..schema import ASSESS_COLUMNS, REQUIRED_OBSERVATION_COLUMNS, RESULT_KINDS
from . import kinds
from .catalog import Catalog, Target
from .overrides import apply_overrides
from .panel import PASS_PRIOR_WEIGHT, Context, Panel, meets
from .trends import pooled_priors, scale_for, to_scale

#: Series (units' targets with at least three figures) a family needs before its trend
#: prior is learned from its own targets alone; fewer, and its targets share the prior of
#: every target on their scale (one ward: always the scale's).
FAMILY_POOL_MIN_SERIES = 20


def _learn_priors(panels: list[Panel]) -> Context:
    """Empirical-Bayes priors from every series assessed together (all targets, all units):
    per scale, and per (scale, indicator family) where a family has enough series of its own
    (many units' catalogs: a province), so that comparable targets are pooled together."""
    groups: dict[str, tuple[str, list, list]] = {}
    family_series: dict[str, int] = {}
    passes = fails = 0
    for i, panel in enumerate(panels):
        t = panel.target
        kind = kinds.get(t.kind)
        if kind.uses_trend(t):
            scale = scale_for(t.measure, t.valid_range)
            z = to_scale(panel.values, scale)
            base = f"identity:{i}" if scale == "identity" else scale
            keys = [base]
            if t.family is not None and scale != "identity":
                fam = f"{scale}:{t.family}"
                keys.append(fam)
                family_series[fam] = family_series.get(fam, 0) + int((panel.n_points >= 3).sum())
            for key in keys:
                _, years, zs = groups.setdefault(key, (scale, [], []))
                years.append(panel.years)
                zs.append(z)
            panel.prior_keys = tuple(keys)
        elif kind.pass_history_prior:
            ok = meets(panel.values, t) & panel.observed
            passes += int(ok.sum())
            fails += int((panel.observed & ~ok).sum())
    pooled = {k for k, n in family_series.items() if n >= FAMILY_POOL_MIN_SERIES}
    priors = {
        key: pooled_priors(scale, years, zs)
        for key, (scale, years, zs) in groups.items()
        if ":" not in key or key.startswith("identity:") or key in pooled
    }
    for panel in panels:  # the family's own prior where it has enough series, else the scale's
        keys = getattr(panel, "prior_keys", ())
        if keys:
            panel.prior_key = keys[-1] if keys[-1] in priors else keys[0]
    if passes + fails >= 5:
        rate = (passes + 0.5) / (passes + fails + 1)
        return Context(priors, (PASS_PRIOR_WEIGHT * rate, PASS_PRIOR_WEIGHT * (1 - rate)))
    return Context(priors)


def _check_input(observations: pd.DataFrame, as_of: object) -> None:
    if not isinstance(as_of, int | np.integer) or isinstance(as_of, bool):
        raise WardAnalysisError(f"as_of must be a year (a whole number), not {as_of!r}")
    missing = set(REQUIRED_OBSERVATION_COLUMNS) - set(observations.columns)
    if missing:
        raise WardAnalysisError(
            f"the observations table lacks the column(s) {', '.join(sorted(missing))}"
        )


def assess(
    catalog: Catalog,
    observations: pd.DataFrame,
    as_of: int,
    *,
    unit: str | None = None,
    overrides: str | Path | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Assess every target of ``catalog`` for every unit in ``observations`` as of ``as_of``.

    Only results with ``year <= as_of`` are used (no look-ahead); plans never count;
    estimates count and set ``uses_estimate``. ``unit`` restricts to one unit (which need
    not appear in the data). Returns one row per (unit, target) with the columns of
    :data:`ward_analysis.schema.ASSESS_COLUMNS`. ``overrides`` (a YAML file or a frame):
    analysts' statuses, applied by :func:`.overrides.apply_overrides` (the model's status
    kept in ``computed_status``). Units with catalogs of their own: :func:`assess_units`.

    The units the catalog's targets compare with (a ``relative`` target's ``reference``:
    :meth:`.Catalog.reference_units`) are read, not assessed: their rows are the figures
    compared with, and they get no rows of their own (a province is not held to a ward's
    resolution); assess them against their own catalog with :func:`assess_units`.
    """
    _check_input(observations, as_of)
    references = catalog.reference_units()
    if unit is not None:
        obs = observations[observations["unit"].isin([unit, *references])]
        units = [unit]
    else:  # the units with a result to use by as_of (none: the catalog's own unit)
        obs = observations
        used = _usable(obs, int(as_of)) & ~obs["unit"].isin(list(references)).to_numpy()
        units = sorted(obs.loc[used, "unit"].unique()) or [catalog.unit]
    out = _assess({u: catalog for u in units}, obs, int(as_of))
    return apply_overrides(out, overrides, catalog=catalog)[ASSESS_COLUMNS]


def assess_units(
    catalogs: Mapping[str, Catalog],
    observations: pd.DataFrame,
    as_of: int,
    *,
    overrides: Mapping[str, str | Path | pd.DataFrame | None] | None = None,
) -> pd.DataFrame:
    """Assess many units at once, each against its own catalog (its own resolution):
    ``catalogs`` maps each unit (as the observations' ``unit`` column names it) to its
    catalog. Trend priors are learned from all of them together, pooled across comparable
    targets (same measure and indicator family, :mod:`.families`). Returns the rows of
    :func:`assess` for every unit, in the mapping's order, each unit's targets in its
    catalog's order. ``overrides``: per unit, as :func:`assess` takes them. A unit a target
    compares with (a ``relative`` target's ``reference``) is assessed only if the mapping
    names it, against its own catalog; its rows are the reference either way."""
    _check_input(observations, as_of)
    if not catalogs:
        raise WardAnalysisError("no units to assess")
    out = apply_overrides(_assess(dict(catalogs), observations, int(as_of)))  # none yet
    given = {u: o for u, o in (overrides or {}).items() if o is not None}
    if given:  # each unit's own, checked against its own catalog
        mine = out["unit"].isin(list(given)).to_numpy()
        parts = [out[~mine]] + [
            apply_overrides(part, given[u], catalog=catalogs[u])
            for u, part in out[mine].groupby("unit", sort=False)
        ]
        out = pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
    return out[ASSESS_COLUMNS]


def _usable(obs: pd.DataFrame, as_of: int) -> np.ndarray:
    """The rows an assessment as of ``as_of`` uses: results with a figure, up to that year."""
    return (
        obs["value_kind"].isin(RESULT_KINDS).to_numpy()
        & (obs["year"].to_numpy() <= as_of)
        & obs["value"].notna().to_numpy()
    )


def _spec(t: Target) -> tuple:
    """What the assessment of a target depends on (not its id, names or text): targets of
    several catalogs with one spec are assessed as one panel."""
    return (
        t.kind, t.measure, t.comparator, t.threshold, t.upper, t.base_year, t.first_year,
        t.target_year, t.basis, t.valid_range, t.denominator, tuple(t.rating_scale or ()),
        t.family, tuple((r.from_year, r.basis) for r in t.restated), t.direction,
        t.change_unit, t.base_value, t.tolerance, t.year, kinds.get(t.kind).reference(t),
    )  # fmt: skip


def _reference_panel(target: Target, rows: pd.DataFrame, as_of: int) -> Panel | None:
    """The series a target is compared with (its kind's :meth:`~.kinds.Kind.reference`: another
    unit's figures of a target id) as a one-row panel; None for a target judged on its own."""
    ref = kinds.get(target.kind).reference(target)
    if ref is None:
        return None
    unit, target_id = ref
    mine = rows[(rows["unit"] == unit).to_numpy() & (rows["target_id"] == target_id).to_numpy()]
    basis = mine["basis"] if "basis" in mine.columns else pd.Series(None, index=mine.index)
    return Panel(
        target,
        1,
        {
            "u": np.zeros(len(mine), dtype=np.intp),
            "year": mine["year"].to_numpy(dtype=np.int64),
            "value": mine["value"].to_numpy(dtype=float),
            "actual": (mine["value_kind"] == "actual").to_numpy(),
            "basis": basis.to_numpy(dtype=object),
        },
        as_of,
    )


class _Slots:
    """The (unit, target) pairs of one spec: the rows of its panel."""

    def __init__(self, target: Target):
        self.target = target
        self.units: list[int] = []
        self.ids: list[str] = []
        self.order: list[int] = []


def _assess(catalogs: dict[str, Catalog], obs: pd.DataFrame, as_of: int) -> pd.DataFrame:
    units = list(catalogs)
    specs: dict[tuple, _Slots] = {}
    seen: dict[int, list[tuple[Target, tuple, int]]] = {}
    for u, catalog in enumerate(catalogs.values()):
        entries = seen.get(id(catalog))
        if entries is None:  # each catalog's targets as they stand as of as_of, once
            entries = [(t, _spec(t.in_force(as_of)), pos) for pos, t in enumerate(catalog)]
            seen[id(catalog)] = entries
        for t, key, pos in entries:
            slots = specs.get(key)
            if slots is None:
                slots = specs[key] = _Slots(t.in_force(as_of))
            slots.units.append(u)
            slots.ids.append(t.id)
            slots.order.append(pos)
    slot_list = list(specs.values())
    keep = _usable(obs, as_of)
    wanted = [c for c in (*REQUIRED_OBSERVATION_COLUMNS, "basis") if c in obs.columns]
    rows = obs.loc[keep, wanted]
    # each row's panel and place in it: (unit, target id) → (spec, slot)
    lookup = pd.DataFrame(
        {
            "u": np.concatenate([s.units for s in slot_list]) if slot_list else [],
            "target_id": np.concatenate([s.ids for s in slot_list]).astype(object)
            if slot_list
            else [],
            "spec": np.repeat(np.arange(len(slot_list)), [len(s.units) for s in slot_list]),
            "slot": np.concatenate([np.arange(len(s.units)) for s in slot_list])
            if slot_list
            else [],
        }
    )
    unit_index = pd.Index(units)
    placed = pd.DataFrame(
        {"u": unit_index.get_indexer(rows["unit"]), "target_id": rows["target_id"].to_numpy()}
    ).merge(lookup, on=["u", "target_id"], how="left")
    found = placed["spec"].notna().to_numpy()
    spec_of = placed["spec"].to_numpy()[found].astype(np.intp)
    slot_of = placed["slot"].to_numpy()[found].astype(np.intp)
    arrays = {
        "u": slot_of,
        "year": rows["year"].to_numpy(dtype=np.int64)[found],
        "value": rows["value"].to_numpy(dtype=float)[found],
        "actual": (rows["value_kind"] == "actual").to_numpy()[found],
        "basis": (
            rows["basis"] if "basis" in rows.columns else pd.Series(None, index=rows.index)
        ).to_numpy(dtype=object)[found],
    }
    by_spec = pd.Series(np.arange(len(spec_of))).groupby(spec_of).indices if len(spec_of) else {}
    empty = np.array([], dtype=np.intp)
    panels = [
        Panel(s.target, len(s.units), {k: a[by_spec.get(i, empty)] for k, a in arrays.items()},
              as_of)
        for i, s in enumerate(slot_list)
    ]  # fmt: skip
    for panel in panels:
        panel.reference = _reference_panel(panel.target, rows, as_of)
    ctx = _learn_priors(panels)
    parts: dict[str, list[np.ndarray]] = {}
    for panel, slots in zip(panels, slot_list, strict=True):
        target = panel.target  # in force: its threshold and comparator fill the row too
        n = len(slots.units)
        result = kinds.get(target.kind).assess(panel, target, ctx)
        nc = panel.not_comparable
        if nc.any():
            for k in ("probability", "projected_value", "projected_low", "projected_high",
                      "pace_ratio"):  # fmt: skip
                result[k] = np.where(nc, np.nan, result[k])
            result["status"] = np.where(nc, "not_comparable", result["status"])
        columns = {
            "unit_code": np.asarray(slots.units),
            "order": np.asarray(slots.order),
            "target_id": np.asarray(slots.ids, dtype=object),
            "kind": np.full(n, target.kind, dtype=object),
            "measure": np.full(n, target.measure, dtype=object),
            **result,
            "latest_year": np.where(panel.last_idx >= 0, panel.year_at(panel.last_idx), -1),
            "first_year_used": np.where(
                panel.first_idx < len(panel.years), panel.year_at(panel.first_idx), -1
            ),
            "threshold": np.full(n, target.threshold_value),
            "upper": np.full(n, np.nan if target.upper is None else target.upper),
            "comparator": np.full(n, target.comparator, dtype=object),
            "n_points": panel.n_points,
            "uses_estimate": (panel.estimate & panel.observed).any(axis=1),
            # whether the latest figure itself is an estimate (what "(ước)" beside it says)
            "latest_estimate": np.where(
                panel.last_idx >= 0,
                panel.estimate[np.arange(n), np.clip(panel.last_idx, 0, None)],
                False,
            ),
            "other_basis": panel.other_basis,
            "other_basis_first": panel.other_basis_first,
        }
        for k, v in columns.items():
            parts.setdefault(k, []).append(np.asarray(v))
    merged = {k: np.concatenate(v) for k, v in parts.items()}
    # unit by unit, each unit's targets in its catalog's order
    order = np.lexsort((merged.pop("order"), merged["unit_code"]))
    out = pd.DataFrame({k: v[order] for k, v in merged.items()})
    out.insert(0, "unit", np.asarray(units, dtype=object)[out.pop("unit_code").to_numpy()])
    out.insert(2, "as_of", int(as_of))
    for k in ("latest_year", "first_year_used", "detail_year", "other_basis_first"):
        out[k] = out[k].astype("Int64").mask(out[k] < 0)
    return out
