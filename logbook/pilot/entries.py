"""Logbook entries: the record of one flight (or series of flights) as the pilot
logs it, after AMC1 FCL.050, with the capacity it was flown in.

Capacities are the UK codes (P/UT, SPIC, solo, PICUS, P1, P2, instructor); each
maps to the EASA pilot-function columns it is logged in. A stop-and-go counts as
a full-stop landing everywhere. Every field remembers where its value came from
(``typed`` by the pilot, ``track`` from a GPS flight, ``default``, ``import``), so
a re-analysed track never overwrites what the pilot typed.
"""

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from logbook.errors import LogbookError

# capacity code -> the EASA pilot-function columns its time goes in (AMC1 FCL.050:
# solo, SPIC and supervised time are PIC time once countersigned; instructor time
# is also logged as PIC)
CAPACITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "P/UT": ("dual",),
    "SPIC": ("pic",),
    "solo": ("pic",),
    "PICUS": ("pic",),
    "P1": ("pic",),
    "P2": ("copilot",),
    "instructor": ("pic", "instructor"),
}
CAPACITIES = tuple(CAPACITY_COLUMNS)
COLUMNS = ("pic", "copilot", "dual", "instructor")
# capacities whose PIC time needs the instructor's countersignature
COUNTERSIGNED = ("SPIC", "solo", "PICUS")
# supervised solo for the PPL (FCL.210.A): the student is PIC, the instructor is not
# at the controls
SUPERVISED_SOLO = ("solo", "SPIC")
FULL_STOP_KINDS = ("full_stop", "stop_and_go")
_ALIASES = {c.lower().replace("/", ""): c for c in CAPACITIES} | {
    "fi": "instructor", "dual": "P/UT", "pic": "P1", "p1us": "PICUS",
    "p1u/s": "PICUS", "copilot": "P2",
}
# fields the pilot can type, and which a track can also fill
TRACK_FIELDS = ("date", "departure", "arrival", "off_block_utc", "on_block_utc",
                "total_min", "day_takeoffs", "night_takeoffs", "day_landings",
                "night_landings", "day_full_stops", "night_full_stops", "night_min",
                "landing_events")


def capacity_code(text: str) -> str:
    """The canonical capacity code for what the pilot typed ("p/ut" -> "P/UT")."""
    key = text.strip().lower().replace("/", "").replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    if text.strip().lower() in _ALIASES:
        return _ALIASES[text.strip().lower()]
    raise LogbookError(f"unknown capacity '{text}'; one of {', '.join(CAPACITIES)}")


@dataclass(frozen=True)
class Entry:
    """One logbook line. Times are UTC ISO text ending in Z; durations whole minutes."""

    date: str
    capacity: str
    total_min: int
    id: int | None = None
    registration: str | None = None
    type: str | None = None
    departure: str | None = None
    arrival: str | None = None
    off_block_utc: str | None = None
    on_block_utc: str | None = None
    pic_name: str | None = None
    day_takeoffs: int = 0
    night_takeoffs: int = 0
    day_landings: int = 0
    night_landings: int = 0
    day_full_stops: int = 0
    night_full_stops: int = 0
    night_min: int = 0
    ifr_min: int = 0
    xc: bool = False
    fstd: bool = False
    remarks: str = ""
    countersigned_by: str | None = None
    confirmed: bool = True
    flights: tuple[int, ...] = ()
    landing_events: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return CAPACITY_COLUMNS[self.capacity]

    @property
    def needs_countersignature(self) -> bool:
        return self.capacity in COUNTERSIGNED and not self.countersigned_by

    @property
    def takeoffs(self) -> int:
        return self.day_takeoffs + self.night_takeoffs

    @property
    def landings(self) -> int:
        return self.day_landings + self.night_landings

    @property
    def flight_min(self) -> int:
        """Flight time: 0 for an FSTD session, whose time goes in its own column."""
        return 0 if self.fstd else self.total_min

    def to_json(self) -> dict[str, Any]:
        """The object `logbook entries --json` prints: a contract, keep its keys."""
        data = asdict(self)
        data["flights"] = list(self.flights)
        data["columns"] = list(self.columns)
        data["needs_countersignature"] = self.needs_countersignature
        return data


ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def entry_from_json(data: dict[str, Any]) -> Entry:
    known = {k: v for k, v in data.items() if k in ENTRY_FIELDS}
    known["flights"] = tuple(known.get("flights", ()))
    return Entry(**known)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a date (YYYY-MM-DD)") from e


def parse_hhmm(text: str) -> timedelta:
    """"10:05" or "1005" as the time of day."""
    digits = text.strip().replace(":", "").replace("Z", "")
    if not digits.isdigit() or len(digits) not in (3, 4):
        raise LogbookError(f"'{text}' is not a time (HH:MM, UTC)")
    hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 23 or minutes > 59:
        raise LogbookError(f"'{text}' is not a time (HH:MM, UTC)")
    return timedelta(hours=hours, minutes=minutes)


def parse_duration_min(text: str) -> int:
    """"1:35" (hours:minutes), "95" (minutes) or "1.5h" (decimal hours)."""
    value = text.strip().lower()
    try:
        if ":" in value:
            hours, minutes = value.split(":")
            return int(hours) * 60 + int(minutes)
        if value.endswith("h"):
            return round(float(value[:-1]) * 60)
        return round(float(value))
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a duration (H:MM or minutes)") from e


def block_times(day: date, off: str, on: str) -> tuple[str, str, int]:
    """UTC off- and on-block texts and the minutes between; an `on` earlier than
    `off` is the next day."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC) + parse_hhmm(off)
    end = datetime(day.year, day.month, day.day, tzinfo=UTC) + parse_hhmm(on)
    if end < start:
        end += timedelta(days=1)
    return (start.strftime("%Y-%m-%dT%H:%M:%SZ"), end.strftime("%Y-%m-%dT%H:%M:%SZ"),
            round((end - start).total_seconds() / 60))


def with_typed(entry: Entry, **values: Any) -> Entry:
    """The entry with values the pilot typed, marked as typed."""
    provenance = dict(entry.provenance) | {k: "typed" for k in values}
    return replace(entry, **values, provenance=provenance)


def default_full_stops(day_landings: int, night_landings: int) -> tuple[int, int]:
    """A typed entry's full stops when not given: the last landing, in the night
    column when any landing was at night (a flight's last landing is its latest)."""
    if night_landings > 0:
        return 0, 1
    return (1 if day_landings > 0 else 0), 0
