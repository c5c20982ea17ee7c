"""The data notes of a report: what the reader must know about the figures behind it
(estimates, restatements and basis breaks, what reading assumed, gaps, rejected cells,
readings), in the report's language.

Every word comes from the locale: a gap, an assumption or a rejected cell is said from its
code (``schema.FLAG_CODES``, ``schema.REJECT_CODES``), never from reading's English detail
(that stays in ``observations.csv`` and ``rejects.csv`` for analysts). Quoted in “…” are the
ward's own texts: a cell, a column, a clerk's note, a resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby
from typing import NamedTuple

import pandas as pd

from ..model import kinds
from ..model.catalog import Catalog, Target
from ..model.figures import comparable, year_figures
from ..model.rollup import parse_detail
from ..schema import NO_FIGURE_FLAGS, RESULT_KINDS, split_flags
from .format import band_text, own_decimals, points, show
from .locale import Locale, get_locale

#: The longest quote of a rejected cell or row (a whole row's text is cut).
QUOTE_LENGTH = 60


class Note(NamedTuple):
    """One data note: its kind (:data:`NOTE_KINDS`), the kind's heading and the note, both in
    the report's language."""

    kind: str
    heading: str
    text: str


@dataclass(frozen=True)
class _Data:
    """What the notes of one report rest on."""

    catalog: Catalog
    obs: pd.DataFrame  # the unit's observations up to the year
    rejects: pd.DataFrame | None
    year: int
    locale: Locale

    def word(self, key: str, **fields: object) -> str:
        return self.locale.word(key, **fields)

    def subject(self, target_id: object, year: object = None) -> str:
        """Whom a note is about: the target (id and name) and the year, as far as known."""
        has_year = year is not None and not pd.isna(year)
        if isinstance(target_id, str) and target_id in self.catalog:
            name = self.catalog[target_id].name(self.locale.code)
            if has_year:
                return self.word("notes_target_year", id=target_id, name=name, year=int(year))
            return self.word("notes_target", id=target_id, name=name)
        return self.word("notes_year", year=int(year)) if has_year else ""

    def flag(self, code: str | None, detail: str, year: int, basis: object) -> str:
        """A flag's phrase; a flag typed without a code is its own text."""
        if code is None:
            return detail
        basis = self.locale.basis(basis) if isinstance(basis, str) else ""
        fields = FLAG_DETAILS.get(code, _plain_detail)(detail, self.locale)
        return self.locale.flags[code].format(year=year, basis=basis, **fields)


def _plain_detail(detail: str, locale: Locale) -> dict[str, str]:
    return {"detail": detail}


def _rolled_up_detail(detail: str, locale: Locale) -> dict[str, str]:
    """A rolled-up figure's parts, in the page's language: the rule and each predecessor's
    figure (with its weight for a weighted share)."""
    rule, weight, parts = parse_detail(detail)
    word = locale.word
    shown = []
    for name, value, w in parts:
        if rule == "all":
            figure = word("rollup_met") if value >= 0.5 else word("rollup_not_met")
        elif isinstance(value, str):
            figure = value
        else:
            figure = _figure(locale, value)
        if w is not None:
            figure += " " + word("rollup_weight_of", weight=word(f"weight_{weight}"),
                                 n=_figure(locale, w))  # fmt: skip
        shown.append(f"{name} {figure}")
    method = word(f"rollup_rule_{rule}", weight=word(f"weight_{weight}") if weight else "")
    return {"method": method, "parts": "; ".join(shown), "detail": detail}


def _figure(locale: Locale, value: float) -> str:
    """A figure with the decimals it has (up to two)."""
    decimals = next((d for d in (0, 1, 2) if abs(round(value, d) - value) < 1e-9), 2)
    return locale.number(value, decimals)


def _weight_missing_detail(detail: str, locale: Locale) -> dict[str, str]:
    weight, _, units = detail.partition("|")
    name = locale.word(f"weight_{weight}") if weight else locale.word("weight_none")
    return {"weight": name, "units": units, "detail": detail}


