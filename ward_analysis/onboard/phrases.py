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
_MONEY = (
    r"(?:(?:tỷ|tỉ|triệu|nghìn|ngàn)?\s*đồng(?!\s+chí)|(?:tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:USD|đô la(?: Mỹ)?))"
    r"(?:\s*/\s*người(?:\s*/\s*năm)?|\s*/\s*năm|\s*/\s*ha)?"
)
#: Units of a figure (longest first). Count nouns beyond these are read as the next word.
_UNIT_WORDS = [
    "%o", "%0", "%/năm", "%", "‰", "km", "m2", "m²", "m", "ha", "tấn",
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
#: Numbers that are never figures: dates, the denominator of "04/09 thôn", document codes
#: ("12-CT/TU", "800/QĐ-TTg"), names ("5G", "COVID-19", "4.0").
_NOT_FIGURES = re.compile(
    r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)?\d\d\b"
    r"|(?i:\bngày\s+\d{1,2}(?:\s*[/-]\s*\d{1,2}|\s+tháng\s+\d{1,2})?)"
    r"|(?i:\btháng\s+\d{1,2}(?:\s*[/-]\s*(?:19|20)\d\d)?)"
    r"|(?<=\d)\s*/\s*\d+(?!\s*[%‰\d])"
    r"|\b\d+\s*[-/]\s*[A-ZĐ]{2,}[\w/-]*"
    r"|\b\d+[A-Z]\b|\b[A-Za-z]+-\d+\b|(?<=\s)4\.0\b"
)
_COUNT_OF_TARGETS = re.compile(r"\s*chỉ tiêu\b", re.IGNORECASE)


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
    blank = lambda m: " " * len(m.group())  # noqa: E731
    masked = _NOT_FIGURES.sub(blank, _YEAR_RANGE.sub(blank, text))
    out = []
    for m in _FIGURE.finditer(masked):
        before = masked[: m.start()]
        if re.search(r"[\d.,]$", before) or _NOT_FIGURE_BEFORE.search(before):
            continue
        if not m["low_unit"] and _COUNT_OF_TARGETS.match(masked, m.end("low")):
            continue  # "(11 chỉ tiêu)": a count of the list's targets
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
        if (
            unit[:1].isalpha()
            and match_key(unit.split(" ")[0]) in _NOT_FIGURE_UNITS
            and not re.search(r"tuổi thọ", masked[: m.start()], re.IGNORECASE)
        ):
            continue  # "5 tuổi", "3 tháng" (but "tuổi thọ … 76 tuổi" is a figure)
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
    if unit.lower().startswith(("%o", "%0")):
        unit = "‰" + unit[2:]  # per mille typed as "%o"
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


_MONEY_UNIT = re.compile(r"đồng(?!\s+chí)|\bUSD\b|đô la", re.IGNORECASE)


