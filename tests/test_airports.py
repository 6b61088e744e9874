import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from logbook import airports, geo, units
from logbook.airports import AirportDB, default_db
from logbook.airports_build import KEPT_TYPES, build_database, designator_heading_deg
from logbook.cli.airports import airports as airports_cli
from logbook.errors import LogbookError

DATA = Path(__file__).parent / "data" / "ourairports"
RUNWAYS_CSV = DATA / "runways.csv"
AIRPORTS_CSV = DATA / "airports.csv"


def csv_rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def csv_runway(ident, le_ident):
    return next(r for r in csv_rows(RUNWAYS_CSV)
                if r["airport_ident"] == ident and r["le_ident"] == le_ident)


def csv_airport(ident):
    return next(r for r in csv_rows(AIRPORTS_CSV) if r["ident"] == ident)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("airports") / "airports.sqlite"
    build_database(RUNWAYS_CSV, AIRPORTS_CSV, path)
    return path


@pytest.fixture(scope="module")
def db(db_path):
    return AirportDB.open(db_path)


def runway(db, ident, name):
    return next(r for r in db.airport(ident).runways if r.name == name)


def distance_m(a, b):
    return float(geo.haversine_m(a.lat, a.lon, b.lat, b.lon))


def test_egbw_runways_match_the_csv(db):
    egbw = db.airport("EGBW")
    assert egbw.name == "Wellesbourne Mountford Airfield"
    assert egbw.elevation_m == pytest.approx(units.ft_to_m(159.0))
    assert [r.name for r in egbw.runways] == ["05/23", "18/36"]
    for le in ("05", "18"):
        row = csv_runway("EGBW", le)
        rwy = runway(db, "EGBW", f"{row['le_ident']}/{row['he_ident']}")
        assert rwy.length_m == pytest.approx(units.ft_to_m(float(row["length_ft"])))
        assert rwy.lighted == (row["lighted"] == "1")
        for end, side in zip(rwy.ends, ("le", "he"), strict=True):
            assert end.designator == row[f"{side}_ident"]
            assert end.lat == pytest.approx(float(row[f"{side}_latitude_deg"]), abs=1e-6)
            assert end.lon == pytest.approx(float(row[f"{side}_longitude_deg"]), abs=1e-6)
            assert end.heading_deg == pytest.approx(float(row[f"{side}_heading_degT"]))
            assert not end.position_estimated and not end.heading_estimated
            assert math.isnan(end.displaced_threshold_m)


def test_lookup_ignores_letter_case(db):
    assert db.airport(" egbw ") == db.airport("EGBW")


def test_displaced_threshold_and_closed_runway(db):
    egtc = db.airport("EGTC")
    main, closed = runway(db, "EGTC", "03/21"), runway(db, "EGTC", "18/36")
    assert main.ends[0].displaced_threshold_m == pytest.approx(units.ft_to_m(673.0))
    assert closed.closed and not main.closed
    assert len(egtc.runways) == 2


def test_thresholds_estimated_from_arp_and_designator(db):
    epod = db.airport("EPOD")
    rwy = runway(db, "EPOD", "09L/27R")
    low, high = rwy.ends
    assert (low.heading_deg, high.heading_deg) == (90.0, 270.0)
    assert low.heading_estimated and high.heading_estimated
    assert low.position_estimated and high.position_estimated
    assert distance_m(low, high) == pytest.approx(rwy.length_m, abs=1.0)
    assert float(geo.bearing_deg(low.lat, low.lon, high.lat, high.lon)) == pytest.approx(
        90.0, abs=0.1)
    mid_lat, mid_lon = (low.lat + high.lat) / 2, (low.lon + high.lon) / 2
    assert float(geo.haversine_m(mid_lat, mid_lon, epod.lat, epod.lon)) < 1.0
    assert low.elevation_m == pytest.approx(units.ft_to_m(436.0))
    assert math.isnan(rwy.width_m)


def test_given_heading_is_used_when_thresholds_are_missing(db):
    rwy = runway(db, "EGBD", "05/23")
    low, high = rwy.ends
    assert (low.heading_deg, high.heading_deg) == (52.0, 232.0)
    assert not low.heading_estimated and low.position_estimated
    assert distance_m(low, high) == pytest.approx(rwy.length_m, abs=1.0)


