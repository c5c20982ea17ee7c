"""Build every unit of the registry: each unit's reports, the merged units' baselines, and
the page of all units (``ward-analysis reports``, ``make reports``).

For each unit of ``data/raw/units.yaml`` with a catalog (:mod:`ward_analysis.model.units`; a
unit with none, such as the province the wards' targets compare with, is skipped and named in
the result's ``no_catalog``):

1. its yearly tables: those in its folder (``data/raw/<code>/``), and those at the top of the
   raw folder whose title block names it (a table there whose unit cannot be told is an
   error naming the file);
2. cleaned into ``data/processed/<code>/`` — not again when its inputs, the code and (for a
   merged unit) its predecessors' figures have not changed (``clean.key.json``);
   a merged unit's base year is rolled up from its predecessors' figures
   (:mod:`ward_analysis.model.rollup`), each figure flagged with how;
3. its reports in ``reports/<code>/``: a year report for each year of its term it has tables
   for (a merged unit's base year too), and the term review; the unit's index;
4. all reports of all units go to Dask together (:func:`.run.run_jobs`: only those whose key
   changed), so two workers stay busy across units;
5. ``reports/index.html``: every unit — status counts, a heat map of units × targets for the
   year shown, links to each unit's pages; a unit that ended names its successor.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ReportError, UnitsError, WardAnalysisError
from ..io import atomic_write_text, check_writable, remove_stale_temp_files, user_path
from ..model.catalog import Catalog
from ..model.rollup import ROLLUP_SOURCE, roll_up
from ..model.units import Registry, Unit
from ..present.locale import get_locale
from ..present.page import file_hashes
from ..present.pages import index_name
from ..read.catalog import load_catalog
from ..read.cleaning import clean
from ..read.files import sort_folder
from ..read.observations import load_observations
from ..read.overrides import load_overrides
from ..read.tables import read_tables
from ..read.units import load_units, table_unit, title_unit_name, unit_folder
from . import keys
from .run import (
    TERM_NOTEBOOK,
    YEAR_NOTEBOOK,
    BuildResult,
    run_jobs,
    unit_jobs,
    write_unit_index,
)

log = logging.getLogger("ward_analysis")

CLEAN_KEY = "clean.key.json"


@dataclass
class UnitBuild:
    """One unit's part of a build: its catalog, tables, folders and years."""

    unit: Unit
    catalog: Catalog
    tables: list[Path]
    processed: Path
    out: Path
    overrides: Path | None = None
    #: What cleaning reads: the unit's folder (every file in it accounted for in files.csv),
    #: or the list of its tables when some come from the top of the raw folder.
    source: Path | list[Path] | None = None
    years: list[int] = field(default_factory=list)
    #: The figures of the unit's own tables (not rolled up) span these years.
    own_years: list[int] = field(default_factory=list)


@dataclass
class ProvinceResult(BuildResult):
    """What a build of every unit did (:class:`.run.BuildResult`), and each unit's part."""

    units: list[UnitBuild] = field(default_factory=list)
    #: Units whose tables were not cleaned again (unchanged).
    clean_skipped: list[str] = field(default_factory=list)
    #: Units of the registry with no catalog (the province compared with): no reports, no
    #: cleaning; each as ``code (name)``.
    no_catalog: list[str] = field(default_factory=list)


def _folder_name(unit: Unit, catalog: Catalog, several: bool) -> str:
    first, last = catalog.term
    return f"{unit.code}_{first}_{last}" if several else unit.code


