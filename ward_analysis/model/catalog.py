"""The target catalog: every sub-target of a term's resolution, validated.

A :class:`Target` is one sub-target; a :class:`Catalog` holds a unit's targets for one
term with its :class:`CatalogHeader`. Each entry is checked by pydantic, by the rules every
target shares, and by its kind's own rules (:mod:`.kinds`). A target adjusted during the
term ("điều chỉnh chỉ tiêu") lists its :class:`Restatement` s; :meth:`Target.in_force`
gives the target as it stands in a year. Reading the YAML file is
:func:`ward_analysis.read.catalog.load_catalog`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import WardAnalysisError
from ..schema import COMPARATORS, MEASURES, NUMERIC_MEASURES, YES_LABEL
from ..text import match_key, nfc
from . import families, kinds

Measure = Literal[MEASURES]
Comparator = Literal[COMPARATORS]
_NAME_FIELD = re.compile(r"^name_[a-z]{2,3}$")

#: Plausible values of each measure when a target gives no ``valid_range``.
DEFAULT_VALID_RANGE: dict[str, tuple[float, float]] = {
    "share": (0.0, 100.0),
    "count": (0.0, math.inf),
    "amount": (0.0, math.inf),
    "length": (0.0, math.inf),
}


class Restatement(BaseModel):
    """A change of a target decided during the term ("điều chỉnh chỉ tiêu", usually at the
    mid-term review): from ``from_year`` on, the target is measured on ``basis`` against
    ``comparator`` and ``threshold``. Each of the three left out is the original target's.
    ``basis_markers``: wordings of a basis the target does not know yet (added to the
    target's ``basis_markers``, so that the tables' rows on it are recognised)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    from_year: int
    basis: str | None = None
    basis_markers: list[str] = Field(default_factory=list)
    comparator: Comparator | None = None
    threshold: bool | float | str | None = None
    #: The decision that adjusted the target (a resolution's number and date).
    source: str
    reason: str

    @field_validator("source", "reason", mode="after")
    @classmethod
    def _text(cls, value: str) -> str:
        value = nfc(value).strip()
        if not value:
            raise ValueError("must not be empty")
        return value


