"""CSV interchange: MyFlightbook's import template and ForeFlight's logbook CSV.

Export writes either; import reads either (sniffed from the headers), checks every
row first and reports bad ones as ``FILE.csv:row 7: what is wrong``. Times are
written as H:MM (MyFlightbook) or decimal hours to 2 places (ForeFlight), both
exact to the minute. A ``Capacity`` column (``[Text]Capacity`` in ForeFlight)
keeps SPIC, PICUS and P/UT, which neither format has; without it the capacity is
guessed from the time columns (solo, dual received, CFI, SIC, PIC).
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

from logbook.errors import LogbookError
from logbook.pilot.entries import Entry
from logbook.units import hhmm

MYFLIGHTBOOK_COLUMNS = (
    "Date", "Tail Number", "Model", "Total Flight Time", "Approaches", "Hold",
    "Landings", "FS Day Landings", "FS Night Landings", "X-Country", "Night", "IMC",
    "Simulated Instrument", "Ground Simulator", "Dual Received", "CFI", "SIC", "PIC",
    "Route", "Comments", "Block Out", "Block In", "Solo Time", "Name of PIC",
    "Capacity", "Night Landings", "Day Takeoffs", "Night Takeoffs")
FOREFLIGHT_AIRCRAFT = ("AircraftID", "EquipmentType", "TypeCode", "Year", "Make",
                       "Model", "Category", "Class", "GearType", "EngineType")
FOREFLIGHT_FLIGHTS = (
    "Date", "AircraftID", "From", "To", "Route", "TimeOut", "TimeOff", "TimeOn",
    "TimeIn", "TotalTime", "PIC", "SIC", "Night", "Solo", "CrossCountry", "PICUS",
    "DayTakeoffs", "DayLandingsFullStop", "NightTakeoffs", "NightLandingsFullStop",
    "AllLandings", "ActualInstrument", "SimulatedInstrument", "DualGiven",
    "DualReceived", "SimulatedFlight", "InstructorName", "PilotComments",
    "[Text]Capacity", "[Text]NightLandings")


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}" if minutes else ""


def _time_column(entry: Entry, *columns: str) -> dict[str, int]:
    """Flight minutes in the capacity's columns (FSTD sessions have none)."""
    return {c: (0 if entry.fstd else entry.total_min) for c in columns}


def myflightbook_row(e: Entry) -> dict[str, str]:
    minutes = {"Dual Received": e.capacity == "P/UT", "CFI": e.capacity == "instructor",
               "SIC": e.capacity == "P2", "PIC": "pic" in e.columns,
               "Solo Time": e.capacity == "solo"}
    flight = 0 if e.fstd else e.total_min
    return {
        "Date": e.date, "Tail Number": e.registration or "", "Model": e.type or "",
        "Total Flight Time": hhmm(flight), "Approaches": "", "Hold": "",
        "Landings": str(e.landings), "FS Day Landings": str(e.day_full_stops),
        "FS Night Landings": str(e.night_full_stops),
        "X-Country": hhmm(flight) if e.xc else "", "Night": hhmm(e.night_min),
        "IMC": hhmm(e.ifr_min), "Simulated Instrument": "",
        "Ground Simulator": hhmm(e.total_min) if e.fstd else "",
        **{k: hhmm(flight) if on else "" for k, on in minutes.items()},
        "Route": " ".join(p for p in (e.departure, e.arrival) if p),
        "Comments": e.remarks, "Block Out": (e.off_block_utc or "")[:16].replace("T", " "),
        "Block In": (e.on_block_utc or "")[:16].replace("T", " "),
        "Name of PIC": e.pic_name or "", "Capacity": e.capacity,
        "Night Landings": str(e.night_landings), "Day Takeoffs": str(e.day_takeoffs),
        "Night Takeoffs": str(e.night_takeoffs),
    }


def foreflight_row(e: Entry) -> dict[str, str]:
    flight = 0 if e.fstd else e.total_min
    return {
        "Date": e.date, "AircraftID": e.registration or "", "From": e.departure or "",
        "To": e.arrival or "", "Route": "",
        "TimeOut": (e.off_block_utc or "")[11:16], "TimeOff": "", "TimeOn": "",
        "TimeIn": (e.on_block_utc or "")[11:16], "TotalTime": _hours(flight),
        "PIC": _hours(flight if "pic" in e.columns else 0),
        "SIC": _hours(flight if e.capacity == "P2" else 0), "Night": _hours(e.night_min),
        "Solo": _hours(flight if e.capacity == "solo" else 0),
        "CrossCountry": _hours(flight if e.xc else 0),
        "PICUS": _hours(flight if e.capacity == "PICUS" else 0),
        "DayTakeoffs": str(e.day_takeoffs), "DayLandingsFullStop": str(e.day_full_stops),
        "NightTakeoffs": str(e.night_takeoffs),
        "NightLandingsFullStop": str(e.night_full_stops), "AllLandings": str(e.landings),
        "ActualInstrument": _hours(e.ifr_min), "SimulatedInstrument": "",
        "DualGiven": _hours(flight if e.capacity == "instructor" else 0),
        "DualReceived": _hours(flight if e.capacity == "P/UT" else 0),
        "SimulatedFlight": _hours(e.total_min if e.fstd else 0),
        "InstructorName": e.pic_name or "", "PilotComments": e.remarks,
        "[Text]Capacity": e.capacity, "[Text]NightLandings": str(e.night_landings),
    }


def export_csv(entries: Iterable[Entry], fmt: str,
               aircraft: list[dict[str, Any]] | None = None) -> str:
    """The entries as MyFlightbook (`csv`) or ForeFlight (`foreflight`) CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "csv":
        writer.writerow(MYFLIGHTBOOK_COLUMNS)
        writer.writerows([myflightbook_row(e)[k] for k in MYFLIGHTBOOK_COLUMNS]
                         for e in entries)
        return out.getvalue()
    if fmt != "foreflight":
        raise LogbookError(f"unknown format '{fmt}'; csv or foreflight")
    pad = [""] * (len(FOREFLIGHT_FLIGHTS) - 1)
    writer.writerow(["ForeFlight Logbook Import", *pad])
    writer.writerow(["Aircraft Table", *pad])
    writer.writerow(FOREFLIGHT_AIRCRAFT)
    for a in aircraft or []:
        writer.writerow([a["registration"], "aircraft", a["type"], "", "", a["type"],
                         "airplane", "airplane_multi_engine_land" if a["multi_engine"]
                         else "airplane_single_engine_land", "", ""])
    writer.writerow(["Flights Table", *pad])
    writer.writerow(FOREFLIGHT_FLIGHTS)
    writer.writerows([foreflight_row(e)[k] for k in FOREFLIGHT_FLIGHTS] for e in entries)
    return out.getvalue()
