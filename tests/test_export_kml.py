"""Writing KML: a gx:Track, height-coloured lines and landing placemarks."""

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest
from test_ingest_kml import assert_same_points, gpsbabel_track

from logbook.events import Landing
from logbook.export_kml import BAND_EDGES_FT, export_kml, height_bands
from logbook.ingest.kml import read_kml
from logbook.track import Track, to_points

KML = "{http://www.opengis.net/kml/2.2}"


def climb_track(altitude_m=None):
    n = 6
    altitude_m = altitude_m if altitude_m is not None else [10.0, 10.0, 40.0, 120.0,
                                                            300.0, 301.0]
    frame = pd.DataFrame({
        "time": pd.date_range("2024-05-01 10:00:00.25", periods=n, freq="s", tz="UTC"),
        "lat": 52.2 + np.arange(n) * 1e-4 + 1.23e-7,
        "lon": -1.5 - np.arange(n) * 1e-4,
        "altitude_m": altitude_m,
        "speed_mps": [0.0, 10.0, 30.0, 35.0, np.nan, 40.0],
        "course_deg": 315.0,
    })
    return Track(to_points(frame), source="climb & co")


def test_points_read_back_the_same():
    track = climb_track()
    back = read_kml(export_kml(track), name="out.kml").track.points
    # an unknown speed is derived from the positions when read back
    assert back["speed_mps"].iloc[4] > 0
    expected = track.points.copy()
    expected.loc[4, "speed_mps"] = back["speed_mps"].iloc[4]
    pd.testing.assert_frame_equal(back, expected, check_exact=False, atol=1e-6)


def test_gpsbabel_reads_the_same_points(tmp_path):
    track = climb_track()
    path = tmp_path / "out.kml"
    path.write_bytes(export_kml(track))
    theirs = gpsbabel_track(path, "kml")
    assert_same_points(track.points, theirs)
    assert np.allclose(track.points["altitude_m"], theirs["ele"])


def test_lines_coloured_by_height_above_lowest_fix():
    root = ET.fromstring(export_kml(climb_track()))
    folder = next(f for f in root.iter(f"{KML}Folder")
                  if f.findtext(f"{KML}name") == "Height")
    styles = [p.findtext(f"{KML}styleUrl") for p in folder.iter(f"{KML}Placemark")]
    # 0, 0, 98, 361, 951, 955 ft above the lowest fix
    assert styles == ["#band-0", "#band-2", "#band-4"]
    modes = {m.text for m in folder.iter(f"{KML}altitudeMode")}
    assert modes == {"absolute"}
    lines = [p.find(f".//{KML}coordinates").text.split() for p in
             folder.iter(f"{KML}Placemark")]
    # each run ends where the next begins, so the line is unbroken
    assert [len(x) for x in lines] == [4, 2, 2]
    assert lines[0][-1] == lines[1][0]


def test_height_bands_unknown_altitude():
    band = height_bands(np.array([np.nan, 0.0, 3000.0]))
    assert band.tolist() == [-1, 0, len(BAND_EDGES_FT) - 1]
    assert height_bands(np.array([np.nan, np.nan])).tolist() == [-1, -1]


def test_landings_become_placemarks_at_the_nearest_fix():
    track = climb_track()
    landing = Landing(time=pd.Timestamp("2024-05-01 10:00:03.1Z"), airport="EGBW",
                      runway="18", kind="touch_and_go")
    root = ET.fromstring(export_kml(track, landings=[landing]))
    folder = next(f for f in root.iter(f"{KML}Folder")
                  if f.findtext(f"{KML}name") == "Landings")
    placemark = folder.find(f"{KML}Placemark")
    assert placemark.findtext(f"{KML}name") == "Touch-and-go EGBW 18"
    _lon, lat, alt = placemark.find(f".//{KML}coordinates").text.split(",")
    assert float(lat) == pytest.approx(track.points["lat"].iloc[3])
    assert float(alt) == 120.0


def test_without_landings_there_is_no_landing_folder():
    names = [f.findtext(f"{KML}name")
             for f in ET.fromstring(export_kml(climb_track())).iter(f"{KML}Folder")]
    assert names == ["Height"]


def test_unknown_altitude_is_not_written_as_zero():
    track = climb_track(altitude_m=[np.nan, 10.0, 20.0, 30.0, 40.0, 50.0])
    data = export_kml(track)
    back = read_kml(data, name="o.kml").track.points
    assert np.isnan(back["altitude_m"].iloc[0])
    assert back["altitude_m"].iloc[1:].tolist() == [10.0, 20.0, 30.0, 40.0, 50.0]


def test_source_name_is_escaped():
    root = ET.fromstring(export_kml(climb_track()))
    assert root.find(f"{KML}Document").findtext(f"{KML}name") == "climb & co"
