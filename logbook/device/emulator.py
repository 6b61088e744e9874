"""A Locosys GT-11 on a pseudo-terminal, for trying the tool without the logger.

`Emulator` opens a pty and makes `link` a symlink to its slave side; a reader
opens the link like ``/dev/ttyUSB0``. In navilink mode it holds the newest 8,191
points of a track and answers NaviLink requests; in nmea mode it streams the
track's sentences (GGA, GSA, RMC, GSV every 5 s) once, then "unplugs": closes the
pty and removes the link.

A pty has no baud rate, so the emulator reads the speed the reader set (termios)
and pretends the line runs at `baud`: bytes are paced at `baud` / 10 per second
(times `speedup`), and while the reader's speed differs from `baud` what it
sends is garbled (nmea) or what it hears is noise it ignores (navilink).
"""

import errno
import fcntl
import os
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Literal

import pandas as pd

from logbook.device.navilink import (
    ERASE_BLOCK_POINTS,
    MAX_TRACK_POINTS,
    READ_BLOCK_POINTS,
    RECORD_SIZE,
    TRACK_BUFFER_ADDRESS,
    Information,
    PacketReader,
    Pid,
    decode_request,
    encode_information,
    encode_packet,
    encode_track_points,
)
from logbook.errors import DeviceError, IngestError
from logbook.ingest import read_bytes
from logbook.ingest.nmea_write import iter_nmea

Mode = Literal["navilink", "nmea"]
DEFAULT_BAUD: dict[str, int] = {"navilink": 115200, "nmea": 4800}
FIRMWARE = "EMULATOR,logbook GT-11 emulator"
CHUNK_BYTES = 64                 # written at once; small enough to look like a line
DRAIN_TIMEOUT_S = 2.0            # longest wait for the reader to take the last bytes
POLL_S = 0.05

_SPEEDS = {getattr(termios, f"B{n}"): n for n in
           (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)}


