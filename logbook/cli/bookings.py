"""`logbook book`, `logbook cancel`, `logbook bookings [stats]` and `logbook weather`."""

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.store.bookings import DETAILS, REASONS

if TYPE_CHECKING:
    from logbook.bookings import BookingStats, LinkedBooking
    from logbook.store import Logbook


@click.command(name="book")
@click.argument("date_text", metavar="DATE")
@click.argument("time_text", metavar="TIME")
@click.option("--airport", help="ICAO code [default: the home airfield, EGBW].")
@click.option("--aircraft", help="Registration (G-BOYO) or type (C152).")
@click.option("--instructor", help="The instructor's name.")
@click.option("--lesson", help="What the lesson is for.")
@click.option("--duration", default="1h", show_default=True,
              help="How long: 1h30m, 90m or 1:30.")
@json_option
@pass_book
def book_command(book: "Logbook", date_text: str, time_text: str, airport: str | None,
                 aircraft: str | None, instructor: str | None, lesson: str | None,
                 duration: str, as_json: bool) -> None:
    """Book a lesson at DATE (YYYY-MM-DD) and TIME (HH:MM, local at the airport).

    \b
    Example:
        logbook book 2007-12-27 10:00 --aircraft G-BOYO --duration 2h
    """
    from logbook import bookings as logic

    airport = (airport or logic.home_airport(book)).upper()
    timezone = logic.airport_timezone(book, airport)
    start_utc = logic.local_to_utc(date_text, time_text, timezone)
    end_utc = start_utc + logic.parse_duration(duration)
    with book.transaction():
        booking_id = book.add_booking(
            start_utc=start_utc, end_utc=end_utc, timezone=timezone, airport=airport,
            aircraft=aircraft, instructor=instructor, lesson=lesson)
    if as_json:
        echo_json(_linked(book, booking_id).to_json())
    else:
        click.echo(booking_id)


@click.command(name="cancel")
@click.argument("booking_id", metavar="ID", type=int)
@click.option("--reason", required=True, type=click.Choice(REASONS))
@click.option("--detail", type=click.Choice(DETAILS), help="What about it.")
@click.option("--metar", "metar_text", metavar="TEXT", help="The METAR of the day.")
@click.option("--note", help="Anything else worth keeping.")
@pass_book
def cancel_command(book: "Logbook", booking_id: int, reason: str, detail: str | None,
                   metar_text: str | None, note: str | None) -> None:
    """Record that booking ID was cancelled, and why.

    \b
    Example:
        logbook cancel 7 --reason weather --detail crosswind \\
            --metar "EGBW 291020Z 30018G28KT 9999 SCT030 06/01 Q1008"
    """
    from logbook.bookings import check_cancellable
    from logbook.weather import decode_metar

    with book.transaction():
        linked = _linked(book, booking_id)  # under the write lock
        check_cancellable(linked)
        metar_id, observation = None, None
        if metar_text:
            start = linked.local_start
            observation = decode_metar(metar_text, month=start.month, year=start.year)
            metar_id = book.add_metar(observation)
        book.cancel_booking(booking_id, reason=reason, detail=detail, note=note,
                            metar_id=metar_id)
    for warning in observation.warnings if observation else ():
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"booking {booking_id} cancelled: {reason}"
               + (f" ({detail})" if detail else ""))


def _linked(book: "Logbook", booking_id: int) -> "LinkedBooking":
    from logbook.bookings import flying_spans, link_bookings

    return link_bookings([book.booking(booking_id)], flying_spans(book),
                         now_utc=datetime.now(UTC))[0]


