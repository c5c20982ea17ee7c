"""One plain sentence per assessed target, in Vietnamese and in English."""

from __future__ import annotations

import math
import string

import numpy as np
import pandas as pd

from .catalog import Catalog, Target
from .numbers import format_value

_CMP = {
    "vi": {">=": "", ">": "trên ", "<=": "không quá ", "<": "dưới ", "==": ""},
    "en": {">=": "at least ", ">": "above ", "<=": "at most ", "<": "below ", "==": ""},
}
_EST = {"vi": " (ước thực hiện)", "en": " (estimate)"}


def _unit(target: Target) -> str:
    return "%/năm" if target.kind == "average_growth" else target.unit_of_measure


def _own_decimals(x: float) -> int:
    text = f"{x:.6g}"
    return len(text.split(".")[1]) if "." in text else 0


def _decimals(target: Target) -> int | None:
    """Decimals for a target's figures: the usual ones, or more if its threshold has more."""
    usual = {"%": 1, "%/năm": 1, "km": 2}.get(_unit(target))
    if usual is None:
        return None
    return max(usual, _own_decimals(target.threshold_value))


def show(
    value: float, target: Target, lang: str, *, decimals: int | None = None, raw: bool = False
) -> str:
    """A value of ``target`` as people read it: ``76,4 %``, ``Khá``, ``Đạt``.

    ``raw=True`` shows a yearly figure in the unit of the tables even where the
    target compares something else (an average growth target's amounts).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if target.measure == "boolean" and target.kind != "cumulative":
        yes = value >= 0.5
        return ("Đạt" if yes else "Không đạt") if lang == "vi" else ("met" if yes else "not met")
    if target.measure == "rating" and target.rating_scale:
        return target.rating_scale[round(value)]
    if decimals is None:
        decimals = _decimals(target)
    unit = target.unit_of_measure if raw else _unit(target)
    return format_value(
        float(value), unit, lang=lang, decimals=None if raw and unit != _unit(target) else decimals
    )


def show_range(
    low: float, high: float, target: Target, lang: str, *, decimals: int | None = None
) -> str:
    """``6–13 đường``, ``74,1–84,0 %``: the unit written once."""
    high_text = show(high, target, lang, decimals=decimals)
    if target.measure in ("boolean", "rating") or low is None or math.isnan(low):
        return f"{show(low, target, lang, decimals=decimals)}–{high_text}"
    low_text = show(low, target, lang, decimals=decimals)
    low_number = format_value(
        float(low), "", lang=lang, decimals=decimals if decimals is not None else _decimals(target)
    )
    return f"{low_number}–{high_text}" if low_text != high_text else low_text


def show_target(target: Target, lang: str) -> str:
    """The threshold as a phrase: ``80 %``, ``dưới 1 %``, ``8–10 đường``, ``Khá trở lên``."""
    if target.measure == "boolean":
        return "Đạt" if lang == "vi" else "met"
    if target.measure == "rating":
        return (
            f"{target.threshold_label} trở lên"
            if lang == "vi"
            else f"{target.threshold_label} or better"
        )
    thr = target.threshold_value
    if target.upper is not None:
        places = max(_own_decimals(thr), _own_decimals(target.upper))
        return show_range(thr, target.upper, target, lang, decimals=places)
    return f"{_CMP[lang][target.comparator]}{show(thr, target, lang, decimals=_own_decimals(thr))}"


def _pct(p: float, lang: str) -> str:
    if p is None or math.isnan(p):
        return "–"
    return f"{round(p * 100)} %" if lang == "vi" else f"{round(p * 100)}%"


def _texts(values: np.ndarray, fmt) -> np.ndarray:
    """Format an array of numbers by formatting each distinct value once."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), "–", dtype=object)
    ok = ~np.isnan(values)
    if ok.any():
        uniq, inv = np.unique(values[ok], return_inverse=True)
        out[ok] = np.array([fmt(float(v)) for v in uniq] + [""], dtype=object)[:-1][inv]
    return out


