"""Split a resolution's list of key targets into statements, and account for every piece.

Lists are published in many layouts: a line per item ("1.", "(1)"), one run-on paragraph
("I. Về kinh tế (11 chỉ tiêu) 1. … 2. …"), headings with indented lines, Roman numerals,
bullets, "a)" sub-lines, "trong đó:" parts. :func:`segment` finds the markers at the start
of a line and, in running text, the ones that continue a sequence ("2." after "1.", "II."
after "I."), and cuts the text into **pieces**. Each piece is a :class:`Statement` (a target
statement, in the item its marker or its place says) or a :class:`Skipped` piece with its
reason (a heading, the text before the list, a date line, a source line…); the markers
themselves are kept as structure. Every character of the text is in exactly one of them:
:meth:`Segmented.unaccounted` is empty, which the tests check for every text.

A statement's text is the text verbatim (it becomes each of its targets' ``text_vi``); its
span is where it lies in the normalised text (:attr:`Segmented.text`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..text import nfc
from .phrases import NONE_LEFT, figures, rating

#: Why a piece of the text is not a statement (the ``reason`` of a :class:`Skipped`).
SKIP_REASONS = {
    "heading": "a heading",
    "preamble": "text before the list of targets",
    "after_list": "text after the list of targets",
    "date": "a date line",
    "source": "a source, author or photo line",
}

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_ALT = "|".join(sorted(_ROMAN, key=len, reverse=True))
_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"

#: Markers at the start of a line: (kind, pattern); group 1 is the label.
_LINE_MARKERS = (
    ("roman", re.compile(rf"({_ROMAN_ALT})[.)/:-]\s*(?=[{_UPPER}a-zđ])")),
    ("paren", re.compile(r"\((\d{1,2})\)[.:]?\s*")),  # (1).  (12)
    ("sub", re.compile(r"(\d{1,2}\.\d{1,2})\.?\s+")),  # 1.1.
    ("number", re.compile(r"(\d{1,2})[.)]\s*(?=[^\d\s.,])")),  # 1.  12)
    ("letter", re.compile(r"([a-zđ])[).]\s+")),  # a)  b.
    ("bullet", re.compile(r"([-+•–—*▪●○◦])\s*")),  # - + • *
)
#: Markers inside running text, accepted only when they continue their sequence.
_INLINE = re.compile(
    rf"(?:(?<=[.;:)…!?])|(?<=[.;:)…!?][\"”’]))\s+(?:(?P<roman>{_ROMAN_ALT})[.)]\s+(?=[{_UPPER}])"
    r"|(?P<number>\d{1,2})[.)]\s+(?=[^\d\s])"
    r"|(?P<letter>[a-zđ])\)\s+(?=\S))"
    r"|(?<=\s)\((?P<paren>\d{1,2})\)[.:]?\s*(?=\S)"
    rf"|(?<=\s)(?P<roman2>{_ROMAN_ALT})\.\s+(?=(?:Về|VỀ|Chỉ tiêu|CHỈ TIÊU|Lĩnh vực|LĨNH VỰC)\b)"
)
_HEADING_WORDS = re.compile(
    r"^(?:về|chỉ tiêu về|các chỉ tiêu|nhóm chỉ tiêu|lĩnh vực|trong đó|cụ thể|gồm)\b|"
    r"\(\s*\d+\s+chỉ tiêu\s*\)|^(?:kinh tế|văn hóa|văn hoá|xã hội|quốc phòng|an ninh|môi trường"
    r"|xây dựng đảng|xây dựng hệ thống chính trị)[\w\s,–—-]*$",
    re.IGNORECASE,
)
_LIST_HEAD = re.compile(r"chỉ tiêu", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:[^\d,]{0,40},\s*)?(?:ngày\s+)?\d{1,2}\s*(?:/|-|tháng)\s*\d{1,2}\s*(?:/|-|năm)\s*\d{2,4}\.?$"
    r"|^date\s+\d{4}(?:-\d\d){0,2}$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^\(?\s*(?:theo|nguồn|ảnh|tin, ảnh|bài, ảnh|bài và ảnh)\s*:|^\(?(?:theo|nguồn)\s+[^\d]{2,80}\)?$"
    r"|\((?:ảnh|Ảnh)\s*:[^()]*\)\s*[.]?\s*$",
    re.IGNORECASE,
)


@dataclass
class Statement:
    """One target statement: its span in :attr:`Segmented.text`, its text verbatim, and the
    item (numbered line) it belongs to."""

    start: int
    end: int
    text: str
    item: int


@dataclass
class Skipped:
    """A piece of the text that states no target, with why (a key of :data:`SKIP_REASONS`)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Segmented:
    """The text cut into statements, skipped pieces and markers."""

    text: str
    statements: list[Statement] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    markers: list[tuple[int, int]] = field(default_factory=list)

    def unaccounted(self) -> str:
        """The characters (other than spaces) in no statement, skipped piece or marker."""
        covered = bytearray(len(self.text))
        for s, e in [(p.start, p.end) for p in (*self.statements, *self.skipped)] + self.markers:
            covered[s:e] = b"\1" * (e - s)
        return "".join(
            ch for ch, c in zip(self.text, covered, strict=True) if not c and not ch.isspace()
        )


