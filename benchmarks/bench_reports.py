"""Benchmark: building a province's reports (``make bench``; issue 14).

A synthetic province: N units, each with one of the three old wards' catalogs and tables
(Chi Lăng, Trà Bá, Hội Phú cũ, round-robin: the same figures, their own folders of output),
each unit 6 year reports + the term review, in Vietnamese. Everything in a temporary folder.

(a) our build (``build_province``: Dask LocalCluster of 2 workers with warm kernels) for
    1, 20 and 135 units; on the 20-unit slice, a competent baseline written plainly:
    papermill's ``execute_notebook`` in a 2-process pool (a fresh kernel per notebook) +
    nbconvert's ``HTMLExporter`` (code hidden) — goal: ours ≥ 3× faster;
(b) the compute floor: the same report contents (every part the notebooks display, charts as
    Vega-Lite JSON, one page written per report) made in one plain Python process without
    notebooks, on the 20-unit slice — goal: our wall time per report within 2× of it.
    All three write the same files: the page, the executed notebook (not the floor: it has
    none) and each year report's downloads (CSV, XLSX, DOCX);
(c) a no-change rebuild of the 135-unit province — goal: ≤ 5 % of its full build;
(d) one ward's full build and its no-change rebuild.
Memory: the peak of the summed resident memory of the build's process tree (client, Dask
workers, kernels), sampled every 0.2 s. Cleaning is part of every build (ours and baseline).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
TEMPLATES = ("chi_lang", "tra_ba", "hoi_phu_cu")
SIZES = (1, 20, 135)
SLICE = 20
GOALS = {"speedup": 3.0, "floor": 2.0, "rebuild": 0.05}


def make_province(root: Path, n: int) -> Path:
    """A registry of ``n`` units over the three templates' folders (their tables and
    catalogs read in place); names repeat, so each unit has a parent of its own."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    for code in TEMPLATES:
        shutil.copytree(RAW / code, raw / code)
    names = {"chi_lang": "Phường Chi Lăng", "tra_ba": "Phường Trà Bá", "hoi_phu_cu": "Phường Hội Phú"}  # fmt: skip
    lines = ["province: Tỉnh Mẫu (tổng hợp)", "units:"]
    for i in range(n):
        t = TEMPLATES[i % 3]
        lines += [f"  - code: u{i + 1:03d}", f"    name: {names[t]}", "    kind: phường",
                  f"    parent: Cụm {i + 1:03d}", f"    catalogs: [{t}/catalog.yaml]",
                  f"    folder: {t}"]  # fmt: skip
    (raw / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw / "units.yaml"


class Memory:
    """Peak summed RSS (MB) of this process and all its descendants, sampled."""

    def __init__(self):
        import psutil

        self.me, self.peak, self._stop = psutil.Process(), 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self._stop.is_set():
            total = 0
            for p in [self.me, *self.me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            self.peak = max(self.peak, total / 2**20)
            time.sleep(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def ours(units: Path, work: Path, *, force: bool = False) -> dict:
    from ward_analysis.build.province import build_province

    with Memory() as mem:
        start = time.perf_counter()
        result = build_province(units_path=units, processed=work / "p", out=work / "r",
                                progress=False, force=force)  # fmt: skip
        wall = time.perf_counter() - start
    assert result.ok, result.failures
    return {"wall": wall, "built": len(result.built), "current": len(result.current),
            "peak_mb": mem.peak}  # fmt: skip


def _jobs(units: Path, work: Path, n: int):
    """The slice's reports as (notebook, parameters, html) — cleaned as our build cleans."""
    from ward_analysis.build.province import clean_unit, plan_units
    from ward_analysis.build.run import TERM_NOTEBOOK, YEAR_NOTEBOOK, unit_jobs
    from ward_analysis.read.units import load_units

    reg = load_units(units)
    plans = plan_units(reg, units.parent, work / "p", work / "r", [f"u{i + 1:03d}" for i in range(n)])  # fmt: skip
    by = {p.unit.code: p for p in plans}
    out = []
    for part in plans:
        clean_unit(part, reg, units.parent, by, force=True)
        part.out.mkdir(parents=True, exist_ok=True)
        for job in unit_jobs(part.catalog, part.years, lang="vi", out=part.out,
                             processed=part.processed, unit=part.catalog.unit,
                             overrides_path=part.overrides,
                             notebooks=[YEAR_NOTEBOOK, TERM_NOTEBOOK]):  # fmt: skip
            out.append((str(job.notebook), job.parameters, str(job.html)))
    return out


def _baseline_one(job) -> None:
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    from ward_analysis.build.downloads import write_year_downloads

    notebook, params, html = job
    executed = papermill.execute_notebook(notebook, None, parameters=params, progress_bar=False,
                                          cwd=str(Path(notebook).parent))  # fmt: skip
    Path(html).with_suffix(".ipynb").write_text(nbformat.writes(executed), encoding="utf-8")
    body, _ = HTMLExporter(exclude_input=True).from_notebook_node(nbformat.from_dict(executed))
    Path(html).write_text(body, encoding="utf-8")
    if "year" in params:  # the same files as ours: the downloads beside each year report
        write_year_downloads(params, Path(html).parent)


def baseline(units: Path, work: Path, n: int) -> dict:
    with Memory() as mem:
        start = time.perf_counter()
        jobs = _jobs(units, work, n)
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            pool.map(_baseline_one, jobs, chunksize=1)
        wall = time.perf_counter() - start
    return {"wall": wall, "built": len(jobs), "peak_mb": mem.peak}


def floor(units: Path, work: Path, n: int) -> dict:
    """The same contents, no notebooks: every part each notebook displays, in one process."""
    import ward_analysis as wa
    from ward_analysis.build.downloads import write_downloads
    from ward_analysis.build.export import vega_bundle

    start = time.perf_counter()
    jobs = _jobs(units, work, n)
    bundle = vega_bundle()
    for _notebook, params, html in jobs:
        parts = []
        if "year" in params:
            report = wa.year_report(params["year"], lang=params["lang"], unit=params["unit"],
                                    observations_path=params["observations_path"],
                                    rejects_path=params["rejects_path"],
                                    catalog_path=params["catalog_path"],
                                    overrides_path=params.get("overrides_path"))  # fmt: skip
            items = [report.head(), report.summary_html(), *report.target_sections(),
                     report.year_table_html(), report.notes_html(), report.method_html(),
                     report.footer_html()]  # fmt: skip
        else:
            report = wa.term_review(lang=params["lang"], unit=params["unit"],
                                    observations_path=params["observations_path"],
                                    catalog_path=params["catalog_path"],
                                    overrides_path=params.get("overrides_path"))  # fmt: skip
            items = _term_parts(report)
        for item in items:
            parts.append(_as_html(item))
        page = f"<!DOCTYPE html><html><head><script>{bundle}</script></head><body>{''.join(parts)}</body></html>"  # fmt: skip
        Path(html).write_text(page, encoding="utf-8")
        if "year" in params:  # the same files as ours: the downloads beside each year report
            write_downloads(report, Path(html).parent)
    wall = time.perf_counter() - start
    return {"wall": wall, "built": len(jobs)}


def _term_parts(review):
    """What term_review.ipynb displays, in its order."""
    return [review.head(), review.outcome_table_html(), *review.evolution_parts(),
            review.backtest_html(), review.method_html(), review.footer_html()]  # fmt: skip


def _as_html(item) -> str:
    if isinstance(item, str):
        return item
    bundle = item._repr_mimebundle_() if hasattr(item, "_repr_mimebundle_") else None
    if isinstance(bundle, tuple):
        bundle = bundle[0]
    if bundle:
        return "".join(v if isinstance(v, str) else json.dumps(v) for v in bundle.values())
    return item._repr_html_() if hasattr(item, "_repr_html_") else str(item)


def main(argv: list[str]) -> int:
    """``--sizes 135`` builds only that province (no comparison): a quick look at (c)."""
    import warnings

    warnings.simplefilter("ignore")
    sizes = SIZES
    if argv[:1] == ["--sizes"]:
        sizes = tuple(int(n) for n in argv[1].split(","))
    rows, growth = {}, []
    with tempfile.TemporaryDirectory(prefix="wa-bench-") as tmp:
        tmp = Path(tmp)
        from ward_analysis.build.export import vega_bundle

        vega_bundle()  # the script bundle made once, as after the first build
        for n in sizes:
            units = make_province(tmp / f"prov{n}", n)
            full = ours(units, tmp / f"ours{n}")
            again = ours(units, tmp / f"ours{n}")
            growth.append((n, full, again))
            print(f"ours, {n:3d} unit(s): {full['built']:4d} reports in {full['wall']:7.1f} s "
                  f"({full['wall'] / full['built']:.2f} s/report, peak {full['peak_mb']:.0f} MB); "
                  f"no-change rebuild {again['wall']:.1f} s ({again['current']} unchanged)",
                  flush=True)  # fmt: skip
            if n == SLICE:
                units_slice = units
        if sizes != SIZES:
            return 0
        rows["baseline"] = baseline(units_slice, tmp / "baseline", SLICE)
        print(f"baseline, {SLICE} units: {rows['baseline']['built']} reports in "
              f"{rows['baseline']['wall']:.1f} s (peak {rows['baseline']['peak_mb']:.0f} MB)", flush=True)  # fmt: skip
        rows["floor"] = floor(units_slice, tmp / "floor", SLICE)
        print(f"floor, {SLICE} units, one process: {rows['floor']['built']} reports in "
              f"{rows['floor']['wall']:.1f} s", flush=True)  # fmt: skip
    by_n = {n: (full, again) for n, full, again in growth}
    ours20, ours135, again135 = by_n[SLICE][0], by_n[135][0], by_n[135][1]
    speedup = rows["baseline"]["wall"] / ours20["wall"]
    per_ours = ours20["wall"] / ours20["built"]
    per_floor = rows["floor"]["wall"] / rows["floor"]["built"]
    rebuild = again135["wall"] / ours135["wall"]
    one_full, one_again = by_n[1]
    print()
    print("| measure | result | goal | met |")
    print("|---|---|---|---|")
    print(f"| (a) {SLICE} units ({ours20['built']} reports): baseline / ours | {rows['baseline']['wall']:.1f} s / {ours20['wall']:.1f} s = {speedup:.1f}× | ≥ {GOALS['speedup']:.0f}× | {'yes' if speedup >= GOALS['speedup'] else 'NO'} |")  # fmt: skip
    print(f"| (b) per report: ours (2 workers) / floor (1 process) | {per_ours:.2f} s / {per_floor:.2f} s = {per_ours / per_floor:.2f}× | ≤ {GOALS['floor']:.0f}× | {'yes' if per_ours / per_floor <= GOALS['floor'] else 'NO'} |")  # fmt: skip
    print(f"| (c) 135 units ({ours135['built']} reports): no-change rebuild / full | {again135['wall']:.1f} s / {ours135['wall']:.1f} s = {100 * rebuild:.1f} % | ≤ 5 % | {'yes' if rebuild <= GOALS['rebuild'] else 'NO'} |")  # fmt: skip
    print(f"| (d) one ward: full build; no-change rebuild | {one_full['wall']:.1f} s; {one_again['wall']:.1f} s | – | – |")  # fmt: skip
    print()
    print("| units | reports | full build | s/report | no-change rebuild | peak memory |")
    print("|---|---|---|---|---|---|")
    for n, full, again in growth:
        print(f"| {n} | {full['built']} | {full['wall']:.1f} s | {full['wall'] / full['built']:.2f} | {again['wall']:.1f} s | {full['peak_mb']:.0f} MB |")  # fmt: skip
    met = speedup >= GOALS["speedup"] and rebuild <= GOALS["rebuild"]
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
