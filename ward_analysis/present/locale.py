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
    sentences: dict[tuple[str, str], str]
    #: How a threshold's comparator is said before its figure ("at least ").
    comparators: dict[str, str]
    backtest_methods: dict[str, str] = field(default_factory=dict)
    #: How a forecast was made (the ``method`` codes of ``assess``).
    methods: dict[str, str] = field(default_factory=dict)

    def status(self, code: str) -> str:
        """The label of a status code."""
        return self.statuses[code]

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
        """A probability as a whole percentage: ``40 %`` / ``40%``."""
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
        "note_basis": "Chỉ tiêu {id}: từ năm {first} số liệu tính theo chuẩn {other}, khác chuẩn của chỉ tiêu ({basis}); không so sánh được.",
        "note_missing": "Chỉ tiêu {id}, năm {year}: không có số liệu — {note}.",
        "note_flag": "Chỉ tiêu {id}, năm {year}: {flag}.",
        "note_rejected": "Loại bỏ: {file}, dòng {row}, cột '{column}' ('{raw}'): {reason}.",
        "note_reading": "Cách hiểu chỉ tiêu {id}: {reading}",
        # pieces of sentences
        "estimate_mark": " (ước thực hiện)",
        "above_range": " (vượt mức trên {top})",
        "verdict_met": "đã đạt",
        "verdict_not_met": "không đạt",
        "required_growth": "cần tăng {req} các năm còn lại",
        "enough": "mức hiện tại đã đủ nếu không giảm",
        "yes": "Đạt",
        "no": "Không đạt",
        "rating_or_better": "{label} trở lên",
    },
    sentences={
        (
            "any",
            "not_comparable",
        ): "{name}: từ năm {oy} số liệu tính theo chuẩn {ob}, không so sánh được với chỉ tiêu (chuẩn {basis}).",
        ("any", "no_data"): "{name}: chưa có số liệu đến năm {as_of}.",
        (
            "annual",
            "missed",
        ): "{name} năm {dy} chỉ đạt {dv}, không đạt mức {goal} yêu cầu hằng năm.",
        ("annual", "achieved"): "{name}: đạt {goal} trong tất cả các năm {first}–{T}{est}.",
        (
            "annual",
            "open",
        ): "{name} năm {ly}: {lv}{est}; xác suất các năm còn lại đến {T} đều đạt yêu cầu ({goal}): {p}.",
        (
            "cumulative",
            "settled",
        ): "{name}: lũy kế {first}–{ly} đạt {lv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
        (
            "cumulative",
            "not_started",
        ): "{name}: chưa tính lũy kế (tính từ năm {first}); theo số liệu đến năm {ly}, dự báo lũy kế đến {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: lũy kế {first}–{ly} đạt {lv}{est}; dự báo đến {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
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
        ): "{name}: tăng bình quân {base}–{ly} đạt {lv}{est}; {req}; dự báo cả giai đoạn {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
        ("end_level", "final"): "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}.",
        (
            "end_level",
            "one_point",
        ): "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng, nếu giữ nguyên thì xác suất đạt {goal} năm {T}: {p}.",
        ("end_level", "pass_fail"): "{name} năm {ly}: {lv}{est}; xác suất đạt {goal} năm {T}: {p}.",
        (
            "end_level",
            "open",
        ): "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv} (khoảng {rng}){above}; xác suất đạt {goal}: {p}.",
    },
    comparators={">=": "", ">": "trên ", "<=": "không quá ", "<": "dưới ", "==": ""},
    # The term review shows these names in its backtest table, whose other headings are not
    # translated yet: the same names in both languages keep that table in one language.
    backtest_methods={"ours": "ours", "pace": "pace ratio (Eurostat)", "latest": "latest value"},
    methods={
        "logit_trend": "xu hướng tuyến tính trên thang logit",
        "log_trend": "xu hướng tuyến tính trên thang log",
        "linear_trend": "xu hướng tuyến tính",
        "one_point": "một số liệu: giữ nguyên mức, khoảng dự báo rộng",
        "pass_history": "theo số năm đạt và không đạt (Beta–nhị thức)",
        "gamma_poisson": "số lượng hằng năm (Gamma–Poisson)",
        "normal_flows": "mức thực hiện hằng năm (phân phối chuẩn)",
        "needs_base": "cần số liệu năm gốc và ít nhất một năm sau",
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
        "note_basis": "Target {id}: from {first} the figures use the {other} standard, not the target's ({basis}); not comparable.",
        "note_missing": "Target {id}, {year}: no figure — {note}.",
        "note_flag": "Target {id}, {year}: {flag}.",
        "note_rejected": "Rejected: {file}, row {row}, column '{column}' ('{raw}'): {reason}.",
        "note_reading": "Reading of target {id}: {reading}",
        "estimate_mark": " (estimate)",
        "above_range": " (above the top of the range, {top})",
        "verdict_met": "met",
        "verdict_not_met": "not met",
        "required_growth": "{req} needed in the remaining years",
        "enough": "the current level is enough if it does not fall",
        "yes": "met",
        "no": "not met",
        "rating_or_better": "{label} or better",
    },
    sentences={
        (
            "any",
            "not_comparable",
        ): "{name}: since {oy} the figures use the {ob} standard, not comparable with the target's ({basis}).",
        ("any", "no_data"): "{name}: no figures up to {as_of}.",
        ("annual", "missed"): "{name} was {dv} in {dy}, missing the every-year target of {goal}.",
        ("annual", "achieved"): "{name}: met {goal} in every year {first}–{T}{est}.",
        (
            "annual",
            "open",
        ): "{name} in {ly}: {lv}{est}; probability that every remaining year to {T} meets the target ({goal}): {p}.",
        (
            "cumulative",
            "settled",
        ): "{name}: total {first}–{ly} is {lv}{est}; target {goal}: {verdict}{above}.",
        (
            "cumulative",
            "not_started",
        ): "{name}: the term total counts from {first}; from the figures up to {ly}, the total by {T} is projected at {pv} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: total {first}–{ly} is {lv}{est}; projected {pv} by {T} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
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
        ): "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term (80% range {rng}){above}; probability of reaching {goal}: {p}.",
        ("end_level", "final"): "{name} was {pv} in {T}{est}; target {goal}: {verdict}.",
        (
            "end_level",
            "one_point",
        ): "{name} has a figure for {ly} only ({lv}){est}: no trend yet; if it holds, probability of {goal} in {T}: {p}.",
        ("end_level", "pass_fail"): "{name} in {ly}: {lv}{est}; probability of {goal} in {T}: {p}.",
        (
            "end_level",
            "open",
        ): "{name} was {lv} in {ly}{est}; on the {fy}–{ly} trend, {T} is projected at {pv} (80% range {rng}){above}; probability of reaching {goal}: {p}.",
    },
    comparators={">=": "at least ", ">": "above ", "<=": "at most ", "<": "below ", "==": ""},
    backtest_methods={"ours": "ours", "pace": "pace ratio (Eurostat)", "latest": "latest value"},
    methods={
        "logit_trend": "logit-linear trend",
        "log_trend": "log-linear trend",
        "linear_trend": "linear trend",
        "one_point": "no trend (one point): level kept, wide interval",
        "pass_history": "pass history (Beta–Binomial)",
        "gamma_poisson": "yearly counts, Gamma–Poisson",
        "normal_flows": "yearly flows, normal",
        "needs_base": "needs the base-year figure and one more year",
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
