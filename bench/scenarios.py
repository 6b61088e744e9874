"""The accuracy benchmark's scenario set: real runways, winds up to 25 kt across,
both circuit directions, trainers and microlights, 0.5 to 10 Hz, noise, dropouts,
corrupt lines, taxi-only sessions, trips, tracks that begin or end in the air or
begin during the take-off roll, stop-and-goes at a microlight strip, go-arounds at
0.5 Hz and a 30 s dropout over a touch-and-go."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from logbook.simulate import (
    EGBG_22,
    EGBW_05,
    EGBW_18,
    EGBW_23,
    EGBW_36,
    EGCB_26R,
    EGKB_21,
    EGTC_21,
    KGON_05,
    KGON_23,
    KLXV_34,
    MICROLIGHT,
    Scenario,
    simulate,
)
from logbook.simulate.samples import DECEMBER_CIRCUITS, NOVEMBER_CIRCUITS


@dataclass(frozen=True)
class Case:
    """One benchmark scenario and how its NMEA capture is damaged."""

    name: str
    scenario: Scenario
    corrupt_lines: int = 0
    partial_first_line: bool = False


def _start(day: int, hour: int) -> datetime:
    return datetime(2024, 5, day, hour, 0, tzinfo=UTC)


def _starts_in_takeoff_roll(scenario: Scenario, before_liftoff_s: float) -> Scenario:
    """The scenario recorded from `before_liftoff_s` before its first lift-off (the
    receiver got its fix during the take-off roll)."""
    sim = simulate(replace(scenario, noise_m=0.0))
    takeoff = next(e for e in sim.events if e.kind == "takeoff")
    at_s = (takeoff.time - scenario.start_utc).total_seconds()
    return replace(scenario, dropouts=((0.0, at_s - before_liftoff_s),))


def _dropout_over_touchdown(scenario: Scenario, index: int, duration_s: float) -> Scenario:
    """The scenario with a dropout centred on its `index`-th touchdown."""
    sim = simulate(replace(scenario, noise_m=0.0))
    touchdown = [e for e in sim.events if e.kind == "touchdown"][index]
    at_s = (touchdown.time - scenario.start_utc).total_seconds()
    return replace(scenario, dropouts=((at_s - duration_s / 2, duration_s),))


_TRAINER_T_AND_G = ("touch_and_go", "touch_and_go", "touch_and_go", "full_stop")

CASES: tuple[Case, ...] = (
    Case("sample-egbw23-rh-crosswind", DECEMBER_CIRCUITS.scenario, corrupt_lines=6,
         partial_first_line=True),
    Case("sample-egbw36-lh", NOVEMBER_CIRCUITS.scenario),
    Case("egbw18-rh-25kt-across", Scenario(
        runway=EGBW_18, direction="right", wind_from_deg=270.0, wind_kt=25.0,
        patterns=_TRAINER_T_AND_G, noise_m=4.0, altitude_bias_m=-20.0,
        start_utc=_start(1, 9), seed=1)),
    Case("kgon23-lh-10hz-wide", Scenario(
        runway=KGON_23, direction="left", downwind_offset_m=2200.0,
        patterns=("touch_and_go", "stop_and_go", "touch_and_go", "full_stop"),
        wind_from_deg=180.0, wind_kt=12.0, rate_hz=10.0, noise_m=2.0,
        start_utc=_start(2, 13), seed=2)),
    Case("kgon05-rh-half-hz", Scenario(
        runway=KGON_05, direction="right", downwind_offset_m=1200.0,
        patterns=_TRAINER_T_AND_G, wind_from_deg=20.0, wind_kt=8.0, rate_hz=0.5,
        noise_m=5.0, altitude_bias_m=15.0, start_utc=_start(3, 15), seed=3)),
    Case("egcb26r-microlight-grass", Scenario(
        runway=EGCB_26R, direction="left", aircraft=MICROLIGHT,
        downwind_offset_m=800.0, pattern_height_ft=800.0,
        patterns=("touch_and_go", "go_around", "stop_and_go", "full_stop"),
        wind_from_deg=230.0, wind_kt=14.0, noise_m=3.0, start_utc=_start(4, 10),
        seed=4)),
    Case("egkb21-go-around-low-pass", Scenario(
        runway=EGKB_21, direction="right",
        patterns=("touch_and_go", "go_around", "low_pass", "touch_and_go",
                  "full_stop"),
        wind_from_deg=240.0, wind_kt=15.0, noise_m=3.0, altitude_bias_m=35.0,
        start_utc=_start(5, 11), seed=5)),
    Case("klxv34-high-elevation", Scenario(
        runway=KLXV_34, direction="left", patterns=_TRAINER_T_AND_G,
        wind_from_deg=300.0, wind_kt=15.0, noise_m=3.0, altitude_bias_m=40.0,
        start_utc=_start(6, 16), seed=6)),
    Case("egbw36-dropout-over-touchdown", _dropout_over_touchdown(Scenario(
        runway=EGBW_36, direction="left", patterns=_TRAINER_T_AND_G,
        wind_from_deg=10.0, wind_kt=6.0, noise_m=3.0, start_utc=_start(7, 9),
        seed=7), index=1, duration_s=20.0)),
    Case("egbw23-dropouts-and-corruption", Scenario(
        runway=EGBW_23, direction="right", patterns=_TRAINER_T_AND_G,
        wind_from_deg=250.0, wind_kt=10.0, noise_m=3.0, start_utc=_start(8, 14),
        dropouts=((900.0, 45.0), (1500.0, 12.0)), seed=8), corrupt_lines=60,
        partial_first_line=True),
    Case("egbw05-microlight-10hz", Scenario(
        runway=EGBW_05, direction="left", aircraft=MICROLIGHT,
        downwind_offset_m=900.0, pattern_height_ft=800.0,
        patterns=("stop_and_go", "touch_and_go", "full_stop"), wind_from_deg=60.0,
        wind_kt=10.0, rate_hz=10.0, noise_m=2.0, start_utc=_start(9, 10), seed=9)),
    Case("kgon23-taxi-only-fast", Scenario(
        runway=KGON_23, taxi_only=True, fast_taxi_kt=30.0, noise_m=3.0,
        start_utc=_start(10, 8), seed=10)),
    Case("egbw23-taxi-only", Scenario(
        runway=EGBW_23, taxi_only=True, noise_m=3.0, start_utc=_start(11, 8),
        seed=11)),
    Case("trip-egbw05-egbg22", Scenario(
        runway=EGBW_05, destination=EGBG_22, direction="left",
        patterns=("touch_and_go", "full_stop"), wind_from_deg=200.0, wind_kt=12.0,
        noise_m=3.0, start_utc=_start(12, 10), seed=12)),
    Case("trip-egbw18-egtc21-2hz", Scenario(
        runway=EGBW_18, destination=EGTC_21, direction="right",
        patterns=("full_stop",), wind_from_deg=220.0, wind_kt=18.0, rate_hz=2.0,
        noise_m=3.0, start_utc=_start(13, 12), seed=13)),
    Case("kgon23-airborne-start-and-end", Scenario(
        runway=KGON_23, direction="left", begins_airborne=True, ends_airborne=True,
        patterns=("touch_and_go", "go_around", "touch_and_go"), noise_m=3.0,
        start_utc=_start(14, 17), seed=14)),
    Case("egcb26r-microlight-stop-and-goes", Scenario(
        runway=EGCB_26R, direction="right", aircraft=MICROLIGHT,
        downwind_offset_m=700.0, pattern_height_ft=700.0,
        patterns=("stop_and_go", "stop_and_go", "full_stop"), wind_from_deg=280.0,
        wind_kt=8.0, noise_m=3.0, altitude_bias_m=-15.0, start_utc=_start(15, 10),
        seed=15)),
    Case("kgon23-go-around-half-hz", Scenario(
        runway=KGON_23, direction="left",
        patterns=("go_around", "touch_and_go", "go_around", "full_stop"),
        wind_from_deg=200.0, wind_kt=10.0, rate_hz=0.5, noise_m=4.0,
        altitude_bias_m=20.0, start_utc=_start(16, 14), seed=16)),
    Case("egbw18-rh-25kt-across-10hz", Scenario(
        runway=EGBW_18, direction="right", wind_from_deg=90.0, wind_kt=25.0,
        patterns=_TRAINER_T_AND_G, rate_hz=10.0, noise_m=3.0, altitude_bias_m=10.0,
        start_utc=_start(17, 9), seed=17)),
    Case("kgon05-dropout-30s-over-touch-and-go", _dropout_over_touchdown(Scenario(
        runway=KGON_05, direction="right", patterns=_TRAINER_T_AND_G,
        wind_from_deg=40.0, wind_kt=8.0, noise_m=3.0, start_utc=_start(18, 11),
        seed=18), index=1, duration_s=30.0)),
    Case("egbw23-starts-in-takeoff-roll", _starts_in_takeoff_roll(Scenario(
        runway=EGBW_23, direction="left", patterns=("touch_and_go", "full_stop"),
        wind_from_deg=220.0, wind_kt=10.0, noise_m=3.0, start_utc=_start(19, 12),
        seed=19), before_liftoff_s=12.0)),
)
