"""Page one of a year report (present/summary.py): counts, attention list, changes, marks, and
that it prints on one A4 page under the title for every year of the shipped data."""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import unicodedata
from collections import Counter
from html import escape
from pathlib import Path

import pandas as pd
import pytest

from ward_analysis import assess, load_catalog, read_reports
from ward_analysis.errors import WardAnalysisError
from ward_analysis.present.locale import VI, get_locale
from ward_analysis.present.summary import ATTENTION, clause_text, summarise, summary_html
from ward_analysis.read.overrides import default_overrides_path, load_overrides
from ward_analysis.schema import OVERRIDE_COLUMNS, STATUSES

from .conftest import make_catalog, obs_frame

YEARS = range(2020, 2026)
#: Letters only Vietnamese has (as tests/test_structure.py).
VIETNAMESE = re.compile(r"[À-ỹĐđƠơƯư]")
#: English words of the summary's own texts (labels, headings, clauses).
ENGLISH = re.compile(
    r"\b(?:target|targets|status|probability|projected|total|yearly|figure|figures|every|"
    r"since|change|track|risk|missed|achieved|met|average|growth|attention)\b",
    re.IGNORECASE,
)


@functools.cache
def shipped():
    catalog = load_catalog()
    observations = read_reports(catalog=catalog).observations
    overrides = load_overrides(default_overrides_path(catalog.path), catalog=catalog)
    return catalog, observations, overrides


@functools.cache
def assessment(year: int) -> pd.DataFrame:
    catalog, observations, overrides = shipped()
    return assess(catalog, observations, year, overrides=overrides)


def summary_of(year: int, lang: str = "vi"):
    previous = assessment(year - 1) if year > YEARS[0] else None
    return summarise(assessment(year), previous, shipped()[0], lang=lang)


def all_text(summary) -> str:
    parts = [c.label for c in summary.counts] + [str(c.change) for c in summary.counts]
    parts += [a.text for a in summary.attention] + [c.text for c in summary.changes]
    parts += [m.text for m in summary.marks]
    return "\n".join(parts)


@pytest.mark.parametrize("year", YEARS)
def test_counts_add_up_and_changes_are_signed(year):
    summary = summary_of(year)
    now = Counter(assessment(year)["status"])
    assert summary.total == len(shipped()[0]) == 33
    assert sum(c.now for c in summary.counts) == summary.total
    assert [c.status for c in summary.counts] == [
        s for s in STATUSES if s in {c.status for c in summary.counts}
    ]
    before = Counter(assessment(year - 1)["status"]) if year > 2020 else None
    for c in summary.counts:
        assert c.now == now[c.status]
        assert c.label == VI.status(c.status)
        if before is None:
            assert c.change is None and c.now > 0
            continue
        delta = now[c.status] - before[c.status]
        assert c.now > 0 or before[c.status] > 0  # a status present now or before
        expected = "0" if delta == 0 else f"+{delta}" if delta > 0 else f"\u2212{-delta}"
        assert c.change == expected
        assert "-" not in c.change  # a real minus sign, not a hyphen
    shown = {c.status for c in summary.counts}
    assert shown == {s for s in STATUSES if now[s] or (before and before[s])}


def test_a_status_gone_since_last_year_still_shows_with_its_fall():
    counts = {c.status: c for c in summary_of(2025).counts}
    assert (counts["on_track"].now, counts["on_track"].change) == (0, "\u221215")
    assert (counts["achieved"].now, counts["achieved"].change) == (20, "+17")


@pytest.mark.parametrize("year", YEARS)
def test_attention_lists_the_worrying_targets_most_serious_first(year):
    summary = summary_of(year)
    frame = assessment(year)
    worrying = frame[frame["status"].isin(ATTENTION)]
    assert {a.target_id for a in summary.attention} == set(worrying["target_id"])
    ids = shipped()[0].ids
    keys = [(ATTENTION.index(a.status), ids.index(a.target_id)) for a in summary.attention]
    assert keys == sorted(keys)
    for a in summary.attention:
        assert "\n" not in a.text and a.clause and a.text.startswith(f"{a.target_id}. {a.name}: ")


