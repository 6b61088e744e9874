"""Day or night at a place and moment, by the rule the pilot chose (astral).

- ``easa`` (FCL.010): night is from the end of evening civil twilight to the
  beginning of morning civil twilight (the sun's centre 6 degrees below the horizon).
- ``uk``: 30 minutes after sunset to 30 minutes before sunrise (the UK Rules of
  the Air's older definition).
- ``faa``: night *time* as EASA (14 CFR 1.1), but a night *takeoff or landing* for
  the 61.57 passenger currency is one from 1 h after sunset to 1 h before sunrise.
"""

from datetime import UTC, date, datetime, timedelta

import astral
import astral.sun

# the sun's elevation below which civil twilight has ended (FCL.010), degrees
CIVIL_TWILIGHT_DEG = -6.0
# the sun's apparent elevation at sunrise and sunset (refraction and half-disc), degrees
SUNRISE_DEG = -0.833
# offsets from sunset and sunrise: UK night, and FAA night takeoffs and landings
UK_OFFSET = timedelta(minutes=30)
FAA_LANDING_OFFSET = timedelta(hours=1)
# sample step when measuring the night part of a flight
NIGHT_STEP = timedelta(minutes=1)


def _elevation_deg(moment: datetime, lat: float, lon: float) -> float:
    return float(astral.sun.elevation(astral.Observer(lat, lon), moment))


def _outside_sun_window(moment: datetime, lat: float, lon: float,
                        offset: timedelta) -> bool:
    """True outside [sunrise - offset, sunset + offset] of every nearby day."""
    observer = astral.Observer(lat, lon)
    day = moment.astimezone(UTC).date()
    for shift in (-1, 0, 1):
        when = day + timedelta(days=shift)
        try:
            rise = astral.sun.sunrise(observer, when)
            set_ = astral.sun.sunset(observer, when)
        except ValueError:  # polar day or night: no sunrise or no sunset that day
            return _elevation_deg(moment, lat, lon) < SUNRISE_DEG
        if set_ < rise:  # sunset falls on the next UTC date: take that evening
            set_ = astral.sun.sunset(observer, when + timedelta(days=1))
        if rise - offset <= moment <= set_ + offset:
            return False
    return True


def is_night(moment: datetime, lat: float, lon: float, rule: str = "easa") -> bool:
    """Whether a moment counts as night time under a rule (time, not landings)."""
    if rule == "uk":
        return _outside_sun_window(moment, lat, lon, UK_OFFSET)
    return _elevation_deg(moment, lat, lon) < CIVIL_TWILIGHT_DEG


def is_night_landing(moment: datetime, lat: float, lon: float,
                     rule: str = "easa") -> bool:
    """Whether a takeoff or landing at this moment is logged as a night one."""
    if rule == "faa":
        return _outside_sun_window(moment, lat, lon, FAA_LANDING_OFFSET)
    return is_night(moment, lat, lon, rule)


def night_minutes(start: datetime, end: datetime, start_pos: tuple[float, float],
                  end_pos: tuple[float, float], rule: str = "easa") -> int:
    """Whole minutes of night between two moments, the position moving in a
    straight line from start_pos to end_pos (a circuit session stays put)."""
    total_s = (end - start).total_seconds()
    if total_s <= 0:
        return 0
    steps = max(1, round(total_s / NIGHT_STEP.total_seconds()))
    night = 0
    for i in range(steps):
        share = (i + 0.5) / steps
        lat = start_pos[0] + share * (end_pos[0] - start_pos[0])
        lon = start_pos[1] + share * (end_pos[1] - start_pos[1])
        if is_night(start + share * (end - start), lat, lon, rule):
            night += 1
    return round(night * total_s / 60.0 / steps)


def civil_dusk_utc(day: date, lat: float, lon: float) -> datetime:
    """The end of evening civil twilight on a UTC date (for messages and tests)."""
    return astral.sun.dusk(astral.Observer(lat, lon), day)
