"""The host side of NaviLink over a serial port: sync, info, download, erase.

The logger must be in NAVILINK mode (chosen on the device's main menu); the port
runs at 115200 baud 8N1. Every wait is bounded, so a silent device gives a
`DeviceError` after a few seconds instead of hanging.
"""

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import serial

from logbook.device.navilink import (
    ERASE_BLOCK_POINTS,
    MAX_TRACK_POINTS,
    READ_BLOCK_POINTS,
    RECORD_SIZE,
    Information,
    PacketReader,
    Pid,
    decode_information,
    encode_packet,
    encode_request,
)
from logbook.device.nmea_capture import VALID_SENTENCES_NEEDED, valid_sentences
from logbook.errors import DeviceError

NAVILINK_BAUD = 115200
SYNC_TRIES = 3
SYNC_TIMEOUT_S = 0.7          # the device answers a sync at once when in NAVILINK mode
ANSWER_TIMEOUT_S = 4.0        # the protocol notes promise track data within 4 s
ERASE_TIMEOUT_S = 8.0         # GPSBabel waits up to 8 s for any answer
FIRMWARE_TIMEOUT_S = 1.0      # PID_QRY_FW_VERSION may go unanswered on a GT-11
POLL_S = 0.05                 # serial read timeout inside the waits


@dataclass(frozen=True)
class DeviceInfo:
    """What the logger reports about itself and its memory."""

    port: str
    points_held: int
    capacity_points: int
    firmware: str | None
    serial_number: int
    username: str
    waypoints: int
    routes: int
    protocol_version: int


def _pid_name(pid: int) -> str:
    try:
        return Pid(pid).name
    except ValueError:
        return f"packet {pid:#04x}"


def open_port(port: str, baud: int) -> serial.Serial:
    """The port opened at `baud` 8N1, or a DeviceError saying why not."""
    try:
        return serial.Serial(port, baud, bytesize=8, parity="N", stopbits=1,
                             timeout=POLL_S, write_timeout=2.0)
    except (serial.SerialException, OSError) as e:
        if not Path(port).exists():
            raise DeviceError(f"{port}: no such port; is the logger plugged in "
                              "and switched on?") from e
        raise DeviceError(f"{port}: cannot open ({e})") from e


