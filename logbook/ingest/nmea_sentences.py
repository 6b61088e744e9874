"""Column-wise decoding of each NMEA sentence type into canonical numpy arrays.

Each parser takes the `Fields` of all sentences of one type and returns equal-length
arrays: `sod_us` (time of day in microseconds, -1 when missing or malformed), `lat`,
`lon` (signed degrees), speeds in m/s, altitude in metres, `valid` (the sentence
claims a usable fix) and `malformed` (a non-empty field that is no number).
Missing values are NaN, never 0.
"""

from collections.abc import Callable

import numpy as np

from logbook import units
from logbook.ingest.nmea_fast import Fields

Columns = dict[str, np.ndarray]
Numbers = dict[int, np.ndarray]      # field index -> float64 values
SentenceParser = Callable[[Fields], Columns]

US_PER_DAY = 86_400_000_000
# GGA fix quality: 1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float. 0 is no fix and
# 6 (estimated), 7 (manual), 8 (simulator) are not measurements (NMEA 0183 v2.3+)
GGA_FIX_QUALITIES = (1, 2, 3, 4, 5)


def time_of_day_us(hhmmss: np.ndarray) -> np.ndarray:
    """`hhmmss.sss` numbers as microseconds since midnight; -1 where impossible."""
    with np.errstate(invalid="ignore"):
        hhmm = np.floor(hhmmss / 100)
        seconds = hhmmss - hhmm * 100
        hours = np.floor(hhmm / 100)
        minutes = hhmm - hours * 100
        ok = (hhmmss >= 0) & (hours < 24) & (minutes < 60) & (seconds < 60)
        whole = (hours * 3600 + minutes * 60) * 1_000_000
        us = np.round(whole + seconds * 1_000_000)
    return np.where(ok, us, -1).astype(np.int64)


def degrees(ddmm: np.ndarray, hemisphere: np.ndarray, *, positive: bytes,
            negative: bytes, limit_deg: float) -> np.ndarray:
    """`dddmm.mmmm` and a hemisphere letter as signed degrees; NaN if impossible."""
    with np.errstate(invalid="ignore"):
        whole = np.floor(ddmm / 100)
        minutes = ddmm - whole * 100
        value = whole + minutes / 60
        ok = (ddmm >= 0) & (minutes < 60) & (value <= limit_deg)
    sign = np.where(hemisphere == positive[0], 1.0,
                    np.where(hemisphere == negative[0], -1.0, np.nan))
    return np.where(ok, value * sign, np.nan)


def _lat(f: Fields, nums: Numbers, k: int) -> np.ndarray:
    return degrees(nums[k], f.letter(k + 1), positive=b"N", negative=b"S",
                   limit_deg=90.0)


def _lon(f: Fields, nums: Numbers, k: int) -> np.ndarray:
    return degrees(nums[k], f.letter(k + 1), positive=b"E", negative=b"W",
                   limit_deg=180.0)


def _malformed(f: Fields, nums: Numbers) -> np.ndarray:
    bad = np.zeros(len(f.starts), dtype=bool)
    for k, values in nums.items():
        bad |= np.isnan(values) & (f.width(k) > 0)
    return bad


def parse_gga(f: Fields) -> Columns:
    """GGA: time, position, quality, satellites, HDOP, altitude (metres MSL)."""
    n = f.numbers([0, 1, 3, 5, 6, 7, 8])
    quality = n[5]
    return {"sod_us": time_of_day_us(n[0]), "lat": _lat(f, n, 1), "lon": _lon(f, n, 3),
            "fix_quality": quality, "satellites": n[6], "hdop": n[7],
            "altitude_m": n[8], "valid": np.isin(quality, GGA_FIX_QUALITIES),
            "malformed": _malformed(f, n)}


