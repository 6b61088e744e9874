"""Currency on a date: FCL.060 passenger recency, days since the last flight, SEP
class rating revalidation by experience (FCL.740.A) and expiry warnings."""

from datetime import date, timedelta
from typing import Any

from logbook.pilot.entries import Entry
from logbook.units import hhmm

# FCL.060(b): 3 takeoffs and landings (1 at night for night) in the last 90 days
RECENCY_DAYS = 90
PASSENGER_EVENTS = 3
NIGHT_EVENTS = 1
# warn when the last flight is further back than this
RUSTY_DAYS = 30
# warn of an expiry this many days ahead
EXPIRY_WARNING_DAYS = 30
# FCL.740.A(b)(1): in the 12 months before expiry
REVALIDATION = {"total_min": 12 * 60, "pic_min": 6 * 60, "takeoffs": 12,
                "landings": 12, "instructor_min": 60}


def _recency(entries: list[Entry], on: date, takeoff_key: str, landing_key: str,
             needed: int) -> dict[str, Any]:
    start = on - timedelta(days=RECENCY_DAYS - 1)
    window = [e for e in entries if start.isoformat() <= e.date <= on.isoformat()]
    takeoffs = sum(sum(getattr(e, k) for k in takeoff_key.split("+")) for e in window)
    landings = sum(sum(getattr(e, k) for k in landing_key.split("+")) for e in window)
    # the day this recency lapses: 90 days after the n-th most recent landing (and
    # takeoff); both are counted per entry, by the entry's date
    def nth_date(key: str) -> date | None:
        days: list[date] = []
        for e in sorted(entries, key=lambda e: e.date, reverse=True):
            if e.date <= on.isoformat():
                days += [date.fromisoformat(e.date)] * sum(getattr(e, k)
                                                          for k in key.split("+"))
        return days[needed - 1] if len(days) >= needed else None

    anchors = [d for d in (nth_date(takeoff_key), nth_date(landing_key)) if d]
    current = takeoffs >= needed and landings >= needed
    valid_until = (min(anchors) + timedelta(days=RECENCY_DAYS - 1)
                   if current and len(anchors) == 2 else None)
    return {"takeoffs": takeoffs, "landings": landings, "required": needed,
            "current": current,
            "valid_until": valid_until.isoformat() if valid_until else None}


def _revalidation(entries: list[Entry], on: date, expiry: date) -> dict[str, Any]:
    start = expiry.replace(year=expiry.year - 1) if not (
        expiry.month == 2 and expiry.day == 29) else expiry - timedelta(days=365)
    window = [e for e in entries if start.isoformat() <= e.date <= min(on, expiry)
              .isoformat() and not e.fstd]
    done = {"total_min": sum(e.total_min for e in window),
            "pic_min": sum(e.total_min for e in window if "pic" in e.columns),
            "takeoffs": sum(e.takeoffs for e in window),
            "landings": sum(e.landings for e in window),
            "instructor_min": sum(e.total_min for e in window if e.capacity == "P/UT")}
    items = {k: {"required": need, "done": done[k], "remaining": max(0, need - done[k]),
                 "met": done[k] >= need} for k, need in REVALIDATION.items()}
    return {"expiry": expiry.isoformat(), "window_start": start.isoformat(),
            "requirements": items, "met": all(x["met"] for x in items.values())}


def currency(entries: list[Entry], on: date, *, last_flight: str | None = None,
             sep_expiry: str | None = None,
             medical_expiry: str | None = None) -> dict[str, Any]:
    """The `logbook currency --json` object.

    `last_flight` is the date of the last detected flight (it may have no entry).
    Keys (a contract): passenger_90d, night_90d, days_since_last_flight,
    last_flight, sep_revalidation, medical_expiry, warnings.
    """
    logged = [e for e in entries if e.confirmed and not e.fstd and e.date <= on.isoformat()]
    dates = [e.date for e in logged] + ([last_flight] if last_flight and
                                        last_flight <= on.isoformat() else [])
    last = max(dates, default=None)
    since = (on - date.fromisoformat(last)).days if last else None
    result: dict[str, Any] = {
        "on": on.isoformat(),
        "passenger_90d": _recency(logged, on, "day_takeoffs+night_takeoffs",
                                  "day_landings+night_landings", PASSENGER_EVENTS),
        "night_90d": _recency(logged, on, "night_takeoffs", "night_landings",
                              NIGHT_EVENTS),
        "last_flight": last, "days_since_last_flight": since,
        "sep_revalidation": None, "medical_expiry": medical_expiry, "warnings": [],
    }
    warnings = result["warnings"]
    if since is None:
        warnings.append("no flight logged yet")
    elif since > RUSTY_DAYS:
        warnings.append(f"{since} days since the last flight: consider a flight "
                        "with an instructor")
    if not result["passenger_90d"]["current"]:
        warnings.append("not current to carry passengers (FCL.060: 3 takeoffs and "
                        "landings in 90 days)")
    for label, text in (("SEP class rating", sep_expiry), ("medical", medical_expiry)):
        if text:
            left = (date.fromisoformat(text) - on).days
            if left < 0:
                warnings.append(f"{label} expired on {text}")
            elif left <= EXPIRY_WARNING_DAYS:
                warnings.append(f"{label} expires on {text}, in {left} days")
    if sep_expiry:
        result["sep_revalidation"] = _revalidation(logged, on, date.fromisoformat(sep_expiry))
    return result


def currency_text(result: dict[str, Any]) -> list[str]:
    """The `logbook currency` report, line by line."""
    def recency(label: str, item: dict[str, Any]) -> str:
        state = (f"current until {item['valid_until']}" if item["current"]
                 else "NOT current")
        return (f"{label}: {item['takeoffs']} takeoffs, {item['landings']} landings in "
                f"90 days (need {item['required']}): {state}")

    out = [f"Currency on {result['on']}",
           recency("  passengers", result["passenger_90d"]),
           recency("  at night", result["night_90d"])]
    if result["last_flight"]:
        out.append(f"  last flight {result['last_flight']}, "
                   f"{result['days_since_last_flight']} days ago")
    reval = result["sep_revalidation"]
    if reval:
        out.append(f"  SEP revalidation by experience (expiry {reval['expiry']}, "
                   f"from {reval['window_start']}):")
        for key, item in reval["requirements"].items():
            show = hhmm if key.endswith("_min") else str
            out.append(f"    {'[x]' if item['met'] else '[ ]'} {key.removesuffix('_min')}"
                       f": {show(item['done'])} of {show(item['required'])}")
    out += [f"  warning: {w}" for w in result["warnings"]]
    return out
