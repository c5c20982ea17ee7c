"""Read one target statement: its figures, unit, measure, comparator, period, rating or
yes/no title, and a short name.

Each field read carries a confidence; a field read with less than :data:`REVIEW_BELOW`
records why, so that the draft flags it for review instead of guessing silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParseError
from ..read.numbers import parse_number
from ..schema import YES_LABEL
from ..text import match_key

#: Confidence below which a field is flagged for review.
REVIEW_BELOW = 0.75

HTNV_SCALE = [
    "Không hoàn thành nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành xuất sắc nhiệm vụ",
]
HTNV_ALIASES = {
    "Không hoàn thành nhiệm vụ": ["Không hoàn thành", "KHTNV"],
    "Hoàn thành nhiệm vụ": ["Hoàn thành", "HTNV"],
    "Hoàn thành tốt nhiệm vụ": ["Hoàn thành tốt", "HTTNV"],
    "Hoàn thành xuất sắc nhiệm vụ": ["Hoàn thành xuất sắc", "HTXSNV"],
}
GRADE_SCALE = ["Yếu", "Trung bình", "Khá", "Giỏi", "Xuất sắc"]
GRADE_ALIASES = {"Giỏi": ["Tốt"]}

# -- figures, units, comparators, periods ----------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_MONEY = r"(?:tỷ|tỉ|triệu|nghìn|ngàn)?\s*đồng(?!\s+chí)(?:\s*/\s*người(?:\s*/\s*năm)?|\s*/\s*năm)?"
#: Units of a figure (longest first). Count nouns beyond these are read as the next word.
_UNIT_WORDS = [
    "%/năm", "%", "‰", "km", "m2", "m²", "m", "ha", "tấn",
    "đồng chí", "đảng viên", "hội viên", "đoàn viên", "lượt người", "lao động", "người",
    "hộ gia đình", "hộ", "gia đình", "đường", "tuyến", "đoạn", "bóng",
    "công trình", "phòng học", "trường", "lớp", "nhà", "căn", "cơ sở", "doanh nghiệp",
    "hợp tác xã", "mô hình", "cây", "con", "tổ", "chi bộ", "camera", "cuộc", "lượt", "việc làm",
]  # fmt: skip
_UNIT = "(?:" + _MONEY + "|" + "|".join(re.escape(u) + r"(?![^\W\d_])" for u in _UNIT_WORDS) + ")"
_FIGURE = re.compile(
    rf"(?P<from>từ\s+)?(?P<low>{_NUM})\s*(?P<low_unit>{_UNIT})?"
    rf"(?:\s*(?:–|—|-|đến|tới)\s*(?P<high>{_NUM}))?(?:\s*(?P<unit>{_UNIT}))?",
    re.IGNORECASE,
)
#: A word after a bare number that is not its unit.
_NOT_UNIT_WORDS = {"tro", "len", "xuong", "tren", "duoi", "so", "voi", "va", "tai", "cua", "trong",
                   "dat", "giam", "tang", "con", "la", "nam", "tro len", "duoc", "co"}  # fmt: skip
#: Numbers that are not figures: articles, decrees, resolutions.
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:điều|khoản|số|nghị quyết|nghị định|chỉ thị|quyết định|thông tư|lần thứ|khóa|lớp|thứ"
    r"|mục|phần|điểm)\s*$",
    re.IGNORECASE,
)
_NOT_FIGURE_UNITS = {"tuoi", "thang", "ngay", "nam", "gio", "dieu"}
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[–—-]\s*(?:19|20)\d\d\b")


@dataclass
class _Figure:
    low: float
    high: float | None
    unit: str
    start: int
    end: int
    bracketed: bool
    from_word: bool


def figures(text: str) -> list[_Figure]:
    """The figures of a clause (not article numbers, ages or years)."""
    masked = _YEAR_RANGE.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _FIGURE.finditer(masked):
        before = masked[: m.start()]
        if re.search(r"[\d.,]$", before) or _NOT_FIGURE_BEFORE.search(before):
            continue
        if m["low_unit"] and not m["high"]:  # "100% đảng viên": the unit is the %
            unit, end = m["low_unit"].strip(), m.end("low_unit")
        else:
            unit, end = (m["unit"] or m["low_unit"] or "").strip(), m.end()
        year_like = re.fullmatch(r"(?:19|20)\d\d", m["low"]) and not m["high"]
        if not unit and not year_like:  # a bare number: its unit may be the next word
            word = re.match(r"\s*([^\W\d_]+)", masked[end:])
            if word and match_key(word[1]) not in _NOT_UNIT_WORDS:
                unit = word[1]
                end += word.end()
        if unit[:1].isalpha() and match_key(unit.split(" ")[0]) in _NOT_FIGURE_UNITS:
            continue  # "5 tuổi", "3 tháng"
        if year_like and not unit:
            continue  # a year
        try:
            low = parse_number(m["low"])
            high = parse_number(m["high"]) if m["high"] else None
        except ParseError:
            continue
        unit = _clean_unit(unit) if unit else ""
        bracketed = before.rstrip().endswith("(")
        out.append(_Figure(low, high, unit, m.start(), end, bracketed, bool(m["from"])))
    return out


def _clean_unit(unit: str) -> str:
    unit = re.sub(r"\s+", " ", unit).strip()
    unit = re.sub(r"\s*/\s*", "/", unit)
    if unit in _UNIT_WORDS:
        return unit
    key = match_key(unit)
    for known in _UNIT_WORDS:
        if key and match_key(known) == key:
            return known
    if "đồng" in unit.lower():
        return unit.lower().replace("tỉ", "tỷ").replace("ngàn", "nghìn")
    return unit.lower()


_MONEY_UNIT = re.compile(r"đồng(?!\s+chí)", re.IGNORECASE)


def _measure(unit: str) -> str:
    if unit.startswith("%") or unit == "‰":
        return "share"
    if unit in ("km", "m"):
        return "length"
    if _MONEY_UNIT.search(unit):
        return "amount"
    return "count"


_ANNUAL = re.compile(
    r"\b(?:hằng năm|hàng năm|mỗi năm|năm nào cũng|các năm)|(?<!người)(?<!đồng)/\s*năm",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\b(?:trong nhiệm kỳ|cả nhiệm kỳ|toàn nhiệm kỳ|trong giai đoạn|cả giai đoạn|lũy kế|cộng dồn"
    r"|trong \d+ năm|sau \d+ năm|tổng số)",
    re.IGNORECASE,
)
_END = re.compile(
    r"\b(?:đến năm|tới năm|năm|đến cuối nhiệm kỳ|cuối nhiệm kỳ|cuối năm)\s*(?P<year>(?:19|20)\d\d)?",
    re.IGNORECASE,
)
_GROWTH = re.compile(
    r"\btăng\s+(?:trưởng\s+)?(?:bình quân|trung bình)|\bbình quân\s+tăng", re.IGNORECASE
)
_WORKS = re.compile(
    r"\b(?:nhựa hóa|bê tông hóa|xây dựng mới|xây mới|làm mới|nâng cấp|duy tu|sửa chữa|lắp|trồng"
    r"|kết nạp|mở|tổ chức|thành lập|giải quyết việc làm|đào tạo nghề|hỗ trợ)\b",
    re.IGNORECASE,
)
#: Indicators where less is better: a bare figure is read as a ceiling.
_LOWER_IS_BETTER = re.compile(
    r"\b(?:tăng dân số|sinh con thứ|hộ nghèo|cận nghèo|suy dinh dưỡng|tai nạn|tội phạm|ô nhiễm"
    r"|thất nghiệp|bỏ học|tái nghèo|tử vong)",
    re.IGNORECASE,
)

_BEFORE_CMP = (  # (pattern at the end of the text before the figure, comparator, confidence)
    (r"không (?:vượt )?quá\s*$", "<=", 0.95),
    (r"tối đa\s*$", "<=", 0.95),
    (r"(?:không|chưa) (?:dưới|thấp hơn|ít hơn)\s*$", ">=", 0.95),
    (r"(?:còn|xuống)\s+dưới\s*$", "<", 0.95),
    (r"dưới\s*$", "<", 0.95),
    (r"(?:còn|xuống còn|xuống)\s*$", "<=", 0.85),
    (r"trên\s*$", ">", 0.9),
    (r"(?:tối thiểu|ít nhất)\s*(?:là|đạt)?\s*$", ">=", 0.95),
    (r"(?:đạt|đạt tỷ lệ|đạt mức|bằng)\s*$", ">=", 0.9),
    (r"(?:giữ vững|duy trì)(?: tỷ lệ)?\s*$", ">=", 0.85),
    (r"khoảng\s*$", None, 0.3),
)
_AFTER_CMP = (
    (r"^\s*trở lên", ">=", 0.95),
    (r"^\s*trở xuống", "<=", 0.95),
)


@dataclass
class Reading:
    """What one target statement says, field by field, with confidences and doubts."""

    kind: str | None = None
    measure: str | None = None
    comparator: str | None = None
    threshold: Any = None
    upper: float | None = None
    unit: str = ""
    threshold_unit: str | None = None
    rating_scale: list[str] | None = None
    rating_aliases: dict[str, list[str]] | None = None
    name: str = ""
    confidence: dict[str, float] = field(default_factory=dict)
    doubts: list[str] = field(default_factory=list)
    valid_range: tuple[float, float] | None = None
    text_vi: str = ""

    def doubt(self, field_name: str, confidence: float, reason: str) -> None:
        self.confidence[field_name] = min(confidence, self.confidence.get(field_name, 1.0))
        if confidence < REVIEW_BELOW:
            self.doubts.append(reason)


def _comparator(clause: str, fig: _Figure, reading: Reading) -> None:
    before, after = clause[: fig.start], clause[fig.end :]
    if fig.high is not None:
        reading.comparator, reading.threshold, reading.upper = ">=", fig.low, fig.high
        reading.confidence["comparator"] = 0.9
        if re.search(r"\bgiảm\b", before, re.IGNORECASE):
            reading.doubt(
                "comparator",
                0.3,
                f"'giảm {fig.low:g}–{fig.high:g}{fig.unit}' is a fall by so much, not a level to reach; "
                "restate it as a level (e.g. 'dưới …% đến năm …')",
            )
        if after and re.match(r"^\s*trở xuống", after):
            reading.doubt(
                "comparator", 0.3, "a range followed by 'trở xuống': which end is the target?"
            )
        return
    reading.threshold = fig.low
    for pattern, cmp, conf in _AFTER_CMP:
        if re.search(pattern, after, re.IGNORECASE):
            reading.comparator = cmp
            reading.confidence["comparator"] = conf
            return
    tail = before[-40:]
    for pattern, cmp, conf in _BEFORE_CMP:
        if re.search(pattern, tail, re.IGNORECASE):
            if cmp is None:
                reading.comparator = ">="
                reading.doubt(
                    "comparator",
                    conf,
                    f"'{tail.strip()} …' is approximate: no clear floor or ceiling",
                )
            else:
                reading.comparator = cmp
                reading.confidence["comparator"] = conf
            if re.search(r"\bgiảm\b", before, re.IGNORECASE) and cmp in (">=",):
                reading.doubt("comparator", 0.4, "'giảm … đạt' mixes a fall and a floor")
            return
    if re.search(
        r"\b(?:giảm|tăng)\s*(?:thêm\s*|bình quân\s*|trung bình\s*)?$", tail, re.IGNORECASE
    ):
        verb = "giảm" if "giảm" in tail.lower() else "tăng"
        reading.comparator = "<=" if verb == "giảm" else ">="
        reading.doubt(
            "comparator",
            0.3,
            f"'{verb} {fig.low:g}{fig.unit}' is a change, not a level to reach "
            "(by how much, from which base?); restate it as a level or a growth rate",
        )
        return
    if fig.unit.startswith("%") and fig.low == 100:
        reading.comparator = ">="
        reading.confidence["comparator"] = 0.9
        return
    if _LOWER_IS_BETTER.search(clause):
        reading.comparator = "<="
        reading.doubt(
            "comparator",
            0.6,
            f"no word says floor or ceiling for {fig.low:g}{fig.unit}; read as a ceiling "
            "(at most), as for an indicator where less is better",
        )
        return
    reading.comparator = ">="
    if reading.kind == "cumulative" and reading.measure == "count":
        reading.confidence["comparator"] = 0.8  # "kết nạp 25 đồng chí": a quota to reach
        return
    reading.doubt(
        "comparator",
        0.6,
        f"no word says floor or ceiling for {fig.low:g}{fig.unit}; read as at least",
    )


def period(clause: str) -> tuple[str | None, float, str | None]:
    """(kind, confidence, year mentioned) from the clause's own words, parentheses aside."""
    plain = re.sub(r"\([^()]*\)", " ", clause)
    if _GROWTH.search(plain):
        return "average_growth", 0.95, None
    if _ANNUAL.search(plain):
        return "annual", 0.95, None
    if _CUMULATIVE.search(plain):
        return "cumulative", 0.9, None
    term = re.search(
        r"(?<!chuẩn )(?<!chuẩn nghèo )giai đoạn\s+(?:19|20)\d\d\s*[–—-]\s*(?:19|20)\d\d",
        plain,
        re.IGNORECASE,
    )
    if term:
        return "cumulative", 0.85, None
    for m in _END.finditer(plain):
        if m["year"]:
            return "end_level", 0.95, m["year"]
        if "cuối" in m.group().lower():
            return "end_level", 0.9, None
    if re.search(r"\b(?:giữ vững|duy trì)\b", plain, re.IGNORECASE):
        return "annual", 0.8, None  # keep holding: every year
    return None, 0.0, None


