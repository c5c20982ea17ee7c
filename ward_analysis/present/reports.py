"""What the notebooks show: one object per report, holding its data and making its parts.

A notebook calls :func:`year_report` (or :func:`term_review`) with its
parameters and displays the parts; all the logic lives here and in the
modules it calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from .. import __version__, config
from ..errors import WardAnalysisError
from ..model.assess import assess
from ..model.backtest import backtest, backtest_summary
from ..model.catalog import Catalog
from ..model.overrides import apply_overrides
from ..model.panel import OFF_TRACK, ON_TRACK
from ..read.catalog import load_catalog
from ..read.observations import load_observations
from ..read.overrides import default_overrides_path, load_overrides
from ..read.units import registry_of
from ..schema import STATUSES
from .charts import chart_grid, legend_html, target_spec
from .documents import downloads_html
from .locale import get_locale
from .notes import data_notes, notes_html
from .page import (
    PAGE_CSS,
    Figure,
    HtmlPart,
    PageHead,
    built_at,
    file_hashes,
    footer_html,
    nav_html,
    print_margins_css,
    section_heading,
    toc_html,
)
from .sentences import status_labels
from .summary import Summary, summarise, summary_html
from .tables import (
    CSS,
    badge,
    banner_html,
    status_matrix,
    status_table_html,
    table_html,
    year_table,
)


def _inputs(catalog_path, observations_path, rejects_path, unit, lang, units_path=None):
    get_locale(lang)  # an unknown language is refused before anything is read
    catalog = load_catalog(catalog_path, units_path=units_path)
    observations = load_observations(observations_path, catalog=catalog)
    rejects_file = Path(rejects_path) if rejects_path else config.REJECTS_PATH
    rejects = pd.read_csv(rejects_file, dtype={"target_id": str}) if rejects_file.exists() else None
    unit = unit or catalog.unit
    if unit not in set(observations["unit"]):
        raise WardAnalysisError(
            f"unit '{unit}' has no observations in {observations_path or config.OBSERVATIONS_PATH}"
        )
    return catalog, observations, rejects, unit


def _overrides_path(overrides_path, catalog_path) -> Path | None:
    """The analysts' overrides: ``overrides_path``, or the shipped file that goes with the
    shipped catalog (None: no overrides)."""
    return (
        Path(overrides_path) if overrides_path is not None else default_overrides_path(catalog_path)
    )


#: The height of each small chart's plot in a year report (px): three charts a row, six
#: rows an A4 page.
CHART_HEIGHT = 85
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _numbered(number: int, name: str) -> str:
    """A group's heading, numbered as resolutions number them: ``II. Văn hóa – xã hội``."""
    return f"{_ROMAN[number - 1] if number <= len(_ROMAN) else number}. {name}"


def _data_files(catalog: Catalog, observations: pd.DataFrame, paths: list) -> list[Path]:
    """The files a page rests on: the catalog, the yearly tables its figures came from (found
    beside the catalog, as in ``data/raw/``), and the other inputs given."""
    tables = sorted({str(s).rsplit(":", 1)[0] for s in observations["source"].dropna()})
    folder = catalog.path.parent if catalog.path is not None else config.RAW_DIR
    return [
        *([catalog.path] if catalog.path else []),
        *(folder / name for name in tables),
        *(Path(p) for p in paths if p is not None),
    ]


class _Page:
    """What every page of a report shares: its head, section headings and footer."""

    catalog: Catalog
    observations: pd.DataFrame
    lang: str
    files: list[Path]

    @property
    def locale(self):
        return get_locale(self.lang)

    def sections(self) -> list[tuple[str, str]]:
        """(anchor id, heading) of each section, in order (the table of contents)."""
        raise NotImplementedError

    def _pages_span(self) -> tuple[int, int]:
        """The years of the term a build makes pages for: to the latest year with figures
        (a term under way has no page for its years to come)."""
        first, last = self.catalog.term
        years = self.observations.get("year", [])
        latest = int(max(years)) if len(years) else last
        return first, max(first, min(last, latest))

    def _head(self, title: str, subtitle: str, *, year: int | None, here: str) -> PageHead:
        word = self.locale.word
        html = (
            nav_html(self.lang, term=self._pages_span(), year=year, here=here)
            + f'<header class="ward-header"><h1>{escape(title)}</h1>'
            + f'<p class="ward-subtitle">{escape(subtitle)}</p></header>'
            + banner_html(self.catalog, self.lang)
            + toc_html(self.lang, self.sections())
            + print_margins_css(self.lang, self.catalog.header.notice(self.lang))
        )
        page_title = word("page_title", title=title, sub=subtitle)
        return PageHead(CSS + PAGE_CSS + html, self.lang, page_title)

    def heading(self, section: str, *, page_break: bool = False) -> str:
        """The heading of a section (HTML, with the anchor the contents link to)."""
        text = dict(self.sections())[section]
        return section_heading(section, text, page_break=page_break)

    def method_html(self) -> str:
        """How the statuses are decided, in plain words, with each status defined."""
        locale = self.locale
        word = locale.word
        shares = {"on": locale.percent(ON_TRACK), "off": locale.percent(OFF_TRACK)}
        items = "".join(
            f"<li>{badge(code, self.lang)} {escape(word('status_def_' + code, **shares))}</li>"
            for code in STATUSES
        )
        return (
            self.heading("method")
            + f"<p>{escape(word('method_text'))}</p>"
            + f'<h3>{escape(word("status_defs"))}</h3><ul class="ward-defs">{items}</ul>'
        )

    def footer_html(self) -> str:
        """What the page was built from, and when (Vietnam's time)."""
        catalog = self.catalog.path.name if self.catalog.path is not None else "–"
        return footer_html(
            self.lang,
            files=file_hashes(self.files),
            catalog=catalog,
            version=__version__,
            at=built_at(self.lang),
        )