def plan_units(registry: Registry, raw: Path, processed: Path, out: Path,
               only: list[str] | None = None) -> list[UnitBuild]:  # fmt: skip
    """Each unit's part (module notes, step 1), predecessors before their successor; a unit
    with no catalog has none (asked for in ``only``, it is an error naming it)."""
    check_only(registry, only)
    root_tables = _root_tables(registry, raw)
    plans = []
    for unit in _in_merger_order(registry):
        if (only and unit.code not in only) or not unit.catalogs:
            continue
        folder = unit_folder(registry, unit, raw)
        tables = sort_folder(folder)[0] if folder.is_dir() else []
        extra_tables = root_tables.get(unit.code, [])
        tables += extra_tables
        source = folder if folder.is_dir() and tables and not extra_tables else tables
        for path in unit.catalogs:
            catalog = load_catalog(raw / path, units_path=registry.source)
            name = _folder_name(unit, catalog, len(unit.catalogs) > 1)
            overrides = (raw / path).parent / "overrides.yaml"
            plans.append(UnitBuild(unit, catalog, tables, processed / name, out / name,
                                   overrides if overrides.is_file() else None, source))  # fmt: skip
    return plans


def check_only(registry: Registry, only: list[str] | None) -> None:
    """Each code of ``only`` a unit of the registry with a catalog, or a :class:`UnitsError`
    naming it (an unknown code: with the known ones)."""
    for code in only or []:
        unit = registry[code]
        if not unit.catalogs:
            raise UnitsError(
                f"{registry.source}: {unit.name} ({code}) has no catalog, so there are no "
                "reports to build for it (its figures are only compared with)"
            )


def _in_merger_order(registry: Registry) -> list[Unit]:
    """Units that ended before the units they merged into (a baseline needs them cleaned)."""
    done: list[Unit] = []
    pending = list(registry)
    while pending:
        ready = [u for u in pending if all(p in done for p in registry.predecessors(u.code))]
        if not ready:  # a cycle of successors: the registry's own check forbids it
            raise UnitsError(f"{registry.source}: successors form a cycle")
        done += ready
        pending = [u for u in pending if u not in ready]
    return done


def _root_tables(registry: Registry, raw: Path) -> dict[str, list[Path]]:
    """Tables at the top of the raw folder, by the unit their title block names."""
    out: dict[str, list[Path]] = {}
    for path in sort_folder(raw)[0]:
        for table in read_tables(path).tables:
            said = title_unit_name(table.title)
            found = registry.by_name(said, table.year) if said else []
            if len(found) != 1:
                table_unit(path.name, table.title, table.year, None, registry)  # names why
                raise UnitsError(
                    f"{path.name}: its title names '{said}', which fits "
                    f"{', '.join(u.code for u in found)} in {table.year}; put the table in "
                    "the folder of the unit it is about"
                )
            if path not in out.setdefault(found[0].code, []):
                out[found[0].code].append(path)
    return out


def _clean_key(part: UnitBuild, raw: Path, baseline_inputs: list[Path]) -> str:
    files = [*part.tables, part.catalog.path, *baseline_inputs]
    confirmations = [p for p in part.tables if p.parent.joinpath("confirmations.yaml").is_file()]
    files += [confirmations[0].parent / "confirmations.yaml"] if confirmations else []
    return json.dumps(
        {"files": [f"{p}:{keys.file_sha(p)}" for p in files], "library": keys.library_sha()},
        sort_keys=True,
    )


def _baseline_inputs(part: UnitBuild, registry: Registry, plans: dict) -> list[Path]:
    preds = [plans[u.code] for u in registry.predecessors(part.unit.code) if u.code in plans]
    inputs = [p.processed / "observations.csv" for p in preds]
    return inputs + ([Path(registry.source)] if preds else [])


def clean_is_current(part: UnitBuild, registry: Registry, raw: Path, plans: dict,
                     key: str | None = None) -> bool:  # fmt: skip
    """Whether the unit's cleaned tables were made from its inputs as they are now
    (``key``: their clean key, when the caller has it)."""
    stamp = part.processed / CLEAN_KEY
    key = key or _clean_key(part, raw, _baseline_inputs(part, registry, plans))
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
        and (part.processed / "observations.csv").is_file()
    )


