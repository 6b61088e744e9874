"""Bookings in the logbook file: linking to flights and entries, and the pattern of
the blog's autumn (twelve weekly bookings, one flown, the rest cancelled)."""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest

import logbook.store
import logbook.store.book as book_module
from logbook.bookings import (
    aircraft_type_of,
    booking_stats,
    check_cancellable,
    flying_spans,
    limits_for,
    link_bookings,
    linked_bookings,
    local_to_utc,
    parse_duration,
)
from logbook.errors import LogbookError, StoreError
from logbook.store import Logbook
from logbook.store.bookings import BookingsMixin, migrate_bookings

DATA = Path(__file__).parent / "data" / "bookings"
LONDON = "Europe/London"

if issubclass(Logbook, BookingsMixin):
    BookedLogbook = Logbook
else:
    BookedLogbook = type("BookedLogbook", (BookingsMixin, Logbook), {})


class PilotLogbook(BookedLogbook):  # type: ignore[misc, valid-type]
    """A logbook with the pilot's settings and logbook entries held in class dicts."""

    SETTINGS: ClassVar[dict[str, str]] = {}
    ENTRIES: ClassVar[list[object]] = []
    AIRCRAFT: ClassVar[dict[str, str]] = {}

    def setting(self, key):
        return self.SETTINGS.get(key)

    def aircraft_type(self, registration):
        return self.AIRCRAFT.get(registration.upper())

    def entries(self):
        return list(self.ENTRIES)


@dataclass(frozen=True)
class Entry:
    """A logbook entry as the linking reads one."""

    id: int
    date: str
    off_block_utc: str | None = None
    on_block_utc: str | None = None


def install_bookings(monkeypatch):
    """Make `Logbook.open` (and so the CLI) build the bookings tables."""
    if "bookings" not in dict(book_module.MIGRATIONS):
        migrations = [*book_module.MIGRATIONS, ("bookings", migrate_bookings)]
        monkeypatch.setattr(book_module, "MIGRATIONS", migrations)
        monkeypatch.setattr(book_module, "SCHEMA_VERSION", len(migrations))
    monkeypatch.setattr(logbook.store, "Logbook", PilotLogbook)
    monkeypatch.setattr(PilotLogbook, "SETTINGS", {})
    monkeypatch.setattr(PilotLogbook, "ENTRIES", [])
    monkeypatch.setattr(PilotLogbook, "AIRCRAFT", {})


@pytest.fixture
def book(tmp_path, monkeypatch):
    install_bookings(monkeypatch)
    opened = PilotLogbook.open(tmp_path / "book.db")
    yield opened
    opened.close()


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_flight(book, off_block, on_block):
    """A stored flight (with the source and track it needs) between two UTC times."""
    with book.transaction() as db:
        source = book.add_source(sha256=off_block, name=f"{off_block}.nmea", fmt="nmea",
                                 origin="test", raw=off_block.encode())
        book.add_track(source_id=source, fixes=1, records=1, start_utc=utc(off_block),
                       end_utc=utc(on_block), bad_lines={}, warnings=(), options={})
        flights = db["flights"]
        flights.insert({
            "track_id": source, "off_block_utc": off_block + "Z",
            "on_block_utc": on_block + "Z", "takeoff_utc": off_block + "Z",
            "landing_utc": on_block + "Z", "departure": "EGBW", "arrival": "EGBW",
            "partial": 0, "takeoffs": "[]", "landings": "[]", "go_arounds": "[]",
            "circuits": "[]"})
        return int(flights.last_pk)


def add_booking(book, day, hhmm="10:00", hours=2, **fields):
    start = local_to_utc(day, hhmm, LONDON)
    with book.transaction():
        return book.add_booking(start_utc=start, end_utc=start + timedelta(hours=hours),
                                timezone=LONDON, airport="EGBW", **fields)


AUTUMN_THURSDAYS = [(date(2007, 10, 4) + timedelta(weeks=n)).isoformat()
                    for n in range(12)]
FLOWN_THURSDAY = "2007-11-15"
DETAILS = ["wind", "cloud", "crosswind", "visibility", "rain", "gusts"]


def replay_autumn(book):
    """The blog's autumn: a summer flight, twelve weekly double lessons, one flown
    (10:20 to 11:40 on 15 November), the other eleven cancelled for the weather."""
    add_flight(book, "2007-09-20T09:00:00", "2007-09-20T10:00:00")
    ids = {day: add_booking(book, day, aircraft="G-BOYO", lesson="circuits")
           for day in AUTUMN_THURSDAYS}
    flight = add_flight(book, "2007-11-15T10:20:00", "2007-11-15T11:40:00")
    cancelled = [day for day in AUTUMN_THURSDAYS if day != FLOWN_THURSDAY]
    with book.transaction():
        for n, day in enumerate(cancelled):
            book.cancel_booking(ids[day], reason="weather", detail=DETAILS[n % 6])
    return ids, flight


