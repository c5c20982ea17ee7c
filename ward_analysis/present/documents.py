"""The downloads of a year report, in the report's language: its status table as CSV and as
an Excel workbook, and a Word file with the summary and the status table, the form ward
offices circulate.

:func:`status_frame` is the status table as a plain frame (headings in the report's
language); :func:`csv_bytes`, :func:`xlsx_bytes` and :func:`docx_bytes` make the files'
bytes (the build writes them beside the HTML, ``ward_analysis.build.downloads``), and
:func:`downloads_html` the links the page shows. File names come from
:func:`.pages.download_names`.
"""

from __future__ import annotations

import io
from html import escape

import pandas as pd

from ..model.catalog import Catalog
from .locale import STATUS_CHIPS, get_locale
from .pages import download_names
from .summary import Summary
from .tables import status_rows

#: The columns of :func:`status_rows`, in order; :func:`status_frame` names them in words.
#: The MIME type of each download, for the links.
MIME_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
#: The locale word naming each download in its link.
LINK_WORDS = {".csv": "download_csv", ".xlsx": "download_xlsx", ".docx": "download_docx"}
#: The Word file's font: Times New Roman, as ward offices write (it has every Vietnamese glyph).
DOC_FONT = "Times New Roman"


def status_frame(
    assessment: pd.DataFrame,
    catalog: Catalog,
    *,
    lang: str = "vi",
    observations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The status table as a plain frame, headings in the report's language: group (when
    the catalog names groups), id, name, status, latest figure, end-of-term figure or
    projection, probability, explanation. Every cell is text, written as the report writes it."""
    locale = get_locale(lang)
    word = locale.word
    rows = status_rows(assessment, catalog, lang=lang, observations=observations)
    headings = {
        "group": word("col_group"),
        "target_id": word("col_id"),
        "name": word("target"),
        "status_label": word("status"),
        "figure": word("figure"),
        "projection": word("projection", T=catalog.term[1]),
        "probability": word("probability"),
        "explanation": word("explanation"),
    }
    if not catalog.header.groups:
        headings.pop("group")
    return rows[list(headings)].rename(columns=headings)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV for Excel: UTF-8 with a byte-order mark (so that Excel reads the
    Vietnamese letters), comma separated, one header row, CRLF line ends."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(
    frame: pd.DataFrame,
    title: str,
    notice: str | None,
    *,
    lang: str = "vi",
    subtitle: str | None = None,
) -> bytes:
    """The frame as an Excel workbook: a title row (and a subtitle), the data notice when
    there is one, a bold header row that stays in view (frozen, with filters), columns as
    wide as their text allows, long texts wrapped; the sheet named in ``lang``; set to print
    landscape on A4, one page wide, the header on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(get_locale(lang).word("sheet_status"))
    width = max(len(frame.columns), 1)
    last = get_column_letter(width)
    row = 1

    def banner(text: str, font: Font, fill: PatternFill | None = None, lines: int = 1) -> None:
        nonlocal row
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if fill is not None:
            cell.fill = fill
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = 15 * lines + 4
        row += 1

    banner(title, Font(bold=True, size=14), lines=1.3)
    if subtitle:
        banner(subtitle, Font(italic=True, size=11))
    if notice:
        banner(notice, Font(bold=True, color="3B2300"), PatternFill("solid", fgColor="FFF8C5"),
               lines=2)  # fmt: skip
    header = row
    thin = Side(style="thin", color="D0D7DE")
    for j, heading in enumerate(frame.columns, start=1):
        cell = sheet.cell(row=header, column=j, value=str(heading))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F8FA")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=thin)
    widths = _column_widths(frame)
    for i, values in enumerate(frame.itertuples(index=False), start=header + 1):
        for j, value in enumerate(values, start=1):
            cell = sheet.cell(row=i, column=j, value=None if pd.isna(value) else str(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = Border(bottom=thin)
    for j, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = w
    sheet.freeze_panes = f"A{header + 1}"
    if len(frame):
        sheet.auto_filter.ref = f"A{header}:{last}{header + len(frame)}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = title
    book.properties.language = lang
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    return "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Sheet1"


def _column_widths(frame: pd.DataFrame) -> list[float]:
    """Each column as wide as its longest text (heading words included), within 6 and 60
    characters: long texts wrap at 60."""
    widths = []
    for heading in frame.columns:
        texts = frame[heading].dropna().astype(str)
        longest = max([len(t) for t in texts] + [max(len(w) for w in str(heading).split() or [""])])
        widths.append(float(min(max(longest + 2, 6), 60)))
    return widths


def docx_bytes(
    summary: Summary,
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    notice: str | None,
    footer: str,
) -> bytes:
    """A Word file with the summary and the status table: A4 portrait with 2 cm margins,
    Times New Roman; the title, the subtitle, the data notice; the counts per status, the
    targets that need attention, the changes and the marks' legend; then, on landscape
    pages, the status table (grouped as the resolution groups its targets, the header
    repeated on each page); ``footer`` (data files and build time) at the foot of every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    locale = get_locale(summary.lang)
    word = locale.word
    doc = Document()
    _doc_fonts(doc)
    doc.core_properties.title = title
    doc.core_properties.language = locale.code
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    foot = section.footer.paragraphs[0]
    foot.text = footer
    for run in foot.runs:
        run.font.size = Pt(9)

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(15)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(subtitle).italic = True
    if notice:
        box = doc.add_paragraph()
        box.add_run(notice).bold = True
        _box(box)

    bullet = doc.styles["List Bullet"]  # looked up once: a lookup by name costs ~5 ms
    doc.add_heading(word("section_summary"), level=1)
    doc.add_heading(word("summary_counts"), level=2)
    _counts_table(doc, summary, locale)
    doc.add_heading(f"{word('summary_attention')} ({len(summary.attention)})", level=2)
    for a in summary.attention:
        item = doc.add_paragraph(style=bullet)
        item.add_run(f"{a.target_id}. ").bold = True
        item.add_run(f"{a.name}: ")
        item.add_run(a.label + a.mark).bold = True
        item.add_run(f" — {a.clause}")
    if not summary.attention:
        doc.add_paragraph(word("summary_no_attention"))
    if summary.previous_year is None:
        doc.add_paragraph(word("first"))
    else:
        changes = word("summary_changes", year=summary.previous_year)
        doc.add_heading(f"{changes} ({len(summary.changes)})", level=2)
        for c in summary.changes:
            item = doc.add_paragraph(style=bullet)
            item.add_run(f"{c.target_id}. ").bold = True
            item.add_run(f"{c.name}: {c.before_label} → {c.after_label}")
        if not summary.changes:
            doc.add_paragraph(word("no_change"))
    for mark in summary.marks:
        legend = doc.add_paragraph()
        legend.add_run(mark.text).italic = True
        legend.runs[0].font.size = Pt(10)

    wide = doc.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Mm(297), Mm(210)
    doc.add_heading(word("section_status"), level=1)
    table = _status_table(
        doc, frame, locale, wide.page_width - wide.left_margin - wide.right_margin
    )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _doc_fonts(doc) -> None:
    """Times New Roman, black, in every style the file uses, for every script (Word would
    otherwise take the theme's fonts for headings)."""
    from docx.shared import Pt, RGBColor

    sizes = {"Normal": 12, "Heading 1": 14, "Heading 2": 12.5, "List Bullet": 12}
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = DOC_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme"):
                del fonts.attrib[attribute]
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(_qn(script), DOC_FONT)
        style.paragraph_format.space_after = Pt(3)
        if name.startswith("Heading"):
            style.paragraph_format.space_before = Pt(10)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _box(paragraph) -> None:
    """A thin border around a paragraph (the data notice)."""
    from docx.oxml import OxmlElement

    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"),
                           ("w:color", "9A6700")):  # fmt: skip
            edge.set(_qn(key), value)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


def _shade(cell, colour: str) -> None:
    """Fill a table cell with a colour (``#rrggbb``)."""
    from docx.oxml import OxmlElement

    shading = OxmlElement("w:shd")
    shading.set(_qn("w:val"), "clear")
    shading.set(_qn("w:color"), "auto")
    shading.set(_qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell, text: str, *, bold: bool = False, size: float | None = None,
               colour: str | None = None) -> None:  # fmt: skip
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    paragraph.paragraph_format.space_after = 0


def _counts_table(doc, summary: Summary, locale) -> None:
    """The counts per status: a column per status (its chip's colours), the total last."""
    word = locale.word
    rows = 3 if summary.previous_year is not None else 2
    table = doc.add_table(rows=rows, cols=len(summary.counts) + 2)
    table.style = "Table Grid"
    _cell_text(table.cell(0, 0), word("status"), bold=True, size=11)
    _cell_text(table.cell(1, 0), word("count"), bold=True, size=11)
    if rows == 3:
        _cell_text(table.cell(2, 0), word("summary_change_on", year=summary.previous_year),
                   bold=True, size=11)  # fmt: skip
    for j, c in enumerate(summary.counts, start=1):
        background, text, _ = STATUS_CHIPS[c.status]
        _shade(table.cell(0, j), background)
        _cell_text(table.cell(0, j), c.label, bold=True, size=11, colour=text)
        _cell_text(table.cell(1, j), str(c.now), size=11)
        if rows == 3:
            _cell_text(table.cell(2, j), c.change or "", size=11)
    total = len(summary.counts) + 1
    _cell_text(table.cell(0, total), word("summary_total"), bold=True, size=11)
    _cell_text(table.cell(1, total), str(summary.total), bold=True, size=11)


def _status_table(doc, frame: pd.DataFrame, locale, width):
    """The status table: a header row repeated on every page, a row per sub-target and,
    where the frame has the group column, a heading row per group spanning the table."""
    from docx.shared import Emu

    group_heading = locale.word("col_group")
    columns = [c for c in frame.columns if c != group_heading]
    # relative widths: the id narrow, the name and explanation wide
    weights = {locale.word("col_id"): 0.8, locale.word("target"): 3.0, locale.word("status"): 2.0,
               locale.word("probability"): 1.3, locale.word("explanation"): 5.2}  # fmt: skip
    shares = [weights.get(c, 2.0) for c in columns]
    widths = [Emu(int(width * s / sum(shares))) for s in shares]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    head = table.rows[0]
    _row_flag(head, "w:tblHeader")  # repeated on every page
    for j, heading in enumerate(columns):
        _shade(head.cells[j], "#F2F2F2")
        _cell_text(head.cells[j], str(heading), bold=True, size=10)
    for j, w in enumerate(widths):
        table.columns[j].width = w
        head.cells[j].width = w
    current = None
    for _, r in frame.iterrows():
        if group_heading in frame.columns and r[group_heading] and r[group_heading] != current:
            current = r[group_heading]
            row = table.add_row()
            _row_flag(row, "w:cantSplit")
            cell = row.cells[0].merge(row.cells[-1])
            cell.width = Emu(sum(widths))
            _shade(cell, "#E8EEF4")
            _cell_text(cell, str(current), bold=True, size=10)
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # not alone at a page foot
        row = table.add_row()
        _row_flag(row, "w:cantSplit")  # a target's row is never cut by a page break
        cells = row.cells
        for j, heading in enumerate(columns):
            value = r[heading]
            cells[j].width = widths[j]
            _cell_text(cells[j], "" if pd.isna(value) else str(value), size=10,
                       bold=heading == locale.word("col_id"))  # fmt: skip
    return table


def _row_flag(row, tag: str) -> None:
    """Set a yes/no property of a table row (``w:tblHeader``, ``w:cantSplit``)."""
    from docx.oxml import OxmlElement

    flag = OxmlElement(tag)
    flag.set(_qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def downloads_html(lang: str, year: int) -> str:
    """The links to a year report's downloads (beside its HTML), each named with its file
    type in words: ``Bảng tình trạng (CSV)``, ``Bảng tình trạng (Excel)``, ``Báo cáo tóm tắt
    (Word)``."""
    word = get_locale(lang).word
    links = "".join(
        f'<li><a href="{escape(name)}" type="{MIME_TYPES[suffix]}" download>'
        f"{escape(word(LINK_WORDS[suffix]))}</a></li>"
        for suffix, name in download_names(lang, year).items()
    )
    return (
        "<style>.ward-downloads ul { list-style: none; display: flex; flex-wrap: wrap; "
        "gap: 4px 18px; margin: 6px 0; padding: 0; }</style>"
        f'<nav class="ward-downloads" aria-label="{escape(word("downloads"))}"><ul>{links}</ul></nav>'
    )
