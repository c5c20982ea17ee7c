"""What an analyst explores in JupyterLab (``notebooks/explore.ipynb``), not a report.

:func:`load_tables` gives the tidy tables (cleaning the yearly tables first when they are
missing); :func:`explore_chart` one interactive chart of every target, picked from a
dropdown, with the figures of the unit a target compares with beside its own
(:func:`reference_frame`, as the year report draws them); :func:`pace_table` the pace still
required (:func:`ward_analysis.model.pace.pace`) in words; :func:`compare_status` two
assessments side by side (the catalog before and after a change); :func:`styled_table` any
frame as JupyterLab should show it (text left-aligned).
Every word comes from the locale; charts are returned, never shown or saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import config
from ..model import kinds
from ..model.catalog import Catalog, Target
from ..model.figures import year_figures
from ..model.pace import pace
from ..schema import ASSESS_COLUMNS, LEVEL_MEASURES, REJECT_COLUMNS, RESULT_KINDS, VALUE_KINDS
from .format import (
    compared_unit,
    decimals_for,
    format_number,
    goal_text,
    percent,
    reference_name,
    show,
    show_target,
)
from .locale import COLOURS, Locale, get_locale
from .sentences import status_labels

if TYPE_CHECKING:
    import altair as alt
    from pandas.io.formats.style import Styler

#: The colour and the point shape of each kind of figure on the chart.
KIND_MARKS = {
    "actual": (COLOURS["figure"], "circle"),
    "estimate": ("#8250df", "diamond"),
    "plan": (COLOURS["neutral"], "square"),
}
#: The locale's word for each kind of figure.
KIND_WORDS = {"actual": "actual", "estimate": "estimate_figure", "plan": "plan"}
#: The columns of :func:`explore_frame`.
FRAME_COLUMNS = ["unit", "target_id", "target", "year", "value", "value_label", "value_kind",
                 "kind", "result", "source", "basis"]  # fmt: skip
#: The columns of :func:`reference_frame`.
REFERENCE_COLUMNS = ["target_id", "target", "reference", "year", "value", "value_label",
                     "value_kind", "kind", "source"]  # fmt: skip


@dataclass(frozen=True)
class Tables:
    """The tidy tables of one folder: ``observations`` (tidy, checked against the catalog),
    ``rejects`` (cells that could not be read), ``assessment`` (written by ``ward-analysis
    assess``; empty where there is none), the ``folder`` and whether they were ``cleaned``
    just now because they were missing."""

    observations: pd.DataFrame
    rejects: pd.DataFrame
    assessment: pd.DataFrame
    folder: Path
    cleaned: bool

    @property
    def latest_year(self) -> int | None:
        """The latest year with a result (an actual or an estimate), or None."""
        obs = self.observations
        years = obs.loc[obs["value_kind"].isin(RESULT_KINDS) & obs["value"].notna(), "year"]
        return int(years.max()) if len(years) else None

    def shapes(self) -> pd.DataFrame:
        """Each table's file, whether it was found, and its rows and columns."""
        frames = {"observations": self.observations, "rejects": self.rejects,
                  "assessment": self.assessment}  # fmt: skip
        return pd.DataFrame(
            [
                {
                    "table": name,
                    "file": str(self.folder / f"{name}.csv"),
                    "found": (self.folder / f"{name}.csv").exists(),
                    "rows": len(frame),
                    "columns": frame.shape[1],
                }
                for name, frame in frames.items()
            ]
        )


