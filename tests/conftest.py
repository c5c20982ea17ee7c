"""Shared fixtures: small tables written on the fly, a guard on data/raw/ (each test), and a
guard on the user's outputs, data/processed/ and reports/ (the whole session)."""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import pytest

from ward_analysis import config
from ward_analysis.schema import OBSERVATION_COLUMNS

HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Thực hiện năm {year}", "Ghi chú"]


def raw_checksums() -> dict[str, tuple[str, int]]:
    """sha256 and modification time of every file under data/raw/."""
    return {
        str(p.relative_to(config.RAW_DIR)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(config.RAW_DIR.rglob("*"))
        if p.is_file()
    }


def pytest_terminal_summary(terminalreporter):
    """Print the clerk corpus counts (tests/test_clerk_corpus.py) when that test ran."""
    corpus = sys.modules.get("tests.clerk_corpus")
    line = getattr(corpus, "SUMMARY_LINE", None)
    if line:
        terminalreporter.write_sep("-", "clerk corpus")
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def _raw_at_start():
    return raw_checksums()


#: Files of the output folders kept in git, edited by hand (not outputs).
KEPT_IN_GIT = {"README.md", ".gitkeep"}


class OutputGuard:
    """Name, modification time and size of every file under some folders, taken when made;
    :meth:`check` fails naming each file created, changed or deleted since."""

    def __init__(self, folders: list[Path]):
        self.folders = [Path(f) for f in folders]
        self.before = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        found = {}
        for folder in self.folders:
            for p in sorted(folder.rglob("*")) if folder.is_dir() else []:
                if p.is_file() and p.name not in KEPT_IN_GIT:
                    stat = p.stat()
                    found[str(p)] = (stat.st_mtime_ns, stat.st_size)
        return found

    def changes(self) -> list[str]:
        now = self.snapshot()
        return (
            [f"created {p}" for p in sorted(now.keys() - self.before.keys())]
            + [f"deleted {p}" for p in sorted(self.before.keys() - now.keys())]
            + [f"changed {p}" for p in sorted(now.keys() & self.before.keys())
               if now[p] != self.before[p]]
        )  # fmt: skip

    def check(self) -> None:
        changes = self.changes()
        assert not changes, (
            "the test suite wrote into the user's own files (a test ran a command without "
            "its own --out / --processed / out= / processed=):\n  " + "\n  ".join(changes)
        )


#: The user's derived files: the suite must leave them as they were (the tests write their
#: own in temporary folders).
USER_OUTPUTS = [config.PROCESSED_DIR, config.REPORTS_DIR]


@pytest.fixture(scope="session", autouse=True)
def outputs_untouched():
    """Fail the session (an error at the last test's teardown) when any test created, changed
    or deleted a file in data/processed/ or reports/, naming the files."""
    guard = OutputGuard(USER_OUTPUTS)
    yield guard
    guard.check()


@pytest.fixture(autouse=True)
def raw_data_untouched(_raw_at_start):
    """Fail the test that changed, added or removed a file in data/raw/ (bytes or time)."""
    yield
    assert raw_checksums() == _raw_at_start, "data/raw/ was modified during this test"


def write_table(
    path: Path,
    rows: list[list[object]],
    *,
    year: int = 2023,
    header: list[str] | None = None,
    title: list[str] | None = None,
    delimiter: str = ",",
) -> Path:
    """Write a small yearly table as CSV: optional title lines, a header, the rows."""
    header = [h.format(year=year) for h in (header or HEADER)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for line in title if title is not None else [f"BIỂU CHỈ TIÊU NĂM {year}"]:
            writer.writerow([line])
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def table(tmp_path):
    """Factory: ``table(rows, name="bieu_2023.csv", **kw)`` writes a CSV table in tmp_path."""

    def make(rows, name="bieu_chi_tieu_2023.csv", **kwargs):
        return write_table(tmp_path / name, rows, **kwargs)

    return make


def make_catalog(tmp_path: Path, *entries: dict):
    """Write and load a small catalog (term 2020–2025, first counted year 2021)."""
    import yaml

    from ward_analysis import load_catalog

    doc = {"unit": "Phường Thử", "base_year": 2020, "first_year": 2021, "target_year": 2025}
    base = {"text_vi": "x", "name_vi": "Chỉ tiêu", "name_en": "Target", "unit_of_measure": "%"}
    doc["targets"] = [
        base | {"name_vi": f"Chỉ tiêu {e['id']}", "item": int(str(e["id"]).rstrip("abcdef"))} | e
        for e in entries
    ]
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return load_catalog(path)


def obs_frame(series: dict, *, unit: str = "Phường Thử", kind: str = "actual", basis=None):
    """Tidy observations from ``{target_id: {year: value}}``."""
    import pandas as pd

    rows = [
        {"unit": unit, "target_id": tid, "year": year, "value": value, "value_kind": kind,
         "basis": basis, "source": "test", "note": None}
        for tid, values in series.items()
        for year, value in values.items()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


#: The longest test files, run first: on two workers (``make test``: ``-n 2 --dist loadfile``)
#: the other worker meanwhile takes the many short files, so both end together.
LONGEST_FIRST = ("test_pages.py", "test_papercuts.py", "test_reports.py", "test_faults.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
