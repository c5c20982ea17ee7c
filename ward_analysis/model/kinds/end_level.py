"""**end_level** — a level to reach by the target year ("đến năm 2025 đạt 80 %").

A trend on a scale suited to the measure (see :mod:`ward_analysis.model.trends`) projected
to the target year gives the probability that the figure then meets the threshold; yes/no,
ratings and "100 %" targets are judged on their pass history instead.
"""

from __future__ import annotations

import numpy as np

from ..distributions import p_all_pass
from ..panel import (
    TOL,
    empty_result,
    forecast_threshold,
    level_pace,
    meets,
    open_status,
    pass_history_model,
    provisional_p,
    trend_projection,
    upward,
)
from ..progress import mix, progress_probability
from . import Kind, register


@register
class EndLevel(Kind):
    name = "end_level"
    pass_history_prior = True

    def uses_trend(self, target) -> bool:
        return not pass_history_model(target)

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        latest = panel.at(panel.last_idx)
        result["latest_value"] = latest
        T = target.target_year
        if pass_history_model(target):
            ok = meets(panel.values, target) & panel.observed
            p = p_all_pass(
                ok.sum(1), (panel.observed & ~ok).sum(1), np.ones(n_units), ctx.pass_prior
            )
            result["probability"] = p
            result["method"] = np.full(n_units, "pass_history", dtype=object)
        else:
            ens = trend_projection(panel, target, result, T, ctx)
            goal = forecast_threshold(target)
            p_trend = ens.p_beyond(T, goal, upward(target))
            p_progress = progress_probability(panel, target, goal)
            result["probability"] = mix(p_trend, p_progress, panel.n_points)
            level_pace(panel, target, result)
        p = result["probability"]
        status = open_status(p, panel.n_points)
        final = panel.column(T)
        known = ~np.isnan(final)
        ok = meets(final, target)
        status[known] = np.where(ok[known], "achieved", "missed")
        p_final = ok.astype(float)
        if T in panel.years:
            # a final status on an estimate is provisional: the chance that the final figure
            # meets the target, the estimate plus a year's noise (trend targets only)
            on_estimate = known & panel.estimate[:, T - panel.years[0]]
            result["provisional"] = on_estimate
            if not pass_history_model(target):
                p_est = provisional_p(
                    final, ens.noise_plain, forecast_threshold(target), upward(target)
                )
                p_final = np.where(on_estimate, p_est, p_final)
        result["probability"] = np.where(known, p_final, p)
        result["projected_value"] = np.where(known, final, result["projected_value"])
        for k in ("projected_low", "projected_high"):
            result[k] = np.where(known, final, result[k])
        result["status"] = status
        if target.upper is not None:
            result["above_range"] = result["projected_value"] > target.upper + TOL
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        cases = [
            ((status == "achieved") | (status == "missed"), "final"),
            (c["n_points"] == 1, "one_point"),
        ]
        if pass_history_model(target):
            cases.append((np.ones(len(status), dtype=bool), "pass_fail"))
        return [*cases, (np.ones(len(status), dtype=bool), "open")]
