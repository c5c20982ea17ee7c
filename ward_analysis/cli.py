"""Command-line interface: a thin layer over the Python API.

``ward-analysis clean [--raw DIR] [--out DIR] [--catalog FILE]`` cleans the
yearly tables and writes the tidy observations and the rejects.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from . import config
from .catalog import load_catalog
from .cleaning import clean
from .errors import WardAnalysisError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ward-analysis",
        description="Track a ward's 5-year-plan targets from its yearly report tables.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("clean", help="clean the yearly tables into data/processed/")
    p.add_argument(
        "--raw", default=None, help=f"folder or file of yearly tables (default {config.RAW_DIR})"
    )
    p.add_argument("--out", default=None, help=f"output folder (default {config.PROCESSED_DIR})")
    p.add_argument(
        "--catalog", default=None, help=f"target catalog (default {config.CATALOG_PATH})"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 a problem with the data, 2 bad usage)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "clean":
            result = clean(args.raw, args.out, load_catalog(args.catalog))
            out = args.out or config.PROCESSED_DIR
            print(result.summary())
            print(f"Written to {out}: observations.csv, rejects.csv, skipped.csv")
    except WardAnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
