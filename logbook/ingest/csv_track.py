"""Reading tracks from CSV files with recognisable columns, as phone loggers write.

The header row (the first row, within the first lines, that names a latitude and
a longitude column; lines before it are skipped) is matched by name, ignoring
case, punctuation and a `location` prefix, so SensorLog's `loggingTime(txt)`,
`locationLatitude(WGS84)`, `locationAltitude(m)`, `locationSpeed(m/s)` and
`locationCourse(°)` are found as well as `time, lat, lon, alt`:

- time: `time`, `timestamp`, `datetime`, ... (ISO 8601 text, or numbers: Unix
  seconds, or milliseconds when that is what they must be), or a `date` column
  plus a `time` column; times without a zone are read as UTC, with a warning;
- latitude, longitude: decimal degrees;
- altitude: metres, or feet when the header says `ft`/`feet`;
- speed: m/s, or knots, km/h or mph when the header says so (`speed_kts`,
  `Speed (km/h)`); negative values (unknown, on iOS) become NaN, as does a
  negative course.

The unit is read from brackets (`altitude(ft)`, `speed [kt]`) or a last `_word`
(`altitude_m`, `speed_kts`). The delimiter is a comma, semicolon, tab or `|`.
"""

import csv
import re
from datetime import date

import numpy as np
import pandas as pd

from logbook import units
from logbook.errors import IngestError, TrackError
from logbook.ingest import ReadResult
from logbook.ingest.gpx import fill_motion
from logbook.track import Track, to_points

