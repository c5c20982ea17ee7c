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


def test_assess_command_writes_every_year_and_prints_the_matrix(tmp_path, capsys):
    assert main(["clean", "--out", str(tmp_path)]) == 0
    out_csv = tmp_path / "assessment.csv"
    obs = str(tmp_path / "observations.csv")
    assert (
        main(["assess", "--observations", obs, "--out", str(out_csv), "--years", "2022-2023"]) == 0
    )
    printed = capsys.readouterr().out
    assert "Đúng tiến độ" in printed and "Written 66 rows (2 year(s))" in printed
    import pandas as pd

    frame = pd.read_csv(out_csv, dtype={"target_id": str})
    assert sorted(frame["as_of"].unique()) == [2022, 2023] and frame["target_id"].nunique() == 33
    assert main(["assess", "--observations", obs, "--out", str(out_csv), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "On track" in printed and "(6 year(s))" in printed


def test_assess_command_refuses_bad_years(tmp_path, capsys):
    assert main(["clean", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    code = main(
        ["assess", "--observations", str(tmp_path / "observations.csv"), "--years", "2025-2020"]
    )
    assert code == 1
    assert "'2025-2020' is not a year or a range of years" in capsys.readouterr().err


def test_backtest_command_prints_the_scores(tmp_path, capsys):
    assert main(["clean", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert (
        main(["backtest", "--observations", str(tmp_path / "observations.csv"), "--by", "kind"])
        == 0
    )
    printed = capsys.readouterr().out
    from ward_analysis.present.locale import get_locale

    assert get_locale("en").backtest_methods["pace"] in printed and "average_growth" in printed


def test_the_province_build_names_the_units_it_does_not_build(tmp_path, capsys, monkeypatch):
    """A unit of the registry with no catalog (the province the wards compare with) is said,
    not silently left out."""
    from ward_analysis.build import province

    def build(**kwargs):
        return province.ProvinceResult(index=tmp_path / "index.html",
                                       no_catalog=["gia_lai (Tỉnh Gia Lai)"])  # fmt: skip

    monkeypatch.setattr(province, "build_province", build)
    args = ["reports", "--out", str(tmp_path / "r"), "--processed", str(tmp_path / "p")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Not built: gia_lai (Tỉnh Gia Lai) — no catalog in the registry" in out
