"""The clerk corpus (tests/clerk_corpus.py): every variant read, what the package did classified.

Each variant is written as ``bieu_chi_tieu_2023.<ext>`` beside copies of the shipped 2020 and
2021 tables (the other years R3's plausibility reference needs) and read with
``read_reports(folder, catalog)``. The changed rows are classified:

- ``right``: read as expected (value ±1e-9 relative, kind, year, basis; no reject for it);
- ``flagged``: read as expected with the expected note;
- ``refused``: the expected reject (reason code, file, row, column, raw text) or the expected
  ``ReportFormatError`` (naming the file);
- ``right`` for a ``listed`` expectation: the column is listed among the skipped entries;
- ``not_as_specified``: caught, but not as the spec says (another reason code, the note or a
  reject field missing, no figure without a reject, an error without the file's name);
- ``false_refusal``: expected read or flagged but refused, skipped or a file-level error;
- ``silently_wrong``: another value, kind, year or basis read with no reject, error or
  expected note; a figure read where a refusal was expected; a figure lost without a trace.

Collateral damage: every other target's 2023 observations must equal those of the unchanged
base table written the same way (same file type and separator); a difference is
``silently_wrong`` (``false_refusal`` when the target was refused instead).
"""

from __future__ import annotations

import math
import re
import shutil
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import ward_analysis as wa
from tests import clerk_corpus as corpus
from tests.clerk_corpus import YEAR, Expect, Variant

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "chi_lang"
GOOD = ("right", "flagged", "refused")
CATEGORIES = (*GOOD, "not_as_specified", "false_refusal", "silently_wrong")
SEVERITY = {"not_as_specified": 1, "false_refusal": 2, "silently_wrong": 3}
RESULT_KINDS = ("actual", "estimate")


# -- reading -------------------------------------------------------------------------------


@dataclass
class Reading:
    """What the package made of one folder, narrowed to the variant's file."""

    file: str
    obs: pd.DataFrame
    rejects: pd.DataFrame
    skipped: pd.DataFrame
    error: BaseException | None = None


def _read(folder: Path, file: str, catalog) -> Reading:
    empty = pd.DataFrame()
    try:
        result = wa.read_reports(folder, catalog=catalog)
    except Exception as exc:  # ReportFormatError is the expected kind; anything else crashed
        return Reading(file, empty, empty, empty, exc)
    obs = result.observations
    obs = obs[obs["source"].astype(str).str.startswith(file)].copy()
    obs["_row"] = obs["source"].astype(str).map(_source_row)
    rejects = result.rejects
    rejects = rejects[rejects["file"].astype(str).str.startswith(file)].copy()
    rejects["_group"] = rejects["column"].astype(str).map(_column_group)
    skipped = result.skipped
    skipped = skipped[skipped["file"].astype(str).str.startswith(file)]
    return Reading(file, obs, rejects, skipped)


def _source_row(source: str) -> int | None:
    match = re.search(r":(\d+)$", source)
    return int(match.group(1)) if match else None


def _norm(text: object) -> str:
    text = unicodedata.normalize("NFC", str(text)).casefold()
    for curly, straight in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def _column_group(column: str) -> str:
    """Which cells a reject's column names: the plan, the result, or the whole row."""
    key = _norm(column)
    if key.startswith(("kế hoạch", "kh")):
        return "plan"
    if key.startswith(("th", "ước", "kết quả")) or "thực hiện" in key:
        return "result"
    return "row"


def _group(kind: str) -> str:
    return "plan" if kind == "plan" else "result"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _same_value(got: object, want: float) -> bool:
    if _missing(got) or _missing(want):
        return _missing(got) and _missing(want)
    return math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12)


def _same_basis(got: object, want: object) -> bool:
    def clean(basis: object) -> str | None:
        return None if _missing(basis) or basis == "" else str(basis)

    return clean(got) == clean(want)


def _notes(o) -> str:
    parts = [getattr(o, c, None) for c in ("note", "flag")]
    return " | ".join(_norm(p) for p in parts if not _missing(p))


def _show_obs(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "nothing"
    out = []
    for o in frame.itertuples():
        basis = "" if _missing(o.basis) else f" [{o.basis}]"
        note = _notes(o)
        out.append(
            f"{o.target_id} {o.value_kind} {o.year} = {o.value:g}{basis}"
            + (f" ('{note[:70]}')" if note else "")
        )
    return "; ".join(out)


def _show_rejects(frame: pd.DataFrame) -> str:
    return "; ".join(
        f"reject row {r.row} '{r.column}' {r.reason_code} ('{str(r.raw_text)[:40]}')"
        for r in frame.itertuples()
    )


def _show_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:160]}"


