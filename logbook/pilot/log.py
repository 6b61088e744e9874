"""Logging: confirming a detected flight, typing an entry, editing, countersigning.

A series of flights on one day, each returning to the same place with no more
than 30 minutes between them, may be one entry (AMC1 FCL.050): its time is the
sum of the flights' block times, its departure time the first off-block and its
arrival time the last on-block.
"""

import itertools
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from logbook.errors import LogbookError
from logbook.pilot.entries import (
    COUNTERSIGNED,
    Entry,
    block_times,
    capacity_code,
    default_full_stops,
    with_typed,
)
from logbook.pilot.fromflights import (
    AirportLookup,
    conflicts,
    entries_from_flights,
    flight_values,
    refreshed,
)
from logbook.store.records import FlightRecord, parse_utc

if TYPE_CHECKING:
    from logbook.store import Logbook

# the longest gap between flights logged as one entry (AMC1 FCL.050)
SERIES_GAP = timedelta(minutes=30)


def check_series(flights: list[FlightRecord]) -> None:
    """Raise unless the flights may be logged as one entry (AMC1 FCL.050)."""
    ordered = sorted(flights, key=lambda f: f.off_block_utc)
    places = {f.departure for f in ordered} | {f.arrival for f in ordered}
    if len({f.date for f in ordered}) > 1:
        raise LogbookError("flights " + ", ".join(str(f.id) for f in ordered)
                           + " are on different days: log them as separate entries")
    if len(places) != 1 or None in places:
        raise LogbookError("a series must return each time to the same place; "
                           "these flights visit " + ", ".join(sorted(
                               p or "?" for p in places)))
    for a, b in itertools.pairwise(ordered):
        gap = parse_utc(b.off_block_utc) - parse_utc(a.on_block_utc)  # type: ignore[operator]
        if gap > SERIES_GAP:
            raise LogbookError(f"flights {a.id} and {b.id} are {round(gap.total_seconds() / 60)}"
                               " min apart: a series allows 30 min at most")


def remember(book: "Logbook", entry: Entry) -> None:
    """Keep the aircraft, capacity and instructor as the next flight's defaults."""
    if entry.registration:
        book.set_setting("last_registration", entry.registration)
    book.set_setting("last_capacity", entry.capacity)
    if entry.pic_name and entry.capacity in ("P/UT", "SPIC", "solo", "PICUS"):
        book.set_setting("last_instructor", entry.pic_name)


def _aircraft(book: "Logbook", registration: str | None,
              aircraft_type: str | None) -> dict[str, str | None]:
    """The typed registration and type; the type looked up when not given."""
    if registration is None:
        return {} if aircraft_type is None else {"type": aircraft_type.upper()}
    registration = registration.upper()
    known = book.aircraft_type(registration)
    if aircraft_type is None and known is None:
        raise LogbookError(f"unknown aircraft {registration}: give --type, or "
                           f"`logbook aircraft add {registration} --type TYPE`")
    if aircraft_type is not None and known is None:
        book.add_aircraft(registration, aircraft_type)
    return {"registration": registration, "type": (aircraft_type or known).upper()}  # type: ignore[union-attr]


@dataclass(frozen=True)
class Logged:
    """What `log_flight` did: the entry, the flights it absorbed, the differences
    between typed values and the track that were kept as typed."""

    entry: Entry
    removed_entries: tuple[int, ...] = ()
    kept_typed: tuple[tuple[str, Any, Any], ...] = ()


