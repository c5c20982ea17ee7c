"""Assessing many units at once, each against its own catalog, priors pooled by family."""

from __future__ import annotations

import pandas as pd
import pytest

import ward_analysis as wa
from ward_analysis import config
from ward_analysis.model import assess as assess_module
from ward_analysis.model.assess import assess, assess_units
from ward_analysis.read.catalog import load_catalog
from ward_analysis.read.cleaning import read_reports
from ward_analysis.read.units import load_units


@pytest.fixture(scope="module")
def shipped():
    """The three old wards' catalogs and observations (their own resolutions)."""
    reg = load_units()
    catalogs, frames = {}, []
    for code in ("chi_lang", "tra_ba", "hoi_phu_cu"):
        catalog = load_catalog(config.RAW_DIR / reg[code].catalogs[0])
        obs = read_reports(catalog.path.parent, catalog).observations
        catalogs[code] = catalog
        frames.append(obs.assign(unit=code))
    return catalogs, pd.concat(frames, ignore_index=True)


def test_each_unit_is_assessed_against_its_own_catalog_in_one_call(shipped):
    catalogs, obs = shipped
    out = assess_units(catalogs, obs, 2025)
    assert list(out["unit"].unique()) == list(catalogs)
    for code, catalog in catalogs.items():
        mine = out[out["unit"] == code]
        assert list(mine["target_id"]) == catalog.ids  # its targets, in its catalog's order
        # the priors are learned from all three wards' series, so forecasts may move; what
        # the figures settle (achieved, missed) is the same as assessing the ward alone
        alone = assess(catalog, obs[obs["unit"] == code], 2025).set_index("target_id")
        final = mine.set_index("target_id")["status"].isin(["achieved", "missed"])
        assert final.sum() >= 5
        assert (mine.set_index("target_id")["status"][final] == alone["status"][final]).all()


def test_target_ids_that_mean_different_things_in_two_catalogs_are_not_mixed(shipped):
    catalogs, obs = shipped
    out = assess_units(catalogs, obs, 2023).set_index(["unit", "target_id"])
    for code, catalog in catalogs.items():
        for t in catalog:
            assert out.loc[(code, t.id), "measure"] == t.measure
            assert out.loc[(code, t.id), "threshold"] == pytest.approx(t.in_force(2023).threshold_value)  # fmt: skip


def _prior_keys(monkeypatch, catalog, obs) -> tuple[set[str], dict]:
    captured = {}
    real = assess_module._learn_priors

    def spy(panels):
        ctx = real(panels)
        captured["keys"] = set(ctx.priors)
        captured["used"] = {p.target.family: getattr(p, "prior_key", None) for p in panels}
        return ctx

    monkeypatch.setattr(assess_module, "_learn_priors", spy)
    out = assess(catalog, obs, 2023)
    monkeypatch.setattr(assess_module, "_learn_priors", real)
    return captured["keys"], captured["used"], out


def test_priors_are_pooled_by_family_once_a_family_has_enough_series(monkeypatch):
    """One ward: every share shares the scale's prior. Forty wards: each family of shares
    has enough series to learn its own, and uses it."""
    catalog = wa.load_catalog()
    keys, used, _ = _prior_keys(monkeypatch, catalog, wa.synthetic_observations(catalog, 1, seed=3))
    assert used["health_insurance"] == "logit" and "logit:health_insurance" not in keys
    keys, used, pooled = _prior_keys(monkeypatch, catalog,
                                     wa.synthetic_observations(catalog, 40, seed=3))  # fmt: skip
    assert used["health_insurance"] == "logit:health_insurance" in keys
    assert used["budget_revenue"] == "log:budget_revenue"
    monkeypatch.setattr(assess_module, "FAMILY_POOL_MIN_SERIES", 10**9)
    by_scale = assess(catalog, wa.synthetic_observations(catalog, 40, seed=3), 2023)
    assert not pooled["projected_value"].equals(by_scale["projected_value"])


def test_each_units_overrides_apply_to_that_unit_only(shipped):
    catalogs, obs = shipped
    plain = assess_units(catalogs, obs, 2025)
    out = assess_units(catalogs, obs, 2025, overrides={"chi_lang": config.OVERRIDES_PATH})
    assert list(out["unit"]) == list(plain["unit"]) and list(out["target_id"]) == list(plain["target_id"])  # fmt: skip
    by_analyst = out[out["status_source"] == "analyst"]
    assert list(zip(by_analyst["unit"], by_analyst["target_id"], strict=True)) == [
        ("chi_lang", "9")
    ]
    assert (plain["status_source"] == "computed").all()


def test_no_units_is_an_error():
    with pytest.raises(wa.WardAnalysisError, match="no units"):
        assess_units({}, pd.DataFrame(columns=["unit", "target_id", "year", "value", "value_kind"]), 2023)  # fmt: skip
