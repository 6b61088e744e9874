"""Take-offs and landings found in simulated tracks: kinds, runways, times."""

import pandas as pd
import pytest

from logbook.analysis import analyse_track
from logbook.simulate import MICROLIGHT, RUNWAYS

TOLERANCE = pd.Timedelta(seconds=15)
KGON_23 = RUNWAYS["KGON_23"]


def truth(sim, kind):
    return [e for e in sim.events if e.kind == kind]


def assert_times_match(found, expected):
    assert len(found) == len(expected)
    for f, e in zip(found, expected, strict=True):
        assert abs(f - pd.Timestamp(e)) <= TOLERANCE, (f, e)


def assert_landings_match(flight, sim):
    touchdowns = truth(sim, "touchdown")
    assert_times_match([x.time for x in flight.landings], [e.time for e in touchdowns])
    assert [x.kind for x in flight.landings] == [e.landing_kind for e in touchdowns]
    assert [x.runway for x in flight.landings] == [e.runway for e in touchdowns]
    assert [x.airport for x in flight.landings] == [e.airport for e in touchdowns]
    takeoffs = truth(sim, "takeoff")
    assert_times_match([x.time for x in flight.takeoffs], [e.time for e in takeoffs])
    assert [x.runway for x in flight.takeoffs] == [e.runway for e in takeoffs]


@pytest.mark.parametrize("patterns", [
    ("touch_and_go", "full_stop"),
    ("stop_and_go", "full_stop"),
    ("touch_and_go", "stop_and_go", "touch_and_go", "full_stop"),
])
def test_each_landing_kind(make_track, airports, patterns):
    track, sim = make_track(runway=KGON_23, patterns=patterns, noise_m=2.0, seed=3)
    (flight,) = analyse_track(track, airports=airports)
    assert_landings_match(flight, sim)
    assert not any(x.uncertain for x in flight.landings)


def test_biased_noisy_altitude_is_calibrated(make_track, airports):
    track, sim = make_track(runway=RUNWAYS["EGBW_18"], noise_m=3.0,
                            altitude_bias_m=40.0, seed=5)
    (flight,) = analyse_track(track, airports=airports)
    assert_landings_match(flight, sim)


@pytest.mark.parametrize("rate_hz", [0.5, 10.0])
def test_sampling_rates(make_track, airports, rate_hz):
    track, sim = make_track(runway=KGON_23, rate_hz=rate_hz, noise_m=2.0,
                            altitude_bias_m=-20.0, seed=7)
    (flight,) = analyse_track(track, airports=airports)
    assert_landings_match(flight, sim)


def test_microlight_lifting_off_at_35_kt(make_track, airports):
    track, sim = make_track(runway=KGON_23, aircraft=MICROLIGHT, noise_m=2.0, seed=11)
    (flight,) = analyse_track(track, airports=airports)
    assert_landings_match(flight, sim)


def test_fast_taxi_is_not_a_flight(make_track, airports):
    track, _ = make_track(runway=KGON_23, taxi_only=True, fast_taxi_kt=30.0,
                          patterns=(), noise_m=3.0, seed=2)
    assert analyse_track(track, airports=airports) == []


def test_dropout_over_a_touch_and_go_is_inferred_and_uncertain(make_track, airports):
    _, clean = make_track(runway=KGON_23, patterns=("touch_and_go", "full_stop"))
    touchdown = truth(clean, "touchdown")[0].time
    start_s = (pd.Timestamp(touchdown) - clean.points["time"][0]).total_seconds() - 12
    track, sim = make_track(runway=KGON_23, patterns=("touch_and_go", "full_stop"),
                            dropouts=((start_s, 28.0),))
    (flight,) = analyse_track(track, airports=airports)
    assert_landings_match(flight, sim)
    assert flight.landings[0].uncertain
    assert flight.takeoffs[1].uncertain
    assert not flight.landings[1].uncertain


def test_touchdown_figures(make_track, airports):
    track, _ = make_track(runway=KGON_23, patterns=("full_stop",))
    (flight,) = analyse_track(track, airports=airports)
    landing = flight.landings[0]
    assert 20.0 < landing.touchdown_speed_mps < 35.0      # a C152 lands near 50 kt
    assert 0.0 < landing.touchdown_distance_m < 600.0


def test_real_touch_and_goes_at_groton(airports, kgon_track):
    (flight,) = analyse_track(kgon_track, airports=airports)
    assert flight.partial   # the excerpt ends in the air
    assert flight.landing is None
    assert_times_match([x.time for x in flight.landings],
                       ["2024-10-31 14:27:15Z", "2024-10-31 14:31:43Z",
                        "2024-10-31 14:38:25Z"])
    assert [x.kind for x in flight.landings] == ["touch_and_go"] * 3
    assert {x.runway for x in flight.landings + flight.takeoffs} == {"23"}
    assert_times_match([flight.takeoff], ["2024-10-31 14:20:44Z"])
    assert len(flight.takeoffs) == 4
