"""Entries from detected flights: every flight becomes an unconfirmed entry at
once, filled from its track and the remembered defaults (last aircraft, capacity,
instructor); a re-analysis refreshes what came from the track and nothing the
pilot typed."""

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from logbook.errors import LogbookError
from logbook.pilot.entries import FULL_STOP_KINDS, TRACK_FIELDS, Entry
from logbook.pilot.night import is_night_landing, night_minutes
from logbook.store.records import FlightRecord, parse_utc

if TYPE_CHECKING:
    from logbook.store import Logbook

Position = tuple[float, float]


class AirportLookup(Protocol):
    """What entries need of `logbook.airports.AirportDB`: a position per ident."""

    def airport(self, ident: str) -> Any: ...


def positions(airports: AirportLookup | None = None) -> Callable[[str | None],
                                                                Position | None]:
    """A cached ident -> (lat, lon) lookup; None for idents nobody knows."""
    cache: dict[str, Position | None] = {}
    source = airports

    def position(ident: str | None) -> Position | None:
        nonlocal source
        if not ident:
            return None
        if ident not in cache:
            try:
                if source is None:
                    from logbook.airports import default_db

                    source = default_db()
                found = source.airport(ident)
                cache[ident] = (float(found.lat), float(found.lon))
            except (LogbookError, KeyError):
                cache[ident] = None
        return cache[ident]

    return position


def track_values(flights: list[FlightRecord], position: Callable[[str | None],
                 Position | None], *, rule: str = "easa",
                 home: str | None = None) -> dict[str, Any]:
    """The entry fields a series of flights gives (flights in time order)."""
    first, last = flights[0], flights[-1]
    fallback = position(first.departure) or position(home)
    counts = dict.fromkeys(("day_takeoffs", "night_takeoffs", "day_landings",
                            "night_landings", "day_full_stops", "night_full_stops"), 0)
    events = []
    for flight in flights:
        for takeoff in flight.takeoffs:
            night = _night_at(takeoff, position, fallback, rule)
            counts["night_takeoffs" if night else "day_takeoffs"] += 1
        for landing in flight.landings:
            night = _night_at(landing, position, fallback, rule)
            counts["night_landings" if night else "day_landings"] += 1
            if landing["kind"] in FULL_STOP_KINDS:
                counts["night_full_stops" if night else "day_full_stops"] += 1
            events.append({"time_utc": landing["time_utc"], "kind": landing["kind"],
                           "airport": landing.get("airport"), "night": night})
    night_min = 0
    for flight in flights:
        start = position(flight.departure) or fallback
        end = position(flight.arrival) or start
        if start is not None and end is not None:
            night_min += night_minutes(parse_utc(flight.off_block_utc),  # type: ignore[arg-type]
                                       parse_utc(flight.on_block_utc),  # type: ignore[arg-type]
                                       start, end, rule)
    return {"date": first.date, "departure": first.departure, "arrival": last.arrival,
            "off_block_utc": first.off_block_utc, "on_block_utc": last.on_block_utc,
            "total_min": sum(round(f.block_min) for f in flights), **counts,
            "night_min": night_min, "landing_events": events}


def _night_at(event: dict[str, Any], position: Callable[[str | None], Position | None],
              fallback: Position | None, rule: str) -> bool:
    where = position(event.get("airport")) or fallback
    if where is None:  # nowhere known: count it by day rather than guess night
        return False
    return is_night_landing(parse_utc(event["time_utc"]),  # type: ignore[arg-type]
                            where[0], where[1], rule)


def refreshed(entry: Entry, values: dict[str, Any]) -> Entry:
    """The entry with every field not typed by the pilot taken from the track."""
    provenance = dict(entry.provenance)
    changes = {}
    for key in TRACK_FIELDS:
        if provenance.get(key) != "typed":
            changes[key] = values[key]
            provenance[key] = "track"
    return replace(entry, **changes, provenance=provenance)


def conflicts(entry: Entry, values: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, typed value, track value) where the pilot's value differs."""
    return [(key, getattr(entry, key), values[key]) for key in TRACK_FIELDS
            if entry.provenance.get(key) == "typed" and key != "landing_events"
            and getattr(entry, key) != values[key]]


def new_entry(book: "Logbook", values: dict[str, Any], flight_ids: tuple[int, ...]) -> Entry:
    """An unconfirmed entry filled from a track and the remembered defaults."""
    registration = book.setting("last_registration")
    registration = str(registration) if registration else None
    instructor = book.setting("last_instructor")
    entry = Entry(date=values["date"], capacity=str(book.setting("last_capacity")),
                  total_min=values["total_min"], registration=registration,
                  type=book.aircraft_type(registration) if registration else None,
                  pic_name=str(instructor) if instructor else None,
                  confirmed=False, flights=flight_ids,
                  provenance=dict.fromkeys(("capacity", "registration", "type",
                                            "pic_name"), "default"))
    return refreshed(entry, values)


def flight_values(book: "Logbook", flights: list[FlightRecord],
                  airports: AirportLookup | None = None) -> dict[str, Any]:
    ordered = sorted(flights, key=lambda f: f.off_block_utc)
    home = book.setting("home")
    return track_values(ordered, positions(airports), rule=str(book.setting("night_rule")),
                        home=str(home) if home else None)


def entries_from_flights(book: "Logbook", airports: AirportLookup | None = None) -> list[int]:
    """Create an unconfirmed entry for every flight that has none, and refresh the
    track-filled fields of entries whose flights were re-analysed. Idempotent.

    Returns the ids of the entries created.
    """
    pilot = book
    flights = {f.id: f for f in pilot.flights()}
    position_airports = airports
    created = []
    with pilot.transaction():
        linked: set[int] = set()
        for entry in pilot.entries():
            linked |= set(entry.flights)
            live = [flights[f] for f in entry.flights if f in flights]
            if not live:
                if entry.flights and not entry.confirmed and "typed" not in \
                        entry.provenance.values():
                    pilot.delete_entry(entry.id)  # type: ignore[arg-type]
                continue
            updated = refreshed(entry, flight_values(pilot, live, position_airports))
            if updated != entry:
                pilot.save_entry(updated)
        for flight_id, flight in sorted(flights.items(),
                                        key=lambda kv: kv[1].off_block_utc):
            if flight_id not in linked:
                values = flight_values(pilot, [flight], position_airports)
                created.append(pilot.save_entry(new_entry(pilot, values, (flight_id,))))
    return created
