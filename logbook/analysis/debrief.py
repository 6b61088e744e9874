"""The lesson debrief: how each landing and circuit of a flight went.

From the track and the flight the analysis found (or the flight as stored), per
landing: where the wheels touched the runway, how fast, the final approach path
angle and how well the aircraft kept the extended centreline; per circuit: its
height and downwind spacing. Heights are above the runway, with the GPS altitude
bias measured on the ground (``logbook.analysis.calibrate``).

>>> debrief = debrief_flight(track, flight, airport)      # doctest: +SKIP
>>> [round(x.touchdown_distance_m) for x in debrief.landings]  # doctest: +SKIP
[35, -19, 55, 12, 40, 28]
"""

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from logbook import geo, units
from logbook.airports import Airport, Runway, RunwayEnd
from logbook.events import Circuit, Flight, GoAround, Landing, Leg, Takeoff
from logbook.track import Track

if TYPE_CHECKING:
    from logbook.analysis.phases import Samples
    from logbook.store.records import FlightRecord

# the final approach is judged from this height down to the threshold
FINAL_TOP_M = units.ft_to_m(300.0)
# a final approach is looked for in this long before the touchdown
FINAL_LOOKBACK_S = 180.0
# fewer fixes than this on final tell nothing
MIN_FINAL_FIXES = 3
# slower than this the aircraft is on the ground (fallback calibration)
SLOW_SPEED_MPS = 6.0


@dataclass(frozen=True)
class LandingDebrief:
    """One landing: touchdown and the final approach before it (NaN: unknown)."""

    number: int
    time: pd.Timestamp
    kind: str
    runway: str | None
    touchdown_distance_m: float   # past the landing threshold (negative: short of it)
    touchdown_speed_mps: float    # ground speed
    approach_angle_deg: float     # path angle from ~300 ft to the threshold
    threshold_height_m: float     # height crossing the threshold
    centreline_max_m: float       # largest lateral offset on final (absolute)
    centreline_rms_m: float       # root mean square lateral offset on final


@dataclass(frozen=True)
class CircuitDebrief:
    """One circuit: its height above the runway and downwind spacing."""

    number: int
    start: pd.Timestamp
    runway: str | None
    direction: str
    height_m: float
    downwind_distance_m: float
    duration_s: float


@dataclass(frozen=True)
class GoAroundDebrief:
    """An abandoned approach and how low it came."""

    time: pd.Timestamp
    runway: str | None
    lowest_height_m: float


@dataclass(frozen=True)
class Debrief:
    """The debrief of one flight."""

    date: str
    airport: str | None
    block_s: float
    airborne_s: float
    landings: tuple[LandingDebrief, ...]
    circuits: tuple[CircuitDebrief, ...]
    go_arounds: tuple[GoAroundDebrief, ...]


def as_flight(flight: "Flight | FlightRecord") -> Flight:
    """The analysis' Flight for a stored FlightRecord (a Flight is returned as is)."""
    if isinstance(flight, Flight):
        return flight

    def t(text: str | None) -> pd.Timestamp | None:
        return None if text is None else pd.Timestamp(text)

    def number(value: float | None) -> float:
        return math.nan if value is None else float(value)

    r = flight
    return Flight(
        off_block=pd.Timestamp(r.off_block_utc), on_block=pd.Timestamp(r.on_block_utc),
        takeoff=t(r.takeoff_utc), landing=t(r.landing_utc), departure=r.departure,
        arrival=r.arrival, partial=r.partial,
        takeoffs=tuple(Takeoff(pd.Timestamp(x["time_utc"]), x.get("airport"),
                               x.get("runway"), bool(x.get("uncertain")))
                       for x in r.takeoffs),
        landings=tuple(Landing(pd.Timestamp(x["time_utc"]), x.get("airport"),
                               x.get("runway"), x["kind"], bool(x.get("uncertain")),
                               number(x.get("touchdown_speed_mps")),
                               number(x.get("touchdown_distance_m")))
                       for x in r.landings),
        go_arounds=tuple(GoAround(pd.Timestamp(x["time_utc"]), x.get("airport"),
                                  x.get("runway"), number(x.get("lowest_ft_agl")))
                         for x in r.go_arounds),
        circuits=tuple(Circuit(pd.Timestamp(c["start_utc"]), pd.Timestamp(c["end_utc"]),
                               c.get("airport"), c.get("runway"), c["direction"],
                               tuple(Leg(leg["name"], pd.Timestamp(leg["start_utc"]),
                                         pd.Timestamp(leg["end_utc"]))
                                     for leg in c.get("legs", [])),
                               number(c.get("height_m")),
                               number(c.get("downwind_distance_m")))
                       for c in r.circuits),
    )