def test_attention_clauses_give_the_decisive_figure():
    lines = {a.target_id: a for a in summary_of(2023).attention}
    assert lines["4"].clause == "dự báo năm 2025: 79,6 % (chỉ tiêu 80 %), xác suất đạt 51 %"
    assert lines["17b"].status == "off_track"
    assert lines["14"].clause == "năm 2022 đạt 85,0 %, chỉ tiêu hằng năm 86 %"
    assert lines["3"].clause == "năm 2021 là 1,08 %, chỉ tiêu hằng năm không quá 1,05 %"
    assert lines["11"].clause == "năm 2023 không đạt, chỉ tiêu yêu cầu đạt hằng năm"
    en = {a.target_id: a for a in summary_of(2023, "en").attention}
    assert en["4"].clause == "projected 79.6% in 2025 (target at least 80%); probability met 51%"
    final = {a.target_id: a for a in summary_of(2025).attention}
    assert final["4"].clause == "năm 2025 đạt 79,3 % (ước), chỉ tiêu 80 %"
    assert final["12"].clause.startswith("lũy kế 2021–2025: 24 ")


def test_changes_name_each_target_whose_status_moved():
    summary = summary_of(2023)
    now, before = assessment(2023), assessment(2022)
    moved = now.merge(before, on="target_id")
    moved = moved[moved["status_x"] != moved["status_y"]]
    assert [c.target_id for c in summary.changes] == moved["target_id"].tolist()
    change = next(c for c in summary.changes if c.target_id == "17b")
    assert change.text == (
        "17b. Tỷ lệ cán bộ, công chức có trình độ lý luận chính trị trung cấp trở lên: "
        "Có nguy cơ → Chậm tiến độ"
    )
    first = summary_of(2020)
    assert first.previous_year is None and first.changes == ()
    assert "Năm đầu tiên được đánh giá." in summary_html(first)


def test_provisional_and_analyst_statuses_are_marked_with_their_legends():
    summary = summary_of(2025)
    lines = {a.target_id: a for a in summary.attention}
    assert lines["4"].mark == "†" and "Không đạt†" in lines["4"].text  # on an estimate
    assert lines["3"].mark == ""  # failed in 2021 on a final figure
    analyst = next(c for c in summary.changes if c.target_id == "9")  # the shipped override
    assert analyst.after_label == "Đã đạt‡"
    assert [m.sign for m in summary.marks] == ["†", "‡"]
    assert summary.marks[0].text == VI.word("index_provisional")
    assert summary.marks[1].text.startswith("‡ ") and "cán bộ phân tích" in summary.marks[1].text
    html = summary_html(summary)
    assert escape(summary.marks[1].text) in html and escape(summary.marks[0].text) in html
    # no mark used, no legend
    assert summary_of(2023).marks == ()


def test_an_analyst_status_needing_attention_is_marked():
    catalog, observations, _ = shipped()
    entry = {"target_id": "6", "unit": None, "as_of": 2023, "status": "off_track",
             "reason": "kiểm tra lại số liệu", "by": "Cán bộ A", "date": "2024-01-10",
             "entry": 1, "source": "t.yaml"}  # fmt: skip
    override = pd.DataFrame([entry], columns=OVERRIDE_COLUMNS)
    now = assess(catalog, observations, 2023, overrides=override)
    summary = summarise(now, assessment(2022), catalog, lang="vi")
    line = next(a for a in summary.attention if a.target_id == "6")
    assert (line.status, line.mark) == ("off_track", "‡")
    assert "Chậm tiến độ‡" in line.text
    assert [m.sign for m in summary.marks] == ["‡"]
    # its clause is the model's case (at risk): still the forecast
    assert line.clause.startswith("dự báo năm 2025: ")


@pytest.mark.parametrize("year", YEARS)
def test_a_summary_is_in_one_language(year):
    catalog = shipped()[0]
    vi = summary_of(year, "vi")
    assert not ENGLISH.search(all_text(vi)), ENGLISH.search(all_text(vi))
    # ratings are the catalog's Vietnamese levels (data) in every language
    levels = {level for t in catalog if t.rating_scale for level in t.rating_scale}
    en_text = all_text(summary_of(year, "en"))
    for level in sorted(levels, key=len, reverse=True):
        en_text = en_text.replace(level, "")
    assert not VIETNAMESE.search(en_text), en_text
    html = re.sub(r"<[^>]+>", " ", summary_html(summary_of(year, "en")))
    assert "Targets by status" in html and "Số chỉ tiêu" not in html


