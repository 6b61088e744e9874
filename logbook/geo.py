"""Vectorised geodesy on a spherical Earth: enough for a logbook (0.3 % at worst).

>>> round(float(haversine_m(51.0, 0.0, 52.0, 0.0)))
111195
>>> float(haversine_m(52.2, -1.6, 52.2, -1.6))
0.0
"""

import numpy as np
import numpy.typing as npt

# mean Earth radius (IUGG), metres
EARTH_RADIUS_M = 6_371_008.8

ArrayLike = npt.ArrayLike
FloatArray = npt.NDArray[np.float64]


def haversine_m(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> FloatArray:
    """Great-circle distance in metres between points given in degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1))))


def bearing_deg(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> FloatArray:
    """Initial true bearing in degrees [0, 360) from point 1 to point 2.

    >>> round(float(bearing_deg(52.0, 0.0, 53.0, 0.0)), 6)
    0.0
    >>> round(float(bearing_deg(0.0, 0.0, 0.0, 1.0)), 6)
    90.0
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    y = np.sin(dlmb) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dlmb)
    return np.asarray(np.degrees(np.arctan2(y, x)) % 360.0)


def destination(
    lat: ArrayLike, lon: ArrayLike, bearing: ArrayLike, distance_m: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """The point reached from (lat, lon) after distance_m along a true bearing (deg).

    >>> lat, lon = destination(52.0, -1.0, 90.0, 0.0)
    >>> round(float(lat), 9), round(float(lon), 9)
    (52.0, -1.0)
    """
    p1, l1 = np.radians(lat), np.radians(lon)
    theta = np.radians(bearing)
    delta = np.asarray(distance_m, dtype=float) / EARTH_RADIUS_M
    p2 = np.arcsin(
        np.sin(p1) * np.cos(delta) + np.cos(p1) * np.sin(delta) * np.cos(theta)
    )
    l2 = l1 + np.arctan2(
        np.sin(theta) * np.sin(delta) * np.cos(p1),
        np.cos(delta) - np.sin(p1) * np.sin(p2),
    )
    return np.asarray(np.degrees(p2)), np.asarray((np.degrees(l2) + 540.0) % 360.0 - 180.0)


def to_local_xy_m(
    lat: ArrayLike, lon: ArrayLike, lat0: float, lon0: float
) -> tuple[FloatArray, FloatArray]:
    """East and north offsets in metres from (lat0, lon0): a local equirectangular
    projection, true to well under 0.1 % within 20 km of the origin.

    >>> x, y = to_local_xy_m(52.0, 0.01, 52.0, 0.0)
    >>> round(float(x), 1), round(float(y), 1)
    (684.6, 0.0)
    """
    k = np.radians(1.0) * EARTH_RADIUS_M
    x = (np.asarray(lon, dtype=float) - lon0) * k * np.cos(np.radians(lat0))
    y = (np.asarray(lat, dtype=float) - lat0) * k
    return np.asarray(x), np.asarray(y)


# a grid cell is this much wider than the search radius, so that the cell of a point
# and its eight neighbours hold everything within the radius
_CELL_MARGIN = 1.5
_METRES_PER_DEGREE = np.radians(1.0) * EARTH_RADIUS_M


def nearest_within(lat: ArrayLike, lon: ArrayLike, site_lat: ArrayLike,
                   site_lon: ArrayLike, radius_m: float
                   ) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """For each point, the index of the nearest site within radius_m (-1 if none)
    and its distance in metres (inf if none). Grid-hashed, so the work grows with
    the number of close pairs, not with points times sites. Sites across the 180°
    meridian from a point are not seen.

    >>> index, distance_m = nearest_within([52.0, 10.0], [-1.0, 10.0],
    ...                                    [52.0, 52.001], [-1.0, -1.0], 500.0)
    >>> index.tolist(), distance_m.round().tolist()
    ([0, -1], [0.0, inf])
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    slat, slon = np.asarray(site_lat, dtype=float), np.asarray(site_lon, dtype=float)
    best = np.full(len(lat), -1, dtype=np.intp)
    best_m = np.full(len(lat), np.inf)
    if not len(lat) or not len(slat):
        return best, best_m
    cell_deg = radius_m * _CELL_MARGIN / _METRES_PER_DEGREE
    # longitude cells sized for the highest latitude present, where a degree of
    # longitude is shortest: everywhere else they are only wider than needed
    top_lat = max(np.abs(lat).max(), np.abs(slat).max())
    lon_cell_deg = cell_deg / max(np.cos(np.radians(top_lat)), 0.01)

    def cells(la: FloatArray, lo: FloatArray) -> tuple[npt.NDArray[np.int64], ...]:
        i = np.floor(la / cell_deg).astype(np.int64)
        j = np.floor(lo / lon_cell_deg).astype(np.int64)
        return i, j

    si, sj = cells(slat, slon)
    width = int(max(np.abs(sj).max(), 1)) * 2 + 8
    site_keys = si * width + sj
    order = np.argsort(site_keys, kind="stable")
    sorted_keys = site_keys[order]
    pi, pj = cells(lat, lon)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            keys = (pi + di) * width + (pj + dj)
            lo = np.searchsorted(sorted_keys, keys, side="left")
            counts = np.searchsorted(sorted_keys, keys, side="right") - lo
            total = int(counts.sum())
            if not total:
                continue
            rows = np.repeat(np.arange(len(lat)), counts)
            offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            candidates = order[np.repeat(lo, counts) + offsets]
            distance = haversine_m(lat[rows], lon[rows], slat[candidates],
                                   slon[candidates])
            np.minimum.at(best_m, rows, distance)
            hit = (distance == best_m[rows]) & (distance <= radius_m)
            best[rows[hit]] = candidates[hit]
    best_m[best < 0] = np.inf
    return best, best_m
