"""Atomic file writing: a reader sees the old complete file or the new one, never half."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import config
from .errors import WardAnalysisError

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")


def cached_while_unchanged(loader: Callable[[Path], T]) -> Callable[[Path], T]:
    """Wrap ``loader(path)`` so that a file is read again only when its size or time changes.

    Reports run one after the other in one kernel read the same catalog and tables: this
    reads them once. A missing file goes straight to ``loader`` (for its error message).
    """
    cached = functools.lru_cache(maxsize=8)(lambda path, _mtime, _size: loader(path))

    @functools.wraps(loader)
    def load(path: Path) -> T:
        try:
            stamp = path.stat()
        except OSError:
            return loader(path)
        return cached(path.resolve(), stamp.st_mtime_ns, stamp.st_size)

    return load


def user_path(path: str | Path) -> Path:
    """A path a user gave, made absolute against the current folder (``~`` expanded).

    Done where a path comes in (the command line, :func:`build_reports`): the report
    notebooks run in a kernel whose current folder is theirs, not the caller's.
    """
    return Path(path).expanduser().resolve()


def _check_not_raw(path: Path) -> None:
    raw = config.RAW_DIR.resolve()
    if path.resolve().is_relative_to(raw):
        raise WardAnalysisError(
            f"{path}: refusing to write under data/raw/, which holds the source data"
        )


def check_writable(folder: str | Path, what: str = "") -> Path:
    """Make sure files can be written in ``folder`` (created if need be), or raise
    :class:`WardAnalysisError` saying why: ``reports/: cannot write reports here (Permission
    denied)``. Cheap: used before a long run starts, so that it does not fail at the end."""
    folder = Path(folder)
    _check_not_raw(folder / "x")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test.", suffix=".tmp")
        try:
            os.close(fd)
        finally:  # even when interrupted (Ctrl-C): no probe is left behind
            os.unlink(probe)
    except OSError as exc:
        raise WardAnalysisError(
            f"{folder}: cannot write {what + ' ' if what else ''}here ({exc.strerror})"
        ) from None
    return folder


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A reader (or a run killed midway) sees the old complete file or the new one, never
    half of one. The temporary file is named ``.NAME.PID.XXXX.tmp``: a run killed before
    its rename leaves one behind, which :func:`remove_stale_temp_files` clears later.
    Any failure to write is a :class:`WardAnalysisError` naming the file.
    """
    path = Path(path)
    _check_not_raw(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    except OSError as exc:
        raise WardAnalysisError(f"{path.parent}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WardAnalysisError(
                f"{path}: could not be written ({exc.strerror or exc}); the previous file, "
                "if any, is unchanged"
            ) from None
        raise
    return path


def remove_stale_temp_files(folder: str | Path, *, this_run: bool = False) -> list[Path]:
    """Delete temporary files left in ``folder`` by runs that were killed before their rename.

    Only our own ``.NAME.PID.XXXX.tmp`` files whose process no longer runs are removed;
    with ``this_run``, this process's own too (a run that was interrupted clears up after
    itself once its writers have stopped). Returns the files removed.
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for tmp in folder.glob(".*.tmp"):
        parts = tmp.name.rsplit(".", 3)  # ['.NAME', 'PID', 'XXXX', 'tmp']
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        pid = int(parts[1])
        if pid == os.getpid() and not this_run:
            continue
        if pid != os.getpid() and process_runs(pid):
            continue
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


def process_runs(pid: int) -> bool:
    """Whether process ``pid`` is running (someone else's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a frame as UTF-8 CSV (no index) atomically."""
    return atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"))
