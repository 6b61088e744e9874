"""Flights from ground contacts: a full-stop landing ends one, the next lift-off
starts another.

Off block is the first movement for the purpose of flight (FCL.010): the start of
the first taxi of at least MOVING_MIN_S before the first lift-off. A track that
begins with the aircraft already moving (in the air, or rolling) never saw it: the
flight is partial and its off block unknown. On block is where
the aircraft comes to rest after the last landing. Between a full stop and the
next take-off, the longest stop splits the two flights (without any stop, the
slowest fix does).
"""

from dataclasses import dataclass, field

import numpy as np

from logbook.analysis.circuits import Anchor, find_circuits
from logbook.analysis.context import Context
from logbook.analysis.landings import STOP_MIN_S, STOP_SPEED_MPS, Contact
from logbook.analysis.phases import runs, stopped_runs
from logbook.analysis.runways import RunwayMatch
from logbook.events import Flight, GoAround, Landing, Takeoff

# taxiing: faster than this (about 3 kt) ...
MOVING_SPEED_MPS = 1.5
# ... for at least this long
MOVING_MIN_S = 5.0


@dataclass
class _Open:
    """A flight being assembled."""

    off_block_s: float
    partial: bool
    begins_airborne: bool = False
    begins_moving: bool = False
    takeoffs: list[tuple[Takeoff, Anchor]] = field(default_factory=list)
    landings: list[tuple[Landing, Anchor]] = field(default_factory=list)


def _moving_runs(ctx: Context, first: int, last: int) -> list[tuple[int, int]]:
    s = ctx.samples
    moving = s.speed_mps[first:last + 1] > MOVING_SPEED_MPS
    return [(first + a, first + b) for a, b in runs(moving)
            if s.t_s[first + b] - s.t_s[first + a] + s.weight_s[first + b]
            >= MOVING_MIN_S]


def _first_movement_s(ctx: Context, contact: Contact) -> float:
    moving = _moving_runs(ctx, contact.first, contact.last)
    return float(ctx.samples.t_s[moving[0][0] if moving else contact.last])


def _at_rest_s(ctx: Context, contact: Contact) -> float:
    moving = _moving_runs(ctx, contact.first, contact.last)
    if not moving:
        return float(ctx.samples.t_s[contact.first])
    return float(ctx.samples.t_s[min(moving[-1][1] + 1, contact.last)])


def _split_s(ctx: Context, contact: Contact) -> tuple[float, float]:
    """On block of one flight and off block of the next, inside one contact."""
    s = ctx.samples
    stops = stopped_runs(s, contact.first, contact.last, min_s=STOP_MIN_S,
                         max_speed_mps=STOP_SPEED_MPS)
    if stops:
        a, b = max(stops, key=lambda r: s.t_s[r[1]] - s.t_s[r[0]])
        return float(s.t_s[a]), float(s.t_s[b])
    slowest = contact.first + int(np.argmin(s.speed_mps[contact.first:contact.last + 1]))
    return float(s.t_s[slowest]), float(s.t_s[slowest])


def _designator(match: RunwayMatch | None) -> str | None:
    return match.designator if match else None


def _estimated(match: RunwayMatch | None) -> bool:
    return bool(match and match.estimated)


def _landing(ctx: Context, contact: Contact) -> tuple[Landing, Anchor]:
    assert contact.touchdown_s is not None
    kind = contact.kind if contact.liftoff_s is not None else "full_stop"
    landing = Landing(
        time=ctx.time(contact.touchdown_s), airport=contact.landing_airport,
        runway=_designator(contact.landing_runway), kind=kind,
        uncertain=contact.landing_uncertain,
        touchdown_speed_mps=contact.touchdown_speed_mps,
        touchdown_distance_m=contact.touchdown_distance_m,
        runway_estimated=_estimated(contact.landing_runway),
    )
    match = contact.landing_runway
    anchor = Anchor(max(contact.first - 1, 0), contact.touchdown_s, "touchdown",
                    landing.airport, landing.runway, match.index if match else None)
    return landing, anchor


