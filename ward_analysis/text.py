"""Text normalisation for Vietnamese labels.

``nfc`` makes text canonical for display and storage; ``match_key`` makes a
comparison key that ignores case, spacing, punctuation and diacritics, so
"Tỷ lệ BHYT", "tỷ lệ  bhyt" and "Ty le BHYT" compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_PARENS = re.compile(r"\([^()]*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=32768)  # a table repeats its names, units and figures
def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of whitespace collapsed and trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (``đ`` → ``d``), keeping the base letters."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=32768)
def match_key(text: str) -> str:
    """Comparison key: case-, space-, punctuation- and diacritic-insensitive."""
    plain = strip_diacritics(unicodedata.normalize("NFC", text)).casefold()
    return _NON_ALNUM.sub(" ", plain).strip()


def without_parentheses(text: str) -> str:
    """Drop parenthesised qualifiers such as ``(theo chuẩn nghèo đa chiều)``."""
    previous = None
    while previous != text:
        previous, text = text, _PARENS.sub(" ", text)
    return text
