"""The index page of a build: the status of every target by as-of year, linking to each report."""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

import pandas as pd

from ..model.catalog import Catalog
from ..present.locale import COLOURS, get_locale
from ..present.sentences import by_analyst, provisional, status_labels
from ..present.tables import CSS, badge, banner_html, status_matrix


def data_files(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, short sha256) of each file the reports were built from."""
    return [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()[:12]) for p in paths if p.is_file()]


def index_html(assessments: pd.DataFrame, links: dict[int, str], term_link: str | None,
               catalog: Catalog, *, lang: str, built_at: str, sources: list[tuple[str, str]],
               failed: set[int], unit: str | None = None) -> str:  # fmt: skip
    """The index page: status of every target by as-of year, linking to each year's report."""
    locale = get_locale(lang)
    word = locale.word
    matrix = status_matrix(assessments, lang=lang).droplevel("unit")
    status = assessments.pivot(index="target_id", columns="as_of", values="status")
    years = list(matrix.columns)
    head = "".join(
        f'<th><a href="{escape(links[y])}">{y}</a></th>' if y in links else f"<th>{y}</th>"
        for y in years
    )
    # a status resting on an estimate, or set by the analyst, is marked (legend below the table)
    labels = pd.Series(status_labels(assessments, lang), index=assessments.index)
    marks = pd.Series("", index=assessments.index, dtype=object)
    marks[provisional(assessments)] += "†"
    marks[by_analyst(assessments)] += "‡"
    keyed = assessments.assign(label=labels, mark=marks).set_index(["target_id", "as_of"])
    shown = set(marks[marks != ""])

    def cell(tid: str, year: int) -> str:
        mark, full = keyed.loc[(tid, year), "mark"], keyed.loc[(tid, year), "label"]
        sup = f'<sup title="{escape(full)}">{mark}</sup>' if mark else ""
        return f"<td>{badge(status.loc[tid, year], lang)}{sup}</td>"

    rows = []
    for tid in matrix.index:
        cells = "".join(cell(tid, y) for y in years)
        rows.append(
            f"<tr><td><b>{escape(tid)}</b>. {escape(catalog[tid].name(lang))}</td>{cells}</tr>"
        )
    title = word("index_title")
    banner = banner_html(catalog)
    term = (
        f'<p><a href="{escape(term_link)}">{escape(word("term_review"))}</a></p>'
        if term_link
        else ""
    )
    failures = ""
    if failed:
        failures = (
            "<p>" + escape(word("failed_years") + ", ".join(map(str, sorted(failed)))) + "</p>"
        )
    legend = "".join(
        f"<p>{escape(word(key))}</p>"
        for key, sign in (("index_provisional", "†"), ("index_analyst", "‡"))
        if any(sign in m for m in shown)
    )
    source_list = "".join(f"<li>{escape(n)} <code>{escape(h)}</code></li>" for n, h in sources)
    built = escape(word("built", at=built_at))
    return f"""<!DOCTYPE html>
<html lang="{locale.code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>{CSS}
<style>body {{ font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif; margin: 24px; }}
th a {{ color: {COLOURS["figure"]}; }}</style></head>
<body><h1>{escape(title)}</h1><h3>{escape(unit or catalog.unit)}</h3>{banner}{term}{failures}
<table class="ward-table"><thead><tr><th>{escape(word("target"))}</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>{legend}
<p>{built}</p><ul>{source_list}</ul></body></html>"""
