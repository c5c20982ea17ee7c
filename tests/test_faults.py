"""Faults: runs killed midway, read-only source data, output folders that cannot be written.

Kill tests run the real cleaning and report code in a subprocess whose writes are slowed down
(the data go out in small chunks), announce each write, and are killed with SIGKILL while a
write is in progress: every file must then be the old complete one or the new complete one.
Permission tests run as an unprivileged user (``setpriv``) when the suite runs as root, since
root ignores file permissions.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from ward_analysis import config
from ward_analysis.read.cleaning import clean

#: Runs the code given on the command line with every ward_analysis write slowed down and
#: announced on stdout ("writing NAME"), so that a kill can land in the middle of a write.
SLOW_WRITES = textwrap.dedent(
    """
    import os, sys, time, types
    import ward_analysis.io as wio

    class Slow:
        def __init__(self, handle, name):
            self.handle, self.name = handle, name
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, data):
            print("writing", self.name, flush=True)
            if len(data) < 16384:  # a small file: time for the kill to land during it
                time.sleep(0.2)
            for i in range(0, len(data), 2048):
                self.handle.write(data[i:i + 2048])
                self.handle.flush()
                time.sleep(0.002)
            return len(data)
        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fdopen(fd, mode="r", *args, **kwargs):
        name = os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1]
        return Slow(os.fdopen(fd, mode, *args, **kwargs), name)

    wio.os = types.SimpleNamespace(**{**vars(os), "fdopen": fdopen})
    """
)
#: Run with the slow writes: the code given after it on the command line.
RUN_GIVEN = 'print("ready", flush=True)\nexec(sys.argv[1])\n'
#: The slow writes in every process (``sitecustomize``): the ward_analysis.io patch is made
#: once the module is imported, by whatever imports it first.
SITE_WRITES = textwrap.dedent(
    """
    import importlib.abc, importlib.machinery, sys

    class _Patch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "ward_analysis.io":
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            loader = spec.loader
            original = loader.exec_module

            def exec_module(module):
                original(module)
                exec(SLOW, {"__name__": "slow_writes"})

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _Patch())
    """
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kill_during_write(
    code: str, nth_write: int, *, timeout: float = 120, site: Path | None = None
) -> list[str]:
    """Run ``code`` with slow writes; SIGKILL its process group during its ``nth_write``.
    Returns the lines it printed (the writes it began). With ``site`` (a folder), the slow
    writes are in its ``sitecustomize.py``, so that every Python process the run starts (the
    Dask workers that write the reports) writes slowly and says so."""
    env, args = None, [sys.executable, "-c", SLOW_WRITES + RUN_GIVEN, code]
    if site is not None:
        site.mkdir(exist_ok=True)
        text = f"SLOW = {SLOW_WRITES!r}\n" + SITE_WRITES
        (site / "sitecustomize.py").write_text(text, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
        args = [sys.executable, "-c", "import sys\n" + RUN_GIVEN, code]
    proc = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its kernels too are killed with it
    )
    lines, writes = [], 0
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("writing "):
                writes += 1
                if writes == nth_write:
                    break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
        deadline = time.monotonic() + 20  # the whole group gone: its workers too
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert writes == nth_write, f"the run ended before write {nth_write}: {lines}"
    return lines


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """The shipped tables (old) and the same without 2025 (new), each cleaned once."""
    base = tmp_path_factory.mktemp("versions")
    old_raw, new_raw = base / "old", base / "new"
    shutil.copytree(config.WARD_DIR, old_raw)
    shutil.copytree(config.WARD_DIR, new_raw)
    (new_raw / "bieu_chi_tieu_2025.csv").unlink()
    expected = {}
    for name, raw in (("old", old_raw), ("new", new_raw)):
        clean(raw, base / f"out_{name}")
        expected[name] = {p.name: _digest(p) for p in (base / f"out_{name}").iterdir()}
    assert expected["old"] != expected["new"]
    return old_raw, new_raw, expected


@pytest.mark.slow
@pytest.mark.parametrize("nth_write", [1, 2, 3])
def test_cleaning_killed_midway_leaves_old_or_new_complete_files(tmp_path, two_versions, nth_write):
    old_raw, new_raw, expected = two_versions
    out = tmp_path / "processed"
    clean(old_raw, out)
    code = f"from ward_analysis.read.cleaning import clean; clean({str(new_raw)!r}, {str(out)!r})"
    lines = _kill_during_write(code, nth_write)
    assert lines[0] == "ready"
    visible = {p.name: _digest(p) for p in out.iterdir() if not p.name.startswith(".")}
    assert set(visible) == set(expected["old"])
    for name, digest in visible.items():
        assert digest in (expected["old"][name], expected["new"][name]), name
    # files written before the kill are new, the one being written and those after are old
    written = [line.split(" ", 1)[1] for line in lines if line.startswith("writing ")]
    for n, tmp_name in enumerate(written):
        name = tmp_name.split(".")[1] + ".csv"
        version = "new" if n < nth_write - 1 else "old"
        assert visible[name] == expected[version][name], (name, version)
    leftovers = [p for p in out.iterdir() if p.name.startswith(".")]
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".tmp")  # the write cut short
    clean(new_raw, out)  # the next run clears it and completes the job
    assert {p.name: _digest(p) for p in out.iterdir()} == expected["new"]


@pytest.mark.slow
def test_report_build_killed_midway_keeps_the_previous_reports(tmp_path):
    out, processed = tmp_path / "reports", tmp_path / "processed"
    code = (
        "from ward_analysis.build.run import build_reports\n"
        f"build_reports([2023], out={str(out)!r}, processed={str(processed)!r}, "
        "term_notebook=None, jobs=1, progress=False, force=True)"
    )
    from ward_analysis.build.run import build_reports

    build_reports([2023], out=out, processed=processed, term_notebook=None, jobs=1, progress=False)
    before = {p.name: _digest(p) for p in out.iterdir()}
    # 4 cleaned tables (this process), the executed notebook and the HTML (a Dask worker)
    lines = _kill_during_write(code, 6, site=tmp_path / "site")
    assert [line.split(".")[1] for line in lines[1:]] == [
        "observations", "rejects", "skipped", "files", "year_report_2023_vi", "year_report_2023_vi",
    ]  # fmt: skip
    visible = {p.name: _digest(p) for p in out.iterdir() if not p.name.startswith(".")}
    assert visible["year_report_2023_vi.html"] == before["year_report_2023_vi.html"]
    html = (out / "year_report_2023_vi.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and html.count('class="ward-chart"') == 33
    assert set(visible) == set(before)
    build_reports([2023], out=out, processed=processed, term_notebook=None, jobs=1, progress=False)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # the leftover is gone


# -- permissions ------------------------------------------------------------------------------


def _unprivileged(cmd: list[str], home: Path) -> subprocess.CompletedProcess:
    """Run ``cmd`` as an ordinary user: 'nobody' when we are root, else ourselves."""
    env = {**os.environ, "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)


@pytest.fixture
def sandbox():
    """A folder outside pytest's private tmp (which other users cannot enter)."""
    folder = Path(tempfile.mkdtemp(prefix="ward-faults-"))
    folder.chmod(0o755)
    home = folder / "home"
    home.mkdir()
    if os.geteuid() == 0:
        os.chown(home, 65534, 65534)
    yield folder, home
    for p in folder.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(folder)


