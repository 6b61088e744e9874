"""Bookings as a student sees them: flown, cancelled, unrecorded, and the pattern.

A booking that was not cancelled counts as flown when a flight or logbook entry
overlaps it, from an hour before it starts to two hours after it ends (lessons
start late and run long). A past booking neither flown nor cancelled is
unrecorded; a future one is still booked.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from logbook.errors import LogbookError, StoreError
from logbook.store.bookings import Booking, type_key
from logbook.store.records import parse_utc
from logbook.timezones import airport_zone

if TYPE_CHECKING:
    from logbook.store import Logbook
    from logbook.weather import Limits

Status = Literal["booked", "flown", "cancelled", "unrecorded"]

LINK_BEFORE = timedelta(hours=1)  # a flight may start this much before the booking
LINK_AFTER = timedelta(hours=2)  # ... and end this much after it ends
DEFAULT_DURATION = timedelta(hours=1)  # one lesson
DEFAULT_AIRPORT = "EGBW"
# personal minimums read from the pilot's settings, by setting key
MINIMUM_SETTINGS = ("crosswind_kt", "gust_kt", "cloud_base_ft", "visibility_m")


@dataclass(frozen=True)
class Span:
    """A time spent flying: a stored flight or a logbook entry."""

    start_utc: datetime
    end_utc: datetime
    kind: Literal["flight", "entry"]
    id: int


@dataclass(frozen=True)
class LinkedBooking:
    """A booking with what became of it."""

    booking: Booking
    status: Status
    flown_by: tuple[Span, ...] = field(default=())

    @property
    def local_start(self) -> datetime:
        return _utc(self.booking.start_utc).astimezone(ZoneInfo(self.booking.timezone))

    def to_json(self) -> dict[str, Any]:
        """The object `logbook bookings --json` prints: a contract, keep its keys."""
        b = self.booking
        start, end = _utc(b.start_utc), _utc(b.end_utc)
        return {
            "id": b.id, "date": self.local_start.date().isoformat(),
            "time": self.local_start.strftime("%H:%M"), "timezone": b.timezone,
            "start_utc": b.start_utc, "end_utc": b.end_utc,
            "duration_min": round((end - start).total_seconds() / 60.0),
            "airport": b.airport, "aircraft": b.aircraft, "instructor": b.instructor,
            "lesson": b.lesson, "status": self.status, "cancelled_utc": b.cancelled_utc,
            "reason": b.reason, "detail": b.detail, "note": b.note, "metar": b.metar,
            "flown_by": [{"kind": s.kind, "id": s.id} for s in self.flown_by],
        }


def _utc(text: str) -> datetime:
    moment = parse_utc(text)
    assert moment is not None  # booking times are never null
    return moment


def link_bookings(bookings: list[Booking], spans: list[Span], *,
                  now_utc: datetime) -> list[LinkedBooking]:
    """What became of each booking, given the times spent flying."""
    linked = []
    for b in bookings:
        start, end = _utc(b.start_utc), _utc(b.end_utc)
        overlapping = tuple(s for s in spans if s.end_utc >= start - LINK_BEFORE
                            and s.start_utc <= end + LINK_AFTER)
        status: Status
        if b.cancelled:
            status, overlapping = "cancelled", ()
        elif overlapping:
            status = "flown"
        else:
            status = "unrecorded" if end < now_utc else "booked"
        linked.append(LinkedBooking(b, status, overlapping))
    return linked


def flying_spans(book: "Logbook") -> list[Span]:
    """Flights and logbook entries as times spent flying, earliest first."""
    spans = [Span(_utc(f.off_block_utc), _utc(f.on_block_utc), "flight", f.id)
             for f in book.flights()]
    entries = getattr(book, "entries", None)
    for entry in entries() if entries is not None else []:
        span = _entry_span(entry)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start_utc)


def _entry_span(entry: Any) -> Span | None:
    """A logbook entry's block times, or its whole (UTC) day when it has none."""
    start = getattr(entry, "off_block_utc", None)
    end = getattr(entry, "on_block_utc", None)
    if start is not None and end is not None:
        begin = start if isinstance(start, datetime) else _utc(str(start))
        finish = end if isinstance(end, datetime) else _utc(str(end))
        return Span(begin, finish, "entry", int(entry.id))
    day = getattr(entry, "date", None)
    if day is None:
        return None
    day = date.fromisoformat(str(day)[:10])
    midnight = datetime.combine(day, time(), tzinfo=UTC)
    return Span(midnight, midnight + timedelta(days=1), "entry", int(entry.id))


