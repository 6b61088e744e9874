"""The pilot's script: parked, taxi, take-off, circuits, landings, taxi in.

`fly_session(scenario)` runs a `FlightModel` through the whole session and returns
its exact states with the truth events and circuit legs, times in seconds.
"""

import math
from dataclasses import dataclass, field

from logbook import units
from logbook.simulate.flight import GRAVITY_MPS2, FlightModel, RunwayFrame, Sample
from logbook.simulate.scenario import Scenario

GLIDE_DEG = 3.0              # standard approach path
CROSSWIND_TURN_FT = 500.0    # climb-out height at which the crosswind turn starts
FLARE_M = 6.0                # height at which the flare starts
SLOW_DOWN_M = 15.0           # height below which the airspeed bleeds to touchdown speed
TOUCH_AND_GO_ROLL_S = 4.0    # on the runway before power goes back on
STOP_AND_GO_HOLD_S = 8.0
APRON_ACROSS_M = 180.0       # parking: this far from the centreline, opposite the circuit
TAXIWAY_ACROSS_M = 70.0      # a parallel taxiway
LINE_UP_S = 5.0              # stopped on the centreline before the take-off roll
TRIP_CLIMB_FT = 1500.0       # en route: this much above the higher aerodrome's circuit
TRIP_DESCENT_M = 9000.0      # start down to circuit height this far from the join
AFTER_LAST_CLIMB_S = 60.0    # ends_airborne: recorded this long after the climb-out


@dataclass(frozen=True)
class FlownEvent:
    """A truth event, timed in seconds from the start of the session."""

    kind: str
    t_s: float
    airport: str
    runway: str
    landing_kind: str | None = None
    lowest_ft_agl: float | None = None


@dataclass(frozen=True)
class FlownLeg:
    """The start of a circuit leg, in seconds from the start of the session."""

    circuit: int
    leg: str
    t_s: float
    airport: str
    runway: str


@dataclass
class Flown:
    """What `fly_session` returns: states, events and legs, times in seconds."""

    samples: list[Sample]
    events: list[FlownEvent] = field(default_factory=list)
    legs: list[FlownLeg] = field(default_factory=list)