def test_missing_threshold_placed_from_the_other_end(db):
    rwy = runway(db, "EHMZ", "09/27")
    given, estimated = rwy.ends
    row = csv_runway("EHMZ", "09")
    assert not given.position_estimated and estimated.position_estimated
    assert given.lat == pytest.approx(float(row["le_latitude_deg"]), abs=1e-6)
    assert distance_m(given, estimated) == pytest.approx(rwy.length_m, abs=1.0)
    bearing = float(geo.bearing_deg(given.lat, given.lon, estimated.lat, estimated.lon))
    assert bearing == pytest.approx(87.0, abs=0.1)


def test_heading_from_thresholds_when_no_heading_given(db):
    low, high = runway(db, "NFNM", "11/29").ends
    expected = float(geo.bearing_deg(low.lat, low.lon, high.lat, high.lon))
    assert low.heading_deg == pytest.approx(expected, abs=0.1)
    assert not low.heading_estimated and not low.position_estimated


@pytest.mark.parametrize(
    ("designator", "heading_deg"),
    [("05", 50.0), ("23", 230.0), ("18L", 180.0), ("36", 360.0), ("09/27 grass", 90.0),
     ("13W", 130.0), ("N", 0.0), ("SW", 225.0), ("071", 71.0)],
)
def test_designator_heading(designator, heading_deg):
    assert designator_heading_deg(designator) == heading_deg


@pytest.mark.parametrize("designator", ["", "H1", "B1", "XX", "-", "00", "47"])
def test_designator_without_heading(designator):
    assert math.isnan(designator_heading_deg(designator))


def test_odd_designators_give_headings(db):
    assert [e.heading_deg for e in runway(db, "KLRF", "071/251").ends] == [71.0, 251.0]
    assert [e.heading_deg for e in runway(db, "00AK", "N/S").ends] == [0.0, 180.0]
    assert [e.heading_deg for e in runway(db, "04IN", "13W/31W").ends] == [130.0, 310.0]


def test_heliports_balloonports_closed_airports_and_helipads_left_out(db):
    kept = {r["ident"] for r in csv_rows(AIRPORTS_CSV) if r["type"] in KEPT_TYPES}
    for row in csv_rows(AIRPORTS_CSV):
        if row["ident"] in kept:
            assert db.airport(row["ident"]).type == row["type"]
        else:
            with pytest.raises(LogbookError, match="unknown airport"):
                db.airport(row["ident"])
    assert [r.name for r in db.airport("02NH").runways] == ["18W/36W"]


def kept_airports_within(lat, lon, radius_m):
    rows = [r for r in csv_rows(AIRPORTS_CSV) if r["type"] in KEPT_TYPES]
    found = []
    for r in rows:
        d = float(geo.haversine_m(lat, lon, float(r["latitude_deg"]),
                                  float(r["longitude_deg"])))
        if d <= radius_m:
            found.append((d, r["ident"]))
    return [ident for _, ident in sorted(found)]


def test_near_nearest_first(db):
    egbw = db.airport("EGBW")
    found = [a.ident for a in db.near(egbw.lat, egbw.lon, radius_m=12_000)]
    assert found == kept_airports_within(egbw.lat, egbw.lon, 12_000)
    assert found[0] == "EGBW" and len(found) >= 5
    assert "GB-0358" not in found  # closed
    assert [a.ident for a in db.near(egbw.lat, egbw.lon, radius_m=1000)] == ["EGBW"]
    assert db.near(0.0, 0.0) == []


def test_near_across_the_180th_meridian(db):
    found = [a.ident for a in db.near(-16.7, 180.0, radius_m=60_000)]
    assert found == kept_airports_within(-16.7, 180.0, 60_000)
    assert "NFNM" in found and "NFFR" in found  # lon -179.88 and +179.98