# -- classification ------------------------------------------------------------------------


def _check_read(e: Expect, r: Reading, rows: dict[str, int], header_rows: set[int], claimed: set):
    if r.error is not None:
        return "false_refusal", f"file not read ({_show_error(r.error)})"
    row, group = rows.get(e.tag), _group(e.kind)
    obs, rejects = r.obs, r.rejects
    mine = obs[obs["target_id"] == e.target]
    exact = mine[(mine["year"] == e.year) & (mine["value_kind"] == e.kind)]
    refused = rejects[(rejects["row"] == row) & rejects["_group"].isin((group, "row"))]
    if refused.empty:  # a reject elsewhere for this figure (not at another expected row)
        refused = rejects[
            (rejects["target_id"] == e.target)
            & (rejects["year"] == e.year)
            & rejects["_group"].isin((group, "row"))
            & ~rejects["row"].isin(claimed - {row})
        ]
    refused = refused[refused["reason_code"] != "duplicate"]
    good = [
        o
        for o in exact.itertuples()
        if _same_value(o.value, e.value) and _same_basis(o.basis, e.basis)
    ]
    if good:
        if not refused.empty:
            return "not_as_specified", "read right but also refused: " + _show_rejects(refused)
        if e.outcome == "flag":
            if any(_norm(e.note) in _notes(o) for o in good):
                return "flagged", ""
            return "not_as_specified", f"read right without the note: {_show_obs(exact)}"
        return "right", ""
    wrong = exact
    if exact.empty:
        same_group = mine["value_kind"].map(_group) == group
        wrong = mine[(mine["year"] == e.year) & same_group]
        if e.year == YEAR and row is not None:
            from_row = obs[(obs["_row"] == row) & (obs["value_kind"] == e.kind)]
            wrong = pd.concat([wrong, from_row[from_row["year"] != e.year]])
    if not wrong.empty:
        if not refused.empty:
            return "false_refusal", f"{_show_rejects(refused)}; also read {_show_obs(wrong)}"
        if e.outcome == "flag" and any(_norm(e.note) in _notes(o) for o in wrong.itertuples()):
            return "not_as_specified", f"flagged but read {_show_obs(wrong)}"
        return "silently_wrong", f"read {_show_obs(wrong)}"
    if not refused.empty:
        return "false_refusal", _show_rejects(refused)
    skipped = r.skipped[r.skipped["row"].isin({row, *header_rows})]
    if not skipped.empty:
        return "false_refusal", "skipped: " + "; ".join(skipped["reason"].astype(str))
    return "silently_wrong", "no observation and no reject (lost without a trace)"


def _check_refuse(e: Expect, r: Reading, rows: dict[str, int]):
    if r.error is not None:
        return "false_refusal", f"the whole file refused ({_show_error(r.error)})"
    row = rows[e.tag]
    obs, rejects = r.obs, r.rejects
    groups = None if e.row_level else (_group(e.kind), "row")
    refused = rejects[rejects["row"] == row]
    if groups:
        refused = refused[refused["_group"].isin(groups)]
    if refused.empty and e.row is None:
        refused = rejects[(rejects["target_id"] == e.target) & (rejects["year"] == YEAR)]
        if groups:
            refused = refused[refused["_group"].isin(groups)]
    from_row = obs[(obs["_row"] == row) & obs["value"].notna()]
    if groups:
        from_row = from_row[from_row["value_kind"].map(_group) == groups[0]]
    if not from_row.empty:
        if refused.empty:
            return "silently_wrong", f"read {_show_obs(from_row)}"
        return "not_as_specified", f"{_show_rejects(refused)}; also read {_show_obs(from_row)}"
    if refused.empty:
        if (r.skipped["row"] == row).any():
            return "not_as_specified", "row skipped, not refused"
        if (obs["_row"] == row).any():
            return (
                "not_as_specified",
                f"no figure, not refused: {_show_obs(obs[obs['_row'] == row])}",
            )
        return "not_as_specified", "dropped without a reject"
    matching = refused[refused["reason_code"].isin(e.codes)] if e.codes else refused
    if matching.empty:
        return "not_as_specified", f"refused with another reason: {_show_rejects(refused)}"
    for rj in matching.itertuples():
        filled = (
            str(rj.file).startswith(r.file)
            and int(rj.row) == row
            and not _missing(rj.column)
            and str(rj.column).strip()
            and not _missing(rj.raw_text)
            and str(rj.raw_text).strip()
        )
        if filled:
            return "refused", ""
    return "not_as_specified", f"reject fields not filled: {_show_rejects(matching)}"


