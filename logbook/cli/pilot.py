"""The pilot's logbook commands: entries, aircraft, totals, progress, currency,
settings, printing and CSV interchange."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.pilot.entries import CAPACITIES, Entry, hhmm, parse_day, parse_duration_min
from logbook.store import Logbook


def _today() -> date:
    return datetime.now(UTC).date()


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else parse_day(value)


def _minutes(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    return None if value is None else parse_duration_min(value)


def entry_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The fields of an entry, for `add` and `edit`."""
    options = [
        click.option("--date", "day", callback=_day, help="Date (YYYY-MM-DD, UTC)."),
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
        entry = typed_entry(pilot, day=day or _today(), capacity=capacity,
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


@click.command(name="totals")
@click.option("--on", "on", callback=_day, help="Up to and including this date "
              "[default: today].")
@json_option
@pass_book
def totals_command(book: Logbook, on: date | None, as_json: bool) -> None:
    """Totals up to a date, and that day's line for each capacity flown.

    \b
    Example:
        logbook totals --on 2007-12-27
    """
    from logbook.pilot.totals import totals, totals_text

    result = totals(book.entries(), (on or _today()).isoformat())
    if as_json:
        echo_json(result)
    else:
        click.echo("\n".join(totals_text(result)))


@click.command(name="progress")
@click.option("--scheme", default="easa-ppl", show_default=True,
              type=click.Choice(("easa-ppl", "faa-ppl", "easa-night")))
@click.option("--on", "on", callback=_day, help="As on this date [default: today].")
@json_option
@pass_book
def progress_command(book: Logbook, scheme: str, on: date | None, as_json: bool) -> None:
    """Every licence requirement with what is done and what remains.

    \b
    Example:
        logbook progress --scheme easa-ppl
    """
    from logbook.pilot.fromflights import positions
    from logbook.pilot.progress import progress

    result = progress(book.entries(), scheme, positions(),
                      (on or _today()).isoformat())
    if as_json:
        echo_json({k: v for k, v in result.items() if k != "text"})
        return
    state = "complete" if result["complete"] else "in progress"
    click.echo("\n".join([f"{scheme} on {result['on']}: {state}", *result["text"]]))


@click.command(name="currency")
@click.option("--on", "on", callback=_day, help="As on this date [default: today].")
@json_option
@pass_book
def currency_command(book: Logbook, on: date | None, as_json: bool) -> None:
    """Passenger recency (FCL.060), days since the last flight, SEP revalidation
    and medical expiry.

    \b
    Example:
        logbook currency
    """
    from logbook.pilot.currency import currency, currency_text

    pilot = book
    flights = [f.date for f in pilot.flights()]
    sep, medical = pilot.setting("sep_expiry"), pilot.setting("medical_expiry")
    result = currency(pilot.entries(), on or _today(), last_flight=max(flights, default=None),
                      sep_expiry=str(sep) if sep else None,
                      medical_expiry=str(medical) if medical else None)
    if as_json:
        echo_json(result)
    else:
        click.echo("\n".join(currency_text(result)))


@click.command(name="config")
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Forget KEY's value.")
@pass_book
def config_command(book: Logbook, key: str | None, value: str | None, unset: bool) -> None:
    """Show every setting, show one (KEY), or set one (KEY VALUE).

    Keys: name, home, timezone, night_rule (easa, uk, faa), sep_expiry,
    medical_expiry, crosswind_kt, gust_kt, cloud_base_ft, visibility_m, and
    crosswind_kt.TYPE for an aircraft type's limit.

    \b
    Example:
        logbook config night_rule uk
        logbook config crosswind_kt.C152 12
    """
    from logbook.pilot.settings import SETTINGS, normalise, setting_for

    pilot = book
    if key is None:
        stored = pilot.settings()
        for name in [*SETTINGS, *sorted(k for k in stored if k not in SETTINGS)]:
            shown = stored.get(name, SETTINGS[name].default if name in SETTINGS else None)
            click.echo(f"{name:<18} {shown if shown is not None else '-':<16} "
                       f"{setting_for(name).help}")
        return
    setting_for(key)
    if value is None and not unset:
        value_now = pilot.setting(key)
        click.echo("-" if value_now is None else f"{value_now:g}"
                   if isinstance(value_now, float) else value_now)
        return
    with pilot.transaction():
        pilot.set_setting(key, None if unset else normalise(key, value or ""))
    click.echo(f"{key} = {'-' if unset else pilot.settings().get(key)}")


@click.command(name="print")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False,
              path_type=Path), help="logbook.html or logbook.pdf")
@click.option("--rows", default=18, show_default=True, type=click.IntRange(min=1),
              help="Lines per page.")
@pass_book
def print_command(book: Logbook, output: Path, rows: int) -> None:
    """Print the confirmed entries in the EASA paper column order, with page
    totals carried forward.

    \b
    Example:
        logbook print -o logbook.pdf
    """
    from logbook.pilot.printing import print_logbook

    pilot = book
    multi = frozenset(a["registration"] for a in pilot.aircraft() if a["multi_engine"])
    pages = print_logbook(pilot.entries(), output, pilot=str(pilot.setting("name") or ""),
                          rows_per_page=rows, multi_engine=multi)
    click.echo(f"{output}: {len(pages)} page(s), total "
               f"{hhmm(pages[-1].total['total'])}")


@click.command(name="export-entries")
@click.option("--format", "fmt", default="csv", show_default=True,
              type=click.Choice(("csv", "foreflight")),
              help="csv: MyFlightbook's template; foreflight: ForeFlight's.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write [default: standard output].")
@pass_book
def export_entries_command(book: Logbook, fmt: str, output: Path | None) -> None:
    """Write the confirmed entries as a MyFlightbook or ForeFlight CSV file.

    \b
    Example:
        logbook export-entries --format foreflight -o logbook.csv
    """
    from logbook.pilot.interchange import export_csv

    pilot = book
    text = export_csv([e for e in pilot.entries() if e.confirmed], fmt, pilot.aircraft())
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{output}: {text.count(chr(10)) - 1} line(s)")


@click.command(name="import-entries")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@pass_book
def import_entries_command(book: Logbook, path: Path) -> None:
    """Read entries from a MyFlightbook or ForeFlight CSV file: all, or none.

    \b
    Example:
        logbook import-entries myflightbook.csv
    """
    from logbook.pilot.csvimport import read_entries

    entries, types = read_entries(path)
    pilot = book
    with pilot.transaction():
        for registration, aircraft_type in types.items():
            if pilot.aircraft_type(registration) is None:
                pilot.add_aircraft(registration, aircraft_type)
        for entry in entries:
            pilot.save_entry(entry)
    click.echo(f"{path.name}: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
