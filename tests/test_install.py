"""The package works installed as a wheel, away from the source tree: its notebooks and
report template are package data, not files it finds next to itself."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ward_analysis import config


@pytest.mark.slow
def test_a_wheel_builds_the_reports_from_anywhere(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"),
         str(config.PROJ_ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("ward_analysis-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert {
        "ward_analysis/notebooks/year_report.ipynb",
        "ward_analysis/notebooks/term_review.ipynb",
        "ward_analysis/present/templates/ward/index.html.j2",
        "ward_analysis/model/kinds/annual.py",
    } <= set(names)
    work = tmp_path / "elsewhere"
    work.mkdir()
    # the wheel ahead of the editable install of the checkout; its cache in a temporary folder
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    where = subprocess.run(
        [sys.executable, "-c", "from ward_analysis import config; print(config.NOTEBOOKS_DIR)"],
        cwd=work, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert Path(where.stdout.strip()) == site / "ward_analysis" / "notebooks", where.stderr
    raw = config.WARD_DIR
    run = subprocess.run(
        [sys.executable, "-m", "ward_analysis", "reports", "--years", "2023", "--jobs", "1",
         "--raw", str(raw), "--catalog", str(raw / "catalog.yaml"), "--processed",
         str(tmp_path / "processed"), "--out", str(tmp_path / "reports"), "--no-progress"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "reports" / "year_report_2023_vi.html").read_text(encoding="utf-8")
    assert "Đánh giá thực hiện các chỉ tiêu đến năm 2025" in page and "vega-embed" in page.lower()
    assert (tmp_path / "reports" / "term_review_vi.html").exists()
    assert list((tmp_path / "cache" / "ward-analysis").glob("vega-bundle-*.js"))
