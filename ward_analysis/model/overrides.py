"""Apply analysts' overrides to an assessment: the status they set, the model's kept beside it.

:func:`apply_overrides` keeps the model's status in ``computed_status`` and sets ``status``,
``status_source`` (``computed`` or ``analyst``) and the override's ``reason``, ``by`` and
``date``. The probability, projection and every other number stay the model's.

Which entry holds for a row (unit, target, as-of year) when several match: one naming the
unit beats one for every unit; then one naming the year beats one for every year ("all").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..read.overrides import load_overrides
from ..schema import STATUS_SOURCES
from .catalog import Catalog

COMPUTED, ANALYST = STATUS_SOURCES
#: The matching entries, strongest first: (names the unit, names the as-of year).
PRECEDENCE = ((True, True), (True, False), (False, True), (False, False))


def apply_overrides(
    assessment: pd.DataFrame,
    overrides: str | Path | pd.DataFrame | None = None,
    *,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """The assessment with the overrides applied (see the module docstring); a new frame.

    ``overrides``: a YAML file or a frame (checked by
    :func:`~ward_analysis.read.overrides.load_overrides`, against ``catalog`` when given), or
    None for none — then ``computed_status`` is ``status`` and ``status_source`` "computed".
    Applying overrides again starts from ``computed_status``, not from a previous override.
    """
    computed = (
        assessment["computed_status"] if "computed_status" in assessment else assessment["status"]
    ).to_numpy(dtype=object)
    n = len(assessment)
    status, source = computed.copy(), np.full(n, COMPUTED, dtype=object)
    reason, by, date = (np.full(n, None, dtype=object) for _ in range(3))
    table = load_overrides(overrides, catalog=catalog) if overrides is not None else None
    if table is not None and len(table) and n:
        chosen = _chosen(assessment, table)
        hit = chosen >= 0
        picked = table.iloc[chosen[hit]]
        status[hit] = picked["status"].to_numpy(dtype=object)
        source[hit] = ANALYST
        reason[hit] = picked["reason"].to_numpy(dtype=object)
        by[hit] = picked["by"].to_numpy(dtype=object)
        date[hit] = picked["date"].to_numpy(dtype=object)
    return assessment.assign(
        status=status,
        computed_status=computed,
        status_source=source,
        override_reason=reason,
        override_by=by,
        override_date=date,
    )


def _chosen(assessment: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """For each row of the assessment, the position in ``table`` of the entry that holds, or -1."""
    rows = pd.DataFrame({
        "target_id": assessment["target_id"].astype(str).to_numpy(),
        "unit": assessment["unit"].to_numpy(dtype=object),
        "as_of": assessment["as_of"].to_numpy(dtype=np.int64),
        "_row": np.arange(len(assessment)),
    })  # fmt: skip
    table = table.reset_index(drop=True).assign(_entry=np.arange(len(table)))
    chosen = np.full(len(assessment), -1, dtype=np.intp)
    for by_unit, by_year in PRECEDENCE:
        entries = table[table["unit"].notna().eq(by_unit) & table["as_of"].notna().eq(by_year)]
        if not len(entries):
            continue
        on = ["target_id", *(["unit"] if by_unit else []), *(["as_of"] if by_year else [])]
        if by_year:
            entries = entries.astype({"as_of": np.int64})
        matched = rows.merge(entries[[*on, "_entry"]], on=on)
        found = matched["_row"].to_numpy()
        free = chosen[found] < 0
        chosen[found[free]] = matched["_entry"].to_numpy()[free]
    return chosen
