import re
from pathlib import Path

import pytest
import yaml

from ward_analysis import Catalog, CatalogError, config, load_catalog
from ward_analysis.model import kinds
from ward_analysis.schema import MEASURES

# The sub-targets of ../shared/targets-guide.md, with their kinds.
GUIDE_KINDS = {
    "1": "average_growth", "2a": "cumulative", "2b": "cumulative", "2c": "cumulative",
    "2d": "cumulative", "2e": "cumulative", "3": "annual", "4": "end_level", "5a": "end_level",
    "5b": "end_level", "6": "end_level", "7a": "annual", "7b": "annual", "8a": "annual",
    "8b": "annual", "9": "annual", "10a": "annual", "10b": "annual", "11": "annual",
    "12": "cumulative", "13": "annual", "14": "annual", "15": "end_level", "16a": "annual",
    "16b": "cumulative", "17a": "end_level", "17b": "end_level", "18": "end_level",
    "19": "end_level", "20a": "annual", "20b": "annual", "20c": "annual", "20d": "annual",
}  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_item_and_sub_target_is_in_the_shipped_catalog(catalog):
    assert sorted({t.item for t in catalog}) == list(range(1, 21))
    assert {t.id: t.kind for t in catalog} == GUIDE_KINDS
    assert len(catalog) == 33


def test_every_items_text_is_verbatim_from_the_resolution(catalog):
    resolution = (config.WARD_DIR / "resolution_chi_lang_2020_2025.txt").read_text(encoding="utf-8")
    items = dict(re.findall(r"\((\d+)\)\.\s*(.+)", resolution))
    assert len(items) == 20
    for t in catalog:
        assert t.text_vi == items[str(t.item)].strip(), t.id


def test_fields_are_valid_and_thresholds_match_the_guide(catalog):
    for t in catalog:
        assert t.kind in kinds.names() and t.measure in MEASURES
        assert (t.base_year, t.first_year, t.target_year) == (2020, 2021, 2025)
        assert t.name_vi and t.name_en
    assert (catalog["1"].threshold_value, catalog["1"].upper) == (3.0, 5.0)
    assert (catalog["2a"].threshold_value, catalog["2a"].upper) == (8.0, 10.0)
    assert (catalog["3"].comparator, catalog["3"].threshold_value) == ("<=", 1.05)
    assert catalog["3"].reading and "ceiling" in catalog["3"].reading
    assert (catalog["5a"].comparator, catalog["5a"].threshold_value, catalog["5a"].basis) == (
        "<",
        1.0,
        "2016-2020",
    )
    assert catalog["10b"].threshold_label == "Khá"
    assert catalog["10b"].threshold_value == 2.0  # Yếu < Trung bình < Khá
    assert catalog["20b"].threshold_label == "Hoàn thành tốt nhiệm vụ"
    assert catalog["9"].measure == "boolean" and catalog["9"].threshold_value == 1.0


def test_catalog_gives_targets_by_id_and_as_a_frame(catalog):
    assert catalog["4"].name_en == "Health-insurance coverage"
    assert [t.id for t in catalog][:3] == ["1", "2a", "2b"]
    assert "4" in catalog and "99" not in catalog
    with pytest.raises(KeyError, match="no target '99'"):
        catalog["99"]
    frame = catalog.to_frame()
    needed = {"target_id", "item", "kind", "measure", "comparator", "threshold", "upper",
              "unit_of_measure", "text_vi", "name_vi", "name_en"}  # fmt: skip
    assert needed <= set(frame.columns)
    assert len(frame) == 33 and frame["target_id"].is_unique
    assert frame.loc[frame["target_id"] == "4", "threshold"].item() == 80.0
    assert catalog.unit == "Phường Chi Lăng"


# --- broken catalogs --------------------------------------------------------------------

GOOD_ENTRY = {
    "id": "4", "item": 4, "text_vi": "BHYT đạt 80 %.", "name_vi": "Tỷ lệ BHYT",
    "name_en": "Health insurance", "kind": "end_level", "measure": "share",
    "comparator": ">=", "threshold": 80, "unit_of_measure": "%",
}  # fmt: skip


