"""One plain sentence per assessed target, in any language of :mod:`.locale`.

The model says which situation each row is in (its kind's :meth:`~ward_analysis.model.kinds.Kind.sentence_cases`)
and gives the numbers; this module picks the locale's template for (kind, case) and fills
it. :func:`describe` adds the status label and the sentence to an assessment frame.
"""

from __future__ import annotations

import datetime as dt
import string

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..model import kinds
from ..model.catalog import Catalog, Target
from ..schema import LEVEL_MEASURES, STATUS_SOURCES, UPWARD_COMPARATORS
from .bases import restated_sentences
from .format import (
    band_text,
    change_goal,
    change_phrase,
    compared_unit,
    decimals_for,
    format_value,
    own_decimals,
    percent,
    reference_name,
    relative_goal,
    show,
    show_limit,
    show_target,
)
from .locale import Locale, get_locale

#: How a target is judged; where the wording of a case differs between them, the locale
#: holds its sentence per direction (a dict keyed by these codes).
DIRECTIONS = ("floor", "ceiling", "range", "yes_no", "rating")
_LEVEL_DIRECTIONS = {"boolean": "yes_no", "rating": "rating"}


def direction(target: Target) -> str:
    """The direction of a target: ``floor`` (at least), ``ceiling`` (at most), ``range``
    (from … to …), ``yes_no`` or ``rating``."""
    if target.measure in _LEVEL_DIRECTIONS:
        return _LEVEL_DIRECTIONS[target.measure]
    if target.upper is not None:
        return "range"
    return "floor" if target.comparator in UPWARD_COMPARATORS else "ceiling"


