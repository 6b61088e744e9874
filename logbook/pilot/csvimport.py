"""Reading MyFlightbook and ForeFlight logbook CSV files into entries.

Every row is checked before anything is stored; the first bad row is reported as
``FILE.csv:row 7: what is wrong`` and nothing is imported.
"""

import csv
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from logbook.errors import LogbookError
from logbook.pilot.entries import (
    Entry,
    capacity_code,
    parse_day,
    parse_duration_min,
    parse_hhmm,
)

Row = dict[str, str]


def _minutes(text: str | None, *, decimal_hours: bool) -> int:
    """Blank is 0; "1:35" is H:MM; a plain number is decimal hours."""
    text = (text or "").strip()
    if not text:
        return 0
    if ":" in text or not decimal_hours:
        return parse_duration_min(text)
    try:
        return round(float(text) * 60)
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a time in hours") from e


def _count(text: str | None) -> int:
    text = (text or "").strip()
    if not text:
        return 0
    if not text.isdigit():
        raise LogbookError(f"'{text}' is not a count")
    return int(text)


def _guess_capacity(row: Row, columns: dict[str, str], decimal_hours: bool) -> str:
    """The capacity a row's time columns say (column name -> capacity, in order)."""
    for column, capacity in columns.items():
        if _minutes(row.get(column), decimal_hours=decimal_hours) > 0:
            return capacity
    return "P1"


def _counts(total: int, night: int, day_fs: int, night_fs: int, row: Row,
            takeoff_keys: tuple[str, str]) -> dict[str, Any]:
    if night > total:
        raise LogbookError(f"{night} night landings but {total} landings in all")
    day_to, night_to = (row.get(k) for k in takeoff_keys)
    return {"day_landings": total - night, "night_landings": night,
            "day_full_stops": day_fs, "night_full_stops": night_fs,
            "day_takeoffs": _count(day_to) if day_to not in (None, "") else total - night,
            "night_takeoffs": _count(night_to) if night_to not in (None, "") else night}


def _stamp(text: str) -> str | None:
    text = text.strip().replace("T", " ").removesuffix("Z")
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError as e:
        raise LogbookError(f"'{text}' is not a date and time") from e


def myflightbook_entry(row: Row, types: dict[str, str]) -> Entry:
    day = parse_day(row.get("Date", "").strip()).isoformat()
    total = _minutes(row.get("Total Flight Time"), decimal_hours=True)
    simulator = _minutes(row.get("Ground Simulator"), decimal_hours=True)
    capacity = (row.get("Capacity") or "").strip() or _guess_capacity(
        row, {"Solo Time": "solo", "Dual Received": "P/UT", "CFI": "instructor",
              "SIC": "P2", "PIC": "P1"}, True)
    landings = _count(row.get("Landings"))
    night_fs = _count(row.get("FS Night Landings"))
    night = _count(row.get("Night Landings")) if row.get("Night Landings") else night_fs
    route = (row.get("Route") or "").replace("-", " ").split()
    return Entry(
        date=day, capacity=capacity_code(capacity), total_min=total or simulator,
        fstd=simulator > 0 and total == 0, registration=(row.get("Tail Number") or
                                                          "").strip().upper() or None,
        type=(row.get("Model") or "").strip().upper() or None,
        departure=route[0].upper() if route else None,
        arrival=route[-1].upper() if route else None,
        off_block_utc=_stamp(row.get("Block Out") or ""),
        on_block_utc=_stamp(row.get("Block In") or ""),
        pic_name=(row.get("Name of PIC") or "").strip() or None,
        **_counts(landings, night, _count(row.get("FS Day Landings")), night_fs, row,
                  ("Day Takeoffs", "Night Takeoffs")),
        night_min=_minutes(row.get("Night"), decimal_hours=True),
        ifr_min=_minutes(row.get("IMC"), decimal_hours=True),
        xc=_minutes(row.get("X-Country"), decimal_hours=True) > 0,
        remarks=(row.get("Comments") or "").strip())


def _block(day: str, out: str, in_: str) -> tuple[str | None, str | None]:
    if not out.strip() or not in_.strip():
        return None, None
    start = datetime.fromisoformat(day + "T00:00:00+00:00") + parse_hhmm(out)
    end = datetime.fromisoformat(day + "T00:00:00+00:00") + parse_hhmm(in_)
    if end < start:
        end += timedelta(days=1)
    return start.strftime("%Y-%m-%dT%H:%M:%SZ"), end.strftime("%Y-%m-%dT%H:%M:%SZ")


