"""Open report pages in headless Chromium with every outside request blocked (test helpers).

:func:`visit` opens pages and records what they did; :func:`axe` runs axe-core on them;
:func:`print_pdf` prints them to A4 PDFs (:func:`pdf_texts` reads those back); :func:`probe`
runs a script on them; :func:`screenshot` saves a PNG. Each waits until the charts drew.
"""

from __future__ import annotations

import functools
import io
import shutil
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@dataclass
class Visit:
    """What a page did: its text, charts drawn, and the result of a probe script."""

    text: str
    charts: int
    drawn: int
    probe: object = None


@dataclass
class Session:
    """Pages visited, with every outside request, console error and dialog seen."""

    visits: dict[str, Visit] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def visit(
    pages: list[tuple[Path, int]], probe: str | None = None, screenshot: Path | None = None
) -> Session:
    """Open each ``(page, expected charts)``, wait for the charts to draw, run ``probe``."""
    from playwright.sync_api import sync_playwright

    session = Session()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                session.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: session.errors.append(str(e)))
        page.on("dialog", lambda d: (session.dialogs.append(d.message), d.dismiss()))
        for path, charts in pages:
            page.goto(path.as_uri())
            if charts:
                page.wait_for_function(
                    f"document.querySelectorAll('.ward-chart svg.marks').length >= {charts}",
                    timeout=30_000,
                )
            page.wait_for_timeout(200)  # let any injected handler (onerror, onload) fire
            session.visits[path.name] = Visit(
                text=page.inner_text("body"),
                charts=page.locator(".ward-chart").count(),
                drawn=page.locator(".ward-chart svg.marks").count(),
                probe=page.evaluate(probe) if probe else None,
            )
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return session


# --- page checks: axe, print to PDF (tests/test_pages.py) --------------------------------------

#: axe impacts that fail a page; "moderate" and "minor" ones are reported, not failed.
FAILING_IMPACTS = ("serious", "critical")
#: Every chart on the page drew (Vega put its SVG in each ``.ward-chart``).
CHARTS_DRAWN = """() => {
  const charts = document.querySelectorAll('.ward-chart').length;
  return document.querySelectorAll('.ward-chart svg').length >= charts;
}"""
#: An A4 sheet in CSS pixels (96 per inch): 210 mm × 297 mm.
A4_PX = {"width": round(210 / 25.4 * 96), "height": round(297 / 25.4 * 96)}


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on a page: its id, impact, help text and the nodes that break it."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    example: str = ""

    @property
    def failing(self) -> bool:
        return self.impact in FAILING_IMPACTS

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (" …" if len(self.targets) > 3 else "")
        return (
            f"{self.rule} ({self.impact}, {len(self.targets)} node(s)): {self.help}"
            f" — e.g. {shown}" + (f"\n      {self.example[:200]}" if self.example else "")
        )


@dataclass
class Audit:
    """What axe found on one page: the rules broken, the checks it could not decide (to look at
    by eye: ``incomplete``) and the ids of every rule it ran."""

    page: str
    violations: list[Violation] = field(default_factory=list)
    incomplete: list[Violation] = field(default_factory=list)
    rules: frozenset[str] = frozenset()
    #: What a probe script returned on the same visit (:func:`axe`'s ``script``).
    probe: object = None

    @property
    def failing(self) -> list[Violation]:
        return [v for v in self.violations if v.failing]

    @property
    def minor(self) -> list[Violation]:
        return [v for v in self.violations if not v.failing]

    def report(self) -> str:
        """The violations in words: the failing ones first, then the others (not failing)."""
        lines = [f"{self.page}: {len(self.failing)} serious or critical axe violation(s)"]
        lines += [f"  - {v}" for v in self.failing]
        if self.minor:
            lines.append(f"  and {len(self.minor)} moderate or minor one(s) (not failing):")
            lines += [f"  - {v}" for v in self.minor]
        if self.incomplete:
            lines.append(f"  and {len(self.incomplete)} check(s) axe could not decide (look):")
            lines += [f"  - {v}" for v in self.incomplete]
        return "\n".join(lines)


@dataclass
class Printout:
    """A page printed to PDF by Chromium, with the result of a probe run in print media."""

    pdf: bytes
    probe: object = None

    @property
    def pages(self) -> int:
        return len(self.texts)

    @functools.cached_property
    def texts(self) -> list[str]:
        """The text of each page (read once: pypdf takes about a second a report)."""
        return pdf_texts(self.pdf)


