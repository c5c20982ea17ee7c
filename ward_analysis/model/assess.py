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

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..schema import ASSESS_COLUMNS, REQUIRED_OBSERVATION_COLUMNS, RESULT_KINDS
from . import kinds
from .catalog import Catalog
from .overrides import apply_overrides
from .panel import PASS_PRIOR_WEIGHT, Context, Panel, meets, prior_key
from .trends import pooled_priors, scale_for, to_scale


def _learn_priors(panels: list[Panel]) -> Context:
    """Empirical-Bayes priors from every series assessed together (all targets, all units)."""
    groups: dict[str, tuple[str, list, list]] = {}
    passes = fails = 0
    for panel in panels:
        t = panel.target
        kind = kinds.get(t.kind)
        if kind.uses_trend(t):
            scale = scale_for(t.measure, t.valid_range)
            _, years, zs = groups.setdefault(prior_key(t), (scale, [], []))
            years.append(panel.years)
            zs.append(to_scale(panel.values, scale))
        elif kind.pass_history_prior:
            ok = meets(panel.values, t) & panel.observed
            passes += int(ok.sum())
            fails += int((panel.observed & ~ok).sum())
    priors = {key: pooled_priors(scale, years, zs) for key, (scale, years, zs) in groups.items()}
    if passes + fails >= 5:
        rate = (passes + 0.5) / (passes + fails + 1)
        return Context(priors, (PASS_PRIOR_WEIGHT * rate, PASS_PRIOR_WEIGHT * (1 - rate)))
    return Context(priors)


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
    kept in ``computed_status``).
    """
    if not isinstance(as_of, int | np.integer) or isinstance(as_of, bool):
        raise WardAnalysisError(f"as_of must be a year (a whole number), not {as_of!r}")
    missing = set(REQUIRED_OBSERVATION_COLUMNS) - set(observations.columns)
    if missing:
        raise WardAnalysisError(
            f"the observations table lacks the column(s) {', '.join(sorted(missing))}"
        )
    obs = observations
    if unit is not None:
        obs = obs[obs["unit"] == unit]
    keep = (
        obs["value_kind"].isin(RESULT_KINDS).to_numpy()
        & (obs["year"].to_numpy() <= as_of)
        & obs["value"].notna().to_numpy()
    )
    wanted = [c for c in (*REQUIRED_OBSERVATION_COLUMNS, "basis") if c in obs.columns]
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
    panels = [  # each target as it stands as of as_of (a restated one on its new basis)
        Panel(t.in_force(int(as_of)), len(units),
              {k: a[groups.get(t.id, empty)] for k, a in arrays.items()}, int(as_of))
        for t in catalog
    ]  # fmt: skip
    ctx = _learn_priors(panels)
    parts: dict[str, list[np.ndarray]] = {}
    n_units = len(units)
    for panel in panels:
        target = panel.target  # in force: its threshold and comparator fill the row too
        result = kinds.get(target.kind).assess(panel, target, ctx)
        nc = panel.not_comparable
        if nc.any():
            for k in ("probability", "projected_value", "projected_low", "projected_high",
                      "pace_ratio"):  # fmt: skip
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
            "other_basis_first": panel.other_basis_first,
        }
        for k, v in columns.items():
            parts.setdefault(k, []).append(np.asarray(v))
    merged = {k: np.concatenate(v) for k, v in parts.items()}
    order = np.argsort(merged["unit_code"], kind="stable")  # unit by unit, targets in catalog order
    out = pd.DataFrame({k: v[order] for k, v in merged.items()})
    out.insert(0, "unit", np.asarray(units, dtype=object)[out.pop("unit_code").to_numpy()])
    out.insert(2, "as_of", int(as_of))
    for k in ("latest_year", "first_year_used", "detail_year", "other_basis_first"):
        out[k] = out[k].astype("Int64").mask(out[k] < 0)
    return apply_overrides(out, overrides, catalog=catalog)[ASSESS_COLUMNS]
