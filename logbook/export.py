"""Writing a track out as GPX 1.1, CSV or NMEA 0183.

`export_track(track, "gpx")` returns the file's bytes; `EXPORTERS` maps each format
(GPX, CSV, NMEA, and KML from `logbook.export_kml`)
name to its writer. GPX positions carry 9 decimals (about 0.1 mm), times are UTC
with a `Z` and keep any fraction of a second, and speed and course go into
Garmin's TrackPointExtension v2, which gpxpy and gpsbabel both keep. The original
bytes of an imported log ("raw") are the store's business, not this module's.
"""

from collections.abc import Callable
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from logbook.errors import LogbookError
from logbook.export_kml import export_kml
from logbook.ingest.nmea_write import to_nmea
from logbook.track import TRACK_COLUMNS, Track

_GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="logbook"'
    ' xmlns="http://www.topografix.com/GPX/1/1"'
    ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.topografix.com/GPX/1/1'
    ' http://www.topografix.com/GPX/1/1/gpx.xsd">\n'
)

# GGA fix quality -> GPX <fix>; plain GPS fixes (1) do not say 2d or 3d, so no tag
_GPX_FIX = {2: "dgps", 3: "pps"}


def iso_utc(times: pd.Series) -> pd.Series:
    """ISO 8601 UTC text with a `Z`, with microseconds only when there are any."""
    whole = times.dt.strftime("%Y-%m-%dT%H:%M:%S")
    micro = times.dt.microsecond.to_numpy()
    fraction = pd.Series([f".{u:06d}".rstrip("0") if u else "" for u in micro],
                         index=times.index, dtype="object")
    return whole + fraction + "Z"


def _element(values: pd.Series, tag: str, fmt: str) -> pd.Series:
    """`<tag>value</tag>` per point, or "" where the value is missing."""
    numbers = values.astype("float64").to_numpy()
    text = [f"<{tag}>{v:{fmt}}</{tag}>" if v == v else "" for v in numbers]
    return pd.Series(text, index=values.index, dtype="object")


def to_gpx(track: Track) -> bytes:
    """The track as one GPX 1.1 `<trk>` with one segment."""
    p = track.points
    lat = [f"{v:.9f}" for v in p["lat"].to_numpy()]
    lon = [f"{v:.9f}" for v in p["lon"].to_numpy()]
    fix = p["fix_quality"].astype("float64").map(_GPX_FIX)
    speed = _element(p["speed_mps"], "gpxtpx:speed", ".3f")
    course = _element(p["course_deg"], "gpxtpx:course", ".2f")
    motion = speed + course
    extensions = np.where(
        motion != "",
        "<extensions><gpxtpx:TrackPointExtension>" + motion
        + "</gpxtpx:TrackPointExtension></extensions>",
        "")
    rows = (
        '<trkpt lat="' + pd.Series(lat, index=p.index) + '" lon="'
        + pd.Series(lon, index=p.index) + '">'
        + _element(p["altitude_m"], "ele", ".3f")
        + "<time>" + iso_utc(p["time"]) + "</time>"
        + ("<fix>" + fix + "</fix>").fillna("")
        + _element(p["satellites"], "sat", ".0f")
        + _element(p["hdop"], "hdop", "g")
        + extensions + "</trkpt>\n"
    )
    name = escape(track.source) if track.source else "track"
    text = (_GPX_HEAD + f"<trk><name>{name}</name><trkseg>\n" + "".join(rows)
            + "</trkseg></trk>\n</gpx>\n")
    return text.encode("utf-8")


def to_csv(track: Track) -> bytes:
    """The schema columns with a header row; empty cells where a value is missing."""
    frame = track.points[list(TRACK_COLUMNS)]
    frame = frame.assign(time=iso_utc(frame["time"]))
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_nmea_bytes(track: Track) -> bytes:
    """GGA and RMC sentences regenerated from the points."""
    return to_nmea(track.points)


EXPORTERS: dict[str, Callable[[Track], bytes]] = {
    "gpx": to_gpx,
    "csv": to_csv,
    "nmea": to_nmea_bytes,
    "kml": export_kml,
}


def export_track(track: Track, fmt: str) -> bytes:
    """The track in format `fmt` ("gpx", "csv" or "nmea") as bytes."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise LogbookError(f"unknown export format {fmt!r} (known: {known})") from None
    return exporter(track)
