import subprocess
import sys

from ward_analysis import config
from ward_analysis.cli import main

from .conftest import raw_checksums


def test_clean_command_writes_outputs_and_prints_a_summary(tmp_path, capsys):
    before = raw_checksums()
    assert main(["clean", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "6 table(s) read" in out and "2 rejected" in out
    assert (tmp_path / "observations.csv").exists() and (tmp_path / "rejects.csv").exists()
    assert raw_checksums() == before


def test_bad_catalog_gives_a_clear_error_and_exit_1(tmp_path, capsys):
    assert main(["clean", "--out", str(tmp_path), "--catalog", str(tmp_path / "none.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "catalog file not found" in err and "Traceback" not in err


def test_python_dash_m_runs_the_same_cli(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ward_analysis", "clean", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "observations" in proc.stdout
    assert (tmp_path / "observations.csv").exists()


def test_console_script_is_installed():
    script = config.PROJ_ROOT / ".venv" / "bin" / "ward-analysis"
    exe = script if script.exists() else "ward-analysis"
    proc = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "clean" in proc.stdout
