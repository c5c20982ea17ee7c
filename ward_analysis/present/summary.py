"""Page one of a year report: how many targets stand in each status, the targets that need
the committee's attention, and what changed since last year, in the report's language.

:func:`summarise` turns two assessments (this year's and last year's) into a
:class:`Summary` of plain texts; :func:`summary_html` lays it out compactly enough to print
on one A4 page under the report's title, and the Word download (:mod:`.documents`) writes
the same texts.

Each target that needs attention gets one short clause with its decisive figure, chosen by
the situation its kind says it is in (:meth:`~ward_analysis.model.kinds.Kind.sentence_cases`,
the same cases as the full sentences) from the locale's ``summary_<kind>_<case>`` words, worded
per direction where that differs (``summary_<kind>_<case>_<direction>``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..model import kinds
from ..model.catalog import Catalog, Target
from ..schema import STATUSES
from .format import (
    band_text,
    change_goal,
    change_phrase,
    percent,
    reference_name,
    relative_goal,
    show,
    show_limit,
    show_target,
)
from .locale import Locale, get_locale
from .sentences import by_analyst, direction, provisional
from .tables import CSS, badge, signed_count

#: The statuses that need attention, most serious first (the order of the attention list).
ATTENTION = ("missed", "off_track", "at_risk")
#: Signs marking a status that rests on an estimate, and one an analyst set; each sign's
#: legend is the locale word beside it.
MARKS = (("†", "index_provisional"), ("‡", "summary_analyst"))


@dataclass(frozen=True)
class Count:
    """How many targets are in one status, and the change on last year (``−2``, ``+1``,
    ``0``; None in the first year assessed)."""

    status: str
    label: str
    now: int
    change: str | None
    #: Of ``now``, how many rest on an estimate (provisional, †).
    provisional: int = 0


@dataclass(frozen=True)
class Attention:
    """A target that needs attention: its status (``mark``: † and/or ‡) and one clause with
    the decisive figure; ``text`` is the whole line."""

    target_id: str
    name: str
    status: str
    label: str
    mark: str
    clause: str
    text: str


@dataclass(frozen=True)
class Change:
    """A target whose status changed since last year (labels with their marks)."""

    target_id: str
    name: str
    before: str
    after: str
    before_label: str
    after_label: str
    text: str
    before_mark: str = ""
    after_mark: str = ""


@dataclass(frozen=True)
class Mark:
    """A sign used in the summary and what it means."""

    sign: str
    text: str


@dataclass(frozen=True)
class Summary:
    """Page one of a year report, every text in the report's language."""

    lang: str
    year: int
    previous_year: int | None
    total: int
    counts: tuple[Count, ...]
    attention: tuple[Attention, ...]
    changes: tuple[Change, ...]
    marks: tuple[Mark, ...]


def summarise(
    assessment: pd.DataFrame,
    previous: pd.DataFrame | None,
    catalog: Catalog,
    *,
    lang: str = "vi",
) -> Summary:
    """The summary of one unit's assessment as of a year (``assess`` output), against the
    previous year's (None in the first year of the term)."""
    locale = get_locale(lang)
    if assessment.empty:
        raise WardAnalysisError("cannot summarise an empty assessment (no target was assessed)")
    units = set(assessment["unit"])
    if len(units) > 1:
        raise WardAnalysisError(
            f"a summary is of one unit; the assessment holds {len(units)}: {', '.join(sorted(units))}"
        )
    year = int(assessment["as_of"].iloc[0])
    marks_now = _marks(assessment)
    marks_before = _marks(previous) if previous is not None else pd.Series(dtype=object)
    shown = "".join(marks_now[assessment["status"].isin(ATTENTION).to_numpy()])
    changes = _changes(assessment, previous, marks_now, marks_before, catalog, locale)
    shown += "".join(c.before_mark + c.after_mark for c in changes)
    return Summary(
        lang=locale.code,
        year=year,
        previous_year=int(previous["as_of"].iloc[0]) if previous is not None else None,
        total=len(assessment),
        counts=_counts(assessment, previous, locale),
        attention=_attention(assessment, marks_now, catalog, locale),
        changes=changes,
        marks=tuple(Mark(sign, locale.word(key)) for sign, key in MARKS if sign in shown),
    )


