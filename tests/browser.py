"""Open report pages in headless Chromium with every outside request blocked (test helper)."""

from __future__ import annotations

import shutil
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