def test_runway_ends_near_nearest_first(db):
    threshold = runway(db, "EGBW", "05/23").ends[0]
    found = db.runway_ends_near(threshold.lat, threshold.lon, radius_m=1500)
    airport, rwy, end = found[0]
    assert (airport.ident, rwy.name, end) == ("EGBW", "05/23", threshold)
    distances = [float(geo.haversine_m(threshold.lat, threshold.lon, e.lat, e.lon))
                 for _, _, e in found]
    assert distances == sorted(distances) and distances[-1] <= 1500
    assert {e.designator for _, _, e in found} == {"05", "23", "18", "36"}


def test_runway_ends_near_skips_closed_runways_unless_asked(db):
    closed_end = runway(db, "EGTC", "18/36").ends[0]
    lat, lon = closed_end.lat, closed_end.lon
    assert all(not r.closed for _, r, _ in db.runway_ends_near(lat, lon))
    everything = db.runway_ends_near(lat, lon, include_closed=True)
    assert everything[0][2] == closed_end


def test_unknown_airport_suggests_close_matches(db):
    with pytest.raises(LogbookError, match=r"unknown airport 'EGBX'; did you mean.*EGBW"):
        db.airport("EGBX")
    with pytest.raises(LogbookError, match=r"did you mean EGBW \(Wellesbourne"):
        db.airport("wellesbourne")
    with pytest.raises(LogbookError, match=r"^unknown airport 'QQQQ'$"):
        db.airport("QQQQ")


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_missing_columns_name_the_file(tmp_path):
    rows = [r for r in csv.reader(AIRPORTS_CSV.open(newline="", encoding="utf-8"))]
    broken = write_csv(tmp_path / "no_type.csv", [row[:2] + row[3:] for row in rows])
    with pytest.raises(LogbookError, match=r"no_type\.csv: .*missing columns type"):
        build_database(RUNWAYS_CSV, broken, tmp_path / "out.sqlite")


def test_swapped_files_are_rejected(tmp_path):
    with pytest.raises(LogbookError, match=r"airports\.csv: not an OurAirports runways"):
        build_database(AIRPORTS_CSV, RUNWAYS_CSV, tmp_path / "out.sqlite")


def test_not_a_csv_file(tmp_path):
    binary = tmp_path / "runways.csv.gz"
    binary.write_bytes(b"\x1f\x8b\x08\x00\xff\xfe\x00\x01")
    with pytest.raises(LogbookError, match=r"runways\.csv\.gz: "):
        build_database(binary, AIRPORTS_CSV, tmp_path / "out.sqlite")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(LogbookError, match=r"empty\.csv: empty file"):
        build_database(RUNWAYS_CSV, empty, tmp_path / "out.sqlite")


def test_bad_number_gives_file_and_line(tmp_path):
    rows = list(csv.reader(RUNWAYS_CSV.open(newline="", encoding="utf-8")))
    rows[3][3] = "long"
    broken = write_csv(tmp_path / "runways.csv", rows)
    with pytest.raises(LogbookError, match=r"runways\.csv:4: length_ft 'long'"):
        build_database(broken, AIRPORTS_CSV, tmp_path / "out.sqlite")


def test_failed_rebuild_keeps_the_old_database(tmp_path, db_path):
    target = tmp_path / "airports.sqlite"
    target.write_bytes(db_path.read_bytes())
    with pytest.raises(LogbookError):
        build_database(AIRPORTS_CSV, RUNWAYS_CSV, target)
    assert AirportDB.open(target).airport("EGBW").ident == "EGBW"
    assert [p.name for p in tmp_path.iterdir()] == ["airports.sqlite"]


def test_gzipped_build_loads_like_the_plain_one(tmp_path, db):
    summary = build_database(RUNWAYS_CSV, AIRPORTS_CSV, tmp_path / "a.sqlite.gz")
    packed = AirportDB.open(summary.path)
    assert packed.airport("EGBW") == db.airport("EGBW")
    assert packed.near(52.19, -1.61) == db.near(52.19, -1.61)
    kept = [r for r in csv_rows(AIRPORTS_CSV) if r["type"] in KEPT_TYPES]
    assert summary.airports == len(kept)


