import math
import unicodedata

import pandas as pd
import pytest

from ward_analysis import ReportFormatError, clean, load_catalog, load_observations, read_reports
from ward_analysis.read.tables import read_table
from ward_analysis.schema import OBSERVATION_COLUMNS, REJECT_COLUMNS

from .conftest import raw_checksums


@pytest.fixture(scope="module")
def shipped():
    return read_reports()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


# --- the shipped data -------------------------------------------------------------------


def test_shipped_data_covers_every_sub_target_in_at_least_four_years(shipped, catalog):
    obs = shipped.observations
    results = obs[obs["value_kind"].isin(["actual", "estimate"]) & obs["value"].notna()]
    years = results.groupby("target_id")["year"].nunique()
    assert set(years.index) == set(catalog.ids)
    assert years.min() >= 4, years[years < 4]
    assert sorted(obs["year"].unique()) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert (obs["unit"] == "Phường Chi Lăng").all()


def test_2025_is_an_estimate_and_earlier_years_are_actuals(shipped):
    obs = shipped.observations
    results = obs[obs["value_kind"] != "plan"]
    assert set(results.loc[results["year"] == 2025, "value_kind"]) == {"estimate"}
    assert set(results.loc[results["year"] < 2025, "value_kind"]) == {"actual"}


def test_shipped_rejects_are_exactly_the_documented_ones(shipped):
    rejects = shipped.rejects
    assert list(rejects.columns) == REJECT_COLUMNS
    cols = ["file", "row", "column", "raw_text", "target_id", "reason_code"]
    got = set(rejects[cols].fillna({"target_id": "-"}).itertuples(index=False, name=None))
    assert got == {
        (
            "bieu_chi_tieu_2021.csv",
            26,
            "Chỉ tiêu",
            "Tỷ lệ hộ dân sử dụng nước sạch",
            "-",
            "unknown_target",
        ),
        ("bieu_chi_tieu_2024.xlsx", 37, "Thực hiện năm 2024", "2O%", "16a", "bad_value"),
    }


def test_shipped_skipped_rows_are_headings_and_footers_only(shipped):
    reasons = set(shipped.skipped["reason"])
    assert all("heading" in r or "footer" in r for r in reasons), reasons
    assert {"KINH TẾ - VĂN HÓA - XÃ HỘI", "Người lập biểu | TM. ỦY BAN NHÂN DÂN PHƯỜNG"} <= set(
        shipped.skipped["text"]
    )


def test_every_non_blank_row_is_accounted_for(shipped):
    used = (
        set(shipped.observations["source"])
        | {f"{f}:{r}" for f, r in zip(shipped.rejects["file"], shipped.rejects["row"], strict=True)}
        | {f"{f}:{r}" for f, r in zip(shipped.skipped["file"], shipped.skipped["row"], strict=True)}
    )
    for path in sorted(load_catalog().path.parent.glob("bieu_chi_tieu_*")):
        table = read_table(path)
        for row_number, row in table.rows:
            if any(v not in (None, "") for v in row):
                assert f"{path.name}:{row_number}" in used, (path.name, row_number, row)


def value(obs, target, year, kind="actual"):
    sel = obs[(obs["target_id"] == target) & (obs["year"] == year) & (obs["value_kind"] == kind)]
    assert len(sel) == 1, sel
    return sel.iloc[0]


def test_figures_are_read_the_vietnamese_way_and_converted(shipped):
    obs = shipped.observations
    assert value(obs, "1", 2020)["value"] == 8420.0  # "8.420" triệu đồng
    assert value(obs, "1", 2024)["value"] == 9380.0  # "9,38" tỷ đồng
    assert value(obs, "2b", 2022)["value"] == 0.55  # "550 m" in a km row
    assert value(obs, "4", 2022)["value"] == 74.8  # 0.748 in an Excel cell formatted as %
    assert value(obs, "4", 2023)["value"] == 76.4  # "76,4 %"
    assert value(obs, "10b", 2021)["value"] == 3.0  # Giỏi
    assert value(obs, "20b", 2021)["value"] == 1.0  # Hoàn thành nhiệm vụ
    assert value(obs, "11", 2023)["value"] == 0.0  # Không đạt
    assert value(obs, "3", 2021, "plan")["value"] == 1.05  # "≤ 1,05%"
    assert value(obs, "4", 2025, "estimate")["value"] == 79.3


def test_missing_figures_are_kept_with_their_reason(shipped):
    obs = shipped.observations
    row = value(obs, "9", 2023)
    assert math.isnan(row["value"]) and row["flag"].startswith("missing_dash: no figure (dash")
    assert row["note"] == "Chưa có kết quả công nhận"  # the clerk's note, as written
    row = value(obs, "19", 2024)
    assert math.isnan(row["value"]) and row["flag"].startswith("missing_not_yet: ")
    assert (
        "chưa có số liệu" in row["flag"] and row["note"] == "Đang rà soát sau kiện toàn tổ dân phố"
    )


def test_poverty_basis_break_is_recorded(shipped):
    obs = shipped.observations
    poor = obs[(obs["target_id"] == "5a") & (obs["value_kind"] == "actual")].set_index("year")[
        "basis"
    ]
    assert poor.to_dict() == {2020: "2016-2020", 2021: "2016-2020", 2022: "2022-2025",
                              2023: "2022-2025", 2024: "2022-2025"}  # fmt: skip
    assert "07/2021/NĐ-CP" in value(obs, "5b", 2022)["note"]
    assert obs.loc[~obs["target_id"].isin(["5a", "5b"]), "basis"].isna().all()


