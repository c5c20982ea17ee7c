import math

import pytest

from ward_analysis import ObservationsError, load_catalog, load_observations
from ward_analysis.schema import OBSERVATION_COLUMNS

HEADER = "unit,target_id,year,value,value_kind,basis,source,note\n"


def write(tmp_path, body, header=HEADER):
    path = tmp_path / "obs.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_a_hand_kept_tidy_table_loads_with_types(tmp_path):
    path = write(tmp_path, "Phường A,4,2023,76.4,actual,,,\nPhường A,4,2024,,actual,,,chưa có\n")
    obs = load_observations(path)
    assert obs["year"].tolist() == [2023, 2024]
    assert obs["value"].iloc[0] == 76.4 and math.isnan(obs["value"].iloc[1])
    assert obs["basis"].isna().all()


def test_optional_columns_may_be_left_out(tmp_path):
    path = write(
        tmp_path, "Phường A,4,2023,76.4,actual\n", header="unit,target_id,year,value,value_kind\n"
    )
    assert list(load_observations(path).columns) == OBSERVATION_COLUMNS


def test_missing_columns_are_named(tmp_path):
    path = write(tmp_path, "A,4,2023\n", header="unit,target_id,year\n")
    with pytest.raises(ObservationsError, match=r"missing column\(s\) value, value_kind"):
        load_observations(path)


def test_bad_cells_are_named_by_row_and_column(tmp_path):
    path = write(
        tmp_path, "A,4,2023,76.4,actual,,,\nA,4,năm 2024,76,4,actual,,\nA,,2025,80,kế hoạch,,,\n"
    )
    with pytest.raises(ObservationsError) as info:
        load_observations(path)
    text = str(info.value)
    assert "obs.csv, row 3, column 'year': 'năm 2024' is not a year" in text
    assert (
        "obs.csv, row 4, column 'value_kind': 'kế hoạch' is not one of actual, estimate, plan"
        in text
    )
    assert "obs.csv, row 4, column 'target_id': empty target id" in text


def test_vietnamese_decimal_comma_is_refused_with_a_hint(tmp_path):
    path = write(tmp_path, 'A,4,2023,"76,4",actual,,,\n')
    with pytest.raises(
        ObservationsError,
        match=r"row 2, column 'value': '76,4' is not a number \(write figures with a decimal point",
    ):
        load_observations(path)


def test_unknown_target_checked_against_a_catalog(tmp_path):
    path = write(tmp_path, "A,99,2023,1,actual,,,\n")
    assert len(load_observations(path)) == 1
    with pytest.raises(ObservationsError, match="target '99' is not in the catalog"):
        load_observations(path, catalog=load_catalog())


def test_duplicate_rows_are_refused(tmp_path):
    path = write(tmp_path, "A,4,2023,1,actual,,,\nA,4,2023,2,actual,,,\n")
    with pytest.raises(ObservationsError, match="rows 2, 3 give the same unit, target, year"):
        load_observations(path)


def test_missing_file(tmp_path):
    with pytest.raises(ObservationsError, match="file not found"):
        load_observations(tmp_path / "none.csv")
