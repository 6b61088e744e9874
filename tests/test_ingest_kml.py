"""Reading KML tracks: gx:Track, timed placemarks, altitude modes, bad input."""

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.errors import IngestError
from logbook.geo import haversine_m
from logbook.ingest.kml import read_kml

FORMATS = Path(__file__).parent / "data" / "formats"
GPX10 = "{http://www.topografix.com/GPX/1/0}"

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2" '
        'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>\n')
TAIL = "</Document></kml>\n"


def gx_track(mode="absolute", extended="", points=None):
    points = points or [("2024-05-01T10:00:00Z", "-1.5 52.2 50.5"),
                        ("2024-05-01T10:00:01Z", "-1.5001 52.2001 52.0"),
                        ("2024-05-01T10:00:02Z", "-1.5002 52.2002 55.25")]
    body = "".join(f"<when>{w}</when><gx:coord>{c}</gx:coord>\n" for w, c in points)
    mode_tag = f"<altitudeMode>{mode}</altitudeMode>" if mode else ""
    return (HEAD + f"<Placemark><gx:Track>{mode_tag}\n{body}{extended}"
            "</gx:Track></Placemark>" + TAIL).encode()


def gpsbabel_track(path, fmt, *, track_name=None, tag="trk"):
    """(time, lat, lon, ele) of the timed track points gpsbabel reads from a file
    (its timed waypoints with tag="wpt")."""
    out = subprocess.run(["gpsbabel", "-i", fmt, "-f", str(path), "-o", "gpx",
                          "-F", "-"], capture_output=True, check=True,
                         env={**os.environ, "TZ": "UTC"}).stdout
    rows = []
    root = ET.fromstring(out)
    groups = [root] if tag == "wpt" else root.iter(f"{GPX10}trk")
    for group in groups:
        if track_name and group.findtext(f"{GPX10}name") != track_name:
            continue
        for p in group.iter(f"{GPX10}{'wpt' if tag == 'wpt' else 'trkpt'}"):
            if p.findtext(f"{GPX10}time"):
                ele = p.findtext(f"{GPX10}ele")
                rows.append((p.findtext(f"{GPX10}time"), float(p.get("lat")),
                             float(p.get("lon")), float(ele) if ele else np.nan))
    frame = pd.DataFrame(rows, columns=["time", "lat", "lon", "ele"])
    frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    return frame.sort_values("time", kind="stable").reset_index(drop=True)


def assert_same_points(ours, theirs):
    assert len(ours) == len(theirs)
    assert np.abs(ours["lat"].to_numpy() - theirs["lat"].to_numpy()).max() < 1e-6
    assert np.abs(ours["lon"].to_numpy() - theirs["lon"].to_numpy()).max() < 1e-6
    gap = (ours["time"].reset_index(drop=True) - theirs["time"]).abs().max()
    assert gap < pd.Timedelta(seconds=1)


def test_gx_track_points():
    result = read_kml(gx_track(), name="t.kml")
    p = result.track.points
    assert result.format == "kml" and result.records == 3
    assert p["time"].tolist() == list(pd.date_range("2024-05-01 10:00", periods=3,
                                                    freq="s", tz="UTC"))
    assert p["lon"].tolist() == [-1.5, -1.5001, -1.5002]
    assert p["altitude_m"].tolist() == [50.5, 52.0, 55.25]
    # no speed in the file: derived from positions
    leg_m = haversine_m(52.2, -1.5, 52.2001, -1.5001)
    assert p["speed_mps"].iloc[1] == pytest.approx(leg_m)


def test_track_extended_data_gives_speed_and_course():
    arrays = ('<ExtendedData><SchemaData schemaUrl="#s">'
              '<gx:SimpleArrayData name="speed_kts"><gx:value>10</gx:value>'
              "<gx:value>20</gx:value><gx:value>30</gx:value></gx:SimpleArrayData>"
              '<gx:SimpleArrayData name="course"><gx:value>-1.00</gx:value>'
              "<gx:value>90</gx:value><gx:value>91</gx:value></gx:SimpleArrayData>"
              "</SchemaData></ExtendedData>")
    p = read_kml(gx_track(extended=arrays), name="t.kml").track.points
    assert p["speed_mps"].tolist() == pytest.approx([10 * 1852 / 3600,
                                                     20 * 1852 / 3600,
                                                     30 * 1852 / 3600])
    # ForeFlight's -1 is no course: derived from the positions instead
    assert p["course_deg"].iloc[1:].tolist() == [90.0, 91.0]
    assert 0 <= p["course_deg"].iloc[0] < 360


def test_clamp_to_ground_has_no_altitude():
    result = read_kml(gx_track(mode="clampToGround"), name="t.kml")
    assert result.track.points["altitude_m"].isna().all()
    assert any("clampToGround" in w for w in result.warnings)


