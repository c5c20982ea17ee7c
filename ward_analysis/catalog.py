"""The target catalog: every sub-target of a term's resolution, validated.

The catalog is a YAML file (``data/raw/catalog.yaml`` for phường Chi Lăng,
2020–2025). :func:`load_catalog` reads and validates it with pydantic and turns
every problem into one :class:`CatalogError` naming the entry and field.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import config
from .errors import CatalogError
from .io import cached_while_unchanged
from .text import match_key, nfc

Kind = Literal["end_level", "annual", "cumulative", "average_growth"]
Measure = Literal["share", "count", "amount", "length", "boolean", "rating"]
Comparator = Literal[">=", ">", "<=", "<", "=="]

KINDS: tuple[str, ...] = Kind.__args__
MEASURES: tuple[str, ...] = Measure.__args__
NUMERIC_MEASURES = ("share", "count", "amount", "length")

#: Plausible values of each measure when a target gives no ``valid_range``.
DEFAULT_VALID_RANGE: dict[str, tuple[float, float]] = {
    "share": (0.0, 100.0),
    "count": (0.0, math.inf),
    "amount": (0.0, math.inf),
    "length": (0.0, math.inf),
}


class Target(BaseModel):
    """One sub-target of the resolution (e.g. ``"2a"``), as the catalog defines it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    item: int = Field(ge=1)
    text_vi: str = Field(min_length=1)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    kind: Kind
    measure: Measure
    comparator: Comparator
    threshold: bool | float | str
    upper: float | None = None
    unit_of_measure: str = ""
    threshold_unit: str | None = None
    rating_scale: list[str] | None = None
    rating_aliases: dict[str, list[str]] = Field(default_factory=dict)
    base_year: int
    first_year: int
    target_year: int
    basis: str | None = None
    basis_markers: dict[str, list[str]] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    valid_range: tuple[float, float] | None = None
    reading: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("text_vi", "name_vi", "name_en", "unit_of_measure", "reading", mode="after")
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
        """The threshold as written for people: ``Khá``, ``Đạt``, ``80``."""
        if self.measure == "boolean":
            return "Đạt"
        return str(self.threshold)

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


def _target_problems(t: Target) -> list[str]:
    """Cross-field checks; each message starts with the field it is about."""
    out: list[str] = []
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
    else:
        if isinstance(t.threshold, bool | str):
            out.append(f"threshold: a {t.measure} target needs a number, not {t.threshold!r}")
        if t.comparator == "==":
            out.append(
                f"comparator: '==' only fits yes/no targets; use '>=', '>', '<=' or '<' for a {t.measure}"
            )
        if t.rating_scale:
            out.append(f"rating_scale: only rated targets have a scale, this one is a {t.measure}")
    numeric_threshold = isinstance(t.threshold, float) and not isinstance(t.threshold, bool)
    if numeric_threshold and t.measure in NUMERIC_MEASURES and t.kind != "average_growth":
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
        if t.comparator not in (">=", ">"):
            out.append("upper: a range (threshold to upper) needs the comparator '>='")
    if t.kind == "average_growth":
        if t.measure not in ("amount", "count"):
            out.append(
                f"measure: an average-growth target grows an amount or a count, not a {t.measure}"
            )
        if t.comparator not in (">=", ">"):
            out.append("comparator: an average-growth target must use '>=' or '>'")
    if t.kind == "cumulative" and t.measure not in NUMERIC_MEASURES:
        out.append(f"kind: a {t.measure} target cannot be summed over the term")
    if t.kind == "cumulative" and t.comparator not in (">=", ">"):
        out.append(
            "comparator: a total over the term can only be required to reach at least (>=, >) a figure"
        )
    if not t.base_year < t.target_year:
        out.append(f"target_year: {t.target_year} must come after the base year {t.base_year}")
    if not t.base_year <= t.first_year <= t.target_year:
        out.append(f"first_year: {t.first_year} must lie between {t.base_year} and {t.target_year}")
    if t.basis is not None and t.basis not in t.basis_markers:
        out.append(f"basis_markers: no markers given for the target's own basis '{t.basis}'")
    if t.basis_markers and t.basis is None:
        out.append("basis: basis_markers are given but the target names no basis")
    if t.valid_range is not None and t.valid_range[0] > t.valid_range[1]:
        out.append("valid_range: low end above high end")
    return out


