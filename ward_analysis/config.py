"""Project paths. Every default path in the package comes from here.

Nothing depends on the current directory: paths are derived from this file's
location (the project root is the folder holding ``ward_analysis/``).
"""

from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJ_ROOT / "reports"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
CACHE_DIR = PROJ_ROOT / ".cache"

CATALOG_PATH = RAW_DIR / "catalog.yaml"
OBSERVATIONS_PATH = PROCESSED_DIR / "observations.csv"
REJECTS_PATH = PROCESSED_DIR / "rejects.csv"
SKIPPED_PATH = PROCESSED_DIR / "skipped.csv"

#: File name patterns of the yearly report tables ("Biểu chỉ tiêu") in RAW_DIR.
REPORT_GLOBS = ("bieu_chi_tieu_*.csv", "bieu_chi_tieu_*.xlsx")
