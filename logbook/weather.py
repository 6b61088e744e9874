"""METARs and runway wind components: was the day's wind beyond the pilot?

A METAR is decoded with the ``metar`` package and kept raw beside what was
decoded; one that will not decode is kept raw with a warning, never dropped.
METAR winds are true, so components use the runway ends' true headings.

Signs: ``headwind_kt`` is negative for a tailwind, ``crosswind_kt`` positive for a
wind from the right of the landing direction.

>>> [round(x, 1) for x in wind_components_kt(270.0, 20.0, 226.0)]
[14.4, 13.9]
"""

import math
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from logbook.airports import Airport

# METAR cloud covers that count for the cloud base: scattered or more (FEW does not
# stop a circuit; VV is an obscured sky, the worst case)
BASE_COVERS = ("SCT", "BKN", "OVC", "VV")
# CAVOK: visibility 10 km or more and no cloud below 5000 ft (ICAO Annex 3)
CAVOK_BASE_FT = 5000.0

Status = Literal["within limits", "beyond limits", "unknown"]


@dataclass(frozen=True)
class Observation:
    """A METAR as decoded; NaN where it says nothing, raw text always kept."""

    raw: str
    station: str | None = None
    time_utc: datetime | None = None
    wind_dir_deg: float = math.nan  # true; NaN when variable or missing
    wind_speed_kt: float = math.nan
    wind_gust_kt: float = math.nan
    wind_variable: bool = False  # VRB: no direction to resolve
    wind_from_deg: float = math.nan  # dddVddd: the direction varies between these
    wind_to_deg: float = math.nan
    visibility_m: float = math.nan
    clouds: tuple[tuple[str, float], ...] = ()  # (cover, base_ft) lowest first
    cavok: bool = False
    weather: tuple[str, ...] = ()  # present weather groups, "-RA", "FG"
    temperature_c: float = math.nan
    dewpoint_c: float = math.nan
    qnh_hpa: float = math.nan
    warnings: tuple[str, ...] = ()

    @property
    def decoded(self) -> bool:
        return self.station is not None

    @property
    def calm(self) -> bool:
        return self.wind_speed_kt == 0.0

    @property
    def cloud_base_ft(self) -> float:
        """Base of the lowest layer of SCT or more; NaN when none is reported."""
        bases = [base for cover, base in self.clouds if cover in BASE_COVERS]
        if bases:
            return min(bases)
        return CAVOK_BASE_FT if self.cavok else math.nan

    def to_json(self) -> dict[str, Any]:
        return {
            "raw": self.raw, "decoded": self.decoded, "station": self.station,
            "time_utc": None if self.time_utc is None
            else self.time_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "wind_dir_deg": _num(self.wind_dir_deg),
            "wind_speed_kt": _num(self.wind_speed_kt),
            "wind_gust_kt": _num(self.wind_gust_kt),
            "wind_variable": self.wind_variable,
            "wind_from_deg": _num(self.wind_from_deg),
            "wind_to_deg": _num(self.wind_to_deg),
            "visibility_m": _num(self.visibility_m),
            "clouds": [{"cover": c, "base_ft": _num(b)} for c, b in self.clouds],
            "cloud_base_ft": _num(self.cloud_base_ft), "cavok": self.cavok,
            "weather": list(self.weather),
            "temperature_c": _num(self.temperature_c),
            "dewpoint_c": _num(self.dewpoint_c), "qnh_hpa": _num(self.qnh_hpa),
            "warnings": list(self.warnings),
        }


def _num(value: float) -> float | None:
    # + 0.0 turns a rounded -0.0 into 0.0
    return None if value is None or math.isnan(value) else round(float(value), 1) + 0.0


def _value(quantity: Any, unit: str | None = None) -> float:
    if quantity is None:
        return math.nan
    return float(quantity.value() if unit is None else quantity.value(unit))


def decode_metar(text: str, *, month: int | None = None,
                 year: int | None = None) -> Observation:
    """Decode a METAR observed in this month and year (a METAR gives only the day;
    None: the ``metar`` package's guess from today's date).

    Never raises for bad text: what will not decode is kept raw with a warning.
    """
    from metar.Metar import Metar, ParserError

    raw = " ".join(text.split())
    notes: tuple[str, ...] = ()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # unparsed groups, noted below
        try:
            report = Metar(raw, month=month, year=year, strict=True)
        except ParserError as strict_error:
            notes = (f"METAR partly decoded: {strict_error}",)
            try:
                report = Metar(raw, month=month, year=year, strict=False)
            except (ParserError, ValueError) as e:
                return Observation(raw=raw, warnings=(f"METAR not decoded, kept raw: {e}",))
        except ValueError as e:
            return Observation(raw=raw, warnings=(f"METAR not decoded, kept raw: {e}",))
    if report.station_id is None or report.time is None:
        return Observation(raw=raw, warnings=(
            "METAR not decoded, kept raw: no station and time groups",))
    return _observation(raw, report, notes)


