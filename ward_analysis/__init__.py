"""ward-analysis: will a Vietnamese ward meet the targets of its 5-year plan?

The public API:

- :func:`load_catalog` → :class:`Catalog` of the term's sub-targets;
- :func:`read_reports` → :class:`CleanResult` (tidy ``observations`` + ``rejects``)
  from the ward's yearly report tables, and :func:`clean`, which also writes them;
- :func:`load_observations` for a tidy observations CSV;
- :func:`assess` → one row per (unit, target) as of a year: status,
  probability of meeting the target, projection with an 80 % interval, pace,
  plain explanations; :func:`project` for one series;
- :func:`backtest` / :func:`backtest_summary` to score the forecasts against
  the final outcomes, with two classic baselines;
- :func:`synthetic_observations` for invented wards with known outcomes;
- :func:`parse_targets` → :class:`CatalogDraft`: a resolution's list of targets read into
  a draft catalog, every doubt flagged for review;
- :func:`parse_number`, :func:`parse_range`, :func:`format_number`,
  :func:`format_value` for Vietnamese-formatted figures;
- :class:`WardAnalysisError` and its subclasses.
"""

import sys
from typing import TYPE_CHECKING

from .errors import (
    CatalogError,
    ObservationsError,
    ParseError,
    ReportFormatError,
    WardAnalysisError,
)

# jsonschema (imported by Altair, nbformat and papermill) imports rfc3987_syntax when it is
# installed (JupyterLab's jupyter-events brings it), which compiles a grammar at import time:
# about 2.5 s of every command and kernel start, spent on an IRI format check that nothing
# here uses. Any import of this package comes through here first, so this one line covers it.
sys.modules.setdefault("rfc3987_syntax", None)

#: Where each public name lives. Submodules are imported on first use (PEP 562), so that
#: ``ward-analysis reports`` can start its kernels before pandas, SciPy and pydantic load.
_LAZY = {
    "assessment": ["STATUS_LABELS", "assess", "status_matrix"],
    "backtest": ["backtest", "backtest_summary"],
    "catalog": ["Catalog", "Target", "load_catalog"],
    "charts": ["displayable", "enable_renderer", "register_theme", "target_chart", "target_spec"],
    "cleaning": ["CleanResult", "clean", "read_reports"],
    "numbers": ["format_number", "format_value", "parse_number", "parse_range"],
    "observations": ["load_observations"],
    "synthetic": ["synthetic_observations"],
    "target_text": ["CatalogDraft", "parse_targets"],
    "trends": ["project"],
    "views": ["TermReview", "YearReport", "term_review", "year_report"],
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str):
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ward_analysis' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .assessment import STATUS_LABELS, assess, status_matrix
    from .backtest import backtest, backtest_summary
    from .catalog import Catalog, Target, load_catalog
    from .charts import displayable, enable_renderer, register_theme, target_chart, target_spec
    from .cleaning import CleanResult, clean, read_reports
    from .numbers import format_number, format_value, parse_number, parse_range
    from .observations import load_observations
    from .synthetic import synthetic_observations
    from .target_text import CatalogDraft, parse_targets
    from .trends import project
    from .views import TermReview, YearReport, term_review, year_report

__all__ = [
    "STATUS_LABELS",
    "Catalog",
    "CatalogDraft",
    "CatalogError",
    "CleanResult",
    "ObservationsError",
    "ParseError",
    "ReportFormatError",
    "Target",
    "TermReview",
    "WardAnalysisError",
    "YearReport",
    "assess",
    "backtest",
    "backtest_summary",
    "clean",
    "displayable",
    "enable_renderer",
    "format_number",
    "format_value",
    "load_catalog",
    "load_observations",
    "parse_number",
    "parse_range",
    "parse_targets",
    "project",
    "read_reports",
    "register_theme",
    "status_matrix",
    "synthetic_observations",
    "target_chart",
    "target_spec",
    "term_review",
    "year_report",
]

__version__ = "0.1.0"
