"""Read a resolution's list of key targets ("các chỉ tiêu chủ yếu") into a draft catalog.

Vietnamese communes and wards write their targets in stock phrases: "đạt 85% trở lên",
"giảm dưới 1%", "tăng bình quân từ 3 – 5%/năm", "từ 08 đến 10 đường", "hằng năm",
"trong nhiệm kỳ", "đến năm 2030", "Khá trở lên", "hoàn thành tốt nhiệm vụ trở lên"…
:func:`parse_targets` splits the text into items and sub-targets and reads, for each, the
kind, measure, comparator, threshold or range, unit and period. Every field carries a
confidence; whatever the phrasing leaves open is flagged ``needs_review`` with the reason,
never guessed silently. :meth:`CatalogDraft.to_yaml` writes the catalog format the rest
of the project reads (the Vietnamese text verbatim); :func:`~ward_analysis.load_catalog`
refuses it while any entry still needs review, listing what is left.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import CatalogError, ParseError
from .numbers import parse_number
from .text import match_key, nfc

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

# -- splitting the text ----------------------------------------------------------------------

_ITEM_MARKERS = (
    ("paren", re.compile(r"^\((\d{1,2})\)[.:]?\s*")),  # (1).  (12)
    ("number", re.compile(r"^(\d{1,2})[.)]\s+(?!\d)")),  # 1.  12)
    ("sub", re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+")),  # 1.1.
    ("letter", re.compile(r"^([a-zđ])[).]\s+")),  # a)  b.
    ("bullet", re.compile(r"^[-+•–—*]\s*")),  # - + • *
)
_SECTION_HEAD = re.compile(r"chỉ tiêu[^:\n]*:\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[^\d\s])\.\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")


@dataclass
class _Line:
    marker: str | None  # paren, number, sub, letter, bullet or None (continuation)
    label: str | None
    text: str  # verbatim, marker removed


def _lines(text: str) -> list[_Line]:
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for kind, pattern in _ITEM_MARKERS:
            m = pattern.match(line)
            if m:
                label = m.group(1) if m.groups() else None
                out.append(_Line(kind, label, line[m.end() :].strip()))
                break
        else:
            out.append(_Line(None, None, line))
    return out


def _target_section(lines: list[_Line]) -> list[_Line]:
    """The lines after a heading such as 'Các chỉ tiêu chủ yếu đến năm 2025:' (all if none)."""
    for i, line in enumerate(lines):
        if _SECTION_HEAD.search(line.text) and not _figures(line.text):
            rest = lines[i + 1 :]
            for j, other in enumerate(rest):  # the next '*' heading ends the section
                if (
                    other.marker == "bullet"
                    and other.text.endswith(":")
                    and not _figures(other.text)
                ):
                    return rest[:j]
            return rest
    return lines


@dataclass
class _Item:
    number: int
    parts: list[list[str]]  # the item's own lines, then each sub-line's: each part is read on
    # its own, and its lines joined by line breaks are its text_vi (verbatim)


def _items(text: str) -> list[_Item]:
    lines = _target_section(_lines(_nfc_lines(text)))
    numbered = [ln for ln in lines if ln.marker in ("paren", "number")]
    top = numbered[0].marker if numbered else next((ln.marker for ln in lines if ln.marker), None)
    items: list[_Item] = []
    for line in lines:
        if line.marker == top or (top is None and not items):
            number = int(line.label) if line.label and line.label.isdigit() else len(items) + 1
            items.append(_Item(number, [[line.text]]))
        elif not items:
            continue  # text before the first item: a heading
        elif line.marker is None:  # a continuation of the item (or of its last sub-line)
            items[-1].parts[-1].append(line.text)
        else:  # a sub-line (a), -, +, 1.1): its own targets under the item
            item = items[-1]
            own = " ".join(item.parts[0])
            if len(item.parts) == 1 and not _figures(own) and not _rating(own):
                item.parts = []  # the item line was only a heading ("1. Về kinh tế:")
            item.parts.append([line.text])
    return items


def _nfc_lines(text: str) -> str:
    """NFC per line, keeping the line breaks (which mark the items)."""
    return "\n".join(nfc(line) for line in text.splitlines())


def _clauses(part: str) -> list[str]:
    """'A; B. C' → ['A', 'B', 'C']: one clause per target statement."""
    out = []
    for piece in part.split(";"):
        out.extend(s.strip(" .:") for s in _SENTENCE.split(piece))
    return [c for c in out if c]


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


def _figures(text: str) -> list[_Figure]:
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
class _Reading:
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


def _comparator(clause: str, fig: _Figure, reading: _Reading) -> None:
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


def _period(clause: str) -> tuple[str | None, float, str | None]:
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


def _rating(clause: str) -> tuple[list[str], dict, str, bool, int] | None:
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


# -- the draft --------------------------------------------------------------------------------


@dataclass
class DraftTarget:
    """One sub-target read from the text: catalog fields, confidences and review flags."""

    fields: dict[str, Any]
    confidence: dict[str, float]
    review_reasons: list[str]

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)

    @property
    def overall_confidence(self) -> float:
        return min(self.confidence.values()) if self.confidence else 0.0


@dataclass
class CatalogDraft:
    """A catalog read from a resolution's text, to be reviewed before it is used.

    ``targets`` in text order; ``meta`` the catalog's header fields. :meth:`to_frame` has
    the columns of :meth:`Catalog.to_frame` plus ``needs_review``, ``review_reason`` and
    ``confidence``; :meth:`to_yaml` writes the catalog file, each flagged entry with
    ``needs_review: true`` and its reason, which :func:`load_catalog` refuses until cleared.
    """

    meta: dict[str, Any]
    targets: list[DraftTarget]

    @property
    def review(self) -> list[tuple[str, str]]:
        """``(id, reason)`` of every target still flagged."""
        return [
            (t.fields["id"], "; ".join(t.review_reasons)) for t in self.targets if t.needs_review
        ]

    def __len__(self) -> int:
        return len(self.targets)

    def to_frame(self) -> pd.DataFrame:
        rows = []
        for t in self.targets:
            f = t.fields
            measure = f.get("measure")
            threshold = f.get("threshold")
            if measure == "boolean":
                value, label = 1.0, "Đạt"
            elif measure == "rating" and f.get("rating_scale") and threshold in f["rating_scale"]:
                value, label = float(f["rating_scale"].index(threshold)), str(threshold)
            elif isinstance(threshold, int | float):
                value, label = float(threshold), f"{threshold:g}"
            else:
                value, label = math.nan, None if threshold is None else str(threshold)
            rows.append(
                {
                    "target_id": f["id"],
                    "item": f["item"],
                    "kind": f.get("kind"),
                    "measure": measure,
                    "comparator": f.get("comparator"),
                    "threshold": value,
                    "threshold_label": label,
                    "upper": f.get("upper"),
                    "unit_of_measure": f.get("unit_of_measure") or "",
                    "threshold_unit": f.get("threshold_unit") or f.get("unit_of_measure") or "",
                    "rating_scale": " < ".join(f["rating_scale"])
                    if f.get("rating_scale")
                    else None,
                    "base_year": self.meta["base_year"],
                    "first_year": self.meta["first_year"],
                    "target_year": self.meta["target_year"],
                    "basis": None,
                    "reading": f.get("reading"),
                    "text_vi": f["text_vi"],
                    "name_vi": f["name_vi"],
                    "name_en": f["name_en"],
                    "needs_review": t.needs_review,
                    "review_reason": "; ".join(t.review_reasons) or None,
                    "confidence": round(t.overall_confidence, 2),
                }
            )
        return pd.DataFrame(rows).astype({"upper": "float64", "threshold": "float64"})

    def to_yaml(self) -> str:
        """The draft in the catalog format (``needs_review`` lines on flagged entries)."""
        import yaml

        head = [
            f"# Draft catalog read by ward-analysis from {self.meta.get('source') or 'a resolution text'}.",
            f"# {len(self.targets)} sub-targets, {len(self.review)} flagged needs_review: check each",
            "# flagged entry, correct it, then set needs_review: false (or delete the line).",
            "# name_en is a copy of name_vi: translate it. Confidence is per entry (0–1).",
        ]
        meta = {k: v for k, v in self.meta.items() if v is not None}
        entries = []
        for t in self.targets:
            entry = {k: v for k, v in t.fields.items() if v is not None and v != [] and v != {}}
            entry["confidence"] = round(t.overall_confidence, 2)
            if t.needs_review:
                entry["needs_review"] = True
                entry["review_reason"] = "; ".join(t.review_reasons)
            entries.append(entry)
        body = yaml.safe_dump(
            {**meta, "targets": entries}, allow_unicode=True, sort_keys=False, width=100
        )
        return "\n".join(head) + "\n" + body

    def write(self, path: str | Path) -> Path:
        """Write :meth:`to_yaml` to ``path`` atomically."""
        from .io import atomic_write_text

        return atomic_write_text(path, self.to_yaml())


_TERM_HEAD = re.compile(r"chỉ tiêu[^\n]*?đến năm\s+((?:19|20)\d\d)", re.IGNORECASE)


def parse_targets(
    text: str,
    *,
    term: tuple[int, int] | None = None,
    unit: str | None = None,
    source: str | None = None,
) -> CatalogDraft:
    """Read the key targets of a resolution's text into a :class:`CatalogDraft`.

    ``term``: (start, end) years, e.g. ``(2025, 2030)``: the start year is the baseline,
    the end year the target year; if None, the five years up to the year of a heading such
    as 'Các chỉ tiêu chủ yếu đến năm 2030' (a :class:`CatalogError` if there is none).
    ``unit``: the ward's or commune's name (left blank in the draft if not given: the
    catalog needs it). ``source``: the text's file name, recorded so that the catalog
    checks its ``text_vi`` against it.
    """
    if term is None:
        found = _TERM_HEAD.search(_nfc_lines(text))
        if not found:
            raise CatalogError(
                f"{source or 'the text'}: no 'chỉ tiêu … đến năm …' heading tells the term; "
                "give it with --term 2025-2030 (term=(2025, 2030) in Python)"
            )
        term = (int(found[1]) - 5, int(found[1]))
    start, end = term
    if not (isinstance(start, int) and isinstance(end, int) and 1900 < start < end < 2200):
        raise CatalogError(
            f"term must be two years, start before end (e.g. 2025, 2030), not {term!r}"
        )
    meta = {
        "unit": unit or "",
        "term": f"{start}–{end}",
        "source": source,
        "data_notice": None,
        "base_year": start,
        "first_year": start + 1,
        "target_year": end,
    }
    targets: list[DraftTarget] = []
    for item in _items(text):
        readings: list[_Reading] = []
        item_kind: tuple[str | None, float] = (None, 0.0)
        for part in item.parts:
            for clause in _clauses(" ".join(part)):
                kind, conf, year = _period(clause)
                if kind and item_kind[0] is None:
                    item_kind = (kind, conf)
                found = _read_clause(clause, kind, conf, year, end)
                if not found:  # kept verbatim, flagged: never dropped
                    found = [_not_understood(clause, kind, conf)]
                for r in found:
                    r.text_vi = "\n".join(part)
                readings.extend(found)
        for r in readings:  # a clause with no period of its own takes the item's
            if r.kind is None and item_kind[0] and item_kind[0] != "average_growth":
                r.kind = item_kind[0]
                r.confidence["kind"] = min(item_kind[1], 0.85)
            _default_kind(r, end)
        for n, r in enumerate(readings):
            suffix = "abcdefghijklmnopqrstuvwxyz"[n] if len(readings) > 1 else ""
            targets.append(_draft(item, f"{item.number}{suffix}", r))
    _unique_names(targets)
    return CatalogDraft(meta, targets)


def _read_clause(
    clause: str, kind: str | None, conf: float, year: str | None, end: int
) -> list[_Reading]:
    figures = _figures(clause)
    readings = []
    doubt = f"the text says {year}, the term ends {end}" if year and int(year) != end else None
    if not figures:
        rated = _rating(clause)
        if rated:
            scale, aliases, label, up, at = rated
            bodies = _bodies(clause)
            for body in bodies or [None]:
                r = _Reading(kind=kind, measure="rating", comparator=">=", threshold=label,
                             rating_scale=scale, rating_aliases=aliases)  # fmt: skip
                r.confidence.update(measure=0.9, threshold=0.9, comparator=0.95 if up else 0.8)
                if kind:
                    r.confidence["kind"] = conf
                r.name = f"Xếp loại {body}" if body else _name(clause[:at], None, "rating")
                readings.append(r)
        elif _BOOLEAN.search(clause):
            r = _Reading(kind=kind, measure="boolean", comparator="==", threshold="Đạt")
            r.confidence.update(measure=0.85, threshold=0.9, comparator=0.95)
            if kind:
                r.confidence["kind"] = conf
            r.name = _name(clause, None, "boolean")
            readings.append(r)
        for r in readings:
            if doubt:
                r.doubt("kind", 0.5, doubt)
        return readings
    host: _Reading | None = None
    for fig in figures:
        r = _Reading(kind=kind)
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
    if len(readings) > 1 and not any(f.bracketed for f in figures[1:]):
        for r in readings:
            r.doubt("threshold", 0.6, "several figures in one statement: check each sub-target")
    split = _shared_subjects(clause)
    if split and len(readings) == 1:
        first, second = split
        twin = _Reading(**{**readings[0].__dict__, "confidence": dict(readings[0].confidence),
                           "doubts": list(readings[0].doubts)})  # fmt: skip
        readings[0].name, twin.name = first, second
        readings.append(twin)
    return readings


def _not_understood(clause: str, kind: str | None, conf: float) -> _Reading:
    r = _Reading(kind=kind)
    if kind:
        r.confidence["kind"] = conf
    r.name = _name(clause, None, None) or clause[:80]
    r.doubts.append(
        "no figure, rating or yes/no title read in this statement: fill in measure, "
        "comparator and threshold (or delete the entry if it is not a target)"
    )
    return r


def _growth(r: _Reading, clause: str, fig: _Figure) -> None:
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


def _default_kind(r: _Reading, end: int) -> None:
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
    figs = _figures(m["b"])
    b_text = m["b"][: figs[0].start] if figs else m["b"]
    lead = (m["lead"] or "").strip()
    first = _name(f"{lead} {m['a']}".strip(), None, None)
    second = _name(re.sub(r"\([^()]*\)", "", f"{lead} {b_text}").strip(), None, None)
    return first, second


def _draft(item: _Item, target_id: str, r: _Reading) -> DraftTarget:
    reasons = list(dict.fromkeys(r.doubts))
    if not r.name:
        r.name = r.text_vi.split(";")[0][:80]
        reasons.append("no short name could be read: give name_vi")
        r.confidence["name"] = 0.4
    fields = {
        "id": target_id,
        "item": item.number,
        "text_vi": r.text_vi,
        "name_vi": r.name,
        "name_en": r.name,
        "kind": r.kind,
        "measure": r.measure,
        "comparator": r.comparator,
        "threshold": r.threshold,
        "upper": r.upper,
        "unit_of_measure": r.unit if r.measure not in ("boolean", "rating") else None,
        "threshold_unit": r.threshold_unit,
        "rating_scale": r.rating_scale,
        "rating_aliases": r.rating_aliases,
        "valid_range": list(r.valid_range) if r.valid_range else None,
    }
    if isinstance(fields["threshold"], float) and fields["threshold"].is_integer():
        fields["threshold"] = int(fields["threshold"])
    if isinstance(fields["upper"], float) and fields["upper"].is_integer():
        fields["upper"] = int(fields["upper"])
    confidence = {
        k: r.confidence.get(k, 0.5) for k in ("kind", "measure", "comparator", "threshold")
    }
    confidence.update({k: v for k, v in r.confidence.items() if k not in confidence})
    for key in ("kind", "measure", "comparator", "threshold"):
        if fields[key] is None:
            reasons.append(f"{key} not understood: fill it in")
            confidence[key] = 0.0
    return DraftTarget(fields, confidence, list(dict.fromkeys(reasons)))


def _unique_names(targets: list[DraftTarget]) -> None:
    seen: dict[str, int] = {}
    for t in targets:
        key = match_key(t.fields["name_vi"])
        if key in seen:
            seen[key] += 1
            t.fields["name_vi"] = t.fields["name_en"] = f"{t.fields['name_vi']} ({seen[key]})"
            t.review_reasons.append("its name repeats another target's: make it distinct")
        else:
            seen[key] = 1
