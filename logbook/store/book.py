"""The logbook file: opening, migrating, transactions, sources and tracks.

Every imported source is kept verbatim (`sources.raw`), content-addressed by the
SHA-256 of its bytes: it is the record of truth, and every analysis can be redone
from it. Writes happen in `Logbook.transaction()`, which takes SQLite's write lock
up front (`BEGIN IMMEDIATE`) and waits for another writer instead of failing.

Reads use the standard library's sqlite3 only, so quick commands stay quick;
sqlite-utils (which imports pandas) is loaded on the first write.
"""

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logbook.errors import StoreError
from logbook.store.bookings import BookingsMixin, migrate_bookings
from logbook.store.entries import EntriesMixin, migrate_entries
from logbook.store.flights import FlightsMixin, migrate_flights
from logbook.store.records import now_utc_text, parse_utc, utc_text

if TYPE_CHECKING:
    import sqlite_utils

# seconds to wait for another process's write lock before giving up
LOCK_TIMEOUT_S = 600.0


def migrate_tracks(db: "sqlite_utils.Database") -> None:
    """Sources (the raw bytes of every import) and the tracks read from them."""
    db.table("sources").create(
        {"id": int, "sha256": str, "name": str, "format": str, "origin": str,
         "size_bytes": int, "imported_utc": str, "raw": bytes},
        pk="id", not_null={"sha256", "raw"},
    )
    db.table("sources").create_index(["sha256"], unique=True)
    db.table("tracks").create(
        {"id": int, "source_id": int, "fixes": int, "records": int,
         "start_utc": str, "end_utc": str, "bad_lines": str, "warnings": str,
         "options": str},
        pk="id", foreign_keys=[("source_id", "sources", "id")],
    )
    db.table("tracks").create_index(["source_id"], unique=True)


# The schema, as the migrations that build it, in order. Never change or reorder a
# migration that has shipped: add a new one. The schema version of a logbook file
# (PRAGMA user_version) is the number of migrations applied to it.
MIGRATIONS: list[tuple[str, Callable[["sqlite_utils.Database"], None]]] = [
    ("tracks", migrate_tracks),
    ("flights", migrate_flights),
    ("bookings", migrate_bookings),
    ("entries", migrate_entries),
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class TrackInfo:
    """One stored track, as `logbook tracks` lists it."""

    id: int
    source: str
    format: str
    fixes: int
    start_utc: datetime
    end_utc: datetime
    imported_utc: datetime
    bad_lines: dict[str, int]
    warnings: tuple[str, ...]
    options: dict[str, Any]
    sha256: str


class Logbook(FlightsMixin, EntriesMixin, BookingsMixin):
    """A logbook file. `Logbook.open(path)` creates it on first use."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._db: sqlite_utils.Database | None = None

    @classmethod
    def open(cls, path: str | Path) -> "Logbook":
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path}: is a folder; --db takes a file name")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a logbook ({e})") from e
        except OSError as e:
            raise StoreError(f"{path}: cannot create the logbook ({e.strerror})") from e
        book = cls(path, conn)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: made by a newer logbook (schema {version}); "
                             "upgrade logbook to use it")
        if version < SCHEMA_VERSION:
            book._migrate()
        return book

    def close(self) -> None:
        self.conn.close()

    @property
    def db(self) -> "sqlite_utils.Database":
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextmanager
    def transaction(self) -> Iterator["sqlite_utils.Database"]:
        """One write transaction: all of it lands, or none of it."""
        db = self.db
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def _migrate(self) -> None:
        with self.transaction() as db:
            # re-read under the write lock: another process may have migrated
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for name, migrate in MIGRATIONS[version:]:
                migrate(db)
                db.table("migrations").insert({"name": name, "applied_utc": now_utc_text()},
                                        pk="name")
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # sources and tracks

    def find_source(self, sha256: str) -> int | None:
        row = self.conn.execute("select id from sources where sha256 = ?",
                                [sha256]).fetchone()
        return None if row is None else int(row[0])

    def add_source(self, *, sha256: str, name: str, fmt: str, origin: str,
                   raw: bytes) -> int:
        """Store raw bytes; call inside `transaction()`."""
        table = self.db.table("sources")
        table.insert({"sha256": sha256, "name": name, "format": fmt,
                      "origin": origin, "size_bytes": len(raw),
                      "imported_utc": utc_text(datetime.now(UTC)), "raw": raw})
        return int(table.last_pk)  # type: ignore[arg-type]

    def add_track(self, *, source_id: int, fixes: int, records: int,
                  start_utc: datetime, end_utc: datetime,
                  bad_lines: dict[str, int], warnings: tuple[str, ...],
                  options: dict[str, Any]) -> int:
        """Record a track read from a source; its id is the source's id."""
        self.db.table("tracks").insert({
            "id": source_id, "source_id": source_id, "fixes": fixes,
            "records": records, "start_utc": utc_text(start_utc),
            "end_utc": utc_text(end_utc), "bad_lines": json.dumps(bad_lines),
            "warnings": json.dumps(list(warnings)), "options": json.dumps(options),
        })
        return source_id

    def tracks(self) -> list[TrackInfo]:
        rows = self.conn.execute(_TRACK_QUERY + " order by t.start_utc, t.id")
        return [_track_info(row) for row in rows]

    def track(self, track_id: int) -> TrackInfo:
        row = self.conn.execute(_TRACK_QUERY + " where t.id = ?", [track_id]).fetchone()
        if row is None:
            raise StoreError(f"no track {track_id}; `logbook tracks` lists them")
        return _track_info(row)

    def source_bytes(self, track_id: int) -> bytes:
        row = self.conn.execute(
            "select s.raw from tracks t join sources s on s.id = t.source_id "
            "where t.id = ?", [track_id]).fetchone()
        if row is None:
            raise StoreError(f"no track {track_id}; `logbook tracks` lists them")
        return bytes(row[0])

    def counts(self) -> dict[str, int]:
        """Rows per table, for tests and `logbook demo`."""
        return {name: self.conn.execute(f"select count(*) from {name}").fetchone()[0]
                for name in ("sources", "tracks", "flights")}


_TRACK_QUERY = (
    "select t.id, s.name, s.format, t.fixes, t.start_utc, t.end_utc, "
    "s.imported_utc, t.bad_lines, t.warnings, t.options, s.sha256 "
    "from tracks t join sources s on s.id = t.source_id"
)


def _track_info(row: tuple[Any, ...]) -> TrackInfo:
    (id_, name, fmt, fixes, start, end, imported, bad, warnings, options, sha) = row
    return TrackInfo(
        id=int(id_), source=name, format=fmt, fixes=int(fixes),
        start_utc=parse_utc(start), end_utc=parse_utc(end),
        imported_utc=parse_utc(imported), bad_lines=json.loads(bad),
        warnings=tuple(json.loads(warnings)), options=json.loads(options),
        sha256=sha,
    )
