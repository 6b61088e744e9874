"""Live NMEA from a serial GPS: find the baud rate, then spool every byte to disk.

The baud search keeps a rate once checksum-valid sentences arrive at it; wrong
rates give bytes with no valid sentence (or silence, which ends the search early).
The capture appends each read to the spool file and flushes it at once, so an
unplug, a crash or Ctrl-C loses nothing already received.
"""

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import serial

from logbook.errors import DeviceError
from logbook.ingest.nmea_write import checksum

BAUD_RATES = (4800, 9600, 19200, 38400, 57600, 115200)
VALID_SENTENCES_NEEDED = 2      # a rate is right once this many sentences check out
PROBE_S = 2.0                   # a SiRF sends GGA, GSA, RMC every second
GARBAGE_BYTES = 800             # this many bytes with no valid sentence: wrong rate
PROGRESS_EVERY_S = 5.0

_SENTENCE = re.compile(rb"\$([A-Z]{2}[A-Z]{3}[^$*\r\n]*)\*([0-9A-Fa-f]{2})\r?\n")

Progress = Callable[[str], None]


def valid_sentences(data: bytes) -> list[str]:
    """The sentences in `data` whose checksum is right, without `$` and `*hh`."""
    out = []
    for match in _SENTENCE.finditer(data):
        body = match.group(1).decode("ascii", "replace")
        if checksum(body) == match.group(2).decode("ascii").upper():
            out.append(body)
    return out


def read_available(port: serial.Serial) -> bytes:
    """What the port holds now (waiting up to its timeout for a first byte).

    Asks for no more than is waiting, so a disconnect never swallows bytes
    already read; raises SerialException or OSError when the port goes away.
    """
    return bytes(port.read(max(1, port.in_waiting)))


def probe_rate(port: serial.Serial, rate: int, *,
               probe_s: float = PROBE_S) -> tuple[bytes, bool]:
    """The bytes heard at `rate` until enough valid sentences, enough garbage or
    `probe_s` seconds, and whether the port went away meanwhile."""
    heard = bytearray()
    try:
        if port.baudrate != rate:
            port.baudrate = rate
        deadline = time.monotonic() + probe_s
        while time.monotonic() < deadline:
            heard += read_available(port)
            if len(valid_sentences(bytes(heard))) >= VALID_SENTENCES_NEEDED:
                break
            if len(heard) >= GARBAGE_BYTES and not valid_sentences(bytes(heard)):
                break
    except (serial.SerialException, OSError):
        return bytes(heard), True
    return bytes(heard), False


def find_baud(port: serial.Serial, *, heard_at_open: bytes = b"",
              rates: tuple[int, ...] = BAUD_RATES) -> tuple[int, bytes]:
    """The rate valid NMEA arrives at, and the bytes heard at that rate so far.

    `heard_at_open` is what arrived at the port's current rate before the search
    (during the NaviLink probe); it counts as a first look at that rate.
    """
    name = port.port
    if len(valid_sentences(heard_at_open)) >= VALID_SENTENCES_NEEDED:
        return port.baudrate, heard_at_open
    anything = bool(heard_at_open)
    for i, rate in enumerate(rates):
        heard, gone = probe_rate(port, rate)
        if len(valid_sentences(heard)) >= VALID_SENTENCES_NEEDED:
            return rate, heard
        if gone:
            raise DeviceError(f"{name}: the device went away during the baud search")
        anything = anything or bool(heard)
        if i == 0 and not anything:
            raise DeviceError(
                f"{name}: no data from the device (NaviLink at 115200 baud and NMEA "
                f"at {rate} baud); is the logger switched on and its output enabled?")
    raise DeviceError(f"{name}: no valid NMEA at {', '.join(map(str, rates))} baud; "
                      "is it a GPS in NMEA mode? Try --baud")


@dataclass
class LiveStatus:
    """What the stream says so far: fix, satellites, speed, fixes received."""

    fix: bool = False
    satellites: int | None = None
    speed_kt: float | None = None
    points: int = 0
    _tail: bytes = field(default=b"", repr=False)

    def feed(self, data: bytes) -> None:
        text = self._tail + data
        cut = text.rfind(b"\n") + 1
        self._tail = text[cut:][-200:]
        for body in valid_sentences(text[:cut]):
            fields = body.split(",")
            kind = fields[0][2:]
            if kind == "GGA" and len(fields) > 7:
                self.fix = fields[6] not in ("", "0")
                self.satellites = int(fields[7]) if fields[7].isdigit() else None
            elif kind == "RMC" and len(fields) > 7:
                self.fix = fields[2] == "A"
                self.points += self.fix
                speed = fields[7]
                self.speed_kt = float(speed) if _is_number(speed) else None

    def line(self) -> str:
        sats = "?" if self.satellites is None else str(self.satellites)
        speed = "?" if self.speed_kt is None else f"{self.speed_kt:.0f}"
        return (f"fix {'yes' if self.fix else 'no'}, {sats} satellites, "
                f"{speed} kt, {self.points} points")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def spool_stream(port: serial.Serial, spool: Path, *, first: bytes = b"",
                 idle_s: float | None = None,
                 progress: Progress | None = None) -> list[str]:
    """Append the stream to `spool` until Ctrl-C, unplug or `idle_s` of silence;
    the notes say why it stopped."""
    status = LiveStatus()
    status.feed(first)
    last_data = last_report = time.monotonic()
    with spool.open("ab") as out:
        out.write(first)
        out.flush()
        try:
            while True:
                try:
                    chunk = read_available(port)
                except (serial.SerialException, OSError):
                    return ["stopped: the device went away (unplugged)"]
                now = time.monotonic()
                if chunk:
                    out.write(chunk)
                    out.flush()
                    status.feed(chunk)
                    last_data = now
                elif idle_s is not None and now - last_data >= idle_s:
                    return [f"stopped: no data for {idle_s:g} s"]
                if not os.path.exists(port.port or ""):
                    return ["stopped: the port vanished (unplugged)"]
                if progress and now - last_report >= PROGRESS_EVERY_S:
                    progress(status.line())
                    last_report = now
        except KeyboardInterrupt:
            return ["stopped by Ctrl-C"]
        finally:
            if progress:
                progress(status.line())
