"""Analysts' overrides of a status: reading ``overrides.yaml``, applying it, showing it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ward_analysis import assess, config, describe, load_catalog
from ward_analysis.cli import main
from ward_analysis.errors import OverridesError, WardAnalysisError
from ward_analysis.model.overrides import apply_overrides
from ward_analysis.present.reports import term_review, year_report
from ward_analysis.present.summary import summarise
from ward_analysis.present.tables import status_matrix, status_table_html
from ward_analysis.read.overrides import default_overrides_path, load_overrides
from ward_analysis.schema import ASSESS_COLUMNS, OVERRIDE_COLUMNS

from .conftest import make_catalog, obs_frame

SHARE_80 = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=", "threshold": 80}
ANNUAL_90 = {"id": "9", "kind": "annual", "measure": "share", "comparator": ">=", "threshold": 90}
ENTRY = {"target_id": "4", "as_of": 2023, "status": "achieved", "reason": "the district's figure",
         "by": "Nguyễn Văn A", "date": "2026-01-15"}  # fmt: skip


@pytest.fixture
def catalog(tmp_path):
    return make_catalog(tmp_path, SHARE_80, ANNUAL_90)


@pytest.fixture
def obs():
    """Target 4 at risk by 2023 (about half-way to 80 %); 9 met every year so far."""
    return obs_frame({"4": {2020: 70, 2021: 72, 2022: 74, 2023: 76}, "9": {2021: 95, 2022: 96}})


def write_overrides(folder: Path, *entries: object, name: str = "overrides.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(list(entries), allow_unicode=True), encoding="utf-8")
    return path


def one(frame: pd.DataFrame, target_id: str, unit: str | None = None) -> pd.Series:
    rows = frame[(frame["target_id"] == target_id) & ((frame["unit"] == unit) if unit else True)]
    assert len(rows) == 1
    return rows.iloc[0]


# --- reading ---------------------------------------------------------------------------


def test_the_shipped_file_holds_one_illustrative_entry():
    catalog = load_catalog()
    table = load_overrides(config.OVERRIDES_PATH, catalog=catalog)
    assert list(table.columns) == OVERRIDE_COLUMNS and len(table) == 1
    entry = table.iloc[0]
    assert entry["target_id"] in catalog and catalog[entry["target_id"]].kind == "annual"
    assert "VÍ DỤ MINH HỌA" in entry["reason"]  # invented, and says so in the page's language
    assert entry["entry"] == 1 and entry["source"] == str(config.OVERRIDES_PATH)


def test_a_file_is_read_into_a_tidy_table(tmp_path, catalog):
    path = tmp_path / "overrides.yaml"
    path.write_text(textwrap.dedent("""\
        # a comment header
        - target_id: 9          # an unquoted id is read as text
          as_of: all
          status: on_track
          reason: "  Quyết định công nhận của cấp trên.  "
          by: Trần Thị B
          date: 2026-02-01     # YAML reads this as a date
        - target_id: "4"
          unit: Phường Thử
          as_of: "2024"
          status: missed
          reason: số liệu điều chỉnh
          by: VP
          date: "2026-03-05"
    """), encoding="utf-8")  # fmt: skip
    table = load_overrides(path, catalog=catalog)
    assert table["target_id"].tolist() == ["9", "4"]
    assert table["unit"].isna().tolist() == [True, False]
    assert table["as_of"].isna().tolist() == [True, False] and table["as_of"].iloc[1] == 2024
    assert table["date"].tolist() == ["2026-02-01", "2026-03-05"]
    assert table["reason"].iloc[0] == "Quyết định công nhận của cấp trên."
    assert table["entry"].tolist() == [1, 2]


def test_an_empty_file_or_one_of_comments_only_means_no_override(tmp_path):
    path = tmp_path / "overrides.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert len(load_overrides(path)) == 0
    path.write_text("[]\n", encoding="utf-8")
    assert list(load_overrides(path).columns) == OVERRIDE_COLUMNS


@pytest.mark.parametrize(
    "change, position_and_target, why",
    [
        ({"target_id": "99"}, "entry 2 (target '99')", "there is no target '99' in catalog.yaml"),
        ({"status": "done"}, "entry 2 (target '4')", "'done' is not a status; use one of achieved, on_track"),
        ({"status": None}, "entry 2 (target '4')", "'status' is missing or empty"),
        ({"reason": None}, "entry 2 (target '4')", "'reason' is missing or empty: give why the analyst"),
        ({"reason": "   "}, "entry 2 (target '4')", "'reason' is missing or empty"),
        ({"by": ""}, "entry 2 (target '4')", "'by' is missing or empty: give who set it"),
        ({"date": None}, "entry 2 (target '4')", "'date' is missing or empty: give when it was set"),
        ({"as_of": None}, "entry 2 (target '4')", "'as_of' is missing or empty"),
        ({"as_of": "2023-2025"}, "entry 2 (target '4')", "'as_of' '2023-2025' is neither a year (e.g. 2025) nor 'all'"),
        ({"as_of": 23}, "entry 2 (target '4')", "'as_of' 23 is neither a year"),
        ({"as_of": True}, "entry 2 (target '4')", "'as_of' True is neither a year"),
        ({"date": "15/01/2026"}, "entry 2 (target '4')", "'date' '15/01/2026' is not a date written YYYY-MM-DD"),
        ({"date": "2026-02-30"}, "entry 2 (target '4')", "'date' '2026-02-30' is not a date"),
        ({"reasn": "typo"}, "entry 2 (target '4')", "unknown field(s) 'reasn'; the fields are target_id, unit"),
        ({"target_id": None}, "entry 2", "'target_id' is missing or empty"),
        ({"unit": 5}, "entry 2 (target '4')", "'unit' 5 is not a ward's name"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_an_error_naming_the_file_the_entry_and_why(
    tmp_path, catalog, change, position_and_target, why
):
    good = ENTRY | {"target_id": "9", "as_of": "all"}
    path = write_overrides(tmp_path, good, ENTRY | change)
    with pytest.raises(OverridesError) as info:
        load_overrides(path, catalog=catalog)
    message = str(info.value)
    assert message.startswith(f"{path}, {position_and_target}: "), message
    assert why in message
    assert info.value.entry == 2 and info.value.file == path and info.value.reason in message


def test_duplicates_name_both_entries(tmp_path, catalog):
    path = write_overrides(
        tmp_path, ENTRY, ENTRY | {"unit": "Phường Thử"}, ENTRY | {"status": "missed"}
    )
    with pytest.raises(
        OverridesError, match=r"entry 3 \(target '4'\): entry 1 already sets"
    ) as info:
        load_overrides(path, catalog=catalog)
    assert "for every ward, as of 2023; keep one of the two" in str(info.value)
    assert (info.value.entry, info.value.target_id) == (3, "4")
    same_all = write_overrides(tmp_path, ENTRY | {"as_of": "all"}, ENTRY | {"as_of": "ALL"})
    with pytest.raises(OverridesError, match=r"entry 2 .*every ward, every year"):
        load_overrides(same_all)


def test_whole_file_problems_name_the_file(tmp_path):
    with pytest.raises(OverridesError, match=r"none\.yaml: overrides file not found"):
        load_overrides(tmp_path / "none.yaml")
    path = tmp_path / "overrides.yaml"
    path.write_text("target_id: '4'\nstatus: achieved\n", encoding="utf-8")
    with pytest.raises(
        OverridesError, match="expected a list of entries, each starting with '- target_id"
    ):
        load_overrides(path)
    path.write_text("- target_id: '4'\n  status: [achieved\n", encoding="utf-8")
    with pytest.raises(OverridesError, match=r"not valid YAML \(line \d+, column \d+\)"):
        load_overrides(path)
    path.write_text("- just a line of text\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="entry 1: expected the fields 'target_id: …'"):
        load_overrides(path)
    path.write_bytes(b"- target_id: '4'\n  reason: l\xe0\xff do\n")
    with pytest.raises(OverridesError, match="not UTF-8 text"):
        load_overrides(path)


def test_without_a_catalog_any_target_id_is_read(tmp_path):
    path = write_overrides(tmp_path, ENTRY | {"target_id": "99"})
    assert load_overrides(path)["target_id"].tolist() == ["99"]


def test_a_frame_is_checked_like_a_file(catalog):
    frame = pd.DataFrame([ENTRY, ENTRY | {"target_id": "9", "as_of": None, "status": "bad"}])
    with pytest.raises(OverridesError, match=r"the overrides table, entry 2 \(target '9'\): 'bad'"):
        load_overrides(frame, catalog=catalog)
    with pytest.raises(OverridesError, match=r"unknown field\(s\) 'why'"):
        load_overrides(pd.DataFrame([ENTRY | {"why": "x"}]))
    table = load_overrides(pd.DataFrame([ENTRY, ENTRY | {"as_of": None}]), catalog=catalog)
    assert table["as_of"].isna().tolist() == [False, True]  # <NA>: every year
    assert load_overrides(table, catalog=catalog).equals(table)  # a loaded table reads back


def test_a_loaded_table_keeps_pointing_into_its_file(tmp_path, catalog):
    table = load_overrides(write_overrides(tmp_path, ENTRY, ENTRY | {"target_id": "9"}))
    edited = table.assign(status=["achieved", "nonsense"])
    with pytest.raises(OverridesError, match=r"overrides.yaml, entry 2 \(target '9'\)"):
        load_overrides(edited, catalog=catalog)


# --- applying --------------------------------------------------------------------------


def test_without_overrides_the_columns_say_computed(catalog, obs):
    a = assess(catalog, obs, 2023)
    assert list(a.columns) == ASSESS_COLUMNS
    assert ASSESS_COLUMNS[-5:] == ["computed_status", "status_source", "override_reason",
                                   "override_by", "override_date"]  # fmt: skip
    assert (a["computed_status"] == a["status"]).all()
    assert (a["status_source"] == "computed").all()
    assert a[["override_reason", "override_by", "override_date"]].isna().all().all()


def test_assess_with_a_frame_and_with_a_path(tmp_path, catalog, obs):
    plain = assess(catalog, obs, 2023)
    for overrides in (pd.DataFrame([ENTRY]), write_overrides(tmp_path, ENTRY)):
        a = assess(catalog, obs, 2023, overrides=overrides)
        r = one(a, "4")
        assert (r["status"], r["computed_status"], r["status_source"]) == (
            "achieved", one(plain, "4")["status"], "analyst")  # fmt: skip
        assert (r["override_reason"], r["override_by"], r["override_date"]) == (
            "the district's figure", "Nguyễn Văn A", "2026-01-15")  # fmt: skip
        assert r["probability"] == one(plain, "4")["probability"]  # the model's, unchanged
        assert one(a, "9")["status_source"] == "computed"
        assert list(a.columns) == ASSESS_COLUMNS
    other_year = assess(catalog, obs, 2022, overrides=pd.DataFrame([ENTRY]))
    assert (other_year["status_source"] == "computed").all()  # the entry is for 2023 only


def test_an_override_for_a_year_with_no_data_is_allowed(catalog, obs):
    a = assess(catalog, obs, 2021, overrides=pd.DataFrame([ENTRY | {"target_id": "9", "as_of": 2021,
                                                                    "status": "missed"}]))  # fmt: skip
    empty = assess(catalog, obs_frame({}), 2021, overrides=pd.DataFrame([ENTRY | {"as_of": 2021}]))
    assert one(a, "9")["status"] == "missed"
    assert (one(empty, "4")["computed_status"], one(empty, "4")["status"]) == (
        "insufficient_data", "achieved")  # fmt: skip


def test_an_unknown_target_in_assess_is_an_error(catalog, obs):
    with pytest.raises(OverridesError, match="there is no target '99'"):
        assess(catalog, obs, 2023, overrides=pd.DataFrame([ENTRY | {"target_id": "99"}]))


def test_the_unit_beats_all_units_and_the_year_beats_all_years(catalog):
    obs = pd.concat([obs_frame({"4": {2022: 74, 2023: 76}}, unit=u) for u in ("A", "B", "C")])
    entries = pd.DataFrame([
        ENTRY | {"as_of": "all", "status": "off_track", "reason": "all units, all years"},
        ENTRY | {"status": "at_risk", "reason": "all units, 2023"},
        ENTRY | {"unit": "A", "as_of": "all", "status": "missed", "reason": "A, all years"},
        ENTRY | {"unit": "B", "status": "achieved", "reason": "B, 2023"},
    ])  # fmt: skip
    a = assess(catalog, obs, 2023, overrides=entries)
    reasons = {u: one(a, "4", u)["override_reason"] for u in ("A", "B", "C")}
    # a unit-specific entry for every year beats an every-unit entry for the year
    assert reasons == {"A": "A, all years", "B": "B, 2023", "C": "all units, 2023"}
    assert one(a, "4", "A")["status"] == "missed"
    a22 = assess(catalog, obs, 2022, overrides=entries)
    reasons = {u: one(a22, "4", u)["override_reason"] for u in ("A", "B", "C")}
    assert reasons == {
        "A": "A, all years",
        "B": "all units, all years",
        "C": "all units, all years",
    }


def test_applying_again_starts_from_the_model(catalog, obs):
    once = assess(catalog, obs, 2023, overrides=pd.DataFrame([ENTRY]))
    again = apply_overrides(once, pd.DataFrame([ENTRY | {"status": "missed"}]))
    assert one(again, "4")["status"] == "missed"
    assert one(again, "4")["computed_status"] == one(once, "4")["computed_status"]
    cleared = apply_overrides(once)
    assert (cleared["status"] == cleared["computed_status"]).all()
    assert (cleared["status_source"] == "computed").all()


# --- showing ---------------------------------------------------------------------------


def test_describe_shows_the_analysts_status_the_models_and_the_reason(catalog, obs):
    a = assess(catalog, obs, 2023, overrides=pd.DataFrame([ENTRY]))
    computed = one(a, "4")["computed_status"]
    vi, en = (one(describe(a, catalog, lang=lang), "4") for lang in ("vi", "en"))
    model_vi = {"at_risk": "Có nguy cơ", "on_track": "Đúng tiến độ", "off_track": "Chậm tiến độ"}
    model_en = {"at_risk": "At risk", "on_track": "On track", "off_track": "Off track"}
    assert vi["status_label"] == (
        f"Đã đạt (do cán bộ phân tích xác định; theo mô hình dự báo: {model_vi[computed]})"
    )
    assert (
        en["status_label"] == f"Achieved (set by the analyst; model forecast: {model_en[computed]})"
    )
    assert vi["explanation"].endswith(
        "Tình trạng “Đã đạt” do Nguyễn Văn A xác định ngày 15/01/2026; lý do: the district's figure."
    )
    assert en["explanation"].endswith(
        "Status “Achieved” set by Nguyễn Văn A on 2026-01-15; reason: the district's figure."
    )
    # the model's own sentence comes first, chosen by the model's status
    assert (
        "xác suất đạt chỉ tiêu (80 %)" in vi["explanation"]
        and "probability of meeting the target (at least 80%)" in en["explanation"]
    )
    plain = one(describe(a, catalog, lang="vi"), "9")
    assert "cán bộ phân tích" not in plain["status_label"] + plain["explanation"]


def test_the_sentence_stays_the_models_when_the_analyst_says_achieved(catalog):
    obs = obs_frame({"9": {2021: 95, 2022: 80}})  # missed in 2022
    a = assess(
        catalog, obs, 2022, overrides=pd.DataFrame([ENTRY | {"target_id": "9", "as_of": 2022}])
    )
    r = one(describe(a, catalog, lang="en"), "9")
    assert r["computed_status"] == "missed"
    assert r["explanation"].startswith("Target: 80.0% in 2022, below the yearly target")


def test_status_table_matrix_and_changes_in_both_languages(catalog, obs):
    reason = "<script>alert(1)</script> sửa số liệu"
    entry = ENTRY | {"reason": reason}
    a = assess(catalog, obs, 2023, overrides=pd.DataFrame([entry]))
    before = assess(catalog, obs, 2022, overrides=pd.DataFrame([entry]))
    html = status_table_html(a, catalog, lang="vi")
    assert '<div class="ward-analyst">(do cán bộ phân tích xác định; theo mô hình dự báo: ' in html
    assert (
        "lý do: &lt;script&gt;alert(1)&lt;/script&gt; sửa số liệu." in html
        and "<script>" not in html
    )
    html_en = status_table_html(a, catalog, lang="en")
    assert (
        "(set by the analyst; model forecast: " in html_en and "reason: &lt;script&gt;" in html_en
    )
    assert html.count("ward-analyst") == 1 + 1  # the one row, and the style
    matrix = status_matrix(pd.concat([before, a]), lang="en").droplevel("unit")
    assert matrix.loc["4", 2023].startswith("Achieved (set by the analyst; model forecast: ")
    assert "analyst" not in matrix.loc["4", 2022]
    changes = summarise(a, before, catalog, lang="vi").changes
    assert any(c.target_id == "4" and c.after == "achieved" and "‡" in c.after_mark
               for c in changes), changes  # fmt: skip


def _files(tmp_path: Path, catalog, obs) -> dict:
    observations = tmp_path / "observations.csv"
    obs.to_csv(observations, index=False)
    return {"observations_path": observations, "catalog_path": catalog.path}


def test_the_year_report_and_term_review_show_the_override(tmp_path, catalog, obs):
    files = _files(tmp_path, catalog, obs)
    path = write_overrides(tmp_path, ENTRY)
    report = year_report(2023, lang="en", overrides_path=path, rejects_path=tmp_path / "none.csv",
                         **files)  # fmt: skip
    assert "(set by the analyst; model forecast: " in report.status_table_html()
    changed = [c for c in report.summary().changes if c.target_id == "4"]
    assert changed and changed[0].after == "achieved" and "‡" in changed[0].after_mark
    review = term_review(
        lang="vi", overrides_path=write_overrides(tmp_path, ENTRY | {"as_of": 2025}), **files
    )
    assert "theo mô hình dự báo" in review.outcome_table_html()
    assert review.evolution().loc["4", 2025].startswith("Đã đạt (do cán bộ phân tích xác định")
    assert (
        "<td>Đã đạt (do cán bộ phân tích xác định; theo mô hình dự báo: " in review.evolution_html()
    )
    tooltip = {v["status"] for v in review.probability_chart()["data"]["values"]}
    assert any("cán bộ phân tích" in s for s in tooltip)
    # the backtest scores the model's forecasts, not the analyst's decision
    plain = term_review(lang="vi", **files)
    assert review.backtest.equals(plain.backtest)
    assert "cán bộ phân tích" not in plain.outcome_table_html()  # another catalog: no default file


def test_the_default_file_goes_with_the_shipped_catalog(tmp_path, catalog):
    assert default_overrides_path() == config.OVERRIDES_PATH
    assert default_overrides_path(config.CATALOG_PATH) == config.OVERRIDES_PATH
    assert default_overrides_path(catalog.path) is None


# --- command line and report build -----------------------------------------------------


def test_the_cli_takes_overrides(tmp_path, capsys, catalog, obs):
    files = _files(tmp_path, catalog, obs)
    out = tmp_path / "assessment.csv"
    args = ["assess", "--observations", str(files["observations_path"]), "--catalog",
            str(catalog.path), "--out", str(out), "--years", "2022-2023", "--lang", "en"]  # fmt: skip
    assert main([*args, "--overrides", str(write_overrides(tmp_path, ENTRY))]) == 0
    printed = capsys.readouterr().out
    assert "Achieved (set by the analyst; model forecast: " in printed
    assert "Analysts' overrides: 1 entry(ies) in" in printed and "1 row(s) set" in printed
    written = pd.read_csv(out, dtype={"target_id": str})
    row = written[(written["target_id"] == "4") & (written["as_of"] == 2023)].iloc[0]
    assert (row["status"], row["status_source"], row["override_by"]) == (
        "achieved",
        "analyst",
        "Nguyễn Văn A",
    )
    assert row["status_label"].startswith("Achieved (set by the analyst")
    assert main(args) == 0  # another catalog: the shipped overrides do not apply
    assert "analyst" not in capsys.readouterr().out
    bad = write_overrides(tmp_path, ENTRY | {"status": "done"}, name="bad.yaml")
    assert main([*args, "--overrides", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}, entry 1 (target '4'): 'done' is not a status")


def test_the_cli_defaults_to_the_shipped_file(tmp_path, capsys, monkeypatch):
    obs = obs_frame({"9": {2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1}}, unit="Phường Chi Lăng")
    observations = tmp_path / "observations.csv"
    obs.to_csv(observations, index=False)
    out = tmp_path / "assessment.csv"
    args = ["assess", "--observations", str(observations), "--out", str(out), "--years", "2025"]
    assert main(args) == 0
    assert f"1 entry(ies) in {config.OVERRIDES_PATH}" in capsys.readouterr().out
    written = pd.read_csv(out, dtype={"target_id": str})
    assert written.loc[written["target_id"] == "9", "status_source"].tolist() == ["analyst"]
    monkeypatch.setattr(config, "OVERRIDES_PATH", tmp_path / "absent.yaml")
    assert main(args) == 0
    assert "overrides" not in capsys.readouterr().out


def test_the_cli_flags_are_there(capsys):
    for command in ("assess", "reports"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--overrides PATH" in capsys.readouterr().out


def test_the_report_notebooks_take_the_overrides_path(tmp_path):
    from ward_analysis.build.parameters import notebook_parameters
    from ward_analysis.build.run import TERM_NOTEBOOK, YEAR_NOTEBOOK, _overrides_parameter

    path = tmp_path / "overrides.yaml"
    for notebook in (YEAR_NOTEBOOK, TERM_NOTEBOOK):
        params = notebook_parameters(notebook, **_overrides_parameter(notebook, path))
        assert params == {"overrides_path": str(path)}
    broken = Path(__file__).parent / "fixtures" / "broken.ipynb"  # declares no such parameter
    assert _overrides_parameter(broken, path) == {}


def test_build_reports_checks_the_overrides_before_any_notebook_runs(tmp_path):
    from ward_analysis.build.run import build_reports

    bad = write_overrides(tmp_path, ENTRY | {"target_id": "99"})
    with pytest.raises(
        WardAnalysisError, match=r"entry 1 \(target '99'\): there is no target '99'"
    ):
        build_reports([2023], out=tmp_path / "out", processed=tmp_path / "p", overrides=bad,
                      progress=False)  # fmt: skip
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