@dataclass
class YearReport(_Page):
    """The analysis of one unit as of one year."""

    catalog: Catalog
    observations: pd.DataFrame
    rejects: pd.DataFrame | None
    unit: str
    year: int
    lang: str
    assessment: pd.DataFrame
    previous: pd.DataFrame | None
    files: list[Path] = field(default_factory=list)

    def sections(self) -> list[tuple[str, str]]:
        word = self.locale.word
        groups = [
            (f"group-{i}", self._group_title(i, g))
            for i, (g, _) in enumerate(self.catalog.grouped(), start=1)
        ]
        return [
            ("summary", word("section_summary")),
            *groups,
            ("year", word("section_year", year=self.year)),
            ("notes", word("section_notes")),
            ("method", word("section_method")),
        ]

    def _group_title(self, number: int, group) -> str:
        name = group.name(self.lang) if group is not None else self.locale.word("all_targets")
        return _numbered(number, name)

    def title(self) -> str:
        return self.locale.word("year_title", T=self.catalog.term[1])

    def subtitle(self) -> str:
        return self.locale.word("year_subtitle", unit=self.unit, year=self.year)

    def head(self) -> PageHead:
        """The top of the page: navigation, title, notice, contents (and the page's language
        and title for the export)."""
        return self._head(self.title(), self.subtitle(), year=self.year, here="year")

    def summary(self) -> Summary:
        """Page one: counts per status, the targets that need attention, the changes."""
        return summarise(self.assessment, self.previous, self.catalog, lang=self.lang)

    def summary_html(self) -> str:
        """Page one as HTML (its own section, which prints on one A4 page)."""
        return (
            '<section id="summary" class="ward-summary-page" aria-labelledby="summary-h">'
            + section_heading("summary-h", dict(self.sections())["summary"])
            + summary_html(self.summary())
            + downloads_html(self.lang, self.year)
            + "</section>"
        )

    def status_table_html(self, ids: list[str] | None = None) -> str:
        """Every sub-target (or those of ``ids``): status, figure, projection, probability,
        explanation."""
        rows = self.assessment
        if ids is not None:
            rows = rows[rows["target_id"].isin(ids)]
        return status_table_html(
            rows, self.catalog, lang=self.lang, observations=self.observations, compact=True
        )

    def charts(self, ids: list[str] | None = None) -> list[dict]:
        """One chart (a Vega-Lite spec) per sub-target (or those of ``ids``);
        ``wa.target_chart`` gives Altair objects."""
        rows = self.assessment.set_index("target_id")
        return [
            target_spec(t, self.observations, rows.loc[t.id], lang=self.lang, height=CHART_HEIGHT)
            for t in self.catalog
            if ids is None or t.id in ids
        ]

    def target_sections(self) -> list:
        """The targets as the resolution groups them: for each group its heading and status
        table, then its charts (small multiples under one legend). For ``display(*…)``."""
        out: list = []
        for i, (_, targets) in enumerate(self.catalog.grouped(), start=1):
            ids = [t.id for t in targets]
            specs = self.charts(ids)
            out.append(
                HtmlPart(
                    self.heading(f"group-{i}", page_break=i == 1)
                    + self.status_table_html(ids)
                    + legend_html(specs, lang=self.lang)
                )
            )
            out.append(chart_grid(specs, lang=self.lang))
        return out

    def year_table(self) -> pd.DataFrame:
        """The year itself: plan, result and change on the previous year."""
        return year_table(self.observations, self.catalog, self.unit, self.year, lang=self.lang)

    def year_table_html(self) -> str:
        """The year itself as an HTML table, under its heading."""
        return self.heading("year") + table_html(self.year_table(), "ward-year-table")

    def notes_html(self) -> str:
        """Data notes: estimates, basis breaks, gaps, rejects, readings (under their heading)."""
        notes = data_notes(
            self.catalog, self.observations, self.rejects, self.unit, self.year, lang=self.lang
        )
        return self.heading("notes") + f'<div class="ward-notes">{notes_html(notes)}</div>'


