import dataclasses
import importlib.util
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pynmea2
import pytest

from logbook import geo, units
from logbook.ingest import read_bytes
from logbook.simulate import (
    EGBG_22,
    EGBW_05,
    EGBW_23,
    EGBW_36,
    KGON_23,
    MICROLIGHT,
    TRAINER,
    Scenario,
    simulate,
    to_gpx,
    to_gt11_nmea,
)
from logbook.simulate.samples import DECEMBER_CIRCUITS, SAMPLES, sample_bytes
from logbook.track import TRACK_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
CALM = Scenario(runway=EGBW_36, patterns=("touch_and_go", "stop_and_go", "go_around",
                                          "low_pass", "full_stop"))


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_accuracy",
                                                  ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def height_at(sim, when):
    """Exact height above the runway at a time (truth interpolated between fixes)."""
    t = (sim.truth["time"] - sim.truth["time"].iloc[0]).dt.total_seconds()
    s = (pd.Timestamp(when) - sim.truth["time"].iloc[0]).total_seconds()
    return float(np.interp(s, t, sim.truth["height_m"]))


def nearest(sim, when):
    i = (sim.points["time"] - pd.Timestamp(when)).abs().argmin()
    return sim.points.iloc[i]


@pytest.fixture(scope="module")
def calm():
    return simulate(CALM)


def test_same_seed_gives_same_points_and_events():
    scenario = dataclasses.replace(CALM, noise_m=3.0, seed=7)
    a, b = simulate(scenario), simulate(scenario)
    pd.testing.assert_frame_equal(a.points, b.points)
    assert a.events == b.events


def test_another_seed_moves_the_noise_not_the_events():
    a = simulate(dataclasses.replace(CALM, noise_m=3.0, seed=1))
    b = simulate(dataclasses.replace(CALM, noise_m=3.0, seed=2))
    apart_m = geo.haversine_m(a.points["lat"], a.points["lon"], b.points["lat"],
                              b.points["lon"])
    assert apart_m.max() > 1.0
    assert a.events == b.events


def test_points_follow_the_track_schema(calm):
    assert {c: str(calm.points[c].dtype) for c in TRACK_COLUMNS} == TRACK_COLUMNS
    assert calm.points["time"].diff().dropna().eq(pd.Timedelta(seconds=1)).all()


def test_events_come_in_the_order_the_patterns_ask(calm):
    kinds = [(e.kind, e.landing_kind) for e in calm.events]
    assert kinds == [
        ("off_block", None), ("takeoff", None), ("touchdown", "touch_and_go"),
        ("takeoff", None), ("touchdown", "stop_and_go"), ("takeoff", None),
        ("go_around", None), ("low_pass", None), ("touchdown", "full_stop"),
        ("on_block", None)]
    assert all(e.time.tzinfo is not None for e in calm.events)
    assert {e.airport for e in calm.events} == {"EGBW"}


def test_touchdowns_are_on_the_runway_at_touchdown_speed(calm):
    for e in calm.events_of("touchdown"):
        assert abs(height_at(calm, e.time)) < 0.5
        fix = nearest(calm, e.time)
        assert abs(fix["altitude_m"] - EGBW_36.elevation_m) < 1.5
        assert units.mps_to_kt(fix["speed_mps"]) == pytest.approx(
            TRAINER.touchdown_kt, abs=6)
        along = geo.haversine_m(EGBW_36.threshold_lat, EGBW_36.threshold_lon,
                                fix["lat"], fix["lon"])
        assert 50 < along < EGBW_36.length_m / 2


def test_takeoffs_leave_the_ground_at_rotate_speed(calm):
    for e in calm.events_of("takeoff"):
        before = height_at(calm, e.time - timedelta(seconds=2))
        after = height_at(calm, e.time + timedelta(seconds=20))
        assert before == pytest.approx(0.0, abs=0.01)
        assert after > 15.0
        fix = nearest(calm, e.time)
        assert units.mps_to_kt(fix["speed_mps"]) == pytest.approx(TRAINER.rotate_kt, abs=5)


def test_stop_and_go_stops_on_the_runway(calm):
    touchdown = calm.events_of("touchdown")[1]
    takeoff = next(e for e in calm.events_of("takeoff") if e.time > touchdown.time)
    p = calm.points
    roll = p[(p["time"] > touchdown.time) & (p["time"] < takeoff.time)]
    stopped = roll[roll["speed_mps"] == 0.0]
    assert len(stopped) >= 5
    x, y = geo.to_local_xy_m(stopped["lat"], stopped["lon"], EGBW_36.threshold_lat,
                             EGBW_36.threshold_lon)
    across = x * np.cos(np.radians(EGBW_36.heading_deg)) - y * np.sin(
        np.radians(EGBW_36.heading_deg))
    assert np.abs(across).max() < 5.0


def test_go_around_lowest_height_matches_the_track(calm):
    event = calm.events_of("go_around")[0]
    truth = calm.truth
    window = truth[(truth["time"] > event.time - timedelta(seconds=60))
                   & (truth["time"] < event.time + timedelta(seconds=60))]
    assert window["height_ft"].min() == pytest.approx(event.lowest_ft_agl, abs=5)
    assert event.lowest_ft_agl == pytest.approx(CALM.go_around_height_ft, abs=15)
    assert not window["on_ground"].any()


