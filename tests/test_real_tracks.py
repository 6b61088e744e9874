"""Real tracks in formats other than NMEA and GPX, read and analysed end to end.

The expected events are those listed in tests/data/real/README.md.
"""

from pathlib import Path

import pandas as pd
import pytest

from logbook.analysis import analyse_track
from logbook.ingest import READERS, read_bytes
from logbook.ingest.igc import read_igc
from logbook.ingest.kml import read_kml
from logbook.ingest.sniff import sniff_format

REAL = Path(__file__).parent / "data" / "real"
KML = REAL / "foreflight_tracklog-from-foreflight.kml"
IGC = REAL / "igc_olsztyn.igc"
TOLERANCE = pd.Timedelta(seconds=15)

KGON_LIFTOFF = "14:20:44"
KGON_TOUCH_AND_GOES = ["14:27:15", "14:31:43", "14:38:25", "14:44:16", "14:50:23",
                       "14:56:18", "15:00:29", "15:06:06", "15:12:19", "15:17:56",
                       "15:23:03", "15:27:30", "15:32:46", "15:38:20", "15:44:00"]
KGON_FULL_STOP = "15:49:02"


def utc(day, hhmmss):
    return pd.Timestamp(f"{day} {hhmmss}", tz="UTC")


def close(found, expected):
    return abs(found - expected) <= TOLERANCE


@pytest.fixture(scope="module")
def kgon():
    result = read_kml(KML.read_bytes(), name=KML.name)
    return result, analyse_track(result.track)


@pytest.fixture(scope="module")
def epod():
    result = read_igc(IGC.read_bytes(), name=IGC.name)
    return result, analyse_track(result.track)


def test_foreflight_kml_reads_every_fix_with_speed(kgon):
    result, _ = kgon
    points = result.track.points
    assert result.format == "kml"
    assert len(points) == 6885
    assert points["time"].iloc[0] == pd.Timestamp("2024-10-31 14:04:33.400527954Z")
    # speed_kts from the ExtendedData arrays, not derived from positions
    assert points["speed_mps"].iloc[2] == pytest.approx(0.54 * 1852 / 3600)
    assert points["altitude_m"].iloc[2] == pytest.approx(-2.4)


def test_foreflight_kml_is_one_flight_at_kgon(kgon):
    _, flights = kgon
    assert len(flights) == 1
    assert (flights[0].departure, flights[0].arrival) == ("KGON", "KGON")


def test_foreflight_kml_takeoffs(kgon):
    _, flights = kgon
    takeoffs = flights[0].takeoffs
    assert len(takeoffs) == 16
    assert close(takeoffs[0].time, utc("2024-10-31", KGON_LIFTOFF))
    assert {(t.airport, t.runway) for t in takeoffs} == {("KGON", "23")}


def test_foreflight_kml_landings(kgon):
    _, flights = kgon
    landings = flights[0].landings
    expected = [(t, "touch_and_go") for t in KGON_TOUCH_AND_GOES]
    expected.append((KGON_FULL_STOP, "full_stop"))
    assert [x.kind for x in landings] == [kind for _, kind in expected]
    for landing, (hhmmss, _) in zip(landings, expected, strict=True):
        assert close(landing.time, utc("2024-10-31", hhmmss)), landing
        assert (landing.airport, landing.runway) == ("KGON", "23")
    assert flights[0].go_arounds == ()


def test_igc_reads_gnss_track(epod):
    result, _ = epod
    points = result.track.points
    assert result.format == "igc"
    assert len(points) == 2469
    assert points["time"].iloc[0] == pd.Timestamp("2011-09-02 10:16:43Z")
    assert points["lat"].iloc[0] == pytest.approx(53 + 46.296 / 60)
    assert points["altitude_m"].iloc[0] == 122.0
    assert "pressure_altitude_m" in points.columns


def test_igc_is_one_flight_from_and_to_epod(epod):
    _, flights = epod
    assert len(flights) == 1
    flight = flights[0]
    assert (flight.departure, flight.arrival) == ("EPOD", "EPOD")
    assert len(flight.takeoffs) == 1
    assert close(flight.takeoffs[0].time, utc("2011-09-02", "10:17:12"))


def test_igc_finish_pass_is_no_go_around_and_lands_on_27(epod):
    _, flights = epod
    flight = flights[0]
    assert flight.go_arounds == ()
    assert len(flight.landings) == 1
    landing = flight.landings[0]
    assert landing.kind == "full_stop"
    assert close(landing.time, utc("2011-09-02", "15:11:55"))
    # EPOD's 27L and 27R are not told apart in the airport data
    assert landing.runway is not None and landing.runway.startswith("27")


@pytest.mark.parametrize("path, fmt, reader", [
    (KML, "kml", "logbook.ingest.kml:read_kml"),
    (IGC, "igc", "logbook.ingest.igc:read_igc"),
])
def test_real_files_go_through_read_bytes(monkeypatch, path, fmt, reader):
    data = path.read_bytes()
    assert sniff_format(data, path.name) == fmt
    monkeypatch.setitem(READERS, fmt, reader)
    result = read_bytes(data, name=path.name, fmt=fmt)
    assert result.format == fmt
    assert result.track.source == path.name
