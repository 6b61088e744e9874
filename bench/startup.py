"""How fast the CLI starts: `logbook --help` and `logbook tracks` on a small logbook.

Run: python bench/startup.py [--runs N]
Prints the median and range of wall time per command over N fresh processes.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    logbook = [sys.executable, "-m", "logbook"]
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "bench.db")
        subprocess.run([*logbook, "--db", db, "import", str(ROOT / "data")],
                       check=True, capture_output=True)
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "logbook --help": [*logbook, "--help"],
            "logbook tracks": [*logbook, "--db", db, "tracks"],
            "logbook flights": [*logbook, "--db", db, "flights"],
        }
        print(f"| command | median (s) | min-max (s), {runs} runs |")
        print("| --- | --- | --- |")
        for label, args in cases.items():
            times = _time(args, runs)
            print(f"| `{label}` | {statistics.median(times):.3f} | "
                  f"{min(times):.3f}-{max(times):.3f} |")


if __name__ == "__main__":
    main()
