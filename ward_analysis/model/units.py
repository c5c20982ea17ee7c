"""The units tracked (wards, communes…): who they are, when they existed, what became of them.

A :class:`Unit` has a ``code`` (its folder ``data/raw/<code>/`` and its pages' file names), its
official ``name`` ("Phường Hội Phú"), ``kind`` (phường, xã, thị trấn, đặc khu; tỉnh or thành
phố for the province above them), ``parent``, its catalogs (one per resolution and term; a
unit with none, such as the province, is only compared with: no reports are built for it),
the dates it existed (``valid_from`` … ``valid_to``) and, for a unit that ended in a merger,
its ``successor`` and the date of the change. Predecessors are not written: they are the units whose successor a unit is (one
source for each fact). ``weights``: denominators by year (households, population…), which
weigh shares when a merged unit's figures are rolled up from its predecessors.

:class:`Registry` checks the whole: codes unique, dates in order, a successor that exists
and starts the day its predecessors end, no two units of one name alive on the same day in
one parent, weights known. Reading ``units.yaml`` is :func:`ward_analysis.read.units.load_units`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import UnitsError
from ..schema import UNIT_KINDS, UPPER_UNIT_KINDS
from ..text import match_key
from .families import WEIGHTS

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Unit:
    """One unit of the registry (see the module notes)."""

    code: str
    name: str
    kind: str
    parent: str | None = None
    catalogs: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None
    #: The day the successor took over (the day after ``valid_to``).
    changed: dt.date | None = None
    #: weight code → year → value (``population`` → ``{2025: 15200}``).
    weights: dict[str, dict[int, float]] = field(default_factory=dict)
    #: The folder of its tables, relative to the raw folder (default: its code).
    folder: str | None = None
    #: How documents tell it apart from a namesake ("Phường Hội Phú (cũ)"); default: its name.
    label: str | None = None

    @property
    def shown(self) -> str:
        """Its label, or its name."""
        return self.label or self.name

    @property
    def key(self) -> str:
        """The name compared with a table's title block (case, accents and spacing ignored)."""
        return match_key(self.name)

    def alive_in(self, year: int) -> bool:
        """Whether the unit existed on some day of ``year``."""
        start = self.valid_from.year if self.valid_from else -(10**9)
        end = self.valid_to.year if self.valid_to else 10**9
        return start <= year <= end

    def weight(self, code: str, year: int) -> float | None:
        """The denominator ``code`` in ``year``, or None when the registry does not give it."""
        return self.weights.get(code, {}).get(year)

    @property
    def ended(self) -> bool:
        return self.valid_to is not None


class Registry:
    """All units, by code, checked as a whole (see the module notes). ``province``: the
    province's name, when the registry holds no unit of kind ``tỉnh`` to give it."""

    def __init__(self, units: list[Unit], *, province: str | None = None, source: str = ""):
        self.source = source
        problems = _problems(units)
        upper = [u for u in units if u.kind in UPPER_UNIT_KINDS]
        if province is not None and upper and province not in {u.name for u in upper}:
            problems.append(
                f"province: '{province}', but the registry's unit '{upper[0].code}' is "
                f"'{upper[0].name}'; leave 'province' out (the unit names it)"
            )
        self.province = province or (upper[0].name if len(upper) == 1 else None)
        if problems:
            raise UnitsError(
                f"{source or 'units'}: " + ("; ".join(problems) if len(problems) < 4 else
                                            "\n  - " + "\n  - ".join(problems))
            )  # fmt: skip
        self._units = {u.code: u for u in units}

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __getitem__(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise UnitsError(
                f"{self.source or 'units'}: no unit '{code}' (known: {', '.join(self._units)})"
            ) from None

    @property
    def codes(self) -> list[str]:
        return list(self._units)

    def predecessors(self, code: str) -> list[Unit]:
        """The units that merged into ``code`` (registry order)."""
        return [u for u in self if u.successor == code]

    def by_name(self, name: str, year: int | None = None) -> list[Unit]:
        """The units called ``name`` (case, accents and spacing ignored), alive in ``year``
        when it is given."""
        key = match_key(name)
        return [u for u in self if u.key == key and (year is None or u.alive_in(year))]


def _problems(units: list[Unit]) -> list[str]:
    out: list[str] = []
    codes: dict[str, int] = {}
    for u in units:
        if not _CODE.match(u.code):
            out.append(
                f"unit '{u.code}': code must be lower-case letters, digits and '_' "
                "(it names a folder and files)"
            )
        if u.code in codes:
            out.append(f"unit '{u.code}': the code is used twice")
        codes[u.code] = 1
        if u.kind not in UNIT_KINDS + UPPER_UNIT_KINDS:
            known = ", ".join(UNIT_KINDS + UPPER_UNIT_KINDS)
            out.append(f"unit '{u.code}': kind '{u.kind}' is not one of {known}")
        if u.valid_from and u.valid_to and u.valid_to < u.valid_from:
            out.append(
                f"unit '{u.code}': valid_to {u.valid_to} is before valid_from {u.valid_from}"
            )
        for w in u.weights:
            if w not in WEIGHTS:
                out.append(f"unit '{u.code}': unknown weight '{w}' (known: {', '.join(WEIGHTS)})")
        if u.successor is not None and u.valid_to is None:
            out.append(f"unit '{u.code}': has a successor but no valid_to (the day it ended)")
        if u.changed is not None and u.successor is None:
            out.append(f"unit '{u.code}': 'changed' is given but no successor")
    by_code = {u.code: u for u in units}
    for u in units:
        if u.successor is None:
            continue
        succ = by_code.get(u.successor)
        if succ is None:
            out.append(f"unit '{u.code}': successor '{u.successor}' is not in the registry")
            continue
        if succ.code == u.code:
            out.append(f"unit '{u.code}': a unit cannot be its own successor")
            continue
        changed = u.changed or (u.valid_to + dt.timedelta(days=1) if u.valid_to else None)
        if changed and u.valid_to and changed != u.valid_to + dt.timedelta(days=1):
            out.append(
                f"unit '{u.code}': changed {changed} should be the day after valid_to {u.valid_to}"
            )
        if succ.valid_from and u.valid_to and succ.valid_from <= u.valid_to:
            out.append(
                f"unit '{u.code}': its dates overlap its successor's: it lasts until {u.valid_to} "
                f"but '{succ.code}' starts on {succ.valid_from}"
            )
        if succ.valid_from and changed and succ.valid_from != changed:
            out.append(
                f"unit '{u.code}': its successor '{succ.code}' starts on {succ.valid_from}, "
                f"not on the day of the change ({changed})"
            )
    # one name, one parent, one day: two units alive at once cannot share it
    for i, a in enumerate(units):
        for b in units[i + 1 :]:
            if a.key == b.key and a.parent == b.parent and _overlap(a, b):
                out.append(
                    f"units '{a.code}' and '{b.code}': both are called '{a.name}' in "
                    f"{a.parent or 'the same parent'} on overlapping dates"
                )
    return out


def _overlap(a: Unit, b: Unit) -> bool:
    lo, hi = dt.date.min, dt.date.max
    return max(a.valid_from or lo, b.valid_from or lo) <= min(a.valid_to or hi, b.valid_to or hi)
