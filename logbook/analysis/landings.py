"""Ground contacts between flights and inside them: landing kinds and lift-offs.

A ground contact runs from a touchdown (or the first fix) to a lift-off (or the
last fix). Between two air periods it is one of:

- touch-and-go: the aircraft never stops and never leaves the runway;
- stop-and-go: it stops on the runway (slower than STOP_SPEED_MPS for STOP_MIN_S)
  and takes off again from it within STOP_AND_GO_MAX_S, never leaving it;
- full stop: anything else (it taxis off the runway, or waits longer); this ends
  the flight and the next lift-off starts another.

Without a known runway, "left the runway" becomes "on the ground longer than
TOUCH_AND_GO_MAX_S" (touch-and-go) or STOP_AND_GO_MAX_S (stop-and-go).

A dropout that hides a whole ground contact is inferred when the aircraft was low
and descending before the gap, low and climbing after it, and both trends reach
the runway inside the gap: a touch-and-go marked uncertain.
"""

from dataclasses import dataclass, replace

import numpy as np

from logbook.analysis.context import RUNWAY_WINDOW_S, Context
from logbook.analysis.phases import GAP_S, runs, stopped_runs
from logbook.analysis.runways import RunwayMatch, runway_frame
from logbook.events import LandingKind

# a stop: slower than this (about 2 kt) ...
STOP_SPEED_MPS = 1.0
# ... for at least this long
STOP_MIN_S = 3.0
# a stop-and-go is back in the air within this time of touching down
STOP_AND_GO_MAX_S = 300.0
# without a runway, a touch-and-go is back in the air within this time
TOUCH_AND_GO_MAX_S = 90.0
# off the runway for this long means the aircraft left it
OFF_RUNWAY_MIN_S = 5.0
# a fix is off the runway when this far outside its edge or ends
OFF_RUNWAY_MARGIN_M = 40.0
# a hidden touch-and-go: below this height on both sides of the gap
HIDDEN_MAX_HEIGHT_M = 120.0
# a fix this near the contact's ground level is on the ground
LEVEL_TOLERANCE_M = 1.5
# the ground level is the median height over this long after touchdown (or before
# lift-off)
LEVEL_WINDOW_S = 20.0
# a skimmed touch-and-go: the lowest point within SKIM_WINDOW is below this height
# (about 40 ft: GNSS altitude error wanders by that much) over the runway ...
SKIM_MAX_HEIGHT_M = 12.0
SKIM_WINDOW = "60s"
# ... and the fixes within LEVEL_TOLERANCE_M of it, at most this far either side,
# are the ground roll
SKIM_SPAN_S = 15.0
# trends are measured over this long before and after a gap
TREND_S = 15.0


@dataclass(frozen=True)
class Contact:
    """One ground contact; indexes are fixes, times seconds after the first fix."""

    first: int                       # first ground fix (or the fix after a gap)
    last: int                        # last ground fix
    touchdown_s: float | None        # None: the track begins here on the ground
    liftoff_s: float | None          # None: the track ends here on the ground
    kind: LandingKind = "full_stop"
    landing_runway: RunwayMatch | None = None
    takeoff_runway: RunwayMatch | None = None
    landing_airport: str | None = None
    takeoff_airport: str | None = None
    landing_uncertain: bool = False
    takeoff_uncertain: bool = False
    touchdown_speed_mps: float = np.nan
    touchdown_distance_m: float = np.nan


def _vertical_rate(ctx: Context, fixes: np.ndarray) -> float:
    """Least-squares climb rate (m/s) over some fixes; NaN if too few."""
    t, h = ctx.samples.t_s[fixes], ctx.height_m[fixes]
    ok = np.isfinite(h)
    if ok.sum() < 2 or np.ptp(t[ok]) <= 0:
        return np.nan
    return float(np.polyfit(t[ok], h[ok], 1)[0])


