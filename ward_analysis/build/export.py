"""An executed notebook → one self-contained HTML page (code hidden; Vega, Vega-Lite and
Vega-Embed inlined once per page, so the reports open with no network)."""

from __future__ import annotations

from pathlib import Path

from .. import config
from ..errors import ReportError
from ..io import atomic_write_text
from ..present.charts import CHARTS_MIMETYPE, MIMETYPE
from ..present.format import keep_units_together
from ..present.page import PAGE_MIMETYPE

#: The nbconvert template of the reports (package data of ``ward_analysis.present``).
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "present" / "templates"
#: Where the template leaves room for the chart scripts.
BUNDLE_SLOT = "/*ward-analysis:vega-bundle*/"


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script (from vl-convert), cached on disk."""
    import vl_convert

    path = config.CACHE_DIR / f"vega-bundle-{vl_convert.__version__}.js"
    if path.exists():
        return path.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle()
    atomic_write_text(path, bundle)
    return bundle


def html_exporter():
    """nbconvert's HTML exporter with our self-contained template and the code hidden."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    priority = [
        CHARTS_MIMETYPE,
        MIMETYPE,
        "text/html",
        "image/svg+xml",
        "image/png",
        "text/markdown",
        "text/plain",
    ]
    return HTMLExporter(
        config=Config({"NbConvertBase": {"display_data_priority": priority}}),
        template_name="ward",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def page_meta(notebook) -> dict:
    """The page's language and title, as the notebook's first page head displayed them
    (:class:`ward_analysis.present.page.PageHead`); empty if it showed none."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            meta = output.get("data", {}).get(PAGE_MIMETYPE)
            if meta:
                return dict(meta)
    return {}


def export_html(notebook, bundle: str, exporter=None) -> str:
    """One executed notebook as a self-contained HTML page, in the language and with the
    title its page head gave (``<html lang>``, ``<title>``).

    The 0.9 MB script bundle goes in after nbconvert has made the page: nbconvert
    parses its whole output once more (BeautifulSoup), and it need not parse that.
    """
    exporter = exporter or html_exporter()
    meta = page_meta(notebook)
    if meta.get("title"):
        notebook.metadata["title"] = meta["title"]
    exporter.language_code = meta.get("lang", "en")
    html, _ = exporter.from_notebook_node(notebook)
    html = keep_units_together(html)
    if html.count(BUNDLE_SLOT) != 1:
        raise ReportError("the HTML template lost its slot for the chart scripts")
    return html.replace(BUNDLE_SLOT, bundle.replace("</script", "<\\/script"))