class Session:
    """One session being flown; methods are the pilot's manoeuvres."""

    def __init__(self, scenario: Scenario) -> None:
        self.sc = scenario
        spec = scenario.runway
        self.rw = RunwayFrame.from_spec(spec, spec.threshold_lat, spec.threshold_lon)
        self.side = -1.0 if scenario.direction == "left" else 1.0
        self.ac = scenario.aircraft
        self.m = FlightModel(self.ac, wind_from_deg=scenario.wind_from_deg,
                             wind_kt=scenario.wind_kt, field=self.rw)
        self.flown = Flown(self.m.samples)
        self.circuit = 0
        self.pattern_m = units.ft_to_m(scenario.pattern_height_ft)
        self.climb_mps = units.fpm_to_mps(self.ac.climb_fpm)
        self.descent_mps = units.fpm_to_mps(self.ac.descent_fpm)

    # ------------------------------------------------------------ helpers
    def pos(self) -> tuple[float, float]:
        """(along, across) in the runway in use."""
        return self.rw.to_runway(self.m.east_m, self.m.north_m)

    def event(self, kind: str, t_s: float | None = None, *,
              landing_kind: str | None = None,
              lowest_ft_agl: float | None = None) -> None:
        self.flown.events.append(FlownEvent(
            kind, self.m.t_s if t_s is None else t_s, self.rw.spec.airport,
            self.rw.spec.designator, landing_kind, lowest_ft_agl))

    def leg(self, name: str) -> None:
        self.flown.legs.append(FlownLeg(self.circuit, name, self.m.t_s,
                                        self.rw.spec.airport, self.rw.spec.designator))

    def line(self, along_m: float, across_m: float, relative_deg: float) -> float:
        """Track converging on a line through a runway-frame point."""
        east, north = self.rw.to_local(along_m, across_m)
        bearing = self.rw.heading_rad + math.radians(relative_deg)
        return self.m.track_to_line(east, north, bearing)

    def vertical_to(self, height_m: float, feed_mps: float = 0.0) -> float:
        """Vertical speed that brings the aircraft to a height above the runway."""
        want = feed_mps + (height_m - self.m.height_m) / 6.0
        return max(-self.descent_mps * 1.3, min(self.climb_mps, want))

    def turn_radius_m(self, speed_kt: float) -> float:
        speed = units.kt_to_mps(speed_kt)
        return speed**2 / (GRAVITY_MPS2 * math.tan(math.radians(self.ac.bank_deg)))

    @property
    def base_along_m(self) -> float:
        return -max(1.2 * self.sc.downwind_offset_m, 900.0)

    @property
    def aim_m(self) -> float:
        """Where the glide path meets the runway (the flare floats past it)."""
        return min(200.0, 0.15 * self.rw.length_m)

    def glide_height_m(self, remaining_m: float) -> float:
        return max(remaining_m, 0.0) * math.tan(math.radians(GLIDE_DEG))

    def ground_speed_mps(self) -> float:
        return math.hypot(*self.m.velocity())

    # ------------------------------------------------------- ground phases
    def apron(self) -> tuple[float, float]:
        return self.rw.to_local(0.5 * self.rw.length_m, -self.side * APRON_ACROSS_M)

    def taxiway(self, along_m: float) -> tuple[float, float]:
        return self.rw.to_local(along_m, -self.side * TAXIWAY_ACROSS_M)

    def park_and_start(self) -> None:
        self.m.east_m, self.m.north_m = self.apron()
        self.m.heading_rad = self.rw.heading_rad + self.side * math.pi / 2
        self.m.altitude_m = self.m.ground_m
        self.m.restart_recording()
        self.m.hold(self.sc.parked_s)
        self.event("off_block")
        start = self.m.t_s
        taxi = units.kt_to_mps(self.ac.taxi_kt)
        self.m.taxi_to([self.taxiway(0.5 * self.rw.length_m), self.taxiway(25.0)],
                       speed_mps=taxi)
        self.m.hold(max(10.0, self.sc.taxi_out_s - (self.m.t_s - start) - 25.0))
        self.line_up()

    def line_up(self) -> None:
        side = -self.side
        self.m.taxi_to([self.rw.to_local(30.0, side * 25.0), self.rw.to_local(50.0, 0.0),
                        self.rw.to_local(70.0, 0.0)],
                       speed_mps=units.kt_to_mps(6.0))
        self.m.heading_rad = self.rw.heading_rad
        self.m.hold(LINE_UP_S)

    def vacate_and_taxi_in(self) -> None:
        along, _ = self.pos()
        turn_off = min(along + 30.0, self.rw.length_m - 10.0)
        start = self.m.t_s
        taxi = units.kt_to_mps(self.ac.taxi_kt)
        self.m.taxi_to([self.rw.to_local(turn_off, -self.side * 25.0),
                        self.taxiway(turn_off), self.taxiway(0.5 * self.rw.length_m)],
                       speed_mps=taxi)
        self.m.hold(max(0.0, self.sc.taxi_in_s - (self.m.t_s - start) - 30.0))
        self.m.taxi_to([self.apron()], speed_mps=taxi)
        self.event("on_block")
        self.m.hold(self.sc.parked_s)

    def taxi_back(self) -> None:
        along, _ = self.pos()
        turn_off = min(along + 30.0, self.rw.length_m - 10.0)
        self.m.taxi_to([self.rw.to_local(turn_off, -self.side * 25.0),
                        self.taxiway(turn_off), self.taxiway(25.0)],
                       speed_mps=units.kt_to_mps(self.ac.taxi_kt))
        self.m.hold(20.0)
        self.line_up()

    def fast_taxi(self, speed_kt: float) -> None:
        """Along the runway at `speed_kt`, never lifting off, then slow to taxi speed."""
        fast, taxi = units.kt_to_mps(speed_kt), units.kt_to_mps(self.ac.taxi_kt)
        self.m.run_until(lambda: (self.line(0.0, 0.0, 0.0), fast, 0.0, 1.2),
                         lambda: self.pos()[0] >= 0.55 * self.rw.length_m)
        self.m.run_until(lambda: (self.line(0.0, 0.0, 0.0), taxi, 0.0, 1.5),
                         lambda: self.m.speed_mps <= taxi + 0.1)

    # -------------------------------------------------------- take-off
    def takeoff_roll(self) -> None:
        rotate = units.kt_to_mps(self.ac.rotate_kt)
        self.m.run_until(
            lambda: (self.line(0.0, 0.0, 0.0), 60.0, 0.0, self.ac.takeoff_accel_mps2),
            lambda: self.m.airspeed_mps() >= rotate)
        self.m.lift_off()
        self.event("takeoff")

    def climb_command(self, along_deg: float = 0.0) -> tuple[float, float, float, float]:
        return (self.line(0.0, 0.0, along_deg), units.kt_to_mps(self.ac.climb_kt),
                self.vertical_to(self.pattern_m), 0.8)

    def upwind(self) -> None:
        self.leg("upwind")
        turn_m = units.ft_to_m(CROSSWIND_TURN_FT)
        self.m.run_until(self.climb_command,
                         lambda: self.m.height_m >= turn_m
                         and self.pos()[0] >= self.rw.length_m)

    def crosswind(self) -> None:
        self.leg("crosswind")
        along, _ = self.pos()
        offset = self.sc.downwind_offset_m
        radius = self.turn_radius_m(self.ac.cruise_kt)

        def command() -> tuple[float, float, float, float]:
            speed = self.ac.cruise_kt if self.m.height_m > self.pattern_m - 30 else \
                self.ac.climb_kt
            return (self.line(along, 0.0, self.side * 90.0), units.kt_to_mps(speed),
                    self.vertical_to(self.pattern_m), 0.6)

        self.m.run_until(command, lambda: self.side * self.pos()[1] >= offset - radius)
