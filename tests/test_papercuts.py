"""The build's papercuts, as a new user found them (issue 13): each test is named after its
papercut (``test_papercut_NN_…``) and fails without its fix.

1. ``reports --years 2023`` rebuilt the index with 2023 only, orphaning the other reports;
2. a relative ``--out`` (or ``--processed``…) was read from the notebooks' folder;
3. ``make test`` overwrote the user's ``data/processed/`` (guard in ``conftest.py``);
4. the default ``data/raw/`` and a ``--raw`` folder had other file rules, and files were
   passed over (or aborted the clean) without a word;
5. a table with a header and no rows read as nothing, silently;
6. Ctrl-C printed a spurious failure and a traceback;
7. ``assess --years 2031`` was accepted;
8. ``assess --years 2023`` overwrote the full ``assessment.csv``;
9. every install printed a setuptools warning about the template folder;
10. the subcommands' ``--help`` had no description.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from ward_analysis import config
from ward_analysis.cli import INTERRUPTED, main
from ward_analysis.errors import ReportFormatError, WardAnalysisError

from .conftest import USER_OUTPUTS, OutputGuard, write_table
from .fakes import FakeKernel, FakeStarter, in_process

BHYT = ["1", "Tỷ lệ bao phủ bảo hiểm y tế", "%", "80%", "76,4%", ""]


@pytest.fixture
def fake_build(monkeypatch):
    """``build_reports`` with the data really cleaned and assessed but the notebooks "run" at
    once in a fake kernel, in this process (``tests.fakes``): records each job and what the
    index is given; writes placeholders."""
    import nbformat

    from ward_analysis.build import cluster, export, run

    seen: dict = {"jobs": [], "index": [], "kernels": []}

    def execute(notebook, parameters, km, after=None):
        seen["jobs"].append(current["job"])
        return nbformat.v4.new_notebook()

    current: dict = {}
    real_run_report = cluster.run_report

    def run_report(job):
        current["job"] = job
        return real_run_report(job)

    def index(assessments, links, term_link, catalog, **kwargs):
        years = sorted(int(y) for y in assessments["as_of"].unique())
        seen["index"].append({"years": years, "links": links, "term_link": term_link})
        return "<html>index</html>"

    monkeypatch.setattr(cluster, "wait_ready", lambda km, timeout: None)
    monkeypatch.setattr(cluster, "_execute", execute)
    monkeypatch.setattr(cluster, "run_report", run_report)
    monkeypatch.setattr(export, "vega_bundle", lambda: "")
    monkeypatch.setattr(export, "html_exporter", lambda: None)
    monkeypatch.setattr(export, "export_html", lambda nb, bundle, exporter: "<html>report</html>")
    monkeypatch.setattr(run, "index_html", index)

    def build(years, **kwargs):
        seen["plugin"] = in_process(monkeypatch, FakeKernel())
        seen["kernels"] = [seen["plugin"].km]
        options = {"progress": False, "jobs": 1} | kwargs
        return run.build_reports(years, **options)

    seen["build"] = build
    return seen


# -- 1. the index lists every report in the output folder ---------------------------------


def test_papercut_01_one_year_built_keeps_the_other_reports_in_the_index(tmp_path, fake_build):
    out = tmp_path / "r"
    out.mkdir()
    earlier = [
        "year_report_2021_vi.html",
        "year_report_2024_vi.html",
        "term_review_vi.html",
        "year_report_2019_vi.html",  # outside the term: not shown
        "year_report_2022_en.html",  # another language: not in index.html
    ]
    for name in earlier:
        (out / name).write_text("<html>earlier</html>", encoding="utf-8")
    fake_build["build"]([2023], out=out, processed=tmp_path / "p", term_notebook=None)
    (index,) = fake_build["index"]
    assert index["years"] == [2021, 2023, 2024]
    assert index["links"] == {y: f"year_report_{y}_vi.html" for y in (2021, 2023, 2024)}
    assert index["term_link"] == "term_review_vi.html"  # built earlier: still linked
    assert (out / "index.html").read_text(encoding="utf-8") == "<html>index</html>"
    assert (out / "year_report_2021_vi.html").read_text(encoding="utf-8") == "<html>earlier</html>"
    fake_build["build"]([2024], out=out, processed=tmp_path / "p", term_notebook=None, lang="en")
    english = fake_build["index"][-1]
    assert english["years"] == [2022, 2024] and english["term_link"] is None
    assert (out / "index_en.html").exists()


# -- 2. relative paths are the caller's ----------------------------------------------------


def test_papercut_02_relative_paths_resolve_against_the_callers_folder(
    tmp_path, monkeypatch, fake_build
):
    monkeypatch.chdir(tmp_path)
    relative = {
        "raw": os.path.relpath(config.WARD_DIR, tmp_path),
        "catalog_path": os.path.relpath(config.CATALOG_PATH, tmp_path),
        "overrides": os.path.relpath(config.OVERRIDES_PATH, tmp_path),
    }
    fake_build["build"]([2023], out="r", processed="p", **relative)  # and the term review
    jobs = fake_build["jobs"]
    assert sorted(j.name for j in jobs) == ["term_review_vi", "year_report_2023_vi"]
    for job in jobs:
        paths = {k: v for k, v in job.parameters.items() if k.endswith("_path")}
        assert {"observations_path", "catalog_path", "overrides_path"} <= set(paths)
        assert all(Path(v).is_absolute() for v in paths.values()), paths
        assert Path(paths["observations_path"]) == tmp_path / "p" / "observations.csv"
        assert Path(paths["catalog_path"]) == config.CATALOG_PATH
        assert job.html == tmp_path / "r" / f"{job.name}.html" and job.notebook.is_absolute()
        assert Path(job.parameters["observations_path"]) in job.data_files  # hashed in its key
    assert (tmp_path / "r" / "term_review_vi.html").exists()
    assert (tmp_path / "p" / "observations.csv").exists()
    assert not (config.NOTEBOOKS_DIR / "r").exists() and not (config.NOTEBOOKS_DIR / "p").exists()


def test_papercut_02_the_command_line_hands_on_absolute_paths(tmp_path, monkeypatch):
    from ward_analysis.build import run

    monkeypatch.chdir(tmp_path)
    given: dict = {}

    def build(years, **kwargs):
        given.update(kwargs)
        return run.BuildResult(index=tmp_path / "r" / "index.html")

    monkeypatch.setattr(run, "build_reports", build)
    args = ["reports", "--out", "r", "--processed", "p", "--raw", "raw", "--catalog", "c.yaml",
            "--overrides", "../o.yaml", "--no-progress"]  # fmt: skip
    assert main(args) == 0
    assert given["out"] == tmp_path / "r" and given["processed"] == tmp_path / "p"
    assert given["raw"] == tmp_path / "raw" and given["catalog_path"] == tmp_path / "c.yaml"
    assert given["overrides"] == tmp_path.parent / "o.yaml"


# -- 3. the suite never writes into the user's outputs ------------------------------------


def test_papercut_03_the_output_guard_catches_a_write(tmp_path):
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    processed.mkdir()
    for name in ("observations.csv", "rejects.csv", "skipped.csv"):
        (processed / name).write_text("before", encoding="utf-8")
    guard = OutputGuard([processed, reports])
    guard.check()  # nothing changed yet
    (processed / "observations.csv").write_text("after, and longer", encoding="utf-8")
    (processed / "rejects.csv").unlink()
    reports.mkdir()
    (reports / "index.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        guard.check()
    message = str(info.value)
    assert f"changed {processed / 'observations.csv'}" in message
    assert f"deleted {processed / 'rejects.csv'}" in message
    assert f"created {reports / 'index.html'}" in message
    assert "skipped.csv" not in message


def test_papercut_03_the_guard_watches_the_users_folders_all_session(request):
    assert "outputs_untouched" in request.fixturenames  # autouse, session-wide
    guard = request.getfixturevalue("outputs_untouched")
    assert guard.folders == USER_OUTPUTS == [config.PROCESSED_DIR, config.REPORTS_DIR]


# -- 4. one set of file rules, and every file not read listed with why -------------------


def _raw_folder(folder: Path) -> Path:
    folder.mkdir()
    write_table(folder / "Biểu chỉ tiêu 2021.csv", [BHYT], year=2021)
    write_table(folder / "BCT 2022.csv", [BHYT], year=2022)
    write_table(folder / "bieu_chi_tieu_2023.csv", [BHYT], year=2023)
    (folder / "notes.csv").write_text("some notes, nothing else\n", encoding="utf-8")
    (folder / "Scan 2023.pdf").write_bytes(b"%PDF-1.4")
    (folder / "README.md").write_text("# notes\n", encoding="utf-8")
    (folder / "catalog.yaml").write_text("unit: x\n", encoding="utf-8")
    (folder / "overrides.yaml").write_text("[]\n", encoding="utf-8")
    (folder / "nghi_quyet.txt").write_text("Nghị quyết\n", encoding="utf-8")
    return folder


EXPECTED_NOT_READ = {
    "README.md": "notes",
    "Scan 2023.pdf": "not_a_table",
    "catalog.yaml": "catalog",
    "nghi_quyet.txt": "text",
    "notes.csv": "not_a_table",
    "overrides.yaml": "overrides",
}


def test_papercut_04_the_same_file_rules_for_the_default_and_a_given_folder(tmp_path, monkeypatch):
    from ward_analysis.read.cleaning import read_reports

    folder = _raw_folder(tmp_path / "raw")
    given = read_reports(folder)
    monkeypatch.setattr(config, "WARD_DIR", folder)
    default = read_reports()
    for result in (given, default):
        assert sorted(result.observations["year"].unique()) == [2021, 2022, 2023]
        inputs = result.inputs.set_index("file")
        read = inputs[inputs["status"] == "read"]
        assert set(read.index) == {"BCT 2022.csv", "bieu_chi_tieu_2023.csv",
                                   "Biểu chỉ tiêu 2021.csv"}  # fmt: skip
        not_read = inputs[inputs["status"] == "not_read"]
        assert not_read["reason_code"].to_dict() == EXPECTED_NOT_READ
        assert not_read["reason"].str.len().gt(15).all()
        assert not_read.loc["notes.csv", "reason"].startswith("not a yearly table: ")
    assert given.inputs.equals(default.inputs)


def test_papercut_04_names_match_whatever_their_accents_and_case(tmp_path):
    from ward_analysis.read.files import sort_folder

    folder = tmp_path / "raw"
    folder.mkdir()
    names = ["BIỂU CHỈ TIÊU 2024.xlsx", "bieu chi tieu 2020.CSV", "Bieu_Chi_Tieu.csv",
             "bct-2021.xlsm", "Báo cáo 2025.csv"]  # fmt: skip
    for name in names:
        (folder / name).write_bytes(b"")
    (folder / "~$BIỂU CHỈ TIÊU 2024.xlsx").write_bytes(b"")
    (folder / "old").mkdir()
    tables, others = sort_folder(folder)
    assert sorted(p.name for p in tables) == sorted(names)
    assert {n.path.name: n.code for n in others} == {
        "~$BIỂU CHỈ TIÊU 2024.xlsx": "lock_file",
        "old": "folder",
    }


def test_papercut_04_the_clean_command_lists_the_files_it_did_not_read(tmp_path, capsys):
    folder = _raw_folder(tmp_path / "raw")
    out = tmp_path / "out"
    assert main(["clean", "--raw", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 table(s) read" in printed and "6 other file(s) not read:" in printed
    assert re.search(r"not read: notes\.csv — not a yearly table: its name says no year", printed)
    assert "files.csv" in printed
    files = pd.read_csv(out / "files.csv", keep_default_na=False)
    assert list(files.columns) == ["file", "status", "reason_code", "reason"]
    assert len(files) == 9 and (files["status"] == "read").sum() == 3
    assert files.set_index("file").loc["notes.csv", "reason_code"] == "not_a_table"


def test_papercut_04_a_table_that_cannot_be_read_is_still_an_error_naming_it(tmp_path):
    from ward_analysis.read.cleaning import read_reports

    folder = _raw_folder(tmp_path / "raw")
    (folder / "Biểu chỉ tiêu 2024.csv").write_text("just a line\n", encoding="utf-8")
    with pytest.raises(ReportFormatError, match=r"Biểu chỉ tiêu 2024\.csv: no header row found"):
        read_reports(folder)
    (folder / "Biểu chỉ tiêu 2024.csv").unlink()
    (folder / "bieu_chi_tieu_2024.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # an old Excel file
    with pytest.raises(ReportFormatError, match=r"bieu_chi_tieu_2024.xls: unsupported file type"):
        read_reports(folder)


def test_papercut_04_a_folder_with_no_table_says_what_it_passed_over(tmp_path):
    from ward_analysis.read.cleaning import read_reports

    (tmp_path / "notes.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(ReportFormatError, match=r"no report tables .* found; notes\.csv: not a"):
        read_reports(tmp_path)


# -- 5. a header with no rows is an error -------------------------------------------------


def test_papercut_05_a_header_without_rows_is_an_error_naming_the_file(tmp_path):
    from ward_analysis.read.cleaning import read_reports

    path = write_table(tmp_path / "bieu_chi_tieu_2023.csv", [])
    with pytest.raises(ReportFormatError) as info:
        read_reports([path])
    assert str(info.value) == (
        "bieu_chi_tieu_2023.csv, row 2: the file has column headings but no rows of figures "
        "below them"
    )
    blank = write_table(tmp_path / "blank_2023.csv", [["", "", "", "", "", ""], []])
    with pytest.raises(ReportFormatError, match=r"blank_2023\.csv, row 2: the file has column"):
        read_reports([blank])


def test_papercut_05_a_sheet_with_a_header_only_is_listed_beside_the_sheet_read(tmp_path):
    import openpyxl

    from ward_analysis.read.cleaning import read_reports
    from ward_analysis.read.tables import read_tables

    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023", "Ghi chú"]
    book = openpyxl.Workbook()
    template = book.active
    template.title = "Mẫu"
    template.append(header)
    data = book.create_sheet("Năm 2023")
    data.append(header)
    data.append(BHYT)
    path = tmp_path / "bieu_chi_tieu_2023.xlsx"
    book.save(path)
    found = read_tables(path)
    assert [t.sheet for t in found.tables] == ["Năm 2023"]
    assert found.skipped_sheets == [
        ("Mẫu", "row 1: the sheet has column headings but no rows of figures below them")
    ]
    assert len(read_reports([path]).observations) == 2  # plan and result
    book.remove(data)
    book.save(path)
    with pytest.raises(ReportFormatError, match="has column headings but no rows of figures"):
        read_reports([path])


# -- 6. Ctrl-C ----------------------------------------------------------------------------


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt  # as Ctrl-C does, wherever the command is


@pytest.mark.parametrize("where", ["clean, reading", "clean, writing", "assess"])
def test_papercut_06_ctrl_c_in_clean_or_assess_exits_130_with_one_line(
    where, tmp_path, monkeypatch, capsys
):
    from ward_analysis import io
    from ward_analysis.model import assess
    from ward_analysis.read import cleaning

    processed = tmp_path / "p"
    assert main(["clean", "--out", str(processed)]) == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in processed.iterdir()}
    patches = {"clean, reading": (cleaning, "read_reports"),
               "clean, writing": (io.os, "fsync"),  # midway through writing observations.csv
               "assess": (assess, "assess")}  # fmt: skip
    monkeypatch.setattr(*patches[where], _interrupt)
    command = (["assess", "--observations", str(processed / "observations.csv"),
                "--out", str(tmp_path / "assessment.csv")] if where == "assess"
               else ["clean", "--out", str(processed)])  # fmt: skip
    assert main(command) == 130
    captured = capsys.readouterr()
    assert captured.err == INTERRUPTED + "\n" and "Traceback" not in captured.out
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == before  # no .tmp left
    assert not (tmp_path / "assessment.csv").exists()


def test_papercut_06_an_interrupted_build_stops_its_kernels_and_writes_nothing_more(
    tmp_path, fake_build, monkeypatch, caplog, request
):
    import _thread

    from ward_analysis.build import cluster

    out = tmp_path / "r"
    out.mkdir()
    (out / "year_report_2021_vi.html").write_text("<html>earlier</html>", encoding="utf-8")
    running = []

    def execute(notebook, parameters, km, after=None):  # Ctrl-C while the first notebook runs
        running.append(parameters["year"])
        _thread.interrupt_main()
        time.sleep(5)  # the interrupt arrives here
        raise AssertionError("not interrupted")

    monkeypatch.setattr(cluster, "_execute", execute)
    # Ctrl-C reaches Python as usual, even when the suite was started with SIGINT ignored
    # (a shell's background job): interrupt_main does nothing then
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    with pytest.raises(KeyboardInterrupt):
        fake_build["build"]([2021, 2022, 2023], out=out, processed=tmp_path / "p", jobs=1,
                            term_notebook=None)  # fmt: skip
    assert running == [2021]  # no notebook started after, none retried
    (starter,) = FakeStarter.instances
    assert starter.interrupted and starter.closed  # kernels stopped, then the cluster closed
    assert sorted(p.name for p in out.iterdir()) == ["year_report_2021_vi.html"]  # no index
    assert (out / "year_report_2021_vi.html").read_text(encoding="utf-8") == "<html>earlier</html>"
    assert not [p for p in tmp_path.rglob("*.tmp")]
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]


def _children(pid: int) -> set[int]:
    import psutil

    try:
        return {c.pid for c in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _describe(pid: int) -> str:
    import psutil

    try:
        return f"{pid}: {' '.join(psutil.Process(pid).cmdline())[:120]}"
    except psutil.NoSuchProcess:
        return f"{pid}: gone"


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _visible_lines(stream: str) -> list[str]:
    """The lines a terminal would show: a progress bar redrawn with carriage returns and
    erased shows nothing."""
    return [shown for line in stream.split("\n") if (shown := line.split("\r")[-1].strip())]


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 3.0], ids=["while-jobs-are-made", "while-reports-run"])
def test_papercut_06_ctrl_c_during_reports_exits_130_with_one_line(tmp_path, after):
    out, processed = tmp_path / "r", tmp_path / "p"
    out.mkdir()
    (out / "chi_lang").mkdir()
    earlier = out / "chi_lang" / "year_report_2020_vi.html"
    earlier.write_text("<html>an earlier complete report</html>", encoding="utf-8")
    command = [sys.executable, "-m", "ward_analysis", "reports", "--out", str(out),
               "--processed", str(processed)]  # fmt: skip
    # its own session: Ctrl-C in a terminal signals the whole foreground process group
    # bytes, not text: universal newlines would turn the progress bar's carriage returns into
    # line ends
    # SIGINT as a terminal leaves it, even when the suite runs with it ignored (a background
    # job of a shell), which the command would inherit
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_default_sigint)  # fmt: skip
    try:
        kernels: set[int] = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            kernels |= _children(proc.pid)
            # the workers have started (each has its kernel) and every unit is cleaned:
            # notebooks run now (a Ctrl-C while a worker process is still booting is not
            # tested: that worker prints a traceback, a known gap)
            booted = sum("ipykernel" in _describe(pid) for pid in kernels)
            if booted >= 2 and (processed / "hoi_phu" / "observations.csv").exists():
                break
            time.sleep(0.05)
        time.sleep(after)
        kernels |= _children(proc.pid)
        assert proc.poll() is None, "the build ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        stderr = proc.communicate(timeout=60)[1].decode("utf-8")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, stderr
    assert _visible_lines(stderr) == [INTERRUPTED], stderr
    assert "Traceback" not in stderr and "failed" not in stderr
    deadline = time.monotonic() + 10  # the workers' helpers (resource tracker) follow suit
    while [pid for pid in kernels if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [_describe(pid) for pid in kernels if _running(pid)]
    assert kernels and not alive, alive  # workers and kernels shut down
    assert not [p for folder in (out, processed) for p in folder.rglob("*") if ".tmp" in p.name]
    page = earlier.read_text(encoding="utf-8")  # untouched, or rebuilt in full before Ctrl-C
    assert page == "<html>an earlier complete report</html>" or page.rstrip().endswith("</html>")
    for html in out.rglob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>"), html


# -- 7. assess refuses years outside the term, as reports does -----------------------------


def test_papercut_07_assess_refuses_years_outside_the_term_as_reports_does(tmp_path, capsys):
    from ward_analysis.build.run import build_reports

    assert main(["clean", "--out", str(tmp_path / "p")]) == 0
    capsys.readouterr()
    out = tmp_path / "assessment.csv"
    obs = str(tmp_path / "p" / "observations.csv")
    assert main(["assess", "--observations", obs, "--years", "2031", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    with pytest.raises(WardAnalysisError) as info:
        build_reports([2031], out=tmp_path / "r", processed=tmp_path / "p", progress=False)
    assert err == f"error: {info.value}\n"
    assert "years must lie within the term 2020–2025; got 2031" in err
    assert main(["assess", "--observations", obs, "--years", "2019-2021", "--out", str(out)]) == 1
    assert "got 2019" in capsys.readouterr().err
    assert not out.exists()


# -- 8. a partial assess does not overwrite the full table --------------------------------


def test_papercut_08_assess_of_some_years_keeps_the_full_table(tmp_path, capsys, monkeypatch):
    assert main(["clean", "--out", str(tmp_path / "p")]) == 0
    obs = str(tmp_path / "p" / "observations.csv")
    full = tmp_path / "assessment.csv"
    monkeypatch.setattr(config, "ASSESSMENT_PATH", full)  # data/processed/ stands here
    full.write_text("the full table", encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", "--observations", obs, "--years", "2023"]) == 0
    printed = capsys.readouterr().out
    assert full.read_text(encoding="utf-8") == "the full table"
    part = tmp_path / "assessment_2023.csv"
    assert f"to {part}" in printed and "assessment.csv, the table of every year, is left" in printed
    assert pd.read_csv(part)["as_of"].unique().tolist() == [2023]
    assert main(["assess", "--observations", obs, "--years", "2021-2023"]) == 0
    written = pd.read_csv(tmp_path / "assessment_2021-2023.csv")
    assert sorted(written["as_of"].unique()) == [2021, 2022, 2023]
    assert full.read_text(encoding="utf-8") == "the full table"
    assert main(["assess", "--observations", obs]) == 0  # the full default run
    assert sorted(pd.read_csv(full)["as_of"].unique()) == list(range(2020, 2026))
    assert main(["assess", "--observations", obs, "--years", "2024", "--out", str(full)]) == 0
    assert pd.read_csv(full)["as_of"].unique().tolist() == [2024]  # --out names it: written


# -- 9. packaging without warnings --------------------------------------------------------


@pytest.mark.slow
def test_papercut_09_a_wheel_builds_without_the_package_data_warning(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"),
         str(config.PROJ_ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    for warning in ("Package would be ignored", "is absent from the `packages` configuration",
                    "BuildBackendWarning"):  # fmt: skip
        assert warning not in output, output
    (wheel,) = (tmp_path / "dist").glob("ward_analysis-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {
        f"ward_analysis/present/templates/ward/{p.name}"
        for p in (config.PROJ_ROOT / "ward_analysis" / "present" / "templates" / "ward").iterdir()
    }
    assert templates and templates <= names
    assert {"ward_analysis/notebooks/year_report.ipynb",
            "ward_analysis/notebooks/term_review.ipynb"} <= names  # fmt: skip


# -- 10. every subcommand's help says what it does ----------------------------------------


def test_papercut_10_every_subcommand_help_has_a_description_and_an_example(capsys):
    from ward_analysis.cli import _parser

    (commands,) = [a for a in _parser()._actions if a.dest == "command"]
    assert set(commands.choices) == {"clean", "assess", "backtest", "reports",
                                     "targets-from-text"}  # fmt: skip
    for name in commands.choices:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        page = capsys.readouterr().out
        description = page.split("\n\n")[1]  # usage, then the description
        assert not description.startswith(("positional arguments", "options")), (name, page)
        assert len(description.split()) >= 15 and description.rstrip().endswith("."), name
        assert f"example:\n  ward-analysis {name} " in page, name
