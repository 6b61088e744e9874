"""Bookings, cancellations, METARs and aircraft crosswind limits in the logbook file.

Whether a booking was flown is not stored: it is worked out when bookings are
read (`logbook.bookings`), so a flight imported later links itself. A METAR is
kept raw beside its decoded form, including one that did not decode.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from logbook.errors import StoreError
from logbook.store.base import StoreBase
from logbook.store.records import now_utc_text, parse_utc, utc_text

if TYPE_CHECKING:

    import sqlite_utils

    from logbook.weather import Observation

REASONS = ("weather", "aircraft", "instructor", "student", "other")
DETAILS = ("wind", "crosswind", "gusts", "cloud", "visibility", "rain", "snow", "ice",
           "other")

# Maximum demonstrated crosswind (kt) of common trainers, from their flight manuals
# (POH/AFM section 4 or 5, "maximum demonstrated crosswind velocity"). Seeded into
# the `aircraft_types` table, where the pilot may correct or extend them.
MAX_DEMONSTRATED_CROSSWIND_KT: dict[str, tuple[float, str]] = {
    "C150": (12.0, "Cessna 150M POH section 4: 12 kt"),
    "C152": (12.0, "Cessna 152 POH section 4: 12 kt"),
    "C172": (15.0, "Cessna 172N/P/R/S POH section 4: 15 kt"),
    "C182": (15.0, "Cessna 182 POH section 4: 15 kt"),
    "PA28": (17.0, "Piper PA-28-161 Warrior / PA-28-181 Archer POH section 4: 17 kt"),
    "PA38": (15.0, "Piper PA-38-112 Tomahawk POH section 4: 15 kt"),
    "DA40": (20.0, "Diamond DA40 AFM section 4: 20 kt"),
    "A210": (15.0, "Aquila A210 (AT01) AFM: 15 kt"),
    "C42": (15.0, "Comco Ikarus C42 operating manual: 15 kt"),
}
# other spellings of the types above: ICAO type designators and common names
TYPE_ALIASES = {"P28A": "PA28", "P28B": "PA28", "AT01": "A210",
                "AQUILA": "A210", "IKARUSC42": "C42", "CESSNA152": "C152",
                "CESSNA172": "C172", "CESSNA150": "C150"}


def type_key(aircraft_type: str) -> str:
    """The table's spelling of a type: "PA-28" -> "PA28", "Cessna 152" -> "C152"."""
    key = "".join(ch for ch in aircraft_type.upper() if ch.isalnum())
    return TYPE_ALIASES.get(key, key)


def migrate_bookings(db: "sqlite_utils.Database") -> None:
    """Bookings, the METARs stored with them, and aircraft types' crosswind limits
(aircraft registrations and their types live with the logbook entries)."""
    db.table("metars").create(
        {"id": int, "raw": str, "station": str, "observed_utc": str, "decoded": str,
         "warnings": str, "stored_utc": str}, pk="id", not_null={"raw"})
    db.table("bookings").create(
        {"id": int, "start_utc": str, "end_utc": str, "timezone": str, "airport": str,
         "aircraft": str, "instructor": str, "lesson": str, "created_utc": str,
         "cancelled_utc": str, "reason": str, "detail": str, "note": str,
         "metar_id": int},
        pk="id", not_null={"start_utc", "end_utc", "timezone", "created_utc"},
        foreign_keys=[("metar_id", "metars", "id")],
    )
    db.table("bookings").create_index(["start_utc"])
    db.table("aircraft_types").create(
        {"type": str, "max_crosswind_kt": float, "source": str}, pk="type")
    db.table("aircraft_types").insert_all(
        {"type": key, "max_crosswind_kt": kt, "source": source}
        for key, (kt, source) in MAX_DEMONSTRATED_CROSSWIND_KT.items())


@dataclass(frozen=True)
class Booking:
    """A stored booking; times are ISO 8601 UTC ending in Z."""

    id: int
    start_utc: str
    end_utc: str
    timezone: str
    airport: str | None
    aircraft: str | None
    instructor: str | None
    lesson: str | None
    created_utc: str
    cancelled_utc: str | None = None
    reason: str | None = None
    detail: str | None = None
    note: str | None = None
    metar: dict[str, Any] | None = None  # Observation.to_json() of the stored METAR

    @property
    def cancelled(self) -> bool:
        return self.cancelled_utc is not None


