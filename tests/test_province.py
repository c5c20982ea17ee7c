"""Every unit of the registry built at once: the old wards' terms, the merged ward's first
year from its rolled-up baseline, the page of all units; and a rebuild that builds only what
changed."""

from __future__ import annotations

import re
import shutil

import pytest

from ward_analysis import config
from ward_analysis.build.province import build_province

pytestmark = pytest.mark.slow

OLD = ("chi_lang", "tra_ba", "hoi_phu_cu")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The shipped registry and tables, copied, built once (Vietnamese)."""
    root = tmp_path_factory.mktemp("province")
    raw = root / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    result = build_province(units_path=raw / "units.yaml", processed=root / "p",
                            out=root / "r", progress=False)  # fmt: skip
    return root, result


def test_every_unit_is_built_the_old_wards_terms_and_the_new_wards_first_year(province):
    root, result = province
    assert result.ok, result.failures
    out = root / "r"
    for code in OLD:  # each old ward: its six years and the term review
        names = {p.name for p in (out / code).glob("*.html")}
        assert names == {"index.html", "term_review_vi.html",
                         *(f"year_report_{y}_vi.html" for y in range(2020, 2026))}  # fmt: skip
    new = {p.name for p in (out / "hoi_phu").glob("*.html")}
    # the merged ward: its base year (rolled up from the three) and 2026, no years to come
    assert new == {"index.html", "term_review_vi.html", "year_report_2025_vi.html",
                   "year_report_2026_vi.html"}  # fmt: skip
    assert len(result.built) == 3 * 7 + 3 and (out / "index.html").is_file()
    # the province, a unit of the registry with no catalog: compared with, not built
    assert result.no_catalog == ["gia_lai (Tỉnh Gia Lai)"]
    assert not (out / "gia_lai").exists() and not (root / "p" / "gia_lai").exists()


def test_a_unit_with_no_catalog_cannot_be_asked_for(tmp_path):
    from ward_analysis.errors import UnitsError

    with pytest.raises(UnitsError, match=r"Tỉnh Gia Lai \(gia_lai\) has no catalog, so there are no "
                       "reports to build for it"):  # fmt: skip
        build_province(only=["gia_lai"], processed=tmp_path / "p", out=tmp_path / "r",
                       progress=False)  # fmt: skip
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())


def test_the_page_of_all_units_names_each_unit_its_successor_and_links_its_pages(province):
    root, _ = province
    page = (root / "r" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page and "SỐ LIỆU MINH HỌA" in page
    assert "Nhiệm kỳ 2020–2025" in page and "Nhiệm kỳ 2025–2030" in page
    for name in ("Phường Chi Lăng", "Phường Trà Bá", "Phường Hội Phú (cũ)"):
        assert name in page
    assert page.count("Đã sáp nhập từ ngày 01/07/2025 vào") == 3
    assert "Tỉnh Gia Lai" in page and "gia_lai" not in page  # the province names the page
    assert page.count('href="#unit-hoi_phu"') == 3  # each old ward links its successor
    assert 'class="ward-heat"' in page  # units × targets
    # the merged ward's row: one coloured cell per target (5a and 5c share an indicator)
    heat = page[page.index('class="ward-heat"', page.index("Nhiệm kỳ 2025–2030")) :]
    start = heat.index("Phường Hội Phú (2026)")
    row = heat[start : heat.index("</tr>", start)]
    assert row.count('class="ward-cell" style=') == 21
    # every link leads to a page built (the other language's page: built by its own run)
    for href in re.findall(r'href="([^"#]+)"(?! hreflang)', page):
        assert (root / "r" / href).is_file(), href
    unit_index = (root / "r" / "tra_ba" / "index.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in unit_index  # up to the page of all units


def test_the_new_wards_report_says_how_its_baseline_was_rolled_up(province):
    root, _ = province
    page = (root / "r" / "hoi_phu" / "year_report_2026_vi.html").read_text(encoding="utf-8")
    assert "Số liệu tính gộp từ các đơn vị trước sáp nhập" in page
    assert "bình quân gia quyền theo số hộ" in page  # a share weighted by households
    assert "chưa có số trẻ 5 tuổi của Phường Trà Bá" in page  # the weight left out on purpose
    assert "Traceback" not in page and "rolled_up" not in page  # codes are said in words


def test_the_new_pages_pass_axe_and_print_on_a4(province):
    """The page of all units, a unit's index and the merged ward's first report: no serious
    or critical axe violation; the page of all units prints on A4 landscape in a few pages."""
    from .browser import audit_and_print

    root, _ = province
    out = root / "r"
    pages = [out / "index.html", out / "hoi_phu" / "index.html",
             out / "hoi_phu" / "year_report_2026_vi.html"]  # fmt: skip
    # copies with distinct names: the helper keys its results by file name
    named = []
    for path in pages:
        copy = root / f"{path.parent.name}_{path.name}"
        copy.write_bytes(path.read_bytes())
        named.append(copy)
    audits, printouts = audit_and_print(named, {named[0].name})
    for audit in audits.values():
        assert not audit.failing, audit.report()
    index = printouts[named[0].name]
    assert 1 <= index.pages <= 4
    assert "Phường Trà Bá" in "".join(index.texts)


def test_a_changed_table_rebuilds_only_its_units_pages(province):
    """Last in this module: it changes a table of the copy."""
    root, first = province
    raw = root / "raw"
    table = raw / "tra_ba" / "bieu_chi_tieu_2023.csv"
    text = table.read_text(encoding="utf-8")
    row = "1,Thu ngân sách theo phân cấp,Triệu đồng,6.900,7.050,"
    assert row in text
    # one figure of 2023 moves (the budget revenue): a clerk's correction
    table.write_text(text.replace(row, row.replace("7.050", "7.060")), encoding="utf-8")
    indexes = {c: root / "r" / c / "index.html" for c in (*OLD, "hoi_phu")}
    written = {c: p.stat().st_mtime_ns for c, p in indexes.items()}
    again = build_province(units_path=raw / "units.yaml", processed=root / "p", out=root / "r",
                           progress=False)  # fmt: skip
    assert again.ok
    rebuilt = sorted(str(p.relative_to(root / "r")) for p in again.built)
    assert rebuilt == sorted(
        ["tra_ba/term_review_vi.html", *(f"tra_ba/year_report_{y}_vi.html" for y in range(2020, 2026))]
    )  # fmt: skip
    assert len(again.current) == len(first.built) - 7
    assert set(again.clean_skipped) == {"chi_lang", "hoi_phu_cu"}  # tra_ba and hoi_phu cleaned
    # the indexes listing only unchanged pages are not written again; Trà Bá's is
    now = {c: p.stat().st_mtime_ns for c, p in indexes.items()}
    assert [c for c in now if now[c] != written[c]] == ["tra_ba"]
    unchanged = build_province(units_path=raw / "units.yaml", processed=root / "p",
                               out=root / "r", progress=False)  # fmt: skip
    assert unchanged.built == [] and set(unchanged.clean_skipped) == set(OLD) | {"hoi_phu"}
