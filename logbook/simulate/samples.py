"""The sample logs in `data/`: simulated lessons at Wellesbourne Mountford (EGBW).

Regenerate them with `python -m logbook.simulate.samples [folder]` (default `data`).
The circuit directions are the aerodrome's published ones: runways 05 and 36
left-hand, 18 and 23 right-hand; circuit height 1000 ft QFE.
"""

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from logbook.simulate.output import to_gpx, to_gt11_nmea
from logbook.simulate.presets import EGBW_23, EGBW_36
from logbook.simulate.run import simulate
from logbook.simulate.scenario import Scenario, Simulation


@dataclass(frozen=True)
class Sample:
    """A sample file: its name, the scenario it records, and how it is written."""

    file_name: str
    scenario: Scenario
    description: str
    corrupt_lines: int = 0


# 2007-12-27: strong wind across the main runway 18/36, so circuits on the short
# crosswind runway 23 (right-hand); "P/UT Hours Today 0:45"
DECEMBER_CIRCUITS = Sample(
    "2007-12-27-egbw-circuits.nmea",
    Scenario(
        runway=EGBW_23, direction="right", wind_from_deg=260.0, wind_kt=18.0,
        patterns=("touch_and_go", "touch_and_go", "go_around", "touch_and_go",
                  "touch_and_go", "touch_and_go", "full_stop"),
        downwind_offset_m=1500.0, start_utc=datetime(2007, 12, 27, 10, 5, tzinfo=UTC),
        noise_m=3.0, altitude_bias_m=31.0, parked_s=150.0, taxi_out_s=630.0,
        taxi_in_s=180.0, seed=20071227),
    "Circuits on runway 23 (right-hand), wind 260/18 kt: six landings "
    "(five touch-and-goes and a full stop) and one go-around, 45 minutes block "
    "time; a Locosys GT-11 serial capture (GGA, GSA, RMC at 1 Hz, GSV every 5 s) "
    "that starts mid-sentence and has a few corrupt lines.",
    corrupt_lines=6,
)

# 2007-11-15: the previous lesson, on the main runway 36 (left-hand), light wind
NOVEMBER_CIRCUITS = Sample(
    "2007-11-15-egbw-circuits.gpx",
    Scenario(
        runway=EGBW_36, direction="left", wind_from_deg=340.0, wind_kt=8.0,
        patterns=("touch_and_go", "touch_and_go", "stop_and_go", "touch_and_go",
                  "go_around", "touch_and_go", "full_stop"),
        start_utc=datetime(2007, 11, 15, 14, 2, tzinfo=UTC), noise_m=3.0,
        altitude_bias_m=24.0, parked_s=90.0, taxi_out_s=420.0, seed=20071115),
    "Circuits on runway 36 (left-hand), wind 340/8 kt: five touch-and-goes, one "
    "stop-and-go, one go-around and a full stop; GPX 1.1, 1 Hz, elevation and time.",
)

SAMPLES = (DECEMBER_CIRCUITS, NOVEMBER_CIRCUITS)


def sample_bytes(sample: Sample) -> tuple[Simulation, bytes]:
    """The simulation behind a sample and the file's exact bytes."""
    sim = simulate(sample.scenario)
    if sample.file_name.endswith(".gpx"):
        return sim, to_gpx(sim, name=sample.file_name.removesuffix(".gpx"))
    return sim, to_gt11_nmea(sim, corrupt_lines=sample.corrupt_lines,
                             partial_first_line=True, seed=sample.scenario.seed)


def truth_markdown(sim: Simulation) -> str:
    """The truth events as a markdown table (times UTC)."""
    rows = ["| time (UTC) | event | runway | kind | lowest (ft AGL) |",
            "| --- | --- | --- | --- | --- |"]
    for e in sim.events:
        lowest = "" if e.lowest_ft_agl is None else f"{e.lowest_ft_agl:.0f}"
        rows.append(f"| {e.time:%H:%M:%S} | {e.kind} | {e.airport} {e.runway} | "
                    f"{e.landing_kind or ''} | {lowest} |")
    return "\n".join(rows)


def write_samples(folder: Path) -> list[Path]:
    """Write every sample file into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for sample in SAMPLES:
        _, data = sample_bytes(sample)
        path = folder / sample.file_name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "data"))
