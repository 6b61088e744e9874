import sqlite3
from datetime import UTC, datetime

import pytest

from logbook.errors import StoreError
from logbook.store import SCHEMA_VERSION, Logbook


def test_open_creates_the_file_with_the_current_schema(tmp_path):
    path = tmp_path / "sub" / "book.db"
    book = Logbook.open(path)
    assert path.exists()
    assert book.conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert book.counts() == {"sources": 0, "tracks": 0, "flights": 0}
    book.close()
    again = Logbook.open(path)
    assert again.counts() == {"sources": 0, "tracks": 0, "flights": 0}


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "book.db"
    conn = sqlite3.connect(path)
    conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer logbook"):
        Logbook.open(path)


def test_a_file_that_is_no_database_is_refused(tmp_path):
    path = tmp_path / "book.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a logbook"):
        Logbook.open(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Logbook.open(tmp_path)


def test_a_failed_transaction_leaves_nothing(tmp_path):
    book = Logbook.open(tmp_path / "book.db")
    with pytest.raises(RuntimeError), book.transaction():
        book.add_source(sha256="00", name="x.nmea", fmt="nmea", origin="file", raw=b"$")
        raise RuntimeError("boom")
    assert book.counts() == {"sources": 0, "tracks": 0, "flights": 0}


def test_tracks_round_trip(tmp_path):
    book = Logbook.open(tmp_path / "book.db")
    start = datetime(2007, 12, 27, 10, 5, tzinfo=UTC)
    end = datetime(2007, 12, 27, 10, 50, tzinfo=UTC)
    with book.transaction():
        sid = book.add_source(sha256="ab", name="a.nmea", fmt="nmea", origin="file",
                              raw=b"\x00\x01raw")
        book.add_track(source_id=sid, fixes=2700, records=9000, start_utc=start,
                       end_utc=end, bad_lines={"bad checksum": 2}, warnings=("w",),
                       options={"date": None})
    [info] = book.tracks()
    assert (info.id, info.source, info.fixes) == (sid, "a.nmea", 2700)
    assert info.start_utc == start and info.end_utc == end
    assert info.bad_lines == {"bad checksum": 2}
    assert book.source_bytes(sid) == b"\x00\x01raw"
    with pytest.raises(StoreError, match="no track 99"):
        book.track(99)