def test_low_pass_is_level_and_fast(calm):
    event = calm.events_of("low_pass")[0]
    assert event.lowest_ft_agl == pytest.approx(CALM.low_pass_height_ft, abs=10)
    fix = nearest(calm, event.time)
    assert units.mps_to_kt(fix["speed_mps"]) > TRAINER.approach_kt + 10


def test_final_ground_track_is_the_runway_despite_crosswind():
    sim = simulate(Scenario(runway=EGBW_23, direction="right", wind_from_deg=316.0,
                            wind_kt=15.0, patterns=("full_stop",)))
    touchdown = sim.events_of("touchdown")[0]
    p = sim.points
    short_final = p[(p["time"] > touchdown.time - timedelta(seconds=25))
                    & (p["time"] < touchdown.time - timedelta(seconds=3))]
    off = (short_final["course_deg"] - EGBW_23.heading_deg + 180) % 360 - 180
    assert off.abs().max() < 4.0
    # a 15 kt direct crosswind: ground speed on final is the approach airspeed
    assert units.mps_to_kt(short_final["speed_mps"].mean()) == pytest.approx(
        TRAINER.approach_kt, abs=4)


def test_headwind_slows_the_touchdown_ground_speed():
    sim = simulate(Scenario(runway=EGBW_23, wind_from_deg=226.0, wind_kt=15.0,
                            patterns=("full_stop",)))
    fix = nearest(sim, sim.events_of("touchdown")[0].time)
    assert units.mps_to_kt(fix["speed_mps"]) == pytest.approx(
        TRAINER.touchdown_kt - 15, abs=5)


def test_circuit_legs_are_in_order_and_circuits_on_the_chosen_side():
    sim = simulate(Scenario(runway=EGBW_23, direction="right"))
    legs = [leg.leg for leg in sim.circuits if leg.circuit == 0]
    assert legs == ["upwind", "crosswind", "downwind", "base", "final"]
    assert all(a.end <= b.start + timedelta(seconds=1e-3)
               for a, b in zip(sim.circuits, sim.circuits[1:], strict=False))
    downwind = sim.circuits[2]
    t = sim.truth
    mid = t[(t["time"] > downwind.start) & (t["time"] < downwind.end)]
    heading = np.radians(EGBW_23.heading_deg)
    across = mid["east_m"] * np.cos(heading) - mid["north_m"] * np.sin(heading)
    assert across.median() == pytest.approx(1500.0, abs=150)   # right of the runway


def test_fast_taxi_never_leaves_the_ground():
    sim = simulate(Scenario(runway=KGON_23, taxi_only=True, fast_taxi_kt=30.0))
    assert [e.kind for e in sim.events] == ["off_block", "on_block"]
    assert sim.truth["on_ground"].all()
    low, high = sorted((KGON_23.elevation_m, KGON_23.far_end_elevation_m))
    assert sim.points["altitude_m"].between(low, high).all()    # the runway's slope
    assert units.mps_to_kt(sim.points["speed_mps"].max()) == pytest.approx(30.0, abs=1)


@pytest.mark.parametrize("rate_hz", [0.5, 10.0])
def test_rates_change_the_fixes_not_the_events(calm, rate_hz):
    sim = simulate(dataclasses.replace(CALM, rate_hz=rate_hz))
    step = sim.points["time"].diff().dropna().unique()
    assert list(step) == [pd.Timedelta(seconds=1 / rate_hz)]
    assert sim.events == calm.events
    assert len(sim.points) == pytest.approx(len(calm.points) * rate_hz, abs=rate_hz)


def test_dropouts_remove_fixes():
    sim = simulate(dataclasses.replace(CALM, dropouts=((600.0, 30.0),)))
    start = CALM.start_utc
    gap = sim.points[(sim.points["time"] >= start + timedelta(seconds=600))
                     & (sim.points["time"] < start + timedelta(seconds=630))]
    assert gap.empty
    assert sim.points["time"].diff().max() == pd.Timedelta(seconds=31)


def test_trip_lands_at_the_destination():
    sim = simulate(Scenario(runway=EGBW_05, destination=EGBG_22,
                            patterns=("full_stop",), wind_kt=10.0, wind_from_deg=200.0))
    takeoff, touchdown = sim.events_of("takeoff")[0], sim.events_of("touchdown")[0]
    assert (takeoff.airport, touchdown.airport) == ("EGBW", "EGBG")
    last = sim.points.iloc[-1]
    assert geo.haversine_m(last["lat"], last["lon"], EGBG_22.threshold_lat,
                           EGBG_22.threshold_lon) < 1000
    low, high = sorted((EGBG_22.elevation_m, EGBG_22.far_end_elevation_m))
    assert low <= last["altitude_m"] <= high


