"""Totals: hours by capacity, EASA column, aircraft type and month, landings, and
the day's line a student writes under each lesson ("P/UT Hours Today 0:45, Total
11:35"). Unconfirmed entries (detected flights the pilot has not logged yet) are
counted apart and left out of every total."""

from collections import defaultdict
from typing import Any

from logbook.pilot.entries import CAPACITIES, COLUMNS, Entry
from logbook.units import hhmm


def _add(bucket: dict[str, int], key: str, minutes: int) -> None:
    bucket[key] = bucket.get(key, 0) + minutes


def totals(entries: list[Entry], on: str) -> dict[str, Any]:
    """Everything logged up to and including date `on`, and that day's time.

    JSON keys (a contract): total_min, day_min, by_capacity, by_column, by_type,
    by_month, landings {day, night}, takeoffs, full_stops, night_min, ifr_min,
    xc_min, fstd_min, pic_countersign_pending_min, unconfirmed {count, total_min},
    today [{capacity, day_min, total_min, line}], lines.
    """
    upto = [e for e in entries if e.date <= on]
    logged = [e for e in upto if e.confirmed]
    by_capacity: dict[str, int] = {}
    by_column = dict.fromkeys(COLUMNS, 0)
    by_type: dict[str, int] = {}
    by_month: dict[str, int] = {}
    sums: dict[str, int] = defaultdict(int)
    for e in logged:
        for key in ("day_landings", "night_landings", "day_takeoffs", "night_takeoffs",
                    "day_full_stops", "night_full_stops", "night_min", "ifr_min"):
            sums[key] += getattr(e, key)
        if e.fstd:
            sums["fstd_min"] += e.total_min
            continue
        _add(by_capacity, e.capacity, e.total_min)
        for column in e.columns:
            by_column[column] += e.total_min
        _add(by_type, e.type or "?", e.total_min)
        _add(by_month, e.date[:7], e.total_min)
        sums["xc_min"] += e.total_min if e.xc else 0
        sums["pending_min"] += e.total_min if e.needs_countersignature else 0
    today = [e for e in logged if e.date == on and not e.fstd]
    lines = []
    for capacity in CAPACITIES:
        day_min = sum(e.total_min for e in today if e.capacity == capacity)
        if any(e.capacity == capacity for e in today):
            total = by_capacity.get(capacity, 0)
            lines.append({"capacity": capacity, "day_min": day_min, "total_min": total,
                          "line": f"{capacity} Hours Today {hhmm(day_min)}, "
                                  f"Total {hhmm(total)}"})
    pending = [e for e in upto if not e.confirmed]
    return {
        "on": on,
        "total_min": sum(by_capacity.values()),
        "day_min": sum(e.total_min for e in today),
        "by_capacity": {c: by_capacity[c] for c in CAPACITIES if c in by_capacity},
        "by_column": by_column,
        "by_type": dict(sorted(by_type.items())),
        "by_month": dict(sorted(by_month.items())),
        "landings": {"day": sums["day_landings"], "night": sums["night_landings"]},
        "takeoffs": {"day": sums["day_takeoffs"], "night": sums["night_takeoffs"]},
        "full_stops": {"day": sums["day_full_stops"], "night": sums["night_full_stops"]},
        "night_min": sums["night_min"],
        "ifr_min": sums["ifr_min"],
        "xc_min": sums["xc_min"],
        "fstd_min": sums["fstd_min"],
        "pic_countersign_pending_min": sums["pending_min"],
        "unconfirmed": {"count": len(pending),
                        "total_min": sum(e.total_min for e in pending)},
        "today": lines,
        "lines": [x["line"] for x in lines],
    }


def totals_text(result: dict[str, Any]) -> list[str]:
    """The `logbook totals` table, line by line."""
    out = [f"Totals to {result['on']}: {hhmm(result['total_min'])} "
           f"(that day {hhmm(result['day_min'])})"]
    out.append("  by capacity:  " + ("  ".join(
        f"{k} {hhmm(v)}" for k, v in result["by_capacity"].items()) or "-"))
    out.append("  EASA columns: " + "  ".join(
        f"{k} {hhmm(v)}" for k, v in result["by_column"].items()))
    out.append("  by type:      " + ("  ".join(
        f"{k} {hhmm(v)}" for k, v in result["by_type"].items()) or "-"))
    out.append(f"  night {hhmm(result['night_min'])}  IFR {hhmm(result['ifr_min'])}  "
               f"cross-country {hhmm(result['xc_min'])}  FSTD {hhmm(result['fstd_min'])}")
    out.append(f"  landings: day {result['landings']['day']}, night "
               f"{result['landings']['night']}  (full stop: day "
               f"{result['full_stops']['day']}, night {result['full_stops']['night']})")
    if result["pic_countersign_pending_min"]:
        out.append(f"  awaiting countersignature: "
                   f"{hhmm(result['pic_countersign_pending_min'])}")
    if result["by_month"]:
        out.append("  by month:")
        out += [f"    {k}  {hhmm(v):>7}" for k, v in result["by_month"].items()]
    unconfirmed = result["unconfirmed"]
    if unconfirmed["count"]:
        out.append(f"  not counted: {unconfirmed['count']} unconfirmed entr"
                   f"{'y' if unconfirmed['count'] == 1 else 'ies'} "
                   f"({hhmm(unconfirmed['total_min'])}); `logbook log FLIGHT` confirms")
    out += result["lines"]
    return out
