"""The pages as an official reads and prints them (issue 13): no serious accessibility fault
(axe-core), a year report in at most 8 A4 pages with its summary whole on page 1, every chart
described in words, status chips legible (WCAG AA, 4.5:1).

The slow tests build the shipped data's reports in both languages once (module fixture) and
open them in headless Chromium with every outside request blocked (``tests/browser.py``). The
fast ones check the helpers on small hand-written pages, so that a pass means something.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import (
    audit_and_print,
    axe,
    browser_page,
    open_drawn,
    print_pdf,
    probe,
    run_axe,
)
from ward_analysis.build.run import build_reports
from ward_analysis.present.locale import LOCALES, STATUS_CHIPS, STATUS_COLOURS, get_locale
from ward_analysis.present.pages import index_name, report_stem
from ward_analysis.read.catalog import load_catalog

CATALOG = load_catalog()
LANGS = tuple(LOCALES)
YEARS = tuple(range(CATALOG.term[0], CATALOG.term[1] + 1))
#: Every page a build writes: the index, each year's report and the term review, per language.
PAGES = [
    *(index_name(lang) for lang in LANGS),
    *(f"{report_stem(lang, year)}.html" for lang in LANGS for year in YEARS),
    *(f"{report_stem(lang)}.html" for lang in LANGS),
]
YEAR_REPORTS = [pytest.param(lang, year, id=f"{year}-{lang}") for lang in LANGS for year in YEARS]
#: Issue 13: a year report prints in at most this many A4 pages.
MAX_A4_PAGES = 8
#: WCAG 2.x AA: normal text against its background.
AA_TEXT = 4.5
#: What vega-embed labels a chart with when the spec has no description: not a description.
GENERIC_CHART_LABELS = {"vega visualization", "visualization", "chart"}

#: Per chart, the texts that can describe it: its own aria-label / -labelledby / -describedby,
#: its figure's label and caption, its SVG's label, <title> and <desc> (Vega sets the SVG's
#: aria-label from the spec's ``description``).
CHART_TEXTS = """() => {
  const label = el => (el && el.getAttribute('aria-label')) || '';
  const refs = (el, attr) => !el || !el.getAttribute(attr) ? '' : el.getAttribute(attr)
    .split(/\\s+/).map(id => document.getElementById(id)).filter(Boolean)
    .map(e => e.textContent).join(' ');
  const child = (el, sel) => (el && el.querySelector(sel) && el.querySelector(sel).textContent) || '';
  return [...document.querySelectorAll('.ward-chart')].map(chart => {
    const figure = chart.closest('figure');
    const svg = chart.querySelector('svg');
    return [label(chart), refs(chart, 'aria-labelledby'), refs(chart, 'aria-describedby'),
            label(figure), refs(figure, 'aria-labelledby'), child(figure, 'figcaption'),
            label(svg), refs(svg, 'aria-labelledby'), refs(svg, 'aria-describedby'),
            child(svg, ':scope > title'), child(svg, ':scope > desc')]
      .map(t => t.trim()).filter(Boolean);
  });
}"""
#: In print media: the summary section's text and height, and the first group's heading.
SUMMARY = """() => {
  const summary = document.querySelector('#summary');
  const next = document.querySelector('#group-1');
  return {
    text: summary ? summary.innerText : null,
    height: summary ? summary.getBoundingClientRect().height : null,
    next: next ? next.innerText : null,
  };
}"""


# --- helpers ---------------------------------------------------------------------------------


def contrast(one: str, other: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` (or ``#rgb``) colours, 1 to 21."""

    def luminance(colour: str) -> float:
        digits = colour.lstrip("#")
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def description(texts: list[str]) -> str | None:
    """A chart's description: the first of its texts that is not a generic label."""
    return next((t for t in texts if t.casefold() not in GENERIC_CHART_LABELS), None)


