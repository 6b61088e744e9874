"""METAR decoding and wind components at Wellesbourne Mountford (EGBW), checked
against components computed by hand from the runways' true headings (05 46 deg,
23 226 deg, 18 176 deg, 36 356 deg in the airport database)."""

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from logbook.airports import AirportDB
from logbook.airports_build import build_database
from logbook.weather import (
    Limits,
    best_runway,
    decode_metar,
    judge,
    runway_winds,
    weather_report,
    wind_components_kt,
)

DATA = Path(__file__).parent / "data" / "bookings"
# cos and sin of the angles between the winds below and the runways, by hand
COS44, SIN44 = 0.71934, 0.69466
COS4, SIN4 = 0.99756, 0.06976


@pytest.fixture(scope="module")
def airports_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("airports") / "airports.sqlite"
    build_database(DATA / "runways.csv", DATA / "airports.csv", path)
    return path


@pytest.fixture(scope="module")
def egbw(airports_path):
    return AirportDB.open(airports_path).airport("EGBW")


def by_runway(airport, metar):
    winds = runway_winds(airport, decode_metar(metar, month=12, year=2007))
    return {w.runway: w for w in winds}


def test_headings_come_from_the_database(egbw):
    headings = {e.designator: e.heading_deg for r in egbw.runways for e in r.ends}
    assert headings == {"05": 46.0, "23": 226.0, "18": 176.0, "36": 356.0}


def test_strong_westerly_with_gusts_favours_runway_23(egbw):
    # 270 deg is 44 deg right of runway 23, 224 deg from runway 05, 94 from 18
    metar = "METAR EGBW 271050Z 27020G30KT 9999 SCT025 08/04 Q1012"
    winds = by_runway(egbw, metar)
    w23, w05, w18 = winds["23"], winds["05"], winds["18"]
    assert w23.headwind_kt == pytest.approx(20 * COS44, abs=1e-3)
    assert w23.crosswind_kt == pytest.approx(20 * SIN44, abs=1e-3)  # from the right
    assert w23.gust_headwind_kt == pytest.approx(30 * COS44, abs=1e-3)
    assert w23.gust_crosswind_kt == pytest.approx(30 * SIN44, abs=1e-3)
    assert w05.headwind_kt == pytest.approx(-20 * COS44, abs=1e-3)  # a tailwind
    assert w05.crosswind_kt == pytest.approx(-20 * SIN44, abs=1e-3)  # from the left
    assert w18.headwind_kt == pytest.approx(-20 * SIN4, abs=1e-3)
    assert w18.crosswind_kt == pytest.approx(20 * COS4, abs=1e-3)
    assert winds["36"].crosswind_kt == pytest.approx(-20 * COS4, abs=1e-3)
    assert best_runway(list(winds.values())).runway == "23"


def test_northeasterly_is_a_tailwind_on_23(egbw):
    # 050 deg: 4 deg right of 05, 176 deg off 23
    winds = by_runway(egbw, "EGBW 271050Z 05010KT CAVOK 03/M01 Q1025")
    assert winds["23"].headwind_kt == pytest.approx(-10 * COS4, abs=1e-3)
    assert winds["23"].crosswind_kt == pytest.approx(-10 * SIN4, abs=1e-3)
    assert winds["05"].headwind_kt == pytest.approx(10 * COS4, abs=1e-3)
    assert winds["05"].crosswind_kt == pytest.approx(10 * SIN4, abs=1e-3)
    assert math.isnan(winds["05"].gust_crosswind_kt)  # no gusts reported
    assert best_runway(list(winds.values())).runway == "05"


def test_variable_wind_gives_no_components(egbw):
    observation = decode_metar("EGBW 271050Z VRB03KT CAVOK 08/04 Q1012",
                               month=12, year=2007)
    assert observation.wind_variable and math.isnan(observation.wind_dir_deg)
    winds = runway_winds(egbw, observation)
    assert all(math.isnan(w.headwind_kt) and math.isnan(w.crosswind_kt) for w in winds)
    assert best_runway(winds) is None
    report = weather_report(egbw, observation, Limits(type_crosswind_kt=12.0))
    assert report["best_runway"] is None and "variable" in report["wind"]
    assert all(r["crosswind_kt"] is None for r in report["runways"])
    # 3 kt is within 12 kt whichever way it blows
    assert report["verdict"] == "within limits"
    strong = decode_metar("EGBW 271050Z VRB15KT CAVOK 08/04 Q1012", month=12, year=2007)
    verdict = judge(strong, None, Limits(type_crosswind_kt=12.0))
    assert verdict.status == "unknown" and "variable" in verdict.reasons[0]


