"""Benchmark: clean a very large yearly table (``make bench``).

Goal (issue 5): a 100,000-row table is read and cleaned, every row accounted for, in under
10 s with the process's peak memory under 1 GB on a 2-core machine. The table cycles
through every target's name (so nearly every row repeats a target: conflicts and
duplicates, the costliest path), with unknown indicators, headings and blank rows mixed in.
Each run is a fresh subprocess so that its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROWS = 100_000
GOAL_SECONDS, GOAL_MB = 10.0, 1024
HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023", "Ghi chú"]


def write_large_table(path: Path, rows: int = ROWS) -> Path:
    """A CSV table of ``rows`` data rows for the shipped catalog (deterministic)."""
    import ward_analysis as wa

    catalog = wa.load_catalog()
    samples = {
        "share": ("%", ["77,5%", "80 %", "64,9%", "101%", "chưa có số liệu"]),
        "count": ("", ["6", "7", "2", "6,5", "-"]),
        "amount": ("Triệu đồng", ["9.050", "9,05 tỷ đồng", "8.900", "x", "1,234.5"]),
        "length": ("Km", ["0,5", "600 m", "0,45", "…", "1,2"]),
        "boolean": ("", ["Đạt", "Không đạt", "Đạt", "Cơ bản đạt", ""]),
        "rating": ("", ["Khá", "Hoàn thành tốt nhiệm vụ", "Giỏi", "Tuyệt vời", "HTTNV"]),
    }
    targets = list(catalog)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["BIỂU CHỈ TIÊU NĂM 2023"])
        writer.writerow(HEADER)
        for i in range(rows):
            if i % 50 == 49:
                writer.writerow(["", "", "", "", "", ""])
            elif i % 50 == 48:
                writer.writerow(["II", "XÂY DỰNG ĐẢNG", "", "", "", ""])
            elif i % 50 == 47:
                writer.writerow([i, f"Chỉ tiêu lạ số {i}", "%", "", "50%", ""])
            else:
                t = targets[i % len(targets)]
                unit, values = samples[t.measure]
                names = t.names
                writer.writerow(
                    [i, names[i % len(names)], unit, values[(i // 7) % 5], values[(i // 3) % 5], ""]
                )
    return path


def run_one(rows: int) -> dict:
    import tempfile
    import warnings

    warnings.simplefilter("ignore")
    import ward_analysis as wa
    from ward_analysis.read.cleaning import read_reports

    with tempfile.TemporaryDirectory() as tmp:
        path = write_large_table(Path(tmp) / "bieu_chi_tieu_2023.csv", rows)
        catalog = wa.load_catalog()
        start = time.perf_counter()
        result = read_reports([path], catalog)
        seconds = time.perf_counter() - start
    return {
        "rows": rows,
        "seconds": seconds,
        "observations": len(result.observations),
        "rejects": len(result.rejects),
        "skipped": len(result.skipped),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    if len(sys.argv) > 1:
        print(json.dumps(run_one(int(sys.argv[1]))))
        return 0
    ok = True
    for rows in (10_000, ROWS):
        out = subprocess.run(
            [sys.executable, __file__, str(rows)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        good = rows < ROWS or (r["seconds"] < GOAL_SECONDS and r["peak_mb"] < GOAL_MB)
        ok &= good
        print(
            f"clean {r['rows']:>7,} rows: {r['seconds']:5.2f} s, peak {r['peak_mb']:4.0f} MB → "
            f"{r['observations']:,} observations, {r['rejects']:,} rejects, {r['skipped']:,} skipped"
            + (
                ""
                if rows < ROWS
                else f"  [goal < {GOAL_SECONDS:g} s, < {GOAL_MB} MB: {'met' if good else 'MISSED'}]"
            )
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