def parse_rmc(f: Fields) -> Columns:
    """RMC: time, status, position, speed (knots in, m/s out), course, date."""
    n = f.numbers([0, 2, 4, 6, 7, 8])
    return {"sod_us": time_of_day_us(n[0]), "lat": _lat(f, n, 2), "lon": _lon(f, n, 4),
            "speed_mps": units.kt_to_mps(n[6]), "course_deg": n[7],
            "day": _ddmmyy_days(n[8], f.width(8)), "valid": f.letter(1) == ord("A"),
            # a bad date leaves the fix usable: it only costs the date
            "malformed": _malformed(f, {k: v for k, v in n.items() if k != 8})}


def parse_gll(f: Fields) -> Columns:
    """GLL: position, time, status."""
    n = f.numbers([0, 2, 4])
    return {"sod_us": time_of_day_us(n[4]), "lat": _lat(f, n, 0), "lon": _lon(f, n, 2),
            "valid": f.letter(5) == ord("A"), "malformed": _malformed(f, n)}


def parse_vtg(f: Fields) -> Columns:
    """VTG: course and speed; the old form has no unit letters."""
    n = f.numbers([0, 2, 4, 6])
    modern = f.letter(1) == ord("T")
    speed_kt = np.where(modern, n[4], n[2])
    speed_mps = np.where(np.isnan(speed_kt) & modern, units.kmh_to_mps(n[6]),
                         units.kt_to_mps(speed_kt))
    return {"speed_mps": speed_mps, "course_deg": n[0],
            "valid": ~np.isnan(speed_mps), "malformed": _malformed(f, n)}


def parse_gsa(f: Fields) -> Columns:
    """GSA: fix mode (1 none, 2 2D, 3 3D) and HDOP."""
    n = f.numbers([1, 15])
    return {"hdop": n[15], "valid": np.isin(n[1], (2, 3)),
            "malformed": _malformed(f, n)}


def parse_zda(f: Fields) -> Columns:
    """ZDA: time and a four-digit-year date."""
    n = f.numbers([0, 1, 2, 3])
    day = _ymd_days(n[3], n[2], n[1])
    return {"sod_us": time_of_day_us(n[0]), "day": day, "valid": day >= 0,
            "malformed": _malformed(f, n)}


def parse_gsv(f: Fields) -> Columns:
    """GSV: satellites in view; checked, but nothing in it reaches the track."""
    return {"valid": np.ones(len(f.starts), dtype=bool),
            "malformed": np.zeros(len(f.starts), dtype=bool)}


def _ddmmyy_days(ddmmyy: np.ndarray, width: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        day = np.floor(ddmmyy / 10000)
        month = np.floor(ddmmyy / 100) - day * 100
        yy = ddmmyy - np.floor(ddmmyy / 100) * 100
    # two-digit years pivot at 69, as gpsd and Python's %y do
    year = np.where(yy < 69, 2000 + yy, 1900 + yy)
    return np.where(width == 6, _ymd_days(year, month, day), -1)


def _ymd_days(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of each date, -1 where the date does not exist."""
    with np.errstate(invalid="ignore"):
        ok = ((year >= 1970) & (year < 2200) & (month >= 1) & (month <= 12)
              & (day >= 1) & (year == np.floor(year)) & (month == np.floor(month))
              & (day == np.floor(day)))
    y = np.where(ok, year, 1970).astype(np.int64)
    m = np.where(ok, month, 1).astype(np.int64)
    d = np.where(ok, day, 1).astype(np.int64)
    first = (y - 1970) * 12 + (m - 1)
    start = first.astype("datetime64[M]").astype("datetime64[D]")
    length = ((first + 1).astype("datetime64[M]").astype("datetime64[D]")
              - start).astype(np.int64)
    days = start.astype(np.int64) + d - 1
    return np.where(ok & (d <= length), days, -1)


PARSERS: dict[str, SentenceParser] = {
    "GGA": parse_gga, "RMC": parse_rmc, "GLL": parse_gll, "VTG": parse_vtg,
    "GSA": parse_gsa, "ZDA": parse_zda, "GSV": parse_gsv,
}
