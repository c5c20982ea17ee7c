"""ward-analysis: will a Vietnamese ward meet the targets of its 5-year plan?

The public API, by room:

- reading (:mod:`.read`): :func:`load_catalog` → :class:`Catalog`; :func:`read_reports` →
  :class:`CleanResult` (tidy ``observations`` + ``rejects``) from the ward's yearly report
  tables, and :func:`clean`, which also writes them; :func:`load_observations`;
  :func:`parse_number`, :func:`parse_range`;
- the model (:mod:`.model`): :func:`assess` → one row per (unit, target) as of a year:
  status code, probability of meeting the target, projection with an 80 % interval, pace;
  :func:`pace` for the pace still required of every target;
  :func:`project` for one series; :func:`backtest` / :func:`backtest_summary`;
  :func:`synthetic_observations`;
- presentation (:mod:`.present`): :func:`describe` (status labels and sentences in a
  language), :func:`status_matrix`, :func:`format_number`, :func:`format_value`, charts
  (:func:`target_spec`, :func:`target_chart`, :func:`displayable`, :func:`enable_renderer`)
  and the report objects (:func:`year_report`, :func:`term_review`); for the analyst's
  notebook, :func:`load_tables`, :func:`explore_chart`, :func:`pace_table`,
  :func:`compare_status` and :func:`styled_table`;
- onboarding (:mod:`.onboard`): :func:`parse_targets` → :class:`CatalogDraft`;
- :class:`WardAnalysisError` and its subclasses.

Submodules load on first use of a name (PEP 562), so that ``ward-analysis reports`` can
start its kernels before pandas, SciPy and pydantic load.
"""

from typing import TYPE_CHECKING

from .errors import (
    CatalogError,
    ObservationsError,
    OverridesError,
    ParseError,
    ReportError,
    ReportFormatError,
    WardAnalysisError,
)

#: Where each public name lives.
_LAZY = {
    "read.catalog": ["load_catalog"],
    "read.cleaning": ["CleanResult", "clean", "read_reports"],
    "read.numbers": ["parse_number", "parse_range"],
    "read.observations": ["load_observations"],
    "read.overrides": ["load_overrides"],
    "model.assess": ["assess", "assess_units"],
    "model.rollup": ["roll_up"],
    "read.units": ["load_units"],
    "build.province": ["build_province"],
    "model.backtest": ["backtest", "backtest_summary", "reliability"],
    "model.catalog": ["Catalog", "Target"],
    "model.pace": ["pace"],
    "model.synthetic": ["synthetic_observations"],
    "model.trends": ["project"],
    "present.charts": ["chart_grid", "displayable", "enable_renderer", "legend_html", "register_theme", "target_chart", "target_spec"],
    "present.explore": ["Tables", "compare_status", "explore_chart", "explore_frame", "load_tables", "pace_table", "reference_frame", "styled_table"],
    "present.format": ["format_number", "format_value"],
    "present.reports": ["TermReview", "YearReport", "term_review", "year_report"],
    "present.sentences": ["describe"],
    "present.tables": ["status_matrix"],
    "onboard.draft": ["CatalogDraft", "parse_targets"],
}  # fmt: skip
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
    from .model.assess import assess
    from .model.backtest import backtest, backtest_summary, reliability
    from .model.catalog import Catalog, Target
    from .model.pace import pace
    from .model.synthetic import synthetic_observations
    from .model.trends import project
    from .onboard.draft import CatalogDraft, parse_targets
    from .present.charts import (
        chart_grid,
        displayable,
        enable_renderer,
        legend_html,
        register_theme,
        target_chart,
        target_spec,
    )
    from .present.explore import (
        Tables,
        compare_status,
        explore_chart,
        explore_frame,
        load_tables,
        pace_table,
        reference_frame,
        styled_table,
    )
    from .present.format import format_number, format_value
    from .present.reports import TermReview, YearReport, term_review, year_report
    from .present.sentences import describe
    from .present.tables import status_matrix
    from .read.catalog import load_catalog
    from .read.cleaning import CleanResult, clean, read_reports
    from .read.numbers import parse_number, parse_range
    from .read.observations import load_observations

__all__ = [
    "Catalog",
    "CatalogDraft",
    "CatalogError",
    "CleanResult",
    "ObservationsError",
    "OverridesError",
    "ParseError",
    "ReportError",
    "ReportFormatError",
    "Tables",
    "Target",
    "TermReview",
    "WardAnalysisError",
    "YearReport",
    "assess",
    "assess_units",
    "backtest",
    "backtest_summary",
    "build_province",
    "chart_grid",
    "clean",
    "compare_status",
    "describe",
    "displayable",
    "enable_renderer",
    "explore_chart",
    "explore_frame",
    "format_number",
    "format_value",
    "legend_html",
    "load_catalog",
    "load_observations",
    "load_overrides",
    "load_tables",
    "load_units",
    "pace",
    "pace_table",
    "parse_number",
    "parse_range",
    "parse_targets",
    "project",
    "read_reports",
    "reference_frame",
    "register_theme",
    "reliability",
    "roll_up",
    "status_matrix",
    "styled_table",
    "synthetic_observations",
    "target_chart",
    "target_spec",
    "term_review",
    "year_report",
]

__version__ = "0.1.0"
