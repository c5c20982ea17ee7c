"""Charts of one target: observed figures, the target, and the projection to the target year.

Functions return an ``alt.Chart`` (or a layered chart) and never save or show
it. :func:`register_theme` registers the project's theme once (a font stack with
Vietnamese glyphs, labels in the report's language); :func:`enable_renderer`
makes notebooks emit charts that display both in JupyterLab 4 (which renders
Vega-Lite 5 out of the box, not 6) and in our offline HTML reports (which
embed Vega-Lite 6 once per page): see :data:`MIMETYPE`.

What a chart shows besides the figures comes from the target's kind (a running total,
each year met or not, the target as a line, band or growth path, the projection); every
word and the number format come from the report's locale. A target with a basis (item 5's
poverty standard) shows the figures of every basis, each in its colour and named in the
legend; a restated target shows the target in force in each period, changing at the year
its restatement took effect.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..model import kinds
from ..model.catalog import Target
from ..model.figures import comparable, year_figures
from ..model.panel import meets
from ..schema import FINAL_STATUSES, LEVEL_MEASURES
from .format import show_target
from .locale import BASIS_COLOURS, COLOURS, STATUS_COLOURS, get_locale

if TYPE_CHECKING:  # Altair is imported only where an Altair object is made: reports need none
    import altair as alt

FONT = "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif"
THEME = "ward_analysis"


def _altair():
    import altair as alt  # only here: reports never need it (see ward_analysis/__init__.py)

    return alt


def register_theme() -> None:
    """Register and enable the project's Altair theme (idempotent)."""
    alt = _altair()

    @alt.theme.register(THEME, enable=True)
    def _theme() -> alt.theme.ThemeConfig:
        return {"config": _theme_config()}


#: The mimetype our charts are displayed with. JupyterLab 4 renders Vega-Lite 5 with the
#: Vega it bundles, not the Vega-Lite 6 of Altair 6; our specs use nothing that differs, so
#: they are sent as v5 once, and the HTML reports draw them with Vega-Lite 6.
MIMETYPE = "application/vnd.vegalite.v5+json"
V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def _mimebundle(spec: dict, **_) -> dict:
    return {MIMETYPE: {**spec, "$schema": V5_SCHEMA}, "text/plain": "<chart>"}


class _Displayable:
    """A chart (Altair object or Vega-Lite dict) for ``display()`` with our renderer."""

    def __init__(self, chart: alt.TopLevelMixin | dict):
        self.chart = chart

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        spec = self.chart if isinstance(self.chart, dict) else self.chart.to_dict(validate=False)
        return _mimebundle(spec)


def displayable(chart: alt.TopLevelMixin | dict) -> _Displayable:
    """A chart or Vega-Lite spec ready for ``display()`` in reports, shown by the renderer of
    :func:`enable_renderer` without Altair's slow schema validation (the tests validate every chart)."""
    return _Displayable(chart)


def enable_renderer() -> None:
    """Use the renderer that displays in JupyterLab 4 and in the offline HTML reports."""
    register_theme()
    alt = _altair()
    alt.renderers.register(THEME, _mimebundle)
    alt.renderers.enable(THEME)
    alt.data_transformers.disable_max_rows()


def _theme_config() -> dict:
    return {
        "font": FONT,
        "title": {"font": FONT, "fontSize": 14, "anchor": "start"},
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11},
        "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom"},
        "view": {"stroke": None},
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    return [
        {
            k: (None if isinstance(v, float) and v != v else (int(v) if k == "year" else v))
            for k, v in row.items()
        }
        for row in frame.to_dict("records")
    ]


