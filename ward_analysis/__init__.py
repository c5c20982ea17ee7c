"""ward-analysis: will a Vietnamese ward meet the targets of its 5-year plan?

The public API:

- :func:`load_catalog` → :class:`Catalog` of the term's sub-targets;
- :func:`read_reports` → :class:`CleanResult` (tidy ``observations`` + ``rejects``)
  from the ward's yearly report tables, and :func:`clean`, which also writes them;
- :func:`load_observations` for a tidy observations CSV;
- :func:`parse_number`, :func:`parse_range`, :func:`format_number` for
  Vietnamese-formatted figures;
- :class:`WardAnalysisError` and its subclasses.
"""

from .catalog import Catalog, Target, load_catalog
from .cleaning import CleanResult, clean, read_reports
from .errors import (
    CatalogError,
    ObservationsError,
    ParseError,
    ReportFormatError,
    WardAnalysisError,
)
from .numbers import format_number, parse_number, parse_range
from .observations import load_observations

__all__ = [
    "Catalog",
    "CatalogError",
    "CleanResult",
    "ObservationsError",
    "ParseError",
    "ReportFormatError",
    "Target",
    "WardAnalysisError",
    "clean",
    "format_number",
    "load_catalog",
    "load_observations",
    "parse_number",
    "parse_range",
    "read_reports",
]

__version__ = "0.1.0"
