"""The tidy tables' columns, the value kinds, measures, comparators and status codes: one place.

Producers (reading, the model) and consumers (presentation, the build, tests) import these
names; nothing else spells them out.
"""

from __future__ import annotations

import re

#: The tidy observations table: one row per unit × target × year × value kind (× basis).
#: ``note`` is what the table says about the figure, as the clerk wrote it; ``flag`` what
#: reading assumed (a basis not stated, an estimate marked in a note, a dash read as 0…) or
#: why a cell holds no figure, as ``code: detail`` entries (:data:`FLAG_CODES`,
#: :func:`flag_entry`): the reports say the code in their language, the detail is for analysts.
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

#: Why reading refused a cell or a row: the ``reason_code`` of a reject. Its ``reason`` says
#: it in full for analysts (in English, in ``rejects.csv``); the reports say the code in their
#: language (``present.locale``, ``reject_reasons``). Reading refuses with no other code.
REJECT_CODES = (
    "bad_value",  # not a figure of the target: not a number, a unit that does not fit, impossible
    "ambiguous_number",  # "9,050": a thousands comma or a decimal comma
    "unit_conflict",  # the row gives two units
    "qualifier",  # the name or the cell narrows the indicator (a running total, a part…)
    "unknown_basis",  # a poverty standard the target does not know
    "ambiguous_basis",  # two standards named in one row
    "basis_year",  # a standard not in force in the figure's year
    "field_count",  # the row's cells do not line up with the header
    "cell_format",  # an Excel cell stores another value than it shows
    "no_name",  # figures without an indicator name
    "unknown_target",  # a name that matches no target
    "hidden_row",  # a hidden row of a workbook
    "shifted_cells",  # a figure in the note column
    "conflict",  # two different figures for one target and year
    "duplicate",  # the same figure given twice
    "implausible",  # an order of magnitude away from the other years
)

#: Why a cell holds no figure: the flag of an observation with no value.
MISSING_FLAGS = (
    "missing_blank",  # an empty cell
    "missing_dash",  # "-": may mean "did not occur", not taken as 0
    "missing_ellipsis",  # "…"
    "missing_not_applicable",  # "x", "n/a"
    "missing_not_yet",  # "no figure yet"
    "missing_none",  # "no figure"
    "missing_not_compiled",  # "not compiled"
)
#: What reading assumed about a figure it read.
ASSUMED_FLAGS = (
    "basis_in_force",  # no poverty standard named: the one in force in the figure's year
    "basis_of_target",  # no standard named and none known in force: the target's own
    "estimate_said",  # a result the table marks as an estimate
    "dash_zero",  # "-" read as 0: the table's legend says it means "did not occur"
    "confirmed",  # an implausible jump confirmed in confirmations.yaml (detail: its reason)
)
#: A merged unit's base year, rolled up from its predecessors (model.rollup): the figure and
#: how it was computed, or why there is none.
ROLLED_UP_FLAG = "rolled_up"  # detail: the rule and the parts (model.rollup.parse_detail)
ROLLUP_MISSING_FLAGS = (
    "rollup_incomplete",  # a predecessor has no figure, or no such target (detail: which)
    "rollup_weight_missing",  # a share whose predecessor's weight is not known
    "rollup_no_family",  # a target with no indicator family: nothing to roll up from
    "rollup_basis_differs",  # the predecessors' figures are on different bases (standards)
)
#: Every reason a result has no figure: reading's and the roll-up's.
NO_FIGURE_FLAGS = MISSING_FLAGS + ROLLUP_MISSING_FLAGS
FLAG_CODES = MISSING_FLAGS + ASSUMED_FLAGS + (ROLLED_UP_FLAG, *ROLLUP_MISSING_FLAGS)
#: Between two entries of a ``flag``.
FLAG_SEPARATOR = "; "
_FLAG_START = re.compile(rf"(?:^|(?<={FLAG_SEPARATOR}))({'|'.join(FLAG_CODES)}): ")


def flag_entry(code: str, detail: str) -> str:
    """One entry of an observation's ``flag``: ``code: detail`` (a code of :data:`FLAG_CODES`)."""
    if code not in FLAG_CODES:
        raise ValueError(f"unknown flag code {code!r} (known: {', '.join(FLAG_CODES)})")
    return f"{code}: {detail}"


def split_flags(flag: object) -> list[tuple[str | None, str]]:
    """The (code, detail) entries of a ``flag``, in order. Text with no known code before it
    (a flag an analyst typed into an observations file) is an entry with the code None."""
    if not isinstance(flag, str) or not flag.strip():
        return []
    starts = list(_FLAG_START.finditer(flag))
    ends = [m.start() - len(FLAG_SEPARATOR) for m in starts[1:]] + [len(flag)] * bool(starts)
    out = [(m[1], flag[m.end() : end].strip()) for m, end in zip(starts, ends, strict=True)]
    head = flag[: starts[0].start()] if starts else flag
    head = head.removesuffix(FLAG_SEPARATOR).strip()
    return [(None, head), *out] if head else out


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
    "pace_ratio", "method", "n_points", "uses_estimate", "latest_estimate", "first_year_used",
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
#: The unit of a share's change in percentage points a year (a ``change_per_year`` target in
#: ``points``), as catalogs write it.
POINTS_UNIT = "điểm %/năm"
#: What turns a unit into the same unit a year ("km" → "km/năm"): a change in units a year.
PER_YEAR = "/năm"
#: The yes word of a yes/no target, as resolutions, catalogs and tables write it.
YES_LABEL = "Đạt"

#: The kinds of unit at commune level (the registry's ``kind``), as a title block names them
#: ("UBND PHƯỜNG …"): input vocabulary.
UNIT_KINDS = ("phường", "xã", "thị trấn", "đặc khu")
#: The kinds of unit above them (the province whose figures a ward's targets compare with):
#: in the registry, never read from a title block (whose lowest level names the table's unit).
UPPER_UNIT_KINDS = ("tỉnh", "thành phố")
