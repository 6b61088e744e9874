"""Reading tracks from KML: `gx:Track`, as ForeFlight and Google Earth write, and
timed point placemarks.

A `gx:Track` pairs each `<when>` with a `<gx:coord>` ("lon lat alt"). Arrays of
per-point values in `<ExtendedData>` (ForeFlight puts them at the end of the
document) give ground speed (`speed_kts`, or `speed` in m/s) and course (`course`,
negative when unknown) when they have one value per point.

Altitude follows the `altitudeMode` of each track:

- `absolute`: the altitude is above MSL and becomes `altitude_m`;
- `relativeToGround`: the number is a height above the terrain under the point,
  which the file does not give, so `altitude_m` is NaN and the height is kept in
  an extra column `height_agl_m`;
- `clampToGround` (KML's default when no mode is written), `clampToSeaFloor` and
  `relativeToSeaFloor`: the number is not an altitude, so `altitude_m` is NaN.

A `LineString` carries no times; its placemark's timed points (gpsbabel writes
them next to the line) are read instead, and a file with only untimed lines is
refused: a track needs times. The XML is parsed with the standard library's
parser, and files that declare entities are refused, as for GPX.
"""

import re
import xml.etree.ElementTree as ET
from datetime import date

import numpy as np
import pandas as pd

from logbook import units
from logbook.errors import IngestError, TrackError
from logbook.ingest import ReadResult
from logbook.ingest.gpx import fill_motion
from logbook.track import Track, to_points

# KML's own default altitude mode (OGC KML 2.2, section 16.1)
DEFAULT_ALTITUDE_MODE = "clampToGround"
# a time with a zone: "Z" or "+hh:mm" at the end
_ZONED = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")


def read_kml(data: bytes, *, name: str, date: date | None = None) -> ReadResult:
    """The track in a KML file; `date` is unused (KML times carry dates)."""
    root = parse_kml(data, name=name)
    tracks = [e for e in root.iter() if _local(e.tag) == "Track"]
    warnings: list[str] = []
    if tracks:
        arrays = _document_arrays(root) if len(tracks) == 1 else {}
        parts = [_track_frame(t, arrays, name=name, index=i, warnings=warnings)
                 for i, t in enumerate(tracks, start=1)]
    else:
        parts = [_placemark_frame(root, name=name, warnings=warnings)]
    frame = pd.concat(parts, ignore_index=True)
    return _result(frame, name=name, warnings=warnings)


def parse_kml(data: bytes, *, name: str) -> ET.Element:
    """The root `<kml>` element of raw bytes, or an IngestError naming `name`."""
    if not data.strip(b" \t\r\n\x00"):
        raise IngestError(f"{name}: empty file")
    if b"<!ENTITY" in data:
        raise IngestError(f"{name}: not valid KML (entity declarations are not "
                          "allowed in a GPS log)")
    try:
        root = ET.XML(data)
    except ET.ParseError as e:
        line = e.position[0]
        raise IngestError(f"{name}:{line}: not valid KML ({e})") from None
    except (LookupError, ValueError) as e:   # unknown or unusable encoding
        raise IngestError(f"{name}: not valid KML ({e})") from None
    if _local(root.tag) != "kml":
        raise IngestError(f"{name}: not valid KML (root element is "
                          f"<{_local(root.tag)}>, not <kml>)")
    return root


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, local: str) -> list[ET.Element]:
    return [e for e in element if _local(e.tag) == local]


def _text(element: ET.Element) -> str:
    return (element.text or "").strip()


def _track_frame(track: ET.Element, document_arrays: dict[str, list[str]], *,
                 name: str, index: int, warnings: list[str]) -> pd.DataFrame:
    """The points of one `gx:Track`."""
    whens = [_text(e) for e in _children(track, "when")]
    coords = [_text(e) for e in _children(track, "coord")]
    if len(whens) != len(coords):
        raise IngestError(f"{name}: track {index} has {len(whens)} <when> but "
                          f"{len(coords)} <gx:coord>; they must pair up")
    lon, lat, alt = _split_coords(coords, " ", name=name)
    frame = pd.DataFrame({"time": _times(whens, name=name, warnings=warnings),
                          "lat": lat, "lon": lon})
    frame = _with_altitude(frame, alt, _altitude_mode(track), name=name,
                           warnings=warnings)
    arrays = {**document_arrays, **_arrays(track)}
    return frame.assign(**_motion(arrays, len(frame)))


