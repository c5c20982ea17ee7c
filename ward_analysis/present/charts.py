"""Charts of one target, drawn as small multiples with one shared legend.

:func:`target_spec` gives the Vega-Lite spec of one sub-target's chart, sized to sit three to a
row on an A4 page (:data:`WIDTH` × :data:`HEIGHT` of plot, about 220 CSS px with its axis):
observed figures, the target, and the projection to the target year. Nothing on a chart is
explained by a legend of its own: :func:`legend_html` names, once for a page, every kind of mark
the page's charts use (each spec records its marks in ``usermeta["ward"]["marks"]``). Every
chart carries a sentence saying what it shows (the spec's ``description``: the target, its
status, the figures by year, the target and the projection), which Vega puts on the SVG as its
accessible label and the reports show beside the picture. :func:`chart_grid` sends a page's
charts to display: as :data:`CHARTS_MIMETYPE` for the HTML reports (a CSS grid of charts) and
as one concatenated Vega-Lite 5 spec for JupyterLab.

What a chart shows besides the figures comes from the target's kind (a running total, each
year met or not, the target as a line, band or growth path, the projection); every word and
the number format come from the report's locale. A target with a basis (item 5's poverty
standard) shows the figures of every basis, each in its colour; a restated target shows the
target in force in each period, changing at the year its restatement took effect. Only the
years a verdict counts are coloured met / not met: the base year is grey.

The y axis is fitted to everything drawn, with room around it, a minimum span (a 0,2-point
dip on a 100 % target is not drawn as a cliff) and three to five round ticks within the
measure's possible range; a year with no figure breaks the line.

:func:`register_theme` registers the project's theme once (a font stack with Vietnamese
glyphs); :func:`enable_renderer` makes notebooks emit charts that display both in JupyterLab 4
(which renders Vega-Lite 5 out of the box, not 6) and in our offline HTML reports (which embed
Vega-Lite 6 once per page): see :data:`MIMETYPE`.
"""

from __future__ import annotations

import html
import json
import math
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..model import kinds
from ..model.catalog import Target
from ..model.figures import comparable, year_figures
from ..model.panel import meets
from ..schema import FINAL_STATUSES, LEVEL_MEASURES
from .format import goal_text, reference_name, show
from .locale import BASIS_COLOURS, COLOURS, STATUS_COLOURS, get_locale

if TYPE_CHECKING:  # Altair is imported only where an Altair object is made: reports need none
    import altair as alt

FONT = "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif"
THEME = "ward_analysis"
#: One chart, in CSS px: its width with the y axis's labels (the plot gets what the labels
#: leave), three to a row of an A4 page (about 700 px wide); the height of its plot.
WIDTH, HEIGHT = 220, 110
#: Charts per row.
COLUMNS = 3
#: Characters per line of a chart's title (two lines at most, then an ellipsis).
TITLE_CHARS = 28
#: A rating's level longer than this is written on the axis by its initials (Hoàn thành tốt
#: nhiệm vụ → HTTNV, as the ward's own papers abbreviate it); the tooltip and the chart's
#: description give it in full.
AXIS_LABEL_CHARS = 12
#: Room left above and below what a chart draws, as a share of its span.
PADDING = 0.1
#: How far a y axis may be widened to reach a round tick, as a share of its span.
WIDEN = 0.15
#: The smallest span of a y axis, as a share of the measure's possible range (shares: 10
#: points of 0–100) or, for a measure with no upper end, of the level drawn.
MIN_SPAN = 0.1
#: The kinds of mark a chart can use, in the order the legend names them.
MARKS = (
    "actual",
    "estimate",
    "pass",
    "fail",
    "not_counted",
    "target",
    "range",
    "target_by",
    "range_by",
    "path",
    "restated",
    "projection",
    "projection_band",
    "basis",
    "reference",
)
#: Contrast of a chart's status text on white (WCAG AA for normal text).
MIN_CONTRAST = 4.5
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


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
#: The mimetype of a page's charts as small multiples (:func:`chart_grid`): the HTML reports'
#: template draws each chart in a CSS grid, with its description beside it; JupyterLab does
#: not know it and shows the same charts from :data:`MIMETYPE`.
CHARTS_MIMETYPE = "application/vnd.ward-analysis.charts+json"


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


