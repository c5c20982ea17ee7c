"""Presentation: every word (``locale``), number formats, sentences, charts, tables and the
report objects the notebooks display. Never imports ``build``."""
