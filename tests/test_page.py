"""The frame of every page: language and title, navigation, contents, footer in Vietnam's time;
the index page; the term review in plain words; number formats on Vietnamese pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd
import pytest

from ward_analysis import assess, load_catalog, read_reports
from ward_analysis.build.export import page_meta
from ward_analysis.build.index import index_html
from ward_analysis.present.locale import STATUS_CHIPS
from ward_analysis.present.page import (
    PAGE_MIMETYPE,
    PageHead,
    built_at,
    file_hashes,
    footer_html,
    nav_html,
)
from ward_analysis.present.reports import TermReview, YearReport
from ward_analysis.present.tables import _signed
from ward_analysis.schema import STATUSES

#: English words that must not appear on a Vietnamese page (developer or table words).
ENGLISH = re.compile(
    r"\b(the|is|of|and|target|status|figure|probability|method|rows|score|accuracy|ours|"
    r"catalog|aliases|Papermill|null|NaN|per-year)\b(?!\.\w)",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog()
    return catalog, read_reports(catalog=catalog)


def _year_report(shipped, year: int, lang: str) -> YearReport:
    catalog, result = shipped
    obs = result.observations
    current = assess(catalog, obs, year)
    previous = assess(catalog, obs, year - 1) if year > catalog.term[0] else None
    return YearReport(catalog, obs, result.rejects, catalog.unit, year, lang, current, previous)


def _text(html: str) -> str:
    """The visible text of an HTML fragment (tags, styles and attributes dropped)."""
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_a_build_time_is_shown_in_vietnam_time_whatever_the_machine_zone():
    noon_utc = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)
    assert built_at("vi", noon_utc) == "00:30 ngày 02/03/2026 (giờ Việt Nam)"
    assert built_at("en", noon_utc) == "2026-03-02 00:30 (Vietnam time, UTC+7)"


def test_navigation_links_the_index_the_neighbouring_years_the_review_and_the_other_language():
    nav = nav_html("vi", term=(2020, 2025), year=2023)
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == [
        "index.html",
        "year_report_2022_vi.html",
        "year_report_2024_vi.html",
        "term_review_vi.html",
        "year_report_2023_en.html",
    ]
    first = re.findall(r'href="([^"]+)"', nav_html("en", term=(2020, 2025), year=2020))
    assert "year_report_2019_en.html" not in first and "index_vi.html" not in first
    assert "index.html" in re.findall(r'href="([^"]+)"', nav_html("en", term=(2020, 2025), here="index"))  # fmt: skip
    assert 'hreflang="en" lang="en"' in nav


def test_the_footer_names_the_files_with_their_hashes_the_version_and_the_time(tmp_path):
    data = tmp_path / "bieu_chi_tieu_2023.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    files = file_hashes([data, tmp_path / "missing.csv", data])
    assert files == [("bieu_chi_tieu_2023.csv", files[0][1])] and len(files[0][1]) == 12
    html = footer_html("vi", files=files, catalog="catalog.yaml", version="9.9", at="x")
    assert "bieu_chi_tieu_2023.csv" in html and files[0][1] in html and "9.9" in html


def test_the_page_head_carries_its_language_and_title_to_the_export():
    head = PageHead("<h1>x</h1>", "vi", "Tiêu đề")
    bundle = head._repr_mimebundle_()
    assert bundle[PAGE_MIMETYPE] == {"lang": "vi", "title": "Tiêu đề"}
    notebook = {"cells": [{"outputs": [{"data": bundle}]}]}
    assert page_meta(type("NB", (), notebook)) == {"lang": "vi", "title": "Tiêu đề"}


@pytest.mark.parametrize("year", [2020, 2023, 2025])
def test_a_vietnamese_year_report_has_no_english_words(shipped, year):
    report = _year_report(shipped, year, "vi")
    parts = [
        report.head().html,
        report.summary_html(),
        *(getattr(p, "html", "") for p in report.target_sections()),
        report.year_table_html(),
        report.method_html(),
        report.footer_html(),
    ]
    text = _text("".join(parts))
    found = sorted({m.group(0) for m in ENGLISH.finditer(text)})
    assert not found, found


def test_the_report_is_grouped_as_the_resolution_groups_its_targets(shipped):
    report = _year_report(shipped, 2023, "vi")
    anchors = [a for a, _ in report.sections()]
    assert anchors == ["summary", "group-1", "group-2", "group-3", "group-4", "year", "notes", "method"]  # fmt: skip
    headings = [h for a, h in report.sections() if a.startswith("group-")]
    assert headings[0].startswith("I. ") and headings[3].startswith("IV. ")
    toc = report.head().html
    for anchor in anchors:
        assert f'href="#{anchor}"' in toc


def test_differences_between_shares_are_in_points_with_a_real_minus(shipped):
    catalog, _ = shipped
    share = catalog["4"]
    assert share.unit_of_measure == "%"
    assert _signed(-1.1, share, "vi") == "−1,1 điểm phần trăm"
    assert _signed(0.0, share, "vi") == "0,0 điểm phần trăm"  # no sign on no change
    assert _signed(0.5, share, "en") == "+0.5 pts"
    counts = catalog["12"]
    assert _signed(-3.0, counts, "vi").startswith("−3")


def test_negative_figures_carry_a_real_minus_sign():
    from ward_analysis.present.format import format_number

    assert format_number(-3.2, 1, lang="vi") == "−3,2"
    assert format_number(-1250.5, 1, lang="en") == "−1,250.5"
    assert format_number(-0.01, 1, lang="vi") == "0,0"  # rounds to 0: no sign


def test_the_change_in_counts_uses_a_real_minus(shipped):
    report = _year_report(shipped, 2023, "vi")
    changes = [c.change for c in report.summary().counts]
    assert "−4" in changes and not any(str(c).startswith("-") for c in changes)


def test_status_chips_are_readable_and_the_two_greens_differ():
    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for status in STATUSES:
        background, text, _ = STATUS_CHIPS[status]
        assert contrast(background, text) >= 4.5, status
    achieved, on_track = STATUS_CHIPS["achieved"][0], STATUS_CHIPS["on_track"][0]
    assert contrast(achieved, on_track) >= 3  # told apart by lightness, not hue alone


def _term_review(shipped, lang: str) -> TermReview:
    from ward_analysis.model.backtest import backtest

    catalog, result = shipped
    obs = result.observations
    computed = pd.concat([assess(catalog, obs, y) for y in range(2020, 2026)], ignore_index=True)
    return TermReview(catalog, obs, catalog.unit, lang, computed, backtest(catalog, obs, assessments=computed))  # fmt: skip


def test_the_term_review_backtest_is_in_plain_vietnamese(shipped):
    review = _term_review(shipped, "vi")
    html = review.backtest_html()
    text = _text(html)
    assert not ENGLISH.search(text), ENGLISH.findall(text)
    assert "Điểm Brier" in text and "Dự báo của công cụ này" in text
    assert not re.search(r"\d\.\d", text)  # Vietnamese decimals: 0,137, never 0.137


def test_the_heat_map_shows_a_dash_not_null_where_there_is_no_probability(shipped):
    spec = _term_review(shipped, "vi").probability_chart()
    labels = {v["label"] for v in spec["data"]["values"]}
    assert "–" in labels and not any(str(x) in ("None", "null", "nan") for x in labels)
    assert all(v["label"].endswith(" %") or v["label"] == "–" for v in spec["data"]["values"])
    assert spec["layer"][1]["encoding"]["text"]["field"] == "label"
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["labelExpr"].endswith("' %'")  # 40 %, as Vietnamese writes it
    assert spec["description"]


def test_the_index_has_counts_definitions_as_of_labels_groups_and_prints_landscape(shipped):
    catalog, result = shipped
    obs = result.observations
    assessments = pd.concat([assess(catalog, obs, y) for y in (2022, 2023)], ignore_index=True)
    html = index_html(assessments, {2023: "year_report_2023_vi.html"}, None, catalog, lang="vi",
                      sources=[("catalog.yaml", "abc")], failed=set())  # fmt: skip
    assert '<html lang="vi">' in html
    assert "Đánh giá năm 2022" in html and "Đánh giá năm 2023" in html
    assert html.count('scope="rowgroup"') == 4
    assert "Ý nghĩa các mức đánh giá" in html and "Tổng số chỉ tiêu" in html
    assert "size: A4 landscape" in html
    assert "giờ Việt Nam" in html and "UTC" not in _text(html).replace("UTC+7", "")
    totals = re.search(r"Tổng số chỉ tiêu</th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<b>(\d+)</b>", totals) == [str(len(catalog))] * 2
    assert not ENGLISH.search(_text(html)), ENGLISH.findall(_text(html))


def test_a_probability_shown_agrees_with_the_status_it_gives():
    """Probabilities are rounded down: 0,699 ("at risk", under 70 %) never reads "70 %"."""
    from ward_analysis.model.panel import OFF_TRACK, ON_TRACK, status_from_p
    from ward_analysis.present.locale import get_locale

    vi = get_locale("vi")
    assert vi.percent(0.699) == "69 %" and vi.percent(0.7) == "70 %"
    for p in (0.2999, 0.3, 0.6999, 0.7, 0.455):
        shown = int(vi.percent(p).split()[0])
        status = status_from_p([p])[0]
        expected = "on_track" if shown >= ON_TRACK * 100 else "at_risk" if shown >= OFF_TRACK * 100 else "off_track"  # fmt: skip
        assert status == expected, (p, shown, status)


def test_a_figure_near_the_goal_never_shows_as_the_goal(shipped):
    """1,54 against "dưới 1,5 %" reads 1,54 %, not 1,5 % (which would look met)."""
    from ward_analysis.present.format import show

    catalog, _ = shipped
    poverty = catalog["5a"].in_force(2023)
    assert poverty.threshold_value == 1.5
    assert show(1.54, poverty, "vi") == "1,54 %"
    assert show(1.5, poverty, "vi") == "1,5 %" and show(1.4, poverty, "vi") == "1,4 %"
    assert show(79.96, catalog["4"], "en") == "79.96%"


def test_an_english_page_names_the_rating_levels_in_english(shipped, tmp_path):
    from ward_analysis.errors import CatalogError
    from ward_analysis.present.format import show, show_target

    from .conftest import make_catalog

    catalog, _ = shipped
    rated = catalog["20a"]
    assert show(2, rated, "en") == "Duties completed well"
    assert show_target(rated, "en") == "Duties completed well or better"
    assert show_target(rated, "vi") == "Hoàn thành tốt nhiệm vụ trở lên"
    entry = {"id": "1", "kind": "annual", "measure": "rating", "comparator": ">=",
             "threshold": "Khá", "rating_scale": ["Yếu", "Khá", "Tốt"], "unit_of_measure": ""}  # fmt: skip
    assert make_catalog(tmp_path, entry)["1"].rating_names("en") == ["Yếu", "Khá", "Tốt"]
    with pytest.raises(CatalogError, match="rating_scale_en: 2 level"):
        make_catalog(tmp_path, entry | {"rating_scale_en": ["Weak", "Fair"]})
