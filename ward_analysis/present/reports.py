"""What the notebooks show: one object per report, holding its data and making its parts.

A notebook calls :func:`year_report` (or :func:`term_review`) with its
parameters and displays the parts; all the logic lives here and in the
modules it calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import WardAnalysisError
from ..model.assess import assess
from ..model.backtest import backtest, backtest_summary
from ..model.catalog import Catalog
from ..model.overrides import apply_overrides
from ..read.catalog import load_catalog
from ..read.observations import load_observations
from ..read.overrides import default_overrides_path, load_overrides
from .charts import target_spec
from .locale import get_locale
from .notes import data_notes, notes_html
from .sentences import status_labels
from .tables import (
    banner_html,
    headline,
    status_changes,
    status_matrix,
    status_table_html,
    table_html,
    year_table,
)


def _inputs(catalog_path, observations_path, rejects_path, unit, lang):
    get_locale(lang)  # an unknown language is refused before anything is read
    catalog = load_catalog(catalog_path)
    observations = load_observations(observations_path, catalog=catalog)
    rejects_file = Path(rejects_path) if rejects_path else config.REJECTS_PATH
    rejects = pd.read_csv(rejects_file, dtype={"target_id": str}) if rejects_file.exists() else None
    unit = unit or catalog.unit
    if unit not in set(observations["unit"]):
        raise WardAnalysisError(
            f"unit '{unit}' has no observations in {observations_path or config.OBSERVATIONS_PATH}"
        )
    return catalog, observations, rejects, unit


def _overrides(overrides_path, catalog_path, catalog: Catalog) -> pd.DataFrame | None:
    """The analysts' overrides: ``overrides_path``, or the shipped file that goes with the
    shipped catalog (None: no overrides)."""
    path = overrides_path if overrides_path is not None else default_overrides_path(catalog_path)
    return load_overrides(path, catalog=catalog) if path is not None else None


def _heading(sections: tuple[str, ...], key: str, lang: str) -> str:
    """A numbered section heading (Markdown) in the report's language."""
    number = sections.index(key) + 1
    return f"## {number}. {get_locale(lang).word(f'section_{key}')}"


@dataclass
class YearReport:
    """The analysis of one unit as of one year."""

    #: The report's sections, in order.
    SECTIONS = ("headline", "status", "charts", "year", "notes")

    catalog: Catalog
    observations: pd.DataFrame
    rejects: pd.DataFrame | None
    unit: str
    year: int
    lang: str
    assessment: pd.DataFrame
    previous: pd.DataFrame | None

    def title_html(self) -> str:
        """The report's title and subtitle (HTML)."""
        word = get_locale(self.lang).word
        title = word("year_title", T=self.catalog.term[1])
        sub = word("year_subtitle", unit=self.unit, year=self.year)
        return f"<h1>{escape(title)}</h1><h3>{escape(sub)}</h3>"

    def banner_html(self) -> str:
        """The data notice (illustrative figures) when the catalog carries one."""
        return banner_html(self.catalog)

    def heading(self, section: str) -> str:
        """The numbered heading of a section (Markdown): ``## 1. Tóm tắt``."""
        return _heading(self.SECTIONS, section, self.lang)

    def headline(self) -> pd.DataFrame:
        """Targets per status and the change on the previous year."""
        return headline(self.assessment, self.previous, lang=self.lang)

    def headline_html(self) -> str:
        """The headline as an HTML table."""
        return table_html(self.headline())

    def changes_html(self) -> str:
        """Which targets changed status since the previous year (HTML list)."""
        return notes_html(
            status_changes(self.assessment, self.previous, self.catalog, lang=self.lang)
        )

    def status_table_html(self) -> str:
        """Every sub-target: status, figure, projection, probability, explanation."""
        return status_table_html(
            self.assessment, self.catalog, lang=self.lang, observations=self.observations
        )

    def charts(self) -> list[dict]:
        """One chart (a Vega-Lite spec) per sub-target; ``wa.target_chart`` gives Altair objects."""
        rows = self.assessment.set_index("target_id")
        return [
            target_spec(t, self.observations, rows.loc[t.id], lang=self.lang) for t in self.catalog
        ]

    def year_table(self) -> pd.DataFrame:
        """The year itself: plan, result and change on the previous year."""
        return year_table(self.observations, self.catalog, self.unit, self.year, lang=self.lang)

    def year_table_html(self) -> str:
        """The year itself as an HTML table."""
        return table_html(self.year_table())

    def notes_html(self) -> str:
        """Data notes: notice, estimates, basis breaks, gaps, rejects, readings."""
        notes = data_notes(
            self.catalog, self.observations, self.rejects, self.unit, self.year, lang=self.lang
        )
        return notes_html(notes)


