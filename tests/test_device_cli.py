"""`logbook device info | erase | emulate` on real pseudo-terminals."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from logbook.cli.device import device
from logbook.device import device_info
from logbook.device.emulator import Emulator, load_points
from logbook.errors import DeviceError

TRK = Path(__file__).parent / "data" / "navilink" / "navilink_tracks.trk"


def test_info_shows_what_the_logger_holds(tmp_path):
    link = tmp_path / "ttyGT11"
    with Emulator(load_points(TRK), mode="navilink", link=link):
        result = CliRunner().invoke(device, ["info", str(link)])
    assert result.exit_code == 0, result.output
    assert "track points:  345 of 8191 (4% full)" in result.output
    assert "username:      LOGBOOK" in result.output


def test_erase_asks_first_and_yes_skips_the_question(tmp_path):
    link = tmp_path / "ttyGT11"
    with Emulator(load_points(TRK), mode="navilink", link=link):
        declined = CliRunner().invoke(device, ["erase", str(link)], input="n\n")
        assert declined.exit_code == 1
        assert "Erase all 345 track points" in declined.output
        assert device_info(str(link)).points_held == 345
        done = CliRunner().invoke(device, ["erase", str(link), "--yes"])
        assert done.exit_code == 0 and "erased 345 track points" in done.output
        assert device_info(str(link)).points_held == 0


def test_a_silent_port_raises_a_device_error(tmp_path):
    master, slave = os.openpty()
    try:
        result = CliRunner().invoke(device, ["info", os.ttyname(slave)])
    finally:
        os.close(master)
        os.close(slave)
    assert result.exit_code == 1
    assert isinstance(result.exception, DeviceError)
    assert "NAVILINK mode" in str(result.exception)


def test_emulate_serves_until_sigterm_and_removes_its_link(tmp_path):
    link = tmp_path / "ttyGT11"
    command = [sys.executable, "-c", "from logbook.cli.device import device; device()",
               "emulate", "--track", str(TRK), "--link", str(link)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).parents[1])
    try:
        deadline = time.monotonic() + 20
        while not link.is_symlink() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert device_info(str(link)).points_held == 345
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "GT-11 emulator (navilink, 115200 baud, 345 track points)" in err
    assert not link.exists() and not link.is_symlink()