def _measure(unit: str) -> str:
    if unit.startswith("%") or unit == "‰":
        return "share"
    if unit in ("km", "m"):
        return "length"
    if _MONEY_UNIT.search(unit) or unit in ("ha", "tấn", "m2", "m²"):
        return "amount"  # money, and quantities that are not counted: land, output
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
    r"\btăng\s+(?:trưởng\s+)?(?:bình quân|trung bình)|\bbình quân\s+tăng"
    r"|\b(?:tỷ lệ|tỉ lệ|tốc độ|mức)\s+tăng\b(?!\s+dân số tự nhiên)[^;]*?\b(?:bình quân|trung bình)"
    r"|\btăng trưởng\b[^;]*?\b(?:bình quân|trung bình)"
    r"|\btăng trưởng\b[^;]*?\d\s*%\s*/\s*năm",
    re.IGNORECASE,
)
#: An average over the term ("bình quân hằng năm", "bình quân/năm", "trung bình mỗi năm").
_AVERAGE = re.compile(
    r"\b(?:bình quân|trung bình)\s*(?:(?:hằng|hàng|mỗi|/)\s*)?năm\b"
    r"|\b(?:bình quân|trung bình)\s+(?:cả\s+|trong\s+)?(?:giai đoạn|nhiệm kỳ)",
    re.IGNORECASE,
)
#: A change per year: "giảm/tăng" just before the figure (fillers between), with a word
#: saying per year somewhere in the statement.
_CHANGE_VERB = re.compile(
    r"\b(?P<verb>giảm|tăng)\s*(?:(?:thêm|bình quân|trung bình|mỗi năm|hằng năm|hàng năm"
    r"|/\s*năm|năm|từ|ít nhất|tối thiểu|trên|không dưới|đạt|khoảng|được|:|,)\s*)*$",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(
    r"\b(?:mỗi năm|hằng năm|hàng năm|bình quân|trung bình)\b|^\s*/\s*năm", re.IGNORECASE
)
#: "Mức giảm tỷ suất sinh thô bình quân hằng năm: 0,01‰": the subject is the change.
_CHANGE_SUBJECT = re.compile(r"^\W*(?:mức|tốc độ)\s+(?P<verb>giảm)\b", re.IGNORECASE)
#: "giảm tỷ suất sinh thô 0,30‰/năm": the verb, its object, then a figure per year.
_CHANGE_NEAR = re.compile(r"\b(?P<verb>giảm|tăng)\s+[^\d,;:]{1,40}?\s*$", re.IGNORECASE)
_POINTS = re.compile(r"điểm\s*(?:phần trăm|%)", re.IGNORECASE)
_SHARE_SUBJECT = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:tỷ lệ|tỉ lệ|tỷ suất)\b", re.IGNORECASE)
#: Relative to another unit: "thấp hơn mức bình quân của tỉnh".
_RELATIVE = re.compile(
    r"\b(?P<way>thấp hơn|cao hơn|nhỏ hơn|lớn hơn|bằng hoặc thấp hơn|bằng hoặc cao hơn)\s+"
    r"(?:so với\s+)?(?:mức\s+|tỷ lệ\s+)?(?:bình quân|trung bình)(?:\s+chung)?\s+(?:của\s+)?"
    r"(?P<ref>toàn tỉnh|tỉnh|cả nước|toàn quốc|huyện|toàn huyện|thành phố|thị xã|vùng|khu vực)",
    re.IGNORECASE,
)
_REFERENCES = {"tỉnh": "province", "toàn tỉnh": "province", "cả nước": "country",
               "toàn quốc": "country", "huyện": "district", "toàn huyện": "district",
               "thành phố": "city", "thị xã": "town", "vùng": "region", "khu vực": "region"}  # fmt: skip
