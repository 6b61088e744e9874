"""Point-mass kinematics of a light aircraft, stepped in time.

The model works in a flat local frame (east, north in metres from the departure
threshold, altitude in metres MSL). A pilot steers along lines and towards points:
headings change at the bank-limited turn rate, the ground velocity is the air
velocity plus the wind (so the aircraft crabs on final), speeds and vertical speed
change at bounded rates. Each manoeuvre is a method that steps until its condition.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from logbook import geo, units
from logbook.simulate.scenario import Aircraft, RunwaySpec

STEP_S = 0.2            # integration step; output fixes are interpolated from it
GRAVITY_MPS2 = 9.80665
AIR_ACCEL_MPS2 = 0.6    # gentle airspeed changes in flight
VERTICAL_TAU_S = 1.5    # time constant of vertical-speed changes
GROUND_TURN_DPS = 20.0  # nose-wheel steering rate while taxiing
LOOKAHEAD_AIR_M = 250.0  # line-following: distance to converge on a line
LOOKAHEAD_GROUND_M = 40.0
MAX_STEP_COUNT = 200_000  # 11 simulated hours: a manoeuvre that never ends is a bug


def _wrap_rad(angle: float) -> float:
    return (angle + math.pi) % (2 * math.pi) - math.pi


@dataclass(frozen=True)
class RunwayFrame:
    """A runway in the local frame: `a` along the runway from the threshold,
    `c` across it, positive to the right of the landing direction."""

    spec: RunwaySpec
    east_m: float
    north_m: float

    @classmethod
    def from_spec(cls, spec: RunwaySpec, lat0: float, lon0: float) -> "RunwayFrame":
        east, north = geo.to_local_xy_m(spec.threshold_lat, spec.threshold_lon,
                                        lat0, lon0)
        return cls(spec, float(east), float(north))

    @property
    def heading_rad(self) -> float:
        return math.radians(self.spec.heading_deg)

    @property
    def length_m(self) -> float:
        return self.spec.length_m

    def to_local(self, along_m: float, across_m: float) -> tuple[float, float]:
        h = self.heading_rad
        east = self.east_m + along_m * math.sin(h) + across_m * math.cos(h)
        north = self.north_m + along_m * math.cos(h) - across_m * math.sin(h)
        return east, north

    def ground_m(self, east_m: float, north_m: float) -> float:
        """Aerodrome ground elevation here: the runway's, sloping from end to end."""
        along, _ = self.to_runway(east_m, north_m)
        return self.spec.elevation_at_m(along / self.length_m)

    def to_runway(self, east_m: float, north_m: float) -> tuple[float, float]:
        h = self.heading_rad
        de, dn = east_m - self.east_m, north_m - self.north_m
        return de * math.sin(h) + dn * math.cos(h), de * math.cos(h) - dn * math.sin(h)


@dataclass
class Sample:
    """The exact state at one integration step."""

    t_s: float
    east_m: float
    north_m: float
    altitude_m: float
    east_mps: float
    north_mps: float
    vertical_mps: float
    height_m: float
    on_ground: bool


