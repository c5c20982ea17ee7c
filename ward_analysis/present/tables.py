"""The tables of a report, as frames or escaped HTML for display, in the report's language.

Everything that comes from the data (target names, notes, file names) is
HTML-escaped here, so a note containing markup shows as text.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..model.catalog import Catalog
from ..model.figures import year_figures
from ..schema import LEVEL_MEASURES
from .bases import other_basis_texts
from .format import decimals_for, show, show_compared, show_projection
from .locale import STATUS_CHIPS, get_locale
from .sentences import analyst_notes, explanations, provisional, status_labels

#: The tables' styles. Each rule doubles the table's class so that it wins over JupyterLab's
#: own table style (which right-aligns every cell of an HTML output).
CSS = """
<style>
table.ward-table { border-collapse: collapse; font-size: 13px; width: 100%; margin: 4px 0 8px; }
table.ward-table.ward-table th, table.ward-table.ward-table td { border-bottom: 1px solid #d0d7de;
  padding: 3px 6px; text-align: left; vertical-align: top; }
table.ward-table th { background: #f6f8fa; font-weight: 600; }
table.ward-table.ward-table td.ward-num, table.ward-table.ward-table th.ward-num { text-align: right;
  white-space: nowrap; }
table.ward-table caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.ward-status, table.ward-year-table { table-layout: fixed; }
table.ward-status:not(.ward-compact) th:nth-child(1) { width: 20%; }
table.ward-status:not(.ward-compact) th:nth-child(2) { width: 13%; }
table.ward-status:not(.ward-compact) th:nth-child(3),
table.ward-status:not(.ward-compact) th:nth-child(4) { width: 10%; }
table.ward-status:not(.ward-compact) th:nth-child(5) { width: 7%; }
table.ward-status.ward-compact th:nth-child(1) { width: 27%; }
table.ward-status.ward-compact th:nth-child(2) { width: 14%; }
table.ward-year-table th:nth-child(1) { width: 34%; }
table.ward-table td { overflow-wrap: anywhere; }
.ward-badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-weight: 600;
  white-space: nowrap; border: 1px solid; font-size: 12px; }
.ward-banner { background: #fff8c5; border: 1px solid #9a6700; color: #3b2300; padding: 6px 10px;
  margin: 6px 0; font-weight: 600; }
