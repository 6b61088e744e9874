"""Flights as stored: rows built from the analysis, records read back, corrections.

A stored flight keeps its events as JSON lists in the shape `logbook flights --json`
prints them. Corrections (delete, landing kind, merge, split) are kept apart and
applied when flights are read, so a re-analysis never loses them.
"""

import json
import math
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logbook.events import Flight


def utc_text(moment: datetime | None) -> str | None:
    """ISO 8601 UTC ending in `Z`, whole seconds (pandas Timestamps too).

    >>> utc_text(datetime(2007, 12, 27, 10, 5, 30, 900000, tzinfo=UTC))
    '2007-12-27T10:05:30Z'
    """
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """The moment an ISO 8601 text (ending in `Z` or an offset) names."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 2)


def flight_row(flight: "Flight") -> dict[str, Any]:
    """The columns of one analysed flight (without ids)."""
    takeoffs = [{"time_utc": utc_text(t.time), "airport": t.airport,
                 "runway": t.runway, "uncertain": t.uncertain,
                 "runway_estimated": t.runway_estimated}
                for t in flight.takeoffs]
    landings = [{"time_utc": utc_text(x.time), "kind": x.kind, "airport": x.airport,
                 "runway": x.runway, "uncertain": x.uncertain,
                 "runway_estimated": x.runway_estimated,
                 "touchdown_speed_mps": _number(x.touchdown_speed_mps),
                 "touchdown_distance_m": _number(x.touchdown_distance_m)}
                for x in flight.landings]
    go_arounds = [{"time_utc": utc_text(g.time), "airport": g.airport,
                   "runway": g.runway, "lowest_ft_agl": _number(g.lowest_ft_agl)}
                  for g in flight.go_arounds]
    circuits = [{"start_utc": utc_text(c.start), "end_utc": utc_text(c.end),
                 "airport": c.airport, "runway": c.runway, "direction": c.direction,
                 "height_m": _number(c.height_m),
                 "downwind_distance_m": _number(c.downwind_distance_m),
                 "legs": [{"name": leg.name, "start_utc": utc_text(leg.start),
                           "end_utc": utc_text(leg.end)} for leg in c.legs]}
                for c in flight.circuits]
    return {
        "off_block_utc": utc_text(flight.off_block),
        "on_block_utc": utc_text(flight.on_block),
        "takeoff_utc": utc_text(flight.takeoff),
        "landing_utc": utc_text(flight.landing),
        "departure": flight.departure, "arrival": flight.arrival,
        "partial": int(flight.partial),
        "off_block_unknown": int(flight.off_block_unknown),
        "on_block_unknown": int(flight.on_block_unknown),
        "takeoffs": json.dumps(takeoffs), "landings": json.dumps(landings),
        "go_arounds": json.dumps(go_arounds), "circuits": json.dumps(circuits),
    }


@dataclass(frozen=True)
class FlightRecord:
    """A stored flight with its events, corrections applied."""

    id: int
    track: int
    off_block_utc: str
    on_block_utc: str
    takeoff_utc: str | None
    landing_utc: str | None
    departure: str | None
    arrival: str | None
    partial: bool
    takeoffs: list[dict[str, Any]] = field(default_factory=list)
    landings: list[dict[str, Any]] = field(default_factory=list)
    go_arounds: list[dict[str, Any]] = field(default_factory=list)
    circuits: list[dict[str, Any]] = field(default_factory=list)
    sources: tuple[int, ...] = ()      # other tracks holding the same flight
    corrected: bool = False
    off_block_unknown: bool = False    # the track begins after the first movement
    on_block_unknown: bool = False     # the track ends before the aircraft stopped

    @property
    def date(self) -> str:
        return (self.takeoff_utc or self.off_block_utc)[:10]

    @property
    def airborne_min(self) -> float | None:
        if self.takeoff_utc is None or self.landing_utc is None:
            return None
        return _minutes(self.takeoff_utc, self.landing_utc)

    @property
    def block_min(self) -> float:
        return _minutes(self.off_block_utc, self.on_block_utc)

    def to_json(self) -> dict[str, Any]:
        """The object `logbook flights --json` prints: a contract, keep its keys."""
        def pick(events: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
            return [{k: e.get(k) for k in keys} | e for e in events]

        return {
            "id": self.id, "date": self.date, "departure": self.departure,
            "arrival": self.arrival, "off_block_utc": self.off_block_utc,
            "takeoff_utc": self.takeoff_utc, "landing_utc": self.landing_utc,
            "on_block_utc": self.on_block_utc, "airborne_min": self.airborne_min,
            "block_min": self.block_min, "track": self.track, "partial": self.partial,
            "takeoffs": pick(self.takeoffs, ("time_utc", "airport", "runway")),
            "landings": pick(self.landings, ("time_utc", "kind", "airport", "runway")),
            "go_arounds": pick(self.go_arounds,
                               ("time_utc", "airport", "runway", "lowest_ft_agl")),
            "circuits": len(self.circuits),
            "off_block_unknown": self.off_block_unknown,
            "on_block_unknown": self.on_block_unknown,
            "circuit_details": self.circuits,
            "other_tracks": list(self.sources),
            "corrected": self.corrected,
        }


def _minutes(start: str, end: str) -> float:
    seconds = (parse_utc(end) - parse_utc(start)).total_seconds()
    return round(seconds / 60.0, 1)


def record_from_row(row: dict[str, Any], sources: tuple[int, ...] = ()) -> FlightRecord:
    return FlightRecord(
        id=int(row["id"]), track=int(row["track_id"]),
        off_block_utc=row["off_block_utc"], on_block_utc=row["on_block_utc"],
        takeoff_utc=row["takeoff_utc"], landing_utc=row["landing_utc"],
        departure=row["departure"], arrival=row["arrival"],
        partial=bool(row["partial"]), takeoffs=json.loads(row["takeoffs"]),
        landings=json.loads(row["landings"]), go_arounds=json.loads(row["go_arounds"]),
        circuits=json.loads(row["circuits"]), sources=sources,
        off_block_unknown=bool(row.get("off_block_unknown")),
        on_block_unknown=bool(row.get("on_block_unknown")),
    )


# corrections, applied in the order they were made


def apply_corrections(records: list[FlightRecord],
                      corrections: list[dict[str, Any]]) -> list[FlightRecord]:
    """The flights as the pilot corrected them."""
    by_id = {r.id: r for r in records}
    for c in corrections:
        action, payload = c["action"], json.loads(c["payload"])
        target = by_id.get(int(c["flight_id"]))
        if target is None:
            continue
        if action == "delete":
            del by_id[target.id]
        elif action == "landing_kind":
            by_id[target.id] = _set_landing_kind(target, payload["index"], payload["kind"])
        elif action == "merge":
            other = by_id.pop(int(payload["other"]), None)
            if other is not None:
                by_id[target.id] = _merge(target, other)
        elif action == "split":
            first, second = _split(target, payload["at_utc"], int(payload["new_id"]))
            by_id[first.id], by_id[second.id] = first, second
    return sorted(by_id.values(), key=lambda r: (r.takeoff_utc or r.off_block_utc, r.id))


def _set_landing_kind(record: FlightRecord, index: int, kind: str) -> FlightRecord:
    landings = [dict(x) for x in record.landings]
    if 0 <= index < len(landings):
        landings[index]["kind"] = kind
    return replace(record, landings=landings, corrected=True)


def _merge(first: FlightRecord, second: FlightRecord) -> FlightRecord:
    a, b = sorted((first, second), key=lambda r: r.off_block_utc)
    return replace(
        first, off_block_utc=a.off_block_utc, on_block_utc=b.on_block_utc,
        takeoff_utc=a.takeoff_utc, landing_utc=b.landing_utc,
        departure=a.departure, arrival=b.arrival, partial=a.partial or b.partial,
        takeoffs=a.takeoffs + b.takeoffs, landings=a.landings + b.landings,
        go_arounds=a.go_arounds + b.go_arounds, circuits=a.circuits + b.circuits,
        sources=tuple(sorted(set(a.sources) | set(b.sources))), corrected=True)


def _split(record: FlightRecord, at_utc: str,
           new_id: int) -> tuple[FlightRecord, FlightRecord]:
    def before(events: list[dict[str, Any]], key: str = "time_utc") -> list[dict[str, Any]]:
        return [e for e in events if e[key] < at_utc]

    def after(events: list[dict[str, Any]], key: str = "time_utc") -> list[dict[str, Any]]:
        return [e for e in events if e[key] >= at_utc]

    def bounds(takeoffs: list[dict[str, Any]],
               landings: list[dict[str, Any]]) -> tuple[str | None, str | None]:
        return (takeoffs[0]["time_utc"] if takeoffs else None,
                landings[-1]["time_utc"] if landings else None)

    t1, l1 = before(record.takeoffs), before(record.landings)
    t2, l2 = after(record.takeoffs), after(record.landings)
    first = replace(record, on_block_utc=at_utc, takeoffs=t1, landings=l1,
                    takeoff_utc=bounds(t1, l1)[0], landing_utc=bounds(t1, l1)[1],
                    arrival=l1[-1]["airport"] if l1 else record.arrival,
                    go_arounds=before(record.go_arounds),
                    circuits=before(record.circuits, "start_utc"), corrected=True)
    second = replace(record, id=new_id, off_block_utc=at_utc, takeoffs=t2, landings=l2,
                     takeoff_utc=bounds(t2, l2)[0], landing_utc=bounds(t2, l2)[1],
                     departure=t2[0]["airport"] if t2 else record.departure,
                     go_arounds=after(record.go_arounds),
                     circuits=after(record.circuits, "start_utc"), corrected=True)
    return first, second


def overlap_s(a: tuple[str, str], b: tuple[str, str]) -> float:
    """Seconds two [start, end] UTC intervals share (0 when apart)."""
    start = max(parse_utc(a[0]), parse_utc(b[0]))
    end = min(parse_utc(a[1]), parse_utc(b[1]))
    return max(0.0, (end - start).total_seconds())


def now_utc_text() -> str:
    return utc_text(datetime.now(UTC)) or ""
