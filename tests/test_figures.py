"""The figure of a year: an actual beats an estimate, only the target's basis counts, a plan
is kept apart — one rule for the model, the charts and the tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ward_analysis.model.figures import comparable, one_per_year, year_figures
from ward_analysis.schema import OBSERVATION_COLUMNS

from .conftest import make_catalog


def rows(*records):
    return pd.DataFrame([(*r, "t", None, None) for r in records], columns=OBSERVATION_COLUMNS)


def test_an_actual_beats_an_estimate_in_either_order():
    keys, actual = np.array([7, 7, 8, 9, 9]), np.array([True, False, False, False, True])
    assert one_per_year(keys, actual).tolist() == [0, 2, 4]
    assert one_per_year(np.array([], dtype=int), np.array([], dtype=bool)).tolist() == []


def test_no_basis_stated_counts_as_the_targets():
    basis = np.array([None, "2021-2025", "2016-2020"], dtype=object)
    assert comparable(basis, "2021-2025").tolist() == [True, True, False]
    assert comparable(basis, None).tolist() == [True, True, True]


def test_year_figures_keeps_one_result_and_one_plan_per_year(tmp_path):
    share = {"kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}
    poverty = share | {"id": "5", "comparator": "<=", "threshold": 2, "basis": "new",
                       "basis_markers": {"new": ["mới"], "old": ["cũ"]}}  # fmt: skip
    catalog = make_catalog(tmp_path, share | {"id": "4"}, poverty)
    obs = rows(
        ("P", "4", 2022, 75.0, "estimate", None),
        ("P", "4", 2022, 76.0, "actual", None),
        ("P", "4", 2022, 78.0, "plan", None),
        ("P", "4", 2023, 77.0, "estimate", None),
        ("P", "4", 2024, float("nan"), "actual", None),
        ("P", "5", 2022, 3.0, "actual", "old"),
        ("P", "5", 2023, 2.5, "estimate", "new"),
        ("Q", "4", 2022, 60.0, "actual", None),
        ("P", "9", 2022, 1.0, "actual", None),
    )
    results = year_figures(obs, catalog, unit="P")
    assert results[["target_id", "year", "value", "value_kind"]].values.tolist() == [
        ["4", 2022, 76.0, "actual"], ["4", 2023, 77.0, "estimate"], ["5", 2023, 2.5, "estimate"],
    ]  # fmt: skip
    with_plans = year_figures(obs, catalog, unit="P", first=2022, last=2022, plans=True)
    assert sorted(with_plans["value_kind"]) == ["actual", "plan"]
    assert len(year_figures(obs, catalog)) == 4  # both units
