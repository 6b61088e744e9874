"""Writing a track as KML for Google Earth, coloured by height.

The document holds:

- the track as one `gx:Track` (every fix with its time, so Google Earth's time
  slider replays the flight and other programs read the points back), drawn
  invisibly, with ground speed (`speed_kts`) and course per point in its
  `ExtendedData`;
- the same path as `LineString`s, one per run of fixes in the same height band,
  each styled with the band's colour. Height is measured above the track's
  lowest fix (the aerodrome, for a local flight); fixes of unknown altitude are
  drawn grey on the ground;
- landings, when given, as placemarks at the fix nearest each touchdown.

Altitudes are absolute (MSL, `altitudeMode` absolute). Positions carry 9
decimals and times are UTC with a `Z` and any fraction of a second.
"""

from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from logbook import units
from logbook.events import Landing
from logbook.track import Track

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<kml xmlns="http://www.opengis.net/kml/2.2"'
         ' xmlns:gx="http://www.google.com/kml/ext/2.2">\n<Document>\n')
# lower edges of the height bands, ft above the lowest fix: circuit heights are
# resolved finely, cross-country heights coarsely
BAND_EDGES_FT = (0.0, 100.0, 300.0, 600.0, 900.0, 1200.0, 2000.0, 3500.0, 6000.0)
# one colour per band, KML's aabbggrr: green on the ground through yellow and red
# to purple up high
BAND_COLOURS = ("ff00c000", "ff00e080", "ff00ffff", "ff00c0ff", "ff0080ff",
                "ff0000ff", "ff8000c0", "ffc00080", "ffff0080")
UNKNOWN_COLOUR = "ff808080"
LINE_WIDTH_PX = 3
LANDING_LABELS = {"full_stop": "Full stop", "touch_and_go": "Touch-and-go",
                  "stop_and_go": "Stop-and-go"}


def export_kml(track: Track, *, landings: list[Landing] | None = None) -> bytes:
    """The track as KML bytes: a `gx:Track`, height-coloured lines, landings."""
    p = track.points
    name = escape(track.source) if track.source else "track"
    parts = [_HEAD, f"<name>{name}</name>\n", _styles(),
             _schema(), _gx_track(p), _height_lines(p)]
    if landings:
        parts.append(_landing_folder(p, landings))
    parts.append("</Document>\n</kml>\n")
    return "".join(parts).encode("utf-8")


def _styles() -> str:
    lines = ['<Style id="track"><LineStyle><color>00ffffff</color>'
             "<width>1</width></LineStyle></Style>\n",
             f'<Style id="band-unknown"><LineStyle><color>{UNKNOWN_COLOUR}</color>'
             f"<width>{LINE_WIDTH_PX}</width></LineStyle></Style>\n",
             '<Style id="landing"><IconStyle><Icon><href>'
             "https://maps.google.com/mapfiles/kml/shapes/airports.png"
             "</href></Icon></IconStyle></Style>\n"]
    for band, colour in enumerate(BAND_COLOURS):
        lines.append(f'<Style id="band-{band}"><LineStyle><color>{colour}</color>'
                     f"<width>{LINE_WIDTH_PX}</width></LineStyle></Style>\n")
    return "".join(lines)


def _schema() -> str:
    return ('<Schema id="motion">'
            '<gx:SimpleArrayField name="speed_kts" type="float"/>'
            '<gx:SimpleArrayField name="course" type="float"/></Schema>\n')


def _iso_utc(times: pd.Series) -> list[str]:
    whole = times.dt.strftime("%Y-%m-%dT%H:%M:%S").tolist()
    micro = times.dt.microsecond.to_numpy()
    return [w + (f".{u:06d}".rstrip("0") if u else "") + "Z"
            for w, u in zip(whole, micro, strict=True)]


def _coords(points: pd.DataFrame, sep: str) -> list[str]:
    """"lon lat alt" (or "lon,lat,alt") per point; no altitude where unknown."""
    lon, lat = points["lon"].to_numpy(), points["lat"].to_numpy()
    alt = points["altitude_m"].to_numpy()
    return [f"{x:.9f}{sep}{y:.9f}" + (f"{sep}{z:.3f}" if z == z else "")
            for x, y, z in zip(lon, lat, alt, strict=True)]


