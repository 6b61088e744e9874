import json

import pytest
from test_pilot_support import Places, cli_runner, open_book, store_flight

from logbook.pilot.fromflights import entries_from_flights
from logbook.pilot.log import log_flight


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def _add(run, *extra):
    return run("add", "--date", "2007-12-27", "--reg", "G-BOYL", "--type", "C152",
               "--capacity", "P/UT", "--from", "EGBW", "--to", "EGBW", "--off", "10:05",
               "--on", "10:50", "--landings", "6", *extra)


def test_add_prints_the_new_id_and_json(run):
    result = _add(run)
    assert result.exit_code == 0, result.output
    assert result.output == "1\n"
    shown = json.loads(_add(run, "--json").output)
    assert shown["id"] == 2
    assert shown["total_min"] == 45
    assert shown["off_block_utc"] == "2007-12-27T10:05:00Z"
    assert shown["day_takeoffs"] == 6 and shown["day_landings"] == 6
    assert shown["columns"] == ["dual"]
    assert shown["provenance"]["total_min"] == "typed"


def test_on_block_before_off_block_is_the_next_day(run):
    result = run("add", "--date", "2007-12-31", "--reg", "G-BOYL", "--type", "C152",
                 "--capacity", "P1", "--off", "23:30", "--on", "00:40", "--json")
    shown = json.loads(result.output)
    assert shown["on_block_utc"] == "2008-01-01T00:40:00Z"
    assert shown["total_min"] == 70


def test_aircraft_are_remembered(run):
    assert run("aircraft", "add", "g-boyl", "--type", "c152").output == "G-BOYL: C152\n"
    assert run("aircraft").output == "G-BOYL   C152\n"
    result = run("add", "--date", "2007-12-28", "--reg", "G-BOYL", "--capacity", "P/UT",
                 "--off", "10:00", "--on", "11:00", "--json")
    assert json.loads(result.output)["type"] == "C152"


def test_unknown_aircraft_and_capacity_are_errors(run):
    result = run("add", "--date", "2007-12-28", "--reg", "G-NEWW", "--off", "10:00",
                 "--on", "11:00")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown aircraft G-NEWW")
    result = _add(run, "--capacity", "pilot")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown capacity 'pilot'")
    result = run("add", "--date", "2007-13-01", "--reg", "G-BOYL", "--type", "C152")
    assert result.output.startswith("Error: '2007-13-01' is not a date")