def year_report(
    year: int,
    *,
    lang: str = "vi",
    unit: str | None = None,
    observations_path: str | Path | None = None,
    rejects_path: str | Path | None = None,
    catalog_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
) -> YearReport:
    """Load everything a per-year report shows, assessed as of ``year`` (no later data used).

    ``overrides_path``: analysts' overrides of a status (default: ``data/raw/overrides.yaml``
    when it exists and the catalog is the shipped one).
    """
    catalog, observations, rejects, unit = _inputs(
        catalog_path, observations_path, rejects_path, unit, lang
    )
    first, last = catalog.term
    if not isinstance(year, int) or not first <= year <= last:
        raise WardAnalysisError(f"year must be between {first} and {last}, not {year!r}")
    overrides = _overrides(overrides_path, catalog_path, catalog)
    current = assess(catalog, observations, year, unit=unit, overrides=overrides)
    previous = (
        assess(catalog, observations, year - 1, unit=unit, overrides=overrides)
        if year > first
        else None
    )
    return YearReport(catalog, observations, rejects, unit, year, lang, current, previous)


@dataclass
class TermReview:
    """The term as a whole: final outcomes and how the forecasts evolved."""

    #: The review's sections, in order.
    SECTIONS = ("outcome", "evolution", "backtest")

    catalog: Catalog
    observations: pd.DataFrame
    unit: str
    lang: str
    assessments: pd.DataFrame
    backtest: pd.DataFrame

    def title_html(self) -> str:
        first, last = self.catalog.term
        title = get_locale(self.lang).word("term_title", first=first, last=last)
        return f"<h1>{escape(title)}</h1><h3>{escape(self.unit)}</h3>"

    def banner_html(self) -> str:
        return banner_html(self.catalog)

    def heading(self, section: str) -> str:
        """The numbered heading of a section (Markdown): ``## 1. Kết quả cuối nhiệm kỳ``."""
        return _heading(self.SECTIONS, section, self.lang)

    def outcome_table_html(self) -> str:
        """The final status of every sub-target."""
        last = int(self.assessments["as_of"].max())
        final = self.assessments[self.assessments["as_of"] == last]
        return status_table_html(
            final, self.catalog, lang=self.lang, observations=self.observations
        )

    def evolution(self) -> pd.DataFrame:
        """Status of each target as assessed in each year."""
        return status_matrix(self.assessments, lang=self.lang).droplevel("unit")

    def evolution_html(self) -> str:
        """The evolution as an HTML table, every label in full (a status an analyst set is
        marked so, with the model's beside it)."""
        matrix = self.evolution().rename_axis(get_locale(self.lang).word("target"))
        return table_html(matrix.reset_index())

    def probability_chart(self) -> dict:
        """Probability of meeting each target as assessed year by year (a heat map, Vega-Lite spec)."""
        locale = get_locale(self.lang)
        word = locale.word
        x_title, y_title, p_title = word("assessed_in"), word("target"), word("probability")
        values = [
            {"target_id": r.target_id, "as_of": int(r.as_of), "p": None if pd.isna(r.probability) else float(r.probability),
             "status": status}
            for r, status in zip(self.assessments.itertuples(), status_labels(self.assessments, locale), strict=True)
        ]  # fmt: skip
        x = {"field": "as_of", "type": "ordinal", "title": x_title}
        y = {
            "field": "target_id",
            "type": "nominal",
            "title": y_title,
            "sort": list(self.catalog.ids),
        }
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": values},
            "width": 420,
            "height": {"step": 14},
            "usermeta": {"embedOptions": {"actions": False}},
            "layer": [
                {"mark": "rect", "encoding": {"x": x, "y": y, "color": {
                    "field": "p", "type": "quantitative", "title": p_title,
                    "scale": {"scheme": "redyellowgreen", "domain": [0, 1]}},
                    "tooltip": [{"field": "target_id", "title": y_title}, {"field": "as_of", "title": x_title},
                                {"field": "p", "format": ".0%", "title": p_title},
                                {"field": "status", "title": word("status")}]}},
                {"mark": {"type": "text", "fontSize": 9},
                 "encoding": {"x": x, "y": y, "text": {"field": "p", "type": "quantitative", "format": ".0%"}}},
            ],
        }  # fmt: skip

    def backtest_summary(self, by: str | None = None) -> pd.DataFrame:
        """Brier score and accuracy of our forecasts and the three baselines."""
        names = get_locale(self.lang).backtest_methods
        summary = backtest_summary(self.backtest, by=by)
        return summary.assign(method=summary["method"].map(names))


def term_review(
    *,
    lang: str = "vi",
    unit: str | None = None,
    observations_path: str | Path | None = None,
    catalog_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
) -> TermReview:
    """Load the term review: every as-of year's assessment and the backtest.

    ``overrides_path``: analysts' overrides of a status, as for :func:`year_report`. They show
    in the outcome and the evolution; the backtest scores the model's own forecasts.
    """
    catalog, observations, _, unit = _inputs(catalog_path, observations_path, None, unit, lang)
    first, last = catalog.term
    computed = pd.concat(
        [assess(catalog, observations, y, unit=unit) for y in range(first, last + 1)],
        ignore_index=True,
    )
    obs_unit = observations[observations["unit"] == unit]
    scores = backtest(catalog, obs_unit, assessments=computed)  # the same assessments, not redone
    overrides = _overrides(overrides_path, catalog_path, catalog)
    assessments = apply_overrides(computed, overrides, catalog=catalog)
    return TermReview(catalog, observations, unit, lang, assessments, scores)