_ABOUT = re.compile(r"\b(?:khoảng|xấp xỉ|chừng)\s*(?:từ\s*)?$", re.IGNORECASE)
_AGAINST_BASE = re.compile(r"\bso với\s+(?:năm|cùng kỳ|đầu nhiệm kỳ)", re.IGNORECASE)
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
    (r"(?:thấp hơn|ít hơn|nhỏ hơn)\s*$", "<", 0.9),
    (r"(?:cao hơn|nhiều hơn|lớn hơn|hơn)\s*$", ">", 0.9),
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
    #: change_per_year: "down" or "up", and "points" or "percent".
    direction: str | None = None
    change_unit: str | None = None
    #: about: the tolerance the text states (None: the kind's default, flagged).
    tolerance: float | None = None
    #: by_year: the year inside the term.
    year: int | None = None
    #: relative: what the figure is compared with ("province", "country"…).
    reference: str | None = None
    #: where the statement's words lie in the segmented text: its figure's, else its clause's.
    span: tuple[int, int] | None = None
    #: where its figure is in the clause (start, end), if it has one.
    figure_at: tuple[int, int] | None = None
    #: the kind came from another clause of the statement ("trong đó", a sibling).
    inherited: str | None = None

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
    """(kind, confidence, year mentioned) from the clause's own words, parentheses aside.

    The kind may be ``"average"`` (an average over the term: "bình quân hằng năm"), which
    :func:`read_clause` turns into a growth, a change per year or a flagged reading.
    """
    plain = re.sub(r"\([^()]*\)", " ", clause)
    if _GROWTH.search(plain):
        return "average_growth", 0.95, None
    if _AVERAGE.search(plain):
        return "average", 0.9, None
    if _ANNUAL.search(plain):
        return "annual", 0.95, None
    if _CUMULATIVE.search(plain):
        return "cumulative", 0.9, None
    term = re.search(
        r"(?<!chuẩn )(?<!chuẩn nghèo )(?:giai đoạn|thời kỳ)\s+(?:19|20)\d\d\s*[–—-]\s*(?:19|20)\d\d",
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
    if re.match(r"^\W*(?:phấn đấu\s+|tiếp tục\s+)?(?:giữ vững|duy trì)\b", plain, re.IGNORECASE):
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
    r"|giữ vững|duy trì|là|vào|ở mức|khoảng|bình quân|trung bình|mỗi năm|/\s*năm|:)\s*$",
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
    clause: str, kind: str | None, conf: float, year: str | None, term: tuple[int, int]
) -> list[Reading]:
    """What one clause says: a reading per figure (two when one figure serves two
    subjects), else a rating (one per body rated), a comparison with another unit or a
    yes/no title, else nothing. ``kind``, ``conf`` and ``year`` are from :func:`period`;
    ``term`` is the term's (start, end) years.
    """
    start, end = term
    figs = figures(clause)
    readings: list[Reading] = []
    by_year = year is not None and start < int(year) < end
    doubt = None
    if year is not None and int(year) != end and not by_year:
        doubt = f"the text says {year}, outside the term {start}–{end}: which year is meant?"
    relative = _RELATIVE.search(clause)
    if relative:
        readings.append(_relative(clause, relative, kind, conf))
    none_left = NONE_LEFT.search(clause)
    if not figs and none_left:
        what = none_left["what"] or none_left["what2"]
        r = Reading(kind=kind, measure="count", comparator="<=", threshold=0.0,
                    unit=what.split()[0])  # fmt: skip
        r.confidence.update(measure=0.85, comparator=0.9, threshold=0.9)
        if kind:
            r.confidence["kind"] = conf
        r.name = f"Số {what}"
        if re.search(r"\bvà\b", what):
            r.doubt("threshold", 0.6, "'không còn A và B': one sub-target each?")
        _year(r, year, by_year, doubt)
        return [r]
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
        elif not relative and _BOOLEAN.search(clause) and not _TRUNCATED.search(clause):
            r = Reading(kind=kind, measure="boolean", comparator="==", threshold=YES_LABEL)
            r.confidence.update(measure=0.85, threshold=0.9, comparator=0.95)
            if kind:
                r.confidence["kind"] = conf
            r.name = _name(clause, None, "boolean")
            readings.append(r)
        for r in readings:
            _year(r, year, by_year, doubt)
        return readings
    host: Reading | None = None
    for fig in figs:
        r = Reading(kind=kind, figure_at=(fig.start, fig.end))
        r.confidence["threshold"] = 0.95
        if kind:
            r.confidence["kind"] = conf
        r.measure = _measure(fig.unit) if fig.unit else None
        change = _CHANGE_VERB.search(clause[: fig.start]) or _CHANGE_SUBJECT.search(
            clause[: fig.start]
        )
        if not change and fig.unit.endswith("/năm"):
            change = _CHANGE_NEAR.search(clause[: fig.start])
        per_year = _PER_YEAR.search(clause) or _PER_YEAR.search(clause[fig.end - 5 : fig.end + 6])
        share_subject = bool(_SHARE_SUBJECT.search(clause)) and not re.search(
            r"\b(?:tỷ lệ|tỉ lệ|tốc độ)\s+tăng\b", clause, re.IGNORECASE
        )
        verb = change["verb"].lower() if change else None
        per_year_change = bool(change and (per_year or fig.unit.endswith("/năm")))
        if per_year_change and not fig.bracketed and (verb == "giảm" or share_subject):
            _change(r, clause, fig, verb, share_subject)
        elif kind == "average_growth" or (
            per_year_change and verb == "tăng" and fig.unit.startswith("%")
        ):
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
            if _TWO_SUBJECTS.match(clause[fig.end :]) and not _shared_subjects(clause):
                r.doubt(
                    "threshold", 0.6, "one figure for two subjects ('… và …'): one sub-target each?"
                )
            if kind == "annual" and conf < 0.9 and _TASKS.search(clause):
                r.doubt(
                    "kind",
                    0.5,
                    "'duy trì/giữ vững' and a work to do: every year, or over the term?",
                )
            if _ABOUT.search(clause[: fig.start][-30:]):
                _about(r)
            if r.kind == "average":
                r.kind = "annual"
                r.doubt(
                    "kind",
                    0.5,
                    "an average over the term ('bình quân hằng năm'), which no kind states: "
                    "read as every year (stricter); check",
                )
        if r.measure == "count" and isinstance(r.threshold, float) and not r.threshold.is_integer():
            r.doubt("threshold", 0.3, f"a count of {r.threshold:g} is not a whole number")
        if _AGAINST_BASE.search(clause):
            r.doubt(
                "kind",
                0.4,
                "a change against a base year ('so với năm …'): restate it as a level, "
                "a growth rate or a change per year",
            )
        _year(r, year, by_year, doubt)
        if host is None:
            host = r
        readings.append(r)
    numbered = [r for r in readings if r.reference is None]
    if len(numbered) > 1 and not any(f.bracketed for f in figs[1:]):
        for r in numbered:
            r.doubt("threshold", 0.6, "several figures in one statement: check each sub-target")
    split = _shared_subjects(clause)
    if split and len(readings) == 1:
        first, second = split
        twin = Reading(**{**readings[0].__dict__, "confidence": dict(readings[0].confidence),
                           "doubts": list(readings[0].doubts)})  # fmt: skip
        readings[0].name, twin.name = first, second
        readings.append(twin)
    return readings


