"""**relative** — a level compared with another unit's ("tỷ lệ hộ nghèo thấp hơn mức bình quân
của tỉnh").

``reference`` is the code of the unit compared with and ``reference_target`` its target id
holding the same indicator (default: the target's own id). The reports name the unit by the
registry of units, else by the catalog's ``reference_name_vi`` / ``reference_name_en``, else
by its code (:meth:`.Target.reference_name`, :meth:`.Catalog.with_reference_names`). The reference's figures are rows
of the same observations (unit = the reference's code): a province's figures are just
another unit's rows. ``comparator`` and ``threshold`` apply to the unit's figure minus the
reference's in the target year (threshold 0 unless the resolution states an offset).

Both series are projected to the target year on the measure's trend; the probability is
that of the unit's figure landing on the right side of the reference's plus the threshold,
the reference's own uncertainty included (its projection's quantiles). Once both target-year
figures are in, the verdict is final. No figure of the reference unit: ``insufficient_data``
(method ``needs_reference``). The row's ``detail_year`` / ``detail_value`` hold the
reference's figure beside the unit's latest (that year's, else the reference's latest).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...schema import NUMERIC_MEASURES
from ..ensemble import Ensemble
from ..panel import (
    empty_result,
    meets,
    open_status,
    pace,
    panel_priors,
    provisional_p,
    trend_projection,
    upward,
)
from ..trends import scale_for
from . import Kind, Overlay, register

#: How many quantiles of the reference's projection its uncertainty is integrated over.
REFERENCE_QUANTILES = 41


@register
class Relative(Kind):
    name = "relative"
    fields = ("reference", "reference_target", "reference_name_vi", "reference_name_en")

    def problems(self, t) -> list[str]:
        out = []
        if t.measure not in NUMERIC_MEASURES:
            out.append(f"measure: a relative target compares figures, not a {t.measure}")
        if t.reference is None or not t.reference.strip():
            out.append(
                "reference: a relative target needs the code of the unit it is compared with "
                "(the unit of its rows in the observations, e.g. gia_lai)"
            )
        if t.upper is not None:
            out.append("upper: a relative target compares with one figure, not a range")
        return out

    def checks_threshold_range(self, target) -> bool:
        return False  # the threshold is a difference between two figures (0: the same)

    def uses_trend(self, target) -> bool:
        return True

    def reference(self, target) -> tuple[str, str] | None:
        if target.reference is None:
            return None
        return target.reference, target.reference_target or target.id

    def latest_meets(self, rows, target):
        gap = rows["latest_value"].to_numpy(dtype=float) - rows["detail_value"].to_numpy(
            dtype=float
        )
        return meets(gap, target)

    def sdg_goal(self, target, base_value):
        return np.full(len(base_value), np.nan), upward(target)  # the goal moves with another unit

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        latest = panel.at(panel.last_idx)
        result["latest_value"] = latest
        ref = panel.reference
        if ref is None or ref.n_points[0] == 0:
            result["method"] = np.full(n_units, "needs_reference", dtype=object)
            return result
        T, thr, up = target.target_year, target.threshold_value, upward(target)
        years = panel.years
        ref_by_year = np.array([ref.column(int(y))[0] for y in years])
        # the reference's figure beside each unit's: the latest year both have, else its latest
        both = panel.observed & ~np.isnan(ref_by_year)[None, :]
        idx = np.arange(len(years))
        last_both = np.where(both, idx, -1).max(axis=1)
        first_both = np.where(both, idx, len(idx)).min(axis=1)
        ref_last = int(ref.last_idx[0])
        result["detail_year"] = np.where(last_both >= 0, years[last_both], ref.years[ref_last])
        result["detail_value"] = np.where(
            last_both >= 0, ref_by_year[last_both], ref.values[0, ref_last]
        )
        # the reference in the target year: known, or its projection's quantiles
        scale = scale_for(target.measure, target.valid_range)
        ref_ens = Ensemble(
            ref.years, ref.values, scale, panel_priors(panel, target, ctx), year=T, up=up
        )
        ref_final = ref.column(T)[0]
        if np.isnan(ref_final):
            levels = (np.arange(REFERENCE_QUANTILES) + 0.5) / REFERENCE_QUANTILES
            ref_points = [
                float(q[0])
                for q in ref_ens.quantiles(T, tuple(levels), bounds=target.plausible_range)
            ]
        else:
            ref_points = [float(ref_final)]
        ref_mid = float(np.median(ref_points))
        ens = trend_projection(panel, target, result, T, ctx, toward=ref_mid + thr)
        p = np.mean([ens.p_beyond(T, r + thr, up) for r in ref_points], axis=0)
        final = panel.column(T)
        own_known = ~np.isnan(final)
        if np.isnan(ref_final):  # the unit's figure is in, the reference's not yet
            p = np.where(own_known, ref_ens.p_beyond(T, final - thr, not up), p)
        p = np.where(panel.n_points == 0, np.nan, p)
        status = open_status(p, panel.n_points)
        known = own_known & ~np.isnan(ref_final)
        ok = meets(final - ref_final, target)
        status[known] = np.where(ok[known], "achieved", "missed")
        p_final = ok.astype(float)
        if T in years and not np.isnan(ref_final):
            ref_estimate = bool(ref.estimate[0, T - ref.years[0]])
            on_estimate = known & (panel.estimate[:, T - years[0]] | ref_estimate)
            result["provisional"] = on_estimate
            p_est = provisional_p(final - ref_final, ens.noise_plain, thr, up)
            p_final = np.where(on_estimate, p_est, p_final)
        result["probability"] = np.where(known, p_final, p)
        for k in ("projected_value", "projected_low", "projected_high"):
            result[k] = np.where(own_known, final, result[k])
        result["status"] = status
        # the classic view on the gap: its change a year so far, and still needed
        gap_first = panel.at(first_both) - np.where(first_both < len(idx),
                                                    ref_by_year[np.clip(first_both, 0, len(idx) - 1)],
                                                    np.nan)  # fmt: skip
        gap_last = panel.at(last_both) - np.where(last_both >= 0, ref_by_year[last_both], np.nan)
        span = panel.year_at(last_both) - panel.year_at(first_both)
        left = T - panel.year_at(last_both)
        with np.errstate(divide="ignore", invalid="ignore"):
            actual = np.where((span > 0) & (last_both >= 0), (gap_last - gap_first) / span, np.nan)
            required = np.where((left > 0) & (last_both >= 0), (thr - gap_last) / left, np.nan)
        pace(result, actual, required, up)
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        n = len(status)
        final = (status == "achieved") | (status == "missed")
        no_reference = pd.isna(np.asarray(c.get("detail_value", np.full(n, np.nan)), dtype=object))
        return [
            (final, "final"),
            (no_reference, "no_reference"),
            (c["n_points"] == 1, "one_point"),
            (np.ones(n, dtype=bool), "open"),
        ]

    def overlay(self, target, figures, years) -> Overlay:
        return Overlay()  # the reference's own series is drawn beside the unit's

    def _reference_series(self, target, years: np.ndarray) -> np.ndarray:
        """An invented reference: a share moving half a point a year (down for a ceiling, up
        for a floor) from 20 %; an amount or count growing 5 % a year from 8 000."""
        h = np.asarray(years, dtype=float) - years[0]
        if target.measure == "share":
            return np.round(20.0 + (0.5 if upward(target) else -0.5) * h, 2)
        return np.round(8000.0 * 1.05**h, 1)

    def synthetic_reference(self, target, years):
        unit, target_id = self.reference(target)
        return unit, target_id, self._reference_series(target, years)

    def synthetic(self, target, rng, n, years, scenarios):
        """Levels moving towards the reference's target-year figure plus the threshold from
        the wrong side, the fraction of the way realised as in real series."""
        from ..synthetic import draw, paths

        goal = float(self._reference_series(target, years)[-1]) + target.threshold_value
        gap = np.maximum(draw(rng, "gap", n), 0.005) * max(abs(goal), 1.0)
        start = goal - gap if upward(target) else goal + gap
        return paths(rng, years, start, np.full(n, goal), scenarios, target.plausible_range)
