"""One plain sentence per assessed target, in any language of :mod:`.locale`.

The model says which situation each row is in (its kind's :meth:`~ward_analysis.model.kinds.Kind.sentence_cases`)
and gives the numbers; this module picks the locale's template for (kind, case) and fills
it. :func:`describe` adds the status label and the sentence to an assessment frame.
"""

from __future__ import annotations

import string

import numpy as np
import pandas as pd

from ..errors import WardAnalysisError
from ..model import kinds
from ..model.catalog import Catalog, Target
from ..schema import LEVEL_MEASURES
from .format import (
    compared_unit,
    decimals_for,
    format_value,
    own_decimals,
    percent,
    show,
    show_target,
)
from .locale import Locale, get_locale


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
            "T": str(t.target_year),
            "first": str(t.first_year),
            "base": str(t.base_year),
            "basis": str(t.basis),
            "as_of": str(int(c["as_of"][0])) if len(c["as_of"]) else "",
            "above_text": locale.word("above_range", top=top) if top else "",
        }

    def _value_texts(self, key: str) -> np.ndarray:
        values = np.round(np.asarray(self.c[key], dtype=float), 1 if self.d is None else self.d)
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
        if name == "est":
            return np.where(c["uses_estimate"], word("estimate_mark"), "").astype(object)
        if name in ("ly", "fy", "oy", "dy"):
            key = {"ly": "latest_year", "fy": "first_year_used", "oy": "other_basis_first",
                   "dy": "detail_year"}[name]  # fmt: skip
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
                lambda v: percent(v, lang),
            )
        if name == "ob":
            return np.array([str(b) for b in c["other_basis"]], dtype=object)
        if name == "above":
            return np.where(c["above_range"], self.constants["above_text"], "").astype(object)
        if name == "verdict":
            yes, no = word("verdict_met"), word("verdict_not_met")
            return np.where(c["status"] == "achieved", yes, no).astype(object)
        if name == "req":
            req = self._value_texts("required_pace")
            done = np.asarray(c["required_pace"], dtype=float) <= 0
            need = np.array([word("required_growth", req=r) for r in req], dtype=object)
            return np.where(done, word("enough"), need).astype(object)
        raise KeyError(name)


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
        template, columns = "", []
        for literal, field, _, _ in string.Formatter().parse(locale.sentences[case]):
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
_YEARS = ("latest_year", "first_year_used", "other_basis_first", "detail_year")


def explanations(frame: pd.DataFrame, catalog: Catalog, lang: str = "vi") -> np.ndarray:
    """The sentence of each row of an assessment frame, in language ``lang``."""
    locale = get_locale(lang)
    out = np.empty(len(frame), dtype=object)
    columns = {}
    for k in _NEEDED:
        col = frame[k]
        columns[k] = col.to_numpy(dtype=float, na_value=np.nan) if k in _YEARS else col.to_numpy()
    for tid, idx in frame.groupby("target_id", sort=False).indices.items():
        sub = {k: v[idx] for k, v in columns.items()}
        out[idx] = _sentences(sub, catalog[tid], locale)
    return out


def describe(assessment: pd.DataFrame, catalog: Catalog, *, lang: str = "vi") -> pd.DataFrame:
    """The assessment with three columns in words: ``status_label``, ``method_label`` and
    ``explanation`` (one plain sentence), in language ``lang``.

    >>> wa.describe(wa.assess(catalog, obs, as_of=2023), catalog, lang="vi")
    """
    locale = get_locale(lang)
    return assessment.assign(
        status_label=assessment["status"].map(locale.statuses),
        method_label=assessment["method"].map(locale.methods),
        explanation=explanations(assessment, catalog, locale.code) if len(assessment) else [],
    )
