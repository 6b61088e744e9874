import io
import os
import subprocess

import gpxpy
import numpy as np
import pandas as pd
import pynmea2
import pytest

from logbook.errors import LogbookError
from logbook.export import EXPORTERS, export_track
from logbook.ingest.gpx import read_gpx
from logbook.track import TRACK_COLUMNS, Track, to_points

N = 40


@pytest.fixture
def track() -> Track:
    """A circuit-like loop with awkward values: sub-second times, 9-decimal
    positions either side of the meridian, missing altitude, sats, hdop, speed."""
    angle = np.linspace(0, 2 * np.pi, N, endpoint=False)
    times = pd.date_range("2007-12-27T10:00:00Z", periods=N, freq="1s")
    times = times + pd.to_timedelta(np.where(np.arange(N) % 5 == 3, 250, 0), "ms")
    frame = pd.DataFrame({
        "time": times,
        "lat": 52.192123456 + 0.0123456789 * np.sin(angle),
        "lon": -0.004987654 + 0.0198765432 * np.cos(angle),
        "altitude_m": np.where(np.arange(N) % 7 == 0, np.nan,
                               80.0 + 250.123 * np.sin(angle / 2)),
        "speed_mps": np.where(np.arange(N) == 5, np.nan, 40.0 + np.cos(angle)),
        "course_deg": (np.degrees(angle) + 90.0) % 360.0,
        "fix_quality": pd.array([2 if i % 3 == 0 else 1 for i in range(N)],
                                dtype="Int64"),
        "satellites": pd.array([pd.NA if i % 4 == 0 else 5 + i % 6 for i in range(N)],
                               dtype="Int64"),
        "hdop": np.where(np.arange(N) % 6 == 0, np.nan, 0.8 + (np.arange(N) % 5) / 10),
    })
    return Track(to_points(frame), source="2007-12-27 <circuits> & more.nmea")


def test_exporters_cover_the_formats():
    assert set(EXPORTERS) == {"gpx", "csv", "nmea", "kml"}


def test_unknown_format_is_a_logbook_error(track):
    with pytest.raises(LogbookError, match="unknown export format 'shp'"):
        export_track(track, "shp")


def test_gpx_round_trip_through_gpxpy(track):
    gpx = gpxpy.parse(export_track(track, "gpx").decode("utf-8"))
    assert gpx.version == "1.1"
    assert gpx.tracks[0].name == track.source
    read = gpx.tracks[0].segments[0].points
    points = track.points
    assert len(read) == N
    np.testing.assert_allclose([p.latitude for p in read], points["lat"],
                               atol=1e-7, rtol=0)
    np.testing.assert_allclose([p.longitude for p in read], points["lon"],
                               atol=1e-7, rtol=0)
    for p, t, alt in zip(read, points["time"], points["altitude_m"], strict=True):
        assert pd.Timestamp(p.time).floor("s") == t.floor("s")
        assert p.time.microsecond == t.microsecond
        assert p.elevation is None if np.isnan(alt) else abs(p.elevation - alt) <= 0.01


