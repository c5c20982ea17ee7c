"""Read numbers the way Vietnamese ward reports write them (``present.format`` writes them).

Vietnamese reports use a decimal comma and dot thousands: ``2,5`` is two and a
half, ``1.250`` is one thousand two hundred and fifty, ``12.345,6`` mixes both.
Clerks also slip: ``1.05`` (a dot as decimal point) cannot be a thousands group
and is read as 1.05, while ``1.050`` follows the convention and is 1050 — the
per-target range checks in :mod:`ward_analysis.read.cells` catch the rare slip that
this makes implausible. Anything that fits no reading raises :class:`ParseError`.
"""

from __future__ import annotations

import math
import re

from ..errors import ParseError
from ..text import nfc

#: Texts that mean "no figure" in ward tables → the flag code saying why (``schema.MISSING_FLAGS``).
MISSING_MARKERS: dict[str, str] = {
    "": "missing_blank",
    "-": "missing_dash",
    "–": "missing_dash",
    "—": "missing_dash",
    "…": "missing_ellipsis",
    "...": "missing_ellipsis",
    "x": "missing_not_applicable",
    "n/a": "missing_not_applicable",
    "chưa có số liệu": "missing_not_yet",
    "chưa có": "missing_not_yet",
    "không có số liệu": "missing_none",
    "chưa thống kê": "missing_not_compiled",
}
#: Each missing code in words, for analysts (the detail of the observation's flag).
MISSING_DETAILS: dict[str, str] = {
    "missing_blank": "blank cell",
    "missing_dash": "dash: may mean 'did not occur' (0), not taken as a figure",
    "missing_ellipsis": "ellipsis: no figure",
    "missing_not_applicable": "'x' or 'n/a': not applicable",
    "missing_not_yet": "'chưa có số liệu': no figure yet",
    "missing_none": "'không có số liệu': no figure",
    "missing_not_compiled": "'chưa thống kê': not compiled",
}

