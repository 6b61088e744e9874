"""Reading GPX 1.0 and 1.1 tracks with gpxpy.

Every track and every segment of a file becomes one `Track`, sorted by time.
Speed and course come from the file when it has them (GPX 1.0 `<speed>` and
`<course>`, or a `speed`/`course` element inside a point's `<extensions>` such as
Garmin's TrackPointExtension v2); otherwise they are derived from consecutive
positions. Route points and waypoints are not a track and are ignored.

The XML is parsed with the standard library's parser, never lxml (which gpxpy
would pick when installed, and which is slower and hungrier on large logs), and
files that declare entities are refused before parsing: real GPX never needs
them, and entity expansion is how a small file explodes in memory.
"""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
from gpxpy.gpx import GPX, GPXException
from gpxpy.gpxfield import gpx_fields_from_xml

from logbook.errors import IngestError, TrackError
from logbook.geo import bearing_deg, haversine_m
from logbook.ingest import ReadResult
from logbook.track import Track, to_points

# gpxpy looks elements up by bare tag names, as its own parser does after this
_DEFAULT_NAMESPACE = re.compile(rb"""\sxmlns=(['"])[^'"]+\1""")

# GPX <fix> values -> GGA fix quality; "none" is no fix and never reaches a track
_FIX_QUALITY = {"2d": 1, "3d": 1, "dgps": 2, "pps": 3}


def read_gpx(data: bytes, *, name: str, date: date | None = None) -> ReadResult:
    """The track points of a GPX file; `date` is unused (GPX times carry dates)."""
    gpx = parse_gpx(data, name=name)
    points = [p for trk in gpx.tracks for seg in trk.segments for p in seg.points]
    if not points:
        if gpx.waypoints or gpx.routes:
            raise IngestError(f"{name}: no track points (only waypoints/routes)")
        raise IngestError(f"{name}: no track points")
    timeless = sum(p.time is None for p in points)
    if timeless:
        raise IngestError(f"{name}: {timeless} of {len(points)} track points "
                          "have no time; a track needs times")
    frame = _point_frame(points)
    no_fix = int((frame["fix"] == "none").sum())
    frame = to_points(frame[frame["fix"] != "none"].drop(columns="fix"))
    if frame.empty:
        raise IngestError(f"{name}: no track points with a fix")
    points_kept = len(points) - no_fix
    warnings = []
    if len(frame) < points_kept:
        warnings.append(f"{name}: dropped {points_kept - len(frame)} track points "
                        "whose time was already taken")
    if frame["speed_mps"].isna().any() or frame["course_deg"].isna().any():
        frame = fill_motion(frame)
    try:
        track = Track(frame, source=name)
    except TrackError as e:
        raise IngestError(f"{name}: {e}") from None
    return ReadResult(track=track, format="gpx",
                      records=len(points),
                      bad_lines={"no fix": no_fix} if no_fix else {},
                      warnings=tuple(warnings))


def parse_gpx(data: bytes, *, name: str) -> GPX:
    """A gpxpy `GPX` from raw bytes, or an IngestError naming `name`."""
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    if b"<!ENTITY" in data:
        raise IngestError(f"{name}: not valid GPX (entity declarations are not "
                          "allowed in a GPS log)")
    try:
        root = ET.XML(_DEFAULT_NAMESPACE.sub(b"", data, count=1))
    except ET.ParseError as e:
        raise IngestError(f"{name}: not valid GPX ({e})") from None
    except (LookupError, ValueError) as e:   # unknown or unusable encoding
        raise IngestError(f"{name}: not valid GPX ({e})") from None
    if root.tag.endswith("}gpx"):
        _strip_namespace(root)
    if root.tag != "gpx":
        raise IngestError(f"{name}: not valid GPX (root element is <{root.tag}>, "
                          "not <gpx>)")
    gpx = GPX()
    try:
        # gpxpy's hint says str, but the function walks an ElementTree element
        gpx_fields_from_xml(gpx, root, root.get("version") or "1.0")  # type: ignore[arg-type]
    except (GPXException, ValueError) as e:
        raise IngestError(f"{name}: not valid GPX ({e})") from None
    return gpx


def _strip_namespace(root: ET.Element) -> None:
    # the slow path, for a GPX namespace the byte pattern did not catch (UTF-16
    # text, a prefixed root such as <gpx:gpx>): gpxpy wants bare tag names
    namespace = root.tag[: -len("gpx")]
    for element in root.iter():
        if element.tag.startswith(namespace):
            element.tag = element.tag[len(namespace):]


def _point_frame(points: list[Any]) -> pd.DataFrame:
    """The track columns of gpxpy points, plus the GPX `fix` text."""
    def floats(values: list[float | None]) -> np.ndarray:
        return np.array([np.nan if v is None else v for v in values], dtype=float)

    motion = [_motion(p) for p in points]
    fix = pd.Series([p.type_of_gpx_fix for p in points], dtype="object")
    return pd.DataFrame({
        "time": _utc_times([p.time for p in points]),
        "lat": floats([p.latitude for p in points]),
        "lon": floats([p.longitude for p in points]),
        "altitude_m": floats([p.elevation for p in points]),
        "speed_mps": floats([m[0] for m in motion]),
        "course_deg": floats([m[1] for m in motion]),
        "fix_quality": pd.array(fix.map(_FIX_QUALITY), dtype="Int64"),
        "satellites": pd.array([p.satellites for p in points], dtype="Int64"),
        "hdop": floats([p.horizontal_dilution for p in points]),
        "fix": fix,
    })


def _utc_times(times: list[datetime]) -> pd.DatetimeIndex:
    # gpxpy's times carry its own tz class (or none: GPX times are UTC by spec)
    utc = [t.astimezone(UTC) if t.tzinfo else t.replace(tzinfo=UTC) for t in times]
    return pd.DatetimeIndex(utc).as_unit("ns")


def _motion(point: Any) -> tuple[float | None, float | None]:
    """(speed m/s, course deg) from GPX 1.0 elements or a point's extensions."""
    speed, course = point.speed, point.course
    if (speed is None or course is None) and point.extensions:
        found = {tag: e.text for ext in point.extensions for e in ext.iter()
                 if (tag := _local(e.tag)) in ("speed", "course")}
        speed = speed if speed is not None else _number(found.get("speed"))
        course = course if course is not None else _number(found.get("course"))
    return speed, course


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def fill_motion(points: pd.DataFrame) -> pd.DataFrame:
    """Fill missing speed and course from consecutive positions and times.

    Each point gets the speed and bearing of the leg that ends at it (the first
    point those of the leg that starts at it); a leg of zero length has no course.
    """
    if len(points) < 2:
        return points
    lat, lon = points["lat"].to_numpy(), points["lon"].to_numpy()
    leg_m = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    leg_s = points["time"].diff().dt.total_seconds().to_numpy()[1:]
    leg_deg = np.where(leg_m > 0, bearing_deg(lat[:-1], lon[:-1], lat[1:], lon[1:]),
                       np.nan)
    speed = np.concatenate([leg_m[:1] / leg_s[:1], leg_m / leg_s])
    course = np.concatenate([leg_deg[:1], leg_deg])
    known_speed = points["speed_mps"].to_numpy()
    known_course = points["course_deg"].to_numpy()
    return points.assign(
        speed_mps=np.where(np.isnan(known_speed), speed, known_speed),
        course_deg=np.where(np.isnan(known_course), course, known_course))