def load_points(path: Path) -> pd.DataFrame:
    """The track points of any file the tool imports."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(f"{path}: cannot read ({e.strerror})") from e
    return read_bytes(data, name=path.name).track.points


def garble(data: bytes) -> bytes:
    """What a receiver at the wrong baud rate makes of `data`: high-bit noise
    that never contains a `$` (the same length, for simplicity)."""
    return bytes(0x80 | ((b * 7 + 0x35) & 0x7F) for b in data)


def _fixes(points: pd.DataFrame) -> list[bytes]:
    """The sentences of each fix (GGA first), CRLF-terminated."""
    fixes: list[bytes] = []
    for line in iter_nmea(points, gsv_every_s=5):
        if line.startswith("$GPGGA") or not fixes:
            fixes.append(b"")
        fixes[-1] += line.encode("ascii") + b"\r\n"
    return fixes


class Emulator:
    """A GT-11 on a pty; use `with Emulator(...)` to serve it from a thread."""

    def __init__(self, points: pd.DataFrame, *, mode: Mode, link: Path,
                 rate_hz: float = 1.0, baud: int | None = None,
                 delay_s: float | None = None, speedup: float = 1.0,
                 serial_number: int = 11_0001, username: str = "LOGBOOK") -> None:
        self.mode = mode
        self.link = Path(link)
        self.rate_hz = rate_hz
        self.baud = baud or DEFAULT_BAUD[mode]
        self.delay_s = delay_s
        self.bytes_per_s = self.baud / 10 * speedup
        self.serial_number = serial_number
        self.username = username
        newest = points.tail(MAX_TRACK_POINTS)
        self.memory = encode_track_points(newest) if mode == "navilink" else b""
        self.fixes = _fixes(points) if mode == "nmea" else []
        self.sent: list[tuple[bool, bytes]] = []   # (at the right speed, bytes)
        self.received: list[int] = []              # packet ids heard (navilink)
        self.stopping = threading.Event()
        self.finished = threading.Event()
        self.master = self.slave = -1
        self._thread: threading.Thread | None = None

    # -- the pty ---------------------------------------------------------------

    def open(self) -> None:
        """Open the pty and create the link; the device is ready once it exists."""
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        self.initial_attrs = termios.tcgetattr(self.slave)
        if self.link.is_symlink():
            self.link.unlink()
        elif self.link.exists():
            self.close()
            raise DeviceError(f"{self.link}: exists and is not a link; pick another")
        os.symlink(os.ttyname(self.slave), self.link)

    def close(self) -> None:
        """Unplug: close the pty and remove the link."""
        for fd in (self.master, self.slave):
            if fd >= 0:
                os.close(fd)
        self.master = self.slave = -1
        if self.link.is_symlink():
            self.link.unlink()
        self.finished.set()

    def reader_speed(self) -> int | None:
        """The baud rate the reader set on the port (None if not a standard one)."""
        return _SPEEDS.get(termios.tcgetattr(self.slave)[5])

    def reader_opened(self) -> bool:
        return termios.tcgetattr(self.slave) != self.initial_attrs

    def write(self, data: bytes) -> None:
        """Send `data` at the line's pace, garbled if the reader's speed is wrong."""
        ok = self.reader_speed() == self.baud
        out = data if ok else garble(data)
        self.sent.append((ok, out))
        due = time.monotonic()
        for i in range(0, len(out), CHUNK_BYTES):
            chunk = out[i:i + CHUNK_BYTES]
            self._write_all(chunk)
            due += len(chunk) / self.bytes_per_s
            time.sleep(max(0.0, due - time.monotonic()))

    def _write_all(self, data: bytes) -> None:
        while data and not self.stopping.is_set():
            try:
                data = data[os.write(self.master, data):]
            except BlockingIOError:
                time.sleep(POLL_S / 5)

    def drain(self) -> None:
        """Wait (bounded) until the reader has taken every byte sent."""
        time.sleep(POLL_S)
        deadline = time.monotonic() + DRAIN_TIMEOUT_S
        while time.monotonic() < deadline:
            waiting = fcntl.ioctl(self.slave, termios.TIOCINQ, b"\0\0\0\0")
            if struct.unpack("i", waiting)[0] == 0:
                return
            time.sleep(POLL_S)

    # -- serving ---------------------------------------------------------------

    def serve(self) -> None:
        """Answer (navilink) or stream (nmea) until stopped or the stream ends."""
        try:
            if self.mode == "navilink":
                self._serve_navilink()
            else:
                self._serve_nmea()
                self.drain()
        finally:
            self.close()

    def stop(self) -> None:
        self.stopping.set()

    def _serve_nmea(self) -> None:
        started = time.monotonic()
        while not (self.reader_opened() or self.stopping.is_set()):
            if self.delay_s is not None and time.monotonic() - started >= self.delay_s:
                break
            time.sleep(POLL_S)
        start = time.monotonic()
        for i, fix in enumerate(self.fixes):
            if self.stopping.wait(max(0.0, start + i / self.rate_hz - time.monotonic())):
                return
            self.write(fix)

    def _serve_navilink(self) -> None:
        reader = PacketReader()
        while not self.stopping.is_set():
            ready, _, _ = select.select([self.master], [], [], POLL_S * 2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError as e:
                if e.errno in (errno.EAGAIN, errno.EIO):
                    time.sleep(POLL_S)
                    continue
                raise
            if self.reader_speed() != self.baud:
                continue                 # at the wrong speed the device hears noise
            for pid, payload in reader.feed(data):
                self.received.append(pid)
                answer = self.answer(pid, payload)
                if answer:
                    self.write(answer)

    def information(self) -> Information:
        return Information(waypoints=0, routes=0, tracks=1,
                           track_address=TRACK_BUFFER_ADDRESS,
                           serial_number=self.serial_number,
                           track_points=len(self.memory) // RECORD_SIZE,
                           protocol_version=0x0100, username=self.username)

    def answer(self, pid: int, data: bytes) -> bytes:
        """The device's reply to one packet (empty when it says nothing)."""
        if pid == Pid.SYNC:
            return encode_packet(Pid.ACK)
        if pid == Pid.QRY_INFORMATION:
            return encode_packet(Pid.DATA, encode_information(self.information()))
        if pid == Pid.QRY_FW_VERSION:
            return encode_packet(Pid.DATA, FIRMWARE.encode("ascii") + b"\x00")
        if pid == Pid.READ_TRACKPOINTS and len(data) == 7:
            return self._read_track(*decode_request(data))
        if pid == Pid.ERASE_TRACK and len(data) == 7:
            return self._erase(decode_request(data)[0])
        if pid == Pid.ACK:
            return b""
        if pid == Pid.QUIT:              # leaves link mode and resets
            self.stop()
            return b""
        return encode_packet(Pid.NAK)

    def _read_track(self, address: int, length: int, flag: int) -> bytes:
        start = address - TRACK_BUFFER_ADDRESS
        if (flag != 0 or length % RECORD_SIZE or start % RECORD_SIZE or start < 0
                or not 0 < length <= READ_BLOCK_POINTS * RECORD_SIZE
                or start + length > len(self.memory)):
            return encode_packet(Pid.NAK)
        return encode_packet(Pid.DATA, self.memory[start:start + length])

    def _erase(self, address: int) -> bytes:
        if address == TRACK_BUFFER_ADDRESS:
            self.memory = b""
            return encode_packet(Pid.CMD_OK)
        if address == TRACK_BUFFER_ADDRESS + ERASE_BLOCK_POINTS * RECORD_SIZE:
            return encode_packet(Pid.CMD_OK)   # the first erase cleared it all
        return encode_packet(Pid.CMD_FAIL)

    # -- running ---------------------------------------------------------------

    def __enter__(self) -> "Emulator":
        self.open()
        self._thread = threading.Thread(target=self.serve, daemon=True,
                                        name="gt11-emulator")
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None,
                 error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
        if self._thread:
            self._thread.join(timeout=10)


def run_emulator(track: Path, *, mode: Mode, link: Path, rate_hz: float = 1.0,
                 baud: int | None = None, delay_s: float | None = None,
                 on_ready: Callable[[Emulator], None] | None = None) -> Emulator:
    """Serve `track` on `link` in the foreground until SIGINT or SIGTERM (or the
    end of the stream in nmea mode); the link is removed on the way out."""
    emulator = Emulator(load_points(track), mode=mode, link=link, rate_hz=rate_hz,
                        baud=baud, delay_s=delay_s)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        emulator.stop()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        emulator.open()
        if on_ready:
            on_ready(emulator)
        emulator.serve()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        emulator.close()
    return emulator
