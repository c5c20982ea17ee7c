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
    with pytest.raises(
        WardAnalysisError, match=r"out.txt: could not be written \(disk full\); the previous file"
    ):
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


def test_cached_loader_reads_again_when_the_file_changes(tmp_path):
    from ward_analysis.io import cached_while_unchanged

    calls = []

    @cached_while_unchanged
    def load(path):
        calls.append(path)
        return path.read_text()

    f = tmp_path / "a.txt"
    f.write_text("one")
    assert load(f) == "one" and load(f) == "one" and len(calls) == 1
    f.write_text("three")  # other size: read again
    assert load(f) == "three" and len(calls) == 2
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.txt")


def test_loaded_observations_are_a_fresh_copy(tmp_path):
    from ward_analysis import load_observations

    path = tmp_path / "obs.csv"
    path.write_text(
        "unit,target_id,year,value,value_kind\nA,4,2023,76.4,actual\n", encoding="utf-8"
    )
    first = load_observations(path)
    first.loc[0, "value"] = -1
    assert load_observations(path)["value"].iloc[0] == 76.4


def test_stale_temp_files_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    import subprocess
    import sys

    from ward_analysis.io import remove_stale_temp_files

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".observations.csv.{dead}.abc123.tmp"
    mine = tmp_path / f".rejects.csv.{os.getpid()}.def456.tmp"
    other = tmp_path / ".notes.tmp"  # not ours: kept
    for p in (stale, mine, other):
        p.write_text("half")
    assert remove_stale_temp_files(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
