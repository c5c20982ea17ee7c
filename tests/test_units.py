"""The registry of units (units.yaml) and which unit a yearly table is about."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ward_analysis import config
from ward_analysis.errors import UnitsError
from ward_analysis.model.units import Registry, Unit
from ward_analysis.read.cleaning import read_reports
from ward_analysis.read.units import load_units, table_unit, title_unit_name

D = dt.date


def _unit(code, name=None, **kw) -> Unit:
    return Unit(code=code, name=name or f"Phường {code.title()}", kind="phường", **kw)


def test_the_shipped_registry_names_the_merger_of_1_july_2025():
    reg = load_units()
    assert reg.codes == ["chi_lang", "tra_ba", "hoi_phu_cu", "hoi_phu", "gia_lai"]
    assert [u.code for u in reg.predecessors("hoi_phu")] == ["chi_lang", "tra_ba", "hoi_phu_cu"]
    for code in ("chi_lang", "tra_ba", "hoi_phu_cu"):
        assert reg[code].valid_to == D(2025, 6, 30) and reg[code].successor == "hoi_phu"
    assert reg["hoi_phu"].valid_from == D(2025, 7, 1)
    # two units called phường Hội Phú, never alive on the same day
    assert [u.code for u in reg.by_name("PHƯỜNG HỘI PHÚ", 2024)] == ["hoi_phu_cu"]
    assert [u.code for u in reg.by_name("phuong hoi phu", 2026)] == ["hoi_phu"]
    assert reg["tra_ba"].weight("households", 2025) == 3250
    assert reg["tra_ba"].weight("children_5", 2025) is None  # left out on purpose


def test_the_province_is_a_unit_compared_with_not_a_unit_reported_on():
    """The shipped registry holds the province (kind tỉnh, no catalog): the name of the page of
    all units and of the unit the wards' targets compare with; a title block naming it above a
    ward still names the ward, and a second name for the province is an error."""
    reg = load_units()
    province = reg["gia_lai"]
    assert (province.name, province.kind, province.catalogs) == ("Tỉnh Gia Lai", "tỉnh", ())
    assert reg.province == "Tỉnh Gia Lai" and reg["hoi_phu"].parent == province.name
    title = ["UBND TỈNH GIA LAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "UBND PHƯỜNG HỘI PHÚ"]
    assert title_unit_name(title) == "PHƯỜNG HỘI PHÚ"
    assert table_unit("t.csv", title, 2026, None, reg) == "Phường Hội Phú"
    units = [_unit("a"), Unit("p", "Tỉnh Gia Lai", "tỉnh")]
    assert Registry(units).province == "Tỉnh Gia Lai"
    with pytest.raises(UnitsError, match="province: 'Tỉnh Kon Tum', but the registry's unit 'p'"):
        Registry(units, province="Tỉnh Kon Tum")


def test_an_unknown_unit_is_an_error_naming_the_known_ones():
    reg = Registry([_unit("a"), _unit("b")])
    with pytest.raises(UnitsError, match=r"no unit 'c' \(known: a, b\)"):
        reg["c"]


def test_a_successor_that_does_not_exist_is_an_error():
    with pytest.raises(UnitsError, match="successor 'nowhere' is not in the registry"):
        Registry([_unit("a", valid_to=D(2025, 6, 30), successor="nowhere")])


def test_dates_that_overlap_the_successors_are_an_error():
    units = [
        _unit("old", valid_to=D(2025, 6, 30), successor="new"),
        _unit("new", valid_from=D(2025, 3, 1)),
    ]
    with pytest.raises(UnitsError, match="overlap its successor's"):
        Registry(units)


def test_two_units_of_one_name_alive_on_the_same_day_are_an_error():
    units = [
        _unit("a", name="Phường Hội Phú", valid_to=D(2025, 6, 30)),
        _unit("b", name="PHƯỜNG HỘI PHÚ", valid_from=D(2025, 1, 1)),
    ]
    with pytest.raises(UnitsError, match="both are called 'Phường Hội Phú'"):
        Registry(units)


def test_other_checks_of_the_registry(tmp_path):
    bad = [
        (_unit("A b"), "code must be lower-case"),
        (Unit("x", "Xã X", "huyện"), "kind 'huyện' is not one of"),
        (_unit("x", valid_from=D(2025, 1, 1), valid_to=D(2024, 1, 1)), "is before valid_from"),
        (_unit("x", weights={"cows": {2025: 3.0}}), "unknown weight 'cows'"),
        (_unit("x", successor="y"), "has a successor but no valid_to"),
    ]
    for unit, message in bad:
        with pytest.raises(UnitsError, match=message):
            Registry([unit, _unit("y")])
    with pytest.raises(UnitsError, match="the code is used twice"):
        Registry([_unit("a"), _unit("a")])


def test_the_file_errors_name_the_file_the_unit_and_the_field(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - code: a\n    name: Phường A\n", encoding="utf-8")
    with pytest.raises(UnitsError, match=r"units.yaml, unit 1 \('a'\): field 'kind' is missing"):
        load_units(path)
    path.write_text("units:\n  - {code: a, name: A, kind: phường, valid_to: 30/6/2025}\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(UnitsError, match="valid_to '30/6/2025' is not a date"):
        load_units(path)
    path.write_text("units:\n  - {code: a, name: A, kind: phường, colour: red}\n", encoding="utf-8")
    with pytest.raises(UnitsError, match="unknown field"):
        load_units(path)
    with pytest.raises(UnitsError, match="not found"):
        load_units(tmp_path / "absent.yaml")


def test_the_unit_a_title_block_names():
    assert (
        title_unit_name(["ỦY BAN NHÂN DÂN PHƯỜNG CHI LĂNG", "BIỂU CHỈ TIÊU"]) == "PHƯỜNG CHI LĂNG"
    )
    two_columns = ["UBND THÀNH PHỐ PLEIKU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "UBND PHƯỜNG HỘI PHÚ | Độc lập - Tự do - Hạnh phúc"]  # fmt: skip
    assert title_unit_name(two_columns) == "PHƯỜNG HỘI PHÚ"  # the city above is its parent
    assert title_unit_name(["UBND xã Ia Kênh"]) == "xã Ia Kênh"
    assert title_unit_name(["BIỂU CHỈ TIÊU NĂM 2023"]) is None


def test_a_table_whose_title_names_another_unit_is_an_error_naming_it():
    title = ["UBND PHƯỜNG TRÀ BÁ", "BIỂU CHỈ TIÊU NĂM 2023"]
    with pytest.raises(UnitsError, match=r"bieu\.csv: its title names 'PHƯỜNG TRÀ BÁ', but the table was given as Phường Chi Lăng's"):  # fmt: skip
        table_unit("bieu.csv", title, 2023, "Phường Chi Lăng")
    assert table_unit("bieu.csv", title, 2023, "Phường Trà Bá") == "Phường Trà Bá"
    assert table_unit("bieu.csv", ["BIỂU NĂM 2023"], 2023, "Phường Trà Bá") == "Phường Trà Bá"


def test_a_table_whose_unit_cannot_be_told_is_an_error_naming_it():
    with pytest.raises(UnitsError, match=r"bieu\.csv: cannot tell which ward or commune"):
        table_unit("bieu.csv", ["BIỂU CHỈ TIÊU NĂM 2023"], 2023, None)
    reg = load_units()
    with pytest.raises(UnitsError, match="not a unit of the registry alive in 2023"):
        table_unit("bieu.csv", ["UBND PHƯỜNG IA KRING"], 2023, None, reg)
    assert table_unit("b.csv", ["UBND PHƯỜNG HỘI PHÚ"], 2024, None, reg) == "Phường Hội Phú"


def test_cleaning_refuses_another_wards_table_among_chi_langs(tmp_path):
    other = (config.RAW_DIR / "tra_ba" / "bieu_chi_tieu_2023.csv").read_bytes()
    (tmp_path / "bieu_chi_tieu_2023.csv").write_bytes(other)
    with pytest.raises(UnitsError, match=r"TRÀ BÁ.*given as Phường Chi Lăng's"):
        read_reports(tmp_path)


def test_each_shipped_wards_tables_are_read_for_that_ward():
    from ward_analysis.read.catalog import load_catalog

    reg = load_units()
    for unit in reg:
        for path in unit.catalogs:
            catalog = load_catalog(config.RAW_DIR / path)
            result = read_reports(Path(config.RAW_DIR / path).parent, catalog)
            assert set(result.observations["unit"]) == {unit.name}
            assert len(result.rejects) <= 2  # the deliberate slips (README: the story)
