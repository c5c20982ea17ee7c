import os

import pandas as pd
import pytest

from ward_analysis import WardAnalysisError, config
from ward_analysis.io import atomic_write_csv, atomic_write_text


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "sub" / "out.csv"
    atomic_write_csv(pd.DataFrame({"a": [1]}), target)
    atomic_write_csv(pd.DataFrame({"a": [2]}), target)
    assert target.read_text() == "a\n2\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_to_write_under_data_raw():
    with pytest.raises(WardAnalysisError, match="refusing to write under data/raw/"):
        atomic_write_text(config.RAW_DIR / "x.csv", "x")


def test_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("a file where a folder should be")  # fails even for root
    with pytest.raises(WardAnalysisError, match=r"reports/x: cannot write here"):
        atomic_write_text(blocker / "x" / "y.txt", "x")
