"""Reading the CSV data logs of Garmin G1000, G1000 NXi and G3X displays.

A log starts with `#` lines (`#airframe_info, log_version=...`, then a row of
units such as `#yyy-mm-dd, hh:mm:ss, hh:mm, ...`), then a row of column names,
then one row per second, every cell padded with spaces. Time is the local date
and time (`Lcl Date`, `Lcl Time`) less the UTC offset (`UTCOfst`, "-05:00").

Columns read: `Latitude`, `Longitude`, `AltGPS` (GPS altitude, ft; `AltMSL` is
the barometric altimeter and is used only when there is no `AltGPS`) and
`GndSpd` (kt). `TRK` is kept as the extra column `trk_deg` but `course_deg` is
derived from the positions, because the log does not say whether TRK is true or
magnetic (the displays show magnetic). Also kept as extra columns, because they
make take-off and landing easier to see: `IAS` (kt -> `ias_mps`), `VSpd` (ft/min
-> `vertical_speed_mps`) and `E1 RPM` (`engine_rpm`). Rows logged before the GPS
has a fix have empty positions; they are dropped and counted. Trailing NUL
padding (a log cut off when power was removed) is dropped, and so is a last row
without a line end: it may have been cut anywhere, even inside a number.
"""

import csv
from datetime import date

import numpy as np
import pandas as pd

from logbook import units
from logbook.errors import IngestError, TrackError
from logbook.ingest import ReadResult
from logbook.ingest.csv_track import data_lines, decode_text
from logbook.ingest.gpx import fill_motion
from logbook.track import Track, to_points

REQUIRED = ("Lcl Date", "Lcl Time", "UTCOfst", "Latitude", "Longitude")
# the header row is within this many lines of the top
HEADER_SEARCH_LINES = 10


def read_garmin_csv(data: bytes, *, name: str, date: date | None = None) -> ReadResult:
    """The track in a G1000 / G3X CSV log; `date` is unused (rows carry dates)."""
    text = decode_text(data, name=name)
    lines = text.splitlines()
    header_at = _header_line(lines, name=name)
    header = [c.strip() for c in next(csv.reader([lines[header_at]]))]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise IngestError(f"{name}:{header_at + 1}: no {', '.join(missing)} "
                          "column in the Garmin log header")
    rows, line_numbers, bad = data_lines(lines, header_at + 1, len(header),
                                         complete=text.endswith("\n"),
                                         keep_unended=False)
    if not rows:
        raise IngestError(f"{name}: no data rows after the header")
    cells = pd.DataFrame(rows, columns=header).apply(lambda c: c.str.strip())
    frame, no_fix, bad_time = _frame(cells, header)
    if frame.empty:
        if no_fix.all():
            raise IngestError(f"{name}: none of {len(rows)} rows has a GPS position")
        first = line_numbers[int(np.argmax(bad_time))]
        raise IngestError(f"{name}:{first}: bad date, time or UTC offset")
    bad.update({"no fix": int(no_fix.sum()), "bad time": int(bad_time.sum())})
    points = to_points(frame)
    try:
        track = Track(fill_motion(points), source=name)
    except TrackError as e:
        raise IngestError(f"{name}: {e}") from None
    warnings = []
    if "AltGPS" not in header:
        warnings.append(f"{name}: no AltGPS column; altitude is the barometric "
                        "AltMSL")
    return ReadResult(track=track, format="garmin_csv", records=len(rows),
                      bad_lines={k: v for k, v in bad.items() if v},
                      warnings=tuple(warnings))


def _header_line(lines: list[str], *, name: str) -> int:
    for i, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        cells = {c.strip() for c in line.split(",")}
        if not line.startswith("#") and {"Latitude", "Longitude"} <= cells:
            return i
    raise IngestError(f"{name}: no Garmin column header (a row naming Lcl Date, "
                      "Lcl Time, UTCOfst, Latitude, Longitude)")


def _numbers(cells: pd.DataFrame, column: str) -> np.ndarray:
    if column not in cells.columns:
        return np.full(len(cells), np.nan)
    return pd.to_numeric(cells[column], errors="coerce").to_numpy(float)


def _utc_times(cells: pd.DataFrame) -> pd.Series:
    local = pd.to_datetime(cells["Lcl Date"] + " " + cells["Lcl Time"],
                           format="%Y-%m-%d %H:%M:%S", errors="coerce")
    if local.isna().all():
        local = pd.to_datetime(cells["Lcl Date"] + " " + cells["Lcl Time"],
                               format="%m/%d/%Y %H:%M:%S", errors="coerce")
    parts = cells["UTCOfst"].str.extract(r"^([+-]?)(\d{1,2}):(\d{2})$")
    sign = np.where(parts[0] == "-", -1.0, 1.0)
    offset_min = sign * (pd.to_numeric(parts[1]) * 60 + pd.to_numeric(parts[2]))
    return (local - pd.to_timedelta(offset_min, unit="min")).dt.tz_localize("UTC")


def _frame(cells: pd.DataFrame,
           header: list[str]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Track columns of the rows with a fix and a time; no-fix and bad-time masks."""
    lat, lon = _numbers(cells, "Latitude"), _numbers(cells, "Longitude")
    time = _utc_times(cells)
    no_fix = np.isnan(lat) | np.isnan(lon)
    bad_time = ~no_fix & time.isna().to_numpy()
    altitude_ft = _numbers(cells, "AltGPS" if "AltGPS" in header else "AltMSL")
    track = _numbers(cells, "TRK")
    frame = pd.DataFrame({
        "time": time, "lat": lat, "lon": lon,
        "altitude_m": units.ft_to_m(altitude_ft),
        "speed_mps": units.kt_to_mps(_numbers(cells, "GndSpd")),
        "trk_deg": np.where((track >= 0) & (track <= 360), track, np.nan),
        "ias_mps": units.kt_to_mps(_numbers(cells, "IAS")),
        "vertical_speed_mps": units.fpm_to_mps(_numbers(cells, "VSpd")),
        "engine_rpm": _numbers(cells, "E1 RPM"),
    })
    return frame[~no_fix & ~bad_time], no_fix, bad_time
