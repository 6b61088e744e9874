"""`simulate(scenario)`: fly the session, sample it like the receiver, add errors."""

from datetime import timedelta

import numpy as np
import pandas as pd

from logbook import units
from logbook.simulate.circuit import fly_session
from logbook.simulate.noise import local_to_latlon, receiver_points
from logbook.simulate.scenario import Scenario, Simulation, TruthEvent, TruthLeg
from logbook.simulate.session import Flown
from logbook.track import to_points

STATE_COLUMNS = ("t_s", "east_m", "north_m", "altitude_m", "east_mps", "north_mps",
                 "vertical_mps", "height_m", "on_ground")


def simulate(scenario: Scenario) -> Simulation:
    """Simulate a session: the GPS fixes it records and what really happened.

    >>> from logbook.simulate.presets import EGBW_23
    >>> sim = simulate(Scenario(runway=EGBW_23, patterns=("full_stop",)))
    >>> [e.kind for e in sim.events]
    ['off_block', 'takeoff', 'touchdown', 'on_block']
    """
    flown = fly_session(scenario)
    truth = _sample(flown, scenario)
    rng = np.random.default_rng(scenario.seed)
    spec = scenario.runway
    points = receiver_points(truth, lat0=spec.threshold_lat, lon0=spec.threshold_lon,
                             rate_hz=scenario.rate_hz, noise_m=scenario.noise_m,
                             altitude_bias_m=scenario.altitude_bias_m, rng=rng)
    keep = ~_in_dropouts(truth["t_s"].to_numpy(), scenario.dropouts)
    points = to_points(points[keep].reset_index(drop=True))
    truth = truth[keep].reset_index(drop=True)
    return Simulation(points=points, events=_events(flown, scenario),
                      circuits=_legs(flown, scenario), truth=truth, scenario=scenario)


def _sample(flown: Flown, scenario: Scenario) -> pd.DataFrame:
    """The exact states at the receiver's fix times (whole multiples of its period)."""
    states = np.array([[getattr(s, c) for c in STATE_COLUMNS] for s in flown.samples],
                      dtype=float)
    t = states[:, 0]
    fix_s = np.arange(0.0, t[-1] + 1e-9, 1.0 / scenario.rate_hz)
    columns = {c: np.interp(fix_s, t, states[:, i])
               for i, c in enumerate(STATE_COLUMNS)}
    columns["t_s"] = fix_s
    frame = pd.DataFrame(columns)
    frame["on_ground"] = frame["on_ground"] > 0.5
    frame["speed_mps"] = np.hypot(frame["east_mps"], frame["north_mps"])
    frame["time"] = (pd.Timestamp(scenario.start_utc).tz_convert("UTC")
                     + pd.to_timedelta(np.round(fix_s * 1000).astype("int64"), unit="ms"))
    spec = scenario.runway
    lat, lon = local_to_latlon(frame["east_m"].to_numpy(), frame["north_m"].to_numpy(),
                               spec.threshold_lat, spec.threshold_lon)
    frame["lat"], frame["lon"] = lat, lon
    frame["height_ft"] = units.m_to_ft(frame["height_m"].to_numpy())
    return frame


def _in_dropouts(t_s: np.ndarray, dropouts: tuple[tuple[float, float], ...]) -> np.ndarray:
    out = np.zeros(len(t_s), dtype=bool)
    for start_s, duration_s in dropouts:
        out |= (t_s >= start_s) & (t_s < start_s + duration_s)
    return out


def _events(flown: Flown, scenario: Scenario) -> tuple[TruthEvent, ...]:
    start = scenario.start_utc
    out = [TruthEvent(kind=e.kind, time=start + timedelta(seconds=e.t_s),
                      airport=e.airport, runway=e.runway, landing_kind=e.landing_kind,
                      lowest_ft_agl=e.lowest_ft_agl)
           for e in flown.events]
    return tuple(sorted(out, key=lambda e: e.time))


def _legs(flown: Flown, scenario: Scenario) -> tuple[TruthLeg, ...]:
    start = scenario.start_utc
    out = []
    for i, leg in enumerate(flown.legs):
        later = flown.legs[i + 1].t_s if i + 1 < len(flown.legs) else None
        end_s = later
        if later is None or leg.leg == "final":
            end_s = _final_end_s(flown, leg.t_s, later)
        out.append(TruthLeg(
            circuit=leg.circuit, leg=leg.leg, start=start + timedelta(seconds=leg.t_s),
            end=start + timedelta(seconds=end_s or leg.t_s), airport=leg.airport,
            runway=leg.runway))
    return tuple(out)


def _final_end_s(flown: Flown, start_s: float, next_s: float | None) -> float:
    """A final ends at its touchdown, go-around or low pass (else at the next leg)."""
    for e in flown.events:
        if e.kind in ("touchdown", "go_around", "low_pass") and e.t_s >= start_s:
            return e.t_s
    return next_s if next_s is not None else flown.samples[-1].t_s
