"""The pilot's reports and interchange: totals, progress, currency, settings,
printing and CSV files."""

from datetime import date
from pathlib import Path

import click

from logbook.cli import echo_json, json_option, pass_book
from logbook.cli.pilot import day_callback, today_utc
from logbook.store import Logbook
from logbook.units import hhmm


@click.command(name="totals")
@click.option("--on", "on", callback=day_callback, help="Up to and including this date "
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

    result = totals(book.entries(), (on or today_utc()).isoformat())
    if as_json:
        echo_json(result)
    else:
        click.echo("\n".join(totals_text(result)))


@click.command(name="progress")
@click.option("--scheme", default="easa-ppl", show_default=True,
              type=click.Choice(("easa-ppl", "faa-ppl", "easa-night")))
@click.option("--on", "on", callback=day_callback, help="As on this date [default: today].")
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
                      (on or today_utc()).isoformat())
    if as_json:
        echo_json({k: v for k, v in result.items() if k != "text"})
        return
    state = "complete" if result["complete"] else "in progress"
    click.echo("\n".join([f"{scheme} on {result['on']}: {state}", *result["text"]]))


@click.command(name="currency")
@click.option("--on", "on", callback=day_callback, help="As on this date [default: today].")
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
    result = currency(pilot.entries(), on or today_utc(), last_flight=max(flights, default=None),
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
