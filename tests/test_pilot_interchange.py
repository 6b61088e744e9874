import csv
import io
import json
import re

import pytest
from test_pilot_support import cli_runner

MYFLIGHTBOOK = """Date,Tail Number,Model,Total Flight Time,Landings,FS Day Landings,\
FS Night Landings,X-Country,Night,IMC,Dual Received,PIC,Solo Time,Route,Comments
2007-12-27,G-BOYL,C152,0:45,6,1,0,,,,0:45,,,EGBW,Ex 13 circuits
2008-05-10,G-BOYL,C152,1:00,1,1,0,1:00,,,,1:00,1:00,EGBW EGSC,solo XC
2008-11-02,G-BNSR,PA28,1.5,3,0,2,,0:50,0:10,1.5,,,EGBW-EGBW,night circuits
"""

FOREFLIGHT = """ForeFlight Logbook Import,,,,
Aircraft Table,,,,
Text,Text,Text,YYYY,Text
AircraftID,EquipmentType,TypeCode,Year,Make
G-BOYL,aircraft,C152,1979,Cessna
,,,,
Flights Table,,,,
Date,Text,Text,Text,Text
Date,AircraftID,From,To,TimeOut,TimeIn,TotalTime,PIC,Solo,DualReceived,Night,\
CrossCountry,DayTakeoffs,DayLandingsFullStop,NightTakeoffs,NightLandingsFullStop,\
AllLandings,InstructorName,PilotComments
2007-12-27,G-BOYL,EGBW,EGBW,10:05,10:50,0.75,,,0.75,,,6,1,,,6,J Smith,circuits
2008-05-10,G-BOYL,EGBW,EGSC,0900,1000,1.00,1.00,1.00,,,1.00,1,1,,,1,,solo XC
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def _rows(text):
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Date,")
                 and ("AircraftID" in line or "Tail Number" in line))
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))


def test_myflightbook_csv_round_trips(run, tmp_path):
    path = tmp_path / "mfb.csv"
    path.write_text(MYFLIGHTBOOK)
    result = run("import-entries", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "mfb.csv: 3 entries\n"
    entries = json.loads(run("entries", "--json").output)
    assert [e["capacity"] for e in entries] == ["P/UT", "solo", "P/UT"]
    assert [e["total_min"] for e in entries] == [45, 60, 90]
    assert entries[2]["night_landings"] == 2 and entries[2]["night_min"] == 50
    assert entries[1]["xc"] and entries[1]["arrival"] == "EGSC"
    assert run("aircraft").output == "G-BNSR   PA28\nG-BOYL   C152\n"
    exported = _rows(run("export-entries", "--format", "csv").output)
    original = _rows(MYFLIGHTBOOK)
    for before, after in zip(original, exported, strict=True):
        for key in ("Date", "Tail Number", "Model", "Landings", "FS Day Landings",
                    "FS Night Landings", "Comments"):
            assert after[key] == before[key]
    assert [r["Total Flight Time"] for r in exported] == ["0:45", "1:00", "1:30"]
    assert exported[0]["Dual Received"] == "0:45" and exported[1]["Solo Time"] == "1:00"
    # and the export reads back to the same entries
    again = tmp_path / "again.csv"
    run("export-entries", "--format", "csv", "-o", str(again))
    assert run("import-entries", str(again)).exit_code == 0
    twice = json.loads(run("entries", "--json").output)
    keys = ("date", "capacity", "total_min", "registration", "type", "day_landings",
            "night_landings", "night_min", "ifr_min", "xc", "remarks")
    assert [{k: e[k] for k in keys} for e in twice if e["id"] > 3] == \
        [{k: e[k] for k in keys} for e in entries]


def test_foreflight_csv_round_trips(run, tmp_path):
    path = tmp_path / "ff.csv"
    path.write_text(FOREFLIGHT)
    assert run("import-entries", str(path)).output == "ff.csv: 2 entries\n"
    entries = json.loads(run("entries", "--json").output)
    assert entries[0]["off_block_utc"] == "2007-12-27T10:05:00Z"
    assert entries[0]["type"] == "C152" and entries[0]["pic_name"] == "J Smith"
    assert [e["capacity"] for e in entries] == ["P/UT", "solo"]
    out = tmp_path / "out.csv"
    assert run("export-entries", "--format", "foreflight", "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert text.startswith("ForeFlight Logbook Import")
    assert re.search(r"^G-BOYL,aircraft,C152", text, re.M)
    exported, original = _rows(text.split("Flights Table")[1]), _rows(FOREFLIGHT)
    for before, after in zip(original, exported, strict=True):
        for key in ("Date", "AircraftID", "From", "To", "DayTakeoffs",
                    "DayLandingsFullStop", "AllLandings", "InstructorName",
                    "PilotComments"):
            assert after[key] == before[key]
        assert float(after["TotalTime"]) == float(before["TotalTime"])
        assert after["TimeOut"].replace(":", "") == before["TimeOut"].replace(":", "")
    assert float(exported[1]["Solo"]) == 1.0 and float(exported[0]["DualReceived"]) == 0.75


def test_a_bad_row_is_reported_and_nothing_is_imported(run, tmp_path):
    lines = MYFLIGHTBOOK.splitlines()
    lines.insert(3, "2008-06-01,G-BOYL,C152,1:00,two,0,0,,,,,1:00,,EGBW,")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n")
    result = run("import-entries", str(path))
    assert result.exit_code == 1
    assert result.output == "Error: bad.csv:row 4: 'two' is not a count\n"
    assert json.loads(run("entries", "--json").output) == []
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    assert run("import-entries", str(other)).output.startswith(
        f"Error: {other}: not a MyFlightbook or ForeFlight logbook CSV")