class Target(BaseModel):
    """One sub-target of the resolution (e.g. ``"2a"``), as the catalog defines it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    item: int = Field(ge=1)
    text_vi: str = Field(min_length=1)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    kind: str
    measure: Measure
    comparator: Comparator
    threshold: bool | float | str
    upper: float | None = None
    unit_of_measure: str = ""
    threshold_unit: str | None = None
    rating_scale: list[str] | None = None
    #: The scale's levels in English, in the same order (reports in English show them).
    rating_scale_en: list[str] | None = None
    rating_aliases: dict[str, list[str]] = Field(default_factory=dict)
    base_year: int
    first_year: int
    target_year: int
    basis: str | None = None
    basis_markers: dict[str, list[str]] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    valid_range: tuple[float, float] | None = None
    #: For a share of a small whole (14 party cells): the size of the whole, so that
    #: forecasts move in steps of 1/n.
    denominator: int | None = Field(default=None, ge=1)
    #: How an ambiguous or silent text is read, in Vietnamese and English (a catalog's plain
    #: ``reading`` is the English one).
    reading_vi: str | None = None
    reading_en: str | None = None
    #: Changes decided during the term, in the order they took effect.
    restated: list[Restatement] = Field(default_factory=list)
    #: Names in further languages (``name_fr: …`` in the catalog), by language code.
    other_names: dict[str, str] = Field(default_factory=dict)
    #: What it measures, from :data:`.families.FAMILIES`: the same family in two units'
    #: catalogs is the same indicator (pooled priors, a merger's roll-up).
    family: str | None = None
    #: The id of another target of the catalog whose table rows are this target's figures too
    #: (one indicator held to two targets: a poverty rate's 2030 level and its yearly fall).
    figures_from: str | None = None
    # -- fields of some kinds only (:data:`KIND_FIELDS`; each kind names those it takes) -----
    #: ``change_per_year``: whether the level must go ``down`` or ``up``.
    direction: Literal["down", "up"] | None = None
    #: ``change_per_year``: the change in units of the measure a year (``points``: percentage
    #: points for a share) or in % of the previous year's level, compounded (``percent``).
    change_unit: Literal["points", "percent"] | None = None
    #: ``change_per_year``: the base year's figure as the resolution states it (else the
    #: data's figure of ``base_year``).
    base_value: float | None = None
    #: ``about``: how far from the threshold (absolute, in the measure's unit) still counts
    #: as "about" it; None: the kind's default.
    tolerance: float | None = Field(default=None, gt=0)
    #: ``by_year``: the year, inside the term, by which the level is to be reached.
    year: int | None = None
    #: ``relative``: the code of the unit compared with (its rows in the observations).
    reference: str | None = None
    #: ``relative``: the reference unit's target id holding the same indicator (default: this
    #: target's own id).
    reference_target: str | None = None
    #: ``relative``: the name of the unit compared with, for a unit the registry of units does
    #: not hold (the registry's name comes first: :meth:`Catalog.with_reference_names`).
    reference_name_vi: str | None = Field(default=None, min_length=1)
    reference_name_en: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _names_in_other_languages(cls, data: Any) -> Any:
        if isinstance(data, dict):
            extra = {k: v for k, v in data.items() if _NAME_FIELD.match(str(k))}
            extra.pop("name_vi", None), extra.pop("name_en", None)
            if extra:
                data = {k: v for k, v in data.items() if k not in extra}
                data["other_names"] = {k.removeprefix("name_"): v for k, v in extra.items()}
        return data

    @model_validator(mode="before")
    @classmethod
    def _plain_reading_is_english(cls, data: Any) -> Any:
        """``reading`` (catalogs and drafts written before readings had languages) is
        ``reading_en``; both at once would leave one unread."""
        if isinstance(data, dict) and "reading" in data:
            if data.get("reading_en") is not None:
                raise ValueError(
                    "reading: give either reading (read as English) or reading_en, not both"
                )
            data = {k: v for k, v in data.items() if k != "reading"} | {
                "reading_en": data["reading"]
            }
        return data

    @model_validator(mode="before")
    @classmethod
    def _restated_markers(cls, data: Any) -> Any:
        """A restatement's markers join the target's: every basis it knows, in one place."""
        if not isinstance(data, dict) or not data.get("basis"):
            return data
        restated = data.get("restated")
        if not isinstance(restated, list) or not isinstance(data.get("basis_markers", {}), dict):
            return data
        markers = dict(data.get("basis_markers") or {})
        for entry in restated:
            if not isinstance(entry, dict):
                continue
            basis, own = entry.get("basis"), entry.get("basis_markers")
            if not (isinstance(basis, str) and isinstance(own, list) and own):
                continue
            known = markers.get(basis, [])
            if isinstance(known, list):
                markers[basis] = known + [m for m in own if m not in known]
        return data | {"basis_markers": markers} if markers else data

    @field_validator("kind", mode="after")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        try:
            kinds.get(value)
        except WardAnalysisError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("family", mode="after")
    @classmethod
    def _known_family(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                families.get(value)
            except WardAnalysisError as exc:
                raise ValueError(str(exc)) from None
        return value

    @field_validator("id", "figures_from", "reference_target", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator(
        "text_vi", "name_vi", "name_en", "unit_of_measure", "reading_vi", "reading_en",
        "reference_name_vi", "reference_name_en", mode="after",
    )  # fmt: skip
    @classmethod
    def _nfc(cls, value: str | None) -> str | None:
        return None if value is None else nfc(value)

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        problems = _target_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- derived views -------------------------------------------------------
    def restatement(self, year: int) -> Restatement | None:
        """The restatement in force in ``year`` (the latest with ``from_year <= year``), or None."""
        current = None
        for r in self.restated:
            if r.from_year <= year:
                current = r
        return current

    def in_force(self, year: int) -> Target:
        """The target as it stands in ``year``: the latest restatement by then applied (its
        basis, comparator and threshold); the other fields, restatements included, unchanged."""
        r = self.restatement(year)
        if r is None:
            return self
        return self.model_copy(update=_restated_fields(self, r))

    @property
    def threshold_value(self) -> float:
        """The threshold as a number: a rating's rank on its scale, 1 for a yes/no target."""
        if self.measure == "boolean":
            return 1.0
        if self.measure == "rating":
            return float(self.rating_scale.index(self.threshold))
        return float(self.threshold)

    @property
    def threshold_label(self) -> str:
        """The threshold as the catalog writes it: ``Khá``, ``Đạt``, ``80.0``."""
        return YES_LABEL if self.measure == "boolean" else str(self.threshold)

    def rating_names(self, lang: str) -> list[str]:
        """The rating scale's levels as ``lang`` names them (``rating_scale_en`` for English;
        the catalog's own, Vietnamese, where it gives none)."""
        return getattr(self, f"rating_scale_{lang}", None) or list(self.rating_scale or [])

    def name(self, lang: str) -> str:
        """The target's short name in language ``lang`` (``name_vi``, ``name_en``, ``name_xx``)."""
        names = {"vi": self.name_vi, "en": self.name_en, **self.other_names}
        try:
            return names[lang]
        except KeyError:
            raise WardAnalysisError(
                f"target '{self.id}' has no name in '{lang}' (add name_{lang} to the catalog)"
            ) from None

    def reference_name(self, lang: str) -> str | None:
        """The unit a ``relative`` target compares with, as ``lang`` names it: its
        ``reference_name_<lang>``, else its Vietnamese name (a unit's official name), else
        its code; None for a target that compares with no unit."""
        if self.reference is None:
            return None
        named = {"vi": self.reference_name_vi, "en": self.reference_name_en}.get(lang)
        return named or self.reference_name_vi or self.reference

    @property
    def reading(self) -> str | None:
        """The reading in English (``reading_en``)."""
        return self.reading_en

    def reading_in(self, lang: str) -> str | None:
        """The reading in language ``lang``, or None: one written only in another language is
        not shown in this one."""
        return {"vi": self.reading_vi, "en": self.reading_en}.get(lang)

    @property
    def plausible_range(self) -> tuple[float, float]:
        """The range outside of which an observed value is rejected as implausible."""
        if self.valid_range is not None:
            return self.valid_range
        return DEFAULT_VALID_RANGE.get(self.measure, (-math.inf, math.inf))

    @property
    def names(self) -> list[str]:
        """The short name and every alias the yearly tables use."""
        return [self.name_vi, *self.aliases]