def test_not_an_airport_database(tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database at all, just text " * 100)
    with pytest.raises(LogbookError, match=r"notes\.sqlite: not an airport database"):
        AirportDB.open(other)
    with pytest.raises(LogbookError, match="no such airport database"):
        AirportDB.open(tmp_path / "missing.sqlite")


def test_shipped_database_has_egbw_and_kgon():
    shipped = AirportDB.open(airports.SHIPPED_PATH)
    egbw, kgon = shipped.airport("EGBW"), shipped.airport("KGON")
    assert {r.name for r in egbw.runways} >= {"05/23", "18/36"}
    assert {r.name for r in kgon.runways} >= {"05/23", "15/33"}
    assert shipped.near(kgon.lat, kgon.lon)[0] == kgon
    assert airports.SHIPPED_PATH.stat().st_size < 5_000_000


def test_default_db_follows_the_environment_and_is_cached(monkeypatch, db_path):
    monkeypatch.setenv("LOGBOOK_AIRPORTS", str(db_path))
    first = default_db()
    assert first.source == str(db_path)
    assert default_db() is first


def test_import_does_not_load_the_data(tmp_path):
    code = (
        "import logbook.airports as a\n"
        "try:\n"
        "    a.default_db()\n"
        "except a.LogbookError as e:\n"
        "    print('error:', e)\n"
    )
    env = {"LOGBOOK_AIRPORTS": str(tmp_path / "missing.sqlite"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                            text=True, env=env, check=True)
    assert result.stdout.startswith("error: ") and "missing.sqlite" in result.stdout


@pytest.fixture
def cli_env(tmp_path):
    return {"LOGBOOK_AIRPORTS": str(tmp_path / "airports.sqlite")}


def test_cli_rebuild_then_show(cli_env):
    runner = CliRunner()
    result = runner.invoke(airports_cli, ["rebuild", str(RUNWAYS_CSV), str(AIRPORTS_CSV)],
                           env=cli_env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(cli_env["LOGBOOK_AIRPORTS"])
    assert Path(cli_env["LOGBOOK_AIRPORTS"]).is_file()
    result = runner.invoke(airports_cli, ["show", "EGBW"], env=cli_env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("EGBW  Wellesbourne Mountford Airfield")
    assert "elevation 159 ft" in result.output
    assert any(line.startswith("runway 05/23  587 x 18 m (1926 x 59 ft)") for line in lines)
    assert any(line.split()[:4] == ["05", "true", "heading", "046.0"] for line in lines)
    assert "(estimated)" not in result.output
    epod = runner.invoke(airports_cli, ["show", "EPOD"], env=cli_env).output
    assert "(estimated)" in epod and "(from designator)" in epod


def test_cli_show_json(cli_env):
    runner = CliRunner()
    runner.invoke(airports_cli, ["rebuild", str(RUNWAYS_CSV), str(AIRPORTS_CSV)],
                  env=cli_env)
    result = runner.invoke(airports_cli, ["show", "egbw", "--json"], env=cli_env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    row = csv_airport("EGBW")
    assert data["ident"] == "EGBW"
    assert data["elevation_ft"] == pytest.approx(float(row["elevation_ft"]))
    assert (data["lat"], data["lon"]) == (float(row["latitude_deg"]),
                                          float(row["longitude_deg"]))
    first = data["runways"][0]
    assert first["name"] == "05/23" and first["length_ft"] == pytest.approx(1926)
    assert [e["heading_deg"] for e in first["ends"]] == [46.0, 226.0]
    assert first["ends"][0]["displaced_threshold_m"] is None


def test_cli_show_unknown_airport_raises_logbook_error(cli_env, db_path):
    result = CliRunner().invoke(airports_cli, ["show", "XXXX"],
                                env={"LOGBOOK_AIRPORTS": str(db_path)})
    assert result.exit_code == 1
    assert isinstance(result.exception, LogbookError)
    assert str(result.exception).startswith("unknown airport 'XXXX'")


def test_cli_rebuild_bad_csv_raises_logbook_error(cli_env, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(airports_cli, ["rebuild", str(bad), str(AIRPORTS_CSV)],
                                env=cli_env)
    assert isinstance(result.exception, LogbookError)
    assert "bad.csv" in str(result.exception)
    assert not Path(cli_env["LOGBOOK_AIRPORTS"]).exists()
