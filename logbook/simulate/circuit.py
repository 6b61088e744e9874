"""Circuit legs, the five ways a circuit ends, the trip away, and the whole session."""

import math

from logbook import units
from logbook.simulate.flight import RunwayFrame
from logbook.simulate.scenario import RunwaySpec, Scenario
from logbook.simulate.session import (
    AFTER_LAST_CLIMB_S,
    FLARE_M,
    GLIDE_DEG,
    SLOW_DOWN_M,
    STOP_AND_GO_HOLD_S,
    TOUCH_AND_GO_ROLL_S,
    TRIP_CLIMB_FT,
    TRIP_DESCENT_M,
    Flown,
    Session,
)

Command = tuple[float, float, float, float]


def _approach_speed_kt(s: Session, pattern: str) -> float:
    return s.ac.cruise_kt if pattern == "low_pass" else s.ac.approach_kt


def _floor_m(s: Session, pattern: str) -> float:
    return units.ft_to_m(s.sc.low_pass_height_ft) if pattern == "low_pass" else 0.0


def downwind(s: Session, pattern: str) -> None:
    """Downwind at circuit height; descend from abeam the threshold."""
    s.leg("downwind")
    offset, base_m = s.sc.downwind_offset_m, s.base_along_m
    radius = s.turn_radius_m(_approach_speed_kt(s, pattern))
    floor = _floor_m(s, pattern)

    def command() -> Command:
        along, _ = s.pos()
        speed_kt = s.ac.cruise_kt
        target = s.pattern_m
        if along < 0:
            remaining = (along - base_m) + offset + (s.aim_m - base_m)
            target = max(floor, min(s.pattern_m, s.glide_height_m(remaining)))
            speed_kt = _approach_speed_kt(s, pattern)
        return (s.line(0.0, s.side * offset, 180.0), units.kt_to_mps(speed_kt),
                s.vertical_to(target), 0.6)

    s.m.run_until(command, lambda: s.pos()[0] <= base_m + radius)


def base(s: Session, pattern: str) -> None:
    """Base leg towards the extended centreline, on the glide path."""
    s.leg("base")
    base_m = s.base_along_m
    speed = units.kt_to_mps(_approach_speed_kt(s, pattern))
    radius = s.turn_radius_m(_approach_speed_kt(s, pattern))
    floor = _floor_m(s, pattern)
    slope = math.tan(math.radians(GLIDE_DEG))

    def command() -> Command:
        _, across = s.pos()
        remaining = s.side * across + (s.aim_m - base_m)
        target = max(floor, min(s.pattern_m, s.glide_height_m(remaining)))
        feed = -s.ground_speed_mps() * slope if target > floor else 0.0
        return (s.line(base_m, 0.0, -s.side * 90.0), speed,
                s.vertical_to(target, feed), 0.6)

    s.m.run_until(command, lambda: s.side * s.pos()[1] <= radius)


def approach_command(s: Session, *, flare: bool) -> Command:
    """On final: the glide path to the aim point, with a flare if landing."""
    along, _ = s.pos()
    height = s.m.height_m
    slope = math.tan(math.radians(GLIDE_DEG))
    vertical = s.vertical_to(s.glide_height_m(s.aim_m - along),
                             -s.ground_speed_mps() * slope)
    speed_kt = s.ac.approach_kt
    if flare and height < FLARE_M:
        vertical = max(vertical, -(0.3 + 0.3 * height))
    if flare and height < SLOW_DOWN_M:
        speed_kt = s.ac.touchdown_kt
    return s.line(0.0, 0.0, 0.0), units.kt_to_mps(speed_kt), vertical, 0.7


def land(s: Session, pattern: str) -> None:
    """Final to touchdown, then the ground roll the pattern asks for."""
    s.m.landing_armed = True
    s.m.run_until(lambda: approach_command(s, flare=True), lambda: s.m.on_ground)
    s.event("touchdown", s.m.touchdown_s, landing_kind=pattern)
    brake = s.ac.brake_decel_mps2
    if pattern == "touch_and_go":
        end_s = s.m.t_s + TOUCH_AND_GO_ROLL_S
        s.m.run_until(lambda: (s.line(0.0, 0.0, 0.0), 0.0, 0.0, 0.5),
                      lambda: s.m.t_s >= end_s)
        s.takeoff_roll()
    elif pattern == "stop_and_go":
        s.m.run_until(lambda: (s.line(0.0, 0.0, 0.0), 0.0, 0.0, brake),
                      lambda: s.m.speed_mps <= 0.0)
        s.m.hold(STOP_AND_GO_HOLD_S)
        s.takeoff_roll()
    else:
        taxi = units.kt_to_mps(s.ac.taxi_kt)
        s.m.run_until(lambda: (s.line(0.0, 0.0, 0.0), taxi, 0.0, brake),
                      lambda: s.m.speed_mps <= taxi + 0.05)