def test_calm_gives_zeros_and_the_longest_runway(egbw):
    observation = decode_metar("EGBW 271050Z 00000KT 9999 FEW030 02/M02 Q1030",
                               month=12, year=2007)
    winds = runway_winds(egbw, observation)
    assert all(w.headwind_kt == 0 and w.crosswind_kt == 0 for w in winds)
    report = weather_report(egbw, observation, Limits())
    assert report["wind"] == "calm"
    assert {r["headwind_kt"] for r in report["runways"]} == {0.0}
    assert report["best_runway"] in ("18", "36")  # 917 m against 05/23's 587 m


def test_verdict_against_the_type_and_personal_minimums(egbw):
    metar = "EGBW 271050Z 27020G30KT 9999 SCT025 08/04 Q1012"
    observation = decode_metar(metar, month=12, year=2007)
    best = best_runway(runway_winds(egbw, observation))
    # steady 13.9 kt is inside a PA-28's 17 kt, the 20.8 kt in the gusts is not
    pa28 = judge(observation, best, Limits(type_crosswind_kt=17.0, aircraft_type="PA28"))
    assert pa28.status == "beyond limits"
    assert "20.8 kt beyond PA28 max demonstrated crosswind 17 kt" in pa28.reasons[0]
    calm_day = decode_metar("EGBW 271050Z 23010KT 9999 SCT025 08/04 Q1012",
                            month=12, year=2007)
    best = best_runway(runway_winds(egbw, calm_day))
    assert judge(calm_day, best, Limits(type_crosswind_kt=12.0)).status == "within limits"
    minimums = Limits(cloud_base_ft=3000.0, visibility_m=5000.0, gust_kt=25.0)
    low = judge(observation, best, minimums)
    assert low.status == "beyond limits"
    assert any("cloud base 2500 ft below" in r for r in low.reasons)
    assert any("gusts 30 kt beyond" in r for r in low.reasons)
    assert judge(observation, best, Limits()).status == "unknown"


def test_wind_varying_in_direction_is_judged_over_its_range(egbw):
    # 230 deg is nearly down runway 23, but 200V270 reaches 44 deg off it
    observation = decode_metar("EGBW 271050Z 23015KT 200V270 9999 FEW040 08/07 Q1000",
                               month=12, year=2007)
    best = best_runway(runway_winds(egbw, observation))
    assert best.runway == "23" and abs(best.crosswind_kt) < 2
    verdict = judge(observation, best, Limits(crosswind_kt=8.0))
    assert verdict.status == "beyond limits"
    assert "10.4 kt" in verdict.reasons[0]  # 15 kt * sin 44 deg


def test_metar_decoded_fields_and_date_from_the_booking():
    observation = decode_metar(
        "METAR EGBW 151020Z 24012G22KT 210V280 6000 -RA BKN012 OVC030 09/07 Q0998",
        month=11, year=2007)
    assert observation.station == "EGBW"
    assert observation.time_utc == datetime(2007, 11, 15, 10, 20, tzinfo=UTC)
    assert (observation.wind_dir_deg, observation.wind_speed_kt,
            observation.wind_gust_kt) == (240.0, 12.0, 22.0)
    assert (observation.wind_from_deg, observation.wind_to_deg) == (210.0, 280.0)
    assert observation.visibility_m == 6000.0
    assert observation.clouds == (("BKN", 1200.0), ("OVC", 3000.0))
    assert observation.cloud_base_ft == 1200.0
    assert observation.weather == ("-RA",)
    assert (observation.temperature_c, observation.dewpoint_c,
            observation.qnh_hpa) == (9.0, 7.0, 998.0)
    assert observation.warnings == ()


def test_cavok_has_no_cloud_below_5000_ft():
    observation = decode_metar("EGBW 271050Z 27005KT CAVOK 08/04 Q1012",
                               month=12, year=2007)
    assert observation.cavok and observation.cloud_base_ft == 5000.0


def test_bad_metar_is_kept_raw_with_a_warning():
    observation = decode_metar("  windy   and grey  ", month=12, year=2007)
    assert observation.raw == "windy and grey" and not observation.decoded
    assert "not decoded" in observation.warnings[0]
    assert math.isnan(observation.wind_speed_kt)
    data = observation.to_json()
    assert data["raw"] == "windy and grey" and data["wind_speed_kt"] is None


def test_metar_with_a_stray_group_is_partly_decoded():
    observation = decode_metar("EGBW 271050Z 27010KT 9999 SCT025 08/04 Q1012 XYZZY",
                               month=12, year=2007)
    assert observation.decoded and observation.wind_speed_kt == 10.0
    assert "partly decoded" in observation.warnings[0]


def test_components_are_vectorised():
    head, cross = wind_components_kt(270.0, 20.0, [226.0, 46.0])
    assert head == pytest.approx([20 * COS44, -20 * COS44], abs=1e-3)
    assert cross == pytest.approx([20 * SIN44, -20 * SIN44], abs=1e-3)