def _values(values: np.ndarray, fmt: str) -> str:
    return "".join(f"<gx:value>{v:{fmt}}</gx:value>" if v == v else "<gx:value/>"
                   for v in values)


def _gx_track(p: pd.DataFrame) -> str:
    body = "".join(f"<when>{w}</when><gx:coord>{c}</gx:coord>\n"
                   for w, c in zip(_iso_utc(p["time"]), _coords(p, " "),
                                   strict=True))
    speed_kt = units.mps_to_kt(p["speed_mps"].to_numpy(float))
    return ('<Placemark><name>Track</name><styleUrl>#track</styleUrl>\n'
            "<gx:Track><altitudeMode>absolute</altitudeMode>\n" + body
            + '<ExtendedData><SchemaData schemaUrl="#motion">'
            + '<gx:SimpleArrayData name="speed_kts">' + _values(speed_kt, ".6f")
            + '</gx:SimpleArrayData>\n<gx:SimpleArrayData name="course">'
            + _values(p["course_deg"].to_numpy(float), ".2f")
            + "</gx:SimpleArrayData></SchemaData></ExtendedData>\n"
            "</gx:Track></Placemark>\n")


def height_bands(altitude_m: np.ndarray) -> np.ndarray:
    """The band of each fix (index into BAND_EDGES_FT), -1 where unknown."""
    if np.isnan(altitude_m).all():
        return np.full(len(altitude_m), -1)
    height_ft = units.m_to_ft(altitude_m - np.nanmin(altitude_m))
    band = np.searchsorted(BAND_EDGES_FT, height_ft, side="right") - 1
    return np.where(np.isnan(altitude_m), -1, band)


def _height_lines(p: pd.DataFrame) -> str:
    band = height_bands(p["altitude_m"].to_numpy(float))
    starts = np.concatenate(([0], np.flatnonzero(np.diff(band)) + 1))
    ends = np.append(starts[1:] + 1, len(p))     # each run joins the next
    coords = _coords(p, ",")
    lines = ["<Folder><name>Height</name>\n"]
    for start, end in zip(starts, ends, strict=True):
        b = int(band[start])
        if b < 0:
            label, style, mode = "altitude unknown", "band-unknown", "clampToGround"
        else:
            top = (f"{BAND_EDGES_FT[b + 1]:.0f}" if b + 1 < len(BAND_EDGES_FT)
                   else "")
            label = f"{BAND_EDGES_FT[b]:.0f}-{top} ft above the lowest fix"
            style, mode = f"band-{b}", "absolute"
        lines.append(f"<Placemark><name>{label}</name><styleUrl>#{style}</styleUrl>"
                     f"<LineString><altitudeMode>{mode}</altitudeMode><coordinates>"
                     + " ".join(coords[start:end])
                     + "</coordinates></LineString></Placemark>\n")
    lines.append("</Folder>\n")
    return "".join(lines)


def _landing_folder(p: pd.DataFrame, landings: list[Landing]) -> str:
    times = p["time"].dt.tz_convert(None).to_numpy("datetime64[ns]")
    out = ["<Folder><name>Landings</name>\n"]
    for landing in landings:
        at = pd.Timestamp(landing.time).tz_convert("UTC")
        moment = at.tz_convert(None).to_datetime64().astype("datetime64[ns]")
        i = int(np.clip(np.searchsorted(times, moment), 0, len(p) - 1))
        if i > 0 and abs(times[i - 1] - moment) < abs(times[i] - moment):
            i -= 1
        label = LANDING_LABELS.get(landing.kind, landing.kind)
        where = " ".join(x for x in (landing.airport, landing.runway) if x)
        when = _iso_utc(pd.Series([at]))[0]
        out.append(f"<Placemark><name>{escape(f'{label} {where}'.strip())}</name>"
                   f"<TimeStamp><when>{when}</when></TimeStamp>"
                   "<styleUrl>#landing</styleUrl><Point><altitudeMode>absolute"
                   f"</altitudeMode><coordinates>{_coords(p.iloc[[i]], ',')[0]}"
                   "</coordinates></Point></Placemark>\n")
    out.append("</Folder>\n")
    return "".join(out)
