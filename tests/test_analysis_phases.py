"""The ground/air state model and the arrays it reads."""

import numpy as np
import pandas as pd

from logbook.analysis.phases import (
    derived_motion,
    runs,
    stopped_runs,
    to_samples,
    viterbi_two_state,
)


def test_viterbi_ignores_a_short_burst_of_contrary_evidence():
    evidence = np.array([-3.0] * 10 + [2.0] * 2 + [-3.0] * 10)
    assert not viterbi_two_state(evidence, 5.0).any()


def test_viterbi_switches_on_sustained_evidence():
    evidence = np.array([-3.0] * 10 + [3.0] * 10 + [-3.0] * 10)
    state = viterbi_two_state(evidence, 5.0)
    assert runs(state) == [(10, 19)]


def test_runs_finds_each_stretch_of_true():
    mask = np.array([True, True, False, True, False, False, True])
    assert runs(mask) == [(0, 1), (3, 3), (6, 6)]


def test_speed_and_course_come_from_positions():
    t_s = np.arange(0.0, 20.0)
    x_m = 10.0 * t_s          # 10 m/s due east
    y_m = np.zeros_like(t_s)
    speed, course = derived_motion(t_s, x_m, y_m)
    assert np.allclose(speed, 10.0)
    assert np.allclose(course, 90.0)


def _points(speed_mps: np.ndarray) -> pd.DataFrame:
    n = len(speed_mps)
    return pd.DataFrame({
        "time": pd.date_range("2024-05-01 10:00", periods=n, freq="1s", tz="UTC"),
        "lat": np.full(n, 52.0), "lon": np.full(n, -1.0),
        "altitude_m": np.full(n, 100.0), "speed_mps": speed_mps,
        "course_deg": np.full(n, np.nan),
    })


def test_missing_speed_is_derived_but_given_speed_is_kept():
    frame = _points(np.array([5.0] * 10 + [np.nan] * 10))
    frame["lon"] = -1.0 + np.arange(20) * 1e-4
    samples = to_samples(frame)
    assert np.all(np.isfinite(samples.speed_mps))
    assert samples.speed_mps[3] == 5.0
    assert 6.0 < samples.speed_mps[15] < 7.5   # 1e-4 degrees of longitude per second


def test_a_stop_needs_its_minimum_duration():
    samples = to_samples(_points(np.array([10.0] * 5 + [0.0] * 2 + [10.0] * 5
                                          + [0.0] * 6 + [10.0] * 5)))
    assert stopped_runs(samples, 0, len(samples) - 1, min_s=4.0) == [(12, 17)]
