"""Airports and runways for the flight analysis, from OurAirports (public domain).

The package ships a compact SQLite database built from the OurAirports CSV dumps
(``logbook/data/airports.sqlite.gz``); ``logbook airports rebuild RUNWAYS.csv
AIRPORTS.csv`` builds a newer one into the user's data dir, which then wins over the
shipped copy, and ``LOGBOOK_AIRPORTS=PATH`` wins over both. Regenerate the shipped
copy with ``logbook airports rebuild runways.csv airports.csv -o
logbook/data/airports.sqlite.gz``.

What is kept: small, medium and large airports and seaplane bases, with their
runways. Small airports stay because gliding sites and farm strips are where many
pilots train. Heliports (a quarter of OurAirports), balloonports and airports typed
``closed`` are left out: a fixed-wing training logbook never lands at them, they
would double the shipped file, and an airfield that has closed would only attract
false matches in ``near``. Helipads listed as runways of a kept airport are left out
too. Closed runways of open airports are kept, flagged ``Runway.closed``.

Runway ends: OurAirports gives threshold coordinates for about a third of runways.
Where they are missing the threshold is estimated (``position_estimated=True``):
from the other end's threshold and the runway length when that end is known, else
from the airport reference point (ARP) plus or minus half the length along the
runway heading, else the ARP itself. Headings are true: the CSV's
``le_heading_degT`` when given, else the bearing between the two thresholds, else
the designator times 10 (a magnetic heading, so ``heading_estimated=True``; the
error is the local magnetic variation). Missing elevations and displaced
thresholds are NaN (OurAirports does not tell "none" from "unknown").

Loading: importing this module reads nothing; the first query opens the database.
A gzipped file is decompressed into an in-memory SQLite database
(``Connection.deserialize``) and indexed, ~0.1 s per process; a plain ``.sqlite``
file (what ``rebuild`` writes) is opened read-only and already indexed. A ``near``
query then takes well under a millisecond.
"""

import difflib
import functools
import gzip
import math
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from logbook import geo, units
from logbook.errors import LogbookError

Key = TypeVar("Key")

ENV_VARIABLE = "LOGBOOK_AIRPORTS"
SHIPPED_PATH = Path(__file__).parent / "data" / "airports.sqlite.gz"
# bumped whenever the tables built by logbook.airports_build change
SCHEMA_VERSION = 1
_RUNWAY_COLUMNS = (
    "r.id, r.airport, r.length_ft, r.width_ft, r.surface, r.lighted, r.closed, "
    "e.designator, e.lat_udeg, e.lon_udeg, e.heading_ddeg, e.elevation_ft, "
    "e.displaced_threshold_ft, e.position_estimated, e.heading_estimated"
)
_AIRPORT_COLUMNS = (
    "ident, name, type, lat_udeg, lon_udeg, elevation_ft, country, municipality"
)
# the shipped gzipped copy leaves these out (a third of its size); they are built
# after loading it into memory, in ~50 ms
INDEXES = """
CREATE INDEX IF NOT EXISTS airports_position ON airports (lat_udeg, lon_udeg);
CREATE INDEX IF NOT EXISTS runways_airport ON runways (airport);
CREATE INDEX IF NOT EXISTS runway_ends_position ON runway_ends (lat_udeg, lon_udeg);
"""
# positions are stored as integer microdegrees, headings as tenths of a degree
_UDEG_PER_DEG = 1e6
_DDEG_PER_DEG = 10.0


@dataclass(frozen=True)
class RunwayEnd:
    """One end of a runway: where a landing in direction ``heading_deg`` starts."""

    designator: str  # "23", "18L", as OurAirports spells it
    lat: float  # physical threshold (displacement not applied)
    lon: float
    heading_deg: float  # true; NaN if nothing tells it
    elevation_m: float  # NaN if unknown
    displaced_threshold_m: float  # NaN if unknown
    position_estimated: bool
    heading_estimated: bool = False  # from the designator: magnetic, not true


