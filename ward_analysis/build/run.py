"""Build every report: clean the data, run the notebooks with Papermill, export offline HTML.

One call (``ward-analysis reports --raw … --catalog …`` / :func:`build_reports`) builds one
unit's reports; :mod:`.province` builds every unit of the registry with the same parts:

1. check the parameters before any notebook runs (years in the term, language, paths);
2. clean the yearly tables into ``data/processed/``;
3. give each report a key (:mod:`.keys`: notebook, parameters, data, code, template,
   environment) and leave out those whose page was built from the same key (``force``
   builds them all);
4. run the others on Dask (:mod:`.cluster`): an embedded ``LocalCluster`` by default, or the
   scheduler given; each worker runs its reports in its own warm kernel, exports each to
   self-contained HTML (Vega inlined: the pages open with no network) and writes a year
   report's downloads; the key is written beside each page built;
5. write ``index.html``: the status of every target by as-of year, linking to the reports —
   every report in the output folder (in that language and the term), not only those
   built now, so that building one year does not orphan the others.

Every file is replaced atomically; a report that fails keeps its previous HTML, and with
``continue_on_error`` the others still run; the failures are returned (report, cell, error).
Paths are made absolute on the way in (the notebooks run in their own folder). Ctrl-C
stops the build: the reports not started are cancelled, the embedded cluster and its kernels
shut down, the temporary files removed, and ``KeyboardInterrupt`` goes on to the caller.
"""

from __future__ import annotations

import contextlib
import logging
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
from ..io import atomic_write_text, check_writable, remove_stale_temp_files, user_path
from ..model.assess import assess
from ..present.locale import get_locale
from ..present.page import file_hashes
from ..present.pages import index_name, report_stem
from ..read.catalog import load_catalog
from ..read.cleaning import CleanResult, clean
from ..read.observations import load_observations
from ..read.overrides import default_overrides_path, load_overrides
from ..read.units import registry_of
from . import keys
from .index import index_html
from .parameters import declared, notebook_parameters

log = logging.getLogger("ward_analysis")

YEAR_NOTEBOOK = config.NOTEBOOKS_DIR / "year_report.ipynb"
TERM_NOTEBOOK = config.NOTEBOOKS_DIR / "term_review.ipynb"


@dataclass(frozen=True)
class Job:
    """One report to build: a notebook, its parameters, and where its outputs go."""

    name: str
    notebook: Path
    parameters: dict
    html: Path
    executed: Path
    year: int | None = None  # None: the term review
    #: Every file the report reads (observations, rejects, catalog, resolution, overrides).
    data_files: tuple[Path, ...] = ()


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
    #: Reports whose page was built from the same key already (not built again).
    current: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0
    #: Seconds each report took on its worker (run, export, downloads), by report name.
    timings: dict[str, float] = field(default_factory=dict)
    #: The worker (its address) that built each report, by report name.
    workers: dict[str, str] = field(default_factory=dict)
    cleaned: CleanResult | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


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


def run_jobs(
    todo: list[Job],
    *,
    jobs: int = 2,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
    result: BuildResult | None = None,
    starter=None,
) -> BuildResult:
    """Build the reports of ``todo`` whose key has changed (all with ``force``) on Dask
    (module notes); the others are listed in ``result.current``. Returns ``result`` (a new
    one by default) with the reports built and the failures. ``starter``: a
    :class:`.cluster.Starter` already booting (started early); by default one is started
    here when there is something to build. Either way it is closed before returning."""
    from .cluster import Starter, run_report

    starter = starter if starter is not None else Starter(scheduler, workers=jobs)
    result = result if result is not None else BuildResult()
    folders = sorted({job.html.parent for job in todo})
    try:
        with starter:
            return _run_jobs(todo, starter, force=force, progress=progress, result=result,
                             run_report=run_report)  # fmt: skip
    except KeyboardInterrupt:
        for folder in folders:  # the workers are gone: their temporary files can go
            remove_stale_temp_files(folder)
        raise


def split_current(todo: list[Job], force: bool = False) -> tuple[list[tuple[Job, dict]], list[Job]]:
    """The reports to build (each with its key) and those whose page was built from the same
    key already (none with ``force``)."""
    pending, current = [], []
    for job in todo:
        key = keys.report_key(job.notebook, job.parameters, list(job.data_files))
        if not force and keys.is_current(job.html, key):
            current.append(job)
        else:
            pending.append((job, key))
    return pending, current