def nfc_lines(text: str) -> str:
    """NFC per line, keeping the line breaks (which mark the items)."""
    return "\n".join(nfc(line) for line in text.splitlines())


@dataclass
class _Piece:
    start: int  # of its text (after the marker)
    end: int
    kind: str | None  # marker kind, None: no marker
    label: str | None
    line_start: bool  # begins a line
    marker_start: int


def _pieces(text: str) -> tuple[list[_Piece], list[tuple[int, int]]]:
    pieces: list[_Piece] = []
    markers: list[tuple[int, int]] = []
    expect: dict[str, int] = {}
    pos = 0
    for line in text.split("\n"):
        begin, stop = pos, pos + len(line)
        pos = stop + 1
        if not line.strip():
            continue
        cuts: list[tuple[int, int, str | None, str | None, bool]] = []  # marker start/end
        kind = label = None
        text_at = begin
        for k, pattern in _LINE_MARKERS:
            m = pattern.match(line)
            if m:
                kind, label = k, m.group(1)
                text_at = begin + m.end()
                break
        cuts.append((begin, text_at, kind, label, True))
        _advance(expect, kind, label)
        for m in _INLINE.finditer(line, text_at - begin):
            k = next(n for n in ("roman", "paren", "number", "letter", "roman2") if m[n])
            lab = m[k]
            k = "roman" if k == "roman2" else k
            if not _continues(expect, k, lab):
                continue
            m_start = begin + m.start() + len(m.group()) - len(m.group().lstrip())
            cuts.append((m_start, begin + m.end(), k, lab, False))
            _advance(expect, k, lab)
        for i, (m_start, t_start, k, lab, at_line) in enumerate(cuts):
            t_end = cuts[i + 1][0] if i + 1 < len(cuts) else stop
            if t_start > m_start:
                markers.append((m_start, t_start))
            pieces.append(_Piece(t_start, t_end, k, lab, at_line, m_start))
    return pieces, markers


def _label_value(kind: str, label: str) -> int | None:
    if kind == "roman":
        return _ROMAN.index(label) + 1 if label in _ROMAN else None
    if kind in ("paren", "number"):
        return int(label)
    if kind == "letter":
        return ord(label) - ord("a") + 1 if label != "đ" else 5
    return None


def _advance(expect: dict[str, int], kind: str | None, label: str | None) -> None:
    if kind is None or label is None:
        return
    value = _label_value(kind, label)
    if value is None:
        return
    expect[kind] = value + 1
    if kind == "roman":  # a new section: its items may start again at 1
        expect.pop("number", None), expect.pop("paren", None)
    if kind in ("paren", "number", "roman"):
        expect.pop("letter", None)


def _continues(expect: dict[str, int], kind: str, label: str) -> bool:
    value = _label_value(kind, label)
    if value is None:
        return False
    if kind in expect:
        return value == expect[kind]
    return value == 1 or (kind in ("number", "paren") and "roman" in expect and value > 1)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(piece_text: str, kind: str | None) -> bool:
    body = piece_text.strip()
    if not body:
        return False
    has_figures = bool(figures(body)) or bool(rating(body))
    if has_figures:
        return False
    if body.endswith(":") or kind == "roman":
        return True
    short = len(body) <= 80 and not re.search(r"\b(?:đạt|giữ vững|duy trì)\b", body, re.I)
    return short and bool(_HEADING_WORDS.search(body.rstrip(".")))