#: Works and tasks: with "duy trì …" they leave the period open (every year or in the term).
_TASKS = re.compile(_WORKS.pattern + r"|\b(?:xây dựng|phát triển|thành lập)\b", re.IGNORECASE)
#: "không còn hộ nghèo": a count brought to zero.
NONE_LEFT = re.compile(
    r"\b(?:không còn|xóa hết|xoá hết|xóa xong|hết)\s+(?P<what>hộ (?:nghèo|đói|cận nghèo|tái nghèo)"
    r"(?:\s+và\s+hộ\s+\w+(?:\s+nghèo)?)?|nhà tạm(?:,? dột nát)?|xã nghèo|thôn nghèo)"
    r"|\bkhông có\s+(?P<what2>(?:chi bộ|tổ chức cơ sở đảng|tổ chức đảng|đảng viên)[^,;.]{0,30}?"
    r"(?:yếu kém|không hoàn thành nhiệm vụ))",
    re.IGNORECASE,
)
#: "N% A và B được …": one figure for two subjects.
_TWO_SUBJECTS = re.compile(
    r"^\s*(?:trở lên\s+)?[^\d,;]{2,40}?\s+và\s+[^\d,;]{2,30}?\s+(?:được|đạt|có)\b"
)

#: A statement cut off after "đạt:" or "là:" ("hàng năm đạt: hoàn thàn"): at most a word and a
#: part of one follow the colon ("đạt chuẩn", with no colon, is a title).
_TRUNCATED = re.compile(r"\b(?:đạt|là)\s*:\s*(?:\w+\s+)?\w{0,6}$", re.IGNORECASE)


def _year(r: Reading, year: str | None, by_year: bool, doubt: str | None) -> None:
    """A year inside the term makes a level a ``by_year`` target; one outside is a doubt."""
    if by_year and r.kind in ("end_level", "about", None) and r.measure is not None:
        if r.kind == "about":
            r.doubt("kind", 0.5, f"an approximate level by {year}, inside the term: check")
        else:
            r.kind, r.year = "by_year", int(year)
            r.confidence["kind"] = 0.9
    elif by_year:
        r.doubt("kind", 0.5, f"the text names {year}, inside the term: check the period")
    if doubt:
        r.doubt("kind", 0.5, doubt)


def _change(r: Reading, clause: str, fig: _Figure, verb: str, share: bool) -> None:
    """A change per year: "tỷ lệ hộ nghèo giảm bình quân 1 – 1,5 %/năm"."""
    r.kind, r.direction = "change_per_year", "down" if verb == "giảm" else "up"
    r.confidence["kind"] = 0.9
    unit = fig.unit.removesuffix("/năm")
    tail = clause[: fig.start][-40:]
    after = clause[fig.end :]
    if fig.high is not None:
        r.comparator, r.threshold, r.upper = ">=", fig.low, fig.high
        r.confidence["comparator"] = 0.9
    else:
        r.threshold = fig.low
        if re.match(r"^\s*(?:/\s*năm\s*)?trở lên", after, re.I) or re.search(
            r"(?:ít nhất|tối thiểu|không dưới|từ)\s*$", tail, re.I
        ):
            r.comparator, r.confidence["comparator"] = ">=", 0.95
        elif re.search(r"trên\s*$", tail, re.I):
            r.comparator, r.confidence["comparator"] = ">", 0.9
        elif re.search(r"(?:không quá|tối đa)\s*$", tail, re.I) or re.match(
            r"^\s*(?:/\s*năm\s*)?trở xuống", after, re.I
        ):
            r.comparator, r.confidence["comparator"] = "<=", 0.9
        else:
            r.comparator, r.confidence["comparator"] = ">=", 0.8  # a fall of X: at least X
    if unit in ("%", "‰") or unit == "":
        if _POINTS.search(clause):
            r.measure, r.change_unit = "share", "points"
            r.confidence["measure"] = 0.9
        elif share:
            r.measure, r.change_unit = "share", "points"
            r.confidence["measure"] = 0.9
            if fig.low > 3:
                r.doubt(
                    "change_unit",
                    0.4,
                    f"'{verb} {fig.low:g}%/năm' of a rate: in percentage points or in % of the "
                    "rate? (change_unit: points or percent)",
                )
        else:
            r.measure, r.change_unit = "count", "percent"
            r.doubt("unit", 0.6, "the unit of the quantity that changes is not in the text")
        r.unit = "%" if r.measure == "share" else ""
        r.threshold_unit = "điểm %/năm" if r.change_unit == "points" else "%/năm"
    else:
        r.measure = _measure(unit)
        r.change_unit, r.unit, r.threshold_unit = "points", unit, f"{unit}/năm"
        r.confidence["measure"] = 0.85
    r.name = _name(clause[: fig.start], None, r.measure) or _name(clause, fig, r.measure)


