"""Hostile content: markup and code in the data or the parameters never runs.

Target names, the ward's name, the data notice, notes, rejected cells and file names carry
HTML and script. The reports and the index are built from them and opened in headless
Chromium: no dialog fires, no element is injected, each string shows as text. Report
parameters that hold quotes, backslashes or Python stay data (Papermill writes them into
the notebook as code).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from ward_analysis import WardAnalysisError, config
from ward_analysis.build.parameters import declared, notebook_parameters
from ward_analysis.build.run import YEAR_NOTEBOOK, build_reports

#: Each sets window.__pwned and opens a dialog if it ever runs.
HOSTILE = {
    "unit": 'Phường <script>window.__pwned=1;alert("unit")</script> "Thử"',
    "notice": "SỐ LIỆU MINH HỌA <img src=x onerror=\"window.__pwned=2;alert('notice')\">",
    "name_vi": "Tỷ lệ BHYT <svg onload=\"window.__pwned=3;alert('name')\">",
    "name_en": "Insurance <iframe src=\"javascript:window.__pwned=4;alert('en')\"></iframe>",
    "reading": "<details open ontoggle=\"window.__pwned=5;alert('reading')\">x</details>",
    "alias": '<b onmouseover=alert(6)>BHYT</b> & <i>"lao động"</i>',
    "note": "<script>window.__pwned=7,alert('note')</script>",
    "reject": "<img src=x onerror=\"window.__pwned=8,alert('reject')\">",
    "file": "bieu_chi_tieu_2023 <img src=x onerror=alert(9)>.csv",
}
PROBE = """() => ({
  pwned: window.__pwned || 0,
  injected: document.querySelectorAll(
    'img, iframe, details, b[onmouseover], [onerror], [onload], [ontoggle], [onmouseover]').length,
})"""


def _title_names_no_unit(raw: Path) -> None:
    """The copied tables' title blocks say "ỦY BAN NHÂN DÂN" without the ward's name."""
    import openpyxl

    for path in raw.glob("bieu_chi_tieu_*"):
        if path.suffix == ".csv":
            text = path.read_text(encoding="utf-8").replace("NHÂN DÂN PHƯỜNG CHI LĂNG", "NHÂN DÂN")
            path.write_text(text, encoding="utf-8")
            continue
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "CHI LĂNG" in cell.value.upper():
                        cell.value = cell.value.upper().replace("PHƯỜNG CHI LĂNG", "").strip()
        book.save(path)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    shutil.copytree(config.WARD_DIR, raw)
    doc = yaml.safe_load((raw / "catalog.yaml").read_text(encoding="utf-8"))
    doc["unit"] = HOSTILE["unit"]
    doc["data_notice"] = HOSTILE["notice"]
    for t in doc["targets"]:
        if t["id"] == "4":
            t.update(name_vi=HOSTILE["name_vi"], name_en=HOSTILE["name_en"],
                     reading=HOSTILE["reading"])  # fmt: skip
            t["aliases"] = [*t.get("aliases", []), "Tỷ lệ người dân tham gia bảo hiểm y tế"]
        if t["id"] == "6":
            t["aliases"] = [*t.get("aliases", []), HOSTILE["alias"]]
    (raw / "catalog.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _title_names_no_unit(raw)  # the tables are the hostile unit's: their folder says so
    table = (raw / "bieu_chi_tieu_2023.csv").read_text(encoding="utf-8")
    table = table.replace(
        "9;Tỷ lệ lao động đã qua đào tạo;%;64%;64,9%;",
        f"9;{HOSTILE['alias']};%;64%;-;{HOSTILE['note']}",
    ).replace(
        "13;Tỷ lệ gia đình văn hóa;%;≥ 90%;91,0%;",
        f"13;Tỷ lệ gia đình văn hóa;%;≥ 90%;{HOSTILE['reject']};",
    )
    (raw / "bieu_chi_tieu_2023.csv").unlink()
    (raw / HOSTILE["file"]).write_text(table, encoding="utf-8")
    # a processed folder whose path holds quotes, a backslash and shell/Python syntax
    processed = base / 'it\'s "data" \\ $(touch pwned-shell) ; import os'
    out = base / "reports"
    result = build_reports([2023], out=out, processed=processed, raw=raw,
                           catalog_path=raw / "catalog.yaml", progress=False)  # fmt: skip
    return base, out, result


@pytest.mark.slow
def test_hostile_strings_show_as_text_and_run_nowhere(hostile_build):
    from tests.browser import visit

    base, out, result = hostile_build
    assert result.ok, result.failures
    pages = [(out / "year_report_2023_vi.html", 33), (out / "term_review_vi.html", 1),
             (out / "index.html", 0)]  # fmt: skip
    session = visit(pages, probe=PROBE)
    assert session.dialogs == [] and session.outside == [] and session.errors == []
    for name, seen in session.visits.items():
        assert seen.probe == {"pwned": 0, "injected": 0}, name
        assert HOSTILE["unit"] in seen.text, name  # shown as text, markup and all
    report = session.visits["year_report_2023_vi.html"].text
    for key in ("notice", "name_vi", "note", "reject"):
        assert HOSTILE[key] in report, key
    index = session.visits["index.html"].text
    assert HOSTILE["name_vi"] in index and HOSTILE["file"] in index
    assert not list(base.rglob("pwned*"))


@pytest.mark.slow
def test_hostile_unit_parameter_is_passed_as_data(tmp_path):
    """A ward's name holding quotes and Python reaches the notebook as the same text."""
    marker = tmp_path / "executed"
    unit = f'Phường "X"\'; open({str(marker)!r}, "w").write("1"); x = \'\\'
    raw = tmp_path / "raw"
    shutil.copytree(config.WARD_DIR, raw)
    result = build_reports([2023], out=tmp_path / "out", processed=tmp_path / "p", raw=raw,
                           unit=unit, term_notebook=None, progress=False)  # fmt: skip
    assert result.ok and not marker.exists()
    html = (tmp_path / "out" / "year_report_2023_vi.html").read_text(encoding="utf-8")
    from html import unescape

    assert unit in unescape(html)  # shown, as written (the browser test shows it stays text)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("unit", "Phường A\nimport os", "line break or control character"),
        ("unit", "tab\there", "line break or control character"),
        ("catalog_path", "a\rb", "line break or control character"),
        ("year", "2023", "must be int"),
        ("year", True, "must be int"),
        ("unit", type("Sneaky", (str,), {})("x"), "must be str or NoneType, not Sneaky"),
        ("unit", 3.5, "must be str or NoneType"),
        ("x = 1\nimport os\n#", "v", "unknown report parameter"),
        ("lang", ["vi"], "must be str"),
    ],
)
def test_unsafe_report_parameters_are_refused(name, value, message):
    with pytest.raises(WardAnalysisError, match=message):
        notebook_parameters(YEAR_NOTEBOOK, **{name: value})


