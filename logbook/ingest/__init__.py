"""Reading tracks: each format is a reader from raw bytes to a `ReadResult`.

`READERS` maps a format name to its reader; `sniff_format` picks the format from
the bytes themselves (the file name only breaks ties), so a misnamed file is still
read right and a binary file named `.gpx` is refused clearly.
"""

import importlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from logbook.errors import IngestError
from logbook.track import Track


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of one source."""

    track: Track
    format: str                                   # "nmea", "gpx", "navilink", ...
    records: int = 0                              # sentences / points / records read
    bad_lines: dict[str, int] = field(default_factory=dict)  # reason -> count
    warnings: tuple[str, ...] = ()


class Reader(Protocol):
    def __call__(self, data: bytes, *, name: str,
                 date: date | None = None) -> ReadResult: ...


# format -> "module:function"; imported on first use so start-up stays fast
READERS: dict[str, str] = {
    "nmea": "logbook.ingest.nmea:read_nmea",
    "gpx": "logbook.ingest.gpx:read_gpx",
    "navilink": "logbook.device.navilink:read_navilink",
    "kml": "logbook.ingest.kml:read_kml",
    "igc": "logbook.ingest.igc:read_igc",
    "garmin_csv": "logbook.ingest.garmin_csv:read_garmin_csv",
    "csv": "logbook.ingest.csv_track:read_csv_track",
}


def get_reader(fmt: str) -> Reader:
    """The reader function for a format name."""
    try:
        module, func = READERS[fmt].split(":")
    except KeyError:
        raise IngestError(f"unknown format {fmt!r}") from None
    reader: Reader = getattr(importlib.import_module(module), func)
    return reader


def sniff_format(data: bytes, name: str = "") -> str | None:
    """The format of `data` judged by its content, or None if it is no track."""
    from logbook.ingest.sniff import sniff_format as sniff  # it imports the readers

    return sniff(data, name)


def read_bytes(data: bytes, *, name: str, fmt: str | None = None,
               date: date | None = None) -> ReadResult:
    """Read a track from raw bytes; `fmt` overrides the sniffed format."""
    if not data:
        raise IngestError(f"{name}: empty file")
    fmt = fmt or sniff_format(data, name)
    if fmt is None:
        raise IngestError(f"{name}: not a track (not NMEA, GPX, KML, IGC, a Garmin "
                          "log or a CSV with time, latitude and longitude columns)")
    return get_reader(fmt)(data, name=name, date=date)


def read_file(path: Path) -> bytes:
    """A file's bytes, or an IngestError that says why they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder, not a file") from None
    except OSError as e:
        raise IngestError(f"{path}: cannot read ({e.strerror})") from e


def read_track(path: str | Path, *, fmt: str | None = None,
               date: date | None = None) -> Track:
    """The track in a file: `read_track("data/2007-12-27-egbw-circuits.nmea")`."""
    path = Path(path)
    return read_bytes(read_file(path), name=path.name, fmt=fmt, date=date).track
