"""Build every report: clean the data, run the notebooks with Papermill, export offline HTML.

One call (``ward-analysis reports`` / :func:`build_reports`) does the whole job:

1. check the parameters before any notebook runs (years in the term, language, paths);
2. clean the yearly tables into ``data/processed/``;
3. execute the per-year notebook for each year and the term review with Papermill,
   ``jobs`` at a time. Each worker keeps one kernel and runs its notebooks in it one
   after the other (its namespace reset in between): a kernel start and the imports
   cost more than the analysis, so they are paid once per worker, not once per report;
4. export each executed notebook to self-contained HTML (code hidden; Vega, Vega-Lite
   and Vega-Embed inlined once per page, so the reports open with no network);
5. write ``index.html``: the status of every target by as-of year, linking to the reports.

Every file is replaced atomically; a report that fails keeps its previous HTML, and with
``continue_on_error`` the others still run; the failures are returned (report, cell, error).
"""

from __future__ import annotations

import hashlib
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

import pandas as pd

from . import config
from .assessment import assess, status_matrix
from .catalog import load_catalog
from .cleaning import clean
from .errors import WardAnalysisError
from .io import (
    atomic_write_bytes,
    atomic_write_text,
    check_writable,
    remove_stale_temp_files,
)
from .kernels import new_kernel_manager, release_clients, wait_ready
from .observations import load_observations
from .summaries import CSS, badge

log = logging.getLogger("ward_analysis")

TEMPLATES_DIR = Path(__file__).parent / "templates"
YEAR_NOTEBOOK = config.NOTEBOOKS_DIR / "year_report.ipynb"
TERM_NOTEBOOK = config.NOTEBOOKS_DIR / "term_review.ipynb"
VEGALITE_MIME = "application/vnd.vegalite.v5+json"  # see charts.MIMETYPE
_RESET = "get_ipython().run_line_magic('reset', '-f')"


class ReportError(WardAnalysisError):
    """A report could not be built (a notebook failed, or its output could not be written)."""


@dataclass(frozen=True)
class Job:
    """One report to build: a notebook, its parameters, and where its outputs go."""

    name: str
    notebook: Path
    parameters: dict
    html: Path
    executed: Path


@dataclass
class BuildResult:
    """What a build did: the reports written, the failures, the index, the time taken."""

    built: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


#: The parameters the report notebooks declare, and the Python types each may take.
NOTEBOOK_PARAMETERS: dict[str, tuple[type, ...]] = {
    "year": (int,),
    "lang": (str,),
    "unit": (str, type(None)),
    "observations_path": (str, type(None)),
    "rejects_path": (str, type(None)),
    "catalog_path": (str, type(None)),
}


def notebook_parameters(**values: object) -> dict[str, object]:
    """Parameters for a report notebook, checked so that they can only ever be data.

    Papermill writes parameters into the notebook as Python source. Only the declared
    names are accepted, paths become plain strings, and every value must be a plain
    ``int``, ``str`` or None (a ``str`` subclass or any other object could turn into code
    when written out); text with control characters (a newline in a path or a ward's name)
    is refused. Finally each value is written the way Papermill writes it and read back
    as a literal, which must give the value itself. Raises :class:`WardAnalysisError`.
    """
    import ast

    from papermill.translators import PythonTranslator

    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in NOTEBOOK_PARAMETERS:
            raise WardAnalysisError(f"unknown report parameter {name!r}")
        if isinstance(value, Path):
            value = str(value)
        if type(value) not in NOTEBOOK_PARAMETERS[name]:  # exact types: no subclasses
            raise WardAnalysisError(
                f"report parameter '{name}' must be "
                f"{' or '.join(t.__name__ for t in NOTEBOOK_PARAMETERS[name])}, "
                f"not {type(value).__name__}"
            )
        if isinstance(value, str) and any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise WardAnalysisError(
                f"report parameter '{name}' contains a line break or control character: {value!r}"
            )
        source = PythonTranslator.translate(value)
        try:
            same = ast.literal_eval(source) == value
        except (ValueError, SyntaxError):
            same = False
        if not same:
            raise WardAnalysisError(f"report parameter '{name}' cannot be passed safely: {value!r}")
        out[name] = value
    return out