def load_tables(
    processed_dir: str | Path | None = None,
    *,
    raw_dir: str | Path | None = None,
    catalog: Catalog | None = None,
) -> Tables:
    """The tidy tables in ``processed_dir`` (default ``data/processed/``). When its
    ``observations.csv`` is missing, the yearly tables in ``raw_dir`` (default ``data/raw/``)
    are cleaned into it first (:func:`ward_analysis.read.cleaning.clean`)."""
    from ..read.catalog import load_catalog
    from ..read.cleaning import clean
    from ..read.observations import load_observations

    catalog = catalog if catalog is not None else load_catalog()
    folder = Path(processed_dir) if processed_dir is not None else config.PROCESSED_DIR
    observations_path = folder / config.OBSERVATIONS_PATH.name
    cleaned = not observations_path.exists()
    if cleaned:
        clean(raw_dir, folder, catalog)
    rejects_path = folder / config.REJECTS_PATH.name
    assessment_path = folder / "assessment.csv"
    return Tables(
        observations=load_observations(observations_path, catalog=catalog),
        rejects=(
            pd.read_csv(rejects_path, dtype={"target_id": str})
            if rejects_path.exists()
            else pd.DataFrame(columns=REJECT_COLUMNS)
        ),
        assessment=(
            pd.read_csv(assessment_path, dtype={"target_id": str})
            if assessment_path.exists()
            else pd.DataFrame(columns=ASSESS_COLUMNS)
        ),
        folder=folder,
        cleaned=cleaned,
    )


def target_label(target: Target, lang: str) -> str:
    """A target as the dropdown and the tables name it: ``4. Health-insurance coverage``."""
    return f"{target.id}. {target.name(lang)}"


def _source(source: object, locale: Locale) -> str:
    """``bieu_chi_tieu_2023.csv:8`` as ``bieu_chi_tieu_2023.csv, row 8``."""
    if not isinstance(source, str):
        return ""
    file, _, row = source.rpartition(":")
    return locale.word("source_row", file=file, row=row) if file and row.isdigit() else source


def explore_frame(
    catalog: Catalog, observations: pd.DataFrame, *, lang: str = "vi", as_of: int | None = None
) -> pd.DataFrame:
    """The figures :func:`explore_chart` draws, one row per figure: ``unit``, ``target_id``,
    ``target`` (its label), ``year``, ``value`` (as drawn), ``value_label`` (the figure in
    words and the report's number format, with its basis where the target has one),
    ``value_kind`` and its word ``kind``, ``result`` (an actual or estimate, not a plan),
    ``source`` (file and row) and ``basis`` (its code, "" for none).

    Every actual, estimate and plan up to ``as_of`` (default: all), on every basis. A total
    over the term is drawn as its running total from the first counted year, one result per
    year, and a year's plan as the total before it plus the plan. The units the catalog's
    targets compare with are not among them (as ``assess`` does not assess them): their
    figures are :func:`reference_frame`'s."""
    locale = get_locale(lang)
    obs = observations[observations["value"].notna() & observations["value_kind"].isin(VALUE_KINDS)]
    obs = obs[~obs["unit"].isin(list(catalog.reference_units()))]
    if as_of is not None:
        obs = obs[obs["year"] <= as_of]
    parts = []
    for t in catalog:
        own = obs[obs["target_id"] == t.id]
        if own.empty:
            continue
        if kinds.get(t.kind).running_total:
            own = _running_totals(t, own, locale)
        else:
            own = own.assign(value_label=_labels(t, own, locale))
        parts.append(own.assign(target=target_label(t, lang)))
    if not parts:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    return frame.assign(
        year=frame["year"].astype("int64"),
        kind=frame["value_kind"].map(lambda k: locale.word(KIND_WORDS[k])),
        result=frame["value_kind"].isin(RESULT_KINDS),
        source=[_source(s, locale) for s in frame["source"].to_numpy(dtype=object)],
        basis=frame["basis"].fillna("").astype(str) if "basis" in frame else "",
    )[FRAME_COLUMNS]