def linked_bookings(book: "Logbook", *, now_utc: datetime | None = None
                    ) -> list[LinkedBooking]:
    """Every booking in the logbook with what became of it."""
    return link_bookings(book.bookings(), flying_spans(book),
                         now_utc=now_utc or datetime.now(UTC))


def check_cancellable(linked: LinkedBooking) -> None:
    """Raise when a booking cannot be cancelled: already cancelled, or flown."""
    b = linked.booking
    if linked.status == "cancelled":
        raise StoreError(f"booking {b.id} is already cancelled ({b.reason})")
    if linked.status == "flown":
        what = ", ".join(f"{s.kind} {s.id}" for s in linked.flown_by)
        raise StoreError(f"booking {b.id} was flown ({what}); it cannot be cancelled")


# settings and limits


def pilot_setting(book: "Logbook", key: str) -> str | None:
    """One of the pilot's settings as text, None when not set."""
    value = book.setting(key)  # the settings store parses and checks the value
    return None if value is None else str(value)


def _setting_number(book: "Logbook", key: str) -> float:
    text = pilot_setting(book, key)
    if text is None or text == "":
        return math.nan
    try:
        return float(text)
    except ValueError as e:
        raise LogbookError(f"setting {key}: {text!r} is not a number") from e


def limits_for(book: "Logbook", aircraft_type: str | None) -> "Limits":
    """The aircraft type's maximum demonstrated crosswind and the pilot's minimums."""
    from logbook.weather import Limits

    type_kt = math.nan
    if aircraft_type is not None:  # the pilot's crosswind_kt.TYPE setting wins
        type_kt = _setting_number(book, f"crosswind_kt.{type_key(aircraft_type)}")
        if math.isnan(type_kt):
            type_kt = book.crosswind_limits_kt().get(type_key(aircraft_type), math.nan)
    minimums = {key: _setting_number(book, key) for key in MINIMUM_SETTINGS}
    return Limits(type_crosswind_kt=type_kt, aircraft_type=aircraft_type, **minimums)


def home_airport(book: "Logbook") -> str:
    return (pilot_setting(book, "home") or DEFAULT_AIRPORT).upper()


def airport_timezone(book: "Logbook", airport: str) -> str:
    """The zone of the airport's country, else the pilot's `timezone` setting."""
    name = airport_zone(airport) or pilot_setting(book, "timezone")
    if name is None:
        raise LogbookError(f"no time zone known for {airport}; set the `timezone` "
                           "setting (e.g. Europe/London)")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise LogbookError(f"unknown time zone {name!r}") from e
    return name


# parsing what the user typed


def local_to_utc(date_text: str, time_text: str, timezone: str) -> datetime:
    """A local date (YYYY-MM-DD) and time (HH:MM) at the airport, in UTC."""
    try:
        day = date.fromisoformat(date_text)
    except ValueError as e:
        raise LogbookError(f"{date_text!r}: not a date, expected YYYY-MM-DD") from e
    if not re.fullmatch(r"\d{1,2}:\d{2}", time_text):
        raise LogbookError(f"{time_text!r}: not a time, expected HH:MM (local time)")
    hours, minutes = (int(part) for part in time_text.split(":"))
    if hours > 23 or minutes > 59:
        raise LogbookError(f"{time_text!r}: not a time, expected HH:MM (local time)")
    zone = ZoneInfo(timezone)
    local = datetime.combine(day, time(hours, minutes), tzinfo=zone)
    utc = local.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise LogbookError(f"{date_text} {time_text} does not exist in {timezone} "
                           "(the clocks go forward)")
    return utc


