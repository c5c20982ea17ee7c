"""Incremental builds: a report's key, and which reports a build leaves alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ward_analysis.build import keys
from ward_analysis.build.run import YEAR_NOTEBOOK, Job, split_current


def _files(tmp_path: Path) -> tuple[Path, list[Path]]:
    nb = tmp_path / "report.ipynb"
    nb.write_bytes(YEAR_NOTEBOOK.read_bytes())
    data = []
    for name, text in (("observations.csv", "a,b\n1,2\n"), ("catalog.yaml", "unit: X\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        data.append(tmp_path / name)
    return nb, data


def test_the_key_changes_with_each_thing_the_page_is_made_from(tmp_path, monkeypatch):
    nb, data = _files(tmp_path)
    params = {"year": 2023, "lang": "vi", "observations_path": str(data[0])}
    base = keys.report_key(nb, params, data)
    assert set(base["parts"]) == {"notebook", "parameters", "data", "library", "template", "environment"}  # fmt: skip
    assert keys.report_key(nb, params, data) == base  # the same inputs, the same key

    assert keys.report_key(nb, params | {"year": 2024}, data)["key"] != base["key"]
    data[0].write_text("a,b\n1,3\n", encoding="utf-8")  # one figure of the unit's table
    changed = keys.report_key(nb, params, data)
    assert changed["key"] != base["key"] and changed["parts"]["data"] != base["parts"]["data"]
    data[0].write_text("a,b\n1,2\n", encoding="utf-8")
    nb.write_bytes(nb.read_bytes() + b" ")
    assert keys.report_key(nb, params, data)["parts"]["notebook"] != base["parts"]["notebook"]
    nb.write_bytes(YEAR_NOTEBOOK.read_bytes())

    template = tmp_path / "templates"
    shutil.copytree(keys.TEMPLATE_DIR, template)
    assert keys.report_key(nb, params, data, template=template) == base
    page = next(p for p in template.rglob("*.j2"))
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert keys.report_key(nb, params, data, template=template)["key"] != base["key"]

    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==3.0.0\n", encoding="utf-8")
    monkeypatch.setattr(keys, "LOCK_PATH", lock)
    locked = keys.report_key(nb, params, data)
    assert locked["parts"]["environment"] == keys.file_sha(lock) != base["parts"]["environment"]
    lock.write_text("pandas==3.0.1\n", encoding="utf-8")  # next year's versions
    assert keys.report_key(nb, params, data)["key"] != locked["key"]


def test_where_the_files_are_does_not_change_the_key(tmp_path):
    """A copy of the project elsewhere builds the same keys: paths are not part of it."""
    (tmp_path / "a").mkdir()
    nb, data = _files(tmp_path / "a")
    other = tmp_path / "b"
    shutil.copytree(tmp_path / "a", other)
    params = {"year": 2023, "observations_path": str(data[0])}
    moved = {"year": 2023, "observations_path": str(other / "observations.csv")}
    assert keys.report_key(nb, params, data) == keys.report_key(
        other / nb.name, moved, [other / p.name for p in data]
    )


def test_the_key_file_beside_a_report_says_whether_it_is_current(tmp_path):
    nb, data = _files(tmp_path)
    key = keys.report_key(nb, {"year": 2023}, data)
    html = tmp_path / "year_report_2023_vi.html"
    assert not keys.is_current(html, key)  # no page yet
    html.write_text("<html></html>", encoding="utf-8")
    assert not keys.is_current(html, key)  # a page, but no key: built before keys, or copied
    written = keys.write_key(html, key)
    assert written.name == "year_report_2023_vi.key.json"
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["key"] == key["key"] and record["report"] == html.name
    assert keys.is_current(html, key) and keys.built_at(html) is not None
    other = keys.report_key(nb, {"year": 2024}, data)
    assert not keys.is_current(html, other)
    html.unlink()
    assert not keys.is_current(html, key)  # the key stays, the page is gone: build it


def _jobs(tmp_path: Path) -> list[Job]:
    nb, data = _files(tmp_path)
    out = []
    for year in (2022, 2023):
        stem = f"year_report_{year}_vi"
        out.append(Job(stem, nb, {"year": year}, tmp_path / f"{stem}.html",
                       tmp_path / f"{stem}.ipynb", year, tuple(data)))  # fmt: skip
    return out


def test_a_build_leaves_alone_the_reports_whose_key_has_not_changed(tmp_path, monkeypatch):
    todo = _jobs(tmp_path)
    pending, current = split_current(todo)
    assert [j.year for j, _ in pending] == [2022, 2023] and current == []
    for job, key in pending:  # as the build does after each page
        job.html.write_text("<html></html>", encoding="utf-8")
        keys.write_key(job.html, key)
    pending, current = split_current(todo)
    assert pending == [] and [j.year for j in current] == [2022, 2023]
    assert [j.year for j, _ in split_current(todo, force=True)[0]] == [2022, 2023]
    # the unit's data change: every page of the unit is built again
    todo[0].data_files[0].write_text("a,b\n9,9\n", encoding="utf-8")
    assert [j.year for j, _ in split_current(todo)[0]] == [2022, 2023]


def test_a_template_change_rebuilds_every_report(tmp_path, monkeypatch):
    todo = _jobs(tmp_path)
    for job, key in split_current(todo)[0]:
        job.html.write_text("<html></html>", encoding="utf-8")
        keys.write_key(job.html, key)
    template = tmp_path / "templates"
    shutil.copytree(keys.TEMPLATE_DIR, template)
    monkeypatch.setattr(keys, "TEMPLATE_DIR", template)
    assert split_current(todo)[0] == []
    page = next(p for p in template.rglob("*.j2"))
    page.write_text(page.read_text(encoding="utf-8") + "<!-- -->", encoding="utf-8")
    assert len(split_current(todo)[0]) == len(todo)


def test_nothing_to_build_starts_no_cluster(tmp_path, monkeypatch):
    from ward_analysis.build import cluster
    from ward_analysis.build.run import run_jobs

    todo = _jobs(tmp_path)
    for job, key in split_current(todo)[0]:
        job.html.write_text("<html></html>", encoding="utf-8")
        keys.write_key(job.html, key)

    def refuse(*args, **kwargs):
        raise AssertionError("a cluster was started with nothing to build")

    monkeypatch.setattr(cluster, "connect", refuse)
    result = run_jobs(todo)
    assert result.built == [] and len(result.current) == 2


def test_the_package_code_is_part_of_the_key(tmp_path, monkeypatch):
    nb, data = _files(tmp_path)
    base = keys.report_key(nb, {"year": 2023}, data)
    monkeypatch.setattr(keys, "library_sha", lambda: "another version of the code")
    assert keys.report_key(nb, {"year": 2023}, data)["key"] != base["key"]


@pytest.mark.parametrize("name", ["observations_path", "catalog_path", "rejects_path"])
def test_path_parameters_are_left_out_of_the_key(name):
    assert keys._is_path(name)
