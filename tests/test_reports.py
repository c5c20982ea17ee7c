"""Building the reports end to end: Papermill, nbconvert, the index, and the pages in a browser.

Marked slow (they run kernels and a browser); ``make test`` and ``.ci/run`` run them.
"""

import re
import unicodedata
from pathlib import Path

import papermill
import pytest

from ward_analysis import ReportError, config
from ward_analysis.build.run import build_reports
from ward_analysis.cli import main

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    processed = tmp_path_factory.mktemp("processed")
    result = build_reports([2022, 2023], out=out, processed=processed, progress=False)
    return out, result


def test_reports_index_and_executed_notebooks_are_written(built):
    out, result = built
    assert result.ok and result.failures == []
    names = sorted(p.name for p in out.iterdir())
    downloads = [f"year_report_{y}_vi{suffix}" for y in (2022, 2023) for suffix in (".csv", ".xlsx", ".docx")]  # fmt: skip
    assert names == sorted([
        "index.html", "term_review_vi.html", "term_review_vi.ipynb", "term_review_vi.key.json",
        "year_report_2022_vi.html", "year_report_2022_vi.ipynb", "year_report_2022_vi.key.json",
        "year_report_2023_vi.html", "year_report_2023_vi.ipynb", "year_report_2023_vi.key.json",
        *downloads,
    ])  # fmt: skip
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="year_report_2023_vi.html"' in index and 'href="term_review_vi.html"' in index
    assert "SỐ LIỆU MINH HỌA" in index and "catalog.yaml" in index


def test_pages_are_self_contained(built):
    out, _ = built
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), page.name
        assert not re.findall(r"<(?:script|link)[^>]+(?:src|href)=", html), page.name  # all inline
        assert unicodedata.is_normalized("NFC", html)
    report = (out / "year_report_2023_vi.html").read_text(encoding="utf-8")
    assert report.count('class="ward-chart"') == 33
    assert "import ward_analysis" not in report  # code hidden
    assert (
        "76,4\u00a0%" in report
    )  # numbers in the report's language, the sign kept with its figure
    headings = re.findall(r'<h2[^>]*class="ward-section[^"]*"[^>]*>([^<]*)</h2>', report)
    assert headings == ["Tóm tắt", "I. Kinh tế, hạ tầng đô thị", "II. Văn hóa – xã hội",
                        "III. Quốc phòng – an ninh", "IV. Xây dựng Đảng và hệ thống chính trị",
                        "Kết quả thực hiện năm 2023", "Ghi chú về số liệu", "Cách đánh giá"]  # fmt: skip


def test_each_page_says_its_language_and_title_and_carries_no_developer_text(built):
    out, _ = built
    titles = set()
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html, page.name
        titles.add(re.search(r"<title>([^<]*)</title>", html).group(1))
        for developer in (
            "Papermill",
            "Per-year",
            "wa.displayable",
            "catalog.yaml aliases",
            "Run with",
        ):
            assert developer not in html.replace("papermill", ""), (page.name, developer)
    assert (
        "Đánh giá thực hiện các chỉ tiêu đến năm 2025 — Phường Chi Lăng — số liệu đến năm 2023"
        in titles
    )
    assert len(titles) == 4  # one per page: two years, the review, the index


def test_pages_draw_every_chart_offline_in_chromium(built):
    from tests.browser import visit

    out, _ = built
    pages = (
        ("year_report_2023_vi.html", 33, "Đánh giá thực hiện các chỉ tiêu đến năm 2025"),
        ("term_review_vi.html", 1, "Tổng kết nhiệm kỳ 2020–2025"),
        ("index.html", 0, "Đánh giá thực hiện các chỉ tiêu — mục lục"),
    )
    session = visit([(out / name, charts) for name, charts, _ in pages])
    for name, charts, title in pages:
        seen = session.visits[name]
        assert seen.charts == charts and seen.drawn == charts, name
        assert title in seen.text and "SỐ LIỆU MINH HỌA" in seen.text, name
    assert session.outside == [] and session.errors == [] and session.dialogs == []


def test_a_failing_notebook_is_named_and_keeps_the_previous_html(tmp_path):
    old = tmp_path / "year_report_2022_vi.html"
    old.write_text("previous good report", encoding="utf-8")
    broken = FIXTURES / "broken.ipynb"
    result = build_reports([2021, 2022], out=tmp_path, year_notebook=broken, term_notebook=None,
                           continue_on_error=True, progress=False, processed=tmp_path / "data")  # fmt: skip
    assert len(result.failures) == 1
    failure = result.failures[0]
    assert (failure.report, failure.year) == ("year_report_2022_vi", 2022)
    assert re.match(r"cell \d+", failure.where)
    assert re.match(
        r"year_report_2022_vi: cell \d+: ValueError: broken on purpose for 2022", str(failure)
    )
    assert old.read_text(encoding="utf-8") == "previous good report"
    assert (tmp_path / "year_report_2021_vi.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left
    with pytest.raises(ReportError, match="year_report_2022_vi: cell"):
        build_reports([2022], out=tmp_path, year_notebook=broken, term_notebook=None,
                      progress=False, processed=tmp_path / "data")  # fmt: skip


def test_bad_parameters_are_refused_before_any_notebook_runs(tmp_path, capsys):
    assert main(["reports", "--years", "2019", "--out", str(tmp_path)]) == 1
    assert "years must lie within the term 2020–2025" in capsys.readouterr().err
    assert main(["reports", "--lang", "fr", "--out", str(tmp_path)]) == 1
    assert "unknown language 'fr'" in capsys.readouterr().err
    assert main(["reports", "--jobs", "0", "--out", str(tmp_path)]) == 1
    assert "jobs must be a whole number of at least 1" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["reports", "--out", str(blocker / "sub")]) == 1
    assert "cannot write reports here" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [blocker]  # nothing was built


def test_notebooks_list_their_parameters():
    year = papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / "year_report.ipynb"))
    assert list(year) == [
        "year",
        "lang",
        "unit",
        "observations_path",
        "rejects_path",
        "catalog_path",
        "overrides_path",
        "units_path",
    ]
    term = papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / "term_review.ipynb"))
    assert list(term) == [
        "lang", "unit", "observations_path", "catalog_path", "overrides_path", "units_path",
    ]  # fmt: skip


def test_committed_notebooks_have_no_outputs():
    import nbformat

    for path in config.NOTEBOOKS_DIR.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        assert any("parameters" in c.metadata.get("tags", []) for c in code), path.name


def test_the_readme_ad_hoc_script_runs(tmp_path):
    import subprocess
    import sys

    readme = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Ad-hoc scripts", 1)[1]
    script = section.split("```python", 1)[1].split("```", 1)[0]
    assert len(script.strip().splitlines()) <= 10
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    import pandas as pd

    table = pd.read_csv(tmp_path / "status_2023.csv")
    assert len(table) == 33 and "6 table(s) read" in proc.stdout