def _skip_reason(piece_text: str) -> str | None:
    body = piece_text.strip()
    if _DATE_LINE.match(body):
        return "date"
    if _SOURCE_LINE.search(body) and not figures(re.sub(r"\([^()]*\)\s*$", "", body)):
        return "source"
    if len(body) <= 40 and body.isupper() and not re.search(r"\d", body) and len(body.split()) <= 4:
        return "source"  # an author's name in capitals ("MỸ HẠNH")
    return None


def segment(raw: str) -> Segmented:
    """Cut ``raw`` into statements and skipped pieces (see the module's docstring)."""
    text = nfc_lines(raw)
    out = Segmented(text)
    pieces, out.markers = _pieces(text)
    # the list starts after its heading ("Các chỉ tiêu chủ yếu …:"), which may end a line or
    # stand inside one ("… đề ra 12 chỉ tiêu cụ thể: Tốc độ …")
    first, section_char = _list_start(text, pieces)
    items_kind = _items_kind(pieces[first:])
    item = 0  # the last item number given
    open_item = False  # whether an unmarked or sub-marked piece belongs to that item
    current: Statement | None = None
    in_list = True
    for index, piece in enumerate(pieces):
        start, end = _stripped(text, piece.start, piece.end)
        body = text[start:end]
        if end <= start:
            continue  # a marker with nothing after it (accounted for as a marker)
        if index < first or not in_list:
            out.skipped.append(Skipped(start, end, body, "preamble" if in_list else "after_list"))
            continue
        if (
            section_char
            and piece.kind == "bullet"
            and piece.line_start
            and text[piece.marker_start] == section_char
            and _is_heading(body, piece.kind)
        ):
            in_list = False  # the next "* …:" heading ends the list
            out.skipped.append(Skipped(start, end, body, "after_list"))
            continue
        reason = _skip_reason(body)
        if reason:
            out.skipped.append(Skipped(start, end, body, reason))
            continue
        numbered = piece.kind is not None and piece.kind == items_kind
        if _is_heading(body, piece.kind):
            out.skipped.append(Skipped(start, end, body, "heading"))
            if numbered:  # "1. Về kinh tế:": its sub-lines are item 1's
                item, open_item = _next_item(item, piece.label), True
            else:
                open_item = False
            current = None
            continue
        if numbered or (items_kind is None and piece.kind is not None):
            item, open_item = _next_item(item, piece.label), True
        elif (
            piece.kind is None and current is not None and _continues_statement(current.text, body)
        ):
            current.end = end
            current.text = text[current.start : end]
            continue
        elif not open_item or item == 0:
            item += 1  # a statement of its own: under a heading, or in a list with no numbers
        current = Statement(start, end, body, item)
        out.statements.append(current)
    return out


def _next_item(item: int, label: str | None) -> int:
    """The label's number if it goes on from ``item``, else the next number (a list whose
    numbers start again in each section still gets ids that differ)."""
    value = int(label) if label and label.isdigit() else item + 1
    return value if value > item else item + 1


def _continues_statement(before: str, line: str) -> bool:
    """Whether an unmarked line goes on with the statement before it."""
    first = line[:1]
    if first.islower():
        return True
    if before.rstrip().endswith((".", ";", ":", "!", "?", "…")):
        return False
    return not (figures(before) or rating(before))


def _items_kind(pieces: list[_Piece]) -> str | None:
    """The marker of the list's items: numbers if any, else the first marker used."""
    kinds = [p.kind for p in pieces if p.kind and p.kind != "roman"]
    for k in ("paren", "number"):
        if k in kinds:
            return k
    return kinds[0] if kinds else None


def _list_start(text: str, pieces: list[_Piece]) -> tuple[int, str | None]:
    """Index of the first piece of the list, and the bullet of its heading ("*"), if any.

    A heading that introduces the list inside a line is split off there: the piece is cut in
    two, the part up to the colon becomes the preamble.
    """
    for i, piece in enumerate(pieces):
        body = text[piece.start : piece.end]
        if not _LIST_HEAD.search(body):
            continue
        stripped = body.strip()
        if _is_heading(stripped, piece.kind) or (piece.kind == "roman" and not figures(stripped)):
            if re.search(
                r"chỉ tiêu (?:chủ yếu|cụ thể|chính|kinh tế|đến)|các chỉ tiêu", stripped, re.I
            ):
                return i + 1, text[piece.marker_start] if piece.kind == "bullet" else None
            return i, None
        inline = re.search(r"chỉ tiêu[^:.;\n]{0,80}:\s*", body, re.IGNORECASE)
        if inline and not figures(body[: inline.end()].split(",")[-1]):
            cut = piece.start + inline.end()
            if cut < piece.end and text[cut : piece.end].strip():
                head = _Piece(piece.start, cut, piece.kind, piece.label, piece.line_start,
                              piece.marker_start)  # fmt: skip
                tail = _Piece(cut, piece.end, None, None, False, cut)
                pieces[i : i + 1] = [head, tail]
                return i + 1, None
    return 0, None