def reference_frame(
    catalog: Catalog, observations: pd.DataFrame, *, lang: str = "vi", as_of: int | None = None
) -> pd.DataFrame:
    """The figures of the unit each target compares with (a ``relative`` target's reference:
    ``reference``, its name), as the year report's chart draws them beside the unit's own: one
    result a year up to ``as_of`` (default: all), labelled with the target compared
    (``target``) and, in ``kind``, whose figure it is ("Số liệu của tỉnh Gia Lai"); with
    ``value_label`` and ``source`` as :func:`explore_frame`'s."""
    locale = get_locale(lang)
    parts = []
    for t in catalog:
        ref = kinds.get(t.kind).reference(t)
        if ref is None:
            continue
        unit, target_id = ref
        theirs = t.model_copy(update={"id": target_id})
        rows = year_figures(observations, [theirs], unit=unit, last=as_of)
        if rows.empty:
            continue
        name = reference_name(t, lang)
        parts.append(rows.assign(target_id=t.id, target=target_label(t, lang), reference=name,
                                 value_label=_labels(t, rows, locale),
                                 kind=locale.word("chart_reference", ref=name)))  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=REFERENCE_COLUMNS)
    frame = pd.concat(parts, ignore_index=True).sort_values(["target_id", "year"], kind="stable")
    return frame.assign(
        year=frame["year"].astype("int64"),
        source=[_source(s, locale) for s in frame["source"].to_numpy(dtype=object)],
    )[REFERENCE_COLUMNS].reset_index(drop=True)


def _labels(t: Target, own: pd.DataFrame, locale: Locale) -> list[str]:
    """Each figure in words, and the basis it is on where the target has one (item 5's
    poverty standards): ``3,1 % (chuẩn nghèo đa chiều giai đoạn 2021–2025)``."""
    basis = own["basis"] if "basis" in own else pd.Series(None, index=own.index)
    return [
        show(v, t, locale.code, raw=True)
        + (f" ({locale.basis(b)})" if t.basis is not None and isinstance(b, str) and b else "")
        for v, b in zip(own["value"].to_numpy(), basis.to_numpy(dtype=object), strict=True)
    ]


def _running_totals(t: Target, own: pd.DataFrame, locale: Locale) -> pd.DataFrame:
    """A total over the term, per unit: each year's result added up from the first counted
    year (one result a year), and each plan on top of the total of the years before it."""
    lang, kind = locale.code, kinds.get(t.kind)
    parts = []
    for _, rows in own.groupby("unit", sort=False):
        results = year_figures(rows, [t]).sort_values("year", kind="stable")
        results = kind.chart_series(t, results.assign(figure=results["value"]))
        plans = rows[(rows["value_kind"] == "plan") & (rows["year"] >= t.first_year)]
        before = [
            float(results.loc[results["year"] < y, "value"].iloc[-1])
            if (results["year"] < y).any()
            else 0.0
            for y in plans["year"]
        ]
        plans = plans.assign(figure=plans["value"], value=plans["value"].to_numpy() + before)
        drawn = pd.concat([results, plans], ignore_index=True)
        labels = [
            locale.word(
                "explore_total",
                total=show(total, t, lang, raw=True),
                figure=show(figure, t, lang, raw=True),
                year=year,
            )
            for total, figure, year in drawn[["value", "figure", "year"]].itertuples(index=False)
        ]
        parts.append(drawn.drop(columns="figure").assign(value_label=labels))
    return pd.concat(parts, ignore_index=True)


def _goals(catalog: Catalog, observations: pd.DataFrame, lang: str, as_of: int | None):
    """The target of each (unit, target) as a line on the chart: the figure the tables must
    show (:func:`ward_analysis.model.pace.pace`'s ``goal_level``) and the target in words."""
    locale = get_locale(lang)
    table = pace(catalog, observations, as_of).dropna(subset=["goal_level"])
    rows = []
    for r in table.itertuples(index=False):
        t = catalog[r.target_id].in_force(r.as_of)
        goal = show_target(t, lang)
        if compared_unit(t) != t.unit_of_measure:  # an average growth: the level it means
            level = show(r.goal_level, t, lang, raw=True)
            goal = locale.word("explore_goal_level", goal=goal, level=level, T=t.target_year)
        rows.append({"unit": r.unit, "target": target_label(t, lang), "value": r.goal_level,
                     "goal_label": goal})  # fmt: skip
    return pd.DataFrame(rows, columns=["unit", "target", "value", "goal_label"])


