"""Shared fixtures: simulated tracks and a small airport database built by hand."""

import math
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

from logbook import geo
from logbook.airports import Airport, Runway, RunwayEnd
from logbook.simulate import RUNWAYS, RunwaySpec, Scenario, Simulation, simulate
from logbook.track import Track, to_points

# a farm strip near Wellesbourne that only the hand-built database knows:
# it must never be taken for Wellesbourne itself
DECOY = Airport(ident="XDCY", name="Decoy Farm Strip", type="small_airport",
                lat=52.23, lon=-1.52, elevation_m=90.0, runways=())


def _end(spec: RunwaySpec) -> RunwayEnd:
    return RunwayEnd(designator=spec.designator, lat=spec.threshold_lat,
                     lon=spec.threshold_lon, heading_deg=spec.heading_deg,
                     elevation_m=spec.elevation_m, displaced_threshold_m=math.nan,
                     position_estimated=False)


def _pairs(specs: list[RunwaySpec]) -> list[tuple[RunwaySpec, ...]]:
    """Runway ends paired into runways: opposite headings, about a length apart."""
    pairs, used = [], set()
    for a, b in combinations(specs, 2):
        turn = abs((a.heading_deg - b.heading_deg + 180.0) % 360.0 - 180.0)
        if turn > 170 and a.designator not in used and b.designator not in used:
            pairs.append((a, b))
            used |= {a.designator, b.designator}
    return pairs + [(s,) for s in specs if s.designator not in used]


def airport_from_specs(ident: str, specs: list[RunwaySpec]) -> Airport:
    """An Airport with the runways the simulator's presets describe."""
    runways = tuple(
        Runway(airport=ident, ends=tuple(_end(s) for s in pair),
               length_m=pair[0].length_m, width_m=30.0, surface="ASP", closed=False)
        for pair in _pairs(specs)
    )
    lat = sum(s.threshold_lat for s in specs) / len(specs)
    lon = sum(s.threshold_lon for s in specs) / len(specs)
    return Airport(ident=ident, name=ident, type="small_airport", lat=lat, lon=lon,
                   elevation_m=min(s.elevation_m for s in specs), runways=runways)


class HandAirports:
    """The part of logbook.airports.AirportDB the analysis uses, over a list."""

    def __init__(self, airports: list[Airport]) -> None:
        self.airports = {a.ident: a for a in airports}

    def airport(self, ident: str) -> Airport:
        return self.airports[ident.upper()]

    def near(self, lat: float, lon: float, *, radius_m: float = 5000.0) -> list[Airport]:
        found = [(float(geo.haversine_m(lat, lon, a.lat, a.lon)), a)
                 for a in self.airports.values()]
        return [a for d, a in sorted(found, key=lambda x: x[0]) if d <= radius_m]

    def runway_ends_near(self, lat: float, lon: float, *, radius_m: float = 5000.0):
        found = [(float(geo.haversine_m(lat, lon, e.lat, e.lon)), (a, r, e))
                 for a in self.airports.values() for r in a.runways for e in r.ends]
        return [x for d, x in sorted(found, key=lambda x: x[0]) if d <= radius_m]


def hand_airports() -> HandAirports:
    by_airport: dict[str, list[RunwaySpec]] = {}
    for spec in RUNWAYS.values():
        by_airport.setdefault(spec.airport, []).append(spec)
    return HandAirports([airport_from_specs(k, v) for k, v in by_airport.items()]
                        + [DECOY])


@pytest.fixture(scope="session")
def airports() -> HandAirports:
    """The simulator's aerodromes (and a decoy strip), as an airport database."""
    return hand_airports()


@pytest.fixture
def make_track():
    """Factory: simulate a scenario, return (Track, Simulation).

    Keyword arguments are Scenario fields; `runway` defaults to Wellesbourne 23.
    """
    def make(**fields) -> tuple[Track, Simulation]:
        fields.setdefault("runway", RUNWAYS["EGBW_23"])
        sim = simulate(Scenario(**fields))
        return Track(sim.points, source="simulated"), sim

    return make


def with_runway(spec: RunwaySpec, **changes) -> RunwaySpec:
    """A copy of a preset runway with some fields changed."""
    return replace(spec, **changes)


@pytest.fixture(scope="session")
def kgon_track() -> Track:
    """35 minutes of real circuits at Groton (tests/data/real/README.md)."""
    frame = pd.read_csv(Path(__file__).parent / "data" / "real" / "kgon_circuits.csv.gz")
    return Track(to_points(frame), source="kgon_circuits.csv.gz")
