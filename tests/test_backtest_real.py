"""The real-series corpus and what is learned from it.

The corpus (``tests/data/real``) holds official Vietnamese targets with their yearly series,
sources and outcomes. These tests check the corpus itself, that the held-aside third is the
one the declared rule gives, that every constant learned from the tuning part is still what the
tuning part gives, and — by cross-validation on the tuning part only — that the method beats
the calibrated Open SDG bands. The held-aside part is not scored here: it was scored once
(``benchmarks/results/real_holdout.md``).
"""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from ward_analysis import assess
from ward_analysis.model import progress
from ward_analysis.model.backtest import backtest
from ward_analysis.model.baselines import SDG_BAND_P, learn_band_p
from ward_analysis.model.synthetic import REAL_DYNAMICS

from .real_corpus import (
    HOLDOUT_FILE,
    CorpusError,
    dynamics,
    held_aside,
    load_cases,
    split,
    to_catalog_and_observations,
)


@pytest.fixture(scope="module")
def cases():
    return load_cases()


@pytest.fixture(scope="module")
def tuning_rows(cases):
    tune, _ = split(cases)
    catalog, obs = to_catalog_and_observations(tune)
    bt = backtest(catalog, obs)
    return bt[~bt["decided"]].reset_index(drop=True)


def test_the_corpus_is_large_sourced_and_balanced(cases):
    assert len(cases) >= 60
    assert len({c.unit for c in cases}) >= 10
    missed = sum(c.outcome == "missed" for c in cases)
    assert 0.3 <= missed / len(cases) <= 0.7
    for c in cases:
        assert c.target_source.startswith("http") and c.outcome_source.startswith("http")
        assert all(f.source.startswith("http") for f in c.series)
        assert c.wording.strip()


def test_recorded_outcomes_agree_with_the_figures(cases):
    # the outcome the package computes from the target-year figure is the one the case records
    # (assessed in each target year only: no forecast of the held-aside part is made here)
    catalog, obs = to_catalog_and_observations(cases)
    disagree = []
    for year in sorted({c.target_year for c in cases}):
        a = assess(catalog, obs, year).set_index(["unit", "target_id"])["status"]
        for i, c in enumerate(cases):
            if c.target_year == year:
                met = a[(c.case, str(i + 1))] == "achieved"
                if met != (c.outcome == "met"):
                    disagree.append(c.case)
    assert disagree == []


def test_the_held_aside_part_is_the_declared_rule(cases):
    declared = yaml.safe_load(HOLDOUT_FILE.read_text(encoding="utf-8"))
    assert sorted(declared["cases"]) == sorted(c.case for c in cases if held_aside(c))
    tune, held = split(cases)
    assert len(held) >= len(cases) / 4
    # no unit and family on both sides
    assert not {(c.unit, c.family) for c in tune} & {(c.unit, c.family) for c in held}


def test_a_malformed_case_names_itself(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- case: x\n  unit: A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.yaml, case 1 \(x\): missing"):
        load_cases([bad])


def test_the_learned_constants_are_what_the_tuning_part_gives(cases, tuning_rows):
    rows = tuning_rows
    assert learn_band_p(rows["sdg_band"], rows["outcome"]) == SDG_BAND_P
    learned = progress.fit_curve(
        rows["sdg_value"], rows["sdg_band"] == "target_achieved", rows["outcome"]
    )
    assert learned == pytest.approx(progress.PROGRESS_CURVE, abs=0.011)
    assert dynamics(split(cases)[0]) == REAL_DYNAMICS


def test_ours_beats_the_calibrated_open_sdg_bands_cross_validated(tuning_rows):
    # 6 folds by case over the tuning part: the bands' probabilities and the progress curve are
    # learned on the other folds; ours mixes the trend (its probability with no progress view)
    # and the progress view as assess does
    rows = tuning_rows
    y = rows["outcome"].to_numpy(dtype=float)
    units = rows["unit"].to_numpy()
    achieved = (rows["sdg_band"] == "target_achieved").to_numpy()
    saved = progress.PROGRESS_SHARE
    try:
        progress.PROGRESS_SHARE = (0.0, 0.0)
        tune, _ = split(load_cases())
        catalog, obs = to_catalog_and_observations(tune)
        trend = backtest(catalog, obs)
        trend = trend[~trend["decided"]].reset_index(drop=True)
    finally:
        progress.PROGRESS_SHARE = saved
    assert (trend["unit"].to_numpy() == units).all()
    share = progress.share(rows["n_points"].to_numpy())
    # the progress view assess computes from its panels is the one the backtest computes from
    # the observations (Open SDG's measure, two ways): the mix of the two gives ours exactly
    p_progress = progress.curve(rows["sdg_value"], achieved)
    mixed = (1 - share) * trend["p_ours"].to_numpy() + share * p_progress
    assert mixed == pytest.approx(rows["p_ours"].to_numpy(), abs=1e-9)
    names = np.unique(units)
    np.random.default_rng(1).shuffle(names)
    ours, sdg, share_met = np.empty(len(y)), np.empty(len(y)), np.empty(len(y))
    for fold in np.array_split(names, 6):
        test = np.isin(units, fold)
        coef = progress.fit_curve(rows["sdg_value"][~test], achieved[~test], y[~test])
        p_progress = progress.curve(rows["sdg_value"][test], achieved[test], coef)
        p_trend = trend["p_ours"].to_numpy()[test]
        ours[test] = (1 - share[test]) * p_trend + share[test] * p_progress
        bands = learn_band_p(rows["sdg_band"][~test], rows["outcome"][~test])
        sdg[test] = rows["sdg_band"][test].map(bands).to_numpy()
        share_met[test] = y[~test].mean()
    brier_ours, brier_sdg = np.mean((ours - y) ** 2), np.mean((sdg - y) ** 2)
    assert brier_ours < brier_sdg, (brier_ours, brier_sdg)
    # and it beats always forecasting the share met on the other folds
    assert brier_ours < np.mean((share_met - y) ** 2)