def explore_chart(
    catalog: Catalog,
    observations: pd.DataFrame,
    *,
    lang: str = "vi",
    as_of: int | None = None,
    target_id: str | None = None,
    width: int = 560,
    height: int = 300,
) -> alt.LayerChart:
    """One chart of every target of ``catalog``, the target picked from a dropdown (and the
    unit from a second one when the figures are of several units).

    The figures over the years (:func:`explore_frame`), actuals, estimates and plans marked
    apart, results joined by a line; the target as a dashed line (its level in the target
    year for an average growth); for a target compared with another unit, that unit's
    figures (:func:`reference_frame`) as a line in their own colour, named in the legend; a
    tooltip on each figure with its year, value, kind and source. ``target_id``: the target
    shown first (default the catalog's first)."""
    import altair as alt

    locale = get_locale(lang)
    w = locale.word
    data = explore_frame(catalog, observations, lang=lang, as_of=as_of)
    compared = reference_frame(catalog, observations, lang=lang, as_of=as_of)
    goals = _goals(catalog, observations, lang, as_of)
    labels = [target_label(t, lang) for t in catalog]
    first = target_label(catalog[target_id], lang) if target_id is not None else labels[0]
    pick = alt.param(
        name="target_pick",
        value=first,
        bind=alt.binding_select(options=labels, name=f"{w('target')}: "),
    )
    keep = alt.datum.target == pick
    params = [pick]
    units = list(dict.fromkeys([*data["unit"], *goals["unit"]])) or [catalog.unit]
    if len(units) > 1:
        unit_pick = alt.param(
            name="unit_pick",
            value=units[0],
            bind=alt.binding_select(options=units, name=f"{w('unit')}: "),
        )
        keep &= alt.datum.unit == unit_pick
        params.append(unit_pick)
    every_year = [*data["year"].tolist(), *compared["year"].tolist()]
    last = max([catalog.term[1], *every_year])
    years = list(range(min([catalog.term[0], *every_year]), last + 1))
    x = alt.X("year:O", title=w("year"), scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0))
    # yes/no and rated targets: their levels' names on the axis, whole steps only
    levels = json.dumps(
        {target_label(t, lang): [show(i, t, lang) for i in range(_n_levels(t))]
         for t in catalog if t.measure in LEVEL_MEASURES},
        ensure_ascii=False,
    )  # fmt: skip
    named = f"isArray({levels}[target_pick])"
    axis = alt.Axis(
        labelExpr=f"{named} ? ({levels}[target_pick][datum.value] || '') : datum.label",
        tickCount={"expr": f"{named} ? max(1, span(domain('y'))) : ceil(height / 40)"},
    )
    y = alt.Y("value:Q", title=w("value"), scale=alt.Scale(zero=False), axis=axis)
    titles = json.dumps(
        {target_label(t, lang): _title(t, locale) for t in catalog}, ensure_ascii=False
    )
    # each kind of figure, then each unit compared with, in its colour (one legend for both)
    others = list(dict.fromkeys(compared["kind"]))
    words = [w(KIND_WORDS[k]) for k in KIND_MARKS] + others
    colours = [c for c, _ in KIND_MARKS.values()] + [COLOURS["reference"]] * len(others)
    shapes = [s for _, s in KIND_MARKS.values()] + ["circle"] * len(others)
    colour = alt.Color("kind:N", title=w("kind"), scale=alt.Scale(domain=words, range=colours))
    shape = alt.Shape("kind:N", title=w("kind"), scale=alt.Scale(domain=words, range=shapes))
    tooltip = [
        alt.Tooltip("year:O", title=w("year")),
        alt.Tooltip("value_label:N", title=w("value")),
        alt.Tooltip("kind:N", title=w("kind")),
        alt.Tooltip("source:N", title=w("source")),
    ]
    figures = alt.Chart(data).transform_filter(keep)
    line = (
        figures.transform_filter(alt.datum.result)
        .mark_line(color=COLOURS["figure"])
        .encode(x=x, y=y, detail="basis:N")  # figures on two standards are not joined
    )
    points = figures.mark_point(filled=True, size=80, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip
    )
    rule = (
        alt.Chart(goals)
        .transform_filter(keep)
        .mark_rule(strokeDash=[6, 4], color=COLOURS["target"], strokeWidth=1.5)
        .encode(y=y, tooltip=[alt.Tooltip("goal_label:N", title=w("target"))])
    )
    layers = [rule, line, points]
    if not compared.empty:  # the unit compared with, beside every unit's figures
        gap = compared.groupby("target_id", sort=False)["year"].diff().fillna(1).gt(1)
        theirs = alt.Chart(compared.assign(segment=gap.cumsum())).transform_filter(
            alt.datum.target == pick
        )
        layers += [  # the line breaks where a year has no figure, as on the report's chart
            theirs.mark_line(color=COLOURS["reference"], strokeWidth=1.5).encode(
                x=x, y=y, detail="segment:N"
            ),
            theirs.mark_point(filled=True, size=60, opacity=1).encode(
                x=x, y=y, color=colour, shape=shape, tooltip=tooltip
            ),
        ]
    embed = {
        "actions": False,
        **({"formatLocale": locale.vega_format} if locale.vega_format else {}),
    }
    return (
        alt.layer(*layers)
        .add_params(*params)
        .properties(
            width=width,
            height=height,
            title={"text": {"expr": f"{titles}[target_pick]"}},
            usermeta={"embedOptions": embed},
        )
    )


