"""Read a target catalog (YAML) into a validated :class:`~ward_analysis.model.catalog.Catalog`.

The catalog is a YAML file (``data/raw/catalog.yaml`` for phường Chi Lăng, 2020–2025).
:func:`load_catalog` reads it, validates every entry and turns every problem into one
:class:`CatalogError` naming the entry and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import config
from ..errors import CatalogError
from ..io import cached_while_unchanged
from ..model.catalog import (
    Catalog,
    CatalogHeader,
    Group,
    Target,
    catalog_problems,
    group_problems,
)
from ..text import nfc
from .units import registry_path, unit_names

_TERM_KEYS = {"base_year", "first_year", "target_year"}
#: Fields a draft catalog (``ward-analysis targets-from-text``) adds to each entry.
_DRAFT_KEYS = {"needs_review", "review_reason", "confidence"}


def load_catalog(
    path: str | Path | None = None, *, units_path: str | Path | None = None
) -> Catalog:
    """Load and validate a target catalog (default: the shipped one for phường Chi Lăng).

    The result is cached while the file (and its resolution text) is unchanged, so
    that reports run in one kernel read it once. A catalog is not to be modified.

    A target compared with another unit (kind ``relative``) names that unit as the registry
    of units ``units_path`` (default ``data/raw/units.yaml``, when there is one) names it,
    else as the catalog does, else by its code (:meth:`.Catalog.with_reference_names`); the
    registry is read only for a catalog with such targets.

    Raises :class:`CatalogError` naming the entry and field of the first
    problems found (unknown kind, missing threshold, duplicate id, comparator
    that does not fit the measure, text not found verbatim in the resolution…).
    """
    catalog = _load_catalog(Path(path) if path is not None else config.CATALOG_PATH)
    codes = sorted(catalog.reference_units())
    names = unit_names(codes, units_path)
    if not names:
        return catalog
    return catalog.with_reference_names(names, source=str(registry_path(units_path)))


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
    unknown = sorted(set(meta) - set(CatalogHeader.fields()))
    if unknown:
        raise CatalogError(
            f"{path}: unknown field(s) {', '.join(map(repr, unknown))} above the targets "
            f"(known: {', '.join(CatalogHeader.fields())}; check the spelling)"
        )
    targets, problems, review = [], [], []
    meta["groups"], group_errors = _groups(meta.get("groups"))
    problems.extend(group_errors)
    meta["readings"], reading_errors = _readings(meta.get("readings"))
    problems.extend(reading_errors)
    for key in ("data_notice", "data_notice_vi", "data_notice_en"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            problems.append(f"{key}: expected a text")
        elif meta.get(key) is not None:
            meta[key] = nfc(meta[key]) or None
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
    problems.extend(catalog_problems(targets))
    problems.extend(group_problems(meta["groups"], targets))
    problems.extend(_verbatim_problems(targets, meta, path))
    if problems:
        shown = "\n  - ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CatalogError(
            f"{path}: the catalog has {len(problems)} problem(s):\n  - {shown}{more}"
        )
    return Catalog(targets, CatalogHeader(**meta), path)


def _groups(raw: object) -> tuple[tuple[Group, ...], list[str]]:
    """The ``groups:`` list of a catalog (none: no groups), and what is wrong with it."""
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), ["groups: expected a list of groups, each with name_vi, name_en and items"]
    groups, problems = [], []
    for number, entry in enumerate(raw, start=1):
        try:
            groups.append(Group.model_validate(entry))
        except ValidationError as exc:
            problems.extend(f"groups, group {number}: {msg}" for msg in _messages(exc))
    return tuple(groups), problems


def _readings(raw: object) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The ``readings:`` mapping above the targets (name → language → text; a plain text is
    the English one), and what is wrong with it."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [
            "readings: expected a mapping of names to readings (term_years: {vi: …, en: …})"
        ]
    out, problems = {}, []
    for name, texts in raw.items():
        texts = {"en": texts} if isinstance(texts, str) else texts
        if (
            not isinstance(texts, dict)
            or not texts
            or not all(
                isinstance(lang, str) and isinstance(text, str) and text.strip()
                for lang, text in texts.items()
            )
        ):
            problems.append(
                f"readings.{name}: expected a text in each language (vi: …, en: …), "
                "or one English text"
            )
            continue
        out[str(name)] = {lang: nfc(text) for lang, text in texts.items()}
    return out, problems


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