def _run_jobs(todo, starter, *, force, progress, result, run_report) -> BuildResult:
    pending, current = split_current(todo, force)
    result.current += [job.html for job in current]
    if result.current:
        log.info("%d report(s) unchanged since they were built: not built again",
                 len(result.current))  # fmt: skip
    if not pending:
        return result
    from .export import vega_bundle

    vega_bundle()  # made once here, so the workers only read it
    step, abandon = _progress(len(pending), progress)
    try:
        client = starter.client()
        # a stand-in client (tests) brings its own as_completed; Dask's own otherwise
        as_completed = getattr(client, "as_completed", None)
        if as_completed is None:
            from distributed import as_completed

        futures = {
            client.submit(run_report, job, key=f"ward-report-{i}-{k['key'][:12]}",
                          pure=False): (job, k)
            for i, (job, k) in enumerate(pending)
        }  # fmt: skip
        try:
            for future in as_completed(futures):
                job, k = futures[future]
                failure = _outcome_failure(job, future, result.timings, result.workers)
                if failure is None or failure.where == "downloads":
                    result.built.append(job.html)
                    log.info("built %s and %s", job.html, job.executed.name)
                if failure is None:
                    keys.write_key(job.html, k)
                else:
                    result.failures.append(failure)
                    log.error("%s failed: %s", job.name, failure)
                step(job.name, failure)
        except BaseException:
            client.cancel(list(futures))
            raise
    except KeyboardInterrupt:
        with _ignoring_interrupts():  # a second Ctrl-C while the workers stop is ignored
            abandon()
            starter.interrupt()
            starter.close()
        raise
    return result


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


