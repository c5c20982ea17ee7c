"""The reports built through Dask: a real scheduler and two workers started as a user would
(``dask scheduler``, ``dask worker``), a worker killed in the middle of a report, and the
warm kernel each worker keeps."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ward_analysis.build.cluster import kernels_started
from ward_analysis.build.run import build_reports

pytestmark = pytest.mark.slow

DASK = str(Path(sys.executable).parent / "dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes on localhost (one thread each),
    stopped after the module's tests."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    quiet = {"stdout": subprocess.DEVNULL}
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stderr=(logs / "scheduler.log").open("w"),
                              **quiet)]  # fmt: skip
    for i in range(2):
        procs.append(subprocess.Popen(
            [DASK, "worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"w{i}",
             "--local-directory", str(logs / f"w{i}")],
            stderr=(logs / f"worker{i}.log").open("w"), **quiet))  # fmt: skip
    client = Client(address, timeout=60)
    try:
        client.wait_for_workers(2, timeout=60)
        yield address, client
    finally:
        client.close()
        for p in reversed(procs):  # the workers' kernels follow their parent (ipykernel)
            p.kill()
        for p in procs:
            p.wait(timeout=20)


def test_reports_are_built_through_a_running_scheduler_and_its_workers(scheduler, tmp_path):
    address, client = scheduler
    workers = set(client.scheduler_info()["workers"])
    result = build_reports([2022, 2023], out=tmp_path / "r", processed=tmp_path / "p",
                           scheduler=address, progress=False)  # fmt: skip
    assert result.ok and len(result.built) == 3  # two years and the term review
    assert set(result.workers.values()) <= workers  # built by the cluster's workers
    for name in ("year_report_2022_vi", "year_report_2023_vi", "term_review_vi"):
        page = (tmp_path / "r" / f"{name}.html").read_text(encoding="utf-8")
        assert "vega-embed" in page.lower() and (tmp_path / "r" / f"{name}.key.json").is_file()
    # each worker kept its kernel: no more kernels started than workers
    started = client.run(kernels_started)
    assert all(n == 1 for n in started.values()), started


def test_the_scheduler_can_be_named_by_the_environment(scheduler, tmp_path, monkeypatch):
    address, _ = scheduler
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", address)
    result = build_reports([2023], out=tmp_path / "r", processed=tmp_path / "p",
                           term_notebook=None, progress=False)  # fmt: skip
    assert result.ok and result.built and all(w.startswith("tcp://127.0.0.1") for w in result.workers.values())  # fmt: skip


def test_a_report_on_a_worker_that_is_killed_is_built_by_another(scheduler, tmp_path):
    """SIGKILL the worker process running a report, mid-report: the scheduler gives the
    report to the other worker (the nanny starts a new worker, with a new warm kernel)."""
    address, client = scheduler
    killed: dict[str, object] = {}

    def kill_when_busy() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = {w: ts for w, ts in client.processing().items() if ts}
            running = [w for w, ts in busy.items() if any("ward-report" in str(t) for t in ts)]
            if running:
                time.sleep(0.5)  # well inside the report (a report takes more than a second)
                worker = running[0]
                killed["tasks"] = list(client.processing()[worker])
                pid = client.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)
                killed["worker"] = worker
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=kill_when_busy)
    watcher.start()
    result = build_reports([2021, 2022, 2023], out=tmp_path / "r", processed=tmp_path / "p",
                           term_notebook=None, progress=False, scheduler=address)  # fmt: skip
    watcher.join()
    assert killed.get("worker"), "no report was seen running"
    assert result.ok, result.failures
    assert len(result.built) == 3
    # the report that was on the killed worker was finished by another worker
    lost = {name for name, w in result.workers.items() if w == killed["worker"]}
    assert not lost
    client.wait_for_workers(2, timeout=60)  # the nanny brought the worker back


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    from ward_analysis.build import cluster
    from ward_analysis.errors import WardAnalysisError

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 3)  # nothing listens: no need to wait 30 s
    port = _free_port()
    with pytest.raises(WardAnalysisError, match="could not reach the Dask scheduler"):
        build_reports([2023], out=tmp_path / "r", processed=tmp_path / "p", term_notebook=None,
                      scheduler=f"tcp://127.0.0.1:{port}", progress=False)  # fmt: skip


def test_a_dead_kernel_is_replaced_by_the_worker_plugin(tmp_path):
    """The plugin on its own, as a worker uses it: its kernel killed between two reports, the
    next report gets a new one."""
    from ward_analysis.build.cluster import WarmKernel

    plugin = WarmKernel()
    plugin.setup()
    try:
        km = plugin.kernel()
        assert km.is_alive() and plugin.started == 1
        os.kill(km.provisioner.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        again = plugin.kernel()
        assert again is not km and again.is_alive() and plugin.started == 2
    finally:
        plugin.teardown()
    assert not again.has_kernel  # torn down with the worker
