"""The logbook file: one SQLite database. Only this package knows tables and SQL."""

from logbook.store.book import SCHEMA_VERSION, Logbook, TrackInfo, utc_text
from logbook.store.records import FlightRecord

__all__ = ["SCHEMA_VERSION", "FlightRecord", "Logbook", "TrackInfo", "utc_text"]