def test_track_can_begin_and_end_in_the_air():
    scenario = Scenario(runway=KGON_23, begins_airborne=True, ends_airborne=True,
                        patterns=("touch_and_go", "go_around"))
    sim = simulate(scenario)
    assert [e.kind for e in sim.events] == ["touchdown", "takeoff", "go_around"]
    assert sim.truth["height_ft"].iloc[0] == pytest.approx(1000, abs=1)
    assert sim.truth["height_ft"].iloc[-1] > 400


def test_microlight_lifts_off_slower():
    sim = simulate(Scenario(runway=EGBW_05, aircraft=MICROLIGHT, patterns=("full_stop",)))
    fix = nearest(sim, sim.events_of("takeoff")[0].time)
    assert units.mps_to_kt(fix["speed_mps"]) == pytest.approx(MICROLIGHT.rotate_kt, abs=4)


def test_scenario_refuses_a_session_that_ends_in_the_air_on_the_ground():
    with pytest.raises(ValueError, match="full_stop"):
        Scenario(runway=EGBW_23, patterns=("touch_and_go",))
    with pytest.raises(ValueError, match="unknown pattern"):
        Scenario(runway=EGBW_23, patterns=("roll",))


def test_gt11_capture_has_the_sirf_message_set(calm):
    text = to_gt11_nmea(calm).decode("ascii")
    lines = text.split("\r\n")[:-1]
    kinds = [line[3:6] for line in lines]
    assert kinds.count("GGA") == kinds.count("RMC") == kinds.count("GSA") == len(calm.points)
    assert kinds.count("GSV") == 2 * sum(calm.points["time"].dt.second % 5 == 0)


def test_corrupt_lines_fail_their_checksum_and_nothing_else(calm):
    data = to_gt11_nmea(calm, corrupt_lines=9, partial_first_line=True, seed=3)
    lines = data.decode("ascii").split("\r\n")[:-1]
    bad = 0
    for line in lines:
        try:
            pynmea2.parse(line, check=True)
        except pynmea2.ParseError:
            bad += 1
    assert bad == 9 + 1                 # the nine damaged lines and the cut first one


def test_sample_files_are_what_the_samples_module_writes():
    for sample in SAMPLES:
        _, data = sample_bytes(sample)
        assert (ROOT / "data" / sample.file_name).read_bytes() == data


def test_december_sample_reads_back_with_its_lesson():
    data = (ROOT / "data" / DECEMBER_CIRCUITS.file_name).read_bytes()
    result = read_bytes(data, name=DECEMBER_CIRCUITS.file_name)
    sim, _ = sample_bytes(DECEMBER_CIRCUITS)
    assert result.format == "nmea"
    assert sum(result.bad_lines.values()) == DECEMBER_CIRCUITS.corrupt_lines + 1
    assert len(result.track) == pytest.approx(len(sim.points), abs=2)
    assert result.track.start == pd.Timestamp("2007-12-27 10:05", tz="UTC")
    events = {e.kind: e.time for e in sim.events}
    block_s = (events["on_block"] - sim.events[0].time).total_seconds()
    assert block_s == pytest.approx(45 * 60, abs=60)        # "P/UT Hours Today 0:45"
    assert [e.landing_kind for e in sim.events_of("touchdown")].count("touch_and_go") == 5


def test_gpx_reads_back_with_the_same_fixes(calm):
    result = read_bytes(to_gpx(calm), name="calm.gpx")
    assert len(result.track) == len(calm.points)
    assert np.allclose(result.track.points["lat"], calm.points["lat"], atol=1e-6)


def test_accuracy_harness_scores_the_truth_at_one_hundred_percent():
    bench = load_bench()
    score = bench.Score()
    for case in load_bench().load_cases()[:3]:
        sim = simulate(case.scenario)
        bench.score_session(score, sim, bench.flights_from_truth(sim))
    sim = simulate(CALM)
    bench.score_session(score, sim, bench.flights_from_truth(sim))
    result = bench.score_dict(score)
    for row, r in result["events"].items():
        if r["truth"]:
            assert (r["precision"], r["recall"], r["max_error_s"]) == (1.0, 1.0, 0.0), row
    assert result["flights"]["recall"] == result["flights"]["precision"] == 1.0
    assert "| takeoff |" in bench.render_markdown(result)


def test_accuracy_harness_counts_misses_and_wrong_kinds():
    bench = load_bench()
    sim = simulate(CALM)
    flights = bench.flights_from_truth(sim)
    landings = list(flights[0].landings)
    landings[0].kind = "full_stop"          # touch-and-go reported as a full stop
    flights[0].landings = tuple(landings)
    flights[0].go_arounds = ()              # go-around missed
    score = bench.Score()
    bench.score_session(score, sim, flights)
    rows = bench.score_dict(score)["events"]
    assert rows["go_around"]["recall"] == 0.0
    assert rows["touchdown"]["recall"] == 1.0
    assert rows["touchdown:touch_and_go"]["recall"] == 0.0
    assert rows["touchdown:full_stop"]["precision"] == 0.5


def test_data_readme_lists_the_samples_truth():
    from logbook.simulate.samples import truth_markdown

    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for sample in SAMPLES:
        sim, _ = sample_bytes(sample)
        assert sample.file_name in readme
        assert truth_markdown(sim) in readme