def flight_profile(track: Track, airport: Airport | None) -> pd.DataFrame:
    """The track as the plots and the debrief read it, one row per fix.

    Columns: `time`, `x_m`, `y_m` (east and north of the airport's reference point,
    else of the first fix), `height_m` (above the airport, GPS bias removed) and
    `speed_mps` (ground speed, from positions where the receiver gave none).
    """
    from logbook.analysis.phases import to_samples

    samples = to_samples(track.points)
    lat0, lon0 = ((airport.lat, airport.lon) if airport is not None
                  else (float(samples.lat[0]), float(samples.lon[0])))
    x_m, y_m = geo.to_local_xy_m(samples.lat, samples.lon, lat0, lon0)
    return pd.DataFrame({"time": samples.time, "x_m": x_m, "y_m": y_m,
                         "height_m": _height_m(samples, airport),
                         "speed_mps": samples.speed_mps})


def _height_m(samples: "Samples", airport: Airport | None) -> np.ndarray:
    """Calibrated height above the airport; above the ground altitude without one."""
    from logbook.analysis.calibrate import height_above_aerodrome, site_points

    if airport is not None:
        height = height_above_aerodrome(samples, site_points([airport]))
        if np.isfinite(height).any():
            return np.asarray(height)
    slow = samples.speed_mps < SLOW_SPEED_MPS
    ground = samples.altitude_m[slow] if slow.any() else samples.altitude_m
    return np.asarray(samples.altitude_m - np.nanmedian(ground))