_NUMBER = re.compile(
    r"^(?P<sign>[-−+])?\s*(?P<body>\d[\d.,]*)\s*(?P<unit>(?:[%‰]|[^\W\d_]).*?)?$",
)
#: A space, no-break space or narrow no-break space between digit groups: ``9 050``.
_SPACE_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
#: ``9,050``: en-US thousands or a Vietnamese decimal comma — the text alone cannot tell.
_COMMA_THOUSAND = re.compile(r"^[-−+]?\s*[1-9]\d{0,2},\d{3}(?:\s*[^\d.,].*)?$")
_THOUSANDS_DECIMAL_COMMA = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_THOUSANDS_DOTS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_DECIMAL_DOT = re.compile(r"^\d+\.\d+$")
_INTEGER = re.compile(r"^\d+$")
_RANGE_WORDS = re.compile(r"\s+(?:đến|tới)\s+", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s*[–—]\s*|(?<=[\d%‰\w])\s*-\s*(?=\d)")
_FROM = re.compile(r"^từ\s+", re.IGNORECASE)


def missing_reason(text: object) -> str | None:
    """Return why ``text`` means "no figure" (blank, ``-``, ``…``…) as a code of
    ``schema.MISSING_FLAGS`` (:data:`MISSING_DETAILS` says it in words), or None if it does not."""
    if text is None:
        return MISSING_MARKERS[""]
    if isinstance(text, float) and math.isnan(text):
        return MISSING_MARKERS[""]
    if not isinstance(text, str):
        return None
    return MISSING_MARKERS.get(nfc(text).casefold())


def _body_value(body: str, original: str) -> float:
    if _INTEGER.match(body):
        return float(body)
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        if _THOUSANDS_DECIMAL_COMMA.match(body):
            return float(body.replace(".", "").replace(",", "."))
        raise ParseError(
            f"'{original}' mixes '.' and ',' in an order Vietnamese figures never use "
            "(expected dots for thousands and one comma for decimals, e.g. 12.345,6)"
        )
    if has_comma:
        if _DECIMAL_COMMA.match(body):
            return float(body.replace(",", "."))
        raise ParseError(
            f"'{original}' has more than one decimal comma or a misplaced comma "
            "(Vietnamese figures use one comma for decimals, e.g. 2,5)"
        )
    if _THOUSANDS_DOTS.match(body):
        return float(body.replace(".", ""))
    if _DECIMAL_DOT.match(body):
        return float(body)
    raise ParseError(
        f"'{original}' has dots that are neither thousands groups (1.250) nor one decimal point"
    )


def parse_quantity(text: object) -> tuple[float, str | None]:
    """Parse a figure with an optional trailing unit: ``"2,5 km"`` → ``(2.5, "km")``.

    Numbers (from Excel cells) pass through with no unit. A recognised missing
    marker gives ``(nan, None)``. Anything else raises :class:`ParseError`.
    """
    if isinstance(text, bool):
        raise ParseError(f"'{text}' is a yes/no value, not a number")
    if isinstance(text, int | float):
        return float(text), None
    if missing_reason(text) is not None:
        return math.nan, None
    if not isinstance(text, str):
        raise ParseError(f"'{text}' is not a number")
    clean = _SPACE_GROUPS.sub("", nfc(text))
    match = _NUMBER.match(clean)
    if not match:
        raise ParseError(f"'{clean}' is {_what_instead(clean)}")
    value = _body_value(match["body"], clean)
    if match["sign"] in ("-", "−"):
        value = -value
    unit = match["unit"]
    if unit and (re.search(r"\d", unit) or (unit not in ("%", "‰") and re.search(r"[%‰]", unit))):
        raise ParseError(f"'{clean}' is not a number (stray characters after '{match['body']}')")
    return value, (unit or None)


def comma_thousand(text: object) -> bool:
    """Whether ``text`` is written ``d,ddd`` (``9,050``, ``1,000 m``): one comma before exactly
    three digits — a thousands group in en-US figures, a decimal comma in Vietnamese ones."""
    return isinstance(text, str) and bool(_COMMA_THOUSAND.match(nfc(text)))


def _what_instead(clean: str) -> str:
    try:
        parse_range(clean)
    except ParseError:
        return "not a number"
    return "a range, not a single figure"


def parse_number(text: object) -> float:
    """Parse a Vietnamese-formatted number, ignoring a trailing unit.

    >>> parse_number("12.345,6")
    12345.6
    >>> parse_number("80 %")
    80.0
    >>> parse_number("1,5 km")
    1.5

    Returns NaN for a recognised missing marker (blank, ``-``, ``…``, ``x``,
    "chưa có số liệu"); raises :class:`ParseError` for anything else that is not
    a number.
    """
    return parse_quantity(text)[0]


def parse_range(text: str) -> tuple[float, float]:
    """Parse a range such as ``"3 – 5%"``, ``"08 đến 10"`` or ``"từ 3 đến 5"`` into (low, high)."""
    if not isinstance(text, str):
        raise ParseError(f"'{text}' is not a range")
    clean = _FROM.sub("", nfc(text))
    parts = _RANGE_WORDS.split(clean)
    if len(parts) != 2:
        parts = _RANGE_DASH.split(clean)
    if len(parts) != 2:
        raise ParseError(f"'{nfc(text)}' is not a range like '3 – 5' or '08 đến 10'")
    (low, low_unit), (high, high_unit) = (parse_quantity(p) for p in parts)
    if math.isnan(low) or math.isnan(high):
        raise ParseError(f"'{nfc(text)}' has an empty end")
    if low_unit and high_unit and low_unit != high_unit:
        raise ParseError(f"'{nfc(text)}' has different units at its two ends")
    if low > high:
        raise ParseError(f"'{nfc(text)}' has its low end above its high end")
    return low, high