def parse_duration(text: str) -> timedelta:
    """"1h30m", "90m", "2h" or "1:30" as a timedelta.

    >>> parse_duration("1h30m"), parse_duration("1:30") == parse_duration("90m")
    (datetime.timedelta(seconds=5400), True)
    """
    match = (re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m(?:in)?)?", text.strip().lower())
             or re.fullmatch(r"(\d+):(\d{2})", text.strip()))
    if match is None or not any(match.groups()):
        raise LogbookError(f"{text!r}: not a duration, expected e.g. 1h30m, 90m or 1:30")
    hours, minutes = (int(g) if g else 0 for g in match.groups())
    duration = timedelta(hours=hours, minutes=minutes)
    if duration <= timedelta(0):
        raise LogbookError(f"{text!r}: a booking lasts more than no time")
    return duration


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise LogbookError(f"{option} {text!r}: not a date, expected YYYY-MM-DD") from e


def count_by(linked: list[LinkedBooking], key: str) -> dict[str, int]:
    """Cancellations counted by reason or detail, most frequent first."""
    counts = Counter(getattr(x.booking, key) or "unspecified" for x in linked
                     if x.status == "cancelled")
    return dict(counts.most_common())


# the pattern


@dataclass(frozen=True)
class BookingStats:
    """Bookings between two local dates, and the gaps without flying up to the last."""

    from_date: date | None
    to_date: date
    booked: int
    flown: int
    cancelled: int
    unrecorded: int
    upcoming: int
    by_reason: dict[str, int]
    by_detail: dict[str, int]
    by_month: dict[str, dict[str, int]]
    last_flight_date: date | None
    current_gap_days: int | None
    longest_gap_days: int | None
    longest_cancellation_run: int

    @property
    def flown_share(self) -> float:
        """Flown out of the bookings whose time has come; NaN when none has."""
        due = self.flown + self.cancelled + self.unrecorded
        return self.flown / due if due else math.nan

    def to_json(self) -> dict[str, Any]:
        """The object `logbook bookings stats --json` prints: keep its keys."""
        share = self.flown_share
        return {
            "from": None if self.from_date is None else self.from_date.isoformat(),
            "to": self.to_date.isoformat(), "booked": self.booked, "flown": self.flown,
            "cancelled": self.cancelled, "unrecorded": self.unrecorded,
            "upcoming": self.upcoming, "flown_share": None if math.isnan(share)
            else round(share, 3), "by_reason": self.by_reason,
            "by_detail": self.by_detail, "by_month": self.by_month,
            "last_flight_date": None if self.last_flight_date is None
            else self.last_flight_date.isoformat(),
            "current_gap_days": self.current_gap_days,
            "longest_gap_days": self.longest_gap_days,
            "longest_cancellation_run": self.longest_cancellation_run,
        }


def booking_stats(linked: list[LinkedBooking], spans: list[Span], *,
                  from_date: date | None = None, to_date: date) -> BookingStats:
    """Counts of the bookings starting from_date to to_date (local dates, both
    included), and the gaps between days with flying up to to_date."""
    chosen = [x for x in linked if (from_date is None or x.local_start.date() >= from_date)
              and x.local_start.date() <= to_date]
    statuses = Counter(x.status for x in chosen)
    flying_days = sorted({s.start_utc.date() for s in spans
                          if s.start_utc.date() <= to_date})
    current, longest = _gaps_days(flying_days, from_date=from_date, to_date=to_date)
    return BookingStats(
        from_date=from_date, to_date=to_date, booked=len(chosen),
        flown=statuses["flown"], cancelled=statuses["cancelled"],
        unrecorded=statuses["unrecorded"], upcoming=statuses["booked"],
        by_reason=count_by(chosen, "reason"), by_detail=count_by(chosen, "detail"),
        by_month=_by_month(chosen), last_flight_date=flying_days[-1] if flying_days
        else None, current_gap_days=current, longest_gap_days=longest,
        longest_cancellation_run=_longest_run(chosen))


