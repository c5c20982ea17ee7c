"""Read a resolution's list of key targets ("các chỉ tiêu chủ yếu") into a draft catalog.

Vietnamese communes and wards write their targets in stock phrases: "đạt 85% trở lên",
"giảm dưới 1%", "tăng bình quân từ 3 – 5%/năm", "từ 08 đến 10 đường", "hằng năm",
"trong nhiệm kỳ", "đến năm 2030", "Khá trở lên", "hoàn thành tốt nhiệm vụ trở lên"…
:func:`parse_targets` splits the text into items and sub-targets (:mod:`.split`) and reads,
for each, the kind, measure, comparator, threshold or range, unit and period
(:mod:`.phrases`). Every field carries a confidence; whatever the phrasing leaves open is
flagged ``needs_review`` with the reason, never guessed silently.
:meth:`CatalogDraft.to_yaml` writes the catalog format the rest of the project reads (the
Vietnamese text verbatim); :func:`~ward_analysis.load_catalog` refuses it while any entry
still needs review, listing what is left.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CatalogError
from ..schema import LEVEL_MEASURES, NUMERIC_MEASURES, YES_LABEL
from ..text import match_key
from .phrases import Reading, default_kind, not_understood, period, read_clause
from .split import SKIP_REASONS, Segmented, Skipped, Statement, clause_spans, nfc_lines, segment


@dataclass
class DraftTarget:
    """One sub-target read from the text: catalog fields, confidences and review flags."""

    fields: dict[str, Any]
    confidence: dict[str, float]
    review_reasons: list[str]
    #: Where its words lie in :attr:`CatalogDraft.text` (start, end): its figure's, else its
    #: clause's.
    span: tuple[int, int] = (0, 0)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)

    @property
    def overall_confidence(self) -> float:
        return min(self.confidence.values()) if self.confidence else 0.0


@dataclass
class CatalogDraft:
    """A catalog read from a resolution's text, to be reviewed before it is used.

    ``targets`` in text order; ``meta`` the catalog's header fields. :meth:`to_frame` has
    the columns of :meth:`Catalog.to_frame` plus ``needs_review``, ``review_reason`` and
    ``confidence``; :meth:`to_yaml` writes the catalog file, each flagged entry with
    ``needs_review: true`` and its reason, which :func:`load_catalog` refuses until cleared.
    """

    meta: dict[str, Any]
    targets: list[DraftTarget]
    #: The text cut into statements and skipped pieces (spans in ``segmented.text``).
    segmented: Segmented | None = None

    @property
    def text(self) -> str:
        """The text as read (NFC per line): every span refers to it."""
        return self.segmented.text if self.segmented else ""

    @property
    def statements(self) -> list[Statement]:
        return self.segmented.statements if self.segmented else []

    @property
    def skipped(self) -> list[Skipped]:
        """The pieces of the text that state no target, each with its reason."""
        return self.segmented.skipped if self.segmented else []

    def accounting(self) -> str:
        """One line: statements read, entries made, pieces skipped by reason."""
        reasons: dict[str, int] = {}
        for piece in self.skipped:
            reasons[piece.reason] = reasons.get(piece.reason, 0) + 1
        skipped = ", ".join(f"{n} {SKIP_REASONS[r]}" for r, n in reasons.items())
        return (
            f"{len(self.statements)} statements → {len(self.targets)} sub-targets; "
            f"{len(self.skipped)} pieces skipped" + (f" ({skipped})" if skipped else "")
        )

    @property
    def review(self) -> list[tuple[str, str]]:
        """``(id, reason)`` of every target still flagged."""
        return [
            (t.fields["id"], "; ".join(t.review_reasons)) for t in self.targets if t.needs_review
        ]

    def __len__(self) -> int:
        return len(self.targets)

    def to_frame(self) -> pd.DataFrame:
        rows = []
        for t in self.targets:
            f = t.fields
            measure = f.get("measure")
            threshold = f.get("threshold")
            if measure == "boolean":
                value, label = 1.0, YES_LABEL
            elif measure == "rating" and f.get("rating_scale") and threshold in f["rating_scale"]:
                value, label = float(f["rating_scale"].index(threshold)), str(threshold)
            elif isinstance(threshold, int | float):
                value, label = float(threshold), f"{threshold:g}"
            else:
                value, label = math.nan, None if threshold is None else str(threshold)
            rows.append(
                {
                    "target_id": f["id"],
                    "item": f["item"],
                    "kind": f.get("kind"),
                    "measure": measure,
                    "comparator": f.get("comparator"),
                    "threshold": value,
                    "threshold_label": label,
                    "upper": f.get("upper"),
                    "unit_of_measure": f.get("unit_of_measure") or "",
                    "threshold_unit": f.get("threshold_unit") or f.get("unit_of_measure") or "",
                    "rating_scale": " < ".join(f["rating_scale"])
                    if f.get("rating_scale")
                    else None,
                    "base_year": self.meta["base_year"],
                    "first_year": self.meta["first_year"],
                    "target_year": self.meta["target_year"],
                    "basis": None,
                    "reading": f.get("reading"),
                    "text_vi": f["text_vi"],
                    "name_vi": f["name_vi"],
                    "name_en": f["name_en"],
                    "needs_review": t.needs_review,
                    "review_reason": "; ".join(t.review_reasons) or None,
                    "confidence": round(t.overall_confidence, 2),
                }
            )
        return pd.DataFrame(rows).astype({"upper": "float64", "threshold": "float64"})

    def to_yaml(self) -> str:
        """The draft in the catalog format (``needs_review`` lines on flagged entries)."""
        import yaml

        head = [
            f"# Draft catalog read by ward-analysis from {self.meta.get('source') or 'a resolution text'}.",
            f"# {len(self.targets)} sub-targets, {len(self.review)} flagged needs_review: check each",
            "# flagged entry, correct it, then set needs_review: false (or delete the line).",
            "# name_en is a copy of name_vi: translate it. Confidence is per entry (0–1).",
        ]
        meta = {k: v for k, v in self.meta.items() if v is not None}
        entries = []
        for t in self.targets:
            entry = {k: v for k, v in t.fields.items() if v is not None and v != [] and v != {}}
            entry["confidence"] = round(t.overall_confidence, 2)
            if t.needs_review:
                entry["needs_review"] = True
                entry["review_reason"] = "; ".join(t.review_reasons)
            entries.append(entry)
        body = yaml.safe_dump(
            {**meta, "targets": entries}, allow_unicode=True, sort_keys=False, width=100
        )
        tail = [f"# {self.accounting()}"] if self.segmented else []
        for piece in self.skipped:
            line = " ".join(piece.text.split())
            line = line if len(line) <= 90 else line[:89] + "…"
            tail.append(f"# skipped ({SKIP_REASONS[piece.reason]}): {line}")
        comments = [_printable(line) for line in [*head, *tail]]
        return (
            "\n".join(comments[: len(head)])
            + "\n"
            + body
            + "".join(f"{line}\n" for line in comments[len(head) :])
        )

    def write(self, path: str | Path) -> Path:
        """Write :meth:`to_yaml` to ``path`` atomically."""
        from ..io import atomic_write_text

        return atomic_write_text(path, self.to_yaml())


_TERM_HEAD = re.compile(r"chỉ tiêu[^\n]*?đến năm\s+((?:19|20)\d\d)", re.IGNORECASE)


def parse_targets(
    text: str,
    *,
    term: tuple[int, int] | None = None,
    unit: str | None = None,
    source: str | None = None,
) -> CatalogDraft:
    """Read the key targets of a resolution's text into a :class:`CatalogDraft`.

    ``term``: (start, end) years, e.g. ``(2025, 2030)``: the start year is the baseline,
    the end year the target year; if None, the five years up to the year of a heading such
    as 'Các chỉ tiêu chủ yếu đến năm 2030' (a :class:`CatalogError` if there is none).
    ``unit``: the ward's or commune's name (left blank in the draft if not given: the
    catalog needs it). ``source``: the text's file name, recorded so that the catalog
    checks its ``text_vi`` against it.
    """
    if term is None:
        found = _TERM_HEAD.search(nfc_lines(text))
        if not found:
            raise CatalogError(
                f"{source or 'the text'}: no 'chỉ tiêu … đến năm …' heading tells the term; "
                "give it with --term 2025-2030 (term=(2025, 2030) in Python)"
            )
        term = (int(found[1]) - 5, int(found[1]))
    start, end = term
    if not (isinstance(start, int) and isinstance(end, int) and 1900 < start < end < 2200):
        raise CatalogError(
            f"term must be two years, start before end (e.g. 2025, 2030), not {term!r}"
        )
    # Only fields of the catalog header (CatalogHeader): load_catalog refuses any other
    # key above the targets.
    meta = {
        "unit": unit or "",
        "term": f"{start}–{end}",
        "source": source,
        "data_notice": None,
        "base_year": start,
        "first_year": start + 1,
        "target_year": end,
    }
    segmented = segment(text)
    targets: list[DraftTarget] = []
    by_item: dict[int, list[Reading]] = {}
    for statement in segmented.statements:
        for r in _statement_readings(statement, (start, end)):
            by_item.setdefault(statement.item, []).append(r)
    for number, found in by_item.items():
        for n, r in enumerate(found):
            suffix = _suffix(n) if len(found) > 1 else ""
            targets.append(_draft(number, f"{number}{suffix}", r))
    _unique_names(targets)
    return CatalogDraft(meta, targets, segmented)


def _printable(line: str) -> str:
    """A comment line YAML accepts: control characters written as escapes."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in line)


