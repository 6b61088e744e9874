"""GPS week-number rollover: auto, warn, off and explicit period counts."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from logbook.device.navilink import encode_track_points, read_navilink
from logbook.device.rollover import ROLLOVER, apply_week_rollover
from logbook.errors import IngestError
from logbook.track import to_points

DATA = Path(__file__).parent / "data" / "navilink"


def points_at(start: str, count: int = 60) -> pd.DataFrame:
    return to_points(pd.DataFrame({
        "time": pd.date_range(start, periods=count, freq="s", tz="UTC"),
        "lat": [52.19] * count, "lon": [-1.61] * count}))


def write_early_file(tmp_path: Path, true_start: str, mtime: datetime) -> Path:
    """A .trk whose fixes are 1024 weeks before `true_start`, touched at `mtime`."""
    early = points_at(true_start)
    early = early.assign(time=early["time"] - ROLLOVER)
    path = tmp_path / "wrapped.trk"
    path.write_bytes(encode_track_points(early))
    os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


def import_file(path: Path, mode: str):
    points = read_navilink(path.read_bytes(), name=path.name).track.points
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return apply_week_rollover(points, mode=mode, reference_utc=mtime, live=False)


def test_a_file_1024_weeks_early_imports_with_the_right_dates_under_auto(tmp_path):
    path = write_early_file(tmp_path, "2024-05-01 10:00", datetime(2024, 5, 9, tzinfo=UTC))
    raw = path.read_bytes()
    points, warnings = import_file(path, "auto")
    assert points["time"].iloc[0] == pd.Timestamp("2024-05-01 10:00", tz="UTC")
    assert points["time"].iloc[-1] == pd.Timestamp("2024-05-01 10:00:59", tz="UTC")
    assert warnings == ["GPS week-number rollover: dates moved by 1024 weeks (7168 "
                        "days): first fix 2004-09-15T10:00:00Z -> 2024-05-01T10:00:00Z;"
                        " the raw data is kept as recorded"]
    assert path.read_bytes() == raw


def test_the_default_warn_imports_as_recorded_and_says_how_to_correct(tmp_path):
    path = write_early_file(tmp_path, "2024-05-01 10:00", datetime(2024, 5, 9, tzinfo=UTC))
    points, warnings = import_file(path, "warn")
    assert points["time"].iloc[0] == pd.Timestamp("2004-09-15 10:00", tz="UTC")
    assert len(warnings) == 1
    assert "1024 weeks early" in warnings[0]
    assert "recorded around 2024-05-01" in warnings[0]
    assert "--week-rollover auto" in warnings[0]


def test_a_2007_log_copied_in_2027_is_never_moved_by_warn():
    points = read_navilink((DATA / "navilink_tracks.trk").read_bytes(),
                           name="navilink_tracks.trk").track.points
    copied = points["time"].iloc[-1] + ROLLOVER + pd.Timedelta(days=10)
    moved, warnings = apply_week_rollover(points, mode="warn",
                                          reference_utc=copied.to_pydatetime(),
                                          live=False)
    pd.testing.assert_frame_equal(moved, points)
    assert len(warnings) == 1 and "imported as recorded" in warnings[0]
    assert "--week-rollover auto" in warnings[0]


def test_a_download_of_a_2026_flight_dated_2006_is_corrected_under_auto():
    # the GT-11's week counter wrapped: a flight of 2026-07-16 stored as 2006-11-30
    points = points_at("2006-11-30 08:00")
    download = datetime(2026, 7, 20, 18, 0, tzinfo=UTC)
    moved, warnings = apply_week_rollover(points, mode="auto", reference_utc=download,
                                          live=False)
    assert moved["time"].iloc[0] == pd.Timestamp("2026-07-16 08:00", tz="UTC")
    assert "2006-11-30T08:00:00Z -> 2026-07-16T08:00:00Z" in warnings[0]


def test_an_old_log_far_from_the_window_gets_no_warning():
    points = read_navilink((DATA / "navilink_tracks.trk").read_bytes(),
                           name="navilink_tracks.trk").track.points
    now = datetime(2026, 11, 25, tzinfo=UTC)
    for mode in ("warn", "auto"):
        moved, warnings = apply_week_rollover(points, mode=mode, reference_utc=now,
                                              live=False)
        assert warnings == [] and moved is points


def test_live_capture_trusts_the_host_clock_within_a_day():
    # a 2005 receiver reporting 2006-11-30 on 2026-07-16: exactly 1024 weeks early
    points = points_at("2006-11-30 08:00")
    clock = datetime(2026, 7, 16, 8, 5, tzinfo=UTC)
    moved, warnings = apply_week_rollover(points, mode="auto", reference_utc=clock,
                                          live=True)
    assert moved["time"].iloc[0] == pd.Timestamp("2026-07-16 08:00", tz="UTC")
    assert "2006-11-30T08:00:00Z -> 2026-07-16T08:00:00Z" in warnings[0]
    late = datetime(2026, 7, 18, tzinfo=UTC)          # two days off: no guess
    kept, none = apply_week_rollover(points, mode="auto", reference_utc=late,
                                     live=True)
    assert kept is points and none == []


def test_explicit_periods_and_off():
    points = points_at("2007-10-03 16:00")
    moved, warnings = apply_week_rollover(points, mode="1",
                                          reference_utc=datetime.now(UTC), live=False)
    assert moved["time"].iloc[0] == pd.Timestamp("2027-05-19 16:00", tz="UTC")
    assert "first fix 2007-10-03T16:00:00Z -> 2027-05-19T16:00:00Z" in warnings[0]
    early = points.assign(time=points["time"] - ROLLOVER)
    off, none = apply_week_rollover(early, mode="off",
                                    reference_utc=datetime(2007, 10, 4, tzinfo=UTC),
                                    live=True)
    assert off is early and none == []


def test_an_unknown_mode_is_an_error_naming_the_choices():
    with pytest.raises(IngestError, match="use auto, warn, off or a whole number"):
        apply_week_rollover(points_at("2024-01-01"), mode="sideways",
                            reference_utc=datetime.now(UTC), live=False)
