"""The lesson debrief: touchdowns, final approaches, circuits."""

import math

import numpy as np
import pandas as pd
import pytest

from logbook import geo, units
from logbook.airports import default_db
from logbook.analysis import analyse_track
from logbook.analysis.debrief import (
    as_flight,
    debrief_flight,
    final_approach,
    flight_profile,
    render_debrief_text,
    runway_axis,
)
from logbook.events import Flight, Landing
from logbook.ingest import read_track
from logbook.samples import sample_paths
from logbook.store.records import flight_row, record_from_row
from logbook.track import Track, to_points


@pytest.fixture(scope="module")
def egbw():
    return default_db().airport("EGBW")


@pytest.fixture(scope="module")
def december(egbw):
    """The bundled 2007-12-27 lesson: runway 23, six landings, one go-around."""
    path = next(p for p in sample_paths() if p.name.startswith("2007-12-27"))
    track = read_track(path)
    (flight,) = analyse_track(track)
    return track, flight


def test_every_landing_has_its_touchdown_and_final_approach(december, egbw):
    track, flight = december
    debrief = debrief_flight(track, flight, egbw)
    assert [x.number for x in debrief.landings] == [1, 2, 3, 4, 5, 6]
    assert [x.kind for x in debrief.landings] == [x.kind for x in flight.landings]
    for x in debrief.landings:
        assert x.runway == "23"
        assert -200.0 < x.touchdown_distance_m < 587.0        # on or near the runway
        assert 30.0 < units.mps_to_kt(x.touchdown_speed_mps) < 60.0
        assert 2.0 < x.approach_angle_deg < 4.5               # flown on a ~3 degree path
        assert 0.0 <= x.centreline_rms_m <= x.centreline_max_m < 100.0


def test_circuits_carry_height_and_downwind_spacing(december, egbw):
    track, flight = december
    circuits = debrief_flight(track, flight, egbw).circuits
    assert len(circuits) == len(flight.circuits) == 7
    assert all(c.direction == "right" for c in circuits)
    heights_ft = [units.m_to_ft(c.height_m) for c in circuits]
    assert all(700.0 < h < 1100.0 for h in heights_ft)
    assert all(500.0 < c.downwind_distance_m < 3000.0 for c in circuits)
    assert all(c.duration_s > 120.0 for c in circuits)


def test_a_stored_flight_gives_the_same_debrief(december, egbw):
    track, flight = december
    record = record_from_row({"id": 1, "track_id": 1, **flight_row(flight)})
    again = as_flight(record)
    assert isinstance(again, Flight)
    assert [x.kind for x in again.landings] == [x.kind for x in flight.landings]
    assert len(again.circuits[0].legs) == len(flight.circuits[0].legs)
    a = debrief_flight(track, flight, egbw)
    b = debrief_flight(track, record, egbw)
    assert len(a.landings) == len(b.landings)
    for x, y in zip(a.landings, b.landings, strict=True):
        assert abs(x.approach_angle_deg - y.approach_angle_deg) < 0.2
        assert abs(x.touchdown_distance_m - y.touchdown_distance_m) < 0.01


def straight_in(egbw, *, offset_m: float, angle_deg: float, touchdown_m: float) -> Track:
    """A made-up final to runway 23: offset_m right of the centreline at a constant
    path angle, touching down touchdown_m past the threshold at 60 kt."""
    axis = runway_axis(egbw, "23")
    speed_mps = units.kt_to_mps(60.0)
    along = np.arange(-2500.0, touchdown_m + 300.0, speed_mps)
    height = np.clip((touchdown_m - along) * math.tan(math.radians(angle_deg)), 0, None)
    h = math.radians(axis.heading_deg)
    x = along * math.sin(h) + offset_m * math.cos(h)
    y = along * math.cos(h) - offset_m * math.sin(h)
    k = math.radians(1.0) * geo.EARTH_RADIUS_M
    lat = axis.lat + y / k
    lon = axis.lon + x / (k * math.cos(math.radians(axis.lat)))
    # a minute standing still on the apron first, so the height can be calibrated
    n_ground = 60
    time = pd.date_range("2008-01-05 12:00", periods=n_ground + len(along), freq="1s",
                         tz="UTC")
    frame = pd.DataFrame({
        "time": time,
        "lat": np.r_[np.full(n_ground, egbw.lat), lat],
        "lon": np.r_[np.full(n_ground, egbw.lon), lon],
        "altitude_m": np.r_[np.full(n_ground, egbw.elevation_m), egbw.elevation_m + height]
        + 30.0,                                    # GPS altitude 30 m high
        "speed_mps": np.r_[np.zeros(n_ground), np.full(len(along), speed_mps)],
    })
    return Track(to_points(frame), source="made up")


