"""Flights in the logbook file: stable ids, one flight from two sources, corrections
that survive re-analysis. Real logbook files, the real sample lesson."""

import json

import pytest
from click.testing import CliRunner

from logbook.cli import cli
from logbook.samples import sample_paths


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "book.db"

    def run(*args):
        result = CliRunner().invoke(cli, ["--db", str(db), *[str(a) for a in args]])
        return result

    return run


def _flights(run):
    return json.loads(run("flights", "--json").output)


@pytest.fixture
def lesson(run):
    nmea = next(p for p in sample_paths() if p.suffix == ".nmea")
    assert run("import", nmea).exit_code == 0
    return nmea


def test_reanalyse_keeps_flight_ids(run, lesson):
    [before] = _flights(run)
    result = run("reanalyse")
    assert result.exit_code == 0 and "track 1: 1 flight(s)" in result.output
    [after] = _flights(run)
    assert after["id"] == before["id"]
    assert after["landings"] == before["landings"]


def test_the_same_flight_from_another_source_is_one_flight(run, lesson, tmp_path):
    exported = tmp_path / "lesson.gpx"
    assert run("export", 1, "--format", "gpx", "-o", exported).exit_code == 0
    result = run("import", exported)
    assert result.exit_code == 0 and "track 2" in result.output
    [flight] = _flights(run)
    assert flight["track"] == 1 and flight["other_tracks"] == [2]
    assert run("reanalyse").exit_code == 0
    assert len(_flights(run)) == 1


def test_corrections_survive_reanalysis(run, lesson):
    assert run("correct", "landing", 1, 2, "--kind", "stop_and_go").exit_code == 0
    assert run("reanalyse").exit_code == 0
    [flight] = _flights(run)
    assert [x["kind"] for x in flight["landings"]][:3] == [
        "touch_and_go", "stop_and_go", "touch_and_go"]
    assert flight["corrected"] is True
    assert run("correct", "delete", 1).exit_code == 0
    assert run("reanalyse").exit_code == 0
    assert _flights(run) == []


def test_split_then_merge(run, lesson):
    result = run("correct", "split", 1, "--at", "2007-12-27T10:33:00")
    assert result.exit_code == 0, result.output
    first, second = _flights(run)
    assert first["landing_utc"] < "2007-12-27T10:33:00Z" <= second["takeoff_utc"]
    assert len(first["landings"]) + len(second["landings"]) == 6
    assert run("correct", "merge", first["id"], second["id"]).exit_code == 0
    [merged] = _flights(run)
    assert len(merged["landings"]) == 6 and merged["id"] == first["id"]


@pytest.mark.parametrize("args,message", [
    (("show", 99), "Error: no flight 99"),
    (("correct", "delete", 99), "Error: no flight 99"),
    (("correct", "landing", 1, 9, "--kind", "full_stop"), "Error: flight 1 has no landing 9"),
])
def test_unknown_flights_and_landings_are_errors(run, lesson, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.startswith(message)


def test_the_days_metar_goes_to_the_weather_log_and_gives_the_plot_its_wind(
        run, lesson, tmp_path):
    from datetime import UTC, datetime

    from logbook.store import Logbook

    result = run("weather", "--airport", "EGBW", "--date", "2007-12-27", "--metar",
                 "EGBW 271020Z 26018KT 9999 FEW030 08/03 Q1012")
    assert result.exit_code == 0, result.output
    again = run("weather", "--airport", "EGBW", "--date", "2007-12-27", "--metar",
                "EGBW 271020Z 26018KT 9999 FEW030 08/03 Q1012")
    assert again.exit_code == 0
    book = Logbook.open(tmp_path / "book.db")
    assert book.conn.execute("select count(*) from metars").fetchone()[0] == 1
    takeoff = datetime(2007, 12, 27, 10, 18, tzinfo=UTC)
    assert book.wind_near("EGBW", takeoff) == (260.0, 18.0)
    assert book.wind_near("EGBW", datetime(2007, 12, 28, 10, 18, tzinfo=UTC)) is None
    assert book.wind_near("EGTC", takeoff) is None


def test_kml_export_marks_the_landings(run, lesson, tmp_path):
    out = tmp_path / "lesson.kml"
    assert run("export", 1, "--format", "kml", "-o", out).exit_code == 0
    text = out.read_text()
    assert text.count("<name>Touch-and-go EGBW 23</name>") == 5
    assert text.count("<name>Full stop EGBW 23</name>") == 1


@pytest.mark.parametrize("airport,utc", [("EGBW", "10:00"), ("LFPN", "09:00")])
def test_a_booking_is_in_the_airports_local_time(run, airport, utc):
    # 27 December: London is UTC+0, Paris UTC+1, whatever the pilot's own zone
    result = run("book", "2007-12-27", "10:00", "--airport", airport, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["start_utc"] == f"2007-12-27T{utc}:00Z"
