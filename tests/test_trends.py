import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ward_analysis import project
from ward_analysis.model.trends import (
    DAMPING,
    Priors,
    damped_years,
    fit_trend,
    from_scale,
    pooled_priors,
    prob_all_years,
    prob_beyond,
    scale_for,
    to_scale,
)


def test_scales_suit_the_measures():
    assert scale_for("share") == "logit"
    assert scale_for("share", (-10, 10)) == "identity"
    assert scale_for("amount") == scale_for("count") == "log"
    assert scale_for("length") == "identity"


@pytest.mark.parametrize("scale", ["logit", "log", "identity"])
def test_scale_round_trip(scale):
    values = np.array([0.5, 12.0, 50.0, 99.0])
    assert np.allclose(from_scale(to_scale(values, scale), scale), values)


def test_shares_at_the_bounds_stay_finite():
    z = to_scale(np.array([0.0, 100.0]), "logit")
    assert np.isfinite(z).all() and z[0] < -6 and z[1] > 6


def test_least_squares_line_is_recovered():
    years = np.arange(2020, 2024)
    fit = fit_trend(years, np.array([[1.0, 3.0, 5.0, 7.0]]), Priors(0.1, 1.0))
    assert fit.slope[0] == pytest.approx(2.0)
    assert fit.level[0] == pytest.approx(4.0) and fit.tbar[0] == pytest.approx(2021.5)
    # inside the data the line is not damped; beyond, each year adds DAMPING^k of the slope
    assert fit.mean(2023)[0] == pytest.approx(7.0)
    assert fit.mean(2025)[0] == pytest.approx(7.0 + 2.0 * (DAMPING + DAMPING**2))


def test_damped_years():
    assert damped_years(0) == 0
    assert damped_years(1) == pytest.approx(DAMPING)
    assert damped_years(2) == pytest.approx(DAMPING + DAMPING**2)


def test_noise_comes_from_the_points_before_the_latest():
    years = np.arange(2020, 2025)
    a = fit_trend(years, np.array([[1.0, 2.0, 3.0, 4.0, 5.0]]), Priors(0.1, 1.0))
    b = fit_trend(years, np.array([[1.0, 2.0, 3.0, 4.0, 9.0]]), Priors(0.1, 1.0))
    assert a.noise[0] == pytest.approx(
        b.noise[0]
    )  # a jump in the latest figure moves the line only
    assert b.mean(2026)[0] > a.mean(2026)[0]


def test_single_point_has_no_slope_and_a_widening_interval():
    fit = fit_trend(
        np.arange(2020, 2026),
        np.array([[np.nan, 3.0, np.nan, np.nan, np.nan, np.nan]]),
        Priors(0.1, 0.2),
    )
    assert fit.slope[0] == 0 and fit.n[0] == 1
    assert fit.sd(2022)[0] < fit.sd(2025)[0]


def test_empty_row_is_nan():
    fit = fit_trend(np.arange(2020, 2023), np.full((1, 3), np.nan), Priors(0.1, 0.2))
    assert np.isnan(fit.mean(2025)[0]) and fit.n[0] == 0


def test_prob_beyond_is_a_normal_tail():
    assert prob_beyond(np.array([1.0]), np.array([1.0]), 1.0, True)[0] == pytest.approx(0.5)
    assert prob_beyond(np.array([2.0]), np.array([1.0]), 1.0, True)[0] == pytest.approx(
        0.8413, abs=1e-4
    )
    assert prob_beyond(np.array([2.0]), np.array([1.0]), 1.0, False)[0] == pytest.approx(
        0.1587, abs=1e-4
    )


def test_joint_probability_of_several_years_is_below_each_years_own():
    years = np.arange(2020, 2024)
    fit = fit_trend(years, np.array([[10.0, 10.2, 9.9, 10.1]]), Priors(0.3, 0.1))
    single = prob_beyond(fit.mean(2025), fit.sd(2025), 9.8, True)[0]
    both = prob_all_years(fit, np.array([2024, 2025]), 9.8, True)[0]
    assert 0 < both < single < 1
    assert prob_all_years(fit, np.array([]), 9.8, True)[0] == 1


def test_pooled_priors_learn_the_noise_of_many_series():
    rng = np.random.default_rng(0)
    years = np.arange(2020, 2026)
    z = np.linspace(0, 1, 6)[None, :] + rng.normal(0, 0.4, (500, 6))
    learned = pooled_priors("logit", [years], [z])
    assert 0.3 < learned.noise < 0.5
    quiet = pooled_priors("logit", [years], [np.linspace(0, 1, 6)[None, :].repeat(500, 0)])
    assert quiet.noise < 0.05


def test_project_returns_a_path_with_an_interval():
    s = pd.Series([71.2, 73.5, 74.8, 76.4], index=[2020, 2021, 2022, 2023])
    out = project(s, 2025)
    assert out["year"].tolist() == list(range(2020, 2026))
    assert (out["low"] <= out["projected"]).all() and (out["projected"] <= out["high"]).all()
    assert out["observed"].iloc[:4].tolist() == s.tolist() and out["observed"].iloc[4:].isna().all()
    assert out["method"].iloc[0] == "logit_trend" and out["n_points"].iloc[0] == 4
    assert 76.4 < out["projected"].iloc[-1] < 82


def test_project_accepts_a_tidy_frame_and_amounts():
    frame = pd.DataFrame({"year": [2020, 2021, 2022], "value": [100.0, 110.0, 121.0]})
    out = project(frame, 2024, measure="amount")
    assert out["method"].iloc[0] == "log_trend"
    growth = out["projected"].iloc[-1] / 121.0
    assert 1.1 < growth < 1.1**2  # damped compound growth


def test_project_of_an_empty_series():
    assert project(pd.Series([], dtype=float), 2025).empty


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(min_value=1, max_value=99), min_size=1, max_size=6),
    measure=st.sampled_from(["share", "amount", "length"]),
)
def test_projection_interval_contains_the_point(values, measure):
    s = pd.Series(values, index=range(2020, 2020 + len(values)))
    out = project(s, 2025, measure=measure)
    assert (out["low"] <= out["projected"] + 1e-9).all()
    assert (out["projected"] <= out["high"] + 1e-9).all()
    if measure == "share":
        assert out[["low", "high"]].stack().between(0, 100).all()
