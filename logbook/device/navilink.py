"""The NaviLink protocol of the Locosys GT-11: packets, T_INFORMATION, track points.

Framing (all little-endian, unlike SiRF binary which is big-endian):
``A0 A2 | length u16 | packet id + data | checksum u16 | B0 B3`` where the length
counts the packet id and data, and the checksum is their byte sum & 0x7FFF.
A track point is 32 bytes (layout in `TRACK_POINT_DTYPE`); see
``firmware_notes/navilink.md`` for the sources.
"""

from dataclasses import dataclass
from datetime import date as Date
from enum import IntEnum

import numpy as np
import pandas as pd

from logbook import units
from logbook.errors import IngestError
from logbook.ingest import ReadResult
from logbook.track import Track, to_points

START = b"\xa0\xa2"
END = b"\xb0\xb3"
MAX_PAYLOAD = 0x7FFF                   # the length field has 15 bits
RECORD_SIZE = 32                       # bytes per track point
TRACK_BUFFER_ADDRESS = 0x400E0000      # where the GT-11 keeps its track log
MAX_TRACK_POINTS = 8191                # numOfTrackpoints is 0..8191
READ_BLOCK_POINTS = 512                # most points one PID_READ_TRACKPOINTS returns
ERASE_BLOCK_POINTS = 4096              # one PID_ERASE_TRACK clears this many points
TAGS = b"\x5a\x7e"                     # the last two bytes of every track point
_NOT_TRACK_POINTS = (0x4000, 0x2000, 0x2010)  # waypoint, route, subroute records


class Pid(IntEnum):
    """Packet ids: the first payload byte."""

    NAK = 0x00
    DATA = 0x03
    ACK = 0x0C
    ERASE_TRACK = 0x11
    READ_TRACKPOINTS = 0x14
    WRITE_TRACKPOINTS = 0x16
    QRY_INFORMATION = 0x20
    QRY_ROUTE = 0x24
    QRY_WAYPOINTS = 0x28
    QUIT = 0xF2
    CMD_OK = 0xF3
    CMD_FAIL = 0xF4
    SYNC = 0xD6
    QRY_FW_VERSION = 0xFE


def checksum(payload: bytes) -> int:
    """The 15-bit sum of the packet id and data bytes.

    >>> hex(checksum(bytes([0x28, 0, 0, 0, 0, 0x01, 0, 0x01])))
    '0x2a'
    """
    return sum(payload) & 0x7FFF


def encode_packet(pid: int, data: bytes = b"") -> bytes:
    """One framed packet.

    >>> encode_packet(Pid.SYNC).hex(" ")
    'a0 a2 01 00 d6 d6 00 b0 b3'
    """
    payload = bytes([pid]) + data
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"NaviLink payload of {len(payload)} bytes is too long")
    return (START + len(payload).to_bytes(2, "little") + payload
            + checksum(payload).to_bytes(2, "little") + END)


