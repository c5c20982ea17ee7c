"""The data notes of a report: what the reader must know about the figures behind it
(illustrative data, estimates, basis breaks and restatements, readings, gaps, rejected cells),
in the report's language."""

from __future__ import annotations

from html import escape

import pandas as pd

from ..model.catalog import Catalog
from ..model.figures import comparable, year_figures
from ..schema import RESULT_KINDS
from .locale import get_locale


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
    locale = get_locale(lang)
    word = locale.word
    notes = []
    notice = catalog.header.data_notice
    if notice:
        notes.append(notice)
    obs = observations[(observations["unit"] == unit) & (observations["year"] <= year)]
    used = year_figures(obs, [tg.in_force(year) for tg in catalog])
    estimates = used[used["value_kind"] == "estimate"]
    if len(estimates):
        years = ", ".join(map(str, sorted(estimates["year"].unique())))
        notes.append(word("note_estimates", years=years))
    for original in catalog:
        if original.basis is None:
            continue
        tg, r = original.in_force(year), original.restatement(year)
        if r is not None:
            notes.append(word("note_restated", id=tg.id, year=r.from_year, source=r.source,
                              reason=r.reason.rstrip(" .")))  # fmt: skip
        mine = obs[obs["target_id"] == tg.id]
        other = mine[~comparable(mine["basis"], tg.basis)]
        if not len(other):
            continue
        own_years = mine.loc[comparable(mine["basis"], tg.basis) & mine["value"].notna(), "year"]
        if len(own_years) and other["year"].max() < own_years.min():  # before a restatement
            years = ", ".join(map(str, sorted(other["year"].unique())))
            notes.append(word("note_basis_before", id=tg.id, years=years,
                              other=locale.basis(other["basis"].iloc[0]), basis=locale.basis(tg.basis)))  # fmt: skip
        else:
            notes.append(word("note_basis", id=tg.id, first=int(other["year"].min()),
                              other=locale.basis(other["basis"].iloc[0]), basis=locale.basis(tg.basis)))  # fmt: skip
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
