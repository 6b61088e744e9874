"""Height above the aerodrome, with the GPS altitude bias taken out.

GNSS altitude is often tens of metres off. The track's own time on the ground tells
by how much: while slow near an aerodrome the aircraft is at the aerodrome's
elevation, so the median altitude there minus the elevation is the bias. Each
ground period gives one estimate; between them the bias is interpolated in time, so
it may drift over a long session. Near a strip missing from the database, the
height is taken above the altitude the track itself recorded on the ground there.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from logbook import geo
from logbook.airports import Airport
from logbook.analysis.phases import BoolArray, FloatArray, Samples, runs
from logbook.analysis.runways import LANDING_TYPES, AirportSource
from logbook.analysis.terrain import Terrain, build_terrain

# slower than this over the ground, an aeroplane is on the ground (about 12 kt)
SLOW_SPEED_MPS = 6.0
# a ground period used for calibration lasts at least this long
MIN_GROUND_S = 4.0
# ground periods are cut into pieces this long: GNSS altitude error wanders
PIECE_S = 20.0
# a ground period belongs to an aerodrome whose runway or reference point is this near
GROUND_SITE_RADIUS_M = 3000.0
# heights are taken above an aerodrome within this distance
HEIGHT_SITE_RADIUS_M = 10000.0
# aerodromes are looked up in cells of this size (degrees) where the track is low
CELL_DEG = 0.05
# low: within this of the track's lowest altitude
LOW_BAND_M = 800.0


@dataclass(frozen=True)
class Sites:
    """Known points of aerodromes: reference points and runway thresholds."""

    airports: tuple[Airport, ...]
    airport_index: np.ndarray   # per site point, index into airports
    lat: FloatArray
    lon: FloatArray
    elevation_m: FloatArray
    terrain: Terrain

    def ident_near(self, lat: float, lon: float, radius_m: float) -> str | None:
        """Ident of the aerodrome with a site point nearest (lat, lon) in radius_m."""
        if not len(self.lat):
            return None
        distance = geo.haversine_m(lat, lon, self.lat, self.lon)
        i = int(np.argmin(distance))
        if distance[i] > radius_m:
            return None
        return self.airports[int(self.airport_index[i])].ident


def find_airports(samples: Samples, db: AirportSource) -> tuple[Airport, ...]:
    """The aerodromes near the low parts of the track."""
    altitude = samples.altitude_m
    low = samples.speed_mps < SLOW_SPEED_MPS
    if np.isfinite(altitude).any():
        low |= altitude < np.nanmin(altitude) + LOW_BAND_M
    cells = np.unique(np.round(np.column_stack(
        (samples.lat[low], samples.lon[low])) / CELL_DEG), axis=0)
    found: dict[str, Airport] = {}
    radius = CELL_DEG * 111_000.0 * 0.75 + HEIGHT_SITE_RADIUS_M / 2
    for lat, lon in cells * CELL_DEG:
        for airport in db.near(float(lat), float(lon), radius_m=radius):
            if airport.type in LANDING_TYPES or airport.runways:
                found.setdefault(airport.ident, airport)
    return tuple(found.values())


def site_points(airports: Sequence[Airport]) -> Sites:
    """Reference points and runway thresholds of airports, with their elevations."""
    rows = []
    for k, airport in enumerate(airports):
        rows.append((k, airport.lat, airport.lon, airport.elevation_m))
        for runway in airport.runways:
            for end in runway.ends:
                elevation = end.elevation_m
                if not np.isfinite(elevation):
                    elevation = airport.elevation_m
                rows.append((k, end.lat, end.lon, elevation))
    table = np.asarray(rows, dtype=float).reshape(-1, 4)
    keep = np.isfinite(table[:, 1]) & np.isfinite(table[:, 2])
    table = table[keep]
    return Sites(tuple(airports), table[:, 0].astype(int), table[:, 1], table[:, 2],
                 table[:, 3], build_terrain(airports))


def ground_periods(samples: Samples, ground: BoolArray) -> pd.DataFrame:
    """One row per piece of ground time (runs cut into pieces of about PIECE_S):
    mid time, median position, median GNSS altitude."""
    piece_of = np.full(len(samples), -1, dtype=np.int64)
    next_piece = 0
    for a, b in runs(ground):
        if samples.t_s[b] - samples.t_s[a] < MIN_GROUND_S:
            continue
        t = samples.t_s[a:b + 1]
        piece = np.floor((t - t[0]) / PIECE_S).astype(np.int64)
        piece_of[a:b + 1] = next_piece + piece
        next_piece += int(piece[-1]) + 1
    kept = piece_of >= 0
    frame = pd.DataFrame({"piece": piece_of[kept], "t_s": samples.t_s[kept],
                          "lat": samples.lat[kept], "lon": samples.lon[kept],
                          "altitude_m": samples.altitude_m[kept]})
    grouped = frame.groupby("piece", sort=True)
    periods = pd.DataFrame({"t_s": grouped["t_s"].mean(),
                            "lat": grouped["lat"].median(),
                            "lon": grouped["lon"].median(),
                            "altitude_m": grouped["altitude_m"].median()})
    return periods.dropna(subset=["altitude_m"]).reset_index(drop=True)


def height_above_aerodrome(samples: Samples, sites: Sites,
                           ground: BoolArray | None = None) -> FloatArray:
    """Height of each fix above the nearest aerodrome, bias removed; NaN if none.

    `ground` marks fixes known to be on the ground; by default the slow ones.
    """
    if ground is None:
        ground = samples.speed_mps < SLOW_SPEED_MPS
    periods = ground_periods(samples, ground)
    ground_m, distance = sites.terrain.elevation_m(periods["lat"].to_numpy(),
                                                   periods["lon"].to_numpy())
    at_site = distance <= GROUND_SITE_RADIUS_M
    bias = periods["altitude_m"].to_numpy() - ground_m
    bias_t = periods["t_s"].to_numpy()[at_site]
    bias_m = np.interp(samples.t_s, bias_t, bias[at_site]) if at_site.any() else (
        np.zeros(len(samples)))
    fix_ground_m, fix_distance = sites.terrain.elevation_m(samples.lat, samples.lon)
    reference = np.where(fix_distance <= HEIGHT_SITE_RADIUS_M, fix_ground_m + bias_m,
                         np.nan)
    strips = periods[~at_site]
    if len(strips):
        reference = _strip_reference(samples, strips, reference)
    return np.asarray(samples.altitude_m - reference)


def _strip_reference(samples: Samples, strips: pd.DataFrame,
                     reference: FloatArray) -> FloatArray:
    """Fill the reference altitude near ground periods away from known aerodromes."""
    todo = np.flatnonzero(np.isnan(reference))
    nearest, _ = geo.nearest_within(samples.lat[todo], samples.lon[todo],
                                    strips["lat"].to_numpy(), strips["lon"].to_numpy(),
                                    HEIGHT_SITE_RADIUS_M / 2)
    filled = reference.copy()
    found = nearest >= 0
    filled[todo[found]] = strips["altitude_m"].to_numpy()[nearest[found]]
    return filled
