"""Circuits: count, direction, legs in order, height and downwind spacing."""

import pandas as pd
import pytest

from logbook.analysis import analyse_track
from logbook.simulate import RUNWAYS

LEGS = ["upwind", "crosswind", "downwind", "base", "final"]


@pytest.mark.parametrize("direction", ["left", "right"])
def test_circuits_and_their_legs(make_track, airports, direction):
    track, sim = make_track(runway=RUNWAYS["EGBW_18"], direction=direction,
                            noise_m=2.0, seed=9)
    (flight,) = analyse_track(track, airports=airports)
    assert len(flight.circuits) == len({leg.circuit for leg in sim.circuits}) == 3
    for circuit in flight.circuits:
        assert circuit.direction == direction
        assert (circuit.airport, circuit.runway) == ("EGBW", "18")
        assert [leg.name for leg in circuit.legs] == LEGS
        times = [t for leg in circuit.legs for t in (leg.start, leg.end)]
        assert times == sorted(times)
        assert circuit.start <= circuit.legs[0].start
        assert circuit.legs[-1].end <= circuit.end
        assert abs(circuit.height_m - 1000 * 0.3048) < 40      # 1000 ft circuits
        assert abs(circuit.downwind_distance_m - 1500) < 150   # the scenario's spacing


def test_downwind_leg_matches_the_truth(make_track, airports):
    track, sim = make_track(runway=RUNWAYS["KGON_23"], patterns=("full_stop",))
    (flight,) = analyse_track(track, airports=airports)
    (circuit,) = flight.circuits
    found = next(leg for leg in circuit.legs if leg.name == "downwind")
    truth = next(leg for leg in sim.circuits if leg.leg == "downwind")
    assert abs(found.start - pd.Timestamp(truth.start)) < pd.Timedelta(seconds=20)
    assert abs(found.end - pd.Timestamp(truth.end)) < pd.Timedelta(seconds=20)


def test_a_trip_to_another_aerodrome_is_no_circuit(make_track, airports):
    track, _ = make_track(runway=RUNWAYS["EGBW_18"], destination=RUNWAYS["EGTC_21"],
                          patterns=("full_stop",), noise_m=2.0)
    (flight,) = analyse_track(track, airports=airports)
    assert (flight.departure, flight.arrival) == ("EGBW", "EGTC")
    assert flight.circuits == ()


def test_low_pass_ends_a_circuit(make_track, airports):
    track, sim = make_track(runway=RUNWAYS["KGON_23"],
                            patterns=("low_pass", "go_around", "full_stop"))
    (flight,) = analyse_track(track, airports=airports)
    assert len(flight.circuits) == len({leg.circuit for leg in sim.circuits}) == 3


def test_circuit_height_is_the_downwind_level_not_its_descent(airports):
    from logbook.simulate import simulate
    from logbook.simulate.samples import DECEMBER_CIRCUITS
    from logbook.track import Track

    sim = simulate(DECEMBER_CIRCUITS.scenario)
    (flight,) = analyse_track(Track(sim.points, source="sample"), airports=airports)
    heights_ft = [c.height_m / 0.3048 for c in flight.circuits]
    assert heights_ft and all(abs(h - 1000.0) < 50.0 for h in heights_ft)
