"""Render a track's points as NMEA 0183 sentences (GGA, GSA, RMC, GSV).

Used by `logbook export --format nmea`, by the simulator that writes the sample logs
and by the device emulator. Sentences use the `GP` talker, `hhmmss.sss` times and
4-decimal minutes, as a SiRF III receiver such as the GT-11 writes them.
"""

import math
from collections.abc import Iterable, Iterator
from functools import reduce

import pandas as pd

from logbook import units


def checksum(body: str) -> str:
    """The two-hex-digit XOR checksum of the text between `$` and `*`."""
    return f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def sentence(body: str) -> str:
    """`$body*CS` with its checksum, without a line end."""
    return f"${body}*{checksum(body)}"


def _degrees_minutes(value: float, width: int) -> str:
    # whole ten-thousandths of a minute, so 59.99999' rounds up to the next degree
    deg, rest = divmod(round(abs(value) * 600_000), 600_000)
    return f"{deg:0{width}d}{rest / 10_000:07.4f}"


def _lat(lat: float) -> tuple[str, str]:
    return _degrees_minutes(lat, 2), "N" if lat >= 0 else "S"


def _lon(lon: float) -> tuple[str, str]:
    return _degrees_minutes(lon, 3), "E" if lon >= 0 else "W"


def _num(value: float, fmt: str) -> str:
    return "" if value is None or math.isnan(value) else format(value, fmt)


def _int(value: object, fmt: str = "02d") -> str:
    return "" if value is None or value is pd.NA else format(int(value), fmt)  # type: ignore[call-overload]


def format_gga(time: pd.Timestamp, lat: float, lon: float, *, altitude_m: float,
               fix_quality: int = 1, satellites: int | None = None,
               hdop: float = math.nan) -> str:
    """A GGA sentence; unknown satellites, HDOP or altitude stay empty fields."""
    la, ns = _lat(lat)
    lo, ew = _lon(lon)
    hms = time.strftime("%H%M%S") + f".{time.microsecond // 1000:03d}"
    sats = "" if satellites is None else f"{satellites:02d}"
    body = (f"GPGGA,{hms},{la},{ns},{lo},{ew},{fix_quality},{sats},"
            f"{_num(hdop, '.1f')},{_num(altitude_m, '.1f')},M,,M,,0000")
    return sentence(body)


def format_rmc(time: pd.Timestamp, lat: float, lon: float, *, speed_mps: float,
               course_deg: float, valid: bool = True) -> str:
    la, ns = _lat(lat)
    lo, ew = _lon(lon)
    hms = time.strftime("%H%M%S") + f".{time.microsecond // 1000:03d}"
    speed_kt = units.mps_to_kt(speed_mps) if not math.isnan(speed_mps) else math.nan
    body = (f"GPRMC,{hms},{'A' if valid else 'V'},{la},{ns},{lo},{ew},"
            f"{_num(speed_kt, '.2f')},{_num(course_deg, '.2f')},"
            f"{time.strftime('%d%m%y')},,,{'A' if valid else 'N'}")
    return sentence(body)


def format_gsa(prns: Iterable[int], *, hdop: float, pdop: float, vdop: float) -> str:
    ids = [f"{p:02d}" for p in prns][:12]
    ids += [""] * (12 - len(ids))
    body = f"GPGSA,A,3,{','.join(ids)},{pdop:.1f},{hdop:.1f},{vdop:.1f}"
    return sentence(body)


def format_gsv(sats: list[tuple[int, int, int, int]]) -> list[str]:
    """GSV group for (prn, elevation_deg, azimuth_deg, snr_db) tuples."""
    count = max(1, math.ceil(len(sats) / 4))
    out = []
    for i in range(count):
        chunk = sats[i * 4:(i + 1) * 4]
        fields = ",".join(f"{p:02d},{e:02d},{a:03d},{s:02d}" for p, e, a, s in chunk)
        out.append(sentence(f"GPGSV,{count},{i + 1},{len(sats):02d},{fields}"))
    return out


_SKY = [(1, 45, 60, 40), (4, 30, 120, 38), (7, 62, 200, 42), (9, 15, 300, 31),
        (11, 52, 250, 41), (14, 20, 30, 33), (17, 70, 100, 44), (20, 10, 170, 28)]


def iter_nmea(points: pd.DataFrame, *, gsa: bool = True,
              gsv_every_s: int | None = 5) -> Iterator[str]:
    """Sentences for each fix in the order a SiRF III sends them: GGA, GSA,
    (GSV every `gsv_every_s` seconds), RMC."""
    cols = points[["time", "lat", "lon", "altitude_m", "speed_mps", "course_deg",
                   "fix_quality", "satellites", "hdop"]]
    for t, lat, lon, alt, spd, crs, q, n, hdop in cols.itertuples(index=False):
        # every point of a track is a fix: an unknown quality is written as GPS (1)
        q = 1 if q is pd.NA else int(q)
        n = None if n is pd.NA else int(n)
        yield format_gga(t, lat, lon, altitude_m=alt, fix_quality=q, satellites=n,
                         hdop=float(hdop))
        if gsa:
            in_use = [s[0] for s in _SKY[: n if n is not None else len(_SKY)]]
            dop = 1.0 if math.isnan(hdop) else float(hdop)
            yield format_gsa(in_use, hdop=dop, pdop=dop * 1.8, vdop=dop * 1.5)
        if gsv_every_s and t.second % gsv_every_s == 0 and t.microsecond == 0:
            yield from format_gsv(_SKY)
        yield format_rmc(t, lat, lon, speed_mps=spd, course_deg=crs)


def to_nmea(points: pd.DataFrame, *, gsa: bool = False,
            gsv_every_s: int | None = None) -> bytes:
    """The points as CRLF-terminated NMEA text (GGA and RMC unless asked for more)."""
    lines = iter_nmea(points, gsa=gsa, gsv_every_s=gsv_every_s)
    return "".join(line + "\r\n" for line in lines).encode("ascii")