#: The catalog fields only some kinds take (each kind lists its own in ``Kind.fields``); set
#: on a target of another kind, each is an error naming the kinds that take it.
KIND_FIELDS = (
    "direction", "change_unit", "base_value", "tolerance", "year", "reference", "reference_target",
    "reference_name_vi", "reference_name_en",
)  # fmt: skip


def _target_problems(t: Target) -> list[str]:
    """Cross-field checks; each message starts with the field it is about."""
    out: list[str] = []
    if t.family is not None and families.get(t.family).measure != t.measure:
        fam = families.get(t.family)
        out.append(
            f"family: '{t.family}' is measured as a {fam.measure}, but this target is a {t.measure}"
        )
    head = t.id.rstrip("abcdefghijklmnopqrstuvwxyz")
    if not head.isdigit() or t.id != t.id.strip() or not t.id:
        out.append(
            f"id: '{t.id}' should be the item number, optionally followed by a letter (4, 2a)"
        )
    elif int(head) != t.item:
        out.append(f"item: {t.item} does not match the id '{t.id}'")
    if t.measure == "boolean":
        if t.comparator != "==":
            out.append(f"comparator: a yes/no target must use '==', not '{t.comparator}'")
        if t.threshold is not True and not (
            isinstance(t.threshold, str) and match_key(t.threshold) == "dat"
        ):
            out.append(
                f"threshold: a yes/no target's threshold must be 'Đạt' (true), not {t.threshold!r}"
            )
    elif t.measure == "rating":
        if not t.rating_scale or len(t.rating_scale) < 2:
            out.append("rating_scale: a rated target needs its ordered scale (at least two levels)")
        elif t.threshold not in t.rating_scale:
            out.append(
                f"threshold: '{t.threshold}' is not a level of the rating scale {t.rating_scale}"
            )
        if t.comparator not in (">=", ">"):
            out.append(f"comparator: a rated target must use '>=' or '>', not '{t.comparator}'")
        for label in t.rating_aliases:
            if t.rating_scale and label not in t.rating_scale:
                out.append(f"rating_aliases: '{label}' is not a level of the rating scale")
        if t.rating_scale_en is not None and len(t.rating_scale_en) != len(t.rating_scale or []):
            out.append(
                f"rating_scale_en: {len(t.rating_scale_en)} level(s), but the rating scale has "
                f"{len(t.rating_scale or [])}; name each level, in the same order"
            )
    else:
        if isinstance(t.threshold, bool | str):
            out.append(f"threshold: a {t.measure} target needs a number, not {t.threshold!r}")
        if t.comparator == "==" and "==" not in kinds.get(t.kind).numeric_comparators:
            out.append(
                f"comparator: '==' only fits yes/no targets; use '>=', '>', '<=' or '<' for a {t.measure}"
            )
        if t.rating_scale:
            out.append(f"rating_scale: only rated targets have a scale, this one is a {t.measure}")
    kind = kinds.get(t.kind)
    for name in KIND_FIELDS:
        if getattr(t, name) is not None and name not in kind.fields:
            takes = [k for k in kinds.names() if name in kinds.get(k).fields]
            out.append(
                f"{name}: only a target of kind {' or '.join(map(repr, takes))} has a {name}, "
                f"not one of kind '{t.kind}'"
            )
    numeric_threshold = isinstance(t.threshold, float) and not isinstance(t.threshold, bool)
    if numeric_threshold and t.measure in NUMERIC_MEASURES and kind.checks_threshold_range(t):
        low, high = t.plausible_range
        if not low <= t.threshold <= high:
            out.append(
                f"threshold: {t.threshold:g} is outside the possible values of a {t.measure} ({low:g} to {high:g})"
            )
        if t.measure == "count" and not float(t.threshold).is_integer():
            out.append(f"threshold: a count target needs a whole number, not {t.threshold:g}")
    if t.upper is not None:
        if t.measure not in NUMERIC_MEASURES:
            out.append("upper: only numeric targets can have a range")
        elif numeric_threshold and t.upper < t.threshold:
            out.append(f"upper: {t.upper:g} is below the threshold {t.threshold:g}")
        if t.comparator not in kind.range_comparators:
            out.append(
                f"upper: a range (threshold to upper) needs the comparator "
                f"{' or '.join(map(repr, kind.range_comparators))}"
            )
    out.extend(kind.problems(t))
    if not t.base_year < t.target_year:
        out.append(f"target_year: {t.target_year} must come after the base year {t.base_year}")
    if not t.base_year <= t.first_year <= t.target_year:
        out.append(f"first_year: {t.first_year} must lie between {t.base_year} and {t.target_year}")
    if t.basis is not None and t.basis not in t.basis_markers:
        out.append(f"basis_markers: no markers given for the target's own basis '{t.basis}'")
    if t.basis_markers and t.basis is None:
        out.append("basis: basis_markers are given but the target names no basis")
    if t.denominator is not None and t.measure != "share":
        out.append(f"denominator: only a share has a whole to count in, not a {t.measure}")
    if t.valid_range is not None and t.valid_range[0] > t.valid_range[1]:
        out.append("valid_range: low end above high end")
    out.extend(_restatement_problems(t))
    return out


