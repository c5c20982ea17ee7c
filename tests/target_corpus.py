"""The real-text corpus of key-target lists (tests/data/target_texts/) and its scoring.

Each list is a ``<slug>.txt`` as published and a ``<slug>.yaml`` with its source and the
reading a person checked by hand (format: tests/data/target_texts/README.md). :func:`score`
reads the text with :func:`ward_analysis.onboard.parse_targets` and puts every expected
target, every entry the reader made and every piece it skipped in one class:

- ``right``: read as expected, not flagged;
- ``right_flagged``: read as expected, flagged for review all the same;
- ``wrong_flagged``: read otherwise (or not read), but flagged: the reviewer will look;
- ``wrong_unflagged``: read otherwise and not flagged — the error that must not happen
  (also: an entry the text does not support, unflagged; a statement with no period read
  without a flag; a target skipped as a heading);
- ``dropped``: in no entry and no skipped piece.

``python -m tests.target_corpus`` prints the table of the closing note.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ward_analysis.onboard import parse_targets
from ward_analysis.onboard.draft import CatalogDraft, DraftTarget
from ward_analysis.onboard.split import nfc_lines
from ward_analysis.schema import YES_LABEL
from ward_analysis.text import match_key, nfc

CORPUS = Path(__file__).parent / "data" / "target_texts"
#: Lists gathered the same way and scored once, after the reader was fixed on CORPUS.
HOLDOUT = Path(__file__).parent / "data" / "target_texts_holdout"
CLASSES = ("right", "right_flagged", "wrong_flagged", "wrong_unflagged", "dropped")


def slugs(*folders: Path) -> list[str]:
    """The lists of ``folders`` (default: the corpus and the held-aside lists)."""
    return sorted(p.stem for f in folders or (CORPUS, HOLDOUT) for p in f.glob("*.yaml"))


def path(slug: str) -> Path:
    """The ``.yaml`` of a list, in the corpus or among the held-aside lists."""
    for folder in (CORPUS, HOLDOUT):
        if (folder / f"{slug}.yaml").exists():
            return folder / f"{slug}.yaml"
    raise FileNotFoundError(slug)


def load(slug: str) -> tuple[dict, str]:
    meta = yaml.safe_load(path(slug).read_text(encoding="utf-8"))
    text = path(slug).with_suffix(".txt").read_text(encoding="utf-8")
    return meta, text


def read(slug: str) -> tuple[dict, CatalogDraft]:
    meta, text = load(slug)
    start, end = meta["term"]
    return meta, parse_targets(text, term=(int(start), int(end)), source=f"{slug}.txt")


@dataclass
class Score:
    slug: str
    meta: dict
    draft: CatalogDraft
    counts: Counter = field(default_factory=Counter)
    #: (class, anchor, what was expected, what was read) of every scored item.
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts[c] for c in CLASSES)

    def rate(self, cls: str) -> float:
        return self.counts[cls] / self.total if self.total else 0.0


def _num(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _unit_class(unit: str | None) -> str:
    unit = (unit or "").strip()
    if "%" in unit:
        return "%"
    if "‰" in unit:
        return "‰"
    key = match_key(unit)
    return key.split(" ")[0] if key else ""


def _matches(expected: dict, t: DraftTarget) -> bool:
    f = t.fields
    if expected["kind"] != f.get("kind") or expected["measure"] != f.get("measure"):
        return False
    if expected["comparator"] != f.get("comparator") and not (
        # "không còn hộ nghèo": a count of at most 0 is a count of 0
        expected["measure"] == "count"
        and _num(expected.get("threshold")) == 0
        and {expected["comparator"], f.get("comparator")} == {"==", "<="}
    ):
        return False
    want, got = expected.get("threshold"), f.get("threshold")
    if expected["measure"] == "boolean":
        if got != YES_LABEL:
            return False
    elif expected["measure"] == "rating":
        if match_key(str(want)) != match_key(str(got)):
            return False
    elif _num(want) is None or _num(got) is None or not math.isclose(_num(want), _num(got)):
        return False
    if (_num(expected.get("upper")) or None) != (_num(f.get("upper")) or None):
        return False
    if expected["kind"] == "change_per_year":
        if expected.get("direction") != f.get("direction"):
            return False
        if expected.get("change_unit") in ("points", "percent") and (
            expected["change_unit"] != f.get("change_unit")
        ):
            return False
    if expected["kind"] == "by_year" and expected.get("year") != f.get("year"):
        return False
    if expected["kind"] == "relative" and expected.get("reference") != f.get("reference"):
        return False
    if expected.get("unit") and expected["measure"] not in ("boolean", "rating"):
        got_unit = f.get("threshold_unit") or f.get("unit_of_measure") or ""
        if expected["kind"] == "change_per_year" and expected["measure"] == "share":
            got_unit = got_unit.replace("điểm ", "")
        if _unit_class(expected["unit"]) != _unit_class(got_unit):
            return False
    return True


def _must_flag(expected: dict) -> bool:
    """What the text leaves open, so that a right reading must still be flagged."""
    return bool(expected.get("no_period")) or expected.get("change_unit") == "unclear"


def _describe(t: DraftTarget | None) -> str:
    if t is None:
        return "—"
    f = t.fields
    bits = [f"{f['id']}", str(f.get("kind")), str(f.get("measure")), str(f.get("comparator")),
            f"{f.get('threshold')}", f"–{f['upper']}" if f.get("upper") is not None else "",
            f.get("threshold_unit") or f.get("unit_of_measure") or "",
            "FLAGGED" if t.needs_review else ""]  # fmt: skip
    return " ".join(b for b in bits if b)


def _expected_text(e: dict) -> str:
    keys = ("kind", "measure", "comparator", "threshold", "upper", "unit", "year", "direction",
            "change_unit", "reference")  # fmt: skip
    return " ".join(str(e[k]) for k in keys if e.get(k) is not None)


def score(slug: str) -> Score:
    meta, draft = read(slug)
    text = draft.text
    out = Score(slug, meta, draft)
    statements = draft.statements

    def statement_at(pos: int):
        return next((s for s in statements if s.start <= pos < s.end), None)

    # where each entry's anchor is; a draft target belongs to the last entry whose anchor
    # lies before the end of its clause (so the anchors cut the text into the entries)
    anchors: list[tuple[int, dict, str]] = []
    for entry in meta["entries"]:
        at = nfc(unicodedata.normalize("NFC", entry["at"]))
        found = text.find(at)
        if found < 0:
            raise AssertionError(f"{slug}: anchor {at!r} is not in the text as read")
        # the first character of the anchor past its marker ("(1) …", "* Về …")
        pos = next(
            (
                i
                for i in range(found, found + len(at))
                if not text[i].isspace()
                and any(p.start <= i < p.end for p in (*statements, *draft.skipped))
            ),
            found,
        )
        anchors.append((pos, entry, at))
    owned: dict[int, list[DraftTarget]] = {}
    for t in draft.targets:
        owner = [i for i, (pos, _, _) in enumerate(anchors) if pos < t.span[1]]
        if owner:
            owned.setdefault(owner[-1], []).append(t)
    used: set[int] = set()
    for index, (pos, entry, at) in enumerate(anchors):
        st = statement_at(pos)
        skipped = next((p for p in draft.skipped if p.start <= pos < p.end), None)
        here = owned.get(index, [])
        expected_targets = entry.get("targets") or []
        if "skip" in entry:
            if not here and skipped is not None:
                out.counts["right"] += 1
                out.rows.append(("right", at, f"skip {entry['skip']}", f"skipped {skipped.reason}"))
            elif not here and st is None:
                out.counts["dropped"] += 1
                out.rows.append(("dropped", at, f"skip {entry['skip']}", "—"))
            continue  # entries made of it are scored below as extras
        if "flag" in entry:
            for t in here:
                used.add(id(t))
            if st is None and skipped is None:
                cls = "dropped"
            elif not here:
                cls = "wrong_unflagged"  # a statement an official cannot read, skipped silently
            elif all(t.needs_review for t in here):
                cls = "right_flagged"
            else:
                cls = "wrong_unflagged"
            out.counts[cls] += 1
            out.rows.append((cls, at, f"flag: {entry['flag']}",
                             "; ".join(_describe(t) for t in here) or "(no entry)"))  # fmt: skip
            continue
        for e in expected_targets:
            if not here and st is None:
                cls = "dropped" if skipped is None else "wrong_unflagged"
                out.counts[cls] += 1
                out.rows.append((cls, at, _expected_text(e),
                                 f"skipped {skipped.reason}" if skipped else "—"))  # fmt: skip
                continue
            candidates = [t for t in here if id(t) not in used]
            match = next((t for t in candidates if _matches(e, t)), None)
            if match is not None:
                used.add(id(match))
                if match.needs_review:
                    cls = "right_flagged"
                else:
                    cls = "wrong_unflagged" if _must_flag(e) else "right"
                out.counts[cls] += 1
                out.rows.append((cls, at, _expected_text(e), _describe(match)))
                continue
            near = candidates[0] if candidates else None
            if near is not None:
                used.add(id(near))
                cls = "wrong_flagged" if near.needs_review else "wrong_unflagged"
            else:  # fewer entries than targets: a target lost, noticed only if flagged
                cls = "wrong_flagged" if any(t.needs_review for t in here) else "wrong_unflagged"
            out.counts[cls] += 1
            out.rows.append((cls, at, _expected_text(e), _describe(near)))
    for t in draft.targets:  # entries no expected target accounts for
        if id(t) in used:
            continue
        cls = "wrong_flagged" if t.needs_review else "wrong_unflagged"
        out.counts[cls] += 1
        out.rows.append((cls, text[t.span[0] : t.span[1]][:50], "(no target here)", _describe(t)))
    return out


KINDS = {"annual", "end_level", "cumulative", "average_growth", "change_per_year", "about",
         "by_year", "relative"}  # fmt: skip
MEASURES = {"share", "count", "amount", "length", "boolean", "rating"}
SKIPS = {"heading", "preamble", "source", "date", "note"}
FIELDS = ("source_url", "title", "unit", "level", "term", "layout", "truncated", "entries")


def problems(path: Path) -> list[str]:
    """What is wrong with one pair's format: fields, anchors (each once, in order), kinds."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = nfc_lines(path.with_suffix(".txt").read_text(encoding="utf-8"))
    out = [f"missing {k}" for k in FIELDS if k not in meta]
    last = -1
    for i, e in enumerate(meta.get("entries") or []):
        at = nfc(str(e.get("at", "")))
        if text.count(at) != 1:
            out.append(f"entry {i}: 'at' {at!r} occurs {text.count(at)} times")
            continue
        if text.index(at) < last:
            out.append(f"entry {i}: not in text order")
        last = text.index(at)
        if len({"targets", "skip", "flag"} & set(e)) != 1:
            out.append(f"entry {i}: needs exactly one of targets, skip or flag")
        if "skip" in e and e["skip"] not in SKIPS:
            out.append(f"entry {i}: skip {e['skip']!r}")
        for t in e.get("targets") or []:
            if t.get("kind") not in KINDS or t.get("measure") not in MEASURES:
                out.append(f"entry {i}: kind {t.get('kind')!r}, measure {t.get('measure')!r}")
            if t.get("comparator") not in (">=", ">", "<=", "<", "==") or "threshold" not in t:
                out.append(f"entry {i}: comparator and threshold")
    return out