def year_report(
    year: int,
    *,
    lang: str = "vi",
    unit: str | None = None,
    observations_path: str | Path | None = None,
    rejects_path: str | Path | None = None,
    catalog_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
    units_path: str | Path | None = None,
) -> YearReport:
    """Load everything a per-year report shows, assessed as of ``year`` (no later data used).

    ``overrides_path``: analysts' overrides of a status (default: ``data/raw/overrides.yaml``
    when it exists and the catalog is the shipped one). ``units_path``: the registry of units
    that names the units the catalog's targets compare with (default
    ``data/raw/units.yaml``; read only for a catalog with such targets).
    """
    catalog, observations, rejects, unit = _inputs(
        catalog_path, observations_path, rejects_path, unit, lang, units_path
    )
    first, last = catalog.term
    if not isinstance(year, int) or not first <= year <= last:
        raise WardAnalysisError(f"year must be between {first} and {last}, not {year!r}")
    path = _overrides_path(overrides_path, catalog_path)
    overrides = load_overrides(path, catalog=catalog) if path is not None else None
    current = assess(catalog, observations, year, unit=unit, overrides=overrides)
    previous = (
        assess(catalog, observations, year - 1, unit=unit, overrides=overrides)
        if year > first
        else None
    )
    files = _data_files(catalog, observations, [path, registry_of(catalog, units_path)])
    return YearReport(catalog, observations, rejects, unit, year, lang, current, previous, files)


