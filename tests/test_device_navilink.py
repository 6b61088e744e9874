"""NaviLink codec: packets, T_INFORMATION, the 32-byte track point, read_navilink."""

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.device.navilink import (
    TRACK_BUFFER_ADDRESS,
    Information,
    PacketReader,
    Pid,
    checksum,
    decode_information,
    decode_track_points,
    encode_information,
    encode_packet,
    encode_track_points,
    read_navilink,
)
from logbook.errors import IngestError
from logbook.ingest import read_bytes, sniff_format
from logbook.track import to_points

DATA = Path(__file__).parent / "data" / "navilink"
GPX_NS = {"g": "http://www.topografix.com/GPX/1/0"}


def gpsbabel_points() -> pd.DataFrame:
    root = ET.parse(DATA / "navilink_tracks.gpx").getroot()
    rows = [{"lat": float(p.get("lat")), "lon": float(p.get("lon")),
             "altitude_m": float(p.find("g:ele", GPX_NS).text),
             "time": pd.Timestamp(p.find("g:time", GPX_NS).text),
             "course_deg": float(p.find("g:course", GPX_NS).text),
             "speed_mps": float(p.find("g:speed", GPX_NS).text)}
            for p in root.iterfind(".//g:trkpt", GPX_NS)]
    return pd.DataFrame(rows)


def test_sync_packet_matches_the_protocol_document():
    assert encode_packet(Pid.SYNC) == bytes.fromhex("a0a2 0100 d6 d600 b0b3")


def test_checksum_keeps_15_bits_and_is_sent_little_endian():
    data = bytes([0xFF]) * 200                       # sum 51000 = 0xC738
    assert checksum(bytes([Pid.DATA]) + data) == (51000 + 3) & 0x7FFF
    packet = encode_packet(Pid.DATA, data)
    assert packet[2:4] == (201).to_bytes(2, "little")
    assert packet[-4:-2] == ((51000 + 3) & 0x7FFF).to_bytes(2, "little")


def test_reader_skips_junk_and_broken_frames_and_splits_packets():
    good = encode_packet(Pid.DATA, b"hello") + encode_packet(Pid.ACK)
    broken = bytearray(encode_packet(Pid.DATA, b"xx"))
    broken[-3] ^= 0x01                               # bad checksum
    stream = b"$GPGGA,junk\r\n\xa0" + bytes(broken) + good
    reader = PacketReader()
    packets = [p for i in range(len(stream)) for p in reader.feed(stream[i:i + 1])]
    assert packets == [(Pid.DATA, b"hello"), (Pid.ACK, b"")]
    assert reader.junk_bytes > 0


def test_information_round_trip_takes_username_from_the_last_16_bytes():
    info = Information(waypoints=12, routes=2, tracks=1,
                       track_address=TRACK_BUFFER_ADDRESS, serial_number=833000060,
                       track_points=8191, protocol_version=0x0100, username="RODNEY")
    payload = encode_information(info)
    assert len(payload) == 48
    assert decode_information(payload) == info
    short = payload[:16] + payload[-16:]             # the 2005 layout: 32 bytes
    assert decode_information(short) == info


def test_gt11_track_points_decode_exactly_as_gpsbabel_did():
    data = (DATA / "navilink_tracks.trk").read_bytes()
    result = read_navilink(data, name="navilink_tracks.trk")
    ours = result.track.points
    theirs = gpsbabel_points()
    assert result.records == 345 and len(ours) == 345 and result.bad_lines == {}
    assert (ours["time"] == theirs["time"]).all()
    np.testing.assert_allclose(ours["lat"], theirs["lat"], atol=1e-9)
    np.testing.assert_allclose(ours["lon"], theirs["lon"], atol=1e-9)
    np.testing.assert_allclose(ours["altitude_m"], theirs["altitude_m"], atol=5e-4)
    np.testing.assert_allclose(ours["speed_mps"], theirs["speed_mps"], atol=5e-7)
    np.testing.assert_allclose(ours["course_deg"], theirs["course_deg"])
    first = ours.iloc[0]
    assert (first["lat"], first["lon"]) == (51.75858, -0.01207)
    assert first["time"] == pd.Timestamp("2007-10-03 16:01:20", tz="UTC")
    assert ours["satellites"].isna().all() and ours["hdop"].isna().all()


def test_trk_files_are_sniffed_and_read_through_the_ingest_dispatch():
    data = (DATA / "navilink_tracks.trk").read_bytes()
    assert sniff_format(data, "navilink_tracks.trk") == "navilink"
    assert len(read_bytes(data, name="navilink_tracks.trk").track) == 345


def test_encode_then_decode_keeps_the_stored_precision():
    points = to_points(pd.DataFrame({
        "time": pd.date_range("2026-05-01 10:00", periods=3, freq="s", tz="UTC"),
        "lat": [52.1912345, -33.9, 0.0], "lon": [-1.6123456, 151.2, 179.9999999],
        "altitude_m": [91.44, np.nan, 3000.0], "speed_mps": [0.0, 27.8, np.nan],
        "course_deg": [359.6, 90.2, np.nan]}))
    frame, skipped = decode_track_points(encode_track_points(points, first_serial=7))
    assert skipped == {}
    assert list(frame["serial"]) == [7, 8, 9]
    assert (frame["time"] == points["time"]).all()
    np.testing.assert_allclose(frame["lat"], points["lat"], atol=5e-8)
    np.testing.assert_allclose(frame["lon"], points["lon"], atol=5e-8)
    # whole feet, 2 km/h speed steps, whole degrees; unknown is stored as 0
    np.testing.assert_allclose(frame["altitude_m"], [91.44, 0.0, 3000.0], atol=0.16)
    np.testing.assert_allclose(frame["speed_mps"], [0.0, 27.778, 0.0], atol=0.3)
    assert list(frame["course_deg"]) == [0.0, 90.0, 0.0]


def test_waypoints_blank_flash_and_a_partial_record_are_counted_not_read():
    data = (DATA / "navilink_tracks.trk").read_bytes()[:64]
    waypoint = b"\x00\x40" + bytes(28) + b"\x00\x7e"
    blank = b"\xff" * 32
    result = read_navilink(data + waypoint + blank + b"\x01\x02", name="mixed.trk")
    assert len(result.track) == 2
    assert result.bad_lines == {"partial record at the end": 1,
                                "waypoint or route record": 1,
                                "invalid date or time": 1}
    assert any("mixed.trk" in w for w in result.warnings)


def test_no_track_points_is_an_error_naming_the_file():
    with pytest.raises(IngestError, match=r"empty\.trk: no NaviLink track points"):
        read_navilink(b"\xff" * 64, name="empty.trk")
