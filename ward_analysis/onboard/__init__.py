"""Onboarding a ward: read the list of key targets in its resolution's text into a draft
catalog (:func:`parse_targets` → :class:`CatalogDraft`), every doubt flagged for review, to
be checked and corrected by hand before :func:`~ward_analysis.load_catalog` accepts it.
"""

from .draft import CatalogDraft, parse_targets

__all__ = ["CatalogDraft", "parse_targets"]
