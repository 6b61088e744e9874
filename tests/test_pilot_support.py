"""Shared pieces of the pilot logbook tests: a logbook with entry tables, stored
flights built by hand, a hand airport table and a CLI runner."""

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from logbook.cli import cli
from logbook.store import Logbook

# aerodromes of the tests (positions from OurAirports, rounded)
PLACES = {
    "EGBW": (52.1894, -1.6141),   # Wellesbourne Mountford
    "EGBJ": (51.8942, -2.1672),   # Gloucestershire
    "EGTK": (51.8369, -1.3200),   # Oxford
    "EGSC": (52.2050, 0.1750),    # Cambridge
    "EGNX": (52.8311, -1.3281),   # East Midlands
    "EGKB": (51.3308, 0.0325),    # Biggin Hill
}


class Places:
    """The lookup `logbook.airports.AirportDB.airport` offers, over PLACES."""

    def airport(self, ident):
        lat, lon = PLACES[ident.upper()]
        return SimpleNamespace(ident=ident.upper(), lat=lat, lon=lon, country="GB")


def position(ident):
    return PLACES.get(ident) if ident else None


def open_book(tmp_path, name="book.db"):
    return Logbook.open(tmp_path / name)


def store_flight(book, *, off, on, dep="EGBW", arr="EGBW", takeoffs=(), landings=()):
    """A detected flight, stored as the analysis would store it.

    takeoffs: times (HH:MM:SS on the off-block date); landings: (time, kind).
    """
    day = off[:10]

    def at(clock):
        return f"{day}T{clock}Z"

    with book.transaction() as db:
        sources = db["sources"]
        sources.insert({"sha256": f"{off}{on}", "name": "t.nmea", "format": "nmea",
                        "origin": "file", "size_bytes": 1, "imported_utc": off,
                        "raw": b"x"})
        track_id = sources.last_pk
        db["tracks"].insert({"id": track_id, "source_id": track_id, "fixes": 1,
                             "records": 1, "start_utc": off, "end_utc": on,
                             "bad_lines": "{}", "warnings": "[]", "options": "{}"})
        takeoff_rows = [{"time_utc": at(t), "airport": dep, "runway": "23"}
                        for t in takeoffs]
        landing_rows = [{"time_utc": at(t), "kind": kind, "airport": where or arr,
                         "runway": "23"} for t, kind, *rest in landings
                        for where in [rest[0] if rest else None]]
        flights = db["flights"]
        flights.insert({"track_id": track_id, "off_block_utc": off, "on_block_utc": on,
                        "takeoff_utc": takeoff_rows[0]["time_utc"] if takeoffs else None,
                        "landing_utc": landing_rows[-1]["time_utc"] if landings else None,
                        "departure": dep, "arrival": arr, "partial": 0,
                        "takeoffs": json.dumps(takeoff_rows),
                        "landings": json.dumps(landing_rows), "go_arounds": "[]",
                        "circuits": "[]"})
        return flights.last_pk


def cli_runner(tmp_path, monkeypatch):
    """Run `logbook --db tmp/cli.db ARGS...`; returns the click Result."""
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", str(tmp_path / "cli.db"), *args], input=input)

    return invoke


def test_places_lookup_knows_the_test_aerodromes():
    assert Places().airport("egbw").lat == pytest.approx(52.1894)
    with pytest.raises(KeyError):
        Places().airport("XXXX")