def go_around(s: Session) -> None:
    """Down the glide path to the go-around height, then climb away."""
    lowest_m = units.ft_to_m(s.sc.go_around_height_ft)
    s.m.run_until(lambda: approach_command(s, flare=False),
                  lambda: s.m.height_m <= lowest_m or s.pos()[0] >= -100.0)
    s.m.run_until(s.climb_command, lambda: s.m.vertical_mps >= 0.0)
    s.event("go_around", lowest_ft_agl=units.m_to_ft(s.m.height_m))


def low_pass(s: Session) -> None:
    """Level along the runway at low-pass height and cruise speed."""
    floor = _floor_m(s, "low_pass")
    speed = units.kt_to_mps(s.ac.cruise_kt)
    s.m.run_until(lambda: (s.line(0.0, 0.0, 0.0), speed, s.vertical_to(floor), 0.6),
                  lambda: s.pos()[0] >= 0.5 * s.rw.length_m)
    s.event("low_pass", lowest_ft_agl=units.m_to_ft(s.m.height_m))


def final(s: Session, pattern: str, *, is_last: bool) -> None:
    s.leg("final")
    if pattern == "go_around":
        go_around(s)
    elif pattern == "low_pass":
        low_pass(s)
    else:
        land(s, pattern)
        if pattern == "full_stop" and is_last:
            s.vacate_and_taxi_in()
        elif pattern == "full_stop":
            s.taxi_back()
            s.takeoff_roll()


def en_route(s: Session, destination: RunwaySpec) -> None:
    """Climb out, fly to the destination's downwind join, switch runway frames."""
    origin = s.rw.spec
    dest = RunwayFrame.from_spec(destination, origin.threshold_lat, origin.threshold_lon)
    turn_m = units.ft_to_m(500.0)
    s.m.run_until(s.climb_command, lambda: s.m.height_m >= turn_m)
    join = dest.to_local(dest.length_m + 600.0, s.side * s.sc.downwind_offset_m)
    top_m = max(origin.elevation_m, destination.elevation_m) + s.pattern_m \
        + units.ft_to_m(TRIP_CLIMB_FT)
    circuit_m = destination.elevation_m + s.pattern_m
    speed = units.kt_to_mps(s.ac.cruise_kt)

    def command() -> Command:
        de, dn = join[0] - s.m.east_m, join[1] - s.m.north_m
        target = top_m if math.hypot(de, dn) > TRIP_DESCENT_M else circuit_m
        vertical = max(-s.descent_mps, min(s.climb_mps, (target - s.m.altitude_m) / 6))
        return math.atan2(de, dn), speed, vertical, 0.6

    s.m.run_until(command, lambda: math.hypot(join[0] - s.m.east_m,
                                              join[1] - s.m.north_m) < 400.0)
    s.rw = dest
    s.m.field = dest


def start_airborne(s: Session) -> None:
    """Begin the recording mid-downwind at circuit height."""
    m = s.m
    m.east_m, m.north_m = s.rw.to_local(s.rw.length_m, s.side * s.sc.downwind_offset_m)
    m.heading_rad = s.rw.heading_rad + math.pi
    m.speed_mps = units.kt_to_mps(s.ac.cruise_kt)
    m.altitude_m = s.rw.spec.elevation_m + s.pattern_m
    m.on_ground = False
    m.restart_recording()


def fly_session(scenario: Scenario) -> Flown:
    """Fly a whole scenario; times in the result are seconds from its start."""
    s = Session(scenario)
    climbing_out = True
    if scenario.begins_airborne:
        start_airborne(s)
        climbing_out = False
    else:
        s.park_and_start()
        if scenario.taxi_only:
            if scenario.fast_taxi_kt is not None:
                s.fast_taxi(scenario.fast_taxi_kt)
            s.vacate_and_taxi_in()
            return s.flown
        s.takeoff_roll()
        if scenario.destination is not None:
            en_route(s, scenario.destination)
            climbing_out = False
    for i, pattern in enumerate(scenario.patterns):
        s.circuit = i
        if climbing_out:
            s.upwind()
            s.crosswind()
        downwind(s, pattern)
        base(s, pattern)
        final(s, pattern, is_last=i == len(scenario.patterns) - 1)
        climbing_out = True
    if scenario.ends_airborne:
        s.upwind()
        end_s = s.m.t_s + AFTER_LAST_CLIMB_S
        s.m.run_until(s.climb_command, lambda: s.m.t_s >= end_s)
    return s.flown
