"""`logbook device`: look at, erase or emulate a GT-11 logger on a serial port."""

from pathlib import Path

import click

from logbook.device import device_info, erase_track
from logbook.device.emulator import Emulator, run_emulator


@click.group()
def device() -> None:
    """Talk to a GPS logger (GT-11): info, erase, emulate."""


@device.command()
@click.argument("port")
def info(port: str) -> None:
    """Show what the logger at PORT holds (it must be in NAVILINK mode).

    \b
    Example:
        logbook device info /dev/ttyUSB0
    """
    held = device_info(port)
    percent = 100 * held.points_held / held.capacity_points
    click.echo(f"port:          {held.port}")
    click.echo(f"track points:  {held.points_held} of {held.capacity_points} "
               f"({percent:.0f}% full)")
    click.echo(f"waypoints:     {held.waypoints}")
    click.echo(f"routes:        {held.routes}")
    click.echo(f"firmware:      {held.firmware or 'unknown'}")
    click.echo(f"serial number: {held.serial_number}")
    click.echo(f"username:      {held.username or '-'}")


@device.command()
@click.argument("port")
@click.option("--yes", is_flag=True, help="Erase without asking first.")
def erase(port: str, yes: bool) -> None:
    """Erase every track point stored on the logger at PORT.

    Import the track first: `logbook import PORT` erases nothing.

    \b
    Example:
        logbook device erase /dev/ttyUSB0 --yes
    """
    held = device_info(port)
    if not yes:
        click.confirm(f"Erase all {held.points_held} track points on the logger at "
                      f"{port}?", abort=True)
    erase_track(port)
    click.echo(f"erased {held.points_held} track points")


@device.command()
@click.option("--mode", type=click.Choice(["navilink", "nmea"]), default="navilink",
              show_default=True, help="Download protocol or live NMEA stream.")
@click.option("--track", "track_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Any track file the tool imports (.nmea, .gpx, .trk).")
@click.option("--link", required=True, type=click.Path(path_type=Path),
              help="Symlink to create for the port, e.g. /tmp/ttyGT11.")
@click.option("--rate", "rate_hz", type=float, default=1.0, show_default=True,
              help="Fixes a second in nmea mode.")
@click.option("--baud", type=int, default=None,
              help="The device's line speed [default: 4800 nmea, 115200 navilink].")
@click.option("--delay", "delay_s", type=float, default=None,
              help="Start the NMEA stream after this many seconds even if no "
                   "reader has opened the port.")
def emulate(mode: str, track_path: Path, link: Path, rate_hz: float,
            baud: int | None, delay_s: float | None) -> None:
    """Pretend to be a GT-11 on a pseudo-terminal until Ctrl-C.

    \b
    Example:
        logbook device emulate --track data/circuits.nmea --link /tmp/ttyGT11
        logbook device info /tmp/ttyGT11        # in another terminal
    """
    def ready(emulator: Emulator) -> None:
        what = (f"{len(emulator.memory) // 32} track points" if mode == "navilink"
                else f"{len(emulator.fixes)} fixes at {rate_hz:g} Hz")
        click.echo(f"GT-11 emulator ({mode}, {emulator.baud} baud, {what}) on "
                   f"{link}; Ctrl-C to stop", err=True)

    run_emulator(track_path, mode="nmea" if mode == "nmea" else "navilink", link=link,
                 rate_hz=rate_hz, baud=baud, delay_s=delay_s, on_ready=ready)
