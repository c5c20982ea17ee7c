"""Split a resolution's list of key targets into items, sub-lines and clauses.

An item is a numbered line ("1.", "(1)") with its continuation lines; a sub-line under it
("a)", "-", "+", "1.1.") carries targets of its own; a clause is one target statement
within a line. Only the lines after a heading such as 'Các chỉ tiêu chủ yếu đến năm
2025:' are read, when there is one. The text is kept verbatim: it becomes each target's
``text_vi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import nfc
from .phrases import figures, rating

_ITEM_MARKERS = (
    ("paren", re.compile(r"^\((\d{1,2})\)[.:]?\s*")),  # (1).  (12)
    ("number", re.compile(r"^(\d{1,2})[.)]\s+(?!\d)")),  # 1.  12)
    ("sub", re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+")),  # 1.1.
    ("letter", re.compile(r"^([a-zđ])[).]\s+")),  # a)  b.
    ("bullet", re.compile(r"^[-+•–—*]\s*")),  # - + • *
)
_SECTION_HEAD = re.compile(r"chỉ tiêu[^:\n]*:\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[^\d\s])\.\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")


@dataclass
class _Line:
    marker: str | None  # paren, number, sub, letter, bullet or None (continuation)
    label: str | None
    text: str  # verbatim, marker removed


def _lines(text: str) -> list[_Line]:
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for kind, pattern in _ITEM_MARKERS:
            m = pattern.match(line)
            if m:
                label = m.group(1) if m.groups() else None
                out.append(_Line(kind, label, line[m.end() :].strip()))
                break
        else:
            out.append(_Line(None, None, line))
    return out


def _target_section(lines: list[_Line]) -> list[_Line]:
    """The lines after a heading such as 'Các chỉ tiêu chủ yếu đến năm 2025:' (all if none)."""
    for i, line in enumerate(lines):
        if _SECTION_HEAD.search(line.text) and not figures(line.text):
            rest = lines[i + 1 :]
            for j, other in enumerate(rest):  # the next '*' heading ends the section
                if (
                    other.marker == "bullet"
                    and other.text.endswith(":")
                    and not figures(other.text)
                ):
                    return rest[:j]
            return rest
    return lines


@dataclass
class Item:
    number: int
    parts: list[list[str]]  # the item's own lines, then each sub-line's: each part is read on
    # its own, and its lines joined by line breaks are its text_vi (verbatim)


def items(text: str) -> list[Item]:
    """The numbered items of the text's target section, each with its sub-lines."""
    lines = _target_section(_lines(nfc_lines(text)))
    numbered = [ln for ln in lines if ln.marker in ("paren", "number")]
    top = numbered[0].marker if numbered else next((ln.marker for ln in lines if ln.marker), None)
    out: list[Item] = []
    for line in lines:
        if line.marker == top or (top is None and not out):
            number = int(line.label) if line.label and line.label.isdigit() else len(out) + 1
            out.append(Item(number, [[line.text]]))
        elif not out:
            continue  # text before the first item: a heading
        elif line.marker is None:  # a continuation of the item (or of its last sub-line)
            out[-1].parts[-1].append(line.text)
        else:  # a sub-line (a), -, +, 1.1): its own targets under the item
            item = out[-1]
            own = " ".join(item.parts[0])
            if len(item.parts) == 1 and not figures(own) and not rating(own):
                item.parts = []  # the item line was only a heading ("1. Về kinh tế:")
            item.parts.append([line.text])
    return out


def nfc_lines(text: str) -> str:
    """NFC per line, keeping the line breaks (which mark the items)."""
    return "\n".join(nfc(line) for line in text.splitlines())


def clauses(part: str) -> list[str]:
    """'A; B. C' → ['A', 'B', 'C']: one clause per target statement."""
    out = []
    for piece in part.split(";"):
        out.extend(s.strip(" .:") for s in _SENTENCE.split(piece))
    return [c for c in out if c]