def _texts(values: np.ndarray, fmt) -> np.ndarray:
    """Format an array of numbers by formatting each distinct value once."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), "–", dtype=object)
    ok = ~np.isnan(values)
    if ok.any():
        uniq, inv = np.unique(values[ok], return_inverse=True)
        out[ok] = np.array([fmt(float(v)) for v in uniq] + [""], dtype=object)[:-1][inv]
    return out


class _Fields:
    """The pieces of the sentences of one target, formatted on first use."""

    def __init__(self, c: dict[str, np.ndarray], t: Target, locale: Locale):
        self.c, self.t, self.locale, self.lang = c, t, locale, locale.code
        self.d = decimals_for(t)
        self.cache: dict[str, object] = {}
        top = "" if t.upper is None else show(t.upper, t, self.lang, decimals=own_decimals(t.upper))
        self.constants = {
            "name": t.name(self.lang),
            "goal": show_target(t, self.lang),
            "limit": show_limit(t, self.lang),
            "T": str(t.target_year),
            "Y": str(kinds.get(t.kind).verdict_year(t)),
            "first": str(t.first_year),
            "base": str(t.base_year),
            "basis": locale.basis(str(t.basis)),
            "as_of": str(int(c["as_of"][0])) if len(c["as_of"]) else "",
            "above_text": locale.word("above_range", top=top) if top else "",
            "band": band_text(t, self.lang),
            "ref": reference_name(t, self.lang),
        }
        if t.direction is not None:  # a change a year: its way, in words
            self.constants |= {"dgoal": change_goal(t, self.lang),
                               "dverb": locale.word(f"verb_{t.direction}")}  # fmt: skip
        if t.reference is not None:
            self.constants["rgoal"] = relative_goal(t, self.lang)

    def _value_texts(self, key: str) -> np.ndarray:
        return self._figures(self.c[key])

    def _figures(self, values) -> np.ndarray:
        """Figures compared with the threshold, as the report writes them."""
        values = np.round(np.asarray(values, dtype=float), 1 if self.d is None else self.d)
        t, lang, d = self.t, self.lang, self.d
        if t.measure in LEVEL_MEASURES:
            return _texts(values, lambda v: show(v, t, lang))
        unit = compared_unit(t)
        return _texts(values, lambda v: format_value(v, unit, lang=lang, decimals=d))

    def __getitem__(self, name: str):
        if name in self.constants:
            return self.constants[name]
        if name not in self.cache:
            self.cache[name] = self._make(name)
        return self.cache[name]

    def _make(self, name: str):
        c, lang, word = self.c, self.lang, self.locale.word
        year = lambda v: str(int(v)) if v >= 0 else "–"  # noqa: E731
        if name == "est":  # beside the latest figure: whether that figure is an estimate
            said = c["latest_estimate"] if "latest_estimate" in c else c["uses_estimate"]
            return np.where(said, word("estimate_mark"), "").astype(object)
        if name in ("ly", "fy", "oy", "dy"):
            key = {"ly": "latest_year", "fy": "first_year_used", "oy": "other_basis_first",
                   "dy": "detail_year"}[name]  # fmt: skip
            return _texts(np.asarray(c[key], dtype=float), year)
        if name in ("lv", "pv", "dv"):
            return self._value_texts(
                {"lv": "latest_value", "pv": "projected_value", "dv": "detail_value"}[name]
            )
        if name == "rng":  # " (khoảng dự báo từ 72,2 đến 83,6 %)"; "" where both ends show alike
            places = 1 if self.d is None else self.d
            number = lambda v: format_value(v, "", lang=lang, decimals=self.d)  # noqa: E731
            low, high = (
                _texts(np.round(np.asarray(c[k], dtype=float), places), number)
                for k in ("projected_low", "projected_high")
            )
            ends = zip(low, high, self._value_texts("projected_high"), strict=True)
            return np.array(
                ["" if lo in (hi, "–") or hi == "–" else word("projection_range", low=lo, high=full)
                 for lo, hi, full in ends],
                dtype=object,
            )  # fmt: skip
        if name == "span":  # the years of a running total: "2021–2023", or the one year
            first = self.t.first_year
            return np.array(
                ["–" if y != y else word("span_one", first=first) if y <= first
                 else word("span", first=first, last=int(y))
                 for y in np.asarray(c["latest_year"], dtype=float)],
                dtype=object,
            )  # fmt: skip
        if name == "p":
            # as page one and the tables say it (rounded down): only the digits that cannot
            # change the whole percentage are dropped, so that equal texts are made once
            return _texts(
                np.floor(np.asarray(c["probability"], dtype=float) * 1e6) / 1e6,
                lambda v: percent(v, lang),
            )
        if name == "ob":
            return np.array([self.locale.basis(str(b)) for b in c["other_basis"]], dtype=object)
        if name == "above":
            return np.where(c["above_range"], self.constants["above_text"], "").astype(object)
        if name == "verdict":
            yes, no = word("verdict_met"), word("verdict_not_met")
            return np.where(c["status"] == "achieved", yes, no).astype(object)
        if name == "req":  # the growth still needed (a floor) or still allowed (a ceiling)
            req = np.asarray(c["required_pace"], dtype=float)
            size = self._figures(np.abs(req))
            if direction(self.t) == "ceiling":
                said = [word("allowed_growth" if not r < 0 else "required_fall", req=v)
                        for r, v in zip(req, size, strict=True)]  # fmt: skip
            else:
                said = [word("enough") if r <= 0 else word("required_growth", req=v)
                        for r, v in zip(req, size, strict=True)]  # fmt: skip
            return np.array(said, dtype=object)
        if name in ("pmove", "lmove"):  # a change a year the target's way, as a phrase
            key = {"pmove": "projected_value", "lmove": "latest_value"}[name]
            t = self.t
            return _texts(np.asarray(c[key], dtype=float), lambda v: change_phrase(v, t, lang))
        if name == "rmove":  # the change a year still needed (or still allowed)
            return self._required_change()
        if name == "mrng":  # the interval of a change a year, said the way its middle goes
            return self._change_range()
        raise KeyError(name)

    def _change_range(self) -> np.ndarray:
        """`` (khoảng dự báo từ 0,03 đến 0,33 điểm %/năm)``: an interval of a change a year on
        one side, its sizes from the smaller; one from one way to the other, each end said with
        its way; "" where both ends show alike."""
        word, t, lang = self.locale.word, self.t, self.lang
        out = []
        lows = np.asarray(self.c["projected_low"], dtype=float)
        highs = np.asarray(self.c["projected_high"], dtype=float)
        for low, high in zip(lows, highs, strict=True):
            if np.isnan(low) or np.isnan(high):
                out.append("")
                continue
            if low >= 0 or high <= 0:  # one way: the sizes, as the middle's phrase says it
                small, large = (
                    format_value(v, "", lang=lang, decimals=self.d)
                    for v in sorted((abs(low), abs(high)))
                )
                if small == large:
                    out.append("")
                    continue
                ends = (small, show(max(abs(low), abs(high)), t, lang))
            else:
                ends = (change_phrase(low, t, lang), change_phrase(high, t, lang))
            out.append(word("projection_range", low=ends[0], high=ends[1]))
        return np.array(out, dtype=object)

    def _required_change(self) -> np.ndarray:
        """``các năm còn lại cần giảm bình quân 0,3 điểm %/năm`` (a floor), ``… chỉ được …`` (a
        ceiling), or that the level reached is enough."""
        word, t, lang = self.locale.word, self.t, self.lang
        ceiling = direction(t) == "ceiling"
        out = []
        for r in np.asarray(self.c["required_pace"], dtype=float):
            if np.isnan(r):
                out.append("–")
            elif ceiling:
                key = "change_allowed" if r >= 0 else "change_required"
                out.append(word(key, move=change_phrase(r, t, lang)))
            else:
                out.append(word("change_enough") if r <= 0 else
                           word("change_required", move=change_phrase(r, t, lang)))  # fmt: skip
        return np.array(out, dtype=object)


def _sentences(c: dict[str, np.ndarray], t: Target, locale: Locale) -> np.ndarray:
    """The sentences for the rows of one target (``c``: column arrays)."""
    n = len(c["status"])
    fields = _Fields(c, t, locale)
    out = np.full(n, None, dtype=object)
    done = np.zeros(n, dtype=bool)

    def fill(mask: np.ndarray, case: tuple[str, str]) -> None:
        rows = np.flatnonzero(mask & ~done)
        if not len(rows):
            return
        done[rows] = True
        if case not in locale.sentences:
            raise WardAnalysisError(
                f"the '{locale.code}' locale has no sentence for kind '{case[0]}', case "
                f"'{case[1]}' (add it to ward_analysis/present/locale.py)"
            )
        sentence = locale.sentences[case]
        if isinstance(sentence, dict):  # worded per direction (a ceiling is not a floor)
            way = direction(t)
            if way not in sentence:
                raise WardAnalysisError(
                    f"the '{locale.code}' locale has no sentence for kind '{case[0]}', case "
                    f"'{case[1]}', direction '{way}' (add it to ward_analysis/present/locale.py)"
                )
            sentence = sentence[way]
        template, columns = "", []
        for literal, field, _, _ in string.Formatter().parse(sentence):
            value = fields[field] if field else ""
            if isinstance(value, np.ndarray):
                template += literal.replace("%", "%%") + "%s"
                columns.append(value[rows].tolist())
            else:  # constants go straight into the template
                template += (literal + value).replace("%", "%%")
        out[rows] = (
            [template % parts for parts in zip(*columns, strict=True)] if columns else template % ()
        )

    fill(c["status"] == "not_comparable", ("any", "not_comparable"))
    fill(c["n_points"] == 0, ("any", "no_data"))
    for mask, case in kinds.get(t.kind).sentence_cases(c, t):
        fill(mask, (t.kind, case))
    return out


_NEEDED = ("status", "uses_estimate", "latest_year", "first_year_used", "latest_value", "projected_value",
           "projected_low", "projected_high", "probability", "above_range", "other_basis", "other_basis_first",
           "n_points", "as_of", "detail_year", "detail_value", "required_pace")  # fmt: skip
_OPTIONAL = ("latest_estimate",)
_YEARS = ("latest_year", "first_year_used", "other_basis_first", "detail_year")


def explanations(frame: pd.DataFrame, catalog: Catalog, lang: str = "vi") -> np.ndarray:
    """The sentence of each row of an assessment frame, in language ``lang``: the model's
    (chosen by the computed status), then the chance that the final figure meets the target
    where the status is provisional, and the analyst's reason where they set it."""
    locale = get_locale(lang)
    out = np.empty(len(frame), dtype=object)
    columns = {}
    for k in _NEEDED + _OPTIONAL:
        if k not in frame:
            continue  # a frame from before the column existed (read back from a CSV)
        col = frame["computed_status"] if k == "status" and "computed_status" in frame else frame[k]
        columns[k] = col.to_numpy(dtype=float, na_value=np.nan) if k in _YEARS else col.to_numpy()
    groups = frame.groupby(["target_id", "as_of"], sort=False).indices
    for (tid, as_of), idx in groups.items():  # each target as it stands in its as-of year
        sub = {k: v[idx] for k, v in columns.items()}
        out[idx] = _sentences(sub, catalog[tid].in_force(int(as_of)), locale)
    marked = provisional(frame) & frame["probability"].notna().to_numpy()
    if marked.any():  # a final status on an estimate: how likely the final figure meets it
        out[marked] = out[marked] + " " + provisional_clauses(frame[marked], locale)
    restated = restated_sentences(frame, catalog, locale)
    out[restated != ""] += " " + restated[restated != ""]
    analyst = by_analyst(frame)
    if analyst.any():
        out[analyst] = out[analyst] + " " + override_reasons(frame[analyst], locale)
    return out