def _check(years, lang, jobs, out: Path, notebooks: list[Path], catalog) -> list[int]:
    first = min(t.base_year for t in catalog)
    last = max(t.target_year for t in catalog)
    years = list(range(first, last + 1)) if years is None else list(years)
    bad = [y for y in years if not isinstance(y, int) or not first <= y <= last]
    if bad or not years:
        raise WardAnalysisError(
            f"years must lie within the term {first}–{last}; got {bad or 'none'}"
        )
    if lang not in ("vi", "en"):
        raise WardAnalysisError(f"unknown language '{lang}' (use vi or en)")
    if not isinstance(jobs, int) or jobs < 1:
        raise WardAnalysisError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    for nb in notebooks:
        if not nb.exists():
            raise WardAnalysisError(f"{nb}: notebook not found")
    check_writable(out, "reports")
    return years


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script (from vl-convert), cached on disk."""
    import vl_convert

    path = config.CACHE_DIR / f"vega-bundle-{vl_convert.__version__}.js"
    if path.exists():
        return path.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle()
    atomic_write_text(path, bundle)
    return bundle


def html_exporter():
    """nbconvert's HTML exporter with our self-contained template and the code hidden."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    priority = [
        VEGALITE_MIME,
        "text/html",
        "image/svg+xml",
        "image/png",
        "text/markdown",
        "text/plain",
    ]
    return HTMLExporter(
        config=Config({"NbConvertBase": {"display_data_priority": priority}}),
        template_name="ward",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


BUNDLE_SLOT = "/*ward-analysis:vega-bundle*/"


def export_html(notebook, bundle: str, exporter=None) -> str:
    """One executed notebook as a self-contained HTML page.

    The 0.9 MB script bundle goes in after nbconvert has made the page: nbconvert
    parses its whole output once more (BeautifulSoup), and it need not parse that.
    """
    exporter = exporter or html_exporter()
    html, _ = exporter.from_notebook_node(notebook)
    if html.count(BUNDLE_SLOT) != 1:
        raise ReportError("the HTML template lost its slot for the chart scripts")
    return html.replace(BUNDLE_SLOT, bundle.replace("</script", "<\\/script"))


def _failure(job: Job, exc: BaseException) -> str:
    cell = getattr(exc, "exec_count", None)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    where = f"cell {cell}" if cell is not None else "setup"
    return f"{job.name}: {where}: {ename}: {evalue}".strip()


def _worker(
    jobs: queue.Queue,
    exports: queue.Queue,
    fail: Callable[[Job, str], None],
    ready: threading.Event,
    km=None,
) -> None:
    """Run jobs from the queue in one kernel of our own, its namespace cleared between notebooks;
    hand each executed notebook to the exporter so that the kernel never waits for it.
    The kernel starts at once and the first notebook waits for ``ready`` (the data cleaned).
    A kernel that died or stopped answering before a notebook ran is replaced, and that
    report tried once more; if no kernel can start, each report fails by name."""
    km = km or new_kernel_manager()
    try:
        broken, checked = None, None
        if not km.has_kernel:
            try:
                km.start_kernel()
            except Exception as exc:  # no kernel: every report it takes fails, none is lost
                broken = _no_kernel(exc)
        ready.wait()
        while True:
            try:
                job = jobs.get_nowait()
            except queue.Empty:
                return
            for attempt in (1, 2):
                if broken:
                    fail(job, f"{job.name}: {broken}")
                    break
                try:
                    if km is not checked:  # a new kernel: answering, and idle (see kernels)
                        wait_ready(km, KERNEL_TIMEOUT)
                        checked = km
                    exports.put((job, _execute(job, km)))
                except Exception as exc:  # one report failing must not stop the others
                    if attempt == 1 and _kernel_trouble(exc):
                        log.warning("%s: %s; starting a new kernel and trying again", job.name, exc)
                        try:
                            km = _fresh_kernel(km)
                        except Exception as start_exc:
                            broken = _no_kernel(start_exc)
                        continue
                    fail(job, _failure(job, exc))
                break
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)


def _execute(job: Job, km):
    """Run ``job``'s notebook with its parameters in the kernel of ``km``, from a clean
    namespace (the kernel may have run a notebook already); Papermill's client is closed after."""
    import nbformat
    import papermill

    notebook = nbformat.read(job.notebook, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(_RESET, id="ward-reset"))
    try:
        executed = papermill.execute_notebook(
            notebook,
            None,
            parameters=job.parameters,
            km=km,
            progress_bar=False,
            cwd=str(job.notebook.parent),
            start_timeout=KERNEL_TIMEOUT,
        )
    finally:
        release_clients(km)
    executed.cells = [c for c in executed.cells if c.get("id") != "ward-reset"]
    return executed


def _no_kernel(exc: BaseException) -> str:
    return f"setup: could not start a Python kernel ({type(exc).__name__}: {exc})"


#: Seconds a started kernel may take to answer before it is restarted (once per report).
KERNEL_TIMEOUT = 30