def _check_error(e: Expect, r: Reading):
    if isinstance(r.error, wa.ReportFormatError):
        message = _norm(r.error)
        missing = [f for f in (r.file, *e.fragments) if _norm(f) not in message]
        if missing:
            return "not_as_specified", f"error without {missing}: {_show_error(r.error)}"
        return "refused", ""
    if r.error is not None:
        return "not_as_specified", f"crashed: {_show_error(r.error)}"
    results = r.obs[
        (r.obs["year"] == YEAR) & r.obs["value_kind"].isin(RESULT_KINDS) & r.obs["value"].notna()
    ]
    if not results.empty:
        return "silently_wrong", f"no error; read {len(results)} results, e.g. " + _show_obs(
            results.head(3)
        )
    return "not_as_specified", "no error and no result read"


def _check_listed(e: Expect, r: Reading):
    """A column left out must be listed among the skipped entries (header and reason)."""
    if r.error is not None:
        return "false_refusal", f"file not read ({_show_error(r.error)})"
    for entry in r.skipped.itertuples():
        shown = _norm(f"{entry.text} {entry.reason}")
        if all(_norm(f) in shown for f in e.fragments):
            return "right", ""
    return "not_as_specified", "not listed among the skipped entries"


def _check_collateral(v: Variant, r: Reading, baseline: pd.DataFrame | None):
    if v.collateral == "none" or baseline is None:
        return []
    if r.error is not None:
        return [("false_refusal", "every other target lost with the file")]
    touched = v.targets

    def figures(frame, estimate=False):
        out: dict[tuple[str, str], list] = {}
        frame = frame[(frame["year"] == YEAR) & ~frame["target_id"].isin(touched)]
        if v.collateral == "results":
            frame = frame[frame["value_kind"] != "plan"]
        for o in frame.itertuples():
            kind = "estimate" if estimate and o.value_kind == "actual" else o.value_kind
            out.setdefault((o.target_id, kind), []).append((o.value, o.basis))
        return out

    expected = figures(baseline, estimate=v.collateral == "estimate")
    got = figures(r.obs)
    problems = []
    for (target, kind), values in expected.items():
        have = got.get((target, kind), [])
        for value, basis in values:
            if any(_same_value(g, value) and _same_basis(b, basis) for g, b in have):
                continue
            refused = r.rejects[
                (r.rejects["target_id"] == target)
                & (r.rejects["year"] == YEAR)
                & (r.rejects["reason_code"] != "duplicate")
            ]
            shown = ", ".join(f"{g:g}" for g, _ in have) or "nothing"
            text = f"other target {target} {kind}: base {value:g}, now {shown}"
            if not refused.empty:
                problems.append(("false_refusal", f"{text} ({_show_rejects(refused)})"))
            else:
                problems.append(("silently_wrong", text))
    for key in got.keys() - expected.keys():
        values = ", ".join(f"{g:g}" for g, _ in got[key])
        problems.append(("silently_wrong", f"other target {key[0]}: new {key[1]} {values}"))
    if len(problems) > 4:  # one line for a table-wide change
        worst = max((c for c, _ in problems), key=SEVERITY.get)
        shown = "; ".join(d for _, d in problems[:3])
        return [(worst, f"{len(problems)} other figures differ from the base, e.g. {shown}")]
    return problems


def classify(v: Variant, r: Reading, rows: dict[str, int], baseline) -> tuple[str, list[str]]:
    header_rows = {n for tag, n in rows.items() if tag.startswith("#h")}
    claimed = {rows.get(e.tag) for e in v.expect if e.tag}
    results = []
    for e in v.expect:
        if e.outcome in ("read", "flag"):
            category, detail = _check_read(e, r, rows, header_rows, claimed)
        elif e.outcome == "refuse":
            category, detail = _check_refuse(e, r, rows)
        elif e.outcome == "listed":
            category, detail = _check_listed(e, r)
        else:
            category, detail = _check_error(e, r)
        results.append((category, f"expected {e.describe()}; got: {detail}" if detail else ""))
    results += [(c, d) for c, d in _check_collateral(v, r, baseline)]
    bad = [(c, d) for c, d in results if c not in GOOD]
    if not bad:
        return results[0][0], []
    worst = max(SEVERITY[c] for c, _ in bad)
    category = next(c for c, s in SEVERITY.items() if s == worst)
    return category, [f"[{c}] {d}" for c, d in bad]


