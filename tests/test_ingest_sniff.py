"""Telling formats apart by content."""

from pathlib import Path

import pytest

from logbook.ingest.sniff import sniff_format

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("path, fmt", [
    ("real/foreflight_tracklog-from-foreflight.kml", "kml"),
    ("real/igc_olsztyn.igc", "igc"),
    ("formats/g1000_circuit.csv", "garmin_csv"),
    ("formats/placemarks_and_line.kml", "kml"),
    ("gpx/gpx10.gpx", "gpx"),
    ("nmea/gga_rmc_1hz.nmea", "nmea"),
    ("nmea/binary_noise.nmea", "nmea"),
    ("navilink/navilink_tracks.trk", "navilink"),
    ("gpx/README.md", None),
])
def test_fixture_files(path, fmt):
    file = DATA / path
    assert sniff_format(file.read_bytes(), file.name) == fmt


@pytest.mark.parametrize("data, fmt", [
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<kml xmlns="x"><Document/></kml>', "kml"),
    (b"<?xml version='1.0'?><gpx version='1.1'></gpx>", "gpx"),
    (b"<?xml version='1.0'?><kml:kml xmlns:kml='x'/>", "kml"),
    (b"<?xml version='1.0'?><html><body/></html>", None),
    (b"AXXX001\nHFDTEDATE:020911,01\nB1016435346296N02025184EA0012200130\n", "igc"),
    (b"AXXX001\nHFDTE020911\nno fixes\n", None),
    (b'#airframe_info,log_version="1.00",product="GDU 460"\n', "garmin_csv"),
    (b"time,lat,lon\n2024-01-01T10:00:00Z,52,-1\n", "csv"),
    (b"loggingTime(txt),locationLatitude(WGS84),locationLongitude(WGS84)\n1,2,3\n",
     "csv"),
    (b"a,b,c\n1,2,3\n", None),
    (b"$GPGGA,1*00\n$GPRMC,2*00\n", "nmea"),
    (bytes(range(256)) * 8, None),
])
def test_content(data, fmt):
    assert sniff_format(data, "file") == fmt


def test_name_only_breaks_ties_for_navilink():
    record = bytes(32) * 4
    assert sniff_format(record, "log.trk") == "navilink"
    assert sniff_format(record, "log.bin") is None
