"""Flights: block and airborne times, departure and arrival, partial tracks."""

import pandas as pd

from logbook.analysis import analyse_track
from logbook.simulate import RUNWAYS
from logbook.track import Track, to_points

TOLERANCE = pd.Timedelta(seconds=15)
KGON_23 = RUNWAYS["KGON_23"]


def event_time(sim, kind, index=0):
    return pd.Timestamp([e for e in sim.events if e.kind == kind][index].time)


def test_block_and_airborne_times(make_track, airports):
    track, sim = make_track(runway=KGON_23, noise_m=2.0)
    (flight,) = analyse_track(track, airports=airports)
    assert abs(flight.off_block - event_time(sim, "off_block")) <= TOLERANCE
    assert abs(flight.on_block - event_time(sim, "on_block")) <= TOLERANCE
    assert abs(flight.takeoff - event_time(sim, "takeoff")) <= TOLERANCE
    assert abs(flight.landing - event_time(sim, "touchdown", -1)) <= TOLERANCE
    assert (flight.departure, flight.arrival, flight.partial) == ("KGON", "KGON", False)
    assert flight.block_s > flight.airborne_s > 0
    assert flight.off_block.tz is not None


def test_two_aerodrome_trip(make_track, airports):
    track, _sim = make_track(runway=RUNWAYS["EGBW_18"], destination=RUNWAYS["EGTC_21"],
                            patterns=("touch_and_go", "full_stop"), noise_m=2.0)
    (flight,) = analyse_track(track, airports=airports)
    assert (flight.departure, flight.arrival) == ("EGBW", "EGTC")
    assert [(x.airport, x.runway) for x in flight.takeoffs] == [("EGBW", "18"),
                                                               ("EGTC", "21")]
    assert [x.kind for x in flight.landings] == ["touch_and_go", "full_stop"]
    assert len(flight.circuits) == 1 and flight.circuits[0].airport == "EGTC"


def test_track_beginning_in_the_air_invents_no_takeoff(make_track, airports):
    track, sim = make_track(runway=KGON_23, begins_airborne=True, noise_m=2.0)
    (flight,) = analyse_track(track, airports=airports)
    assert flight.partial and flight.takeoff is None and flight.departure is None
    assert flight.off_block == track.start
    assert len(flight.takeoffs) == len([e for e in sim.events if e.kind == "takeoff"])
    assert flight.landings[-1].kind == "full_stop"


def test_track_ending_in_the_air_invents_no_landing(make_track, airports):
    track, _sim = make_track(runway=KGON_23, ends_airborne=True, noise_m=2.0,
                            patterns=("touch_and_go", "touch_and_go"))
    (flight,) = analyse_track(track, airports=airports)
    assert flight.partial and flight.landing is None and flight.arrival is None
    assert flight.on_block == track.end
    assert [x.kind for x in flight.landings] == ["touch_and_go", "touch_and_go"]
    assert len(flight.takeoffs) == 3


def test_full_stop_and_taxi_back_makes_two_flights(make_track, airports):
    track, sim = make_track(runway=KGON_23, patterns=("full_stop", "full_stop"),
                            noise_m=2.0)
    flights = analyse_track(track, airports=airports)
    assert len(flights) == 2
    assert flights[0].on_block <= flights[1].off_block
    assert [f.landings[0].kind for f in flights] == ["full_stop", "full_stop"]
    takeoffs = [e.time for e in sim.events if e.kind == "takeoff"]
    assert [abs(f.takeoff - pd.Timestamp(t)) <= TOLERANCE
            for f, t in zip(flights, takeoffs, strict=True)] == [True, True]


def test_parked_track_has_no_flight(airports):
    n = 600
    frame = pd.DataFrame({
        "time": pd.date_range("2024-05-01 10:00", periods=n, freq="1s", tz="UTC"),
        "lat": 52.1880989074707, "lon": -1.6138900518417358, "altitude_m": 48.0,
        "speed_mps": 0.0, "course_deg": float("nan"), "fix_quality": 1,
        "satellites": 8, "hdop": 1.0,
    })
    assert analyse_track(Track(to_points(frame)), airports=airports) == []
