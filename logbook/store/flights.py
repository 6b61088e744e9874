"""Flights in the logbook file: saving analysis results, reading them back with the
pilot's corrections, and keeping flight ids stable across re-analysis."""

import json
from typing import TYPE_CHECKING, Any

from logbook.errors import StoreError
from logbook.store.base import StoreBase
from logbook.store.records import (
    FlightRecord,
    apply_corrections,
    flight_row,
    now_utc_text,
    overlap_s,
    record_from_row,
)

if TYPE_CHECKING:

    import sqlite_utils

    from logbook.events import Flight

# a flight in another track is the same flight when they share this share of the
# shorter one's block time (a GPX export of an NMEA log shares all of it)
SAME_FLIGHT_OVERLAP = 0.5


def migrate_flights(db: "sqlite_utils.Database") -> None:
    """Schema version 2: flights, their other sources, and corrections."""
    db.table("flights").create(
        {"id": int, "track_id": int, "off_block_utc": str, "on_block_utc": str,
         "takeoff_utc": str, "landing_utc": str, "departure": str, "arrival": str,
         "partial": int, "off_block_unknown": int, "on_block_unknown": int,
         "takeoffs": str, "landings": str, "go_arounds": str,
         "circuits": str, "split_of": int},
        pk="id", foreign_keys=[("track_id", "tracks", "id")],
    )
    db.table("flights").create_index(["track_id"])
    db.table("flight_tracks").create({"flight_id": int, "track_id": int},
                               pk=("flight_id", "track_id"))
    db.table("corrections").create(
        {"id": int, "flight_id": int, "action": str, "payload": str,
         "created_utc": str}, pk="id")


class FlightsMixin(StoreBase):
    """The flight queries of `Logbook`."""


    def save_flights(self, track_id: int, flights: list["Flight"]) -> list[int]:
        """Store the flights found in a track; call inside `transaction()`.

        A flight found again keeps its id; a flight already stored from another
        track is linked to it, not stored twice. Returns the flights' ids.
        """
        old = {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "select id, off_block_utc, on_block_utc from flights "
            "where track_id = ? and split_of is null", [track_id])}
        ids = []
        for flight in flights:
            row = flight_row(flight)
            span = (row["off_block_utc"], row["on_block_utc"])
            match = _best_overlap(span, old)
            if match is not None:
                self.db.table("flights").update(match, row)
                del old[match]
                ids.append(match)
            elif (same := self._same_flight_elsewhere(track_id, span)) is not None:
                self.db.table("flight_tracks").insert(
                    {"flight_id": same, "track_id": track_id}, ignore=True)
                ids.append(same)
            else:
                table = self.db.table("flights")
                table.insert({"track_id": track_id, **row})
                ids.append(int(table.last_pk))  # type: ignore[arg-type]
        for gone in old:
            self.conn.execute("delete from flights where id = ? or split_of = ?",
                              [gone, gone])
        return ids

    def _same_flight_elsewhere(self, track_id: int, span: tuple[str, str]) -> int | None:
        rows = self.conn.execute(
            "select id, off_block_utc, on_block_utc from flights where track_id != ? "
            "and split_of is null and on_block_utc >= ? and off_block_utc <= ?",
            [track_id, span[0], span[1]]).fetchall()
        for id_, start, end in rows:
            shorter = min(overlap_s(span, span), overlap_s((start, end), (start, end)))
            if shorter > 0 and overlap_s(span, (start, end)) >= SAME_FLIGHT_OVERLAP * shorter:
                return int(id_)
        return None

    def flights(self) -> list[FlightRecord]:
        """Every flight in takeoff order, as corrected by the pilot."""
        links: dict[int, list[int]] = {}
        for flight_id, track_id in self.conn.execute(
                "select flight_id, track_id from flight_tracks order by track_id"):
            links.setdefault(flight_id, []).append(track_id)
        cursor = self.conn.execute("select * from flights where split_of is null")
        names = [d[0] for d in cursor.description]
        records = [record_from_row(dict(zip(names, row, strict=True)),
                                   tuple(links.get(row[0], ()))) for row in cursor]
        corrections = self.corrections()
        return apply_corrections(records, corrections)

    def flight(self, flight_id: int) -> FlightRecord:
        for record in self.flights():
            if record.id == flight_id:
                return record
        raise StoreError(f"no flight {flight_id}; `logbook flights` lists them")

    def corrections(self) -> list[dict[str, Any]]:
        cursor = self.conn.execute("select * from corrections order by id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def add_correction(self, flight_id: int, action: str, **payload: Any) -> int:
        """Record a correction; call inside `transaction()`."""
        self.flight(flight_id)  # raises for an unknown or deleted flight
        if action == "split":
            parent = self.conn.execute("select track_id from flights where id = ?",
                                       [flight_id]).fetchone()
            table = self.db.table("flights")
            table.insert({"track_id": parent[0] if parent else None,
                          "split_of": flight_id, "off_block_utc": payload["at_utc"],
                          "on_block_utc": payload["at_utc"]})
            payload["new_id"] = int(table.last_pk)  # type: ignore[arg-type]
        table = self.db.table("corrections")
        table.insert({"flight_id": flight_id, "action": action,
                      "payload": json.dumps(payload), "created_utc": now_utc_text()})
        return int(table.last_pk)  # type: ignore[arg-type]


def _best_overlap(span: tuple[str, str], old: dict[int, tuple[str, str]]) -> int | None:
    best, best_s = None, 0.0
    for id_, other in old.items():
        shared = overlap_s(span, other)
        if shared > best_s:
            best, best_s = id_, shared
    return best