# -- ratings and yes/no ----------------------------------------------------------------------

_HTNV = re.compile(
    r"(?P<level>hoàn thành xuất sắc|hoàn thành tốt|không hoàn thành|hoàn thành)\s+nhiệm vụ"
    r"(?P<up>\s+trở lên)?",
    re.IGNORECASE,
)
_GRADE = re.compile(
    r"(?:xếp\s+)?(?:loại\s+|đạt\s+)(?P<level>xuất sắc|giỏi|khá|trung bình|tốt)(?P<up>\s+trở lên)?\b",
    re.IGNORECASE,
)
_BOOLEAN = re.compile(
    r"\b(?:đạt chuẩn|đạt danh hiệu|đạt công sở|giữ vững danh hiệu|giữ vững chuẩn|được công nhận"
    r"|đạt tiêu chí|giữ vững|đạt)\b",
    re.IGNORECASE,
)


def rating(clause: str) -> tuple[list[str], dict, str, bool, int] | None:
    """(scale, aliases, threshold label, 'trở lên' said, where the rating starts) or None."""
    m = _HTNV.search(clause)
    if m:
        level = {
            "hoàn thành xuất sắc": 3,
            "hoàn thành tốt": 2,
            "không hoàn thành": 0,
            "hoàn thành": 1,
        }
        label = HTNV_SCALE[level[m["level"].lower()]]
        return HTNV_SCALE, HTNV_ALIASES, label, bool(m["up"]), m.start()
    m = _GRADE.search(clause)
    if m:
        label = {"tốt": "Giỏi"}.get(m["level"].lower(), m["level"].capitalize())
        label = next(g for g in GRADE_SCALE if g.lower() == label.lower())
        return GRADE_SCALE, GRADE_ALIASES, label, bool(m["up"]), m.start()
    return None


