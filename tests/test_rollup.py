"""A merged unit's figures rolled up from its predecessors', rule by rule, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ward_analysis.model.catalog import Catalog, CatalogHeader, Target
from ward_analysis.model.rollup import RULES, parse_detail, roll_up
from ward_analysis.model.units import Unit
from ward_analysis.schema import split_flags

YEAR = 2025
SCALE = ["Không hoàn thành", "Hoàn thành", "Hoàn thành tốt", "Hoàn thành xuất sắc"]


def _t(tid, measure, family, **kw) -> Target:
    base = dict(id=tid, item=int(tid.rstrip("ab")), text_vi="x", name_vi=tid, name_en=tid,
                kind="end_level", measure=measure, family=family, comparator=">=",
                threshold=1, base_year=2020, first_year=2021, target_year=2025)  # fmt: skip
    if measure == "boolean":
        base |= dict(kind="annual", comparator="==", threshold="Đạt")
    if measure == "rating":
        base |= dict(kind="annual", threshold="Hoàn thành tốt", rating_scale=SCALE)
    return Target(**(base | kw))


def _catalog(unit: str, targets) -> Catalog:
    return Catalog(list(targets), CatalogHeader(unit=unit, base_year=2020, target_year=2025))


TARGETS = [
    _t("1", "amount", "budget_revenue"),
    _t("2", "length", "alleys_paved_km"),
    _t("3", "share", "poor_households", comparator="<=", threshold=2),
    _t("4", "share", "preschool_5"),
    _t("5", "boolean", "security_standard"),
    _t("6", "rating", "government_rating"),
    _t("7", "count", "street_lights"),
    _t("8", "share", "digital_services"),  # a family with no denominator
]
A = Unit("a", "Phường A", "phường", weights={"households": {YEAR: 1000}, "children_5": {YEAR: 100}})
B = Unit("b", "Phường B", "phường", weights={"households": {YEAR: 3000}})  # no children_5


def _obs(unit: str, figures: dict[str, float], kind="actual") -> pd.DataFrame:
    return pd.DataFrame([
        {"unit": unit, "target_id": t, "year": YEAR, "value": v, "value_kind": kind,
         "basis": None, "source": "x.csv:1", "note": None, "flag": None}
        for t, v in figures.items()
    ])  # fmt: skip


def _rolled(a_figures, b_figures, b_kind="actual", b_targets=TARGETS):
    new = _catalog("Phường Mới", TARGETS)
    preds = [
        (A, _catalog("Phường A", TARGETS), _obs("Phường A", a_figures)),
        (B, _catalog("Phường B", b_targets), _obs("Phường B", b_figures, b_kind)),
    ]
    out = roll_up(Unit("new", "Phường Mới", "phường"), new, preds, YEAR)
    return out.set_index("target_id")


FIG_A = {"1": 9700.0, "2": 0.5, "3": 1.4, "4": 100.0, "5": 1.0, "6": 3.0, "7": 20.0, "8": 50.0}
FIG_B = {"1": 7850.0, "2": 0.6, "3": 1.8, "4": 98.0, "5": 0.0, "6": 1.0, "7": 5.0, "8": 60.0}


def test_counts_amounts_and_lengths_add():
    out = _rolled(FIG_A, FIG_B)
    assert out.loc["1", "value"] == 17550.0
    assert out.loc["2", "value"] == pytest.approx(1.1)
    assert out.loc["7", "value"] == 25.0
    assert split_flags(out.loc["1", "flag"])[0][0] == "rolled_up"
    rule, weight, parts = parse_detail(split_flags(out.loc["1", "flag"])[0][1])
    assert (rule, weight, parts) == ("sum", None, [("Phường A", 9700.0, None), ("Phường B", 7850.0, None)])  # fmt: skip


def test_shares_are_weighted_by_their_denominator():
    out = _rolled(FIG_A, FIG_B)
    # (1,4 × 1000 + 1,8 × 3000) / 4000 = 1,7 — not the plain mean 1,6
    assert out.loc["3", "value"] == pytest.approx(1.7)
    rule, weight, parts = parse_detail(split_flags(out.loc["3", "flag"])[0][1])
    assert (rule, weight) == ("weighted", "households")
    assert parts == [("Phường A", 1.4, 1000.0), ("Phường B", 1.8, 3000.0)]


def test_a_missing_weight_is_flagged_and_never_averaged_blindly():
    out = _rolled(FIG_A, FIG_B)
    assert math.isnan(out.loc["4", "value"])  # not (100 + 98) / 2
    assert split_flags(out.loc["4", "flag"]) == [("rollup_weight_missing", "children_5|Phường B")]
    assert math.isnan(out.loc["8", "value"])  # the family names no denominator at all
    assert split_flags(out.loc["8", "flag"])[0][0] == "rollup_weight_missing"


def test_yes_no_passes_only_if_every_predecessor_passes():
    out = _rolled(FIG_A, FIG_B)
    assert out.loc["5", "value"] == 0.0
    _, _, parts = parse_detail(split_flags(out.loc["5", "flag"])[0][1])
    assert parts == [("Phường A", 1.0, None), ("Phường B", 0.0, None)]  # which did not
    assert _rolled(FIG_A, FIG_A).loc["5", "value"] == 1.0


def test_ratings_take_the_lowest_level():
    out = _rolled(FIG_A, FIG_B)
    assert out.loc["6", "value"] == 1.0  # "Hoàn thành": B's, below A's "Hoàn thành xuất sắc"
    _, _, parts = parse_detail(split_flags(out.loc["6", "flag"])[0][1])
    assert parts == [("Phường A", "Hoàn thành xuất sắc", None), ("Phường B", "Hoàn thành", None)]


def test_a_predecessor_without_the_figure_or_the_target_leaves_no_figure_and_says_who():
    figures = {k: v for k, v in FIG_B.items() if k != "1"}
    out = _rolled(FIG_A, figures)
    assert math.isnan(out.loc["1", "value"])
    assert split_flags(out.loc["1", "flag"]) == [("rollup_incomplete", "Phường B")]
    out = _rolled(FIG_A, FIG_B, b_targets=[t for t in TARGETS if t.id != "7"])
    assert split_flags(out.loc["7", "flag"]) == [("rollup_incomplete", "Phường B")]


def test_an_estimate_among_the_parts_makes_the_figure_an_estimate():
    assert _rolled(FIG_A, FIG_B, b_kind="estimate").loc["1", "value_kind"] == "estimate"
    assert _rolled(FIG_A, FIG_B).loc["1", "value_kind"] == "actual"


def test_a_target_with_no_family_has_no_figure_and_says_why():
    new = _catalog("Phường Mới", [_t("1", "amount", None)])
    out = roll_up(Unit("n", "Phường Mới", "phường"), new, [], YEAR)
    assert split_flags(out.iloc[0]["flag"]) == [("rollup_no_family", "")]


def test_every_measure_has_a_rule():
    from ward_analysis.schema import MEASURES

    assert set(RULES) == set(MEASURES)


def test_the_shipped_new_ward_starts_from_its_predecessors_2025_figures(tmp_path):
    """Budget revenue of the new phường Hội Phú in 2025: the three wards' figures added,
    each checked against its own table."""
    from ward_analysis.build.province import clean_unit, plan_units
    from ward_analysis.read.units import load_units

    reg = load_units()
    raw = reg_root = __import__("pathlib").Path(reg.source).parent
    plans = plan_units(reg, raw, tmp_path / "p", tmp_path / "r")
    by = {p.unit.code: p for p in plans}
    for part in plans:
        clean_unit(part, reg, reg_root, by)
    obs = pd.read_csv(tmp_path / "p" / "hoi_phu" / "observations.csv")
    base = obs[(obs["year"] == 2025) & (obs["source"] == "units.yaml")].set_index("target_id")
    parts = []
    for code in ("chi_lang", "tra_ba", "hoi_phu_cu"):
        o = pd.read_csv(tmp_path / "p" / code / "observations.csv")
        fam = {t.family: t.id for t in by[code].catalog}
        row = o[(o["target_id"] == fam["budget_revenue"]) & (o["year"] == 2025)]
        parts.append(float(row["value"].iloc[0]))
    new_id = next(t.id for t in by["hoi_phu"].catalog if t.family == "budget_revenue")
    assert base.loc[new_id, "value"] == pytest.approx(sum(parts))
    # every target of the new ward has a 2025 row: a figure, or why there is none
    assert set(base.index) == {t.id for t in by["hoi_phu"].catalog}
    assert base["flag"].notna().all()
