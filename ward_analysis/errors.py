"""The package's exception types.

Every error a user can hit derives from :class:`WardAnalysisError`, and its
message names the file, row, column (or catalog entry and field) involved in
words an analyst understands.
"""

from __future__ import annotations


class WardAnalysisError(Exception):
    """Base class of every error raised by ward_analysis."""


class ParseError(WardAnalysisError, ValueError):
    """A text could not be read as a number, range, yes/no or rating.

    ``code`` says which kind of problem it is (``bad_value``, ``ambiguous_number``,
    ``unit_conflict``…): the ``reason_code`` of the reject a table cell becomes.
    """

    def __init__(self, message: str, code: str = "bad_value"):
        super().__init__(message)
        self.code = code


class CatalogError(WardAnalysisError):
    """The target catalog is missing, malformed or inconsistent."""


class ReportFormatError(WardAnalysisError):
    """A yearly report table cannot be read as a whole (file-level problem)."""


class ObservationsError(WardAnalysisError):
    """A tidy observations table does not have the expected columns or values."""


def where(file: object = None, row: int | None = None, column: str | None = None) -> str:
    """Format a location as ``file, row N, column 'X'`` (parts that are known)."""
    parts = []
    if file is not None:
        parts.append(str(file))
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts)


class ReportError(WardAnalysisError):
    """A report could not be built (a notebook failed, or its output could not be written)."""


class OverridesError(WardAnalysisError):
    """An analyst's override of a status cannot be used (``overrides.yaml``).

    Carries the ``file``, the ``entry`` (its position, 1 = first; None for a problem with
    the whole file), the entry's ``target_id`` (None when it has none) and the ``reason``.
    """

    def __init__(
        self,
        file: object,
        reason: str,
        *,
        entry: int | None = None,
        target_id: str | None = None,
    ):
        self.file, self.entry, self.target_id, self.reason = file, entry, target_id, reason
        place = str(file)
        if entry is not None:
            place += f", entry {entry}"
            if target_id is not None:
                place += f" (target '{target_id}')"
        super().__init__(f"{place}: {reason}")


class UnitsError(WardAnalysisError):
    """The registry of units (``units.yaml``) is malformed or inconsistent, or a table's unit
    cannot be told."""
