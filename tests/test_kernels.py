"""Report kernels: private Unix sockets, a warm-up answered before Papermill's client starts,
and a quiet command-line run."""

import logging
import os
import queue
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ward_analysis.build import kernels
from ward_analysis.build.kernels import await_reply, new_kernel_manager, wait_ready


class FakeClient:
    """Hands out the shell messages it was given, then says there are none (at once)."""

    def __init__(self, parents: list[str]):
        self.messages = [{"parent_header": {"msg_id": p}} for p in parents]
        self.waits: list[float] = []

    def get_shell_msg(self, timeout: float):
        self.waits.append(timeout)
        if not self.messages:
            raise queue.Empty
        return self.messages.pop(0)


def test_await_reply_skips_other_replies_until_its_own():
    client = FakeClient(["other", "", "mine", "later"])
    assert await_reply(client, "mine", timeout=5) is True
    assert client.messages == [{"parent_header": {"msg_id": "later"}}]  # not read past its own


def test_await_reply_without_an_answer_is_false_and_waits_in_short_slices():
    client = FakeClient(["other"])
    assert await_reply(client, "mine", timeout=0.05) is False
    assert max(client.waits) <= 1.0  # a dead kernel is noticed within a second


def test_await_reply_stops_waiting_when_the_kernel_is_gone():
    calls: list[float] = []

    def alive() -> bool:
        calls.append(time.monotonic())
        return False

    start = time.monotonic()
    assert await_reply(FakeClient([]), "mine", timeout=60, alive=alive) is False
    assert len(calls) == 1 and time.monotonic() - start < 5


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="Unix sockets: POSIX only (TCP on Windows)")
def test_a_kernel_listens_on_unix_sockets_only_this_user_can_reach():
    km = new_kernel_manager()
    assert km.transport == "ipc"
    folder = Path(km.ip).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()
    km.start_kernel()
    try:
        wait_ready(km, timeout=60)
        client = km.client()
        client.start_channels(iopub=False, stdin=False, hb=False, control=False)
        msg_id = client.execute("1 + 1", silent=True)
        assert await_reply(client, msg_id, timeout=60)
        sockets = sorted(p.name for p in folder.iterdir() if p.name.startswith(Path(km.ip).name))
        assert len(sockets) == 5 and all(
            stat.S_ISSOCK((folder / s).stat().st_mode) for s in sockets
        )
        client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
    assert not [p for p in folder.iterdir() if p.name.startswith(Path(km.ip).name)]


@pytest.mark.slow
def test_each_worker_waits_for_its_kernels_warm_up_before_the_first_report(monkeypatch):
    """The worker plugin starts the kernel and has it import the notebooks' modules; the
    first report finds it answered (ipykernel 7 must not get two requests at once)."""
    from ward_analysis.build.cluster import WarmKernel

    answered: list[bool] = []

    def spy(client, msg_id, timeout, **kwargs):
        answered.append(await_reply(client, msg_id, timeout, **kwargs))
        return answered[-1]

    monkeypatch.setattr(kernels, "await_reply", spy)
    plugin = WarmKernel()
    plugin.setup()
    try:
        km = plugin.kernel()  # waits for the start, warm-up included
        assert answered == [True] and km.is_alive() and plugin.started == 1
        assert plugin.kernel() is km  # kept for the next report
    finally:
        plugin.teardown()
    assert not km.has_kernel


@pytest.mark.slow
def test_a_command_line_build_is_quiet_and_leaves_no_sockets_behind(tmp_path):
    # a short temporary folder: the kernels' IPC socket paths must stay under the OS limit
    # (~107 bytes), which a worker's pytest folder (…/popen-gw1/test_…) can pass
    temp = Path(tempfile.mkdtemp(prefix="wa-"))
    try:
        env = {**os.environ, "TMPDIR": str(temp)}
        cmd = [sys.executable, "-m", "ward_analysis", "reports", "--years", "2021-2023",
               "--no-progress", "--out", str(tmp_path / "r"), "--processed", str(tmp_path / "p")]  # fmt: skip
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=env, timeout=300, check=False
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("Built 4 report(s) in ")  # two for each of the two kernels
        # no noise: no kernel warning (TCP without encryption), no client left open
        assert proc.stderr == ""
        assert not [p for p in temp.iterdir() if p.name.startswith("ward-kernels-")]
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _jobs(tmp_path, years):
    from ward_analysis.build.run import YEAR_NOTEBOOK, unit_jobs
    from ward_analysis.read.catalog import load_catalog
    from ward_analysis.read.cleaning import clean

    catalog = load_catalog()
    clean(None, tmp_path / "p", catalog)
    (tmp_path / "r").mkdir()
    return unit_jobs(catalog, years, lang="vi", out=tmp_path / "r", processed=tmp_path / "p",
                     unit=None, overrides_path=None, notebooks=[YEAR_NOTEBOOK])  # fmt: skip