def _about(r: Reading) -> None:
    """ "khoảng 65 – 70 %": an approximate level (kind ``about``) at the end of the term."""
    if r.kind not in (None, "end_level"):
        r.doubt("kind", 0.5, "an approximate level ('khoảng') with another period: check")
        return
    r.kind, r.comparator = "about", "=="
    r.confidence["kind"] = max(r.confidence.get("kind", 0.0), 0.8)
    r.confidence["comparator"] = 0.9
    r.doubts = [d for d in r.doubts if "approximate: no clear floor" not in d]
    r.doubt(
        "tolerance",
        0.6,
        "'khoảng' (about) states no tolerance: the default is used (give tolerance:)",
    )


def _relative(clause: str, m: re.Match, kind: str | None, conf: float) -> Reading:
    """ "thấp hơn mức bình quân của tỉnh": the figure against another unit's."""
    way = m["way"].lower()
    cmp = {"thấp hơn": "<", "nhỏ hơn": "<", "cao hơn": ">", "lớn hơn": ">",
           "bằng hoặc thấp hơn": "<=", "bằng hoặc cao hơn": ">="}[way]  # fmt: skip
    r = Reading(kind="relative", comparator=cmp, threshold=0)
    r.reference = _REFERENCES.get(m["ref"].lower(), m["ref"].lower())
    r.measure = "share" if _SHARE_SUBJECT.search(clause) else None
    r.confidence.update(kind=0.9, comparator=0.9, threshold=0.85)
    if r.measure is None:
        r.doubt("measure", 0.5, "what is compared is not a rate: give its measure")
    else:
        r.confidence["measure"] = 0.85
    r.name = _name(clause[: m.start()], None, r.measure)
    r.doubt(
        "reference",
        0.5,
        f"compared with the {r.reference}'s figure: give the reference unit's code "
        "(reference:) whose figures the tables have",
    )
    if kind not in (None, "end_level"):
        r.doubt("kind", 0.6, "a comparison with another unit and a period: check which")
    return r


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
    r.kind = "average_growth"
    r.comparator, r.threshold, r.upper = ">=", fig.low, fig.high
    r.threshold_unit = "%/năm"
    r.confidence.update(comparator=0.9, threshold=0.9, measure=0.8)
    tail = clause[: fig.start][-30:]
    if fig.high is None:
        for pattern, cmp in ((r"(?:còn\s+|xuống\s+)?dưới\s*$", "<"), (r"trên\s*$", ">"),
                             (r"(?:không (?:vượt )?quá|tối đa)\s*$", "<=")):  # fmt: skip
            if re.search(pattern, tail, re.IGNORECASE):
                r.comparator = cmp
        if re.match(r"^\s*(?:/\s*năm\s*)?trở xuống", clause[fig.end :], re.IGNORECASE):
            r.comparator = "<="
    if fig.unit and not fig.unit.startswith("%"):
        r.doubt("unit", 0.4, f"an average growth in '{fig.unit}', not in %/năm")
    money = not re.search(
        r"\b(?:dân số|đảng viên|doanh nghiệp|khách|lượt|hộ|lao động|học sinh|con)\b",
        clause[: fig.start],
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
