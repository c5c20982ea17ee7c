"""Kinds of target: one module each, registered by name.

A kind says everything that differs between, say, "an end-of-term level" and "a total over
the term": which catalog entries make sense for it (:meth:`Kind.problems`, the fields of some
kinds only it takes: :attr:`Kind.fields`), how it is assessed (:meth:`Kind.assess`; the year
its verdict falls, :meth:`Kind.verdict_year`; another unit's series it compares with,
:meth:`Kind.reference`), which situation each assessed row is in for its sentence
(:meth:`Kind.sentence_cases`: codes, worded by ``ward_analysis.present``), what the catalog
leaves it to assume (:meth:`Kind.assumptions`), what its chart shows besides the figures
(:meth:`Kind.chart_series`, :meth:`Kind.overlay`, :meth:`Kind.projection_levels`), its
invented series (:meth:`Kind.synthetic`, :meth:`Kind.synthetic_reference`) and the baselines
of the backtest (:meth:`Kind.latest_meets`, :meth:`Kind.sdg_goal`).

Adding a kind is adding one module to this folder that defines a :class:`Kind` subclass
decorated with :func:`register`; every module here is imported when the package is. An
unknown kind is an error that names it (:func:`get`), never another kind's behaviour.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

from ...errors import WardAnalysisError

if TYPE_CHECKING:
    from ..catalog import Target
    from ..panel import Context, Panel

_REGISTRY: dict[str, Kind] = {}


@dataclass(frozen=True)
class Overlay:
    """The target on a chart: a line at a figure (``rule``), a band (``band``: low, high), or
    a path of (year, figure) points (``path``: a growth to follow); None where not drawn.
    ``until``: the year a line or band holds to (a level due by a year inside the term),
    nothing drawn after it; None: the whole chart."""

    rule: float | None = None
    band: tuple[float, float] | None = None
    path: list[tuple[int, float]] | None = None
    until: int | None = None


class Kind:
    """What one kind of target means. Subclasses set ``name`` and override what differs."""

    name: ClassVar[str]
    #: Whether the target's yearly pass/fail record feeds the pass-rate prior (yes/no,
    #: ratings and "100 %" targets judged on their history).
    pass_history_prior: ClassVar[bool] = False
    #: Whether the chart shows each year as met / not met rather than a line to a target.
    pass_fail_chart: ClassVar[bool] = False
    #: Whether the chart's figures are a running total over the term.
    running_total: ClassVar[bool] = False
    #: Whether the compared figure is a change with a way (a fall or a rise a year), said with
    #: its way rather than a sign ("tăng 1,1 điểm %/năm", not "−1,1 điểm %/năm").
    said_with_its_way: ClassVar[bool] = False
    #: The catalog fields of some kinds only (``catalog.KIND_FIELDS``) this kind takes.
    fields: ClassVar[tuple[str, ...]] = ()
    #: The comparators a numeric (not yes/no, not rated) target of this kind may use.
    numeric_comparators: ClassVar[tuple[str, ...]] = (">=", ">", "<=", "<")
    #: The comparators a range (``threshold`` to ``upper``) of this kind may use.
    range_comparators: ClassVar[tuple[str, ...]] = (">=", ">")

    # -- the catalog --------------------------------------------------------------------
    def problems(self, target: Target) -> list[str]:
        """Kind-specific problems of a catalog entry, each starting with the field it is about."""
        return []

    def checks_threshold_range(self, target: Target) -> bool:
        """Whether the threshold is a figure of the measure (and so must lie in its range)."""
        return True

    # -- the model ----------------------------------------------------------------------
    def uses_trend(self, target: Target) -> bool:
        """Whether the target's series feed the pooled trend priors."""
        return False

    def assess(self, panel: Panel, target: Target, ctx: Context) -> dict[str, np.ndarray]:
        """Status, probability, projection and pace of every unit (arrays, one per column)."""
        raise NotImplementedError(f"kind '{self.name}' does not say how it is assessed")

    def verdict_year(self, target: Target) -> int:
        """The year whose figure settles the target (the target year by default)."""
        return target.target_year

    def reference(self, target: Target) -> tuple[str, str] | None:
        """The (unit, target id) of another unit's series the target is compared with, read
        from the same observations; None for a target judged on its own figures."""
        return None

    def latest_meets(self, rows: pd.DataFrame, target: Target) -> np.ndarray:
        """The "latest value" baseline: whether each assessed row's latest value (``assess``
        output) already meets the target."""
        from ..panel import meets

        return meets(rows["latest_value"].to_numpy(dtype=float), target)

    def sdg_goal(self, target: Target, base_value: np.ndarray) -> tuple[np.ndarray, bool]:
        """The level Open SDG's progress measure aims at from each base figure, and whether a
        higher level is better (NaN where the kind has no such level)."""
        from ..panel import upward

        return np.full(len(base_value), target.threshold_value), upward(target)

    def compared_unit(self, target: Target) -> str:
        """The unit of the figure compared with the threshold (the tables' unit by default)."""
        return target.unit_of_measure

    def goal_band(self, target: Target) -> tuple[float, float] | None:
        """The levels that meet the target where they form a band (an approximate level:
        threshold give or take its tolerance); None for a target met beyond a bound."""
        return None

    def assumptions(self, target: Target) -> list[tuple[str, dict[str, float]]]:
        """What the catalog leaves the kind to assume (a default tolerance…), as codes with
        their figures; ``ward_analysis.present`` words them among the readings."""
        return []

    # -- presentation facts (codes and numbers; words are ``ward_analysis.present``'s) ------
    def sentence_cases(
        self, c: dict[str, np.ndarray], target: Target
    ) -> list[tuple[np.ndarray, str]]:
        """Which sentence each row gets: ``(mask, case)`` pairs, the first match wins; the
        ``case`` codes are keys of the locale's sentences for this kind."""
        raise NotImplementedError(f"kind '{self.name}' has no sentences")

    def chart_series(self, target: Target, figures: pd.DataFrame) -> pd.DataFrame:
        """The figures a chart draws (``year``, ``value``, ``value_kind``): as given by default."""
        return figures

    def overlay(self, target: Target, figures: pd.DataFrame, years: list[int]) -> Overlay:
        """What the chart shows as the target: a line at the threshold, or the band of a range."""
        if target.upper is not None:
            return Overlay(band=(target.threshold_value, target.upper))
        return Overlay(rule=target.threshold_value)

    def projection_levels(
        self, target: Target, assessment: pd.Series, figures: pd.DataFrame
    ) -> tuple[float, float, float] | None:
        """The projected end-of-term figure and its 80 % interval on the chart's scale."""
        return (
            float(assessment["projected_value"]),
            float(assessment["projected_low"]),
            float(assessment["projected_high"]),
        )

    # -- invented data --------------------------------------------------------------------
    def synthetic(
        self,
        target: Target,
        rng: np.random.Generator,
        n: int,
        years: np.ndarray,
        scenarios: np.ndarray,
    ) -> np.ndarray:
        """Invented yearly series (units × years) with outcomes mixed around the target."""
        from ..synthetic import by_measure

        return by_measure(target, rng, n, years, scenarios)

    def synthetic_reference(
        self, target: Target, years: np.ndarray
    ) -> tuple[str, str, np.ndarray] | None:
        """An invented series of the unit the target is compared with (:meth:`reference`):
        its unit, target id and yearly figures; None for a target judged on its own."""
        return None

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


