"""Reading Garmin G1000 / G3X CSV logs."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.errors import IngestError
from logbook.ingest.garmin_csv import read_garmin_csv

FIXTURE = Path(__file__).parent / "data" / "formats" / "g1000_circuit.csv"
G3X = (
    '#airframe_info,log_version="1.00",product="GDU 460",aircraft_ident="N1",\n'
    "#yyy-mm-dd,hh:mm:ss,hh:mm,degrees,degrees,ft wgs,kt,deg,kt,fpm,rpm\n"
    "Lcl Date,Lcl Time,UTCOfst,Latitude,Longitude,AltGPS,GndSpd,TRK,IAS,VSpd,E1 RPM\n"
    "2023-07-01,23:59:59,+02:00,47.1000000,8.5000000,1500.0,50.0,90.0,55.0,300,2400\n"
    "2023-07-02,00:00:00,+02:00,47.1000000,8.5003000,1510.0,51.0,90.0,56.0,600,2450\n"
)


def read(data, name="log.csv"):
    return read_garmin_csv(data, name=name)


def test_g1000_rows_in_utc_and_si_units():
    result = read(FIXTURE.read_bytes())
    p = result.track.points
    assert result.format == "garmin_csv" and result.records == 5
    # local 09:12:01 at UTC-04:00
    assert p["time"].iloc[0] == pd.Timestamp("2024-05-04 13:12:01Z")
    assert p["lat"].iloc[1] == 41.3299 and p["lon"].iloc[1] == -72.0451
    assert p["altitude_m"].iloc[1] == pytest.approx(13.0 * 0.3048)   # AltGPS
    assert p["speed_mps"].iloc[2] == pytest.approx(59.0 * 1852 / 3600)
    assert p["ias_mps"].iloc[2] == pytest.approx(60.0 * 1852 / 3600)
    assert p["vertical_speed_mps"].iloc[3] == pytest.approx(700 * 0.3048 / 60)
    assert p["engine_rpm"].tolist() == [1000.0, 2400.0, 2500.0, 2500.0]
    assert p["trk_deg"].iloc[3] == 231.0


def test_rows_without_fix_are_dropped_and_counted():
    result = read(FIXTURE.read_bytes())
    assert len(result.track) == 4
    assert result.bad_lines == {"no fix": 1}


def test_g3x_without_padding_and_positive_offset():
    p = read(G3X.encode()).track.points
    assert p["time"].tolist() == [pd.Timestamp("2023-07-01 21:59:59Z"),
                                  pd.Timestamp("2023-07-01 22:00:00Z")]
    assert p["altitude_m"].tolist() == pytest.approx([1500 * 0.3048, 1510 * 0.3048])


def test_nul_padding_and_truncated_last_line_are_tolerated():
    data = FIXTURE.read_bytes()
    cut = data[: len(data) - 30]                     # last row cut short
    result = read(cut + b"\x00" * 512)
    assert len(result.track) == 3
    assert result.bad_lines == {"no fix": 1, "truncated": 1}


def test_without_altgps_uses_altmsl_and_says_so():
    text = G3X.replace("AltGPS", "AltMSL")
    result = read(text.encode())
    assert result.track.points["altitude_m"].iloc[0] == pytest.approx(1500 * 0.3048)
    assert any("AltMSL" in w for w in result.warnings)


def test_bad_time_rows_are_counted():
    text = G3X.replace("2023-07-01,23:59:59,+02:00", "2023-07-01,25:61:00,+02:00")
    result = read(text.encode())
    assert len(result.track) == 1
    assert result.bad_lines == {"bad time": 1}


def test_missing_optional_columns_are_nan():
    text = ("#airframe_info\nLcl Date,Lcl Time,UTCOfst,Latitude,Longitude\n"
            "2023-07-01,10:00:00,+00:00,47.1,8.5\n2023-07-01,10:00:01,+00:00,47.1,8.6\n")
    p = read(text.encode()).track.points
    assert np.isnan(p["altitude_m"]).all() and np.isnan(p["engine_rpm"]).all()


@pytest.mark.parametrize("data, message", [
    (b"", r"^g\.csv: empty file$"),
    (b"\x00" * 100, r"^g\.csv: empty file$"),
    (bytes(range(256)) * 4, r"^g\.csv: not a text file"),
    (b"#airframe_info\n#units\nfoo,bar\n1,2\n", r"^g\.csv: no Garmin column header"),
    (b"#airframe_info\nLatitude,Longitude,Lcl Time\n1,2,3\n",
     r"^g\.csv:2: no Lcl Date, UTCOfst column"),
    (G3X.split("2023")[0].encode() + b"\n", r"^g\.csv: no data rows"),
    (G3X.replace("47.1000000", "").replace("47.1", "").encode(),
     r"^g\.csv: none of 2 rows has a GPS position"),
    (G3X.replace("+02:00", "??").encode(), r"^g\.csv:4: bad date, time or UTC offset"),
])
def test_bad_input_is_one_error_naming_the_file(data, message):
    with pytest.raises(IngestError, match=message):
        read(data, name="g.csv")