def test_gpx_round_trip_through_read_gpx_keeps_every_column(track):
    back = read_gpx(export_track(track, "gpx"), name="out.gpx").track.points
    points = track.points
    assert back["time"].tolist() == points["time"].tolist()
    np.testing.assert_allclose(back["lat"], points["lat"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(back["lon"], points["lon"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(back["altitude_m"], points["altitude_m"], atol=1e-3)
    np.testing.assert_allclose(back["course_deg"], points["course_deg"], atol=0.01)
    assert back["satellites"].equals(points["satellites"])
    np.testing.assert_allclose(back["hdop"], points["hdop"], atol=1e-6)
    assert back["fix_quality"].tolist() == [2 if q == 2 else pd.NA
                                            for q in points["fix_quality"]]
    given = points["speed_mps"].notna()
    np.testing.assert_allclose(back["speed_mps"][given], points["speed_mps"][given],
                               atol=1e-3)
    assert back["speed_mps"].notna().all()      # the missing one is derived


def test_gpx_of_an_empty_track_is_valid():
    empty = Track(to_points(pd.DataFrame({"time": [], "lat": [], "lon": []})))
    gpx = gpxpy.parse(export_track(empty, "gpx").decode("utf-8"))
    assert gpx.get_track_points_no() == 0


def test_csv_round_trip_with_pandas(track):
    data = export_track(track, "csv")
    assert data.splitlines()[0] == b",".join(c.encode() for c in TRACK_COLUMNS)
    back = pd.read_csv(io.BytesIO(data),
                       dtype={"fix_quality": "Int64", "satellites": "Int64"})
    assert list(back.columns) == list(TRACK_COLUMNS)
    assert back["time"].str.endswith("Z").all()
    back["time"] = pd.to_datetime(back["time"], utc=True, format="ISO8601")
    back["time"] = back["time"].astype("datetime64[ns, UTC]")
    pd.testing.assert_frame_equal(back, track.points[list(TRACK_COLUMNS)],
                                  check_exact=True)


def test_nmea_export_parses_with_pynmea2(track):
    lines = export_track(track, "nmea").decode("ascii").split("\r\n")
    assert lines[-1] == ""
    sentences = [pynmea2.parse(line, check=True) for line in lines[:-1]]
    gga = [s for s in sentences if s.sentence_type == "GGA"]
    rmc = [s for s in sentences if s.sentence_type == "RMC"]
    assert len(gga) == len(rmc) == N
    points = track.points
    for rows in (gga, rmc):
        np.testing.assert_allclose([s.latitude for s in rows], points["lat"],
                                   atol=2e-6, rtol=0)
        np.testing.assert_allclose([s.longitude for s in rows], points["lon"],
                                   atol=2e-6, rtol=0)
    assert [s.datestamp.isoformat() for s in rmc] == ["2007-12-27"] * N
    assert [s.timestamp.microsecond for s in gga] == points["time"].dt.microsecond.tolist()


def gpsbabel(*args: str) -> None:
    subprocess.run(["gpsbabel", *args], check=True, timeout=30,
                   env={**os.environ, "TZ": "UTC"})


def test_gpsbabel_reads_the_exported_gpx(tmp_path, track):
    out = tmp_path / "out.gpx"
    out.write_bytes(export_track(track, "gpx"))
    csv = tmp_path / "out.csv"
    gpsbabel("-t", "-i", "gpx", "-f", str(out), "-o", "unicsv", "-F", str(csv))
    back = pd.read_csv(csv)
    points = track.points
    assert len(back) == N
    # unicsv prints 6 decimals
    np.testing.assert_allclose(back["Latitude"], points["lat"], atol=5.1e-7, rtol=0)
    np.testing.assert_allclose(back["Longitude"], points["lon"], atol=5.1e-7, rtol=0)
    stamps = back["Date"].str.replace("/", "-") + "T" + back["Time"]
    times = pd.to_datetime(stamps, utc=True, format="ISO8601")
    assert times.tolist() == points["time"].tolist()


XCSV_STYLE = """\
FIELD_DELIMITER COMMA
RECORD_DELIMITER NEWLINE
PROLOGUE lat,lon,altitude,time
OFIELD LAT_DECIMAL, "", "%.9f"
OFIELD LON_DECIMAL, "", "%.9f"
OFIELD ALT_METERS, "", "%.3f"
OFIELD ISO_TIME_MS, "", "%s"
"""


def test_gpsbabel_reads_exported_positions_to_1e7_degrees(tmp_path, track):
    out = tmp_path / "out.gpx"
    out.write_bytes(export_track(track, "gpx"))
    style = tmp_path / "style.txt"
    style.write_text(XCSV_STYLE)
    csv = tmp_path / "out.csv"
    gpsbabel("-t", "-i", "gpx", "-f", str(out), "-o", f"xcsv,style={style}",
             "-F", str(csv))
    back = pd.read_csv(csv)
    points = track.points
    assert len(back) == N
    np.testing.assert_allclose(back["lat"], points["lat"], atol=1e-7, rtol=0)
    np.testing.assert_allclose(back["lon"], points["lon"], atol=1e-7, rtol=0)
    known = points["altitude_m"].notna()
    np.testing.assert_allclose(back["altitude"][known], points["altitude_m"][known],
                               atol=0.01)
    times = pd.to_datetime(back["time"], utc=True, format="ISO8601")
    assert times.tolist() == points["time"].tolist()
