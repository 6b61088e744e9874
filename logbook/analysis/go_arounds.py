"""Go-arounds and low approaches: approaches abandoned without touching down.

A go-around is a lowest point, in the air and below GO_AROUND_MAX_HEIGHT_M above
the aerodrome, reached by descending along a runway's extended centreline toward
it at no more than approach speed, followed by a climb. A fast level low pass (or
a glider's finish pass) fails the descent or the speed test and is not one; it is
kept apart, as a point where a circuit may end.
"""

import numpy as np

from logbook import units
from logbook.analysis.context import Context
from logbook.analysis.landings import Contact
from logbook.analysis.phases import FloatArray
from logbook.analysis.wind import airspeed_mps, wind_mps
from logbook.events import GoAround

# below 500 ft above the runway, as the definition of a go-around asks
GO_AROUND_MAX_HEIGHT_M = units.ft_to_m(500.0)
# a lowest point is the lowest within this long either side
MINIMUM_WINDOW = "90s"
# the approach descended by at least this much ...
MIN_DESCENT_M = 20.0
# ... at no less than this rate over the APPROACH_S before the lowest point
MIN_DESCENT_RATE_MPS = 1.0
APPROACH_S = 30.0
# and the climb-out gained at least this within CLIMB_S
MIN_CLIMB_M = 20.0
CLIMB_S = 120.0
# more than this faster through the air than the track's touchdowns and lift-offs is
# a low pass, not an approach: light aeroplanes approach 10 to 15 kt above their
# touchdown speed (1.3 against 1.1 times the stall speed) and pass low at cruise
# speed, 35 kt or more above it. Airspeeds, with the track's wind taken out (a
# go-around on base with the wind behind is fast over the ground).
MAX_EXCESS_SPEED_MPS = units.kt_to_mps(25.0)
# a pass flown this long within LEVEL_BAND_M of its lowest height is level: a low pass
LEVEL_S = 25.0
LEVEL_BAND_M = 8.0
# touchdown speed when the track has no ground contact to learn it from (about 55 kt)
DEFAULT_CONTACT_SPEED_MPS = 28.0
# the approach is aligned with the runway for at least this long before its lowest
# point (a tight circuit turns final late)
FINAL_S = 12.0
# a lowest point this close to a ground contact is part of that landing
CONTACT_MARGIN_S = 30.0


def reference_speed_mps(ctx: Context, contacts: list[Contact],
                        speed: FloatArray) -> float:
    """The track's typical speed (from `speed`, per fix) at touchdown and lift-off."""
    fixes = [c.first for c in contacts
             if c.touchdown_s is not None and not c.landing_uncertain]
    fixes += [c.last + 1 for c in contacts
              if c.liftoff_s is not None and not c.takeoff_uncertain]
    values = speed[np.asarray(fixes, dtype=int)]
    values = values[np.isfinite(values)]
    return float(np.median(values)) if len(values) else DEFAULT_CONTACT_SPEED_MPS


def _candidates(ctx: Context, contacts: list[Contact]) -> np.ndarray:
    """Fixes that are the lowest in their neighbourhood, low, in the air and away
    from ground contacts."""
    index = ctx.lowest_fixes(GO_AROUND_MAX_HEIGHT_M, MINIMUM_WINDOW)
    t = ctx.samples.t_s[index]
    keep = np.ones(len(index), dtype=bool)
    for contact in contacts:
        start = contact.touchdown_s if contact.touchdown_s is not None else -np.inf
        end = contact.liftoff_s if contact.liftoff_s is not None else np.inf
        keep &= ~((t > start - CONTACT_MARGIN_S) & (t < end + CONTACT_MARGIN_S))
    return index[keep]


def _climbs_after(ctx: Context, i: int) -> bool:
    after = ctx.window(i, CLIMB_S)
    return len(after) >= 3 and np.nanmax(ctx.height_m[after]) - ctx.height_m[i] >= (
        MIN_CLIMB_M)


def _is_approach(ctx: Context, i: int, speed: FloatArray, limit_mps: float) -> bool:
    s, h = ctx.samples, ctx.height_m
    before = ctx.window(i, -APPROACH_S)
    if len(before) < 3:
        return False
    drop = np.nanmax(h[before]) - h[i]
    rate = drop / max(s.t_s[i] - s.t_s[before[0]], 1.0)
    around = np.concatenate((before, ctx.window(i, APPROACH_S)))
    level_s = float(np.sum(s.weight_s[around][np.abs(h[around] - h[i]) < LEVEL_BAND_M]))
    return bool(drop >= MIN_DESCENT_M and rate >= MIN_DESCENT_RATE_MPS
                and speed[i] <= limit_mps and level_s < LEVEL_S)


def find_go_arounds(ctx: Context, contacts: list[Contact]
                    ) -> tuple[list[GoAround], list[GoAround]]:
    """Every go-around (or low approach) in the track, and every low pass.

    Low passes are not logbook events, but a circuit may end with one.
    """
    airspeed = airspeed_mps(ctx.samples, wind_mps(ctx.samples, ctx.air))
    limit = reference_speed_mps(ctx, contacts, airspeed) + MAX_EXCESS_SPEED_MPS
    go_arounds: list[GoAround] = []
    low_passes: list[GoAround] = []
    for i in _candidates(ctx, contacts):
        if not _climbs_after(ctx, int(i)):
            continue
        match = ctx.runway_along(ctx.window(int(i), -FINAL_S), on_ground=False) or (
            ctx.runway_along(ctx.window(int(i), FINAL_S), on_ground=False))
        if match is None:
            continue
        found = GoAround(
            time=ctx.time(ctx.samples.t_s[i]), airport=match.airport,
            runway=match.designator,
            lowest_ft_agl=round(float(units.m_to_ft(max(ctx.height_m[i], 0.0))), 0),
        )
        approach = _is_approach(ctx, int(i), airspeed, limit)
        (go_arounds if approach else low_passes).append(found)
    return go_arounds, low_passes
