"""`logbook demo`: the whole job on the bundled samples, in a throwaway logbook."""

import tempfile
from pathlib import Path

import click

from logbook.cli.flights import flights_command, show_command
from logbook.cli.plot import plot_command
from logbook.cli.tracks import import_command, tracks_command


def _step(ctx: click.Context, line: str, command: click.Command, **params: object) -> None:
    click.echo(f"\n$ logbook {line}")
    ctx.invoke(command, **params)


@click.command(name="demo")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the demo logbook in this folder instead of a temporary one.")
@click.option("--plot-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="Where to write the circuit plot of the sample lesson.")
@click.pass_context
def demo_command(ctx: click.Context, keep: Path | None, plot_dir: Path) -> None:
    """Import the bundled sample tracks into a throwaway logbook, show the flights
    found in them, and draw the circuits of 2007-12-27.

    Your own logbook is not touched.

    \b
    Example:
        logbook demo
    """
    from logbook.samples import sample_paths

    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        ctx.find_root().obj = folder / "demo.db"
        click.echo(f"Demo logbook: {ctx.find_root().obj}")
        samples = tuple(sample_paths())
        _step(ctx, "import " + " ".join(p.name for p in samples), import_command,
              paths=samples)
        _step(ctx, "tracks", tracks_command, as_json=False)
        _step(ctx, "flights", flights_command, as_json=False)
        _step(ctx, "show 2", show_command, flight_id=2, as_json=False)
        plot_dir.mkdir(parents=True, exist_ok=True)
        _step(ctx, "plot 2007-12-27", plot_command, target="2007-12-27",
              output=plot_dir / "20071227-circuit.png")