def log_flight(book: "Logbook", flight_id: int, *, capacity: str | None = None,
               registration: str | None = None, instructor: str | None = None,
               entry_id: int | None = None, with_flights: tuple[int, ...] = (),
               use_track: bool = False, airports: AirportLookup | None = None) -> Logged:
    """Confirm (and correct) a flight's entry, or attach it to an entry typed
    earlier (`entry_id`), or log it with other flights as one series entry."""
    pilot = book
    entries_from_flights(pilot, airports)
    flights = [pilot.flight(f) for f in (flight_id, *with_flights)]
    if with_flights:
        check_series(flights)
    own = pilot.entry_for_flight(flight_id)
    target = pilot.entry(entry_id if entry_id is not None else own)  # type: ignore[arg-type]
    all_ids = tuple(sorted(set(target.flights) | {f.id for f in flights}))
    all_flights = [pilot.flight(f) for f in all_ids]
    values = flight_values(pilot, all_flights, airports)
    kept = () if use_track else tuple(conflicts(target, values))
    if use_track:
        target = replace(target, provenance={k: v for k, v in target.provenance.items()
                                             if v != "typed" or k not in values})
    entry = refreshed(replace(target, flights=all_ids, confirmed=True), values)
    typed: dict[str, Any] = _aircraft(pilot, registration, None) if registration else {}
    if capacity is not None:
        typed["capacity"] = capacity_code(capacity)
    if instructor is not None:
        typed["pic_name"] = instructor
    entry = with_typed(entry, **typed)
    removed = []
    with pilot.transaction():
        for other_id in {pilot.entry_for_flight(f) for f in all_ids} - {target.id, None}:
            other = pilot.entry(other_id)  # type: ignore[arg-type]
            if other.confirmed or "typed" in other.provenance.values():
                raise LogbookError(f"flight {other.flights[0]} is already logged in entry "
                                   f"{other.id}; `logbook delete {other.id}` first")
            pilot.delete_entry(other.id)  # type: ignore[arg-type]
            removed.append(other.id)
        saved = pilot.save_entry(entry)
        remember(pilot, entry)
    return Logged(pilot.entry(saved), tuple(removed), kept)  # type: ignore[arg-type]


def typed_entry(book: "Logbook", *, day: date, capacity: str | None,
                registration: str | None, aircraft_type: str | None,
                off: str | None, on: str | None, total: int | None,
                landings: int = 0, night_landings: int = 0,
                takeoffs: int | None = None, night_takeoffs: int | None = None,
                full_stops: int | None = None, **rest: Any) -> Entry:
    """A manual entry (no track) from what the pilot typed; call in `transaction()`."""
    if registration is None and not rest.get("fstd"):
        last = book.setting("last_registration")
        registration = str(last) if last else None
        if registration is None:
            raise LogbookError("which aircraft? give --reg (and --type the first time)")
    aircraft = _aircraft(book, registration, aircraft_type)
    times: dict[str, Any] = {}
    if off is not None and on is not None:
        times["off_block_utc"], times["on_block_utc"], times["total_min"] = \
            block_times(day, off, on)
    elif total is None:
        raise LogbookError("give --off and --on (UTC), or --total")
    if total is not None:
        times["total_min"] = total
    if full_stops is None:
        day_fs, night_fs = default_full_stops(landings, night_landings)
    else:
        day_fs, night_fs = max(0, full_stops - night_landings), min(full_stops,
                                                                    night_landings)
    values = dict(
        date=day.isoformat(), capacity=capacity_code(capacity or str(
            book.setting("last_capacity"))), **aircraft, **times,
        day_landings=landings, night_landings=night_landings,
        day_takeoffs=landings if takeoffs is None else takeoffs,
        night_takeoffs=night_landings if night_takeoffs is None else night_takeoffs,
        day_full_stops=day_fs, night_full_stops=night_fs,
        **{k: v for k, v in rest.items() if v is not None})
    return with_typed(Entry(date=values["date"], capacity=values["capacity"],
                            total_min=values["total_min"]), **values)


def edit_entry(book: "Logbook", entry_id: int, *, off: str | None = None,
               on: str | None = None, day: date | None = None,
               **changes: Any) -> Entry:
    """An entry with typed corrections; times are re-derived from --off/--on."""
    entry = book.entry(entry_id)
    values = {k: v for k, v in changes.items() if v is not None}
    if "capacity" in values:
        values["capacity"] = capacity_code(values["capacity"])
    if "registration" in values or "type" in values:
        values |= _aircraft(book, values.pop("registration", entry.registration),
                            values.pop("type", None))
    if day is not None:
        values["date"] = day.isoformat()
    if off is not None or on is not None:
        when = day or date.fromisoformat(entry.date)
        old_off = (entry.off_block_utc or "T00:00")[11:16]
        old_on = (entry.on_block_utc or "T00:00")[11:16]
        values["off_block_utc"], values["on_block_utc"], values["total_min"] = \
            block_times(when, off or old_off, on or old_on)
    return replace(with_typed(entry, **values), confirmed=True)


def countersigned(entry: Entry, by: str) -> Entry:
    if entry.capacity not in COUNTERSIGNED:
        raise LogbookError(f"entry {entry.id} is {entry.capacity}: only "
                           + ", ".join(COUNTERSIGNED) + " time is countersigned")
    return replace(entry, countersigned_by=by)
