"""Read the registry of units (``data/raw/units.yaml``) into a checked
:class:`~ward_analysis.model.units.Registry`, and tell which unit a yearly table is about.

The file::

    province: Tỉnh Gia Lai
    units:
      - code: chi_lang
        name: Phường Chi Lăng
        kind: phường
        parent: Thành phố Pleiku
        catalogs: [chi_lang/catalog.yaml]      # relative to the registry's folder
        valid_from: 2008-01-01
        valid_to: 2025-06-30
        successor: hoi_phu                     # changed: the day after valid_to
        weights: {population: {2025: 15200}, households: {2025: 4100}}

Which unit a table is about (:func:`table_unit`): the unit its title block names
("ỦY BAN NHÂN DÂN PHƯỜNG CHI LĂNG", "UBND PHƯỜNG TRÀ BÁ"), else the unit whose folder it is in.
A title naming a unit that is not the folder's, or a table whose unit cannot be told, is an
error naming the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .. import config
from ..errors import UnitsError
from ..io import cached_while_unchanged
from ..model.units import Registry, Unit
from ..schema import UNIT_KINDS
from ..text import match_key, nfc

_FIELDS = {"code", "name", "kind", "parent", "catalogs", "catalog", "valid_from", "valid_to",
           "successor", "changed", "weights", "folder", "label"}  # fmt: skip
#: "ỦY BAN NHÂN DÂN PHƯỜNG TRÀ BÁ", "UBND PHƯỜNG TRÀ BÁ", "ĐẢNG BỘ XÃ …": who wrote the table.
_TITLE_UNIT = re.compile(
    r"^(?:uy ban nhan dan|ubnd|dang bo|dang uy|hdnd|hoi dong nhan dan)\s+"
    r"(" + "|".join(match_key(k) for k in UNIT_KINDS) + r")\s+(.+)$"
)


def load_units(path: str | Path | None = None) -> Registry:
    """Read and check the registry (default ``data/raw/units.yaml``). Raises
    :class:`UnitsError` naming the file, the unit and the field."""
    path = Path(path) if path is not None else config.UNITS_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UnitsError(f"{path}: registry of units not found") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UnitsError(f"{path}: not a readable YAML file ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("units"), list) or not raw["units"]:
        raise UnitsError(f"{path}: expected a mapping with a list of 'units'")
    units = [_unit(path, i, entry) for i, entry in enumerate(raw["units"], start=1)]
    province = raw.get("province")
    return Registry(units, province=nfc(str(province)) if province else None, source=str(path))


_load_units_once = cached_while_unchanged(load_units)


def registry_path(path: str | Path | None = None) -> Path | None:
    """The registry that names the units a catalog's targets compare with: ``path``, or
    ``data/raw/units.yaml`` when it exists (None: no registry)."""
    if path is not None:
        return Path(path)
    return config.UNITS_PATH if config.UNITS_PATH.is_file() else None


def registry_of(catalog, path: str | Path | None = None) -> Path | None:
    """The registry a catalog's pages rest on: the one naming the units its targets compare
    with (:func:`registry_path`); None for a catalog without such targets."""
    return registry_path(path) if catalog.reference_units() else None


def unit_names(codes: Iterable[str], path: str | Path | None = None) -> dict[str, str]:
    """The name of each of ``codes`` the registry holds ("Tỉnh Gia Lai"; its label where it
    has one), from the registry :func:`registry_path` gives; {} without codes (nothing is read)
    or without a registry. A registry given but missing or malformed is a :class:`UnitsError`."""
    codes = list(codes)
    found = registry_path(path) if codes else None
    if found is None:
        return {}
    registry = _load_units_once(found)
    return {code: registry[code].shown for code in codes if code in registry}


def _unit(path: Path, number: int, entry: Any) -> Unit:
    where = f"{path}, unit {number}"
    if not isinstance(entry, dict):
        raise UnitsError(f"{where}: expected a mapping (code, name, kind…)")
    where = f"{path}, unit {number} ('{entry.get('code', '?')}')"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise UnitsError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    for key in ("code", "name", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise UnitsError(f"{where}: field '{key}' is missing")
    catalogs = entry.get("catalogs", [entry["catalog"]] if "catalog" in entry else [])
    if not isinstance(catalogs, list) or not all(isinstance(c, str) for c in catalogs):
        raise UnitsError(f"{where}: 'catalogs' must be a list of catalog files")
    weights: dict[str, dict[int, float]] = {}
    for code, by_year in (entry.get("weights") or {}).items():
        if not isinstance(by_year, dict):
            raise UnitsError(f"{where}: weights.{code} must map years to figures")
        try:
            weights[str(code)] = {int(y): float(v) for y, v in by_year.items()}
        except (TypeError, ValueError):
            raise UnitsError(
                f"{where}: weights.{code}: years and figures must be numbers"
            ) from None
        if any(v <= 0 for v in weights[str(code)].values()):
            raise UnitsError(f"{where}: weights.{code}: figures must be positive")
    return Unit(
        code=entry["code"].strip(),
        name=nfc(entry["name"]).strip(),
        kind=nfc(entry["kind"]).strip().lower(),
        parent=nfc(entry["parent"]).strip() if entry.get("parent") else None,
        catalogs=tuple(catalogs),
        valid_from=_date(where, "valid_from", entry.get("valid_from")),
        valid_to=_date(where, "valid_to", entry.get("valid_to")),
        successor=entry.get("successor"),
        changed=_date(where, "changed", entry.get("changed")),
        weights=weights,
        folder=entry.get("folder"),
        label=nfc(entry["label"]).strip() if entry.get("label") else None,
    )


def _date(where: str, key: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UnitsError(f"{where}: {key} '{value}' is not a date (YYYY-MM-DD)") from None


def unit_folder(registry: Registry, unit: Unit, raw: Path | None = None) -> Path:
    """Where ``unit``'s tables and catalogs are: ``<raw>/<folder or code>/``."""
    raw = raw if raw is not None else Path(registry.source).parent
    return raw / (unit.folder or unit.code)