# -- names ----------------------------------------------------------------------------------

_LEADING = re.compile(
    r"^(?:phấn đấu|tiếp tục thực hiện|tiếp tục|thực hiện|đảm bảo|bảo đảm|hằng năm|hàng năm"
    r"|mỗi năm|trong nhiệm kỳ|đến năm \d{4}|đến cuối nhiệm kỳ|có)\s*,?\s*",
    re.IGNORECASE,
)
_PERIOD_WORDS = re.compile(
    r"\s*\b(?:hằng năm|hàng năm|mỗi năm|trong nhiệm kỳ|đến năm \d{4}|đến cuối nhiệm kỳ"
    r"|trong giai đoạn \d{4}\s*[–-]\s*\d{4})\b\s*",
    re.IGNORECASE,
)
_VERB_TAIL = re.compile(
    r"\s*\b(?:đạt|giảm|tăng bình quân|tăng|còn|xuống|từ|trên|dưới|không quá|tối thiểu|ít nhất"
    r"|giữ vững|duy trì|là|vào|ở mức|khoảng)\s*$",
    re.IGNORECASE,
)


def _name(clause: str, fig: _Figure | None, measure: str | None) -> str:
    head = clause[: fig.start] if fig is not None else clause
    head = _PERIOD_WORDS.sub(" ", head)
    for _ in range(6):
        head = _VERB_TAIL.sub("", head.strip(" ,;:(")).strip()
        head = _LEADING.sub("", head).strip()
    rated = re.match(r"^(?P<who>.+?)\s+(?:được\s+)?xếp loại$", head, re.IGNORECASE)
    if rated:  # "Đảng bộ phường được xếp loại" → "Xếp loại Đảng bộ phường"
        head = f"xếp loại {rated['who']}"
    if fig is not None and len(head) < 4:  # "Trong nhiệm kỳ 100% đảng viên được …": after it
        tail = clause[fig.end :]
        tail = re.sub(r"^\s*(?:trở lên|trở xuống)\s*", "", tail)
        head = _PERIOD_WORDS.sub(" ", tail).strip(" ,.;")
        if measure == "share" and not head.lower().startswith("tỷ lệ"):
            head = f"tỷ lệ {head}"
    head = re.sub(r"\s+", " ", head).strip(" ,.;:")
    return head[:1].upper() + head[1:] if head else ""


