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
5. write ``index.html``: the status of every target by as-of year, linking to the reports —
   every report in the output folder (in that language and the term), not only those
   built now, so that building one year does not orphan the others.

Every file is replaced atomically; a report that fails keeps its previous HTML, and with
``continue_on_error`` the others still run; the failures are returned (report, cell, error).
Paths are made absolute on the way in (the notebooks run in their own folder). Ctrl-C
stops the build cleanly: no notebook starts, nothing more is written, the kernels are shut
down, this run's temporary files removed, and ``KeyboardInterrupt`` goes on to the caller.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ReportError, WardAnalysisError
from ..io import (
    atomic_write_bytes,
    atomic_write_text,
    check_writable,
    remove_stale_temp_files,
    user_path,
)
from ..model.assess import assess
from ..present.locale import get_locale
from ..present.page import file_hashes
from ..present.pages import index_name, report_stem
from ..read.catalog import load_catalog
from ..read.cleaning import CleanResult, clean
from ..read.observations import load_observations
from ..read.overrides import default_overrides_path, load_overrides
from .export import export_html, html_exporter, vega_bundle
from .index import index_html
from .kernels import KERNEL_TIMEOUT, new_kernel_manager, release_clients, wait_ready
from .parameters import declared, notebook_parameters

log = logging.getLogger("ward_analysis")

YEAR_NOTEBOOK = config.NOTEBOOKS_DIR / "year_report.ipynb"
TERM_NOTEBOOK = config.NOTEBOOKS_DIR / "term_review.ipynb"
_RESET = "get_ipython().run_line_magic('reset', '-f')"
#: Seconds an interrupted build waits for each of its threads to stop.
_STOP_WAIT = 10
#: Loggers silenced while an interrupted build stops ("Kernel died while waiting for execute
#: reply": the kernels it shuts down on purpose).
_QUIET_WHEN_STOPPED = ("papermill", "traitlets", "nbclient")


@dataclass(frozen=True)
class Job:
    """One report to build: a notebook, its parameters, and where its outputs go."""

    name: str
    notebook: Path
    parameters: dict
    html: Path
    executed: Path
    year: int | None = None  # None: the term review


@dataclass(frozen=True)
class Failure:
    """A report that could not be built: which, where (``cell N``, ``setup``, ``export``), why."""

    report: str
    year: int | None
    where: str
    error: str

    def __str__(self) -> str:
        return f"{self.report}: {self.where}: {self.error}".strip()


@dataclass
class BuildResult:
    """What a build did: the reports written, the failures, the index, the time taken."""

    built: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0
    cleaned: CleanResult | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Stop:
    """What the threads of one build share for Ctrl-C: whether the user interrupted it, and
    the kernels in use, which the interrupt shuts down (a kernel started after that is shut
    down as it is registered)."""

    event: threading.Event = field(default_factory=threading.Event)
    kernels: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def is_set(self) -> bool:
        return self.event.is_set()

    def use(self, km) -> None:
        with self.lock:
            self.kernels.append(km)
            stopped = self.event.is_set()
        if stopped:
            _shut_down(km)

    def set(self) -> None:
        with self.lock:
            self.event.set()
            kernels = list(self.kernels)
        for km in kernels:
            _shut_down(km)


def _shut_down(km) -> None:
    """Shut a kernel down now, whatever state it (or another thread using it) is in."""
    try:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    except Exception as exc:  # already gone, or being shut down by its worker
        log.info("could not shut down a kernel cleanly: %s", exc)


def _check(years, lang, jobs, out: Path, notebooks: list[Path], catalog) -> list[int]:
    years = catalog.years_in_term(years)
    get_locale(lang)  # an unknown language is an error naming it
    if not isinstance(jobs, int) or jobs < 1:
        raise WardAnalysisError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    for nb in notebooks:
        if not nb.exists():
            raise WardAnalysisError(f"{nb}: notebook not found")
    check_writable(out, "reports")
    return years


