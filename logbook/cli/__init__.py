"""The `logbook` command: a thin layer over the library.

Subcommands live in small modules loaded only when used, so `logbook --help` and
quick commands start fast. Every LogbookError becomes one `Error: ...` line and
exit status 1, here and nowhere else.
"""

import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

# command name -> "module:attribute", imported on first use
COMMANDS: dict[str, str] = {
    "import": "logbook.cli.tracks:import_command",
    "tracks": "logbook.cli.tracks:tracks_command",
    "export": "logbook.cli.tracks:export_command",
    "demo": "logbook.cli.demo:demo_command",
    "flights": "logbook.cli.flights:flights_command",
    "show": "logbook.cli.flights:show_command",
    "reanalyse": "logbook.cli.flights:reanalyse_command",
    "correct": "logbook.cli.flights:correct",
    "plot": "logbook.cli.plot:plot_command",
    "airports": "logbook.cli.airports:airports",
    "book": "logbook.cli.bookings:book_command",
    "cancel": "logbook.cli.bookings:cancel_command",
    "bookings": "logbook.cli.bookings:bookings",
    "weather": "logbook.cli.bookings:weather_command",
    "device": "logbook.cli.device:device",
    "aircraft": "logbook.cli.pilot:aircraft",
    "log": "logbook.cli.pilot:log_command",
    "add": "logbook.cli.pilot:add_command",
    "edit": "logbook.cli.pilot:edit_command",
    "delete": "logbook.cli.pilot:delete_command",
    "countersign": "logbook.cli.pilot:countersign_command",
    "entries": "logbook.cli.pilot:entries_command",
    "totals": "logbook.cli.reports:totals_command",
    "progress": "logbook.cli.reports:progress_command",
    "currency": "logbook.cli.reports:currency_command",
    "config": "logbook.cli.reports:config_command",
    "print": "logbook.cli.reports:print_command",
    "export-entries": "logbook.cli.reports:export_entries_command",
    "import-entries": "logbook.cli.reports:import_entries_command",
}

# one-line help shown by `logbook --help` without importing the modules
SUMMARIES: dict[str, str] = {
    "import": "Import GPS tracks from files, folders or a GPS logger.",
    "tracks": "List the imported tracks.",
    "export": "Write a stored track as GPX, CSV, NMEA or its original bytes.",
    "demo": "Import the bundled sample tracks into a throwaway logbook.",
    "flights": "List the flights found in the imported tracks.",
    "show": "Show one flight with its takeoffs, landings and circuits.",
    "reanalyse": "Find the flights in every stored track again.",
    "correct": "Correct a detected flight: delete, landing kind, merge, split.",
    "plot": "Draw a day's or a flight's circuits, the hours or the bookings.",
    "airports": "Look up airports and runways, or rebuild their database.",
    "book": "Book a lesson (local date and time).",
    "cancel": "Record a cancelled booking and why.",
    "bookings": "List bookings; `bookings stats` sums them up.",
    "weather": "Wind components on each runway and a verdict against limits.",
    "device": "Talk to a GPS logger (GT-11): info, erase, emulate.",
    "aircraft": "List the aircraft you fly, or add one with its type.",
    "log": "Confirm or correct the entry of a detected flight.",
    "add": "Add a logbook entry by hand (no GPS track).",
    "edit": "Correct a logbook entry.",
    "delete": "Delete a logbook entry.",
    "countersign": "Record the instructor's countersignature of an entry.",
    "entries": "List the logbook entries.",
    "totals": "Hours by capacity, EASA column, type and month; the day's line.",
    "progress": "Licence requirements done and remaining (EASA/FAA PPL, night).",
    "currency": "Passenger recency, last flight, rating and medical expiry.",
    "config": "Show or set the pilot's settings.",
    "print": "Print the logbook in the EASA paper layout (HTML or PDF).",
    "export-entries": "Write the entries as MyFlightbook or ForeFlight CSV.",
    "import-entries": "Read entries from a MyFlightbook or ForeFlight CSV file.",
}


class LogbookGroup(click.Group):
    """A group whose commands load lazily and whose errors are printed once."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from logbook.errors import LogbookError

        try:
            return super().invoke(ctx)
        except LogbookError as e:
            raise click.ClickException(str(e)) from e


def default_db_path() -> Path:
    """`$LOGBOOK_DB`, else logbook.db in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("logbook")) / "logbook.db"


@click.group(cls=LogbookGroup)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              envvar="LOGBOOK_DB", show_envvar=True,
              help="The logbook file [default: ~/.local/share/logbook/logbook.db].")
@click.version_option(package_name="logbook")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Flight-training logbook and GPS track analyser.

    \b
    Example:
        logbook import data/2007-12-27-egbw-circuits.nmea
        logbook tracks
    """
    ctx.obj = db_path


F = TypeVar("F", bound=Callable[..., Any])


def pass_book(func: F) -> F:
    """Give a command the open logbook as its first argument."""

    @click.pass_context
    def wrapper(ctx: click.Context, /, *args: Any, **kwargs: Any) -> Any:
        from logbook.store import Logbook

        root = ctx.find_root()
        book: Logbook = Logbook.open(root.obj or default_db_path())
        ctx.call_on_close(book.close)
        return ctx.invoke(func, book, *args, **kwargs)

    return functools.update_wrapper(wrapper, func)  # type: ignore[return-value]


def json_option(func: F) -> F:
    """`--json`: machine-readable output instead of a table."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON instead of a table.")(func)


def echo_json(value: object) -> None:
    import json

    click.echo(json.dumps(value, indent=2))


def main() -> None:
    cli(prog_name="logbook")


__all__ = ["cli", "echo_json", "json_option", "pass_book"]
