"""`logbook airports ...`: show an airport, rebuild the database from OurAirports."""

import json
import math
from dataclasses import asdict
from pathlib import Path

import click

from logbook import units
from logbook.airports import (
    Airport,
    Runway,
    RunwayEnd,
    default_db,
    rebuild_path,
)

CSV_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def airports() -> None:
    """Airports and runways (OurAirports data, public domain)."""


@airports.command()
@click.argument("runways_csv", type=CSV_FILE)
@click.argument("airports_csv", type=CSV_FILE)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead (gzipped if it ends in .gz). "
    "Default: $LOGBOOK_AIRPORTS, else the user data dir.",
)
def rebuild(runways_csv: Path, airports_csv: Path, output: Path | None) -> None:
    """Rebuild the airport database from OurAirports runways.csv and airports.csv
    (https://ourairports.com/data/); it then takes precedence over the shipped one.

    \b
    Example:
        logbook airports rebuild runways.csv airports.csv
    """
    from logbook.airports_build import build_database

    target = output or rebuild_path()
    summary = build_database(runways_csv, airports_csv, target)
    click.echo(
        f"{summary.path}: {summary.airports} airports, {summary.runways} runways "
        f"(left out {summary.dropped_airports} heliports, balloonports and closed "
        f"airports, {summary.dropped_runways} of their runways and helipads)"
    )


@airports.command()
@click.argument("ident")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(ident: str, as_json: bool) -> None:
    """Show an airport and its runways: headings (true), lengths, thresholds.

    \b
    Example:
        logbook airports show EGBW
        logbook airports show EGBW --json
    """
    airport = default_db().airport(ident)
    if as_json:
        click.echo(json.dumps(airport_to_json(airport), indent=2))
    else:
        click.echo("\n".join(format_airport(airport)))


def format_airport(airport: Airport) -> list[str]:
    """Text lines for `show`."""
    place = ", ".join(p for p in (airport.municipality, airport.country) if p)
    lines = [
        f"{airport.ident}  {airport.name}  ({airport.type.replace('_', ' ')})",
        f"  {place}" if place else "",
        f"  position {airport.lat:.6f}, {airport.lon:.6f}   elevation "
        f"{_feet(airport.elevation_m)}",
    ]
    for runway in airport.runways:
        lines += ["", *_format_runway(runway)]
    if not airport.runways:
        lines += ["", "no runways known"]
    return [line for i, line in enumerate(lines) if line or i > 1]


def _format_runway(runway: Runway) -> list[str]:
    size = (
        f"{_number(runway.length_m)} x {_number(runway.width_m)} m "
        f"({_number(units.m_to_ft(runway.length_m))} x "
        f"{_number(units.m_to_ft(runway.width_m))} ft)"
    )
    flags = [runway.surface or "surface unknown",
             "lighted" if runway.lighted else "unlit"]
    if runway.closed:
        flags.append("CLOSED")
    lines = [f"runway {runway.name}  {size}  {', '.join(flags)}"]
    lines += [f"  {_format_end(end)}" for end in runway.ends]
    return lines


def _format_end(end: RunwayEnd) -> str:
    heading = "---" if math.isnan(end.heading_deg) else f"{end.heading_deg:05.1f}"
    heading += " (from designator)" if end.heading_estimated else ""
    where = f"threshold {end.lat:.6f}, {end.lon:.6f}"
    where += " (estimated)" if end.position_estimated else ""
    text = f"{end.designator or '?':<5} true heading {heading}  {where}"
    if not math.isnan(end.elevation_m):
        text += f"  elevation {_feet(end.elevation_m)}"
    if end.displaced_threshold_m > 0:
        text += f"  displaced {_number(end.displaced_threshold_m)} m"
    return text


def _number(value: float) -> str:
    return "?" if math.isnan(value) else f"{value:.0f}"


def _feet(elevation_m: float) -> str:
    if math.isnan(elevation_m):
        return "unknown"
    return f"{units.m_to_ft(elevation_m):.0f} ft ({elevation_m:.0f} m)"


def airport_to_json(airport: Airport) -> dict[str, object]:
    """The airport as JSON-ready data: NaN becomes null, feet added next to metres."""
    data = asdict(airport)
    data["elevation_ft"] = units.m_to_ft(airport.elevation_m)
    for runway, runway_data in zip(airport.runways, data["runways"], strict=True):
        runway_data["name"] = runway.name
        runway_data["length_ft"] = units.m_to_ft(runway.length_m)
        runway_data["width_ft"] = units.m_to_ft(runway.width_m)
    return {key: _null_nan(value) for key, value in data.items()}


def _null_nan(value: object) -> object:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, dict):
        return {k: _null_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_null_nan(v) for v in value]
    return value