class PacketReader:
    """Splits a byte stream into packets; junk and broken frames are skipped."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.junk_bytes = 0

    def feed(self, data: bytes) -> list[tuple[int, bytes]]:
        """The (packet id, data) pairs completed by `data`."""
        self.buffer += data
        packets: list[tuple[int, bytes]] = []
        while True:
            start = self.buffer.find(START)
            if start < 0:
                keep = 1 if self.buffer.endswith(START[:1]) else 0
                self._drop(len(self.buffer) - keep)
                return packets
            self._drop(start)
            if len(self.buffer) < 4:
                return packets
            length = int.from_bytes(self.buffer[2:4], "little")
            if not 0 < length <= MAX_PAYLOAD:
                self._drop(1)
                continue
            if len(self.buffer) < length + 8:
                return packets
            payload = bytes(self.buffer[4:4 + length])
            tail = self.buffer[4 + length:8 + length]
            if (int.from_bytes(tail[:2], "little") != checksum(payload)
                    or tail[2:] != END):
                self._drop(1)
                continue
            del self.buffer[:length + 8]
            packets.append((payload[0], payload[1:]))

    def _drop(self, count: int) -> None:
        self.junk_bytes += count
        del self.buffer[:count]


@dataclass(frozen=True)
class Information:
    """T_INFORMATION, the answer to PID_QRY_INFORMATION."""

    waypoints: int
    routes: int
    tracks: int
    track_address: int
    serial_number: int
    track_points: int
    protocol_version: int
    username: str


def decode_information(data: bytes) -> Information:
    """T_INFORMATION from a PID_DATA payload: fixed fields in the first 16 bytes,
    the username in the last 16 (the payload is 32 or 48 bytes long)."""
    if len(data) < 32:
        raise ValueError(f"T_INFORMATION has {len(data)} bytes, expected 32 or more")
    name = data[-16:].split(b"\x00", 1)[0].decode("latin-1").strip()
    return Information(
        waypoints=int.from_bytes(data[0:2], "little"), routes=data[2], tracks=data[3],
        track_address=int.from_bytes(data[4:8], "little"),
        serial_number=int.from_bytes(data[8:12], "little"),
        track_points=int.from_bytes(data[12:14], "little"),
        protocol_version=int.from_bytes(data[14:16], "little"), username=name)


def encode_information(info: Information) -> bytes:
    """The 48-byte T_INFORMATION payload: fixed fields, 16 unknown bytes, username."""
    fixed = (info.waypoints.to_bytes(2, "little") + bytes([info.routes, info.tracks])
             + info.track_address.to_bytes(4, "little")
             + info.serial_number.to_bytes(4, "little")
             + info.track_points.to_bytes(2, "little")
             + info.protocol_version.to_bytes(2, "little"))
    name = info.username.encode("latin-1")[:15].ljust(16, b"\x00")
    return fixed + bytes(16) + name


def encode_request(address: int, length: int, flag: int = 0) -> bytes:
    """The 7-byte data of a read or erase request: u32 address, u16 length, u8."""
    return address.to_bytes(4, "little") + length.to_bytes(2, "little") + bytes([flag])


def decode_request(data: bytes) -> tuple[int, int, int]:
    """(address, length, flag) of a read or erase request."""
    if len(data) != 7:
        raise ValueError(f"request has {len(data)} bytes, expected 7")
    return (int.from_bytes(data[0:4], "little"), int.from_bytes(data[4:6], "little"),
            data[6])


# T_TRACKPOINT: serial, heading (whole degrees), UTM x/y (unreliable, ignored),
# latitude/longitude (1e-7 degrees), altitude (feet, unsigned), UTC date and time
# (year - 2000), UTM zone, speed (units of 2 km/h), tags 0x5A 0x7E
TRACK_POINT_DTYPE = np.dtype([
    ("serial", "<u2"), ("heading_deg", "<u2"), ("utm_x", "<i4"), ("utm_y", "<i4"),
    ("lat_e7", "<i4"), ("lon_e7", "<i4"), ("altitude_ft", "<u2"),
    ("year", "u1"), ("month", "u1"), ("day", "u1"),
    ("hour", "u1"), ("minute", "u1"), ("second", "u1"),
    ("utm_zone", "u1"), ("half_speed_kmh", "u1"), ("tag1", "u1"), ("tag2", "u1"),
])
assert TRACK_POINT_DTYPE.itemsize == RECORD_SIZE


def decode_track_points(data: bytes) -> tuple[pd.DataFrame, dict[str, int]]:
    """Track-schema columns for each good 32-byte record, and the skipped ones
    counted by reason. The frame keeps the records' order and has a `serial`
    column."""
    whole = len(data) - len(data) % RECORD_SIZE
    rec = np.frombuffer(data[:whole], dtype=TRACK_POINT_DTYPE)
    skipped: dict[str, int] = {}
    if whole != len(data):
        skipped["partial record at the end"] = 1
    times = pd.to_datetime(pd.DataFrame({
        "year": rec["year"].astype("int64") + 2000, "month": rec["month"],
        "day": rec["day"], "hour": rec["hour"], "minute": rec["minute"],
        "second": rec["second"]}), errors="coerce", utc=True)
    lat = rec["lat_e7"] / 1e7
    lon = rec["lon_e7"] / 1e7
    other = np.isin(rec["serial"], _NOT_TRACK_POINTS) & (rec["tag1"] != TAGS[0])
    bad_time = ~other & (times.isna().to_numpy() | (rec["hour"] > 23)
                         | (rec["minute"] > 59) | (rec["second"] > 59))
    bad_pos = ~other & ~bad_time & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
    for reason, mask in (("waypoint or route record", other),
                         ("invalid date or time", bad_time),
                         ("position out of range", bad_pos)):
        if mask.any():
            skipped[reason] = int(mask.sum())
    keep = ~(other | bad_time | bad_pos)
    frame = pd.DataFrame({
        "time": times[keep].reset_index(drop=True),
        "lat": lat[keep], "lon": lon[keep],
        "altitude_m": units.ft_to_m(rec["altitude_ft"][keep].astype("float64")),
        "speed_mps": units.kmh_to_mps(2.0 * rec["half_speed_kmh"][keep]),
        "course_deg": rec["heading_deg"][keep].astype("float64"),
        "serial": rec["serial"][keep].astype("int64"),
    })
    return frame, skipped


def encode_track_points(points: pd.DataFrame, *, first_serial: int = 0) -> bytes:
    """32-byte records for track-schema points, as the GT-11 stores them.

    Missing altitude, speed or course are stored as 0 (the record has no "unknown");
    the UTM fields are left 0, which readers ignore.
    """
    count = len(points)
    rec = np.zeros(count, dtype=TRACK_POINT_DTYPE)
    t = pd.DatetimeIndex(points["time"]).tz_convert("UTC")
    if count and (t.year.min() < 2000 or t.year.max() > 2255):
        raise ValueError("NaviLink dates run from 2000 to 2255")
    rec["serial"] = (np.arange(count) + first_serial) % 65536
    course = np.nan_to_num(points["course_deg"].to_numpy("float64"))
    rec["heading_deg"] = np.round(course).astype("int64") % 360
    rec["lat_e7"] = np.round(points["lat"].to_numpy("float64") * 1e7)
    rec["lon_e7"] = np.round(points["lon"].to_numpy("float64") * 1e7)
    altitude_ft = units.m_to_ft(np.nan_to_num(points["altitude_m"].to_numpy("float64")))
    rec["altitude_ft"] = np.clip(np.round(altitude_ft), 0, 65535)
    speed_kmh = np.nan_to_num(points["speed_mps"].to_numpy("float64")) / units.MPS_PER_KMH
    rec["half_speed_kmh"] = np.clip(np.round(speed_kmh / 2), 0, 255)
    for field, values in (("year", t.year - 2000), ("month", t.month), ("day", t.day),
                          ("hour", t.hour), ("minute", t.minute),
                          ("second", t.second)):
        rec[field] = values
    rec["tag1"], rec["tag2"] = TAGS[0], TAGS[1]
    return rec.tobytes()


def read_navilink(data: bytes, *, name: str, date: Date | None = None) -> ReadResult:
    """A track from raw NaviLink track points (a download, or a GPSBabel .trk file).

    `date` is not needed: every record carries its UTC date.
    """
    frame, skipped = decode_track_points(data)
    if frame.empty:
        raise IngestError(f"{name}: no NaviLink track points in {len(data)} bytes")
    points = to_points(frame.drop(columns="serial"))
    repeated = len(frame) - len(points)
    if repeated:
        skipped["repeated time"] = repeated
    warnings = tuple(f"{name}: skipped {n} record(s): {reason}"
                     for reason, n in skipped.items())
    return ReadResult(track=Track(points, source=name), format="navilink",
                      records=len(data) // RECORD_SIZE, bad_lines=skipped,
                      warnings=warnings)
