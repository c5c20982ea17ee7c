"""Stand-ins for the Dask layer, so that a build's logic runs in this process: the report
task (``cluster.run_report``) runs at once when submitted, on a stand-in worker whose plugin
holds a stand-in kernel; the notebooks themselves are replaced by the tests that use these."""

from __future__ import annotations

import concurrent.futures
from typing import ClassVar

import distributed

from ward_analysis.build import cluster


class FakeKernel:
    """Stands for a started kernel; the notebooks are not run (``_execute`` is replaced)."""

    kernel_name = "python3"

    def __init__(self):
        self.has_kernel = True

    def shutdown_kernel(self, now: bool = False) -> None:
        self.has_kernel = False

    def is_alive(self) -> bool:
        return self.has_kernel


class FakePlugin:
    def __init__(self, km):
        import threading

        self.km, self.lock, self.started = km, threading.Lock(), 1
        self.stopping = False

    def kernel(self):
        return self.km

    def replace(self):
        self.km = FakeKernel()
        self.started += 1


class FakeWorker:
    address = "inproc://fake-worker"

    def __init__(self, plugin):
        self.plugins = {cluster.PLUGIN: plugin}


class FakeClient:
    """Runs each submitted task at once, in this thread; futures already done."""

    def __init__(self):
        self.submitted: list[str] = []

    def submit(self, fn, *args, key=None, pure=True, **kwargs):
        self.submitted.append(key)
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def as_completed(self, futures):
        return iter(list(futures))

    def cancel(self, futures):
        pass


class FakeStarter:
    """A :class:`cluster.Starter` whose client is a :class:`FakeClient`; records its use."""

    instances: ClassVar[list] = []

    def __init__(self, scheduler=None, *, workers=2):
        self.scheduler, self.workers = scheduler, workers
        self.started = self.closed = self.interrupted = False
        self._client = FakeClient()
        FakeStarter.instances.append(self)

    def start(self):
        self.started = True
        return self

    def client(self):
        self.started = True
        return self._client

    def interrupt(self):
        self.interrupted = True

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def in_process(monkeypatch, km=None, plugin=None):
    """Builds run in this process (module notes), on a stand-in worker whose plugin is
    ``plugin`` (a real :class:`cluster.WarmKernel`, set up by the caller) or a stand-in
    holding ``km``. Returns the plugin."""
    plugin = plugin if plugin is not None else FakePlugin(km or FakeKernel())
    FakeStarter.instances = []
    monkeypatch.setattr(cluster, "Starter", FakeStarter)
    monkeypatch.setattr(distributed, "get_worker", lambda: FakeWorker(plugin))
    return plugin
