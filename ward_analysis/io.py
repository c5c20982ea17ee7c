"""Atomic file writing: a reader sees the old complete file or the new one, never half."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from . import config
from .errors import WardAnalysisError

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


def _check_not_raw(path: Path) -> None:
    raw = config.RAW_DIR.resolve()
    if path.resolve().is_relative_to(raw):
        raise WardAnalysisError(
            f"{path}: refusing to write under data/raw/, which holds the source data"
        )


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    _check_not_raw(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WardAnalysisError(f"{path.parent}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a frame as UTF-8 CSV (no index) atomically."""
    return atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"))
