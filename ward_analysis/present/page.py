"""The frame of every page of a build: its language and title, the navigation bar, the table
of contents, section headings, and the footer that says what the page was built from.

A report notebook displays :class:`PageHead` first: its HTML is the top of the page, and it
carries the page's language and title (:data:`PAGE_MIMETYPE`), which the export puts in
``<html lang>`` and ``<title>``. Build times are shown in Vietnam's time (UTC+7, no summer
time), whatever the machine's zone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html import escape
from pathlib import Path

from .charts import CHARTS_MIMETYPE, FONT, MIMETYPE, V5_SCHEMA
from .locale import LOCALES, get_locale
from .pages import index_name, report_stem

#: The mimetype that carries a page's language and title from the notebook to the export.
PAGE_MIMETYPE = "application/vnd.ward-analysis.page+json"
#: The styles of the page frame, sent with the page head so that the frame reads the same in
#: JupyterLab as in the exported page (the export's template adds the print styles).
PAGE_CSS = """<style>
.ward-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0;
  padding: 6px 0; border-bottom: 1px solid #d0d7de; font-size: 13px; }
.ward-nav li { margin: 0; }
.ward-toc ol { columns: 2; font-size: 13px; margin: 4px 0 8px; padding-left: 1.6em; }
.ward-subtitle { color: #424a53; margin: 0 0 0.5em; font-size: 1.05em; }
.ward-defs { list-style: none; padding: 0; margin: 2px 0; }
.ward-defs li { margin: 2px 0; }
.ward-footer { margin-top: 20px; border-top: 1px solid #d0d7de; font-size: 12px; color: #424a53; }
.ward-footer p { margin: 4px 0; }
</style>"""
#: Vietnam's time zone (Asia/Ho_Chi_Minh: UTC+7 all year).
VIETNAM_TIME = timezone(timedelta(hours=7), "UTC+7")


@dataclass(frozen=True)
class PageHead:
    """The top of a page (navigation, title, notice, contents) and its language and title."""

    html: str
    lang: str
    title: str

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/html": self.html,
            PAGE_MIMETYPE: {"lang": self.lang, "title": self.title},
            "text/plain": self.title,
        }


@dataclass(frozen=True)
class HtmlPart:
    """A piece of a page (HTML) for ``display()``, without importing IPython."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


@dataclass(frozen=True)
class Figure:
    """One chart on its own row of a page, with its text description (for ``display()``)."""

    spec: dict
    description: str

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        chart = {"id": "figure", "spec": self.spec, "description": self.description}
        return {
            CHARTS_MIMETYPE: {"charts": [chart], "columns": 1},
            MIMETYPE: {**self.spec, "$schema": V5_SCHEMA},
            "text/plain": self.description,
        }


def vietnam_now(now: datetime | None = None) -> datetime:
    """The time now (or ``now``) in Vietnam."""
    return (now or datetime.now(UTC)).astimezone(VIETNAM_TIME)


def built_at(lang: str, now: datetime | None = None) -> str:
    """A build time in Vietnam's time, as the language writes it."""
    t = vietnam_now(now)
    word = get_locale(lang).word
    return word("time_vietnam", date=word("date", d=t.day, m=t.month, y=t.year), hm=f"{t:%H:%M}")


def file_hashes(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, first 12 hex digits of its SHA-256) of each existing file, in order, once each."""
    out, seen = [], set()
    for p in paths:
        p = Path(p)
        if p.is_file() and p.name not in seen:
            seen.add(p.name)
            out.append((p.name, hashlib.sha256(p.read_bytes()).hexdigest()[:12]))
    return out


def nav_html(
    lang: str,
    *,
    term: tuple[int, int],
    year: int | None = None,
    here: str = "year",
    up: str | None = None,
) -> str:
    """The bar at the top of a page: the index, the previous and next year, the term review,
    and the same page in the other languages. ``here``: ``index``, ``year`` or ``term``;
    ``up``: the page of every unit (a province's build), linked first."""
    word = get_locale(lang).word
    first, last = term
    # (href, text, accessible name or None, language of the page linked to or None)
    links = [(up, word("nav_up"), None, None)] if up else []
    links.append((index_name(lang), word("nav_index"), None, None))
    if year is not None and year > first:
        prev = report_stem(lang, year - 1) + ".html"
        links.append((prev, f"← {year - 1}", word("nav_previous", year=year - 1), None))
    if year is not None and year < last:
        after = report_stem(lang, year + 1) + ".html"
        links.append((after, f"{year + 1} →", word("nav_next", year=year + 1), None))
    if here != "term":
        links.append((report_stem(lang) + ".html", word("term_review"), None, None))
    for other in LOCALES:
        if other == lang:
            continue
        page = {"index": index_name(other), "term": report_stem(other) + ".html"}.get(
            here, report_stem(other, year) + ".html"
        )
        links.append((page, LOCALES[other].word("language_name"), None, other))
    items = "".join(
        f'<li><a href="{escape(href)}"'
        + (f' aria-label="{escape(name)}"' if name else "")
        + (f' hreflang="{other}" lang="{other}"' if other else "")
        + f">{escape(text)}</a></li>"
        for href, text, name, other in links
    )
    return f'<nav class="ward-nav" aria-label="{escape(word("nav_label"))}"><ul>{items}</ul></nav>'


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def print_margins_css(lang: str, notice: str | None) -> str:
    """Styles that put, on every printed page, its number ("Trang 3/8") and the first
    sentence of the data notice (that the figures are illustrative) in the bottom margin."""
    word = get_locale(lang).word
    before, _, rest = word("page_number").partition("{page}")
    middle, _, after = rest.partition("{pages}")
    number = " ".join(
        part
        for part in (_css_string(before) if before else "", "counter(page)",
                     _css_string(middle) if middle else "", "counter(pages)",
                     _css_string(after) if after else "")
        if part
    )  # fmt: skip
    first = (notice or "").split(". ")[0].strip().rstrip(".")
    left = f"@bottom-left {{ content: {_css_string(first)}; font-size: 7pt; color: #424a53; font-family: {FONT}; }}" if first else ""  # fmt: skip
    return (
        "<style>@media print { @page { "
        f"{left} @bottom-right {{ content: {number}; font-size: 7pt; color: #424a53; font-family: {FONT}; }}"
        " } }</style>"
    )


def toc_html(lang: str, sections: list[tuple[str, str]]) -> str:
    """A table of contents: (anchor id, heading text) of each section."""
    word = get_locale(lang).word
    items = "".join(f'<li><a href="#{escape(i)}">{escape(t)}</a></li>' for i, t in sections)
    return f'<nav class="ward-toc" aria-label="{escape(word("toc_label"))}"><ol>{items}</ol></nav>'


def section_heading(anchor: str, text: str, *, level: int = 2, page_break: bool = False) -> str:
    """A section heading with an anchor (the contents link to it); ``page_break`` starts it on
    a new page when printed."""
    cls = "ward-section ward-break" if page_break else "ward-section"
    return f'<h{level} id="{escape(anchor)}" class="{cls}">{escape(text)}</h{level}>'


def footer_html(
    lang: str,
    *,
    files: list[tuple[str, str]],
    catalog: str,
    version: str,
    at: str,
    notice: str = "",
) -> str:
    """What the page was built from: the data files and their hashes, the catalog, the
    library's version and the build time (Vietnam's time)."""
    word = get_locale(lang).word
    shown = "; ".join(f"{escape(n)} ({escape(h)})" for n, h in files) or "–"
    lines = [
        f"<p>{escape(word('footer_built', at=at, version=version))}</p>",
        f"<p>{escape(word('footer_catalog'))}: {escape(catalog)}. "
        f"{escape(word('footer_files'))}: {shown}.</p>",
    ]
    if notice:
        lines.append(f'<p class="ward-footer-notice">{escape(notice)}</p>')
    return f'<footer class="ward-footer">{"".join(lines)}</footer>'
