"""Licence progress: every requirement of a scheme with what is done and what remains.

- ``easa-ppl``: FCL.210.A(a) (the UK text is the same).
- ``faa-ppl``: 14 CFR 61.109(a), single-engine aeroplane.
- ``easa-night``: FCL.810(a) night rating.

Long cross-countries are found from the entries: a chain of same-day entries in
the right capacity, each departing where the last arrived; its route is the
departure, every full-stop landing and the arrival, its distance the sum of the
great-circle legs (``logbook.geo.haversine_m``).
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from itertools import groupby, pairwise
from typing import Any

from logbook import geo, units
from logbook.errors import LogbookError
from logbook.pilot.entries import FULL_STOP_KINDS, SUPERVISED_SOLO, Entry
from logbook.units import hhmm

Position = tuple[float, float]
Lookup = Callable[[str | None], Position | None]
# FCL.210.A: at most this much of the 45 h of instruction in an FSTD
FSTD_CREDIT_MIN = 5 * 60


@dataclass(frozen=True)
class Requirement:
    """One line of progress; minutes for time, a count for the rest."""

    key: str
    label: str
    unit: str  # "min" or "count"
    required: float
    done: float
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def remaining(self) -> float:
        return max(0.0, self.required - self.done)

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"met": self.met, "remaining": self.remaining}

    def text(self) -> str:
        show = hhmm if self.unit == "min" else (lambda n: f"{n:g}")
        mark = "done" if self.met else f"{show(self.remaining)} to go"
        return (f"{'[x]' if self.met else '[ ]'} {self.label}: {show(self.done)} of "
                f"{show(self.required)} ({mark})" + (f"; {self.detail}" if self.detail
                                                      else ""))


@dataclass(frozen=True)
class Route:
    """A chain of entries flown as one trip."""

    date: str
    entries: tuple[int, ...]
    aerodromes: tuple[str, ...]
    full_stops: frozenset[str]
    distance_nm: float
    longest_leg_nm: float

    def text(self) -> str:
        return f"{self.date} {'-'.join(self.aerodromes)} {self.distance_nm:.0f} NM"


def _minutes(entries: list[Entry], capacities: tuple[str, ...], *,
             night: bool = False, xc: bool = False, ifr: bool = False) -> int:
    chosen = [e for e in entries if e.capacity in capacities and not e.fstd
              and (e.xc or not xc)]
    if night:
        return sum(e.night_min for e in chosen)
    if ifr:
        return sum(e.ifr_min for e in chosen)
    return sum(e.total_min for e in chosen)


def _chains(entries: list[Entry]) -> list[list[Entry]]:
    chains = []
    for _, day in groupby(sorted(entries, key=lambda e: (e.date, e.off_block_utc or "")),
                          key=lambda e: e.date):
        chain: list[Entry] = []
        for e in day:
            if chain and e.departure != chain[-1].arrival:
                chains.append(chain)
                chain = []
            chain.append(e)
        chains.append(chain)
    return [c for c in chains if c]


def routes(entries: list[Entry], capacities: tuple[str, ...], position: Lookup) -> list[Route]:
    """Every measurable chain of entries flown in these capacities."""
    found = []
    for chain in _chains([e for e in entries if e.capacity in capacities and not e.fstd]):
        points: list[str] = []
        full_stops = set()
        for e in chain:
            stops = [x["airport"] for x in sorted(e.landing_events, key=lambda x: x["time_utc"])
                     if x.get("airport") and x["kind"] in FULL_STOP_KINDS]
            for place in [e.departure, *stops, e.arrival]:
                if place and (not points or points[-1] != place):
                    points.append(place)
            full_stops |= set(stops) | ({e.arrival} if e.arrival else set())
        where = [position(p) for p in points]
        if len(points) < 2 or any(w is None for w in where):
            continue
        legs = [float(units.m_to_nm(geo.haversine_m(a[0], a[1], b[0], b[1])))  # type: ignore[index]
                for a, b in pairwise(where)]
        found.append(Route(chain[0].date, tuple(e.id or 0 for e in chain), tuple(points),
                           frozenset(full_stops), sum(legs), max(legs)))
    return found


def _route_requirement(key: str, label: str, candidates: list[Route],
                       ok: Callable[[Route], bool]) -> Requirement:
    good = [r for r in candidates if ok(r)]
    if good:
        return Requirement(key, label, "count", 1, 1, "flown " + good[0].text())
    best = max(candidates, key=lambda r: r.distance_nm, default=None)
    return Requirement(key, label, "count", 1, 0,
                       "longest so far " + best.text() if best else "none flown yet")


def easa_ppl(entries: list[Entry], position: Lookup) -> list[Requirement]:
    dual = _minutes(entries, ("P/UT",))
    solo = _minutes(entries, SUPERVISED_SOLO)
    fstd = sum(e.total_min for e in entries if e.fstd and e.capacity == "P/UT")
    solo_routes = routes(entries, SUPERVISED_SOLO, position)
    return [
        Requirement("instruction", "flight instruction (FSTD up to 5 h)", "min", 45 * 60,
                    dual + solo + min(fstd, FSTD_CREDIT_MIN)),
        Requirement("dual", "dual instruction", "min", 25 * 60, dual),
        Requirement("supervised_solo", "supervised solo", "min", 10 * 60, solo),
        Requirement("solo_xc", "solo cross-country", "min", 5 * 60,
                    _minutes(entries, SUPERVISED_SOLO, xc=True)),
        _route_requirement(
            "qualifying_xc", "solo cross-country of 270 km (150 NM) with full-stop "
            "landings at 2 other aerodromes", solo_routes,
            lambda r: r.distance_nm >= 150 and len(r.full_stops - {r.aerodromes[0]}) >= 2),
    ]


def faa_ppl(entries: list[Entry], position: Lookup, on: str) -> list[Requirement]:
    dual_entries = [e for e in entries if e.capacity == "P/UT"]
    since = (date.fromisoformat(on).replace(day=1) - timedelta(days=1)).replace(day=1)
    night_routes = routes([e for e in dual_entries if e.night_min > 0], ("P/UT",), position)
    return [
        Requirement("total", "flight time", "min", 40 * 60,
                    sum(e.total_min for e in entries if not e.fstd)),
        Requirement("dual", "training from an instructor", "min", 20 * 60,
                    _minutes(entries, ("P/UT",))),
        Requirement("solo", "solo", "min", 10 * 60, _minutes(entries, SUPERVISED_SOLO)),
        Requirement("dual_xc", "dual cross-country", "min", 3 * 60,
                    _minutes(entries, ("P/UT",), xc=True)),
        Requirement("dual_night", "dual night", "min", 3 * 60,
                    _minutes(entries, ("P/UT",), night=True)),
        _route_requirement("night_xc", "night cross-country over 100 NM", night_routes,
                           lambda r: r.distance_nm > 100),
        Requirement("night_landings", "night full-stop landings (dual)", "count", 10,
                    sum(e.night_full_stops for e in dual_entries)),
        Requirement("night_takeoffs", "night takeoffs (dual)", "count", 10,
                    sum(e.night_takeoffs for e in dual_entries)),
        Requirement("instrument", "instrument reference (dual)", "min", 3 * 60,
                    _minutes(entries, ("P/UT",), ifr=True)),
        Requirement("checkride_prep", "dual in the 2 calendar months before "
                    f"{on}", "min", 3 * 60, sum(e.total_min for e in dual_entries
                                               if since.isoformat() <= e.date <= on
                                               and not e.fstd)),
        Requirement("solo_xc", "solo cross-country", "min", 5 * 60,
                    _minutes(entries, SUPERVISED_SOLO, xc=True)),
        _route_requirement(
            "long_solo_xc", "solo cross-country of 150 NM, full stops at 3 points, "
            "one leg over 50 NM", routes(entries, SUPERVISED_SOLO, position),
            lambda r: r.distance_nm >= 150 and len(r.full_stops | {r.aerodromes[0]}) >= 3
            and r.longest_leg_nm > 50),
    ]


def easa_night(entries: list[Entry], position: Lookup) -> list[Requirement]:
    solo = [e for e in entries if e.capacity in (*SUPERVISED_SOLO, "P1")]
    dual_xc = routes([e for e in entries if e.night_min > 0 and e.xc], ("P/UT",), position)
    return [
        Requirement("night", "night flight", "min", 5 * 60,
                    sum(e.night_min for e in entries if not e.fstd)),
        Requirement("dual_night", "dual night", "min", 3 * 60,
                    _minutes(entries, ("P/UT",), night=True)),
        Requirement("night_xc", "dual night cross-country navigation", "min", 60,
                    _minutes(entries, ("P/UT",), night=True, xc=True)),
        _route_requirement("dual_xc_50km", "dual night cross-country of 50 km (27 NM)",
                           dual_xc, lambda r: r.distance_nm >= 27),
        Requirement("solo_night_takeoffs", "solo night takeoffs", "count", 5,
                    sum(e.night_takeoffs for e in solo)),
        Requirement("solo_night_full_stops", "solo night full-stop landings", "count", 5,
                    sum(e.night_full_stops for e in solo)),
    ]


SCHEMES = ("easa-ppl", "faa-ppl", "easa-night")


def progress(entries: list[Entry], scheme: str, position: Lookup,
             on: str) -> dict[str, Any]:
    """The `logbook progress --json` object: scheme, complete, requirements."""
    logged = [e for e in entries if e.confirmed and e.date <= on]
    if scheme == "easa-ppl":
        found = easa_ppl(logged, position)
    elif scheme == "faa-ppl":
        found = faa_ppl(logged, position, on)
    elif scheme == "easa-night":
        found = easa_night(logged, position)
    else:
        raise LogbookError(f"unknown scheme '{scheme}'; one of {', '.join(SCHEMES)}")
    return {"scheme": scheme, "on": on, "complete": all(r.met for r in found),
            "requirements": [r.to_json() for r in found],
            "text": [r.text() for r in found]}