def _observation(raw: str, report: Any, warnings: tuple[str, ...]) -> Observation:
    speed_kt = _value(report.wind_speed, "KT")
    variable = report.wind_dir is None and not math.isnan(speed_kt) and speed_kt > 0
    clouds = tuple((cover, _value(height, "FT")) for cover, height, _ in report.sky
                   if height is not None or cover == "VV")
    observed = report.time
    return Observation(
        raw=raw, station=report.station_id,
        time_utc=None if observed is None else observed.replace(tzinfo=UTC),
        wind_dir_deg=_value(report.wind_dir, None),
        wind_speed_kt=speed_kt, wind_gust_kt=_value(report.wind_gust, "KT"),
        wind_variable=variable,
        wind_from_deg=_value(report.wind_dir_from, None),
        wind_to_deg=_value(report.wind_dir_to, None),
        visibility_m=_value(report.vis, "M"), clouds=clouds,
        cavok="CAVOK" in raw.split(),
        weather=tuple("".join(part or "" for part in group) for group in report.weather),
        temperature_c=_value(report.temp, "C"), dewpoint_c=_value(report.dewpt, "C"),
        qnh_hpa=_value(report.press, "HPA"), warnings=warnings,
    )


def wind_components_kt(wind_dir_deg: Any, wind_speed_kt: Any,
                       heading_deg: Any) -> tuple[Any, Any]:
    """(headwind, crosswind from the right) of a wind blowing from wind_dir_deg
    for a runway heading_deg; all angles true. Works on numpy arrays too.

    >>> [round(x, 1) for x in wind_components_kt(50.0, 10.0, 226.0)]
    [-10.0, -0.7]
    """
    angle_rad = np.radians(np.asarray(wind_dir_deg, dtype=float)
                           - np.asarray(heading_deg, dtype=float))
    headwind = wind_speed_kt * np.cos(angle_rad)
    crosswind = wind_speed_kt * np.sin(angle_rad)
    if np.ndim(headwind) == 0:
        return float(headwind), float(crosswind)
    return headwind, crosswind


@dataclass(frozen=True)
class RunwayWind:
    """The wind on one runway end; NaN components for a variable wind."""

    runway: str
    heading_deg: float  # true
    length_m: float
    headwind_kt: float
    crosswind_kt: float
    gust_headwind_kt: float
    gust_crosswind_kt: float

    def to_json(self) -> dict[str, Any]:
        return {"runway": self.runway, "heading_deg": _num(self.heading_deg),
                "headwind_kt": _num(self.headwind_kt),
                "crosswind_kt": _num(self.crosswind_kt),
                "gust_headwind_kt": _num(self.gust_headwind_kt),
                "gust_crosswind_kt": _num(self.gust_crosswind_kt)}


def runway_winds(airport: "Airport", observation: Observation) -> list[RunwayWind]:
    """Components on every end of the airport's open runways."""
    ends = [(end, runway.length_m) for runway in airport.runways if not runway.closed
            for end in runway.ends]
    headings = np.array([end.heading_deg for end, _ in ends], dtype=float)
    direction = 0.0 if observation.calm else observation.wind_dir_deg
    head, cross = wind_components_kt(direction, observation.wind_speed_kt, headings)
    gust = observation.wind_gust_kt
    gust_head, gust_cross = wind_components_kt(direction, gust, headings)
    return [RunwayWind(end.designator, end.heading_deg, length_m, float(head[i]),
                       float(cross[i]), float(gust_head[i]), float(gust_cross[i]))
            for i, (end, length_m) in enumerate(ends)]


def best_runway(winds: list[RunwayWind]) -> RunwayWind | None:
    """Most headwind, then least crosswind, then the longest; None if unknown."""
    known = [w for w in winds if not math.isnan(w.headwind_kt)]
    if not known:
        return None
    return max(known, key=lambda w: (round(w.headwind_kt, 1),
                                     -round(abs(w.crosswind_kt), 1),
                                     0.0 if math.isnan(w.length_m) else w.length_m))


@dataclass(frozen=True)
class Limits:
    """What a flight is held to; NaN where nothing is set."""

    type_crosswind_kt: float = math.nan  # the type's maximum demonstrated crosswind
    crosswind_kt: float = math.nan  # personal minimums from here on
    gust_kt: float = math.nan  # the highest gust speed flown in
    cloud_base_ft: float = math.nan  # lowest cloud base flown under
    visibility_m: float = math.nan  # lowest visibility flown in
    aircraft_type: str | None = None


@dataclass(frozen=True)
class Verdict:
    status: Status
    reasons: tuple[str, ...] = field(default=())


def judge(observation: Observation, best: RunwayWind | None, limits: Limits) -> Verdict:
    """Compare the weather on the best runway with the type's and pilot's limits."""
    checks = _checks(observation, best, limits)
    beyond = tuple(text for verdict, text in checks if verdict is False)
    if beyond:
        return Verdict("beyond limits", beyond)
    unknown = tuple(text for verdict, text in checks if verdict is None)
    if unknown or not checks:
        return Verdict("unknown", unknown or ("no limits to check against",))
    return Verdict("within limits", tuple(text for _, text in checks))