def foreflight_entry(row: Row, types: dict[str, str]) -> Entry:
    day = parse_day(row.get("Date", "").strip()).isoformat()
    total = _minutes(row.get("TotalTime"), decimal_hours=True)
    simulator = _minutes(row.get("SimulatedFlight"), decimal_hours=True)
    capacity = (row.get("[Text]Capacity") or "").strip() or _guess_capacity(
        row, {"Solo": "solo", "PICUS": "PICUS", "DualReceived": "P/UT",
              "DualGiven": "instructor", "SIC": "P2", "PIC": "P1"}, True)
    night_fs = _count(row.get("NightLandingsFullStop"))
    night = (_count(row.get("[Text]NightLandings")) if row.get("[Text]NightLandings")
             else night_fs)
    registration = (row.get("AircraftID") or "").strip().upper() or None
    off, on = _block(day, row.get("TimeOut") or "", row.get("TimeIn") or "")
    return Entry(
        date=day, capacity=capacity_code(capacity), total_min=total or simulator,
        fstd=simulator > 0 and total == 0, registration=registration,
        type=types.get(registration or ""),
        departure=(row.get("From") or "").strip().upper() or None,
        arrival=(row.get("To") or "").strip().upper() or None,
        off_block_utc=off, on_block_utc=on,
        pic_name=(row.get("InstructorName") or "").strip() or None,
        **_counts(_count(row.get("AllLandings")), night,
                  _count(row.get("DayLandingsFullStop")), night_fs, row,
                  ("DayTakeoffs", "NightTakeoffs")),
        night_min=_minutes(row.get("Night"), decimal_hours=True),
        ifr_min=_minutes(row.get("ActualInstrument"), decimal_hours=True),
        xc=_minutes(row.get("CrossCountry"), decimal_hours=True) > 0,
        remarks=(row.get("PilotComments") or "").strip())


def _find(rows: list[list[str]], *names: str, start: int = 0) -> int | None:
    for i in range(start, len(rows)):
        if all(n in rows[i] for n in names):
            return i
    return None


def _records(rows: list[list[str]], header: int) -> list[tuple[int, Row]]:
    names = rows[header]
    found = []
    for i in range(header + 1, len(rows)):
        cells = rows[i]
        if not any(c.strip() for c in cells):
            continue
        if cells and cells[0].strip().endswith("Table"):
            break
        found.append((i + 1, dict(zip(names, cells, strict=False))))
    return found


def read_entries(path: Path) -> tuple[list[Entry], dict[str, str]]:
    """Entries from a MyFlightbook or ForeFlight CSV file, and the aircraft types it
    names; raises ``FILE:row N: ...`` for the first bad row."""
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise LogbookError(f"{path}: cannot read ({e})") from e
    types: dict[str, str] = {}
    parse: Callable[[Row, dict[str, str]], Entry]
    if (header := _find(rows, "Date", "AircraftID", "TotalTime")) is not None:
        parse = foreflight_entry
        table = _find(rows, "AircraftID", "TypeCode")
        if table is not None:
            for _, row in _records(rows, table):
                if row.get("AircraftID") and row.get("TypeCode"):
                    types[row["AircraftID"].strip().upper()] = row["TypeCode"].strip().upper()
    elif (header := _find(rows, "Date", "Total Flight Time")) is not None:
        parse = myflightbook_entry
    else:
        raise LogbookError(f"{path}: not a MyFlightbook or ForeFlight logbook CSV "
                           "(no Date and Total Flight Time or TotalTime columns)")
    entries = []
    for number, row in _records(rows, header):
        try:
            entry = parse(row, types)
        except LogbookError as e:
            raise LogbookError(f"{path.name}:row {number}: {e}") from e
        if entry.type is None and entry.registration and not entry.fstd:
            raise LogbookError(f"{path.name}:row {number}: no type for "
                               f"{entry.registration}")
        entries.append(replace(entry, provenance=dict.fromkeys(
            ("date", "capacity", "total_min", "registration", "type"), "import")))
    return entries, types | {e.registration: e.type for e in entries
                             if e.registration and e.type}
