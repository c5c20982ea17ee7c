"""The pieces of a per-year report, as frames or escaped HTML for display.

Everything that comes from the data (target names, notes, file names) is
HTML-escaped here, so a note containing markup shows as text.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from .assessment import STATUS_LABELS, STATUSES
from .catalog import Catalog
from .charts import STATUS_COLOURS
from .explain import show
from .numbers import format_number

_T = {
    "vi": {
        "status": "Tình trạng", "count": "Số chỉ tiêu", "change": "So với năm trước",
        "target": "Chỉ tiêu", "figure": "Số liệu mới nhất", "projection": "Dự báo {T} (khoảng 80 %)",
        "probability": "Xác suất đạt", "explanation": "Giải thích", "plan": "Kế hoạch", "result": "Thực hiện",
        "previous": "Năm trước", "delta": "Tăng/giảm", "vs_plan": "So với kế hoạch",
        "estimate": "ước", "no_change": "Không có chỉ tiêu nào đổi tình trạng.",
        "changed": "{name}: {old} → {new}", "first": "Năm đầu tiên được đánh giá.",
    },
    "en": {
        "status": "Status", "count": "Targets", "change": "Change on last year",
        "target": "Target", "figure": "Latest figure", "projection": "Projected {T} (80% range)",
        "probability": "Probability met", "explanation": "Explanation", "plan": "Plan", "result": "Result",
        "previous": "Previous year", "delta": "Change", "vs_plan": "Against plan",
        "estimate": "est.", "no_change": "No target changed status.",
        "changed": "{name}: {old} → {new}", "first": "First year assessed.",
    },
}  # fmt: skip

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
    return STATUS_LABELS[status][0 if lang == "vi" else 1]


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
    t = _T[lang]
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
    t = _T[lang]
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
            name=catalog[r.target_id].name_vi if lang == "vi" else catalog[r.target_id].name_en,
            old=label(r.status_before, lang),
            new=label(r.status, lang),
        )
        for r in changed.itertuples()
    ]
    return lines or [t["no_change"]]


def status_table_html(assessment: pd.DataFrame, catalog: Catalog, *, lang: str = "vi") -> str:
    """The status of every sub-target as an HTML table with traffic-light badges (all text escaped)."""
    t = _T[lang]
    target_year = max(tg.target_year for tg in catalog)
    head = [
        t["target"],
        t["status"],
        t["figure"],
        t["projection"].format(T=target_year),
        t["probability"],
        t["explanation"],
    ]
    rows = []
    for r in assessment.itertuples(index=False):
        tg = catalog[r.target_id]
        name = tg.name_vi if lang == "vi" else tg.name_en
        figure = (
            "–" if pd.isna(r.latest_year) else f"{show(r.latest_value, tg, lang)} ({r.latest_year})"
        )
        projection = "–"
        if pd.notna(r.projected_value):
            projection = f"{show(r.projected_value, tg, lang)} ({show(r.projected_low, tg, lang)} – {show(r.projected_high, tg, lang)})"
        p = (
            "–"
            if pd.isna(r.probability)
            else f"{format_number(100 * r.probability, 0, lang=lang)}{' %' if lang == 'vi' else '%'}"
        )
        explanation = r.explanation_vi if lang == "vi" else r.explanation_en
        cells = [f"<b>{escape(r.target_id)}</b>. {escape(name)}", badge(r.status, lang), escape(figure),
                 escape(projection), escape(p), escape(explanation)]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"
    return f'{CSS}<table class="ward-table"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'


def year_table(
    observations: pd.DataFrame, catalog: Catalog, unit: str, year: int, *, lang: str = "vi"
) -> pd.DataFrame:
    """The year itself: plan, result (actual or estimate) and the change on the previous year."""
    t = _T[lang]
    obs = observations[
        (observations["unit"] == unit)
        & observations["year"].isin([year - 1, year])
        & observations["value"].notna()
    ]
    # one figure per (target, year, plan/result): an actual wins over an estimate
    picked = {}
    for r in obs.sort_values("value_kind").itertuples(
        index=False
    ):  # "actual" < "estimate" < "plan"
        if r.target_id not in catalog:
            continue
        tg = catalog[r.target_id]
        if tg.basis is not None and isinstance(r.basis, str) and r.basis != tg.basis:
            continue
        slot = (r.target_id, r.year, "plan" if r.value_kind == "plan" else "result")
        picked.setdefault(slot, (float(r.value), r.value_kind))
    nan = (float("nan"), None)
    out = []
    for tg in catalog:
        plan, _ = picked.get((tg.id, year, "plan"), nan)
        result, kind = picked.get((tg.id, year, "result"), nan)
        before, _ = picked.get((tg.id, year - 1, "result"), nan)
        numeric = tg.measure not in ("boolean", "rating")
        out.append({
            t["target"]: f"{tg.id}. {tg.name_vi if lang == 'vi' else tg.name_en}",
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
    vi = lang == "vi"
    notes = []
    notice = catalog.meta.get("data_notice")
    if notice:
        notes.append(notice)
    obs = observations[(observations["unit"] == unit) & (observations["year"] <= year)]
    estimates = obs[(obs["value_kind"] == "estimate") & obs["value"].notna()]
    if len(estimates):
        years = ", ".join(map(str, sorted(estimates["year"].unique())))
        notes.append(f"Số liệu năm {years} là số ước thực hiện, chưa phải số chính thức." if vi
                     else f"Figures for {years} are estimates, not final results.")  # fmt: skip
    for tg in catalog:
        if tg.basis is None:
            continue
        other = obs[(obs["target_id"] == tg.id) & obs["basis"].notna() & (obs["basis"] != tg.basis)]
        if len(other):
            first = int(other["year"].min())
            notes.append(f"Chỉ tiêu {tg.id}: từ năm {first} số liệu tính theo chuẩn {other['basis'].iloc[0]}, khác chuẩn của chỉ tiêu ({tg.basis}); không so sánh được."
                         if vi else f"Target {tg.id}: from {first} the figures use the {other['basis'].iloc[0]} standard, not the target's ({tg.basis}); not comparable.")  # fmt: skip
    missing = obs[obs["value"].isna() & obs["value_kind"].isin(["actual", "estimate"])]
    for r in missing.itertuples():
        notes.append(f"Chỉ tiêu {r.target_id}, năm {r.year}: không có số liệu — {r.note}." if vi
                     else f"Target {r.target_id}, {r.year}: no figure — {r.note}.")  # fmt: skip
    if rejects is not None and len(rejects):
        mine = rejects[rejects["year"].fillna(0).astype(int) <= year]
        for r in mine.itertuples():
            notes.append(f"Loại bỏ: {r.file}, dòng {r.row}, cột '{r.column}' ('{r.raw_text}'): {r.reason}." if vi
                         else f"Rejected: {r.file}, row {r.row}, column '{r.column}' ('{r.raw_text}'): {r.reason}.")  # fmt: skip
    for tg in catalog:
        if tg.reading:
            notes.append(
                f"Cách hiểu chỉ tiêu {tg.id}: {tg.reading}"
                if vi
                else f"Reading of target {tg.id}: {tg.reading}"
            )
    return notes


def notes_html(notes: list[str]) -> str:
    """A bulleted list (HTML, every note escaped)."""
    return "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"


def banner_html(catalog: Catalog) -> str:
    """The catalog's data notice (e.g. that the figures are illustrative) as a banner, or nothing."""
    notice = catalog.meta.get("data_notice")
    return f'{CSS}<div class="ward-banner">{escape(notice)}</div>' if notice else ""
