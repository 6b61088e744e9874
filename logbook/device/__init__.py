"""Talking to a GPS logger over a serial port (the Locosys GT-11 and its kin).

`capture(port, spool_dir=...)` gets whatever the logger offers: the stored track
over NaviLink when the device is in NAVILINK mode, otherwise live NMEA spooled to
disk until Ctrl-C, unplug or silence. `device_info` and `erase_track` speak
NaviLink only. The device's facts and quirks are in ``firmware_notes/``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from logbook.device.client import (
    NAVILINK_BAUD,
    DeviceInfo,
    NaviLink,
    device_info,
    download_track,
    erase_track,
    open_port,
)
from logbook.device.nmea_capture import find_baud, spool_stream

__all__ = ["Capture", "DeviceInfo", "capture", "device_info", "erase_track",
           "pending_spools"]

SPOOL_SUFFIX = ".nmea"


@dataclass(frozen=True)
class Capture:
    """The bytes one session got from a logger, ready for `logbook.ingest`."""

    data: bytes
    fmt: Literal["navilink", "nmea"]
    name: str                          # "ttyUSB0-navilink-20071227T1130Z"
    received_utc: datetime             # host clock when the session started
    live: bool                         # True for an NMEA capture
    notes: tuple[str, ...] = ()
    spool_path: Path | None = None     # the spool holding `data` (NMEA only)


def capture_name(port: str, fmt: str, received_utc: datetime) -> str:
    """`ttyUSB0-nmea-20071227T1130Z`: port, format and start time."""
    return f"{Path(port).name}-{fmt}-{received_utc:%Y%m%dT%H%MZ}"


def pending_spools(spool_dir: Path) -> list[Path]:
    """Spools an interrupted capture left behind, oldest first (the caller imports
    them and deletes each one once it is stored)."""
    if not spool_dir.is_dir():
        return []
    spools = [p for p in spool_dir.glob(f"*{SPOOL_SUFFIX}") if p.stat().st_size]
    return sorted(spools, key=lambda p: (p.stat().st_mtime, p.name))


def _new_spool(spool_dir: Path, name: str) -> Path:
    spool_dir.mkdir(parents=True, exist_ok=True)
    path = spool_dir / f"{name}{SPOOL_SUFFIX}"
    n = 2
    while path.exists():
        path = spool_dir / f"{name}-{n}{SPOOL_SUFFIX}"
        n += 1
    path.touch()
    return path


def capture(port: str, *, baud: int | None = None, idle_s: float | None = None,
            spool_dir: Path,
            progress: Callable[[str], None] | None = None) -> Capture:
    """Download the stored track (NaviLink) or capture live NMEA from `port`.

    NaviLink is tried first at 115200 baud unless `baud` names another rate; NMEA
    then runs at `baud`, or at the rate found by trying 4800 to 115200.
    """
    started = datetime.now(UTC)
    with open_port(port, baud or NAVILINK_BAUD) as ser:
        heard = b""
        if ser.baudrate == NAVILINK_BAUD:
            link = NaviLink(ser)
            if link.sync():
                data, note = download_track(link, progress=progress)
                return Capture(data=data, fmt="navilink", live=False, notes=(note,),
                               name=capture_name(port, "navilink", started),
                               received_utc=started)
            heard = bytes(link.heard)
        rates = (baud,) if baud else None
        rate, first = (find_baud(ser, heard_at_open=heard, rates=rates) if rates
                       else find_baud(ser, heard_at_open=heard))
        if progress:
            progress(f"NMEA at {rate} baud; Ctrl-C or unplug to stop")
        name = capture_name(port, "nmea", started)
        spool = _new_spool(spool_dir, name)
        notes = spool_stream(ser, spool, first=first, idle_s=idle_s, progress=progress)
    return Capture(data=spool.read_bytes(), fmt="nmea", name=spool.stem, live=True,
                   received_utc=started, spool_path=spool,
                   notes=(f"live NMEA at {rate} baud", *notes))
