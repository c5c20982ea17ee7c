"""Kinds of target are registered objects: every kind has its sentences in every language,
an unknown kind is an error naming it, and a new kind is one module plus its words."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import ward_analysis as wa
from ward_analysis import CatalogError, WardAnalysisError
from ward_analysis.model import kinds
from ward_analysis.model.kinds import Kind
from ward_analysis.model.panel import empty_result, meets
from ward_analysis.present.locale import LOCALES
from ward_analysis.schema import STATUSES

from .conftest import make_catalog, obs_frame

#: A target of each kind the shipped catalog has none of (entries for ``make_catalog``).
NEW_KIND_EXAMPLES = (
    {"id": "1", "kind": "change_per_year", "measure": "share", "comparator": ">=",
     "threshold": 0.2, "direction": "down", "change_unit": "points"},
    {"id": "2", "kind": "about", "measure": "share", "comparator": "==", "threshold": 65,
     "upper": 70},
    {"id": "3", "kind": "by_year", "measure": "share", "comparator": ">=", "threshold": 90,
     "year": 2023},
    {"id": "4", "kind": "relative", "measure": "share", "comparator": "<", "threshold": 0,
     "reference": "gia_lai"},
)  # fmt: skip


def test_the_kinds_are_registered_from_their_modules():
    assert kinds.names() == (
        "about", "annual", "average_growth", "by_year", "change_per_year", "cumulative",
        "end_level", "relative",
    )  # fmt: skip
    assert all(kinds.get(n).name == n for n in kinds.names())


def test_an_unknown_kind_is_an_error_naming_it():
    with pytest.raises(WardAnalysisError, match=r"unknown kind of target 'yearly'.*'end_level'"):
        kinds.get("yearly")
    with pytest.raises(WardAnalysisError, match="two kinds of target are named 'annual'"):
        kinds.register(type("Again", (Kind,), {"name": "annual"}))


def test_every_case_of_every_kind_has_a_sentence_in_every_language(tmp_path):
    targets = [*wa.load_catalog(), *make_catalog(tmp_path, *NEW_KIND_EXAMPLES)]
    for name in kinds.names():
        target = next(t for t in targets if t.kind == name)
        n = len(STATUSES)
        c = {
            "status": np.array(STATUSES, dtype=object),
            "probability": np.linspace(0, 1, n),
            "n_points": np.arange(n),
            "latest_year": np.full(n, 2019.0),
        }
        cases = {case for _, case in kinds.get(name).sentence_cases(c, target)}
        assert cases, name
        for locale in LOCALES.values():
            missing = {case for case in cases if (name, case) not in locale.sentences}
            assert not missing, (locale.code, name, missing)


class Holds(Kind):
    """A test kind: met when every figure so far meets the threshold (no forecast)."""

    name = "test_holds"

    def assess(self, panel, target, ctx):
        result = empty_result(len(panel.n_points))
        ok = (meets(panel.values, target) | ~panel.observed).all(axis=1) & (panel.n_points > 0)
        result["status"] = np.where(ok, "on_track", "missed").astype(object)
        result["probability"] = ok.astype(float)
        result["latest_value"] = panel.at(panel.last_idx)
        return result

    def sentence_cases(self, c, target):
        return [(np.ones(len(c["status"]), dtype=bool), "open")]


@pytest.fixture
def holds(monkeypatch):
    monkeypatch.setitem(kinds._REGISTRY, Holds.name, Holds())
    return Holds.name


def test_a_new_kind_is_one_class_and_its_words(tmp_path, holds, monkeypatch):
    target = {"id": "4", "kind": holds, "measure": "share", "comparator": ">=", "threshold": 80}
    catalog = make_catalog(tmp_path, target)
    obs = obs_frame({"4": {2021: 82, 2022: 79}})
    a = wa.assess(catalog, obs, 2022)
    assert a["status"].tolist() == ["missed"] and a["kind"].tolist() == [holds]
    with pytest.raises(
        WardAnalysisError, match="'vi' locale has no sentence for kind 'test_holds', case 'open'"
    ):
        wa.describe(a, catalog, lang="vi")
    sentences = dict(LOCALES["vi"].sentences) | {(holds, "open"): "{name}: {lv}."}
    monkeypatch.setitem(LOCALES, "vi", dataclasses.replace(LOCALES["vi"], sentences=sentences))
    assert wa.describe(a, catalog, lang="vi")["explanation"].tolist() == ["Chỉ tiêu 4: 79,0 %."]


def test_a_catalog_with_an_unregistered_kind_is_refused(tmp_path):
    target = {
        "id": "4",
        "kind": "test_holds",
        "measure": "share",
        "comparator": ">=",
        "threshold": 80,
    }
    with pytest.raises(CatalogError, match="unknown kind of target 'test_holds'"):
        make_catalog(tmp_path, target)