# -- one statement ----------------------------------------------------------------------------


def read_clause(
    clause: str, kind: str | None, conf: float, year: str | None, end: int
) -> list[Reading]:
    """What one clause says: a reading per figure (two when one figure serves two
    subjects), else a rating (one per body rated) or a yes/no title, else nothing.
    ``kind``, ``conf`` and ``year`` are from :func:`period`; ``end`` is the term's last year.
    """
    figs = figures(clause)
    readings = []
    doubt = f"the text says {year}, the term ends {end}" if year and int(year) != end else None
    if not figs:
        rated = rating(clause)
        if rated:
            scale, aliases, label, up, at = rated
            bodies = _bodies(clause)
            for body in bodies or [None]:
                r = Reading(kind=kind, measure="rating", comparator=">=", threshold=label,
                             rating_scale=scale, rating_aliases=aliases)  # fmt: skip
                r.confidence.update(measure=0.9, threshold=0.9, comparator=0.95 if up else 0.8)
                if kind:
                    r.confidence["kind"] = conf
                r.name = f"Xếp loại {body}" if body else _name(clause[:at], None, "rating")
                readings.append(r)
        elif _BOOLEAN.search(clause):
            r = Reading(kind=kind, measure="boolean", comparator="==", threshold=YES_LABEL)
            r.confidence.update(measure=0.85, threshold=0.9, comparator=0.95)
            if kind:
                r.confidence["kind"] = conf
            r.name = _name(clause, None, "boolean")
            readings.append(r)
        for r in readings:
            if doubt:
                r.doubt("kind", 0.5, doubt)
        return readings
    host: Reading | None = None
    for fig in figs:
        r = Reading(kind=kind)
        r.confidence["threshold"] = 0.95
        if kind:
            r.confidence["kind"] = conf
        r.measure = _measure(fig.unit) if fig.unit else None
        if kind == "average_growth":
            _growth(r, clause, fig)
        else:
            if not fig.unit:
                r.measure = "count"
                r.doubt("unit", 0.5, f"no unit after {fig.low:g}: read as a count; give its unit")
            r.unit = fig.unit
            r.confidence.setdefault("measure", 0.9)
            if (
                r.measure == "share"
                and _LOWER_IS_BETTER.search(clause)
                and "tăng dân số" in clause.lower()
            ):
                r.valid_range = (-10.0, 10.0)  # a growth rate can fall below zero
            if r.kind is None and r.measure in ("count", "length") and _WORKS.search(clause):
                r.kind = "cumulative"
                r.confidence["kind"] = 0.8  # "nhựa hóa 10 đường": a total over the term
            if fig.bracketed and host is not None:
                r.kind = r.kind or host.kind
                r.comparator, r.threshold = ">=", fig.low
                r.confidence["comparator"] = 0.8
                r.name = f"{host.name} ({fig.unit})"
                r.confidence["kind"] = host.confidence.get("kind", 0.8)
            else:
                _comparator(clause, fig, r)
                r.name = _name(clause, fig, r.measure)
                if fig.unit and r.measure == "count":
                    r.name = r.name or f"Số {fig.unit}"
        if r.measure == "count" and isinstance(r.threshold, float) and not r.threshold.is_integer():
            r.doubt("threshold", 0.3, f"a count of {r.threshold:g} is not a whole number")
        if doubt:
            r.doubt("kind", 0.5, doubt)
        if host is None:
            host = r
        readings.append(r)
    if len(readings) > 1 and not any(f.bracketed for f in figs[1:]):
        for r in readings:
            r.doubt("threshold", 0.6, "several figures in one statement: check each sub-target")
    split = _shared_subjects(clause)
    if split and len(readings) == 1:
        first, second = split
        twin = Reading(**{**readings[0].__dict__, "confidence": dict(readings[0].confidence),
                           "doubts": list(readings[0].doubts)})  # fmt: skip
        readings[0].name, twin.name = first, second
        readings.append(twin)
    return readings


