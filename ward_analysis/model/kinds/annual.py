"""**annual** — to be met in every year of the term ("hằng năm đạt 85 % trở lên").

``missed`` as soon as one term year fails; otherwise the probability that every remaining
(or unreported) term year passes: from the trend and its year-to-year noise for figures,
from the pass history (Beta–Binomial, with a prior pass rate learned from every pass/fail
series assessed together) for yes/no, ratings and "100 %" targets.
"""

from __future__ import annotations

import numpy as np

from ..distributions import p_all_pass
from ..panel import (
    empty_result,
    level_pace,
    meets,
    open_status,
    pass_history_model,
    trend_projection,
    upward,
)
from ..trends import prob_all_years, to_scale
from . import Kind, register


@register
class Annual(Kind):
    name = "annual"
    pass_history_prior = True
    pass_fail_chart = True

    def uses_trend(self, target) -> bool:
        return not pass_history_model(target)

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        result["latest_value"] = panel.at(panel.last_idx)
        years = panel.years
        term = (years >= target.first_year) & (years <= target.target_year)
        ok = meets(panel.values, target) & panel.observed
        fail = panel.observed & ~ok
        term_fail = fail & term[None, :]
        failed_in_term = term_fail.any(axis=1)
        first_fail = np.where(failed_in_term, term_fail.argmax(axis=1), -1)
        result["detail_year"] = panel.year_at(first_fail)
        result["detail_value"] = panel.at(first_fail)
        all_term_years = np.arange(target.first_year, target.target_year + 1)
        seen_term = np.zeros((n_units, len(all_term_years)), dtype=bool)
        inside = (all_term_years >= years[0]) & (all_term_years <= years[-1])
        seen_term[:, inside] = panel.observed[:, all_term_years[inside] - years[0]]
        remaining = (~seen_term).sum(axis=1)
        if pass_history_model(target):
            passes, pre_fails = ok.sum(1), (fail & ~term[None, :]).sum(1)
            p = p_all_pass(passes, pre_fails, remaining, ctx.pass_prior)
            result["method"] = np.full(n_units, "pass_history", dtype=object)
        else:
            fit, scale, _, _ = trend_projection(panel, target, result, target.target_year, ctx)
            thr_z = to_scale(np.array([target.threshold_value]), scale)[0]
            # years after the latest figure follow the trend; unreported years before it (gaps)
            # are judged by the pass history, not by a backcast of the trend (which a better
            # latest figure would tilt against them)
            last_year = panel.year_at(panel.last_idx)
            later = ~seen_term & (all_term_years[None, :] > last_year[:, None])
            gaps = (~seen_term & ~later).sum(axis=1)
            p_gaps = p_all_pass(ok.sum(1), fail.sum(1), gaps, ctx.pass_prior)
            p = prob_all_years(fit, all_term_years, thr_z, upward(target), which=later) * p_gaps
            level_pace(panel, target, result)
        p = np.where(panel.n_points == 0, np.nan, p)
        status = open_status(p, panel.n_points)
        done = (remaining == 0) & ~failed_in_term
        status[done] = "achieved"
        status[failed_in_term] = "missed"
        p = np.where(done, 1.0, np.where(failed_in_term, 0.0, p))
        result["status"], result["probability"] = status, p
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        return [
            (status == "missed", "missed"),
            (status == "achieved", "achieved"),
            (np.ones(len(status), dtype=bool), "open"),
        ]

    def projection_levels(self, target, assessment, figures):
        return None  # each year passes or fails: no single end-of-term figure to project
