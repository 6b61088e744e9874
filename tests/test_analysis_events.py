"""Each event right in the cases the benchmark once got wrong, and the real glider."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.airports import default_db
from logbook.analysis import analyse_track
from logbook.analysis.phases import to_samples, without_taxi_flights
from logbook.analysis.profile import fit_contact
from logbook.analysis.terrain import build_terrain
from logbook.simulate import MICROLIGHT, RUNWAYS
from logbook.track import Track, to_points

TOLERANCE = pd.Timedelta(seconds=15)


def kinds(flight):
    return [x.kind for x in flight.landings]


def assert_near(found, expected):
    assert len(found) == len(expected)
    for f, e in zip(found, expected, strict=True):
        assert abs(pd.Timestamp(f) - pd.Timestamp(e)) <= TOLERANCE, (f, e)


def test_parallel_runways_estimated_on_one_line_give_the_main_one(make_track):
    # Barton's 08L/26R and 08R/26L are both estimated on the reference point's line
    track, sim = make_track(runway=RUNWAYS["EGCB_26R"], direction="left",
                            aircraft=MICROLIGHT, downwind_offset_m=800.0,
                            pattern_height_ft=800.0, wind_from_deg=230.0, wind_kt=14.0,
                            patterns=("touch_and_go", "go_around", "stop_and_go",
                                      "full_stop"), noise_m=3.0, seed=4)
    (flight,) = analyse_track(track, airports=default_db())
    assert kinds(flight) == ["touch_and_go", "stop_and_go", "full_stop"]
    assert {x.runway for x in flight.landings + flight.takeoffs} == {"26R"}
    assert all(x.runway_estimated for x in flight.landings + flight.takeoffs)
    (go_around,) = flight.go_arounds        # flown from base, climbing away along 26R
    (expected,) = sim.events_of("go_around")
    assert_near([go_around.time], [expected.time])


def test_long_taxi_on_a_sloping_aerodrome_is_no_flight(make_track, airports):
    # Biggin Hill's 03/21 climbs 60 ft from end to end
    track, sim = make_track(runway=RUNWAYS["EGKB_21"], direction="right",
                            patterns=("touch_and_go", "go_around", "low_pass",
                                      "touch_and_go", "full_stop"),
                            wind_from_deg=240.0, wind_kt=15.0, noise_m=3.0,
                            altitude_bias_m=35.0, seed=5)
    (flight,) = analyse_track(track, airports=airports)
    assert_near([x.time for x in flight.takeoffs],
                [e.time for e in sim.events_of("takeoff")])
    assert kinds(flight) == ["touch_and_go", "touch_and_go", "full_stop"]
    assert len(flight.go_arounds) == 1


def test_microlight_at_10_hz_touch_and_go_after_a_stop_and_go(make_track, airports):
    track, sim = make_track(runway=RUNWAYS["EGBW_05"], direction="left",
                            aircraft=MICROLIGHT, downwind_offset_m=900.0,
                            pattern_height_ft=800.0,
                            patterns=("stop_and_go", "touch_and_go", "full_stop"),
                            wind_from_deg=60.0, wind_kt=10.0, rate_hz=10.0, noise_m=2.0,
                            seed=9)
    (flight,) = analyse_track(track, airports=airports)
    assert kinds(flight) == ["stop_and_go", "touch_and_go", "full_stop"]
    assert_near([x.time for x in flight.landings],
                [e.time for e in sim.events_of("touchdown")])


def test_airborne_start_and_end_have_no_block_times(make_track, airports):
    track, _ = make_track(runway=RUNWAYS["KGON_23"], begins_airborne=True,
                          ends_airborne=True, noise_m=3.0, seed=14,
                          patterns=("touch_and_go", "go_around", "touch_and_go"))
    (flight,) = analyse_track(track, airports=airports)
    assert flight.off_block_unknown and flight.on_block_unknown and flight.partial
    assert kinds(flight) == ["touch_and_go", "touch_and_go"]
    assert len(flight.go_arounds) == 1


def test_track_starting_in_the_takeoff_roll(make_track, airports):
    _, clean = make_track(patterns=("touch_and_go", "full_stop"))
    liftoff_s = (pd.Timestamp(clean.events_of("takeoff")[0].time)
                 - clean.points["time"][0]).total_seconds()
    track, sim = make_track(patterns=("touch_and_go", "full_stop"), noise_m=3.0,
                            dropouts=((0.0, liftoff_s - 12.0),))
    (flight,) = analyse_track(track, airports=airports)
    assert flight.partial and flight.off_block_unknown and not flight.on_block_unknown
    assert_near([x.time for x in flight.takeoffs],
                [e.time for e in sim.events_of("takeoff")])
    assert kinds(flight) == ["touch_and_go", "full_stop"]


def test_go_around_at_half_hz(make_track, airports):
    track, sim = make_track(runway=RUNWAYS["KGON_23"], rate_hz=0.5, noise_m=4.0,
                            altitude_bias_m=20.0, wind_from_deg=200.0, wind_kt=10.0,
                            patterns=("go_around", "touch_and_go", "go_around",
                                      "full_stop"), seed=16)
    (flight,) = analyse_track(track, airports=airports)
    assert_near([g.time for g in flight.go_arounds],
                [e.time for e in sim.events_of("go_around")])
    assert kinds(flight) == ["touch_and_go", "full_stop"]


@pytest.fixture(scope="module")
def glider() -> Track:
    frame = pd.read_csv(Path(__file__).parent / "data" / "analysis"
                        / "epod_glider.csv.gz")
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return Track(to_points(frame), source="epod_glider.csv.gz")


def test_real_glider_flight_at_olsztyn(glider):
    (flight,) = analyse_track(glider, airports=default_db())
    assert not flight.partial
    (takeoff,) = flight.takeoffs
    (landing,) = flight.landings
    assert (takeoff.airport, landing.airport) == ("EPOD", "EPOD")
    assert takeoff.runway.startswith("27") and landing.runway.startswith("27")
    assert_near([takeoff.time, landing.time],
                ["2011-09-02 10:17:12Z", "2011-09-02 15:11:55Z"])
    assert landing.kind == "full_stop"
    assert flight.go_arounds == ()            # the finish pass is not one
    assert_near([flight.off_block, flight.on_block],
                ["2011-09-02 10:16:57Z", "2011-09-02 15:12:18Z"])


def test_contact_fit_finds_the_level_part_under_a_bias():
    t = np.arange(0.0, 60.0)
    h = np.concatenate((40.0 - 2.0 * t[:20], np.zeros(10), 2.5 * (t[30:] - 29.0))) + 7.0
    first, last = fit_contact(t, h, descent=True, climb=True)
    assert abs(first - 20) <= 1 and abs(last - 29) <= 1
    assert fit_contact(t, np.full(60, 3.0), descent=True, climb=True) is None


def test_terrain_is_interpolated_along_a_sloping_runway():
    airport = default_db().airport("EGKB")
    terrain = build_terrain([airport])
    runway = next(r for r in airport.runways if {e.designator for e in r.ends}
                  == {"03", "21"})
    a, b = runway.ends
    lat = np.array([a.lat, (a.lat + b.lat) / 2, b.lat])
    lon = np.array([a.lon, (a.lon + b.lon) / 2, b.lon])
    elevation, distance = terrain.elevation_m(lat, lon)
    assert np.allclose(elevation, [a.elevation_m, (a.elevation_m + b.elevation_m) / 2,
                                   b.elevation_m], atol=0.5)
    assert np.all(distance < 1.0)


def test_slow_hop_in_ground_effect_is_put_back_on_the_ground():
    n = 120
    frame = pd.DataFrame({
        "time": pd.date_range("2024-05-01 10:00", periods=n, freq="1s", tz="UTC"),
        "lat": 52.0, "lon": -1.0 + np.arange(n) * 1e-4, "altitude_m": 100.0,
        "speed_mps": 6.8, "course_deg": 90.0,
    })
    samples = to_samples(frame)
    air = np.zeros(n, dtype=bool)
    air[40:60] = True
    height = np.where(air, 12.0, 0.0)
    assert not without_taxi_flights(samples, height, air).any()
    # above ground effect but never at a flying speed: a parked receiver's
    # altitude jumping, not a flight
    assert not without_taxi_flights(samples, height + 20.0 * air, air).any()
    faster = to_samples(frame.assign(speed_mps=12.0))
    assert without_taxi_flights(faster, height + 20.0 * air, air)[40:60].all()
