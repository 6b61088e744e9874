"""`logbook demo`: the whole job on the bundled samples, in a throwaway logbook."""

import tempfile
from pathlib import Path

import click

from logbook.cli.flights import flights_command
from logbook.cli.tracks import import_command, tracks_command


@click.command(name="demo")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the demo logbook in this folder instead of a temporary one.")
@click.pass_context
def demo_command(ctx: click.Context, keep: Path | None) -> None:
    """Import the bundled sample tracks into a throwaway logbook and show them.

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
        click.echo(f"Demo logbook: {ctx.find_root().obj}\n")
        click.echo("$ logbook import " + " ".join(p.name for p in sample_paths()))
        ctx.invoke(import_command, paths=tuple(sample_paths()))
        click.echo("\n$ logbook tracks")
        ctx.invoke(tracks_command, as_json=False)
        click.echo("\n$ logbook flights")
        ctx.invoke(flights_command, as_json=False)
