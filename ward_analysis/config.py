"""Project paths. Every default path in the package comes from here.

Nothing depends on the current directory: paths are derived from this file's
location (the project root is the folder holding ``ward_analysis/``). The report
notebooks are package data (``ward_analysis.notebooks``: the project's ``notebooks/``
folder), so they are found from an installed copy of the package too.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJ_ROOT / "reports"


def _notebooks_dir() -> Path:
    spec = importlib.util.find_spec("ward_analysis.notebooks")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).resolve()
    return PROJ_ROOT / "notebooks"  # the source tree, not installed


NOTEBOOKS_DIR = _notebooks_dir()
#: Files made once and kept (the chart script bundle): in the project, or the user's cache
#: when the package is installed on its own.
CACHE_DIR = (
    PROJ_ROOT / ".cache"
    if (PROJ_ROOT / "pyproject.toml").exists()
    else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ward-analysis"
)

#: The registry of units (wards, communes): names, codes, catalogs, dates, mergers.
UNITS_PATH = RAW_DIR / "units.yaml"
#: The ward the project started with (phường Chi Lăng, 2020–2025): its folder is the default
#: of the commands that take one unit (``clean``, ``assess``, a ``reports --raw`` build).
WARD_DIR = RAW_DIR / "chi_lang"
CATALOG_PATH = WARD_DIR / "catalog.yaml"
#: Analysts' overrides of a status, for the shipped catalog's targets (used when it exists).
OVERRIDES_PATH = WARD_DIR / "overrides.yaml"
OBSERVATIONS_PATH = PROCESSED_DIR / "observations.csv"
REJECTS_PATH = PROCESSED_DIR / "rejects.csv"
SKIPPED_PATH = PROCESSED_DIR / "skipped.csv"
#: Every file of the raw folder: read as a yearly table, or not read and why.
FILES_PATH = PROCESSED_DIR / "files.csv"
#: The status of every target as of every year (``ward-analysis assess``, the full run).
ASSESSMENT_PATH = PROCESSED_DIR / "assessment.csv"