class NaviLink:
    """NaviLink requests over an open port."""

    def __init__(self, port: serial.Serial) -> None:
        self.port = port
        self.reader = PacketReader()
        self.pending: deque[tuple[int, bytes]] = deque()
        self.heard = bytearray()     # every byte received, for the NMEA fallback

    @property
    def name(self) -> str:
        return str(self.port.port)

    def send(self, pid: int, data: bytes = b"") -> None:
        try:
            self.port.write(encode_packet(pid, data))
        except (serial.SerialException, OSError) as e:
            raise DeviceError(f"{self.name}: write failed ({e}); unplugged?") from e

    def receive(self, timeout_s: float) -> tuple[int, bytes] | None:
        """The next packet, or None if none arrives within `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while not self.pending:
            if time.monotonic() >= deadline:
                return None
            try:
                chunk = self.port.read(max(1, self.port.in_waiting))
            except (serial.SerialException, OSError) as e:
                raise DeviceError(f"{self.name}: read failed ({e}); unplugged?") from e
            self.heard += chunk
            self.pending.extend(self.reader.feed(chunk))
        return self.pending.popleft()

    def request(self, pid: int, data: bytes = b"", *, expect: Pid,
                timeout_s: float = ANSWER_TIMEOUT_S) -> bytes:
        """Send a packet and return the data of the expected answer."""
        self.send(pid, data)
        answer = self.receive(timeout_s)
        if answer is None:
            raise DeviceError(f"{self.name}: no answer to NaviLink {_pid_name(pid)} "
                              f"within {timeout_s:g} s")
        if answer[0] != expect:
            raise DeviceError(f"{self.name}: NaviLink {_pid_name(pid)} answered "
                              f"{_pid_name(answer[0])}, expected {expect.name}")
        return answer[1]

    def sync(self, *, tries: int = SYNC_TRIES,
             timeout_s: float = SYNC_TIMEOUT_S) -> bool:
        """True once the device acknowledges PID_SYNC."""
        for _ in range(tries):
            self.send(Pid.SYNC)
            try:
                answer = self.receive(timeout_s)
            except DeviceError:
                if self.heard_nmea():        # an NMEA device that stopped: keep it
                    return False
                raise
            if answer is not None and answer[0] == Pid.ACK:
                return True
            if self.heard_nmea():
                return False
        return False

    def heard_nmea(self) -> bool:
        """True if valid NMEA sentences arrived instead of NaviLink answers."""
        return len(valid_sentences(bytes(self.heard))) >= VALID_SENTENCES_NEEDED

    def information(self) -> Information:
        data = self.request(Pid.QRY_INFORMATION, expect=Pid.DATA)
        try:
            return decode_information(data)
        except ValueError as e:
            raise DeviceError(f"{self.name}: {e}") from e

    def firmware(self) -> str | None:
        """The firmware string, or None if the device does not answer."""
        self.send(Pid.QRY_FW_VERSION)
        answer = self.receive(FIRMWARE_TIMEOUT_S)
        if answer is None or answer[0] != Pid.DATA:
            return None
        text = answer[1].split(b"\x00", 1)[0].decode("latin-1")
        return text.split(",", 1)[0].strip() or None

    def read_track(self, info: Information, *,
                   progress: Callable[[str], None] | None = None) -> bytes:
        """Every stored track point, in blocks of 512, acknowledging each block."""
        out = bytearray()
        address, left = info.track_address, info.track_points
        while left > 0:
            count = min(left, READ_BLOCK_POINTS)
            request = encode_request(address, count * RECORD_SIZE)
            data = self.request(Pid.READ_TRACKPOINTS, request, expect=Pid.DATA)
            if len(data) != count * RECORD_SIZE:
                raise DeviceError(f"{self.name}: asked for {count} track points at "
                                  f"{address:#x}, got {len(data)} bytes")
            self.send(Pid.ACK)
            out += data
            address += count * RECORD_SIZE
            left -= count
            if progress:
                progress(f"downloaded {len(out) // RECORD_SIZE} of "
                         f"{info.track_points} points")
        return bytes(out)

    def erase_track(self, info: Information) -> None:
        """PID_ERASE_TRACK at the buffer, and at its second half when more than
        4096 points are held (as navilink.pl does)."""
        self.request(Pid.ERASE_TRACK, encode_request(info.track_address, 0),
                     expect=Pid.CMD_OK, timeout_s=ERASE_TIMEOUT_S)
        if info.track_points > ERASE_BLOCK_POINTS:
            second = info.track_address + ERASE_BLOCK_POINTS * RECORD_SIZE
            self.request(Pid.ERASE_TRACK, encode_request(second, 0),
                         expect=Pid.CMD_OK, timeout_s=ERASE_TIMEOUT_S)


def connect(port: serial.Serial) -> NaviLink:
    """A synced NaviLink session, or a DeviceError if the device stays silent."""
    link = NaviLink(port)
    if not link.sync():
        raise DeviceError(
            f"{link.name}: no answer to NaviLink sync at {port.baudrate} baud "
            f"({SYNC_TRIES} tries); is the logger switched on and in NAVILINK mode?")
    return link


def device_info(port: str) -> DeviceInfo:
    """What the logger at `port` holds: `device_info("/dev/ttyUSB0").points_held`."""
    with open_port(port, NAVILINK_BAUD) as ser:
        link = connect(ser)
        info = link.information()
        firmware = link.firmware()
    return DeviceInfo(port=port, points_held=info.track_points,
                      capacity_points=MAX_TRACK_POINTS, firmware=firmware,
                      serial_number=info.serial_number, username=info.username,
                      waypoints=info.waypoints, routes=info.routes,
                      protocol_version=info.protocol_version)


def erase_track(port: str) -> None:
    """Erase the logger's track memory and check that it is empty afterwards.

    Call it only once the download is stored and verified.
    """
    with open_port(port, NAVILINK_BAUD) as ser:
        link = connect(ser)
        info = link.information()
        if info.track_points == 0:
            return
        link.erase_track(info)
        left = link.information().track_points
    if left:
        raise DeviceError(f"{port}: erase acknowledged but {left} track points remain")


def download_track(link: NaviLink, *,
                   progress: Callable[[str], None] | None = None) -> tuple[bytes, str]:
    """The raw track points held by a synced device, and a note describing it."""
    info = link.information()
    firmware = link.firmware()
    if progress:
        progress(f"NaviLink: {info.track_points} of {MAX_TRACK_POINTS} points held")
    data = link.read_track(info, progress=progress)
    note = (f"NaviLink download: {info.track_points} track points, device serial "
            f"{info.serial_number}, user {info.username or '-'}, "
            f"firmware {firmware or 'unknown'}")
    return data, note
