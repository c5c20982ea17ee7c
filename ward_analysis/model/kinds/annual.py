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
            ens = trend_projection(panel, target, result, target.target_year, ctx)
            # years after the latest figure follow the trend; unreported years before it (gaps)
            # are judged by the pass history, not by a backcast of the trend (which a better
            # latest figure would tilt against them)
            last_year = panel.year_at(panel.last_idx)
            later = ~seen_term & (all_term_years[None, :] > last_year[:, None])
            gaps = (~seen_term & ~later).sum(axis=1)
            p_gaps = p_all_pass(ok.sum(1), fail.sum(1), gaps, ctx.pass_prior)
            p_later = ens.p_all_years(
                all_term_years, forecast_threshold(target), upward(target), which=later
            )
            p_progress = progress_probability(panel, target, forecast_threshold(target))
            # years still to come: the trend views and the progress view; years gone by with
            # no figure: the pass history alone
            p = np.where(later.any(axis=1), mix(p_later, p_progress, panel.n_points), 1.0) * p_gaps
            level_pace(panel, target, result)
        p = np.where(panel.n_points == 0, np.nan, p)
        status = open_status(p, panel.n_points)
        done = (remaining == 0) & ~failed_in_term
        status[done] = "achieved"
        status[failed_in_term] = "missed"
        # every term year is past but some have no figure: not "on track" — the verdict
        # waits for those years' results; the probability is that they passed
        unreported = (remaining > 0) & ~failed_in_term & (panel.as_of >= target.target_year)
        status[unreported & (panel.n_points > 0)] = "insufficient_data"
        first_gap = np.where(~seen_term, all_term_years[None, :], 10_000).min(axis=1)
        result["detail_year"] = np.where(
            unreported & (panel.n_points > 0), first_gap, result["detail_year"]
        )
        # a verdict resting on estimates is provisional
        est_term = panel.estimate & panel.observed & term[None, :]
        failed_on_estimate = (
            failed_in_term & (est_term[np.arange(n_units), np.clip(first_fail, 0, None)])
        )
        result["provisional"] = (done & est_term.any(axis=1)) | failed_on_estimate
        p_done, p_failed = np.ones(n_units), np.zeros(n_units)
        if not pass_history_model(target):
            # the chance that the final figures of the estimated years still pass (all of them)
            # or that the estimated failing year passes after all
            p_year = provisional_p(
                panel.values, ens.noise_plain[:, None], forecast_threshold(target), upward(target)
            )
            p_done = np.where(est_term, p_year, 1.0).prod(axis=1)
            p_failed = np.where(failed_on_estimate, p_year[np.arange(n_units), first_fail], 0.0)
        p = np.where(done, p_done, np.where(failed_in_term, p_failed, p))
        result["status"], result["probability"] = status, p
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        detail = np.asarray(c.get("detail_year", np.full(len(status), np.nan)), dtype=float)
        gap = (status == "insufficient_data") & (detail > 0)
        return [
            (status == "missed", "missed"),
            (status == "achieved", "achieved"),
            (gap, "unreported"),
            (np.ones(len(status), dtype=bool), "open"),
        ]

    def projection_levels(self, target, assessment, figures):
        return None  # each year passes or fails: no single end-of-term figure to project
