import json

import pytest
from test_pilot_support import cli_runner, position

from logbook.pilot.entries import Entry
from logbook.pilot.progress import progress, routes


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def leg(dep, arr, off, minutes=60, capacity="solo", day="2008-05-10", **kw):
    return Entry(date=day, capacity=capacity, total_min=minutes, departure=dep,
                 arrival=arr, off_block_utc=f"{day}T{off}:00Z", xc=True, id=hash(off) % 999,
                 **kw)


def _requirement(result, key):
    return next(r for r in result["requirements"] if r["key"] == key)


def test_qualifying_cross_country_is_found():
    trip = [leg("EGBW", "EGSC", "09:00"), leg("EGSC", "EGNX", "11:00"),
            leg("EGNX", "EGBW", "13:00")]
    (route,) = routes(trip, ("solo",), position)
    assert route.aerodromes == ("EGBW", "EGSC", "EGNX", "EGBW")
    assert 170 < route.distance_nm < 185
    found = _requirement(progress(trip, "easa-ppl", position, "2008-06-01"),
                         "qualifying_xc")
    assert found["done"] == 1 and found["met"]
    assert "EGBW-EGSC-EGNX-EGBW" in found["detail"]


def test_short_or_single_stop_cross_countries_do_not_qualify():
    short = [leg("EGBW", "EGTK", "09:00"), leg("EGTK", "EGBJ", "10:30"),
             leg("EGBJ", "EGBW", "12:00")]
    result = _requirement(progress(short, "easa-ppl", position, "2008-06-01"),
                          "qualifying_xc")
    assert result["done"] == 0 and result["remaining"] == 1
    assert result["detail"].startswith("longest so far 2008-05-10 EGBW-EGTK-EGBJ-EGBW")
    # far enough, but East Midlands only a touch-and-go: one other full-stop aerodrome
    touch = [leg("EGBW", "EGSC", "09:00"),
             leg("EGSC", "EGBW", "11:00", landing_events=[
                 {"time_utc": "2008-05-10T11:40:00Z", "kind": "touch_and_go",
                  "airport": "EGNX", "night": False}])]
    assert not _requirement(progress(touch, "easa-ppl", position, "2008-06-01"),
                            "qualifying_xc")["met"]
    # the same route flown dual does not count as solo
    dual = [leg("EGBW", "EGSC", "09:00", capacity="P/UT"),
            leg("EGSC", "EGNX", "11:00", capacity="P/UT"),
            leg("EGNX", "EGBW", "13:00", capacity="P/UT")]
    assert not _requirement(progress(dual, "easa-ppl", position, "2008-06-01"),
                            "qualifying_xc")["met"]


def test_easa_ppl_hours_with_fstd_credit_capped():
    entries = [Entry(date="2008-01-01", capacity="P/UT", total_min=26 * 60),
               Entry(date="2008-01-02", capacity="P/UT", total_min=8 * 60, fstd=True),
               Entry(date="2008-02-01", capacity="solo", total_min=6 * 60),
               Entry(date="2008-02-02", capacity="SPIC", total_min=2 * 60, xc=True),
               Entry(date="2008-02-03", capacity="solo", total_min=600, confirmed=False)]
    result = progress(entries, "easa-ppl", position, "2008-06-01")
    assert _requirement(result, "instruction")["done"] == (26 + 5 + 6 + 2) * 60
    assert _requirement(result, "dual")["met"]
    assert _requirement(result, "supervised_solo")["remaining"] == 2 * 60
    assert _requirement(result, "solo_xc")["done"] == 120
    assert not result["complete"]


def test_night_rating_and_faa_schemes():
    entries = [Entry(date="2008-11-01", capacity="P/UT", total_min=200, night_min=200,
                     night_takeoffs=10, night_full_stops=10, ifr_min=30),
               Entry(date="2008-11-08", capacity="solo", total_min=90, night_min=90,
                     night_takeoffs=5, night_full_stops=4)]
    night = progress(entries, "easa-night", position, "2008-12-01")
    assert _requirement(night, "night")["done"] == 290
    assert _requirement(night, "dual_night")["met"]
    assert _requirement(night, "solo_night_full_stops")["remaining"] == 1
    faa = progress(entries, "faa-ppl", position, "2008-12-01")
    assert _requirement(faa, "night_landings")["met"]
    assert _requirement(faa, "checkride_prep")["done"] == 200  # October-November
    assert _requirement(faa, "instrument")["remaining"] == 150


def test_progress_command_finds_the_cross_country(run):
    for off, on, dep, arr in (("09:00", "10:00", "EGBW", "EGSC"),
                              ("11:00", "12:00", "EGSC", "EGNX"),
                              ("13:00", "13:40", "EGNX", "EGBW")):
        result = run("add", "--date", "2008-05-10", "--reg", "G-BOYL", "--type", "C152",
                     "--capacity", "solo", "--from", dep, "--to", arr, "--off", off,
                     "--on", on, "--landings", "1", "--xc")
        assert result.exit_code == 0, result.output
    shown = json.loads(run("progress", "--on", "2008-06-01", "--json").output)
    assert _requirement(shown, "qualifying_xc")["met"]
    assert _requirement(shown, "solo_xc")["done"] == 160
    text = run("progress", "--on", "2008-06-01").output
    assert "[x] solo cross-country of 270 km" in text
    assert run("progress", "--scheme", "lapl").exit_code == 2