def _restated_fields(t: Target, r: Restatement) -> dict[str, Any]:
    """What a restatement changes: basis, comparator and threshold (the original's where it
    gives none)."""
    return {
        "basis": t.basis if r.basis is None else r.basis,
        "comparator": t.comparator if r.comparator is None else r.comparator,
        "threshold": t.threshold if r.threshold is None else r.threshold,
    }


def _restatement_problems(t: Target) -> list[str]:
    """Each restatement within the term, in order, on a basis with markers, and the target it
    makes as valid as any catalog entry; each message starts with ``restated.N.field``."""
    out: list[str] = []
    if not t.restated:
        return out
    original = t.model_copy(update={"restated": []})
    own = set(_target_problems(original))
    previous = None
    for i, r in enumerate(t.restated):
        at = f"restated.{i}"
        if not t.base_year < r.from_year <= t.target_year:
            out.append(
                f"{at}.from_year: {r.from_year} is outside the term: a restatement takes effect "
                f"after the base year {t.base_year} and by the target year {t.target_year}"
            )
        if previous is not None and r.from_year <= previous:
            out.append(
                f"{at}.from_year: {r.from_year} does not come after the previous restatement's "
                f"{previous} (list them in the order they took effect, one per year)"
            )
        previous = r.from_year
        if r.basis is None and r.basis_markers:
            out.append(f"{at}.basis_markers: markers are given but the restatement names no basis")
        if r.basis is not None:
            if t.basis is None:
                out.append(
                    f"{at}.basis: the target names no basis (field 'basis'), so a restatement "
                    f"cannot move it to '{r.basis}'"
                )
            elif r.basis not in t.basis_markers:
                out.append(
                    f"{at}.basis: no markers given for the basis '{r.basis}' (known: "
                    f"{', '.join(t.basis_markers)}); add its wordings to basis_markers or to "
                    f"the restatement's basis_markers"
                )
        if r.basis in (None, t.basis) and r.comparator is None and r.threshold is None:
            out.append(f"{at}: changes neither the basis, the comparator nor the threshold")
        restated = original.model_copy(update=_restated_fields(t, r))
        out.extend(
            f"{at}.{p}"
            for p in _target_problems(restated)
            if p not in own and not p.startswith(("basis:", "basis_markers:"))  # said above
        )
    return out


