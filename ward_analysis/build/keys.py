"""Incremental builds: each report's key, and whether a report must be built again.

A report's key is the SHA-256 of everything its page is made from (:func:`report_key`):

- ``notebook``: the notebook's source;
- ``parameters``: its parameters, the paths among them left out (their files are hashed);
- ``data``: the content of every file it reads — that unit's observations and rejects, the
  catalog and the resolution it quotes, the overrides;
- ``library``: the package's code (every module) and its version;
- ``template``: the HTML template;
- ``environment``: the lock file the environment was installed from (``requirements.lock``),
  so a nightly run on other library versions rebuilds everything.

The key is written beside the report (``<report>.key.json``, with its parts and the time the
page was built), so that a copy elsewhere can be checked (:func:`is_current` with the key made here). A report whose
HTML exists and whose key file holds the same key is not built again (``--force`` builds it).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path

from .. import __version__, config
from ..io import atomic_write_text

#: The key file's suffix, beside the report's HTML.
KEY_SUFFIX = ".key.json"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = PACKAGE_DIR / "present" / "templates"
LOCK_PATH = config.PROJ_ROOT / "requirements.lock"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: str | Path | None) -> str:
    """A file's SHA-256, or ``absent``."""
    if path is None:
        return "absent"
    try:
        return _sha(Path(path).read_bytes())
    except FileNotFoundError:
        return "absent"


def _tree_sha(folder: Path, pattern: str, skip: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if skip is not None and skip in path.parents:
            continue
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def library_sha() -> str:
    """The package's code and version (templates apart: :func:`template_sha`)."""
    return _sha((_tree_sha(PACKAGE_DIR, "*.py", skip=TEMPLATE_DIR) + __version__).encode())


def template_sha(folder: Path | None = None) -> str:
    """The HTML template's files."""
    folder = folder or TEMPLATE_DIR
    return _cached_tree(folder, _stamp(folder))


def environment_sha(lock: Path | None = None) -> str:
    """The lock file the environment was installed from."""
    return file_sha(lock or LOCK_PATH)


def _stamp(folder: Path) -> tuple:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*"))
    )


@functools.lru_cache(maxsize=8)
def _cached_tree(folder: Path, _stamp: tuple) -> str:
    return _tree_sha(folder, "*")


def report_key(
    notebook: Path, parameters: dict, data_files: list[Path], *, template: Path | None = None
) -> dict:
    """The key of one report and its parts (module notes): ``{"key": …, "parts": {…}}``."""
    params = {k: v for k, v in sorted(parameters.items()) if not _is_path(k)}
    parts = {
        "notebook": file_sha(notebook),
        "parameters": _sha(json.dumps(params, sort_keys=True, default=str).encode()),
        "data": _sha("\n".join(f"{Path(p).name}:{file_sha(p)}" for p in data_files).encode()),
        "library": library_sha(),
        "template": template_sha(template),
        "environment": environment_sha(),
    }
    return {"key": _sha(json.dumps(parts, sort_keys=True).encode()), "parts": parts}


def _is_path(name: str) -> bool:
    return name.endswith("_path") or name in {"raw_dir", "processed_dir"}


def key_path(html: Path) -> Path:
    return html.with_name(html.stem + KEY_SUFFIX)


def read_key(html: Path) -> dict | None:
    """The key file beside ``html``, or None (absent or unreadable)."""
    try:
        return json.loads(key_path(html).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(html: Path, key: dict) -> bool:
    """Whether the report at ``html`` exists and was built from exactly ``key``."""
    written = read_key(html)
    return html.is_file() and written is not None and written.get("key") == key["key"]


def write_key(html: Path, key: dict, built_at: dt.datetime | None = None) -> Path:
    """Write the key file beside a report just built (after its HTML)."""
    when = built_at or dt.datetime.now(dt.UTC)
    record = {**key, "report": html.name, "built_at": when.isoformat(timespec="seconds")}
    return atomic_write_text(key_path(html), json.dumps(record, indent=1, sort_keys=True) + "\n")


def built_at(html: Path) -> dt.datetime | None:
    """When the report at ``html`` was built, from its key file (None: no key file)."""
    written = read_key(html)
    try:
        return dt.datetime.fromisoformat(written["built_at"]) if written else None
    except (KeyError, TypeError, ValueError):
        return None


def index_key(pages: list[Path], data_files: list[Path], **settings: object) -> dict:
    """The key of an index page: the keys of the pages it lists (absent ones too), the files
    it reads, the code, the template, the environment and its ``settings`` (language, the
    failed years…). Unchanged, the index is not written again."""
    listed = {p: (read_key(p) or {}).get("key", "absent") for p in pages}
    parts = {
        "pages": _sha(
            "\n".join(f"{p.name}:{listed.get(p, 'absent')}" for p in sorted(pages)).encode()
        ),
        "data": _sha("\n".join(f"{Path(p).name}:{file_sha(p)}" for p in data_files).encode()),
        "settings": _sha(json.dumps(settings, sort_keys=True, default=str).encode()),
        "library": library_sha(),
        "template": template_sha(),
        "environment": environment_sha(),
    }
    return {"key": _sha(json.dumps(parts, sort_keys=True).encode()), "parts": parts}