def test_clean_writes_tidy_files_and_leaves_raw_untouched(tmp_path, shipped):
    before = raw_checksums()
    result = clean(out_dir=tmp_path)
    assert raw_checksums() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "files.csv",
        "observations.csv",
        "rejects.csv",
        "skipped.csv",
    ]
    back = load_observations(tmp_path / "observations.csv")
    pd.testing.assert_frame_equal(back, result.observations)
    pd.testing.assert_frame_equal(result.observations, shipped.observations)
    assert len(pd.read_csv(tmp_path / "rejects.csv")) == 2


# --- malformed tables -------------------------------------------------------------------

BHYT = ["1", "Tỷ lệ bao phủ bảo hiểm y tế", "%", "80%", "76,4%", ""]


def test_unknown_row_is_rejected_with_file_row_and_column(table):
    result = read_reports([table([BHYT, ["2", "Tỷ lệ hộ dùng internet", "%", "", "90%", ""]])])
    r = result.rejects.iloc[0]
    assert (r["file"], r["row"], r["column"], r["reason_code"]) == (
        "bieu_chi_tieu_2023.csv",
        4,
        "Chỉ tiêu",
        "unknown_target",
    )
    assert "'Tỷ lệ hộ dùng internet' matches no target" in r["reason"]
    assert len(result.observations) == 2


def test_bad_number_is_rejected_and_the_rest_of_the_row_kept(table):
    result = read_reports([table([["1", "Tỷ lệ bao phủ BHYT", "%", "80%", "7,6,4%", ""]])])
    r = result.rejects.iloc[0]
    assert (r["row"], r["column"], r["raw_text"], r["target_id"], r["year"]) == (
        3,
        "Thực hiện năm 2023",
        "7,6,4%",
        "4",
        2023,
    )
    assert "more than one decimal comma" in r["reason"]
    assert result.observations["value_kind"].tolist() == ["plan"]


def test_conflicting_duplicates_are_all_rejected(table):
    result = read_reports([table([BHYT, ["9", "Tỷ lệ bao phủ BHYT", "%", "", "77%", ""]])])
    assert result.observations.query("value_kind == 'actual'").empty
    conflicts = result.rejects.query("reason_code == 'conflict'")
    assert conflicts["row"].tolist() == [3, 4]
    assert (
        "different figures in bieu_chi_tieu_2023.csv:3, bieu_chi_tieu_2023.csv:4"
        in conflicts["reason"].iloc[0]
    )


def test_identical_duplicates_keep_one_and_reject_the_other(tmp_path, table):
    a = table([BHYT])
    b = table(
        [["3", "Tỷ lệ người dân tham gia BHYT", "%", "", "76,4 %", ""]],
        name="bieu_chi_tieu_2023_copy.csv",
    )
    result = read_reports([a, b])
    kept = value(result.observations, "4", 2023)
    assert kept["source"] == "bieu_chi_tieu_2023.csv:3"
    dup = result.rejects.iloc[0]
    assert (dup["file"], dup["row"], dup["reason_code"]) == (
        "bieu_chi_tieu_2023_copy.csv",
        3,
        "duplicate",
    )


def test_figures_without_a_name_are_rejected_and_headings_skipped(table):
    result = read_reports(
        [table([["I", "KINH TẾ", "", "", "", ""], ["", "", "%", "", "55%", ""], BHYT])]
    )
    assert result.rejects["reason_code"].tolist() == ["no_name"]
    assert result.skipped["text"].tolist() == ["KINH TẾ"]


def test_decomposed_unicode_names_still_match(table):
    nfd = [unicodedata.normalize("NFD", c) for c in BHYT]
    result = read_reports([table([nfd])])
    assert value(result.observations, "4", 2023)["value"] == 76.4


def test_row_naming_two_bases_is_rejected(table):
    row = ["7", "Tỷ lệ hộ nghèo (chuẩn nghèo giai đoạn 2016 – 2020)", "%", "", "1,2%",
           "đã quy đổi sang chuẩn nghèo đa chiều giai đoạn 2022 – 2025"]  # fmt: skip
    result = read_reports([table([row])])
    assert result.rejects["reason_code"].tolist() == ["ambiguous_basis"]


def test_unit_can_be_given(table):
    result = read_reports([table([BHYT])], unit="Phường Hội Phú")
    assert set(result.observations["unit"]) == {"Phường Hội Phú"}


def test_a_folder_without_tables_is_an_error(tmp_path):
    with pytest.raises(ReportFormatError, match="no report tables"):
        read_reports(tmp_path)
    with pytest.raises(ReportFormatError, match="folder not found"):
        read_reports(tmp_path / "nope")


def test_a_file_level_problem_names_the_file(table):
    bad = table([BHYT], header=["STT", "Chỉ tiêu", "Ghi chú"], name="bieu_chi_tieu_2023.csv")
    with pytest.raises(
        ReportFormatError, match=r"bieu_chi_tieu_2023.csv, row 2: the header has 'Chỉ tiêu' but no"
    ):
        read_reports([bad])


def test_summary_names_files_and_rejects(table):
    result = read_reports([table([BHYT, ["2", "Không rõ", "%", "", "1%", ""]])])
    text = result.summary()
    assert "1 table(s) read: 2 observations" in text
    assert "rejected bieu_chi_tieu_2023.csv, row 4, column 'Chỉ tiêu'" in text
