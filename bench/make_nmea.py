"""Write a deterministic ~1,000,000-sentence NMEA log for the ingest benchmark.

About 100 circuit sessions flown by the simulator (`logbook.simulate`) at real
aerodromes, one a day, written at 1 Hz as GGA + GSA + GSV + RMC every second; the
last session runs across midnight UTC. A few lines are corrupted (bad checksum,
truncated, binary noise) as a real serial log has.

    python bench/make_nmea.py /tmp/bench_1hz.nmea [--sentences 1000000]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from logbook.ingest.nmea_write import iter_nmea
from logbook.simulate import MICROLIGHT, RUNWAYS, TRAINER, Scenario, simulate

SEED = 20240501
START = pd.Timestamp("2024-05-01", tz="UTC")
ENDINGS = ("touch_and_go", "touch_and_go", "touch_and_go", "stop_and_go", "go_around")


def session(rng: np.random.Generator, day: int, last: bool) -> pd.DataFrame:
    """One lesson's fixes: circuits at a random aerodrome on day `day`."""
    runway = list(RUNWAYS.values())[rng.integers(len(RUNWAYS))]
    circuits = int(rng.integers(3, 8))
    patterns = (*rng.choice(ENDINGS, circuits - 1), "full_stop")
    hour = 23.6 if last else 8 + rng.uniform(0, 8)
    start = (START + pd.Timedelta(days=day) + pd.Timedelta(hours=hour)).floor("s")
    scenario = Scenario(
        runway=runway, patterns=tuple(str(p) for p in patterns),
        direction=str(rng.choice(["left", "right"])),
        wind_from_deg=float(rng.uniform(0, 360)), wind_kt=float(rng.uniform(0, 15)),
        aircraft=MICROLIGHT if rng.random() < 0.2 else TRAINER,
        start_utc=start.to_pydatetime(), noise_m=3.0,
        altitude_bias_m=float(rng.uniform(-30, 30)), seed=int(rng.integers(1 << 30)))
    return simulate(scenario).points


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
    written = day = 0
    with path.open("wb") as out:
        while written < sentences:
            last = written > sentences * 0.99
            chunk = []
            for line in iter_nmea(session(rng, day, last), gsa=True, gsv_every_s=1):
                if rng.random() < 2e-4:
                    chunk.append(corrupt(rng, line))
                else:
                    chunk.append(line.encode("ascii"))
            chunk = chunk[: sentences - written]
            out.write(b"\r\n".join(chunk) + b"\r\n")
            written += len(chunk)
            day += 1
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
