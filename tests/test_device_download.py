"""NaviLink over real pseudo-terminals: the emulator against our client and
against GPSBabel, paced like the device's 115200-baud line."""

import csv
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.device import capture, device_info, erase_track
from logbook.device.emulator import Emulator, load_points
from logbook.device.navilink import Pid, decode_track_points, read_navilink
from logbook.errors import DeviceError
from logbook.track import to_points

DATA = Path(__file__).parent / "data" / "navilink"
SPEEDUP = 10          # the full memory takes 23 s at the real line rate


def make_points(count: int, start: str = "2026-06-01 09:00") -> pd.DataFrame:
    i = np.arange(count)
    angle = i / 300 * 2 * np.pi
    return to_points(pd.DataFrame({
        "time": pd.date_range(start, periods=count, freq="s", tz="UTC"),
        "lat": 52.19 + 0.01 * np.sin(angle), "lon": -1.61 + 0.015 * np.cos(angle),
        "altitude_m": 100 + 200 * np.abs(np.sin(angle / 3)),
        "speed_mps": np.full(count, 41.7), "course_deg": (i * 1.2) % 360}))


@pytest.fixture
def link(tmp_path):
    return tmp_path / "ttyGT11"


def test_full_memory_downloads_in_512_point_blocks(link, tmp_path):
    points = make_points(9000)                       # more than the memory holds
    with Emulator(points, mode="navilink", link=link, speedup=SPEEDUP) as emu:
        got = capture(str(link), spool_dir=tmp_path / "spool")
        served = emu.memory
    assert got.fmt == "navilink" and not got.live
    assert got.data == served and len(got.data) == 8191 * 32
    assert got.name.startswith("ttyGT11-navilink-")
    reads = emu.received.count(Pid.READ_TRACKPOINTS)
    assert reads == 16 and emu.received.count(Pid.ACK) >= 15   # 15 x 512 + 511
    track = read_navilink(got.data, name=got.name).track
    assert len(track) == 8191
    newest = points.tail(8191).reset_index(drop=True)
    assert (track.points["time"] == newest["time"]).all()
    np.testing.assert_allclose(track.points["lat"], newest["lat"], atol=5e-8)
    assert not list((tmp_path / "spool").glob("*"))    # downloads are not spooled


def test_the_real_gt11_points_are_served_as_recorded(link, tmp_path):
    data = (DATA / "navilink_tracks.trk").read_bytes()
    with Emulator(load_points(DATA / "navilink_tracks.trk"), mode="navilink",
                  link=link) as emu:
        info = device_info(str(link))
        got = capture(str(link), spool_dir=tmp_path)
    assert (info.points_held, info.capacity_points) == (345, 8191)
    assert info.username == emu.username and info.firmware == "EMULATOR"
    ours, _ = decode_track_points(got.data)
    recorded, _ = decode_track_points(data)
    columns = ["time", "lat", "lon", "altitude_m", "speed_mps", "course_deg"]
    pd.testing.assert_frame_equal(ours[columns], recorded[columns])


def test_erase_clears_the_memory_and_info_then_shows_none(link):
    with Emulator(make_points(5000), mode="navilink", link=link, speedup=SPEEDUP):
        assert device_info(str(link)).points_held == 5000
        erase_track(str(link))
        assert device_info(str(link)).points_held == 0


def test_a_device_at_another_speed_does_not_answer(link):
    with (Emulator(make_points(10), mode="navilink", link=link, baud=57600) as emu,
          pytest.raises(DeviceError, match="no answer to NaviLink sync")):
        device_info(str(link))
    assert emu.received == []


def test_a_silent_device_gives_a_clear_error(tmp_path):
    master, slave = os.openpty()
    port = tmp_path / "ttySilent"
    port.symlink_to(os.ttyname(slave))
    try:
        with pytest.raises(DeviceError, match="NAVILINK mode"):
            device_info(str(port))
        with pytest.raises(DeviceError, match="no data from the device"):
            capture(str(port), spool_dir=tmp_path / "spool")
    finally:
        os.close(master)
        os.close(slave)


def test_a_missing_port_says_so(tmp_path):
    with pytest.raises(DeviceError, match="no such port"):
        device_info(str(tmp_path / "ttyUSB9"))


def read_unicsv(path: Path) -> pd.DataFrame:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return pd.DataFrame({
        "time": pd.to_datetime([f"{r['Date']} {r['Time']}" for r in rows],
                               format="%Y/%m/%d %H:%M:%S", utc=True),
        "lat": [float(r["Latitude"]) for r in rows],
        "lon": [float(r["Longitude"]) for r in rows]})


@pytest.mark.parametrize("source", ["gt11", "synthetic"])
def test_gpsbabel_downloads_what_the_emulator_serves(source, link, tmp_path):
    points = (load_points(DATA / "navilink_tracks.trk") if source == "gt11"
              else make_points(1100))                # three blocks: 512, 512, 76
    out = tmp_path / "out.csv"
    with Emulator(points, mode="navilink", link=link, speedup=SPEEDUP) as emu:
        run = subprocess.run(
            ["gpsbabel", "-t", "-i", "navilink", "-f", str(link),
             "-o", "unicsv", "-F", str(out)],
            env={**os.environ, "TZ": "UTC"}, capture_output=True, text=True,
            timeout=60)
        served, _ = decode_track_points(emu.memory)
    assert run.returncode == 0, run.stderr
    theirs = read_unicsv(out)
    assert len(theirs) == len(served) == len(points)
    assert (theirs["time"] == served["time"]).all()
    assert np.abs(theirs["lat"] - served["lat"]).max() <= 1e-6
    assert np.abs(theirs["lon"] - served["lon"]).max() <= 1e-6