def _read_only_copy(folder: Path) -> Path:
    raw = folder / "raw"
    shutil.copytree(config.WARD_DIR, raw)
    for p in raw.iterdir():
        p.chmod(0o444)
    raw.chmod(0o555)
    return raw


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (_digest(p), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


CLI = [sys.executable, "-m", "ward_analysis"]


@pytest.mark.slow
def test_cleaning_works_from_read_only_source_data_and_writes_nothing_there(sandbox):
    folder, home = sandbox
    raw = _read_only_copy(folder)
    before = _snapshot(raw)
    out = home / "processed"
    proc = _unprivileged(
        [
            *CLI,
            "clean",
            "--raw",
            str(raw),
            "--catalog",
            str(raw / "catalog.yaml"),
            "--out",
            str(out),
        ],
        home,
    )
    assert proc.returncode == 0, proc.stderr
    assert "6 table(s) read: 394 observations" in proc.stdout
    assert _snapshot(raw) == before  # same files, same bytes, untouched times
    assert sorted(p.name for p in out.iterdir()) == [
        "files.csv",
        "observations.csv",
        "rejects.csv",
        "skipped.csv",
    ]


@pytest.mark.slow
def test_an_output_folder_that_cannot_be_written_is_a_clear_error(sandbox):
    folder, home = sandbox
    raw = _read_only_copy(folder)
    locked = folder / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    args = ["--raw", str(raw), "--catalog", str(raw / "catalog.yaml")]
    proc = _unprivileged([*CLI, "clean", *args, "--out", str(locked)], home)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {locked}: cannot write here (Permission denied)"
    proc = _unprivileged([*CLI, "reports", *args, "--out", str(locked), "--no-progress"], home)
    assert proc.returncode == 1
    assert f"error: {locked}: cannot write reports here (Permission denied)" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = _unprivileged([*CLI, "reports", *args, "--out", str(home / "reports"),
                          "--processed", str(locked), "--no-progress"], home)  # fmt: skip
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"error: {locked}: cannot write here (Permission denied)" in proc.stderr
    assert list(locked.iterdir()) == []


@pytest.mark.slow
def test_a_kernel_that_cannot_start_fails_each_report_by_name(tmp_path, monkeypatch):
    """A worker whose kernel cannot start (here: a kernel that does not exist) fails each of
    its reports by name; the others and the index are still written."""
    from ward_analysis.build.cluster import WarmKernel
    from ward_analysis.build.run import build_reports

    from .fakes import in_process

    plugin = WarmKernel("no-such-kernel")
    in_process(monkeypatch, plugin=plugin)
    plugin.setup()
    try:
        result = build_reports([2022, 2023], out=tmp_path / "r", processed=tmp_path / "p",
                               jobs=1, term_notebook=None, continue_on_error=True,
                               progress=False)  # fmt: skip
    finally:
        plugin.teardown()
    assert [(f.report, f.year, f.where) for f in result.failures] == [
        ("year_report_2022_vi", 2022, "setup"), ("year_report_2023_vi", 2023, "setup"),
    ]  # fmt: skip
    assert "could not start a Python kernel (No such kernel" in str(result.failures[0]) or (
        "NoSuchKernel" in str(result.failures[0])
    )
    assert result.built == [] and result.index is not None  # the index still lists the years


@pytest.mark.slow
def test_cli_batch_goes_on_past_a_failing_notebook_and_exits_non_zero(
    tmp_path, monkeypatch, capsys
):
    import functools

    from ward_analysis.build import run as reports
    from ward_analysis.cli import main

    broken = Path(__file__).parent / "fixtures" / "broken.ipynb"
    out = tmp_path / "reports"
    out.mkdir()
    (out / "year_report_2022_vi.html").write_text("previous good report", encoding="utf-8")
    patched = functools.partial(reports.build_reports, year_notebook=broken, term_notebook=None)
    monkeypatch.setattr(reports, "build_reports", patched)
    # its own --processed: the CLI passes processed= (None without it) over the partial's
    code = main(["reports", "--years", "2021-2023", "--continue-on-error", "--out", str(out),
                 "--processed", str(tmp_path / "p"), "--no-progress"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert "Built 2 report(s)" in captured.out
    assert "year_report_2022_vi: cell" in captured.err and "broken on purpose" in captured.err
    assert (out / "year_report_2022_vi.html").read_text(encoding="utf-8") == "previous good report"
    assert (out / "year_report_2021_vi.html").exists() and (
        out / "year_report_2023_vi.html"
    ).exists()
    assert "Traceback" not in captured.err


@pytest.mark.slow
def test_a_kernel_that_died_is_replaced_and_the_report_built(tmp_path, caplog, monkeypatch):
    """The report task on a worker whose kernel dies under the first notebook, before any
    cell ran: the plugin starts a new kernel and the report is tried once more."""
    import time

    from ward_analysis.build import cluster
    from ward_analysis.build.cluster import WarmKernel
    from ward_analysis.build.run import build_reports

    from .fakes import in_process

    plugin = WarmKernel()
    in_process(monkeypatch, plugin=plugin)
    real = cluster._execute
    calls = []

    def dies_first(notebook, parameters, km, after=None):
        calls.append(km)
        if len(calls) == 1:
            os.kill(km.provisioner.pid, signal.SIGKILL)
            for _ in range(50):
                if not km.is_alive():
                    break
                time.sleep(0.1)
            raise RuntimeError("Kernel died before replying to kernel_info")  # as nbclient says
        return real(notebook, parameters, km, after)

    monkeypatch.setattr(cluster, "_execute", dies_first)
    plugin.setup()
    try:
        result = build_reports([2022], out=tmp_path / "r", processed=tmp_path / "p", jobs=1,
                               term_notebook=None, progress=False)  # fmt: skip
    finally:
        plugin.teardown()
    assert result.ok and [p.name for p in result.built] == ["year_report_2022_vi.html"]
    assert "starting a new kernel and trying again" in caplog.text
    assert plugin.started == 2 and calls[0] is not calls[1]
