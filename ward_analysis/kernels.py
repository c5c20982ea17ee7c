"""The Python kernels that run the report notebooks: how they are connected and warmed up.

Light on purpose (no pandas): the CLI starts its kernels before its own heavy imports.

- Kernels talk to this process over Unix sockets in a private temporary folder (mode 0700,
  removed at exit), not over TCP on localhost: no other user of the machine can reach them,
  and ipykernel has nothing to warn about ("Kernel is running over TCP without encryption").
- A kernel that was sent a warm-up is waited for before Papermill's own client talks to it:
  with ipykernel 7, a request that reaches the kernel while it is sending a reply to another
  request can stay unread (ipython/ipykernel#1554), and the report would then wait for a
  kernel that never answers. Seen here in about half of the CLI test runs before this wait.
- The clients Papermill (nbclient) opens on a kernel it did not start are left running after
  the notebook: a zmq context, five sockets and a heartbeat thread per notebook, and a
  "Could not destroy zmq context" warning when collected. Our kernel managers remember the
  clients they hand out, and :func:`release_clients` closes them after each notebook.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import queue
import secrets
import shutil
import tempfile
import time
from typing import Any

from jupyter_client.manager import KernelManager

log = logging.getLogger("ward_analysis")

#: What a report kernel imports as soon as it starts (the notebooks' own imports).
WARM_UP = "import ward_analysis.views, ward_analysis.charts, IPython.display"


@functools.lru_cache(maxsize=1)
def _socket_dir() -> str:
    folder = tempfile.mkdtemp(prefix="ward-kernels-")  # mode 0700: this user only
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


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
        client.stop_channels()
        if getattr(client, "_created_context", False) and not client.context.closed:
            client.context.destroy(linger=0)
    return len(clients)


def await_reply(client: Any, msg_id: str, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for the kernel's reply to request ``msg_id`` on
    ``client``'s shell channel (other replies are skipped). False, with a warning, if none
    came: the report worker then replaces that kernel."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            msg = client.get_shell_msg(timeout=left)
        except queue.Empty:
            break
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return True
    log.warning("a report kernel did not answer its warm-up in %.0f s", timeout)
    return False