def write_catalog(tmp_path: Path, *entries: dict, **top) -> Path:
    doc = {"unit": "Phường Thử", "base_year": 2020, "first_year": 2021, "target_year": 2025}
    doc.update(top)
    doc["targets"] = list(entries)
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_a_minimal_catalog_loads(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path, GOOD_ENTRY))
    assert catalog.ids == ["4"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (
            {"kind": "yearly"},
            r"target '4' \(entry 1\): field 'kind': unknown kind of target 'yearly' "
            r"\(known kinds: 'about', 'annual', 'average_growth', 'by_year', 'change_per_year', "
            r"'cumulative', 'end_level' or 'relative'\)",
        ),
        ({"threshold": None}, r"target '4' \(entry 1\): field 'threshold'"),
        (
            {"measure": "boolean", "comparator": ">="},
            r"target '4'.*comparator: a yes/no target must use '=='",
        ),
        ({"comparator": "=="}, r"comparator: '==' only fits yes/no targets"),
        ({"threshold": 130}, r"threshold: 130 is outside the possible values of a share"),
        (
            {"measure": "count", "threshold": 2.5, "unit_of_measure": "đường"},
            "a count target needs a whole number",
        ),
        (
            {"measure": "rating", "threshold": "Khá"},
            "rating_scale: a rated target needs its ordered scale",
        ),
        (
            {"measure": "rating", "threshold": "Tốt", "rating_scale": ["Yếu", "Khá"]},
            "'Tốt' is not a level",
        ),
        ({"threshold": "cao"}, "a share target needs a number"),
        ({"upper": 70}, "upper: 70 is below the threshold 80"),
        ({"kind": "average_growth"}, "an average-growth target grows an amount or a count"),
        ({"id": "4b"}, None),
        ({"id": "5"}, "item: 4 does not match the id '5'"),
        ({"colour": "red"}, r"field 'colour': unknown field"),
        ({"basis": "2016-2020"}, "basis_markers: no markers given"),
        ({"target_year": 2019}, "must come after the base year"),
    ],
)
def test_a_broken_entry_is_named_with_its_field(tmp_path, change, match):
    entry = {k: v for k, v in (GOOD_ENTRY | change).items() if v is not None}
    path = write_catalog(tmp_path, entry)
    if match is None:
        assert len(load_catalog(path)) == 1
        return
    with pytest.raises(CatalogError, match=match) as info:
        load_catalog(path)
    assert str(path) in str(info.value)


def test_missing_field_is_named(tmp_path):
    entry = {k: v for k, v in GOOD_ENTRY.items() if k != "threshold"}
    with pytest.raises(
        CatalogError,
        match=r"target '4' \(entry 1\): field 'threshold': this required field is missing",
    ):
        load_catalog(write_catalog(tmp_path, entry))


def test_duplicate_id_is_named(tmp_path):
    other = GOOD_ENTRY | {"name_vi": "Khác"}
    with pytest.raises(CatalogError, match=r"target '4': field 'id': duplicate id"):
        load_catalog(write_catalog(tmp_path, GOOD_ENTRY, other))


def test_a_name_shared_by_two_targets_is_refused(tmp_path):
    other = GOOD_ENTRY | {"id": "6", "item": 6, "name_vi": "Lao động", "aliases": ["tỷ lệ  bhyt"]}
    with pytest.raises(
        CatalogError,
        match=r"target '6': field 'aliases': name 'tỷ lệ  bhyt' is also a name of target '4'",
    ):
        load_catalog(write_catalog(tmp_path, GOOD_ENTRY, other))


def test_text_not_verbatim_in_the_resolution_is_refused(tmp_path):
    (tmp_path / "resolution.txt").write_text("(4). Tỷ lệ BHYT đạt 80 %.", encoding="utf-8")
    path = write_catalog(
        tmp_path, GOOD_ENTRY | {"text_vi": "Tỷ lệ BHYT đạt 85 %."}, source="resolution.txt"
    )
    with pytest.raises(
        CatalogError, match=r"target '4': field 'text_vi': not found verbatim in resolution.txt"
    ):
        load_catalog(path)


def test_several_problems_are_listed_together(tmp_path):
    bad1 = GOOD_ENTRY | {"kind": "yearly"}
    bad2 = GOOD_ENTRY | {"id": "6", "item": 6, "name_vi": "Khác", "comparator": "=="}
    with pytest.raises(CatalogError, match=r"2 problem\(s\)") as info:
        load_catalog(write_catalog(tmp_path, bad1, bad2))
    assert "target '4'" in str(info.value) and "target '6'" in str(info.value)


def test_yaml_syntax_error_names_line(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text("unit: X\ntargets:\n  - id: '4\n    item: 4\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"not valid YAML \(line \d+, column \d+\)"):
        load_catalog(path)


def test_missing_file_and_wrong_shape(tmp_path):
    with pytest.raises(CatalogError, match="catalog file not found"):
        load_catalog(tmp_path / "nope.yaml")
    path = tmp_path / "catalog.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="expected a mapping"):
        load_catalog(path)
    path.write_text("targets: []\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="field 'unit'"):
        load_catalog(path)
