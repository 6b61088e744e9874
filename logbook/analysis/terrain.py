"""The ground's elevation at an aerodrome, from its runways.

A runway is a straight line between its two thresholds, each with its own
elevation (OurAirports ``<end>_elevation_ft``); the ground along it is interpolated
between them, and a fix beside a runway is at the elevation of the nearest point of
its centreline. This matters on sloping aerodromes: Biggin Hill's 03/21 climbs
60 ft (18 m) from end to end, more than the height the state model takes for
"airborne". The aerodrome's reference elevation is the highest point of its
landing area (ICAO Annex 14), so it is only used where no runway gives a better
one.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from logbook import geo
from logbook.airports import Airport, Runway
from logbook.analysis.phases import FloatArray


@dataclass(frozen=True)
class Terrain:
    """Runway centrelines with their end elevations, and lone elevation points."""

    lat0: FloatArray       # per segment: first end
    lon0: FloatArray
    lat1: FloatArray       # per segment: second end
    lon1: FloatArray
    elevation0_m: FloatArray
    elevation1_m: FloatArray
    point_lat: FloatArray  # reference points of aerodromes without a runway line
    point_lon: FloatArray
    point_elevation_m: FloatArray

    def elevation_m(self, lat: FloatArray, lon: FloatArray
                    ) -> tuple[FloatArray, FloatArray]:
        """Per fix, the ground elevation there and the distance to what gave it
        (NaN and inf for a fix more than BOX_DEG from every runway and point)."""
        n = len(lat)
        best_elevation = np.full(n, np.nan)
        best_distance = np.full(n, np.inf)
        for k in range(len(self.lat0)):
            # only fixes within a box around the runway can be nearest to it
            rows = _near_box(lat, lon, self.lat0[k], self.lon0[k], self.lat1[k],
                             self.lon1[k])
            x, y = geo.to_local_xy_m(lat[rows], lon[rows], float(self.lat0[k]),
                                     float(self.lon0[k]))
            sx, sy = geo.to_local_xy_m(self.lat1[k], self.lon1[k], float(self.lat0[k]),
                                       float(self.lon0[k]))
            length2 = float(sx * sx + sy * sy)
            u = np.clip((x * sx + y * sy) / length2, 0.0, 1.0) if length2 > 0 else (
                np.zeros(len(rows)))
            distance = np.hypot(x - u * sx, y - u * sy)
            elevation = self.elevation0_m[k] + u * (self.elevation1_m[k]
                                                    - self.elevation0_m[k])
            closer = distance < best_distance[rows]
            best_elevation[rows[closer]] = elevation[closer]
            best_distance[rows[closer]] = distance[closer]
        for k in range(len(self.point_lat)):
            distance = geo.haversine_m(lat, lon, self.point_lat[k], self.point_lon[k])
            closer = distance < best_distance
            best_elevation = np.where(closer, self.point_elevation_m[k], best_elevation)
            best_distance = np.where(closer, distance, best_distance)
        return best_elevation, best_distance


# fixes farther than this (degrees of latitude, about 22 km) from both ends of a
# runway take their elevation from a nearer aerodrome or none
BOX_DEG = 0.2


def _near_box(lat: FloatArray, lon: FloatArray, lat0: float, lon0: float,
              lat1: float, lon1: float) -> np.ndarray:
    """Indexes of fixes inside a box around a runway, BOX_DEG of latitude wide
    around it (and as many kilometres in longitude)."""
    pad_lon = BOX_DEG / max(np.cos(np.radians(max(abs(lat0), abs(lat1)))), 0.01)
    inside = ((lat >= min(lat0, lat1) - BOX_DEG) & (lat <= max(lat0, lat1) + BOX_DEG)
              & (lon >= min(lon0, lon1) - pad_lon) & (lon <= max(lon0, lon1) + pad_lon))
    return np.flatnonzero(inside)


def _segment(airport: Airport, runway: Runway) -> tuple[float, ...] | None:
    """(lat0, lon0, lat1, lon1, elevation0, elevation1) of a runway, if it has both."""
    ends = [e for e in runway.ends if np.isfinite(e.lat) and np.isfinite(e.lon)]
    if len(ends) != 2:
        return None
    elevations = [e.elevation_m if np.isfinite(e.elevation_m) else airport.elevation_m
                  for e in ends]
    if not np.isfinite(elevations).all():
        return None
    return (ends[0].lat, ends[0].lon, ends[1].lat, ends[1].lon, *elevations)


def build_terrain(airports: Sequence[Airport]) -> Terrain:
    """The terrain of some aerodromes: their runway lines, else reference points."""
    segments, points = [], []
    for airport in airports:
        mine = [s for r in airport.runways if (s := _segment(airport, r)) is not None]
        segments += mine
        if not mine and np.isfinite(airport.elevation_m):
            points.append((airport.lat, airport.lon, airport.elevation_m))
    seg = np.asarray(segments, dtype=float).reshape(-1, 6)
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    return Terrain(seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3], seg[:, 4], seg[:, 5],
                   pts[:, 0], pts[:, 1], pts[:, 2])
