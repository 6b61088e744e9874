import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from logbook import geo


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), radius_m=st.sampled_from([50.0, 500.0, 2500.0]))
def test_nearest_within_agrees_with_brute_force(seed, radius_m):
    rng = np.random.default_rng(seed)
    lat0, lon0 = rng.uniform(-70, 70), rng.uniform(-179, 179)
    spread = radius_m * 4 / 111_000
    lat = lat0 + rng.uniform(-spread, spread, 300)
    lon = lon0 + rng.uniform(-spread, spread, 300)
    site_lat = lat0 + rng.uniform(-spread, spread, 25)
    site_lon = lon0 + rng.uniform(-spread, spread, 25)
    index, distance_m = geo.nearest_within(lat, lon, site_lat, site_lon, radius_m)
    every = geo.haversine_m(lat[:, None], lon[:, None], site_lat[None, :],
                            site_lon[None, :])
    nearest = every.argmin(axis=1)
    within = every.min(axis=1) <= radius_m
    assert np.array_equal(index >= 0, within)
    assert np.array_equal(index[within], nearest[within])
    assert np.allclose(distance_m[within], every.min(axis=1)[within])


def test_haversine_is_symmetric_and_zero_on_equal_points():
    a = geo.haversine_m(52.19, -1.61, 51.5, 0.1)
    b = geo.haversine_m(51.5, 0.1, 52.19, -1.61)
    assert a == b and a > 100_000
    assert geo.haversine_m(52.19, -1.61, 52.19, -1.61) == 0.0


def test_destination_and_bearing_round_trip():
    lat, lon = geo.destination(52.19, -1.61, 226.0, 1000.0)
    assert abs(geo.haversine_m(52.19, -1.61, lat, lon) - 1000.0) < 1e-6
    assert abs(geo.bearing_deg(52.19, -1.61, lat, lon) - 226.0) < 0.01
