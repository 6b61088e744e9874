"""`logbook plot`: a day's or a flight's picture, the hours, the bookings."""

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from logbook.cli import pass_book
from logbook.errors import LogbookError, StoreError
from logbook.store import Logbook

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from logbook.store import FlightRecord

FORMATS = (".png", ".svg", ".pdf")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DPI = 120


def day_flights(book: Logbook, target: str) -> tuple[list["FlightRecord"], str]:
    """The flights a DATE or FLIGHT argument names, and the default file stem."""
    if DATE.fullmatch(target):
        records = [r for r in book.flights() if r.date == target]
        if not records:
            raise StoreError(f"no flights on {target}; `logbook flights` lists them")
        return records, f"{target.replace('-', '')}-circuit"
    if target.isdigit():
        return [book.flight(int(target))], f"flight-{target}"
    raise LogbookError(f"{target}: not a date (YYYY-MM-DD) or a flight id")


def cumulative_hours(book: Logbook) -> "pd.DataFrame":
    """The hours to plot: the confirmed logbook entries, as `logbook totals`
    counts them."""
    from logbook.plot_hours import cumulative_hours as by_capacity

    entries = [e for e in book.entries() if e.confirmed]
    if not entries:
        raise StoreError("no confirmed logbook entries yet; `logbook log FLIGHT` "
                         "confirms a detected flight")
    return by_capacity(entries)


def _aircraft_and_capacity(book: Logbook,
                           records: list["FlightRecord"]) -> tuple[str | None, str | None]:
    """What the logbook entry of the first flight says was flown, and in what role."""
    for record in records:
        entry_id = book.entry_for_flight(record.id)
        if entry_id is not None:
            entry = book.entry(entry_id)
            aircraft = " ".join(x for x in (entry.registration, entry.type) if x)
            return aircraft or None, entry.capacity
    return None, None


def save(fig: "Figure", path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise LogbookError(f"{path}: can only write {', '.join(FORMATS)} files")
    fig.savefig(path, dpi=DPI)


def _flight_figure(book: Logbook, records: list["FlightRecord"]) -> "Figure":
    from logbook.pipeline import read_stored
    from logbook.plot import render_flight_figure
    from logbook.store.records import parse_utc

    tracks = {r.track: read_stored(book, r.track).track for r in records}
    aircraft, capacity = _aircraft_and_capacity(book, records)
    first = records[0]
    wind = (book.wind_near(first.departure, parse_utc(first.takeoff_utc or
                                                       first.off_block_utc))
            if first.departure else None)
    return render_flight_figure([(tracks[r.track], r) for r in records],
                                aircraft=aircraft, capacity=capacity, wind=wind)


@click.command(name="plot")
@click.argument("target", metavar="DATE|FLIGHT", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; .png, .svg or .pdf by its extension.")
@click.option("--hours", is_flag=True, help="Cumulative hours against the licence minima.")
@click.option("--bookings", is_flag=True, help="The lesson bookings.")
@pass_book
def plot_command(book: Logbook, target: str | None, output: Path | None, hours: bool,
                 bookings: bool) -> None:
    """Draw a day's flights or one flight: plan view, profile and debrief.

    \b
    Example:
        logbook plot 2007-12-27             # writes 20071227-circuit.png
        logbook plot 2 -o flight.svg
        logbook plot --hours                # writes hours.png
    """
    if sum((target is not None, hours, bookings)) != 1:
        raise click.UsageError("give one of DATE|FLIGHT, --hours or --bookings")
    if bookings:
        from logbook.plot_bookings import render_bookings_png

        path = output or Path("bookings.png")
        render_bookings_png(book, path)
    elif hours:
        from logbook.plot_hours import PPL_MINIMA_H, render_hours_figure

        path = output or Path("hours.png")
        save(render_hours_figure(cumulative_hours(book), PPL_MINIMA_H), path)
    elif target is not None:
        records, stem = day_flights(book, target)
        path = output or Path(f"{stem}.png")
        save(_flight_figure(book, records), path)
    click.echo(f"wrote {path}")
