"""Reading IGC files: date headers, B records, validity, midnight, bad input."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_ingest_kml import assert_same_points, gpsbabel_track

from logbook.errors import IngestError
from logbook.ingest.igc import read_igc

HEAD = "AXXX001 test logger\nHFDTE020911\nHFGTYGLIDERTYPE:test\n"
B1 = "B1016435346296N02025184EA0012200130\n"
B2 = "B1016445346300N02025190EA0012500135\n"
B3 = "B1016455346310S02025200WV0012700000\n"


def igc(*records, head=HEAD):
    return (head + "".join(records)).encode("ascii")


def test_b_records():
    result = read_igc(igc(B1, B2, B3), name="f.igc")
    p = result.track.points
    assert result.format == "igc" and result.records == 3
    assert p["time"].tolist() == list(pd.date_range("2011-09-02 10:16:43",
                                                    periods=3, freq="s", tz="UTC"))
    assert p["lat"].tolist() == pytest.approx([53 + 46.296 / 60, 53 + 46.3 / 60,
                                               -(53 + 46.31 / 60)])
    assert p["lon"].tolist() == pytest.approx([20 + 25.184 / 60, 20 + 25.19 / 60,
                                               -(20 + 25.2 / 60)])
    assert p["pressure_altitude_m"].tolist() == [122.0, 125.0, 127.0]


def test_gnss_altitude_and_validity_v_has_none():
    p = read_igc(igc(B1, B2, B3), name="f.igc").track.points
    assert p["altitude_m"].iloc[:2].tolist() == [130.0, 135.0]
    assert np.isnan(p["altitude_m"].iloc[2])


@pytest.mark.parametrize("header", ["HFDTE020911\n", "HFDTEDATE:020911,01\n"])
def test_both_date_headers(header):
    result = read_igc(igc(B1, head="AXXX001\n" + header), name="f.igc")
    assert result.track.start == pd.Timestamp("2011-09-02 10:16:43Z")


def test_midnight_rollover():
    late = "B2359590000000N00000000EA0000000100\n"
    early = "B0000010000100N00000000EA0000000100\n"
    p = read_igc(igc(late, early), name="f.igc").track.points
    assert p["time"].tolist() == [pd.Timestamp("2011-09-02 23:59:59Z"),
                                  pd.Timestamp("2011-09-03 00:00:01Z")]


def test_no_date_header_needs_a_date():
    data = igc(B1, head="AXXX001\n")
    with pytest.raises(IngestError, match=r"^f\.igc: no HFDTE date header"):
        read_igc(data, name="f.igc")
    from datetime import date
    result = read_igc(data, name="f.igc", date=date(2020, 1, 2))
    assert result.track.start == pd.Timestamp("2020-01-02 10:16:43Z")


def test_no_pressure_sensor_is_nan_not_zero():
    p = read_igc(igc("B1016435346296N02025184EA0000000130\n"), name="f.igc").track.points
    assert np.isnan(p["pressure_altitude_m"].iloc[0])


def test_bad_b_records_are_counted():
    result = read_igc(igc(B1, "B10164X garbage\n", B2), name="f.igc")
    assert len(result.track) == 2
    assert result.bad_lines == {"bad B record": 1}


@pytest.mark.parametrize("data, message", [
    (b"", r"^e\.igc: empty file$"),
    (b"\x00\x00\n", r"^e\.igc: empty file$"),
    (bytes(range(256)) * 4, r"^e\.igc:1: not an IGC file"),
    (igc(), r"^e\.igc: no readable B records"),
    (igc(B1)[:-20], r"^e\.igc: no readable B records \(fixes\) in 1 B lines"),
    (igc(B1, head="AXXX\nHFDTE320911\n"), r"^e\.igc:2: bad HFDTE date"),
])
def test_bad_input_is_one_error_naming_the_file(data, message):
    with pytest.raises(IngestError, match=message):
        read_igc(data, name="e.igc")


def test_truncated_last_record_is_dropped():
    result = read_igc(igc(B1, B2, B3[:20]), name="f.igc")
    assert len(result.track) == 2
    assert result.bad_lines == {"bad B record": 1}


def test_points_are_gpsbabels_gnss_track(tmp_path):
    path = tmp_path / "f.igc"
    path.write_bytes(igc(B1, B2))
    ours = read_igc(path.read_bytes(), name=path.name).track.points
    theirs = gpsbabel_track(path, "igc", track_name="GNSSALTTRK")
    assert_same_points(ours, theirs)
    assert ours["altitude_m"].tolist() == theirs["ele"].tolist()


def test_real_file_points_are_gpsbabels_gnss_track():
    path = Path(__file__).parent / "data" / "real" / "igc_olsztyn.igc"
    ours = read_igc(path.read_bytes(), name=path.name).track.points
    theirs = gpsbabel_track(path, "igc", track_name="GNSSALTTRK")
    assert_same_points(ours, theirs)
    assert np.allclose(ours["altitude_m"], theirs["ele"], equal_nan=True)
