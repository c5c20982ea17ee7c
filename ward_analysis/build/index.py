"""The index page of a build: the status of every target by as-of year, linking to each report,
with the counts per status, what each status means, and what the pages were built from."""

from __future__ import annotations

from html import escape

import pandas as pd

from .. import __version__
from ..model.catalog import Catalog
from ..model.panel import OFF_TRACK, ON_TRACK
from ..present.format import keep_units_together
from ..present.locale import get_locale
from ..present.page import built_at as vietnam_time
from ..present.page import footer_html, nav_html
from ..present.sentences import by_analyst, provisional, status_labels
from ..present.tables import CSS, badge, banner_html
from ..schema import STATUSES

INDEX_CSS = """<style>
body { font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif; color: #1f2328;
       max-width: 1100px; margin: 0 auto; padding: 8px 20px 24px; line-height: 1.4; font-size: 14px; }
h1 { font-size: 1.5em; font-weight: 600; margin: 0.4em 0 0.1em; }
h2 { font-size: 1.2em; font-weight: 600; margin: 1em 0 0.3em; }
a { color: #0550ae; }
.ward-subtitle { color: #424a53; margin: 0 0 0.5em; }
.ward-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; padding: 6px 0;
               border-bottom: 1px solid #d0d7de; font-size: 13px; }
table.ward-index { table-layout: fixed; }
table.ward-index thead th:first-child { width: 30%; }
.ward-index td, .ward-index th { padding: 2px 4px; font-size: 12.5px; }
.ward-index .ward-badge { white-space: nowrap; font-size: 10.5px; line-height: 1.25; padding: 0 5px; }
.ward-counts td.ward-num { text-align: right; }
.ward-index sup { line-height: 0; }
.ward-footer { margin-top: 16px; border-top: 1px solid #d0d7de; font-size: 12px; color: #424a53; }
.ward-footer p { margin: 4px 0; }
.ward-defs td { font-size: 12.5px; }
@page { size: A4 landscape; margin: 9mm 9mm 10mm 9mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  .ward-nav { display: none; }
  .ward-index td, .ward-index th { font-size: 7pt; padding: 0 3px; line-height: 1.1; }
  .ward-index td { white-space: nowrap; }
  .ward-banner { padding: 3px 8px; margin: 3px 0; }
  .ward-term-link { display: none; }
  h1 { margin: 0; font-size: 14pt; }
  h2 { margin: 4px 0 2px; font-size: 11pt; }
  .ward-index .ward-badge { font-size: 6.5pt; padding: 0 4px; line-height: 1.1; border-radius: 6px; }
  .ward-index tr, .ward-defs tr { break-inside: avoid; }
  .ward-index thead { display: table-header-group; }
  .ward-print-break { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
</style>"""


