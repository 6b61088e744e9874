"""`logbook book`, `cancel`, `bookings [stats]`, `weather` and the bookings calendar."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from test_bookings import (
    FLOWN_THURSDAY,
    PilotLogbook,
    add_booking,
    add_flight,
    install_bookings,
    replay_autumn,
)

from logbook.airports_build import build_database
from logbook.bookings import linked_bookings
from logbook.cli import COMMANDS, cli
from logbook.plot_bookings import plot_bookings, render_bookings_png

DATA = Path(__file__).parent / "data" / "bookings"
MY_COMMANDS = {"book": "book_command", "cancel": "cancel_command",
               "bookings": "bookings", "weather": "weather_command"}
WESTERLY = "EGBW 271050Z 27020G30KT 9999 SCT025 08/04 Q1012"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A logbook file the CLI opens with the bookings tables, and EGBW's runways."""
    install_bookings(monkeypatch)
    for name, attribute in MY_COMMANDS.items():
        monkeypatch.setitem(COMMANDS, name, f"logbook.cli.bookings:{attribute}")
    airports = tmp_path / "airports.sqlite"
    build_database(DATA / "runways.csv", DATA / "airports.csv", airports)
    monkeypatch.setenv("LOGBOOK_AIRPORTS", str(airports))
    path = tmp_path / "book.db"
    PilotLogbook.open(path).close()
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def tables(db):
    book = PilotLogbook.open(db)
    try:
        return {name: book.conn.execute(f"select * from {name} order by 1").fetchall()
                for name in ("bookings", "metars", "aircraft_types")}
    finally:
        book.close()


def with_book(db, action):
    book = PilotLogbook.open(db)
    try:
        return action(book)
    finally:
        book.close()


def test_book_prints_the_id_or_the_booking(db):
    first = run(db, "book", "2007-12-27", "10:00", "--aircraft", "G-BOYO",
                "--duration", "1h30m", "--lesson", "circuits")
    assert first.exit_code == 0, first.output
    assert first.output == "1\n"
    second = run(db, "book", "2007-07-05", "09:30", "--instructor", "Pete", "--json")
    data = json.loads(second.output)
    assert data["id"] == 2 and data["airport"] == "EGBW"
    assert data["start_utc"] == "2007-07-05T08:30:00Z"  # 09:30 BST
    assert data["end_utc"] == "2007-07-05T09:30:00Z"  # an hour by default
    assert data["status"] == "unrecorded" and data["instructor"] == "Pete"
    listing = json.loads(run(db, "bookings", "--json").output)
    assert [(b["id"], b["lesson"], b["duration_min"]) for b in listing] == [
        (2, None, 60), (1, "circuits", 90)]


def test_cancel_with_a_metar_stores_it_raw_and_decoded(db):
    run(db, "book", "2007-11-29", "10:00")
    result = run(db, "cancel", "1", "--reason", "weather", "--detail", "crosswind",
                 "--metar", "EGBW 291020Z 30018G28KT 9999 SCT030 06/01 Q1008",
                 "--note", "too windy for runway 23")
    assert result.exit_code == 0, result.output
    assert result.output == "booking 1 cancelled: weather (crosswind)\n"
    booking = json.loads(run(db, "bookings", "--json").output)[0]
    assert (booking["status"], booking["reason"], booking["detail"]) == (
        "cancelled", "weather", "crosswind")
    assert booking["metar"]["time_utc"] == "2007-11-29T10:20:00Z"  # the booking's month
    assert booking["metar"]["wind_gust_kt"] == 28.0
    stored = tables(db)["metars"]
    assert stored[0][1] == "EGBW 291020Z 30018G28KT 9999 SCT030 06/01 Q1008"


def test_a_metar_that_will_not_decode_is_kept_with_a_warning(db):
    run(db, "book", "2007-11-29", "10:00")
    result = run(db, "cancel", "1", "--reason", "weather", "--metar", "grey and wet")
    assert result.exit_code == 0
    assert "Warning: METAR not decoded, kept raw" in result.stderr
    booking = json.loads(run(db, "bookings", "--json").output)[0]
    assert booking["metar"]["raw"] == "grey and wet"
    assert booking["metar"]["decoded"] is False


@pytest.mark.parametrize(("args", "message"), [
    (["cancel", "99", "--reason", "weather"], "Error: no booking 99"),
    (["cancel", "1", "--reason", "weather"], "Error: booking 1 is already cancelled"),
    (["cancel", "7", "--reason", "student"], "Error: booking 7 was flown"),
    (["book", "2007-12-32", "10:00"], "Error: '2007-12-32': not a date"),
    (["book", "2007-12-27", "10.00"], "Error: '10.00': not a time"),
    (["book", "2007-12-27", "10:00", "--duration", "ages"], "Error: 'ages': not a"),
    (["book", "2007-12-27", "10:00", "--airport", "LIRF"], "Error: no time zone"),
    (["bookings", "stats", "--to", "27/12/2007"], "Error: --to '27/12/2007'"),
    (["weather", "--airport", "EGBW"], "Error: no METAR"),
    (["weather", "--airport", "EGZZ", "--metar", WESTERLY], "Error: "),
])
def test_bad_input_is_one_error_line_and_changes_nothing(db, args, message):
    with_book(db, replay_autumn)  # booking 1 is cancelled, booking 7 flown
    before = tables(db)
    result = run(db, *args)
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1
    assert tables(db) == before


