"""The report notebooks (package data: installed with ward_analysis as ward_analysis.notebooks)."""