@dataclass
class TermReview(_Page):
    """The term as a whole: final outcomes and how the forecasts evolved."""

    catalog: Catalog
    observations: pd.DataFrame
    unit: str
    lang: str
    assessments: pd.DataFrame
    backtest: pd.DataFrame
    files: list[Path] = field(default_factory=list)

    def sections(self) -> list[tuple[str, str]]:
        word = self.locale.word
        return [
            ("outcome", word("section_outcome")),
            ("evolution", word("section_evolution")),
            ("backtest", word("section_backtest")),
            ("method", word("section_method")),
        ]

    def title(self) -> str:
        first, last = self.catalog.term
        return self.locale.word("term_title", first=first, last=last)

    def head(self) -> PageHead:
        """The top of the page: navigation, title, notice, contents."""
        return self._head(self.title(), self.unit, year=None, here="term")

    def outcome_table_html(self) -> str:
        """The final status of every sub-target, by the resolution's groups (under its heading)."""
        last = int(self.assessments["as_of"].max())
        final = self.assessments[self.assessments["as_of"] == last]
        parts = [self.heading("outcome")]
        for number, (group, targets) in enumerate(self.catalog.grouped(), start=1):
            rows = final[final["target_id"].isin([t.id for t in targets])]
            if group is not None:
                parts.append(f"<h3>{escape(_numbered(number, group.name(self.lang)))}</h3>")
            parts.append(
                status_table_html(
                    rows, self.catalog, lang=self.lang, observations=self.observations
                )
            )
        return "".join(parts)

    def evolution(self) -> pd.DataFrame:
        """Status of each target as assessed in each year."""
        return status_matrix(self.assessments, lang=self.lang).droplevel("unit")

    def evolution_html(self) -> str:
        """The evolution as an HTML table, every label in full (a status an analyst set is
        marked so, with the model's beside it), under its heading."""
        word = self.locale.word
        matrix = self.evolution().rename_axis(word("target"))
        matrix.columns = [word("as_of", year=y) for y in matrix.columns]
        return self.heading("evolution", page_break=True) + table_html(matrix.reset_index())

    def probability_chart(self) -> dict:
        """Probability of meeting each target as assessed year by year (a heat map, Vega-Lite
        spec); a cell with no probability (a settled or unassessable target) shows a dash."""
        locale = self.locale
        word = locale.word
        x_title, y_title, p_title = word("assessed_in"), word("target"), word("probability")
        values = [
            {"target_id": r.target_id, "as_of": int(r.as_of), "p": None if pd.isna(r.probability) else float(r.probability),
             "label": "–" if pd.isna(r.probability) else locale.percent(float(r.probability)),
             "status": status}
            for r, status in zip(self.assessments.itertuples(), status_labels(self.assessments, locale), strict=True)
        ]  # fmt: skip
        x = {"field": "as_of", "type": "ordinal", "title": x_title, "axis": {"labelAngle": 0}}
        y = {
            "field": "target_id",
            "type": "nominal",
            "title": y_title,
            "sort": list(self.catalog.ids),
        }
        first, last = self.catalog.term
        percent = locale.with_unit("", "%")  # " %" in Vietnamese, "%" in English
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "description": word("heatmap_description", first=first, last=last),
            "data": {"values": values},
            "width": 360,
            "height": {"step": 13},
            "usermeta": {"embedOptions": {"actions": False}},
            "layer": [
                {"mark": "rect", "encoding": {"x": x, "y": y, "color": {
                    "field": "p", "type": "quantitative", "title": p_title,
                    "scale": {"scheme": "redyellowgreen", "domain": [0, 1]},
                    "legend": {"orient": "right", "labelExpr": f"format(datum.value * 100, '.0f') + '{percent}'"}},
                    "tooltip": [{"field": "target_id", "title": y_title}, {"field": "as_of", "title": x_title},
                                {"field": "label", "title": p_title},
                                {"field": "status", "title": word("status")}]}},
                {"mark": {"type": "text", "fontSize": 9},
                 "encoding": {"x": x, "y": y, "text": {"field": "label", "type": "nominal"},
                              # white on the darkest cells of the scheme, black elsewhere
                              "color": {"condition": {"test": "isValid(datum.p) && (datum.p < 0.2 || datum.p > 0.85)",
                                                      "value": "#ffffff"}, "value": "#1f2328"}}},
            ],
        }  # fmt: skip

    def evolution_parts(self) -> list:
        """The evolution table and the heat map, for ``display(*…)``."""
        spec = self.probability_chart()
        return [
            HtmlPart(self.evolution_html()),
            Figure(spec, spec["description"]),
        ]

    def backtest_summary(self, by: str | None = None) -> pd.DataFrame:
        """Brier score and accuracy of our forecasts and the three baselines (codes and numbers)."""
        return backtest_summary(self.backtest, by=by)

    def backtest_html(self) -> str:
        """The backtest in plain words: how often each way of forecasting was right, and its
        Brier score, over the term and by the year the forecast was made."""
        locale = self.locale
        word = locale.word
        names = locale.backtest_methods
        overall = self.backtest_summary()
        head = [word("bt_method"), word("bt_rows"), word("bt_brier"), word("bt_accuracy")]
        rows = [
            [
                names[r.method],
                str(int(r.rows)),
                locale.number(r.brier, 3),
                locale.percent(r.accuracy),
            ]
            for r in overall.itertuples()
        ]
        by_year = self.backtest_summary(by="as_of")
        wide = by_year.pivot(index="as_of", columns="method", values="brier")
        order = [m for m in overall["method"] if m in wide.columns]
        head2 = [word("assessed_in"), *(names[m] for m in order)]
        rows2 = [[str(y), *(locale.number(wide.loc[y, m], 3) for m in order)] for y in wide.index]
        return (
            self.heading("backtest")
            + f"<p>{escape(word('bt_text'))}</p>"
            + _plain_table(head, rows, caption=word("bt_caption_all"))
            + _plain_table(head2, rows2, caption=word("bt_caption_years"))
        )


def _plain_table(head: list[str], rows: list[list[str]], *, caption: str = "") -> str:
    """A small table of already formatted texts (escaped), numbers right-aligned."""
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="ward-num">{escape(c)}</td>' if i else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        ) + "</tr>"
        for row in rows
    )  # fmt: skip
    return f'{CSS}<table class="ward-table ward-compact">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def term_review(
    *,
    lang: str = "vi",
    unit: str | None = None,
    observations_path: str | Path | None = None,
    catalog_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
    units_path: str | Path | None = None,
) -> TermReview:
    """Load the term review: every as-of year's assessment and the backtest.

    ``overrides_path``: analysts' overrides of a status, as for :func:`year_report`. They show
    in the outcome and the evolution; the backtest scores the model's own forecasts.
    ``units_path``: the registry of units, as for :func:`year_report`.
    """
    catalog, observations, _, unit = _inputs(
        catalog_path, observations_path, None, unit, lang, units_path
    )
    first, last = catalog.term
    computed = pd.concat(
        [assess(catalog, observations, y, unit=unit) for y in range(first, last + 1)],
        ignore_index=True,
    )
    obs_unit = observations[observations["unit"] == unit]
    scores = backtest(catalog, obs_unit, assessments=computed)  # the same assessments, not redone
    path = _overrides_path(overrides_path, catalog_path)
    overrides = load_overrides(path, catalog=catalog) if path is not None else None
    assessments = apply_overrides(computed, overrides, catalog=catalog)
    files = _data_files(catalog, observations, [path, registry_of(catalog, units_path)])
    return TermReview(catalog, observations, unit, lang, assessments, scores, files)
