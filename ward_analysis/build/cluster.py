"""Where the report notebooks run: Dask distributed, embedded by default, a cluster on request.

- :func:`connect` gives a Dask ``Client``: by default on an in-process ``LocalCluster`` (one
  worker process per job, one thread each; no server to run); with ``scheduler`` (or the
  ``DASK_SCHEDULER_ADDRESS`` variable) on a running cluster (``tcp://host:8786``), unchanged.
  Workers must run this package's environment and see the same files (a shared folder):
  the jobs carry paths, not data.
- :class:`WarmKernel` is a worker plugin: each worker starts one Python kernel as soon as it
  joins (the imports of the notebooks paid once), runs its reports in it one after another,
  its namespace reset in between, and replaces it when it dies.
- :func:`run_report` is the task: one notebook run in the worker's kernel, exported to
  self-contained HTML, its downloads written, all atomically; a failing cell is the report's
  failure (returned, not raised: it is not retried). A worker that dies mid-report is not:
  the scheduler gives the report to another worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import WardAnalysisError
from .kernels import KERNEL_TIMEOUT, release_clients, start_warm_kernel, wait_ready

log = logging.getLogger("ward_analysis")

#: The plugin's name on each worker.
PLUGIN = "ward-analysis-kernel"
#: The variable naming a running scheduler (as Dask itself reads it).
SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"
_RESET = "get_ipython().run_line_magic('reset', '-f')"
#: Seconds a build waits for a running scheduler to have a worker.
WORKERS_TIMEOUT = 60
#: Seconds a build tries to reach a scheduler it is given.
CONNECT_TIMEOUT = 30


@dataclass(frozen=True)
class Outcome:
    """What one report task did: its name, the failure (where, why) or None, the seconds it
    took and the worker that ran it."""

    name: str
    where: str | None = None
    error: str | None = None
    seconds: float = 0.0
    worker: str = ""


class WarmKernel(WorkerPlugin):
    """A Dask worker plugin: the worker's report kernel (see the module notes).

    Started in a thread when the plugin is set up, so the worker joins at once and the
    kernel boots meanwhile; :meth:`kernel` waits for it. One report at a time uses it (a
    lock: a worker given several threads still runs its reports one by one)."""

    name = PLUGIN

    def __init__(self, kernel_name: str = "python3", *, embedded: bool = False):
        self.kernel_name = kernel_name
        #: On the embedded cluster's workers, Ctrl-C is the build's to handle (it stops the
        #: workers), not each worker's: a terminal sends it to every process of the group.
        self.embedded = embedded
        self.stopping = False
        self._km = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.started = 0  # kernels started by this plugin (the first, and replacements)

    def __getstate__(self) -> dict:  # sent to the workers before setup: its settings only
        return {"kernel_name": self.kernel_name, "embedded": self.embedded}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["kernel_name"], embedded=state["embedded"])

    def setup(self, worker=None) -> None:
        if self.embedded and threading.current_thread() is threading.main_thread():
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)
        self._thread = threading.Thread(target=self._start, name="ward-kernel-start", daemon=True)
        self._thread.start()

    def teardown(self, worker=None) -> None:
        if self._thread is not None:
            self._thread.join(KERNEL_TIMEOUT)
        self._shut_down()

    def _start(self) -> None:
        try:
            self._km, self._error = start_warm_kernel(self.kernel_name), None
            self.started += 1
        except Exception as exc:
            self._km, self._error = None, exc

    def _shut_down(self) -> None:
        km, self._km = self._km, None
        try:
            if km is not None and km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception as exc:  # already gone
            log.info("could not shut down a kernel cleanly: %s", exc)

    def stop(self) -> None:
        """The build was interrupted: shut the kernel down now (a notebook running in it ends
        with it) and start no other."""
        self.stopping = True
        self._shut_down()

    def kernel(self):
        """The worker's kernel, started (waits for the first start); a dead one is replaced.
        Raises ``RuntimeError`` naming why no kernel could start."""
        if self._thread is not None:
            self._thread.join()
        if self.stopping:
            raise RuntimeError("the build was interrupted")
        if self._km is None or not self._km.is_alive():
            self.replace()
        if self._km is None:
            raise RuntimeError(f"could not start a Python kernel ({self._error})")
        return self._km

    def replace(self) -> None:
        """Shut the kernel down (whatever state it is in) and start a new one."""
        self._shut_down()
        self._start()


class CellError(Exception):
    """A cell of a report notebook failed: its execution count, the error's name and value."""

    def __init__(self, exec_count: int | None, ename: str, evalue: str):
        super().__init__(f"{ename}: {evalue}")
        self.exec_count, self.ename, self.evalue = exec_count, ename, evalue


