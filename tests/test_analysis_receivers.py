"""Receivers that never flew (the GPSD project's logs: parked or carried at walking
pace, altitude wandering, a ten-minute gap) must give no flight."""

from pathlib import Path

import pytest

from logbook.analysis import analyse_track
from logbook.errors import IngestError
from logbook.ingest import read_track

LOGS = sorted((Path(__file__).parent / "data" / "gpsd").glob("*.log"))


@pytest.mark.parametrize("path", LOGS, ids=lambda p: p.name)
def test_a_receiver_on_the_ground_makes_no_flight(path):
    try:
        track = read_track(path)
    except IngestError:
        return          # no fix at all: the reader's error, tested with the reader
    assert analyse_track(track) == []
