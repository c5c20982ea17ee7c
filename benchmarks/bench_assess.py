"""Benchmark: assess many units at once (``make bench``).

Goal (issue 3): 3,321 units × the catalog's targets × 6 years assessed in
under 2 s on a 2-core machine, with the process's peak memory under 1 GB. Issue 14: the same
with each unit against its own catalog (``assess_units``, variants of the three old wards'
catalogs), in one call.
Each size runs in a fresh subprocess so that peak memory (max RSS) is its own.
The synthetic data are made before the clock starts; the time is the median
of 5 calls of ``assess(catalog, observations, 2023)`` (codes and numbers) after a
first call, whose time is shown too; ``+ words s`` is one call of ``describe``
on its output (status labels and a sentence per row, in Vietnamese), the part
that ``assess`` itself did before the model stopped writing prose.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time

SIZES = (100, 300, 1000, 3321)
GOAL_SECONDS, GOAL_MB = 2.0, 1024


def run_one(n_units: int) -> dict:
    import warnings

    warnings.simplefilter("ignore")
    import ward_analysis as wa

    catalog = wa.load_catalog()
    obs = wa.synthetic_observations(catalog, n_units, seed=2026)
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    wa.assess(catalog, obs, 2023)  # the first call also pays for lazy imports and empty caches
    first = time.perf_counter() - start
    times = []
    for _ in range(5):
        start = time.perf_counter()
        out = wa.assess(catalog, obs, 2023)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    wa.describe(out, catalog, lang="vi")
    words = time.perf_counter() - start
    return {
        "units": n_units,
        "targets": len(catalog),
        "rows_in": len(obs),
        "rows_out": len(out),
        "first_s": first,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "words_s": words,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "data_mb": before_mb,
    }


#: Catalogs in the province case: the three shipped old wards' and variants of them (other
#: thresholds, as each ward's own resolution sets its own), one per unit round-robin.
VARIANTS = 40


def province_catalogs(n_units: int) -> dict[str, object]:
    """``n_units`` units, each with its own catalog (resolution): variants of the three old
    wards' catalogs whose thresholds differ, shared by a unit in every ``VARIANTS``."""
    from ward_analysis import config
    from ward_analysis.model.catalog import Catalog
    from ward_analysis.read.catalog import load_catalog

    bases = [load_catalog(config.RAW_DIR / c / "catalog.yaml") for c in ("chi_lang", "tra_ba", "hoi_phu_cu")]  # fmt: skip
    variants = []
    for v in range(VARIANTS):
        base = bases[v % 3]
        shift = (v // 3) % 5 - 2  # thresholds −2 … +2 points
        targets = [
            t.model_copy(update={"threshold": t.threshold + shift})
            if t.measure in ("share", "count")
            and isinstance(t.threshold, float)
            and t.restated == []
            and 0 <= t.threshold + shift <= 100
            and t.kind != "average_growth"
            else t
            for t in base
        ]
        variants.append(Catalog(targets, base.header, base.path))
    return {f"u{i:04d}": variants[i % VARIANTS] for i in range(n_units)}


def run_province(n_units: int) -> dict:
    """Assess ``n_units`` units, each against its own catalog, in one call (issue 14)."""
    import warnings

    import pandas as pd

    warnings.simplefilter("ignore")
    import ward_analysis as wa

    catalogs = province_catalogs(n_units)
    frames, groups = [], {}
    for unit, catalog in catalogs.items():
        groups.setdefault(id(catalog), (catalog, []))[1].append(unit)
    for seed, (catalog, units) in enumerate(groups.values()):
        obs = wa.synthetic_observations(catalog, len(units), seed=seed)
        names = dict(zip(sorted(obs["unit"].unique()), units, strict=True))
        frames.append(obs.assign(unit=obs["unit"].map(names)))
    obs = pd.concat(frames, ignore_index=True)
    start = time.perf_counter()
    wa.assess_units(catalogs, obs, 2023)
    first = time.perf_counter() - start
    times = []
    for _ in range(5):
        start = time.perf_counter()
        out = wa.assess_units(catalogs, obs, 2023)
        times.append(time.perf_counter() - start)
    return {
        "units": n_units,
        "targets": round(len(out) / n_units, 1),
        "catalogs": len(groups),
        "rows_in": len(obs),
        "rows_out": len(out),
        "first_s": first,
        "median_s": statistics.median(times),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--province":
        print(json.dumps(run_province(int(sys.argv[2]))))
        return 0
    results = []
    print(
        f"{'units':>6} {'targets':>7} {'rows in':>9} {'rows out':>9} {'first s':>8} {'median s':>9} {'min s':>7} {'+ words s':>10} {'peak MB':>8}"
    )
    for n in SIZES:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"{r['units']:>6} {r['targets']:>7} {r['rows_in']:>9} {r['rows_out']:>9} "
              f"{r['first_s']:>8.3f} {r['median_s']:>9.3f} {r['min_s']:>7.3f} {r['words_s']:>10.3f} {r['peak_mb']:>8.0f}")  # fmt: skip
    small, big = results[0], results[-1]
    print(
        f"time grows {big['median_s'] / small['median_s']:.1f}× for {big['units'] / small['units']:.0f}× the units"
    )
    ok = big["median_s"] < GOAL_SECONDS and big["peak_mb"] < GOAL_MB
    print(
        f"goal (< {GOAL_SECONDS} s, < {GOAL_MB} MB at {big['units']} units): {'met' if ok else 'NOT met'}"
    )
    print()
    print("each unit against its own catalog (assess_units, one call):")
    proc = subprocess.run([sys.executable, __file__, "--province", "3321"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"  {r['units']} units, {r['catalogs']} catalogs, {r['targets']} targets a unit on "
          f"average, {r['rows_in']} rows in, {r['rows_out']} out: median {r['median_s']:.3f} s "
          f"(first {r['first_s']:.3f} s), peak {r['peak_mb']:.0f} MB")  # fmt: skip
    province_ok = r["median_s"] < GOAL_SECONDS and r["peak_mb"] < GOAL_MB
    print(f"  goal (< {GOAL_SECONDS} s, < {GOAL_MB} MB): {'met' if province_ok else 'NOT met'}")
    return 0 if ok and province_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
