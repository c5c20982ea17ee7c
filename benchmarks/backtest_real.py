"""Score our forecasts and the baselines on the real-series corpus, the shipped data and
synthetic wards.

    python benchmarks/backtest_real.py            # the tuning part, shipped data, synthetic
    python benchmarks/backtest_real.py --learn    # what is learned on the tuning part
    python benchmarks/backtest_real.py --compare  # the method choices, cross-validated
    python benchmarks/backtest_real.py --holdout  # the held-aside part (score it once)

Everything learned (the Open SDG bands' probabilities, the progress curve) and every method
choice uses the tuning part only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.real_corpus import load_cases, split, to_catalog_and_observations  # noqa: E402
from ward_analysis import load_catalog, read_reports, synthetic_observations  # noqa: E402
from ward_analysis.model import ensemble, progress, trends  # noqa: E402
from ward_analysis.model.backtest import (  # noqa: E402
    backtest,
    backtest_summary,
    projection_error,
    reliability,
)
from ward_analysis.model.baselines import learn_band_p  # noqa: E402

pd.set_option("display.width", 160)


def learned(bt: pd.DataFrame) -> tuple[dict, tuple]:
    """The Open SDG bands' probabilities and the progress curve, from open tuning rows."""
    open_ = bt[~bt["decided"]]
    band_p = learn_band_p(open_["sdg_band"], open_["outcome"])
    curve = progress.fit_curve(
        open_["sdg_value"], open_["sdg_band"] == "target_achieved", open_["outcome"]
    )
    return band_p, curve


def folds(units: np.ndarray, k: int = 6) -> list[np.ndarray]:
    names = np.unique(units)
    np.random.default_rng(1).shuffle(names)
    return np.array_split(names, k)


def compare(cases) -> None:
    """Each method choice, scored by cross-validation over the tuning cases (6 folds by case):
    the progress curve and share are learned on the other folds."""
    from scipy.special import expit

    grid = [
        (damping, views, pull)
        for damping in (0.9, 1.0)
        for views in ("scale", "points", "scale+points")
        for pull in (0.0, 0.5, 1.0)
    ]
    saved = (
        trends.DAMPING,
        dict(ensemble.WEIGHTS),
        ensemble.ONE_POINT_PULL,
        progress.PROGRESS_SHARE,
    )
    rows = []
    try:
        progress.PROGRESS_SHARE = (0.0, 0.0)  # the trend views alone; the shares are chosen below
        for damping, views, pull in grid:
            trends.DAMPING, ensemble.ONE_POINT_PULL = damping, pull
            ensemble.WEIGHTS = {
                "scale": float("scale" in views.split("+")),
                "points": float("points" in views.split("+")),
            }
            bt = corpus_backtest(cases)
            bt = bt[~bt["decided"]].reset_index(drop=True)
            y = bt["outcome"].to_numpy(dtype=float)
            units = bt["unit"].to_numpy()
            p_trend = bt["p_ours"].to_numpy()
            X = progress.features(bt["sdg_value"], bt["sdg_band"] == "target_achieved")
            n = bt["n_points"].to_numpy()
            shares = [(s, s) for s in (0.0, 0.4, 0.6, 0.8, 1.0)]
            shares += [(few, many) for few in (0.6, 0.8) for many in (0.2, 0.4)]
            for few, many in shares:
                share = np.where(n >= 3, many, few)
                p = np.empty(len(y))
                for f in folds(units):
                    test = np.isin(units, f)
                    coef = progress.fit_curve(
                        bt["sdg_value"][~test], (bt["sdg_band"] == "target_achieved")[~test],
                        y[~test],
                    )  # fmt: skip
                    w = share[test]
                    p[test] = (1 - w) * p_trend[test] + w * expit(X[test] @ np.array(coef))
                two = bt["n_points"].to_numpy() >= 2
                rows.append({"damping": damping, "trend views": views, "pull": pull,
                             "progress share (1–2 | 3+ figures)": f"{few} | {many}", "cv brier": np.mean((p - y) ** 2),
                             "cv brier ≥2 figures": np.mean((p[two] - y[two]) ** 2),
                             "cv accuracy": np.mean((p >= 0.5) == y)})  # fmt: skip
    finally:
        trends.DAMPING, ensemble.WEIGHTS, ensemble.ONE_POINT_PULL, progress.PROGRESS_SHARE = saved
    table = pd.DataFrame(rows).round(4).sort_values("cv brier")
    print(table.head(15).to_string(index=False))
    print("…")
    base = table[(table["progress share (1–2 | 3+ figures)"] == "0.0 | 0.0") & (table["damping"] == 0.9)
                 & (table["trend views"] == "scale") & (table["pull"] == 0.0)]  # fmt: skip
    print("the old method (logit/log trend, damping 0.9, no pull, no progress view):")
    print(base.to_string(index=False))


def corpus_backtest(cases, band_p=None):
    catalog, obs = to_catalog_and_observations(cases)
    return backtest(catalog, obs, band_p=band_p)


def show(title: str, bt: pd.DataFrame) -> None:
    print(f"\n## {title}: {len(bt)} rows, {bt['unit'].nunique()} series, "
          f"met {bt.drop_duplicates(['unit', 'target_id'])['outcome'].mean():.2f}")  # fmt: skip
    print(backtest_summary(bt).to_string(index=False))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--learn", action="store_true")
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--holdout", action="store_true")
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args(argv)
    cases = load_cases()
    tune, held = split(cases)
    print(f"corpus: {len(cases)} cases; tuning {len(tune)}, held aside {len(held)}")
    if args.compare:
        compare(tune)
        return 0
    bt_tune = corpus_backtest(tune)
    band_p, curve = learned(bt_tune)
    if args.learn:
        print("SDG_BAND_P =", band_p)
        print("PROGRESS_CURVE =", curve)
        return 0
    bt_tune = corpus_backtest(tune, band_p)
    show("real corpus, tuning part", bt_tune)
    show("real corpus, tuning part, forecasts from ≥ 2 figures", bt_tune[bt_tune["n_points"] >= 2])
    show("real corpus, tuning part, open rows", bt_tune[~bt_tune["decided"]])
    print(reliability(bt_tune).to_string(index=False))
    print(projection_error(bt_tune).to_string(index=False))
    if args.detail:
        cols = ["unit", "as_of", "outcome", "n_points", "status", "p_ours", "p_sdg", "sdg_band",
                "p_pace", "p_latest", "projected_value", "final_value"]  # fmt: skip
        print(bt_tune[cols].to_string(index=False))
    if args.holdout:
        bt_held = corpus_backtest(held, band_p)
        show("real corpus, HELD-ASIDE part", bt_held)
        show("real corpus, held-aside part, ≥ 2 figures", bt_held[bt_held["n_points"] >= 2])
        print(reliability(bt_held).to_string(index=False))
        print(projection_error(bt_held).to_string(index=False))
        return 0
    catalog = load_catalog()
    show("shipped data (invented)", backtest(catalog, read_reports().observations, band_p=band_p))
    for seed in (7, 11):
        obs = synthetic_observations(catalog, 150, seed=seed)
        show(f"synthetic wards, seed {seed}", backtest(catalog, obs, band_p=band_p))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