def _chart_config() -> dict:
    """The theme, sized for small multiples. Screen readers hear a chart's ``description``
    (Vega puts it on the chart's element as its label), not each point, axis and title."""
    theme = _theme_config()
    return {
        **theme,
        "title": {**theme["title"], "fontSize": 12, "fontWeight": 600, "subtitleFontSize": 11,
                  "subtitleFontWeight": 600, "subtitlePadding": 2, "offset": 6, "lineHeight": 15,
                  "aria": False},
        "axis": {**theme["axis"], "labelFontSize": 10, "titleFontSize": 10, "titleFontWeight": "normal",
                 "labelColor": "#424a53", "titleColor": "#424a53", "gridColor": "#e6e9ec", "aria": False},
        "mark": {"aria": False},
    }  # fmt: skip


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
    width: int = WIDTH,
    height: int = HEIGHT,
) -> dict:
    """The Vega-Lite spec of one target's chart as of ``assessment['as_of']`` for ``assessment['unit']``.

    Observed figures (actuals and estimates marked apart), the target as a line
    (or a band for a range, or the required growth path), and — while the
    outcome is open — the projection to the target year with its 80 % interval.
    Every-year targets show each year the verdict counts as met / not met (the base
    year grey); totals over the term show the running total. No legend: the marks
    used are listed in ``usermeta["ward"]["marks"]`` for :func:`legend_html`; the
    spec's ``description`` says in words what the chart shows (:func:`description`).
    Built as a plain dict: about 100× faster than building the same chart with
    Altair objects, which matters for reports with a chart per target
    (:func:`target_chart` gives the Altair chart).
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
    marks = [m for m in ("actual", "estimate") if m in set(data["value_kind"])]
    level = target.measure in LEVEL_MEASURES
    x = {"field": "year", "type": "ordinal", "title": None, "scale": {"domain": years},
         "axis": {"labelAngle": 0, "labelOverlap": False, "labelPadding": 3}}  # fmt: skip
    value = {"field": "value", "type": "quantitative"}
    tooltip = [{"field": "year", "type": "ordinal", "title": w("year")},
               {"field": "label" if level else "value", "type": "nominal" if level else "quantitative",
                "title": w("value")},
               {"field": "kind", "type": "nominal", "title": w("kind")}]  # fmt: skip
    shape = {"field": "kind", "type": "nominal", "title": w("kind"), "legend": None,
             "scale": {"domain": [w("actual"), w("estimate_figure")], "range": ["circle", "square"]}}  # fmt: skip
    columns = ["year", "value", "kind", "basis"] if multi else ["year", "value", "kind"]
    observed = _records(data[columns])
    if level:  # a level's name for the tooltip (the value is its rank)
        observed = [dict(r, label=show(r["value"], target, lang)) for r in observed]
    by_basis: dict = {}  # the colour of each basis's figures, named in the shared legend
    if multi:
        tooltip.append({"field": "basis", "type": "nominal", "title": w("basis")})
        by_basis = {"color": {"field": "basis", "type": "nominal", "title": w("basis"), "legend": None,
                              "scale": {"domain": labels, "range": list(BASIS_COLOURS[: len(labels)])}}}  # fmt: skip
        marks.append("basis")
    line = {"data": {"values": _segments(observed)},
            "encoding": {"x": x, "y": value, "detail": {"field": "segment", "type": "nominal"}, **by_basis}}  # fmt: skip
    layers: list[dict] = []
    periods = _periods(target, years, as_of)
    results = None
    if kind.pass_fail_chart:
        results = _results(data, periods, target)
        names = {"pass": w("pass"), "fail": w("fail"), "not_counted": w("legend_not_counted")}
        used = [r for r in ("pass", "fail", "not_counted") if r in set(results)]
        marks += used
        values = [dict(r, result=names[code]) for r, code in zip(observed, results, strict=True)]
        layers.append({**line, "mark": {"type": "line", "color": COLOURS["neutral"]}})
        colour = {"field": "result", "type": "nominal", "title": w("chart_result"), "legend": None,
                  "scale": {"domain": [names[r] for r in used],
                            "range": [COLOURS["neutral" if r == "not_counted" else r] for r in used]}}  # fmt: skip
        tooltip.append({"field": "result", "type": "nominal", "title": w("chart_result")})
        layers.append({"data": {"values": values}, "mark": {"type": "point", "filled": True, "size": 64, "opacity": 1},
                       "encoding": {"x": x, "y": value, "color": colour, "shape": shape, "tooltip": tooltip}})  # fmt: skip
    else:
        layers.append({**line, "mark": {"type": "line", "color": COLOURS["figure"]}})
        layers.append({"data": {"values": observed},
                       "mark": {"type": "point", "filled": True, "size": 56, "opacity": 1, "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": value, "shape": shape, "tooltip": tooltip, **by_basis}})  # fmt: skip
    reference = _reference_figures(kind, shown, observations, as_of, locale)
    if reference is not None:  # another unit's figures, the ones compared with
        ref_name, ref_rows = reference
        layers += _reference_layers(ref_name, ref_rows, x, value, locale)
        marks.append("reference")
    if len(periods) > 1:  # restated: the target in force in each period
        restated, restated_marks = _period_layers(kind, periods, raw, x, locale)
        layers += restated
        marks += restated_marks
        overlay = kinds.Overlay()
    else:
        overlay = kind.overlay(shown, figures, years)
    if overlay.path is not None:
        path = [{"year": yr, "value": v} for yr, v in overlay.path]
        layers.append({"data": {"values": path}, "mark": {"type": "line", "strokeDash": [4, 4], "color": COLOURS["target"]},
                       "encoding": {"x": x, "y": value}})  # fmt: skip
        marks.append("path")
    dues: list[list] = []  # a target due by a year inside the term: [mark, year]
    if overlay.until is not None:  # drawn up to its year, nothing after
        due_layers, mark = _due_layers(overlay, years, x, value, locale)
        layers += due_layers
        marks.append(mark)
        dues.append([mark, overlay.until])
    elif overlay.band is not None:
        low, high = overlay.band
        layers.append({"data": {"values": [{"low": low, "high": high}]},
                       "mark": {"type": "rect", "opacity": 0.15, "color": COLOURS["pass"]},
                       "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}})  # fmt: skip
        marks.append("range")
    elif overlay.rule is not None:
        layers.append({"data": {"values": [{"value": overlay.rule}]},
                       "mark": {"type": "rule", "strokeDash": [6, 4], "color": COLOURS["target"]},
                       "encoding": {"y": value,
                                    "tooltip": [{"field": "value", "type": "quantitative", "title": w("target")}]}})  # fmt: skip
        marks.append("target")
    cone = _projection_cone(kind, shown, assessment, rows, figures)
    if cone is not None:
        values = _records(cone)
        layers.append({"data": {"values": values}, "mark": {"type": "area", "opacity": 0.18, "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}})  # fmt: skip
        layers.append({"data": {"values": values}, "mark": {"type": "line", "strokeDash": [2, 3], "color": COLOURS["figure"]},
                       "encoding": {"x": x, "y": {"field": "mid", "type": "quantitative"},
                                    "tooltip": [{"field": "year", "type": "ordinal", "title": w("year")},
                                                {"field": "mid", "type": "quantitative", "title": w("chart_projection")}]}})  # fmt: skip
        marks += ["projection_band", "projection"]
    y, labels_px = _y_encoding(target, _drawn(layers), kind.running_total, locale)
    plot_width = max(width - labels_px - 2 * EDGE_PX, width // 2)
    layers = [_with_axes(layer, y, _year_labels(years, plot_width)) for layer in layers]
    title = w("chart_title", id=target.id, name=target.name(lang))
    text = _description(
        target,
        locale,
        status,
        data,
        labels,
        results,
        kind.running_total,
        periods,
        cone,
        reference,
        kind.verdict_year(shown),
    )
    return {
        "$schema": SCHEMA,
        "config": _chart_config(),
        "description": text,
        "title": {
            "text": _wrap(title, TITLE_CHARS),
            "subtitle": locale.status(status),
            "subtitleColor": readable_colour(STATUS_COLOURS[status]),
            "limit": width,
            "aria": False,
        },
        "width": plot_width,
        "height": height,
        "usermeta": {
            "embedOptions": {
                "actions": False,
                **({"formatLocale": locale.vega_format} if locale.vega_format else {}),
            },
            "ward": {
                "target": target.id,
                "marks": [m for m in MARKS if m in marks],
                "bases": [[b, c] for b, c in zip(bases, BASIS_COLOURS, strict=False)]
                if multi
                else [],
                "references": [[reference[0], COLOURS["reference"]]] if reference else [],
                "due": dues,
            },
        },
        "layer": layers,
    }


def description(spec: dict) -> str:
    """What a chart of :func:`target_spec` shows, in a sentence of the report's language."""
    return spec.get("description", "")


