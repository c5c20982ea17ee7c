"""**by_year** — a level to reach by a year inside the term, not its end ("đến năm 2027 có
100 % …" in a 2025–2030 term).

Assessed as an end-of-term level (:mod:`.end_level`) with the catalog's ``year`` in place of
the target year: final (achieved / missed) once that year has its figure, before it the
projection to that year. The target seen with its ``year`` as its target year is
:func:`due`; everything else is the end-of-term level's.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ...schema import LEVEL_MEASURES
from . import Overlay, register
from .end_level import EndLevel


def due(target):
    """The target as the end-of-term level it is judged as: its ``year`` as the target year."""
    return target.model_copy(update={"target_year": target.year})


@register
class ByYear(EndLevel):
    name = "by_year"
    fields = ("year",)

    def problems(self, t) -> list[str]:
        if t.year is None:
            return [
                f"year: a by-year target needs the year by which it is to be reached "
                f"({t.first_year} to {t.target_year - 1}: a year inside the term)"
            ]
        if not t.first_year <= t.year < t.target_year:
            return [
                f"year: {t.year} is not inside the term: a by-year target's year lies from the "
                f"first counted year {t.first_year} to the year before the target year "
                f"{t.target_year} (a level due at the end of the term is an end_level target)"
            ]
        return []

    def verdict_year(self, target) -> int:
        return target.year

    def assess(self, panel, target, ctx) -> dict[str, np.ndarray]:
        return super().assess(panel, due(target), ctx)

    def sdg_goal(self, target, base_value):
        return super().sdg_goal(due(target), base_value)

    def overlay(self, target, figures, years) -> Overlay:
        """The level (or band) up to its year, nothing after it: the target is due then."""
        return replace(super().overlay(target, figures, years), until=target.year)

    def synthetic(self, target, rng, n, years, scenarios):
        """Levels moving towards the threshold by the target's year, then held, give or take
        half their yearly noise (yes/no and rated targets: as any of theirs)."""
        if target.measure in LEVEL_MEASURES:
            return super().synthetic(target, rng, n, years, scenarios)
        upto = years <= target.year
        head = super().synthetic(due(target), rng, n, years[upto], scenarios)
        later = int((~upto).sum())
        if not later:
            return head
        steps = np.diff(head, axis=1)
        spread = np.std(steps, axis=1, keepdims=True) if steps.shape[1] else np.zeros((n, 1))
        tail = head[:, -1:] + np.cumsum(0.5 * spread * rng.standard_normal((n, later)), axis=1)
        low, high = target.plausible_range
        return np.clip(np.hstack([head, tail]), low, high)
