"""Every word the reports, tables and charts show, per language: one entry per locale.

A :class:`Locale` holds a language's status labels, table and chart words, the sentence
templates of each kind of target, comparator words, and its number format. Adding a
language is adding one entry to :data:`LOCALES` (and ``name_xx`` names to the catalog).
Colours are the same in every language (:data:`STATUS_COLOURS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import WardAnalysisError

#: The code of the default language (the reports' and the index's own).
DEFAULT_LANG = "vi"

#: Traffic-light colours of the status codes (the same in every language).
STATUS_COLOURS = {
    "achieved": "#1a7f37",
    "on_track": "#2da44e",
    "at_risk": "#d4a72c",
    "off_track": "#e16f24",
    "missed": "#cf222e",
    "insufficient_data": "#8c959f",
    "not_comparable": "#8c959f",
}
#: The other colours of the charts and pages.
COLOURS = {
    "figure": "#0969da",  # observed figures, the projection, links
    "target": "#57606a",  # the target line or growth path
    "neutral": "#8c959f",  # the line joining met / not met years
    "pass": STATUS_COLOURS["on_track"],
    "fail": STATUS_COLOURS["missed"],
}
#: The figures of each basis on a chart: the basis of the target in force first, then the
#: others in the order their figures appear.
BASIS_COLOURS = (COLOURS["figure"], "#8250df", "#bf3989", "#953800")


@dataclass(frozen=True)
class Locale:
    """One language: its words, sentence templates and number format."""

    code: str
    #: Decimal and thousands separators; whether a space stands before % and ‰.
    decimal: str
    thousands: str
    percent_space: bool
    #: Units as this language writes them; None keeps the catalog's (Vietnamese) units.
    #: With a table, a unit not in it is left out ("8 đường" → "8").
    units: dict[str, str] | None
    #: Vega's number format (d3-format locale), or None for its default (English).
    vega_format: dict | None
    statuses: dict[str, str]
    words: dict[str, str]
    #: Sentence templates by (kind, case); the kind "any" holds the cases every kind shares.
    #: A case worded differently by the target's direction holds a dict of templates keyed by
    #: direction (``floor``, ``ceiling``, ``range``, ``yes_no``, ``rating``).
    sentences: dict[tuple[str, str], str | dict[str, str]]
    #: How a threshold's comparator is said before its figure ("at least ").
    comparators: dict[str, str]
    backtest_methods: dict[str, str] = field(default_factory=dict)
    #: How a forecast was made (the ``method`` codes of ``assess``).
    methods: dict[str, str] = field(default_factory=dict)
    #: Measurement bases (the catalog's ``basis`` codes: poverty standards) in words.
    bases: dict[str, str] = field(default_factory=dict)

    def status(self, code: str) -> str:
        """The label of a status code."""
        return self.statuses[code]

    def basis(self, code: str) -> str:
        """A basis in words; a code this language has no name for is said with it."""
        return self.bases.get(code) or self.word("basis_code", code=code)

    def word(self, key: str, **fields: object) -> str:
        """A word or phrase, with its ``{fields}`` filled in."""
        text = self.words[key]
        return text.format(**fields) if fields else text

    def number(self, value: float, decimals: int) -> str:
        """``1.250,5`` (vi) or ``1,250.5`` (en); no minus on a figure that rounds to 0."""
        text = f"{value:,.{decimals}f}"
        if text.startswith("-") and float(text.replace(",", "")) == 0:
            text = text[1:]
        if (self.thousands, self.decimal) != (",", "."):
            text = text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)
        return text

    def unit(self, unit: str) -> str:
        """A unit as this language writes it ("" where it leaves it out)."""
        return unit if self.units is None else self.units.get(unit, "")

    def with_unit(self, number: str, unit: str) -> str:
        """A formatted number and its unit: ``79,1 %``, ``79.1%``, ``12 đường``."""
        unit = self.unit(unit)
        if unit.startswith(("%", "‰")) and not self.percent_space:
            return f"{number}{unit}"
        return f"{number} {unit}".rstrip()

    def percent(self, p: float) -> str:
        """A probability as a whole percentage: ``40 %`` / ``40%``; one not certain is never
        shown as 100 % or 0 % (``trên 99 %``, ``dưới 1 %``)."""
        if 0.99 < p < 1:
            return self.word("p_over", p=self.with_unit("99", "%"))
        if 0 < p < 0.01:
            return self.word("p_under", p=self.with_unit("1", "%"))
        return self.with_unit(str(round(p * 100)), "%")


VI = Locale(
    code="vi",
    decimal=",",
    thousands=".",
    percent_space=True,
    units=None,
    vega_format={"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    statuses={
        "achieved": "Đã đạt",
        "on_track": "Đúng tiến độ",
        "at_risk": "Có nguy cơ",
        "off_track": "Chậm tiến độ",
        "missed": "Không đạt",
        "insufficient_data": "Thiếu dữ liệu",
        "not_comparable": "Không so sánh được",
    },
    words={
        # the tables of a report
        "status": "Tình trạng",
        "count": "Số chỉ tiêu",
        "change": "So với năm trước",
        "target": "Chỉ tiêu",
        "figure": "Số liệu mới nhất",
        "projection": "Dự báo {T} (khoảng 80 %)",
        "probability": "Xác suất đạt",
        "explanation": "Giải thích",
        "plan": "Kế hoạch",
        "result": "Thực hiện",
        "previous": "Năm trước",
        "delta": "Tăng/giảm",
        "vs_plan": "So với kế hoạch",
        "estimate": "ước",
        "no_change": "Không có chỉ tiêu nào đổi tình trạng.",
        "changed": "{name}: {old} → {new}",
        "first": "Năm đầu tiên được đánh giá.",
        # charts
        "year": "Năm",
        "actual": "Thực hiện",
        "estimate_figure": "Ước thực hiện",
        "chart_projection": "Dự báo",
        "total": "Lũy kế",
        "pass": "Đạt",
        "fail": "Không đạt",
        "value": "Giá trị",
        "kind": "Loại số liệu",
        "chart_result": "Kết quả",
        "band": "Khoảng dự báo 80 %",
        # the sections of the reports
        "section_headline": "Tóm tắt",
        "section_status": "Tình trạng từng chỉ tiêu",
        "section_charts": "Biểu đồ",
        "section_year": "Trong năm",
        "section_notes": "Ghi chú về số liệu",
        "section_outcome": "Kết quả cuối nhiệm kỳ",
        "section_evolution": "Dự báo qua từng năm",
        "section_backtest": "Kiểm định dự báo (Brier: càng thấp càng tốt)",
        # titles
        "year_title": "Đánh giá thực hiện các chỉ tiêu đến năm {T}",
        "year_subtitle": "{unit} — số liệu đến năm {year}",
        "term_title": "Tổng kết nhiệm kỳ {first}–{last}",
        "assessed_in": "Năm đánh giá",
        "index_title": "Đánh giá thực hiện các chỉ tiêu — mục lục",
        "term_review": "Tổng kết nhiệm kỳ",
        "failed_years": "Không tạo được báo cáo năm: ",
        "built": "Tạo lúc {at} từ:",
        # data notes
        "note_estimates": "Số liệu năm {years} là số ước thực hiện, chưa phải số chính thức.",
        "note_basis": "Chỉ tiêu {id}: từ năm {first} số liệu tính theo {other}, khác chuẩn của chỉ tiêu ({basis}); không so sánh được.",
        "note_missing": "Chỉ tiêu {id}, năm {year}: không có số liệu — {note}.",
        "note_flag": "Chỉ tiêu {id}, năm {year}: {flag}.",
        "note_rejected": "Loại bỏ: {file}, dòng {row}, cột '{column}' ('{raw}'): {reason}.",
        "note_reading": "Cách hiểu chỉ tiêu {id}: {reading}",
        # pieces of sentences
        "estimate_mark": " (ước thực hiện)",
        "provisional_mark": " (tạm tính, theo số ước)",
        "provisional_met": "Kết quả tạm tính theo số ước thực hiện; khả năng số chính thức vẫn đạt: {p}.",
        "p_over": "trên {p}",
        "p_under": "dưới {p}",
        "provisional_missed": "Kết quả tạm tính theo số ước thực hiện; khả năng số chính thức đạt chỉ tiêu: {p}.",
        "projection_range": " (khoảng dự báo từ {low} đến {high})",
        "span": "{first}–{last}",
        "span_one": "năm {first}",
        "above_range": " (vượt mức cao nhất {top})",
        "verdict_met": "đã đạt",
        "verdict_not_met": "không đạt",
        "required_growth": "cần tăng {req} các năm còn lại",
        "enough": "mức hiện tại đã đủ nếu không giảm",
        "yes": "Đạt",
        "no": "Không đạt",
        "rating_or_better": "{label} trở lên",
        # bases (poverty standards) and restated targets ("điều chỉnh chỉ tiêu")
        "basis": "Số liệu theo",
        "basis_code": "chuẩn {code}",
        "goal_on_basis": "{goal} theo {basis}",
        "other_latest": "số liệu mới nhất theo {basis}: {figure} ({year})",
        "restated": "Chỉ tiêu đã điều chỉnh từ năm {year} theo {source}: {goal} (chỉ tiêu ban đầu: {original}).",
        "note_restated": "Chỉ tiêu {id}: từ năm {year} điều chỉnh theo {source}; lý do: {reason}.",
        "note_basis_before": "Chỉ tiêu {id}: số liệu năm {years} tính theo {other}, khác chuẩn của chỉ tiêu đang áp dụng ({basis}); chỉ thể hiện trên biểu đồ, không dùng để đánh giá.",
        # a status set by the ward's analyst instead of the model's
        "analyst_note": "do cán bộ phân tích xác định; theo mô hình dự báo: {computed}",
        "index_provisional": "† Kết quả tạm tính, theo số ước thực hiện (chưa phải số chính thức).",
        "index_analyst": "‡ Tình trạng do cán bộ phân tích xác định, khác với kết quả của mô hình dự báo (di chuột vào dấu ‡ để xem).",
        "analyst_status": "{status} ({note})",
        "analyst_reason": "Tình trạng “{status}” do {by} xác định ngày {date}; lý do: {reason}.",
        "date": "{d:02d}/{m:02d}/{y}",
    },
    sentences={
        (
            "any",
            "not_comparable",
        ): "{name}: từ năm {oy} số liệu tính theo {ob}, không so sánh được với chỉ tiêu ({basis}).",
        ("any", "no_data"): "{name}: chưa có số liệu đến năm {as_of}.",
        ("annual", "missed"): {
            "floor": "{name} năm {dy} chỉ đạt {dv}, không đạt mức {goal} yêu cầu hằng năm.",
            "ceiling": "{name} năm {dy} là {dv}, vượt mức trần {limit} của chỉ tiêu hằng năm.",
            "range": "{name} năm {dy} chỉ đạt {dv}, không đạt mức {goal} yêu cầu hằng năm.",
            "yes_no": "{name}: năm {dy} không đạt (chỉ tiêu yêu cầu đạt hằng năm).",
            "rating": "{name} năm {dy}: {dv}, dưới mức {limit} yêu cầu hằng năm.",
        },
        ("annual", "achieved"): {
            "floor": "{name}: các năm {first}–{T} đều đạt mức yêu cầu của chỉ tiêu ({goal}){est}.",
            "ceiling": "{name}: giữ ở mức {goal} trong tất cả các năm {first}–{T}{est}.",
            "range": "{name}: đạt từ {limit} trở lên trong tất cả các năm {first}–{T}{est}.",
            "yes_no": "{name}: đạt trong tất cả các năm {first}–{T}{est}.",
            "rating": "{name}: đạt mức {goal} trong tất cả các năm {first}–{T}{est}.",
        },
        (
            "annual",
            "unreported",
        ): "{name}: năm {dy} chưa có số liệu dùng được (chưa báo cáo hoặc không đọc được), các năm đã có số liệu đều đạt yêu cầu ({goal}); chưa kết luận được cả nhiệm kỳ. Khả năng các năm còn thiếu số liệu cũng đạt: {p}.",
        ("annual", "open"): {
            "floor": "{name} năm {ly}: {lv}{est}; xác suất các năm chưa có số liệu đến {T} đều đạt yêu cầu ({goal}): {p}.",
            "ceiling": "{name} năm {ly}: {lv}{est}; xác suất các năm chưa có số liệu đến {T} đều đạt yêu cầu ({goal}): {p}.",
            "range": "{name} năm {ly}: {lv}{est}; xác suất các năm chưa có số liệu đến {T} đều đạt yêu cầu ({goal}): {p}.",
            "yes_no": "{name} năm {ly}: {lv}{est}; xác suất các năm chưa có số liệu đến {T} đều đạt: {p}.",
            "rating": "{name} năm {ly}: {lv}{est}; xác suất các năm chưa có số liệu đến {T} đều đạt mức {goal}: {p}.",
        },
        (
            "cumulative",
            "settled",
        ): "{name}: lũy kế {span} đạt {lv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
        (
            "cumulative",
            "not_started",
        ): "{name}: chưa tính lũy kế (tính từ năm {first}); theo số liệu đến năm {ly}, dự báo lũy kế đến {T} đạt {pv}{rng}{above}; xác suất đạt {goal}: {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: lũy kế {span} đạt {lv}{est}; dự báo đến {T} đạt {pv}{rng}{above}; xác suất đạt {goal}: {p}.",
        (
            "average_growth",
            "final",
        ): "{name}: tăng bình quân {base}–{T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
        (
            "average_growth",
            "no_base",
        ): "{name}: cần số liệu năm gốc {base} và ít nhất một năm sau để tính tăng bình quân.",
        (
            "average_growth",
            "open",
        ): "{name}: tăng bình quân {base}–{ly} đạt {lv}{est}; {req}; dự báo cả giai đoạn {pv}{rng}{above}; xác suất đạt {goal}: {p}.",
        ("end_level", "final"): {
            "floor": "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}.",
            "ceiling": "{name} năm {T} là {pv}{est}; chỉ tiêu {goal}: {verdict}.",
            "range": "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
            "yes_no": "{name}: năm {T} {verdict}{est}.",
            "rating": "{name} năm {T}: {pv}{est}; chỉ tiêu {goal}: {verdict}.",
        },
        ("end_level", "one_point"): {
            "floor": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt {goal} năm {T}: {p}.",
            "ceiling": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) năm {T}: {p}.",
            "range": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt {goal} năm {T}: {p}.",
            "yes_no": "{name} mới có số liệu năm {ly} ({lv}){est}; xác suất năm {T} đạt: {p}.",
            "rating": "{name} mới có số liệu năm {ly} ({lv}){est}; xác suất năm {T} đạt mức {goal}: {p}.",
        },
        # targets judged on their pass history (yes/no, ratings, shares at 100 %)
        ("end_level", "pass_fail"): {
            "floor": "{name} năm {ly}: {lv}{est}; xác suất năm {T} đạt {goal}: {p}.",
            "ceiling": "{name} năm {ly}: {lv}{est}; xác suất năm {T} đạt chỉ tiêu ({goal}): {p}.",
            "range": "{name} năm {ly}: {lv}{est}; xác suất năm {T} đạt {goal}: {p}.",
            "yes_no": "{name} năm {ly}: {lv}{est}; xác suất năm {T} đạt: {p}.",
            "rating": "{name} năm {ly}: {lv}{est}; xác suất năm {T} đạt mức {goal}: {p}.",
        },
        # only figures follow a trend
        ("end_level", "open"): {
            "floor": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv}{rng}{above}; xác suất đạt {goal}: {p}.",
            "ceiling": "{name} năm {ly} là {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} là {pv}{rng}; xác suất đạt chỉ tiêu ({goal}): {p}.",
            "range": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv}{rng}{above}; xác suất đạt {goal}: {p}.",
        },
    },
    comparators={">=": "", ">": "trên ", "<=": "không quá ", "<": "dưới ", "==": ""},
    # The term review shows these names in its backtest table, whose other headings are not
    # translated yet: the same names in both languages keep that table in one language.
    backtest_methods={
        "ours": "ours",
        "sdg": "Open SDG bands, calibrated",
        "pace": "linear pace ratio, 0/1",
        "latest": "latest value meets, 0/1",
    },
    methods={
        "logit_trend": "xu hướng tuyến tính trên thang logit",
        "log_trend": "xu hướng tuyến tính trên thang log",
        "linear_trend": "xu hướng tuyến tính",
        "one_point": "một số liệu: theo tiến độ cần có, khoảng dự báo rộng",
        "pass_history": "theo số năm đạt và không đạt (Beta–nhị thức)",
        "gamma_poisson": "số lượng hằng năm (Gamma–Poisson)",
        "normal_flows": "mức thực hiện hằng năm (phân phối chuẩn)",
        "needs_base": "cần số liệu năm gốc và ít nhất một năm sau",
    },
    bases={
        "2016-2020": "chuẩn nghèo giai đoạn 2016–2020",
        "2022-2025": "chuẩn nghèo đa chiều giai đoạn 2021–2025",
    },
)

EN = Locale(
    code="en",
    decimal=".",
    thousands=",",
    percent_space=False,
    units={
        "%": "%",
        "km": "km",
        "m": "m",
        "triệu đồng": "million VND",
        "tỷ đồng": "billion VND",
        "%/năm": "%/year",
        "‰": "‰",
    },
    vega_format=None,
    statuses={
        "achieved": "Achieved",
        "on_track": "On track",
        "at_risk": "At risk",
        "off_track": "Off track",
        "missed": "Missed",
        "insufficient_data": "Insufficient data",
        "not_comparable": "Not comparable",
    },
    words={
        "status": "Status",
        "count": "Targets",
        "change": "Change on last year",
        "target": "Target",
        "figure": "Latest figure",
        "projection": "Projected {T} (80% range)",
        "probability": "Probability met",
        "explanation": "Explanation",
        "plan": "Plan",
        "result": "Result",
        "previous": "Previous year",
        "delta": "Change",
        "vs_plan": "Against plan",
        "estimate": "est.",
        "no_change": "No target changed status.",
        "changed": "{name}: {old} → {new}",
        "first": "First year assessed.",
        "year": "Year",
        "actual": "Actual",
        "estimate_figure": "Estimate",
        "chart_projection": "Projection",
        "total": "Running total",
        "pass": "Met",
        "fail": "Not met",
        "value": "Value",
        "kind": "Figure",
        "chart_result": "Result",
        "band": "80% projection range",
        "section_headline": "Headline",
        "section_status": "Status of every target",
        "section_charts": "Charts",
        "section_year": "The year itself",
        "section_notes": "Data notes",
        "section_outcome": "Final outcome",
        "section_evolution": "How the forecasts evolved",
        "section_backtest": "Backtest (Brier: lower is better)",
        "year_title": "Progress towards the {T} targets",
        "year_subtitle": "{unit} — figures up to {year}",
        "term_title": "Term review {first}–{last}",
        "assessed_in": "Assessed in",
        "index_title": "Progress on the targets — index",
        "term_review": "Term review",
        "failed_years": "Reports that failed: ",
        "built": "Built {at} from:",
        "note_estimates": "Figures for {years} are estimates, not final results.",
        "note_basis": "Target {id}: from {first} the figures use the {other}, not the target's ({basis}); not comparable.",
        "note_missing": "Target {id}, {year}: no figure — {note}.",
        "note_flag": "Target {id}, {year}: {flag}.",
        "note_rejected": "Rejected: {file}, row {row}, column '{column}' ('{raw}'): {reason}.",
        "note_reading": "Reading of target {id}: {reading}",
        "estimate_mark": " (estimate)",
        "provisional_mark": " (provisional, on an estimate)",
        "provisional_met": "Provisional, on an estimate: the chance that the final figure still meets the target is {p}.",
        "p_over": "over {p}",
        "p_under": "under {p}",
        "provisional_missed": "Provisional, on an estimate: the chance that the final figure meets the target after all is {p}.",
        "projection_range": " (80% range {low} to {high})",
        "span": "{first}–{last}",
        "span_one": "{first}",
        "above_range": " (above the top of the range, {top})",
        "verdict_met": "met",
        "verdict_not_met": "not met",
        "required_growth": "{req} needed in the remaining years",
        "enough": "the current level is enough if it does not fall",
        "yes": "met",
        "no": "not met",
        "rating_or_better": "{label} or better",
        "basis": "Figures on",
        "basis_code": "{code} standard",
        "goal_on_basis": "{goal} on the {basis}",
        "other_latest": "latest figure on the {basis}: {figure} ({year})",
        "restated": "Target restated from {year} by {source}: {goal} (originally {original}).",
        "note_restated": "Target {id}: from {year} restated by {source}; reason: {reason}.",
        "note_basis_before": "Target {id}: the figures of {years} use the {other}, not the standard of the target in force ({basis}); shown on the chart, not used in the assessment.",
        "analyst_note": "set by the analyst; model forecast: {computed}",
        "index_provisional": "† Provisional: the status rests on an estimate, not the final figure.",
        "index_analyst": "‡ Status set by the analyst, not the model's forecast (hover over ‡ to see both).",
        "analyst_status": "{status} ({note})",
        "analyst_reason": "Status “{status}” set by {by} on {date}; reason: {reason}.",
        "date": "{y}-{m:02d}-{d:02d}",
    },
    sentences={
        (
            "any",
            "not_comparable",
        ): "{name}: since {oy} the figures use the {ob}, so they cannot be compared with the target (set on the {basis}).",
        ("any", "no_data"): "{name}: no figures up to {as_of}.",
        ("annual", "missed"): {
            "floor": "{name}: {dv} in {dy}, below the yearly target of {goal}.",
            "ceiling": "{name}: {dv} in {dy}, above the yearly ceiling of {limit}.",
            "range": "{name}: {dv} in {dy}, below the yearly target of {goal}.",
            "yes_no": "{name}: not met in {dy}; the target must be met every year.",
            "rating": "{name}: {dv} in {dy}, below the level required every year ({goal}).",
        },
        ("annual", "achieved"): {
            "floor": "{name}: {goal} in every year {first}–{T}{est}.",
            "ceiling": "{name}: within the ceiling ({goal}) in every year {first}–{T}{est}.",
            "range": "{name}: at least {limit} in every year {first}–{T}{est}.",
            "yes_no": "{name}: met in every year {first}–{T}{est}.",
            "rating": "{name}: {goal} in every year {first}–{T}{est}.",
        },
        (
            "annual",
            "unreported",
        ): "{name}: no usable figure for {dy} (not reported, or not readable); every year with a figure meets the target ({goal}), so the term cannot be judged yet. Chance that the missing years met it too: {p}.",
        ("annual", "open"): {
            "floor": "{name}: {lv} in {ly}{est}; probability that the target ({goal}) is met in every year up to {T} still to be reported: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; probability that the target ({goal}) is met in every year up to {T} still to be reported: {p}.",
            "range": "{name}: {lv} in {ly}{est}; probability that the target ({goal}) is met in every year up to {T} still to be reported: {p}.",
            "yes_no": "{name}: {lv} in {ly}{est}; probability that the target is met in every year up to {T} still to be reported: {p}.",
            "rating": "{name}: {lv} in {ly}{est}; probability of {goal} in every year up to {T} still to be reported: {p}.",
        },
        (
            "cumulative",
            "settled",
        ): "{name}: {lv} in total for {span}{est}; target {goal}: {verdict}{above}.",
        (
            "cumulative",
            "not_started",
        ): "{name}: the term total counts from {first}; from the figures up to {ly}, the total by {T} is projected at {pv}{rng}{above}; probability of reaching {goal}: {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: {lv} in total for {span}{est}; projected {pv} by {T}{rng}{above}; probability of reaching {goal}: {p}.",
        (
            "average_growth",
            "final",
        ): "{name}: average growth {base}–{T} was {pv}{est}; target {goal}: {verdict}{above}.",
        (
            "average_growth",
            "no_base",
        ): "{name}: needs the {base} base-year figure and at least one later year to compute average growth.",
        (
            "average_growth",
            "open",
        ): "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term{rng}{above}; probability of reaching {goal}: {p}.",
        ("end_level", "final"): {
            "floor": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
            "ceiling": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
            "range": "{name}: {pv} in {T}{est}; target {goal}: {verdict}{above}.",
            "yes_no": "{name}: {verdict} in {T}{est}.",
            "rating": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
        },
        ("end_level", "one_point"): {
            "floor": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of reaching {goal} in {T}: {p}.",
            "ceiling": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) in {T}: {p}.",
            "range": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of reaching {goal} in {T}: {p}.",
            "yes_no": "{name}: a result for {ly} only ({lv}){est}; probability that the target is met in {T}: {p}.",
            "rating": "{name}: a rating for {ly} only ({lv}){est}; probability of {goal} in {T}: {p}.",
        },
        # targets judged on their pass history (yes/no, ratings, shares at 100 %)
        ("end_level", "pass_fail"): {
            "floor": "{name}: {lv} in {ly}{est}; probability of reaching {goal} in {T}: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {T}: {p}.",
            "range": "{name}: {lv} in {ly}{est}; probability of reaching {goal} in {T}: {p}.",
            "yes_no": "{name}: {lv} in {ly}{est}; probability that the target is met in {T}: {p}.",
            "rating": "{name}: {lv} in {ly}{est}; probability of {goal} in {T}: {p}.",
        },
        # only figures follow a trend
        ("end_level", "open"): {
            "floor": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}{above}; probability of reaching {goal}: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}; probability of meeting the target ({goal}): {p}.",
            "range": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}{above}; probability of reaching {goal}: {p}.",
        },
    },
    comparators={">=": "at least ", ">": "above ", "<=": "at most ", "<": "below ", "==": ""},
    backtest_methods={
        "ours": "ours",
        "sdg": "Open SDG bands, calibrated",
        "pace": "linear pace ratio, 0/1",
        "latest": "latest value meets, 0/1",
    },
    methods={
        "logit_trend": "logit-linear trend",
        "log_trend": "log-linear trend",
        "linear_trend": "linear trend",
        "one_point": "one figure: the pace the target needs, wide interval",
        "pass_history": "pass history (Beta–Binomial)",
        "gamma_poisson": "yearly counts, Gamma–Poisson",
        "normal_flows": "yearly flows, normal",
        "needs_base": "needs the base-year figure and one more year",
    },
    bases={
        "2016-2020": "2016–2020 poverty standard",
        "2022-2025": "2021–2025 multidimensional poverty standard",
    },
)

#: The output languages, by code.
LOCALES: dict[str, Locale] = {loc.code: loc for loc in (VI, EN)}


def get_locale(lang: str | Locale) -> Locale:
    """The locale of ``lang`` (a code such as ``vi``); an unknown code is an error naming it."""
    if isinstance(lang, Locale):
        return lang
    try:
        return LOCALES[lang]
    except (KeyError, TypeError):
        raise WardAnalysisError(f"unknown language {lang!r} (use {' or '.join(LOCALES)})") from None
