"""The Python kernels that run the report notebooks: how they are connected and warmed up.

Light on purpose (no pandas): the CLI starts its kernels before its own heavy imports.

- Kernels talk to this process over Unix sockets in a private temporary folder (mode 0700,
  removed at exit), not over TCP on localhost: no other user of the machine can reach them,
  and ipykernel has nothing to warn about ("Kernel is running over TCP without encryption").
- With ipykernel 7, a request that reaches the kernel while it is sending a reply to another
  request can stay unread (ipython/ipykernel#1554): the report then waits for a kernel that
  never answers. So no two requests are ever in flight: :func:`start_warm_kernel` waits for
  each kernel's warm-up, and :func:`wait_ready` checks a new kernel with a single
  ``kernel_info`` request before Papermill's client (which asks once a second until
  answered) talks to it.
- The clients Papermill (nbclient) opens on a kernel it did not start are left running after
  the notebook: a zmq context, five sockets and a heartbeat thread per notebook, and a
  "Could not destroy zmq context" warning when collected. Our kernel managers remember the
  clients they hand out, and :func:`release_clients` closes them after each notebook.
"""

from __future__ import annotations

import atexit
import functools
import os
import queue
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from typing import Any

from jupyter_client.manager import KernelManager

from ..io import process_runs

#: What a report kernel runs as soon as it starts: the notebooks' own imports. jsonschema
#: (imported by Altair, nbformat and papermill) imports rfc3987_syntax when it is installed
#: (JupyterLab's jupyter-events brings it), which compiles a grammar at import time: about
#: 2.5 s of every kernel start, spent on an IRI format check that nothing here uses.
WARM_UP = (
    "import sys; sys.modules.setdefault('rfc3987_syntax', None); "
    "import ward_analysis.present.reports, ward_analysis.present.charts, IPython.display"
)
#: Seconds a started kernel may take to answer before it is restarted (once per report).
KERNEL_TIMEOUT = 30


@functools.lru_cache(maxsize=1)
def _socket_dir() -> str:
    remove_stale_socket_dirs()
    folder = tempfile.mkdtemp(prefix=f"ward-kernels-{os.getpid()}-")  # mode 0700: this user only
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def remove_stale_socket_dirs(root: str | None = None) -> list[str]:
    """Remove the socket folders of this user's runs that were killed before they could clean
    up (the process named in the folder's name no longer runs). Returns the folders removed."""
    root = root or tempfile.gettempdir()
    removed = []
    for entry in os.scandir(root):
        parts = entry.name.split("-")
        if parts[:2] != ["ward", "kernels"] or len(parts) < 4 or not parts[2].isdigit():
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid() or process_runs(
                int(parts[2])
            ):
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


class ReportKernelManager(KernelManager):
    """A ``KernelManager`` that remembers the clients it hands out (see the module notes)."""

    def client(self, **kwargs: Any) -> Any:
        client = super().client(**kwargs)
        self.__dict__.setdefault("_ward_clients", []).append(client)
        return client


def new_kernel_manager(kernel_name: str = "python3") -> ReportKernelManager:
    """A kernel manager (not started) whose kernel listens on Unix sockets in this process's
    private folder (on Windows, which has none, on localhost TCP)."""
    if os.name == "nt":
        return ReportKernelManager(kernel_name=kernel_name)
    path = os.path.join(_socket_dir(), "k" + secrets.token_hex(4))
    return ReportKernelManager(kernel_name=kernel_name, transport="ipc", ip=path)


def release_clients(km: KernelManager) -> int:
    """Close the channels (sockets, heartbeat thread, zmq context) of every client ``km`` has
    handed out since the last call; the kernel itself keeps running. Returns how many."""
    clients = km.__dict__.pop("_ward_clients", [])
    for client in clients:
        _close(client)
    return len(clients)


def _close(client: Any) -> None:
    client.stop_channels()
    if getattr(client, "_created_context", False) and not client.context.closed:
        client.context.destroy(linger=0)


def await_reply(
    client: Any, msg_id: str, timeout: float, alive: Callable[[], bool] | None = None
) -> bool:
    """Wait up to ``timeout`` seconds for the kernel's reply to request ``msg_id`` on
    ``client``'s shell channel (other replies are skipped); False if none came, or as soon as
    ``alive()`` says the kernel is gone. Nothing is sent again while waiting."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            msg = client.get_shell_msg(timeout=min(left, 1.0))
        except queue.Empty:
            if alive is not None and not alive():
                return False
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return True
    return False


def wait_ready(km: KernelManager, timeout: float) -> None:
    """Return once the started kernel of ``km`` has answered one ``kernel_info`` request, so
    that the next client finds it idle. One request only: jupyter_client's own
    ``wait_for_ready`` sends one a second, and a kernel still booting then receives one while
    it replies to another (the ipykernel 7 hang above). Raises ``RuntimeError`` (as
    jupyter_client does) if the kernel died or did not answer in ``timeout`` seconds."""
    client = km.client()
    tracked = km.__dict__.get("_ward_clients", [])
    if client in tracked:  # closed here, not by release_clients
        tracked.remove(client)
    client.start_channels(iopub=False, stdin=False, hb=False, control=False)
    try:
        if not await_reply(client, client.kernel_info(), timeout, alive=km.is_alive):
            if not km.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
    finally:
        _close(client)


def start_warm_kernel(kernel_name: str = "python3", timeout: float = KERNEL_TIMEOUT):
    """Start a kernel and have it run :data:`WARM_UP` (the notebooks' imports), waiting for
    the warm-up to finish so that the kernel is quiet before Papermill's client talks to it
    (see the module notes). A kernel that started but fails on the way is shut down; the
    error goes on to the caller."""
    km = new_kernel_manager(kernel_name)
    try:
        km.start_kernel()
        client = km.client()
        client.start_channels(iopub=False, stdin=False, hb=False, control=False)
        msg_id = client.execute(WARM_UP, silent=True, store_history=False)
        await_reply(client, msg_id, timeout, alive=km.is_alive)
    except BaseException:  # an error, or Ctrl-C: no kernel is left running
        release_clients(km)
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        raise
    release_clients(km)
    return km