def _execute(notebook_path, parameters: dict, km, after: str | None = None):
    """Run a notebook with its parameters in ``km``'s kernel, from a clean namespace: Papermill
    writes the parameters in (``parameterize_notebook``), nbclient runs the cells one by one
    (Papermill's own runner also serialises the whole notebook, about 0.25 s a report, to write
    it nowhere). ``after``: code run in the same kernel once the notebook has run (the
    downloads, from the report the notebook made), not kept in the executed notebook; its
    error is raised as ``AfterError``. Raises :class:`CellError` for a failing cell and
    ``RuntimeError`` when the kernel dies or does not answer before a cell ran."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    notebook = load_notebook_node(str(notebook_path))  # as Papermill's own runner reads it
    notebook = parameterize_notebook(notebook, parameters)
    cells = [nbformat.v4.new_code_cell(_RESET, id="ward-reset"), *notebook.cells]
    if after:
        cells.append(nbformat.v4.new_code_cell(after, id="ward-after"))
    notebook.cells = cells
    client = NotebookClient(
        notebook,
        km=km,
        timeout=None,
        startup_timeout=KERNEL_TIMEOUT,
        resources={"metadata": {"path": str(os.path.dirname(notebook_path))}},
    )
    after_error = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    if cell.get("id") != "ward-after":
                        raise CellError(
                            cell.get("execution_count"), exc.ename, exc.evalue
                        ) from None
                    after_error = f"{exc.ename}: {exc.evalue}"
    finally:
        release_clients(km)
    notebook.cells = [c for c in notebook.cells if c.get("id") not in ("ward-reset", "ward-after")]
    if after_error is not None:
        raise AfterError(after_error, notebook)
    return notebook


class AfterError(Exception):
    """The code run after a notebook (its downloads) failed: ``args`` are the error and the
    executed notebook, whose page stands."""


def _downloads_code(job) -> str:
    """What the kernel runs after a year report's notebook: its downloads, from the report
    the notebook made (not made twice)."""
    return (
        "from ward_analysis.build.downloads import write_downloads_of as _ward_downloads\n"
        f"_ward_downloads(globals(), {job.parameters!r}, {str(job.html.parent)!r})"
    )


def _kernel_trouble(exc: BaseException) -> bool:
    """A kernel that died or did not answer before any cell ran (not an error in a cell)."""
    return isinstance(exc, RuntimeError) and getattr(exc, "exec_count", None) is None


def _cell_failure(exc: BaseException) -> tuple[str, str]:  # CellError, or the kernel's
    cell = getattr(exc, "exec_count", None)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return (f"cell {cell}" if cell is not None else "setup"), f"{ename}: {evalue}"


def run_report(job) -> Outcome:
    """The task: build one report (a :class:`~ward_analysis.build.run.Job`) in this worker's
    kernel — run, export, downloads — and write its files atomically (module notes)."""
    import nbformat
    from distributed import get_worker

    from ..io import atomic_write_bytes, atomic_write_text
    from .export import export_html, html_exporter, vega_bundle

    start = time.perf_counter()
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN)
    if plugin is None:
        raise WardAnalysisError(f"worker {worker.address} has no {PLUGIN} plugin")
    name = worker.address

    def outcome(where=None, error=None) -> Outcome:
        return Outcome(job.name, where, error, time.perf_counter() - start, name)

    after = _downloads_code(job) if job.year is not None else None
    downloads_error = None
    with plugin.lock:
        executed = None
        for attempt in (1, 2):
            try:
                km = plugin.kernel()
                wait_ready(km, KERNEL_TIMEOUT)
                try:
                    executed = _execute(str(job.notebook), job.parameters, km, after)
                except AfterError as exc:  # the notebook ran; its downloads did not
                    downloads_error, executed = exc.args
                break
            except Exception as exc:  # one report failing must not stop the others
                if plugin.stopping:
                    return outcome("interrupted", "the build was interrupted")
                if attempt == 1 and _kernel_trouble(exc):
                    log.warning("%s: %s; starting a new kernel and trying again", job.name, exc)
                    plugin.replace()
                    continue
                return outcome(*_cell_failure(exc))
    try:
        atomic_write_text(job.executed, nbformat.writes(executed))
        page = export_html(executed, vega_bundle(), _exporter(html_exporter))
        atomic_write_bytes(job.html, page.encode("utf-8"))
    except Exception as exc:
        return outcome("export", f"{type(exc).__name__}: {exc}")
    if downloads_error is not None:  # the page stands; its downloads failed, by name
        return outcome("downloads", downloads_error)
    return outcome()


def _stop_kernel(dask_worker) -> None:
    """On a worker (``Client.run`` passes it): shut its report kernel down (the build was
    interrupted)."""
    plugin = dask_worker.plugins.get(PLUGIN)
    if plugin is not None:
        plugin.stop()


def kernels_started(dask_worker) -> int:
    """On a worker (``client.run(kernels_started)``): how many report kernels it has started
    (1 while its first kernel lives)."""
    plugin = dask_worker.plugins.get(PLUGIN)
    return 0 if plugin is None else plugin.started


_EXPORTER: list = []


def _exporter(make):
    """One HTML exporter per worker process (its templates are read once)."""
    if not _EXPORTER:
        _EXPORTER.append(make())
    return _EXPORTER[0]


def scheduler_address(scheduler: str | None) -> str | None:
    """The scheduler to use: ``scheduler`` as given, else ``DASK_SCHEDULER_ADDRESS``, else
    None (an embedded cluster)."""
    return scheduler or os.environ.get(SCHEDULER_VARIABLE) or None


class Starter:
    """Starts :func:`connect` in the background, so that the workers and their kernels boot
    while the data are cleaned; :meth:`client` waits for it (starting it if nobody did),
    :meth:`close` closes what was started (an embedded cluster and its kernels)."""

    def __init__(self, scheduler: str | None = None, *, workers: int = 2):
        self.scheduler, self.workers = scheduler, workers
        self._thread: threading.Thread | None = None
        self._stack = contextlib.ExitStack()
        self._client = None
        self._error: BaseException | None = None

    def start(self) -> Starter:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ward-cluster", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._client = self._stack.enter_context(connect(self.scheduler, workers=self.workers))
        except BaseException as exc:  # raised in the caller's thread by client()
            self._error = exc

    @property
    def started(self) -> bool:
        return self._thread is not None

    def client(self):
        self.start()
        while self._thread.is_alive():  # in short steps: Ctrl-C is felt at once
            self._thread.join(0.2)
        if self._error is not None:
            raise self._error
        return self._client

    def interrupt(self, timeout: float = 10) -> None:
        """Ctrl-C: every worker shuts its kernel down at once (the reports running end),
        so that the workers stop quickly."""
        if self._thread is None or self._thread.is_alive() or self._client is None:
            return
        done = threading.Thread(target=self._stop_kernels, daemon=True)
        done.start()
        done.join(timeout)

    def _stop_kernels(self) -> None:
        try:
            self._client.run(_stop_kernel)
        except Exception as exc:  # a worker gone already: nothing to stop there
            log.info("could not stop every kernel: %s", exc)

    def close(self) -> None:
        if self._thread is not None:
            while self._thread.is_alive():
                self._thread.join(0.2)
        self._stack.close()

    def __enter__(self) -> Starter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def _main_not_reimported() -> Iterator[None]:
    """While the embedded cluster lives, its worker processes (started by ``spawn``) do not
    import the caller's main script again: a script that builds reports at its top level,
    with no ``if __name__ == "__main__":``, would otherwise run again in every worker and
    fail. The workers need nothing of it (the tasks are this package's functions)."""
    import sys

    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
    for k in saved:
        if k == "__file__":
            del main.__dict__[k]
        else:
            main.__dict__[k] = None
    try:
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


@contextlib.contextmanager
def connect(
    scheduler: str | None = None, *, workers: int = 2, kernel_name: str = "python3"
) -> Iterator:
    """A Dask client with :class:`WarmKernel` on every worker (module notes). The embedded
    cluster (``workers`` processes, one thread each) is closed on the way out, its kernels
    shut down; a given cluster is left running."""
    from distributed import Client, LocalCluster

    address = scheduler_address(scheduler)
    cluster = None
    stack = contextlib.ExitStack()
    if not log.isEnabledFor(logging.DEBUG):  # Dask's own news of its workers: only with -v
        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        if address:
            try:
                client = Client(address, timeout=CONNECT_TIMEOUT)
            except OSError as exc:
                raise WardAnalysisError(
                    f"could not reach the Dask scheduler at {address} ({exc}); start it with "
                    "'dask scheduler', or leave out --scheduler to build on this machine"
                ) from None
            try:
                client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
            except (TimeoutError, OSError):
                client.close()
                raise WardAnalysisError(
                    f"the Dask scheduler at {address} has no workers (none joined in "
                    f"{WORKERS_TIMEOUT} s); start some with 'dask worker {address} --nthreads 1'"
                ) from None
        else:
            stack.enter_context(_main_not_reimported())
            stack.enter_context(warnings.catch_warnings())
            # its HTTP server on a free port: another cluster on this machine is no concern
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",
                # the workers' own news (a heartbeat lost while the cluster closes…): only with -v;
                # a report's failure reaches the build as its task's outcome
                silence_logs=logging.ERROR if log.isEnabledFor(logging.DEBUG) else logging.CRITICAL,
                scheduler_port=0,
                host="127.0.0.1",
            )
            client = Client(cluster)
        client.register_plugin(WarmKernel(kernel_name, embedded=cluster is not None), name=PLUGIN)
    except BaseException:
        if cluster is not None:
            cluster.close()
        stack.close()
        raise
    try:
        yield client
    finally:
        try:
            client.close()
        finally:
            if cluster is not None:
                cluster.close()
            stack.close()
