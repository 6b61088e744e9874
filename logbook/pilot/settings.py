"""The pilot's settings, kept in the logbook file: names, kinds and checks.

A setting is stored as text and read back as its kind: text, a date, a number,
an airport ident, a time zone or a night rule. Aircraft types carry their own
crosswind limit under ``crosswind_kt.TYPE`` (``crosswind_kt.C152 15``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from logbook.errors import LogbookError

NIGHT_RULES = ("easa", "uk", "faa")
SettingValue = str | float | None


@dataclass(frozen=True)
class Setting:
    """One key `logbook config` knows."""

    key: str
    kind: str  # text, date, number, airport, timezone, night_rule
    help: str
    default: str | None = None


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("name", "text", "the pilot's name, printed on the logbook"),
    Setting("home", "airport", "home airfield (ICAO ident)"),
    Setting("timezone", "timezone", "local time zone for --local", "Europe/London"),
    Setting("night_rule", "night_rule",
            "easa (civil twilight), uk (sunset+30/sunrise-30) or faa", "easa"),
    Setting("sep_expiry", "date", "SEP class rating expiry (YYYY-MM-DD)"),
    Setting("medical_expiry", "date", "medical certificate expiry (YYYY-MM-DD)"),
    Setting("crosswind_kt", "number", "personal minimum: crosswind limit, knots"),
    Setting("gust_kt", "number", "personal minimum: gust limit, knots"),
    Setting("cloud_base_ft", "number", "personal minimum: lowest cloud base, feet"),
    Setting("visibility_m", "number", "personal minimum: lowest visibility, metres"),
    Setting("last_registration", "text", "remembered: the aircraft last flown"),
    Setting("last_capacity", "text", "remembered: the capacity last logged", "P/UT"),
    Setting("last_instructor", "text", "remembered: the instructor last logged"),
)}
TYPE_CROSSWIND_PREFIX = "crosswind_kt."


def setting_for(key: str) -> Setting:
    """The definition of a key, including ``crosswind_kt.TYPE``."""
    if key.startswith(TYPE_CROSSWIND_PREFIX) and len(key) > len(TYPE_CROSSWIND_PREFIX):
        type_code = key[len(TYPE_CROSSWIND_PREFIX):]
        return Setting(key, "number", f"crosswind limit of the {type_code}, knots")
    if key not in SETTINGS:
        raise LogbookError(f"unknown setting '{key}'; `logbook config` lists them "
                           "(aircraft types: crosswind_kt.TYPE)")
    return SETTINGS[key]


def _check_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a date (YYYY-MM-DD)") from e


def _check_number(text: str) -> str:
    try:
        value = float(text)
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a number") from e
    if value < 0:
        raise LogbookError(f"'{text}' must not be negative")
    return f"{value:g}"


def _check_timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise LogbookError(f"unknown time zone '{text}' (e.g. Europe/London)") from e
    return text


def _check_night_rule(text: str) -> str:
    if text.lower() not in NIGHT_RULES:
        raise LogbookError(f"unknown night rule '{text}'; one of "
                           + ", ".join(NIGHT_RULES))
    return text.lower()


_CHECKS: dict[str, Callable[[str], str]] = {
    "text": str.strip,
    "airport": lambda text: text.strip().upper(),
    "date": _check_date,
    "number": _check_number,
    "timezone": _check_timezone,
    "night_rule": _check_night_rule,
}


def normalise(key: str, text: str) -> str:
    """The text to store for a key, or a LogbookError saying what is wrong."""
    try:
        return _CHECKS[setting_for(key).kind](text)
    except LogbookError as e:
        raise LogbookError(f"{key}: {e}") from e


def parse(key: str, text: str | None) -> SettingValue:
    """A stored text as its kind (numbers as float), the default when unset."""
    setting = setting_for(key)
    if text is None:
        text = setting.default
    if text is None:
        return None
    return float(text) if setting.kind == "number" else text