def clean_unit(part: UnitBuild, registry: Registry, raw: Path, plans: dict[str, UnitBuild],
               force: bool = False) -> bool:  # fmt: skip
    """Clean one unit's tables into its processed folder, with a merged unit's rolled-up
    baseline; not again when nothing it rests on changed. Returns whether it cleaned."""
    preds = [plans[u.code] for u in registry.predecessors(part.unit.code) if u.code in plans]
    missing = [p for p in preds if not (p.processed / "observations.csv").is_file()]
    if missing:
        codes = ",".join([*(p.unit.code for p in preds), part.unit.code])
        raise UnitsError(
            f"{part.unit.name} ({part.unit.code}) starts from its predecessors' figures, but the "
            f"figures of {', '.join(f'{p.unit.shown} ({p.unit.code})' for p in missing)} are "
            "not cleaned yet: "
            f"build them first (ward-analysis reports, or --only {codes})"
        )
    key = _clean_key(part, raw, _baseline_inputs(part, registry, plans))
    stamp = part.processed / CLEAN_KEY
    if force or not clean_is_current(part, registry, raw, plans, key):
        extra = None
        if preds:
            base = part.catalog.header.base_year or part.catalog.term[0]
            extra = roll_up(part.unit, part.catalog, [
                (p.unit, p.catalog, load_observations(p.processed / "observations.csv"))
                for p in preds], base)  # fmt: skip
        if not part.tables and extra is None:
            raise UnitsError(
                f"{part.unit.name} ({part.unit.code}): no yearly tables in "
                f"{unit_folder(registry, part.unit, raw)} and no predecessors to roll up from"
            )
        clean(part.source or part.tables, part.processed, part.catalog, unit=part.catalog.unit,
              extra=extra)  # fmt: skip
        atomic_write_text(stamp, key)
        cleaned = True
    else:
        cleaned = False
    set_years(part)
    return cleaned


def set_years(part: UnitBuild) -> None:
    """The years a unit's pages are for, from its cleaned figures: each year of its term from
    the first with a figure (a rolled-up base year counts) to the latest of its own tables."""
    obs = load_observations(part.processed / "observations.csv")
    own = obs[(obs["source"] != ROLLUP_SOURCE) & obs["value"].notna()]
    first, last = part.catalog.term
    part.own_years = sorted({int(y) for y in own["year"] if first <= y <= last})
    rolled = obs[(obs["source"] == ROLLUP_SOURCE) & obs["value"].notna()]
    start = min([*part.own_years, *[int(y) for y in rolled["year"]]], default=first)
    end = max(part.own_years, default=start)
    part.years = list(range(start, end + 1))