def _gaps_days(flying_days: list[date], *, from_date: date | None,
               to_date: date) -> tuple[int | None, int | None]:
    """(days from the last flying day to to_date, longest such gap in the period);
    the last flying day before from_date starts the period's first gap."""
    if not flying_days:
        return None, None
    if from_date is not None:
        before = [d for d in flying_days if d < from_date]
        flying_days = before[-1:] + [d for d in flying_days if d >= from_date]
    ends = [*flying_days, to_date]
    gaps = [(b - a).days for a, b in pairwise(ends)]
    return gaps[-1], max(gaps)


def _by_month(chosen: list[LinkedBooking]) -> dict[str, dict[str, int]]:
    months: dict[str, Counter[str]] = {}
    for x in chosen:
        counts = months.setdefault(x.local_start.strftime("%Y-%m"), Counter())
        counts["booked"] += 1
        counts[x.status] += 1
    return {month: {key: counts[key] for key in ("booked", "flown", "cancelled",
                                                 "unrecorded")}
            for month, counts in sorted(months.items())}


def _longest_run(chosen: list[LinkedBooking]) -> int:
    """Most cancellations in a row; a flown booking ends a run, unrecorded and
    upcoming ones neither end nor extend it."""
    longest = run = 0
    for x in sorted(chosen, key=lambda x: x.booking.start_utc):
        if x.status == "cancelled":
            run += 1
            longest = max(longest, run)
        elif x.status == "flown":
            run = 0
    return longest


def aircraft_type_of(book: "Logbook", aircraft: str | None) -> str | None:
    """A booking's aircraft as a type: its recorded type ("G-BOYO" -> "C152"), or
    itself when it names a type in the crosswind table ("C152"); else None."""
    if not aircraft:
        return None
    lookup = getattr(book, "aircraft_type", None)  # aircraft live with the entries
    recorded = None if lookup is None else lookup(aircraft)
    if recorded is not None:
        return recorded
    return aircraft if type_key(aircraft) in book.crosswind_limits_kt() else None


def assess_weather(book: "Logbook", *, airport: str | None = None,
                   metar_text: str | None = None, aircraft_type: str | None = None,
                   booking_id: int | None = None,
                   day: date | None = None) -> dict[str, Any]:
    """`logbook weather`: a METAR (or a booking's) against the runways and limits."""
    from logbook.airports import default_db
    from logbook.weather import decode_metar, weather_report

    booking = None if booking_id is None else book.booking(booking_id)
    if metar_text is None and booking is not None and booking.metar is not None:
        metar_text = booking.metar["raw"]
    if not metar_text:
        raise LogbookError("no METAR: give --metar TEXT"
                           + ("" if booking is None else
                              f" (booking {booking.id} has none stored)"))
    when = {}
    if day is not None:                  # a METAR says only the day of the month
        when = {"month": day.month, "year": day.year}
    elif booking is not None:
        local = _utc(booking.start_utc).astimezone(ZoneInfo(booking.timezone))
        when = {"month": local.month, "year": local.year}
    ident = airport or (booking.airport if booking else None) or home_airport(book)
    found = default_db().airport(ident)
    if aircraft_type is None and booking is not None:
        aircraft_type = aircraft_type_of(book, booking.aircraft)
    observation = decode_metar(metar_text, **when)
    if observation.station and observation.time_utc is not None:
        with book.transaction():
            book.store_metar(observation)      # the weather log of the day
    return weather_report(found, observation, limits_for(book, aircraft_type))
