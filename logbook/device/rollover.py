"""GPS week-number rollover: fixes dated a whole number of 1024 weeks too early.

A receiver maps the 10-bit GPS week into a 1024-week window fixed by its
firmware; past that window it reports the true date minus 7168 days. The rule
(``firmware_notes/week-rollover.md`` explains it) with P = 1024 weeks:

* live capture (the host clock is the reference): shift by the k >= 1 periods that
  put the first fix within a day of the reference;
* download or file (reference = download time or file mtime): shift by k >= 1
  periods when the last fix then lands in the 60 days before the reference (or up
  to a day after it).

Modes: "auto" corrects by that rule (devices' default); "warn" (files' default)
imports as recorded and says when auto would correct, since a file's mtime is no
proof of when it was recorded (a 2007 log copied in 2027 must not move); "off"
does nothing; "N" adds N periods.
"""

from datetime import datetime

import pandas as pd

from logbook.errors import IngestError

ROLLOVER = pd.Timedelta(weeks=1024)           # 7168 days: the 10-bit week wraps
LIVE_TOLERANCE = pd.Timedelta(days=1)         # host clock vs GPS date, live capture
STORED_WINDOW = pd.Timedelta(days=60)         # a stored log is this recent at most
CLOCK_SLACK = pd.Timedelta(days=1)            # a fix may be a little after the mtime
MODES = ("auto", "warn", "off")


def parse_mode(mode: str) -> str | int:
    """"auto", "warn", "off", or a whole number of periods to add."""
    text = mode.strip().lower()
    if text in MODES:
        return text
    try:
        return int(text)
    except ValueError:
        raise IngestError(f"--week-rollover {mode!r}: use auto, warn, off or a "
                          "whole number of 1024-week periods") from None


def _stamp(t: pd.Timestamp) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _periods(times: pd.Series, reference: pd.Timestamp, *, live: bool) -> int:
    """The periods that bring the fixes to the reference by the rule, or 0."""
    if live:
        first = times.iloc[0]
        k = round((reference - first) / ROLLOVER)
        near = abs(first + k * ROLLOVER - reference) <= LIVE_TOLERANCE
        return k if k >= 1 and near else 0
    last = times.iloc[-1]
    k = (reference + CLOCK_SLACK - last) // ROLLOVER
    shifted = last + k * ROLLOVER
    return k if k >= 1 and shifted >= reference - STORED_WINDOW else 0


def _shift(points: pd.DataFrame, k: int) -> tuple[pd.DataFrame, str]:
    before = points["time"].iloc[0]
    moved = points.assign(time=points["time"] + k * ROLLOVER)
    after = moved["time"].iloc[0]
    note = (f"GPS week-number rollover: dates moved by {k * 1024} weeks "
            f"({k * 7168} days): first fix {_stamp(before)} -> {_stamp(after)}; "
            "the raw data is kept as recorded")
    return moved, note


def apply_week_rollover(points: pd.DataFrame, *, mode: str, reference_utc: datetime,
                        live: bool) -> tuple[pd.DataFrame, list[str]]:
    """The points with rollover-corrected times (per `mode`), and warnings.

    `reference_utc` is the host clock at capture (live), or the download time or
    file mtime; `points` are in the track schema, sorted by time.
    """
    chosen = parse_mode(mode)
    if chosen == "off" or points.empty:
        return points, []
    if isinstance(chosen, int):
        if not chosen:
            return points, []
        moved, note = _shift(points, chosen)
        return moved, [note]
    times = points["time"]
    reference = pd.Timestamp(reference_utc).tz_convert("UTC")
    k = _periods(times, reference, live=live)
    if not k:
        return points, []
    if chosen == "auto":
        moved, note = _shift(points, k)
        return moved, [note]
    first = times.iloc[0]
    return points, [
        f"imported as recorded (first fix {_stamp(first)}); if the log was recorded "
        f"around {_stamp(first + k * ROLLOVER)[:10]}, its dates are {k * 1024} weeks "
        "early (GPS week-number rollover): import it with --week-rollover auto "
        "to correct them"]