# Sentence templates by (kind, case) and language; fields are filled from _Fields.
_TEMPLATES: dict[tuple[str, str], dict[str, str]] = {
    ("any", "not_comparable"): {
        "vi": "{name}: từ năm {oy} số liệu tính theo chuẩn {ob}, không so sánh được với chỉ tiêu (chuẩn {basis}).",
        "en": "{name}: since {oy} the figures use the {ob} standard, not comparable with the target's ({basis}).",
    },
    ("any", "no_data"): {
        "vi": "{name}: chưa có số liệu đến năm {as_of}.",
        "en": "{name}: no figures up to {as_of}.",
    },
    ("annual", "missed"): {
        "vi": "{name} năm {dy} chỉ đạt {dv}, không đạt mức {goal} yêu cầu hằng năm.",
        "en": "{name} was {dv} in {dy}, missing the every-year target of {goal}.",
    },
    ("annual", "achieved"): {
        "vi": "{name}: đạt {goal} trong tất cả các năm {first}–{T}{est}.",
        "en": "{name}: met {goal} in every year {first}–{T}{est}.",
    },
    ("annual", "open"): {
        "vi": "{name} năm {ly}: {lv}{est}; xác suất các năm còn lại đến {T} đều đạt yêu cầu ({goal}): {p}.",
        "en": "{name} in {ly}: {lv}{est}; probability that every remaining year to {T} meets the target ({goal}): {p}.",
    },
    ("cumulative", "settled"): {
        "vi": "{name}: lũy kế {first}–{ly} đạt {lv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
        "en": "{name}: total {first}–{ly} is {lv}{est}; target {goal}: {verdict}{above}.",
    },
    ("cumulative", "not_started"): {
        "vi": "{name}: chưa tính lũy kế (tính từ năm {first}); theo số liệu đến năm {ly}, dự báo lũy kế đến {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        "en": "{name}: the term total counts from {first}; from the figures up to {ly}, the total by {T} is projected at {pv} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
    },
    ("cumulative", "open"): {
        "vi": "{name}: lũy kế {first}–{ly} đạt {lv}{est}; dự báo đến {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        "en": "{name}: total {first}–{ly} is {lv}{est}; projected {pv} by {T} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
    },
    ("average_growth", "final"): {
        "vi": "{name}: tăng bình quân {base}–{T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
        "en": "{name}: average growth {base}–{T} was {pv}{est}; target {goal}: {verdict}{above}.",
    },
    ("average_growth", "no_base"): {
        "vi": "{name}: cần số liệu năm gốc {base} và ít nhất một năm sau để tính tăng bình quân.",
        "en": "{name}: needs the {base} base-year figure and at least one later year to compute average growth.",
    },
    ("average_growth", "open"): {
        "vi": "{name}: tăng bình quân {base}–{ly} đạt {lv}{est}; {req}; dự báo cả giai đoạn {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        "en": "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term (80% range {rng}){above}; probability of reaching {goal}: {p}.",
    },
    ("end_level", "final"): {
        "vi": "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}.",
        "en": "{name} was {pv} in {T}{est}; target {goal}: {verdict}.",
    },
    ("end_level", "one_point"): {
        "vi": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng, nếu giữ nguyên thì xác suất đạt {goal} năm {T}: {p}.",
        "en": "{name} has a figure for {ly} only ({lv}){est}: no trend yet; if it holds, probability of {goal} in {T}: {p}.",
    },
    ("end_level", "pass_fail"): {
        "vi": "{name} năm {ly}: {lv}{est}; xác suất đạt {goal} năm {T}: {p}.",
        "en": "{name} in {ly}: {lv}{est}; probability of {goal} in {T}: {p}.",
    },
    ("end_level", "open"): {
        "vi": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        "en": "{name} was {lv} in {ly}{est}; on the {fy}–{ly} trend, {T} is projected at {pv} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
    },
}


class _Fields:
    """The pieces of the sentences of one target, formatted on first use."""

    def __init__(self, c: dict[str, np.ndarray], t: Target, lang: str):
        self.c, self.t, self.lang = c, t, lang
        self.d = _decimals(t)
        self.cache: dict[str, object] = {}
        vi = lang == "vi"
        top = "" if t.upper is None else show(t.upper, t, lang, decimals=_own_decimals(t.upper))
        self.constants = {
            "name": t.name_vi if vi else t.name_en,
            "goal": show_target(t, lang),
            "T": str(t.target_year),
            "first": str(t.first_year),
            "base": str(t.base_year),
            "basis": str(t.basis),
            "as_of": str(int(c["as_of"][0])) if len(c["as_of"]) else "",
            "above_text": (
                f" (vượt mức trên {top})" if vi else f" (above the top of the range, {top})"
            )
            if top
            else "",
        }

    def _value_texts(self, key: str) -> np.ndarray:
        values = np.round(np.asarray(self.c[key], dtype=float), 1 if self.d is None else self.d)
        t, lang, d = self.t, self.lang, self.d
        if t.measure in ("boolean", "rating") and t.kind != "cumulative":
            return _texts(values, lambda v: show(v, t, lang))
        unit = _unit(t)
        return _texts(values, lambda v: format_value(v, unit, lang=lang, decimals=d))

    def __getitem__(self, name: str):
        if name in self.constants:
            return self.constants[name]
        if name not in self.cache:
            self.cache[name] = self._make(name)
        return self.cache[name]

    def _make(self, name: str):
        c, lang, vi = self.c, self.lang, self.lang == "vi"
        year = lambda v: str(int(v)) if v >= 0 else "–"  # noqa: E731
        if name == "est":
            return np.where(c["uses_estimate"], _EST[lang], "").astype(object)
        if name in ("ly", "fy", "oy", "dy"):
            key = {
                "ly": "latest_year",
                "fy": "first_year_used",
                "oy": "other_basis_first",
                "dy": "detail_year",
            }[name]
            return _texts(np.asarray(c[key], dtype=float), year)
        if name in ("lv", "pv", "dv"):
            return self._value_texts(
                {"lv": "latest_value", "pv": "projected_value", "dv": "detail_value"}[name]
            )
        if name == "rng":
            low = _texts(
                np.round(
                    np.asarray(c["projected_low"], dtype=float), 1 if self.d is None else self.d
                ),
                lambda v: format_value(v, "", lang=lang, decimals=self.d),
            )
            return low + "–" + self._value_texts("projected_high")
        if name == "p":
            return _texts(
                np.round(np.asarray(c["probability"], dtype=float) * 100) / 100,
                lambda v: _pct(v, lang),
            )
        if name == "ob":
            return np.array([str(b) for b in c["other_basis"]], dtype=object)
        if name == "above":
            return np.where(c["above_range"], self.constants["above_text"], "").astype(object)
        if name == "verdict":
            yes, no = ("đã đạt", "không đạt") if vi else ("met", "not met")
            return np.where(c["status"] == "achieved", yes, no).astype(object)
        if name == "req":
            req = self._value_texts("required_pace")
            done = np.asarray(c["required_pace"], dtype=float) <= 0
            need = (
                ("cần tăng " + req + " các năm còn lại")
                if vi
                else (req + " needed in the remaining years")
            )
            enough = (
                "mức hiện tại đã đủ nếu không giảm"
                if vi
                else "the current level is enough if it does not fall"
            )
            return np.where(done, enough, need).astype(object)
        raise KeyError(name)