def table(scores: list[Score]) -> str:
    head = ("| list | level | term | layout | statements | entries | skipped | expected | right "
            "| right, flagged | wrong, flagged | wrong, unflagged | dropped |")  # fmt: skip
    lines = [head, "|" + "---|" * 13]
    total = Counter()
    for s in scores:
        n_expected = sum(len(e.get("targets") or []) for e in s.meta["entries"])
        total.update(s.counts)
        lines.append(
            f"| [{s.slug}]({s.meta['source_url']}) | {s.meta['level']} | "
            f"{s.meta['term'][0]}–{s.meta['term'][1]} | {s.meta['layout']} | "
            f"{len(s.draft.statements)} | {len(s.draft.targets)} | {len(s.draft.skipped)} | "
            f"{n_expected} | " + " | ".join(str(s.counts[c]) for c in CLASSES) + " |"
        )
    n = sum(total[c] for c in CLASSES)
    lines.append(
        f"| **all {len(scores)}** | | | | | | | | "
        + " | ".join(f"{total[c]} ({total[c] / n:.1%})" for c in CLASSES)
        + " |"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        bad = {p: problems(Path(p)) for p in argv[1:]}
        for p, found in bad.items():
            print(f"{p}: " + ("; ".join(found) or "ok"))
        return 1 if any(bad.values()) else 0
    scores = [score(s) for s in (argv or slugs())]
    if argv:
        print(table(scores))
    else:
        for name, folder in (("corpus", CORPUS), ("held-aside lists", HOLDOUT)):
            print(f"\n{name} ({folder.name}/)\n")
            print(table([s for s in scores if path(s.slug).parent == folder]))
        print("\nboth\n\n" + table(scores).splitlines()[-1])
    if "-v" in sys.argv or argv:
        for s in scores:
            for cls, at, want, got in s.rows:
                if cls not in ("right",):
                    print(f"{s.slug}: {cls}: {at!r}\n    expected {want}\n    read     {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))  # python -m tests.target_corpus
