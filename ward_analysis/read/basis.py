"""Which measurement basis a row's figure is on (item 5's poverty standard).

A poverty rate is comparable only with figures on the same standard: 2016–2020 (Quyết định
59/2015/QĐ-TTg, in force up to 2021) or 2022–2025 (Nghị định 07/2021/NĐ-CP, from 2022).
Tables name the standard in many ways — in the indicator's name, its note, or a footnote —
and sometimes not at all. :func:`row_basis` reads it:

- every wording in the registry below and in the target's ``basis_markers`` counts, except
  where the text negates it ("không theo chuẩn …");
- no wording: the standard in force in the figure's year, with a note saying so;
- a standard not in force in the figure's year, an unknown standard, or two standards:
  refused with the reason (a guess would put the figure on the wrong standard in silence).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import ParseError
from ..model.catalog import Target
from ..text import match_key

#: The standards tables use, their wordings (besides the catalog's markers) and the years
#: they are in force. "đa chiều" alone names neither: both standards are multidimensional.
STANDARDS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "2016-2020": (
        (2016, 2021),
        ("chuẩn nghèo giai đoạn 2016 – 2020", "chuẩn nghèo đa chiều giai đoạn 2016 – 2020",
         "chuẩn nghèo 2016 – 2020", "chuẩn 2016 – 2020", "59/2015/QĐ-TTg", "chuẩn cũ"),
    ),
    "2022-2025": (
        (2022, 2025),
        ("chuẩn nghèo đa chiều giai đoạn 2022 – 2025", "chuẩn nghèo giai đoạn 2022 – 2025",
         "chuẩn nghèo 2022 – 2025", "chuẩn 2022 – 2025", "07/2021", "chuẩn mới",
         # the decree's own title: "chuẩn nghèo đa chiều giai đoạn 2021 – 2025"
         "chuẩn nghèo đa chiều giai đoạn 2021 – 2025", "chuẩn nghèo giai đoạn 2021 – 2025"),
    ),
}  # fmt: skip
#: Words just before a wording that negate it: "không theo chuẩn 2016 – 2020".
#: Also comparisons: "không so sánh với chuẩn …", "so với chuẩn …" name another standard.
_NEGATIONS = ("khong theo", "khong ap dung", "chua ap dung", "khong phai", "khong tinh theo",
              "so sanh voi", "so voi")  # fmt: skip
#: Any mention of a standard with its years, known or not: "chuẩn nghèo giai đoạn 2026 – 2030".
_ANY_STANDARD = re.compile(
    r"\bchuan (?:ngheo )?(?:da chieu )?(?:giai doan )?((?:19|20)\d\d) ((?:19|20)\d\d)\b"
)


#: A standard of a province or locality: "chuẩn nghèo của tỉnh", "chuẩn nghèo địa phương".
_LOCAL_STANDARD = re.compile(r"\bchuan ngheo (?:cua )?(?:tinh|dia phuong|rieng|thanh pho)\b")


@dataclass(frozen=True)
class Basis:
    """The basis read for a row: its label, and when it was assumed, not stated, a note
    saying so and its flag code (``schema.ASSUMED_FLAGS``)."""

    basis: str | None
    note: str | None = None
    code: str | None = None


def _wordings(target: Target) -> list[tuple[str, re.Pattern]]:
    """(basis, the pattern of its wordings) for each basis of the target."""
    return _compiled(tuple((label, tuple(m)) for label, m in target.basis_markers.items()))


@functools.lru_cache(maxsize=64)
def _compiled(markers: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern]]:
    out = []
    for label, own in markers:
        keys = {match_key(m) for m in (*own, *STANDARDS.get(label, ((), ()))[1])}
        alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        out.append((label, re.compile(rf"(?<= )(?:{alternatives})(?= )")))
    return out


def _in_force(target: Target, year: int) -> str | None:
    for label in target.basis_markers:
        years = STANDARDS.get(label, (None,))[0]
        if years is not None and years[0] <= year <= years[1]:
            return label
    return None


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start]
    return any(before.rstrip().endswith(n) for n in _NEGATIONS)


def row_basis(target: Target, texts: list[str], year: int) -> Basis:
    """The basis of a figure of ``target`` for ``year`` from the row's texts (name, note,
    footnotes). Raises :class:`ParseError` (codes ``ambiguous_basis``, ``basis_year``,
    ``unknown_basis``) when the texts name two standards, a standard not in force in
    ``year``, or a standard not known."""
    if target.basis is None:
        return Basis(None)
    haystack = f" {match_key(' '.join(texts))} "
    found, covered = set(), []
    for label, pattern in _wordings(target):
        for m in pattern.finditer(haystack):
            covered.append((m.start(), m.end()))
            if not _negated(haystack, m.start()):
                found.add(label)
    local = _LOCAL_STANDARD.search(haystack)
    if local:
        raise ParseError(
            f"the row names a poverty standard this target does not know ('{local[0].strip()}'; "
            f"known: {', '.join(target.basis_markers)})",
            code="unknown_basis",
        )
    for m in _ANY_STANDARD.finditer(haystack):
        if not any(a <= m.start(1) and m.end(2) <= b for a, b in covered):
            raise ParseError(
                f"the row names a poverty standard this target does not know "
                f"('{m[1]} – {m[2]}'; known: {', '.join(target.basis_markers)})",
                code="unknown_basis",
            )
    if len(found) > 1:
        raise ParseError(
            f"the row names two bases ({', '.join(sorted(found))}); cannot tell which applies",
            code="ambiguous_basis",
        )
    in_force = _in_force(target, year)
    if found:
        (label,) = found
        years = STANDARDS.get(label, (None,))[0]
        if years is not None and not years[0] <= year <= years[1]:
            raise ParseError(
                f"the row says the {label} standard, which was not in force in {year} "
                f"({years[0]}–{years[1]}); correct the year or the standard",
                code="basis_year",
            )
        return Basis(label)
    if in_force is not None:
        return Basis(
            in_force,
            f"basis not stated; taken as the standard in force in {year} ({in_force})",
            "basis_in_force",
        )
    return Basis(
        target.basis, f"basis not stated in the table; taken as {target.basis}", "basis_of_target"
    )
