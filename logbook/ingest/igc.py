"""Reading IGC flight recorder files (gliders, paragliders, some power loggers).

The date comes from the `HFDTE` header, in either form (`HFDTE020911` or
`HFDTEDATE:020911,01`); it is the UTC date of the first fix, and a time of day
that jumps back by more than 12 hours starts the next day (midnight). Each
B-record is one fix:

    B HHMMSS DDMMmmmN DDDMMmmmE V PPPPP GGGGG [extensions]

`altitude_m` is the GNSS altitude (GGGGG, metres). IGC asks for altitude above
the WGS84 ellipsoid, and some loggers write that while others write height above
the geoid (MSL), so it can be off from MSL by the geoid separation (tens of
metres in places). Validity `V` means a 2D fix or no GNSS altitude, so its
altitude is NaN. The pressure altitude (PPPPP, ISA, metres) is kept as the extra
column `pressure_altitude_m` (NaN when the logger has no pressure sensor and
writes zeros). I-record extensions (engine noise, airspeed) are ignored.
"""

import re
from datetime import date as Date

import numpy as np
import pandas as pd

from logbook.errors import IngestError, TrackError
from logbook.ingest import ReadResult
from logbook.ingest.gpx import fill_motion
from logbook.track import Track, to_points

_B_RECORD = re.compile(
    rb"^B(\d{2})(\d{2})(\d{2})(\d{2})(\d{5})([NS])(\d{3})(\d{5})([EW])([AV])"
    rb"([-\d]\d{4})([-\d]\d{4})", re.MULTILINE)
_DATE = re.compile(rb"^HFDTE(?:DATE:)?\s*(\d{2})(\d{2})(\d{2})", re.MULTILINE)
# two-digit IGC years from this one on are 19xx (the format dates from 1996)
FIRST_19XX_YEAR = 80
SECONDS_PER_DAY = 86400


def read_igc(data: bytes, *, name: str, date: Date | None = None) -> ReadResult:
    """The GNSS track of an IGC file; `date` is needed only without `HFDTE`."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.strip(b"\x00 \t\r\n"):
        raise IngestError(f"{name}: empty file")
    if not text.startswith(b"A"):
        raise IngestError(f"{name}:1: not an IGC file (the first record is not "
                          "an A record)")
    records = re.findall(rb"^B", text, re.MULTILINE)
    fixes = np.array(_B_RECORD.findall(text), dtype=object).reshape(-1, 12)
    if not len(fixes):
        raise IngestError(f"{name}: no readable B records (fixes) in "
                          f"{len(records)} B lines")
    day = _flight_date(text, name=name, date=date)
    frame = _fix_frame(fixes, day)
    bad = len(records) - len(fixes)
    points = to_points(frame)
    warnings = []
    if len(points) < len(frame):
        warnings.append(f"{name}: dropped {len(frame) - len(points)} fixes whose "
                        "time was already taken")
    try:
        track = Track(fill_motion(points), source=name)
    except TrackError as e:
        raise IngestError(f"{name}: {e}") from None
    return ReadResult(track=track, format="igc", records=len(records),
                      bad_lines={"bad B record": bad} if bad else {},
                      warnings=tuple(warnings))


def _flight_date(text: bytes, *, name: str, date: Date | None) -> Date:
    found = _DATE.search(text)
    if found is None:
        if date is None:
            raise IngestError(f"{name}: no HFDTE date header; "
                              "pass --date YYYY-MM-DD")
        return date
    day, month, year = (int(g) for g in found.groups())
    year += 1900 if year >= FIRST_19XX_YEAR else 2000
    try:
        return Date(year, month, day)
    except ValueError:
        line = text[: found.start()].count(b"\n") + 1
        raise IngestError(f"{name}:{line}: bad HFDTE date "
                          f"{found.group(0).decode('ascii')!r}") from None


def _fix_frame(fixes: np.ndarray, day: Date) -> pd.DataFrame:
    """Canonical columns from the regex groups of the B records."""
    def ints(column: int) -> np.ndarray:
        return fixes[:, column].astype(np.int64)

    second_of_day = ints(0) * 3600 + ints(1) * 60 + ints(2)
    step = np.diff(second_of_day)
    days = np.concatenate(([0], np.cumsum(step < -SECONDS_PER_DAY // 2)))
    start = np.datetime64(day, "s").astype(np.int64)
    epoch_s = start + days * SECONDS_PER_DAY + second_of_day
    lat = (ints(3) + ints(4) / 60000.0) * np.where(fixes[:, 5] == b"S", -1, 1)
    lon = (ints(6) + ints(7) / 60000.0) * np.where(fixes[:, 8] == b"W", -1, 1)
    valid = fixes[:, 9] == b"A"
    pressure_m = ints(10).astype(float)
    if not pressure_m.any():
        pressure_m[:] = np.nan              # no pressure sensor: all zeros
    return pd.DataFrame({
        "time": pd.to_datetime(epoch_s, unit="s", utc=True),
        "lat": lat, "lon": lon,
        "altitude_m": np.where(valid, ints(11).astype(float), np.nan),
        "fix_quality": 1,
        "pressure_altitude_m": pressure_m,
    })