@dataclass(frozen=True)
class RunwayAxis:
    """A landing direction: the threshold, the true course along the runway."""

    designator: str
    lat: float
    lon: float
    heading_deg: float

    def along_cross_m(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Metres past the threshold and right of the centreline, per point."""
        x_m, y_m = geo.to_local_xy_m(lat, lon, self.lat, self.lon)
        h = np.radians(self.heading_deg)
        return x_m * np.sin(h) + y_m * np.cos(h), x_m * np.cos(h) - y_m * np.sin(h)


def runway_axis(airport: Airport | None, designator: str | None) -> RunwayAxis | None:
    """The landing direction of a runway end named by its designator, if known."""
    if airport is None or designator is None:
        return None
    for runway in airport.runways:
        for end in runway.ends:
            if end.designator == designator:
                return RunwayAxis(end.designator, end.lat, end.lon,
                                  _true_heading_deg(runway, end))
    return None


def _true_heading_deg(runway: Runway, end: RunwayEnd) -> float:
    others = [e for e in runway.ends if e is not end]
    if others and not (end.position_estimated and others[0].position_estimated):
        return float(geo.bearing_deg(end.lat, end.lon, others[0].lat, others[0].lon))
    return float(end.heading_deg)


def final_approach(track: Track, profile: pd.DataFrame, axis: RunwayAxis,
                   touchdown: pd.Timestamp, *, top_m: float = FINAL_TOP_M) -> pd.DataFrame:
    """The fixes of the final approach to a touchdown, from `top_m` (~300 ft) down
    to the threshold: those after the last fix higher than `top_m`.

    Columns: `time`, `distance_m` (to go to the threshold), `cross_m` (right of the
    extended centreline), `height_m`, `speed_mps`; empty when none fits.
    """
    window = ((profile["time"] >= touchdown - pd.Timedelta(seconds=FINAL_LOOKBACK_S))
              & (profile["time"] <= touchdown)).to_numpy()
    points = track.points.loc[window]
    along, cross = axis.along_cross_m(points["lat"].to_numpy(float),
                                      points["lon"].to_numpy(float))
    part = profile.loc[window]
    height = part["height_m"].to_numpy()
    above = np.flatnonzero(height > top_m)
    first = above[-1] + 1 if len(above) else 0
    keep = (np.arange(len(height)) >= first) & (along < 0)
    return pd.DataFrame({"time": part["time"].to_numpy()[keep], "distance_m": -along[keep],
                         "cross_m": cross[keep], "height_m": height[keep],
                         "speed_mps": part["speed_mps"].to_numpy()[keep]})


def _path_angle_deg(final: pd.DataFrame) -> tuple[float, float]:
    """Approach path angle (least squares) and the height over the threshold."""
    if len(final) < MIN_FINAL_FIXES or np.ptp(final["distance_m"]) < 50.0:
        return math.nan, math.nan
    slope, intercept = np.polyfit(final["distance_m"], final["height_m"], 1)
    return float(np.degrees(np.arctan(slope))), float(intercept)


def debrief_landing(track: Track, profile: pd.DataFrame, airport: Airport | None,
                    landing: Landing, number: int) -> LandingDebrief:
    """The debrief of one landing."""
    axis = runway_axis(airport, landing.runway)
    distance_m, speed_mps = landing.touchdown_distance_m, landing.touchdown_speed_mps
    if not math.isfinite(speed_mps):
        t_s = (profile["time"] - landing.time).dt.total_seconds().to_numpy()
        speed_mps = float(np.interp(0.0, t_s, profile["speed_mps"]))
    angle_deg = threshold_m = max_m = rms_m = math.nan
    if axis is not None:
        final = final_approach(track, profile, axis, landing.time)
        angle_deg, threshold_m = _path_angle_deg(final)
        if len(final) >= MIN_FINAL_FIXES:
            cross = final["cross_m"].to_numpy()
            max_m = float(np.max(np.abs(cross)))
            rms_m = float(np.sqrt(np.mean(cross**2)))
        if not math.isfinite(distance_m):
            distance_m = _touchdown_distance_m(track, axis, landing.time)
    return LandingDebrief(number, landing.time, landing.kind, landing.runway, distance_m,
                          speed_mps, angle_deg, threshold_m, max_m, rms_m)


def _touchdown_distance_m(track: Track, axis: RunwayAxis, time: pd.Timestamp) -> float:
    p = track.points
    t_s = (p["time"] - time).dt.total_seconds().to_numpy()
    along, _ = axis.along_cross_m(p["lat"].to_numpy(float), p["lon"].to_numpy(float))
    return float(np.interp(0.0, t_s, along))


def debrief_flight(track: Track, flight: "Flight | FlightRecord",
                   airport: Airport | None) -> Debrief:
    """Touchdowns, final approaches, circuits and go-arounds of one flight.

    `flight` is what ``analyse_track`` found or what ``Logbook.flight`` stored;
    `airport` the one the lesson flew at (its runways place the thresholds).
    """
    f = as_flight(flight)
    profile = flight_profile(track, airport)
    landings = tuple(debrief_landing(track, profile, airport, x, n)
                     for n, x in enumerate(f.landings, 1))
    circuits = tuple(CircuitDebrief(n, c.start, c.runway, c.direction, c.height_m,
                                    c.downwind_distance_m,
                                    (c.end - c.start).total_seconds())
                     for n, c in enumerate(f.circuits, 1))
    go_arounds = tuple(GoAroundDebrief(g.time, g.runway, units.ft_to_m(g.lowest_ft_agl))
                       for g in f.go_arounds)
    when = f.takeoff if f.takeoff is not None else f.off_block
    return Debrief(when.strftime("%Y-%m-%d"), f.departure, f.block_s, f.airborne_s,
                   landings, circuits, go_arounds)


# text, as `logbook show FLIGHT` prints it


def _fmt(value: float, spec: str, unit: str = "") -> str:
    return "-" if not math.isfinite(value) else f"{value:{spec}}{unit}"


def render_debrief_text(debrief: Debrief) -> list[str]:
    """The debrief as lines of text: a landings table, then a circuits table."""
    lines = []
    if debrief.landings:
        lines.append("  landing   time      kind           touchdown   speed  approach"
                     "  over thr  centreline max/rms")
    for x in debrief.landings:
        lines.append(
            f"  {x.number:>7}   {x.time:%H:%M:%S}  {x.kind.replace('_', '-'):<13}"
            f"  {_fmt(x.touchdown_distance_m, '>5.0f', ' m'):>9}"
            f"  {_fmt(units.mps_to_kt(x.touchdown_speed_mps), '>3.0f', ' kt'):>6}"
            f"  {_fmt(x.approach_angle_deg, '>4.1f', ' deg'):>8}"
            f"  {_fmt(units.m_to_ft(x.threshold_height_m), '>4.0f', ' ft'):>8}"
            f"  {_fmt(x.centreline_max_m, '.0f')} / {_fmt(x.centreline_rms_m, '.0f')} m")
    if debrief.circuits:
        lines.append("  circuit   start     runway  direction  height   downwind")
    for c in debrief.circuits:
        lines.append(
            f"  {c.number:>7}   {c.start:%H:%M:%S}  {c.runway or '?':<6}  {c.direction:<9}"
            f"  {_fmt(units.m_to_ft(c.height_m), '>4.0f', ' ft'):>7}"
            f"  {_fmt(units.m_to_nm(c.downwind_distance_m), '.2f', ' nm'):>7}")
    return lines
