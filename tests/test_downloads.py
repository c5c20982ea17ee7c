"""The downloads of a year report: the status table as CSV and XLSX, the Word summary, the
links to them, and the build writing them beside each page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from ward_analysis.build import downloads
from ward_analysis.build.downloads import write_downloads, write_year_downloads
from ward_analysis.present.documents import (
    csv_bytes,
    docx_bytes,
    downloads_html,
    status_frame,
    xlsx_bytes,
)
from ward_analysis.present.locale import get_locale
from ward_analysis.present.pages import download_names
from ward_analysis.present.reports import year_report
from ward_analysis.present.summary import summarise
from ward_analysis.read.cleaning import clean

#: English words that must not appear in a Vietnamese download (headings, labels, clauses).
ENGLISH = re.compile(
    r"\b(?:status|target|targets|probability|projected|latest|explanation|group|total|"
    r"achieved|missed|track|risk|change|figures? up to)\b",
    re.IGNORECASE,
)
VIETNAMESE = re.compile(r"[À-ỹĐđƠơƯư]")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    """The shipped tables cleaned into a temporary folder (as the build does)."""
    folder = tmp_path_factory.mktemp("processed")
    clean(None, folder)
    return {
        "observations_path": folder / "observations.csv",
        "rejects_path": folder / "rejects.csv",
    }


@pytest.fixture(scope="module")
def report(inputs):
    """``report(year, lang)``: the year report of the shipped data (made once each)."""
    made = {}

    def make(year: int = 2025, lang: str = "vi"):
        if (year, lang) not in made:
            made[year, lang] = year_report(year, lang=lang, **inputs)
        return made[year, lang]

    return make


def frame_of(r) -> pd.DataFrame:
    return status_frame(r.assessment, r.catalog, lang=r.lang, observations=r.observations)


def docx_of(r) -> bytes:
    summary = summarise(r.assessment, r.previous, r.catalog, lang=r.lang)
    return docx_bytes(summary, frame_of(r), title=r.title(), subtitle=r.subtitle(),
                      notice=r.catalog.header.notice(r.lang), footer="FOOTER LINE")  # fmt: skip


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    parts += [p.text for s in document.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def test_the_status_frame_has_a_row_per_sub_target_and_headings_in_words(report):
    r = report(2023)
    frame = frame_of(r)
    word = get_locale("vi").word
    assert list(frame.columns) == [
        word("col_group"), word("col_id"), word("target"), word("status"), word("figure"),
        word("projection", T=2025), word("probability"), word("explanation"),
    ]  # fmt: skip
    assert frame[word("col_id")].tolist() == r.catalog.ids
    row = frame.set_index(word("col_id")).loc["4"]
    assert row[word("col_group")] == "Văn hóa – xã hội"
    assert (row[word("status")], row[word("figure")], row[word("probability")]) == (
        "Có nguy cơ", "76,4 % (2023)", "51 %")  # fmt: skip
    assert row[word("explanation")].startswith("Tỷ lệ người dân tham gia bảo hiểm y tế năm 2023")
    en = frame_of(report(2023, "en"))
    assert list(en.columns)[:3] == ["Group", "No.", "Target"]


def test_the_csv_reads_back_with_vietnamese_headings(report):
    r = report(2025)
    data = csv_bytes(frame_of(r))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads Vietnamese
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(frame_of(r).columns)
    assert "Tình trạng" in back.columns and "Xác suất đạt" in back.columns
    assert back["STT"].tolist() == r.catalog.ids and len(back) == 33
    assert back.set_index("STT").loc["9", "Tình trạng"].startswith("Đã đạt (do cán bộ phân tích")


def test_the_xlsx_has_title_notice_bold_frozen_header_and_a_row_per_sub_target(report):
    from openpyxl import load_workbook

    r = report(2023)
    frame = frame_of(r)
    notice = r.catalog.header.notice("vi")
    book = load_workbook(io.BytesIO(xlsx_bytes(frame, r.title(), notice, lang="vi",
                                               subtitle=r.subtitle())))  # fmt: skip
    sheet = book.active
    assert sheet.title == "Tình trạng chỉ tiêu"
    column_a = [c.value for c in sheet["A"]]
    assert column_a[:3] == [r.title(), r.subtitle(), notice]
    assert notice.startswith("SỐ LIỆU MINH HỌA")
    header = column_a.index("Nhóm chỉ tiêu") + 1
    assert [c.value for c in sheet[header]] == list(frame.columns)
    assert all(c.font.bold for c in sheet[header])
    assert sheet.freeze_panes == f"A{header + 1}"
    ids = [c.value for c in sheet["B"][header:]]
    assert ids == r.catalog.ids
    explanation = sheet.cell(row=header + 1, column=len(frame.columns))
    assert explanation.alignment.wrap_text
    assert sheet.column_dimensions["H"].width > sheet.column_dimensions["B"].width
    en = load_workbook(io.BytesIO(xlsx_bytes(frame_of(report(2023, "en")), "T", None, lang="en")))
    assert en.active.title == "Target status" and en.active["A2"].value == "Group"


def test_the_docx_is_vietnamese_with_summary_table_and_notice(report):
    from docx import Document

    r = report(2025)
    document = Document(io.BytesIO(docx_of(r)))
    text = docx_text(document)
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert r.title() in text and r.subtitle() in text
    assert r.catalog.header.notice("vi") in text
    summary = summarise(r.assessment, r.previous, r.catalog, lang="vi")
    paragraphs = [p.text for p in document.paragraphs]
    for line in summary.attention:  # the summary's lines, as on the page
        assert (
            f"{line.target_id}. {line.name}: {line.label}{line.mark} — {line.clause}" in paragraphs
        )
    assert any(p.endswith("Đúng tiến độ → Đã đạt‡") for p in paragraphs)
    assert "† Kết quả tạm tính" in text
    counts, table = document.tables
    assert [c.text for c in counts.rows[1].cells][-1] == "33"
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["STT", "Chỉ tiêu", "Tình trạng"]
    targets = [row for row in rows if row[0] in r.catalog.ids]
    assert [row[0] for row in targets] == r.catalog.ids  # one row per sub-target
    assert "Văn hóa – xã hội" in [row[0] for row in rows]  # the resolution's groups
    assert document.sections[1].footer.paragraphs[0].text == "FOOTER LINE"
    first, wide = document.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)  # A4
    assert round(first.left_margin.cm, 2) == round(first.top_margin.cm, 2) == 2
    assert wide.page_width > wide.page_height  # the table on landscape pages
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_english_docx_is_english(report):
    from docx import Document

    r = report(2023, "en")
    text = docx_text(Document(io.BytesIO(docx_of(r))))
    assert "Targets needing attention" in text and "Status of every target" in text
    assert "Chỉ tiêu cần" not in text and "Tình trạng" not in text


def test_the_links_name_each_file_type_in_words():
    html = downloads_html("vi", 2023)
    assert '<nav class="ward-downloads" aria-label="Tải về">' in html
    for name in download_names("vi", 2023).values():
        assert f'href="{name}"' in html
    assert [t for t in re.findall(r">([^<>]+)</a>", html)] == [
        "Bảng tình trạng (CSV)", "Bảng tình trạng (Excel)", "Báo cáo tóm tắt (Word)"]  # fmt: skip
    assert "year_report_2024_en.docx" in downloads_html("en", 2024)
    assert "Summary report (Word)" in downloads_html("en", 2024)


def test_write_downloads_writes_the_three_files_atomically(tmp_path, monkeypatch, report):
    written = []
    real = downloads.atomic_write_bytes

    def spy(path, data):
        written.append(Path(path).name)
        return real(path, data)

    monkeypatch.setattr(downloads, "atomic_write_bytes", spy)
    old = tmp_path / "year_report_2023_vi.docx"
    old.write_bytes(b"the previous file")
    paths = write_downloads(report(2023), tmp_path)
    names = list(download_names("vi", 2023).values())
    assert [p.name for p in paths] == names == written
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # no temporary file left
    assert old.read_bytes().startswith(b"PK")  # replaced by the new Word file (a zip)
    back = pd.read_csv(tmp_path / names[0], encoding="utf-8-sig", dtype=str)
    assert len(back) == 33


def test_a_failing_download_leaves_the_previous_file_whole(tmp_path, monkeypatch, report):
    old = tmp_path / "year_report_2023_vi.docx"
    old.write_bytes(b"the previous file")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(downloads, "docx_bytes", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_downloads(report(2023), tmp_path)
    assert old.read_bytes() == b"the previous file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_year_downloads_takes_a_notebooks_parameters(tmp_path, inputs):
    parameters = {"year": 2022, "lang": "en", "unit": None, **inputs,
                  "a_parameter_the_report_does_not_take": 1}  # fmt: skip
    paths = write_year_downloads(parameters, tmp_path)
    assert [p.name for p in paths] == list(download_names("en", 2022).values())
    from docx import Document

    text = docx_text(Document(paths[2]))
    assert "figures up to 2022" in text and "Targets needing attention" in text


@pytest.mark.slow
def test_the_build_writes_the_downloads_beside_each_year_report(tmp_path):
    """The downloads are written in the kernel that ran the notebook, from the report it made.
    2022's cannot be written (a folder stands where its Excel file goes): that report fails
    by name, its page stands."""
    from ward_analysis.build.run import build_reports

    out, processed = tmp_path / "out", tmp_path / "processed"
    (out / "year_report_2022_vi.xlsx").mkdir(parents=True)
    result = build_reports([2022, 2023], out=out, processed=processed, term_notebook=None,
                           progress=False, continue_on_error=True)  # fmt: skip
    for name in download_names("vi", 2023).values():
        assert (out / name).is_file(), name
    assert (out / "year_report_2023_vi.html").is_file()
    back = pd.read_csv(out / "year_report_2023_vi.csv", encoding="utf-8-sig", dtype=str)
    assert len(back) == 33
    # a download that fails is a failure of that report, named, and the page stands
    assert [(f.year, f.where) for f in result.failures] == [(2022, "downloads")]
    assert "year_report_2022_vi.xlsx: could not be written (Is a directory)" in str(
        result.failures[0]
    )
    assert (out / "year_report_2022_vi.html").is_file()
    assert not (out / "year_report_2022_vi.docx").exists()  # the Excel file comes first