@contextmanager
def browser_page(blocked: list[str] | None = None, viewport: dict | None = None):
    """A page of a headless Chromium that aborts every request not for a ``file://`` URL.

    The blocked URLs are appended to ``blocked`` when given.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})

            def route(r):
                if r.request.url.startswith(("file://", "data:", "about:")):
                    r.continue_()
                else:
                    if blocked is not None:
                        blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            yield page
        finally:
            browser.close()


def open_drawn(page, path: Path) -> None:
    """Go to ``path`` and wait until every ``.ward-chart`` holds its SVG (Vega drew it)."""
    page.goto(path.as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    page.wait_for_timeout(100)  # the last chart's rendering settles


def run_axe(page, name: str = "") -> Audit:
    """Run axe-core on the open page: every rule it runs by default (``color-contrast``
    included). axe-playwright-python bundles axe-core: nothing is fetched."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    return Audit(
        name or page.url.rsplit("/", 1)[-1],
        violations=[_violation(v) for v in results["violations"]],
        incomplete=[_violation(v) for v in results["incomplete"]],
        rules=frozenset(
            rule["id"]
            for kind in ("violations", "passes", "incomplete", "inapplicable")
            for rule in results[kind]
        ),
    )


def _violation(rule: dict) -> Violation:
    nodes = rule["nodes"]
    return Violation(
        rule=rule["id"],
        impact=rule.get("impact") or "minor",
        help=f"{rule['help']} ({rule['helpUrl'].split('?')[0]})",
        targets=tuple(" ".join(map(str, n["target"]))[-120:] for n in nodes),
        example=(nodes[0].get("html") or "").replace("\n", " ") if nodes else "",
    )


def axe(paths: list[Path], script: str | None = None) -> dict[str, Audit]:
    """Run axe on each page (file name → :class:`Audit`) once its charts drew; ``script`` (a
    JavaScript function or expression) runs on the same visit, its result in ``Audit.probe``."""
    audits = {}
    with browser_page() as page:
        for path in paths:
            open_drawn(page, path)
            audit = run_axe(page, path.name)
            audit.probe = page.evaluate(script) if script else None
            audits[path.name] = audit
    return audits


def audit_and_print(
    paths: list[Path],
    printed: set[str],
    *,
    probe_script: str | None = None,
    print_script: str | None = None,
) -> tuple[dict[str, Audit], dict[str, Printout]]:
    """One visit per page, in a window an A4 sheet wide: axe (with ``probe_script``'s result
    in ``Audit.probe``) on every page, then, for the pages named in ``printed``, the print-out
    as :func:`print_pdf` makes it. Half the page loads of running both apart."""
    audits, printouts = {}, {}
    with browser_page(viewport=A4_PX) as page:
        for path in paths:
            open_drawn(page, path)
            audit = run_axe(page, path.name)
            audit.probe = page.evaluate(probe_script) if probe_script else None
            audits[path.name] = audit
            if path.name in printed:
                printouts[path.name] = _printout(page, print_script)
    return audits, printouts


def _printout(page, script: str | None) -> Printout:
    page.emulate_media(media="print")
    page.wait_for_timeout(100)  # charts sized to their container redraw
    result = page.evaluate(script) if script else None
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return Printout(pdf, result)


def print_pdf(paths: list[Path], script: str | None = None) -> dict[str, Printout]:
    """Print each page to an A4 PDF as Chromium's print-to-PDF does (print media, backgrounds,
    the page's own ``@page`` size and margins), after its charts drew. The window is an A4 sheet
    wide (at 96 dpi); ``script`` (a JavaScript function or expression) runs in print media just
    before printing. File name → :class:`Printout`.
    """
    printouts = {}
    with browser_page(viewport=A4_PX) as page:
        for path in paths:
            open_drawn(page, path)
            printouts[path.name] = _printout(page, script)
    return printouts


def pdf_texts(pdf: bytes) -> list[str]:
    """The text of each page of a PDF (pypdf), NFC-normalized."""
    from pypdf import PdfReader

    return [
        unicodedata.normalize("NFC", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def probe(paths: list[Path], script: str) -> dict[str, object]:
    """Run ``script`` (a JavaScript function or expression) on each page once its charts drew;
    file name → its result."""
    results = {}
    with browser_page() as page:
        for path in paths:
            open_drawn(page, path)
            results[path.name] = page.evaluate(script)
    return results


def screenshot(
    path: Path, out: Path, *, selector: str | None = None, viewport: dict | None = None
) -> Path:
    """Save a PNG of the first screen of a page (or of the element ``selector``) once its charts
    drew."""
    with browser_page(viewport=viewport) as page:
        open_drawn(page, path)
        if selector:
            page.locator(selector).first.screenshot(path=str(out))
        else:
            page.screenshot(path=str(out))
    return out