class BookingsMixin(StoreBase):
    """The booking queries of `Logbook`."""


    def add_booking(self, *, start_utc: datetime, end_utc: datetime, timezone: str,
                    airport: str | None = None, aircraft: str | None = None,
                    instructor: str | None = None, lesson: str | None = None) -> int:
        """Record a booking; call inside `transaction()`."""
        if end_utc <= start_utc:
            raise StoreError("a booking must end after it starts")
        table = self.db.table("bookings")
        table.insert({"start_utc": utc_text(start_utc), "end_utc": utc_text(end_utc),
                      "timezone": timezone, "airport": airport, "aircraft": aircraft,
                      "instructor": instructor, "lesson": lesson,
                      "created_utc": now_utc_text()})
        return int(table.last_pk)  # type: ignore[arg-type]

    def bookings(self) -> list[Booking]:
        """Every booking, earliest first."""
        return [_booking(row) for row in self.conn.execute(
            _BOOKING_QUERY + " order by b.start_utc, b.id")]

    def booking(self, booking_id: int) -> Booking:
        row = self.conn.execute(_BOOKING_QUERY + " where b.id = ?",
                                [booking_id]).fetchone()
        if row is None:
            raise StoreError(f"no booking {booking_id}; `logbook bookings` lists them")
        return _booking(row)

    def cancel_booking(self, booking_id: int, *, reason: str, detail: str | None = None,
                       note: str | None = None, metar_id: int | None = None) -> None:
        """Mark a booking cancelled; call inside `transaction()`."""
        if reason not in REASONS:
            raise StoreError(f"unknown reason {reason!r}; one of {', '.join(REASONS)}")
        if detail is not None and detail not in DETAILS:
            raise StoreError(f"unknown detail {detail!r}; one of {', '.join(DETAILS)}")
        self.db.table("bookings").update(booking_id, {
            "cancelled_utc": now_utc_text(), "reason": reason, "detail": detail,
            "note": note, "metar_id": metar_id})

    def add_metar(self, observation: "Observation") -> int:
        """Store a METAR, raw and decoded; call inside `transaction()`."""
        table = self.db.table("metars")
        table.insert({"raw": observation.raw, "station": observation.station,
                      "observed_utc": utc_text(observation.time_utc),
                      "decoded": json.dumps(observation.to_json()),
                      "warnings": json.dumps(list(observation.warnings)),
                      "stored_utc": now_utc_text()})
        return int(table.last_pk)  # type: ignore[arg-type]

    def store_metar(self, observation: "Observation") -> int:
        """Keep a METAR in the weather log once (by its text); returns its id. Call
        inside `transaction()`."""
        row = self.conn.execute("select id from metars where raw = ?",
                                [observation.raw]).fetchone()
        return int(row[0]) if row is not None else self.add_metar(observation)

    def wind_near(self, station: str, when_utc: datetime, *,
                  within_s: float = 3 * 3600.0) -> tuple[float, float] | None:
        """(from deg true, kt) of the stored METAR of `station` observed nearest to
        `when_utc` and within `within_s`; None when none is stored or it has no
        steady wind."""
        best: tuple[float, tuple[float, float]] | None = None
        for observed, decoded in self.conn.execute(
                "select observed_utc, decoded from metars where station = ? "
                "and observed_utc is not null", [station]):
            seconds = abs((parse_utc(observed) - when_utc).total_seconds())
            wind = json.loads(decoded)
            direction, speed = wind.get("wind_dir_deg"), wind.get("wind_speed_kt")
            if seconds <= within_s and direction is not None and speed is not None \
                    and (best is None or seconds < best[0]):
                best = (seconds, (float(direction), float(speed)))
        return None if best is None else best[1]

    def crosswind_limits_kt(self) -> dict[str, float]:
        """Maximum demonstrated crosswind by aircraft type (the table's spelling)."""
        return {row[0]: float(row[1]) for row in self.conn.execute(
            "select type, max_crosswind_kt from aircraft_types "
            "where max_crosswind_kt is not null")}

    def set_crosswind_limit(self, aircraft_type: str, max_crosswind_kt: float, *,
                            source: str = "set by the pilot") -> None:
        """Set a type's maximum demonstrated crosswind; call inside `transaction()`."""
        self.db.table("aircraft_types").upsert(
            {"type": type_key(aircraft_type), "max_crosswind_kt": max_crosswind_kt,
             "source": source}, pk="type")


_BOOKING_COLUMNS = ("id", "start_utc", "end_utc", "timezone", "airport", "aircraft",
                    "instructor", "lesson", "created_utc", "cancelled_utc", "reason",
                    "detail", "note")
_BOOKING_QUERY = (
    "select " + ", ".join(f"b.{name}" for name in _BOOKING_COLUMNS) + ", m.decoded "
    "from bookings b left join metars m on m.id = b.metar_id"
)


def _booking(row: tuple[Any, ...]) -> Booking:
    fields = dict(zip(_BOOKING_COLUMNS, row[:-1], strict=True))
    decoded = row[-1]
    return Booking(**fields, metar=None if decoded is None else json.loads(decoded))
