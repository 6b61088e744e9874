"""The pilot's logbook: entries, totals, licence progress, currency, interchange.

Nothing here imports pandas or matplotlib at import time (printing a PDF loads
matplotlib when asked), so `logbook totals` and `logbook entries` stay quick.
"""

from logbook.pilot.entries import CAPACITIES, CAPACITY_COLUMNS, Entry
from logbook.pilot.fromflights import entries_from_flights
from logbook.store.entries import get_setting
from logbook.units import hhmm

__all__ = ["CAPACITIES", "CAPACITY_COLUMNS", "Entry", "entries_from_flights",
           "get_setting", "hhmm"]