def not_understood(clause: str, kind: str | None, conf: float) -> Reading:
    """A clause read as nothing, kept verbatim and flagged."""
    r = Reading(kind=kind)
    if kind:
        r.confidence["kind"] = conf
    r.name = _name(clause, None, None) or clause[:80]
    r.doubts.append(
        "no figure, rating or yes/no title read in this statement: fill in measure, "
        "comparator and threshold (or delete the entry if it is not a target)"
    )
    return r


def _growth(r: Reading, clause: str, fig: _Figure) -> None:
    r.comparator, r.threshold, r.upper = ">=", fig.low, fig.high
    r.threshold_unit = "%/năm"
    r.confidence.update(comparator=0.9, threshold=0.9, measure=0.8)
    if fig.unit and not fig.unit.startswith("%"):
        r.doubt("unit", 0.4, f"an average growth in '{fig.unit}', not in %/năm")
    money = re.search(
        r"\b(?:thu ngân sách|ngân sách|thu nhập|doanh thu|giá trị|vốn|tổng sản phẩm)",
        clause,
        re.IGNORECASE,
    )
    r.measure = "amount" if money else "count"
    r.unit = "triệu đồng" if money else ""
    r.doubt(
        "unit",
        0.6,
        f"the unit of the {'amount' if money else 'quantity'} that grows is not in the text; "
        f"{'triệu đồng assumed' if money else 'give it (unit_of_measure)'}",
    )
    r.name = _name(
        re.split(r"\btăng\b", clause, maxsplit=1, flags=re.IGNORECASE)[0] + " ", None, r.measure
    )


