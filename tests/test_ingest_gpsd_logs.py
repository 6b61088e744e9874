"""Real receiver logs from the GPSD project: read them all, agree with gpsd's fixes."""

import json
from pathlib import Path

import pandas as pd
import pytest

from logbook.errors import IngestError
from logbook.ingest.nmea import read_nmea, sentence_table

GPSD = Path(__file__).parent / "data" / "gpsd"
LOGS = sorted(GPSD.glob("*.log"))
NO_FIX = {"GPSmap-76S.log"}
TOLERANCE_DEG = 1e-6


def gpsd_fixes(log: Path) -> list[tuple[pd.Timestamp, float, float]]:
    """gpsd's TPV reports with a time and a 2D or 3D fix: (second, lat, lon)."""
    fixes = []
    chk = log.with_name(log.name + ".chk")
    for line in chk.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith('{"class":"TPV"'):
            continue
        tpv = json.loads(line)
        if "time" in tpv and tpv.get("mode", 0) >= 2 and "lat" in tpv:
            second = pd.Timestamp(tpv["time"]).floor("s")
            fixes.append((second, tpv["lat"], tpv["lon"]))
    return fixes


def agreeing(log: Path) -> tuple[int, int]:
    """How many of gpsd's fixes we read too (same second, same place), of how many."""
    points = read_nmea(log.read_bytes(), name=log.name).track.points
    ours: dict[pd.Timestamp, list[tuple[float, float]]] = {}
    for t, lat, lon in zip(points["time"].dt.floor("s"), points["lat"], points["lon"],
                           strict=True):
        ours.setdefault(t, []).append((lat, lon))
    theirs = gpsd_fixes(log)
    good = sum(
        any(abs(lat - la) <= TOLERANCE_DEG and abs(lon - lo) <= TOLERANCE_DEG
            for la, lo in ours.get(t, []))
        for t, lat, lon in theirs)
    return good, len(theirs)


def test_all_logs_are_present():
    assert len(LOGS) == 19
    assert all(log.with_name(log.name + ".chk").exists() for log in LOGS)


@pytest.mark.parametrize("log", [p for p in LOGS if p.name not in NO_FIX],
                         ids=lambda p: p.name)
def test_log_reads(log):
    result = read_nmea(log.read_bytes(), name=log.name)
    assert len(result.track) > 0
    assert result.records >= len(result.track)
    assert all(isinstance(n, int) and n > 0 for n in result.bad_lines.values())


def test_log_without_fix_is_a_clear_error():
    log = GPSD / "GPSmap-76S.log"
    with pytest.raises(IngestError, match=r"^GPSmap-76S.log: no valid GPS fix in \d+ "):
        read_nmea(log.read_bytes(), name=log.name)


def test_fixes_agree_with_gpsd():
    per_file = {log.name: agreeing(log) for log in LOGS if log.name not in NO_FIX}
    good = sum(g for g, _ in per_file.values())
    total = sum(n for _, n in per_file.values())
    assert total > 1000
    assert good >= 0.99 * total
    assert all(g >= 0.9 * n for g, n in per_file.values()), per_file
    assert not gpsd_fixes(GPSD / "GPSmap-76S.log")


def read_log(name: str):
    return read_nmea((GPSD / name).read_bytes(), name=name)


def test_rgm3800_1980_dates_are_a_warning():
    result = read_log("rgm3800.log")
    assert "1980-01-05" in result.warnings[0]
    assert result.track.start.year == 2008


def test_week_rollover_dates_are_reported_as_given():
    assert read_log("april6_2019.log").track.end == pd.Timestamp(
        "1999-08-22 00:02:31.42", tz="UTC")
    overflow = read_log("gp-320fw-2019-04-06-overflow.log").track
    assert overflow.start.date() == pd.Timestamp("2019-04-06").date()


def test_mr350p_date_from_zda():
    track = read_log("mr-350p.log").track
    assert track.start == pd.Timestamp("2012-07-04 05:11:33", tz="UTC")


def test_tomtom_sentence_glued_to_garbage_is_read():
    data = (GPSD / "tomtom-mkII.log").read_bytes()
    glued = data.index(b"r$GPRMC") + 1
    rmc = sentence_table(data, "RMC").set_index("pos")
    assert glued in rmc.index
    assert not rmc.loc[glued, "valid"]                 # its status is V
    assert rmc.loc[glued, "lat"] == pytest.approx(51 + 25.8697 / 60)


def test_triton400_spliced_line_is_truncated_not_fatal():
    result = read_log("triton400.log")
    assert result.bad_lines.get("truncated") == 1
    assert len(result.track) == 5


def test_quectel_binary_interleaved():
    result = read_log("quectel-l76k-dual.log")
    assert result.bad_lines["not NMEA"] > 100
    assert len(result.track) > 100


def test_haicom_speed_in_metres_per_second():
    speed = read_log("haicom-305N.log").track.points["speed_mps"]
    assert 1.0 < speed.max() < 5.0      # ~80 s moving at up to 5 kt (2.6 m/s)


def test_nmea_rtk_fix_qualities():
    qualities = set(read_log("nmea-rtk.log").track.points["fix_quality"].dropna())
    assert qualities & {4, 5}