def test_autumn_stats(book):
    ids, flight = replay_autumn(book)
    linked = linked_bookings(book)
    flown = [x for x in linked if x.status == "flown"]
    assert [x.booking.id for x in flown] == [ids[FLOWN_THURSDAY]]
    assert [(s.kind, s.id) for s in flown[0].flown_by] == [("flight", flight)]

    stats = booking_stats(linked, flying_spans(book), to_date=date(2007, 12, 27))
    assert (stats.booked, stats.flown, stats.cancelled, stats.unrecorded) == (12, 1, 11, 0)
    assert stats.by_reason == {"weather": 11}
    assert stats.by_detail == {"wind": 2, "cloud": 2, "crosswind": 2, "visibility": 2,
                               "rain": 2, "gusts": 1}
    assert stats.current_gap_days == 42  # six weeks since the last flight
    assert stats.longest_gap_days == 56  # 20 September to 15 November
    assert stats.longest_cancellation_run == 6  # 4 October to 8 November
    assert stats.flown_share == pytest.approx(1 / 12)
    assert stats.by_month == {
        "2007-10": {"booked": 4, "flown": 0, "cancelled": 4, "unrecorded": 0},
        "2007-11": {"booked": 5, "flown": 1, "cancelled": 4, "unrecorded": 0},
        "2007-12": {"booked": 3, "flown": 0, "cancelled": 3, "unrecorded": 0},
    }


def test_stats_window_and_the_day_he_flew_again(book):
    replay_autumn(book)
    add_booking(book, "2007-12-27", "10:00", aircraft="G-BOYO")
    add_flight(book, "2007-12-27T10:15:00", "2007-12-27T11:00:00")
    spans = flying_spans(book)
    linked = linked_bookings(book)
    december = booking_stats(linked, spans, from_date=date(2007, 12, 1),
                             to_date=date(2007, 12, 31))
    assert (december.booked, december.flown, december.cancelled) == (4, 1, 3)
    assert december.current_gap_days == 4
    # the gap that ended on the 27th began before the window: counted in full
    assert december.longest_gap_days == 42
    assert december.longest_cancellation_run == 3


def test_stats_without_flying_say_so(book):
    add_booking(book, "2007-10-04")
    stats = booking_stats(linked_bookings(book), flying_spans(book),
                          to_date=date(2007, 12, 27))
    assert stats.unrecorded == 1
    assert stats.current_gap_days is None and stats.longest_gap_days is None
    assert stats.to_json()["flown_share"] == 0.0
    empty = booking_stats([], [], to_date=date(2007, 12, 27))
    assert math.isnan(empty.flown_share) and empty.to_json()["flown_share"] is None


def test_link_window_is_an_hour_before_to_two_hours_after(book):
    booking = add_booking(book, "2007-11-15", "10:00", hours=1)  # 10:00-11:00 UTC
    spans_at = {
        "just inside before": ("2007-11-15T08:30:00", "2007-11-15T09:00:00"),
        "just inside after": ("2007-11-15T13:00:00", "2007-11-15T13:30:00"),
    }
    for off, on in spans_at.values():
        flight = add_flight(book, off, on)
        status = linked_bookings(book)[0]
        assert status.status == "flown" and status.flown_by[-1].id == flight
        with book.transaction():
            book.conn.execute("delete from flights where id = ?", [flight])
    add_flight(book, "2007-11-15T13:01:00", "2007-11-15T14:00:00")
    add_flight(book, "2007-11-15T07:00:00", "2007-11-15T08:59:00")
    assert linked_bookings(book)[0].status == "unrecorded"
    assert book.booking(booking).id == booking


def test_future_booking_is_booked_not_unrecorded(book):
    add_booking(book, "2007-12-27")
    before = linked_bookings(book, now_utc=utc("2007-12-26T12:00:00"))
    after = linked_bookings(book, now_utc=utc("2007-12-28T12:00:00"))
    assert before[0].status == "booked" and after[0].status == "unrecorded"


def test_logbook_entries_link_by_times_or_by_date(book):
    timed = add_booking(book, "2007-11-15", "10:00")
    dated = add_booking(book, "2007-11-22", "10:00")
    alone = add_booking(book, "2007-11-29", "10:00")
    PilotLogbook.ENTRIES = [
        Entry(1, "2007-11-15", "2007-11-15T10:30:00Z", "2007-11-15T11:30:00Z"),
        Entry(2, "2007-11-22"),
    ]
    status = {x.booking.id: x for x in linked_bookings(book)}
    assert [(s.kind, s.id) for s in status[timed].flown_by] == [("entry", 1)]
    assert [(s.kind, s.id) for s in status[dated].flown_by] == [("entry", 2)]
    assert status[alone].status == "unrecorded"