def default_kind(r: Reading, end: int) -> None:
    """A kind for a reading whose text states no period, flagged for review."""
    if r.kind is not None or r.measure is None:
        return
    if r.measure in ("rating", "boolean"):
        r.kind = "annual"
        r.doubt("kind", 0.6, "no period stated for a rating or title: read as every year")
        return
    r.kind = "end_level"
    r.doubt(
        "kind",
        0.6,
        f"no period stated ('hằng năm', 'trong nhiệm kỳ', 'đến năm {end}'): read as the level "
        f"to reach by {end}; set kind: annual if it must hold every year",
    )


_BODY_LIST = re.compile(
    r"xếp loại\s+(?P<list>.+?)\s+(?:hằng năm|hàng năm|mỗi năm|đều|đạt|hoàn thành)", re.IGNORECASE
)


def _bodies(clause: str) -> list[str]:
    """'xếp loại Đảng bộ, Chính quyền, Mặt trận và các đoàn thể … hằng năm …' → the bodies."""
    m = _BODY_LIST.search(clause)
    if not m:
        return []
    parts = re.split(r",\s*|\s+và\s+", m["list"])
    return [p.strip() for p in parts if p.strip()] if len(parts) > 1 else [m["list"].strip()]


def _shared_subjects(clause: str) -> tuple[str, str] | None:
    """'Tỷ lệ trẻ em A và trẻ em B … đạt 100%': two indicators sharing one figure, told
    apart by the repeated head noun ('trẻ em … và trẻ em …')."""
    m = re.match(
        r"^(?P<lead>tỷ lệ\s+)?(?P<a>(?P<head>\w+\s+\w+)\b.+?)\s+và\s+(?P<b>.+)$",
        clause,
        re.IGNORECASE,
    )
    if not m or not m["b"].lower().startswith(m["head"].lower()):
        return None
    figs = figures(m["b"])
    b_text = m["b"][: figs[0].start] if figs else m["b"]
    lead = (m["lead"] or "").strip()
    first = _name(f"{lead} {m['a']}".strip(), None, None)
    second = _name(re.sub(r"\([^()]*\)", "", f"{lead} {b_text}").strip(), None, None)
    return first, second