def target_spec(
    target: Target,
    observations: pd.DataFrame,
    assessment: pd.Series,
    *,
    lang: str = "vi",
    width: int = 360,
    height: int = 180,
) -> dict:
    """The Vega-Lite spec of one target's chart as of ``assessment['as_of']`` for ``assessment['unit']``.

    Observed figures (actuals and estimates marked apart), the target as a line
    (or a band for a range, or the required growth path), and — while the
    outcome is open — the projection to the target year with its 80 % interval.
    Every-year targets show each year as met / not met; totals over the term
    show the running total. Built as a plain dict: about 100× faster than
    building the same chart with Altair objects, which matters for reports
    with a chart per target (:func:`target_chart` gives the Altair chart).
    """
    locale = get_locale(lang)
    w = locale.word
    kind = kinds.get(target.kind)
    unit, as_of = assessment["unit"], int(assessment["as_of"])
    shown = target.in_force(as_of)  # the target as it stands in the report's year
    multi = target.basis is not None  # figures on several bases: each in its colour
    rows = (
        year_figures(observations, [target], unit=unit, last=as_of, all_bases=multi)
        .sort_values("year", kind="stable")
        .loc[:, ["year", "value", "value_kind", "basis"]]
        .reset_index(drop=True)
    )
    status = assessment["status"]
    name = target.name(lang)
    years = list(range(min([target.base_year, *rows["year"].tolist()]), target.target_year + 1))
    raw = rows
    own = comparable(rows["basis"].to_numpy(dtype=object), shown.basis)
    figures = rows[own].reset_index(drop=True)  # on the basis in force: the target's figures
    bases = list(dict.fromkeys([shown.basis, *rows.loc[~own, "basis"]])) if multi else [None]
    series = [kind.chart_series(shown, figures)]
    series += [kind.chart_series(shown, rows[~own & (rows["basis"] == b)]) for b in bases[1:]]
    labels = [locale.basis(b) if multi else None for b in bases]
    data = pd.concat(
        [part.assign(basis=label) for part, label in zip(series, labels, strict=True)],
        ignore_index=True,
    ).sort_values("year", kind="stable")
    rows = series[0]
    data = data.assign(
        kind=data["value_kind"].map({"actual": w("actual"), "estimate": w("estimate_figure")})
    )
    x = {"field": "year", "type": "ordinal", "title": w("year"), "scale": {"domain": years}}
    y_title = w("total") if kind.running_total else w("value")
    if target.measure in LEVEL_MEASURES:
        ticks = [0, 1] if target.measure == "boolean" else list(range(len(target.rating_scale)))
        names = [w("fail"), w("pass")] if target.measure == "boolean" else target.rating_scale
        expr = " : ".join(
            f"datum.value == {i} ? {json.dumps(n, ensure_ascii=False)}"
            for i, n in zip(ticks, names, strict=True)
        )
        y = {"field": "value", "type": "quantitative", "title": w("chart_result"),
             "scale": {"domain": [ticks[0], ticks[-1]]}, "axis": {"values": ticks, "labelExpr": expr + " : ''"}}  # fmt: skip
    else:
        title = f"{y_title} ({target.unit_of_measure})" if target.unit_of_measure else y_title
        y = {"field": "value", "type": "quantitative", "title": title, "scale": {"zero": False}}
    tooltip = [{"field": "year", "type": "ordinal", "title": w("year")},
               {"field": "value", "type": "quantitative", "title": w("value")},
               {"field": "kind", "type": "nominal", "title": w("kind")}]  # fmt: skip
    shape = {"field": "kind", "type": "nominal", "title": w("kind")}
    observed_values = {"values": _records(data[["year", "value", "kind"]])}
    by_basis: dict = {}  # the colour of each basis's figures, named in the legend
    if multi:
        tooltip.append({"field": "basis", "type": "nominal", "title": w("basis")})
        observed_values = {"values": _records(data[["year", "value", "kind", "basis"]])}
        by_basis = {"color": {"field": "basis", "type": "nominal", "title": w("basis"),
                              "scale": {"domain": labels, "range": list(BASIS_COLOURS[: len(labels)])},
                              "legend": {"direction": "vertical", "labelLimit": 400}}}  # fmt: skip
    layers: list[dict] = []
    periods = _periods(target, years, as_of)
    if kind.pass_fail_chart:
        flags = np.zeros(len(data), dtype=bool)
        for t, span in periods:  # each year against the target in force then
            when = data["year"].isin(span).to_numpy()
            flags[when] = meets(data["value"].to_numpy(dtype=float)[when], t)
        values = [
            dict(r, result=w("pass") if ok else w("fail"))
            for r, ok in zip(observed_values["values"], flags, strict=True)
        ]
        layers.append(
            {
                "data": {"values": values},
                "mark": {"type": "line", "color": COLOURS["neutral"]},
                "encoding": {"x": x, "y": y, **by_basis},
            }
        )
        colour = {"field": "result", "type": "nominal", "title": w("chart_result"),
                  "scale": {"domain": [w("pass"), w("fail")], "range": [COLOURS["pass"], COLOURS["fail"]]}}  # fmt: skip
        layers.append({"data": {"values": values}, "mark": {"type": "point", "filled": True, "size": 80},
                       "encoding": {"x": x, "y": y, "color": colour, "shape": shape, "tooltip": tooltip}})  # fmt: skip
    else:
        layers.append(
            {
                "data": observed_values,
                "mark": {"type": "line", "color": COLOURS["figure"]},
                "encoding": {"x": x, "y": y, **by_basis},
            }
        )
        layers.append({"data": observed_values, "mark": {"type": "point", "filled": True, "size": 70, "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": y, "shape": shape, "tooltip": tooltip, **by_basis}})  # fmt: skip
    if len(periods) > 1:  # restated: the target in force in each period
        layers += _period_layers(kind, periods, raw, x, locale)
        overlay = kinds.Overlay()
    else:
        overlay = kind.overlay(shown, figures, years)
    if overlay.path is not None:
        path = [{"year": yr, "value": v} for yr, v in overlay.path]
        layers.append({"data": {"values": path}, "mark": {"type": "line", "strokeDash": [4, 4], "color": COLOURS["target"]},
                       "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}}})  # fmt: skip
    if overlay.band is not None:
        low, high = overlay.band
        layers.append({"data": {"values": [{"low": low, "high": high}]},
                       "mark": {"type": "rect", "opacity": 0.15, "color": COLOURS["pass"]},
                       "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}})  # fmt: skip
    if overlay.rule is not None:
        layers.append({"data": {"values": [{"value": overlay.rule}]},
                       "mark": {"type": "rule", "strokeDash": [6, 4], "color": COLOURS["target"]},
                       "encoding": {"y": {"field": "value", "type": "quantitative"},
                                    "tooltip": [{"field": "value", "type": "quantitative", "title": w("target")}]}})  # fmt: skip
    cone = _projection_cone(kind, shown, assessment, rows, figures)
    if cone is not None:
        values = _records(cone)
        layers.append({"data": {"values": values}, "mark": {"type": "area", "opacity": 0.18, "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}})  # fmt: skip
        layers.append({"data": {"values": values}, "mark": {"type": "line", "strokeDash": [2, 3], "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": {"field": "mid", "type": "quantitative"},
                                    "tooltip": [{"field": "year", "type": "ordinal", "title": w("year")},
                                                {"field": "mid", "type": "quantitative", "title": w("chart_projection")}]}})  # fmt: skip
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": _theme_config(),
        "title": {
            "text": name,
            "subtitle": locale.status(status),
            "subtitleColor": STATUS_COLOURS[status],
        },
        "width": width,
        "height": height,
        "usermeta": {
            "embedOptions": {
                "actions": False,
                **({"formatLocale": locale.vega_format} if locale.vega_format else {}),
            }
        },
        "layer": layers,
    }


def target_chart(
    target: Target, observations: pd.DataFrame, assessment: pd.Series, *, lang: str = "vi"
) -> alt.LayerChart:
    """The same chart as :func:`target_spec`, as an Altair chart to explore or extend."""
    return _altair().LayerChart.from_dict(target_spec(target, observations, assessment, lang=lang))


def _periods(target: Target, years: list[int], as_of: int) -> list[tuple[Target, list[int]]]:
    """The target in force in each period of the chart's years: the original, then each
    restatement in force by ``as_of`` from its year on (a later one is not known yet)."""
    starts = [years[0], *(r.from_year for r in target.restated if r.from_year <= as_of)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else years[-1]
        span = [y for y in years if start <= y <= end]
        if span:
            out.append((target.in_force(start), span))
    return out


def _period_layers(kind, periods, raw: pd.DataFrame, x: dict, locale) -> list[dict]:
    """The target of each period (a line, band or growth path that changes where a
    restatement took effect), and a mark at each period's start naming it."""
    w = locale.word
    level, band, path, starts = [], [], [], []
    for i, (t, span) in enumerate(periods):
        on_basis = comparable(raw["basis"].to_numpy(dtype=object), t.basis)
        overlay = kind.overlay(t, raw[on_basis], span)
        named = {"target": show_target(t, locale.code),
                 "basis": locale.basis(t.basis) if t.basis is not None else ""}  # fmt: skip
        if overlay.rule is not None:
            level += [{"year": yr, "value": overlay.rule} for yr in span]
            starts.append({"year": span[0], "value": overlay.rule, **named})
        if overlay.band is not None:
            band += [{"year": yr, "low": overlay.band[0], "high": overlay.band[1]} for yr in span]
            starts.append({"year": span[0], "value": overlay.band[0], **named})
        if overlay.path is not None:
            path += [{"year": yr, "value": v, "period": i} for yr, v in overlay.path]
            starts += [{"year": yr, "value": v, **named} for yr, v in overlay.path[:1]]
    value = {"field": "value", "type": "quantitative"}
    layers = []
    if level:
        layers.append({"data": {"values": level},
                       "mark": {"type": "line", "interpolate": "step", "strokeDash": [6, 4], "color": COLOURS["target"]},
                       "encoding": {"x": x, "y": value}})  # fmt: skip
    if band:
        layers.append({"data": {"values": band},
                       "mark": {"type": "area", "interpolate": "step", "opacity": 0.15, "color": COLOURS["pass"]},
                       "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}})  # fmt: skip
    if path:
        layers.append({"data": {"values": path},
                       "mark": {"type": "line", "strokeDash": [4, 4], "color": COLOURS["target"]},
                       "encoding": {"x": x, "y": value, "detail": {"field": "period", "type": "nominal"}}})  # fmt: skip
    if starts:
        tooltip = [{"field": "year", "type": "ordinal", "title": w("year")},
                   {"field": "target", "type": "nominal", "title": w("target")},
                   {"field": "basis", "type": "nominal", "title": w("basis")}]  # fmt: skip
        layers.append({"data": {"values": starts},
                       "mark": {"type": "point", "shape": "diamond", "filled": True, "size": 60, "color": COLOURS["target"]},
                       "encoding": {"x": x, "y": value, "tooltip": tooltip}})  # fmt: skip
    return layers


def _projection_cone(kind, target: Target, a: pd.Series, rows: pd.DataFrame, figures: pd.DataFrame):
    """A straight cone from the latest figure to the projected end-of-term value and interval."""
    if a["status"] in (*FINAL_STATUSES, "not_comparable") or pd.isna(a.get("projected_value")):
        return None
    if rows.empty:
        return None
    last_year, last = int(rows["year"].iloc[-1]), float(rows["value"].iloc[-1])
    if last_year >= target.target_year:
        return None
    levels = kind.projection_levels(target, a, figures)
    if levels is None:
        return None
    mid, low, high = levels
    return pd.DataFrame(
        {
            "year": [last_year, target.target_year],
            "mid": [last, mid],
            "low": [last, low],
            "high": [last, high],
        }
    )
