"""Build the airport database from the OurAirports CSV dumps (airports.csv,
runways.csv from https://ourairports.com/data/, public domain).

What is kept and how missing thresholds are estimated is described in
``logbook.airports``; this module only writes the tables that module reads:

- ``airports(ident, name, type, lat_udeg, lon_udeg, elevation_ft, country,
  municipality)``
- ``runways(id, airport, length_ft, width_ft, surface, lighted, closed)``
- ``runway_ends(runway_id, seq, designator, lat_udeg, lon_udeg, heading_ddeg,
  elevation_ft, displaced_threshold_ft, position_estimated, heading_estimated)``
- ``sources(file, sha256, rows)``: what the database was built from.

Numbers are stored as integers, which SQLite packs into 1-4 bytes and gzip
compresses far better than 8-byte floats: positions in microdegrees (0.11 m),
headings in tenths of a degree, lengths and elevations in whole feet as
OurAirports gives them. ``logbook.airports`` converts them back to degrees and
metres. ``id`` is the OurAirports runway id.
"""

import csv
import gzip
import hashlib
import io
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from logbook import geo, units
from logbook.airports import INDEXES, SCHEMA_VERSION
from logbook.errors import LogbookError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

KEPT_TYPES = frozenset({"small_airport", "medium_airport", "large_airport",
                        "seaplane_base"})
AIRPORT_COLUMNS = ("id", "ident", "type", "name", "latitude_deg", "longitude_deg",
                   "elevation_ft", "iso_country", "municipality")
_END_NUMBERS = ("latitude_deg", "longitude_deg", "elevation_ft", "heading_degT",
                "displaced_threshold_ft")
RUNWAY_NUMBERS = ("length_ft", "width_ft",
                  *(f"{end}_{n}" for end in ("le", "he") for n in _END_NUMBERS))
RUNWAY_COLUMNS = ("id", "airport_ref", "surface", "lighted", "closed", "le_ident",
                  "he_ident", *RUNWAY_NUMBERS)
# heading of a compass-point designator ("N", "SW"), used at some strips
_COMPASS_DEG = {"N": 0.0, "NE": 45.0, "E": 90.0, "SE": 135.0, "S": 180.0,
                "SW": 225.0, "W": 270.0, "NW": 315.0}
_HELIPAD = re.compile(r"H\d*")