@dataclass(frozen=True)
class CatalogHeader:
    """What a catalog says about itself, above its targets."""

    unit: str
    unit_full: str | None = None
    term: str | None = None
    source: str | None = None
    #: What every page says about the figures (that they are illustrative…), in any language;
    #: ``data_notice_vi`` / ``data_notice_en`` are said after it in their language only.
    data_notice: str | None = None
    data_notice_vi: str | None = None
    data_notice_en: str | None = None
    base_year: int | None = None
    first_year: int | None = None
    target_year: int | None = None
    #: Readings of the whole catalog (the term's years…): name → language code → text.
    readings: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The resolution's groups of targets, in order (economy, culture–society, …).
    groups: tuple[Group, ...] = ()

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)

    def notice(self, lang: str) -> str | None:
        """The data notice of a page in ``lang``: ``data_notice``, then the one in ``lang``."""
        own = {"vi": self.data_notice_vi, "en": self.data_notice_en}.get(lang)
        return " ".join(t for t in (self.data_notice, own) if t) or None

    def readings_in(self, lang: str) -> list[str]:
        """The catalog-wide readings written in ``lang``, in catalog order."""
        return [r[lang] for r in self.readings.values() if r.get(lang)]


class Group(BaseModel):
    """A group of the resolution's targets ("Về kinh tế", "Về văn hóa – xã hội", …): its name
    in each language and the item numbers it holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    items: tuple[int, ...] = Field(min_length=1)

    def name(self, lang: str) -> str:
        """The group's name in ``lang`` (Vietnamese where there is no name in it)."""
        return getattr(self, f"name_{lang}", None) or self.name_vi


def group_problems(groups: tuple[Group, ...], targets: list[Target]) -> list[str]:
    """Items in two groups, and items of targets in none (a catalog with groups must place
    every item in exactly one)."""
    if not groups:
        return []
    seen: dict[int, int] = {}
    problems = []
    for number, g in enumerate(groups, start=1):
        for item in g.items:
            if item in seen:
                problems.append(f"groups: item {item} is in group {seen[item]} and group {number}")
            seen[item] = number
    missing = sorted({t.item for t in targets} - set(seen))
    if missing:
        problems.append(f"groups: item(s) {', '.join(map(str, missing))} belong to no group")
    unknown = sorted(set(seen) - {t.item for t in targets})
    if unknown:
        problems.append(f"groups: item(s) {', '.join(map(str, unknown))} have no target")
    return problems


