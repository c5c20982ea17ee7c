"""Turn one cell of a yearly table into a value for a given target.

Numbers are converted to the target's unit (``9,05`` tỷ đồng → 9050 triệu
đồng), checked against what the measure allows (a share of 130 % is rejected,
a count must be whole), yes/no words become 1/0 and ratings become their rank
on the catalog's scale. Problems raise :class:`ParseError` with the reason.
"""

from __future__ import annotations

import math
import re
import unicodedata

from ..errors import ParseError
from ..model.catalog import Target
from ..text import match_key, nfc
from .numbers import comma_thousand, missing_reason, parse_quantity

#: Known units: comparison key → (measure, factor to the measure's base unit).
_UNITS: dict[str, tuple[str, float]] = {
    "%": ("share", 1.0),
    "‰": ("share", 0.1),
    "phan tram": ("share", 1.0),
    "km": ("length", 1.0),
    "m": ("length", 0.001),
    "met": ("length", 0.001),
    "trieu dong": ("amount", 1.0),
    "tr dong": ("amount", 1.0),
    "trd": ("amount", 1.0),
    "ty dong": ("amount", 1000.0),
    "ti dong": ("amount", 1000.0),
    "ty": ("amount", 1000.0),
    "ti": ("amount", 1000.0),
    "trieu": ("amount", 1.0),
    "tr": ("amount", 1.0),
    "tr d": ("amount", 1.0),
    "vnd": ("amount", 0.000001),
    "m dai": ("length", 0.001),
    "phan nghin": ("share", 0.1),
    "nghin dong": ("amount", 0.001),
    "ngan dong": ("amount", 0.001),
    "dong": ("amount", 0.000001),
    "m2": ("area", 1.0),
    "km2": ("area", 1e6),
    "ha": ("area", 1e4),
}
#: Marks that tick a yes/no row as met.
_TICKS = {"x", "✓", "✔", "√"}
#: A unit in the trailing brackets of an indicator's name: "Thu ngân sách (tỷ đồng)".
_NAME_UNIT = re.compile(r"\(\s*([^()]{1,20}?)\s*\)\s*$")
#: A unit stated in a note or a name: "ĐVT: tỷ đồng".
_STATED_UNIT = re.compile(
    r"\b(?:ĐVT|đơn vị tính|đơn vị)\s*[:：]\s*([^;,()]+?)\s*(?:[;,()]|$)", re.I
)
#: Measures whose figures a d,ddd text makes ambiguous (a share of 9,050 % is no thousand).
_SCALED_MEASURES = ("amount", "count", "length")

_YES = {"dat", "co", "dat chuan"}
_NO = {"khong dat", "chua dat", "khong", "khong dat chuan", "chua dat chuan"}
#: "Không phát sinh": nothing happened — 0 of a count, an amount or a length.
_NONE_OCCURRED = {"khong phat sinh", "ko phat sinh"}
#: Words in a count's cell that make it another figure than the year's count.
_CELL_QUALIFIERS = re.compile(r"\b(?:luy ke|cong don|tong so)\b")
_PLAN_PREFIX = re.compile(
    r"^(?:≥|>=|>|≤|<=|<|trên|dưới|tối thiểu|ít nhất|không quá|khoảng)\s*", re.I
)
_PLAN_SUFFIX = re.compile(r"\s*(?:trở lên|trở xuống)$", re.I)


def _unit_entry(unit: str) -> tuple[str, float] | None:
    unit = unicodedata.normalize("NFKC", nfc(unit))  # m² → m2: an area, not metres
    if unit in _UNITS:
        return _UNITS[unit]
    return _UNITS.get(match_key(unit))


def known_unit(text: str) -> bool:
    """Whether ``text`` is a unit this package converts (``%``, ``km``, ``tỷ đồng``, ``m²``…)."""
    return _unit_entry(text) is not None


def row_unit(target: Target, column: str, name: str, note: str) -> str:
    """The unit of a row's figures, from its ĐVT column, a unit in the name's trailing brackets
    (``Thu ngân sách (tỷ đồng)``) or an ``ĐVT: …`` in the note or the name. Two of these that
    disagree raise :class:`ParseError` (code ``unit_conflict``): the figure could be either."""
    stated = []
    if nfc(column):
        stated.append(("the ĐVT column", nfc(column)))
    bracket = _NAME_UNIT.search(name)
    if bracket and _unit_entry(bracket[1]) is not None:
        stated.append(("the name", bracket[1]))
    for where, text in (("the note", note), ("the name", name)):
        for found in _STATED_UNIT.finditer(text):
            stated.append((where, found[1]))
    known = [(where, u, _unit_entry(u)) for where, u in stated]
    measured = [(where, u, entry) for where, u, entry in known if entry is not None]
    if len({entry for _, _, entry in measured}) > 1:
        shown = " and ".join(f"'{u}' in {where}" for where, u, _ in measured)
        raise ParseError(
            f"the row gives two units, {shown}: the figure could be in either; keep one",
            code="unit_conflict",
        )
    if measured:
        return measured[0][1]
    return stated[0][1] if stated else ""


def unit_factor(unit: str | None, target: Target) -> float:
    """Factor that converts a figure written in ``unit`` into the target's unit.

    A blank unit means the target's own. A unit of another kind (``km`` for a
    share, ``%`` for a count) raises :class:`ParseError`.
    """
    if not unit or not nfc(unit):
        return 1.0
    given = _unit_entry(unit)
    own = _unit_entry(target.unit_of_measure) if target.unit_of_measure else None
    if target.measure == "count":
        if given is not None:
            raise ParseError(
                f"unit '{unit}' is not a unit for counting ({target.unit_of_measure or 'a count'})"
            )
        return 1.0
    if given is None or given[0] != target.measure:
        expected = target.unit_of_measure or target.measure
        raise ParseError(f"unit '{unit}' does not fit this target, which is measured in {expected}")
    if own is None:
        return 1.0
    return given[1] / own[1]


