"""The tables of a report, as frames or escaped HTML for display, in the report's language.

Everything that comes from the data (target names, notes, file names) is
HTML-escaped here, so a note containing markup shows as text.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..model.catalog import Catalog
from ..model.figures import comparable, year_figures
from ..schema import LEVEL_MEASURES, RESULT_KINDS, STATUSES
from .format import format_number, show
from .locale import STATUS_COLOURS, get_locale
from .sentences import explanations

CSS = """
<style>
.ward-table { border-collapse: collapse; font-size: 13px; width: 100%; }
.ward-table th, .ward-table td { border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
.ward-table th { background: #f6f8fa; }
.ward-badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 600; white-space: nowrap; }
.ward-banner { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; margin: 8px 0; font-weight: 600; }
.ward-num { text-align: right; white-space: nowrap; }
</style>
"""


def table_html(frame: pd.DataFrame) -> str:
    """A plain HTML table of a frame (every cell escaped), in the report's table style."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'{CSS}<table class="ward-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def label(status: str, lang: str) -> str:
    """The status in the report's language."""
    return get_locale(lang).status(status)


def badge(status: str, lang: str) -> str:
    """A coloured status label (HTML)."""
    return f'<span class="ward-badge" style="background:{STATUS_COLOURS[status]}">{escape(label(status, lang))}</span>'


def headline(
    current: pd.DataFrame, previous: pd.DataFrame | None, *, lang: str = "vi"
) -> pd.DataFrame:
    """How many targets are in each status now, and the change on the previous year's analysis."""
    now = current["status"].value_counts().reindex(STATUSES, fill_value=0)
    before = (
        previous["status"].value_counts().reindex(STATUSES, fill_value=0)
        if previous is not None
        else None
    )
    t = get_locale(lang).words
    frame = pd.DataFrame(
        {t["status"]: [label(s, lang) for s in STATUSES], t["count"]: now.to_numpy()}
    )
    if before is not None:
        frame[t["change"]] = [f"{d:+d}" if d else "0" for d in (now - before).to_numpy()]
    return frame[
        frame[t["count"]].gt(0) | (frame.get(t["change"], pd.Series("0", index=frame.index)) != "0")
    ]


def status_changes(
    current: pd.DataFrame, previous: pd.DataFrame | None, catalog: Catalog, *, lang: str = "vi"
) -> list[str]:
    """Plain lines naming each target whose status changed since the previous year."""
    t = get_locale(lang).words
    if previous is None:
        return [t["first"]]
    merged = current.merge(
        previous[["unit", "target_id", "status"]],
        on=["unit", "target_id"],
        suffixes=("", "_before"),
    )
    changed = merged[merged["status"] != merged["status_before"]]
    lines = [
        t["changed"].format(
            name=catalog[r.target_id].name(lang),
            old=label(r.status_before, lang),
            new=label(r.status, lang),
        )
        for r in changed.itertuples()
    ]
    return lines or [t["no_change"]]


def status_table_html(assessment: pd.DataFrame, catalog: Catalog, *, lang: str = "vi") -> str:
    """The status of every sub-target as an HTML table with traffic-light badges (all text escaped)."""
    locale = get_locale(lang)
    t = locale.words
    head = [
        t["target"],
        t["status"],
        t["figure"],
        locale.word("projection", T=catalog.term[1]),
        t["probability"],
        t["explanation"],
    ]
    sentences = explanations(assessment, catalog, lang) if len(assessment) else []
    rows = []
    for r, explanation in zip(assessment.itertuples(index=False), sentences, strict=True):
        tg = catalog[r.target_id]
        name = tg.name(lang)
        figure = (
            "–" if pd.isna(r.latest_year) else f"{show(r.latest_value, tg, lang)} ({r.latest_year})"
        )
        projection = "–"
        if pd.notna(r.projected_value):
            projection = f"{show(r.projected_value, tg, lang)} ({show(r.projected_low, tg, lang)} – {show(r.projected_high, tg, lang)})"
        p = (
            "–"
            if pd.isna(r.probability)
            else locale.with_unit(format_number(100 * r.probability, 0, lang=lang), "%")
        )
        cells = [f"<b>{escape(r.target_id)}</b>. {escape(name)}", badge(r.status, lang), escape(figure),
                 escape(projection), escape(p), escape(explanation)]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"
    return f'{CSS}<table class="ward-table"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'


def status_matrix(assessments: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Wide table for display: a row per (unit, target), a column per as-of year, status labels.

    ``assessments`` stacks the output of ``assess`` for several years.
    """
    labels = get_locale(lang).statuses
    order = list(dict.fromkeys(assessments["target_id"]))
    return (
        assessments.assign(label=assessments["status"].map(labels))
        .pivot(index=["unit", "target_id"], columns="as_of", values="label")
        .reindex(order, level="target_id")
        .rename_axis(columns=None)
    )


def year_table(
    observations: pd.DataFrame, catalog: Catalog, unit: str, year: int, *, lang: str = "vi"
) -> pd.DataFrame:
    """The year itself: plan, result (actual or estimate) and the change on the previous year."""
    t = get_locale(lang).words
    figures = year_figures(observations, catalog, unit=unit, first=year - 1, last=year, plans=True)
    picked = {
        (r.target_id, r.year, "plan" if r.value_kind == "plan" else "result"): (float(r.value), r.value_kind)
        for r in figures.itertuples(index=False)
    }  # fmt: skip
    nan = (float("nan"), None)
    out = []
    for tg in catalog:
        plan, _ = picked.get((tg.id, year, "plan"), nan)
        result, kind = picked.get((tg.id, year, "result"), nan)
        before, _ = picked.get((tg.id, year - 1, "result"), nan)
        numeric = tg.measure not in LEVEL_MEASURES
        out.append({
            t["target"]: f"{tg.id}. {tg.name(lang)}",
            t["plan"]: show(plan, tg, lang, raw=True) if plan == plan else "–",
            t["result"]: (show(result, tg, lang, raw=True) + (f" ({t['estimate']})" if kind == "estimate" else "")) if result == result else "–",
            t["vs_plan"]: _signed(result - plan, tg, lang) if numeric else "–",
            t["previous"]: show(before, tg, lang, raw=True) if before == before else "–",
            t["delta"]: _signed(result - before, tg, lang) if numeric else "–",
        })  # fmt: skip
    return pd.DataFrame(out)


def _signed(value: float, target, lang: str) -> str:
    if value != value:
        return "–"
    text = show(abs(value), target, lang, raw=True)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def data_notes(
    catalog: Catalog,
    observations: pd.DataFrame,
    rejects: pd.DataFrame | None,
    unit: str,
    year: int,
    *,
    lang: str = "vi",
) -> list[str]:
    """Plain-text notes on the data behind a year's report (rejects, estimates, basis breaks, readings)."""
    word = get_locale(lang).word
    notes = []
    notice = catalog.header.data_notice
    if notice:
        notes.append(notice)
    obs = observations[(observations["unit"] == unit) & (observations["year"] <= year)]
    used = year_figures(obs, catalog)
    estimates = used[used["value_kind"] == "estimate"]
    if len(estimates):
        years = ", ".join(map(str, sorted(estimates["year"].unique())))
        notes.append(word("note_estimates", years=years))
    for tg in catalog:
        if tg.basis is None:
            continue
        mine = obs[obs["target_id"] == tg.id]
        other = mine[~comparable(mine["basis"], tg.basis)]
        if len(other):
            notes.append(word("note_basis", id=tg.id, first=int(other["year"].min()),
                              other=other["basis"].iloc[0], basis=tg.basis))  # fmt: skip
    if "flag" in obs:  # what reading assumed about this year's figures
        flagged = obs[obs["flag"].notna() & (obs["year"] == year) & obs["value"].notna()]
        for r in flagged.drop_duplicates(["target_id", "flag"]).itertuples():
            notes.append(word("note_flag", id=r.target_id, year=r.year, flag=r.flag))
    missing = obs[obs["value"].isna() & obs["value_kind"].isin(RESULT_KINDS)]
    for r in missing.itertuples():
        notes.append(word("note_missing", id=r.target_id, year=r.year, note=r.note))
    if rejects is not None and len(rejects):
        mine = rejects[rejects["year"].fillna(0).astype(int) <= year]
        for r in mine.itertuples():
            notes.append(word("note_rejected", file=r.file, row=r.row, column=r.column,
                              raw=r.raw_text, reason=r.reason))  # fmt: skip
    for tg in catalog:
        if tg.reading:
            notes.append(word("note_reading", id=tg.id, reading=tg.reading))
    return notes


def notes_html(notes: list[str]) -> str:
    """A bulleted list (HTML, every note escaped)."""
    return "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"


def banner_html(catalog: Catalog) -> str:
    """The catalog's data notice (e.g. that the figures are illustrative) as a banner, or nothing."""
    notice = catalog.header.data_notice
    return f'{CSS}<div class="ward-banner">{escape(notice)}</div>' if notice else ""
