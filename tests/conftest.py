"""Shared fixtures: small tables written on the fly, and a guard on data/raw/."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from ward_analysis import config

HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Thực hiện năm {year}", "Ghi chú"]


def raw_checksums() -> dict[str, str]:
    """sha256 of every file under data/raw/."""
    return {
        str(p.relative_to(config.RAW_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(config.RAW_DIR.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True, scope="session")
def raw_data_untouched():
    """Fail the session if any test changed, added or removed a file in data/raw/."""
    before = raw_checksums()
    yield
    assert raw_checksums() == before, "data/raw/ was modified during the tests"


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