def _n_levels(t: Target) -> int:
    """How many levels a yes/no (2) or rated target has."""
    return len(t.rating_scale) if t.rating_scale else 2


def _title(t: Target, locale: Locale) -> str:
    """The chart's title for a target: its label, and what its figures are (a running
    total, the unit) in brackets."""
    what = [locale.word("total")] if kinds.get(t.kind).running_total else []
    what += [u for u in [locale.unit(t.unit_of_measure)] if u]
    label = target_label(t, locale.code)
    return f"{label} ({', '.join(what)})" if what else label


def _required_text(r, t: Target, locale: Locale) -> str:
    """What the target still needs each year left, in words (by the row's rule)."""
    if pd.isna(r.required) and r.rule in _NUMBER_RULES:
        return "–"
    return _RULE_TEXT[r.rule](r, t, locale)


def _level_change(r, t: Target, locale: Locale) -> str:
    size = abs(float(r.required))
    if t.unit_of_measure.startswith("%"):
        number = format_number(size, decimals_for(t) or 1, lang=locale.code)
        value = locale.word("pace_points", number=number)
    else:
        value = show(size, t, locale.code, raw=True)
    return locale.word("pace_rise" if r.required > 0 else "pace_fall", value=value)


#: The text of each rule (``ward_analysis.model.pace.RULES``), and which of them are numbers.
_RULE_TEXT: dict[str, Callable] = {
    "level_change": _level_change,
    "amount_per_year": lambda r, t, loc: loc.word(
        "pace_amount", value=show(r.required, t, loc.code, raw=True)
    ),
    "growth_rate": lambda r, t, loc: loc.word("pace_growth", value=show(r.required, t, loc.code)),
    "level_each_year": lambda r, t, loc: loc.word("pace_level", goal=show_target(t, loc.code)),
    "pass_each_year": lambda r, t, loc: loc.word("pace_pass_each_year"),
    "pass_in_target_year": lambda r, t, loc: loc.word("pace_pass_in", T=t.target_year),
    "beside_reference": lambda r, t, loc: loc.word(
        "pace_beside_reference", ref=reference_name(t, loc.code), T=t.target_year
    ),
}
_NUMBER_RULES = ("level_change", "amount_per_year", "growth_rate", "level_each_year")
#: The text of each situation other than ``open`` (``ward_analysis.model.pace.SITUATIONS``).
_SITUATION_TEXT: dict[str, Callable] = {
    "met": lambda t, loc: loc.word("pace_met"),
    "missed": lambda t, loc: loc.word("pace_missed"),
    "no_figure": lambda t, loc: loc.word("pace_no_figure"),
    "unreported": lambda t, loc: loc.word("pace_unreported"),
    "no_base": lambda t, loc: loc.word("pace_no_base", base=t.base_year),
    "not_comparable": lambda t, loc: loc.word("pace_not_comparable"),
}