def _takeoff(ctx: Context, contact: Contact) -> tuple[Takeoff, Anchor]:
    assert contact.liftoff_s is not None
    takeoff = Takeoff(time=ctx.time(contact.liftoff_s), airport=contact.takeoff_airport,
                      runway=_designator(contact.takeoff_runway),
                      uncertain=contact.takeoff_uncertain,
                      runway_estimated=_estimated(contact.takeoff_runway))
    match = contact.takeoff_runway
    anchor = Anchor(min(contact.last + 1, len(ctx.samples) - 1), contact.liftoff_s,
                    "takeoff", takeoff.airport, takeoff.runway,
                    match.index if match else None)
    return takeoff, anchor


def _go_around_anchor(ctx: Context, go_around: GoAround) -> Anchor:
    t_s = (go_around.time - ctx.samples.time[0]).total_seconds()
    index = int(np.searchsorted(ctx.samples.t_s, t_s))
    rows = [i for i in range(len(ctx.runways))
            if ctx.runways.airport[i] == go_around.airport
            and ctx.runways.designator[i] == go_around.runway]
    return Anchor(index, t_s, "go_around", go_around.airport, go_around.runway,
                  rows[0] if rows else None)


def _close(ctx: Context, flight: _Open, on_block_s: float, *, ends_airborne: bool,
           passes: tuple[list[GoAround], list[GoAround]]) -> Flight:
    off, on = ctx.time(flight.off_block_s), ctx.time(on_block_s)
    mine = [g for g in passes[0] if off <= g.time <= on]
    low_passes = [g for g in passes[1] if off <= g.time <= on]
    anchors = sorted([a for _, a in flight.takeoffs] + [a for _, a in flight.landings]
                     + [_go_around_anchor(ctx, g) for g in mine + low_passes],
                     key=lambda a: a.t_s)
    takeoffs = tuple(t for t, _ in flight.takeoffs)
    landings = tuple(x for x, _ in flight.landings)
    first = None if flight.begins_airborne or not takeoffs else takeoffs[0]
    last = None if ends_airborne or not landings else landings[-1]
    return Flight(
        off_block=off, on_block=on,
        takeoff=first.time if first else None, landing=last.time if last else None,
        departure=first.airport if first else None,
        arrival=last.airport if last else None,
        partial=flight.partial or ends_airborne,
        takeoffs=takeoffs, landings=landings, go_arounds=tuple(mine),
        circuits=tuple(find_circuits(ctx, anchors)),
        off_block_unknown=flight.begins_airborne or flight.begins_moving,
        on_block_unknown=ends_airborne,
    )


def build_flights(ctx: Context, contacts: list[Contact],
                  passes: tuple[list[GoAround], list[GoAround]]) -> list[Flight]:
    """The flights made of a track's ground contacts, go-arounds and low passes."""
    flights: list[Flight] = []
    current = None
    if ctx.air[0]:
        current = _Open(float(ctx.samples.t_s[0]), partial=True, begins_airborne=True)
    for contact in contacts:
        off_block_s = None
        if contact.touchdown_s is not None and current is not None:
            current.landings.append(_landing(ctx, contact))
            if contact.liftoff_s is None:
                flights.append(_close(ctx, current, _at_rest_s(ctx, contact),
                                      ends_airborne=False, passes=passes))
                current = None
            elif contact.kind == "full_stop":
                on_block_s, off_block_s = _split_s(ctx, contact)
                flights.append(_close(ctx, current, on_block_s, ends_airborne=False,
                                      passes=passes))
                current = None
        if contact.liftoff_s is not None:
            if current is None:
                start = off_block_s if off_block_s is not None else (
                    _first_movement_s(ctx, contact))
                moving = contact.first == 0 and bool(
                    ctx.samples.speed_mps[0] > MOVING_SPEED_MPS)
                current = _Open(start, partial=moving, begins_moving=moving)
            current.takeoffs.append(_takeoff(ctx, contact))
    if current is not None:
        flights.append(_close(ctx, current, float(ctx.samples.t_s[-1]),
                              ends_airborne=True, passes=passes))
    return flights