def squash(text: str) -> str:
    """Text without spaces or line breaks and with ligatures undone (``ﬁ`` → ``fi``), to find a
    page's words in the text pypdf reads back from a PDF."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def summary_problems(texts: list[str], summary: dict, title: str, heading: str) -> list[str]:
    """Why the summary does not stand whole on page 1 of a printout (``texts``: the PDF's page
    texts; ``summary``: what :data:`SUMMARY` measured); empty when it does."""
    if summary["text"] is None:
        return ['no <section id="summary"> on the page']
    page1, later = squash(texts[0]), [squash(t) for t in texts[1:]]
    problems = [f"page 1 lacks {what} {text!r}" for what, text in
                (("the title", title), ("the summary heading", heading)) if squash(text) not in page1]  # fmt: skip
    if summary["next"] is None:
        problems.append('no heading with id="group-1" after the summary')
    # the summary's lines and table cells long enough not to be found by chance
    pieces = [p for p in re.split(r"[\n\t]+", summary["text"]) if len(squash(p)) >= 8]
    spilled = [p for p in pieces if squash(p) not in page1 and any(squash(p) in t for t in later)]
    if spilled:
        problems.append(f"{len(spilled)} of the summary's lines are printed after page 1, "
                        f"from {spilled[0]!r}")  # fmt: skip
    elif pieces and squash(pieces[-1]) not in page1:
        problems.append(f"the summary's last line is not on page 1: {pieces[-1]!r}")
    if problems and summary["height"]:
        problems.append(f"(the summary is {summary['height'] / 96 * 25.4:.0f} mm high in print)")
    return problems


def _hand_page(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang thử</title>'
        f"</head><body><main><h1>Trang thử</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    return path


# --- fast: the helpers can pass and can fail ------------------------------------------------


def test_wcag_contrast_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#fff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast("#ffffff", "#d4a72c") == pytest.approx(2.24, abs=0.01)


def test_status_chips_have_enough_contrast():
    """Each status chip's text on its background reads at WCAG AA (4.5:1)."""
    assert set(STATUS_CHIPS) == set(STATUS_COLOURS), "a status without a chip, or the reverse"
    low = {
        code: f"{fg} on {bg}: {contrast(bg, fg):.2f}:1"
        for code, (bg, fg, _border) in STATUS_CHIPS.items()
        if contrast(bg, fg) < AA_TEXT
    }
    assert not low, f"status chips below {AA_TEXT}:1: {low}"


def test_status_colours_read_on_white():
    """The status colours, used as text and marks on the white page, read at 4.5:1."""
    low = {code: f"{contrast(colour, '#ffffff'):.2f}:1" for code, colour in STATUS_COLOURS.items()
           if contrast(colour, "#ffffff") < AA_TEXT}  # fmt: skip
    assert not low, f"status colours below {AA_TEXT}:1 on white: {low}"


def test_the_axe_helper_passes_a_clean_hand_page(tmp_path):
    page = _hand_page(
        tmp_path, '<p>Đã đạt <span style="background:#116329;color:#fff">8/10</span></p>'
    )
    (audit,) = axe([page]).values()
    assert audit.failing == [], audit.report()
    assert "color-contrast" in audit.rules  # the rule ran


def test_the_axe_helper_fails_white_text_on_amber(tmp_path):
    page = _hand_page(tmp_path, '<p><span class="chip" style="background:#d4a72c;color:#fff">'
                           "Có nguy cơ</span></p><img src='x.png'>")  # fmt: skip
    with browser_page() as browser:
        open_drawn(browser, page)
        audit = run_axe(browser)
    failing = {v.rule: v for v in audit.failing}
    assert set(failing) == {"color-contrast", "image-alt"}
    assert failing["color-contrast"].impact == "serious"
    assert len(failing["color-contrast"].targets) == 1
    assert "Có nguy cơ" in failing["color-contrast"].example
    report = audit.report()
    assert (
        "page.html: 2 serious or critical" in report
        and "color-contrast (serious, 1 node(s))" in report
    )


def test_print_pdf_counts_a4_pages_and_reads_their_text(tmp_path):
    sheets = "".join(
        f'<section style="break-after: page"><p>Trang số {n}</p></section>' for n in (1, 2, 3)
    )
    chart = '<div class="ward-chart"><svg width="10" height="10"></svg></div>'
    page = _hand_page(tmp_path, sheets + chart)
    (printout,) = print_pdf([page], "() => matchMedia('print').matches").values()
    assert printout.probe is True  # the script ran in print media
    assert printout.pages == 4  # three sheets broken after, the chart on a fourth
    # pypdf may space a Vietnamese word's letters apart ("Trang s ố  1"): compare squashed
    assert [squash("Trang số 1") in squash(t) for t in printout.texts] == [
        True,
        False,
        False,
        False,
    ]
    assert squash("Trang số 3") in squash(printout.texts[2])


def test_the_summary_check_finds_a_split_summary():
    texts = ["Tiêu đề\n1. Tóm tắt\nĐã đạt\t1\nĐúng tiến độ 16", "Có nguy cơ 10\nI. Kinh tế"]
    measured = {"text": "1. Tóm tắt\nĐã đạt\t1\nĐúng tiến độ\t16\nCó nguy cơ\t10",
                "height": 1200, "next": "I. Kinh tế"}  # fmt: skip
    problems = summary_problems(texts, measured, "Tiêu đề", "Tóm tắt")
    assert problems[0] == "1 of the summary's lines are printed after page 1, from 'Có nguy cơ'"
    assert summary_problems([texts[0] + "\nCó nguy cơ 10", "I. Kinh tế"], measured, "Tiêu đề", "Tóm tắt") == []  # fmt: skip
    assert summary_problems(texts, {"text": None, "height": None, "next": None}, "T", "S") == [
        'no <section id="summary"> on the page'
    ]