def _touchdown_estimate(ctx: Context, before: int, after: int) -> float:
    """When the descent before a gap (or a slow logger's step) reaches the runway,
    within the gap."""
    t = ctx.samples.t_s
    rate = _vertical_rate(ctx, ctx.window(before, -TREND_S))
    h = ctx.height_m[before]
    reach = t[before] + max(h, 0.0) / max(-rate, 0.5) if np.isfinite(rate) else t[before]
    return float(np.clip(reach, t[before], t[after]))


def _liftoff_estimate(ctx: Context, before: int, after: int) -> float:
    """When the climb after a gap (or a slow logger's step) left the runway, within
    the gap."""
    t = ctx.samples.t_s
    rate = _vertical_rate(ctx, ctx.window(after, TREND_S))
    h = ctx.height_m[after]
    left = t[after] - max(h, 0.0) / max(rate, 0.5) if np.isfinite(rate) else t[after]
    return float(np.clip(left, t[before], t[after]))


def _left_runway(ctx: Context, contact: Contact) -> bool | None:
    """Whether the aircraft left the landing runway; None if the runway is unknown."""
    match = contact.landing_runway or contact.takeoff_runway
    if match is None:
        return None
    s, table, i = ctx.samples, ctx.runways, match.index
    fixes = slice(contact.first, contact.last + 1)
    along, cross = runway_frame(table, i, s.lat[fixes], s.lon[fixes])
    off = (np.abs(cross) > table.half_width_m[i] + OFF_RUNWAY_MARGIN_M) | (
        along < -OFF_RUNWAY_MARGIN_M) | (along > table.length_m[i] + OFF_RUNWAY_MARGIN_M)
    return bool(np.sum(s.weight_s[fixes][off]) >= OFF_RUNWAY_MIN_S)


def landing_kind(ctx: Context, contact: Contact) -> LandingKind:
    """What a ground contact between two air periods was (see the module docstring)."""
    assert contact.touchdown_s is not None and contact.liftoff_s is not None
    on_ground_s = contact.liftoff_s - contact.touchdown_s
    stopped = bool(stopped_runs(ctx.samples, contact.first, contact.last,
                                min_s=STOP_MIN_S, max_speed_mps=STOP_SPEED_MPS))
    left = _left_runway(ctx, contact)
    if left is None:
        left = on_ground_s > (STOP_AND_GO_MAX_S if stopped else TOUCH_AND_GO_MAX_S)
    if left:
        return "full_stop"
    if not stopped:
        return "touch_and_go"
    return "stop_and_go" if on_ground_s <= STOP_AND_GO_MAX_S else "full_stop"


def _with_landing(ctx: Context, contact: Contact, approach_end: int) -> Contact:
    """The contact with its landing runway, airport and touchdown figures."""
    first = contact.first
    roll = ctx.window(first, RUNWAY_WINDOW_S)
    roll = roll[roll <= contact.last]
    match = ctx.runway_along(roll, on_ground=True) or ctx.runway_along(
        ctx.window(approach_end, -RUNWAY_WINDOW_S), on_ground=False)
    if match is not None and not contact.landing_uncertain:
        first = _first_on_runway(ctx, match, first, contact.last)
        contact = replace(contact, first=first, touchdown_s=max(
            float(contact.touchdown_s or 0.0), float(ctx.samples.t_s[first])))
    speed = float(ctx.samples.speed_mps[first])
    distance = np.nan
    if match is not None:
        along, _ = runway_frame(ctx.runways, match.index, ctx.samples.lat[[first]],
                                ctx.samples.lon[[first]])
        distance = float(along[0] - ctx.runways.displaced_m[match.index])
    airport = match.airport if match else ctx.airport_at(first)
    return replace(contact, landing_runway=match, landing_airport=airport,
                   touchdown_speed_mps=speed, touchdown_distance_m=distance)