def target_chart(
    target: Target, observations: pd.DataFrame, assessment: pd.Series, *, lang: str = "vi"
) -> alt.LayerChart:
    """The same chart as :func:`target_spec`, as an Altair chart to explore or extend."""
    return _altair().LayerChart.from_dict(target_spec(target, observations, assessment, lang=lang))


# -- the parts of a chart -----------------------------------------------------------------


def _reference_figures(
    kind, target: Target, observations: pd.DataFrame, as_of: int, locale
) -> tuple[str, pd.DataFrame] | None:
    """The unit a target is compared with (its kind's ``reference``), by its name in the
    locale's sentences (``tỉnh Gia Lai``), and its figures up to ``as_of`` (``year``,
    ``value``, ``value_kind``); None for a target judged on its own."""
    ref = kind.reference(target)
    if ref is None:
        return None
    unit, target_id = ref
    theirs = target.model_copy(update={"id": target_id})
    rows = year_figures(observations, [theirs], unit=unit, last=as_of)
    name = reference_name(target, locale.code)
    return name, rows.sort_values("year", kind="stable")[["year", "value", "value_kind"]]


def _due_layers(overlay, years: list[int], x: dict, value: dict, locale) -> tuple[list[dict], str]:
    """A level (or band) due by a year inside the term: drawn from the chart's first year to
    that year, ended by a short upright stroke, nothing after it; the tooltip says its year
    ("Chỉ tiêu đến năm 2027"). With the legend's mark of it."""
    w = locale.word
    span = [yr for yr in years if yr <= overlay.until]
    if overlay.band is not None:
        low, high = overlay.band
        title = w("legend_range_by", Y=overlay.until)
        points = [{"year": yr, "low": low, "high": high} for yr in span]
        tooltip = [{"field": "low", "type": "quantitative", "title": title},
                   {"field": "high", "type": "quantitative", "title": title}]  # fmt: skip
        return [
            {"data": {"values": points}, "mark": {"type": "area", "opacity": 0.15, "color": COLOURS["pass"]},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"},
                          "tooltip": tooltip}},
        ], "range_by"  # fmt: skip
    title = w("legend_target_by", Y=overlay.until)
    tooltip = [{"field": "value", "type": "quantitative", "title": title}]
    return [
        {"data": {"values": [{"year": yr, "value": overlay.rule} for yr in span]},
         "mark": {"type": "line", "strokeDash": [6, 4], "color": COLOURS["target"]},
         "encoding": {"x": x, "y": value, "tooltip": tooltip}},
        {"data": {"values": [{"year": overlay.until, "value": overlay.rule}]},
         "mark": {"type": "tick", "orient": "vertical", "size": 10, "thickness": 1.5, "color": COLOURS["target"]},
         "encoding": {"x": x, "y": value, "tooltip": tooltip}},
    ], "target_by"  # fmt: skip


