import json

import pytest
from test_pilot_support import cli_runner

from logbook.pilot.entries import Entry
from logbook.pilot.totals import totals


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def _lesson(run, day, off, on, *extra):
    result = run("add", "--date", day, "--reg", "G-BOYL", "--type", "C152",
                 "--from", "EGBW", "--to", "EGBW", "--off", off, "--on", on, *extra)
    assert result.exit_code == 0, result.output
    return result


def _blog_logbook(run):
    # ten hours fifty of lessons before 27 December 2007 (the blog's 11:35 - 0:45)
    _lesson(run, "2007-06-02", "09:00", "10:05", "--capacity", "P/UT", "--landings", "1")
    for day in ("2007-06-16", "2007-07-07", "2007-07-21", "2007-08-04", "2007-08-18",
                "2007-09-01", "2007-09-15", "2007-09-29", "2007-11-10"):
        _lesson(run, day, "09:00", "10:05", "--landings", "4")
    _lesson(run, "2007-12-27", "10:05", "10:50", "--landings", "6", "--night-landings", "0")


def test_the_blogs_line_for_27_december_2007(run):
    _blog_logbook(run)
    result = run("totals", "--on", "2007-12-27")
    assert result.exit_code == 0, result.output
    assert "P/UT Hours Today 0:45, Total 11:35" in result.output.splitlines()
    shown = json.loads(run("totals", "--on", "2007-12-27", "--json").output)
    assert shown["total_min"] == 695 and shown["day_min"] == 45
    assert shown["by_capacity"] == {"P/UT": 695}
    assert shown["by_column"]["dual"] == 695 and shown["by_column"]["pic"] == 0
    assert shown["landings"] == {"day": 43, "night": 0}
    assert shown["by_month"]["2007-09"] == 195
    assert shown["lines"] == ["P/UT Hours Today 0:45, Total 11:35"]
    before = json.loads(run("totals", "--on", "2007-12-26", "--json").output)
    assert before["total_min"] == 650 and before["day_min"] == 0 and before["lines"] == []


def test_capacities_fill_their_easa_columns_and_unconfirmed_are_apart():
    entries = [Entry(date="2008-01-05", capacity="P/UT", total_min=60),
               Entry(date="2008-01-06", capacity="solo", total_min=30, night_landings=2,
                     day_landings=1),
               Entry(date="2008-01-06", capacity="instructor", total_min=50),
               Entry(date="2008-01-06", capacity="P2", total_min=20, type="PA28"),
               Entry(date="2008-01-06", capacity="P/UT", total_min=90, fstd=True),
               Entry(date="2008-01-06", capacity="P/UT", total_min=40, confirmed=False)]
    result = totals(entries, "2008-01-06")
    assert result["by_column"] == {"pic": 80, "copilot": 20, "dual": 60,
                                   "instructor": 50}
    assert result["total_min"] == 160 and result["fstd_min"] == 90
    assert result["unconfirmed"] == {"count": 1, "total_min": 40}
    assert result["landings"] == {"day": 1, "night": 2}
    assert result["pic_countersign_pending_min"] == 30
    assert result["by_type"] == {"?": 140, "PA28": 20}
    assert result["lines"] == ["solo Hours Today 0:30, Total 0:30",
                               "P2 Hours Today 0:20, Total 0:20",
                               "instructor Hours Today 0:50, Total 0:50"]


def test_entries_table_in_utc_and_local_time(run):
    _lesson(run, "2008-07-01", "10:05", "10:50", "--capacity", "P/UT", "--landings", "3")
    utc = run("entries").output.splitlines()
    assert "10:05" in utc[1] and "(UTC)" in utc[0]
    local = run("entries", "--local").output.splitlines()
    assert "11:05" in local[1] and "11:50" in local[1]  # BST at Wellesbourne


def test_config_sets_checks_and_reads_settings(run, tmp_path):
    assert run("config", "night_rule", "uk").output == "night_rule = uk\n"
    assert run("config", "night_rule").output == "uk\n"
    result = run("config", "night_rule", "dusk")
    assert result.exit_code == 1
    assert result.output.startswith("Error: night_rule: unknown night rule 'dusk'")
    assert run("config", "crosswind_kt.C152", "12").exit_code == 0
    assert run("config", "medical_expiry", "2009-02-30").output.startswith(
        "Error: medical_expiry: '2009-02-30' is not a date")
    assert run("config", "colour").output.startswith("Error: unknown setting 'colour'")
    listing = run("config").output
    assert "timezone" in listing and "Europe/London" in listing
    from test_pilot_support import open_book

    from logbook.pilot import get_setting
    book = open_book(tmp_path, "cli.db")
    assert get_setting(book, "crosswind_kt.C152") == 12.0
    assert book.setting("gust_kt") is None
