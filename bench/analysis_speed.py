"""How long the track analysis takes on a 10-hour 1 Hz track (the budget is 1 s).

The track is the December sample lesson (about 50 minutes of circuits at 1 Hz)
recorded twelve times over, one after the other, with the hand-built airport table
the tests use swapped for the shipped database as a user's machine would have it.

    python bench/analysis_speed.py
"""

import sys
import time

import pandas as pd

from logbook.airports import default_db
from logbook.analysis import analyse_track
from logbook.simulate import simulate
from logbook.simulate.samples import DECEMBER_CIRCUITS
from logbook.track import Track, to_points

HOURS = 10.0
REPEATS = 3


def long_track(hours: float) -> Track:
    """Copies of the December lesson end to end until `hours` are covered."""
    lesson = simulate(DECEMBER_CIRCUITS.scenario).points
    span = lesson["time"].iloc[-1] - lesson["time"].iloc[0] + pd.Timedelta(seconds=1)
    copies, covered = [], pd.Timedelta(0)
    while covered < pd.Timedelta(hours=hours):
        copies.append(lesson.assign(time=lesson["time"] + covered))
        covered += span
    frame = pd.concat(copies, ignore_index=True)
    end = frame["time"].iloc[0] + pd.Timedelta(hours=hours)
    return Track(to_points(frame[frame["time"] < end]), source="speed")


def main() -> int:
    track = long_track(HOURS)
    db = default_db()
    analyse_track(track, airports=db)      # warm the database and imports
    best = float("inf")
    for _ in range(REPEATS):
        began = time.perf_counter()
        flights = analyse_track(track, airports=db)
        best = min(best, time.perf_counter() - began)
    print(f"{len(track)} fixes ({HOURS:.0f} h at 1 Hz): {len(flights)} flights, "
          f"best of {REPEATS}: {best:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