def test_the_html_is_compact_accessible_and_escaped(tmp_path):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    target = {"id": "4", "kind": "end_level", "measure": "share", "comparator": ">=",
              "threshold": 80, "name_vi": hostile, "name_en": hostile}  # fmt: skip
    catalog = make_catalog(tmp_path, target)
    obs = obs_frame({"4": {2021: 79, 2022: 74, 2023: 70}})
    summary = summarise(assess(catalog, obs, 2023), assess(catalog, obs, 2022), catalog)
    assert [a.target_id for a in summary.attention] == ["4"]
    html = summary_html(summary)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    classes = re.findall(r'class="([^"]+)"', html)
    assert all(
        c.startswith(("ward-summary-", "ward-badge")) for cls in classes for c in cls.split()
    )
    assert html.count("<h3>") == 3 and '<th scope="col">' in html and '<th scope="row">' in html


def test_a_locale_without_a_clause_is_an_error_naming_it():
    catalog = shipped()[0]
    words = {k: v for k, v in VI.words.items() if k != "summary_end_level_open"}
    bare = dataclasses.replace(VI, words=words)
    row = next(assessment(2023).query("target_id == '4'").itertuples(index=False))
    target = catalog["4"]
    assert clause_text(row, target, VI).startswith("dự báo")
    with pytest.raises(WardAnalysisError, match=r"'vi'.*kind 'end_level', case 'open'"):
        clause_text(row, target, bare)


def test_an_empty_or_mixed_assessment_is_refused():
    catalog = shipped()[0]
    with pytest.raises(WardAnalysisError, match="empty"):
        summarise(assessment(2023).iloc[:0], None, catalog)
    two = pd.concat([assessment(2023), assessment(2023).assign(unit="Phường Khác")])
    with pytest.raises(WardAnalysisError, match="one unit"):
        summarise(two, None, catalog)


TEMPLATE = Path(__file__).parents[1] / "ward_analysis/present/templates/ward/index.html.j2"


@pytest.mark.slow
def test_page_one_prints_on_one_a4_page_in_every_year(tmp_path):
    """The title, the data notice and the summary (with the downloads' links) on the first
    A4 page, in print, with the report template's own styles."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from ward_analysis.present.documents import downloads_html
    from ward_analysis.present.tables import CSS

    from .browser import ARGS, CHROMIUM

    css = re.search(r'<style type="text/css">(.*?)</style>', TEMPLATE.read_text(), re.S).group(1)
    catalog = shipped()[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for lang in ("vi", "en"):
            word = get_locale(lang).word
            for year in YEARS:
                summary = summary_of(year, lang)
                title = word("year_title", T=2025)
                notice = catalog.header.notice(lang) or ""
                body = (
                    f'{CSS}<header><h1>{escape(title)}</h1><p class="ward-subtitle">'
                    f"{escape(word('year_subtitle', unit=catalog.unit, year=year))}</p></header>"
                    f'<div class="ward-banner">{escape(notice)}</div>'
                    f'<section class="ward-summary-page"><h2>{escape(word("section_summary"))}</h2>'
                    f"{summary_html(summary)}{downloads_html(lang, year)}</section>"
                    '<h2 class="ward-section ward-break">NEXT</h2>'  # the page breaks there
                )
                path = tmp_path / f"{lang}_{year}.html"
                path.write_text(
                    f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                    f"<style>{css}</style></head><body>{body}</body></html>",
                    encoding="utf-8",
                )
                page.goto(path.as_uri())
                pages = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages
                first = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", pages[0].extract_text()))
                last_line = (summary.changes or summary.attention)[-1].name
                assert title in first, (lang, year)
                assert re.sub(r"\s+", " ", last_line) in first, (lang, year)
                assert word("download_docx") in first, (lang, year)
                assert len(pages) == 2 and "NEXT" in pages[1].extract_text(), (lang, year)
        browser.close()


def test_the_counts_say_how_many_rest_on_estimates():
    """At the term's end most results are estimates: the counts say how many of each (†)."""
    from ward_analysis import assess, load_catalog, read_reports
    from ward_analysis.present.sentences import provisional
    from ward_analysis.present.summary import summarise, summary_html

    catalog = load_catalog()
    obs = read_reports(catalog=catalog).observations
    current, before = assess(catalog, obs, 2025), assess(catalog, obs, 2024)
    summary = summarise(current, before, catalog, lang="vi")
    assert sum(c.provisional for c in summary.counts) == int(provisional(current).sum()) > 0
    achieved = next(c for c in summary.counts if c.status == "achieved")
    assert 0 < achieved.provisional <= achieved.now
    assert "Trong đó tạm tính (†)" in summary_html(summary)
    early = summarise(assess(catalog, obs, 2022), assess(catalog, obs, 2021), catalog, lang="vi")
    assert "Trong đó tạm tính" not in summary_html(early) or any(
        c.provisional for c in early.counts
    )
