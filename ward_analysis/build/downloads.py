"""Write a year report's downloads beside its HTML: the status table as CSV and XLSX, and the
Word file with the summary and the status table (names from ``present.pages.download_names``).

Each file is written atomically: a reader sees the previous complete file or the new one.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING

from ..io import atomic_write_bytes
from ..present.documents import csv_bytes, docx_bytes, status_frame, xlsx_bytes
from ..present.locale import get_locale
from ..present.page import built_at
from ..present.pages import download_names
from ..present.summary import summarise

if TYPE_CHECKING:
    from ..present.reports import YearReport


def write_downloads(report: YearReport, out_dir: str | Path) -> list[Path]:
    """Write the CSV, XLSX and DOCX of ``report`` into ``out_dir``; returns their paths (in the
    order of ``download_names``)."""
    out_dir = Path(out_dir)
    lang, catalog = report.lang, report.catalog
    word = get_locale(lang).word
    frame = status_frame(report.assessment, catalog, lang=lang, observations=report.observations)
    summary = summarise(report.assessment, report.previous, catalog, lang=lang)
    title, subtitle = report.title(), report.subtitle()
    notice = catalog.header.notice(lang)
    files = [Path(p).name for p in report.files] or (
        [catalog.path.name] if catalog.path is not None else []
    )
    footer = word("doc_built", at=built_at(lang), files=", ".join(files) or "–")
    contents = {
        ".csv": lambda: csv_bytes(frame),
        ".xlsx": lambda: xlsx_bytes(frame, title, notice, lang=lang, subtitle=subtitle),
        ".docx": lambda: docx_bytes(
            summary, frame, title=title, subtitle=subtitle, notice=notice, footer=footer
        ),
    }
    return [
        atomic_write_bytes(out_dir / name, contents[suffix]())
        for suffix, name in download_names(lang, report.year).items()
    ]


def write_downloads_of(namespace: dict, parameters: dict, out_dir: str | Path) -> list[Path]:
    """In the kernel that ran a year report's notebook: write its downloads from the report it
    made (the :class:`YearReport` for ``parameters`` in the notebook's ``namespace``), or, when
    there is none, from the parameters. The build runs this after the notebook."""
    from ..present.reports import YearReport

    made = [
        v
        for v in namespace.values()
        if isinstance(v, YearReport)
        and v.year == parameters.get("year")
        and v.lang == parameters.get("lang", v.lang)
    ]
    if len(made) == 1:
        return write_downloads(made[0], out_dir)
    return write_year_downloads(parameters, out_dir)


def write_year_downloads(parameters: dict, out_dir: str | Path) -> list[Path]:
    """Build the year report a notebook was given ``parameters`` for (in this process) and
    write its downloads into ``out_dir``: the files show what the page shows."""
    from ..present.reports import year_report

    accepted = inspect.signature(year_report).parameters
    report = year_report(**{k: v for k, v in parameters.items() if k in accepted})
    return write_downloads(report, out_dir)
