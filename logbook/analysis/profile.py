"""Touchdown and lift-off from the shape of the height profile.

The state model reads height above the aerodrome, and GNSS altitude error wanders
by several metres over a minute (SiRF-class receivers: 5 m one sigma, correlated
over about a minute), so near the ground it cannot tell a slow final approach at
8 m from a landing roll: a microlight touching down at 25 kt into wind gets no help
from its ground speed either. The shape of the profile does not depend on the
error: an approach is a straight descent, a ground roll is level, a climb-out a
straight climb. Around each ground contact the heights are fitted with a descending
line, a level part and a climbing line (least squares, every break point tried);
the level part is the contact. A slowly wandering error only tilts the lines.
"""

import numpy as np

from logbook.analysis.phases import BoolArray, FloatArray, Samples, runs

# the approach and climb-out are looked at over this long either side of a contact
# (a 3 degree final at 60 kt descends 45 m in that time)
SIDE_S = 40.0
# a contact longer than this is fitted at each end separately, over SIDE_S into it
LONG_CONTACT_S = 60.0
# fits use at most one fix per this long (faster fixes add nothing but time)
FIT_STEP_S = 1.0
# a line is a descent or a climb when it changes height at least this fast: half
# the rate of the flattest approach flown (a 3 degree path at 20 kt ground speed)
MIN_RATE_MPS = 0.4
# a contact boundary moves by at most this much (the state model is rarely further
# out; a larger move means the fit found something else)
MAX_SHIFT_S = 30.0


def _prefix(t: FloatArray, h: FloatArray) -> FloatArray:
    """Cumulative sums of 1, t, t*t, h, h*h, t*h, with a leading zero row."""
    columns = np.stack((np.ones_like(t), t, t * t, h, h * h, t * h))
    return np.concatenate((np.zeros((6, 1)), np.cumsum(columns, axis=1)), axis=1)


def _sse(c: FloatArray, i: np.ndarray, j: np.ndarray, *, line: bool) -> np.ndarray:
    """Squared error of a line (or a constant) fitted to fixes i..j-1."""
    n, st, stt, sh, shh, sth = c[:, j] - c[:, i]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = shh - sh * sh / n
        if line:
            var_t = stt - st * st / n
            out = out - np.where(var_t > 0, (sth - st * sh / n) ** 2 / var_t, 0.0)
    return np.where(n > 0, out, np.inf)


def _slope(t: FloatArray, h: FloatArray) -> float:
    """Least-squares slope of h over t (NaN for fewer than two distinct times)."""
    if len(t) < 2:
        return np.nan
    dt = t - t.mean()
    spread = float(dt @ dt)
    return float(dt @ (h - h.mean())) / spread if spread > 0 else np.nan


def fit_contact(t: FloatArray, h: FloatArray, *, descent: bool,
                climb: bool) -> tuple[int, int] | None:
    """First and last index of the level part, with a descent before it and/or a
    climb after it; None when the heights show no such shape."""
    n = len(t)
    c = _prefix(t - t[0], h)
    k1 = np.arange(3, n - 1) if descent else np.array([0])
    k2 = np.arange(2, n - 2) if climb else np.array([n - 1])
    # the two sloping parts depend on one end each; only the level part on both
    before = _sse(c, np.zeros_like(k1), k1, line=True) if descent else np.zeros(1)
    after = _sse(c, k2 + 1, np.full_like(k2, n), line=True) if climb else np.zeros(1)
    count, total, squares = (c[k][k2 + 1][None, :] - c[k][k1][:, None] for k in (0, 3, 4))
    with np.errstate(invalid="ignore", divide="ignore"):
        level = np.where(count > 0, squares - total * total / count, np.inf)
    a, b = np.meshgrid(k1, k2, indexing="ij")
    cost = before[:, None] + level + after[None, :]
    cost = np.where((b >= a + 1) & np.isfinite(cost), cost, np.inf)
    if not np.isfinite(cost).any():
        return None
    r, s = np.unravel_index(int(np.argmin(cost)), cost.shape)
    first, last = int(a[r, s]), int(b[r, s])
    if descent and not _slope(t[:first], h[:first]) <= -MIN_RATE_MPS:
        return None
    if climb and not _slope(t[last + 1:], h[last + 1:]) >= MIN_RATE_MPS:
        return None
    return first, last