@dataclass(frozen=True)
class Runway:
    """A runway of an airport and its ends (usually two, one for a one-way strip)."""

    airport: str
    ends: tuple[RunwayEnd, ...]
    length_m: float  # NaN if unknown
    width_m: float  # NaN if unknown
    surface: str  # as OurAirports spells it: "ASP", "GRS", "Turf", ...
    closed: bool
    lighted: bool = False

    @property
    def name(self) -> str:
        """The designators joined by a slash, "05/23"."""
        return "/".join(end.designator for end in self.ends)


@dataclass(frozen=True)
class Airport:
    """An airport; ``lat``/``lon`` is its reference point (ARP)."""

    ident: str
    name: str
    type: str  # small_airport, medium_airport, large_airport, seaplane_base
    lat: float
    lon: float
    elevation_m: float  # NaN if unknown
    runways: tuple[Runway, ...]
    country: str = ""  # ISO 3166-1 alpha-2
    municipality: str = ""


class AirportDB:
    """Read-only queries over an airport database built by ``logbook.airports_build``."""

    def __init__(self, connection: sqlite3.Connection, source: str) -> None:
        self.connection = connection
        self.source = source
        self._cache: dict[str, Airport] = {}
        self._runway_index: dict[int, tuple[str, int]] = {}

    @classmethod
    def open(cls, path: str | Path | None = None) -> "AirportDB":
        """Open a database; None: $LOGBOOK_AIRPORTS, the user data dir, the shipped copy."""
        path = Path(path) if path is not None else database_path()
        if not path.is_file():
            raise LogbookError(f"{path}: no such airport database")
        try:
            connection = _connect(path)
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT 1 FROM airports LIMIT 1").fetchall()
        except (OSError, EOFError, sqlite3.DatabaseError) as e:
            raise LogbookError(f"{path}: not an airport database ({e})") from e
        if version != SCHEMA_VERSION:
            raise LogbookError(
                f"{path}: airport database format {version}, expected "
                f"{SCHEMA_VERSION}; run `logbook airports rebuild`"
            )
        return cls(connection, str(path))

    def airport(self, ident: str) -> Airport:
        """The airport with this OurAirports ident ("EGBW"), any letter case."""
        key = ident.strip().upper()
        found = self._airports([key])
        if key not in found:
            raise LogbookError(_unknown_message(ident, self.close_matches(ident)))
        return found[key]

    def near(
        self, lat: float, lon: float, *, radius_m: float = 5000.0
    ) -> list[Airport]:
        """Airports whose reference point is within radius_m, nearest first."""
        where, params = _box_clause(lat, lon, radius_m)
        rows = self.connection.execute(
            f"SELECT ident, 0, lat_udeg, lon_udeg FROM airports WHERE {where}",
            params,
        ).fetchall()
        idents = _nearest([r[0] for r in rows], rows, (lat, lon), radius_m)
        found = self._airports(idents)
        return [found[ident] for ident in idents]

    def runway_ends_near(
        self,
        lat: float,
        lon: float,
        *,
        radius_m: float = 5000.0,
        include_closed: bool = False,
    ) -> list[tuple[Airport, Runway, RunwayEnd]]:
        """Runway ends whose threshold is within radius_m, nearest first."""
        where, params = _box_clause(lat, lon, radius_m, prefix="e.")
        closed = "" if include_closed else "AND r.closed = 0"
        rows = self.connection.execute(
            "SELECT e.runway_id, e.seq, e.lat_udeg, e.lon_udeg, r.airport "
            "FROM runway_ends e "
            f"JOIN runways r ON r.id = e.runway_id WHERE {where} {closed}",
            params,
        ).fetchall()
        keys = _nearest([(r[0], r[1]) for r in rows], rows, (lat, lon), radius_m)
        airports = self._airports({r[4] for r in rows})
        result = []
        for runway_id, seq in keys:
            ident, index = self._runway_index[runway_id]
            runway = airports[ident].runways[index]
            result.append((airports[ident], runway, runway.ends[seq]))
        return result

    def close_matches(self, text: str, *, limit: int = 5) -> list[Airport]:
        """Airports whose ident looks like text, or whose name contains it."""
        key = text.strip().upper()
        if not key:
            return []
        rows = self.connection.execute(
            "SELECT ident FROM airports WHERE ident >= ? AND ident < ?",
            (key[0], chr(ord(key[0]) + 1)),
        )
        idents = _similar(key, [row[0] for row in rows], limit)
        if len(key) >= 3:
            idents += [
                row[0]
                for row in self.connection.execute(
                    "SELECT ident FROM airports WHERE name LIKE ? ORDER BY ident "
                    "LIMIT ?",
                    (f"%{key}%", limit),
                )
            ]
        idents = list(dict.fromkeys(idents))[:limit]
        found = self._airports(idents)
        return [found[ident] for ident in idents]

    def _airports(self, idents: Iterable[str]) -> dict[str, Airport]:
        """Airports by ident, from the cache or loaded in one batch; unknown: absent."""
        idents = set(idents)
        missing = [ident for ident in idents if ident not in self._cache]
        if missing:
            marks = ",".join("?" * len(missing))
            runways = self._runways(missing, marks)
            for row in self.connection.execute(
                f"SELECT {_AIRPORT_COLUMNS} FROM airports WHERE ident IN ({marks})",
                missing,
            ):
                self._cache[row[0]] = _airport_from_row(row, runways.get(row[0], []))
        return {i: self._cache[i] for i in idents if i in self._cache}

    def _runways(self, idents: Sequence[str], marks: str) -> dict[str, list[Runway]]:
        """Runways of these airports, in OurAirports id order; indexes them by id."""
        rows = self.connection.execute(
            f"SELECT {_RUNWAY_COLUMNS} FROM runways r JOIN runway_ends e "
            f"ON e.runway_id = r.id WHERE r.airport IN ({marks}) "
            "ORDER BY r.airport, r.id, e.seq",
            list(idents),
        ).fetchall()
        grouped: dict[int, list[tuple]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(row)
        by_airport: dict[str, list[Runway]] = {}
        for runway_id, runway_rows in grouped.items():
            runway = _runway_from_rows(runway_rows)
            runways = by_airport.setdefault(runway.airport, [])
            self._runway_index[runway_id] = (runway.airport, len(runways))
            runways.append(runway)
        return by_airport


def user_database_path() -> Path:
    """Where ``logbook airports rebuild`` writes: the user's data dir."""
    import platformdirs

    return Path(platformdirs.user_data_dir("logbook")) / "airports.sqlite"


def rebuild_path() -> Path:
    """Where a rebuilt database goes: $LOGBOOK_AIRPORTS, else the user's data dir."""
    if os.environ.get(ENV_VARIABLE):
        return Path(os.environ[ENV_VARIABLE])
    return user_database_path()


def database_path() -> Path:
    """The database in use: $LOGBOOK_AIRPORTS, else the user's, else the shipped one."""
    if os.environ.get(ENV_VARIABLE):
        return Path(os.environ[ENV_VARIABLE])
    user = user_database_path()
    return user if user.is_file() else SHIPPED_PATH


def default_db() -> AirportDB:
    """The database in use (see ``database_path``), opened once per process."""
    path = database_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _open_cached(path, stamp)


@functools.cache
def _open_cached(path: Path, stamp: int) -> AirportDB:
    """One open database per file version, so a rebuilt file is picked up."""
    return AirportDB.open(path)


def _connect(path: Path) -> sqlite3.Connection:
    """An in-memory copy of a gzipped database, indexed, or a read-only plain file."""
    if path.suffix == ".gz":
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.deserialize(gzip.decompress(path.read_bytes()))
        connection.executescript(INDEXES)
        return connection
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _box_clause(
    lat: float, lon: float, radius_m: float, *, prefix: str = ""
) -> tuple[str, list[int]]:
    """A WHERE clause selecting a lat/lon box that holds the circle of radius_m."""
    angle = radius_m / geo.EARTH_RADIUS_M
    dlat = math.degrees(angle)
    lat_col, lon_col = f"{prefix}lat_udeg", f"{prefix}lon_udeg"
    where = f"{lat_col} BETWEEN ? AND ?"
    params = [_udeg(lat - dlat), _udeg(lat + dlat)]
    cos_lat = math.cos(math.radians(lat))
    if lat + dlat >= 90 or lat - dlat <= -90 or math.sin(angle) >= cos_lat:
        return where, params
    dlon = math.degrees(math.asin(math.sin(angle) / cos_lat))
    low, high = lon - dlon, lon + dlon
    if low < -180 or high > 180:
        low, high = (low + 360, high) if low < -180 else (low, high - 360)
        where += f" AND ({lon_col} >= ? OR {lon_col} <= ?)"
    else:
        where += f" AND {lon_col} BETWEEN ? AND ?"
    return where, [*params, _udeg(low), _udeg(high)]


def _udeg(angle_deg: float) -> int:
    """Degrees in the stored unit (the box edges move by 0.05 m at most)."""
    return round(angle_deg * _UDEG_PER_DEG)


def _nearest(
    keys: list[Key], rows: list[tuple], origin: tuple[float, float], radius_m: float
) -> list[Key]:
    """The keys whose row, holding (lat, lon) in columns 2 and 3, lies within
    radius_m of origin, nearest first."""
    if not rows:
        return []
    points = np.array([(r[2], r[3]) for r in rows], dtype=float) / _UDEG_PER_DEG
    distance_m = geo.haversine_m(origin[0], origin[1], points[:, 0], points[:, 1])
    order = np.argsort(distance_m, kind="stable")
    return [keys[i] for i in order if distance_m[i] <= radius_m]


def _nan(value: float | None, scale: float = 1.0) -> float:
    """A stored number back in its unit; NULL is NaN."""
    return math.nan if value is None else value / scale


def _m(length_ft: float | None) -> float:
    """Stored feet in metres; NULL is NaN."""
    return math.nan if length_ft is None else units.ft_to_m(float(length_ft))


def _airport_from_row(row: tuple, runways: list[Runway]) -> Airport:
    ident, name, kind, lat, lon, elevation_ft, country, municipality = row
    return Airport(
        ident=ident, name=name, type=kind, lat=lat / _UDEG_PER_DEG,
        lon=lon / _UDEG_PER_DEG, elevation_m=_m(elevation_ft), runways=tuple(runways),
        country=country or "", municipality=municipality or "",
    )


def _runway_from_rows(rows: list[tuple]) -> Runway:
    """A runway from its joined rows, one per end, in end order."""
    first = rows[0]
    ends = tuple(
        RunwayEnd(
            designator=r[7], lat=r[8] / _UDEG_PER_DEG, lon=r[9] / _UDEG_PER_DEG,
            heading_deg=_nan(r[10], _DDEG_PER_DEG), elevation_m=_m(r[11]),
            displaced_threshold_m=_m(r[12]),
            position_estimated=bool(r[13]), heading_estimated=bool(r[14]),
        )
        for r in rows
    )
    return Runway(
        airport=first[1], ends=ends, length_m=_m(first[2]), width_m=_m(first[3]),
        surface=first[4] or "", closed=bool(first[6]), lighted=bool(first[5]),
    )


def _similar(key: str, candidates: list[str], limit: int) -> list[str]:
    """The candidates most like key: same letters (a swap) first, then the longest
    common prefix (ICAO codes go by country and region), then difflib's similarity
    ratio (at least 0.6)."""
    scored = []
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
        if ratio >= 0.6:
            swapped = sorted(key) == sorted(candidate)
            prefix = next((i for i, (a, b) in enumerate(zip(key, candidate, strict=False))
                           if a != b),
                          min(len(key), len(candidate)))
            scored.append((not swapped, -prefix, -ratio, candidate))
    return [candidate for *_, candidate in sorted(scored)[:limit]]


def _unknown_message(ident: str, matches: list[Airport]) -> str:
    message = f"unknown airport '{ident}'"
    if matches:
        names = ", ".join(f"{a.ident} ({a.name})" for a in matches)
        message += f"; did you mean {names}?"
    return message
