"""Live NMEA capture over real pseudo-terminals: baud search, spooling, unplug,
silence and Ctrl-C. The emulator paces bytes at its line speed."""

import os
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

from logbook.device import capture, pending_spools
from logbook.device.emulator import Emulator
from logbook.device.nmea_capture import valid_sentences
from logbook.errors import DeviceError
from logbook.ingest import read_bytes
from logbook.ingest.nmea_write import to_nmea
from logbook.track import to_points


def make_points(count: int) -> pd.DataFrame:
    i = np.arange(count)
    return to_points(pd.DataFrame({
        "time": pd.date_range("2026-06-01 09:00", periods=count, freq="s", tz="UTC"),
        "lat": 52.19 + 0.0003 * i, "lon": -1.61 + 0.0002 * i,
        "altitude_m": 100.0 + i, "speed_mps": np.full(count, 30.0),
        "course_deg": np.full(count, 33.0), "satellites": np.full(count, 7),
        "hdop": np.full(count, 1.2)}))


def sent_at_speed(emu: Emulator) -> bytes:
    return b"".join(data for ok, data in emu.sent if ok)


@pytest.mark.parametrize(("baud", "fixes"), [(4800, 8), (19200, 40), (115200, 25)])
def test_baud_search_finds_the_device_rate(baud, fixes, tmp_path):
    link = tmp_path / "ttyGT11"
    statuses = []
    with Emulator(make_points(fixes), mode="nmea", link=link, rate_hz=10,
                  baud=baud) as emu:
        got = capture(str(link), spool_dir=tmp_path / "spool",
                      progress=statuses.append)
    clear = sent_at_speed(emu)
    assert got.fmt == "nmea" and got.live
    assert f"live NMEA at {baud} baud" in got.notes
    assert clear and got.data.endswith(clear)
    # anything before is noise from before the speed was found: no sentence in it
    assert valid_sentences(got.data[:-len(clear)]) == []
    assert valid_sentences(got.data) == valid_sentences(clear)
    assert statuses[0] == f"NMEA at {baud} baud; Ctrl-C or unplug to stop"
    assert statuses[-1].startswith("fix yes, 7 satellites, 58 kt")


def test_unplug_mid_stream_keeps_every_byte_sent(tmp_path):
    link = tmp_path / "ttyGT11"
    spool_dir = tmp_path / "spool"
    with Emulator(make_points(30), mode="nmea", link=link, rate_hz=10,
                  baud=115200) as emu:
        got = capture(str(link), spool_dir=spool_dir)
    everything = b"".join(data for _, data in emu.sent)
    assert all(ok for ok, _ in emu.sent)
    assert got.data == everything
    assert got.spool_path is not None and got.spool_path.read_bytes() == everything
    assert got.data.count(b"$GPRMC") == 30
    assert got.notes[-1] == "stopped: the device went away (unplugged)"
    assert not link.exists()
    assert pending_spools(spool_dir) == [got.spool_path]   # until the caller stores it


def test_the_given_baud_skips_the_search_and_silence_ends_the_capture(tmp_path):
    master, slave = os.openpty()
    port = tmp_path / "ttyGPS"
    port.symlink_to(os.ttyname(slave))
    text = to_nmea(make_points(5))

    def device():
        time.sleep(0.3)
        for i in range(0, len(text), 100):
            os.write(master, text[i:i + 100])
            time.sleep(0.02)

    writer = threading.Thread(target=device)
    writer.start()
    try:
        got = capture(str(port), baud=4800, idle_s=0.5, spool_dir=tmp_path)
    finally:
        writer.join()
        os.close(master)
        os.close(slave)
    assert got.data == text
    assert got.notes == ("live NMEA at 4800 baud", "stopped: no data for 0.5 s")


def test_ctrl_c_stops_the_capture_and_keeps_the_spool(tmp_path):
    link = tmp_path / "ttyGT11"

    def interrupt_soon(status: str) -> None:
        if status.startswith("NMEA at"):
            threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()

    with Emulator(make_points(200), mode="nmea", link=link, rate_hz=10,
                  baud=115200) as emu:
        got = capture(str(link), spool_dir=tmp_path, progress=interrupt_soon)
        assert not emu.finished.is_set()               # the device still streams
    assert got.notes[-1] == "stopped by Ctrl-C"
    assert got.data and got.spool_path.read_bytes() == got.data
    assert sent_at_speed(emu).startswith(got.data)


def test_a_device_that_vanishes_before_its_rate_is_found_is_an_error(tmp_path):
    link = tmp_path / "ttyGT11"
    with (Emulator(make_points(3), mode="nmea", link=link, rate_hz=10,
                   baud=9600),
          pytest.raises(DeviceError, match="unplugged")):
        capture(str(link), spool_dir=tmp_path)


def test_pending_spools_lists_non_empty_spools_oldest_first(tmp_path):
    assert pending_spools(tmp_path / "none") == []
    old, new, empty = (tmp_path / n for n in ("a-nmea.nmea", "b-nmea.nmea", "c.nmea"))
    old.write_bytes(b"$GPRMC")
    new.write_bytes(b"$GPGGA")
    empty.touch()
    os.utime(old, (1_000_000, 1_000_000))
    assert pending_spools(tmp_path) == [old, new]


def test_a_stream_that_ends_during_the_navilink_probe_is_kept_whole(tmp_path):
    link = tmp_path / "ttyGT11"
    with Emulator(make_points(10), mode="nmea", link=link, rate_hz=20,
                  baud=115200) as emu:
        got = capture(str(link), spool_dir=tmp_path)
    assert got.data == b"".join(data for _, data in emu.sent)
    track = read_bytes(got.data, name=got.name).track
    assert len(track) == 10
    assert track.points["time"].iloc[0] == pd.Timestamp("2026-06-01 09:00", tz="UTC")
