"""Logbook entries, aircraft and the pilot's settings in the logbook file.

Entries are what the pilot logs (`logbook.pilot.entries.Entry`); `entry_flights`
links each detected flight to at most one entry (a series of circuits may be one
entry with several flights). Reads use sqlite3 only, so `logbook totals` and
`logbook entries` stay quick; writes go through sqlite-utils in `transaction()`.
"""

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from logbook.errors import StoreError
from logbook.store.base import StoreBase

if TYPE_CHECKING:
    import sqlite_utils

    from logbook.pilot.entries import Entry
    from logbook.pilot.settings import SettingValue

_ENTRY_COLUMNS: dict[str, type] = {
    "id": int, "date": str, "capacity": str, "total_min": int, "registration": str,
    "type": str, "departure": str, "arrival": str, "off_block_utc": str,
    "on_block_utc": str, "pic_name": str, "day_takeoffs": int, "night_takeoffs": int,
    "day_landings": int, "night_landings": int, "day_full_stops": int,
    "night_full_stops": int, "night_min": int, "ifr_min": int, "xc": int, "fstd": int,
    "remarks": str, "countersigned_by": str, "confirmed": int, "landing_events": str,
    "provenance": str, "updated_utc": str,
}
_JSON_COLUMNS = ("landing_events", "provenance")
_BOOL_COLUMNS = ("xc", "fstd", "confirmed")


def migrate_entries(db: "sqlite_utils.Database") -> None:
    """Entries, their flights, aircraft and settings (safe to run twice)."""
    if not db.table("entries").exists():
        db.table("entries").create(_ENTRY_COLUMNS, pk="id",
                             not_null={"date", "capacity", "total_min"})
        db.table("entries").create_index(["date"])
    if not db.table("entry_flights").exists():
        db.table("entry_flights").create({"flight_id": int, "entry_id": int},
                                   pk="flight_id",
                                   foreign_keys=[("entry_id", "entries", "id")])
        db.table("entry_flights").create_index(["entry_id"])
    if not db.table("aircraft").exists():
        db.table("aircraft").create({"registration": str, "type": str, "multi_engine": int},
                              pk="registration")
    if not db.table("settings").exists():
        db.table("settings").create({"key": str, "value": str}, pk="key")


def _row_to_entry(row: sqlite3.Row, flights: tuple[int, ...]) -> "Entry":
    from logbook.pilot.entries import Entry

    data = dict(row)
    data.pop("updated_utc", None)
    for name in _JSON_COLUMNS:
        data[name] = json.loads(data[name] or ("[]" if name == "landing_events" else "{}"))
    for name in _BOOL_COLUMNS:
        data[name] = bool(data[name])
    return Entry(**data, flights=flights)


def _entry_row(entry: "Entry") -> dict[str, Any]:
    from logbook.store.records import now_utc_text

    data = entry.to_json()
    row = {k: data[k] for k in _ENTRY_COLUMNS if k in data}
    for name in _JSON_COLUMNS:
        row[name] = json.dumps(data[name])
    for name in _BOOL_COLUMNS:
        row[name] = int(data[name])
    row["updated_utc"] = now_utc_text()
    if row["id"] is None:
        del row["id"]
    return row


class EntriesMixin(StoreBase):
    """The entry, aircraft and settings queries of `Logbook`."""

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params or []).fetchall()

    # entries

    def entries(self, *, until: str | None = None) -> list["Entry"]:
        """Every entry in date and off-block order; `until` a date, inclusive."""
        links: dict[int, list[int]] = {}
        for flight_id, entry_id in self.conn.execute(
                "select flight_id, entry_id from entry_flights order by flight_id"):
            links.setdefault(entry_id, []).append(flight_id)
        where, params = ("where date <= ?", [until]) if until else ("", [])
        rows = self._rows(f"select * from entries {where} order by date, "
                          "coalesce(off_block_utc, ''), id", params)
        return [_row_to_entry(r, tuple(links.get(r["id"], ()))) for r in rows]

    def entry(self, entry_id: int) -> "Entry":
        rows = self._rows("select * from entries where id = ?", [entry_id])
        if not rows:
            raise StoreError(f"no entry {entry_id}; `logbook entries` lists them")
        flights = tuple(r[0] for r in self.conn.execute(
            "select flight_id from entry_flights where entry_id = ? order by flight_id",
            [entry_id]))
        return _row_to_entry(rows[0], flights)

    def entry_for_flight(self, flight_id: int) -> int | None:
        row = self.conn.execute("select entry_id from entry_flights where flight_id = ?",
                                [flight_id]).fetchone()
        return None if row is None else int(row[0])

    def save_entry(self, entry: "Entry") -> int:
        """Insert or update an entry and its flight links; call in `transaction()`."""
        table = self.db.table("entries")
        row = _entry_row(entry)
        if entry.id is None:
            table.insert(row)
            entry_id = int(table.last_pk)  # type: ignore[arg-type]
        else:
            self.entry(entry.id)
            table.update(entry.id, row)
            entry_id = entry.id
        self.conn.execute("delete from entry_flights where entry_id = ?", [entry_id])
        for flight_id in entry.flights:
            self.conn.execute("insert or replace into entry_flights (flight_id, "
                              "entry_id) values (?, ?)", [flight_id, entry_id])
        return entry_id

    def delete_entry(self, entry_id: int) -> None:
        """Remove an entry and its flight links; call inside `transaction()`."""
        self.entry(entry_id)
        self.conn.execute("delete from entry_flights where entry_id = ?", [entry_id])
        self.conn.execute("delete from entries where id = ?", [entry_id])

    # aircraft

    def aircraft(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(
            "select registration, type, multi_engine from aircraft order by registration")]

    def aircraft_type(self, registration: str) -> str | None:
        row = self.conn.execute("select type from aircraft where registration = ?",
                                [registration.upper()]).fetchone()
        return None if row is None else row[0]

    def add_aircraft(self, registration: str, aircraft_type: str, *,
                     multi_engine: bool = False) -> None:
        """Remember an aircraft's type; call inside `transaction()`."""
        self.db.table("aircraft").upsert({"registration": registration.upper(),
                                    "type": aircraft_type.upper(),
                                    "multi_engine": int(multi_engine)},
                                   pk="registration")

    # settings

    def settings(self) -> dict[str, str]:
        """The stored settings as text (unset ones are absent)."""
        return dict(self.conn.execute("select key, value from settings order by key"))

    def setting(self, key: str) -> "SettingValue":
        """A setting read as its kind, or its default (None when it has none)."""
        from logbook.pilot.settings import parse

        row = self.conn.execute("select value from settings where key = ?",
                                [key]).fetchone()
        return parse(key, None if row is None else row[0])

    def set_setting(self, key: str, value: str | None) -> None:
        """Store (or with None, forget) a setting; call inside `transaction()`."""
        if value is None:
            self.conn.execute("delete from settings where key = ?", [key])
        else:
            self.db.table("settings").upsert({"key": key, "value": value}, pk="key")


def get_setting(book: EntriesMixin, key: str) -> "SettingValue":
    """A setting of the pilot's (`crosswind_kt` is a float, `home` an ident)."""
    return book.setting(key)