def _outcome_failure(
    job: Job, future, timings: dict[str, float], workers: dict[str, str]
) -> Failure | None:
    """The report's failure from its task: a failing cell, export or downloads (as the task
    returned it), or the task itself lost (workers that kept dying under it)."""
    try:
        outcome = future.result()
    except Exception as exc:  # KilledWorker, a lost scheduler…
        return Failure(job.name, job.year, "worker", f"{type(exc).__name__}: {exc}")
    timings[job.name] = outcome.seconds
    workers[job.name] = outcome.worker
    if outcome.where is None:
        return None
    return Failure(job.name, job.year, outcome.where, outcome.error or "")


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
    scheduler: str | None = None,
    force: bool = False,
) -> BuildResult:
    """Clean the data and build one unit's reports (see the module docstring). Returns what
    was built.

    Without ``continue_on_error`` the first failure raises :class:`ReportError`
    (after the running reports finish); with it, all reports are tried and the
    failures listed in the result. ``raw``, ``catalog_path``: the yearly tables and the
    catalog (default: the shipped ward's); ``processed``: where the cleaned tables go (default
    ``data/processed/``); ``unit``: the ward shown (default the catalog's); ``overrides``:
    analysts' overrides of a status (default ``overrides.yaml`` beside the shipped catalog),
    checked before any notebook runs. ``scheduler``: a Dask scheduler's address (default:
    ``DASK_SCHEDULER_ADDRESS``, else an embedded cluster of ``jobs`` workers). ``force``:
    build every report, even those whose key has not changed. Relative paths are taken
    from the current folder.
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
    check_writable(processed)
    for stale in remove_stale_temp_files(out):  # clean() clears those in ``processed``
        log.info("removed %s, left by a run that was stopped before it finished", stale)
    result = BuildResult()
    from .cluster import Starter

    starter = Starter(scheduler, workers=jobs).start()  # the workers boot while we clean
    try:  # until run_jobs has it, the cluster booting is closed here on any error or Ctrl-C
        result.cleaned = clean(raw, processed, catalog, unit=unit)
        todo = unit_jobs(catalog, years, lang=lang, out=out, processed=processed, unit=unit,
                         overrides_path=overrides_path, notebooks=notebooks)  # fmt: skip
    except BaseException:
        starter.close()
        raise
    run_jobs(todo, force=force, progress=progress, result=result, starter=starter)
    observations = load_observations(processed / "observations.csv", catalog=catalog)
    failed_years = {
        f.year for f in result.failures if f.year is not None and f.where != "downloads"
    }
    sources = file_hashes([catalog.path, *result.cleaned.read_paths,
                          *([overrides_path] if overrides_path else [])])  # fmt: skip
    result.index = write_unit_index(catalog, observations, years, out, lang=lang, unit=unit,
                                    overrides=override_table, sources=sources,
                                    failed=failed_years)  # fmt: skip
    result.seconds = time.perf_counter() - start
    if result.failures and not continue_on_error:
        raise ReportError("report(s) failed:\n  - " + "\n  - ".join(map(str, result.failures)))
    return result


def unit_jobs(
    catalog,
    years: list[int],
    *,
    lang: str,
    out: Path,
    processed: Path,
    unit: str | None,
    overrides_path: Path | None,
    notebooks: list[Path],
    term_review: bool = True,
    label: str | None = None,
    units_path: Path | None = None,
) -> list[Job]:
    """The reports of one unit: a year report for each of ``years``, and the term review
    (with ``term_review`` and a term notebook), from the cleaned tables in ``processed``.
    ``label``: the unit's folder, before each report's name (``chi_lang/year_report_…``).
    ``units_path``: the registry of units that names the units the catalog's targets compare
    with (default ``data/raw/units.yaml``); a page rests on it when the catalog has such
    targets."""
    named = (lambda stem: f"{label}/{stem}") if label else (lambda stem: stem)
    obs_path, rej_path = processed / "observations.csv", processed / "rejects.csv"
    common = dict(lang=lang, unit=unit, observations_path=obs_path, catalog_path=catalog.path)
    registry = registry_of(catalog, units_path)
    data = [obs_path, rej_path, catalog.path, *_resolution(catalog), overrides_path, registry]
    data_files = tuple(Path(p) for p in data if p is not None)
    todo: list[Job] = []
    if term_review and len(notebooks) > 1:  # the longest: first, so the workers finish together
        stem = report_stem(lang)
        params = notebook_parameters(
            notebooks[1], **common, **_overrides_parameter(notebooks[1], overrides_path),
            **_units_parameter(notebooks[1], units_path if registry else None),
        )  # fmt: skip
        todo.append(Job(named(stem), notebooks[1], params, out / f"{stem}.html",
                        out / f"{stem}.ipynb", None, data_files))  # fmt: skip
    for year in years:
        stem = report_stem(lang, year)
        params = notebook_parameters(notebooks[0], year=year, rejects_path=rej_path, **common,
                                     **_overrides_parameter(notebooks[0], overrides_path),
                                     **_units_parameter(notebooks[0], units_path if registry else None))  # fmt: skip
        todo.append(Job(named(stem), notebooks[0], params, out / f"{stem}.html",
                        out / f"{stem}.ipynb", year, data_files))  # fmt: skip
    return todo


def _resolution(catalog) -> list[Path]:
    """The resolution text a catalog quotes (read when it is loaded), if it has one."""
    source = catalog.header.source
    if catalog.path is None or not source:
        return []
    path = catalog.path.parent / source
    return [path] if path.is_file() else []


def write_unit_index(catalog, observations: pd.DataFrame, years: list[int], out: Path, *,
                     lang: str, unit: str | None, overrides, sources, failed: set[int],
                     up: str | None = None) -> Path:  # fmt: skip
    """The unit's index page in ``out``: every report of the folder in ``lang`` (those built
    now and earlier ones, so that one year built does not orphan the others)."""
    shown_unit = unit or catalog.unit
    shown = sorted(set(years) | _present_years(out, lang, catalog))
    assessments = pd.concat(
        [assess(catalog, observations, y, unit=shown_unit, overrides=overrides) for y in shown],
        ignore_index=True,
    )
    links = {
        y: f"{report_stem(lang, y)}.html"
        for y in shown
        if (out / f"{report_stem(lang, y)}.html").exists()
    }
    term_stem = report_stem(lang)
    term_link = f"{term_stem}.html" if (out / f"{term_stem}.html").exists() else None
    built = {name: keys.built_at(out / name) for name in [*links.values(), term_link] if name}
    page = index_html(assessments, links, term_link, catalog, lang=lang, sources=sources,
                      failed=failed, unit=shown_unit, pages_built=built, up=up)  # fmt: skip
    return atomic_write_text(out / index_name(lang), page)


def _present_years(out: Path, lang: str, catalog) -> set[int]:
    """The years of the term whose report (in ``lang``) is in ``out``."""
    first, last = catalog.term
    return {y for y in range(first, last + 1) if (out / f"{report_stem(lang, y)}.html").is_file()}


def _overrides_parameter(notebook: Path, path: Path | None) -> dict[str, object]:
    """The overrides file as a report parameter, for a notebook that declares one."""
    return {"overrides_path": path} if "overrides_path" in declared(notebook) else {}


def _units_parameter(notebook: Path, path: Path | None) -> dict[str, object]:
    """The registry of units as a report parameter, for a notebook that declares one (None:
    the notebook's default)."""
    return {"units_path": path} if path is not None and "units_path" in declared(notebook) else {}


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
