"""Write a deterministic ~1,000,000-sentence NMEA log for the ingest benchmark.

About 100 sessions of 1 Hz GGA + GSA + GSV + RMC (as a SiRF III logger writes them),
each an aircraft-like track: taxi, take-off, climb, a wandering cruise, descent and
landing, on successive days (one session runs across midnight UTC). A few lines are
corrupted (bad checksum, truncated, binary noise) as a real serial log has.

    python bench/make_nmea.py /tmp/bench_1hz.nmea [--sentences 1000000]
"""

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd

from logbook import units
from logbook.ingest.nmea_write import iter_nmea

SENTENCES_PER_FIX = 5        # GGA, GSA, 2 x GSV, RMC
SESSIONS = 100
SEED = 20240501
START = pd.Timestamp("2024-05-01", tz="UTC")


def session_points(rng: np.random.Generator, start: pd.Timestamp,
                   seconds: int) -> pd.DataFrame:
    """One flight at 1 Hz from a random airfield."""
    t = np.arange(seconds, dtype=float)
    ramp_up = np.clip((t - 120) / 60, 0, 1)               # taxi 2 min, then roll
    ramp_down = np.clip((seconds - 120 - t) / 60, 0, 1)
    airborne = np.minimum(ramp_up, ramp_down)
    speed_mps = 4 + airborne * (units.kt_to_mps(95.0) - 4)
    turn = rng.normal(0, 1.5, seconds).cumsum() * 0.02
    course_deg = (rng.uniform(0, 360) + np.cumsum(turn)) % 360
    climb = np.minimum(np.minimum(t - 180, seconds - 180 - t).clip(0) * 3.0, 900)
    lat0, lon0 = rng.uniform(-60, 60), rng.uniform(-170, 170)
    north_m = np.cumsum(speed_mps * np.cos(np.radians(course_deg)))
    east_m = np.cumsum(speed_mps * np.sin(np.radians(course_deg)))
    lat = lat0 + north_m / 111_320.0
    lon = lon0 + east_m / (111_320.0 * math.cos(math.radians(lat0)))
    return pd.DataFrame({
        "time": start + pd.to_timedelta(t, unit="s"), "lat": lat, "lon": lon,
        "altitude_m": 120.0 + climb, "speed_mps": speed_mps, "course_deg": course_deg,
        "fix_quality": pd.array(np.ones(seconds, dtype=int), dtype="Int64"),
        "satellites": pd.array(rng.integers(5, 9, seconds), dtype="Int64"),
        "hdop": np.round(rng.uniform(0.8, 2.0, seconds), 1),
    })


def corrupt(rng: np.random.Generator, line: str) -> bytes:
    """A damaged copy of a sentence: bad checksum, truncated, or binary noise."""
    raw = line.encode("ascii")
    choice = rng.integers(3)
    if choice == 0:
        middle = len(raw) // 2
        return raw[:middle] + (b"0" if raw[middle:middle + 1] != b"0" else b"1") \
            + raw[middle + 1:]
    if choice == 1:
        return raw[: len(raw) // 2]
    return bytes(rng.integers(0, 256, 40, dtype=np.uint8)) + raw


def write_log(path: Path, sentences: int) -> int:
    """Write the log; returns the number of lines written."""
    rng = np.random.default_rng(SEED)
    fixes = sentences // SENTENCES_PER_FIX
    lengths = rng.multinomial(fixes, np.ones(SESSIONS) / SESSIONS)
    written = 0
    with path.open("wb") as out:
        for k, seconds in enumerate(lengths):
            # the last session starts late in the evening and lands after midnight
            hour = 23.4 if k == SESSIONS - 1 else 8 + rng.uniform(0, 8)
            start = START + pd.Timedelta(days=k) + pd.Timedelta(hours=hour)
            points = session_points(rng, start.floor("s"), int(seconds))
            chunk = []
            for line in iter_nmea(points, gsa=True, gsv_every_s=1):
                if rng.random() < 2e-4:
                    chunk.append(corrupt(rng, line))
                else:
                    chunk.append(line.encode("ascii"))
            out.write(b"\r\n".join(chunk) + b"\r\n")
            written += len(chunk)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--sentences", type=int, default=1_000_000)
    args = parser.parse_args()
    lines = write_log(args.path, args.sentences)
    print(f"{args.path}: {lines} sentences, {args.path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