class Catalog:
    """The validated targets of one unit's term, by id and in catalog order.

    Iterating gives :class:`Target` objects; ``catalog["4"]`` gets one by id;
    :meth:`to_frame` gives one row per sub-target; :attr:`term` the years it spans.
    """

    def __init__(self, targets: list[Target], header: CatalogHeader, path: Path | None = None):
        self._targets = {t.id: t for t in targets}
        self.header = header
        self.path = path

    @property
    def unit(self) -> str:
        """The unit (ward, commune) the catalog's targets belong to."""
        return self.header.unit

    @property
    def term(self) -> tuple[int, int]:
        """(first, last): the earliest base year and the latest target year of the targets."""
        return (min(t.base_year for t in self), max(t.target_year for t in self))

    def years_in_term(self, years: Iterable[int] | None = None) -> list[int]:
        """The years asked for (default: the whole term), each within the term, or a
        :class:`WardAnalysisError` naming those outside (the one check of ``reports`` and
        ``assess``)."""
        first, last = self.term
        years = list(range(first, last + 1)) if years is None else list(years)
        bad = [y for y in years if not isinstance(y, int) or not first <= y <= last]
        if bad or not years:
            shown = ", ".join(map(str, bad)) if bad else "none"
            raise WardAnalysisError(f"years must lie within the term {first}–{last}; got {shown}")
        return years

    def __iter__(self) -> Iterator[Target]:
        return iter(self._targets.values())

    def __len__(self) -> int:
        return len(self._targets)

    def __contains__(self, target_id: object) -> bool:
        return target_id in self._targets

    def __getitem__(self, target_id: str) -> Target:
        try:
            return self._targets[str(target_id)]
        except KeyError:
            raise KeyError(f"no target '{target_id}' in the catalog ({self.path})") from None

    def __repr__(self) -> str:
        return f"Catalog({self.unit!r}, {len(self)} targets)"

    @property
    def ids(self) -> list[str]:
        """Target ids in catalog order."""
        return list(self._targets)

    def references(self) -> set[tuple[str, str]]:
        """The (unit, target id) series the targets are compared with (a ``relative``
        target's reference unit): rows the observations may hold beside the catalog's own."""
        found = (kinds.get(t.kind).reference(t) for t in self)
        return {r for r in found if r is not None}

    def reference_units(self) -> set[str]:
        """The units the catalog's targets compare with: figures to read, not units to assess
        against this catalog."""
        return {unit for unit, _ in self.references()}

    def with_reference_names(self, names: Mapping[str, str], *, source: str = "") -> Catalog:
        """A copy of the catalog whose ``relative`` targets name the units they compare with
        as ``names`` does (unit code → its name, from the registry of units ``source``): the
        one source of a unit's name, in every language. A target comparing with a unit not in
        ``names`` keeps the catalog's ``reference_name_vi`` / ``reference_name_en`` (or its
        code). A catalog name that differs from the registry's is a :class:`CatalogError`
        naming the target, the field and both names."""
        from ..errors import CatalogError

        registry = f"the registry of units ({source})" if source else "the registry of units"
        targets, problems = [], []
        for t in self:
            name = names.get(t.reference) if t.reference is not None else None
            if name is None:
                targets.append(t)
                continue
            for field_name in ("reference_name_vi", "reference_name_en"):
                own = getattr(t, field_name)
                if own is not None and own != name:
                    problems.append(
                        f"target '{t.id}': field '{field_name}': '{own}', but {registry} "
                        f"names '{t.reference}' '{name}'; leave the field out (the registry "
                        "names the units it holds)"
                    )
            targets.append(t.model_copy(update={"reference_name_vi": name,
                                                "reference_name_en": name}))  # fmt: skip
        if problems:
            where = f"{self.path}: " if self.path is not None else ""
            raise CatalogError(where + "; ".join(problems))
        return Catalog(targets, self.header, self.path)

    def with_target(self, target_id: str, **changes: Any) -> Catalog:
        """A copy of the catalog with fields of target ``target_id`` changed (``threshold=85``,
        ``comparator=">"``, ``kind="annual"``…), the changed entry checked like any catalog
        entry: to try a different target and re-assess. The catalog itself and its file are
        unchanged (the copy has no file). A change that makes the entry invalid, or one of its
        ``id``, is a :class:`CatalogError` naming the target and the field."""
        from pydantic import ValidationError

        from ..errors import CatalogError

        old = self[target_id]
        if "id" in changes and str(changes["id"]) != old.id:
            raise CatalogError(f"target '{old.id}': field 'id' cannot be changed in a copy")
        try:
            new = Target.model_validate(old.model_dump() | changes)
        except ValidationError as exc:
            problems = _change_problems(exc.errors())
            raise CatalogError(f"target '{old.id}': " + "; ".join(problems)) from None
        targets = [new if t.id == old.id else t for t in self]
        problems = catalog_problems(targets) + group_problems(self.header.groups, targets)
        if problems:
            raise CatalogError("; ".join(problems))
        return Catalog(targets, self.header)

    def grouped(self) -> list[tuple[Group | None, list[Target]]]:
        """The targets by the resolution's groups, in order; one group ``None`` holding every
        target when the catalog names no groups."""
        if not self.header.groups:
            return [(None, list(self))]
        return [(g, [t for t in self if t.item in g.items]) for g in self.header.groups]

    def to_frame(self) -> pd.DataFrame:
        """One row per sub-target, in catalog order."""
        rows = [
            {
                "target_id": t.id,
                "item": t.item,
                "kind": t.kind,
                "measure": t.measure,
                "comparator": t.comparator,
                "threshold": t.threshold_value,
                "threshold_label": t.threshold_label,
                "upper": t.upper,
                "unit_of_measure": t.unit_of_measure,
                "threshold_unit": t.threshold_unit or t.unit_of_measure,
                "rating_scale": " < ".join(t.rating_scale) if t.rating_scale else None,
                "base_year": t.base_year,
                "first_year": t.first_year,
                "target_year": t.target_year,
                "basis": t.basis,
                "reading": t.reading,
                "text_vi": t.text_vi,
                "name_vi": t.name_vi,
                "name_en": t.name_en,
            }
            for t in self
        ]
        return pd.DataFrame(rows).astype({"upper": "float64", "threshold": "float64"})


