"""Restated targets ("điều chỉnh chỉ tiêu"): the catalog's ``restated`` entries, the target in
force in a year, its assessment, charts, tables and sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
import yaml

from ward_analysis import CatalogError, assess, config, describe, load_catalog, read_reports
from ward_analysis.model.figures import year_figures
from ward_analysis.present.charts import target_spec
from ward_analysis.present.notes import data_notes
from ward_analysis.present.tables import status_table_html, year_table

from .conftest import obs_frame

POVERTY = {
    "id": "5", "item": 5, "text_vi": "Hộ nghèo dưới 1 %.", "name_vi": "Tỷ lệ hộ nghèo",
    "name_en": "Poor households", "kind": "end_level", "measure": "share", "comparator": "<",
    "threshold": 1, "unit_of_measure": "%", "basis": "old",
    "basis_markers": {"old": ["chuẩn cũ"], "new": ["chuẩn mới"]},
}  # fmt: skip
RESTATED = {"from_year": 2022, "basis": "new", "threshold": 1.5, "source": "Nghị quyết số 1",
            "reason": "chuẩn nghèo mới"}  # fmt: skip


def write_catalog(tmp_path: Path, *entries: dict) -> Path:
    doc = {"unit": "Phường Thử", "base_year": 2020, "first_year": 2021, "target_year": 2025,
           "targets": list(entries)}  # fmt: skip
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def poverty(*restated: dict, **change) -> dict:
    return POVERTY | change | {"restated": list(restated)}


# --- the catalog ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("restated", "match"),
    [
        ([RESTATED | {"from_year": 2020}], r"restated\.0\.from_year: 2020 is outside the term"),
        ([RESTATED | {"from_year": 2026}], r"restated\.0\.from_year: 2026 is outside the term"),
        (
            [RESTATED | {"from_year": 2023}, RESTATED | {"from_year": 2022}],
            r"restated\.1\.from_year: 2022 does not come after the previous restatement's 2023",
        ),
        (
            [RESTATED | {"basis": "2026-2030"}],
            r"restated\.0\.basis: no markers given for the basis '2026-2030' \(known: new, old\)",
        ),
        ([RESTATED | {"threshold": 130}], r"restated\.0\.threshold: 130 is outside the possible"),
        (
            [RESTATED | {"threshold": "thấp"}],
            r"restated\.0\.threshold: a share target needs a number",
        ),
        ([RESTATED | {"comparator": "=="}], r"restated\.0\.comparator: '==' only fits yes/no"),
        (
            [{k: v for k, v in RESTATED.items() if k != "source"}],
            r"field 'restated\.0\.source': this required field is missing",
        ),
        ([RESTATED | {"reason": "  "}], r"field 'restated\.0\.reason': must not be empty"),
        ([RESTATED | {"colour": "red"}], r"field 'restated\.0\.colour': unknown field"),
        ([RESTATED | {"from_year": "năm sau"}], r"field 'restated\.0\.from_year'"),
        (
            [{k: v for k, v in RESTATED.items() if k not in ("basis", "threshold")}],
            r"restated\.0: changes neither the basis, the comparator nor the threshold",
        ),
        (
            [{k: v for k, v in RESTATED.items() if k != "basis"} | {"basis_markers": ["x"]}],
            r"restated\.0\.basis_markers: markers are given but the restatement names no basis",
        ),
    ],
)
def test_a_bad_restatement_is_named_with_its_target_and_field(tmp_path, restated, match):
    path = write_catalog(tmp_path, poverty(*restated))
    with pytest.raises(CatalogError, match=r"target '5' \(entry 1\): .*" + match) as info:
        load_catalog(path)
    assert str(path) in str(info.value)


def test_a_restatement_of_a_target_with_no_basis_cannot_set_one(tmp_path):
    entry = {k: v for k, v in POVERTY.items() if k not in ("basis", "basis_markers")}
    path = write_catalog(tmp_path, entry | {"restated": [RESTATED]})
    with pytest.raises(CatalogError, match=r"target '5'.*restated\.0\.basis: the target names no"):
        load_catalog(path)


def test_a_count_restated_to_a_fraction_is_refused(tmp_path):
    entry = POVERTY | {
        "measure": "count",
        "comparator": ">=",
        "threshold": 8,
        "unit_of_measure": "",
    }
    path = write_catalog(tmp_path, entry | {"restated": [RESTATED | {"threshold": 9.5}]})
    with pytest.raises(CatalogError, match=r"restated\.0\.threshold: a count target needs a whole"):
        load_catalog(path)


def test_new_markers_in_a_restatement_join_the_targets(tmp_path):
    new = RESTATED | {"basis": "2026-2030", "basis_markers": ["chuẩn nghèo giai đoạn 2026 – 2030"]}
    target = load_catalog(write_catalog(tmp_path, poverty(new)))["5"]
    assert target.basis_markers["2026-2030"] == ["chuẩn nghèo giai đoạn 2026 – 2030"]
    assert target.in_force(2022).basis == "2026-2030"


def test_in_force_applies_the_latest_restatement_by_that_year(tmp_path):
    later = {"from_year": 2024, "threshold": 1.2, "comparator": "<=", "source": "Nghị quyết số 2",
             "reason": "điều chỉnh lần hai"}  # fmt: skip
    target = load_catalog(write_catalog(tmp_path, poverty(RESTATED, later)))["5"]
    assert target.in_force(2021) is target and target.restatement(2021) is None
    mid = target.in_force(2023)
    assert (mid.basis, mid.comparator, mid.threshold_value) == ("new", "<", 1.5)
    assert target.restatement(2023).source == "Nghị quyết số 1"
    # each restatement is whole: what it leaves out is the original's, not the previous one's
    late = target.in_force(2025)
    assert (late.basis, late.comparator, late.threshold_value) == ("old", "<=", 1.2)
    assert (late.id, late.name_vi, late.kind, late.restated) == (
        target.id,
        target.name_vi,
        target.kind,
        target.restated,
    )


# --- the shipped data -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog()
    return catalog, read_reports(catalog=catalog).observations


@pytest.fixture(scope="module")
def unrestated(tmp_path_factory):
    """The shipped catalog without its restatements (in a temporary folder)."""
    folder = tmp_path_factory.mktemp("unrestated")
    doc = yaml.safe_load(config.CATALOG_PATH.read_text(encoding="utf-8"))
    for entry in doc["targets"]:
        entry.pop("restated", None)
    (folder / "catalog.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    shutil.copy(config.CATALOG_PATH.parent / doc["source"], folder)
    return load_catalog(folder / "catalog.yaml")


def test_the_shipped_poverty_targets_are_restated_from_2022(shipped):
    catalog, _ = shipped
    for tid, threshold in (("5a", 1.5), ("5b", 3.0)):
        t = catalog[tid]
        assert [r.from_year for r in t.restated] == [2022]
        assert "MINH HỌA" in t.restated[0].source  # illustrative, like the figures
        assert (t.in_force(2022).basis, t.in_force(2022).threshold_value) == (
            "2022-2025",
            threshold,
        )
        assert t.in_force(2021).basis == "2016-2020"


def test_assessed_on_the_target_in_force(shipped):
    catalog, obs = shipped
    before = assess(catalog, obs, 2021).set_index("target_id")
    after = assess(catalog, obs, 2023).set_index("target_id")
    for tid, old, new in (("5a", 1.0, 1.5), ("5b", 2.0, 3.0)):
        b, a = before.loc[tid], after.loc[tid]
        assert b["status"] != "not_comparable" and (b["threshold"], b["comparator"]) == (old, "<")
        assert b["latest_year"] == 2021 and b["other_basis"] is None
        assert a["status"] != "not_comparable" and (a["threshold"], a["comparator"]) == (new, "<")
        assert pd.notna(a["probability"])
        # the new-standard figures count, the old-standard ones do not
        assert (a["first_year_used"], a["latest_year"], a["n_points"]) == (2022, 2023, 2)
        assert a["other_basis"] == "2016-2020"
    assert after.loc["5a", "latest_value"] == 2.5 and after.loc["5b", "latest_value"] == 3.9


def test_without_the_restatement_the_new_figures_are_not_comparable(shipped, unrestated):
    _, obs = shipped
    assert all(t.in_force(y) is t for t in unrestated for y in range(2020, 2026))
    a = assess(unrestated, obs, 2023).set_index("target_id")
    assert a.loc["5a", "status"] == a.loc["5b", "status"] == "not_comparable"
    assert a.loc["5a", "threshold"] == 1.0 and a.loc["5a", "latest_year"] == 2021


def test_the_sentence_says_the_target_was_restated(shipped, unrestated):
    catalog, obs = shipped
    a = assess(catalog, obs, 2025)
    a = a[a["target_id"] == "5a"]
    vi = describe(a, catalog, lang="vi")["explanation"].iloc[0]
    en = describe(a, catalog, lang="en")["explanation"].iloc[0]
    assert "Chỉ tiêu đã điều chỉnh từ năm 2022 theo Nghị quyết sơ kết giữa nhiệm kỳ" in vi
    assert "dưới 1,5 % theo chuẩn nghèo đa chiều giai đoạn 2021–2025" in vi
    assert "(chỉ tiêu ban đầu: dưới 1 % theo chuẩn nghèo giai đoạn 2016–2020)" in vi
    assert "Target restated from 2022 by Nghị quyết" in en
    assert "below 1.5% on the 2021–2025 multidimensional poverty standard" in en
    early = assess(catalog, obs, 2021)
    assert (
        "điều chỉnh"
        not in describe(early[early["target_id"] == "5a"], catalog)["explanation"].iloc[0]
    )
    plain = assess(unrestated, obs, 2025)
    text = describe(plain[plain["target_id"] == "5a"], unrestated)["explanation"].iloc[0]
    assert "theo chuẩn nghèo đa chiều giai đoạn 2021–2025, không so sánh được" in text
    assert "điều chỉnh" not in text


def test_the_latest_figure_on_another_basis_is_shown_not_hidden(shipped, unrestated):
    _, obs = shipped
    a = assess(unrestated, obs, 2025)
    vi = status_table_html(a, unrestated, lang="vi", observations=obs)
    en = status_table_html(a, unrestated, lang="en", observations=obs)
    assert (
        "1,4 % (2021); số liệu mới nhất theo chuẩn nghèo đa chiều giai đoạn 2021–2025: 1,4 % (2025)"
        in vi
    )
    assert (
        "2,9 % (2021); số liệu mới nhất theo chuẩn nghèo đa chiều giai đoạn 2021–2025: 2,7 % (2025)"
        in vi
    )
    assert (
        "1.4% (2021); latest figure on the 2021–2025 multidimensional poverty standard: 1.4% (2025)"
        in en
    )
    assert "số liệu mới nhất theo" not in status_table_html(
        a, unrestated, lang="vi"
    )  # no data given


def test_the_latest_figure_of_a_restated_target_is_on_its_basis(shipped):
    catalog, obs = shipped
    a = assess(catalog, obs, 2025)
    html = status_table_html(a, catalog, lang="vi", observations=obs)
    row = html[html.index("<b>5a</b>") : html.index("<b>5b</b>")]
    assert "<td>1,4 % (2025)</td>" in row and "số liệu mới nhất theo" not in row
    early = status_table_html(assess(catalog, obs, 2021), catalog, lang="en", observations=obs)
    assert "1.4% (2021)" in early and "latest figure on" not in early


def test_the_year_table_and_notes_follow_the_basis(shipped, unrestated):
    catalog, obs = shipped
    rows = year_table(obs, catalog, catalog.unit, 2022).set_index("Chỉ tiêu")
    assert rows.loc["5a. Tỷ lệ hộ nghèo", "Thực hiện"] == "3,1 %"
    assert rows.loc["5a. Tỷ lệ hộ nghèo", "Năm trước"] == "–"  # 2021 is on the old standard
    plain = year_table(obs, unrestated, unrestated.unit, 2023, lang="en").set_index("Target")
    assert plain.loc["5a. Poor households", "Result"] == (
        "2.5% (2021–2025 multidimensional poverty standard)"
    )
    assert plain.loc["5a. Poor households", "Change"] == "−0.6 pts"  # 3,1 → 2,5, one standard
    notes = "\n".join(n.text for n in data_notes(catalog, obs, None, catalog.unit, 2024))
    assert (
        "Chỉ tiêu 5a (Tỷ lệ hộ nghèo): từ năm 2022 được điều chỉnh theo “Nghị quyết sơ kết giữa "
        "nhiệm kỳ" in notes
    )
    assert (
        "Chỉ tiêu 5a (Tỷ lệ hộ nghèo): số liệu năm 2020, 2021 tính theo chuẩn nghèo giai đoạn "
        "2016–2020" in notes
    )
    notes = "\n".join(n.text for n in data_notes(unrestated, obs, None, unrestated.unit, 2024))
    assert (
        "Chỉ tiêu 5a (Tỷ lệ hộ nghèo): từ năm 2022 số liệu tính theo chuẩn nghèo đa chiều giai "
        "đoạn 2021–2025" in notes
    )


# --- charts ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vegalite():
    from altair.vegalite.v6.schema import core

    return jsonschema.Draft7Validator(core.load_schema())


def layer(spec: dict, mark: str, **props) -> list[dict]:
    def kind(m):
        return m["type"] if isinstance(m, dict) else m

    return [
        lay for lay in spec["layer"]
        if kind(lay["mark"]) == mark and all(lay["mark"].get(k) == v for k, v in props.items())
    ]  # fmt: skip


def test_the_chart_shows_both_standards_and_the_target_of_each_period(shipped, vegalite):
    catalog, obs = shipped
    a = assess(catalog, obs, 2023).set_index("target_id")
    spec = target_spec(catalog["5a"], obs, a.loc["5a"], lang="vi")
    assert not list(vegalite.iter_errors(spec))
    old, new = "chuẩn nghèo giai đoạn 2016–2020", "chuẩn nghèo đa chiều giai đoạn 2021–2025"
    observed = spec["layer"][1]["data"]["values"]
    assert [(r["year"], r["value"], r["basis"]) for r in observed] == [
        (2020, 1.9, old), (2021, 1.4, old), (2022, 3.1, new), (2023, 2.5, new),
    ]  # fmt: skip
    colour = spec["layer"][1]["encoding"]["color"]
    assert colour["scale"]["domain"] == [new, old]  # the basis in force first
    assert len(set(colour["scale"]["range"])) == 2 and colour["title"] == "Số liệu theo"
    (step,) = layer(spec, "line", interpolate="step")
    assert [(p["year"], p["value"]) for p in step["data"]["values"]] == [
        (2020, 1.0), (2021, 1.0), (2022, 1.5), (2023, 1.5), (2024, 1.5), (2025, 1.5),
    ]  # fmt: skip
    (marks,) = layer(spec, "point", shape="diamond")
    assert [(p["year"], p["target"], p["basis"]) for p in marks["data"]["values"]] == [
        (2020, "dưới 1 %", old), (2022, "dưới 1,5 %", new),
    ]  # fmt: skip
    assert not layer(spec, "rule")  # no single line across the chart
    cone = layer(spec, "area", opacity=0.18)
    assert cone and cone[0]["data"]["values"][0] == {
        "year": 2023,
        "mid": 2.5,
        "low": 2.5,
        "high": 2.5,
    }
    en = target_spec(catalog["5a"], obs, a.loc["5a"], lang="en")
    assert not list(vegalite.iter_errors(en))
    assert en["layer"][1]["encoding"]["color"]["scale"]["domain"] == [
        "2021–2025 multidimensional poverty standard",
        "2016–2020 poverty standard",
    ]


def test_before_the_restatement_the_chart_shows_the_original_target(shipped, unrestated):
    catalog, obs = shipped
    a = assess(catalog, obs, 2021).set_index("target_id")
    spec = target_spec(catalog["5a"], obs, a.loc["5a"], lang="vi")
    (rule,) = layer(spec, "rule")
    assert rule["data"]["values"] == [{"value": 1.0}]
    assert {r["year"] for r in spec["layer"][1]["data"]["values"]} == {2020, 2021}
    # not restated: the new-standard figures are drawn too, the target stays the original
    plain = assess(unrestated, obs, 2025).set_index("target_id")
    spec = target_spec(unrestated["5a"], obs, plain.loc["5a"], lang="en")
    bases = {r["basis"] for r in spec["layer"][1]["data"]["values"]}
    assert bases == {"2016–2020 poverty standard", "2021–2025 multidimensional poverty standard"}
    assert layer(spec, "rule")[0]["data"]["values"] == [{"value": 1.0}]


def test_a_target_without_a_basis_draws_as_before(shipped):
    catalog, obs = shipped
    a = assess(catalog, obs, 2023).set_index("target_id")
    spec = target_spec(catalog["4"], obs, a.loc["4"], lang="vi")
    assert "color" not in spec["layer"][1]["encoding"]
    assert set(spec["layer"][1]["data"]["values"][0]) == {"year", "value", "kind"}


def test_year_figures_keeps_every_basis_only_when_asked(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path, POVERTY))
    obs = pd.concat(
        [
            obs_frame({"5": {2021: 1.4, 2022: 1.2}}, basis="old"),
            obs_frame({"5": {2022: 3.1}}, basis="new"),
            obs_frame({"5": {2022: 3.0}}, basis="new", kind="estimate"),
        ]
    )
    default = year_figures(obs, catalog)
    assert default[["year", "value", "basis"]].values.tolist() == [
        [2021, 1.4, "old"],
        [2022, 1.2, "old"],
    ]
    every = year_figures(obs, catalog, all_bases=True).sort_values(["year", "basis"])
    assert every[["year", "value", "value_kind", "basis"]].values.tolist() == [
        [2021, 1.4, "actual", "old"], [2022, 3.1, "actual", "new"], [2022, 1.2, "actual", "old"],
    ]  # fmt: skip