def _sentences(c: dict[str, np.ndarray], t: Target, lang: str) -> np.ndarray:
    """The sentences for the rows of one target (``c``: column arrays)."""
    n = len(c["status"])
    fields = _Fields(c, t, lang)
    out = np.full(n, None, dtype=object)
    done = np.zeros(n, dtype=bool)
    status = c["status"]

    def fill(mask: np.ndarray, case: tuple[str, str]) -> None:
        rows = np.flatnonzero(mask & ~done)
        if not len(rows):
            return
        done[rows] = True
        template, columns = "", []
        for literal, field, _, _ in string.Formatter().parse(_TEMPLATES[case][lang]):
            value = fields[field] if field else ""
            if isinstance(value, np.ndarray):
                template += literal.replace("%", "%%") + "%s"
                columns.append(value[rows].tolist())
            else:  # constants go straight into the template
                template += (literal + value).replace("%", "%%")
        out[rows] = (
            [template % parts for parts in zip(*columns, strict=True)] if columns else template % ()
        )

    every = np.ones(n, dtype=bool)
    final = (status == "achieved") | (status == "missed")
    fill(status == "not_comparable", ("any", "not_comparable"))
    fill(c["n_points"] == 0, ("any", "no_data"))
    if t.kind == "annual":
        fill(status == "missed", ("annual", "missed"))
        fill(status == "achieved", ("annual", "achieved"))
        fill(every, ("annual", "open"))
    elif t.kind == "cumulative":
        fill(
            (status == "missed") | ((status == "achieved") & (c["probability"] == 1.0)),
            ("cumulative", "settled"),
        )
        fill(
            np.asarray(c["latest_year"], dtype=float) < t.first_year, ("cumulative", "not_started")
        )
        fill(every, ("cumulative", "open"))
    elif t.kind == "average_growth":
        fill(final, ("average_growth", "final"))
        fill(status == "insufficient_data", ("average_growth", "no_base"))
        fill(every, ("average_growth", "open"))
    else:
        fill(final, ("end_level", "final"))
        fill(c["n_points"] == 1, ("end_level", "one_point"))
        if t.measure in ("boolean", "rating"):
            fill(every, ("end_level", "pass_fail"))
        fill(every, ("end_level", "open"))
    return out


_NEEDED = ("status", "uses_estimate", "latest_year", "first_year_used", "latest_value", "projected_value",
           "projected_low", "projected_high", "probability", "above_range", "other_basis", "other_basis_first",
           "n_points", "as_of", "detail_year", "detail_value", "required_pace")  # fmt: skip


def explanations(frame: pd.DataFrame, catalog: Catalog) -> tuple[np.ndarray, np.ndarray]:
    """The Vietnamese and English sentences for each row of an assessment frame."""
    vi = np.empty(len(frame), dtype=object)
    en = np.empty(len(frame), dtype=object)
    columns = {}
    for k in _NEEDED:
        col = frame[k]
        numeric = k in ("latest_year", "first_year_used")
        columns[k] = col.to_numpy(dtype=float, na_value=np.nan) if numeric else col.to_numpy()
    for tid, idx in frame.groupby("target_id", sort=False).indices.items():
        t = catalog[tid]
        sub = {k: v[idx] for k, v in columns.items()}
        vi[idx] = _sentences(sub, t, "vi")
        en[idx] = _sentences(sub, t, "en")
    return vi, en