def pace_table(table: pd.DataFrame, catalog: Catalog, *, lang: str = "vi") -> pd.DataFrame:
    """The pace still required (the output of :func:`ward_analysis.model.pace.pace`) as a table
    to read: the target, its latest figure, its goal, the years left and what each year left
    must bring, in ``lang`` (a unit column first when there are several units)."""
    locale = get_locale(lang)
    w = locale.word
    rows = []
    for r in table.itertuples(index=False):
        t = catalog[r.target_id].in_force(int(r.as_of))
        if pd.isna(r.latest_year):
            latest = "–"
        else:
            key = "pace_total" if kinds.get(t.kind).running_total else "pace_latest"
            latest = w(key, value=show(r.latest_value, t, lang, raw=True), year=r.latest_year)
        situation = _SITUATION_TEXT.get(r.situation)
        needed = situation(t, locale) if situation else _required_text(r, t, locale)
        rows.append({w("unit"): r.unit, w("target"): target_label(t, lang), w("figure"): latest,
                     w("pace_goal"): goal_text(t, lang), w("pace_years_left"): int(r.years_left),
                     w("pace_required"): needed})  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=[
            w("unit"),
            w("target"),
            w("figure"),
            w("pace_goal"),
            w("pace_years_left"),
            w("pace_required"),
        ],
    ).astype({w("pace_years_left"): "int64"})
    return frame if table["unit"].nunique() > 1 else frame.drop(columns=w("unit"))


def compare_status(
    before: pd.DataFrame,
    after: pd.DataFrame,
    catalog_before: Catalog,
    catalog_after: Catalog,
    *,
    lang: str = "vi",
    changed_only: bool = True,
) -> pd.DataFrame:
    """Two assessments (the output of ``assess``) of the same year side by side: each target's
    goal, status and probability before and after a change of the catalog; with
    ``changed_only``, only the targets whose goal, status or probability changed."""
    locale = get_locale(lang)
    w = locale.word
    merged = before.assign(label=status_labels(before, lang)).merge(
        after.assign(label=status_labels(after, lang)),
        on=["unit", "target_id"],
        suffixes=("_before", "_after"),
    )
    rows = []
    for r in merged.itertuples(index=False):
        old = catalog_before[r.target_id].in_force(int(r.as_of_before))
        new = catalog_after[r.target_id].in_force(int(r.as_of_after))
        goals = show_target(old, lang), show_target(new, lang)
        same_p = np.isclose(r.probability_before, r.probability_after, equal_nan=True)
        if changed_only and goals[0] == goals[1] and r.status_before == r.status_after and same_p:
            continue
        rows.append(
            [
                r.unit,
                target_label(new, lang),
                *goals,
                r.label_before,
                r.label_after,
                percent(r.probability_before, lang),
                percent(r.probability_after, lang),
            ]
        )
    columns = [w("unit"), w("target")] + [
        w(side, what=w(what))
        for what in ("pace_goal", "status", "probability")
        for side in ("compare_before", "compare_after")
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame if merged["unit"].nunique() > 1 else frame.drop(columns=w("unit"))


def _plain(value: float) -> str:
    """A float to six significant digits, never in scientific notation, no padding zeros
    (``76.4``, ``9761.09``, ``0.851110`` → ``0.85111``)."""
    return np.format_float_positional(value, precision=6, fractional=False, trim="-")


def styled_table(frame: pd.DataFrame) -> Styler:
    """``frame`` for display in JupyterLab: text columns left-aligned (JupyterLab right-aligns
    every cell), numbers right-aligned, no index, floats without padding zeros, missing
    values as ``–``."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    text = [c for c, n in zip(frame.columns, numeric, strict=True) if not n]
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    heads = [
        {"selector": f"th.col{i}", "props": f"text-align: {'right' if n else 'left'};"}
        for i, n in enumerate(numeric)
    ]
    return (
        frame.style.hide(axis="index")
        .format(dict.fromkeys(floats, _plain), na_rep="–")
        .set_properties(subset=text, **{"text-align": "left"})
        .set_table_styles(heads)
    )
