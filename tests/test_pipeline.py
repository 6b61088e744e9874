import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from nmea_factory import nmea_log, write_log

from logbook.errors import IngestError
from logbook.pipeline import import_file, import_paths
from logbook.store import Logbook


@pytest.fixture
def book(tmp_path):
    book = Logbook.open(tmp_path / "book.db")
    yield book
    book.close()


def test_import_stores_raw_bytes_and_a_track(book, tmp_path):
    path = write_log(tmp_path / "lesson.nmea", seconds=90)
    result = import_file(book, path)
    assert not result.already_imported
    assert result.fixes == 90
    assert result.start_utc.isoformat() == "2007-12-27T10:00:00+00:00"
    assert book.source_bytes(result.track_id) == path.read_bytes()
    [info] = book.tracks()
    assert info.fixes == 90 and info.source == "lesson.nmea"


def test_reimport_changes_nothing(book, tmp_path):
    path = write_log(tmp_path / "lesson.nmea")
    first = import_file(book, path)
    copy = tmp_path / "renamed-copy.nmea"
    copy.write_bytes(path.read_bytes())
    again = import_file(book, copy)
    assert again.already_imported and again.track_id == first.track_id
    assert book.counts()["sources"] == 1 and book.counts()["tracks"] == 1


def test_a_failure_mid_import_leaves_the_logbook_unchanged(book, tmp_path, monkeypatch):
    import_file(book, write_log(tmp_path / "first.nmea"))
    before = book.counts()

    def explode(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(book, "add_track", explode)
    with pytest.raises(RuntimeError):
        import_file(book, write_log(tmp_path / "second.nmea", start="2007-12-28T09:00:00Z"))
    assert book.counts() == before
    assert book.conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_folder_is_read_recursively_and_bad_files_do_not_stop_the_rest(book, tmp_path):
    folder = tmp_path / "logs"
    (folder / "december").mkdir(parents=True)
    write_log(folder / "a.nmea")
    write_log(folder / "december" / "b.nmea", start="2007-12-28T09:00:00Z")
    (folder / "notes.txt").write_text("weather was bad\n")
    outcomes = list(import_paths(book, [folder, tmp_path / "missing.nmea"]))
    imported = [o for o in outcomes if o.result is not None]
    failed = [o for o in outcomes if o.error is not None]
    assert sorted(o.path.name for o in imported) == ["a.nmea", "b.nmea"]
    assert len(failed) == 1 and "missing.nmea" in str(failed[0].error)
    assert book.counts()["tracks"] == 2


def test_a_folder_without_tracks_is_an_error(book, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("nothing here")
    [outcome] = list(import_paths(book, [tmp_path / "empty"]))
    assert isinstance(outcome.error, IngestError)
    assert "no tracks" in str(outcome.error)


def test_gga_only_needs_a_date_and_stores_it(book, tmp_path):
    gga = b"".join(line + b"\r\n" for line in nmea_log().splitlines()
                   if line.startswith(b"$GPGGA"))
    path = tmp_path / "gga.nmea"
    path.write_bytes(gga)
    with pytest.raises(IngestError, match="--date"):
        import_file(book, path)
    assert book.counts()["tracks"] == 0
    from datetime import date

    result = import_file(book, path, day=date(2007, 12, 27))
    assert result.start_utc.date() == date(2007, 12, 27)
    assert book.track(result.track_id).options["date"] == "2007-12-27"


def _run_import(db, path):
    return subprocess.Popen(
        [sys.executable, "-m", "logbook", "--db", str(db), "import", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_an_import_killed_half_way_leaves_a_sound_logbook(tmp_path):
    db = tmp_path / "book.db"
    big = tmp_path / "long.nmea"
    big.write_bytes(nmea_log(seconds=20_000))
    killed = 0
    for delay_s in (0.4, 0.8, 1.2, 1.6, 2.0):
        proc = _run_import(db, big)
        time.sleep(delay_s)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        conn = sqlite3.connect(db)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert killed >= 1
    done = _run_import(db, big)
    assert done.wait() == 0
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from sources").fetchone()[0] == 1
    assert conn.execute("select count(*) from tracks").fetchone()[0] == 1


def test_two_imports_at_the_same_moment_both_land(tmp_path):
    db = tmp_path / "book.db"
    a = write_log(tmp_path / "a.nmea", seconds=3000)
    b = write_log(tmp_path / "b.nmea", seconds=3000, start="2007-12-28T09:00:00Z")
    procs = [_run_import(db, a), _run_import(db, b), _run_import(db, a)]
    codes = [p.wait() for p in procs]
    assert codes == [0, 0, 0], [p.stderr.read() for p in procs]
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from tracks").fetchone()[0] == 2
