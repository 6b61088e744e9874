"""Circuits: from a lift-off (or go-around) round to the next touchdown (or go-around)
at the same aerodrome, split into legs by the course relative to the runway.

The course is unwrapped from the start, so a circuit turns through about 360
degrees: negative (anticlockwise) is left-hand. Its running maximum, measured the
way the circuit turns, names the leg: upwind below 45 degrees, crosswind to 135,
downwind to 225, base to 315, final beyond. The running maximum keeps the legs in
order through a wobble on any of them.
"""

import itertools
from dataclasses import dataclass

import numpy as np

from logbook.analysis.context import Context
from logbook.analysis.runways import angle_diff_deg, runway_frame
from logbook.events import Circuit, Leg, LegName

LEG_NAMES: tuple[LegName, ...] = ("upwind", "crosswind", "downwind", "base", "final")
# turn angles (degrees from the runway heading) where each leg after upwind begins
LEG_EDGES_DEG = (45.0, 135.0, 225.0, 315.0)
# a circuit turns through this many degrees (360 plus or minus wind and wobble)
MIN_TURN_DEG, MAX_TURN_DEG = 270.0, 450.0
# a circuit stays within this distance of the runway threshold
MAX_RADIUS_M = 8000.0
# and lasts no longer than this
MAX_DURATION_S = 1800.0
# the downwind level: the heights within this band (a pilot holds circuit height
# within 50 ft; GNSS altitude noise adds a few metres) of this percentile of the leg
PLATEAU_PERCENTILE = 90.0
DOWNWIND_LEVEL_BAND_M = 15.0


@dataclass(frozen=True)
class Anchor:
    """A point where circuits start or end."""

    index: int
    t_s: float
    kind: str                 # "takeoff", "touchdown" or "go_around"
    airport: str | None
    runway: str | None
    runway_index: int | None  # row of the runway table


def _legs(ctx: Context, fixes: np.ndarray, turn: np.ndarray,
          end_s: float) -> tuple[tuple[Leg, ...], np.ndarray]:
    """The legs of a circuit and, per fix, the index of its leg."""
    leg = np.digitize(np.maximum.accumulate(turn), LEG_EDGES_DEG)
    t = ctx.samples.t_s[fixes]
    starts = np.flatnonzero(np.diff(leg, prepend=-1) != 0)
    legs = []
    for k, first in enumerate(starts):
        last_s = t[starts[k + 1]] if k + 1 < len(starts) else end_s
        legs.append(Leg(LEG_NAMES[int(leg[first])], ctx.time(t[first]), ctx.time(last_s)))
    return tuple(legs), leg


def downwind_level_m(height_m: np.ndarray) -> float:
    """The level the downwind leg was flown at: the median of its level part.

    The leg's last part is often the start of the descent (abeam the threshold),
    so a plain median reads low; the level part is the fixes within
    DOWNWIND_LEVEL_BAND_M of the leg's PLATEAU_PERCENTILE height.
    """
    height_m = height_m[np.isfinite(height_m)]
    if not len(height_m):
        return np.nan
    plateau = float(np.percentile(height_m, PLATEAU_PERCENTILE))
    return float(np.median(height_m[np.abs(height_m - plateau)
                                    <= DOWNWIND_LEVEL_BAND_M]))


def circuit_between(ctx: Context, start: Anchor, end: Anchor) -> Circuit | None:
    """The circuit flown from start to end, or None if it was not one."""
    runway = start.runway_index if start.runway_index is not None else end.runway_index
    if (start.airport is None or start.airport != end.airport or runway is None
            or end.t_s - start.t_s > MAX_DURATION_S or end.index - start.index < 4):
        return None
    s = ctx.samples
    fixes = np.arange(start.index, end.index + 1)
    along, cross = runway_frame(ctx.runways, runway, s.lat[fixes], s.lon[fixes])
    if np.max(np.hypot(along, cross)) > MAX_RADIUS_M:
        return None
    relative = angle_diff_deg(s.course_deg[fixes], ctx.runways.heading_deg[runway])
    unwrapped = np.degrees(np.unwrap(np.radians(relative)))
    total = float(unwrapped[-1] - unwrapped[0])
    if not MIN_TURN_DEG <= abs(total) <= MAX_TURN_DEG:
        return None
    sign = 1.0 if total > 0 else -1.0
    turn = sign * (unwrapped - unwrapped[0])
    legs, leg = _legs(ctx, fixes, turn, end.t_s)
    downwind = leg == 2
    height = downwind_level_m(ctx.height_m[fixes][downwind])
    spacing = float(np.median(np.abs(cross[downwind]))) if downwind.any() else np.nan
    return Circuit(
        start=ctx.time(start.t_s), end=ctx.time(end.t_s), airport=start.airport,
        runway=start.runway or end.runway, direction="right" if sign > 0 else "left",
        legs=legs, height_m=height, downwind_distance_m=spacing,
    )


def find_circuits(ctx: Context, anchors: list[Anchor]) -> list[Circuit]:
    """The circuits between consecutive anchors of one flight."""
    found = []
    for start, end in itertools.pairwise(anchors):
        if start.kind in ("takeoff", "go_around") and end.kind in ("touchdown",
                                                                   "go_around"):
            circuit = circuit_between(ctx, start, end)
            if circuit is not None:
                found.append(circuit)
    return found