def _window(samples: Samples, lo: int, hi: int) -> np.ndarray:
    """Fixes lo..hi thinned to one per FIT_STEP_S."""
    index = np.arange(lo, hi + 1)
    bucket = np.floor(samples.t_s[index] / FIT_STEP_S)
    return index[np.diff(bucket, prepend=-1.0) > 0]


def _bounds(samples: Samples, air: BoolArray, a: int, b: int,
            limits: tuple[int, int]) -> tuple[int, int]:
    """The fixes SIDE_S either side of a ground run, not past a dropout or limits."""
    t, gap = samples.t_s, samples.gap_before_s
    lo = max(int(np.searchsorted(t, t[a] - SIDE_S)), limits[0])
    hi = min(int(np.searchsorted(t, t[b] + SIDE_S, side="right")) - 1, limits[1])
    gaps = np.flatnonzero(gap[lo:hi + 1] > samples.gap_s) + lo
    before, after = gaps[gaps <= a], gaps[gaps > b]
    if len(before):
        lo = int(before[-1])
    if len(after):
        hi = int(after[0]) - 1
    return lo, hi


def _refit(samples: Samples, h: FloatArray, lo: int, hi: int, *, descent: bool,
           climb: bool) -> tuple[int, int] | None:
    """The level part of fixes lo..hi as original fix indexes."""
    fixes = _window(samples, lo, hi)
    fixes = fixes[np.isfinite(h[fixes])]
    if len(fixes) < 8:
        return None
    found = fit_contact(samples.t_s[fixes], h[fixes], descent=descent, climb=climb)
    return None if found is None else (int(fixes[found[0]]), int(fixes[found[1]]))


def _new_edges(samples: Samples, h: FloatArray, air: BoolArray, a: int, b: int,
               limits: tuple[int, int]) -> tuple[int, int]:
    """Touchdown and lift-off fixes of the ground run a..b, refitted where it can."""
    t, n = samples.t_s, len(samples)
    lo, hi = _bounds(samples, air, a, b, limits)
    descent = a > 0 and lo < a and samples.gap_before_s[a] <= samples.gap_s
    climb = b < n - 1 and hi > b and samples.gap_before_s[b + 1] <= samples.gap_s
    first, last = a, b
    if t[b] - t[a] > LONG_CONTACT_S:
        end = int(np.searchsorted(t, t[a] + SIDE_S))
        start = int(np.searchsorted(t, t[b] - SIDE_S))
        if descent and (found := _refit(samples, h, lo, end, descent=True,
                                        climb=False)):
            first = found[0]
        if climb and (found := _refit(samples, h, start, hi, descent=False,
                                      climb=True)):
            last = found[1]
    elif (descent or climb) and (found := _refit(samples, h, lo if descent else a,
                                                 hi if climb else b, descent=descent,
                                                 climb=climb)):
        first, last = found
    if abs(t[first] - t[a]) > MAX_SHIFT_S or abs(t[last] - t[b]) > MAX_SHIFT_S:
        return a, b
    return first, last


def refine_air(samples: Samples, height_m: FloatArray, air: BoolArray) -> BoolArray:
    """The state with each ground contact's edges moved to where the height profile
    levels off (touchdown) and starts to climb (lift-off)."""
    ground = runs(~air)
    out = air.copy()
    for k, (a, b) in enumerate(ground):
        limits = (ground[k - 1][1] + 1 if k else 0,
                  ground[k + 1][0] - 1 if k + 1 < len(ground) else len(air) - 1)
        first, last = _new_edges(samples, height_m, air, a, b, limits)
        if (first, last) != (a, b) and first <= last:
            out[min(a, first):max(b, last) + 1] = True
            out[first:last + 1] = False
    return out