SCHEMA = """
CREATE TABLE airports (ident TEXT PRIMARY KEY, name TEXT, type TEXT,
    lat_udeg INTEGER, lon_udeg INTEGER, elevation_ft INTEGER, country TEXT,
    municipality TEXT) WITHOUT ROWID;
CREATE TABLE runways (id INTEGER PRIMARY KEY, airport TEXT, length_ft INTEGER,
    width_ft INTEGER, surface TEXT, lighted INTEGER, closed INTEGER);
CREATE TABLE runway_ends (runway_id INTEGER, seq INTEGER, designator TEXT,
    lat_udeg INTEGER, lon_udeg INTEGER, heading_ddeg INTEGER, elevation_ft INTEGER,
    displaced_threshold_ft INTEGER, position_estimated INTEGER,
    heading_estimated INTEGER, PRIMARY KEY (runway_id, seq)) WITHOUT ROWID;
CREATE TABLE sources (file TEXT, sha256 TEXT, rows INTEGER);
"""


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote, and what it left out."""

    path: Path
    airports: int
    runways: int
    dropped_airports: int  # heliports, balloonports, closed, no position
    dropped_runways: int  # of dropped or unknown airports, helipads, no ends


@dataclass(frozen=True)
class CsvTable:
    """The rows of one CSV file, with the line each row ends on."""

    path: Path
    rows: list[dict[str, str]]
    lines: list[int]
    sha256: str

    def numbers(self, column: str) -> FloatArray:
        """A numeric column; empty cells are NaN, anything else unparseable raises."""
        values = np.full(len(self.rows), np.nan)
        for i, row in enumerate(self.rows):
            text = row[column].strip()
            if text:
                try:
                    values[i] = float(text)
                except ValueError:
                    raise LogbookError(
                        f"{self.path}:{self.lines[i]}: {column} {text!r} is not a "
                        "number"
                    ) from None
        return values


def read_csv(path: Path, required: tuple[str, ...]) -> CsvTable:
    """A CSV file that must have the required columns."""
    try:
        data = path.read_bytes()
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = reader.fieldnames or []
        missing = [column for column in required if column not in header]
        if not header:
            raise LogbookError(f"{path}: empty file, expected an OurAirports CSV")
        if missing:
            raise LogbookError(
                f"{path}: not an OurAirports {_kind(required)} CSV: missing columns "
                f"{', '.join(missing)}"
            )
        rows, lines = [], []
        for row in reader:
            if None in row.values():
                raise LogbookError(f"{path}:{reader.line_num}: too few fields")
            rows.append(row)
            lines.append(reader.line_num)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise LogbookError(f"{path}: cannot read as CSV ({e})") from e
    return CsvTable(path, rows, lines, hashlib.sha256(data).hexdigest())


def build_database(
    runways_csv: str | Path, airports_csv: str | Path, output: str | Path
) -> BuildSummary:
    """Build the database at output (gzipped when it ends in .gz), replacing it
    only once the build has succeeded."""
    runways = read_csv(Path(runways_csv), RUNWAY_COLUMNS)
    airports = read_csv(Path(airports_csv), AIRPORT_COLUMNS)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        work = Path(tmp) / "airports.sqlite"
        connection = sqlite3.connect(work)
        try:
            summary = _write_tables(connection, airports, runways, output)
            if output.suffix != ".gz":  # the gzipped copy is indexed once loaded
                connection.executescript(INDEXES)
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        if output.suffix == ".gz":
            # mtime=0: the same CSV files give the same bytes
            packed = gzip.compress(work.read_bytes(), compresslevel=9, mtime=0)
            work = work.with_suffix(".gz")
            work.write_bytes(packed)
        os.replace(work, output)
    return summary


def designator_heading_deg(designator: str) -> float:
    """The heading a runway designator stands for (magnetic), NaN if none.

    >>> designator_heading_deg("23"), designator_heading_deg("18L")
    (230.0, 180.0)
    >>> designator_heading_deg("09/27 grass"), designator_heading_deg("SW")
    (90.0, 225.0)
    >>> designator_heading_deg("071"), designator_heading_deg("H1")
    (71.0, nan)
    """
    text = designator.strip().upper()
    digits = re.match(r"\d+", text)
    if digits is None:
        word = re.match(r"[NSEW]+", text)
        return _COMPASS_DEG.get(word.group() if word else "", np.nan)
    value = int(digits.group())
    if len(digits.group()) == 3:
        return float(value) if value <= 360 else np.nan  # a heading, not a designator
    return value * 10.0 if 1 <= value <= 36 and len(digits.group()) <= 2 else np.nan


def _kind(required: tuple[str, ...]) -> str:
    return "runways" if required == RUNWAY_COLUMNS else "airports"


def _write_tables(
    connection: sqlite3.Connection, airports: CsvTable, runways: CsvTable, out: Path
) -> BuildSummary:
    """Create the schema and fill it; the counts for the summary."""
    connection.executescript(SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    kept = _airport_rows(airports)
    connection.executemany(
        "INSERT OR IGNORE INTO airports VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kept.values()
    )
    runway_rows, end_rows = _runway_rows(runways, kept)
    connection.executemany(
        "INSERT INTO runways VALUES (?, ?, ?, ?, ?, ?, ?)", runway_rows
    )
    connection.executemany(
        "INSERT INTO runway_ends VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", end_rows
    )
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?, ?)",
        [(t.path.name, t.sha256, len(t.rows)) for t in (airports, runways)],
    )
    return BuildSummary(
        path=out, airports=len(kept), runways=len(runway_rows),
        dropped_airports=len(airports.rows) - len(kept),
        dropped_runways=len(runways.rows) - len(runway_rows),
    )


def _airport_rows(table: CsvTable) -> dict[str, tuple]:
    """The kept airports' rows keyed by OurAirports id."""
    lat, lon = table.numbers("latitude_deg"), table.numbers("longitude_deg")
    elevation_ft = _scaled(table.numbers("elevation_ft"), 1)
    kept = {}
    for i, row in enumerate(table.rows):
        if row["type"] not in KEPT_TYPES or not np.isfinite(lat[i] + lon[i]):
            continue
        kept[row["id"]] = (
            row["ident"].strip().upper(), row["name"].strip(), row["type"],
            round(lat[i] * 1e6), round(lon[i] * 1e6), elevation_ft[i],
            row["iso_country"], row["municipality"].strip(),
        )
    return kept


