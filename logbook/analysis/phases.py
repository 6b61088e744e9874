"""Ground or air at every fix: a two-state hidden Markov model decoded with Viterbi.

Each fix gives evidence for "air" against "ground" from its ground speed and its
height above the aerodrome; the evidence is weighted by the time the fix covers, so
the same switching cost means the same seconds of evidence at 0.5 Hz and at 10 Hz.
A state change costs `SWITCH_COST` in log-likelihood, so a few noisy fixes never
make a landing, and a bounce of a second or two never splits a landing roll.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from logbook import geo

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

# derived speed uses fixes at least this far apart, so noise does not make speed
# (MyFlightbook derives speed over 4 s for the same reason)
SPEED_BASELINE_S = 4.0
# a fix stands for at most this much time in the evidence; longer is a dropout
MAX_WEIGHT_S = 2.0
# a gap between fixes longer than this is a dropout ...
GAP_S = 5.0
# ... or than this times the logger's own longest regular step (its 90th
# percentile): IGC loggers record every 1 to 8 s by design, which is no dropout
GAP_STEP_FACTOR = 1.5
# log-likelihood cost of a ground/air switch: about 3 s of clear evidence
SWITCH_COST = 5.0
# no aeroplane flies slower over the ground than this (a microlight stalls near 25 kt)
AIR_MIN_SPEED_MPS = 11.0
# no aeroplane rolls on the ground faster than this (about 95 kt)
GROUND_MAX_SPEED_MPS = 49.0
# above this height over the aerodrome a fix looks airborne
AIR_HEIGHT_M = 9.0
# an air period that stays below this height (ground effect reaches about one
# wingspan, 10 m, plus GNSS vertical noise) ...
GROUND_EFFECT_M = 15.0
# ... and never goes faster than this (a microlight lifts off at 35 kt; 30 kt is
# a fast taxi) was never a flight
LIFT_OFF_MIN_SPEED_MPS = 17.0
# spread of the calibrated height of a fix on the ground (GPS vertical noise)
GROUND_HEIGHT_SIGMA_M = 5.0


@dataclass(frozen=True)
class Samples:
    """The track as numpy arrays, with derived speed and course, smoothed."""

    time: pd.DatetimeIndex
    t_s: FloatArray           # seconds since the first fix
    lat: FloatArray
    lon: FloatArray
    x_m: FloatArray           # east of the first fix
    y_m: FloatArray           # north of the first fix
    altitude_m: FloatArray    # GNSS altitude, lightly smoothed
    speed_mps: FloatArray     # ground speed, lightly smoothed
    course_deg: FloatArray    # course over ground, circular-smoothed
    weight_s: FloatArray      # time each fix stands for
    gap_before_s: FloatArray  # time since the previous fix
    gap_s: float = GAP_S      # a gap longer than this is a dropout

    def __len__(self) -> int:
        return len(self.t_s)


def window_indices(t_s: FloatArray, half_s: float) -> tuple[IntArray, IntArray]:
    """For each fix, the first and last fix within half_s, at least one step away."""
    n = len(t_s)
    index = np.arange(n)
    lo = np.searchsorted(t_s, t_s - half_s, side="left")
    hi = np.searchsorted(t_s, t_s + half_s, side="right") - 1
    lo = np.minimum(lo, np.maximum(index - 1, 0))
    hi = np.maximum(hi, np.minimum(index + 1, n - 1))
    return lo, hi


def derived_motion(
    t_s: FloatArray, x_m: FloatArray, y_m: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Ground speed (m/s) and course (deg true) from positions over SPEED_BASELINE_S."""
    lo, hi = window_indices(t_s, SPEED_BASELINE_S / 2)
    dx, dy = x_m[hi] - x_m[lo], y_m[hi] - y_m[lo]
    dt = t_s[hi] - t_s[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = np.where(dt > 0, np.hypot(dx, dy) / dt, np.nan)
        # fixes further apart than the baseline: the chord across two steps cuts
        # corners (a glider circling in a thermal every 20 s, logged every 8 s), so
        # take the mean speed of the steps on either side of the fix
        step_m = np.hypot(np.diff(x_m), np.diff(y_m))
        step_s = np.diff(t_s)
        step_speed = np.where(step_s > 0, step_m / step_s, np.nan)
    sparse = np.diff(t_s, prepend=-np.inf) >= SPEED_BASELINE_S / 2
    sparse &= np.diff(t_s, append=np.inf) >= SPEED_BASELINE_S / 2
    if len(t_s) > 2 and sparse.any():
        sides = np.vstack((np.concatenate(([np.nan], step_speed)),
                           np.concatenate((step_speed, [np.nan]))))
        speed = np.where(sparse, np.nanmean(sides, axis=0), speed)
    course = np.degrees(np.arctan2(dx, dy)) % 360.0
    return speed, course


def _rolling(values: FloatArray, time: pd.DatetimeIndex, window: str, how: str) -> FloatArray:
    series = pd.Series(values, index=time)
    roll = series.rolling(window, center=True, min_periods=1)
    out = roll.median() if how == "median" else roll.mean()
    return out.to_numpy(dtype=float)


def smooth_course(course_deg: FloatArray, time: pd.DatetimeIndex, window: str) -> FloatArray:
    """Circular moving average of a course in degrees."""
    rad = np.radians(course_deg)
    s = _rolling(np.sin(rad), time, window, "mean")
    c = _rolling(np.cos(rad), time, window, "mean")
    return np.degrees(np.arctan2(s, c)) % 360.0


def to_samples(points: pd.DataFrame) -> Samples:
    """Arrays for the analysis; speed and course come from positions where missing."""
    time = pd.DatetimeIndex(points["time"])
    t_s = (time - time[0]).total_seconds().to_numpy(dtype=float)
    lat = points["lat"].to_numpy(dtype=float)
    lon = points["lon"].to_numpy(dtype=float)
    x_m, y_m = geo.to_local_xy_m(lat, lon, float(lat[0]), float(lon[0]))
    speed_pos, course_pos = derived_motion(t_s, x_m, y_m)
    speed = points["speed_mps"].to_numpy(dtype=float)
    speed = np.where(np.isfinite(speed), speed, speed_pos)
    course = points["course_deg"].to_numpy(dtype=float)
    course = np.where(np.isfinite(course) & (speed > 2.0), course, course_pos)
    altitude = points["altitude_m"].to_numpy(dtype=float)
    gap = np.diff(t_s, prepend=t_s[0] - 1.0)
    step = np.diff(t_s, append=t_s[-1] + 1.0)
    weight = np.clip((np.clip(gap, 0, MAX_WEIGHT_S) + np.clip(step, 0, MAX_WEIGHT_S)) / 2,
                     0.05, MAX_WEIGHT_S)
    return Samples(
        time=time, t_s=t_s, lat=lat, lon=lon, x_m=x_m, y_m=y_m,
        altitude_m=_rolling(altitude, time, "3s", "median"),
        speed_mps=_rolling(speed, time, "3s", "median"),
        course_deg=smooth_course(course, time, "5s"),
        weight_s=weight, gap_before_s=gap, gap_s=dropout_gap_s(gap[1:]),
    )


def dropout_gap_s(steps_s: FloatArray) -> float:
    """How long a gap between fixes must be to be a dropout in this track."""
    if not len(steps_s):
        return GAP_S
    return max(GAP_S, GAP_STEP_FACTOR * float(np.percentile(steps_s, 90)))


def _log_sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(-np.logaddexp(0.0, -z))


def air_evidence(speed_mps: FloatArray, height_m: FloatArray) -> FloatArray:
    """Log-likelihood ratio, air against ground, of each fix (per second)."""
    speed = np.nan_to_num(speed_mps, nan=0.0)
    air = _log_sigmoid((speed - AIR_MIN_SPEED_MPS) / 2.0)
    ground = _log_sigmoid((GROUND_MAX_SPEED_MPS - speed) / 3.0)
    known = np.isfinite(height_m)
    h = np.where(known, height_m, 0.0)
    air_h = _log_sigmoid((h - AIR_HEIGHT_M) / 3.0)
    ground_h = np.maximum(-0.5 * (h / GROUND_HEIGHT_SIGMA_M) ** 2, -30.0)
    # below the runway is ground, however far below a biased GPS puts it
    ground_h = np.where(h < 0, np.maximum(ground_h, -2.0), ground_h)
    height_term = np.where(known, air_h - ground_h, 0.0)
    return np.asarray(air - ground + height_term)


def viterbi_two_state(evidence: FloatArray, switch_cost: float) -> BoolArray:
    """Most likely on/off sequence for per-step log-likelihood ratios (on minus off).

    With two states and a symmetric switching cost, the Viterbi score difference
    obeys d[t] = e[t] + clip(d[t-1], -c, c); back-tracking keeps the state unless
    the stored difference says the other one was better by more than c.
    """
    n = len(evidence)
    diff = np.empty(n)
    d = 0.0
    c = switch_cost
    for i, e in enumerate(evidence.tolist()):
        d = e + (c if d > c else -c if d < -c else d)
        diff[i] = d
    state = np.empty(n, dtype=bool)
    on = bool(diff[-1] > 0) if n else False
    for i in range(n - 1, -1, -1):
        state[i] = on
        if i and ((on and diff[i - 1] < -c) or (not on and diff[i - 1] > c)):
            on = not on
    return state


def airborne(samples: Samples, height_m: FloatArray) -> BoolArray:
    """Whether each fix is in the air."""
    evidence = air_evidence(samples.speed_mps, height_m) * samples.weight_s
    return viterbi_two_state(evidence, SWITCH_COST)


def without_taxi_flights(samples: Samples, height_m: FloatArray,
                         air: BoolArray) -> BoolArray:
    """The state with air periods that never left ground effect at taxi speeds
    (a height error on a sloping aerodrome, a fast taxi), or that never reached the
    slowest flying speed at all (the altitude of a parked receiver jumping), put
    back on the ground."""
    out = air.copy()
    for a, b in runs(air):
        speed_mps = np.nanmax(samples.speed_mps[a:b + 1], initial=0.0)
        height_m_max = np.nanmax(height_m[a:b + 1], initial=0.0)
        seen_whole = not (samples.gap_before_s[a:b + 2] > samples.gap_s).any()
        taxi = speed_mps < LIFT_OFF_MIN_SPEED_MPS and height_m_max < GROUND_EFFECT_M
        # a gap may hide a hop in ground effect, but no fix at a flying speed
        # means no evidence of flight at all
        if (seen_whole and taxi) or speed_mps < AIR_MIN_SPEED_MPS:
            out[a:b + 1] = False
    return out


def runs(mask: BoolArray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True in mask."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def stopped_runs(samples: Samples, lo: int, hi: int, *, min_s: float,
                 max_speed_mps: float = 1.0) -> list[tuple[int, int]]:
    """Runs of fixes lo..hi slower than max_speed_mps lasting at least min_s."""
    slow = samples.speed_mps[lo:hi + 1] < max_speed_mps
    found = []
    for a, b in runs(slow):
        start, end = lo + a, lo + b
        if samples.t_s[end] - samples.t_s[start] + samples.weight_s[end] >= min_s:
            found.append((start, end))
    return found