def _reference_layers(name: str, rows: pd.DataFrame, x: dict, value: dict, locale) -> list[dict]:
    """The compared unit's figures, in their colour: a line (broken where a year has no
    figure) and points with a tooltip naming the unit."""
    w = locale.word
    colour = COLOURS["reference"]
    points = _segments(_records(rows[["year", "value"]]))
    tooltip = [{"field": "year", "type": "ordinal", "title": w("year")},
               {"field": "value", "type": "quantitative", "title": w("chart_reference", ref=name)}]  # fmt: skip
    return [
        {"data": {"values": points}, "mark": {"type": "line", "color": colour, "strokeWidth": 1.5},
         "encoding": {"x": x, "y": value, "detail": {"field": "segment", "type": "nominal"}}},
        {"data": {"values": points},
         "mark": {"type": "point", "filled": True, "size": 40, "opacity": 1, "color": colour},
         "encoding": {"x": x, "y": value, "tooltip": tooltip}},
    ]  # fmt: skip


def _segments(records: list[dict]) -> list[dict]:
    """The line's points, each with the ``segment`` it belongs to: a year with no figure
    (of that basis) between two with one starts a new segment, so that the line breaks
    there instead of joining the two as if there were a figure between them."""
    last: dict = {}
    segment: dict = {}
    count = 0
    out = []
    for r in records:
        key = r.get("basis")
        if key not in last or r["year"] - last[key] > 1:
            count += 1
            segment[key] = count
        last[key] = r["year"]
        out.append({**r, "segment": segment[key]})
    return out


def _results(data: pd.DataFrame, periods, target: Target) -> list[str]:
    """Each figure's verdict code: ``pass`` / ``fail`` against the target in force that
    year, or ``not_counted`` for a year the verdict does not count (the base year)."""
    flags = np.zeros(len(data), dtype=bool)
    for t, span in periods:  # each year against the target in force then
        when = data["year"].isin(span).to_numpy()
        flags[when] = meets(data["value"].to_numpy(dtype=float)[when], t)
    counted = data["year"].between(target.first_year, target.target_year).to_numpy()
    return [
        "not_counted" if not c else "pass" if ok else "fail"
        for c, ok in zip(counted, flags, strict=True)
    ]


def _drawn(layers: list[dict]) -> list[float]:
    """Every value the layers draw on the y scale."""
    out = []
    for layer in layers:
        enc = layer["encoding"]
        fields = [enc[ch]["field"] for ch in ("y", "y2") if ch in enc]
        for row in layer["data"]["values"]:
            out += [float(row[f]) for f in fields if row.get(f) is not None]
    return [v for v in out if math.isfinite(v)]


def _with_axes(layer: dict, y: dict, x_axis: dict) -> dict:
    """The layer with the chart's y scale, axis and title on its y channel, and ``x_axis``
    on its x axis (the same on every layer, so that the layers share one scale and axis)."""
    enc = {**layer["encoding"]}
    enc["y"] = {**enc["y"], **y}
    if "x" in enc:
        enc["x"] = {**enc["x"], "axis": {**enc["x"]["axis"], **x_axis}}
    return {**layer, "encoding": enc}


def _year_labels(years: list[int], plot_width: float) -> dict:
    """The x axis's year labels: whole years where there is room, else the first whole and
    the others by their last two digits."""
    if plot_width / max(len(years), 1) >= YEAR_PX:
        return {}
    return {"labelExpr": f"datum.value == {years[0]} ? datum.label : slice(datum.label, -2)"}


def _y_encoding(target: Target, drawn: list[float], running: bool, locale) -> tuple[dict, int]:
    """The y channel's scale (domain fitted to what is drawn), axis (ticks) and title; with
    about how wide its labels are (px), to give the rest of the chart's width to the plot."""
    w = locale.word
    if target.measure in LEVEL_MEASURES:
        ticks = [0, 1] if target.measure == "boolean" else list(range(len(target.rating_scale)))
        names = (
            [w("fail"), w("pass")]
            if target.measure == "boolean"
            else target.rating_names(locale.code)
        )
        labels = [_axis_label(n) for n in names]
        expr = " : ".join(
            f"datum.value == {i} ? {json.dumps(label, ensure_ascii=False)}"
            for i, label in zip(ticks, labels, strict=True)
        )
        pad = 0.3
        domain = [min([ticks[0], *drawn]) - pad, max([ticks[-1], *drawn]) + pad]
        y = {"title": None, "scale": {"domain": domain, "nice": False, "zero": False},
             "axis": {"values": ticks, "labelExpr": expr + " : ''", "grid": True}}  # fmt: skip
        return y, _text_width(labels)
    domain, ticks = fit_axis(target, drawn, running=running)
    unit = locale.unit(target.unit_of_measure)
    title = unit or None
    if running:
        title = w("axis_unit", label=w("total"), unit=unit) if unit else w("total")
    labels_px = _text_width([locale.number(t, _decimals(ticks)) for t in ticks])
    # the unit is written across, above the axis's labels: it takes no width from the plot
    across = {"titleAngle": 0, "titleAlign": "left", "titleBaseline": "bottom", "titleY": -6,
              "titleX": -labels_px}  # fmt: skip
    axis = {
        "values": ticks,
        "format": _tick_format(ticks),
        "grid": True,
        **(across if title else {}),
    }
    return {
        "title": title,
        "scale": {"domain": domain, "nice": False, "zero": False},
        "axis": axis,
    }, labels_px