def _fresh_kernel(km):
    """Shut ``km`` down (whatever state it is in) and start a new kernel of the same kind."""
    try:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    except Exception as exc:  # it is being replaced: its own trouble does not matter
        log.info("could not shut down the old kernel cleanly: %s", exc)
    fresh = new_kernel_manager(km.kernel_name)
    fresh.start_kernel()
    return fresh


def _kernel_trouble(exc: BaseException) -> bool:
    """A kernel that died or did not answer before any cell ran (not an error in a cell)."""
    return isinstance(exc, RuntimeError) and getattr(exc, "exec_count", None) is None


def _exporter(exports: queue.Queue, bundle: str, done: Callable[[Job, str | None], None]) -> None:
    """Write each executed notebook and its HTML page (atomically), until told to stop."""
    import nbformat

    exporter = html_exporter()
    while (item := exports.get()) is not None:
        job, executed = item
        try:
            atomic_write_text(job.executed, nbformat.writes(executed))
            atomic_write_bytes(job.html, export_html(executed, bundle, exporter).encode("utf-8"))
            done(job, None)
        except Exception as exc:
            done(job, f"{job.name}: export: {type(exc).__name__}: {exc}")


def _data_files(paths: list[Path]) -> list[tuple[str, str]]:
    return [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()[:12]) for p in paths if p.is_file()]


