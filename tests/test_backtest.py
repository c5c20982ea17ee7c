import pandas as pd
import pytest

from ward_analysis import (
    backtest,
    backtest_summary,
    load_catalog,
    read_reports,
    synthetic_observations,
)
from ward_analysis.schema import BACKTEST_COLUMNS

from .conftest import make_catalog, obs_frame

SHARE_80 = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def scores(summary: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {r.method: (r.brier, r.accuracy) for r in summary.itertuples()}


def assert_ours_beats_both(summary: pd.DataFrame) -> None:
    s = scores(summary)
    ours = s.pop("ours")
    for name, (brier, accuracy) in s.items():
        assert ours[0] < brier, f"Brier: ours {ours[0]} vs {name} {brier}"
        assert ours[1] > accuracy, f"accuracy: ours {ours[1]} vs {name} {accuracy}"


def test_ours_beats_both_baselines_on_the_shipped_data(catalog):
    bt = backtest(catalog, read_reports().observations)
    assert list(bt.columns) == BACKTEST_COLUMNS
    assert set(bt["as_of"]) == {2020, 2021, 2022, 2023, 2024}
    assert not bt["target_id"].isin(["5a", "5b"]).any()  # not comparable: no known outcome
    assert_ours_beats_both(backtest_summary(bt))


@pytest.mark.parametrize("seed", [7, 11])
def test_ours_beats_both_baselines_on_synthetic_wards(catalog, seed):
    bt = backtest(catalog, synthetic_observations(catalog, 150, seed=seed))
    assert len(bt) > 20_000
    assert_ours_beats_both(backtest_summary(bt))


def test_backtest_scores_are_hand_checkable(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    obs = obs_frame({"4": {2020: 70, 2021: 74, 2022: 78, 2023: 81, 2024: 82, 2025: 83}})
    bt = backtest(cat, obs)
    assert bt["outcome"].all() and bt["as_of"].tolist() == [2020, 2021, 2022, 2023, 2024]
    # latest value: 70, 74, 78 miss 80; 81 and 82 meet it
    assert bt["p_latest"].tolist() == [0, 0, 0, 1, 1]
    summary = scores(backtest_summary(bt))
    assert summary["latest"] == (pytest.approx(3 / 5), pytest.approx(2 / 5))
    by_year = backtest_summary(bt, by="as_of")
    assert set(by_year["as_of"]) == {2020, 2021, 2022, 2023, 2024}


def test_rows_without_a_known_outcome_are_left_out(tmp_path):
    cat = make_catalog(tmp_path, SHARE_80)
    assert backtest(cat, obs_frame({"4": {2020: 70, 2021: 74}})).empty


def test_precomputed_assessments_give_the_same_backtest(catalog):
    import ward_analysis as wa

    obs = read_reports().observations
    stacked = pd.concat([wa.assess(catalog, obs, y) for y in range(2020, 2026)], ignore_index=True)
    reused = backtest(catalog, obs, assessments=stacked)
    pd.testing.assert_frame_equal(reused, backtest(catalog, obs))
    partial = backtest(
        catalog, obs, assessments=stacked[stacked["as_of"] >= 2023]
    )  # the rest assessed here
    pd.testing.assert_frame_equal(partial, reused)