def test_cancel_cancelled_or_flown_is_refused(book):
    ids, _ = replay_autumn(book)
    linked = {x.booking.id: x for x in linked_bookings(book)}
    with pytest.raises(StoreError, match="already cancelled"):
        check_cancellable(linked[ids["2007-10-04"]])
    with pytest.raises(StoreError, match="was flown"):
        check_cancellable(linked[ids[FLOWN_THURSDAY]])


def test_a_cancelled_booking_stays_cancelled_when_a_flight_overlaps(book):
    booking = add_booking(book, "2007-11-15")
    with book.transaction():
        book.cancel_booking(booking, reason="aircraft", note="G-BOYO unserviceable")
    add_flight(book, "2007-11-15T10:00:00", "2007-11-15T11:00:00")
    status = linked_bookings(book)[0]
    assert status.status == "cancelled" and status.flown_by == ()
    assert status.to_json()["note"] == "G-BOYO unserviceable"


def test_booking_json_has_local_and_utc_times(book):
    booking = add_booking(book, "2007-07-05", "14:30", hours=1.5, instructor="Pete")
    data = linked_bookings(book)[0].to_json()
    assert data["id"] == booking
    assert (data["date"], data["time"]) == ("2007-07-05", "14:30")
    assert data["start_utc"] == "2007-07-05T13:30:00Z"  # BST is UTC+1
    assert data["end_utc"] == "2007-07-05T15:00:00Z"
    assert data["duration_min"] == 90 and data["instructor"] == "Pete"


@pytest.mark.parametrize(("day", "hhmm", "expected"), [
    ("2007-12-27", "10:00", "2007-12-27T10:00:00+00:00"),
    ("2007-07-05", "10:00", "2007-07-05T09:00:00+00:00"),
    ("2007-10-28", "01:30", "2007-10-28T00:30:00+00:00"),  # the first 01:30 of two
])
def test_local_time_to_utc(day, hhmm, expected):
    assert local_to_utc(day, hhmm, LONDON).isoformat() == expected


@pytest.mark.parametrize(("day", "hhmm", "message"), [
    ("2007-13-01", "10:00", "not a date"),
    ("27/12/2007", "10:00", "not a date"),
    ("2007-12-27", "25:00", "not a time"),
    ("2007-12-27", "10h", "not a time"),
    ("2007-03-25", "01:30", "does not exist"),  # the clocks go forward at 01:00
])
def test_bad_local_times_are_refused(day, hhmm, message):
    with pytest.raises(LogbookError, match=message):
        local_to_utc(day, hhmm, LONDON)


@pytest.mark.parametrize(("text", "minutes"), [
    ("1h30m", 90), ("90m", 90), ("2h", 120), ("1:30", 90), ("45min", 45)])
def test_durations(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "0h", "1.5h", "soon", "h"])
def test_bad_durations(text):
    with pytest.raises(LogbookError, match=r"duration|no time"):
        parse_duration(text)


def test_crosswind_table_is_seeded_and_editable(book):
    limits = book.crosswind_limits_kt()
    assert (limits["C152"], limits["C172"], limits["PA28"], limits["DA40"]) == (
        12.0, 15.0, 17.0, 20.0)
    with book.transaction():
        book.set_crosswind_limit("Robin DR400", 22.0, source="DR400 flight manual")
    assert book.crosswind_limits_kt()["ROBINDR400"] == 22.0
    assert limits_for(book, "PA-28").type_crosswind_kt == 17.0
    assert limits_for(book, "Cessna 152").type_crosswind_kt == 12.0
    PilotLogbook.AIRCRAFT = {"G-BOYO": "C152"}
    assert aircraft_type_of(book, "g-boyo") == "C152"
    assert aircraft_type_of(book, "DA40") == "DA40"  # a type given as the aircraft
    assert aircraft_type_of(book, "G-UNKN") is None
    # the pilot's own setting for the type wins over the table
    PilotLogbook.SETTINGS = {"crosswind_kt.C152": 10.0}
    assert limits_for(book, "C152").type_crosswind_kt == 10.0


def test_limits_read_the_pilots_settings(book):
    PilotLogbook.SETTINGS = {"crosswind_kt": 8.0, "cloud_base_ft": 1500.0}
    limits = limits_for(book, "C152")
    assert (limits.type_crosswind_kt, limits.crosswind_kt, limits.cloud_base_ft) == (
        12.0, 8.0, 1500.0)
    assert math.isnan(limits.gust_kt) and math.isnan(limits.visibility_m)
    PilotLogbook.SETTINGS = {"gust_kt": "lots"}
    with pytest.raises(LogbookError, match="gust_kt"):
        limits_for(book, None)


def test_links_ignore_bookings_of_other_days():
    assert link_bookings([], [], now_utc=datetime.now(UTC)) == []