@click.group(name="bookings", invoke_without_command=True)
@json_option
@click.pass_context
def bookings(ctx: click.Context, as_json: bool) -> None:
    """List the bookings and what became of them; `bookings stats` sums them up.

    \b
    Example:
        logbook bookings
        logbook bookings stats --from 2007-10-01
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(_list_bookings, as_json=as_json)


@pass_book
def _list_bookings(book: "Logbook", as_json: bool) -> None:
    from logbook.bookings import linked_bookings

    linked = linked_bookings(book)
    if as_json:
        echo_json([x.to_json() for x in linked])
        return
    if not linked:
        click.echo("No bookings yet: `logbook book DATE TIME` makes one.")
        return
    click.echo(f"{'id':>4}  {'date':<10}  {'time':<5}  {'airport':<7}  "
               f"{'aircraft':<8}  {'status':<10}  why")
    for x in linked:
        b, why = x.booking, ""
        if x.status == "cancelled":
            why = (b.reason or "") + (f" ({b.detail})" if b.detail else "")
        elif x.status == "flown":
            why = ", ".join(f"{s.kind} {s.id}" for s in x.flown_by)
        click.echo(f"{b.id:>4}  {x.local_start:%Y-%m-%d}  {x.local_start:%H:%M}  "
                   f"{b.airport or '-':<7}  {b.aircraft or '-':<8}  {x.status:<10}  {why}")


@bookings.command(name="stats")
@click.option("--from", "from_text", metavar="DATE", help="First day (YYYY-MM-DD).")
@click.option("--to", "to_text", metavar="DATE", help="Last day [default: today].")
@json_option
@pass_book
def stats_command(book: "Logbook", from_text: str | None, to_text: str | None,
                  as_json: bool) -> None:
    """Booked, flown and cancelled, by reason and month, and the gaps without flying.

    \b
    Example:
        logbook bookings stats --from 2007-10-01 --to 2007-12-31
    """
    from logbook.bookings import booking_stats, flying_spans, link_bookings, parse_day

    from_date = None if from_text is None else parse_day(from_text, "--from")
    to_date = (datetime.now(UTC).date() if to_text is None
               else parse_day(to_text, "--to"))
    spans = flying_spans(book)
    linked = link_bookings(book.bookings(), spans, now_utc=datetime.now(UTC))
    stats = booking_stats(linked, spans, from_date=from_date, to_date=to_date)
    if as_json:
        echo_json(stats.to_json())
    else:
        _echo_stats(stats)


def _echo_stats(stats: "BookingStats") -> None:
    share = stats.flown_share
    click.echo(f"{stats.booked} booked, {stats.flown} flown, {stats.cancelled} "
               f"cancelled, {stats.unrecorded} unrecorded, {stats.upcoming} to come"
               + ("" if math.isnan(share) else f"; {share:.0%} flown"))
    for reason, count in stats.by_reason.items():
        click.echo(f"  cancelled for {reason}: {count}")
    for month, counts in stats.by_month.items():
        click.echo(f"  {month}: {counts['booked']} booked, {counts['flown']} flown, "
                   f"{counts['cancelled']} cancelled")
    if stats.last_flight_date is None:
        click.echo("No flying recorded yet.")
    else:
        click.echo(f"Last flew {stats.last_flight_date}: {stats.current_gap_days} days "
                   f"to {stats.to_date}; longest gap {stats.longest_gap_days} days")
    click.echo(f"Longest run of cancellations: {stats.longest_cancellation_run}")


@click.command(name="weather")
@click.option("--airport", help="ICAO code [default: the booking's, else the home one].")
@click.option("--metar", "metar_text", metavar="TEXT",
              help="The METAR [default: the one stored with --booking].")
@click.option("--type", "aircraft_type", metavar="TYPE",
              help="Aircraft type for its crosswind limit [default: the booking's].")
@click.option("--booking", "booking_id", type=int, metavar="ID",
              help="Judge the weather of this booking.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="The METAR's UTC date (a METAR gives only the day of the month) "
                   "[default: the booking's, else this month].")
@json_option
@pass_book
def weather_command(book: "Logbook", airport: str | None, metar_text: str | None,
                    aircraft_type: str | None, booking_id: int | None,
                    day: datetime | None, as_json: bool) -> None:
    """Wind components on every runway, the best one, and a verdict against limits.

    The METAR is kept in the logbook's weather log, so `logbook plot` of that
    day draws the wind.

    \b
    Example:
        logbook weather --airport EGBW --type C152 \\
            --metar "EGBW 271050Z 27020G30KT 9999 SCT025 08/04 Q1012"
    """
    from logbook.bookings import assess_weather

    result = assess_weather(book, airport=airport, metar_text=metar_text,
                            aircraft_type=aircraft_type, booking_id=booking_id,
                            day=day.date() if day else None)
    if as_json:
        echo_json(result)
        return
    for warning in result["metar"]["warnings"]:
        click.echo(f"Warning: {warning}", err=True)
    _echo_weather(result)


def _echo_weather(result: dict[str, Any]) -> None:
    click.echo(f"{result['airport']}: {result['wind']}")
    click.echo(f"{'runway':<6}  {'heading':>7}  {'headwind':>8}  {'crosswind':>9}  "
               f"{'in gusts':>8}")
    for w in result["runways"]:
        click.echo(f"{w['runway']:<6}  {_kt(w['heading_deg'], 'T'):>7}  "
                   f"{_kt(w['headwind_kt']):>8}  {_kt(w['crosswind_kt']):>9}  "
                   f"{_kt(w['gust_crosswind_kt']):>8}")
    click.echo(f"best runway: {result['best_runway'] or '-'}")
    click.echo(f"verdict: {result['verdict']}")
    for reason in result["reasons"]:
        click.echo(f"  {reason}")


def _kt(value: float | None, suffix: str = " kt") -> str:
    return "-" if value is None else f"{value:g}{suffix}"


__all__ = ["book_command", "bookings", "cancel_command", "weather_command"]