def base_known(c: dict[str, np.ndarray], target: Target) -> np.ndarray:
    """Rows whose base is known (stated in the catalog, or the base year's figure is the only
    one so far): a rate over the term then waits for a later year, not for its base."""
    latest = pd.to_numeric(pd.Series(c["latest_year"]), errors="coerce").to_numpy(dtype=float)
    return np.full(len(latest), target.base_value is not None) | (latest == target.base_year)


def rate_cases(c: dict[str, np.ndarray], target: Target) -> list[tuple[np.ndarray, str]]:
    """The sentence cases of a rate over the term (an average growth, a change per year):
    final, waiting for a year after the base, waiting for the base, open."""
    status = c["status"]
    final = (status == "achieved") | (status == "missed")
    waiting = status == "insufficient_data"
    every = np.ones(len(status), dtype=bool)
    return [(final, "final"), (waiting & base_known(c, target), "no_later"),
            (waiting, "no_base"), (every, "open")]  # fmt: skip


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: make a kind known by its ``name`` (twice the same name is an error)."""
    if cls.name in _REGISTRY:
        raise WardAnalysisError(f"two kinds of target are named '{cls.name}'")
    _REGISTRY[cls.name] = cls()
    return cls


def get(name: str) -> Kind:
    """The kind named ``name``; an unknown name is a :class:`WardAnalysisError` naming it."""
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise WardAnalysisError(
            f"unknown kind of target {name!r} (known kinds: {known()})"
        ) from None


def names() -> tuple[str, ...]:
    """The registered kinds, in the order of their modules' names."""
    return tuple(sorted(_REGISTRY))


def known() -> str:
    """The registered kinds as a phrase: ``'annual', 'average_growth' or 'end_level'``."""
    quoted = [f"'{n}'" for n in names()]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
