"""The wind, from the track's own ground velocities in the air.

An aeroplane flying round a circuit keeps roughly one airspeed on every heading, so
its ground velocities lie on a circle whose centre is the wind vector:
|v_ground - wind|^2 = airspeed^2, which is linear in (wind, airspeed^2 - |wind|^2)
once expanded (Kasa's algebraic circle fit). The fit needs headings all round; a
straight trip gives none and the wind is then taken as calm.
"""

import numpy as np

from logbook.analysis.phases import BoolArray, FloatArray, Samples

# the fit needs ground velocities spread over headings: the mean unit heading vector
# of the airborne fixes must be shorter than this (0 is evenly spread, 1 is one way)
MAX_HEADING_BIAS = 0.5
# a fitted wind stronger than this (about 50 kt) is a bad fit: calm is assumed
MAX_WIND_MPS = 26.0


def wind_mps(samples: Samples, air: BoolArray) -> tuple[float, float]:
    """East and north components of the wind (the way it blows), m/s."""
    speed, course = samples.speed_mps[air], np.radians(samples.course_deg[air])
    ok = np.isfinite(speed) & np.isfinite(course)
    vx, vy = speed[ok] * np.sin(course[ok]), speed[ok] * np.cos(course[ok])
    if len(vx) < 30 or np.hypot(np.mean(np.sin(course[ok])),
                                np.mean(np.cos(course[ok]))) > MAX_HEADING_BIAS:
        return 0.0, 0.0
    design = np.column_stack((2 * vx, 2 * vy, np.ones_like(vx)))
    (wx, wy, _), *_ = np.linalg.lstsq(design, vx * vx + vy * vy, rcond=None)
    if np.hypot(wx, wy) > MAX_WIND_MPS:
        return 0.0, 0.0
    return float(wx), float(wy)


def airspeed_mps(samples: Samples, wind: tuple[float, float]) -> FloatArray:
    """True airspeed of each fix, with the wind (and no vertical speed) taken out."""
    course = np.radians(samples.course_deg)
    vx = samples.speed_mps * np.sin(course) - wind[0]
    vy = samples.speed_mps * np.cos(course) - wind[1]
    return np.asarray(np.hypot(vx, vy))
