"""`logbook import`, `logbook tracks` and `logbook export`."""

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.store import Logbook, TrackInfo, utc_text

if TYPE_CHECKING:
    from logbook.pipeline import Outcome


def _format_span(start: datetime, end: datetime) -> str:
    minutes = round((end - start).total_seconds() / 60)
    day = start.strftime("%Y-%m-%d")
    return f"{day} {start:%H:%M:%S}-{end:%H:%M:%S} UTC ({minutes} min)"


def _format_bad(bad_lines: dict[str, int]) -> str:
    total = sum(bad_lines.values())
    if not total:
        return "no bad lines"
    parts = ", ".join(f"{n} {reason}" for reason, n in sorted(bad_lines.items()))
    return f"{total} bad line{'s' if total != 1 else ''} ({parts})"


def _parse_rollover(ctx: click.Context, param: click.Parameter,
                    value: str | None) -> str | None:
    if value is None or value in ("auto", "warn", "off") or value.isdigit():
        return value
    raise click.BadParameter("use auto, warn, off or a whole number of 1024-week periods")


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="The UTC date of a log whose sentences carry none (GGA only).")
@click.option("--week-rollover", callback=_parse_rollover, metavar="auto|warn|off|N",
              help="Correct GPS week-number rollover (dates 1024 weeks early): "
                   "auto, warn (files' default), off, or N periods to add. "
                   "Devices default to auto.")
@click.option("--baud", type=int, help="Device: the serial speed (found by itself "
              "otherwise).")
@click.option("--idle", "idle_s", type=float, metavar="SECONDS",
              help="Device: stop a live capture after this long without data.")
@click.option("--erase", is_flag=True, help="Device: clear the logger's track memory "
              "once the download is stored and verified.")
@pass_book
def import_command(book: Logbook, paths: tuple[Path, ...], day: datetime | None,
                   week_rollover: str | None, baud: int | None, idle_s: float | None,
                   erase: bool) -> None:
    """Import GPS tracks: NMEA, GPX, KML, IGC, Garmin G1000/G3X or CSV files,
    folders (read recursively), or a GPS
    logger on a serial port (a NaviLink download, or live NMEA until Ctrl-C,
    unplugging or --idle).

    Each file is its own transaction: a bad file is reported and the others
    still land. The same bytes imported again change nothing.

    \b
    Example:
        logbook import data/2007-12-27-egbw-circuits.nmea
        logbook import ~/gps-logs/
        logbook import /dev/ttyUSB0
    """
    from logbook.cli.progress import file_progress, status_line
    from logbook.pipeline import import_device, import_paths, is_device

    files = [p for p in paths if not is_device(p)]
    with file_progress() as progress:
        outcomes = list(_report(import_paths(
            book, files, day=day.date() if day else None,
            week_rollover=week_rollover or "warn", progress=progress)))
    for port in (p for p in paths if is_device(p)):
        with status_line() as status:
            outcomes += _report(import_device(
                book, str(port), spool_dir=book.path.parent / "spool",
                week_rollover=week_rollover or "auto", baud=baud, idle_s=idle_s,
                erase=erase, progress=status))
    if any(outcome.error is not None for outcome in outcomes):
        sys.exit(1)


def _report(outcomes: Iterator["Outcome"]) -> Iterator["Outcome"]:
    """Print each import's line as it lands."""
    for outcome in outcomes:
        result = outcome.result
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
        elif result is not None and result.already_imported:
            click.echo(f"{result.name}: already imported (track {result.track_id})")
        elif result is not None:
            flights = len(result.flight_ids)
            click.echo(f"{result.name}: track {result.track_id}, {result.fixes} fixes, "
                       f"{_format_span(result.start_utc, result.end_utc)}, "
                       f"{_format_bad(result.bad_lines)}, "
                       f"{flights} flight{'s' if flights != 1 else ''}")
            for warning in result.warnings:
                click.echo(f"Warning: {result.name}: {warning}", err=True)
        yield outcome


def _track_json(info: TrackInfo) -> dict[str, object]:
    return {"id": info.id, "source": info.source, "format": info.format,
            "fixes": info.fixes, "start_utc": utc_text(info.start_utc),
            "end_utc": utc_text(info.end_utc),
            "imported_utc": utc_text(info.imported_utc),
            "bad_lines": info.bad_lines, "sha256": info.sha256}


@click.command(name="tracks")
@json_option
@pass_book
def tracks_command(book: Logbook, as_json: bool) -> None:
    """List the imported tracks, one per imported source.

    \b
    Example:
        logbook tracks
        logbook tracks --json
    """
    infos = book.tracks()
    if as_json:
        echo_json([_track_json(info) for info in infos])
        return
    if not infos:
        click.echo("No tracks yet: `logbook import FILE` brings one in.")
        return
    click.echo(f"{'id':>4}  {'fixes':>7}  {'start (UTC)':<19}  {'end':<8}  source")
    for info in infos:
        click.echo(f"{info.id:>4}  {info.fixes:>7}  "
                   f"{info.start_utc:%Y-%m-%d %H:%M:%S}  {info.end_utc:%H:%M:%S}  "
                   f"{info.source}")


@click.command(name="export")
@click.argument("track_id", metavar="TRACK", type=int)
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gpx", "kml", "csv", "nmea", "raw"]),
              help="gpx, kml (for Google Earth), csv (the track's columns), nmea "
                   "(GGA and RMC) or raw (the original bytes).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@pass_book
def export_command(book: Logbook, track_id: int, fmt: str,
                   output: Path | None) -> None:
    """Write a stored track as GPX, KML, CSV, NMEA or its original bytes.

    \b
    Example:
        logbook export 1 --format gpx -o lesson.gpx
        logbook export 1 --format raw > original.nmea
    """
    from logbook.pipeline import export_stored

    data = export_stored(book, track_id, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        click.echo(f"{output}: {len(data)} bytes", err=True)