#: About how wide the characters of an axis label are (px, 10 px type, the widest of the
#: fonts the theme names: narrow letters and punctuation, capitals, the rest), and the tick
#: and padding beside the labels.
NARROW_PX, CAPITAL_PX, CHAR_PX, TICK_PX = 3.5, 7.0, 6.2, 8
NARROW = frozenset(" .,:;'ijlrtfI|()-")
#: Vega's padding on each side of a chart.
EDGE_PX = 5
#: The room a year label needs on the x axis (px); with less, the years after the first
#: are written with two digits (2020, 21, 22…).
YEAR_PX = 28


def _text_width(labels: list[str]) -> int:
    """About how wide (px) the widest of ``labels`` is, with the tick beside it."""

    def width(text: str) -> float:
        letters = (unicodedata.normalize("NFD", c)[0] for c in text)
        return sum(
            NARROW_PX if c in NARROW else CAPITAL_PX if c.isupper() else CHAR_PX for c in letters
        )

    return math.ceil(max(map(width, labels), default=0)) + TICK_PX


def _axis_label(name: str) -> str:
    """A level's name as the axis writes it: a long one by its initials."""
    if len(name) <= AXIS_LABEL_CHARS:
        return name
    return "".join(word[0] for word in name.split()).upper()


def fit_axis(
    target: Target, drawn: Iterable[float], *, running: bool = False
) -> tuple[list[float], list[float]]:
    """The y domain and ticks of a chart that draws ``drawn`` for ``target``.

    The values drawn span at least :data:`MIN_SPAN` of the measure's possible range (shares:
    10 points; for small figures, twice their size) or, with no upper end, of their level, widened around their middle and kept
    within the possible range; then :data:`PADDING` of room on each side, so that no point
    or line sits on the frame. Three to five round ticks (1, 2, 2,5 or 5 × a power of ten;
    whole numbers for counts), never outside the possible range. A running total's axis
    starts from 0 and has no upper end.
    """
    bottom, top = target.plausible_range
    values = [v for v in drawn if math.isfinite(v)] or [max(bottom, 0.0)]
    if running:  # a total counts up from nothing, with no upper end
        top = math.inf
        values.append(max(bottom, 0.0))
    v_low, v_high = min(values), max(values)
    if math.isfinite(bottom) and math.isfinite(top):
        # small figures (a 1,5 % poverty rate) keep a span of their own size, so that 1,4
        # and 1,5 stay apart; larger ones a tenth of the range, so that 99,8 against 100
        # does not look like a fall
        span = min(MIN_SPAN * (top - bottom), 2 * max(abs(v_low), abs(v_high)))
    else:
        span = MIN_SPAN * max(abs(v_low), abs(v_high))
    if target.measure == "count":
        span = max(span, 2.0)  # whole numbers: room for three ticks
    span = span or 1.0
    low, high = v_low, v_high
    if high - low < span:
        middle = (low + high) / 2
        low, high = middle - span / 2, middle + span / 2
        if low < bottom:
            low, high = bottom, bottom + span
        if high > top:
            low, high = max(top - span, bottom), top
        low, high = min(low, v_low), max(high, v_high)
    pad = PADDING * (high - low)
    domain = [low - pad, high + pad]
    domain, ticks = _ticks(domain, bottom, top, whole=target.measure == "count")
    return [_round(domain[0]), _round(domain[1])], ticks


def _round(x: float) -> float:
    return float(f"{x:.10g}")


def _ticks(
    domain: list[float], bottom: float, top: float, *, whole: bool
) -> tuple[list[float], list[float]]:
    """Three to five round ticks in ``domain`` within the possible range (``bottom``–``top``),
    from the widest step that gives three; where the widest step that fits gives two, the
    domain is widened to its next multiple (within the range, by at most half a step and
    :data:`WIDEN` of its span) rather
    than falling to a step of 2,5 (``75, 80, 85``, not ``77,5 … 87,5``). Returns the domain
    (widened or not) and the ticks; where no step gives three to five, the count nearest four."""
    eps = 1e-9
    low, high = max(domain[0], bottom), min(domain[1], top)
    steps = sorted((m * 10.0**k for k in range(-4, 12) for m in (1, 2, 2.5, 5)), reverse=True)
    if whole:
        steps = [s for s in steps if s >= 1 and s.is_integer()]
    fallback: list[tuple[list[float], list[float]]] = []
    for step in steps:
        first, last = math.ceil(low / step - eps), math.floor(high / step + eps)
        ticks = [_round(k * step) for k in range(first, last + 1)]
        if 3 <= len(ticks) <= 5:
            return domain, ticks
        if len(ticks) == 2:
            below, above = (first - 1) * step, (last + 1) * step
            widen = [
                (cost, new, tick)
                for cost, new, tick, ok in (
                    (domain[0] - below, [below, domain[1]], below, below >= bottom - eps),
                    (above - domain[1], [domain[0], above], above, above <= top + eps),
                )
                if ok and cost <= min(step / 2, WIDEN * (domain[1] - domain[0]))
            ]
            if widen:
                _, new, tick = min(widen, key=lambda option: option[0])
                return new, sorted([*ticks, _round(tick)])
        if len(ticks) > 5 and fallback:
            break
        fallback.append((domain, ticks))
    return min(fallback, key=lambda option: (abs(len(option[1]) - 4), -len(option[1])))


