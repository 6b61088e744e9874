"""`logbook flights`, `logbook show`, `logbook reanalyse` and `logbook correct`."""

from datetime import datetime

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.store import FlightRecord, Logbook
from logbook.units import hhmm, m_to_ft

LANDING_KINDS = ("full_stop", "touch_and_go", "stop_and_go")


def _time(text: str | None) -> str:
    return "-" if text is None else text[11:19]


def _landing_summary(record: FlightRecord) -> str:
    counts: dict[str, int] = {}
    for landing in record.landings:
        counts[landing["kind"]] = counts.get(landing["kind"], 0) + 1
    short = {"full_stop": "full stop", "touch_and_go": "touch-and-go",
             "stop_and_go": "stop-and-go"}
    return ", ".join(f"{n} {short.get(k, k)}" for k, n in counts.items()) or "none"


@click.command(name="flights")
@json_option
@pass_book
def flights_command(book: Logbook, as_json: bool) -> None:
    """List the flights found in the imported tracks, in takeoff order.

    \b
    Example:
        logbook flights
        logbook flights --json
    """
    records = book.flights()
    if as_json:
        echo_json([r.to_json() for r in records])
        return
    if not records:
        click.echo("No flights yet: `logbook import FILE` brings tracks in.")
        return
    click.echo(f"{'id':>4}  {'date':<10}  {'route':<11}  {'takeoff':<8}  "
               f"{'landing':<8}  {'air':>5}  {'block':>5}  {'ldg':>3}  circuits")
    for r in records:
        route = f"{r.departure or '?'}-{r.arrival or '?'}"
        click.echo(f"{r.id:>4}  {r.date:<10}  {route:<11}  {_time(r.takeoff_utc):<8}  "
                   f"{_time(r.landing_utc):<8}  {hhmm(r.airborne_min):>5}  "
                   f"{hhmm(r.block_min):>5}  {len(r.landings):>3}  {len(r.circuits)}"
                   + ("  (partial)" if r.partial else ""))


@click.command(name="show")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@json_option
@pass_book
def show_command(book: Logbook, flight_id: int, as_json: bool) -> None:
    """Show one flight: its times and every takeoff, landing, go-around and circuit.

    \b
    Example:
        logbook show 1
    """
    record = book.flight(flight_id)
    if as_json:
        echo_json(record.to_json())
        return
    click.echo(f"Flight {record.id}, {record.date}, {record.departure or '?'} to "
               f"{record.arrival or '?'} (track {record.track})"
               + (", partial track" if record.partial else ""))
    click.echo(f"  off block {_time(record.off_block_utc)}  takeoff "
               f"{_time(record.takeoff_utc)}  landing {_time(record.landing_utc)}  "
               f"on block {_time(record.on_block_utc)} UTC")
    click.echo(f"  airborne {hhmm(record.airborne_min)}, block "
               f"{hhmm(record.block_min)}, landings: {_landing_summary(record)}")
    events = [(t["time_utc"], f"takeoff      runway {t['runway'] or '?'} "
               f"{t['airport'] or ''}") for t in record.takeoffs]
    events += [(x["time_utc"], f"{x['kind'].replace('_', '-'):<12} runway "
                f"{x['runway'] or '?'} {x['airport'] or ''}"
                + (" (uncertain: gap in the track)" if x.get("uncertain") else ""))
               for x in record.landings]
    events += [(g["time_utc"], f"go-around    runway {g['runway'] or '?'}, lowest "
                f"{g['lowest_ft_agl']:.0f} ft") for g in record.go_arounds]
    for time_utc, text in sorted(events):
        click.echo(f"  {_time(time_utc)}  {text}")
    for n, c in enumerate(record.circuits, 1):
        legs = " ".join(f"{leg['name']} {_time(leg['start_utc'])}" for leg in c["legs"])
        height = m_to_ft(c["height_m"]) if c["height_m"] is not None else float("nan")
        click.echo(f"  circuit {n}: {c['direction']}-hand, {height:.0f} ft, {legs}")
    for line in debrief_lines(book, record):
        click.echo(line)


def debrief_lines(book: Logbook, record: FlightRecord) -> list[str]:
    """The debrief table of a stored flight (touchdowns, approaches, circuits)."""
    from logbook.airports import default_db
    from logbook.analysis.debrief import debrief_flight, render_debrief_text
    from logbook.pipeline import read_stored

    airport = default_db().airport(record.departure) if record.departure else None
    track = read_stored(book, record.track).track
    return render_debrief_text(debrief_flight(track, record, airport))


@click.command(name="reanalyse")
@pass_book
def reanalyse_command(book: Logbook) -> None:
    """Find the flights in every stored track again, from the original bytes.

    Flights found again keep their ids, and your corrections stay applied.

    \b
    Example:
        logbook reanalyse
    """
    from logbook.pipeline import reanalyse

    for track_id, flight_ids in reanalyse(book):
        click.echo(f"track {track_id}: {len(flight_ids)} flight(s)")


@click.group(name="correct")
def correct() -> None:
    """Correct what the analysis found; corrections survive `reanalyse`.

    \b
    Example:
        logbook correct delete 4
        logbook correct landing 1 3 --kind stop_and_go
    """


@correct.command(name="delete")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@pass_book
def correct_delete(book: Logbook, flight_id: int) -> None:
    """Remove a detected flight that was none (a car journey, a taxi test).

    \b
    Example:
        logbook correct delete 4
    """
    with book.transaction():
        book.add_correction(flight_id, "delete")
    click.echo(f"flight {flight_id} deleted")


@correct.command(name="landing")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@click.argument("number", type=click.IntRange(min=1))
@click.option("--kind", required=True, type=click.Choice(LANDING_KINDS))
@pass_book
def correct_landing(book: Logbook, flight_id: int, number: int, kind: str) -> None:
    """Change the kind of a flight's landing NUMBER (1 is the first).

    \b
    Example:
        logbook correct landing 1 3 --kind stop_and_go
    """
    from logbook.errors import StoreError

    if number > len(book.flight(flight_id).landings):
        raise StoreError(f"flight {flight_id} has no landing {number}")
    with book.transaction():
        book.add_correction(flight_id, "landing_kind", index=number - 1, kind=kind)
    click.echo(f"flight {flight_id} landing {number}: {kind}")


@correct.command(name="merge")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@click.argument("other", metavar="OTHER", type=int)
@pass_book
def correct_merge(book: Logbook, flight_id: int, other: int) -> None:
    """Make FLIGHT and OTHER one flight (keeping FLIGHT's id).

    \b
    Example:
        logbook correct merge 3 4
    """
    book.flight(other)
    with book.transaction():
        book.add_correction(flight_id, "merge", other=other)
    click.echo(f"flight {other} merged into flight {flight_id}")


@correct.command(name="split")
@click.argument("flight_id", metavar="FLIGHT", type=int)
@click.option("--at", "at", required=True, type=click.DateTime(["%Y-%m-%dT%H:%M:%S"]),
              help="UTC time where the second flight begins (YYYY-MM-DDTHH:MM:SS).")
@pass_book
def correct_split(book: Logbook, flight_id: int, at: datetime) -> None:
    """Split a flight in two at a UTC time.

    \b
    Example:
        logbook correct split 3 --at 2007-12-27T10:31:00
    """
    at_utc = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    with book.transaction():
        book.add_correction(flight_id, "split", at_utc=at_utc)
    click.echo(f"flight {flight_id} split at {at_utc}")
