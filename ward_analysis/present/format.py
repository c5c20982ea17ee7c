"""Numbers and a target's values as a report writes them, in the report's language.

``79,1 %`` and ``1.250,5`` in Vietnamese, ``79.1%`` and ``1,250.5`` in English (the
separators, the space before %, and how units are written come from
:mod:`ward_analysis.present.locale`); a yes/no target's value is ``Đạt`` / ``met``, a
rating's is its level.
"""

from __future__ import annotations

import functools
import math
import re

from ..model import kinds
from ..model.catalog import Target
from ..schema import GROWTH_UNIT, LEVEL_MEASURES, POINTS_UNIT
from .locale import get_locale


def format_number(value: float, decimals: int = 1, *, lang: str = "vi") -> str:
    """Format a number for a report: ``1.250,5`` in Vietnamese, ``1,250.5`` in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return get_locale(lang).number(value, decimals)


def format_value(
    value: float, unit: str = "", *, lang: str = "vi", decimals: int | None = None
) -> str:
    """Format a figure with its unit for a report: ``79,1 %`` (vi) or ``79.1%`` (en).

    ``decimals`` defaults to 1 for percentages, 2 for km, 0 otherwise (counts,
    money in triệu đồng) unless the figure has a fraction below 100.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _format_value(float(value), unit or "", get_locale(lang).code, decimals)


@functools.lru_cache(maxsize=65536)
def _format_value(value: float, unit: str, lang: str, decimals: int | None) -> str:
    if decimals is None:
        decimals = 2 if unit == "km" else 1 if unit.startswith(("%", "‰")) else 0
        if decimals == 0 and not value.is_integer() and abs(value) < 100:
            decimals = 1
    locale = get_locale(lang)
    return locale.with_unit(locale.number(value, decimals), unit)


def percent(p: float, lang: str) -> str:
    """A probability as a whole percentage (``40 %`` / ``40%``); ``–`` for none."""
    if p is None or math.isnan(p):
        return "–"
    return get_locale(lang).percent(p)


def compared_unit(target: Target) -> str:
    """The unit of the figure compared with the threshold (percent a year for an average growth)."""
    return kinds.get(target.kind).compared_unit(target)


def own_decimals(x: float) -> int:
    """How many decimals ``x`` is written with (``1.05`` → 2)."""
    text = f"{x:.6g}"
    return len(text.split(".")[1]) if "." in text else 0


def decimals_for(target: Target) -> int | None:
    """Decimals for a target's figures: the usual ones, or more if its threshold has more."""
    usual = {"%": 1, GROWTH_UNIT: 1, POINTS_UNIT: 2, "km": 2}.get(compared_unit(target))
    if usual is None:
        return None
    return max(usual, own_decimals(target.threshold_value))


def _apart_from_goal(value: float, target: Target, decimals: int) -> int:
    """Decimals enough (one or two more) that a figure near the target's threshold or upper
    end does not show as it: 1,54 against "dưới 1,5 %" reads "1,54 %", not "1,5 %"."""
    goals = [g for g in (target.threshold_value, target.upper) if g is not None and g == g]
    for extra in (0, 1, 2):
        d = decimals + extra
        # a value equal to a goal but for the floating-point rounding of a difference
        # (2,6 − 2,4 = 0,19999…) is the goal: no extra decimals for it
        if not any(
            abs(value - g) > 1e-9 * max(1.0, abs(g)) and round(value, d) == round(g, d)
            for g in goals
        ):
            return d
    return decimals + 2


