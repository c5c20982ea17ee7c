"""Read analysts' overrides of a status (``overrides.yaml``) into a tidy, checked table.

A ward analyst sometimes knows better than the model: a title conferred after the yearly
table was filed, a figure the district corrected. ``overrides.yaml`` lists such decisions,
one entry each (``target_id``, optional ``unit``, ``as_of`` a year or ``all``, ``status``,
``reason``, ``by``, ``date``); :func:`load_overrides` checks every entry and returns one row
per entry with the columns of :data:`ward_analysis.schema.OVERRIDE_COLUMNS`. A problem is one
:class:`~ward_analysis.errors.OverridesError` naming the file, the entry (its position and
target) and why. ``ward_analysis.model.overrides`` applies the table to an assessment.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml

from .. import config
from ..errors import OverridesError
from ..schema import OVERRIDE_COLUMNS, STATUSES
from ..text import nfc

if TYPE_CHECKING:
    from ..model.catalog import Catalog

#: The fields of an entry, and what each one is for (said when it is missing).
FIELDS = {
    "target_id": "which target it is about (its id in the catalog, e.g. '9')",
    "unit": "the ward it is about (leave it out for every ward)",
    "as_of": "the as-of year it holds for (e.g. 2025), or 'all' for every year",
    "status": f"the status the analyst sets, one of {', '.join(STATUSES)}",
    "reason": "why the analyst sets this status",
    "by": "who set it (a name or a position)",
    "date": "when it was set, written YYYY-MM-DD (e.g. 2026-01-15)",
}
REQUIRED = ("target_id", "as_of", "status", "reason", "by", "date")
ALL_YEARS = "all"
#: The name of a table given as a frame, in messages.
FRAME_NAME = "the overrides table"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def default_overrides_path(catalog_path: str | Path | None = None) -> Path | None:
    """The shipped overrides file (``data/raw/overrides.yaml``) when it exists and the catalog
    in use is the shipped one (its entries name that catalog's targets); otherwise None."""
    shipped = config.CATALOG_PATH.resolve()
    if catalog_path is not None and Path(catalog_path).resolve() != shipped:
        return None
    return config.OVERRIDES_PATH if config.OVERRIDES_PATH.is_file() else None


def load_overrides(
    path_or_frame: str | Path | pd.DataFrame, *, catalog: Catalog | None = None
) -> pd.DataFrame:
    """Read and check analysts' overrides: a YAML file (a list of entries) or a frame with
    the same fields. With ``catalog``, each ``target_id`` must be one of its targets.

    Returns one row per entry (:data:`~ward_analysis.schema.OVERRIDE_COLUMNS`; ``unit`` and
    ``as_of`` are <NA> for every unit / every year). An override for a year with no figures
    is kept. Raises :class:`OverridesError` naming the file, entry and reason: unknown target,
    field or status; a missing reason, author or date; ``as_of`` neither a year nor 'all'; a
    date that is not YYYY-MM-DD; two entries for the same target, unit and as-of year.
    """
    if isinstance(path_or_frame, pd.DataFrame):
        source, entries = _frame_entries(path_or_frame)
    else:
        source = Path(path_or_frame)
        entries = [(i, e) for i, e in enumerate(_read_yaml(source), start=1)]
    rows = [_check_entry(entry, source, position, catalog) for position, entry in entries]
    _check_duplicates(rows, source)
    frame = pd.DataFrame(rows, columns=OVERRIDE_COLUMNS)
    return frame.astype({"as_of": "Int64", "entry": "int64"}).astype(
        {c: object for c in ("target_id", "unit", "status", "reason", "by", "date", "source")}
    )


def _read_yaml(path: Path) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OverridesError(path, "overrides file not found") from None
    except UnicodeDecodeError as exc:
        raise OverridesError(
            path, f"not UTF-8 text (byte {exc.start}); save it again as UTF-8"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise OverridesError(path, f"not valid YAML{at}: {getattr(exc, 'problem', exc)}") from None
    if data is None:  # only comments: no override
        return []
    if not isinstance(data, list):
        raise OverridesError(
            path,
            "expected a list of entries, each starting with '- target_id: …' "
            f"(found a {type(data).__name__})",
        )
    return data


def _frame_entries(frame: pd.DataFrame) -> tuple[str, list[tuple[int, dict]]]:
    """The rows of a frame as entries (<NA> ``unit`` / ``as_of``: every unit / year). A frame
    made by :func:`load_overrides` keeps its file and positions, so that messages still point
    into the file."""
    extra = [c for c in frame.columns if c not in (*FIELDS, "entry", "source")]
    if extra:
        raise OverridesError(FRAME_NAME, _unknown_fields(extra))
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    sources = {r.pop("source", None) for r in records} - {None}
    entries = []
    for i, record in enumerate(records, start=1):
        position = record.pop("entry", None)
        if "as_of" in frame.columns and record["as_of"] is None:
            record["as_of"] = ALL_YEARS
        entries.append((int(position) if position is not None else i, record))
    return (str(next(iter(sources))) if len(sources) == 1 else FRAME_NAME), entries


def _unknown_fields(names: list) -> str:
    return (
        f"unknown field(s) {', '.join(repr(str(n)) for n in names)}; "
        f"the fields are {', '.join(FIELDS)}"
    )


def _check_entry(entry: Any, source: object, position: int, catalog: Catalog | None) -> dict:
    if not isinstance(entry, dict):
        raise OverridesError(
            source,
            "expected the fields 'target_id: …', 'as_of: …', 'status: …', 'reason: …', "
            f"'by: …' and 'date: …' (found {entry!r})",
            entry=position,
        )
    target_id = _target_id(entry.get("target_id"))

    def fail(reason: str) -> OverridesError:
        return OverridesError(source, reason, entry=position, target_id=target_id)

    extra = [k for k in entry if k not in FIELDS]
    if extra:
        raise fail(_unknown_fields(extra))
    for name in REQUIRED:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise fail(f"'{name}' is missing or empty: give {FIELDS[name]}")
    if target_id is None:
        raise fail(
            f"'target_id' {entry['target_id']!r} is not a target id: give {FIELDS['target_id']}"
        )
    if catalog is not None and target_id not in catalog:
        name = catalog.path.name if catalog.path is not None else "the catalog"
        raise fail(f"there is no target '{target_id}' in {name}")
    status = entry["status"]
    if not isinstance(status, str) or status.strip() not in STATUSES:
        raise fail(f"'{status}' is not a status; use one of {', '.join(STATUSES)}")
    unit = entry.get("unit")
    if unit is not None and (not isinstance(unit, str) or not unit.strip()):
        raise fail(f"'unit' {unit!r} is not a ward's name: give {FIELDS['unit']}")
    for name in ("reason", "by"):
        if not isinstance(entry[name], str):
            raise fail(f"'{name}' {entry[name]!r} is not text: give {FIELDS[name]}")
    return {
        "target_id": target_id,
        "unit": nfc(unit.strip()) if unit is not None else None,
        "as_of": _as_of(entry["as_of"], fail),
        "status": status.strip(),
        "reason": nfc(entry["reason"].strip()),
        "by": nfc(entry["by"].strip()),
        "date": _date(entry["date"], fail),
        "entry": position,
        "source": str(source),
    }


def _target_id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _as_of(value: Any, fail) -> int | None:
    if isinstance(value, str) and value.strip().lower() == ALL_YEARS:
        return None
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        year = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        year = int(value.strip())
    if year is None or not 1900 <= year <= 2100:
        raise fail(f"'as_of' {value!r} is neither a year (e.g. 2025) nor '{ALL_YEARS}'")
    return year


def _date(value: Any, fail) -> str:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip() if isinstance(value, str) else None
    if text and _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise fail(f"'date' {value!r} is not a date written YYYY-MM-DD (e.g. 2026-01-15)")


def _check_duplicates(rows: list[dict], source: object) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        key = (row["target_id"], row["unit"], row["as_of"])
        if key in seen:
            unit = f"ward '{row['unit']}'" if row["unit"] is not None else "every ward"
            year = f"as of {row['as_of']}" if row["as_of"] is not None else "every year"
            raise OverridesError(
                source,
                f"entry {seen[key]} already sets the status of this target for {unit}, "
                f"{year}; keep one of the two",
                entry=row["entry"],
                target_id=row["target_id"],
            )
        seen[key] = row["entry"]
