"""Which target a table row is about, from its indicator name — never by guesswork.

A name matches a target when it is the target's name or one of its aliases (ignoring case,
spacing, punctuation and diacritics). Brackets may add only what does not change the
indicator: a unit ("(%)", "(tỷ đồng)"), the standard the figure is on ("(theo chuẩn nghèo …)")
or a footnote mark ("(*)", "(1)"). Anything else narrows or changes the indicator — a running
total, a part, an exclusion, a change on last year — and such a row is refused with the
reason, so that "Thu ngân sách (không kể tiền sử dụng đất)" never stands for the budget
revenue target. If it is the same indicator, its name goes into the target's aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..model.catalog import Catalog
from ..text import match_key, nfc, without_parentheses
from .cells import known_unit

_BRACKETS = re.compile(r"\(([^()]*)\)")
#: An item number written into the name: "1. Thu ngân sách", "2.1 Nhựa hóa", "a) Đảng bộ".
_LEADING_NUMBER = re.compile(
    r"^\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s*(?=\D)|^\s*\d{1,2}(?:\.\d{1,2})+\s+"
)
#: A footnote mark: "*", "**", "1", "a".
_FOOTNOTE = re.compile(r"^\s*(?:\*+|\d{1,2}|[a-z])\s*$")
#: Words that narrow or change an indicator, as they are written (diacritics kept: "nữ" is not
#: "nữa", "nam" is not "năm").
QUALIFIERS = (
    "lũy kế", "luỹ kế", "cộng dồn", "trong đó", "nữ", "nam", "dân tộc thiểu số", "không kể",
    "không tính", "trừ", "ngoài", "tăng so với", "giảm so với", "so với cùng kỳ", "so cùng kỳ",
    "tăng thêm", "tăng", "giảm",
)  # fmt: skip
_WORDS = re.compile(r"[^\w%*]+")


@dataclass(frozen=True)
class Match:
    """The target a name is about (or None), and the qualifier that stops it matching."""

    target_id: str | None
    qualifier: str | None = None


#: A bracket that only says the figure is an estimate: "(ước)", "(ước tính)", "(dự kiến)".
ESTIMATE_BRACKET = re.compile(r"^\s*(?:ước(?: tính| thực hiện| th)?|dự kiến|dự ước)\s*$", re.I)


def _qualified(bracket: str) -> bool:
    """Whether a bracket's words narrow or change the indicator, whatever else it says."""
    words = _plain(bracket)
    return any(f" {q} " in words for q in QUALIFIERS if q not in ("tăng", "giảm"))


def _generally_harmless(bracket: str) -> bool:
    """A bracket that changes no indicator: a unit, a footnote mark, a standard, "ước"."""
    text = nfc(bracket)
    return not _qualified(text) and (
        bool(_FOOTNOTE.match(text))
        or known_unit(text)
        or "chuan" in match_key(text).split()
        or bool(ESTIMATE_BRACKET.match(text))
    )


def _plain(text: str) -> str:
    return " " + _WORDS.sub(" ", nfc(text).casefold()).strip() + " "


class Names:
    """The names and aliases of a catalog's targets, to match table rows against."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.index = {match_key(name): t.id for t in catalog for name in t.names}
        self._seen: dict[str, Match] = {}

    def _harmless(self, bracket: str, target_id: str) -> bool:
        text = nfc(bracket)
        key = match_key(text)
        own_unit = match_key(self.catalog[target_id].unit_of_measure)
        if _qualified(text):  # "(ĐVT: triệu đồng, không kể …)": narrowed, whatever else
            return False
        return (
            not key
            or bool(_FOOTNOTE.match(text))
            or known_unit(text)
            or key == own_unit
            or "chuan" in key.split()  # the standard the figure is on: read by read.basis
            or key.startswith(("theo nghi dinh", "theo nd", "nd ", "qd ", "dvt"))
            or bool(ESTIMATE_BRACKET.match(text))  # an estimate: read by read.rows
        )

    def match(self, name: str) -> Match:
        """The target a row's indicator name is about; see the module notes."""
        if name not in self._seen:  # a table repeats its names; large ones many times
            self._seen[name] = self._match(name)
        return self._seen[name]

    def _match(self, name: str) -> Match:
        name = _LEADING_NUMBER.sub("", name, count=1) or name
        found = self.index.get(match_key(name))
        if found is not None:
            return Match(found)
        plain = _BRACKETS.sub(lambda b: " " if _generally_harmless(b[1]) else b[0], name)
        found = self.index.get(match_key(plain))  # an alias with brackets, and a unit after it
        if found is not None:
            return Match(found)
        bare = self.index.get(match_key(without_parentheses(name)))
        if bare is not None:
            odd = [b for b in _BRACKETS.findall(name) if not self._harmless(b, bare)]
            return Match(bare, f"({nfc(odd[0])})") if odd else Match(bare)
        words = _plain(without_parentheses(name))
        for qualifier in QUALIFIERS:
            q = f" {qualifier} "
            if q in words:
                found = self.index.get(match_key(words.replace(q, " ")))
                if found is not None:
                    return Match(found, qualifier)
        return Match(None)


def qualifier_error(name: str, qualifier: str) -> ParseError:
    """The refusal of a row whose name narrows or changes its target's indicator."""
    return ParseError(
        f"'{qualifier}' in '{nfc(name)}' narrows or changes the indicator (a running total, a "
        "part, an exclusion or a change rather than the level); if it is the same indicator, "
        "add this name to the target's aliases in catalog.yaml",
        code="qualifier",
    )
