"""The page of every unit (``reports/index.html``): for each term, every unit's status
counts as of its latest year, a heat map of units × targets, links to each unit's pages; a
unit that ended in a merger names its successor."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd

from .. import __version__
from ..model.units import Registry
from ..present.format import keep_units_together
from ..present.locale import LOCALES, STATUS_CHIPS, get_locale
from ..present.page import built_at as vietnam_time
from ..present.page import file_hashes, footer_html
from ..present.pages import index_name, report_stem
from ..present.tables import CSS, badge, banner_html
from ..present.tables import label as status_label
from ..schema import STATUSES
from .index import INDEX_CSS

#: The mark of each status in a heat map cell (its colour is the chip's): read without colour.
STATUS_MARKS = {
    "achieved": "✓",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "▼",
    "missed": "✗",
    "insufficient_data": "?",
    "not_comparable": "≠",
}

HEAT_CSS = """<style>
table.ward-heat { border-collapse: collapse; margin: 4px 0 10px; }
table.ward-heat th, table.ward-heat td { border: 1px solid #d0d7de; padding: 1px 3px; font-size: 12px; }
table.ward-heat td.ward-cell { text-align: center; min-width: 1.4em; }
table.ward-heat th.ward-col { font-weight: normal; font-size: 11px; text-align: center; }
table.ward-units { table-layout: auto; }
table.ward-units tbody th { min-width: 15em; }
table.ward-units thead .ward-badge { font-size: 11px; white-space: normal; }
.ward-units td, .ward-units th { font-size: 13px; }
.ward-unit-links { font-weight: normal; font-size: 12px; margin-top: 2px; }
.ward-ended { color: #424a53; font-size: 12px; }
ol.ward-columns { columns: 2; font-size: 12px; margin: 2px 0 8px; }
@media print { ol.ward-columns { columns: 3; font-size: 7pt; } }
</style>"""


def _date(lang: str, day) -> str:
    return get_locale(lang).word("date", d=day.day, m=day.month, y=day.year)


def province_index_html(registry: Registry, parts: list, *, lang: str, out) -> str:
    """The page (module notes). ``parts``: each unit's :class:`.province.UnitBuild`, cleaned
    and built; ``out``: the reports' folder (links go to the pages present in it)."""
    from .province import assessments_of

    locale = get_locale(lang)
    word = locale.word
    terms: dict[tuple[int, int], list] = {}
    for part in parts:
        terms.setdefault(part.catalog.term, []).append(part)
    by_code = {p.unit.code: p for p in parts}
    sections = []
    for term, group in sorted(terms.items()):
        rows, heat_rows, columns = [], [], {}
        for part in group:
            year = max(part.own_years or part.years or [term[0]])
            assessed = assessments_of(part, year)
            rows.append(_unit_row(part, assessed, year, lang, out, registry, by_code))
            cells = {}
            for r in assessed.itertuples(index=False):
                target = part.catalog[r.target_id]
                # a column per indicator and kind of target across units; two targets of one
                # unit on the same indicator and kind (5a and 5c share a family, not a kind)
                # each keep their own column, so no cell hides another
                own = f"{part.unit.code}:{target.id}"
                column = f"{target.family}:{target.kind}" if target.family else own
                if column in cells:
                    column = own
                columns.setdefault(column, target.name(lang))
                cells[column] = r.status
            heat_rows.append((part, year, cells))
        sections.append(_section(term, rows, heat_rows, columns, lang, registry))
    notice = next(
        (p.catalog.header.notice(lang) for p in parts if p.catalog.header.notice(lang)), ""
    )
    first = parts[0].catalog if parts else None
    others = "".join(
        f'<li><a href="{escape(index_name(other))}" hreflang="{other}" lang="{other}">'
        f"{escape(LOCALES[other].word('language_name'))}</a></li>"
        for other in LOCALES
        if other != lang
    )
    nav = f'<nav class="ward-nav" aria-label="{escape(word("nav_label"))}"><ul>{others}</ul></nav>'
    title = word("province_title")
    subtitle = registry.province or ""
    catalogs = ", ".join(
        str(p.catalog.path.relative_to(Path(registry.source).parent))
        for p in parts
        if p.catalog.path
    )
    root = Path(registry.source).parent
    files = [  # by their path in the raw folder: every unit's catalog is a catalog.yaml
        (str(path.relative_to(root)), sha)
        for path in [Path(registry.source), *(p.catalog.path for p in parts if p.catalog.path)]
        for _, sha in file_hashes([path])
    ]
    footer = footer_html(lang, files=files, catalog=catalogs or "–", version=__version__,
                         at=vietnam_time(lang), notice=notice or "")  # fmt: skip
    return keep_units_together(f"""<!DOCTYPE html>
<html lang="{locale.code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — {escape(subtitle)}</title>{CSS}{INDEX_CSS}{HEAT_CSS}</head>
<body>{nav}<main><h1>{escape(title)}</h1><p class="ward-subtitle">{escape(subtitle)}</p>
{banner_html(first, lang) if first is not None else ""}
{"".join(sections)}{_legend(lang)}
</main>{footer}</body></html>""")


def _links(part, lang: str, out) -> str:
    word = get_locale(lang).word
    folder = out / part.out.name
    items = [(f"{part.out.name}/{index_name(lang)}", word("nav_index"))]
    for y in part.years:
        name = f"{report_stem(lang, y)}.html"
        if (folder / name).is_file():
            items.append((f"{part.out.name}/{name}", str(y)))
    term = f"{report_stem(lang)}.html"
    if (folder / term).is_file():
        items.append((f"{part.out.name}/{term}", word("term_review")))
    return " · ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in items)


def unit_label(unit, registry: Registry, lang: str) -> str:
    """A unit's name, with "(cũ)" / "(former)" for one that ended while a unit of the same
    name lives on (the old phường Hội Phú beside the new one)."""
    namesakes = [u for u in registry if u.key == unit.key and u.code != unit.code]
    if unit.ended and namesakes:
        return f"{unit.name} {get_locale(lang).word('unit_former')}"
    return unit.name  # (its registry label is in the data's language: "… (cũ)")


def _unit_row(part, assessed: pd.DataFrame, year: int, lang: str, out, registry, by_code) -> str:
    word = get_locale(lang).word
    unit = part.unit
    counts = "".join(
        f'<td class="ward-num">{int((assessed["status"] == code).sum()) or ""}</td>'
        for code in STATUSES
    )
    ended = ""
    if unit.successor:
        succ = registry[unit.successor]
        target = f"#unit-{escape(succ.code)}" if succ.code in by_code else None
        name = escape(succ.name)
        link = f'<a href="{target}">{name}</a>' if target else name
        changed = unit.changed or unit.valid_to + dt.timedelta(days=1)
        merged = escape(word("unit_merged", date=_date(lang, changed)))
        ended = f'<br><span class="ward-ended">{merged} {link}</span>'
    return (
        f'<tr id="unit-{escape(unit.code)}"><th scope="row">'
        f"{escape(unit_label(unit, registry, lang))}{ended}"
        f'<div class="ward-unit-links">{_links(part, lang, out)}</div></th>'
        f'<td class="ward-num">{year}</td>{counts}'
        f'<td class="ward-num"><b>{len(assessed)}</b></td></tr>'
    )


def _section(term, rows, heat_rows, columns: dict[str, str], lang: str, registry) -> str:
    word = get_locale(lang).word
    heads = "".join(f'<th scope="col">{badge(code, lang)}</th>' for code in STATUSES)
    table = (
        '<table class="ward-table ward-units"><thead><tr>'
        f'<th scope="col">{escape(word("unit"))}</th>'
        f'<th scope="col">{escape(word("as_of_short"))}</th>{heads}'
        f'<th scope="col">{escape(word("count_total"))}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    keys = list(columns)
    head = "".join(
        f'<th scope="col" class="ward-col" title="{escape(columns[k])}">{i}</th>'
        for i, k in enumerate(keys, start=1)
    )
    body = []
    for part, year, cells in heat_rows:
        tds = []
        for k in keys:
            status = cells.get(k)
            if status is None:
                tds.append('<td class="ward-cell">–</td>')
                continue
            bg, fg, _ = STATUS_CHIPS[status]
            label = escape(status_label(status, lang))
            tds.append(f'<td class="ward-cell" style="background:{bg};color:{fg}" title="{label}">'
                       f'<span aria-label="{label}">{STATUS_MARKS[status]}</span></td>')  # fmt: skip
        body.append(
            f'<tr><th scope="row">{escape(part.unit.name)} ({year})</th>{"".join(tds)}</tr>'
        )
    legend = "".join(f"<li>{escape(name)}</li>" for name in columns.values())
    heat = (
        f'<table class="ward-heat"><caption>{escape(word("heat_caption"))}</caption>'
        f'<thead><tr><th scope="col">{escape(word("unit"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<ol class="ward-columns">{legend}</ol>'
    )
    first, last = term
    return f"<h2>{escape(word('term_heading', first=first, last=last))}</h2>{table}{heat}"


def _legend(lang: str) -> str:
    word = get_locale(lang).word
    items = "".join(f"<li>{STATUS_MARKS[code]} {badge(code, lang)}</li>" for code in STATUSES)
    return f'<h2>{escape(word("heat_legend"))}</h2><ul class="ward-legend-marks">{items}</ul>'
