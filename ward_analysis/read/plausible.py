"""Figures an order of magnitude away from their neighbours: refused, unless confirmed.

A figure that parses can still be wrong by a factor a clerk's slip makes: 1,000 (tỷ under a
triệu đồng heading, metres under km), 100 (a share typed as a fraction) or 10 (a digit too
many). Each figure is compared with the same target's results in the other years of the read
(their median, same basis), or, with no other year, the same row's other figure (plan ↔
result). A ratio of :data:`FACTOR` or more either way is refused with the figure, what it was
compared with and the likely cause. A genuine jump is read when ``confirmations.yaml`` beside
the tables confirms it (file, row, value, reason): the observation then carries the reason.
"""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import yaml

from ..errors import ParseError, ReportFormatError
from ..model.catalog import Catalog
from ..schema import FLAG_SEPARATOR, flag_entry
from ..text import nfc
from .numbers import parse_number

#: How far (either way) a figure may lie from its reference before it is refused.
FACTOR = 8.0
#: Counts below this are not compared: one event one year and ten the next happens.
MIN_COUNT_REFERENCE = 5
#: The measures whose figures can slip by a scale.
_SCALED = ("amount", "count", "length", "share")
CONFIRMATIONS = "confirmations.yaml"


def load_confirmations(folder: Path | None) -> dict[tuple[str, int], tuple[float, str]]:
    """(file, row) → (value, reason) from ``confirmations.yaml`` in ``folder``, if there is one."""
    if folder is None or not (folder / CONFIRMATIONS).is_file():
        return {}
    path = folder / CONFIRMATIONS
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportFormatError(f"{path}: not readable as YAML ({exc})") from None
    out = {}
    for number, entry in enumerate(entries if isinstance(entries, list) else [None], start=1):
        if not isinstance(entry, dict) or not {"file", "row", "value", "reason"} <= set(entry):
            raise ReportFormatError(
                f"{path}: entry {number} needs file, row, value and reason (the figure as "
                "read, and why it is right)"
            )
        try:
            value = parse_number(entry["value"])  # as read: 75.000 is seventy-five thousand
        except ParseError as exc:
            raise ReportFormatError(f"{path}: entry {number}: {exc}") from None
        out[(str(entry["file"]), int(entry["row"]))] = (value, nfc(str(entry["reason"])))
    return out


def _cause(ratio: float, measure: str) -> str:
    if 300 <= ratio <= 3000 or 1 / 3000 <= ratio <= 1 / 300:
        more = ratio > 1
        return {
            "amount": "looks like triệu đồng written under a tỷ đồng unit"
            if more
            else "looks like tỷ đồng written under a triệu đồng unit",
            "length": "looks like metres written under km"
            if more
            else "looks like km written under metres",
        }.get(measure, "about 1,000 times: a unit or a thousands separator slipped")
    if measure == "share" and ratio < 1 / FACTOR:
        return "looks like a fraction (0,764 written for 76,4 %) or a per-mille figure"
    return "an order of magnitude away: a digit or a unit may have slipped"


def _shown(value: float) -> str:
    return f"{value:,.6g}".replace(",", " ").replace(".", ",")


def check(obs: list[dict], catalog: Catalog, confirmations: dict) -> tuple[list[dict], list[dict]]:
    """Split observations into (kept, implausible): each implausible one gets ``_reason``."""
    results: dict[tuple, dict[int, list[float]]] = {}
    by_row: dict[str, list[dict]] = {}
    for o in obs:
        if math.isnan(o["value"]):
            continue
        by_row.setdefault(o["source"], []).append(o)
        if o["value_kind"] != "plan":
            key = (o["unit"], o["target_id"], o["basis"])
            results.setdefault(key, {}).setdefault(o["year"], []).append(o["value"])
    kept, refused = [], []
    for o in obs:
        target = catalog[o["target_id"]]
        value = o["value"]
        if target.measure not in _SCALED or math.isnan(value) or value <= 0:
            kept.append(o)
            continue
        history = results.get((o["unit"], o["target_id"], o["basis"]), {})
        others = [v for year, values in history.items() if year != o["year"] for v in values]
        if others:
            reference, what = statistics.median(others), "the other years' figures"
        else:
            row = [p for p in by_row.get(o["source"], []) if p is not o and p["year"] == o["year"]]
            if not row:
                kept.append(o)
                continue
            reference, what = row[0]["value"], f"the same row's {row[0]['value_kind']}"
        small = target.measure == "count" and reference < MIN_COUNT_REFERENCE
        ratio = value / reference if reference > 0 else 1.0
        if small or 1 / FACTOR < ratio < FACTOR:
            kept.append(o)
            continue
        file, row = o["source"].rsplit(":", 1)
        confirmed = confirmations.get((file, int(row)))
        if confirmed is not None and math.isclose(confirmed[0], value, rel_tol=1e-9):
            flag = FLAG_SEPARATOR.join(
                filter(None, [o.get("flag"), flag_entry("confirmed", confirmed[1])])
            )
            kept.append(o | {"flag": flag})
            continue
        unit = target.unit_of_measure
        refused.append(
            o | {"_reason": f"{_shown(value)} {unit} is {ratio:.3g} times {what} "
                            f"({_shown(reference)} {unit}): {_cause(ratio, target.measure)}; "
                            f"if it is right, confirm it in {CONFIRMATIONS} (file, row, value, reason)"}
        )  # fmt: skip
    return kept, refused