def by_analyst(frame: pd.DataFrame) -> np.ndarray:
    """Which rows have a status set by an analyst (``status_source`` "analyst")."""
    if "status_source" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return (frame["status_source"] == STATUS_SOURCES[1]).to_numpy()


def analyst_notes(frame: pd.DataFrame, lang: str | Locale = "vi") -> np.ndarray:
    """For rows whose status an analyst set: that it was, and the model's status ("do cán bộ
    phân tích xác định; theo mô hình dự báo: Đúng tiến độ"); "" for the others."""
    locale = get_locale(lang)
    out = np.full(len(frame), "", dtype=object)
    analyst = by_analyst(frame)
    computed = frame["computed_status"].to_numpy(dtype=object)[analyst] if analyst.any() else []
    out[analyst] = [locale.word("analyst_note", computed=locale.status(c)) for c in computed]
    return out


def provisional(frame: pd.DataFrame) -> np.ndarray:
    """Which rows have a final status resting on an estimate (``provisional``; none where
    the assessment has no such column)."""
    if "provisional" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["provisional"].eq(True).to_numpy(dtype=bool)


def provisional_clauses(frame: pd.DataFrame, lang: str | Locale = "vi") -> np.ndarray:
    """For rows whose final status rests on an estimate: the chance that the final figure
    meets the target ("khả năng số chính thức vẫn đạt: 62 %"), worded by the model's status."""
    locale = get_locale(lang)
    status = frame["computed_status"] if "computed_status" in frame else frame["status"]
    return np.array(
        [locale.word("provisional_met" if s == "achieved" else "provisional_missed",
                     p=percent(float(p), locale.code))
         for s, p in zip(status, frame["probability"], strict=True)],
        dtype=object,
    )  # fmt: skip