def _with_takeoff(ctx: Context, contact: Contact, climb_start: int) -> Contact:
    """The contact with its take-off runway and airport."""
    roll = ctx.window(contact.last, -RUNWAY_WINDOW_S)
    roll = roll[roll >= contact.first]
    match = ctx.runway_along(roll, on_ground=True) or ctx.runway_along(
        ctx.window(climb_start, RUNWAY_WINDOW_S), on_ground=False)
    if match is not None and not contact.takeoff_uncertain:
        last = _last_on_runway(ctx, match, contact.first, contact.last)
        contact = replace(contact, last=last, liftoff_s=min(
            float(contact.liftoff_s or np.inf), float(ctx.samples.t_s[last + 1])))
    airport = match.airport if match else ctx.airport_at(contact.last)
    return replace(contact, takeoff_runway=match, takeoff_airport=airport)


def _first_on_runway(ctx: Context, match: RunwayMatch, first: int, last: int) -> int:
    """The contact's first fix past the threshold: nothing touches down short of
    the runway, so fixes before it were the end of the approach."""
    s = ctx.samples
    along, _ = runway_frame(ctx.runways, match.index, s.lat[first:last + 1],
                            s.lon[first:last + 1])
    on = np.flatnonzero(along >= -OFF_RUNWAY_MARGIN_M)
    return first + int(on[0]) if len(on) else first


def _last_on_runway(ctx: Context, match: RunwayMatch, first: int, last: int) -> int:
    """The contact's last fix before the far end of the runway: fixes past it were
    the start of the climb-out."""
    s, length = ctx.samples, float(ctx.runways.length_m[match.index])
    along, _ = runway_frame(ctx.runways, match.index, s.lat[first:last + 1],
                            s.lon[first:last + 1])
    on = np.flatnonzero(along <= length + OFF_RUNWAY_MARGIN_M)
    return first + int(on[-1]) if len(on) and last + 1 < len(s) else last


def _ground_level_m(ctx: Context, first: int, last: int) -> float:
    """The height the contact's fixes show for the runway (NaN if unknown)."""
    h = ctx.height_m[first:last + 1]
    h = h[np.isfinite(h)]
    return float(np.median(h)) if len(h) else np.nan


def refined_touchdown(ctx: Context, first: int, last: int) -> int:
    """The fix where the aircraft reached the ground, at or after `first`.

    The state model calls ground a few metres up, so a floating flare would make
    the touchdown early: take the first fix down at the contact's ground level.
    """
    end = int(ctx.window(first, LEVEL_WINDOW_S)[-1])
    level = _ground_level_m(ctx, first, min(end, last))
    if not np.isfinite(level):
        return first
    window = np.arange(first, min(last, end) + 1)
    down = window[ctx.height_m[window] <= level + LEVEL_TOLERANCE_M]
    return int(down[0]) if len(down) else first


def refined_liftoff(ctx: Context, first: int, last: int) -> int:
    """The first fix in the air after the contact (`last` + 1 unless refined)."""
    start = int(ctx.window(last, -LEVEL_WINDOW_S)[0])
    level = _ground_level_m(ctx, max(start, first), last)
    if not np.isfinite(level):
        return last + 1
    window = np.arange(max(first, start), last + 1)
    down = window[ctx.height_m[window] <= level + LEVEL_TOLERANCE_M]
    return int(down[-1]) + 1 if len(down) else last + 1


def ground_contacts(ctx: Context) -> list[Contact]:
    """Every ground contact in the track, with hidden ones, in time order."""
    s, n = ctx.samples, len(ctx.samples)
    contacts = []
    for first, last in runs(~ctx.air):
        touchdown = liftoff = None
        td_uncertain = lo_uncertain = False
        if first > 0:
            td_uncertain = bool(s.gap_before_s[first] > s.gap_s)
            down = first if td_uncertain else refined_touchdown(ctx, first, last)
            touchdown = _touchdown_estimate(ctx, max(down - 1, 0), down)
        if last < n - 1:
            lo_uncertain = bool(s.gap_before_s[last + 1] > s.gap_s)
            up = last + 1 if lo_uncertain else refined_liftoff(ctx, first, last)
            liftoff = _liftoff_estimate(ctx, up - 1, up)
        contact = Contact(first, last, touchdown, liftoff,
                          landing_uncertain=td_uncertain,
                          takeoff_uncertain=lo_uncertain)
        if touchdown is not None:
            contact = _with_landing(ctx, contact, first - 1)
        if liftoff is not None:
            contact = _with_takeoff(ctx, contact, last + 1)
        if touchdown is not None and liftoff is not None:
            contact = replace(contact, kind=landing_kind(ctx, contact))
        contacts.append(contact)
    contacts += hidden_contacts(ctx)
    contacts += skimmed_contacts(ctx, contacts)
    return sorted(contacts, key=lambda c: c.first)