def index_html(assessments: pd.DataFrame, links: dict[int, str], term_link: str | None, catalog,
               *, lang: str, built_at: str, sources: list[tuple[str, str]], failed: set[int],
               unit: str | None = None) -> str:  # fmt: skip
    """The index page: status of every target by as-of year, linking to each year's report."""
    vi = lang == "vi"
    matrix = status_matrix(assessments, lang=lang).droplevel("unit")
    status = assessments.pivot(index="target_id", columns="as_of", values="status")
    years = list(matrix.columns)
    head = "".join(
        f'<th><a href="{escape(links[y])}">{y}</a></th>' if y in links else f"<th>{y}</th>"
        for y in years
    )
    rows = []
    for tid in matrix.index:
        t = catalog[tid]
        name = t.name_vi if vi else t.name_en
        cells = "".join(f"<td>{badge(status.loc[tid, y], lang)}</td>" for y in years)
        rows.append(f"<tr><td><b>{escape(tid)}</b>. {escape(name)}</td>{cells}</tr>")
    title = "Đánh giá thực hiện các chỉ tiêu — mục lục" if vi else "Progress on the targets — index"
    notice = catalog.meta.get("data_notice")
    banner = f'<div class="ward-banner">{escape(notice)}</div>' if notice else ""
    term = (
        f'<p><a href="{escape(term_link)}">{"Tổng kết nhiệm kỳ" if vi else "Term review"}</a></p>'
        if term_link
        else ""
    )
    failures = ""
    if failed:
        failures = "<p>" + escape(("Không tạo được báo cáo năm: " if vi else "Reports that failed: ")
                                  + ", ".join(map(str, sorted(failed)))) + "</p>"  # fmt: skip
    source_list = "".join(f"<li>{escape(n)} <code>{escape(h)}</code></li>" for n, h in sources)
    built = f"{'Tạo lúc' if vi else 'Built'} {escape(built_at)} {'từ' if vi else 'from'}:"
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>{CSS}
<style>body {{ font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif; margin: 24px; }}
th a {{ color: #0969da; }}</style></head>
<body><h1>{escape(title)}</h1><h3>{escape(unit or catalog.unit)}</h3>{banner}{term}{failures}
<table class="ward-table"><thead><tr><th>{"Chỉ tiêu" if vi else "Target"}</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<p>{built}</p><ul>{source_list}</ul></body></html>"""


def build_reports(
    years: list[int] | None = None,
    *,
    lang: str = "vi",
    jobs: int = 2,
    out: str | Path | None = None,
    continue_on_error: bool = False,
    raw: str | Path | None = None,
    catalog_path: str | Path | None = None,
    processed: str | Path | None = None,
    unit: str | None = None,
    year_notebook: str | Path = YEAR_NOTEBOOK,
    term_notebook: str | Path | None = TERM_NOTEBOOK,
    progress: bool = True,
    kernels: list | None = None,
) -> BuildResult:
    """Clean the data and build every report (see the module docstring). Returns what was built.

    Without ``continue_on_error`` the first failure raises :class:`ReportError`
    (after the running reports finish); with it, all reports are tried and the
    failures listed in the result. ``raw``, ``catalog_path``: the yearly tables and the
    catalog (default: the shipped ones); ``processed``: where the cleaned tables go (default
    ``data/processed/``); ``unit``: the ward shown (default the catalog's). ``kernels``:
    started ``KernelManager``s to use (the CLI starts them before its imports); by default
    each worker starts its own.
    """
    start = time.perf_counter()
    out = Path(out) if out is not None else config.REPORTS_DIR
    catalog = load_catalog(catalog_path)
    notebooks = [Path(year_notebook)] + ([Path(term_notebook)] if term_notebook else [])
    years = _check(years, lang, jobs, out, notebooks, catalog)
    processed = Path(processed) if processed is not None else config.PROCESSED_DIR
    obs_path, rej_path = processed / "observations.csv", processed / "rejects.csv"
    common = notebook_parameters(
        lang=lang, unit=unit, observations_path=obs_path, catalog_path=catalog.path
    )
    check_writable(processed)
    for stale in remove_stale_temp_files(out):  # clean() clears those in ``processed``
        log.info("removed %s, left by a run that was stopped before it finished", stale)
    todo: list[Job] = []
    for year in years:
        stem = f"year_report_{year}_{lang}"
        params = notebook_parameters(year=year, rejects_path=rej_path) | common
        todo.append(Job(stem, notebooks[0], params, out / f"{stem}.html", out / f"{stem}.ipynb"))
    if term_notebook:  # the longest: first, so that the workers finish together
        stem = f"term_review_{lang}"
        todo.insert(
            0, Job(stem, notebooks[1], dict(common), out / f"{stem}.html", out / f"{stem}.ipynb")
        )
    result = BuildResult()
    queue_: queue.Queue = queue.Queue()
    for job in todo:
        queue_.put(job)
    bar = _progress(len(todo), progress)
    lock = threading.Lock()

    def done(job: Job, error: str | None) -> None:
        with lock:
            if error:
                result.failures.append(error)
                log.error("%s failed: %s", job.name, error)
            else:
                result.built.append(job.html)
                log.info("built %s and %s", job.html, job.executed.name)
            bar(job.name, error)

    # kernels start now and boot while the data are cleaned
    ready = threading.Event()
    exports: queue.Queue = queue.Queue()
    given = list(kernels or [])
    threads = [
        threading.Thread(
            target=_worker,
            args=(queue_, exports, done, ready, given[i] if i < len(given) else None),
            daemon=True,
        )
        for i in range(min(jobs, len(todo)))
    ]
    for th in threads:
        th.start()
    try:
        cleaned = clean(raw, processed, catalog, unit=unit)
        observations = load_observations(obs_path, catalog=catalog)
        bundle = vega_bundle()
    except BaseException:
        while not queue_.empty():  # nothing to run: let the workers stop their kernels
            queue_.get_nowait()
        ready.set()
        raise
    ready.set()
    writer = threading.Thread(target=_exporter, args=(exports, bundle, done), daemon=True)
    writer.start()
    for th in threads:
        th.join()
    exports.put(None)
    writer.join()
    failed_years = {int(f.split("_")[2]) for f in result.failures if f.startswith("year_report_")}
    shown_unit = unit or catalog.unit
    assessments = pd.concat(
        [assess(catalog, observations, y, unit=shown_unit, explain=False) for y in years],
        ignore_index=True,
    )
    links = {
        y: f"year_report_{y}_{lang}.html"
        for y in years
        if (out / f"year_report_{y}_{lang}.html").exists()
    }
    term_link = (
        f"term_review_{lang}.html"
        if term_notebook and (out / f"term_review_{lang}.html").exists()
        else None
    )
    raw_dir = Path(raw) if raw is not None else config.RAW_DIR
    raw_dir = raw_dir.parent if raw_dir.is_file() else raw_dir
    sources = _data_files([catalog.path, *[raw_dir / f for f in cleaned.files["file"]]])
    built_at = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    page = index_html(assessments, links, term_link, catalog, lang=lang, built_at=built_at, sources=sources,
                      failed=failed_years, unit=shown_unit)  # fmt: skip
    result.index = atomic_write_text(
        out / ("index.html" if lang == "vi" else f"index_{lang}.html"), page
    )
    result.seconds = time.perf_counter() - start
    if result.failures and not continue_on_error:
        raise ReportError("report(s) failed:\n  - " + "\n  - ".join(result.failures))
    return result


def _progress(total: int, show: bool) -> Callable[[str, str | None], None]:
    if not show:
        return lambda name, error: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="reports", unit="report", file=sys.stderr)

    def step(name: str, error: str | None) -> None:
        bar.set_postfix_str(name + (" FAILED" if error else ""))
        bar.update(1)
        if bar.n == total:
            bar.close()

    return step
