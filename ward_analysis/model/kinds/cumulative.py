"""**cumulative** — a total over the term's years ("trong nhiệm kỳ kết nạp 25 đảng viên").

Total so far plus the remaining years: a Gamma–Poisson (negative binomial) model of yearly
counts, or a normal model of yearly lengths/amounts/shares; ``achieved`` once the total is
reached.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from ...schema import NUMERIC_MEASURES
from ..distributions import nbinom_quantiles, nbinom_sf
from ..panel import TOL, empty_result, meets, pace, status_from_p
from ..trends import PRIOR_WEIGHT, Z80
from . import Kind, register


@register
class Cumulative(Kind):
    name = "cumulative"
    running_total = True

    def problems(self, t) -> list[str]:
        out = []
        if t.measure not in NUMERIC_MEASURES:
            out.append(f"kind: a {t.measure} target cannot be summed over the term")
        if t.comparator not in (">=", ">"):
            out.append(
                "comparator: a total over the term can only be required to reach at least (>=, >) a figure"
            )
        return out

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        n_units = len(panel.n_points)
        result = empty_result(n_units)
        years = panel.years
        term = (years >= target.first_year) & (years <= target.target_year)
        flows = np.where(panel.observed, panel.values, 0.0)
        total = (flows * term[None, :]).sum(axis=1)
        n_term_seen = (panel.observed & term[None, :]).sum(axis=1)
        remaining = (target.target_year - target.first_year + 1) - n_term_seen
        n_all = panel.n_points
        sum_all = flows.sum(axis=1)
        thr = target.threshold_value
        need = thr - total
        if target.measure == "count":
            need_int = np.where(target.comparator == ">", np.floor(need) + 1, np.ceil(need - TOL))
            r = 0.5 + sum_all
            q = np.where(n_all > 0, n_all / np.maximum(n_all + remaining, 1), 1.0)
            p = np.where(need_int <= 0, 1.0, nbinom_sf(need_int - 1, r, q))
            low, median, high = nbinom_quantiles((0.1, 0.5, 0.9), r, q)
            expected = np.where(n_all > 0, median, np.nan)  # the median: inside the interval
            result["method"] = np.full(n_units, "gamma_poisson", dtype=object)
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                mean_flow = np.where(n_all > 0, sum_all / np.maximum(n_all, 1), np.nan)
                dev = np.where(panel.observed, panel.values - mean_flow[:, None], 0.0)
                s2 = (PRIOR_WEIGHT * (0.5 * mean_flow) ** 2 + (dev**2).sum(1)) / (
                    PRIOR_WEIGHT + np.maximum(n_all - 1, 0)
                )
                expected = remaining * mean_flow
                sd = np.sqrt(remaining * s2 + remaining**2 * s2 / np.maximum(n_all, 1))
                p = np.where(
                    need <= TOL,
                    1.0,
                    np.where(
                        sd > 0, ndtr((expected - need) / sd), (expected >= need).astype(float)
                    ),
                )
                low, high = np.maximum(expected - Z80 * sd, 0), expected + Z80 * sd
            result["method"] = np.full(n_units, "normal_flows", dtype=object)
        # a share of a whole cannot pass its top (100 %): what is left to cover shrinks
        top = target.plausible_range[1] if target.measure == "share" else np.inf
        result["projected_value"] = np.minimum(total + expected, top)
        result["projected_low"] = np.minimum(total + low, top)
        result["projected_high"] = np.minimum(total + high, top)
        result["latest_value"] = total
        with np.errstate(divide="ignore", invalid="ignore"):
            actual = np.where(n_term_seen > 0, total / np.maximum(n_term_seen, 1), np.nan)
            required = np.where(remaining > 0, need / np.maximum(remaining, 1), np.nan)
        pace(result, actual, required, True)
        p = np.where(n_all == 0, np.nan, p)
        status = status_from_p(p)
        status[np.isnan(p)] = "insufficient_data"
        reached = meets(total, target)
        status[(remaining == 0) & ~reached] = "missed"
        status[reached] = "achieved"
        p = np.where(reached, 1.0, np.where((remaining == 0) & ~reached, 0.0, p))
        final = (remaining == 0) | reached
        estimated = panel.estimate & panel.observed & term[None, :]
        # provisional: missed with an estimate in the total, or reached only thanks to one
        without = total - np.where(estimated, flows, 0.0).sum(axis=1)
        result["provisional"] = estimated.any(axis=1) & (
            ((remaining == 0) & ~reached) | (reached & ~meets(without, target))
        )
        # a total resting on estimates: the chance that the final total meets the target, each
        # estimated year's final flow taken as the estimate give or take its spread (Poisson
        # for counts, the normal model's spread of the yearly flows, s2, otherwise)
        if target.measure == "count":
            var = np.where(estimated, np.maximum(flows, 1.0), 0.0).sum(axis=1)
            gap = total - (thr - 0.5)  # a whole count: continuity correction
        else:
            var = estimated.sum(axis=1) * s2
            gap = total - thr
        with np.errstate(invalid="ignore", divide="ignore"):
            p_est = np.where(var > 0, ndtr(gap / np.sqrt(var)), (gap >= 0).astype(float))
        p = np.where(result["provisional"], p_est, p)
        for k in ("projected_value", "projected_low", "projected_high"):
            result[k] = np.where(remaining == 0, total, result[k])
        result["status"], result["probability"] = status, p
        if target.upper is not None:
            result["above_range"] = (
                np.where(final, total, result["projected_value"]) > target.upper + TOL
            )
        return result

    def sentence_cases(self, c, target):
        status = c["status"]
        every = np.ones(len(status), dtype=bool)
        settled = (status == "missed") | (status == "achieved")
        not_started = np.asarray(c["latest_year"], dtype=float) < target.first_year
        return [(settled, "settled"), (not_started, "not_started"), (every, "open")]

    def chart_series(self, target, figures):
        term = figures[figures["year"] >= target.first_year]
        return term.assign(value=term["value"].cumsum())

    def synthetic(self, target, rng, n, years, scenarios):
        from ..synthetic import flows

        return flows(target, rng, n, years, scenarios)
