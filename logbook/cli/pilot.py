"""The pilot's logbook commands: entries, aircraft, totals, progress, currency,
settings, printing and CSV interchange."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.pilot.entries import CAPACITIES, Entry, parse_day, parse_duration_min
from logbook.store import Logbook
from logbook.units import hhmm


def today_utc() -> date:
    return datetime.now(UTC).date()


def day_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else parse_day(value)


def _minutes(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    return None if value is None else parse_duration_min(value)


def entry_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The fields of an entry, for `add` and `edit`."""
    options = [
        click.option("--date", "day", callback=day_callback, help="Date (YYYY-MM-DD, UTC)."),
        click.option("--reg", "registration", help="Aircraft registration."),
        click.option("--type", "aircraft_type", help="Aircraft type (remembered)."),
        click.option("--capacity", help="One of " + ", ".join(CAPACITIES) + "."),
        click.option("--from", "departure", help="Departure aerodrome."),
        click.option("--to", "arrival", help="Arrival aerodrome."),
        click.option("--off", help="Off-block time, HH:MM UTC."),
        click.option("--on", help="On-block time, HH:MM UTC (earlier: next day)."),
        click.option("--total", callback=_minutes, help="Total time (H:MM) if no times."),
        click.option("--landings", type=click.IntRange(min=0), help="Day landings."),
        click.option("--night-landings", type=click.IntRange(min=0)),
        click.option("--takeoffs", type=click.IntRange(min=0),
                     help="Day takeoffs [default: the day landings]."),
        click.option("--night-takeoffs", type=click.IntRange(min=0)),
        click.option("--full-stops", type=click.IntRange(min=0),
                     help="Full-stop landings [default: the last one]."),
        click.option("--night", "night_min", callback=_minutes, help="Night time."),
        click.option("--ifr", "ifr_min", callback=_minutes, help="IFR time."),
        click.option("--xc/--no-xc", default=None, help="A cross-country flight."),
        click.option("--fstd/--no-fstd", default=None, help="A simulator session."),
        click.option("--instructor", "pic_name", help="Name of the PIC or instructor."),
        click.option("--remarks", help="Lesson, exercise, remarks."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _show(entry: Entry, as_json: bool, message: str) -> None:
    if as_json:
        echo_json(entry.to_json())
    else:
        click.echo(message)


@click.group(name="aircraft", invoke_without_command=True)
@click.pass_context
def aircraft(ctx: click.Context) -> None:
    """List the aircraft you have flown, or `add` one.

    \b
    Example:
        logbook aircraft add G-BOYL --type C152
        logbook aircraft
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(aircraft_list)


@pass_book
def aircraft_list(book: Logbook) -> None:
    rows = book.aircraft()
    if not rows:
        click.echo("No aircraft yet: `logbook aircraft add G-BOYL --type C152`.")
    for row in rows:
        click.echo(f"{row['registration']:<8} {row['type']}"
                   + ("  multi-engine" if row["multi_engine"] else ""))


@aircraft.command(name="add")
@click.argument("registration")
@click.option("--type", "aircraft_type", required=True, help="Type code, e.g. C152.")
@click.option("--multi-engine", is_flag=True)
@pass_book
def aircraft_add(book: Logbook, registration: str, aircraft_type: str,
                 multi_engine: bool) -> None:
    """Remember an aircraft's type.

    \b
    Example:
        logbook aircraft add G-BOYL --type C152
    """
    pilot = book
    with pilot.transaction():
        pilot.add_aircraft(registration, aircraft_type, multi_engine=multi_engine)
    click.echo(f"{registration.upper()}: {aircraft_type.upper()}")


@click.command(name="log")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@click.option("--capacity", help="One of " + ", ".join(CAPACITIES) + ".")
@click.option("--reg", "registration", help="Aircraft registration.")
@click.option("--instructor", help="Name of the instructor (or PIC).")
@click.option("--entry", "entry_id", type=int, help="Attach to an entry typed earlier.")
@click.option("--with", "with_flights", type=int, multiple=True, metavar="OTHER",
              help="Log with this flight as one series entry (repeatable).")
@click.option("--use-track", is_flag=True, help="Replace typed values by the track's.")
@json_option
@pass_book
def log_command(book: Logbook, flight_id: int, capacity: str | None,
                registration: str | None, instructor: str | None,
                entry_id: int | None, with_flights: tuple[int, ...], use_track: bool,
                as_json: bool) -> None:
    """Confirm a detected flight's entry, correcting it, attaching it to an entry
    typed earlier (--entry), or logging a circuit series as one entry (--with:
    same day, same place, gaps of 30 min at most; AMC1 FCL.050).

    \b
    Example:
        logbook log 3 --capacity P/UT --reg G-BOYL --instructor "J Smith"
        logbook log 3 --with 4
    """
    from logbook.pilot.log import log_flight

    done = log_flight(book, flight_id, capacity=capacity, registration=registration,
                      instructor=instructor, entry_id=entry_id,
                      with_flights=with_flights, use_track=use_track)
    e = done.entry
    _show(e, as_json, f"entry {e.id}: {e.date} {e.departure or '?'}-{e.arrival or '?'} "
          f"{e.capacity} {hhmm(e.total_min)} (flights "
          f"{', '.join(map(str, e.flights))})")
    if not as_json:
        for key, typed, track in done.kept_typed:
            click.echo(f"  kept your {key} {typed} (the track says {track}); "
                       "--use-track takes the track's")


@click.command(name="add")
@entry_options
@json_option
@pass_book
def add_command(book: Logbook, day: date | None, registration: str | None,
                aircraft_type: str | None, capacity: str | None, off: str | None,
                on: str | None, total: int | None, landings: int | None,
                night_landings: int | None, takeoffs: int | None,
                night_takeoffs: int | None, full_stops: int | None, as_json: bool,
                **rest: Any) -> None:
    """Add an entry by hand; times are UTC. Prints the new entry's id.

    \b
    Example:
        logbook add --date 2007-12-27 --reg G-BOYL --type C152 --capacity P/UT \\
            --from EGBW --to EGBW --off 10:05 --on 10:50 --landings 6
    """
    from logbook.pilot.log import remember, typed_entry

    pilot = book
    with pilot.transaction():
        entry = typed_entry(pilot, day=day or today_utc(), capacity=capacity,
                            registration=registration, aircraft_type=aircraft_type,
                            off=off, on=on, total=total, landings=landings or 0,
                            night_landings=night_landings or 0, takeoffs=takeoffs,
                            night_takeoffs=night_takeoffs, full_stops=full_stops, **rest)
        entry_id = pilot.save_entry(entry)
        remember(pilot, entry)
    _show(pilot.entry(entry_id), as_json, str(entry_id))


@click.command(name="edit")
@click.argument("entry_id", metavar="ENTRY", type=int)
@entry_options
@json_option
@pass_book
def edit_command(book: Logbook, entry_id: int, registration: str | None,
                 aircraft_type: str | None, as_json: bool, **changes: Any) -> None:
    """Correct an entry; what you type here is never replaced by a track.

    \b
    Example:
        logbook edit 12 --remarks "Ex 13: circuits, crosswind" --night-landings 2
    """
    from logbook.pilot.log import edit_entry

    pilot = book
    changes = {"day_landings" if k == "landings" else "day_takeoffs" if k == "takeoffs"
               else "day_full_stops" if k == "full_stops" else k: v
               for k, v in changes.items()}
    changes["total_min"] = changes.pop("total")
    with pilot.transaction():
        entry = edit_entry(pilot, entry_id, registration=registration,
                           type=aircraft_type, **changes)
        pilot.save_entry(entry)
    _show(pilot.entry(entry_id), as_json, f"entry {entry_id} updated")


@click.command(name="delete")
@click.argument("entry_id", metavar="ENTRY", type=int)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_book
def delete_command(book: Logbook, entry_id: int, yes: bool) -> None:
    """Delete an entry (its flights stay; `logbook log FLIGHT` logs them again).

    \b
    Example:
        logbook delete 12 --yes
    """
    pilot = book
    e = pilot.entry(entry_id)
    if not yes:
        click.confirm(f"Delete entry {entry_id} ({e.date} {e.departure or '?'}-"
                      f"{e.arrival or '?'} {hhmm(e.total_min)})?", abort=True)
    with pilot.transaction():
        pilot.delete_entry(entry_id)
    click.echo(f"entry {entry_id} deleted")


@click.command(name="countersign")
@click.argument("entry_id", metavar="ENTRY", type=int)
@click.option("--by", "by", required=True, help="The instructor's name.")
@pass_book
def countersign_command(book: Logbook, entry_id: int, by: str) -> None:
    """Record that the instructor countersigned a solo, SPIC or PICUS entry.

    \b
    Example:
        logbook countersign 14 --by "J Smith"
    """
    from logbook.pilot.log import countersigned

    pilot = book
    with pilot.transaction():
        pilot.save_entry(countersigned(pilot.entry(entry_id), by))
    click.echo(f"entry {entry_id} countersigned by {by}")


@click.command(name="entries")
@click.option("--local", is_flag=True, help="Times at the airport's local time.")
@json_option
@pass_book
def entries_command(book: Logbook, local: bool, as_json: bool) -> None:
    """List the logbook entries (times UTC, or local with --local).

    \b
    Example:
        logbook entries
    """
    from logbook.pilot.text import entries_table, zone_finder

    pilot = book
    entries = pilot.entries()
    if as_json:
        echo_json([e.to_json() for e in entries])
        return
    if not entries:
        click.echo("No entries yet: `logbook add` or `logbook import FILE`.")
        return
    zone = zone_finder(str(pilot.setting("timezone"))) if local else None
    click.echo("\n".join(entries_table(entries, zone)))
