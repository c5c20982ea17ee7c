"""The baselines, checked against cases worked by hand from Open SDG's documented method
(sdg-build, ``sdg/ProgressMeasure.py``: method 2 for a quantitative target)."""

import numpy as np
import pytest

from ward_analysis.model.baselines import growth, learn_band_p, pace_call, sdg_progress
from ward_analysis.model.progress import curve, features, fit_curve


def one(*args):
    value, band = sdg_progress(*args)
    return float(np.asarray(value).item()), str(np.asarray(band).item())


def test_growth_is_the_compound_annual_rate():
    assert float(growth(121, 100, 2022, 2020)) == pytest.approx(0.10)
    assert np.isnan(growth(121, 100, 2020, 2020))  # no span


def test_a_rise_faster_than_needed_is_substantial_progress():
    # (56/50)^(1/3) − 1 = 0.038499 against (70/50)^(1/15) − 1 = 0.022688: ratio 1.6969
    value, band = one(50, 2015, 56, 2018, 70, 2030, True)
    assert value == pytest.approx(0.038499 / 0.022688, rel=1e-3)
    assert band == "substantial_progress"


def test_a_fall_somewhat_slower_than_needed_is_moderate_progress():
    # direction −1: −(0.9^(1/2) − 1) / |0.5^(1/10) − 1| = 0.051317 / 0.066967 = 0.7663
    value, band = one(20, 2015, 18, 2017, 10, 2025, False)
    assert value == pytest.approx(0.7663, abs=1e-3)
    assert band == "moderate_progress"


def test_slow_progress_is_limited_and_going_backwards_is_deterioration():
    value, band = one(50, 2015, 51, 2020, 70, 2030, True)  # 0.00397 / 0.02268 = 0.175
    assert band == "limited_progress" and value == pytest.approx(0.175, abs=1e-3)
    value, band = one(50, 2015, 48, 2018, 70, 2030, True)
    assert band == "deterioration" and value < 0


def test_the_target_achieved_comes_first():
    # even a fall of the figure: the current value meets the target
    assert one(50, 2015, 80, 2018, 70, 2030, True)[1] == "target_achieved"
    assert one(20, 2015, 9, 2018, 10, 2030, False)[1] == "target_achieved"
    assert one(20, 2015, 10, 2018, 10, 2030, False)[1] == "target_achieved"  # <= the target


def test_edge_values_as_open_sdg_treats_them():
    # a zero target or base counts as 0.001; one figure (base = current year) gives no value
    value, _ = one(0, 2015, 2, 2017, 5, 2025, True)
    assert value == pytest.approx(((2 / 0.001) ** 0.5 - 1) / ((5 / 0.001) ** 0.1 - 1))
    assert one(50, 2018, 50, 2018, 70, 2030, True)[1] == "not_available"
    assert one(np.nan, np.nan, 50, 2018, 70, 2030, True)[1] == "not_available"
    assert one(5, 2015, -1, 2018, 10, 2030, True)[1] == "not_available"  # signs differ


def test_bands_get_the_share_met_laplace_smoothed():
    p = learn_band_p(["moderate_progress"] * 3 + ["target_achieved"], [True, False, False, True])
    assert p["moderate_progress"] == pytest.approx(2 / 5, abs=1e-4)
    assert p["target_achieved"] == pytest.approx(2 / 3, abs=1e-4)
    assert p["deterioration"] == pytest.approx(0.5)  # no rows: (0 + 1) / (0 + 2)


def test_the_linear_pace_call():
    # required +2/yr, actual +2/yr: ratio 1 → met; ratio 0.5 → not; no pace → the latest value
    up = np.array([True, True, False])
    call = pace_call([2, 2, np.nan], [2, 1, np.nan], [1.0, 0.5, np.nan], up, [False, True, True])
    assert call.tolist() == [True, False, True]


def test_the_progress_curve_is_monotone_and_learnable():
    value = np.array([-0.5, 0.2, 0.9, np.nan])
    x = features(value, np.array([False, False, False, True]))
    assert x[:, 1].tolist() == [-0.5, 0.2, 0.9, 2.0]  # achieved counts as progress 2
    p = curve(value, np.array([False, False, False, True]), coef=(0.0, 1.0, 0.0))
    assert np.all(np.diff(p) > 0)
    rng = np.random.default_rng(0)
    v = rng.uniform(-1, 2, 400)
    met = rng.random(400) < 1 / (1 + np.exp(-(2 * v - 1)))
    b0, b1, _ = fit_curve(v, np.zeros(400, dtype=bool), met)
    assert b1 > 1 and b0 < 0