@pytest.mark.slow
def test_the_clients_of_each_notebook_are_closed_and_the_kernel_kept(tmp_path, caplog, monkeypatch):
    """The report task, here in this process on a stand-in worker with the real plugin: one
    kernel runs the three notebooks; Papermill's clients are closed after each."""
    import gc
    import threading

    from ward_analysis.build import cluster
    from ward_analysis.build.cluster import WarmKernel

    from .fakes import in_process

    def heartbeats() -> int:
        return sum(type(t).__name__ == "HBChannel" and t.is_alive() for t in threading.enumerate())

    plugin = WarmKernel()
    in_process(monkeypatch, plugin=plugin)
    checked = []
    real_wait = cluster.wait_ready

    def spy(km, timeout):
        checked.append(km)
        real_wait(km, timeout)

    monkeypatch.setattr(cluster, "wait_ready", spy)
    plugin.setup()
    before = heartbeats()
    try:
        with caplog.at_level(logging.DEBUG):
            outcomes = [cluster.run_report(job) for job in _jobs(tmp_path, [2021, 2022, 2023])]
            gc.collect()
    finally:
        plugin.teardown()
    assert [o.where for o in outcomes] == [None, None, None]
    assert plugin.started == 1  # one kernel ran the three notebooks
    assert len(checked) == 3 and len(set(map(id, checked))) == 1  # asked once before each
    assert heartbeats() == before  # Papermill's three clients were closed
    assert "Could not destroy zmq context" not in caplog.text


@pytest.fixture
def kernel():
    """A started report kernel, shut down after the test."""
    km = new_kernel_manager()
    km.start_kernel()
    yield km
    km.shutdown_kernel(now=True)


@pytest.mark.slow
def test_release_clients_closes_every_client_handed_out_once(kernel):
    wait_ready(kernel, timeout=60)
    clients = [kernel.client(), kernel.client()]
    for client in clients:
        client.start_channels()
    # as after a notebook: the heartbeats are running (stopping one in the instant it
    # starts can leave jupyter_client's heartbeat thread reopening sockets in a loop)
    deadline = time.monotonic() + 30
    while not all(c.hb_channel.is_beating() for c in clients) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kernels.release_clients(kernel) == 2 and kernels.release_clients(kernel) == 0
    assert not any(c.channels_running for c in clients)
    assert all(c.context.closed for c in clients)
    assert kernel.is_alive()  # the kernel itself goes on


@pytest.mark.slow
def test_wait_ready_on_a_booting_kernel_asks_once_and_closes_its_client(monkeypatch):
    km = new_kernel_manager()
    opened, asked = [], []
    hand_out = km.client

    def client(**kwargs):
        c = hand_out(**kwargs)
        ask = c.kernel_info
        monkeypatch.setattr(c, "kernel_info", lambda: asked.append(1) or ask())
        opened.append(c)
        return c

    monkeypatch.setattr(km, "client", client)
    # a kernel that takes 2.5 s more to boot: jupyter_client's wait_for_ready would ask
    # about three times meanwhile (once a second), the pattern that hits ipykernel#1554
    km.start_kernel(extra_arguments=["--IPKernelApp.exec_lines=['import time; time.sleep(2.5)']"])
    try:
        wait_ready(km, timeout=60)
        assert len(opened) == 1 and asked == [1]
        assert not opened[0].channels_running and opened[0].context.closed
        assert kernels.release_clients(km) == 0  # closed by wait_ready, not left to release
        assert km.is_alive()
    finally:
        km.shutdown_kernel(now=True)


@pytest.mark.slow
def test_wait_ready_on_a_dead_kernel_says_so_at_once(kernel):
    import signal

    os.kill(kernel.provisioner.pid, signal.SIGKILL)
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="Kernel died before replying to kernel_info"):
        wait_ready(kernel, timeout=60)
    assert time.monotonic() - start < 10


@pytest.mark.skipif(os.name == "nt", reason="Unix sockets: POSIX only")
def test_socket_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = tmp_path / f"ward-kernels-{done.stdout.strip()}-abc123"
    alive = tmp_path / f"ward-kernels-{os.getpid()}-def456"
    other = [tmp_path / "ward-kernels-xyz", tmp_path / "ward-kernels-notapid-x", tmp_path / "mine"]
    for folder in (dead, alive, *other):
        folder.mkdir()
    (dead / "k1a2b3c4-1").write_text("")
    (tmp_path / "ward-kernels-1-file").write_text("not a folder")
    assert kernels.remove_stale_socket_dirs(str(tmp_path)) == [str(dead)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, *(p.name for p in other), "ward-kernels-1-file"]
    )
