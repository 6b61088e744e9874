"""Unit conversions: the only place where conversion factors live.

>>> round(kt_to_mps(100.0), 3)
51.444
>>> round(mps_to_kt(kt_to_mps(65.0)), 9)
65.0
>>> m_to_ft(304.8)
1000.0
"""

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np

# exact, by definition of the international nautical mile and foot
METRES_PER_NM = 1852.0
METRES_PER_FT = 0.3048
SECONDS_PER_HOUR = 3600.0
MPS_PER_KT = METRES_PER_NM / SECONDS_PER_HOUR
MPS_PER_KMH = 1000.0 / SECONDS_PER_HOUR

# numpy is not imported at run time: these work on floats, arrays and Series alike
Number = TypeVar("Number", float, "np.ndarray")


def kt_to_mps(speed_kt: Number) -> Number:
    """Knots to metres per second.

    >>> kt_to_mps(1.0)
    0.5144444444444445
    """
    return speed_kt * MPS_PER_KT


def mps_to_kt(speed_mps: Number) -> Number:
    """Metres per second to knots.

    >>> round(mps_to_kt(10.0), 4)
    19.4384
    """
    return speed_mps / MPS_PER_KT


def kmh_to_mps(speed_kmh: Number) -> Number:
    """Kilometres per hour to metres per second.

    >>> kmh_to_mps(36.0)
    10.0
    """
    return speed_kmh * MPS_PER_KMH


def m_to_ft(length_m: Number) -> Number:
    """Metres to feet.

    >>> round(m_to_ft(1.0), 5)
    3.28084
    """
    return length_m / METRES_PER_FT


def ft_to_m(length_ft: Number) -> Number:
    """Feet to metres.

    >>> ft_to_m(1000.0)
    304.8
    """
    return length_ft * METRES_PER_FT


def fpm_to_mps(rate_fpm: Number) -> Number:
    """Feet per minute (vertical speed) to metres per second.

    >>> fpm_to_mps(1000.0)
    5.08
    """
    return rate_fpm * METRES_PER_FT / 60.0


def mph_to_mps(speed_mph: Number) -> Number:
    """Statute miles per hour to metres per second.

    >>> round(mph_to_mps(100.0), 4)
    44.704
    """
    return speed_mph * METRES_PER_FT * 5280.0 / SECONDS_PER_HOUR


def nm_to_m(distance_nm: Number) -> Number:
    """Nautical miles to metres.

    >>> nm_to_m(150.0)
    277800.0
    """
    return distance_nm * METRES_PER_NM


def m_to_nm(distance_m: Number) -> Number:
    """Metres to nautical miles.

    >>> m_to_nm(1852.0)
    1.0
    """
    return distance_m / METRES_PER_NM


def hhmm(minutes: float | None) -> str:
    """Minutes as H:MM, the way logbooks write time; "-" when unknown.

    >>> hhmm(45), hhmm(695), hhmm(-30), hhmm(None), hhmm(float("nan"))
    ('0:45', '11:35', '-0:30', '-', '-')
    """
    if minutes is None or minutes != minutes:
        return "-"
    whole = round(minutes)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 60}:{abs(whole) % 60:02d}"