def landing_at(track: Track, distance_m: float, speed_kt: float) -> Flight:
    t = track.points["time"]
    touchdown = t.iloc[60 + int((2500.0 + distance_m) / units.kt_to_mps(speed_kt))]
    return Flight(off_block=t.iloc[0], on_block=t.iloc[-1], takeoff=None,
                  landing=touchdown, departure="EGBW", arrival="EGBW", partial=True,
                  landings=(Landing(touchdown, "EGBW", "23", "full_stop"),))


@pytest.mark.parametrize(("offset_m", "angle_deg", "touchdown_m"),
                         [(0.0, 3.0, 100.0), (25.0, 3.0, 150.0), (-40.0, 4.0, 60.0)])
def test_approach_angle_and_centreline_of_a_made_up_final(egbw, offset_m, angle_deg,
                                                          touchdown_m):
    track = straight_in(egbw, offset_m=offset_m, angle_deg=angle_deg,
                        touchdown_m=touchdown_m)
    (x,) = debrief_flight(track, landing_at(track, touchdown_m, 60.0), egbw).landings
    assert x.approach_angle_deg == pytest.approx(angle_deg, abs=0.25)
    assert x.centreline_rms_m == pytest.approx(abs(offset_m), abs=3.0)
    assert x.centreline_max_m == pytest.approx(abs(offset_m), abs=3.0)
    # the landing event gave no distance or speed: they come from the track
    assert x.touchdown_distance_m == pytest.approx(touchdown_m, abs=40.0)
    assert units.mps_to_kt(x.touchdown_speed_mps) == pytest.approx(60.0, abs=1.0)
    expected_ft = units.m_to_ft(touchdown_m * math.tan(math.radians(angle_deg)))
    assert units.m_to_ft(x.threshold_height_m) == pytest.approx(expected_ft, abs=15.0)


def test_final_approach_starts_at_300_ft(egbw):
    track = straight_in(egbw, offset_m=0.0, angle_deg=3.0, touchdown_m=100.0)
    flight = landing_at(track, 100.0, 60.0)
    final = final_approach(track, flight_profile(track, egbw), runway_axis(egbw, "23"),
                           flight.landings[0].time)
    assert units.m_to_ft(final["height_m"].max()) <= 305.0
    assert final["distance_m"].min() >= 0.0          # stops at the threshold
    assert final["distance_m"].max() > 1000.0          # 300 ft at 3 degrees: ~1.7 km


def test_unknown_runway_leaves_the_approach_unknown(egbw):
    track = straight_in(egbw, offset_m=0.0, angle_deg=3.0, touchdown_m=100.0)
    flight = landing_at(track, 100.0, 60.0)
    (x,) = debrief_flight(track, flight, None).landings
    assert math.isnan(x.approach_angle_deg) and math.isnan(x.centreline_rms_m)
    text = render_debrief_text(debrief_flight(track, flight, None))
    assert text[1].split()[2] == "full-stop"
    assert " - " in text[1]                           # NaN shown as "-", never 0


def test_debrief_text_has_a_line_per_landing_and_circuit(december, egbw):
    track, flight = december
    lines = render_debrief_text(debrief_flight(track, flight, egbw))
    assert len(lines) == 2 + 6 + 7
    assert "touchdown" in lines[0]
    assert lines[1].split()[2] == "touch-and-go" and lines[1].endswith(" m")
    assert "right" in lines[-1] and "ft" in lines[-1] and "nm" in lines[-1]