def test_edit_delete_and_countersign(run):
    _add(run)
    result = run("edit", "1", "--on", "11:00", "--remarks", "Ex 12 circuits", "--json")
    shown = json.loads(result.output)
    assert shown["total_min"] == 55 and shown["remarks"] == "Ex 12 circuits"
    assert run("countersign", "1", "--by", "J Smith").output.startswith(
        "Error: entry 1 is P/UT")
    run("edit", "1", "--capacity", "solo")
    assert json.loads(run("entries", "--json").output)[0]["needs_countersignature"]
    assert run("countersign", "1", "--by", "J Smith").exit_code == 0
    assert not json.loads(run("entries", "--json").output)[0]["needs_countersignature"]
    result = run("delete", "1", input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert run("delete", "1", "--yes").output == "entry 1 deleted\n"
    assert run("delete", "1", "--yes").output.startswith("Error: no entry 1")


def test_every_flight_becomes_one_unconfirmed_entry(tmp_path):
    book = open_book(tmp_path)
    store_flight(book, off="2007-12-27T10:05:00Z", on="2007-12-27T10:50:00Z",
                 takeoffs=["10:10:00"], landings=[("10:20:00", "touch_and_go"),
                                                  ("10:30:00", "stop_and_go"),
                                                  ("10:45:00", "full_stop")])
    assert len(entries_from_flights(book, Places())) == 1
    assert entries_from_flights(book, Places()) == []
    (entry,) = book.entries()
    assert not entry.confirmed
    assert entry.total_min == 45
    assert (entry.day_landings, entry.day_full_stops) == (3, 2)  # stop-and-go is full stop
    assert entry.provenance["off_block_utc"] == "track"


def test_touch_and_go_after_civil_twilight_is_a_night_landing(tmp_path):
    # civil dusk at Wellesbourne on 2007-12-27 is 16:41 UTC (sunset 15:59)
    book = open_book(tmp_path)
    store_flight(book, off="2007-12-27T16:00:00Z", on="2007-12-27T17:00:00Z",
                 takeoffs=["16:05:00"], landings=[("16:30:00", "touch_and_go"),
                                                  ("16:45:00", "touch_and_go"),
                                                  ("16:55:00", "full_stop")])
    entries_from_flights(book, Places())
    (entry,) = book.entries()
    assert (entry.day_landings, entry.night_landings) == (1, 2)
    assert entry.night_full_stops == 1 and entry.day_full_stops == 0
    assert [x["night"] for x in entry.landing_events] == [False, True, True]
    assert 15 <= entry.night_min <= 20
    with book.transaction():
        book.set_setting("night_rule", "uk")  # sunset + 30 min: 16:29
    with book.transaction():
        book.delete_entry(entry.id)
    entries_from_flights(book, Places())
    (entry,) = book.entries()
    assert (entry.day_landings, entry.night_landings) == (0, 3)


def test_log_confirms_remembers_and_never_overwrites_typed_values(tmp_path):
    book = open_book(tmp_path)
    with book.transaction():
        book.add_aircraft("G-BOYL", "C152")
    first = store_flight(book, off="2007-12-27T10:05:00Z", on="2007-12-27T10:50:00Z",
                         takeoffs=["10:10:00"], landings=[("10:45:00", "full_stop")])
    done = log_flight(book, first, capacity="p/ut", registration="G-BOYL",
                      instructor="J Smith", airports=Places())
    assert done.entry.confirmed and done.entry.capacity == "P/UT"
    assert done.entry.type == "C152"
    second = store_flight(book, off="2007-12-28T10:00:00Z", on="2007-12-28T11:00:00Z",
                          takeoffs=["10:05:00"], landings=[("10:55:00", "full_stop")])
    entries_from_flights(book, Places())
    auto = book.entry(book.entry_for_flight(second))
    assert (auto.registration, auto.capacity, auto.pic_name) == ("G-BOYL", "P/UT",
                                                                 "J Smith")
    # the pilot types a different on-block time; a re-analysis keeps it
    from logbook.pilot.log import edit_entry
    with book.transaction():
        book.save_entry(edit_entry(book, auto.id, on="11:10"))
    entries_from_flights(book, Places())
    assert book.entry(auto.id).total_min == 70
    done = log_flight(book, second, airports=Places())
    assert done.entry.total_min == 70
    assert ("total_min", 70, 60) in done.kept_typed
    done = log_flight(book, second, use_track=True, airports=Places())
    assert done.entry.total_min == 60


def test_log_attaches_a_flight_to_an_entry_typed_earlier(run, tmp_path):
    _add(run)
    book = open_book(tmp_path, "cli.db")
    flight = store_flight(book, off="2007-12-27T10:04:00Z", on="2007-12-27T10:52:00Z",
                          takeoffs=["10:10:00"], landings=[("10:45:00", "full_stop")])
    book.close()
    result = run("log", str(flight), "--entry", "1")
    assert result.exit_code == 0, result.output
    assert "kept your total_min 45 (the track says 48)" in result.output
    shown = json.loads(run("entries", "--json").output)
    assert len(shown) == 1 and shown[0]["flights"] == [flight]
    assert shown[0]["day_landings"] == 6  # typed, not the track's 1


def test_a_circuit_series_is_one_entry(tmp_path):
    book = open_book(tmp_path)
    a = store_flight(book, off="2007-12-27T10:00:00Z", on="2007-12-27T10:30:00Z",
                     takeoffs=["10:05:00"], landings=[("10:25:00", "full_stop")])
    b = store_flight(book, off="2007-12-27T10:50:00Z", on="2007-12-27T11:20:00Z",
                     takeoffs=["10:55:00"], landings=[("11:15:00", "full_stop")])
    store_flight(book, off="2007-12-27T12:00:00Z", on="2007-12-27T12:20:00Z",
                     takeoffs=["12:05:00"], landings=[("12:15:00", "full_stop")])
    done = log_flight(book, a, with_flights=(b,), capacity="P/UT", airports=Places())
    assert done.entry.flights == (a, b)
    assert done.entry.total_min == 60
    assert done.entry.off_block_utc == "2007-12-27T10:00:00Z"
    assert done.entry.on_block_utc == "2007-12-27T11:20:00Z"
    assert len(done.removed_entries) == 1
    assert len(book.entries()) == 2


def test_a_series_with_a_long_gap_is_refused(run, tmp_path):
    book = open_book(tmp_path, "cli.db")
    a = store_flight(book, off="2007-12-27T10:00:00Z", on="2007-12-27T10:30:00Z")
    b = store_flight(book, off="2007-12-27T11:10:00Z", on="2007-12-27T11:20:00Z")
    book.close()
    result = run("log", str(a), "--with", str(b))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: flights {a} and {b} are 40 min apart")
    assert run("log", "99").output.startswith("Error: no flight 99")