#: How a flag's detail is put into its phrase, for the flags whose detail is structured
#: (the others' detail goes in as it is).
FLAG_DETAILS: dict[str, Callable[[str, Locale], dict[str, str]]] = {
    "rolled_up": _rolled_up_detail,
    "rollup_weight_missing": _weight_missing_detail,
}


def _estimates(d: _Data) -> list[str]:
    used = year_figures(d.obs, [tg.in_force(d.year) for tg in d.catalog])
    estimates = used[used["value_kind"] == "estimate"]
    if not len(estimates):
        return []
    years = ", ".join(map(str, sorted(estimates["year"].unique())))
    return [d.word("note_estimates", years=years)]


def _restated(d: _Data) -> list[str]:
    out = []
    for original in d.catalog:
        r = original.restatement(d.year)
        if r is not None:
            subject, reason = d.subject(original.id), r.reason.rstrip(" .")
            out.append(
                d.word(
                    "notes_restated",
                    subject=subject,
                    year=r.from_year,
                    source=r.source,
                    reason=reason,
                )
            )
    return out


def _basis(d: _Data) -> list[str]:
    out = []
    for original in d.catalog:
        if original.basis is None:
            continue
        tg = original.in_force(d.year)
        mine = d.obs[d.obs["target_id"] == tg.id]
        own = comparable(mine["basis"], tg.basis)
        other = mine[~own]
        if not len(other):
            continue
        said = {
            "subject": d.subject(tg.id),
            "basis": d.locale.basis(tg.basis),
            "other": d.locale.basis(other["basis"].iloc[0]),
        }
        own_years = mine.loc[own & mine["value"].notna(), "year"]
        if len(own_years) and other["year"].max() < own_years.min():  # before a restatement
            years = ", ".join(map(str, sorted(other["year"].unique())))
            out.append(d.word("notes_basis_before", years=years, **said))
        else:
            out.append(d.word("notes_basis", first=int(other["year"].min()), **said))
    return out


def _assumed(d: _Data) -> list[str]:
    """What reading assumed about this year's figures (a basis not stated, a dash read as 0…)."""
    if "flag" not in d.obs:
        return []
    out = []
    read = d.obs[d.obs["flag"].notna() & (d.obs["year"] == d.year) & d.obs["value"].notna()]
    for r in read.itertuples():
        for code, detail in split_flags(r.flag):
            if code == "rolled_up":  # said, for every year, with the merger (_rolled_up)
                continue
            flag = d.flag(code, detail, r.year, getattr(r, "basis", None))
            text = d.word("notes_flag", subject=d.subject(r.target_id, r.year), flag=flag)
            if text not in out:
                out.append(text)
    return out


def _rolled_up(d: _Data) -> list[str]:
    """A merged unit's figures computed from its predecessors' (its base year): how, one
    line per target."""
    if "flag" not in d.obs:
        return []
    out = []
    rows = d.obs[d.obs["flag"].notna() & d.obs["value"].notna()]
    for r in rows.itertuples():
        for code, detail in split_flags(r.flag):
            if code == "rolled_up":
                flag = d.flag(code, detail, r.year, getattr(r, "basis", None))
                out.append(d.word("notes_flag", subject=d.subject(r.target_id, r.year), flag=flag))
    return out


def _missing(d: _Data) -> list[str]:
    """Results with no figure: why (the table's blank, dash…), and the clerk's note."""
    out = []
    missing = d.obs[d.obs["value"].isna() & d.obs["value_kind"].isin(RESULT_KINDS)]
    for r in missing.itertuples():
        flags = split_flags(getattr(r, "flag", None))
        basis = getattr(r, "basis", None)
        why = [d.flag(c, t, r.year, basis) for c, t in flags if c in NO_FIGURE_FLAGS or c is None]
        note = getattr(r, "note", None)
        reason = d.word("notes_reason", reason="; ".join(why)) if why else ""
        said = d.word("notes_note", note=note) if isinstance(note, str) and note else ""
        subject = d.subject(r.target_id, r.year)
        out.append(d.word("notes_missing", subject=subject, reason=reason, note=said))
    return out


