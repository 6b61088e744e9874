"""Reading CSV tracks with recognisable columns (phone loggers, our own export)."""

import numpy as np
import pandas as pd
import pytest

from logbook.errors import IngestError
from logbook.export import to_csv
from logbook.ingest.csv_track import read_csv_track
from logbook.track import Track, to_points

SENSORLOG = (
    "loggingTime(txt),loggingSample(N),locationTimestamp_since1970(s),"
    "locationLatitude(WGS84),locationLongitude(WGS84),locationAltitude(m),"
    "locationSpeed(m/s),locationSpeedAccuracy(m/s),locationCourse(°),"
    "locationCourseAccuracy(°)\n"
    "2020-03-22 10:53:01.123 +0100,0,1584870781.0,50.1000,8.6000,112.3,-1.00,-1,"
    "-1.0,-1\n"
    "2020-03-22 10:53:02.123 +0100,1,1584870782.0,50.1001,8.6001,112.5,12.5,0.5,"
    "45.0,2\n"
)


def read(text, name="t.csv"):
    return read_csv_track(text.encode("utf-8"), name=name)


def test_sensorlog_columns():
    result = read(SENSORLOG)
    p = result.track.points
    assert result.format == "csv" and result.records == 2
    assert p["time"].tolist() == [pd.Timestamp("2020-03-22 09:53:01.123Z"),
                                  pd.Timestamp("2020-03-22 09:53:02.123Z")]
    assert p["lat"].tolist() == [50.1, 50.1001]
    assert p["altitude_m"].tolist() == [112.3, 112.5]
    assert p["speed_mps"].iloc[1] == 12.5 and p["course_deg"].iloc[1] == 45.0
    assert result.warnings == ()


def test_negative_speed_is_unknown_not_a_value():
    p = read(SENSORLOG).track.points
    # -1 means unknown: derived from the positions instead
    assert p["speed_mps"].iloc[0] > 0 and p["speed_mps"].iloc[0] != 12.5


@pytest.mark.parametrize("header, factor", [
    ("speed_kts", 1852 / 3600), ("Speed (km/h)", 1 / 3.6), ("speed [mph]", 0.44704),
    ("speed", 1.0), ("speed_mps", 1.0),
])
def test_speed_units_from_the_header(header, factor):
    text = (f"time,lat,lon,{header}\n2024-01-01T10:00:00Z,52,-1,10\n"
            "2024-01-01T10:00:01Z,52.0001,-1,20\n")
    assert read(text).track.points["speed_mps"].tolist() == pytest.approx(
        [10 * factor, 20 * factor])


@pytest.mark.parametrize("header, factor", [
    ("altitude(ft)", 0.3048), ("alt_ft", 0.3048), ("elevation", 1.0), ("Altitude (m)", 1.0),
])
def test_altitude_units_from_the_header(header, factor):
    text = (f"timestamp;latitude;longitude;{header}\n2024-01-01T10:00:00Z;52;-1;100\n"
            "2024-01-01T10:00:01Z;52.0001;-1;200\n")
    assert read(text).track.points["altitude_m"].tolist() == pytest.approx(
        [100 * factor, 200 * factor])


def test_zoneless_times_are_utc_with_a_warning():
    result = read("time,lat,lng\n2024-01-01 10:00:00,52,-1\n2024-01-01 10:00:01,52,-1.1\n")
    assert result.track.start == pd.Timestamp("2024-01-01 10:00:00Z")
    assert any("no time zone; read as UTC" in w for w in result.warnings)


def test_date_and_time_columns_and_preamble():
    text = ("Pilot,Tail\nme,G-ABCD\n\nDate\tTime\tLat\tLon\n"
            "2024-01-01\t10:00:00Z\t52\t-1\n2024-01-01\t10:00:01Z\t52.001\t-1\n")
    p = read(text).track.points
    assert p["time"].iloc[1] == pd.Timestamp("2024-01-01 10:00:01Z")


def test_unix_seconds_and_milliseconds():
    s = read("timestamp,lat,lon\n1704103200,52,-1\n1704103201,52,-1.1\n")
    ms = read("timestamp,lat,lon\n1704103200000,52,-1\n1704103201000,52,-1.1\n")
    assert s.track.start == ms.track.start == pd.Timestamp("2024-01-01 10:00:00Z")


def test_our_own_csv_export_reads_back():
    frame = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=3, freq="s",
                                                tz="UTC"),
                          "lat": [52.0, 52.001, 52.002], "lon": [-1.0, -1.0, -1.0],
                          "altitude_m": [100.0, np.nan, 102.0],
                          "speed_mps": [30.0, 31.0, 32.0],
                          "course_deg": [0.0, 1.0, 2.0], "fix_quality": [1, 2, 1],
                          "satellites": [7, 8, 9], "hdop": [0.9, 1.0, 1.1]})
    track = Track(to_points(frame), source="t")
    back = read(to_csv(track).decode()).track.points
    pd.testing.assert_frame_equal(back, track.points)


def test_bad_rows_are_counted():
    text = ("time,lat,lon\n2024-01-01T10:00:00Z,52,-1\nnot a time,52,-1\n"
            "2024-01-01T10:00:02Z,,\n2024-01-01T10:00:03Z,52,-1.1\n1,2\n"
            "2024-01-01T10:00:04Z,52")
    result = read(text[:-2])
    assert len(result.track) == 2
    assert result.bad_lines == {"bad time": 1, "no position": 1, "bad row": 1,
                                "truncated": 1}


@pytest.mark.parametrize("text, message", [
    ("", r"^t\.csv: empty file$"),
    ("a,b,c\n1,2,3\n", r"^t\.csv: no time column \(looked for: time, timestamp, "
                       r".*\); no latitude column \(looked for: latitude, lat\); "
                       r"no longitude column"),
    ("time,lat,speed\n1,2,3\n", r"^t\.csv: no longitude column \(looked for: "
                                r"longitude, lon, lng, long\)$"),
    ("time,lat,lon\n", r"^t\.csv: no data rows"),
    ("time,lat,lon\nnoon,52,-1\n", r"^t\.csv:2: no readable time in column 'time'"),
    ("time,lat,lon\n2024-01-01T10:00:00Z,,\n", r"^t\.csv: no row has a time and a"),
    ("time,lat,lon,speed(furlongs)\n2024-01-01T10:00:00Z,52,-1,3\n",
     r"^t\.csv: unit 'furlongs' of column 'speed\(furlongs\)' not understood"),
])
def test_bad_input_is_one_error_naming_the_file(text, message):
    with pytest.raises(IngestError, match=message):
        read(text)


def test_binary_junk_is_refused():
    with pytest.raises(IngestError, match=r"^t\.csv: not a text file"):
        read_csv_track(bytes(range(256)) * 8, name="t.csv")