class FlightModel:
    """The aircraft's state and the manoeuvres that change it."""

    def __init__(self, aircraft: Aircraft, *, wind_from_deg: float, wind_kt: float,
                 field: RunwayFrame) -> None:
        self.aircraft = aircraft
        wind_mps = units.kt_to_mps(wind_kt)
        to_rad = math.radians(wind_from_deg + 180.0)
        self.wind_east_mps = wind_mps * math.sin(to_rad)
        self.wind_north_mps = wind_mps * math.cos(to_rad)
        self.t_s = 0.0
        self.east_m, self.north_m = field.east_m, field.north_m
        self.field = field                   # the aerodrome (runway) in use
        self.altitude_m = self.ground_m
        self.heading_rad = 0.0
        self.speed_mps = 0.0                 # ground speed on the ground, airspeed aloft
        self.vertical_mps = 0.0
        self.on_ground = True
        self.samples: list[Sample] = []
        self.touchdown_s: float | None = None  # set when a landing touches down
        self.landing_armed = False
        self._record()

    # ----------------------------------------------------------------- state
    @property
    def ground_m(self) -> float:
        return self.field.ground_m(self.east_m, self.north_m)

    @property
    def height_m(self) -> float:
        return self.altitude_m - self.ground_m

    def velocity(self) -> tuple[float, float]:
        """Ground velocity (east, north) in m/s."""
        ve = self.speed_mps * math.sin(self.heading_rad)
        vn = self.speed_mps * math.cos(self.heading_rad)
        if self.on_ground:
            return ve, vn
        return ve + self.wind_east_mps, vn + self.wind_north_mps

    def headwind_mps(self) -> float:
        """The wind component against the nose."""
        return -(self.wind_east_mps * math.sin(self.heading_rad)
                 + self.wind_north_mps * math.cos(self.heading_rad))

    def airspeed_mps(self) -> float:
        return self.speed_mps + self.headwind_mps() if self.on_ground else self.speed_mps

    def restart_recording(self) -> None:
        """Forget the states so far: the recording starts at the current state."""
        self.samples.clear()
        self._record()

    def _record(self) -> None:
        ve, vn = self.velocity()
        self.samples.append(Sample(self.t_s, self.east_m, self.north_m, self.altitude_m,
                                   ve, vn, self.vertical_mps, self.height_m,
                                   self.on_ground))

    # ------------------------------------------------------------- guidance
    def track_to_line(self, east_m: float, north_m: float, bearing_rad: float) -> float:
        """The ground track that converges on a line through a point."""
        de, dn = self.east_m - east_m, self.north_m - north_m
        right_m = de * math.cos(bearing_rad) - dn * math.sin(bearing_rad)
        lookahead = LOOKAHEAD_GROUND_M if self.on_ground else LOOKAHEAD_AIR_M
        return bearing_rad - math.atan(right_m / lookahead)

    def heading_for_track(self, track_rad: float) -> float:
        """The heading that makes good `track_rad` through the wind."""
        if self.on_ground or self.speed_mps < 1.0:
            return track_rad
        across = (self.wind_east_mps * math.cos(track_rad)
                  - self.wind_north_mps * math.sin(track_rad))
        return track_rad - math.asin(max(-0.9, min(0.9, across / self.speed_mps)))

    # ------------------------------------------------------------- stepping
    def step(self, *, track_rad: float, speed_mps: float, vertical_mps: float = 0.0,
             accel_mps2: float = AIR_ACCEL_MPS2) -> None:
        """Advance one step towards a commanded track, speed and vertical speed."""
        dt = STEP_S
        want = self.heading_for_track(track_rad)
        if self.on_ground:
            rate = math.radians(GROUND_TURN_DPS)
        else:
            bank = math.radians(self.aircraft.bank_deg)
            rate = GRAVITY_MPS2 * math.tan(bank) / max(self.speed_mps, 10.0)
        turn = _wrap_rad(want - self.heading_rad)
        self.heading_rad += max(-rate * dt, min(rate * dt, turn))
        change = speed_mps - self.speed_mps
        self.speed_mps += max(-accel_mps2 * dt, min(accel_mps2 * dt, change))
        self.speed_mps = max(self.speed_mps, 0.0)
        if not self.on_ground:
            self.vertical_mps += (vertical_mps - self.vertical_mps) * dt / VERTICAL_TAU_S
        ve, vn = self.velocity()
        self.east_m += ve * dt
        self.north_m += vn * dt
        old_height_m = self.altitude_m - self.field.ground_m(self.east_m - ve * dt,
                                                             self.north_m - vn * dt)
        new_alt = self.altitude_m + self.vertical_mps * dt
        if self.on_ground:
            self.altitude_m = self.ground_m
        elif self.landing_armed and new_alt <= self.ground_m:
            self._touch_down(old_height_m, new_alt - self.ground_m, dt)
        else:
            self.altitude_m = new_alt
        self.t_s += dt
        self._record()

    def _touch_down(self, old_height_m: float, new_height_m: float, dt: float) -> None:
        fraction = old_height_m / max(old_height_m - new_height_m, 1e-9)
        self.touchdown_s = self.t_s + fraction * dt
        ve, vn = self.velocity()
        self.heading_rad = math.atan2(ve, vn)
        self.speed_mps = math.hypot(ve, vn)
        self.altitude_m = self.ground_m
        self.vertical_mps = 0.0
        self.on_ground = True
        self.landing_armed = False

    def lift_off(self) -> None:
        """Leave the ground at the current airspeed."""
        self.speed_mps = self.airspeed_mps()
        self.on_ground = False

    def run_until(self, command: Callable[[], tuple[float, float, float, float]],
                  done: Callable[[], bool]) -> None:
        """Step with `command() -> (track, speed, vertical, accel)` until `done()`."""
        for _ in range(MAX_STEP_COUNT):
            if done():
                return
            track, speed, vertical, accel = command()
            self.step(track_rad=track, speed_mps=speed, vertical_mps=vertical,
                      accel_mps2=accel)
        raise RuntimeError("simulated manoeuvre did not finish")

    def hold(self, duration_s: float) -> None:
        """Stand still on the ground."""
        end = self.t_s + duration_s
        self.run_until(lambda: (self.heading_rad, 0.0, 0.0, 3.0),
                       lambda: self.t_s >= end - 1e-9)

    def taxi_to(self, waypoints: list[tuple[float, float]], *, speed_mps: float,
                stop: bool = True) -> None:
        """Taxi through local-frame waypoints, slowing in turns, stopping at the end."""
        for i, (east, north) in enumerate(waypoints):
            last = i == len(waypoints) - 1

            def command(east: float = east, north: float = north,
                        last: bool = last) -> tuple[float, float, float, float]:
                dist = math.hypot(east - self.east_m, north - self.north_m)
                bearing = math.atan2(east - self.east_m, north - self.north_m)
                slow = abs(_wrap_rad(bearing - self.heading_rad)) > math.radians(30)
                want = speed_mps
                if slow:  # turn tighter than the distance left, or circle for ever
                    tight = math.radians(GROUND_TURN_DPS) * dist / 2.5
                    want = min(0.4 * speed_mps, max(0.5, tight))
                if last and stop:
                    want = min(want, math.sqrt(2 * 0.8 * max(dist - 1.0, 0.0)))
                return bearing, want, 0.0, 1.0

            reach_m = 2.0 if last and stop else 8.0

            def done(east: float = east, north: float = north, reach_m: float = reach_m,
                     last: bool = last) -> bool:
                dist = math.hypot(east - self.east_m, north - self.north_m)
                stopped = last and stop and self.speed_mps < 0.05 and dist < 6.0
                return dist < reach_m or stopped

            self.run_until(command, done)
        if stop:
            self.speed_mps = 0.0
