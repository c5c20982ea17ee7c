"""The names of a build's pages and their downloads, one source for every link between them.

The build writes the files under these names and the pages link to one another with them
(the index, each year's report, the term review, previous/next year, the downloads).
"""

from __future__ import annotations

from .locale import DEFAULT_LANG

#: The downloads written beside each year report: the status table as CSV and XLSX, and a
#: Word file with the summary and the status table.
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".docx")


def report_stem(lang: str, year: int | None = None) -> str:
    """The file name (without suffix) of a year's report, or of the term review (no year)."""
    return f"year_report_{year}_{lang}" if year is not None else f"term_review_{lang}"


def index_name(lang: str) -> str:
    """The index page's file name: ``index.html`` in the default language, ``index_en.html``…"""
    return "index.html" if lang == DEFAULT_LANG else f"index_{lang}.html"


def download_names(lang: str, year: int) -> dict[str, str]:
    """suffix → file name of each download of a year's report (``.csv`` → ``year_report_2023_vi.csv``)."""
    return {suffix: report_stem(lang, year) + suffix for suffix in DOWNLOAD_SUFFIXES}