def _runway_rows(
    table: CsvTable, airports: dict[str, tuple]
) -> tuple[list[tuple], list[tuple]]:
    """Rows for the runways and runway_ends tables, for runways of kept airports."""
    n = {column: table.numbers(column) for column in RUNWAY_NUMBERS}
    arp = [airports.get(row["airport_ref"], (None, None, None, np.nan, np.nan))
           for row in table.rows]
    n["arp_lat"] = np.array([a[3] for a in arp], dtype=float) / 1e6
    n["arp_lon"] = np.array([a[4] for a in arp], dtype=float) / 1e6
    for side in ("le", "he"):
        n[f"{side}_designator_deg"] = np.array(
            [designator_heading_deg(r[f"{side}_ident"]) for r in table.rows]
        )
    ends = {side: _ends(n, side, "he" if side == "le" else "le")
            for side in ("le", "he")}
    length_ft, width_ft = _scaled(n["length_ft"], 1), _scaled(n["width_ft"], 1)
    runway_rows, end_rows = [], []
    for i, row in enumerate(table.rows):
        present = [side for side in ("le", "he") if _has_end(row, n, side, i)]
        if arp[i][0] is None or not present or _is_helipad(row):
            continue
        runway_id = int(row["id"])
        runway_rows.append((
            runway_id, arp[i][0], length_ft[i], width_ft[i], row["surface"].strip(),
            int(row["lighted"] == "1"), int(row["closed"] == "1"),
        ))
        for seq, side in enumerate(present):
            end_rows.append(
                (runway_id, seq, row[f"{side}_ident"].strip(),
                 *(v[i] for v in ends[side]))
            )
    return runway_rows, end_rows


def _has_end(row: dict[str, str], n: dict[str, FloatArray], side: str, i: int) -> bool:
    return bool(row[f"{side}_ident"].strip()) or bool(
        np.isfinite(n[f"{side}_latitude_deg"][i] + n[f"{side}_longitude_deg"][i])
    )


def _is_helipad(row: dict[str, str]) -> bool:
    idents = [row["le_ident"].strip().upper(), row["he_ident"].strip().upper()]
    return any(_HELIPAD.fullmatch(i) for i in idents) and all(
        not i or _HELIPAD.fullmatch(i) for i in idents
    )


def _ends(
    n: dict[str, FloatArray], side: str, other: str
) -> tuple[list[int | None], ...]:
    """Columns lat_udeg, lon_udeg, heading_ddeg, elevation_ft, displaced_threshold_ft,
    position_estimated, heading_estimated of one end of every runway."""
    heading_deg, heading_estimated = _headings(n, side, other)
    lat, lon, position_estimated = _thresholds(n, side, other, heading_deg)
    return (
        _scaled(lat, 1e6), _scaled(lon, 1e6), _scaled(heading_deg, 10),
        _scaled(n[f"{side}_elevation_ft"], 1),
        _scaled(n[f"{side}_displaced_threshold_ft"], 1),
        position_estimated.astype(int).tolist(),
        heading_estimated.astype(int).tolist(),
    )


def _headings(
    n: dict[str, FloatArray], side: str, other: str
) -> tuple[FloatArray, BoolArray]:
    """True heading of one end, and whether it comes from a designator (magnetic)."""
    from_thresholds = geo.bearing_deg(
        n[f"{side}_latitude_deg"], n[f"{side}_longitude_deg"],
        n[f"{other}_latitude_deg"], n[f"{other}_longitude_deg"],
    )
    known = _first_finite(
        n[f"{side}_heading_degT"], from_thresholds, n[f"{other}_heading_degT"] + 180
    )
    from_designator = _first_finite(
        n[f"{side}_designator_deg"], n[f"{other}_designator_deg"] + 180
    )
    heading_deg = np.where(np.isfinite(known), known, from_designator) % 360.0
    return heading_deg, ~np.isfinite(known) & np.isfinite(from_designator)


def _thresholds(
    n: dict[str, FloatArray], side: str, other: str, heading_deg: FloatArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Threshold of one end: given, else the other end's threshold moved back by
    the length, else the ARP moved back by half the length, else the ARP."""
    lat, lon = n[f"{side}_latitude_deg"], n[f"{side}_longitude_deg"]
    back_deg = heading_deg + 180.0
    length_m = units.ft_to_m(n["length_ft"])
    other_lat, other_lon = geo.destination(
        n[f"{other}_latitude_deg"], n[f"{other}_longitude_deg"], back_deg, length_m
    )
    arp_lat, arp_lon = geo.destination(
        n["arp_lat"], n["arp_lon"], back_deg, length_m / 2
    )
    given = np.isfinite(lat) & np.isfinite(lon)
    lat = _first_finite(np.where(given, lat, np.nan), other_lat, arp_lat, n["arp_lat"])
    lon = _first_finite(np.where(given, lon, np.nan), other_lon, arp_lon, n["arp_lon"])
    return lat, lon, ~given


def _first_finite(*columns: FloatArray) -> FloatArray:
    """Element-wise the first finite value among the columns, else NaN."""
    out = np.full(np.shape(columns[0]), np.nan)
    for column in reversed(columns):
        out = np.where(np.isfinite(column), column, out)
    return out


def _scaled(values: FloatArray, scale: float) -> list[int | None]:
    """values * scale as integers for SQLite, None for NaN."""
    return [round(float(v) * scale) if np.isfinite(v) else None for v in values]