# -- the corpus test -----------------------------------------------------------------------


def _folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    for history in corpus.HISTORY:
        shutil.copyfile(RAW / history, folder / history)
    return folder


def _baselines(root: Path, catalog) -> dict[str, pd.DataFrame | None]:
    """The unchanged base table read once per way of writing it."""
    out = {}
    for key, filetype, sep in (("csv;", "csv", ";"), ("csv,", "csv", ","), ("xlsx", "xlsx", ";")):
        folder = _folder(root, f"_base_{filetype}_{'semicolon' if sep == ';' else 'comma'}")
        path = corpus.write_base(filetype, folder, sep)
        reading = _read(folder, path.name, catalog)
        out[key] = None if reading.error is not None else reading.obs
    return out


def test_the_corpus_base_is_the_shipped_2023_table():
    shipped = (RAW / "bieu_chi_tieu_2023.csv").read_bytes().decode("utf-8")
    assert corpus.csv_text(corpus.base_table("csv"), ";") == shipped


def test_clerk_corpus(tmp_path):
    variants = corpus.VARIANTS
    xlsx = sum(v.filetype == "xlsx" for v in variants)
    assert len(variants) >= 150 and xlsx >= 40, (len(variants), xlsx)
    started = time.perf_counter()
    catalog = wa.load_catalog()
    baselines = _baselines(tmp_path, catalog)
    outcomes: dict[str, tuple[str, list[str]]] = {}
    for v in variants:
        folder = _folder(tmp_path, v.id)
        path, rows = corpus.write_variant(v, folder)
        reading = _read(folder, path.name, catalog)
        outcomes[v.id] = classify(v, reading, rows, baselines[v.format_key])
    elapsed = time.perf_counter() - started

    totals = Counter(category for category, _ in outcomes.values())
    per_rule = {rule: Counter() for rule in corpus.RULES}
    for v in variants:
        per_rule[v.rule][outcomes[v.id][0]] += 1
    names = ("rule", "n", *CATEGORIES)
    lines = [" ".join(f"{n:>16}" if i > 1 else f"{n:>5}" for i, n in enumerate(names))]
    for rule, counts in per_rule.items():
        cells = [rule, sum(counts.values()), *(counts[c] for c in CATEGORIES)]
        lines.append(" ".join(f"{c:>16}" if i > 1 else f"{c:>5}" for i, c in enumerate(cells)))
    cells = ["all", len(variants), *(totals[c] for c in CATEGORIES)]
    lines.append(" ".join(f"{c:>16}" if i > 1 else f"{c:>5}" for i, c in enumerate(cells)))
    refused_reasons = Counter(
        code for v in variants if outcomes[v.id][0] == "refused" for e in v.expect
        if e.outcome == "refuse" for code in e.codes[:1] or ("any",)
    )  # fmt: skip
    by_id = corpus.by_id()
    sections: dict[str, list[str]] = {}
    for category in ("silently_wrong", "false_refusal", "not_as_specified"):
        ids = [i for i, (c, _) in outcomes.items() if c == category]
        lines_ = sections[category] = [f"\n{category} ({len(ids)}):"]
        for i in ids:
            lines_.append(f"  {i} [{by_id[i].rule}] {by_id[i].description}")
            lines_.extend(f"      {d}" for d in outcomes[i][1])
    corpus.SUMMARY_LINE = (
        f"clerk corpus: {len(variants)} variants ({len(variants) - xlsx} CSV, {xlsx} XLSX) — "
        f"right {totals['right']}, flagged {totals['flagged']}, refused {totals['refused']}, "
        f"not as specified {totals['not_as_specified']}, "
        f"false refusals {totals['false_refusal']}, silently wrong {totals['silently_wrong']}"
    )
    print("\n".join(lines))
    print("refused as expected, by reason:", dict(refused_reasons))
    print("\n".join(line for section in sections.values() for line in section))
    print(f"{corpus.SUMMARY_LINE} ({elapsed:.1f} s)")

    failing = sections["silently_wrong"] + sections["false_refusal"]
    message = "\n".join([corpus.SUMMARY_LINE, *failing])
    assert totals["silently_wrong"] == 0 and totals["false_refusal"] == 0, message