def hidden_contacts(ctx: Context) -> list[Contact]:
    """Touch-and-goes inferred from dropouts inside air periods."""
    s, h = ctx.samples, ctx.height_m
    gaps = np.flatnonzero((s.gap_before_s > s.gap_s) & ctx.air
                          & np.roll(ctx.air, 1))
    found = []
    for after in gaps[gaps > 0]:
        before = int(after) - 1
        if not (h[before] < HIDDEN_MAX_HEIGHT_M and h[after] < HIDDEN_MAX_HEIGHT_M):
            continue
        down = _vertical_rate(ctx, ctx.window(before, -TREND_S))
        up = _vertical_rate(ctx, ctx.window(int(after), TREND_S))
        if not (down < -0.5 and up > 0.5):
            continue
        t_down = s.t_s[before] + h[before] / -down
        t_up = s.t_s[after] - h[after] / up
        if t_down > s.t_s[after] + GAP_S or t_up < s.t_s[before] - GAP_S:
            continue
        touchdown = _touchdown_estimate(ctx, before, int(after))
        liftoff = max(_liftoff_estimate(ctx, before, int(after)), touchdown)
        contact = Contact(int(after), before, touchdown, liftoff, kind="touch_and_go",
                          landing_uncertain=True, takeoff_uncertain=True)
        contact = replace(_with_landing(ctx, contact, before),
                          touchdown_speed_mps=np.nan, touchdown_distance_m=np.nan)
        found.append(_with_takeoff(ctx, contact, int(after)))
    return found


def _near_contact(ctx: Context, contact: Contact, t_s: float) -> bool:
    """Whether a time is within SKIM_SPAN_S of a contact (a hidden contact's first
    fix is the one after its gap, so its indexes run backwards)."""
    t = ctx.samples.t_s
    times = [t[contact.first], t[contact.last]] + [
        x for x in (contact.touchdown_s, contact.liftoff_s) if x is not None]
    return min(times) - SKIM_SPAN_S <= t_s <= max(times) + SKIM_SPAN_S


def skimmed_contacts(ctx: Context, contacts: list[Contact]) -> list[Contact]:
    """Touch-and-goes too short for the state model: down to runway level over the
    runway, then up again (a go-around whose height reached zero)."""
    s, h = ctx.samples, ctx.height_m
    found = []
    for i in ctx.lowest_fixes(SKIM_MAX_HEIGHT_M, SKIM_WINDOW):
        if any(_near_contact(ctx, c, float(s.t_s[i])) for c in contacts):
            continue
        near = ctx.window(int(i), -SKIM_SPAN_S)[:-1]
        near = np.concatenate((near, ctx.window(int(i), SKIM_SPAN_S)))
        down = near[h[near] <= h[i] + LEVEL_TOLERANCE_M]
        first, last = int(down[0]), int(down[-1])
        if ctx.runway_along(np.arange(first, last + 1), on_ground=True) is None:
            continue
        contact = Contact(first, last, float(s.t_s[first]),
                          float(s.t_s[min(last + 1, len(s) - 1)]), kind="touch_and_go",
                          landing_uncertain=True, takeoff_uncertain=True)
        contact = _with_landing(ctx, contact, max(first - 1, 0))
        found.append(_with_takeoff(ctx, contact, min(last + 1, len(s) - 1)))
    return found
