"""Benchmark NMEA ingest: the logbook CLI, pynmea2, gpsbabel and read_nmea.

    python bench/make_nmea.py /tmp/bench_1hz.nmea
    python bench/ingest.py /tmp/bench_1hz.nmea [--repeat 3]

Each measurement runs in its own runner process, which starts the command and reports
`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` after it, so every peak belongs to one
command alone. Prints a markdown table: best wall time of `--repeat` runs, sentences
per second, and peak memory.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYNMEA2_LOOP = """
import sys, pynmea2
rows = []
bad = 0
with open(sys.argv[1], "rb") as f:
    for raw in f:
        try:
            msg = pynmea2.parse(raw.decode("ascii", "replace").strip(), check=True)
        except pynmea2.ParseError:
            bad += 1
            continue
        kind = msg.sentence_type
        try:
            if kind == "GGA":
                rows.append((msg.timestamp, msg.latitude, msg.longitude, msg.altitude,
                             msg.gps_qual, msg.num_sats, msg.horizontal_dil))
            elif kind == "RMC":
                rows.append((msg.timestamp, msg.datestamp, msg.status, msg.latitude,
                             msg.longitude, msg.spd_over_grnd, msg.true_course))
        except ValueError:
            bad += 1
print(len(rows), bad)
"""

READ_NMEA = """
import json, sys, time
from pathlib import Path
from logbook.ingest.nmea import read_nmea
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
result = read_nmea(data, name=Path(sys.argv[1]).name)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "fixes": len(result.track),
                  "records": result.records}))
"""


def measure(command: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `command` in a fresh runner process; its wall time, peak RSS and output."""
    runner = [sys.executable, __file__, "--run", json.dumps(command)]
    out = subprocess.run(runner, capture_output=True, text=True, check=True,
                         env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_one(command: list[str]) -> None:
    """The runner: start the command, wait, report wall time and its peak RSS."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "peak_mib": peak_kib / 1024,
                      "returncode": done.returncode, "stdout": done.stdout[-2000:],
                      "stderr": done.stderr[-2000:]}))


def best_of(repeat: int, command_for_run, env: dict[str, str] | None = None) -> dict:
    runs = [measure(command_for_run(i), env) for i in range(repeat)]
    best = min(runs, key=lambda r: r["wall"])
    best["peak_mib"] = max(r["peak_mib"] for r in runs)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true",
                        help="leave out (a), the full `logbook import`")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(json.loads(args.run))
        return
    if args.path is None:
        parser.error("the NMEA file to read is required")
    log = args.path.resolve()
    sentences = log.read_bytes().count(b"\n")
    work = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    rows = []

    logbook = None if args.skip_cli else shutil.which("logbook")
    if logbook:
        cli = best_of(args.repeat, lambda i: [logbook, "--db", str(work / f"new{i}.db"),
                                              "import", str(log)])
        rows.append(("(a) `logbook --db NEW.db import FILE`", cli, cli["wall"]))
    pyn = best_of(args.repeat, lambda i: [sys.executable, "-c", PYNMEA2_LOOP, str(log)])
    rows.append(("(b) pynmea2 loop, check=True, fields to tuples", pyn, pyn["wall"]))
    babel = shutil.which("gpsbabel")
    if babel:
        gps = best_of(args.repeat, lambda i: [babel, "-t", "-i", "nmea", "-f", str(log),
                                              "-o", "unicsv", "-F", str(work / "o.csv")],
                      env={**os.environ, "TZ": "UTC"})
        rows.append(("(c) `TZ=UTC gpsbabel -t -i nmea ... -o unicsv`", gps, gps["wall"]))
    own = best_of(args.repeat, lambda i: [sys.executable, "-c", READ_NMEA, str(log)])
    parsed = json.loads(own["stdout"].strip().splitlines()[-1])
    rows.append(("(d) read_nmea in-process (parse only)", own, parsed["seconds"]))
    shutil.rmtree(work, ignore_errors=True)

    print(f"{log.name}: {sentences:,} sentences, {log.stat().st_size:,} bytes, "
          f"best of {args.repeat}; read_nmea: {parsed['fixes']:,} fixes\n")
    print("| what | seconds | sentences/s | peak RSS (MiB) | exit |")
    print("|---|---:|---:|---:|---:|")
    for label, run, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {sentences / seconds:,.0f} | "
              f"{run['peak_mib']:.0f} | {run['returncode']} |")
    if not logbook:
        print("\n(a) not measured: skipped, or no `logbook` command on PATH")
    for label, run, _ in rows:
        if run["returncode"]:
            print(f"\n{label} failed: {run['stderr'].strip()[-500:]}")


if __name__ == "__main__":
    main()