def test_the_chart_description_check(tmp_path):
    svg, labelled = "<svg width='10' height='10'></svg>", "<svg aria-label='Số đường hẻm'></svg>"
    page = _hand_page(tmp_path, "".join([
        f'<div class="ward-chart" aria-label="Vega visualization">{svg}</div>',
        f'<div class="ward-chart" role="img" aria-label="Tỷ lệ hộ nghèo, 2020–2023">{svg}</div>',
        f'<figure><div class="ward-chart">{svg}</div><figcaption>Thu ngân sách</figcaption></figure>',
        f'<div class="ward-chart">{labelled}</div>',
    ]))  # fmt: skip
    found = [description(texts) for texts in probe([page], CHART_TEXTS)[page.name]]
    assert found == [None, "Tỷ lệ hộ nghèo, 2020–2023", "Thu ngân sách", "Số đường hẻm"]


# --- slow: the shipped data's pages ---------------------------------------------------------


@dataclass
class Built:
    """The folder of a build, and why each page that was not built failed."""

    out: Path
    failures: dict[str, str]

    def pages(self, names: list[str]) -> list[Path]:
        return [self.out / name for name in names if (self.out / name).exists()]

    def missing(self, name: str) -> str:
        return f"{name} was not built: {self.failures.get(name, 'no such file')}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """Every report of the shipped data, in both languages, in one folder (a report that fails
    to build fails its own tests only)."""
    out = tmp_path_factory.mktemp("pages")
    processed = tmp_path_factory.mktemp("processed")
    failures = {}
    for lang in LANGS:
        result = build_reports(lang=lang, out=out, processed=processed, progress=False,
                               continue_on_error=True)  # fmt: skip
        failures |= {f"{f.report}.html": str(f) for f in result.failures}
    return Built(out, failures)


@pytest.fixture(scope="module")
def visited(built):
    """Every page visited once (one browser): axe's findings with the texts that describe each
    chart, and every year report printed to A4 PDF with its summary measured in print media."""
    printed = {f"{report_stem(lang, year)}.html" for lang in LANGS for year in YEARS}
    return audit_and_print(built.pages(PAGES), printed, probe_script=CHART_TEXTS,
                           print_script=SUMMARY)  # fmt: skip


@pytest.fixture(scope="module")
def audits(visited):
    """axe's findings on every page, with the texts that describe each chart."""
    return visited[0]


@pytest.fixture(scope="module")
def printouts(visited):
    """Every year report printed to A4 PDF, with its summary measured in print media."""
    return visited[1]


def _printout(printouts, built: Built, lang: str, year: int):
    name = f"{report_stem(lang, year)}.html"
    assert name in printouts, built.missing(name)
    return printouts[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(audits, built, name):
    assert name in audits, built.missing(name)
    audit = audits[name]
    assert "color-contrast" in audit.rules
    assert audit.failing == [], audit.report()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "year"), YEAR_REPORTS)
def test_year_report_prints_in_at_most_8_a4_pages(printouts, built, lang, year):
    printout = _printout(printouts, built, lang, year)
    assert printout.pages <= MAX_A4_PAGES, (
        f"{report_stem(lang, year)} prints in {printout.pages} A4 pages (at most {MAX_A4_PAGES})"
    )


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "year"), YEAR_REPORTS)
def test_the_summary_fits_page_one(printouts, built, lang, year):
    """Page 1 holds the title and the whole summary section (``<section id="summary">``): none
    of its lines is printed on page 2 or later, where the first group (``#group-1``) begins."""
    printout = _printout(printouts, built, lang, year)
    locale = get_locale(lang)
    problems = summary_problems(
        printout.texts,
        printout.probe,
        title=locale.word("year_title", T=CATALOG.term[1]),
        heading=locale.word("section_summary"),
    )
    assert problems == [], f"{report_stem(lang, year)}: " + "; ".join(problems)


@pytest.mark.slow
def test_every_chart_has_a_text_description(audits, built):
    """Every ``.ward-chart`` (or its figure) carries words a screen reader reads: an aria-label,
    a figcaption, or the SVG's label that Vega sets from the spec's ``description``; vega-embed's
    default "Vega visualization" is not one."""
    names = [name for name in PAGES if not name.startswith("index")]
    found = {name: audits[name].probe for name in names if name in audits}
    assert len(found) == len(names), [built.missing(n) for n in names if n not in found]
    undescribed = {
        name: f"{sum(description(t) is None for t in charts)} of {len(charts)}"
        for name, charts in found.items()
        if any(description(t) is None for t in charts)
    }
    assert sum(map(len, found.values())) > 0, "no chart found on the pages"
    assert not undescribed, f"charts without a text description: {undescribed}"