def _counts_table(status: pd.DataFrame, years: list[int], lang: str) -> str:
    """How many targets are in each status, per as-of year."""
    word = get_locale(lang).word
    head = "".join(f'<th scope="col" class="ward-year">{escape(word("as_of", year=y))}</th>' for y in years)  # fmt: skip
    rows = []
    for code in STATUSES:
        counts = [int((status[y] == code).sum()) for y in years]
        if not any(counts):
            continue
        cells = "".join(f'<td class="ward-num">{n}</td>' for n in counts)
        rows.append(f'<tr><th scope="row">{badge(code, lang)}</th>{cells}</tr>')
    total = "".join(f'<td class="ward-num"><b>{int(status[y].notna().sum())}</b></td>' for y in years)  # fmt: skip
    rows.append(f'<tr><th scope="row">{escape(word("count_total"))}</th>{total}</tr>')
    return (
        '<table class="ward-table ward-counts">'
        f'<thead><tr><th scope="col">{escape(word("status"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _definitions(lang: str, marks: set[str]) -> str:
    """What each status means, and the marks used in the table."""
    locale = get_locale(lang)
    word = locale.word
    shares = {"on": locale.percent(ON_TRACK), "off": locale.percent(OFF_TRACK)}
    rows = "".join(
        f"<tr><td>{badge(code, lang)}</td><td>{escape(word('status_def_' + code, **shares))}</td></tr>"
        for code in STATUSES
    )
    legend = "".join(
        f"<p>{escape(word(key))}</p>"
        for key, sign in (("index_provisional", "†"), ("index_analyst", "‡"))
        if any(sign in m for m in marks)
    )
    return (
        f'<table class="ward-table ward-defs"><caption>{escape(word("status_defs"))}</caption>'
        f'<thead><tr><th scope="col">{escape(word("status"))}</th>'
        f'<th scope="col">{escape(word("meaning"))}</th></tr></thead><tbody>{rows}</tbody></table>'
        f"{legend}"
    )


def index_html(assessments: pd.DataFrame, links: dict[int, str], term_link: str | None,
               catalog: Catalog, *, lang: str, built_at: str | None = None,
               sources: list[tuple[str, str]], failed: set[int], unit: str | None = None,
               pages_built: dict | None = None, up: str | None = None) -> str:  # fmt: skip
    """The index page: status of every target by as-of year, linking to each year's report;
    the counts per status and year; what each status means; what it was built from.
    ``built_at``: the build time as shown (default: now, in Vietnam's time);
    ``pages_built``: page file name → when it was built (its key file), listed below;
    ``up``: the page of every unit (a province's build), linked first in the bar."""
    locale = get_locale(lang)
    word = locale.word
    status = assessments.pivot(index="target_id", columns="as_of", values="status")
    status = status.reindex([t for t in catalog.ids if t in status.index])
    years = sorted(status.columns)
    head = "".join(
        f'<th scope="col" class="ward-year"><a href="{escape(links[y])}">{escape(word("as_of", year=y))}</a></th>'
        if y in links
        else f'<th scope="col" class="ward-year">{escape(word("as_of", year=y))}</th>'
        for y in years
    )  # fmt: skip
    # a status resting on an estimate, or set by the analyst, is marked (legend below the table)
    labels = pd.Series(status_labels(assessments, lang), index=assessments.index)
    marks = pd.Series("", index=assessments.index, dtype=object)
    marks[provisional(assessments)] += "†"
    marks[by_analyst(assessments)] += "‡"
    keyed = assessments.assign(label=labels, mark=marks).set_index(["target_id", "as_of"])
    shown = set(marks[marks != ""])

    def cell(tid: str, year: int) -> str:
        if (tid, year) not in keyed.index:
            return "<td>–</td>"
        mark, full = keyed.loc[(tid, year), "mark"], keyed.loc[(tid, year), "label"]
        sup = f'<sup title="{escape(full)}">{mark}</sup>' if mark else ""
        return f"<td>{badge(status.loc[tid, year], lang)}{sup}</td>"

    rows = []
    for group, targets in catalog.grouped():
        ids = [t.id for t in targets if t.id in status.index]
        if group is not None and ids:
            rows.append(
                f'<tr><th scope="rowgroup" colspan="{len(years) + 1}">{escape(group.name(lang))}</th></tr>'
            )
        for tid in ids:
            cells = "".join(cell(tid, y) for y in years)
            rows.append(
                f'<tr><th scope="row" style="font-weight:normal"><b>{escape(tid)}</b>. '
                f"{escape(catalog[tid].name(lang))}</th>{cells}</tr>"
            )
    title = word("index_title")
    failures = ""
    if failed:
        failures = (
            '<p role="alert">'
            + escape(word("failed_years") + ", ".join(map(str, sorted(failed))))
            + "</p>"
        )
    term = f'<p class="ward-term-link"><a href="{escape(term_link)}">{escape(word("term_review"))}</a></p>' if term_link else ""  # fmt: skip
    nav = nav_html(lang, term=catalog.term, here="index", up=up)
    built_list = ""
    if pages_built:
        items = "".join(
            f"<li>{escape(name)}: {escape(vietnam_time(lang, when) if when else '–')}</li>"
            for name, when in pages_built.items()
        )
        built_list = f'<h2>{escape(word("pages_built"))}</h2><ul class="ward-built">{items}</ul>'

    footer = footer_html(
        lang,
        files=sources,
        catalog=catalog.path.name if catalog.path is not None else "–",
        version=__version__,
        at=built_at or vietnam_time(lang),
        notice=catalog.header.notice(lang) or "",
    )
    return keep_units_together(f"""<!DOCTYPE html>
<html lang="{locale.code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — {escape(unit or catalog.unit)}</title>{CSS}{INDEX_CSS}</head>
<body>{nav}<main><h1>{escape(title)}</h1><p class="ward-subtitle">{escape(unit or catalog.unit)}</p>
{banner_html(catalog, lang)}{term}{failures}
<h2>{escape(word("index_matrix"))}</h2>
<table class="ward-table ward-index"><thead><tr><th scope="col">{escape(word("target"))}</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>{_definitions(lang, shown)}
<h2 class="ward-print-break">{escape(word("index_counts"))}</h2>{_counts_table(status, years, lang)}
{built_list}</main>{footer}</body></html>""")