def show(
    value: float, target: Target, lang: str, *, decimals: int | None = None, raw: bool = False
) -> str:
    """A value of ``target`` as people read it: ``76,4 %``, ``Khá``, ``Đạt``.

    ``raw=True`` shows a yearly figure in the unit of the tables even where the
    target compares something else (an average growth target's amounts).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if target.measure == "boolean":
        return get_locale(lang).word("yes" if value >= 0.5 else "no")
    if target.measure == "rating" and target.rating_scale:
        return target.rating_names(lang)[round(value)]
    if decimals is None:
        decimals = decimals_for(target)
        if decimals is not None and not raw:
            decimals = _apart_from_goal(float(value), target, decimals)
    unit = target.unit_of_measure if raw else compared_unit(target)
    return format_value(
        float(value),
        unit,
        lang=lang,
        decimals=None if raw and unit != compared_unit(target) else decimals,
    )


def show_range(
    low: float, high: float, target: Target, lang: str, *, decimals: int | None = None
) -> str:
    """``6–13 đường``, ``74,1–84,0 %``: the unit written once."""
    high_text = show(high, target, lang, decimals=decimals)
    if target.measure in LEVEL_MEASURES or low is None or math.isnan(low):
        return f"{show(low, target, lang, decimals=decimals)}–{high_text}"
    low_text = show(low, target, lang, decimals=decimals)
    low_number = format_value(
        float(low),
        "",
        lang=lang,
        decimals=decimals if decimals is not None else decimals_for(target),
    )
    return f"{low_number}–{high_text}" if low_text != high_text else low_text


def show_compared(value: float, target: Target, lang: str) -> str:
    """The figure compared with the threshold, as a table cell says it: a change a year with
    its way (``giảm bình quân 0,20 điểm %/năm``), any other as :func:`show` does."""
    if kinds.get(target.kind).said_with_its_way:
        return change_phrase(value, target, lang)
    return show(value, target, lang)


def show_projection(value: float, low: float, high: float, target: Target, lang: str) -> str:
    """A projected value and its interval, ``78,4 % (72,2–83,6 %)``; the value alone where
    the interval shows as one figure (``2,9 %/năm``, not ``2,9 %/năm (2,9–2,9 %/năm)``); a
    change a year with its way at each end."""
    if kinds.get(target.kind).said_with_its_way:
        text = change_phrase(value, target, lang)
        if low is None or high is None or math.isnan(low) or math.isnan(high):
            return text
        ends = [change_phrase(v, target, lang) for v in sorted((low, high))]
        return text if ends[0] == ends[1] else f"{text} ({ends[0]} – {ends[1]})"
    text = show(value, target, lang)
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return text
    low_text, high_text = show(low, target, lang), show(high, target, lang)
    if low_text == high_text:
        return text
    if low < 0:  # "-0,6 – 5,2 %/năm", not "-0,6–5,2 %/năm"
        return f"{text} ({low_text} – {high_text})"
    return f"{text} ({show_range(low, high, target, lang)})"


def rating_limit(target: Target, lang: str = "vi") -> str:
    """The lowest level of a rated target's scale that meets it (``Khá`` for ``>= Khá``,
    ``Giỏi`` for ``> Khá``), as ``lang`` names it."""
    scale, rank = target.rating_names(lang), int(target.threshold_value)
    if target.comparator == ">" and rank + 1 < len(scale):
        rank += 1
    return scale[rank]


def show_limit(target: Target, lang: str) -> str:
    """The threshold alone, without its comparator: ``1,05 %`` (of "không quá 1,05 %"),
    ``Khá`` (of "Khá trở lên"), ``Đạt``."""
    if target.measure == "boolean":
        return get_locale(lang).word("yes")
    if target.measure == "rating":
        return rating_limit(target, lang)
    thr = target.threshold_value
    return show(thr, target, lang, decimals=own_decimals(thr))


def show_target(target: Target, lang: str) -> str:
    """The threshold as a phrase: ``80 %``, ``dưới 1 %``, ``8–10 đường``, ``Khá trở lên``."""
    locale = get_locale(lang)
    if target.measure == "boolean":
        return locale.word("yes")
    if target.measure == "rating":
        return locale.word("rating_or_better", label=rating_limit(target, lang))
    thr = target.threshold_value
    if target.upper is not None:
        places = max(own_decimals(thr), own_decimals(target.upper))
        return show_range(thr, target.upper, target, lang, decimals=places)
    return f"{locale.comparators[target.comparator]}{show(thr, target, lang, decimals=own_decimals(thr))}"


_NUMBER_SPACE_UNIT = re.compile(r"(?<=\d) (?=[%‰])")


def keep_units_together(text: str) -> str:
    """A page's text with a no-break space between a figure and its ``%`` or ``‰`` sign
    (``79,6 %``), so that a line never ends on the figure with the sign on the next."""
    return _NUMBER_SPACE_UNIT.sub("\u00a0", text)


def change_phrase(size: float, target: Target, lang: str) -> str:
    """A change a year, the way a ``change_per_year`` target counts it, as a phrase: ``giảm
    bình quân 0,25 điểm %/năm``; the other way round when ``size`` is negative."""
    if size is None or math.isnan(size):
        return "–"
    way = target.direction if size >= 0 else {"down": "up", "up": "down"}[target.direction]
    return get_locale(lang).word(f"move_{way}", value=show(abs(size), target, lang))


def change_goal(target: Target, lang: str) -> str:
    """A ``change_per_year`` target as a phrase: ``giảm bình quân 1–1,5 điểm %/năm``."""
    return get_locale(lang).word(f"move_{target.direction}", value=show_target(target, lang))


#: A comparator's code in the words of a target compared with another unit's figure.
_COMPARED = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}


def reference_name(target: Target, lang: str) -> str:
    """The unit a ``relative`` target compares with, as a sentence in ``lang`` names it
    (``tỉnh Gia Lai``): the name the catalog was given (the registry's, the catalog's own, or
    the unit's code: :meth:`.Target.reference_name`); "" for a target that compares with none."""
    locale = get_locale(lang)
    return locale.unit_in_sentence(target.reference_name(locale.code) or "")


def points(value: float, lang: str) -> str:
    """A size in percentage points, with the decimals it has (up to two): ``1 điểm phần
    trăm``, ``0.5 pts``, ``1 pt``."""
    locale = get_locale(lang)
    decimals = next((d for d in (0, 1, 2) if abs(round(value, d) - value) < 1e-9), 2)
    number = locale.number(value, decimals)
    return locale.word("points_one" if number == locale.number(1, 0) else "points", n=number)


def relative_goal(target: Target, lang: str) -> str:
    """A ``relative`` target as a phrase: ``thấp hơn mức của tỉnh Gia Lai``; with the offset
    it states, ``thấp hơn mức của tỉnh Gia Lai trên 1 điểm phần trăm`` (the unit's figure
    minus the reference's below −1)."""
    locale = get_locale(lang)
    ref, thr = reference_name(target, lang), target.threshold_value
    compared = _COMPARED[target.comparator]
    if thr == 0:
        return locale.word(f"relative_{compared}", ref=ref)
    size = abs(thr)
    gap = (
        points(size, lang)
        if target.measure == "share"
        else show(size, target, lang, decimals=own_decimals(size))
    )
    side = "below" if thr < 0 else "above"
    return locale.word(f"relative_{compared}_{side}", ref=ref, gap=gap)


def band_text(target: Target, lang: str) -> str:
    """The levels that meet a target given as a band (``63–72 %``); "" where it has none."""
    found = kinds.get(target.kind).goal_band(target)
    if found is None:
        return ""
    low, high = (show(v, target, lang, decimals=own_decimals(round(v, 6))) for v in found)
    return get_locale(lang).word("band", low=low, high=high)


def goal_text(target: Target, lang: str) -> str:
    """The target as a phrase of its own, whatever its kind: ``80 %``, ``giảm bình quân
    0,2 điểm %/năm`` (a change a year), ``thấp hơn mức của tỉnh Gia Lai`` (beside another
    unit), ``khoảng 65–70 % (từ 63 % đến 72 %)`` (an approximate level), ``100 % (đến năm
    2027)`` (a level due by a year inside the term)."""
    if target.direction is not None:
        return change_goal(target, lang)
    if target.reference is not None:
        return relative_goal(target, lang)
    band = band_text(target, lang)
    if band:
        return get_locale(lang).word("about_goal", goal=show_target(target, lang), band=band)
    due = kinds.get(target.kind).verdict_year(target)
    if due != target.target_year:
        return get_locale(lang).word("goal_by_year", goal=show_target(target, lang), Y=due)
    return show_target(target, lang)