def _change_problems(errors: list[dict]) -> list[str]:
    """The pydantic errors of a changed entry in an analyst's words, one per field named."""
    by_field: dict[str, list[str]] = {}
    for e in errors:
        loc = [
            str(p) for p in e["loc"] if not str(p).startswith(("function-", "float", "bool", "str"))
        ]
        if e["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        else:
            message = e["msg"].removeprefix("Value error, ")
        by_field.setdefault(".".join(loc), []).append(message)
    out = []
    for name, messages in by_field.items():
        if len(messages) > 1 and name:  # the members of a union (a number, a word, yes/no)
            value = next(
                e["input"] for e in errors if ".".join(map(str, e["loc"])).startswith(name)
            )
            messages = [f"{value!r} is not a valid value"]
        out += [f"field '{name}': {m}" if name else m for m in messages]
    return out


def catalog_problems(targets: list[Target]) -> list[str]:
    """Problems between entries: duplicate ids, a name shared by two targets."""
    out, seen_ids, seen_names = [], {}, {}
    by_id = {t.id: t for t in targets}
    for t in targets:
        if t.figures_from is None:
            continue
        source = by_id.get(t.figures_from)
        if source is None or source.id == t.id:
            what = "itself" if t.figures_from == t.id else "no target of the catalog"
            out.append(f"target '{t.id}': field 'figures_from': '{t.figures_from}' is {what}")
        elif source.figures_from is not None:
            out.append(
                f"target '{t.id}': field 'figures_from': target '{source.id}' takes its own "
                f"figures from '{source.figures_from}'; name that one"
            )
        elif (source.measure, source.unit_of_measure) != (t.measure, t.unit_of_measure):
            out.append(
                f"target '{t.id}': field 'figures_from': target '{source.id}' is measured as a "
                f"{source.measure} in '{source.unit_of_measure}', this one as a {t.measure} in "
                f"'{t.unit_of_measure}'"
            )
    named: dict[str, tuple[str, tuple[str | None, str | None]]] = {}
    for t in targets:  # one name for each unit compared with
        if t.reference is None or (t.reference_name_vi, t.reference_name_en) == (None, None):
            continue
        mine = (t.reference_name_vi, t.reference_name_en)
        first = named.setdefault(t.reference, (t.id, mine))
        if first[1] != mine:
            out.append(
                f"target '{t.id}': fields 'reference_name_vi' / 'reference_name_en': target "
                f"'{first[0]}' names '{t.reference}' otherwise ({' / '.join(map(str, first[1]))}); "
                "give one name for each unit compared with"
            )
    for t in targets:
        if t.id in seen_ids:
            out.append(f"target '{t.id}': field 'id': duplicate id (also used by an earlier entry)")
        seen_ids[t.id] = t
        for name in t.names:
            key = match_key(name)
            other = seen_names.get(key)
            if other is not None and other != t.id:
                out.append(
                    f"target '{t.id}': field 'aliases': name '{name}' is also a name of target "
                    f"'{other}', so table rows could not be matched without guessing"
                )
            seen_names[key] = t.id
    return out
