"""``python -m ward_analysis`` runs the command-line interface."""

from .cli import run

raise SystemExit(run())