def _placemark_frame(root: ET.Element, *, name: str,
                     warnings: list[str]) -> pd.DataFrame:
    """The points of placemarks that have both a `<Point>` and a time."""
    whens, coords, modes = [], [], []
    for placemark in (e for e in root.iter() if _local(e.tag) == "Placemark"):
        when = [_text(e) for e in placemark.iter() if _local(e.tag) == "when"]
        point = [e for e in placemark.iter() if _local(e.tag) == "Point"]
        if when and point:
            found = [_text(e) for e in point[0].iter()
                     if _local(e.tag) == "coordinates"]
            whens.append(when[0])
            coords.append(found[0] if found else "")
            modes.append(_altitude_mode(point[0]))
    if not whens:
        if any(_local(e.tag) == "LineString" for e in root.iter()):
            raise IngestError(f"{name}: the KML has a LineString but no times; "
                              "a track needs times")
        raise IngestError(f"{name}: no track in the KML (no gx:Track and no "
                          "timed placemarks)")
    lon, lat, alt = _split_coords(coords, ",", name=name)
    frame = pd.DataFrame({"time": _times(whens, name=name, warnings=warnings),
                          "lat": lat, "lon": lon})
    mode = max(set(modes), key=modes.count)
    return _with_altitude(frame, alt, mode, name=name, warnings=warnings)


def _split_coords(coords: list[str], sep: str, *,
                  name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lon, lat, altitude) arrays from "lon lat alt" or "lon,lat,alt" texts."""
    values = np.full((len(coords), 3), np.nan)
    for i, text in enumerate(coords):
        parts = text.replace(",", " ").split() if sep == "," else text.split()
        try:
            numbers = [float(p) for p in parts[:3]]
        except ValueError:
            raise IngestError(f"{name}: bad coordinate {text!r}") from None
        if len(numbers) < 2:
            raise IngestError(f"{name}: bad coordinate {text!r}")
        values[i, : len(numbers)] = numbers
    return values[:, 0], values[:, 1], values[:, 2]


def _times(whens: list[str], *, name: str, warnings: list[str]) -> pd.Series:
    try:
        times = pd.to_datetime(pd.Series(whens, dtype="object"), utc=True,
                               format="ISO8601")
    except ValueError as e:
        raise IngestError(f"{name}: bad <when> time ({e})") from None
    zoneless = sum(not _ZONED.search(w) for w in whens)
    if zoneless:
        warnings.append(f"{name}: {zoneless} time(s) have no zone; read as UTC")
    return times


def _altitude_mode(element: ET.Element) -> str:
    found = [_text(e) for e in element.iter() if _local(e.tag) == "altitudeMode"]
    return found[0] if found else DEFAULT_ALTITUDE_MODE


def _with_altitude(frame: pd.DataFrame, alt: np.ndarray, mode: str, *, name: str,
                   warnings: list[str]) -> pd.DataFrame:
    if mode == "absolute":
        return frame.assign(altitude_m=alt)
    if mode == "relativeToGround":
        warnings.append(f"{name}: heights are relative to the ground; kept as "
                        "height_agl_m, altitude unknown")
        return frame.assign(altitude_m=np.nan, height_agl_m=alt)
    if not np.isnan(alt).all():
        warnings.append(f"{name}: altitude mode {mode} ignores altitudes; "
                        "altitude unknown")
    return frame.assign(altitude_m=np.nan)


def _arrays(element: ET.Element) -> dict[str, list[str]]:
    """`gx:SimpleArrayData` name -> its `gx:value` texts, below `element`."""
    return {array.get("name", ""): [_text(v) for v in array
                                    if _local(v.tag) == "value"]
            for array in element.iter() if _local(array.tag) == "SimpleArrayData"}


def _document_arrays(root: ET.Element) -> dict[str, list[str]]:
    # ForeFlight writes the arrays in the document's ExtendedData, after the track
    return {k: v for data in root.iter() if _local(data.tag) == "ExtendedData"
            for k, v in _arrays(data).items()}


def _motion(arrays: dict[str, list[str]], count: int) -> dict[str, np.ndarray]:
    """speed_mps and course_deg from arrays with one value per point."""
    def numbers(key: str) -> np.ndarray | None:
        values = arrays.get(key)
        if values is None or len(values) != count:
            return None
        return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(float)

    out: dict[str, np.ndarray] = {}
    if (speed_kt := numbers("speed_kts")) is not None:
        out["speed_mps"] = units.kt_to_mps(np.where(speed_kt < 0, np.nan, speed_kt))
    elif (speed := numbers("speed")) is not None:
        out["speed_mps"] = np.where(speed < 0, np.nan, speed)
    if (course := numbers("course")) is not None:
        out["course_deg"] = np.where((course < 0) | (course > 360), np.nan, course)
    return out


def _result(frame: pd.DataFrame, *, name: str, warnings: list[str]) -> ReadResult:
    records = len(frame)
    points = to_points(frame)
    if points.empty:
        raise IngestError(f"{name}: no track points")
    if len(points) < records:
        warnings.append(f"{name}: dropped {records - len(points)} track points "
                        "whose time was already taken")
    if points["speed_mps"].isna().any() or points["course_deg"].isna().any():
        points = fill_motion(points)
    try:
        track = Track(points, source=name)
    except TrackError as e:
        raise IngestError(f"{name}: {e}") from None
    return ReadResult(track=track, format="kml", records=records,
                      warnings=tuple(warnings))
