import json

import jsonschema
import pytest

from ward_analysis import assess, displayable, load_catalog, read_reports, target_chart, target_spec


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog()
    obs = read_reports().observations
    return catalog, obs, assess(catalog, obs, 2023).set_index("target_id")


@pytest.fixture(scope="module")
def vegalite_schema():
    from altair.vegalite.v6.schema import core

    return jsonschema.Draft7Validator(core.load_schema())


def test_every_target_chart_is_a_valid_vegalite_6_spec(shipped, vegalite_schema):
    catalog, obs, a = shipped
    for lang in ("vi", "en"):
        for t in catalog:
            spec = target_spec(t, obs, a.loc[t.id], lang=lang)
            errors = list(vegalite_schema.iter_errors(spec))
            assert not errors, (t.id, lang, errors[0].message)
            assert spec["$schema"].endswith("v6.json")
    assert json.dumps(spec, ensure_ascii=False)  # serialisable


def test_chart_shows_target_projection_and_labels(shipped):
    catalog, obs, a = shipped
    spec = target_spec(catalog["4"], obs, a.loc["4"], lang="vi")
    marks = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in spec["layer"]
    ]
    assert marks == [
        "line",
        "point",
        "rule",
        "area",
        "line",
    ]  # observed, target line, projection cone
    assert spec["title"]["text"] == "Tỷ lệ người dân tham gia bảo hiểm y tế"
    assert spec["title"]["subtitle"] == "Có nguy cơ"
    assert spec["usermeta"]["embedOptions"]["formatLocale"]["decimal"] == ","
    observed = spec["layer"][0]["data"]["values"]
    assert [r["year"] for r in observed] == [2020, 2021, 2022, 2023]
    cone = spec["layer"][3]["data"]["values"]
    assert cone[-1]["year"] == 2025 and cone[-1]["low"] < cone[-1]["mid"] < cone[-1]["high"]
    en = target_spec(catalog["4"], obs, a.loc["4"], lang="en")
    assert (
        en["title"]["subtitle"] == "At risk"
        and "formatLocale" not in en["usermeta"]["embedOptions"]
    )


def test_every_year_and_total_targets_are_drawn_their_own_way(shipped):
    catalog, obs, a = shipped
    annual = target_spec(catalog["14"], obs, a.loc["14"])
    colours = annual["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert (
        colours == ["Đạt", "Không đạt"] and len(annual["layer"]) == 3
    )  # no projection once missed
    total = target_spec(catalog["2a"], obs, a.loc["2a"])
    running = [r["value"] for r in total["layer"][0]["data"]["values"]]
    assert running == [1, 3, 5]  # 2021–2023 running total (the 2020 baseline is not counted)
    assert total["layer"][2]["mark"]["type"] == "rect"  # the 8–10 band
    rating = target_spec(catalog["10b"], obs, a.loc["10b"])
    assert "Khá" in rating["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]


def test_displayable_emits_one_vegalite_5_bundle_for_jupyterlab_and_reports(shipped):
    catalog, obs, a = shipped
    spec = target_spec(catalog["4"], obs, a.loc["4"])
    bundle = displayable(spec)._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    assert bundle["application/vnd.vegalite.v5+json"]["$schema"].endswith("v5.json")
    assert bundle["application/vnd.vegalite.v5+json"]["layer"] == spec["layer"]
    assert spec["$schema"].endswith("v6.json")  # the spec itself is not changed
    chart = target_chart(catalog["4"], obs, a.loc["4"])
    assert displayable(chart)._repr_mimebundle_()["application/vnd.vegalite.v5+json"]["layer"]
