"""A simulation as the bytes a logger writes: a Locosys GT-11's NMEA serial
capture, or a GPX 1.1 file."""

import numpy as np
import pandas as pd

from logbook.ingest.nmea_write import iter_nmea
from logbook.simulate.scenario import Simulation

GSV_EVERY_S = 5  # SiRF III default message set: GGA, GSA, RMC each second, GSV every 5


def to_gt11_nmea(sim: Simulation, *, corrupt_lines: int = 0,
                 partial_first_line: bool = False, seed: int = 0) -> bytes:
    """GGA, GSA and RMC each fix, a GSV group every 5 s, CRLF line ends.

    `corrupt_lines` lines get a flipped character or are cut short, as on a noisy
    serial link; `partial_first_line` starts the capture in the middle of a
    sentence, as when the logger was plugged in mid-stream.
    """
    lines = list(iter_nmea(sim.points, gsa=True, gsv_every_s=GSV_EVERY_S))
    rng = np.random.default_rng(seed)
    if corrupt_lines and len(lines) > 2:
        count = min(corrupt_lines, len(lines) - 2)
        for n, i in enumerate(sorted(rng.choice(np.arange(1, len(lines)), count,
                                                replace=False))):
            lines[i] = _corrupt(lines[i], truncate=n % 3 == 2, rng=rng)
    text = "".join(line + "\r\n" for line in lines)
    if partial_first_line and lines:
        text = text[len(lines[0]) // 2:]
    return text.encode("ascii")


def _corrupt(line: str, *, truncate: bool, rng: np.random.Generator) -> str:
    if truncate:
        return line[: int(rng.integers(8, max(9, len(line) - 5)))]
    i = int(rng.integers(7, len(line) - 3))      # inside the fields, before the '*'
    flipped = chr(ord(line[i]) ^ 0x04)
    if flipped in "$*\r\n":
        flipped = "#"
    return line[:i] + flipped + line[i + 1:]


def to_gpx(sim: Simulation, *, name: str = "") -> bytes:
    """GPX 1.1 with one track segment of every fix, with elevation and time
    (GPX 1.1 has no speed element, so speeds are left for the reader to derive)."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.creator = "logbook simulator"
    track = gpxpy.gpx.GPXTrack(name=name or None)
    segment = gpxpy.gpx.GPXTrackSegment()
    p = sim.points
    for t, lat, lon, alt in zip(p["time"], p["lat"], p["lon"], p["altitude_m"],
                                strict=True):
        point = gpxpy.gpx.GPXTrackPoint(
            round(float(lat), 7), round(float(lon), 7), elevation=round(float(alt), 1),
            time=pd.Timestamp(t).to_pydatetime())
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml(version="1.1").encode("utf-8")