def _failure(job: Job, exc: BaseException) -> Failure:
    cell = getattr(exc, "exec_count", None)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    where = f"cell {cell}" if cell is not None else "setup"
    return Failure(job.name, job.year, where, f"{ename}: {evalue}")


def _worker(
    jobs: queue.Queue,
    exports: queue.Queue,
    fail: Callable[[Job, Failure], None],
    ready: threading.Event,
    km=None,
    stop: _Stop | None = None,
) -> None:
    """Run jobs from the queue in one kernel of our own, its namespace cleared between notebooks;
    hand each executed notebook to the exporter so that the kernel never waits for it.
    The kernel starts at once and the first notebook waits for ``ready`` (the data cleaned).
    A kernel that died or stopped answering before a notebook ran is replaced, and that
    report tried once more; if no kernel can start, each report fails by name. Once ``stop``
    is set (Ctrl-C) no notebook starts, and the one running ends with its kernel."""
    stop = stop or _Stop()
    km = km or new_kernel_manager()
    stop.use(km)
    try:
        broken, checked = None, None
        if not km.has_kernel and not stop.is_set():
            try:
                km.start_kernel()
            except Exception as exc:  # no kernel: every report it takes fails, none is lost
                broken = _no_kernel(exc)
        ready.wait()
        while not stop.is_set():
            try:
                job = jobs.get_nowait()
            except queue.Empty:
                return
            for attempt in (1, 2):
                if broken:
                    fail(job, Failure(job.name, job.year, "setup", broken))
                    break
                try:
                    if km is not checked:  # a new kernel: answering, and idle (see kernels)
                        wait_ready(km, KERNEL_TIMEOUT)
                        checked = km
                    exports.put((job, _execute(job, km)))
                except Exception as exc:  # one report failing must not stop the others
                    if stop.is_set():  # interrupted: its kernel was shut down under it
                        return
                    if attempt == 1 and _kernel_trouble(exc):
                        log.warning("%s: %s; starting a new kernel and trying again", job.name, exc)
                        try:
                            km = _fresh_kernel(km)
                            stop.use(km)
                        except Exception as start_exc:
                            broken = _no_kernel(start_exc)
                        continue
                    fail(job, _failure(job, exc))
                break
    finally:
        _shut_down(km)


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
    return f"could not start a Python kernel ({type(exc).__name__}: {exc})"


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