def _suffix(n: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'aa': a sub-target's letter, however many an item has."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


#: Kinds a clause may take from another clause of its statement (always flagged).
_INHERITABLE = ("annual", "cumulative", "end_level")


def _statement_readings(statement: Statement, term: tuple[int, int]) -> list[Reading]:
    """The readings of one statement, clause by clause. A clause that states no period
    takes the period of the nearest clause before it that states one for a level (a part
    after "trong đó" also an average growth), flagged — never silently."""
    readings: list[Reading] = []
    host: tuple[str, str] | None = None  # (kind, clause) of the last clause with a period
    opener: tuple[str | None, str] | None = None  # the clause a "trong đó" part details
    for c_start, _c_end, clause, detail in clause_spans(statement.text):
        kind, conf, year = period(clause)
        found = read_clause(clause, kind, conf, year, term)
        if not found:  # kept verbatim, flagged: never dropped
            found = [not_understood(clause, kind, conf)]
        for r in found:
            r.text_vi = statement.text
            base = statement.start + c_start
            r.span = (
                (base + r.figure_at[0], base + r.figure_at[1])
                if r.figure_at
                else (base, base + len(clause))
            )
            source = opener if detail else host
            if r.kind is None and source is not None and r.measure is not None:
                own_kind = source[0]
                if detail and own_kind in ("average_growth", *_INHERITABLE):
                    r.kind, r.inherited = own_kind, "detail"
                elif not detail and own_kind in _INHERITABLE:
                    r.kind, r.inherited = own_kind, "sibling"
                if r.inherited:
                    r.confidence["kind"] = 0.6
                    r.doubts.append(
                        f"no period in this part: taken as '{r.kind}' from "
                        f"'{_short(source[1])}' in the same statement; check"
                    )
        levels = [
            r.kind
            for r in found
            if r.kind and not r.inherited and r.measure in NUMERIC_MEASURES and conf >= 0.9
        ]
        if levels:
            host = (levels[0], clause)
        if not detail:
            own = [r.kind for r in found if r.measure in NUMERIC_MEASURES]
            opener = (own[0] if own else None, clause)
        readings.extend(found)
    for r in readings:
        if r.kind == "average":  # an average with no figure read: flagged already
            r.kind = None
        default_kind(r, term[1])
    return readings


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _draft(item: int, target_id: str, r: Reading) -> DraftTarget:
    reasons = list(dict.fromkeys(r.doubts))
    if not r.name:
        r.name = r.text_vi.split(";")[0][:80]
        reasons.append("no short name could be read: give name_vi")
        r.confidence["name"] = 0.4
    fields = {
        "id": target_id,
        "item": item,
        "text_vi": r.text_vi,
        "name_vi": r.name,
        "name_en": r.name,
        "kind": r.kind,
        "measure": r.measure,
        "comparator": r.comparator,
        "threshold": r.threshold,
        "upper": r.upper,
        "unit_of_measure": r.unit if r.measure not in LEVEL_MEASURES else None,
        "threshold_unit": r.threshold_unit,
        "rating_scale": r.rating_scale,
        "rating_aliases": r.rating_aliases,
        "valid_range": list(r.valid_range) if r.valid_range else None,
        "direction": r.direction,
        "change_unit": r.change_unit,
        "tolerance": r.tolerance,
        "year": r.year,
        "reference": r.reference,
    }
    if isinstance(fields["threshold"], float) and fields["threshold"].is_integer():
        fields["threshold"] = int(fields["threshold"])
    if isinstance(fields["upper"], float) and fields["upper"].is_integer():
        fields["upper"] = int(fields["upper"])
    confidence = {
        k: r.confidence.get(k, 0.5) for k in ("kind", "measure", "comparator", "threshold")
    }
    confidence.update({k: v for k, v in r.confidence.items() if k not in confidence})
    for key in ("kind", "measure", "comparator", "threshold"):
        if fields[key] is None:
            reasons.append(f"{key} not understood: fill it in")
            confidence[key] = 0.0
    return DraftTarget(fields, confidence, list(dict.fromkeys(reasons)), r.span or (0, 0))


def _unique_names(targets: list[DraftTarget]) -> None:
    seen: dict[str, int] = {}
    for t in targets:
        key = match_key(t.fields["name_vi"])
        if key in seen:
            seen[key] += 1
            t.fields["name_vi"] = t.fields["name_en"] = f"{t.fields['name_vi']} ({seen[key]})"
            t.review_reasons.append("its name repeats another target's: make it distinct")
        else:
            seen[key] = 1
