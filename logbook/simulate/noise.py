"""What a GPS receiver makes of the exact states: slowly wandering position and
altitude errors (first-order Gauss-Markov), Doppler speed noise, satellites, HDOP."""

import numpy as np
import pandas as pd

from logbook import geo

POSITION_TAU_S = 60.0       # correlation time of SiRF III position errors (order of)
ALTITUDE_NOISE_RATIO = 1.6  # vertical error is larger than horizontal
SPEED_NOISE_MPS = 0.15      # Doppler velocity noise per axis
STATIC_SPEED_MPS = 0.3      # below this the receiver reports 0 (static navigation)


def gauss_markov(count: int, *, sigma: float, tau_samples: float,
                 rng: np.random.Generator) -> np.ndarray:
    """A stationary first-order Gauss-Markov series with standard deviation sigma."""
    out = np.zeros(count)
    if count == 0 or sigma <= 0:
        return out
    phi = float(np.exp(-1.0 / max(tau_samples, 1e-9)))
    shocks = rng.normal(0.0, sigma * np.sqrt(1.0 - phi**2), count)
    out[0] = rng.normal(0.0, sigma)
    for i in range(1, count):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def local_to_latlon(east_m: np.ndarray, north_m: np.ndarray, lat0: float,
                    lon0: float) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of `geo.to_local_xy_m` about (lat0, lon0)."""
    k = np.radians(1.0) * geo.EARTH_RADIUS_M
    return lat0 + north_m / k, lon0 + east_m / (k * np.cos(np.radians(lat0)))


def receiver_points(truth: pd.DataFrame, *, lat0: float, lon0: float, rate_hz: float,
                    noise_m: float, altitude_bias_m: float,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Track columns from exact states (`east_m`, `north_m`, `altitude_m`,
    `east_mps`, `north_mps`) with the receiver's errors added."""
    n = len(truth)
    tau = POSITION_TAU_S * rate_hz
    axis_sigma = noise_m / np.sqrt(2.0)
    east = truth["east_m"].to_numpy() + gauss_markov(n, sigma=axis_sigma,
                                                      tau_samples=tau, rng=rng)
    north = truth["north_m"].to_numpy() + gauss_markov(n, sigma=axis_sigma,
                                                        tau_samples=tau, rng=rng)
    altitude = (truth["altitude_m"].to_numpy() + altitude_bias_m
                + gauss_markov(n, sigma=noise_m * ALTITUDE_NOISE_RATIO,
                               tau_samples=tau, rng=rng))
    ve = truth["east_mps"].to_numpy().copy()
    vn = truth["north_mps"].to_numpy().copy()
    if noise_m > 0:
        ve += rng.normal(0.0, SPEED_NOISE_MPS, n)
        vn += rng.normal(0.0, SPEED_NOISE_MPS, n)
    speed = np.hypot(ve, vn)
    course = pd.Series(np.degrees(np.arctan2(ve, vn)) % 360.0)
    still = speed < STATIC_SPEED_MPS
    speed[still] = 0.0
    course[still] = np.nan
    course = course.ffill().fillna(0.0).round(2) % 360.0
    satellites = _satellites(n, rate_hz, rng)
    hdop = np.round(0.8 + 0.1 * (10 - satellites) + np.abs(rng.normal(0, 0.05, n)), 1)
    lat, lon = local_to_latlon(east, north, lat0, lon0)
    return pd.DataFrame({
        "time": truth["time"], "lat": lat, "lon": lon, "altitude_m": altitude,
        "speed_mps": speed, "course_deg": course.to_numpy(),
        "fix_quality": pd.array(np.ones(n, dtype=int), dtype="Int64"),
        "satellites": pd.array(satellites, dtype="Int64"), "hdop": hdop,
    })


def _satellites(count: int, rate_hz: float, rng: np.random.Generator) -> np.ndarray:
    """Satellites in use: 7 to 10, changing every minute or so."""
    steps = rng.integers(-1, 2, size=max(1, int(count / (60 * rate_hz)) + 2))
    level = np.clip(8 + np.cumsum(steps), 7, 10)
    index = (np.arange(count) / (60 * rate_hz)).astype(int)
    return level[index].astype(int)
