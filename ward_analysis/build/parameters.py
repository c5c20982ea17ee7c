"""The report notebooks' parameters: read from the notebooks themselves, and checked so that
they can only ever be data.

A notebook declares its parameters in its ``parameters`` cell with a type annotation
(``year: int = 2023``, ``unit: "Optional[str]" = None`` — quoted, so that the notebook
needs no import for it); :func:`declared` reads them with ``papermill.inspect_notebook``,
so the list lives in one place.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from ..errors import WardAnalysisError

#: The Python types each annotation of a parameters cell admits (exact types only).
_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "str": (str,),
    "Optional[int]": (int, type(None)),
    "Optional[str]": (str, type(None)),
}


def declared(notebook: str | Path) -> dict[str, tuple[type, ...]]:
    """The parameters a notebook declares and the types each admits."""
    path = Path(notebook)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise WardAnalysisError(f"{path}: notebook not found") from None
    return _declared(path.resolve(), stamp)


@functools.lru_cache(maxsize=8)
def _declared(path: Path, _stamp: int) -> dict[str, tuple[type, ...]]:
    import papermill

    out = {}
    for name, spec in papermill.inspect_notebook(str(path)).items():
        annotation = spec["inferred_type_name"]
        if annotation not in _TYPES:
            raise WardAnalysisError(
                f"{path.name}: parameter '{name}' needs a type annotation, one of "
                f"{', '.join(_TYPES)} (found {annotation})"
            )
        out[name] = _TYPES[annotation]
    return out


def notebook_parameters(notebook: str | Path, **values: object) -> dict[str, object]:
    """Parameters for ``notebook``, checked so that they can only ever be data.

    Papermill writes parameters into the notebook as Python source. Only the names the
    notebook declares are accepted, paths become plain strings, and every value must be of
    one of the exact types its annotation admits (a ``str`` subclass or any other object
    could turn into code when written out); text with control characters (a newline in a
    path or a ward's name) is refused. Finally each value is written the way Papermill
    writes it and read back as a literal, which must give the value itself. Raises
    :class:`WardAnalysisError`.
    """
    from papermill.translators import PythonTranslator

    allowed = declared(notebook)
    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in allowed:
            raise WardAnalysisError(
                f"unknown report parameter {name!r} ({Path(notebook).name} declares "
                f"{', '.join(allowed)})"
            )
        if isinstance(value, Path):
            value = str(value)
        if type(value) not in allowed[name]:  # exact types: no subclasses
            raise WardAnalysisError(
                f"report parameter '{name}' must be "
                f"{' or '.join(t.__name__ for t in allowed[name])}, not {type(value).__name__}"
            )
        if isinstance(value, str) and any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise WardAnalysisError(
                f"report parameter '{name}' contains a line break or control character: {value!r}"
            )
        source = PythonTranslator.translate(value)
        try:
            same = ast.literal_eval(source) == value
        except (ValueError, SyntaxError):
            same = False
        if not same:
            raise WardAnalysisError(f"report parameter '{name}' cannot be passed safely: {value!r}")
        out[name] = value
    return out
