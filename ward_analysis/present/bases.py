"""Figures on several bases and restated targets, in the report's language.

A target set on one basis (item 5's poverty standard) may see its figures reported on
another, and may be restated on it during the term (``restated`` in the catalog). The model
assesses the target in force (:meth:`~ward_analysis.model.catalog.Target.in_force`); this
module says so: the restatement in a sentence, and the latest figure on another basis where
it is later than the figures the target can be compared with.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.catalog import Catalog, Target
from ..model.figures import year_figures
from .format import show, show_target
from .locale import Locale, get_locale


def goal_on_basis(target: Target, lang: str | Locale) -> str:
    """The threshold and, for a target with a basis, that basis: "dưới 1,5 % theo chuẩn nghèo
    đa chiều giai đoạn 2021–2025"."""
    locale = get_locale(lang)
    goal = show_target(target, locale.code)
    if target.basis is None:
        return goal
    return locale.word("goal_on_basis", goal=goal, basis=locale.basis(target.basis))


def restated_sentence(target: Target, as_of: int, lang: str | Locale) -> str:
    """What restated the target by ``as_of``: from when, by which decision, the target in
    force and the original ("" when no restatement is in force)."""
    locale = get_locale(lang)
    r = target.restatement(as_of)
    if r is None:
        return ""
    return locale.word(
        "restated",
        year=r.from_year,
        source=r.source,
        goal=goal_on_basis(target.in_force(as_of), locale),
        original=goal_on_basis(target, locale),
    )


def restated_sentences(frame: pd.DataFrame, catalog: Catalog, lang: str | Locale) -> np.ndarray:
    """:func:`restated_sentence` for each row of an assessment frame."""
    out = np.full(len(frame), "", dtype=object)
    restated = [t.id for t in catalog if t.restated]
    if not restated:
        return out
    groups = frame.reset_index(drop=True).groupby(["target_id", "as_of"], sort=False).indices
    for (tid, as_of), idx in groups.items():
        if tid in restated:
            out[idx] = restated_sentence(catalog[tid], int(as_of), lang)
    return out


def other_basis_latest(
    frame: pd.DataFrame, catalog: Catalog, observations: pd.DataFrame
) -> pd.DataFrame:
    """For each row of an assessment frame, the latest figure (``year``, ``value``,
    ``basis``) on a basis other than the target in force's, up to the row's as-of year,
    where it is later than the row's latest figure; NaN / None elsewhere."""
    out = pd.DataFrame(
        {"year": np.nan, "value": np.nan, "basis": None}, index=range(len(frame))
    ).astype({"basis": object})
    with_basis = [t for t in catalog if t.basis is not None]
    if not with_basis or not len(frame):
        return out
    figures = year_figures(observations, with_basis, all_bases=True)
    figures = figures[figures["basis"].notna()]
    groups = figures.groupby(["unit", "target_id"], sort=False)
    keys = set(groups.groups)
    for i, r in enumerate(frame[["unit", "target_id", "as_of", "latest_year"]].itertuples()):
        if (r.unit, r.target_id) not in keys:
            continue
        basis = catalog[r.target_id].in_force(int(r.as_of)).basis
        mine = groups.get_group((r.unit, r.target_id))
        mine = mine[(mine["year"] <= r.as_of) & (mine["basis"] != basis)]
        if mine.empty:
            continue
        last = mine.sort_values("year", kind="stable").iloc[-1]
        if pd.notna(r.latest_year) and last["year"] <= r.latest_year:
            continue
        out.iloc[i] = [float(last["year"]), float(last["value"]), last["basis"]]
    return out


def other_basis_texts(
    frame: pd.DataFrame, catalog: Catalog, observations: pd.DataFrame, lang: str | Locale
) -> np.ndarray:
    """For each row whose latest figure is on another basis than the target in force's, that
    figure in words ("số liệu mới nhất theo chuẩn nghèo đa chiều giai đoạn 2021–2025: 1,4 %
    (2025)"); "" elsewhere."""
    locale = get_locale(lang)
    latest = other_basis_latest(frame, catalog, observations)
    out = np.full(len(frame), "", dtype=object)
    for i, (tid, r) in enumerate(zip(frame["target_id"], latest.itertuples(), strict=True)):
        if r.basis is None:
            continue
        figure = show(r.value, catalog[tid], locale.code, raw=True)
        out[i] = locale.word(
            "other_latest", basis=locale.basis(r.basis), figure=figure, year=int(r.year)
        )
    return out
