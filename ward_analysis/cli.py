"""Command-line interface: a thin layer over the Python API.

- ``ward-analysis clean [--raw DIR] [--out DIR] [--catalog FILE]`` cleans the
  yearly tables and writes the tidy observations, rejects and skipped rows, and every file
  of the folder, read or not and why (``files.csv``);
- ``ward-analysis assess [--years 2020-2025] [--observations FILE] [--out FILE]
  [--overrides FILE]`` assesses every target as of each year and writes one tidy CSV
  (``assessment.csv``; a run of some ``--years`` without ``--out`` writes
  ``assessment_<years>.csv`` beside it, so that the full table is not lost);
- ``ward-analysis backtest [--observations FILE] [--by kind]`` scores the
  forecasts against the final outcomes, with the three baselines;
- ``ward-analysis reports [--years 2020-2025] [--lang vi|en] [--jobs N] [--out DIR]
  [--raw DIR] [--catalog FILE] [--processed DIR] [--unit NAME] [--overrides FILE]
  [--continue-on-error]`` cleans the data and builds every HTML report and the index;
- ``ward-analysis targets-from-text FILE [--term 2025-2030] [--unit NAME] [--out FILE]``
  reads a resolution's list of targets into a draft catalog to review.

Every path given is taken from the current folder. Exit codes: 0 done, 1 a problem with the
data or a parameter (one line naming it), 2 bad usage, 130 interrupted (Ctrl-C: one line,
nothing half-written).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from . import config
from .errors import WardAnalysisError
from .present.locale import LOCALES

# Everything else is imported inside the commands: ``reports`` starts its kernels first.

#: What Ctrl-C prints (the only line): atomic writes leave each file old or new, never half.
INTERRUPTED = "interrupted; nothing was half-written"
#: The options that name a file or folder: made absolute against the caller's folder.
_PATH_OPTIONS = ("raw", "out", "processed", "catalog", "observations", "overrides", "units")


def parse_years(text: str) -> list[int]:
    """``"2023"`` → [2023]; ``"2020-2025"`` → [2020, …, 2025]; anything else is an error."""
    parts = text.replace("–", "-").split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise WardAnalysisError(
            f"'{text}' is not a year or a range of years like 2020-2025"
        ) from None
    if len(numbers) == 1:
        numbers = numbers * 2
    if len(numbers) != 2 or numbers[0] > numbers[1] or not 1900 <= numbers[0] <= 2100:
        raise WardAnalysisError(f"'{text}' is not a year or a range of years like 2020-2025")
    return list(range(numbers[0], numbers[1] + 1))


def _default_years(catalog, observations) -> list[int]:
    first, term_end = catalog.term
    results = observations[observations["value_kind"] != "plan"]
    last = min(int(results["year"].max()), term_end) if len(results) else term_end
    return list(range(first, max(first, last) + 1))


def partial_assessment_path(years: list[int]) -> Path:
    """Where ``assess --years …`` without ``--out`` writes: ``assessment_2023.csv``,
    ``assessment_2021-2023.csv`` beside the full ``assessment.csv``, which it leaves alone."""
    label = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    full = config.ASSESSMENT_PATH
    return full.with_name(f"{full.stem}_{label}{full.suffix}")


def _data_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--observations",
        default=None,
        help=f"tidy observations (default {config.OBSERVATIONS_PATH})",
    )
    p.add_argument(
        "--catalog", default=None, help=f"target catalog (default {config.CATALOG_PATH})"
    )


def _overrides_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--overrides",
        default=None,
        metavar="PATH",
        help="analysts' overrides of a status, YAML (default "
        f"{config.OVERRIDES_PATH} when it exists and --catalog is not given)",
    )


def _subcommand(sub, name: str, help: str, description: str, example: str):
    """A subcommand whose ``--help`` says what it reads, what it writes, the defaults, and
    shows an example."""
    return sub.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, 88),
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the example's line as it is
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ward-analysis",
        description="Track a ward's 5-year-plan targets from its yearly report tables.",
        epilog="'ward-analysis COMMAND --help' describes each command.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    sub = parser.add_subparsers(dest="command", required=True)
    p = _subcommand(
        sub,
        "clean",
        "clean the yearly tables into data/processed/",
        "Read the yearly report tables of a folder (default data/raw/) against the target "
        "catalog and write observations.csv, rejects.csv, skipped.csv and files.csv (every "
        "file of the folder, read or not and why) to data/processed/ (or --out). A file is "
        "a yearly table when it is .csv, .xlsx or .xlsm and its name says the year.",
        "ward-analysis clean --raw my_tables/ --out out/ --catalog my_catalog.yaml",
    )
    p.add_argument(
        "--raw", default=None, help=f"folder or file of yearly tables (default {config.WARD_DIR})"
    )
    p.add_argument("--out", default=None, help=f"output folder (default {config.PROCESSED_DIR})")
    p.add_argument(
        "--catalog", default=None, help=f"target catalog (default {config.CATALOG_PATH})"
    )
    p = _subcommand(
        sub,
        "assess",
        "assess every target as of each year",
        "Assess every target as of each year (status, probability of meeting it, projection, "
        "with a label and a sentence in --lang) from the tidy observations (default "
        f"{config.OBSERVATIONS_PATH.name} in data/processed/) and the catalog; print the "
        f"status matrix and write {config.ASSESSMENT_PATH.name} (every year with data), or "
        "assessment_<years>.csv beside it when --years is given without --out.",
        "ward-analysis assess --years 2023 --lang en",
    )
    p.add_argument(
        "--years",
        default=None,
        help="a year or a range within the term, e.g. 2023 or 2020-2025 (default: every "
        "year with data)",
    )
    _data_arguments(p)
    p.add_argument(
        "--out",
        default=None,
        help=f"output CSV (default {config.ASSESSMENT_PATH}; with --years, "
        "assessment_<years>.csv beside it)",
    )
    _overrides_argument(p)
    p.add_argument(
        "--lang",
        default="vi",
        choices=list(LOCALES),
        help="language of the labels, sentences and printed table",
    )
    p = _subcommand(
        sub,
        "backtest",
        "score past forecasts against the final outcomes",
        "Score the forecasts made as of each earlier year against the term's final outcome "
        "(Brier score and accuracy), ours beside three baselines, from the tidy observations "
        f"(default {config.OBSERVATIONS_PATH.name} in data/processed/) and the catalog. "
        "Prints the scores; writes nothing.",
        "ward-analysis backtest --by kind",
    )
    _data_arguments(p)
    p.add_argument(
        "--by", default=None, choices=["kind", "as_of", "target_id"], help="add a breakdown"
    )
    p = _subcommand(
        sub,
        "reports",
        "clean the data and build every HTML report and the index",
        "With no --raw, --catalog, --unit or --years: every unit of the registry "
        "(data/raw/units.yaml): each unit's tables cleaned into data/processed/<unit>/, a "
        "merged unit's base year rolled up from its predecessors, its year reports, term "
        "review and index in reports/<unit>/, and the page of all units, reports/index.html. "
        "Otherwise one unit: the tables of --raw (default the shipped ward's), its year "
        "reports and term review and the index in reports/ (or --out). Each page is self-"
        "contained HTML (a year's with CSV, XLSX and DOCX downloads). A report whose notebook, "
        "data, code, template and environment are unchanged is not built again (--force). "
        "The reports run on Dask: a cluster on this machine, or --scheduler.",
        "ward-analysis reports --lang en --scheduler tcp://10.0.0.5:8786",
    )
    p.add_argument("--years", default=None, help="a year or a range (default: the whole term)")
    p.add_argument("--lang", default="vi", help="vi or en (default vi)")
    p.add_argument("--jobs", default=2, type=int, help="reports built at the same time (default 2)")
    p.add_argument("--out", default=None, help=f"output folder (default {config.REPORTS_DIR})")
    p.add_argument(
        "--raw", default=None, help=f"folder of yearly tables (default {config.RAW_DIR})"
    )
    p.add_argument(
        "--catalog", default=None, help=f"target catalog (default {config.CATALOG_PATH})"
    )
    p.add_argument(
        "--processed",
        default=None,
        help=f"folder for the cleaned tables (default {config.PROCESSED_DIR})",
    )
    p.add_argument("--unit", default=None, help="the ward's name shown (default the catalog's)")
    _overrides_argument(p)
    p.add_argument(
        "--units",
        default=None,
        help=f"registry of units (default {config.UNITS_PATH}); used when no --raw, "
        "--catalog, --unit or --years is given",
    )
    p.add_argument("--only", default=None, help="build only these units (codes, comma-separated)")
    p.add_argument(
        "--scheduler",
        default=None,
        help="a Dask scheduler to build on (tcp://host:8786; default $DASK_SCHEDULER_ADDRESS, "
        "else a cluster on this machine of --jobs workers)",
    )
    p.add_argument("--force", action="store_true", help="build every report, even those unchanged")
    p.add_argument(
        "--continue-on-error",
        action="store_true",
        help="build every report even if some fail; list the failures and exit 1",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p = _subcommand(
        sub,
        "targets-from-text",
        "read a resolution's list of targets into a draft catalog (YAML) to review",
        "Read the list of targets in a resolution's text (UTF-8, e.g. copied from its web "
        "page) into a draft catalog: each sub-target with its threshold and kind, the "
        "doubtful ones flagged needs_review. Prints the draft (or writes it to --out) and a "
        "summary on stderr.",
        "ward-analysis targets-from-text resolution.txt --term 2025-2030 > catalog.yaml",
    )
    p.add_argument("file", help="the resolution's text (UTF-8), e.g. copied from its web page")
    p.add_argument(
        "--term", default=None, help="the term, e.g. 2025-2030 (default: from 'đến năm …')"
    )
    p.add_argument("--unit", default=None, help="the ward's or commune's name")
    p.add_argument("--out", default=None, help="write the draft here (default: print it)")
    return parser


def _targets_from_text(args) -> None:
    import os
    from pathlib import Path

    from .onboard import parse_targets

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WardAnalysisError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise WardAnalysisError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    term = None
    if args.term:
        years = parse_years(args.term)
        term = (years[0], years[-1])
    where = Path(args.out).resolve().parent if args.out else Path.cwd()
    source = os.path.relpath(path.resolve(), where)
    try:
        draft = parse_targets(text, term=term, unit=args.unit, source=source)
        body = draft.to_yaml()
    except WardAnalysisError:
        raise
    except Exception as exc:  # a text the reader does not expect: one line, never a traceback
        raise WardAnalysisError(
            f"{path}: the list could not be read ({type(exc).__name__}: {exc}). This is a "
            "fault of ward-analysis, not of the text: please report it with the file"
        ) from None
    if args.out:
        from .io import atomic_write_text

        atomic_write_text(args.out, body)
    else:
        sys.stdout.write(body)
    print(
        f"{len(draft)} sub-targets read for {draft.meta['term']}; "
        f"{len(draft.review)} flagged needs_review; {draft.accounting()}"
        + "".join(f"\n  - {tid}: {reason}" for tid, reason in draft.review),
        file=sys.stderr,
    )


def _reports(args) -> int:
    from .io import check_writable

    # cheap checks first: a folder that cannot be written must not wait for the cluster
    check_writable(args.out or config.REPORTS_DIR, "reports")
    check_writable(args.processed or config.PROCESSED_DIR)
    years = parse_years(args.years) if args.years else None
    common = dict(lang=args.lang, jobs=args.jobs, out=args.out, processed=args.processed,
                  scheduler=args.scheduler, force=args.force, progress=not args.no_progress,
                  continue_on_error=args.continue_on_error)  # fmt: skip
    one_unit = any(v is not None for v in (args.raw, args.catalog, args.unit, args.overrides))
    if one_unit or years is not None:
        if args.only:
            raise WardAnalysisError("--only picks units of the registry; it does not go with "
                                    "--raw, --catalog, --unit, --overrides or --years")  # fmt: skip
        from .build.run import build_reports

        result = build_reports(years, raw=args.raw, catalog_path=args.catalog, unit=args.unit,
                               overrides=args.overrides, **common)  # fmt: skip
    else:
        from .build.province import build_province

        only = args.only.split(",") if args.only else None
        result = build_province(units_path=args.units, only=only, **common)
    print(
        f"Built {len(result.built)} report(s) in {result.seconds:.1f} s"
        + (f" ({len(result.current)} unchanged, not built again)" if result.current else "")
        + f"; index: {result.index}"
    )
    for unit in getattr(result, "no_catalog", []):  # the province the wards compare with
        print(
            f"Not built: {unit} — no catalog in the registry (its figures are only compared with)"
        )
    inputs = result.cleaned.inputs if result.cleaned is not None else None
    if inputs is not None:  # a stray file is named; the catalog, README… are expected there
        for f in inputs[inputs["reason_code"] == "not_a_table"].itertuples(index=False):
            print(f"Not read: {f.file} — {f.reason}")
    if result.failures:
        print("Failed:\n  - " + "\n  - ".join(map(str, result.failures)), file=sys.stderr)
        return 1
    return 0


def _assess(args) -> None:
    import pandas as pd

    from .io import atomic_write_csv
    from .model.assess import assess
    from .present.locale import get_locale
    from .present.sentences import describe
    from .present.tables import status_matrix
    from .read.catalog import load_catalog
    from .read.observations import load_observations
    from .read.overrides import default_overrides_path, load_overrides

    get_locale(args.lang)  # an unknown language is refused before the work
    catalog = load_catalog(args.catalog)
    # the years are checked as ``reports`` checks them, before the observations are read
    asked = catalog.years_in_term(parse_years(args.years)) if args.years else None
    obs = load_observations(args.observations, catalog=catalog)
    years = asked or _default_years(catalog, obs)
    path = args.overrides or default_overrides_path(args.catalog)
    overrides = load_overrides(path, catalog=catalog) if path else None
    frames = [assess(catalog, obs, year, overrides=overrides) for year in years]
    result = describe(pd.concat(frames, ignore_index=True), catalog, lang=args.lang)
    partial = asked is not None and args.out is None
    target = partial_assessment_path(years) if partial else args.out or config.ASSESSMENT_PATH
    out = atomic_write_csv(result, target)
    with pd.option_context("display.max_rows", 200, "display.width", 200):
        print(status_matrix(result, lang=args.lang).droplevel("unit").to_string())
    if overrides is not None:
        set_by_hand = int((result["status_source"] == "analyst").sum())
        print(
            f"Analysts' overrides: {len(overrides)} entry(ies) in {path}; {set_by_hand} row(s) set"
        )
    print(f"Written {len(result)} rows ({len(years)} year(s)) to {out}")
    if partial:
        print(
            f"Some years only (--years without --out): {config.ASSESSMENT_PATH.name}, the table "
            "of every year, is left as it was"
        )


def _backtest(args) -> None:
    import pandas as pd

    from .model.backtest import backtest, backtest_summary
    from .present.locale import get_locale
    from .read.catalog import load_catalog
    from .read.observations import load_observations

    catalog = load_catalog(args.catalog)
    obs = load_observations(args.observations, catalog=catalog)
    summary = backtest_summary(backtest(catalog, obs), by=args.by)
    summary = summary.assign(method=summary["method"].map(get_locale("en").backtest_methods))
    with pd.option_context("display.max_rows", 200, "display.width", 200):
        print(summary.to_string(index=False))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 a problem with the data, 2 bad usage,
    130 interrupted)."""
    args = _parser().parse_args(argv)
    _absolute_paths(args)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "clean":
            from .read.catalog import load_catalog
            from .read.cleaning import clean

            result = clean(args.raw, args.out, load_catalog(args.catalog))
            out = args.out or config.PROCESSED_DIR
            print(result.summary())
            written = (config.OBSERVATIONS_PATH, config.REJECTS_PATH, config.SKIPPED_PATH,
                       config.FILES_PATH)  # fmt: skip
            print(f"Written to {out}: {', '.join(p.name for p in written)}")
        elif args.command == "assess":
            _assess(args)
        elif args.command == "backtest":
            _backtest(args)
        elif args.command == "reports":
            return _reports(args)
        elif args.command == "targets-from-text":
            _targets_from_text(args)
    except WardAnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # each file is written atomically, and a build stops cleanly
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return 0


def _absolute_paths(args: argparse.Namespace) -> None:
    """Make every path option absolute against the caller's folder (the report notebooks
    run in a kernel in their own folder, where a relative path would lead elsewhere)."""
    from .io import user_path

    for name in _PATH_OPTIONS:
        if getattr(args, name, None) is not None:
            setattr(args, name, user_path(getattr(args, name)))


def run() -> int:
    """Entry point of the ``ward-analysis`` command and ``python -m ward_analysis``."""
    # jsonschema (imported by Altair, nbformat and papermill) imports rfc3987_syntax when it
    # is installed (JupyterLab's jupyter-events brings it), which compiles a grammar at import
    # time: about 2.5 s of every command, spent on an IRI format check that nothing here
    # uses. The report kernels skip it the same way (build.kernels.WARM_UP).
    sys.modules.setdefault("rfc3987_syntax", None)
    code = main()
    # The process ends now: spare the interpreter's last full collection over everything the
    # command loaded (about 0.6 s after a report build).
    gc.freeze()
    return code