def test_safe_parameters_pass_unchanged():
    values = {"year": 2023, "lang": "vi", "unit": 'Phường "Chi Lăng" \\ \'x\' ; import os',
              "observations_path": Path("/tmp/a'b\"c/obs.csv"), "rejects_path": None}  # fmt: skip
    out = notebook_parameters(YEAR_NOTEBOOK, **values)
    assert out == {**values, "observations_path": "/tmp/a'b\"c/obs.csv"}


def test_parameters_are_read_from_the_notebooks(tmp_path):
    assert declared(YEAR_NOTEBOOK) == {
        "year": (int,), "lang": (str,), "unit": (str, type(None)),
        "observations_path": (str, type(None)), "rejects_path": (str, type(None)),
        "catalog_path": (str, type(None)), "overrides_path": (str, type(None)),
        "units_path": (str, type(None)),
    }  # fmt: skip
    term = declared(config.NOTEBOOKS_DIR / "term_review.ipynb")
    assert "year" not in term and "rejects_path" not in term
    with pytest.raises(WardAnalysisError, match="unknown report parameter 'year'"):
        notebook_parameters(config.NOTEBOOKS_DIR / "term_review.ipynb", year=2023)
    import nbformat

    nb = nbformat.read(YEAR_NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = cell.source.replace("year: int = 2023", "year = 2023")
    bare = tmp_path / "bare.ipynb"
    nbformat.write(nb, bare)
    with pytest.raises(WardAnalysisError, match="parameter 'year' needs a type annotation"):
        declared(bare)