def _marks(frame: pd.DataFrame) -> pd.Series:
    """† for a status resting on an estimate, ‡ for one an analyst set ("" for neither)."""
    signs = np.full(len(frame), "", dtype=object)
    signs[provisional(frame)] += MARKS[0][0]
    signs[by_analyst(frame)] += MARKS[1][0]
    return pd.Series(signs, index=frame.index, dtype=object)


def _counts(
    assessment: pd.DataFrame, previous: pd.DataFrame | None, locale: Locale
) -> tuple[Count, ...]:
    now = assessment["status"].value_counts().reindex(STATUSES, fill_value=0)
    on_estimates = (
        assessment.loc[provisional(assessment), "status"]
        .value_counts()
        .reindex(STATUSES, fill_value=0)
    )
    if previous is None:
        return tuple(
            Count(s, locale.status(s), int(n), None, int(on_estimates[s]))
            for s, n in now.items()
            if n > 0
        )
    before = previous["status"].value_counts().reindex(STATUSES, fill_value=0)
    return tuple(
        Count(s, locale.status(s), int(now[s]), signed_count(int(now[s] - before[s])),
              int(on_estimates[s]))
        for s in STATUSES
        if now[s] > 0 or before[s] > 0
    )  # fmt: skip


def _attention(
    assessment: pd.DataFrame, marks: pd.Series, catalog: Catalog, locale: Locale
) -> tuple[Attention, ...]:
    order = {tid: i for i, tid in enumerate(catalog.ids)}
    rows = assessment[assessment["status"].isin(ATTENTION)]
    rows = rows.assign(
        _concern=rows["status"].map(ATTENTION.index), _order=rows["target_id"].map(order)
    ).sort_values(["_concern", "_order"], kind="stable")
    out = []
    for index, r in zip(rows.index, rows.itertuples(index=False), strict=True):
        target = catalog[r.target_id].in_force(int(r.as_of))
        label, mark = locale.status(r.status), marks[index]
        clause = clause_text(r, target, locale)
        name = target.name(locale.code)
        text = locale.word("summary_line", id=r.target_id, name=name, status=label + mark,
                           clause=clause)  # fmt: skip
        out.append(Attention(r.target_id, name, r.status, label, mark, clause, text))
    return tuple(out)


def _changes(
    assessment: pd.DataFrame,
    previous: pd.DataFrame | None,
    marks_now: pd.Series,
    marks_before: pd.Series,
    catalog: Catalog,
    locale: Locale,
) -> tuple[Change, ...]:
    """The targets whose status differs from last year's, in catalog order."""
    if previous is None:
        return ()
    now = assessment.assign(sign=marks_now)[["unit", "target_id", "status", "sign"]]
    before = previous.assign(sign=marks_before)[["unit", "target_id", "status", "sign"]]
    merged = now.merge(before, on=["unit", "target_id"], suffixes=("", "_before"))
    changed = merged[merged["status"] != merged["status_before"]]
    order = {tid: i for i, tid in enumerate(catalog.ids)}
    changed = changed.iloc[np.argsort(changed["target_id"].map(order).to_numpy(), kind="stable")]
    out = []
    for r in changed.itertuples(index=False):
        name = catalog[r.target_id].name(locale.code)
        old = locale.status(r.status_before) + r.sign_before
        new = locale.status(r.status) + r.sign
        text = locale.word("summary_change", id=r.target_id, name=name, old=old, new=new)
        out.append(Change(r.target_id, name, r.status_before, r.status, old, new, text,
                          r.sign_before, r.sign))  # fmt: skip
    return tuple(out)


def clause_text(row, target: Target, locale: Locale) -> str:
    """The short clause of one assessed row (a named tuple of ``assess`` output) with its
    decisive figure: ``dự báo năm 2025: 79,6 % (chỉ tiêu 80 %), xác suất đạt 51 %``."""
    kind, case = _case(row, target)
    keys = (f"summary_{kind}_{case}_{direction(target)}", f"summary_{kind}_{case}")
    key = next((k for k in keys if k in locale.words), None)
    if key is None:
        raise WardAnalysisError(
            f"the '{locale.code}' locale has no summary clause for kind '{kind}', case '{case}' "
            f"(add '{keys[1]}' to ward_analysis/present/locale.py)"
        )
    return locale.word(key, **_fields(row, target, locale))