class Catalog:
    """The validated targets of one unit's term, by id and in catalog order.

    Iterating gives :class:`Target` objects; ``catalog["4"]`` gets one by id;
    :meth:`to_frame` gives one row per sub-target.
    """

    def __init__(self, targets: list[Target], meta: dict[str, Any], path: Path | None = None):
        self._targets = {t.id: t for t in targets}
        self.meta = meta
        self.path = path

    @property
    def unit(self) -> str:
        """The unit (ward, commune) the catalog's targets belong to."""
        return self.meta["unit"]

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


_TERM_KEYS = {"base_year", "first_year", "target_year"}
#: Fields a draft catalog (``ward-analysis targets-from-text``) adds to each entry.
_DRAFT_KEYS = {"needs_review", "review_reason", "confidence"}


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and validate a target catalog (default: the shipped one for phường Chi Lăng).

    The result is cached while the file (and its resolution text) is unchanged, so
    that reports run in one kernel read it once. A catalog is not to be modified.

    Raises :class:`CatalogError` naming the entry and field of the first
    problems found (unknown kind, missing threshold, duplicate id, comparator
    that does not fit the measure, text not found verbatim in the resolution…).
    """
    return _load_catalog(Path(path) if path is not None else config.CATALOG_PATH)


@cached_while_unchanged
def _load_catalog(path: Path) -> Catalog:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: catalog file not found") from None
    except UnicodeDecodeError as exc:
        before = exc.object[: exc.start]
        line, column = before.count(b"\n") + 1, exc.start - before.rfind(b"\n")
        raise CatalogError(
            f"{path}: line {line}, column {column}: the catalog is not UTF-8 text "
            f"(byte 0x{exc.object[exc.start]:02x}); save it again as UTF-8"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise CatalogError(f"{path}: not valid YAML{at}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("targets"), list):
        raise CatalogError(f"{path}: expected a mapping with 'unit' and a list of 'targets'")
    meta = {k: v for k, v in raw.items() if k != "targets"}
    if not isinstance(meta.get("unit"), str) or not meta["unit"].strip():
        raise CatalogError(f"{path}: field 'unit' (the ward or commune's name) is missing")
    meta["unit"] = nfc(meta["unit"])
    targets, problems, review = [], [], []
    for number, entry in enumerate(raw["targets"], start=1):
        label = _entry_label(number, entry)
        if not isinstance(entry, dict):
            problems.append(f"{label}: expected a mapping of fields")
            continue
        if entry.get("needs_review"):
            review.append(f"{label}: {entry.get('review_reason') or 'no reason given'}")
        entry = {k: v for k, v in entry.items() if k not in _DRAFT_KEYS}
        merged = {k: meta[k] for k in _TERM_KEYS if k in meta} | entry
        try:
            targets.append(Target.model_validate(merged))
        except ValidationError as exc:
            problems.extend(f"{label}: {msg}" for msg in _messages(exc))
    if review:
        shown = "\n  - ".join(review)
        raise CatalogError(
            f"{path}: this draft catalog still has {len(review)} entr{'y' if len(review) == 1 else 'ies'} "
            f"flagged needs_review; check each, correct it, then set needs_review: false "
            f"(or delete the line):\n  - {shown}"
        )
    problems.extend(_catalog_problems(targets))
    problems.extend(_verbatim_problems(targets, meta, path))
    if problems:
        shown = "\n  - ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CatalogError(
            f"{path}: the catalog has {len(problems)} problem(s):\n  - {shown}{more}"
        )
    return Catalog(targets, meta, path)


def _entry_label(number: int, entry: object) -> str:
    target_id = entry.get("id") if isinstance(entry, dict) else None
    return f"target '{target_id}' (entry {number})" if target_id is not None else f"entry {number}"


def _messages(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = [
            str(p)
            for p in err["loc"]
            if not str(p).startswith(("function-", "float", "bool", "str"))
        ]
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "this required field is missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling)"
        out.append(f"field '{'.'.join(loc)}': {msg}" if loc else msg)
    return list(dict.fromkeys(out))


def _catalog_problems(targets: list[Target]) -> list[str]:
    out, seen_ids, seen_names = [], {}, {}
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


def _verbatim_problems(targets: list[Target], meta: dict[str, Any], path: Path) -> list[str]:
    source = meta.get("source")
    if not source:
        return []
    source_path = path.parent / source
    if not source_path.exists():
        return [f"field 'source': resolution text '{source}' not found next to the catalog"]
    text = nfc(source_path.read_text(encoding="utf-8"))
    return [
        f"target '{t.id}': field 'text_vi': not found verbatim in {source}"
        for t in targets
        if t.text_vi not in text
    ]