# column role -> names it goes by, after normalising (see `_normalise`)
COLUMNS: dict[str, tuple[str, ...]] = {
    "time": ("time", "timestamp", "datetime", "utc", "timeutc", "utctime",
             "gpstime", "loggingtime", "isotime"),
    "date": ("date", "utcdate", "gpsdate"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "altitude": ("altitude", "alt", "elevation", "ele", "hmsl", "altmsl",
                 "gpsaltitude", "gpsalt"),
    "speed": ("speed", "groundspeed", "gs", "sog", "gpsspeed"),
    "course": ("course", "cog", "track", "trk", "courseoverground"),
    "hdop": ("hdop",),
    "satellites": ("satellites", "sats", "numsv", "numsats"),
    "fix_quality": ("fixquality",),
}
# roles whose names may also end a longer name (locationLatitude, gpsSpeed)
SUFFIXED = ("latitude", "longitude", "altitude", "speed", "course")
# a longer name with one of these words is something else (windSpeed, speedAccuracy)
NOT_THE_TRACK = ("wind", "air", "vertical", "accuracy", "true", "indicated")
UNIT_WORDS = {"m", "ft", "feet", "mps", "kt", "kts", "knots", "kmh", "kph", "mph",
              "deg", "degrees", "s", "ms", "utc", "txt", "wgs84", "msl"}
SPEED_UNITS = {"": 1.0, "m/s": 1.0, "mps": 1.0, "ms": 1.0,
               "kt": units.kt_to_mps(1.0), "kts": units.kt_to_mps(1.0),
               "kn": units.kt_to_mps(1.0), "knots": units.kt_to_mps(1.0),
               "km/h": units.kmh_to_mps(1.0), "kmh": units.kmh_to_mps(1.0),
               "kph": units.kmh_to_mps(1.0),
               "mph": units.mph_to_mps(1.0)}
ALTITUDE_UNITS = {"": 1.0, "m": 1.0, "meters": 1.0, "metres": 1.0, "msl": 1.0,
                  "ft": units.ft_to_m(1.0), "feet": units.ft_to_m(1.0)}
# the header row is within this many lines of the top
HEADER_SEARCH_LINES = 50
# Unix times above this are milliseconds (1e11 s is the year 5138)
MAX_UNIX_SECONDS = 1e11
_ZONED = re.compile(r"(?:Z|[+-]\d\d:?\d\d|UTC|GMT)$", re.IGNORECASE)


def read_csv_track(data: bytes, *, name: str, date: date | None = None) -> ReadResult:
    """The track in a CSV file with time, latitude and longitude columns."""
    text = decode_text(data, name=name)
    lines = text.splitlines()
    header_at, delimiter, roles = find_header(lines, name=name)
    header = next(csv.reader([lines[header_at]], delimiter=delimiter))
    rows, line_numbers, bad = data_lines(lines, header_at + 1, len(header),
                                         complete=text.endswith("\n"),
                                         delimiter=delimiter)
    if not rows:
        raise IngestError(f"{name}: no data rows after the header")
    cells = pd.DataFrame(rows).apply(lambda c: c.str.strip())
    warnings: list[str] = []
    time = _times(cells, roles, name=name, warnings=warnings)
    frame = _frame(cells, header, roles, time, name=name)
    no_time = time.isna().to_numpy()
    no_position = ~no_time & (frame["lat"].isna() | frame["lon"].isna()).to_numpy()
    if no_time.all():
        raise IngestError(f"{name}:{line_numbers[0]}: no readable time in "
                          f"column {header[roles['time']]!r}")
    bad.update({"bad time": int(no_time.sum()), "no position": int(no_position.sum())})
    points = to_points(frame[~no_time & ~no_position])
    if points.empty:
        raise IngestError(f"{name}: no row has a time and a position")
    try:
        track = Track(fill_motion(points), source=name)
    except TrackError as e:
        raise IngestError(f"{name}: {e}") from None
    return ReadResult(track=track, format="csv", records=len(rows),
                      bad_lines={k: v for k, v in bad.items() if v},
                      warnings=tuple(warnings))


def decode_text(data: bytes, *, name: str) -> str:
    """The text of a CSV log; NUL padding at the end is dropped, binary refused."""
    data = data.rstrip(b"\x00")
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    head = data[:4096]
    control = sum(head.count(bytes([c])) for c in (*range(9), *range(14, 32)))
    if b"\x00" in data or control > len(head) // 100:
        raise IngestError(f"{name}: not a text file (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def data_lines(lines: list[str], start: int, width: int, *, complete: bool,
               delimiter: str = ",", keep_unended: bool = True
               ) -> tuple[list[list[str]], list[int], dict[str, int]]:
    """The rows after a header, their line numbers, and bad rows by reason.

    Blank and `#` lines are skipped; a row with fewer cells than the header is
    bad ("truncated" when it is the last line of a file that does not end with a
    newline, which with `keep_unended=False` is dropped as truncated anyway);
    empty cells past the header's width are dropped.
    """
    rows, numbers = [], []
    bad = {"truncated": 0, "bad row": 0}
    for number, row in enumerate(csv.reader(lines[start:], delimiter=delimiter),
                                 start=start + 1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        cut = number == len(lines) and not complete
        if cut and not keep_unended:
            bad["truncated"] += 1
            continue
        if len(row) < width or any(c.strip() for c in row[width:]):
            bad["truncated" if cut else "bad row"] += 1
            continue
        rows.append(row[:width])
        numbers.append(number)
    return rows, numbers, bad


def _normalise(cell: str) -> tuple[str, str]:
    """(name, unit) of a header cell: "locationSpeed(m/s)" -> ("speed", "m/s")."""
    text = cell.strip().strip('"').strip()
    unit = ""
    bracket = re.search(r"[(\[]([^)\]]*)[)\]]", text)
    if bracket:
        unit = bracket.group(1).strip().lower().replace(" ", "")
        text = text[: bracket.start()] + text[bracket.end():]
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    if not unit and len(words) > 1 and words[-1] in UNIT_WORDS:
        unit = words.pop()
    key = "".join(words)
    if key.startswith("location") and key != "location":
        key = key[len("location"):]
    return key, unit


def match_columns(header: list[str]) -> dict[str, int]:
    """Column role -> index of the first header cell that names it."""
    keys = [_normalise(c)[0] for c in header]
    roles: dict[str, int] = {}
    for role, names in COLUMNS.items():
        exact = [i for i, k in enumerate(keys) if k in names]
        suffix = [i for i, k in enumerate(keys) if role in SUFFIXED
                  and k.endswith(names[0])
                  and not any(w in k for w in NOT_THE_TRACK)]
        found = exact or suffix
        if found:
            roles[role] = found[0]
    return roles


def find_header(lines: list[str], *, name: str) -> tuple[int, str, dict[str, int]]:
    """(line index, delimiter, roles) of the header row, or an IngestError
    naming the columns that could not be found."""
    first: tuple[int, str, dict[str, int]] | None = None
    for i, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip() or line.startswith("#"):
            continue
        delimiter = max(",;\t|", key=line.count)
        roles = match_columns(next(csv.reader([line], delimiter=delimiter)))
        first = first or (i, delimiter, roles)
        if {"latitude", "longitude"} <= roles.keys() and (
                "time" in roles or "date" in roles):
            return i, delimiter, roles
    found = first[2] if first else {}
    missing = [f"no {role} column (looked for: {', '.join(COLUMNS[role])})"
               for role in ("time", "latitude", "longitude") if role not in found]
    raise IngestError(f"{name}: {'; '.join(missing)}")


def _times(cells: pd.DataFrame, roles: dict[str, int], *, name: str,
           warnings: list[str]) -> pd.Series:
    """UTC times of the rows, NaT where unreadable."""
    text = cells[roles["time"]] if "time" in roles else cells[roles["date"]]
    if "time" in roles and "date" in roles and roles["date"] != roles["time"]:
        time_of_day = text.str.match(r"^\d{1,2}:\d\d").mean() > 0.5
        if time_of_day:
            text = cells[roles["date"]] + " " + cells[roles["time"]]
    numbers = pd.to_numeric(text, errors="coerce")
    if numbers.notna().mean() > 0.5:                 # Unix times
        unit = "ms" if numbers.median() > MAX_UNIX_SECONDS else "s"
        return pd.to_datetime(numbers, unit=unit, utc=True)
    times = pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
    if times.isna().all():
        times = pd.to_datetime(text, utc=True, format="mixed", errors="coerce")
    zoneless = int((times.notna() & ~text.str.contains(_ZONED)).sum())
    if zoneless:
        warnings.append(f"{name}: {zoneless} time(s) have no time zone; "
                        "read as UTC")
    return times


def _frame(cells: pd.DataFrame, header: list[str], roles: dict[str, int],
           time: pd.Series, *, name: str) -> pd.DataFrame:
    def numbers(role: str) -> np.ndarray:
        if role not in roles:
            return np.full(len(cells), np.nan)
        return pd.to_numeric(cells[roles[role]], errors="coerce").to_numpy(float)

    def factor(role: str, table: dict[str, float]) -> float:
        unit = _normalise(header[roles[role]])[1] if role in roles else ""
        if unit not in table:
            raise IngestError(f"{name}: unit {unit!r} of column "
                              f"{header[roles[role]].strip()!r} not understood")
        return table[unit]

    speed, course = numbers("speed"), numbers("course")
    return pd.DataFrame({
        "time": time,
        "lat": numbers("latitude"), "lon": numbers("longitude"),
        "altitude_m": numbers("altitude") * factor("altitude", ALTITUDE_UNITS),
        "speed_mps": np.where(speed < 0, np.nan, speed) * factor("speed", SPEED_UNITS),
        "course_deg": np.where((course < 0) | (course > 360), np.nan, course),
        "fix_quality": numbers("fix_quality"),
        "satellites": numbers("satellites"),
        "hdop": numbers("hdop"),
    })
