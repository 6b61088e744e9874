import json
from datetime import date

import pytest
from test_pilot_support import cli_runner

from logbook.pilot.currency import currency
from logbook.pilot.entries import Entry


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def test_passenger_recency_counts_90_days():
    entries = [Entry(date="2008-01-10", capacity="P1", total_min=60, day_takeoffs=2,
                     day_landings=2),
               Entry(date="2008-02-01", capacity="P1", total_min=60, day_takeoffs=1,
                     day_landings=1, night_takeoffs=1, night_landings=1)]
    result = currency(entries, date(2008, 3, 1))
    assert result["passenger_90d"]["current"]
    assert result["passenger_90d"]["valid_until"] == "2008-04-08"  # 90 days from 10 Jan
    assert result["night_90d"]["current"]
    assert result["night_90d"]["valid_until"] == "2008-04-30"
    assert result["days_since_last_flight"] == 29
    assert result["warnings"] == []
    later = currency(entries, date(2008, 4, 9))
    assert not later["passenger_90d"]["current"]
    assert later["passenger_90d"]["landings"] == 2
    assert any("68 days since the last flight" in w for w in later["warnings"])


def test_a_detected_flight_counts_as_the_last_flight():
    entries = [Entry(date="2008-01-10", capacity="P1", total_min=60)]
    result = currency(entries, date(2008, 3, 1), last_flight="2008-02-25")
    assert result["days_since_last_flight"] == 5
    assert result["last_flight"] == "2008-02-25"


def test_sep_revalidation_and_expiry_warnings():
    entries = [Entry(date="2008-03-01", capacity="P1", total_min=6 * 60,
                     day_takeoffs=8, day_landings=8),
               Entry(date="2008-06-01", capacity="P/UT", total_min=70, day_takeoffs=4,
                     day_landings=4),
               Entry(date="2007-01-01", capacity="P1", total_min=600)]
    result = currency(entries, date(2008, 6, 20), sep_expiry="2008-07-01",
                      medical_expiry="2008-06-01")
    reval = result["sep_revalidation"]
    assert reval["window_start"] == "2007-07-01"
    assert reval["requirements"]["total_min"]["done"] == 430
    assert reval["requirements"]["total_min"]["remaining"] == 290
    assert reval["requirements"]["pic_min"]["met"]
    assert reval["requirements"]["takeoffs"]["met"]
    assert reval["requirements"]["instructor_min"]["met"]
    assert not reval["met"]
    assert "SEP class rating expires on 2008-07-01, in 11 days" in result["warnings"]
    assert "medical expired on 2008-06-01" in result["warnings"]


def test_currency_command(run):
    result = run("add", "--date", "2008-01-10", "--reg", "G-BOYL", "--type", "C152",
                 "--capacity", "P1", "--off", "10:00", "--on", "11:00", "--landings", "3")
    assert result.exit_code == 0, result.output
    run("config", "sep_expiry", "2008-12-31")
    shown = json.loads(run("currency", "--on", "2008-02-01", "--json").output)
    assert shown["passenger_90d"]["current"] and not shown["night_90d"]["current"]
    assert shown["days_since_last_flight"] == 22
    assert shown["sep_revalidation"]["requirements"]["landings"]["done"] == 3
    text = run("currency", "--on", "2008-03-15").output
    assert "warning: 65 days since the last flight" in text
    assert run("currency", "--on", "tomorrow").output.startswith(
        "Error: 'tomorrow' is not a date")
