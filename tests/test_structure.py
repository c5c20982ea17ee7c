"""The house's rules, read from the source (ast) so that they stay true.

- the rooms import in one direction: ``model`` never imports ``present`` or ``build``;
  ``present`` never imports ``build``; ``read`` imports neither; the shared modules
  (config, errors, schema, text, io) import no room;
- no word a report shows is written outside ``present/locale.py``: no Vietnamese text
  and no test of the language code in the model, the build or presentation code (reading
  and onboarding hold the *input* vocabulary of the tables and resolutions);
- comments and docstrings say why, not history.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ward_analysis

PACKAGE = Path(ward_analysis.__file__).parent
ROOMS = ("read", "model", "present", "build", "onboard")
#: What each part of the package must never import.
FORBIDDEN = {
    "model": {"present", "build"},
    "present": {"build"},
    "read": {"present", "build"},
    "onboard": {"present", "build"},
    "shared": set(ROOMS),
}
SHARED = {"config", "errors", "schema", "text", "io"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> set[str]:
    """Every module ``module`` imports, anywhere in its code (relative imports resolved)."""
    out = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            out.add(target)
            out.update(f"{target}.{alias.name}" for alias in node.names)
    return out


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "ward_analysis" or len(parts) < 2:
        return None
    if parts[1] in ROOMS:
        return parts[1]
    return "shared" if parts[1] in SHARED else None


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    room = room_of(module)
    banned = FORBIDDEN.get(room, set())
    return sorted(
        f"{module} imports {name}"
        for name in imported_modules(source, module, is_package)
        if room_of(name) in banned
    )


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_rooms_import_in_one_direction():
    found = []
    for path in package_files():
        found += violations(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    assert found == []


@pytest.mark.parametrize(
    "module, source, expected",
    [
        ("ward_analysis.model.assess", "from ..present.locale import get_locale", 1),
        ("ward_analysis.model.kinds.annual", "from ...build import run", 1),
        ("ward_analysis.present.tables", "def f():\n    import ward_analysis.build.run", 1),
        ("ward_analysis.read.cleaning", "from ..present import format", 1),
        ("ward_analysis.schema", "from .model import kinds", 1),
        ("ward_analysis.present.tables", "from ..model.figures import year_figures", 0),
        ("ward_analysis.read.cells", "from ..model.catalog import Target", 0),
    ],
)
def test_the_import_check_sees_a_wrong_import(module, source, expected):
    assert bool(violations(source, module)) == bool(expected)


#: Letters that only Vietnamese text has (ASCII-only words are code, file names and English errors).
VIETNAMESE = re.compile(r"[À-ỹĐđƠơƯư]")
#: Where words may be written: the locale; and the input vocabulary of reading and onboarding,
#: the shared text helpers and the schema's unit of a growth rate.
WORDS_ALLOWED = ("present/locale.py", "read/", "onboard/", "text.py", "schema.py")
#: Single strings that quote the input vocabulary, not report words (file: what, why).
QUOTED_INPUT = {
    "cli.py": "the --term help quotes the resolution phrase the term is read from",
    "model/catalog.py": "the catalog error quotes the catalog's own yes word (threshold: Đạt)",
    "model/synthetic.py": "invented units are named like real ones (Đơn vị 0001): data",
}


def strings_outside_docstrings(tree: ast.AST) -> list[ast.Constant]:
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def word_problems(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    out = [
        f"{where}:{n.lineno}: {n.value[:40]!r}"
        for n in strings_outside_docstrings(tree)
        if VIETNAMESE.search(n.value)
    ]
    for node in ast.walk(tree):  # lang == "vi", lang in ("vi", "en"): a branch on the language
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            codes = {"vi", "en"}
            for side in sides:
                values = side.elts if isinstance(side, ast.Tuple | ast.List | ast.Set) else [side]
                if any(isinstance(v, ast.Constant) and v.value in codes for v in values):
                    out.append(f"{where}:{node.lineno}: a branch on the language code")
    return out


def test_no_report_word_outside_the_locale():
    found = []
    for path in package_files():
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith(WORDS_ALLOWED):
            continue
        problems = word_problems(path.read_text(encoding="utf-8"), where)
        if where in QUOTED_INPUT:
            assert len(problems) == 1, problems  # the one quoted string, nothing more
            continue
        found += problems
    assert found == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ('title = "Tổng kết nhiệm kỳ"', 1),
        ('x = "Đạt" if ok else "Không đạt"', 2),
        ('if lang == "vi":\n    pass', 1),
        ('y = 1 if lang in ("vi", "en") else 0', 1),
        ('"""Docstrings may name phường Chi Lăng."""\nx = "ok"', 0),
        ('def f(lang: str = "vi"):\n    return lang', 0),
    ],
)
def test_the_word_check_sees_a_word(source, expected):
    assert len(word_problems(source, "x.py")) == expected


def test_comments_say_why_not_history():
    history = re.compile(
        r"\b(?:seen here|before (?:the|this) fix|in about half of)",
        re.IGNORECASE,
    )
    found = [
        f"{path.relative_to(PACKAGE)}:{i}"
        for path in package_files()
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if history.search(line)
    ]
    assert found == []


def test_importing_the_library_changes_nothing_in_the_process():
    """No module entry planted and the cycle collector left on: such tricks belong to the
    command line and the report kernels' start, not to a library import."""
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "import ward_analysis as wa\n"
        "catalog = wa.load_catalog()\n"
        "wa.assess(catalog, wa.read_reports(catalog=catalog).observations, 2023)\n"
        "wa.target_spec\n"
        "assert 'rfc3987_syntax' not in sys.modules or sys.modules['rfc3987_syntax'] is not None\n"
        "assert gc.isenabled()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_public_names_resolve():
    for name in ward_analysis.__all__:
        assert getattr(ward_analysis, name) is not None, name