def status_labels(frame: pd.DataFrame, lang: str | Locale = "vi") -> np.ndarray:
    """The status of each row in words; one an analyst set is marked so, with the model's
    beside it: "Đã đạt (do cán bộ phân tích xác định; theo mô hình dự báo: Đúng tiến độ)"."""
    locale = get_locale(lang)
    labels = frame["status"].map(locale.statuses).to_numpy(dtype=object)
    labels[provisional(frame)] += locale.word("provisional_mark")
    notes = analyst_notes(frame, locale)
    marked = notes != ""
    labels[marked] = [
        locale.word("analyst_status", status=label, note=note)
        for label, note in zip(labels[marked], notes[marked], strict=True)
    ]
    return labels


def override_reasons(frame: pd.DataFrame, lang: str | Locale = "vi") -> np.ndarray:
    """The analyst's decision for each row of ``frame`` (rows whose status an analyst set):
    which status, who, when and why."""
    locale = get_locale(lang)
    out = []
    for r in frame[["status", "override_by", "override_date", "override_reason"]].itertuples(
        index=False
    ):
        day = dt.date.fromisoformat(str(r.override_date))
        date = locale.word("date", d=day.day, m=day.month, y=day.year)
        out.append(locale.word("analyst_reason", status=locale.status(r.status), by=r.override_by,
                               date=date, reason=str(r.override_reason).rstrip(" .")))  # fmt: skip
    return np.array(out, dtype=object)


def describe(assessment: pd.DataFrame, catalog: Catalog, *, lang: str = "vi") -> pd.DataFrame:
    """The assessment with three columns in words: ``status_label``, ``method_label`` and
    ``explanation`` (one plain sentence), in language ``lang``. A status an analyst set is
    labelled so, with the model's status; the explanation then ends with their reason.

    >>> wa.describe(wa.assess(catalog, obs, as_of=2023), catalog, lang="vi")
    """
    locale = get_locale(lang)
    return assessment.assign(
        status_label=status_labels(assessment, locale),
        method_label=assessment["method"].map(locale.methods),
        explanation=explanations(assessment, catalog, locale.code) if len(assessment) else [],
    )
