"""Every word the reports, tables and charts show, per language: one entry per locale.

A :class:`Locale` holds a language's status labels, table and chart words, the sentence
templates of each kind of target, comparator words, and its number format. Adding a
language is adding one entry to :data:`LOCALES` (and ``name_xx`` names to the catalog).
Colours are the same in every language (:data:`STATUS_COLOURS`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import WardAnalysisError

#: The code of the default language (the reports' and the index's own).
DEFAULT_LANG = "vi"

#: The colour of each status code as text or a mark on white (the same in every language;
#: each at least 4.5:1 against white, WCAG AA).
STATUS_COLOURS = {
    "achieved": "#116329",
    "on_track": "#1a7f37",
    "at_risk": "#7d4e00",
    "off_track": "#bc4c00",
    "missed": "#a40e26",
    "insufficient_data": "#57606a",
    "not_comparable": "#57606a",
}
#: A status chip: (background, text, border). Dark chips for the settled statuses, light ones
#: for the open ones, so that "achieved" and "on track" differ in lightness as well as hue, and
#: a greyscale print keeps them apart; every pair at least 4.5:1 (WCAG AA).
STATUS_CHIPS = {
    "achieved": ("#116329", "#ffffff", "#116329"),
    "on_track": ("#dafbe1", "#116329", "#1a7f37"),
    "at_risk": ("#fff1c2", "#6b4400", "#d4a72c"),
    "off_track": ("#bc4c00", "#ffffff", "#bc4c00"),
    "missed": ("#a40e26", "#ffffff", "#a40e26"),
    "insufficient_data": ("#eaeef2", "#24292f", "#8c959f"),
    "not_comparable": ("#ffffff", "#24292f", "#8c959f"),
}
#: The other colours of the charts and pages.
COLOURS = {
    "figure": "#0969da",  # observed figures, the projection, links
    "target": "#57606a",  # the target line or growth path
    "neutral": "#8c959f",  # the line joining met / not met years
    "pass": STATUS_COLOURS["on_track"],
    "fail": STATUS_COLOURS["missed"],
    "reference": "#1b7c83",  # the figures of the unit a target is compared with
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
    #: Why reading refused a cell or row (``schema.REJECT_CODES``), as a phrase.
    reject_reasons: dict[str, str] = field(default_factory=dict)
    #: What reading assumed about a figure, or why a cell holds none (``schema.FLAG_CODES``), as
    #: a phrase; ``{year}``, ``{basis}`` and ``{detail}`` (the flag's detail) are filled in.
    flags: dict[str, str] = field(default_factory=dict)
    #: The common nouns that begin a unit's name ("Tỉnh Gia Lai", "Phường Hội Phú"), written in
    #: lower case inside a sentence ("của tỉnh Gia Lai"); none: names are written as given.
    unit_nouns: tuple[str, ...] = ()

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
        """``1.250,5`` (vi) or ``1,250.5`` (en); a real minus sign (``−3,2``), none on a figure
        that rounds to 0."""
        text = f"{value:,.{decimals}f}"
        if text.startswith("-") and float(text.replace(",", "")) == 0:
            text = text[1:]
        if (self.thousands, self.decimal) != (",", "."):
            text = text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)
        return text.replace("-", "\u2212")  # a real minus sign, as next to "+"

    def unit_in_sentence(self, name: str) -> str:
        """A unit's name as it stands inside a sentence: its common noun in lower case where
        the language writes it so ("Tỉnh Gia Lai" → "tỉnh Gia Lai"), the rest as given."""
        for noun in self.unit_nouns:
            head, rest = name[: len(noun)], name[len(noun) :]
            if head.lower() == noun and rest.startswith(" "):
                return noun + rest
        return name

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
        """A probability as a whole percentage, rounded down: ``40 %`` / ``40%``, so that the
        figure shown agrees with the status it gives (0,699 is "69 %", below the 70 % of "on
        track"); one not certain is never shown as 100 % or 0 % (``trên 99 %``, ``dưới 1 %``)."""
        if 0.99 < p < 1:
            return self.word("p_over", p=self.with_unit("99", "%"))
        if 0 < p < 0.01:
            return self.word("p_under", p=self.with_unit("1", "%"))
        return self.with_unit(str(math.floor(p * 100 + 1e-9)), "%")


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
        "first": "Năm đầu tiên được đánh giá.",
        # the analyst's notebook (present/explore.py): its chart, the pace table, a re-assessment
        "unit": "Đơn vị",
        "source": "Nguồn",
        "source_row": "{file}, dòng {row}",
        "explore_total": "{total} lũy kế (năm {year}: {figure})",
        "explore_goal_level": "{goal}: cần đạt {level} năm {T}",
        "pace_goal": "Mục tiêu",
        "pace_years_left": "Số năm còn lại",
        "pace_required": "Cần đạt mỗi năm còn lại",
        "pace_latest": "{value} ({year})",
        "pace_total": "{value} (lũy kế đến năm {year})",
        "pace_rise": "Mỗi năm tăng {value}",
        "pace_fall": "Mỗi năm giảm {value}",
        "pace_points": "{number} điểm phần trăm",
        "pace_amount": "{value} mỗi năm",
        "pace_growth": "Tăng bình quân {value}",
        "pace_level": "Mỗi năm: {goal}",
        "pace_pass_each_year": "Phải đạt hằng năm",
        "pace_pass_in": "Phải đạt vào năm {T}",
        "pace_beside_reference": "So với mức của {ref} năm {T}",
        "pace_met": "Đã đạt mục tiêu",
        "pace_missed": "Không đạt (đã có kết quả)",
        "pace_no_figure": "Chưa có số liệu",
        "pace_unreported": "Còn năm trong nhiệm kỳ chưa có số liệu",
        "pace_no_base": "Cần số liệu năm gốc {base}",
        "pace_not_comparable": "Số liệu mới nhất theo chuẩn khác, không so sánh được",
        "compare_before": "{what} (trước khi thay đổi)",
        "compare_after": "{what} (sau khi thay đổi)",
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
        # charts: small multiples, their shared legend and text descriptions
        "chart_title": "{id}. {name}",
        "axis_unit": "{label} ({unit})",
        "legend_title": "Chú giải",
        "legend_actual": "Thực hiện",
        "legend_estimate": "Ước thực hiện",
        "legend_pass": "Đạt",
        "legend_fail": "Không đạt",
        "legend_not_counted": "Năm gốc (không đánh giá)",
        "legend_target": "Chỉ tiêu",
        "legend_range": "Khoảng chỉ tiêu",
        "legend_path": "Lộ trình cần đạt",
        "legend_restated": "Mốc điều chỉnh chỉ tiêu",
        "legend_projection": "Dự báo",
        "legend_projection_band": "Khoảng dự báo 80 %",
        "legend_basis": "Theo {basis}",
        "legend_target_by": "Chỉ tiêu đến năm {Y}",
        "legend_range_by": "Khoảng chỉ tiêu đến năm {Y}",
        "legend_target_by_any": "Chỉ tiêu phải đạt trước năm cuối nhiệm kỳ",
        "legend_range_by_any": "Khoảng chỉ tiêu phải đạt trước năm cuối nhiệm kỳ",
        "legend_reference": "Số liệu của {ref} (để so sánh)",
        "legend_reference_any": "Số liệu của đơn vị so sánh",
        "chart_desc": "Biểu đồ chỉ tiêu {id}. {name}: {status}.",
        "chart_desc_figures": "Số liệu các năm: {figures}.",
        "chart_desc_total": "Lũy kế từ năm {first}: {figures}.",
        "chart_desc_basis": "Số liệu theo {basis}: {figures}.",
        "chart_desc_reference": "Số liệu của {ref} (để so sánh): {figures}.",
        "chart_reference": "Số liệu của {ref}",
        "chart_desc_none": "Chưa có số liệu.",
        "chart_desc_year": "{year}: {value}",
        "chart_desc_notes": "{value} ({notes})",
        "chart_desc_estimate": "ước thực hiện",
        "chart_desc_not_counted": "năm gốc, không đánh giá",
        "chart_desc_met": "đạt",
        "chart_desc_not_met": "không đạt",
        "chart_desc_missing": "không có số liệu",
        "chart_desc_target": "Chỉ tiêu: {target}.",
        "chart_desc_from": "từ năm {year}: {target}",
        "chart_desc_projection": "Dự báo năm {T}: {value}{rng}.",
        # the sections of the reports
        "section_status": "Tình trạng từng chỉ tiêu",
        "section_year": "Kết quả thực hiện năm {year}",
        "section_notes": "Ghi chú về số liệu",
        "section_outcome": "Kết quả cuối nhiệm kỳ",
        "section_evolution": "Dự báo qua từng năm",
        "section_backtest": "Kiểm chứng độ tin cậy của dự báo",
        # titles
        "year_title": "Đánh giá thực hiện các chỉ tiêu đến năm {T}",
        "year_subtitle": "{unit} — số liệu đến năm {year}",
        "term_title": "Tổng kết nhiệm kỳ {first}–{last}",
        "assessed_in": "Năm đánh giá",
        "index_title": "Đánh giá thực hiện các chỉ tiêu — mục lục",
        "term_review": "Tổng kết nhiệm kỳ",
        "failed_years": "Không tạo được báo cáo năm: ",
        # data notes
        "note_estimates": "Số liệu năm {years} là số ước thực hiện, chưa phải số chính thức.",
        # data notes, by kind (present/notes.py)
        "notes_kind_estimates": "Số ước thực hiện",
        "notes_kind_restated": "Chỉ tiêu được điều chỉnh",
        "notes_kind_basis": "Chuẩn tính số liệu",
        "notes_kind_assumed": "Cách đọc số liệu trong biểu",
        "notes_kind_missing": "Số liệu còn thiếu",
        "notes_kind_rejected": "Số liệu không sử dụng được",
        "notes_kind_readings": "Cách hiểu các chỉ tiêu",
        "notes_target": "Chỉ tiêu {id} ({name})",
        "notes_target_year": "Chỉ tiêu {id} ({name}), năm {year}",
        "notes_year": "Năm {year}",
        "notes_flag": "{subject}: {flag}.",
        "notes_restated": "{subject}: từ năm {year} được điều chỉnh theo “{source}”; lý do: “{reason}”.",
        "notes_basis": "{subject}: từ năm {first} số liệu tính theo {other}, khác chuẩn của chỉ tiêu ({basis}); không so sánh được.",
        "notes_basis_before": "{subject}: số liệu năm {years} tính theo {other}, khác chuẩn của chỉ tiêu đang áp dụng ({basis}); chỉ thể hiện trên biểu đồ, không dùng để đánh giá.",
        "notes_missing": "{subject}: không có số liệu{reason}{note}.",
        "notes_reason": " — {reason}",
        "notes_note": "; ghi chú của biểu: “{note}”",
        "notes_rejected": "{subject}: ô “{raw}” ({file}, dòng {row}, cột “{column}”) không được sử dụng — {reason}.",
        "notes_reject_other": "không đọc được",
        "notes_reading": "{subject}: {reading}",
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
        # a change a year (change_per_year), a ceiling on a growth, a level beside another unit's
        "move_down": "giảm bình quân {value}",
        "move_up": "tăng bình quân {value}",
        "verb_down": "giảm",
        "verb_up": "tăng",
        "change_required": "các năm còn lại cần {move}",
        "change_allowed": "các năm còn lại chỉ được {move}",
        "change_enough": "mức hiện tại đã đạt yêu cầu nếu giữ được",
        "allowed_growth": "các năm còn lại chỉ được tăng bình quân tối đa {req}",
        "required_fall": "các năm còn lại cần giảm bình quân {req}",
        "relative_lt": "thấp hơn mức của {ref}",
        "relative_le": "không cao hơn mức của {ref}",
        "relative_gt": "cao hơn mức của {ref}",
        "relative_ge": "không thấp hơn mức của {ref}",
        "relative_lt_below": "thấp hơn mức của {ref} trên {gap}",
        "relative_le_below": "thấp hơn mức của {ref} ít nhất {gap}",
        "relative_gt_below": "không thấp hơn mức của {ref} từ {gap} trở lên",
        "relative_ge_below": "không thấp hơn mức của {ref} quá {gap}",
        "relative_lt_above": "không cao hơn mức của {ref} từ {gap} trở lên",
        "relative_le_above": "không cao hơn mức của {ref} quá {gap}",
        "relative_gt_above": "cao hơn mức của {ref} trên {gap}",
        "relative_ge_above": "cao hơn mức của {ref} ít nhất {gap}",
        "goal_by_year": "{goal} (đến năm {Y})",
        "band": "từ {low} đến {high}",
        "about_goal": "khoảng {goal} ({band})",
        # what a kind assumed where the catalog is silent (the readings of the data notes)
        "assumed_tolerance": "nghị quyết ghi “khoảng” nhưng không nêu mức chênh lệch cho phép; được hiểu là đạt khi kết quả năm {T} nằm trong khoảng {band}, tức chỉ tiêu cộng, trừ {tolerance} (mức mặc định của công cụ).",
        "yes": "Đạt",
        "no": "Không đạt",
        "rating_or_better": "{label} trở lên",
        # bases (poverty standards) and restated targets ("điều chỉnh chỉ tiêu")
        "basis": "Số liệu theo",
        "basis_code": "chuẩn {code}",
        "goal_on_basis": "{goal} theo {basis}",
        "other_latest": "số liệu mới nhất theo {basis}: {figure} ({year})",
        "restated": "Chỉ tiêu đã điều chỉnh từ năm {year} theo {source}: {goal} (chỉ tiêu ban đầu: {original}).",
        # a status set by the ward's analyst instead of the model's
        "analyst_note": "do cán bộ phân tích xác định; theo mô hình dự báo: {computed}",
        "index_provisional": "† Kết quả tạm tính, theo số ước thực hiện (chưa phải số chính thức).",
        "index_analyst": "‡ Tình trạng do cán bộ phân tích xác định, khác với kết quả của mô hình dự báo (di chuột vào dấu ‡ để xem).",
        "analyst_status": "{status} ({note})",
        "analyst_reason": "Tình trạng “{status}” do {by} xác định ngày {date}; lý do: {reason}.",
        "date": "{d:02d}/{m:02d}/{y}",
        # the page-1 summary (present/summary.py): headings, lines, and one short clause per
        # situation of a target needing attention (summary_<kind>_<case>[_<direction>])
        "summary_counts": "Số chỉ tiêu theo tình trạng",
        "summary_total": "Tổng số",
        "summary_change_on": "So với năm {year}",
        "summary_of_which_provisional": "Trong đó tạm tính (†)",
        "summary_attention": "Chỉ tiêu cần tập trung chỉ đạo",
        "summary_no_attention": "Không có chỉ tiêu nào có nguy cơ, chậm tiến độ hoặc không đạt.",
        "summary_changes": "Thay đổi tình trạng so với năm {year}",
        "summary_line": "{id}. {name}: {status} — {clause}",
        "summary_change": "{id}. {name}: {old} → {new}",
        "summary_analyst": "‡ Tình trạng do cán bộ phân tích xác định, khác với kết quả của mô hình dự báo (lý do ghi ở bảng tình trạng từng chỉ tiêu).",
        "summary_any_not_comparable": "số liệu từ năm {oy} tính theo chuẩn khác, không so sánh được với chỉ tiêu",
        "summary_any_no_data": "chưa có số liệu đến năm {as_of}",
        "summary_end_level_final": "năm {T} đạt {pv}{est}, chỉ tiêu {goal}",
        "summary_end_level_final_ceiling": "năm {T} là {pv}{est}, chỉ tiêu {goal}",
        "summary_end_level_final_yes_no": "năm {T}: {pv}{est}",
        "summary_end_level_one_point": "mới có số liệu năm {ly}: {lv}{est}; chỉ tiêu năm {T}: {goal}, xác suất đạt {p}",
        "summary_end_level_pass_fail": "năm {ly}: {lv}{est}; chỉ tiêu năm {T}: {goal}, xác suất đạt {p}",
        "summary_end_level_open": "dự báo năm {T}: {pv} (chỉ tiêu {goal}), xác suất đạt {p}",
        "summary_annual_missed": "năm {dy} đạt {dv}, chỉ tiêu hằng năm {goal}",
        "summary_annual_missed_ceiling": "năm {dy} là {dv}, chỉ tiêu hằng năm {goal}",
        "summary_annual_missed_yes_no": "năm {dy} không đạt, chỉ tiêu yêu cầu đạt hằng năm",
        "summary_annual_missed_rating": "năm {dy} xếp loại {dv}, chỉ tiêu hằng năm {goal}",
        "summary_annual_achieved": "các năm {first}–{T} đều đạt{est}",
        "summary_annual_unreported": "năm {dy} chưa có số liệu dùng được; xác suất các năm thiếu số liệu vẫn đạt: {p}",
        "summary_annual_open": "năm {ly}: {lv}{est}, chỉ tiêu hằng năm {goal}; xác suất các năm còn lại đều đạt: {p}",
        "summary_annual_open_yes_no": "năm {ly}: {lv}{est}; xác suất các năm còn lại đều đạt: {p}",
        "summary_cumulative_settled": "lũy kế {span}: {lv}{est}, chỉ tiêu {goal}",
        "summary_cumulative_not_started": "dự báo lũy kế đến năm {T}: {pv} (chỉ tiêu {goal}), xác suất đạt {p}",
        "summary_cumulative_open": "dự báo lũy kế đến năm {T}: {pv} (chỉ tiêu {goal}), xác suất đạt {p}",
        "summary_average_growth_final": "tăng bình quân {base}–{T}: {pv}{est}, chỉ tiêu {goal}",
        "summary_average_growth_no_base": "chưa có số liệu năm gốc {base}",
        "summary_average_growth_no_later": "mới có số liệu năm gốc {base}",
        "summary_average_growth_open": "dự báo tăng bình quân {base}–{T}: {pv} (chỉ tiêu {goal}), xác suất đạt {p}",
        "summary_change_per_year_final": "giai đoạn {base}–{T} {pmove}{est}, chỉ tiêu {dgoal}",
        "summary_change_per_year_no_base": "chưa có số liệu năm gốc {base}",
        "summary_change_per_year_no_later": "mới có mức năm gốc {base}",
        "summary_change_per_year_open": "dự báo cả giai đoạn {pmove} (chỉ tiêu {dgoal}), xác suất đạt {p}",
        "summary_about_final": "năm {T} là {pv}{est}, chỉ tiêu khoảng {goal} ({band})",
        "summary_about_one_point": "mới có số liệu năm {ly}: {lv}{est}; xác suất năm {T} đạt khoảng {goal} ({band}): {p}",
        "summary_about_open": "dự báo năm {T}: {pv} (chỉ tiêu khoảng {goal}, tức {band}), xác suất đạt {p}",
        "summary_by_year_final": "năm {Y} đạt {pv}{est}, chỉ tiêu {goal}",
        "summary_by_year_final_ceiling": "năm {Y} là {pv}{est}, chỉ tiêu {goal}",
        "summary_by_year_final_yes_no": "năm {Y}: {pv}{est}",
        "summary_by_year_one_point": "mới có số liệu năm {ly}: {lv}{est}; chỉ tiêu đến năm {Y}: {goal}, xác suất đạt {p}",
        "summary_by_year_pass_fail": "năm {ly}: {lv}{est}; chỉ tiêu đến năm {Y}: {goal}, xác suất đạt {p}",
        "summary_by_year_open": "dự báo năm {Y}: {pv} (chỉ tiêu {goal}), xác suất đạt {p}",
        "summary_relative_final": "năm {T} là {pv}{est}, mức của {ref} là {dv}; chỉ tiêu {rgoal}",
        "summary_relative_no_reference": "chưa có số liệu của {ref} để so sánh",
        "summary_relative_one_point": "mới có số liệu năm {ly}: {lv}{est}; xác suất đạt chỉ tiêu ({rgoal}) năm {T}: {p}",
        "summary_relative_open": "dự báo năm {T}: {pv} (chỉ tiêu {rgoal}), xác suất đạt {p}",
        # the downloads of a year report (present/documents.py)
        "downloads": "Tải về",
        "download_csv": "Bảng tình trạng (CSV)",
        "download_xlsx": "Bảng tình trạng (Excel)",
        "download_docx": "Báo cáo tóm tắt (Word)",
        "col_group": "Nhóm chỉ tiêu",
        "col_id": "STT",
        "sheet_status": "Tình trạng chỉ tiêu",
        "doc_built": "Lập lúc {at}. Số liệu từ: {files}.",
        # pages: navigation, contents, footer, method (present/page.py, present/reports.py)
        "nav_index": "Mục lục báo cáo",
        "nav_up": "↑ Tất cả đơn vị",
        "notes_kind_rolled_up": "Số liệu tính gộp từ các đơn vị trước sáp nhập",
        "rollup_rule_sum": "cộng số liệu các đơn vị",
        "rollup_rule_weighted": "bình quân gia quyền theo {weight}",
        "rollup_rule_all": "chỉ đạt khi tất cả các đơn vị đều đạt",
        "rollup_rule_lowest": "lấy mức thấp nhất",
        "rollup_met": "đạt",
        "rollup_not_met": "không đạt",
        "rollup_weight_of": "({weight} {n})",
        "weight_population": "dân số",
        "weight_households": "số hộ",
        "weight_labour_force": "số lao động",
        "weight_children_5": "số trẻ 5 tuổi",
        "weight_school_age": "số trẻ trong độ tuổi đi học",
        "weight_residential_groups": "số tổ dân phố",
        "weight_party_members": "số đảng viên",
        "weight_party_cells": "số chi bộ",
        "weight_officials": "số cán bộ, công chức",
        "weight_conscripts": "chỉ tiêu giao quân",
        "weight_none": "quyền số",
        "province_title": "Theo dõi thực hiện các chỉ tiêu của các đơn vị",
        "unit_former": "(cũ)",
        "as_of_short": "Số liệu đến năm",
        "term_heading": "Nhiệm kỳ {first}–{last}",
        "unit_merged": "Đã sáp nhập từ ngày {date} vào",
        "heat_caption": "Tình trạng từng chỉ tiêu của từng đơn vị (số cột: xem danh sách chỉ tiêu bên dưới)",
        "heat_legend": "Ký hiệu trong bảng tình trạng",
        "pages_built": "Thời điểm lập từng trang",
        "nav_previous": "Báo cáo năm {year}",
        "nav_next": "Báo cáo năm {year}",
        "nav_label": "Chuyển trang",
        "toc_label": "Nội dung",
        "language_name": "Tiếng Việt",
        "time_vietnam": "{hm} ngày {date} (giờ Việt Nam)",
        "footer_built": "Lập lúc {at}, bằng công cụ ward-analysis phiên bản {version}.",
        "footer_catalog": "Danh mục chỉ tiêu",
        "footer_files": "Tệp số liệu (mã kiểm tra SHA-256)",
        "page_title": "{title} — {sub}",
        "section_summary": "Tóm tắt",
        "section_method": "Cách đánh giá",
        "all_targets": "Các chỉ tiêu",
        "as_of": "Đánh giá năm {year}",
        "status_defs": "Ý nghĩa các mức đánh giá",
        "meaning": "Ý nghĩa",
        "method_text": "Mỗi chỉ tiêu được đánh giá chỉ với số liệu đến hết năm báo cáo. Chỉ tiêu đã có kết quả cuối nhiệm kỳ (hoặc chỉ tiêu hằng năm đã có một năm không đạt) được kết luận “Đã đạt” hoặc “Không đạt”. Với chỉ tiêu chưa có kết quả, công cụ ước lượng xu hướng từ số liệu các năm, đối chiếu với kết quả thực hiện các chỉ tiêu tương tự của các địa phương, và tính xác suất đạt chỉ tiêu vào năm cuối nhiệm kỳ; “khoảng 80 %” là khoảng mà kết quả cuối kỳ có 80 % khả năng rơi vào. Số ước thực hiện được dùng nhưng ghi rõ là tạm tính.",
        "status_def_achieved": "Kết quả cuối nhiệm kỳ đạt chỉ tiêu (chỉ tiêu hằng năm: đạt tất cả các năm).",
        "status_def_on_track": "Chưa có kết quả cuối kỳ; xác suất đạt chỉ tiêu từ {on} trở lên.",
        "status_def_at_risk": "Chưa có kết quả cuối kỳ; xác suất đạt chỉ tiêu từ {off} đến dưới {on}.",
        "status_def_off_track": "Chưa có kết quả cuối kỳ; xác suất đạt chỉ tiêu dưới {off}.",
        "status_def_missed": "Kết quả cuối nhiệm kỳ không đạt chỉ tiêu (chỉ tiêu hằng năm: có ít nhất một năm không đạt).",
        "status_def_insufficient_data": "Chưa đủ số liệu để đánh giá.",
        "status_def_not_comparable": "Số liệu tính theo chuẩn khác với chuẩn của chỉ tiêu, không so sánh được.",
        "heatmap_description": "Bản đồ nhiệt: xác suất đạt từng chỉ tiêu theo mỗi năm đánh giá {first}–{last}; chỉ tiêu đã có kết luận ghi 0 % hoặc 100 %, ô có dấu gạch là chỉ tiêu chưa đủ số liệu để tính xác suất.",
        "bt_method": "Cách dự báo",
        "bt_rows": "Số lần dự báo",
        "bt_brier": "Điểm Brier",
        "bt_accuracy": "Tỷ lệ dự báo đúng",
        "bt_text": "Mỗi năm trong nhiệm kỳ, công cụ đã dự báo khả năng đạt của các chỉ tiêu chưa có kết quả. Bảng dưới so các dự báo đó với kết quả cuối nhiệm kỳ, cùng ba cách dự báo thông dụng khác. Điểm Brier đo độ lệch giữa xác suất dự báo và kết quả thực tế: 0 là hoàn toàn chính xác, 0,25 là kết quả của cách đoán xác suất 50 % cho mọi chỉ tiêu; càng thấp càng tốt. Các con số ở đây tính trên số liệu minh họa đi kèm công cụ, không phải độ tin cậy trên số liệu thật của phường.",
        "bt_caption_all": "Cả nhiệm kỳ",
        "bt_caption_years": "Điểm Brier theo năm đánh giá",
        "count_total": "Tổng số chỉ tiêu",
        "page_number": "Trang {page}/{pages}",
        "points": "{n} điểm phần trăm",
        "points_one": "{n} điểm phần trăm",
        "index_counts": "Số chỉ tiêu theo tình trạng, từng năm đánh giá",
        "index_matrix": "Tình trạng từng chỉ tiêu qua các năm đánh giá",
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
        ): "{name}: chưa tính lũy kế (tính từ năm {first}); theo số liệu đến năm {ly}, dự báo lũy kế đến {T} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: lũy kế {span} đạt {lv}{est}; dự báo đến {T} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
        ("average_growth", "final"): {
            "floor": "{name}: tăng bình quân {base}–{T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
            "range": "{name}: tăng bình quân {base}–{T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
            "ceiling": "{name}: tăng bình quân {base}–{T} là {pv}{est}; chỉ tiêu {goal}: {verdict}.",
        },
        (
            "average_growth",
            "no_base",
        ): "{name}: cần số liệu năm gốc {base} và ít nhất một năm sau để tính tăng bình quân.",
        (
            "average_growth",
            "no_later",
        ): "{name}: đã có số liệu năm gốc {base}; cần số liệu ít nhất một năm sau năm gốc để tính tăng bình quân.",
        ("average_growth", "open"): {
            "floor": "{name}: tăng bình quân {base}–{ly} đạt {lv}{est}; {req}; dự báo cả giai đoạn {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
            "range": "{name}: tăng bình quân {base}–{ly} đạt {lv}{est}; {req}; dự báo cả giai đoạn {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
            "ceiling": "{name}: tăng bình quân {base}–{ly} là {lv}{est}; {req}; dự báo cả giai đoạn {pv}{rng}; xác suất đạt chỉ tiêu ({goal}): {p}.",
        },
        ("end_level", "final"): {
            "floor": "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}.",
            "ceiling": "{name} năm {T} là {pv}{est}; chỉ tiêu {goal}: {verdict}.",
            "range": "{name} năm {T} đạt {pv}{est}; chỉ tiêu {goal}: {verdict}{above}.",
            "yes_no": "{name}: năm {T} {verdict}{est}.",
            "rating": "{name} năm {T}: {pv}{est}; chỉ tiêu {goal}: {verdict}.",
        },
        ("end_level", "one_point"): {
            "floor": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) năm {T}: {p}.",
            "ceiling": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) năm {T}: {p}.",
            "range": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) năm {T}: {p}.",
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
            "floor": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
            "ceiling": "{name} năm {ly} là {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} là {pv}{rng}; xác suất đạt chỉ tiêu ({goal}): {p}.",
            "range": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu ({goal}): {p}.",
        },
        # a change a year from the base (change_per_year): its size, the way the target asks
        (
            "change_per_year",
            "final",
        ): "{name}: giai đoạn {base}–{T} {pmove}{est}; chỉ tiêu {dgoal}: {verdict}{above}.",
        (
            "change_per_year",
            "no_base",
        ): "{name}: cần số liệu năm gốc {base} (hoặc mức năm gốc nêu trong nghị quyết) và ít nhất một năm sau để tính mức {dverb} bình quân hằng năm.",
        (
            "change_per_year",
            "no_later",
        ): "{name}: đã có mức năm gốc {base}; cần số liệu ít nhất một năm sau năm gốc để tính mức {dverb} bình quân hằng năm.",
        (
            "change_per_year",
            "open",
        ): "{name}: giai đoạn {base}–{ly} {lmove}{est}; {rmove}; dự báo cả giai đoạn {pmove}{mrng}{above}; xác suất đạt chỉ tiêu ({dgoal}): {p}.",
        # an approximate level (about): inside the band, neither below nor above
        (
            "about",
            "final",
        ): "{name} năm {T} là {pv}{est}; chỉ tiêu khoảng {goal} (được hiểu là {band}): {verdict}.",
        (
            "about",
            "one_point",
        ): "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; xác suất năm {T} đạt mức khoảng {goal} (được hiểu là {band}): {p}.",
        (
            "about",
            "open",
        ): "{name} năm {ly} là {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {T} là {pv}{rng}; xác suất đạt mức khoảng {goal} (được hiểu là {band}): {p}.",
        # a level due by a year inside the term (by_year): the end-of-term level's words, its year
        ("by_year", "final"): {
            "floor": "{name} năm {Y} đạt {pv}{est}; chỉ tiêu đến năm {Y} ({goal}): {verdict}.",
            "ceiling": "{name} năm {Y} là {pv}{est}; chỉ tiêu đến năm {Y} ({goal}): {verdict}.",
            "range": "{name} năm {Y} đạt {pv}{est}; chỉ tiêu đến năm {Y} ({goal}): {verdict}{above}.",
            "yes_no": "{name}: năm {Y} {verdict}{est} (chỉ tiêu phải đạt vào năm {Y}).",
            "rating": "{name} năm {Y}: {pv}{est}; chỉ tiêu đến năm {Y} ({goal}): {verdict}.",
        },
        ("by_year", "one_point"): {
            "floor": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) vào năm {Y}: {p}.",
            "ceiling": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) vào năm {Y}: {p}.",
            "range": "{name} mới có số liệu năm {ly} ({lv}){est}; chưa đủ để xác định xu hướng; tính theo tiến độ cần có để đạt chỉ tiêu và kết quả thực hiện các chỉ tiêu tương tự, xác suất đạt chỉ tiêu ({goal}) vào năm {Y}: {p}.",
            "yes_no": "{name} mới có số liệu năm {ly} ({lv}){est}; xác suất năm {Y} đạt: {p}.",
            "rating": "{name} mới có số liệu năm {ly} ({lv}){est}; xác suất năm {Y} đạt mức {goal}: {p}.",
        },
        ("by_year", "pass_fail"): {
            "floor": "{name} năm {ly}: {lv}{est}; xác suất năm {Y} đạt {goal}: {p}.",
            "ceiling": "{name} năm {ly}: {lv}{est}; xác suất năm {Y} đạt chỉ tiêu ({goal}): {p}.",
            "range": "{name} năm {ly}: {lv}{est}; xác suất năm {Y} đạt {goal}: {p}.",
            "yes_no": "{name} năm {ly}: {lv}{est}; xác suất năm {Y} đạt: {p}.",
            "rating": "{name} năm {ly}: {lv}{est}; xác suất năm {Y} đạt mức {goal}: {p}.",
        },
        ("by_year", "open"): {
            "floor": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {Y} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu đến năm {Y} ({goal}): {p}.",
            "ceiling": "{name} năm {ly} là {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {Y} là {pv}{rng}; xác suất đạt chỉ tiêu đến năm {Y} ({goal}): {p}.",
            "range": "{name} năm {ly} đạt {lv}{est}; theo xu hướng {fy}–{ly} dự báo năm {Y} đạt {pv}{rng}{above}; xác suất đạt chỉ tiêu đến năm {Y} ({goal}): {p}.",
        },
        # a level compared with another unit's (relative)
        ("relative", "final"): {
            "floor": "{name} năm {T} đạt {pv}{est}, mức của {ref} là {dv}; chỉ tiêu {rgoal}: {verdict}.",
            "ceiling": "{name} năm {T} là {pv}{est}, mức của {ref} là {dv}; chỉ tiêu {rgoal}: {verdict}.",
        },
        (
            "relative",
            "no_reference",
        ): "{name}: chưa có số liệu của {ref} để so sánh.",
        ("relative", "one_point"): {
            "floor": "{name} mới có số liệu năm {ly} ({lv}){est}, mức của {ref} năm {dy} là {dv}; chưa đủ để xác định xu hướng; xác suất đạt chỉ tiêu ({rgoal}) năm {T}: {p}.",
            "ceiling": "{name} mới có số liệu năm {ly} ({lv}){est}, mức của {ref} năm {dy} là {dv}; chưa đủ để xác định xu hướng; xác suất đạt chỉ tiêu ({rgoal}) năm {T}: {p}.",
        },
        ("relative", "open"): {
            "floor": "{name} năm {ly} đạt {lv}{est}, mức của {ref} năm {dy} là {dv}; theo xu hướng {fy}–{ly} dự báo năm {T} đạt {pv}{rng}; xác suất đạt chỉ tiêu ({rgoal}): {p}.",
            "ceiling": "{name} năm {ly} là {lv}{est}, mức của {ref} năm {dy} là {dv}; theo xu hướng {fy}–{ly} dự báo năm {T} là {pv}{rng}; xác suất đạt chỉ tiêu ({rgoal}): {p}.",
        },
    },
    comparators={">=": "", ">": "trên ", "<=": "không quá ", "<": "dưới ", "==": ""},
    backtest_methods={
        "ours": "Dự báo của công cụ này",
        "sdg": "Phân loại tiến độ kiểu Open SDG (hiệu chỉnh)",
        "pace": "So tốc độ thực hiện với tốc độ cần có (đạt/không)",
        "latest": "Số liệu mới nhất đã đạt hay chưa (đạt/không)",
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
        "needs_reference": "cần số liệu của đơn vị so sánh",
    },
    bases={
        "2016-2020": "chuẩn nghèo giai đoạn 2016–2020",
        "2022-2025": "chuẩn nghèo đa chiều giai đoạn 2021–2025",
        "2026-2030": "chuẩn nghèo đa chiều giai đoạn 2026–2030",
    },
    # reason codes of rejected cells and rows (schema.REJECT_CODES)
    reject_reasons={
        "bad_value": "không đọc được thành số liệu hợp lệ của chỉ tiêu",
        "ambiguous_number": "số viết có thể hiểu theo hai cách (dấu phẩy phân cách hàng nghìn hay dấu thập phân)",
        "unit_conflict": "dòng ghi hai đơn vị tính khác nhau",
        "qualifier": "tên hoặc số liệu của dòng chỉ là một phần hoặc một dạng khác của chỉ tiêu (ví dụ số lũy kế)",
        "unknown_basis": "dòng ghi một chuẩn nghèo mà chỉ tiêu không sử dụng",
        "ambiguous_basis": "dòng ghi hai chuẩn nghèo, không xác định được số liệu tính theo chuẩn nào",
        "basis_year": "chuẩn nghèo ghi trong dòng không áp dụng vào năm của số liệu",
        "field_count": "các ô của dòng không khớp với các cột của biểu",
        "cell_format": "giá trị lưu trong ô khác với giá trị hiển thị (do định dạng ô trong Excel)",
        "no_name": "có số liệu nhưng không có tên chỉ tiêu",
        "unknown_target": "tên chỉ tiêu không khớp với chỉ tiêu nào của nghị quyết",
        "hidden_row": "dòng bị ẩn trong tệp Excel",
        "shifted_cells": "cột ghi chú chứa một con số, các ô của dòng có thể bị lệch cột",
        "conflict": "các biểu ghi hai số liệu khác nhau cho cùng chỉ tiêu và năm; chưa dùng số liệu nào cho đến khi thống nhất",
        "duplicate": "số liệu này đã có ở dòng khác",
        "implausible": "số liệu chênh lệch quá lớn so với các năm khác (có thể nhầm đơn vị hoặc chữ số)",
    },
    # why a cell holds no figure, and what reading assumed (schema.FLAG_CODES)
    flags={
        "missing_blank": "ô để trống",
        "missing_dash": "ô ghi dấu “-” (có thể là không phát sinh, nhưng không được tính là 0)",
        "missing_ellipsis": "ô ghi dấu “…”",
        "missing_not_applicable": "ô ghi “x” (không áp dụng)",
        "missing_not_yet": "biểu ghi chưa có số liệu",
        "missing_none": "biểu ghi không có số liệu",
        "missing_not_compiled": "biểu ghi chưa thống kê",
        "basis_in_force": "biểu không ghi số liệu tính theo chuẩn nào; được hiểu là theo {basis}, chuẩn áp dụng năm {year}",
        "basis_of_target": "biểu không ghi số liệu tính theo chuẩn nào; được hiểu là theo chuẩn của chỉ tiêu ({basis})",
        "estimate_said": "biểu ghi đây là số ước thực hiện",
        "dash_zero": "dấu “-” được tính là 0 vì chú thích của biểu ghi “-” là không phát sinh",
        "confirmed": "số liệu chênh lệch lớn so với các năm khác nhưng đã được xác nhận là đúng (“{detail}”)",
        "rolled_up": "tính gộp từ các đơn vị trước sáp nhập, {method}: {parts}",
        "rollup_incomplete": "chưa tính được số liệu năm {year} từ các đơn vị trước sáp nhập: {detail} không có số liệu hoặc không có chỉ tiêu tương ứng",
        "rollup_weight_missing": "chưa tính được số liệu năm {year}: chưa có {weight} của {units} để tính bình quân gia quyền (không lấy bình quân cộng)",
        "rollup_no_family": "chỉ tiêu mới, các đơn vị trước sáp nhập không có chỉ tiêu tương ứng để tính số liệu năm {year}",
        "rollup_basis_differs": "chưa tính được số liệu năm {year}: số liệu của các đơn vị trước sáp nhập tính theo các chuẩn khác nhau ({detail})",
    },
    # "tỉnh Gia Lai", "phường Hội Phú" inside a sentence (Nghị định 30/2020/NĐ-CP, Phụ lục II)
    unit_nouns=(
        "thành phố",
        "thị trấn",
        "thị xã",
        "đặc khu",
        "phường",
        "tỉnh",
        "huyện",
        "quận",
        "xã",
    ),
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
        "điểm %/năm": "pts/year",
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
        "first": "First year assessed.",
        # the analyst's notebook (present/explore.py): its chart, the pace table, a re-assessment
        "unit": "Unit",
        "source": "Source",
        "source_row": "{file}, row {row}",
        "explore_total": "{total} in total ({figure} in {year})",
        "explore_goal_level": "{goal}: {level} by {T}",
        "pace_goal": "Goal",
        "pace_years_left": "Years left",
        "pace_required": "Needed in each year left",
        "pace_latest": "{value} ({year})",
        "pace_total": "{value} (total to {year})",
        "pace_rise": "Up {value} a year",
        "pace_fall": "Down {value} a year",
        "pace_points": "{number} percentage points",
        "pace_amount": "{value} a year",
        "pace_growth": "Average growth of {value}",
        "pace_level": "Each year: {goal}",
        "pace_pass_each_year": "Must pass each year",
        "pace_pass_in": "Must pass in {T}",
        "pace_beside_reference": "Compared with the figure of {ref} in {T}",
        "pace_met": "Already at the goal",
        "pace_missed": "Already missed",
        "pace_no_figure": "No figure yet",
        "pace_unreported": "A year of the term has no figure yet",
        "pace_no_base": "Needs the {base} base-year figure",
        "pace_not_comparable": "Latest figures on another basis: not comparable",
        "compare_before": "{what} (before)",
        "compare_after": "{what} (after)",
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
        # charts: small multiples, their shared legend and text descriptions
        "chart_title": "{id}. {name}",
        "axis_unit": "{label} ({unit})",
        "legend_title": "Key",
        "legend_actual": "Actual",
        "legend_estimate": "Estimate",
        "legend_pass": "Met",
        "legend_fail": "Not met",
        "legend_not_counted": "Base year (not counted)",
        "legend_target": "Target",
        "legend_range": "Target range",
        "legend_path": "Required path",
        "legend_restated": "Restated target starts",
        "legend_projection": "Projection",
        "legend_projection_band": "80% projection range",
        "legend_basis": "On the {basis}",
        "legend_target_by": "Target by {Y}",
        "legend_range_by": "Target range by {Y}",
        "legend_target_by_any": "Target due before the term's last year",
        "legend_range_by_any": "Target range due before the term's last year",
        "legend_reference": "Figures of {ref}, for comparison",
        "legend_reference_any": "Figures of the unit compared with",
        "chart_desc": "Chart of target {id}. {name}: {status}.",
        "chart_desc_figures": "Figures by year: {figures}.",
        "chart_desc_total": "Running total from {first}: {figures}.",
        "chart_desc_basis": "Figures on the {basis}: {figures}.",
        "chart_desc_reference": "Figures of {ref}, for comparison: {figures}.",
        "chart_reference": "Figure of {ref}",
        "chart_desc_none": "No figures yet.",
        "chart_desc_year": "{year}: {value}",
        "chart_desc_notes": "{value} ({notes})",
        "chart_desc_estimate": "estimate",
        "chart_desc_not_counted": "base year, not counted",
        "chart_desc_met": "met",
        "chart_desc_not_met": "not met",
        "chart_desc_missing": "no figure",
        "chart_desc_target": "Target: {target}.",
        "chart_desc_from": "from {year}: {target}",
        "chart_desc_projection": "Projected {T}: {value}{rng}.",
        "section_status": "Status of every target",
        "section_year": "Results of {year}",
        "section_notes": "Data notes",
        "section_outcome": "Final outcome",
        "section_evolution": "How the forecasts evolved",
        "section_backtest": "How reliable were the forecasts?",
        "year_title": "Progress towards the {T} targets",
        "year_subtitle": "{unit} — figures up to {year}",
        "term_title": "Term review {first}–{last}",
        "assessed_in": "Assessed in",
        "index_title": "Progress on the targets — index",
        "term_review": "Term review",
        "failed_years": "Reports that failed: ",
        "note_estimates": "Figures for {years} are estimates, not final results.",
        # data notes, by kind (present/notes.py)
        "notes_kind_estimates": "Estimates",
        "notes_kind_restated": "Restated targets",
        "notes_kind_basis": "Measurement standards",
        "notes_kind_assumed": "How the tables were read",
        "notes_kind_missing": "Missing figures",
        "notes_kind_rejected": "Figures not used",
        "notes_kind_readings": "How the targets are read",
        "notes_target": "Target {id} ({name})",
        "notes_target_year": "Target {id} ({name}), {year}",
        "notes_year": "{year}",
        "notes_flag": "{subject}: {flag}.",
        "notes_restated": "{subject}: restated from {year} by “{source}”; reason: “{reason}”.",
        "notes_basis": "{subject}: from {first} the figures use the {other}, not the target's ({basis}); not comparable.",
        "notes_basis_before": "{subject}: the figures of {years} use the {other}, not the standard of the target in force ({basis}); shown on the chart, not used in the assessment.",
        "notes_missing": "{subject}: no figure{reason}{note}.",
        "notes_reason": " — {reason}",
        "notes_note": "; the table's note: “{note}”",
        "notes_rejected": "{subject}: cell “{raw}” ({file}, row {row}, column “{column}”) not used — {reason}.",
        "notes_reject_other": "not readable",
        "notes_reading": "{subject}: {reading}",
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
        # a change a year (change_per_year), a ceiling on a growth, a level beside another unit's
        "move_down": "down {value} on average",
        "move_up": "up {value} on average",
        "verb_down": "fall",
        "verb_up": "rise",
        "change_required": "{move} needed in the years left",
        "change_allowed": "at most {move} in the years left",
        "change_enough": "the current level is enough if it holds",
        "allowed_growth": "growth of at most {req} allowed in the years left",
        "required_fall": "a fall of {req} needed in the years left",
        "relative_lt": "below the figure of {ref}",
        "relative_le": "not above the figure of {ref}",
        "relative_gt": "above the figure of {ref}",
        "relative_ge": "not below the figure of {ref}",
        "relative_lt_below": "more than {gap} below the figure of {ref}",
        "relative_le_below": "at least {gap} below the figure of {ref}",
        "relative_gt_below": "less than {gap} below the figure of {ref}, or above it",
        "relative_ge_below": "at most {gap} below the figure of {ref}, or above it",
        "relative_lt_above": "less than {gap} above the figure of {ref}, or below it",
        "relative_le_above": "at most {gap} above the figure of {ref}, or below it",
        "relative_gt_above": "more than {gap} above the figure of {ref}",
        "relative_ge_above": "at least {gap} above the figure of {ref}",
        "goal_by_year": "{goal} by {Y}",
        "band": "{low} to {high}",
        "about_goal": "about {goal} ({band})",
        # what a kind assumed where the catalog is silent (the readings of the data notes)
        "assumed_tolerance": "the resolution says “about” but gives no margin; read as met when the {T} figure is {band}, the target give or take {tolerance} (the tool's default).",
        "yes": "met",
        "no": "not met",
        "rating_or_better": "{label} or better",
        "basis": "Figures on",
        "basis_code": "{code} standard",
        "goal_on_basis": "{goal} on the {basis}",
        "other_latest": "latest figure on the {basis}: {figure} ({year})",
        "restated": "Target restated from {year} by {source}: {goal} (originally {original}).",
        "analyst_note": "set by the analyst; model forecast: {computed}",
        "index_provisional": "† Provisional: the status rests on an estimate, not the final figure.",
        "index_analyst": "‡ Status set by the analyst, not the model's forecast (hover over ‡ to see both).",
        "analyst_status": "{status} ({note})",
        "analyst_reason": "Status “{status}” set by {by} on {date}; reason: {reason}.",
        "date": "{y}-{m:02d}-{d:02d}",
        # the page-1 summary (present/summary.py): headings, lines, and one short clause per
        # situation of a target needing attention (summary_<kind>_<case>[_<direction>])
        "summary_counts": "Targets by status",
        "summary_total": "Total",
        "summary_change_on": "Change since {year}",
        "summary_of_which_provisional": "Of which provisional (†)",
        "summary_attention": "Targets needing attention",
        "summary_no_attention": "No target is at risk, off track or missed.",
        "summary_changes": "Status changes since {year}",
        "summary_line": "{id}. {name}: {status} — {clause}",
        "summary_change": "{id}. {name}: {old} → {new}",
        "summary_analyst": "‡ Status set by the analyst, not the model's forecast (the reason is in the status table).",
        "summary_any_not_comparable": "figures since {oy} on another standard, not comparable with the target",
        "summary_any_no_data": "no figures up to {as_of}",
        "summary_end_level_final": "{pv} in {T}{est}; target {goal}",
        "summary_end_level_final_ceiling": "{pv} in {T}{est}; target {goal}",
        "summary_end_level_final_yes_no": "{pv} in {T}{est}",
        "summary_end_level_one_point": "one figure so far, {lv} in {ly}{est}; target for {T}: {goal}; probability met {p}",
        "summary_end_level_pass_fail": "{lv} in {ly}{est}; target for {T}: {goal}; probability met {p}",
        "summary_end_level_open": "projected {pv} in {T} (target {goal}); probability met {p}",
        "summary_annual_missed": "{dv} in {dy}; yearly target {goal}",
        "summary_annual_missed_ceiling": "{dv} in {dy}; yearly target {goal}",
        "summary_annual_missed_yes_no": "not met in {dy}; must be met every year",
        "summary_annual_missed_rating": "rated {dv} in {dy}; yearly target {goal}",
        "summary_annual_achieved": "met in every year {first}–{T}{est}",
        "summary_annual_unreported": "no usable figure for {dy}; probability the missing years met it: {p}",
        "summary_annual_open": "{lv} in {ly}{est}; yearly target {goal}; probability every remaining year meets it: {p}",
        "summary_annual_open_yes_no": "{lv} in {ly}{est}; probability every remaining year meets it: {p}",
        "summary_cumulative_settled": "{lv} in total for {span}{est}; target {goal}",
        "summary_cumulative_not_started": "total by {T} projected at {pv} (target {goal}); probability met {p}",
        "summary_cumulative_open": "total by {T} projected at {pv} (target {goal}); probability met {p}",
        "summary_average_growth_final": "average growth {base}–{T}: {pv}{est}; target {goal}",
        "summary_average_growth_no_base": "no figure for the base year {base}",
        "summary_average_growth_no_later": "only the base year {base} so far",
        "summary_average_growth_open": "average growth {base}–{T} projected at {pv} (target {goal}); probability met {p}",
        "summary_change_per_year_final": "{pmove} over {base}–{T}{est}; target {dgoal}",
        "summary_change_per_year_no_base": "no figure for the base year {base}",
        "summary_change_per_year_no_later": "only the base year {base} so far",
        "summary_change_per_year_open": "projected {pmove} for the term (target {dgoal}); probability met {p}",
        "summary_about_final": "{pv} in {T}{est}; target about {goal} ({band})",
        "summary_about_one_point": "one figure so far, {lv} in {ly}{est}; probability of about {goal} ({band}) in {T}: {p}",
        "summary_about_open": "projected {pv} in {T} (target about {goal}, {band}); probability met {p}",
        "summary_by_year_final": "{pv} in {Y}{est}; target {goal}",
        "summary_by_year_final_ceiling": "{pv} in {Y}{est}; target {goal}",
        "summary_by_year_final_yes_no": "{pv} in {Y}{est}",
        "summary_by_year_one_point": "one figure so far, {lv} in {ly}{est}; target by {Y}: {goal}; probability met {p}",
        "summary_by_year_pass_fail": "{lv} in {ly}{est}; target by {Y}: {goal}; probability met {p}",
        "summary_by_year_open": "projected {pv} in {Y} (target {goal}); probability met {p}",
        "summary_relative_final": "{pv} in {T}{est} against {dv} for {ref}; target {rgoal}",
        "summary_relative_no_reference": "no figures of {ref} to compare with",
        "summary_relative_one_point": "one figure so far, {lv} in {ly}{est}; probability of meeting the target ({rgoal}) in {T}: {p}",
        "summary_relative_open": "projected {pv} in {T} (target {rgoal}); probability met {p}",
        # the downloads of a year report (present/documents.py)
        "downloads": "Downloads",
        "download_csv": "Status table (CSV)",
        "download_xlsx": "Status table (Excel)",
        "download_docx": "Summary report (Word)",
        "col_group": "Group",
        "col_id": "No.",
        "sheet_status": "Target status",
        "doc_built": "Built {at}. Figures from: {files}.",
        # pages: navigation, contents, footer, method (present/page.py, present/reports.py)
        "nav_index": "Index of reports",
        "nav_up": "↑ All units",
        "notes_kind_rolled_up": "Figures rolled up from the units before the merger",
        "rollup_rule_sum": "the units' figures added",
        "rollup_rule_weighted": "a mean weighted by {weight}",
        "rollup_rule_all": "met only if every unit met it",
        "rollup_rule_lowest": "the lowest level",
        "rollup_met": "met",
        "rollup_not_met": "not met",
        "rollup_weight_of": "({weight} {n})",
        "weight_population": "population",
        "weight_households": "households",
        "weight_labour_force": "labour force",
        "weight_children_5": "five-year-olds",
        "weight_school_age": "school-age children",
        "weight_residential_groups": "residential groups",
        "weight_party_members": "Party members",
        "weight_party_cells": "Party cells",
        "weight_officials": "officials",
        "weight_conscripts": "conscription quota",
        "weight_none": "weights",
        "province_title": "Progress towards the targets, unit by unit",
        "unit_former": "(former)",
        "as_of_short": "Figures up to",
        "term_heading": "Term {first}–{last}",
        "unit_merged": "Merged on {date} into",
        "heat_caption": "Status of each target in each unit (column numbers: see the list of targets below)",
        "heat_legend": "Marks in the status table",
        "pages_built": "When each page was built",
        "nav_previous": "Report for {year}",
        "nav_next": "Report for {year}",
        "nav_label": "Pages",
        "toc_label": "Contents",
        "language_name": "English",
        "time_vietnam": "{date} {hm} (Vietnam time, UTC+7)",
        "footer_built": "Built {at} with ward-analysis {version}.",
        "footer_catalog": "Target catalog",
        "footer_files": "Data files (SHA-256 checksum)",
        "page_title": "{title} — {sub}",
        "section_summary": "Summary",
        "section_method": "How statuses are decided",
        "all_targets": "Targets",
        "as_of": "As of {year}",
        "status_defs": "What each status means",
        "meaning": "Meaning",
        "method_text": "Each target is assessed with the figures up to the end of the report's year only. A target whose end-of-term result is in (or an every-year target that has already failed a year) is settled as achieved or missed. For a target still open, the tool estimates the trend of its figures, weighs how similar targets elsewhere fared, and computes the probability of meeting the target in the term's last year; the \u201c80% range\u201d is where the final figure has an 80% chance to fall. Estimates are used, marked as provisional.",
        "status_def_achieved": "The end-of-term result meets the target (every-year targets: met in every year).",
        "status_def_on_track": "Not settled yet; probability of meeting the target {on} or more.",
        "status_def_at_risk": "Not settled yet; probability of meeting the target from {off} to under {on}.",
        "status_def_off_track": "Not settled yet; probability of meeting the target under {off}.",
        "status_def_missed": "The end-of-term result misses the target (every-year targets: missed in at least one year).",
        "status_def_insufficient_data": "Not enough figures to assess.",
        "status_def_not_comparable": "The figures are on another standard than the target's and cannot be compared.",
        "heatmap_description": "Heat map: probability of meeting each target as assessed in each year {first}–{last}; a settled target shows 0% or 100%, a dash marks one without enough figures for a probability.",
        "bt_method": "Forecast method",
        "bt_rows": "Forecasts",
        "bt_brier": "Brier score",
        "bt_accuracy": "Share right",
        "bt_text": "In each year of the term the tool forecast whether each open target would be met. The tables compare those forecasts with the end-of-term results, beside three common methods. The Brier score measures the gap between the forecast probability and what happened: 0 is perfect, 0.25 is what saying 50% for every target scores; lower is better. These figures are computed on the illustrative data shipped with the tool, not on the ward's real figures.",
        "bt_caption_all": "The whole term",
        "bt_caption_years": "Brier score by year of assessment",
        "count_total": "All targets",
        "page_number": "Page {page} of {pages}",
        "points": "{n} pts",
        "points_one": "{n} pt",
        "index_counts": "Targets in each status, by year of assessment",
        "index_matrix": "Status of every target, year by year",
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
        ): "{name}: the term total counts from {first}; from the figures up to {ly}, the total by {T} is projected at {pv}{rng}{above}; probability of meeting the target ({goal}): {p}.",
        (
            "cumulative",
            "open",
        ): "{name}: {lv} in total for {span}{est}; projected {pv} by {T}{rng}{above}; probability of meeting the target ({goal}): {p}.",
        ("average_growth", "final"): {
            "floor": "{name}: average growth {base}–{T} was {pv}{est}; target {goal}: {verdict}{above}.",
            "range": "{name}: average growth {base}–{T} was {pv}{est}; target {goal}: {verdict}{above}.",
            "ceiling": "{name}: average growth {base}–{T} was {pv}{est}; target {goal}: {verdict}.",
        },
        (
            "average_growth",
            "no_base",
        ): "{name}: needs the {base} base-year figure and at least one later year to compute average growth.",
        (
            "average_growth",
            "no_later",
        ): "{name}: the {base} base-year figure is in; at least one later year is needed to compute average growth.",
        ("average_growth", "open"): {
            "floor": "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term{rng}{above}; probability of meeting the target ({goal}): {p}.",
            "range": "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term{rng}{above}; probability of meeting the target ({goal}): {p}.",
            "ceiling": "{name}: average growth {base}–{ly} is {lv}{est}; {req}; projected {pv} for the term{rng}; probability of meeting the target ({goal}): {p}.",
        },
        ("end_level", "final"): {
            "floor": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
            "ceiling": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
            "range": "{name}: {pv} in {T}{est}; target {goal}: {verdict}{above}.",
            "yes_no": "{name}: {verdict} in {T}{est}.",
            "rating": "{name}: {pv} in {T}{est}; target {goal}: {verdict}.",
        },
        ("end_level", "one_point"): {
            "floor": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) in {T}: {p}.",
            "ceiling": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) in {T}: {p}.",
            "range": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) in {T}: {p}.",
            "yes_no": "{name}: a result for {ly} only ({lv}){est}; probability that the target is met in {T}: {p}.",
            "rating": "{name}: a rating for {ly} only ({lv}){est}; probability of {goal} in {T}: {p}.",
        },
        # targets judged on their pass history (yes/no, ratings, shares at 100 %)
        ("end_level", "pass_fail"): {
            "floor": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {T}: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {T}: {p}.",
            "range": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {T}: {p}.",
            "yes_no": "{name}: {lv} in {ly}{est}; probability that the target is met in {T}: {p}.",
            "rating": "{name}: {lv} in {ly}{est}; probability of {goal} in {T}: {p}.",
        },
        # only figures follow a trend
        ("end_level", "open"): {
            "floor": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}{above}; probability of meeting the target ({goal}): {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}; probability of meeting the target ({goal}): {p}.",
            "range": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}{above}; probability of meeting the target ({goal}): {p}.",
        },
        # a change a year from the base (change_per_year): its size, the way the target asks
        (
            "change_per_year",
            "final",
        ): "{name}: {pmove} over {base}–{T}{est}; target {dgoal}: {verdict}{above}.",
        (
            "change_per_year",
            "no_base",
        ): "{name}: needs the {base} base-year figure (or one the resolution states) and at least one later year to compute the average yearly {dverb}.",
        (
            "change_per_year",
            "no_later",
        ): "{name}: the {base} base is in; at least one later year is needed to compute the average yearly {dverb}.",
        (
            "change_per_year",
            "open",
        ): "{name}: {lmove} over {base}–{ly}{est}; {rmove}; projected {pmove} for the term{mrng}{above}; probability of meeting the target ({dgoal}): {p}.",
        # an approximate level (about): inside the band, neither below nor above
        (
            "about",
            "final",
        ): "{name}: {pv} in {T}{est}; target about {goal} (read as {band}): {verdict}.",
        (
            "about",
            "one_point",
        ): "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; probability of about {goal} (read as {band}) in {T}: {p}.",
        (
            "about",
            "open",
        ): "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}; probability of landing about {goal} (read as {band}): {p}.",
        # a level due by a year inside the term (by_year): the end-of-term level's words, its year
        ("by_year", "final"): {
            "floor": "{name}: {pv} in {Y}{est}; target {goal} by {Y}: {verdict}.",
            "ceiling": "{name}: {pv} in {Y}{est}; target {goal} by {Y}: {verdict}.",
            "range": "{name}: {pv} in {Y}{est}; target {goal} by {Y}: {verdict}{above}.",
            "yes_no": "{name}: {verdict} in {Y}{est} (due by {Y}).",
            "rating": "{name}: {pv} in {Y}{est}; target {goal} by {Y}: {verdict}.",
        },
        ("by_year", "one_point"): {
            "floor": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) by {Y}: {p}.",
            "ceiling": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) by {Y}: {p}.",
            "range": "{name}: a figure for {ly} only ({lv}){est}, not enough for a trend; going by the pace the target needs and how similar targets fared, probability of meeting the target ({goal}) by {Y}: {p}.",
            "yes_no": "{name}: a result for {ly} only ({lv}){est}; probability that the target is met in {Y}: {p}.",
            "rating": "{name}: a rating for {ly} only ({lv}){est}; probability of {goal} in {Y}: {p}.",
        },
        ("by_year", "pass_fail"): {
            "floor": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {Y}: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {Y}: {p}.",
            "range": "{name}: {lv} in {ly}{est}; probability of meeting the target ({goal}) in {Y}: {p}.",
            "yes_no": "{name}: {lv} in {ly}{est}; probability that the target is met in {Y}: {p}.",
            "rating": "{name}: {lv} in {ly}{est}; probability of {goal} in {Y}: {p}.",
        },
        ("by_year", "open"): {
            "floor": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {Y} figure is projected at {pv}{rng}{above}; probability of meeting the target ({goal}) by {Y}: {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {Y} figure is projected at {pv}{rng}; probability of meeting the target ({goal}) by {Y}: {p}.",
            "range": "{name}: {lv} in {ly}{est}; on the {fy}–{ly} trend, the {Y} figure is projected at {pv}{rng}{above}; probability of meeting the target ({goal}) by {Y}: {p}.",
        },
        # a level compared with another unit's (relative)
        ("relative", "final"): {
            "floor": "{name}: {pv} in {T}{est} against {dv} for {ref}; target {rgoal}: {verdict}.",
            "ceiling": "{name}: {pv} in {T}{est} against {dv} for {ref}; target {rgoal}: {verdict}.",
        },
        (
            "relative",
            "no_reference",
        ): "{name}: no figures of {ref} to compare with.",
        ("relative", "one_point"): {
            "floor": "{name}: a figure for {ly} only ({lv}){est}, against {dv} for {ref} in {dy}; not enough for a trend; probability of meeting the target ({rgoal}) in {T}: {p}.",
            "ceiling": "{name}: a figure for {ly} only ({lv}){est}, against {dv} for {ref} in {dy}; not enough for a trend; probability of meeting the target ({rgoal}) in {T}: {p}.",
        },
        ("relative", "open"): {
            "floor": "{name}: {lv} in {ly}{est}, against {dv} for {ref} in {dy}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}; probability of meeting the target ({rgoal}): {p}.",
            "ceiling": "{name}: {lv} in {ly}{est}, against {dv} for {ref} in {dy}; on the {fy}–{ly} trend, the {T} figure is projected at {pv}{rng}; probability of meeting the target ({rgoal}): {p}.",
        },
    },
    comparators={">=": "at least ", ">": "above ", "<=": "at most ", "<": "below ", "==": ""},
    backtest_methods={
        "ours": "This tool's forecast",
        "sdg": "Open SDG progress bands, calibrated",
        "pace": "Pace so far against the pace needed (yes/no)",
        "latest": "Latest figure already meets the target (yes/no)",
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
        "needs_reference": "needs the reference unit's figures",
    },
    bases={
        "2016-2020": "2016–2020 poverty standard",
        "2022-2025": "2021–2025 multidimensional poverty standard",
        "2026-2030": "2026–2030 multidimensional poverty standard",
    },
    # reason codes of rejected cells and rows (schema.REJECT_CODES)
    reject_reasons={
        "bad_value": "not readable as a valid figure of the target",
        "ambiguous_number": "the figure can be read two ways (a comma for thousands or for decimals)",
        "unit_conflict": "the row gives two different units",
        "qualifier": "the row's name or figure is only part of the indicator, or another form of it (a running total, for instance)",
        "unknown_basis": "the row names a poverty standard the target does not use",
        "ambiguous_basis": "the row names two poverty standards, so which one the figure is on is unclear",
        "basis_year": "the poverty standard the row names was not in force in the figure's year",
        "field_count": "the row's cells do not line up with the table's columns",
        "cell_format": "the value stored in the cell differs from what it shows (Excel cell format)",
        "no_name": "figures without an indicator name",
        "unknown_target": "the name matches none of the resolution's targets",
        "hidden_row": "the row is hidden in the workbook",
        "shifted_cells": "the note column holds a figure, so the row's cells may have shifted",
        "conflict": "the tables give two different figures for the same target and year; neither is used until they agree",
        "duplicate": "the same figure is already given on another row",
        "implausible": "far from the other years' figures (a unit or a digit may have slipped)",
    },
    # why a cell holds no figure, and what reading assumed (schema.FLAG_CODES)
    flags={
        "missing_blank": "the cell is blank",
        "missing_dash": "the cell holds a dash (“-”), which may mean nothing occurred but is not taken as 0",
        "missing_ellipsis": "the cell holds “…”",
        "missing_not_applicable": "the cell holds “x” (not applicable)",
        "missing_not_yet": "the table says there is no figure yet",
        "missing_none": "the table says there is no figure",
        "missing_not_compiled": "the table says it is not compiled yet",
        "basis_in_force": "the table names no standard; read as the {basis}, in force in {year}",
        "basis_of_target": "the table names no standard; read as the target's own ({basis})",
        "estimate_said": "the table marks it as an estimate",
        "dash_zero": "“-” read as 0, as the table's legend says it means nothing occurred",
        "confirmed": "far from the other years' figures, but confirmed as right (“{detail}”)",
        "rolled_up": "rolled up from the units before the merger, {method}: {parts}",
        "rollup_incomplete": "no {year} figure could be rolled up from the units before the merger: {detail} gave none, or had no such target",
        "rollup_weight_missing": "no {year} figure: the {weight} of {units} is not known, so the shares cannot be weighted (a plain average is not used)",
        "rollup_no_family": "a new target: the units before the merger had none like it to give a {year} figure",
        "rollup_basis_differs": "no {year} figure: the units before the merger measured it on different standards ({detail})",
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