def build_province(
    *,
    units_path: str | Path | None = None,
    processed: str | Path | None = None,
    out: str | Path | None = None,
    lang: str = "vi",
    jobs: int = 2,
    scheduler: str | None = None,
    force: bool = False,
    only: list[str] | None = None,
    progress: bool = True,
    continue_on_error: bool = False,
    year_notebook: str | Path = YEAR_NOTEBOOK,
    term_notebook: str | Path | None = TERM_NOTEBOOK,
) -> ProvinceResult:
    """Build every unit of the registry (module notes). ``only``: these unit codes (their
    predecessors' cleaned figures must be there already for a merged unit). Returns what was
    built; with failures and no ``continue_on_error``, raises :class:`ReportError` after the
    other reports and the indexes are written."""
    from .province_index import province_index_html

    start = time.perf_counter()
    get_locale(lang)  # an unknown language is an error naming it
    if not isinstance(jobs, int) or jobs < 1:
        raise WardAnalysisError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    registry = load_units(user_path(units_path) if units_path else None)
    raw = Path(registry.source).parent
    processed = user_path(processed) if processed is not None else config.PROCESSED_DIR
    out = user_path(out) if out is not None else config.REPORTS_DIR
    check_writable(out, "reports")
    check_writable(processed)
    result = ProvinceResult()
    check_only(registry, only)
    every = plan_units(registry, raw, processed, out)
    plans = [p for p in every if not only or p.unit.code in only]
    result.no_catalog = [f"{u.code} ({u.name})" for u in registry if not u.catalogs]
    for skipped in result.no_catalog:
        log.info("%s: no catalog in the registry, no reports to build (its figures are only "
                 "compared with)", skipped)  # fmt: skip
    by_code = {p.unit.code: p for p in every}
    from .cluster import Starter

    starter = Starter(scheduler, workers=jobs)
    if force or not all(clean_is_current(p, registry, raw, by_code) for p in plans):
        starter.start()  # there is work: the workers and their kernels boot while we clean
    try:  # until run_jobs has it, the cluster booting is closed here on any error or Ctrl-C
        for part in plans:
            if not clean_unit(part, registry, raw, by_code, force=force):
                result.clean_skipped.append(part.unit.code)
        notebooks = [user_path(year_notebook)]
        notebooks += [user_path(term_notebook)] if term_notebook else []
        todo = []
        for part in plans:
            for stale in remove_stale_temp_files(part.out):
                log.info("removed %s, left by a run that was stopped before it finished", stale)
            todo += unit_jobs(part.catalog, part.years, lang=lang, out=part.out,
                              processed=part.processed, unit=part.catalog.unit,
                              overrides_path=part.overrides, notebooks=notebooks,
                              label=part.out.name, units_path=Path(registry.source))  # fmt: skip
    except BaseException:
        starter.close()
        raise
    run_jobs(todo, force=force, progress=progress, result=result, starter=starter)
    failed: dict[str, set[int]] = {}  # a year whose page failed (not only its downloads)
    for f in result.failures:
        if f.year is not None and f.where != "downloads":
            failed.setdefault(f.report.split("/")[0], set()).add(f.year)
    for part in plans:  # each unit's index, written again only when what it lists changed
        page = part.out / index_name(lang)
        listed = [j.html for j in todo if j.html.parent == part.out]
        data = [part.processed / "observations.csv", part.catalog.path, *part.tables,
                Path(registry.source), *([part.overrides] if part.overrides else [])]  # fmt: skip
        key = keys.index_key(listed, data, lang=lang, years=part.years,
                             failed=sorted(failed.get(part.out.name, set())))  # fmt: skip
        if not force and keys.is_current(page, key):
            continue
        overrides = load_overrides(part.overrides, catalog=part.catalog) if part.overrides else None
        obs = load_observations(part.processed / "observations.csv", catalog=part.catalog)
        sources = file_hashes([part.catalog.path, *part.tables, registry.source,
                               *([part.overrides] if part.overrides else [])])  # fmt: skip
        write_unit_index(part.catalog, obs, part.years, part.out, lang=lang,
                         unit=part.catalog.unit, overrides=overrides, sources=sources,
                         failed=failed.get(part.out.name, set()),
                         up=f"../{index_name(lang)}")  # fmt: skip
        keys.write_key(page, key)
    # the page of all units: those built now, and the others already cleaned earlier
    shown = []
    for part in every:
        if part in plans:
            shown.append(part)
        elif (part.processed / "observations.csv").is_file():
            set_years(part)
            shown.append(part)
    result.units = plans
    result.index = out / index_name(lang)
    key = keys.index_key([p.out / index_name(lang) for p in shown], [Path(registry.source)],
                         lang=lang, units=[p.unit.code for p in shown])  # fmt: skip
    if force or not keys.is_current(result.index, key):
        page = province_index_html(registry, shown, lang=lang, out=out)
        atomic_write_text(result.index, page)
        keys.write_key(result.index, key)
    result.seconds = time.perf_counter() - start
    if result.failures and not continue_on_error:
        raise ReportError("report(s) failed:\n  - " + "\n  - ".join(map(str, result.failures)))
    return result


def assessments_of(part: UnitBuild, year: int) -> pd.DataFrame:
    """A unit's assessment as of ``year`` (its overrides applied)."""
    from ..model.assess import assess

    obs = load_observations(part.processed / "observations.csv", catalog=part.catalog)
    overrides = load_overrides(part.overrides, catalog=part.catalog) if part.overrides else None
    return assess(part.catalog, obs, year, unit=part.catalog.unit, overrides=overrides)