.ward-analyst { font-size: 12px; color: #424a53; margin-top: 2px; }
@media print { table.ward-table { font-size: 8.5pt; } .ward-badge { font-size: 8pt; } }
</style>
"""


#: The columns of :func:`status_rows`.
ROW_COLUMNS = ("group", "target_id", "name", "status", "status_label", "figure", "projection",
               "probability", "explanation")  # fmt: skip


def table_html(frame: pd.DataFrame, css_class: str = "") -> str:
    """A plain HTML table of a frame (every cell escaped), in the report's table style."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'{CSS}<table class="ward-table {css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def signed_count(d: int) -> str:
    """A change in a count with a real minus sign: ``+2``, ``−3``, ``0``."""
    return f"+{d}" if d > 0 else f"−{-d}" if d < 0 else "0"


def label(status: str, lang: str) -> str:
    """The status in the report's language."""
    return get_locale(lang).status(status)


def badge(status: str, lang: str) -> str:
    """A status chip (HTML): its colours from :data:`STATUS_CHIPS` (each pair ≥ 4.5:1)."""
    background, text, border = STATUS_CHIPS[status]
    style = f"background:{background};color:{text};border-color:{border}"
    return f'<span class="ward-badge" style="{style}">{escape(label(status, lang))}</span>'


def status_rows(
    assessment: pd.DataFrame,
    catalog: Catalog,
    *,
    lang: str = "vi",
    observations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The texts of the status table, one row per sub-target (:data:`ROW_COLUMNS`): its
    group in the resolution, id, name, status code and label (marked where it rests on an
    estimate or an analyst set it), latest figure (and the latest on another basis, with
    ``observations``), the end-of-term figure or projection, the probability and the
    explanation, as :func:`status_table_html` shows them."""
    locale = get_locale(lang)
    group_of = {
        t.id: g.name(lang) if g is not None else ""
        for g, targets in catalog.grouped()
        for t in targets
    }
    sentences = explanations(assessment, catalog, lang) if len(assessment) else []
    others = (
        other_basis_texts(assessment, catalog, observations, locale)
        if observations is not None
        else [""] * len(assessment)
    )
    rows = []
    for r, label, explanation, other in zip(
        assessment.itertuples(index=False), status_labels(assessment, locale), sentences, others,
        strict=True,
    ):  # fmt: skip
        tg = catalog[r.target_id]
        figure = (
            "–"
            if pd.isna(r.latest_year)
            else f"{show_compared(r.latest_value, tg, lang)} ({r.latest_year})"
        )
        if other:  # the latest figures are on another basis: shown, named by it
            figure = other if figure == "–" else f"{figure}; {other}"
        p = "–" if pd.isna(r.probability) else locale.percent(float(r.probability))
        rows.append((group_of.get(r.target_id, ""), r.target_id, tg.name(lang), r.status, label,
                     figure, _projection(r, tg, lang), p, explanation))  # fmt: skip
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def status_table_html(
    assessment: pd.DataFrame,
    catalog: Catalog,
    *,
    lang: str = "vi",
    observations: pd.DataFrame | None = None,
    compact: bool = False,
) -> str:
    """The status of every sub-target as an HTML table with traffic-light badges (all text escaped).

    ``compact``: the target, its status and the explanation only (the explanation already
    says the figure, the projection and the probability): the year reports' print layout.

    With ``observations``, a target whose latest figures are on another basis than the
    target in force's (not comparable) shows them too, named by their basis."""
    locale = get_locale(lang)
    t = locale.words
    head = [t["target"], t["status"], t["figure"], locale.word("projection", T=catalog.term[1]),
            t["probability"], t["explanation"]]  # fmt: skip
    texts = status_rows(assessment, catalog, lang=lang, observations=observations)
    notes = analyst_notes(assessment, lang)
    marks, provisional_mark = provisional(assessment), locale.word("provisional_mark").strip()
    rows = []
    for r, note, mark in zip(texts.itertuples(index=False), notes, marks, strict=True):
        status = badge(r.status, lang)
        if note:  # set by the analyst: say so, with the model's status
            status += f'<div class="ward-analyst">({escape(note)})</div>'
        if mark:  # a final status resting on an estimate
            status += f'<div class="ward-analyst">{escape(provisional_mark)}</div>'
        cells = [f"<b>{escape(r.target_id)}</b>. {escape(r.name)}", status, escape(r.figure),
                 escape(r.projection), escape(r.probability), escape(r.explanation)]  # fmt: skip
        if compact:
            cells = [cells[0], cells[1], cells[5]]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if compact:
        head = [head[0], head[1], head[5]]
    header = "<tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in head) + "</tr>"
    kind = "ward-status ward-compact" if compact else "ward-status"
    return f'{CSS}<table class="ward-table {kind}"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'


def _flag(value) -> bool:
    return not pd.isna(value) and bool(value)


def _projection(r, target, lang: str) -> str:
    """The end-of-term cell: the target year's own figure once it is in (no fitted value or
    interval beside it; marked where it is an estimate), else the projection and its
    interval (the value alone where both ends of the interval show alike); "–" where one
    figure gives no trend to project."""
    computed = getattr(r, "computed_status", r.status)
    has_final_year = pd.notna(r.latest_year) and int(r.latest_year) >= target.target_year
    if computed != "not_comparable" and has_final_year and pd.notna(r.latest_value):
        estimate = getattr(r, "latest_estimate", r.uses_estimate)
        mark = f" ({get_locale(lang).word('estimate')})" if _flag(estimate) else ""
        return show_compared(r.latest_value, target, lang) + mark
    if pd.isna(r.projected_value) or getattr(r, "method", None) == "one_point":
        return "–"  # one figure gives no trend: its "projection" is the pace the target needs
    return show_projection(r.projected_value, r.projected_low, r.projected_high, target, lang)


def status_matrix(assessments: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Wide table for display: a row per (unit, target), a column per as-of year, status labels
    (a status an analyst set marked so, with the model's beside it).

    ``assessments`` stacks the output of ``assess`` for several years.
    """
    order = list(dict.fromkeys(assessments["target_id"]))
    return (
        assessments.assign(label=status_labels(assessments, lang))
        .pivot(index=["unit", "target_id"], columns="as_of", values="label")
        .reindex(order, level="target_id")
        .rename_axis(columns=None)
    )


def year_table(
    observations: pd.DataFrame, catalog: Catalog, unit: str, year: int, *, lang: str = "vi"
) -> pd.DataFrame:
    """The year itself: plan, result (actual or estimate) and the change on the previous year,
    on the basis of the target in force; where the year has no result on it but one on
    another basis, on that basis (named beside the result). A target that reads another's
    figures (``figures_from``: a yearly fall of the rate 5a) has no row: its figures are that
    target's row, and its levels under its own name would read as the fall."""
    locale = get_locale(lang)
    t = locale.words
    targets = [tg.in_force(year) for tg in catalog if not tg.figures_from]
    figures = year_figures(observations, targets, unit=unit, first=year - 1, last=year, plans=True)
    picked = _picked(figures)
    others = _other_basis_figures(observations, targets, unit, year)
    nan = (float("nan"), None)
    out = []
    for tg in targets:
        got, on_basis = picked, ""
        if (tg.id, year, "result") not in picked and tg.id in others:
            basis, got = others[tg.id]
            on_basis = f" ({locale.basis(basis)})"
        plan, _ = got.get((tg.id, year, "plan"), nan)
        result, kind = got.get((tg.id, year, "result"), nan)
        before, _ = got.get((tg.id, year - 1, "result"), nan)
        numeric = tg.measure not in LEVEL_MEASURES
        out.append({
            t["target"]: f"{tg.id}. {tg.name(lang)}",
            t["plan"]: show(plan, tg, lang, raw=True) if plan == plan else "–",
            t["result"]: (show(result, tg, lang, raw=True) + (f" ({t['estimate']})" if kind == "estimate" else "") + on_basis) if result == result else "–",
            t["vs_plan"]: _signed(result - plan, tg, lang) if numeric else "–",
            t["previous"]: show(before, tg, lang, raw=True) if before == before else "–",
            t["delta"]: _signed(result - before, tg, lang) if numeric else "–",
        })  # fmt: skip
    return pd.DataFrame(out)


def _picked(figures: pd.DataFrame) -> dict:
    """(target, year, "plan" or "result") → (value, value kind) of year figures."""
    return {
        (r.target_id, r.year, "plan" if r.value_kind == "plan" else "result"): (float(r.value), r.value_kind)
        for r in figures.itertuples(index=False)
    }  # fmt: skip


def _other_basis_figures(observations: pd.DataFrame, targets, unit: str, year: int) -> dict:
    """target id → (basis, its figures as :func:`_picked` gives them) for each target with a
    result in ``year`` on another basis than the target's."""
    with_basis = {tg.id: tg.basis for tg in targets if tg.basis is not None}
    if not with_basis:
        return {}
    figures = year_figures(observations, [tg for tg in targets if tg.id in with_basis], unit=unit,
                           first=year - 1, last=year, plans=True, all_bases=True)  # fmt: skip
    figures = figures[
        figures["basis"].notna() & (figures["basis"] != figures["target_id"].map(with_basis))
    ]
    results = figures[(figures["year"] == year) & (figures["value_kind"] != "plan")]
    out = {}
    for tid, basis in results.drop_duplicates("target_id", keep="last")[["target_id", "basis"]].itertuples(index=False):  # fmt: skip
        mine = figures[(figures["target_id"] == tid) & (figures["basis"] == basis)]
        out[tid] = (basis, _picked(mine))
    return out


def _signed(value: float, target, lang: str) -> str:
    """A difference with a real minus sign; between two shares, in percentage points."""
    if value != value:
        return "–"
    if target.unit_of_measure == "%":
        locale = get_locale(lang)
        text = locale.word("points", n=locale.number(abs(value), decimals_for(target) or 1))
    else:
        text = show(abs(value), target, lang, raw=True)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def banner_html(catalog: Catalog, lang: str = "vi") -> str:
    """The catalog's data notice in ``lang`` (e.g. that the figures are illustrative) as a
    banner, or nothing."""
    notice = catalog.header.notice(lang)
    return f'{CSS}<div class="ward-banner">{escape(notice)}</div>' if notice else ""
