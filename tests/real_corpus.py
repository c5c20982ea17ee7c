"""The real-series corpus: official Vietnamese targets with their yearly series and outcomes.

``tests/data/real/*.yaml`` hold the cases (format in ``tests/data/real/FORMAT.md``); every
figure and target carries its public source. :func:`load_cases` reads and checks them;
``python tests/real_corpus.py [files…]`` checks files and prints a summary.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REAL_DIR = Path(__file__).parent / "data" / "real"
HOLDOUT_FILE = REAL_DIR / "holdout.yaml"

LEVELS = ("nation", "province", "district", "commune")
MEASURES = ("share", "rate", "amount", "count")
KINDS = ("end_level", "annual", "average_growth", "change_per_year")
COMPARATORS = (">=", "<=", ">", "<", "range")
STATUSES = ("final", "estimate")
OUTCOMES = ("met", "missed")
FAMILIES = (
    "health_insurance", "poverty", "trained_labour", "budget_revenue", "grdp_growth",
    "income_per_capita", "new_rural", "forest_cover", "urbanisation", "unemployment",
    "malnutrition", "population_growth", "clean_water", "school_standard", "doctors_beds",
    "other",
)  # fmt: skip
REQUIRED = (
    "case", "unit", "level", "indicator", "family", "measure", "value_unit", "kind",
    "comparator", "threshold", "term", "base_year", "target_year", "wording",
    "target_source", "series", "outcome", "outcome_source",
)  # fmt: skip


class CorpusError(ValueError):
    """A case of the real corpus that does not follow the format."""


@dataclass(frozen=True)
class Figure:
    year: int
    value: float
    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Case:
    case: str
    file: str
    unit: str
    level: str
    indicator: str
    family: str
    measure: str
    value_unit: str
    kind: str
    comparator: str
    threshold: float | tuple[float, float]
    term: str
    base_year: int
    target_year: int
    wording: str
    target_source: str
    series: tuple[Figure, ...]
    outcome: str
    outcome_source: str
    bound_note: str = ""
    basis: str = ""
    traps: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def figures_before(self) -> int:
        return sum(f.year < self.target_year for f in self.series)

    def value(self, year: int) -> float | None:
        for f in self.series:
            if f.year == year:
                return f.value
        return None


def _url(text: object, where: str) -> str:
    text = str(text or "").strip()
    if not text.startswith(("http://", "https://")):
        raise CorpusError(f"{where}: a source must be a URL, got {text!r}")
    return text


def _case(raw: dict, file: str, index: int) -> Case:
    where = f"{file}, case {index + 1} ({raw.get('case', '?')})"
    missing = [k for k in REQUIRED if raw.get(k) in (None, "")]
    if missing:
        raise CorpusError(f"{where}: missing {', '.join(missing)}")
    for key, allowed in (
        ("level", LEVELS),
        ("measure", MEASURES),
        ("kind", KINDS),
        ("comparator", COMPARATORS),
        ("outcome", OUTCOMES),
        ("family", FAMILIES),
    ):
        if raw[key] not in allowed:
            raise CorpusError(f"{where}: {key} {raw[key]!r} is not one of {allowed}")
    threshold = raw["threshold"]
    if raw["comparator"] == "range":
        if not (isinstance(threshold, list) and len(threshold) == 2):
            raise CorpusError(f"{where}: a range threshold is [low, high]")
        threshold = (float(threshold[0]), float(threshold[1]))
    else:
        threshold = float(threshold)
    series = []
    if not isinstance(raw["series"], dict):
        raise CorpusError(f"{where}: series must map year → {{value, status, source}}")
    for year, fig in sorted(raw["series"].items()):
        fw = f"{where}, {year}"
        if not isinstance(fig, dict) or "value" not in fig:
            raise CorpusError(f"{fw}: a figure is {{value, status, source}}")
        value = float(fig["value"])
        if not math.isfinite(value):
            raise CorpusError(f"{fw}: value {fig['value']!r} is not a number")
        status = fig.get("status", "final")
        if status not in STATUSES:
            raise CorpusError(f"{fw}: status {status!r} is not one of {STATUSES}")
        series.append(
            Figure(
                int(year), value, status, _url(fig.get("source"), fw), str(fig.get("note") or "")
            )
        )
    target_year, base_year = int(raw["target_year"]), int(raw["base_year"])
    if not any(f.year == target_year for f in series):
        raise CorpusError(f"{where}: no figure for the target year {target_year}")
    if raw["kind"] == "change_per_year" and not any(f.year == base_year for f in series):
        raise CorpusError(f"{where}: a change per year needs the base year's figure ({base_year})")
    known = {f.name for f in Case.__dataclass_fields__.values()}  # type: ignore[attr-defined]
    return Case(
        case=str(raw["case"]),
        file=file,
        unit=str(raw["unit"]),
        level=raw["level"],
        indicator=str(raw["indicator"]),
        family=raw["family"],
        measure=raw["measure"],
        value_unit=str(raw["value_unit"]),
        kind=raw["kind"],
        comparator=raw["comparator"],
        threshold=threshold,
        term=str(raw["term"]),
        base_year=base_year,
        target_year=target_year,
        wording=str(raw["wording"]),
        target_source=_url(raw["target_source"], where),
        series=tuple(series),
        outcome=raw["outcome"],
        outcome_source=_url(raw["outcome_source"], where),
        bound_note=str(raw.get("bound_note") or ""),
        basis=str(raw.get("basis") or ""),
        traps=str(raw.get("traps") or ""),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    """Every case of the corpus files (all of ``tests/data/real/*.yaml`` but the holdout list)."""
    if paths is None:
        paths = sorted(p for p in REAL_DIR.glob("*.yaml") if p != HOLDOUT_FILE)
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in paths:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
        if not isinstance(raw, list):
            raise CorpusError(f"{path.name}: a corpus file is a list of cases")
        for i, item in enumerate(raw):
            case = _case(item, path.name, i)
            if case.case in seen:
                raise CorpusError(f"{path.name}: case {case.case!r} is also in {seen[case.case]}")
            seen[case.case] = path.name
            cases.append(case)
    return cases


def held_aside(case: Case) -> bool:
    """The rule of ``holdout.yaml``: sha1("unit|family") divisible by 3."""
    key = f"{case.unit}|{case.family}".encode()
    return int(hashlib.sha1(key).hexdigest(), 16) % 3 == 0


def split(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """(tuning part, held-aside part)."""
    return [c for c in cases if not held_aside(c)], [c for c in cases if held_aside(c)]


# -- the corpus as the package's catalog and observations ---------------------------------


def _direction_down(case: Case) -> bool:
    """Whether a change-per-year target asks for a fall ("giảm")."""
    text = case.wording.lower()
    return "giảm" in text or case.extra.get("direction") == "down"


def _as_percent(case: Case, v: float) -> float:
    return v / 10 if case.value_unit.strip() == "‰" else v


def case_target(case: Case, index: int) -> tuple[dict, list[tuple[int, float, str]]]:
    """The catalog entry and the (year, value, value_kind) figures of one case.

    ‰ becomes %; a rate that is a yearly growth with an average-growth target becomes an
    index (base year = 100) whose compound growth is the term's average; a change per year
    from a base becomes the level it implies in the target year (base ± change × years);
    a range becomes ``>=`` its low end with its high end as ``upper``.
    """
    figures = [
        (f.year, _as_percent(case, f.value), "actual" if f.status == "final" else "estimate")
        for f in case.series
    ]
    comparator, threshold = case.comparator, case.threshold
    upper = None
    if comparator == "range":
        low, high = threshold
        comparator, threshold = ">=", low
        upper = high
    kind, measure = case.kind, case.measure
    valid_range = None
    if measure in ("share", "rate") and kind != "average_growth":
        if case.value_unit.strip() == "‰" and kind != "change_per_year":
            threshold = threshold / 10
            upper = None if upper is None else upper / 10
        if measure == "rate" and min(v for _, v, _ in figures) <= 0:
            valid_range = (-100.0, 100.0)
        measure = "share"
    if kind == "average_growth" and case.measure == "rate":
        # an index (100 in the first year of the series) that grows by each year's rate
        kinds_ = {y: k for y, _, k in figures}
        rates = {y: v for y, v, _ in figures}
        start = min(rates)
        grown, level = [(start, 100.0, kinds_[start])], 100.0
        for y in range(start + 1, case.target_year + 1):
            if y not in rates:
                raise CorpusError(f"{case.file}, {case.case}: no growth rate for {y}")
            level *= 1 + rates[y] / 100
            grown.append((y, level, kinds_[y]))
        figures, measure = grown, "amount"
    elif kind == "change_per_year":
        base = next(v for y, v, _ in figures if y == case.base_year)
        span = case.target_year - case.base_year
        down = _direction_down(case)
        step = threshold / 10 if case.value_unit.strip() == "‰" else threshold
        threshold = base - step * span if down else base + step * span
        if upper is not None:
            upper = None  # "giảm 1 – 1,5 %/năm": the low end decides whether it is met
        comparator = {">=": "<=", ">": "<"}.get(comparator, comparator) if down else comparator
        kind = "end_level"
        threshold = max(threshold, 0.0) if down else threshold
    entry = {
        "id": str(index + 1),
        "item": index + 1,
        "text_vi": case.wording,
        "name_vi": f"{case.indicator} — {case.unit} ({case.case})",
        "name_en": case.case,
        "kind": kind,
        "measure": measure,
        "comparator": comparator,
        "threshold": float(threshold),
        "base_year": case.base_year,
        "first_year": case.base_year + 1,
        "target_year": case.target_year,
    }
    if upper is not None and comparator == ">=":
        entry["upper"] = float(upper)
    if valid_range is not None:
        entry["valid_range"] = valid_range
    return entry, figures


def to_catalog_and_observations(cases: list[Case]):
    """One catalog holding every case as a target (ids 1, 2, …) and the observations, one
    unit per case (its slug)."""
    import pandas as pd

    from ward_analysis.model.catalog import Catalog, CatalogHeader, Target

    targets, rows = [], []
    for i, case in enumerate(cases):
        entry, figures = case_target(case, i)
        targets.append(Target(**entry))
        rows += [
            {"unit": case.case, "target_id": entry["id"], "year": y, "value": v, "value_kind": k}
            for y, v, k in figures
        ]
    catalog = Catalog(targets, CatalogHeader(unit="real corpus"))
    obs = pd.DataFrame(rows, columns=["unit", "target_id", "year", "value", "value_kind"])
    return catalog, obs.assign(basis=None, source="", note="", flag="")


QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


def dynamics(cases: list[Case]) -> dict[str, tuple[float, ...]]:
    """What real series did (``ward_analysis.model.synthetic.REAL_DYNAMICS``): over the level
    targets on a share or rate with a figure from the base year on and one for the target year,
    quantiles of the fraction of the needed change realised, of the gap to close (relative to
    the threshold) and of the yearly change's noise (relative to the yearly change needed)."""
    import numpy as np

    realised, gap, noise = [], [], []
    for i, case in enumerate(cases):
        entry, figures = case_target(case, i)
        if entry["kind"] != "end_level" or entry["measure"] != "share":
            continue
        value = {y: v for y, v, _ in figures}
        years = sorted(y for y in value if y >= case.base_year)
        if len(years) < 2 or case.target_year not in value:
            continue
        first, last = years[0], case.target_year
        need = entry["threshold"] - value[first]
        if abs(need) < 1e-9:
            continue
        realised.append((value[last] - value[first]) / need)
        gap.append(abs(need) / max(abs(entry["threshold"]), 1.0))
        need_step = abs(need) / (last - first)
        steps = [(value[b] - value[a]) / (b - a) / need_step for a, b in itertools.pairwise(years)]
        if len(steps) >= 2:
            noise.append(float(np.std(steps, ddof=1)))

    def q(xs, digits):
        return tuple(round(float(v), digits) for v in np.quantile(xs, QUANTILES))

    return {"realised": q(realised, 2), "gap": q(gap, 3), "noise": q(noise, 2)}


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or None
    try:
        cases = load_cases(paths)
    except CorpusError as exc:
        print(f"error: {exc}")
        return 1
    met = sum(c.outcome == "met" for c in cases)
    two = sum(c.figures_before >= 2 for c in cases)
    units = len({c.unit for c in cases})
    print(
        f"{len(cases)} cases, {units} units, met {met}, missed {len(cases) - met}, "
        f"with ≥ 2 figures before the target year {two}"
    )
    for fam in sorted({c.family for c in cases}):
        sub = [c for c in cases if c.family == fam]
        print(f"  {fam}: {len(sub)} (missed {sum(c.outcome == 'missed' for c in sub)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