def _case(row, target: Target) -> tuple[str, str]:
    """(kind, case) of a row, as its full sentence picks it: by the model's own status."""
    status = getattr(row, "computed_status", row.status)
    if status == "not_comparable":
        return "any", "not_comparable"
    if row.n_points == 0:
        return "any", "no_data"
    columns = {k: np.array([v], dtype=object) for k, v in row._asdict().items()}
    columns |= {k: np.array([_number(getattr(row, k))]) for k in _YEARS}
    columns["status"] = np.array([status], dtype=object)
    for mask, case in kinds.get(target.kind).sentence_cases(columns, target):
        if mask[0]:
            return target.kind, case
    raise WardAnalysisError(f"kind '{target.kind}' gave no sentence case for target {target.id}")


#: The columns of years, as numbers (NaN for none), as the kinds' sentence cases read them.
_YEARS = ("latest_year", "first_year_used", "other_basis_first", "detail_year")


def _number(value) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)


def _flag(value) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _year(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _fields(row, target: Target, locale: Locale) -> dict[str, str]:
    """Every piece a clause may use, formatted as the report writes it."""
    lang, word = locale.code, locale.word
    latest = _number(row.latest_year)
    first = target.first_year
    if math.isnan(latest):
        span = "–"
    elif latest <= first:
        span = word("span_one", first=first)
    else:
        span = word("span", first=first, last=int(latest))
    probability = _number(row.probability)
    kind = kinds.get(target.kind)
    ways = {}  # the phrases of a change a year and of a level beside another unit's
    if target.direction is not None:
        ways = {"dgoal": change_goal(target, lang),
                "pmove": change_phrase(_number(row.projected_value), target, lang)}  # fmt: skip
    if target.reference is not None:
        ways["rgoal"] = relative_goal(target, lang)
    return {
        **ways,
        "Y": str(kind.verdict_year(target)),
        "band": band_text(target, lang),
        "ref": reference_name(target, lang),
        "T": str(target.target_year),
        "first": str(first),
        "base": str(target.base_year),
        "as_of": str(int(row.as_of)),
        "goal": show_target(target, lang),
        "limit": show_limit(target, lang),
        "ly": _year(row.latest_year),
        "lv": show(_number(row.latest_value), target, lang),
        "pv": show(_number(row.projected_value), target, lang),
        "dy": _year(row.detail_year),
        "dv": show(_number(row.detail_value), target, lang),
        "oy": _year(row.other_basis_first),
        "span": span,
        "p": percent(probability, lang),
        "est": f" ({word('estimate')})"
        if _flag(getattr(row, "latest_estimate", row.uses_estimate))
        else "",
    }


STYLE = """
<style>
.ward-summary-block { line-height: 1.3; }
.ward-summary-block h3 { font-size: 1em; font-weight: 600; color: #1f2328; margin: 0.6em 0 0.15em; }
.ward-summary-counts { border-collapse: collapse; margin: 0; max-width: 100%; }
.ward-summary-counts.ward-summary-counts th, .ward-summary-counts.ward-summary-counts td { border-bottom: 1px solid #d0d7de; padding: 1px 5px;
  text-align: center; font-weight: normal; }
.ward-summary-counts.ward-summary-counts th[scope="row"] { text-align: left; font-weight: 600; white-space: nowrap; }
.ward-summary-counts .ward-badge { white-space: normal; }
.ward-summary-counts td { font-variant-numeric: tabular-nums; }
.ward-summary-total { font-weight: 600; }
.ward-summary-list { margin: 0; padding-left: 1.2em; font-size: 0.95em; line-height: 1.28; }
.ward-summary-list li { margin: 0; break-inside: avoid; }
.ward-summary-list .ward-badge, .ward-summary-counts .ward-badge { font-size: 0.82em; padding: 0 5px; }
.ward-summary-id { font-weight: 600; }
.ward-summary-note { margin: 0.15em 0; }
.ward-summary-marks { font-size: 0.9em; color: #424a53; margin: 0.3em 0 0; }
.ward-summary-marks p { margin: 0; }
</style>
"""


def _list(items: list[str], css_class: str, empty: str) -> str:
    """A list of HTML items (already escaped), or a note when there is none."""
    if not items:
        return f'<p class="ward-summary-note">{escape(empty)}</p>'
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="ward-summary-list {css_class}">{lines}</ul>'


def summary_html(summary: Summary) -> str:
    """The summary as compact HTML: a table of counts with the status chips, the targets that
    need attention and the changes as lists, and the legend of the marks used (every text
    escaped)."""
    locale = get_locale(summary.lang)
    word, lang = locale.word, summary.lang
    parts = [STYLE, CSS, f'<div class="ward-summary-block" lang="{escape(lang)}">']
    parts.append(f"<h3>{escape(word('summary_counts'))}</h3>{_counts_html(summary, locale)}")
    parts.append(f"<h3>{escape(word('summary_attention'))} ({len(summary.attention)})</h3>")
    attention = [
        f"{badge(a.status, lang)}{_mark_html(a.mark, summary)} "
        f'<span class="ward-summary-id">{escape(a.target_id)}</span>. '
        f"{escape(a.name)}: {escape(a.clause)}"
        for a in summary.attention
    ]
    parts.append(_list(attention, "ward-summary-attention", word("summary_no_attention")))
    if summary.previous_year is None:
        parts.append(f'<p class="ward-summary-note">{escape(word("first"))}</p>')
    else:
        heading = word("summary_changes", year=summary.previous_year)
        parts.append(f"<h3>{escape(heading)} ({len(summary.changes)})</h3>")
        changes = [
            f'<span class="ward-summary-id">{escape(c.target_id)}</span>. '
            f"{escape(c.name)}: {escape(locale.status(c.before))}"
            f"{_mark_html(c.before_mark, summary)} → {escape(locale.status(c.after))}"
            f"{_mark_html(c.after_mark, summary)}"
            for c in summary.changes
        ]
        parts.append(_list(changes, "ward-summary-changes", word("no_change")))
    if summary.marks:
        legend = "".join(f"<p>{escape(m.text)}</p>" for m in summary.marks)
        parts.append(f'<div class="ward-summary-marks">{legend}</div>')
    parts.append("</div>")
    return "".join(parts)


def _mark_html(mark: str, summary: Summary) -> str:
    """The marks of a status, each with its legend as a tooltip."""
    legends = {m.sign: m.text for m in summary.marks}
    return "".join(
        f'<span class="ward-summary-mark" title="{escape(legends.get(sign, ""))}">{escape(sign)}</span>'
        for sign in mark
    )


def _counts_html(summary: Summary, locale: Locale) -> str:
    """Counts per status as a small table: a column per status (its chip as the heading),
    a row of counts and, after the first year, a row of changes; the total last."""
    word = locale.word
    head = "".join(f'<th scope="col">{badge(c.status, summary.lang)}</th>' for c in summary.counts)
    total = escape(word("summary_total"))
    rows = [
        f'<tr><th scope="row">{escape(word("count"))}</th>'
        + "".join(f"<td>{c.now}</td>" for c in summary.counts)
        + f'<td class="ward-summary-total">{summary.total}</td></tr>'
    ]
    if any(c.provisional for c in summary.counts):
        rows.append(
            f'<tr><th scope="row">{escape(word("summary_of_which_provisional"))}</th>'
            + "".join(f"<td>{c.provisional or ''}</td>" for c in summary.counts)
            + f"<td>{sum(c.provisional for c in summary.counts)}</td></tr>"
        )
    if summary.previous_year is not None:
        rows.append(
            f'<tr><th scope="row">{escape(word("summary_change_on", year=summary.previous_year))}</th>'
            + "".join(f"<td>{escape(c.change or '')}</td>" for c in summary.counts)
            + "<td></td></tr>"
        )
    return (
        f'<table class="ward-summary-counts"><thead><tr><th scope="col">{escape(word("status"))}</th>'
        f'{head}<th scope="col">{total}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