def title_unit_name(title: list[str]) -> str | None:
    """The unit a title block says wrote the table, as written ("PHƯỜNG TRÀ BÁ"), or None.
    The lowest level named wins: "UBND THÀNH PHỐ PLEIKU" above "UBND PHƯỜNG HỘI PHÚ" is its
    parent, not a unit of ours."""
    for line in title:
        for cell in line.split(" | "):
            text = " ".join(nfc(cell).split())
            key = match_key(text)
            m = _TITLE_UNIT.match(key)
            if m:
                words, skip = text.split(), len(key[: m.start(1)].split())
                same = len(words) == len(key.split())
                return " ".join(words[skip:]) if same else f"{m[1]} {m[2]}"
    return None


def table_unit(label: str, title: list[str], year: int, expected: str | None,
               registry: Registry | None = None) -> str:  # fmt: skip
    """The name of the unit a table (``label``, its ``title`` lines, its ``year``) is about.

    ``expected``: the unit whose folder (or catalog) the table was given with. With a
    ``registry``, a title naming a unit resolves among the units alive in ``year``.
    Raises :class:`UnitsError` naming the file when the title names another unit than the
    expected one, or when nothing tells the unit.
    """
    said = title_unit_name(title)
    if said is None:
        if expected is None:
            raise UnitsError(
                f"{label}: cannot tell which ward or commune this table is about: its title "
                "block names none (e.g. 'UBND PHƯỜNG …') and it is not in a unit's folder"
            )
        return expected
    if expected is not None and match_key(said) == match_key(expected):
        return expected
    if registry is not None:
        found = registry.by_name(said, year)
        if expected is None and len(found) == 1:
            return found[0].name
        if not found:
            raise UnitsError(
                f"{label}: its title names '{said.upper()}', which is not a unit of the "
                f"registry alive in {year}"
            )
    raise UnitsError(
        f"{label}: its title names '{said.upper()}', but the table was given as "
        f"{expected}'s; put it in that unit's folder, or correct the title"
    )