def test_a_bad_reason_is_a_usage_error(db):
    with_book(db, lambda book: add_booking(book, "2007-11-29"))
    before = tables(db)
    result = run(db, "cancel", "1", "--reason", "fog")
    assert result.exit_code == 2 and "Invalid value for '--reason'" in result.output
    assert tables(db) == before


def test_stats_of_the_autumn(db):
    with_book(db, replay_autumn)
    result = run(db, "bookings", "stats", "--to", "2007-12-27", "--json")
    stats = json.loads(result.output)
    assert (stats["booked"], stats["flown"], stats["cancelled"]) == (12, 1, 11)
    assert stats["by_reason"] == {"weather": 11}
    assert (stats["current_gap_days"], stats["longest_gap_days"]) == (42, 56)
    assert stats["longest_cancellation_run"] == 6
    october = run(db, "bookings", "stats", "--from", "2007-10-01", "--to", "2007-10-31")
    assert october.output.startswith("4 booked, 0 flown, 4 cancelled")
    assert "cancelled for weather: 4" in october.output


def test_listing_shows_what_became_of_each_booking(db):
    _, flight = with_book(db, replay_autumn)
    lines = run(db, "bookings").output.splitlines()
    assert len(lines) == 13
    flown = [line for line in lines if FLOWN_THURSDAY in line]
    assert "flown" in flown[0] and f"flight {flight}" in flown[0]
    assert sum("weather" in line for line in lines) == 11


def test_weather_json_at_wellesbourne(db):
    result = run(db, "weather", "--airport", "EGBW", "--metar", WESTERLY,
                 "--type", "C152", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    runways = {r["runway"]: r for r in report["runways"]}
    assert set(runways) == {"05", "23", "18", "36"}
    assert (runways["23"]["headwind_kt"], runways["23"]["crosswind_kt"],
            runways["23"]["gust_crosswind_kt"]) == (14.4, 13.9, 20.8)
    assert runways["05"]["headwind_kt"] == -14.4
    assert report["best_runway"] == "23"
    assert report["verdict"] == "beyond limits"
    assert report["limits"]["type_crosswind_kt"] == 12.0


def test_weather_of_a_booking_uses_its_aircraft_and_metar(db):
    with_book(db, lambda book: add_booking(book, "2007-11-29", aircraft="G-BOYO"))
    PilotLogbook.AIRCRAFT = {"G-BOYO": "DA40"}
    run(db, "cancel", "1", "--reason", "weather", "--metar",
        "EGBW 291020Z 23015KT 9999 SCT030 06/01 Q1008")
    result = run(db, "weather", "--booking", "1")
    assert result.exit_code == 0, result.output
    assert "best runway: 23" in result.output
    assert "verdict: within limits" in result.output
    assert "DA40 max demonstrated crosswind 20 kt" in result.output


def test_calendar_draws_one_square_per_booking(db, tmp_path):
    def draw(book):
        replay_autumn(book)
        add_booking(book, "2007-12-27", aircraft="G-BOYO")
        add_flight(book, "2007-12-27T10:15:00", "2007-12-27T11:00:00")
        path = render_bookings_png(book, tmp_path / "bookings.png")
        ax = plot_bookings(linked_bookings(book), ax=Figure().subplots())
        return path, ax

    path, ax = with_book(db, draw)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    squares = [c for c in ax.collections if isinstance(c, PathCollection)]
    counts = {c.get_label(): len(c.get_offsets()) for c in squares}
    assert counts == {"flown (2)": 2, "cancelled: weather (11)": 11}
    flown = next(c for c in squares if c.get_label() == "flown (2)")
    # both flown lessons were on Thursdays (row 3), five weeks and six days apart
    assert list(flown.get_offsets()[:, 1]) == [3, 3]
    weeks_apart = flown.get_offsets()[1, 0] - flown.get_offsets()[0, 0]
    assert weeks_apart == (date(2007, 12, 24) - date(2007, 11, 12)).days
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["flown (2)", "cancelled: weather (11)"]
    assert ax.get_title() == "Bookings: 13 booked, 2 flown, 11 cancelled"


def test_empty_calendar_draws_nothing():
    ax = plot_bookings([])
    assert len(ax.collections) == 0 and ax.get_legend() is None
