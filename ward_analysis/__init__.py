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
- :func:`parse_number`, :func:`parse_range`, :func:`format_number`,
  :func:`format_value` for Vietnamese-formatted figures;
- :class:`WardAnalysisError` and its subclasses.
"""

from .assessment import STATUS_LABELS, assess, status_matrix
from .backtest import backtest, backtest_summary
from .catalog import Catalog, Target, load_catalog
from .charts import displayable, enable_renderer, register_theme, target_chart, target_spec
from .cleaning import CleanResult, clean, read_reports
from .errors import (
    CatalogError,
    ObservationsError,
    ParseError,
    ReportFormatError,
    WardAnalysisError,
)
from .numbers import format_number, format_value, parse_number, parse_range
from .observations import load_observations
from .synthetic import synthetic_observations
from .trends import project
from .views import TermReview, YearReport, term_review, year_report

__all__ = [
    "STATUS_LABELS",
    "Catalog",
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