_SENTENCE = re.compile(r"(?:(?<=[^\d\s])\.|…|!|\?)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")
_DETAIL = re.compile(
    r",?\s*(?:\btrong đó\b\s*[:,]?|\b(?:cụ thể|gồm)\s*(?:có\s*)?[:,])\s*", re.IGNORECASE
)
_CLAUSE_TRIM = " .:,"


def clause_spans(statement: str) -> list[tuple[int, int, str, bool]]:
    """'A; B. C, trong đó: D' → one ``(start, end, text, detail)`` per target clause,
    spans relative to ``statement``; ``detail`` for the parts after "trong đó:" (a breakdown
    of the clause before). Semicolons inside brackets do not cut."""
    cuts: list[tuple[int, int, bool]] = []  # (start, end, detail) of the pieces
    detail = False
    depth, begin = 0, 0
    bounds: list[tuple[int, int]] = []
    for i, ch in enumerate(statement):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == ";" and depth == 0:
            bounds.append((begin, i))
            begin = i + 1
    bounds.append((begin, len(statement)))
    for b_start, b_end in bounds:
        piece = statement[b_start:b_end]
        marks = [m.start() for m in _SENTENCE.finditer(piece)]
        edges = [0, *[m + 1 for m in marks], len(piece)]
        for s_start, s_end in itertools.pairwise(edges):
            if s_start > 0:
                detail = False  # a new sentence is not part of the breakdown before it
            sub = piece[s_start:s_end]
            d = _DETAIL.search(sub)
            if d and sub[: d.start()].strip(_CLAUSE_TRIM):
                cuts.append((b_start + s_start, b_start + s_start + d.start(), detail))
                cuts.append((b_start + s_start + d.end(), b_start + s_end, True))
                detail = True
            else:
                cuts.append((b_start + s_start, b_start + s_end, detail))
    out = []
    for c_start, c_end, is_detail in _comma_parts(statement, cuts):
        while c_start < c_end and statement[c_start] in _CLAUSE_TRIM + " \n\t":
            c_start += 1
        while c_end > c_start and statement[c_end - 1] in _CLAUSE_TRIM + " \n\t":
            c_end -= 1
        if c_end > c_start:
            out.append((c_start, c_end, statement[c_start:c_end], is_detail))
    return out


def _has_target(text: str) -> bool:
    return bool(figures(text) or rating(text) or NONE_LEFT.search(text))


def _comma_parts(statement: str, cuts: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Cut a clause at its commas when at least two parts have a target of their own ("GRDP
    tăng 12%/năm, GRDP bình quân đầu người đạt 20.000 USD, kinh tế số chiếm 30%"): a part
    with none opening the clause is the lead-in of the part after it ("Về kinh tế, …"); one
    further on stays with the part before it ("…, nông thôn trên 85%, …")."""
    out = []
    for c_start, c_end, is_detail in cuts:
        depth, marks = 0, []
        for i in range(c_start, c_end):
            ch = statement[i]
            depth += ch == "("
            depth -= ch == ")" and depth > 0
            if ch == "," and depth == 0 and statement[i + 1 : i + 2] == " ":
                marks.append(i)
        edges = [c_start, *marks, c_end]
        parts = [(a if a == c_start else a + 1, b) for a, b in itertools.pairwise(edges)]
        with_figure = [_has_target(statement[a:b]) for a, b in parts]
        if sum(with_figure) < 2:
            out.append((c_start, c_end, is_detail))
            continue
        merged: list[list[int]] = []
        pending = None  # a lead-in with no figure, joined to the next part
        for (a, b), fig in zip(parts, with_figure, strict=True):
            if pending is not None:
                a, pending = pending, None
            if fig:
                merged.append([a, b])
            elif merged and a != c_start:
                merged[-1][1] = b  # "…, nông thôn trên 85%, …" stays with its figure
            else:
                pending = a
        if pending is not None and merged:
            merged[-1][1] = c_end
        out.extend((a, b, is_detail) for a, b in merged)
    return out