def _checks(observation: Observation, best: RunwayWind | None,
            limits: Limits) -> list[tuple[bool | None, str]]:
    """(within? None when it cannot be told, what was compared) per limit set."""
    checks: list[tuple[bool | None, str]] = []
    crosswind_kt = _worst_crosswind_kt(observation, best)
    for limit, name in ((limits.type_crosswind_kt,
                         f"{limits.aircraft_type or 'type'} max demonstrated crosswind"),
                        (limits.crosswind_kt, "personal crosswind limit")):
        if not math.isnan(limit):
            within, text = _compare(crosswind_kt, limit, "crosswind", name, "kt")
            if within is False and observation.wind_variable:
                # it could be straight down the runway
                within, text = None, f"variable wind: {text}"
            checks.append((within, text))
    if not math.isnan(limits.gust_kt) and not math.isnan(observation.wind_gust_kt):
        checks.append(_compare(observation.wind_gust_kt, limits.gust_kt, "gusts",
                               "personal gust limit", "kt"))
    if not math.isnan(limits.cloud_base_ft):
        base = observation.cloud_base_ft
        if math.isnan(base) and observation.decoded:
            base = math.inf  # no cloud reported below the limit
        checks.append(_compare(limits.cloud_base_ft, base, "cloud base",
                               "personal minimum", "ft", reverse=True))
    if not math.isnan(limits.visibility_m):
        checks.append(_compare(limits.visibility_m, observation.visibility_m,
                               "visibility", "personal minimum", "m", reverse=True))
    return checks


def _worst_crosswind_kt(observation: Observation, best: RunwayWind | None) -> float:
    """Crosswind on the best runway in the gusts, over the whole range of a wind
    varying in direction (dddVddd); a variable wind (VRB) counts in full, which can
    still prove a light wind within limits."""
    if best is not None:
        speeds_kt = [observation.wind_speed_kt, observation.wind_gust_kt]
        directions_deg = np.array([observation.wind_dir_deg])
        if not math.isnan(observation.wind_from_deg + observation.wind_to_deg):
            sweep_deg = (observation.wind_to_deg - observation.wind_from_deg) % 360.0
            directions_deg = observation.wind_from_deg + np.arange(0.0, sweep_deg + 1.0)
        _, cross = wind_components_kt(directions_deg, np.nanmax(speeds_kt),
                                      np.full(directions_deg.shape, best.heading_deg))
        return float(np.max(np.abs(cross)))
    if observation.wind_variable:
        return float(np.nanmax([observation.wind_speed_kt, observation.wind_gust_kt]))
    return math.nan


def _compare(value: float, limit: float, what: str, name: str, unit: str, *,
             reverse: bool = False) -> tuple[bool | None, str]:
    """reverse: the value is the limit and the limit the observation (a minimum)."""
    if math.isnan(value) or math.isnan(limit):
        return None, f"{what}: not known"
    observed, bound = (limit, value) if reverse else (value, limit)
    within = value <= limit
    shown = "none below" if math.isinf(observed) else f"{round(observed, 1):g} {unit}"
    sign = ("at or above" if within else "below") if reverse else \
        ("within" if within else "beyond")
    return within, f"{what} {shown} {sign} {name} {round(bound, 1):g} {unit}"


def wind_text(observation: Observation) -> str:
    """The wind in words: "270 deg 20 kt gusting 30 kt", "calm", "variable 3 kt"."""
    if not observation.decoded or math.isnan(observation.wind_speed_kt):
        return "wind not known"
    if observation.calm:
        return "calm"
    speed = f"{observation.wind_speed_kt:g} kt"
    if not math.isnan(observation.wind_gust_kt):
        speed += f" gusting {observation.wind_gust_kt:g} kt"
    if observation.wind_variable:
        return f"variable {speed}: no components"
    text = f"{observation.wind_dir_deg:03.0f} deg true {speed}"
    if not math.isnan(observation.wind_from_deg + observation.wind_to_deg):
        text += (f", varying {observation.wind_from_deg:03.0f}"
                 f"-{observation.wind_to_deg:03.0f} deg")
    return text


def weather_report(airport: "Airport", observation: Observation,
                   limits: Limits) -> dict[str, Any]:
    """What `logbook weather --json` prints: a contract, keep its keys."""
    winds = runway_winds(airport, observation)
    best = best_runway(winds)
    verdict = judge(observation, best, limits)
    return {
        "airport": airport.ident, "wind": wind_text(observation),
        "runways": [w.to_json() for w in winds],
        "best_runway": None if best is None else best.runway,
        "verdict": verdict.status, "reasons": list(verdict.reasons),
        "limits": {"aircraft_type": limits.aircraft_type,
                   "type_crosswind_kt": _num(limits.type_crosswind_kt),
                   "crosswind_kt": _num(limits.crosswind_kt),
                   "gust_kt": _num(limits.gust_kt),
                   "cloud_base_ft": _num(limits.cloud_base_ft),
                   "visibility_m": _num(limits.visibility_m)},
        "metar": observation.to_json(),
    }