def _exporter(
    exports: queue.Queue,
    bundle: str,
    done: Callable[[Job, Failure | None], None],
    stop: _Stop | None = None,
) -> None:
    """Write each executed notebook and its HTML page (atomically), until told to stop;
    nothing once the build is interrupted."""
    import nbformat

    exporter = html_exporter()
    while (item := exports.get()) is not None:
        if stop is not None and stop.is_set():
            continue
        job, executed = item
        try:
            atomic_write_text(job.executed, nbformat.writes(executed))
            atomic_write_bytes(job.html, export_html(executed, bundle, exporter).encode("utf-8"))
            done(job, None)
        except Exception as exc:
            done(job, Failure(job.name, job.year, "export", f"{type(exc).__name__}: {exc}"))


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
    overrides: str | Path | None = None,
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
    ``data/processed/``); ``unit``: the ward shown (default the catalog's); ``overrides``:
    analysts' overrides of a status (default ``data/raw/overrides.yaml`` when it exists and
    the catalog is the shipped one), checked before any notebook runs. ``kernels``:
    started ``KernelManager``s to use (the CLI starts them before its imports); by default
    each worker starts its own. Relative paths are taken from the current folder.
    """
    start = time.perf_counter()
    out = user_path(out) if out is not None else config.REPORTS_DIR
    if isinstance(raw, list | tuple):
        raw = [user_path(p) for p in raw]
    elif raw is not None:
        raw = user_path(raw)
    catalog = load_catalog(user_path(catalog_path) if catalog_path is not None else None)
    notebooks = [user_path(year_notebook)] + ([user_path(term_notebook)] if term_notebook else [])
    years = _check(years, lang, jobs, out, notebooks, catalog)
    overrides_path = (
        user_path(overrides) if overrides is not None else default_overrides_path(catalog.path)
    )
    override_table = load_overrides(overrides_path, catalog=catalog) if overrides_path else None
    processed = user_path(processed) if processed is not None else config.PROCESSED_DIR
    obs_path, rej_path = processed / "observations.csv", processed / "rejects.csv"
    common = dict(lang=lang, unit=unit, observations_path=obs_path, catalog_path=catalog.path)
    check_writable(processed)
    for stale in remove_stale_temp_files(out):  # clean() clears those in ``processed``
        log.info("removed %s, left by a run that was stopped before it finished", stale)
    todo: list[Job] = []
    for year in years:
        stem = report_stem(lang, year)
        params = notebook_parameters(notebooks[0], year=year, rejects_path=rej_path, **common,
                                     **_overrides_parameter(notebooks[0], overrides_path))  # fmt: skip
        todo.append(
            Job(stem, notebooks[0], params, out / f"{stem}.html", out / f"{stem}.ipynb", year)
        )
    if term_notebook:  # the longest: first, so that the workers finish together
        stem = report_stem(lang)
        params = notebook_parameters(
            notebooks[1], **common, **_overrides_parameter(notebooks[1], overrides_path)
        )
        todo.insert(0, Job(stem, notebooks[1], params, out / f"{stem}.html", out / f"{stem}.ipynb"))
    result = BuildResult()
    queue_: queue.Queue = queue.Queue()
    for job in todo:
        queue_.put(job)
    step, abandon = _progress(len(todo), progress)
    lock = threading.Lock()
    stop = _Stop()

    def done(job: Job, error: Failure | None) -> None:
        with lock:
            if stop.is_set():  # interrupted: what ends now is not a failure of its own
                return
            if error:
                result.failures.append(error)
                log.error("%s failed: %s", job.name, error)
            else:
                result.built.append(job.html)
                log.info("built %s and %s", job.html, job.executed.name)
            step(job.name, error)

    # kernels start now and boot while the data are cleaned
    ready = threading.Event()
    exports: queue.Queue = queue.Queue()
    given = list(kernels or [])
    threads = [
        threading.Thread(
            target=_worker,
            args=(queue_, exports, done, ready, given[i] if i < len(given) else None, stop),
            daemon=True,
        )
        for i in range(min(jobs, len(todo)))
    ]
    writer = None
    try:
        for th in threads:
            th.start()
        try:
            result.cleaned = clean(raw, processed, catalog, unit=unit)
            observations = load_observations(obs_path, catalog=catalog)
            bundle = vega_bundle()
        except Exception:
            _drain(queue_)  # nothing to run: let the workers stop their kernels
            ready.set()
            raise
        ready.set()
        writer = threading.Thread(target=_exporter, args=(exports, bundle, done, stop), daemon=True)
        writer.start()
        for th in threads:
            _join(th)
        exports.put(None)
        _join(writer)
    except KeyboardInterrupt:
        _interrupted(stop, queue_, ready, exports, [*threads, writer], abandon, [out, processed])
        raise
    from .downloads import write_year_downloads  # here: the command's early imports stay light

    for job in todo:  # each year report built gets its downloads (CSV, XLSX, DOCX) beside it
        if job.year is None or job.html not in result.built:
            continue
        try:
            write_year_downloads(job.parameters, job.html.parent)
        except Exception as exc:  # the page stands; its downloads failed, by name
            failure = Failure(job.name, job.year, "downloads", f"{type(exc).__name__}: {exc}")
            result.failures.append(failure)
            log.error("%s failed: %s", job.name, failure)
    # a year whose page exists but whose downloads failed is listed among the failures, not
    # marked failed in the index
    failed_years = {
        f.year for f in result.failures if f.year is not None and f.where != "downloads"
    }
    shown_unit = unit or catalog.unit
    # every report of the folder, not only those built now (one year must not orphan the others)
    shown = sorted(set(years) | _present_years(out, lang, catalog))
    assessments = pd.concat(
        [
            assess(catalog, observations, y, unit=shown_unit, overrides=override_table)
            for y in shown
        ],
        ignore_index=True,
    )
    links = {
        y: f"{report_stem(lang, y)}.html"
        for y in shown
        if (out / f"{report_stem(lang, y)}.html").exists()
    }
    term_stem = report_stem(lang)
    term_link = f"{term_stem}.html" if (out / f"{term_stem}.html").exists() else None
    sources = file_hashes([catalog.path, *result.cleaned.read_paths,
                          *([overrides_path] if overrides_path else [])])  # fmt: skip
    page = index_html(assessments, links, term_link, catalog, lang=lang, sources=sources,
                      failed=failed_years, unit=shown_unit)  # fmt: skip
    result.index = atomic_write_text(out / index_name(lang), page)
    result.seconds = time.perf_counter() - start
    if result.failures and not continue_on_error:
        raise ReportError("report(s) failed:\n  - " + "\n  - ".join(map(str, result.failures)))
    return result


def _present_years(out: Path, lang: str, catalog) -> set[int]:
    """The years of the term whose report (in ``lang``) is in ``out``."""
    first, last = catalog.term
    return {y for y in range(first, last + 1) if (out / f"{report_stem(lang, y)}.html").is_file()}


def _drain(jobs: queue.Queue) -> None:
    while True:
        try:
            jobs.get_nowait()
        except queue.Empty:
            return


def _join(thread: threading.Thread | None) -> None:
    """Wait for a thread in short steps, so that Ctrl-C is felt at once (a plain ``join``
    may not wake for it)."""
    while thread is not None and thread.is_alive():
        thread.join(0.2)


def _interrupted(
    stop: _Stop,
    jobs: queue.Queue,
    ready: threading.Event,
    exports: queue.Queue,
    threads: list[threading.Thread | None],
    abandon: Callable[[], None],
    folders: list[Path],
) -> None:
    """Stop an interrupted build: no notebook starts and nothing more is written, the kernels
    are shut down, the threads stopped, the progress bar cleared and this run's temporary
    files removed (the complete files already written stay). A second Ctrl-C meanwhile is
    ignored, and so is what Papermill says of the kernels shut down under it."""
    quiet = [logging.getLogger(name) for name in _QUIET_WHEN_STOPPED]
    was = [logger.disabled for logger in quiet]
    with _ignoring_interrupts():
        for logger in quiet:
            logger.disabled = True
        stop.set()
        _drain(jobs)
        ready.set()
        exports.put(None)
        for th in threads:
            if th is not None and th.ident is not None:
                th.join(_STOP_WAIT)
        abandon()
        for folder in folders:
            remove_stale_temp_files(folder, this_run=True)
        if not any(th is not None and th.is_alive() for th in threads):
            for logger, disabled in zip(quiet, was, strict=True):
                logger.disabled = disabled


@contextlib.contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    """Ctrl-C does nothing inside (in the main thread; elsewhere signals cannot be set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _overrides_parameter(notebook: Path, path: Path | None) -> dict[str, object]:
    """The overrides file as a report parameter, for a notebook that declares one."""
    return {"overrides_path": path} if "overrides_path" in declared(notebook) else {}


def _progress(
    total: int, show: bool
) -> tuple[Callable[[str, Failure | None], None], Callable[[], None]]:
    """A progress bar: (advance it by one report, clear it away after an interrupt)."""
    if not show:
        return (lambda name, error: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, desc="reports", unit="report", file=sys.stderr)

    def step(name: str, error: Failure | None) -> None:
        bar.set_postfix_str(name + (" FAILED" if error else ""))
        bar.update(1)
        if bar.n == total:
            bar.close()

    def abandon() -> None:
        bar.leave = False  # closing then erases the bar's line
        bar.close()

    return step, abandon
