"""The tidy tables' columns, the value kinds, measures, comparators and status codes: one place.

Producers (reading, the model) and consumers (presentation, the build, tests) import these
names; nothing else spells them out.
"""

from __future__ import annotations

#: The tidy observations table: one row per unit × target × year × value kind (× basis).
#: ``note`` is what the table says about the figure; ``flag`` what reading it assumed (a
#: basis not stated, an estimate marked in a note, a dash read as 0…), shown in the reports.
OBSERVATION_COLUMNS = [
    "unit",
    "target_id",
    "year",
    "value",
    "value_kind",
    "basis",
    "source",
    "note",
    "flag",
]
#: The columns an observations table must have; the others may be absent.
REQUIRED_OBSERVATION_COLUMNS = ("unit", "target_id", "year", "value", "value_kind")
#: What identifies one observation (two rows with the same key are duplicates).
OBSERVATION_KEY = ["unit", "target_id", "year", "value_kind", "basis"]
#: Cells of the yearly tables that could not be read, and rows with no figure to read.
REJECT_COLUMNS = ["file", "row", "column", "raw_text", "target_id", "year", "reason_code", "reason"]
SKIPPED_COLUMNS = ["file", "row", "text", "reason"]

#: What a figure is: a final result, an estimate of the result, or the year's plan.
VALUE_KINDS = ("actual", "estimate", "plan")
#: The value kinds that are results (plans never count towards a target).
RESULT_KINDS = ("actual", "estimate")

MEASURES = ("share", "count", "amount", "length", "boolean", "rating")
NUMERIC_MEASURES = ("share", "count", "amount", "length")
#: Measures whose values are levels, not figures: yes/no (1 = met) and ratings (rank on a scale).
LEVEL_MEASURES = ("boolean", "rating")
COMPARATORS = (">=", ">", "<=", "<", "==")
#: Comparators under which a higher figure is better (a yes/no target is met at 1).
UPWARD_COMPARATORS = (">=", ">", "==")

#: Status codes of an assessed target, in the order reports list them.
STATUSES = (
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "missed",
    "insufficient_data",
    "not_comparable",
)
#: Statuses that no later figure can change.
FINAL_STATUSES = ("achieved", "missed")

#: One row per (unit, target) as of a year: the output of ``assess``. Codes and numbers only:
#: ``ward_analysis.present`` turns them into words (``describe``).
ASSESS_COLUMNS = [
    "unit", "target_id", "as_of", "kind", "measure", "status", "probability",
    "latest_year", "latest_value", "projected_value", "projected_low", "projected_high",
    "threshold", "upper", "comparator", "above_range", "required_pace", "actual_pace",
    "pace_ratio", "method", "n_points", "uses_estimate", "first_year_used",
    "detail_year", "detail_value", "other_basis", "other_basis_first", "provisional",
    "computed_status", "status_source", "override_reason", "override_by", "override_date",
]  # fmt: skip
#: Where a row's ``status`` comes from: the model (``computed_status``) or an analyst's override.
STATUS_SOURCES = ("computed", "analyst")

#: Analyst overrides of a status, one row per entry of ``overrides.yaml``: ``unit`` <NA> holds
#: for every unit, ``as_of`` <NA> for every as-of year ("all"); ``date`` is ISO (YYYY-MM-DD);
#: ``entry`` is the entry's position in its file (1 = first) and ``source`` the file.
OVERRIDE_COLUMNS = [
    "target_id", "unit", "as_of", "status", "reason", "by", "date", "entry", "source",
]  # fmt: skip

#: Forecast methods scored by the backtest, as codes (``present.locale`` names them).
BACKTEST_METHODS = ("ours", "sdg", "pace", "latest")
BACKTEST_COLUMNS = [
    "unit", "target_id", "kind", "measure", "as_of", "outcome", "final_value", "decided",
    "status", "probability", "n_points", "projected_value", "sdg_value", "sdg_band",
    "p_ours", "p_sdg", "p_pace", "p_latest",
]  # fmt: skip

#: The unit of an average-growth target's threshold (percent a year), as catalogs write it.
GROWTH_UNIT = "%/năm"
#: The yes word of a yes/no target, as resolutions, catalogs and tables write it.
YES_LABEL = "Đạt"
