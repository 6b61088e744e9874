"""Runway ends as numpy arrays, and which one a run of fixes rolled or flew along."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from logbook import geo
from logbook.airports import Airport
from logbook.analysis.phases import FloatArray

# airport types a fixed-wing aircraft lands at
LANDING_TYPES = frozenset({"small_airport", "medium_airport", "large_airport",
                           "seaplane_base"})
# a runway of unknown width is taken as this wide
DEFAULT_WIDTH_M = 30.0
# a runway of unknown length is taken as this long
DEFAULT_LENGTH_M = 800.0
# a roll on a runway: course within this of the runway heading
ROLL_MAX_ANGLE_DEG = 25.0
# a roll on a runway: this far at most off the edge (GPS error, database error)
ROLL_MAX_OFF_EDGE_M = 60.0
# an approach or climb-out: course within this of the heading
APPROACH_MAX_ANGLE_DEG = 35.0
# an approach or climb-out: this far at most off the extended centreline
APPROACH_MAX_OFFSET_M = 350.0
# runway ends whose fit (offset / limit + angle / limit) differs by less than this
# cannot be told apart: parallels whose thresholds the database estimated from the
# reference point lie on one line. The longer one, usually the main runway, wins.
TIE_COST = 0.05


class AirportSource(Protocol):
    """What the analysis needs from an airport database."""

    def near(self, lat: float, lon: float, *, radius_m: float = 5000.0) -> list[Airport]:
        ...


@dataclass(frozen=True)
class RunwayTable:
    """One row per usable runway end."""

    airport: tuple[str, ...]
    designator: tuple[str, ...]
    lat: FloatArray
    lon: FloatArray
    heading_deg: FloatArray
    elevation_m: FloatArray
    length_m: FloatArray
    half_width_m: FloatArray
    displaced_m: FloatArray
    estimated: np.ndarray     # the end's position is estimated in the database

    def __len__(self) -> int:
        return len(self.airport)


@dataclass(frozen=True)
class RunwayMatch:
    """A runway end matched to fixes, and where along it the fixes lie."""

    index: int
    airport: str
    designator: str
    along_m: FloatArray       # distance past the physical threshold, per fix
    cross_m: FloatArray       # right of the centreline, per fix
    estimated: bool = False   # the runway end's position is only estimated


def _end_heading(airport: Airport, runway_index: int, end_index: int) -> float:
    runway = airport.runways[runway_index]
    end = runway.ends[end_index]
    if math.isfinite(end.heading_deg):
        return end.heading_deg
    if len(runway.ends) == 2:
        other = runway.ends[1 - end_index]
        return float(geo.bearing_deg(end.lat, end.lon, other.lat, other.lon))
    return math.nan


def runway_table(airports: Iterable[Airport]) -> RunwayTable:
    """The usable runway ends (open, with a position and a heading) of airports."""
    rows = []
    for airport in airports:
        for r, runway in enumerate(airport.runways):
            if runway.closed:
                continue
            for e, end in enumerate(runway.ends):
                heading = _end_heading(airport, r, e)
                if not (math.isfinite(end.lat) and math.isfinite(end.lon)
                        and math.isfinite(heading)):
                    continue
                elevation = end.elevation_m
                if not math.isfinite(elevation):
                    elevation = airport.elevation_m
                width = runway.width_m if runway.width_m > 0 else DEFAULT_WIDTH_M
                length = runway.length_m if runway.length_m > 0 else DEFAULT_LENGTH_M
                displaced = end.displaced_threshold_m
                rows.append((airport.ident, end.designator, end.lat, end.lon, heading,
                             elevation, length, width / 2,
                             displaced if math.isfinite(displaced) else 0.0,
                             bool(end.position_estimated)))
    columns = list(zip(*rows, strict=True)) if rows else [()] * 10
    return RunwayTable(
        airport=tuple(columns[0]), designator=tuple(columns[1]),
        **{name: np.asarray(values, dtype=float) for name, values in zip(
            ("lat", "lon", "heading_deg", "elevation_m", "length_m", "half_width_m",
             "displaced_m"), columns[2:9], strict=True)},
        estimated=np.asarray(columns[9], dtype=bool),
    )


def angle_diff_deg(a: FloatArray | float, b: FloatArray | float) -> FloatArray:
    """Signed difference a - b in degrees, wrapped to [-180, 180)."""
    return np.asarray((np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0)


def runway_frame(table: RunwayTable, index: int, lat: FloatArray,
                 lon: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Along (past the threshold) and cross (right of centreline) metres of fixes."""
    x, y = geo.to_local_xy_m(lat, lon, float(table.lat[index]), float(table.lon[index]))
    h = math.radians(float(table.heading_deg[index]))
    along = x * math.sin(h) + y * math.cos(h)
    cross = x * math.cos(h) - y * math.sin(h)
    return along, cross


def match_runway(table: RunwayTable, lat: FloatArray, lon: FloatArray,
                 course_deg: float, *, on_ground: bool) -> RunwayMatch | None:
    """The runway end whose heading and centreline best fit fixes moving course_deg.

    On the ground the fixes must lie on the runway; in the air (an approach or a
    climb-out) near its extended centreline within a few kilometres.
    """
    fits: list[tuple[float, int, FloatArray, FloatArray]] = []
    max_angle = ROLL_MAX_ANGLE_DEG if on_ground else APPROACH_MAX_ANGLE_DEG
    aligned = np.abs(angle_diff_deg(table.heading_deg, course_deg)) < max_angle
    for i in (int(k) for k in np.flatnonzero(aligned)):
        along, cross = runway_frame(table, i, lat, lon)
        offset = float(np.median(np.abs(cross)))
        middle = float(np.median(along))
        length = float(table.length_m[i])
        if on_ground:
            limit = float(table.half_width_m[i]) + ROLL_MAX_OFF_EDGE_M
            inside = -200.0 <= middle <= length + 200.0
        else:
            limit = APPROACH_MAX_OFFSET_M
            inside = -6000.0 <= middle <= length + 4000.0
        if offset > limit or not inside:
            continue
        angle = abs(float(angle_diff_deg(table.heading_deg[i], course_deg)))
        fits.append((offset / limit + angle / max_angle, i, along, cross))
    if not fits:
        return None
    best_cost = min(f[0] for f in fits)
    _, i, along, cross = max((f for f in fits if f[0] <= best_cost + TIE_COST),
                             key=lambda f: (float(table.length_m[f[1]]), -f[0]))
    return RunwayMatch(i, table.airport[i], table.designator[i], along, cross,
                       bool(table.estimated[i]))


def mean_course_deg(x_m: FloatArray, y_m: FloatArray) -> float:
    """Course from the first to the last of some fixes."""
    return float(np.degrees(np.arctan2(x_m[-1] - x_m[0], y_m[-1] - y_m[0])) % 360.0)


def nearest_within(lat: float, lon: float, site_lat: FloatArray, site_lon: FloatArray,
                   radius_m: float) -> int | None:
    """Index of the nearest site within radius_m, or None."""
    if not len(site_lat):
        return None
    distance = geo.haversine_m(lat, lon, site_lat, site_lon)
    i = int(np.argmin(distance))
    return i if distance[i] <= radius_m else None
