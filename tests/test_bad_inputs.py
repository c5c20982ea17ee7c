"""The bad-input corpus (tests/data/bad/): each file has one expected outcome, checked exactly.

A clean result, rejects naming file, row, column, raw text and reason, or one error of the
package's own type naming the file (row and column where there is one) — never a bare
traceback, never a value dropped without a trace.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest
import yaml

import ward_analysis as wa
from ward_analysis import errors
from ward_analysis.read.cleaning import read_reports
from ward_analysis.read.files import read_sheets

BAD = Path(__file__).parent / "data" / "bad"
CASES: dict[str, dict] = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))


def _non_blank_rows(path: Path) -> set[int]:
    """Row numbers (1-based) after the header that hold any text: each must be accounted for."""
    from ward_analysis.read.tables import read_table

    table = read_table(path)
    return {n for n, row in table.rows if any(str(v).strip() for v in row if v is not None)}


def test_every_file_of_the_corpus_has_an_expected_outcome():
    files = {p.name for p in BAD.iterdir() if p.name not in ("cases.yaml", "make_corpus.py")}
    assert files == set(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name):
    case, path = CASES[name], BAD / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    if case["outcome"] == "error":
        with pytest.raises(errors.WardAnalysisError) as info:
            if path.suffix == ".yaml":
                wa.load_catalog(path)
            else:
                read_reports([path], wa.load_catalog())
        assert type(info.value).__name__ == case["type"]
        for fragment in case["message"]:
            assert fragment in str(info.value)
    else:
        result = read_reports([path], wa.load_catalog())
        obs, rejects, skipped = result.observations, result.rejects, result.skipped
        assert len(obs) == case["observations"]
        assert len(skipped) == case.get("skipped", 0)
        expected = [tuple(r) for r in case.get("rejects", [])]
        got = [(r.row, r.column, r.reason_code, r.raw_text) for r in rejects.itertuples()]
        assert sorted(got) == sorted(expected)
        assert (rejects["file"] == name).all() and rejects["reason"].str.len().gt(10).all()
        # nothing lost: every non-blank row is an observation, a reject or a skipped row
        accounted = (
            set(obs["source"].str.rsplit(":", n=1).str[1].astype(int))
            | set(rejects["row"])
            | set(skipped.loc[~skipped["text"].str.startswith("sheet '"), "row"])
        )
        assert _non_blank_rows(path) == accounted
        assert obs["value"].map(lambda v: math.isnan(v) or math.isfinite(v)).all()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "an input file was modified"


def test_nfd_text_reads_as_the_same_figures_as_nfc():
    catalog = wa.load_catalog()
    nfd = read_reports([BAD / "nfd_2023.csv"], catalog).observations
    nfc = read_reports([BAD / "bom_crlf_2023.csv"], catalog).observations
    assert nfd.drop(columns="source").equals(nfc.drop(columns="source"))


def test_formula_result_and_merged_percentage_cells_are_read_as_excel_shows_them():
    catalog = wa.load_catalog()
    formula = read_reports([BAD / "formula_with_result_2023.xlsx"], catalog).observations
    lamps = formula.query("target_id == '2e' and value_kind == 'actual'")
    assert lamps["value"].tolist() == [20.0]
    merged = read_reports([BAD / "merged_cells_2023.xlsx"], catalog).observations
    trained = merged.query("target_id == '6' and value_kind == 'estimate'")  # its note: "ước"
    assert trained["value"].tolist() == [65.5] and "estimate" in trained["flag"].iloc[0]
    assert read_sheets(BAD / "data_on_second_sheet_2023.xlsx")[1][0] == "Biểu"


@pytest.mark.slow
def test_a_very_large_table_is_cleaned_with_every_row_accounted_for(tmp_path):
    """100,000 rows (names cycling through every target, so nearly all repeat one: conflicts
    and duplicates). Speed and memory goals are checked by `make bench` (benchmarks/bench_clean.py)."""
    from benchmarks.bench_clean import write_large_table

    path = write_large_table(tmp_path / "bieu_chi_tieu_2023.csv", rows=100_000)
    result = read_reports([path], wa.load_catalog())
    obs, rejects, skipped = result.observations, result.rejects, result.skipped
    accounted = (
        set(obs["source"].str.rsplit(":", n=1).str[1].astype(int))
        | set(rejects["row"])
        | set(skipped["row"])
    )
    assert accounted == _non_blank_rows(path)
    assert len(accounted) == 98_000  # 100,000 rows, one in fifty blank
    assert rejects["reason"].str.len().max() < 400  # a reason never lists thousands of rows