def test_missing_altitude_mode_is_kml_default_clamp_to_ground():
    result = read_kml(gx_track(mode=""), name="t.kml")
    assert result.track.points["altitude_m"].isna().all()


def test_relative_to_ground_keeps_height_apart():
    result = read_kml(gx_track(mode="relativeToGround"), name="t.kml")
    p = result.track.points
    assert p["altitude_m"].isna().all()
    assert p["height_agl_m"].tolist() == [50.5, 52.0, 55.25]


def test_zoneless_times_read_as_utc_with_warning():
    points = [("2024-05-01T10:00:00", "-1.5 52.2 50"),
              ("2024-05-01T10:00:01", "-1.5001 52.2001 51")]
    result = read_kml(gx_track(points=points), name="t.kml")
    assert result.track.start == pd.Timestamp("2024-05-01 10:00:00Z")
    assert any("no zone" in w for w in result.warnings)


def test_offset_times_become_utc():
    points = [("2024-05-01T12:00:00+02:00", "-1.5 52.2 50"),
              ("2024-05-01T12:00:01+02:00", "-1.5001 52.2001 51")]
    result = read_kml(gx_track(points=points), name="t.kml")
    assert result.track.start == pd.Timestamp("2024-05-01 10:00:00Z")
    assert result.warnings == ()


def test_timed_placemarks_beside_a_line():
    result = read_kml((FORMATS / "placemarks_and_line.kml").read_bytes(),
                      name="placemarks_and_line.kml")
    p = result.track.points
    assert len(p) == 3
    assert p["lat"].tolist() == [52.2, 52.201, 52.202]
    assert p["altitude_m"].tolist() == [100.0, 110.0, 120.0]


def test_line_without_times_is_refused():
    data = (HEAD + "<Placemark><LineString><coordinates>-1.5,52.2,50 -1.6,52.3,60"
            "</coordinates></LineString></Placemark>" + TAIL).encode()
    with pytest.raises(IngestError, match=r"^line\.kml: .*LineString.*no times"):
        read_kml(data, name="line.kml")


def test_unpaired_when_and_coord():
    data = gx_track().replace(b"<when>2024-05-01T10:00:02Z</when>", b"")
    with pytest.raises(IngestError, match=r"^t\.kml: track 1 has 2 <when> but 3"):
        read_kml(data, name="t.kml")


@pytest.mark.parametrize("data, message", [
    (b"", r"^e\.kml: empty file$"),
    (b"  \n\x00", r"^e\.kml: empty file$"),
    (bytes(range(256)) * 4, r"^e\.kml:1: not valid KML"),
    (gx_track()[:300], r"^e\.kml:\d+: not valid KML"),
    (b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "aaaa">]><kml>&a;</kml>',
     r"^e\.kml: not valid KML \(entity declarations"),
    (b"<gpx><trk/></gpx>", r"^e\.kml: not valid KML \(root element is <gpx>"),
    (gx_track().replace(b"-1.5001 52.2001", b"west north"),
     r"^e\.kml: bad coordinate 'west north 52\.0'"),
    (gx_track().replace(b"2024-05-01T10:00:01Z", b"yesterday"),
     r"^e\.kml: bad <when> time"),
    ((HEAD + TAIL).encode(), r"^e\.kml: no track in the KML"),
])
def test_bad_input_is_one_error_naming_the_file(data, message):
    with pytest.raises(IngestError, match=message):
        read_kml(data, name="e.kml")


def test_truncated_file_names_its_line():
    data = gx_track()
    cut = data[: data.index(b"<when>2024-05-01T10:00:02Z")]
    with pytest.raises(IngestError) as error:
        read_kml(cut, name="cut.kml")
    line = cut.count(b"\n") + 1
    assert str(error.value).startswith(f"cut.kml:{line}: not valid KML")


def test_points_are_those_gpsbabel_reads(tmp_path):
    path = tmp_path / "t.kml"
    path.write_bytes(gx_track())
    ours = read_kml(path.read_bytes(), name=path.name).track.points
    theirs = gpsbabel_track(path, "kml")
    assert_same_points(ours, theirs)
    assert np.allclose(ours["altitude_m"], theirs["ele"])


def test_placemark_points_are_those_gpsbabel_reads():
    path = FORMATS / "placemarks_and_line.kml"
    ours = read_kml(path.read_bytes(), name=path.name).track.points
    # gpsbabel reads timed placemarks as waypoints
    assert_same_points(ours, gpsbabel_track(path, "kml", tag="wpt"))


def test_foreflight_points_are_those_gpsbabel_reads():
    path = Path(__file__).parent / "data" / "real" / "foreflight_tracklog-from-foreflight.kml"
    ours = read_kml(path.read_bytes(), name=path.name).track.points
    theirs = gpsbabel_track(path, "kml")
    assert_same_points(ours, theirs)
    assert np.allclose(ours["altitude_m"], theirs["ele"])
