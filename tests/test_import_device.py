"""`logbook import PORT` end to end: the GT-11 emulator on a real pseudo-terminal,
the CLI, the logbook file."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from logbook.cli import cli
from logbook.device.emulator import Emulator
from logbook.ingest import read_bytes
from logbook.samples import sample_paths

SPEEDUP = 20          # the sample's 3,012 points at the real line rate take 12 s


@pytest.fixture(scope="module")
def lesson():
    path = next(p for p in sample_paths() if p.suffix == ".nmea")
    return read_bytes(path.read_bytes(), name=path.name).track.points


def _run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_a_navilink_download_lands_with_its_flight_and_erase_clears_the_logger(
        lesson, tmp_path):
    link, db = tmp_path / "ttyUSB0", tmp_path / "book.db"
    with Emulator(lesson, mode="navilink", link=link, speedup=SPEEDUP) as emu:
        result = _run(db, "import", str(link), "--erase")
        held_after = len(emu.memory)
    assert result.exit_code == 0, result.output
    assert f"{link}: track 1" in result.output and "1 flight" in result.output
    assert held_after == 0
    [flight] = json.loads(_run(db, "flights", "--json").output)
    assert flight["date"] == "2007-12-27" and flight["departure"] == "EGBW"
    assert [x["kind"] for x in flight["landings"]].count("touch_and_go") == 5
    conn = sqlite3.connect(db)
    assert conn.execute("select origin, format from sources").fetchall() == [
        ("device", "navilink")]
    [track] = json.loads(_run(db, "tracks", "--json").output)
    assert track["fixes"] == len(lesson) and track["source"] == str(link)


def test_a_live_nmea_capture_stops_when_the_logger_is_unplugged(lesson, tmp_path):
    link, db = tmp_path / "ttyUSB0", tmp_path / "book.db"
    first_minutes = lesson.head(120)
    # 38400 baud: a GT-11 second (GGA, GSA, GSV, RMC) takes 10 ms of the line
    with Emulator(first_minutes, mode="nmea", link=link, rate_hz=40, baud=38400):
        result = _run(db, "import", str(link), "--baud", "38400")
    assert result.exit_code == 0, result.output
    [track] = json.loads(_run(db, "tracks", "--json").output)
    assert track["fixes"] == 120
    assert track["start_utc"] == "2007-12-27T10:05:00Z"
    assert not list((tmp_path / "spool").glob("*.nmea"))   # stored, so removed


def test_a_silent_port_is_one_error_line(tmp_path):
    import os
    import pty

    master, slave = pty.openpty()
    try:
        result = _run(tmp_path / "book.db", "import", os.ttyname(slave), "--idle", "1")
    finally:
        os.close(master)
        os.close(slave)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_a_spool_left_by_an_interrupted_capture_is_imported_by_the_next_run(
        lesson, tmp_path):
    import os
    import pty

    from logbook.ingest.nmea_write import to_nmea

    db = tmp_path / "book.db"
    spool = tmp_path / "spool" / "ttyUSB0-nmea-20071227T1005Z.nmea"
    spool.parent.mkdir()
    spool.write_bytes(to_nmea(lesson.head(60))[:-7])   # cut off mid-sentence
    master, slave = pty.openpty()
    try:
        result = _run(db, "import", os.ttyname(slave), "--idle", "1")
    finally:
        os.close(master)
        os.close(slave)
    assert "ttyUSB0-nmea-20071227T1005Z: track 1, 60 fixes" in result.output
    assert "left by an interrupted run" in result.output
    assert not spool.exists()
    assert result.exit_code == 1 and "Error: " in result.output   # nothing answered
