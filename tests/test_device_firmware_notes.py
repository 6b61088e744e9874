"""firmware_notes/: the udev rule and systemd unit parse and fit together, and the
notes name the facts the device code relies on."""

import configparser
import re
from pathlib import Path

from logbook.device.navilink import MAX_TRACK_POINTS, TRACK_BUFFER_ADDRESS, Pid

NOTES = Path(__file__).parents[1] / "firmware_notes"


def udev_rule() -> dict[str, tuple[str, str]]:
    lines = [line for line in (NOTES / "99-logbook-gt11.rules").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    pairs = re.findall(r'([A-Z_]+(?:\{[^}]+\})?)\s*(==|\+=|=)\s*"([^"]*)"', lines[0])
    assert ", ".join(f'{k}{op}"{v}"' for k, op, v in pairs) == lines[0]
    return {key: (op, value) for key, op, value in pairs}


def test_udev_rule_matches_the_pl2303_and_wants_the_template():
    rule = udev_rule()
    assert rule["ACTION"] == ("==", "add")
    assert rule["SUBSYSTEM"] == ("==", "tty")
    assert rule["ATTRS{idVendor}"] == ("==", "067b")
    assert rule["ATTRS{idProduct}"] == ("==", "2303")
    assert rule["TAG"] == ("+=", "systemd")
    assert rule["ENV{SYSTEMD_WANTS}"] == ("+=", "logbook-import@%k.service")


def test_the_service_is_a_supervised_template_importing_the_port():
    path = NOTES / "logbook-import@.service"
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str
    unit.read_string(path.read_text())
    assert path.name.endswith("@.service")
    assert unit["Unit"]["BindsTo"] == unit["Unit"]["After"] == "dev-%i.device"
    service = unit["Service"]
    assert service["ExecStart"].endswith("logbook import /dev/%I")
    assert service["Type"] == "exec" and service["KillSignal"] == "SIGINT"
    assert int(service["TimeoutStopSec"]) > 0 and service["Restart"] == "no"


def test_the_notes_state_the_protocol_facts_the_code_uses():
    navilink = (NOTES / "navilink.md").read_text()
    assert "A0 A2 01 00 D6 D6 00 B0 B3" in navilink
    assert f"0x{TRACK_BUFFER_ADDRESS:08X}" in navilink
    for pid in (Pid.SYNC, Pid.QRY_INFORMATION, Pid.READ_TRACKPOINTS, Pid.ERASE_TRACK):
        assert f"0x{pid:02X}" in navilink
    assert f"{MAX_TRACK_POINTS:,}" in (NOTES / "hardware.md").read_text()
    for name in ("hardware.md", "nmea.md", "navilink.md", "week-rollover.md",
                 "quirks.md"):
        assert f"({name})" in (NOTES / "README.md").read_text()
    assert "not on a real GT-11" in (NOTES / "quirks.md").read_text()
