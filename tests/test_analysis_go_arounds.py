"""Go-arounds are found; low passes and touch-and-goes are not taken for them."""

import pandas as pd

from logbook.analysis import analyse_track
from logbook.simulate import RUNWAYS

KGON_23 = RUNWAYS["KGON_23"]


def test_go_around_has_its_lowest_point_runway_and_height(make_track, airports):
    track, sim = make_track(runway=KGON_23, patterns=("go_around", "full_stop"),
                            noise_m=2.0, seed=4)
    (flight,) = analyse_track(track, airports=airports)
    (expected,) = [e for e in sim.events if e.kind == "go_around"]
    (found,) = flight.go_arounds
    assert abs(found.time - pd.Timestamp(expected.time)) <= pd.Timedelta(seconds=15)
    assert (found.airport, found.runway) == ("KGON", "23")
    assert abs(found.lowest_ft_agl - expected.lowest_ft_agl) < 60
    assert [x.kind for x in flight.landings] == ["full_stop"]


def test_fast_level_low_pass_is_not_a_go_around(make_track, airports):
    track, _ = make_track(runway=KGON_23, patterns=("low_pass", "full_stop"),
                          noise_m=2.0, seed=4)
    (flight,) = analyse_track(track, airports=airports)
    assert flight.go_arounds == ()
    assert len(flight.landings) == 1


def test_touch_and_goes_are_not_go_arounds(make_track, airports):
    track, _ = make_track(runway=KGON_23, noise_m=3.0, altitude_bias_m=25.0,
                          patterns=("touch_and_go", "touch_and_go", "full_stop"))
    (flight,) = analyse_track(track, airports=airports)
    assert flight.go_arounds == ()
    assert [x.kind for x in flight.landings] == ["touch_and_go"] * 2 + ["full_stop"]


def test_go_around_into_a_headwind_after_a_low_pass(make_track, airports):
    track, sim = make_track(runway=KGON_23, patterns=("low_pass", "go_around",
                                                      "full_stop"),
                            wind_from_deg=230.0, wind_kt=15.0, noise_m=2.0)
    (flight,) = analyse_track(track, airports=airports)
    (expected,) = [e for e in sim.events if e.kind == "go_around"]
    assert [abs(g.time - pd.Timestamp(expected.time)).total_seconds() < 15
            for g in flight.go_arounds] == [True]