def _quote(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _rejected(d: _Data) -> list[str]:
    """Cells and rows not used, up to the year: where, what, and why in the locale's words."""
    if d.rejects is None or not len(d.rejects):
        return []
    mine = d.rejects[d.rejects["year"].fillna(0).astype(int) <= d.year]
    out = []
    for r in mine.itertuples():
        reason = d.locale.reject_reasons.get(r.reason_code) or d.word("notes_reject_other")
        where = {"file": _quote(r.file), "row": r.row, "column": _quote(r.column)}
        subject = d.subject(r.target_id, r.year) or where["file"]
        out.append(
            d.word(
                "notes_rejected", subject=subject, raw=_quote(r.raw_text), reason=reason, **where
            )
        )
    return out


def _tolerance(t: Target, figures: dict[str, float], locale: Locale) -> dict[str, str]:
    """An approximate level's default tolerance (points of a share) and the band it gives."""
    lang, tol = locale.code, figures["tolerance"]
    shown = (
        points(tol, lang)
        if t.measure == "share"
        else show(tol, t, lang, decimals=own_decimals(tol))
    )
    return {"tolerance": shown, "band": band_text(t, lang), "T": str(t.target_year)}


#: How the figures of what a kind assumed (``Kind.assumptions``: its code, then its figures)
#: are put into the words ``assumed_<code>``.
ASSUMED: dict[str, Callable[[Target, dict[str, float], Locale], dict[str, str]]] = {
    "tolerance": _tolerance,
}


def _readings(d: _Data) -> list[str]:
    """How the catalog reads the resolution, in this language (a reading only in another
    language is not shown), then what each target's kind assumed where the catalog is
    silent (a default tolerance: said in every language)."""
    lang = d.locale.code
    own = []
    for tg in d.catalog:
        if tg.reading_in(lang):
            own.append(
                d.word("notes_reading", subject=d.subject(tg.id), reading=tg.reading_in(lang))
            )
        t = tg.in_force(d.year)
        for code, figures in kinds.get(t.kind).assumptions(t):
            said = d.word(f"assumed_{code}", **ASSUMED[code](t, figures, d.locale))
            own.append(d.word("notes_reading", subject=d.subject(tg.id), reading=said))
    return [*d.catalog.header.readings_in(lang), *own]


#: The kinds of notes, in the order a report lists them, and what finds each.
NOTE_KINDS: dict[str, Callable[[_Data], list[str]]] = {
    "estimates": _estimates,
    "restated": _restated,
    "basis": _basis,
    "rolled_up": _rolled_up,
    "assumed": _assumed,
    "missing": _missing,
    "rejected": _rejected,
    "readings": _readings,
}


def data_notes(
    catalog: Catalog,
    observations: pd.DataFrame,
    rejects: pd.DataFrame | None,
    unit: str,
    year: int,
    *,
    lang: str = "vi",
) -> list[Note]:
    """The notes on the data behind ``unit``'s report for ``year``, kind by kind
    (:data:`NOTE_KINDS`), one line each, in ``lang``. The catalog's data notice is not one of
    them: every page shows it in its banner."""
    locale = get_locale(lang)
    obs = observations[(observations["unit"] == unit) & (observations["year"] <= year)]
    data = _Data(catalog, obs, rejects, year, locale)
    return [
        Note(kind, locale.word(f"notes_kind_{kind}"), text)
        for kind, find in NOTE_KINDS.items()
        for text in find(data)
    ]


def notes_html(notes: Sequence[Note | str]) -> str:
    """Notes as HTML, every text escaped: the notes of each kind as a list under the kind's
    heading (``h3``); plain texts as one bulleted list."""

    def heading(note: Note | str) -> str:
        return note.heading if isinstance(note, Note) else ""

    parts = []
    for head, group in groupby(notes, key=heading):
        items = "".join(f"<li>{escape(n.text if isinstance(n, Note) else n)}</li>" for n in group)
        title = f'<h3 class="ward-notes-kind">{escape(head)}</h3>' if head else ""
        parts.append(f'{title}<ul class="ward-notes">{items}</ul>')
    return "".join(parts) or '<ul class="ward-notes"></ul>'