def is_tick(raw: object) -> bool:
    """Whether a cell holds a tick (``x``, ``✓``, ``√``): "met" in a yes/no row."""
    return isinstance(raw, str) and nfc(raw).casefold() in _TICKS


def cell_missing(raw: object, target: Target) -> str | None:
    """Why a cell holds no figure of ``target`` (blank, a dash…), or None; a tick in a yes/no
    row is a figure: met."""
    if target.measure == "boolean" and is_tick(raw):
        return None
    return missing_reason(raw)


def parse_boolean(text: object) -> float:
    """``Đạt``/``Có``/a tick → 1.0, ``Không đạt``/``Chưa đạt``/``Không`` → 0.0; missing → NaN."""
    if is_tick(text):
        return 1.0
    if missing_reason(text) is not None:
        return math.nan
    key = match_key(str(text))
    if key in _YES:
        return 1.0
    if key in _NO:
        return 0.0
    raise ParseError(f"'{nfc(str(text))}' is not a yes/no value (expected 'Đạt' or 'Không đạt')")


def parse_rating(text: object, target: Target, *, plan: bool = False) -> float:
    """A rating's rank on the target's scale (0 = lowest); missing → NaN."""
    if missing_reason(text) is not None:
        return math.nan
    key = match_key(nfc(str(text)))
    if plan:
        key = match_key(_PLAN_SUFFIX.sub("", nfc(str(text))))
    elif _PLAN_SUFFIX.search(nfc(str(text))):
        raise ParseError(
            f"'{nfc(str(text))}' is a target's wording ('… trở lên'), not a result: write the "
            "level reached"
        )
    key = re.sub(r"\bnv$", "nhiem vu", key)  # "Hoàn thành tốt NV"
    for rank, label in enumerate(target.rating_scale or []):
        names = [label, *target.rating_aliases.get(label, [])]
        if key in {match_key(n) for n in names}:
            return float(rank)
    scale = " < ".join(target.rating_scale or [])
    raise ParseError(f"'{nfc(str(text))}' is not a level of the rating scale ({scale})")


def parse_cell(
    raw: object, target: Target, *, unit: str | None = None, plan: bool = False
) -> float:
    """Read one table cell as a value of ``target`` in the target's unit.

    ``unit`` is the row's ĐVT (unit column); a unit written in the cell itself
    wins. ``plan=True`` also accepts plan wording such as ``≥ 85%`` or ``Khá trở
    lên``. Returns NaN for a recognised missing marker.
    """
    if isinstance(raw, str) and raw.strip().startswith("="):
        raise ParseError(
            f"the cell holds the formula '{raw.strip()}' with no saved result: "
            "open and save the file in Excel, or type the figure"
        )
    if target.measure == "boolean":
        return parse_boolean(raw)
    if target.measure == "rating":
        return parse_rating(raw, target, plan=plan)
    if plan and isinstance(raw, str):
        raw = _PLAN_SUFFIX.sub("", _PLAN_PREFIX.sub("", nfc(raw)))
    if isinstance(raw, str):
        key = match_key(raw)
        if key in _NONE_OCCURRED and target.measure in _SCALED_MEASURES:
            return 0.0
        raw = re.sub(r"^\s*đạt\s+(?=\d)", "", nfc(raw), flags=re.I)  # "đạt 100%"
    if target.measure in _SCALED_MEASURES and comma_thousand(raw):
        number = nfc(str(raw)).split()[0].lstrip("+-−")
        thousands, decimal = number.replace(",", "."), number.rstrip("0").rstrip(",")
        raise ParseError(
            f"'{nfc(str(raw))}' could mean {number.replace(',', '')} (the English way of writing "
            f"{thousands}) or {decimal} (a decimal comma): write {thousands} or {decimal}",
            code="ambiguous_number",
        )
    value, cell_unit = parse_quantity(raw)
    if cell_unit and target.measure == "count":
        _check_count_unit(cell_unit, target, unit, raw)
    if math.isnan(value):
        return value
    value = round(value * unit_factor(cell_unit or unit, target), 9)
    low, high = target.plausible_range
    if not low <= value <= high:
        raise ParseError(
            f"{_show(value)} {target.unit_of_measure} is impossible for this {target.measure} "
            f"(allowed {_show(low)} to {_show(high)})"
        )
    if target.measure == "count" and not float(value).is_integer():
        raise ParseError(f"a count must be a whole number, not {_show(value)}")
    return value


def _check_count_unit(cell_unit: str, target: Target, row_unit: str | None, raw: object) -> None:
    """A word after a count must be what is counted: "25 bóng", not "57 lũy kế"."""
    key = match_key(cell_unit)
    if _CELL_QUALIFIERS.search(key):
        raise ParseError(
            f"'{nfc(str(raw))}' is a running total ('{cell_unit}'), not the year's count",
            code="qualifier",
        )
    own = {match_key(u) for u in (target.unit_of_measure, row_unit or "") if u}
    if own and key not in own and _unit_entry(cell_unit) is None:
        raise ParseError(
            f"'{nfc(str(raw))}': '{cell_unit}' is not what this target counts "
            f"({target.unit_of_measure or row_unit})"
        )


def _show(value: float) -> str:
    return f"{value:g}".replace(".", ",")