def _tick_format(ticks: list[float]) -> str:
    """A d3 format that writes every tick with as many decimals as the finest needs
    (``0,5 1,0 1,5``; ``1.250`` with the thousands separator)."""
    return f",.{_decimals(ticks)}f"


def _decimals(ticks: list[float]) -> int:
    return max((len(f"{t:.6g}".partition(".")[2]) for t in ticks), default=0)


def _wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` in ``lines`` lines of at most ``width`` characters, cut at spaces: past the
    last, an ellipsis; a shorter text is followed by blank lines, so that every chart's
    title takes as many lines and the plots of a row line up."""
    out = [""]
    for word in text.split():
        joined = f"{out[-1]} {word}".strip()
        if len(joined) <= width or not out[-1]:
            out[-1] = joined
        else:
            out.append(word)
    if len(out) > lines:
        last = " ".join(out[lines - 1 :])[: width - 1]
        last = last.rsplit(" ", 1)[0] if " " in last else last
        out = [*out[: lines - 1], last.rstrip(" ,;:–-") + "…"]
    return out + [" "] * (lines - len(out))  # as many lines on every chart: plots in a row align


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""
    a, b = sorted([_luminance(colour), _luminance(background)], reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_colour(colour: str) -> str:
    """``colour``, darkened just enough to be read as text on white (contrast ≥ 4.5:1)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    out = colour
    for step in range(21):
        out = "#" + "".join(f"{round(c * (1 - step / 20)):02x}" for c in rgb)
        if contrast(out) >= MIN_CONTRAST:
            break
    return out


def _description(
    target: Target,
    locale,
    status,
    data,
    labels,
    results,
    running,
    periods,
    cone,
    reference=None,
    due=None,
) -> str:
    """The chart in a sentence: the target, its status, the figures by year (each year's
    verdict where the chart shows one), those of the unit compared with (``reference``: its
    name and figures), the target and the projection to the year it is due (``due``)."""
    w, lang = locale.word, locale.code
    parts = [w("chart_desc", id=target.id, name=target.name(lang), status=locale.status(status))]
    codes = results if results is not None else [None] * len(data)
    data = data.assign(code=codes)
    if data.empty:
        parts.append(w("chart_desc_none"))
    for label in labels:
        part = data if label is None else data[data["basis"] == label]
        if part.empty:  # no figures (on this basis)
            continue
        figures = _figure_list(part, target, locale)
        if label is not None:
            parts.append(w("chart_desc_basis", basis=label, figures=figures))
        elif running:
            parts.append(w("chart_desc_total", first=target.first_year, figures=figures))
        else:
            parts.append(w("chart_desc_figures", figures=figures))
    if reference is not None:
        ref_name, ref_rows = reference
        figures = _figure_list(ref_rows.assign(code=None), target, locale)
        parts.append(w("chart_desc_reference", ref=ref_name, figures=figures))
    goals = [_goal(t, locale) for t, _ in periods]
    said = goals[0] + "".join(
        "; " + w("chart_desc_from", year=span[0], target=goal)
        for (_, span), goal in zip(periods[1:], goals[1:], strict=True)
    )
    parts.append(w("chart_desc_target", target=said))
    if cone is not None:
        end = cone.iloc[-1]
        low, high = (show(end[k], target, lang, raw=True) for k in ("low", "high"))
        rng = w("projection_range", low=low, high=high) if low != high else ""
        mid = show(end["mid"], target, lang, raw=True)
        year = target.target_year if due is None else due
        parts.append(w("chart_desc_projection", T=year, value=mid, rng=rng))
    return " ".join(parts)


def _goal(t: Target, locale) -> str:
    goal = goal_text(t, locale.code)
    if t.basis is None:
        return goal
    return locale.word("goal_on_basis", goal=goal, basis=locale.basis(t.basis))


def _figure_list(part: pd.DataFrame, target: Target, locale) -> str:
    """``2020: 71,2 %; 2021: 73,5 % (ước thực hiện); 2022: không có số liệu; …``"""
    w, lang = locale.word, locale.code
    verdicts = {"pass": w("chart_desc_met"), "fail": w("chart_desc_not_met")}
    by_year = {int(r["year"]): r for r in part.to_dict("records")}
    items = []
    for year in range(min(by_year), max(by_year) + 1):
        r = by_year.get(year)
        if r is None:
            items.append(w("chart_desc_year", year=year, value=w("chart_desc_missing")))
            continue
        notes = [w("chart_desc_estimate")] if r["value_kind"] == "estimate" else []
        if r["code"] == "not_counted":
            notes.append(w("chart_desc_not_counted"))
        elif r["code"] in verdicts and target.measure != "boolean":  # a yes/no value says it
            notes.append(verdicts[r["code"]])
        text = show(r["value"], target, lang, raw=True)
        if notes:
            text = w("chart_desc_notes", value=text, notes=", ".join(notes))
        items.append(w("chart_desc_year", year=year, value=text))
    return "; ".join(items)


# -- the shared legend and the grid -------------------------------------------------------


def _line(colour: str, dash: str = "", width: float = 2) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="1" y1="6" x2="23" y2="6" stroke="{colour}" stroke-width="{width}"{dashed}/>'


def _dot(colour: str) -> str:
    return f'<circle cx="12" cy="6" r="4" fill="{colour}"/>'


#: How the legend draws each mark (SVG in a 24 × 12 box), as the charts draw it.
SWATCHES = {
    "actual": _line(COLOURS["figure"], width=1.5) + _dot(COLOURS["figure"]),
    "estimate": f'<rect x="8" y="2" width="8" height="8" fill="{COLOURS["figure"]}"/>',
    "pass": _dot(COLOURS["pass"]),
    "fail": _dot(COLOURS["fail"]),
    "not_counted": _dot(COLOURS["neutral"]),
    "target": _line(COLOURS["target"], "6 4", 1.5),
    "range": f'<rect x="1" y="1" width="22" height="10" fill="{COLOURS["pass"]}" fill-opacity="0.3"/>',
    "path": f'<line x1="1" y1="10" x2="23" y2="2" stroke="{COLOURS["target"]}" stroke-width="1.5" stroke-dasharray="4 4"/>',
    "restated": f'<path d="M12 1 L17 6 L12 11 L7 6 Z" fill="{COLOURS["target"]}"/>',
    "projection": _line(COLOURS["figure"], "2 3", 1.5),
    "projection_band": f'<path d="M1 6 L23 1 L23 11 Z" fill="{COLOURS["figure"]}" fill-opacity="0.25"/>',
    "reference": _line(COLOURS["reference"], width=1.5) + _dot(COLOURS["reference"]),
    # a level due by a year: drawn to that year, ended by an upright stroke
    "target_by": f'<line x1="1" y1="6" x2="17" y2="6" stroke="{COLOURS["target"]}" stroke-width="1.5" stroke-dasharray="6 4"/>'
                 f'<line x1="18" y1="1" x2="18" y2="11" stroke="{COLOURS["target"]}" stroke-width="1.5"/>',
    "range_by": f'<rect x="1" y="1" width="17" height="10" fill="{COLOURS["pass"]}" fill-opacity="0.3"/>',
}  # fmt: skip
_SVG = '<svg width="24" height="12" viewBox="0 0 24 12" aria-hidden="true" focusable="false" style="flex:none">{}</svg>'
_ITEM = '<span role="listitem" style="display:inline-flex;align-items:center;gap:4px;white-space:nowrap">{}{}</span>'


def _marks_of(
    specs_or_marks: Iterable[dict | str],
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, int]]]:
    """The marks used (in the legend's order), each basis (its catalog code) with its colour,
    each unit compared with (its name) with its colour, and each target due by a year inside
    the term (its mark and year)."""
    used, bases, references, dues = set(), [], [], []
    for item in specs_or_marks:
        if isinstance(item, dict):
            ward = item.get("usermeta", {}).get("ward", {})
            used.update(ward.get("marks", []))
            bases += [tuple(b) for b in ward.get("bases", [])]
            references += [tuple(r) for r in ward.get("references", [])]
            dues += [tuple(d) for d in ward.get("due", [])]
        else:
            used.add(item)
    unknown = sorted(used - set(MARKS))
    if unknown:
        raise WardAnalysisError(
            f"the chart legend has no mark named {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(MARKS)})"
        )
    return (
        [m for m in MARKS if m in used],
        list(dict.fromkeys(bases)),
        list(dict.fromkeys(references)),
        sorted(set(dues), key=lambda d: (d[1], d[0])),
    )


def legend_html(specs_or_marks: Iterable[dict | str], *, lang: str = "vi") -> str:
    """One legend for a page's charts: every kind of mark they use, and only those.

    ``specs_or_marks``: specs of :func:`target_spec` (their ``usermeta["ward"]`` lists their
    marks, bases and the units they compare with) or mark codes (:data:`MARKS`). Each entry is a small SVG swatch drawn as
    the charts draw the mark (hidden from screen readers) and its name in the report's
    language, in a ``<div class="ward-legend" role="list">``; "" when there is nothing to name.
    """
    locale = get_locale(lang)
    w = locale.word
    marks, bases, references, dues = _marks_of(specs_or_marks)
    items = []
    for mark in marks:
        if mark == "basis":
            items += [
                _ITEM.format(
                    _SVG.format(_line(colour, width=1.5) + _dot(colour)),
                    html.escape(w("legend_basis", basis=locale.basis(code))),
                )
                for code, colour in bases
            ]
        elif mark == "reference":  # each unit compared with, by its name
            named = [html.escape(w("legend_reference", ref=name)) for name, _ in references]
            items += [
                _ITEM.format(_SVG.format(SWATCHES[mark]), text)
                for text in named or [html.escape(w("legend_reference_any"))]
            ]
        elif mark in ("target_by", "range_by"):  # each year a target is due by
            named = [html.escape(w(f"legend_{mark}", Y=year)) for m, year in dues if m == mark]
            items += [
                _ITEM.format(_SVG.format(SWATCHES[mark]), text)
                for text in named or [html.escape(w(f"legend_{mark}_any"))]
            ]
        else:
            items.append(
                _ITEM.format(_SVG.format(SWATCHES[mark]), html.escape(w(f"legend_{mark}")))
            )
    if not items:
        return ""
    label = html.escape(w("legend_title"))
    return (
        f'<div class="ward-legend" role="list" aria-label="{label}" '
        'style="display:flex;flex-wrap:wrap;gap:2px 12px;margin:4px 0 10px;font-size:12px;line-height:1.6">'
        + "".join(items)
        + "</div>"
    )


#: What a spec of a concatenated chart may not carry (only the top level may).
_TOP_LEVEL_ONLY = ("$schema", "config", "usermeta", "autosize")


class ChartGrid:
    """A page's charts as small multiples, for ``display()``: :data:`CHARTS_MIMETYPE` for the
    HTML reports (each chart's spec and description, the columns and the shared legend) and
    one concatenated Vega-Lite 5 spec of the same charts for JupyterLab."""

    def __init__(self, specs: Iterable[dict], *, lang: str = "vi", columns: int = COLUMNS):
        self.specs = list(specs)
        self.lang = get_locale(lang).code
        self.columns = columns

    def charts(self) -> list[dict]:
        """``{"id", "spec", "description"}`` of each chart."""
        return [
            {"id": s["usermeta"]["ward"]["target"], "spec": s, "description": description(s)}
            for s in self.specs
        ]

    def legend_html(self) -> str:
        """The legend of every mark these charts use."""
        return legend_html(self.specs, lang=self.lang)

    def concat_spec(self) -> dict:
        """The charts as one Vega-Lite 5 spec, :attr:`columns` to a row."""
        first = self.specs[0] if self.specs else {}
        embed = first.get("usermeta", {}).get("embedOptions", {"actions": False})
        return {
            "$schema": V5_SCHEMA,
            "config": first.get("config", _chart_config()),
            "usermeta": {"embedOptions": embed},
            "columns": self.columns,
            "spacing": 24,
            # each chart its own colours and shapes (a concatenation would share them)
            "resolve": {"scale": {"color": "independent", "shape": "independent"}},
            "concat": [
                {k: v for k, v in s.items() if k not in _TOP_LEVEL_ONLY} for s in self.specs
            ],
        }

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            CHARTS_MIMETYPE: {
                "charts": self.charts(),
                "columns": self.columns,
                "legend": self.legend_html(),
            },
            MIMETYPE: self.concat_spec(),
            "text/plain": "\n".join(description(s) for s in self.specs) or "<charts>",
        }


def chart_grid(specs: Iterable[dict], *, lang: str = "vi") -> ChartGrid:
    """A page's charts (specs of :func:`target_spec`) for ``display()`` as small multiples,
    :data:`COLUMNS` to a row; show :func:`legend_html` of the same specs above them."""
    return ChartGrid(specs, lang=lang)


# -- restatements and the projection ------------------------------------------------------


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


def _period_layers(
    kind, periods, raw: pd.DataFrame, x: dict, locale
) -> tuple[list[dict], list[str]]:
    """The target of each period (a line, band or growth path that changes where a
    restatement took effect), and a mark at each period's start naming it; with the
    legend's names of the marks drawn."""
    w = locale.word
    level, band, path, starts = [], [], [], []
    for i, (t, span) in enumerate(periods):
        on_basis = comparable(raw["basis"].to_numpy(dtype=object), t.basis)
        overlay = kind.overlay(t, raw[on_basis], span)
        if overlay.until is not None:  # due by a year inside the term: nothing after it
            span = [yr for yr in span if yr <= overlay.until]
            if not span:
                continue
        named = {"target": goal_text(t, locale.code),
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
    drawn = {"target": level, "range": band, "path": path, "restated": starts}
    return layers, [mark for mark, points in drawn.items() if points]


def _projection_cone(kind, target: Target, a: pd.Series, rows: pd.DataFrame, figures: pd.DataFrame):
    """A straight cone from the latest figure to the projected value and interval of the year
    the target is due (the end of the term, or a ``by_year`` target's year)."""
    if a["status"] in (*FINAL_STATUSES, "not_comparable") or pd.isna(a.get("projected_value")):
        return None
    if rows.empty:
        return None
    last_year, last = int(rows["year"].iloc[-1]), float(rows["value"].iloc[-1])
    due = kind.verdict_year(target)
    if last_year >= due:
        return None
    levels = kind.projection_levels(target, a, figures)
    if levels is None:
        return None
    mid, low, high = levels
    return pd.DataFrame(
        {
            "year": [last_year, due],
            "mid": [last, mid],
            "low": [last, low],
            "high": [last, high],
        }
    )
