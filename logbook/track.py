"""A track: GPS fixes in one pandas DataFrame with fixed, documented columns.

Glossary: AGL (above ground level), MSL (mean sea level), HDOP (horizontal dilution
of precision), ICAO (International Civil Aviation Organization), UTC.

Columns (SI units inside; human units appear only when something is rendered):

| column        | dtype                 | meaning                                        |
|---------------|-----------------------|------------------------------------------------|
| `time`        | datetime64[ns, UTC]   | fix time; strictly increasing, unique          |
| `lat`, `lon`  | float64               | decimal degrees WGS84                          |
| `altitude_m`  | float64               | GNSS altitude above MSL, metres; NaN unknown   |
| `speed_mps`   | float64               | ground speed, m/s; NaN unknown                 |
| `course_deg`  | float64               | course over ground, degrees true; NaN unknown  |
| `fix_quality` | Int64 (nullable)      | GGA quality: 1 GPS, 2 DGPS, 4/5 RTK; <NA>      |
| `satellites`  | Int64 (nullable)      | satellites in use; <NA> unknown                |
| `hdop`        | float64               | horizontal dilution of precision; NaN unknown  |

Only valid fixes reach a track: no-fix epochs are dropped at ingest.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from logbook.errors import TrackError

TIME_DTYPE = "datetime64[ns, UTC]"
TRACK_COLUMNS: dict[str, str] = {
    "time": TIME_DTYPE,
    "lat": "float64",
    "lon": "float64",
    "altitude_m": "float64",
    "speed_mps": "float64",
    "course_deg": "float64",
    "fix_quality": "Int64",
    "satellites": "Int64",
    "hdop": "float64",
}


def to_points(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical points of any frame holding at least `time`, `lat`, `lon`.

    Missing optional columns become NaN / <NA>, dtypes are coerced, rows without a
    position are dropped, rows are sorted by time and a repeated time keeps its
    first fix. Extra columns are kept after the canonical ones.
    """
    missing = [c for c in ("time", "lat", "lon") if c not in frame.columns]
    if missing:
        raise TrackError(f"track has no {', '.join(missing)} column")
    out = {}
    for name, dtype in TRACK_COLUMNS.items():
        if name not in frame.columns:
            out[name] = pd.Series(pd.NA if dtype == "Int64" else np.nan,
                                  index=frame.index, dtype=dtype)
        elif name == "time":
            out[name] = pd.to_datetime(frame[name], utc=True).astype(TIME_DTYPE)
        elif dtype == "Int64":
            out[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
        else:
            out[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    extras = {c: frame[c] for c in frame.columns if c not in TRACK_COLUMNS}
    points = pd.DataFrame({**out, **extras})
    points = points.dropna(subset=["time", "lat", "lon"])
    points = points.sort_values("time", kind="stable")
    points = points.drop_duplicates(subset="time", keep="first")
    return points.reset_index(drop=True)


def check_points(points: pd.DataFrame) -> None:
    """Raise TrackError naming every way `points` breaks the schema."""
    problems = []
    for name, dtype in TRACK_COLUMNS.items():
        if name not in points.columns:
            problems.append(f"missing column {name}")
        elif str(points[name].dtype) != dtype:
            problems.append(f"{name} is {points[name].dtype}, not {dtype}")
    if not problems and len(points):
        if not points["time"].is_monotonic_increasing or points["time"].duplicated().any():
            problems.append("times are not strictly increasing")
        if points["lat"].abs().gt(90).any() or points["lon"].abs().gt(180).any():
            problems.append("position out of range")
    if problems:
        raise TrackError("bad track: " + "; ".join(problems))


@dataclass(frozen=True)
class Track:
    """GPS fixes from one source, validated at construction."""

    points: pd.DataFrame
    source: str = ""
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        check_points(self.points)

    def __len__(self) -> int:
        return len(self.points)

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.points["time"].iloc[0])

    @property
    def end(self) -> pd.Timestamp:
        return pd.Timestamp(self.points["time"].iloc[-1])

    def between(self, start: pd.Timestamp, end: pd.Timestamp) -> "Track":
        """The fixes from start to end, both included."""
        t = self.points["time"]
        part = self.points[(t >= start) & (t <= end)].reset_index(drop=True)
        return Track(part, source=self.source)
