"""Import: read a source, analyse it and store it, as one transaction per source.

This is what `logbook import` runs; notebooks call `import_file` or `import_paths`.
"""

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from logbook.errors import IngestError, LogbookError
from logbook.ingest import ReadResult, read_bytes, sniff_format
from logbook.store import Logbook

if TYPE_CHECKING:
    from logbook.events import Flight


@dataclass(frozen=True)
class ImportResult:
    """What one source brought into the logbook."""

    name: str
    track_id: int
    start_utc: datetime
    end_utc: datetime
    already_imported: bool = False
    fixes: int = 0
    bad_lines: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    flight_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ImportOptions:
    """How sources are read; stored with each track so a re-analysis reads alike."""

    day: date | None = None            # the UTC date of a GGA-only log
    week_rollover: str = "warn"        # see logbook.device.rollover

    def as_dict(self) -> dict[str, str | None]:
        return {"date": self.day.isoformat() if self.day else None,
                "week_rollover": self.week_rollover}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_bytes(book: Logbook, data: bytes, *, name: str, origin: str = "file",
                 fmt: str | None = None, options: ImportOptions | None = None,
                 reference_utc: datetime | None = None) -> ImportResult:
    """Read, analyse and store one source; the same bytes again change nothing."""
    options = options or ImportOptions()
    digest = sha256_hex(data)
    existing = book.find_source(digest)
    if existing is not None:
        return _already(book, name, existing)
    result = read_source(data, name=name, fmt=fmt, options=options,
                         reference_utc=reference_utc)
    points = result.track.points
    start, end = points["time"].iloc[0], points["time"].iloc[-1]
    flights = analyse(result)
    with book.transaction():
        existing = book.find_source(digest)    # another process may have won
        if existing is not None:
            return _already(book, name, existing)
        source_id = book.add_source(sha256=digest, name=name, fmt=result.format,
                                    origin=origin, raw=data)
        track_id = book.add_track(
            source_id=source_id, fixes=len(points), records=result.records,
            start_utc=start.to_pydatetime(), end_utc=end.to_pydatetime(),
            bad_lines=result.bad_lines, warnings=result.warnings,
            options=options.as_dict())
        flight_ids = book.save_flights(track_id, flights)
    return ImportResult(name=name, track_id=track_id, fixes=len(points),
                        start_utc=start.to_pydatetime(), end_utc=end.to_pydatetime(),
                        bad_lines=result.bad_lines, warnings=result.warnings,
                        flight_ids=tuple(flight_ids))


def analyse(result: ReadResult) -> list["Flight"]:
    """The flights in a track that was just read."""
    from logbook.analysis import analyse_track

    return analyse_track(result.track)


def _already(book: Logbook, name: str, track_id: int) -> ImportResult:
    info = book.track(track_id)
    return ImportResult(name=name, track_id=track_id, start_utc=info.start_utc,
                        end_utc=info.end_utc, already_imported=True,
                        fixes=info.fixes)


def reanalyse(book: Logbook) -> Iterator[tuple[int, list[int]]]:
    """Analyse every stored track again from its raw bytes, oldest import first.

    Flights found again keep their ids; the pilot's corrections stay applied.
    Yields each track's id with its flights' ids.
    """
    for info in sorted(book.tracks(), key=lambda i: i.id):
        flights = analyse(read_stored(book, info.id))
        with book.transaction():
            ids = book.save_flights(info.id, flights)
        yield info.id, ids


def read_source(data: bytes, *, name: str, fmt: str | None = None,
                options: ImportOptions | None = None,
                reference_utc: datetime | None = None) -> ReadResult:
    """The track in a stored or new source, read the way an import reads it."""
    options = options or ImportOptions()
    return read_bytes(data, name=name, fmt=fmt, date=options.day)


def import_file(book: Logbook, path: str | Path, *,
                options: ImportOptions | None = None) -> ImportResult:
    """Import one file: `import_file(book, "data/2007-12-27-egbw-circuits.nmea")`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder") from None
    except OSError as e:
        raise IngestError(f"{path}: cannot read ({e.strerror})") from e
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return import_bytes(book, data, name=path.name, options=options,
                        reference_utc=mtime)


@dataclass(frozen=True)
class Outcome:
    """One path's result: an import, or the error that stopped it."""

    path: Path
    result: ImportResult | None = None
    error: LogbookError | None = None


def is_device(path: Path) -> bool:
    """A character device, or a link to one, such as /dev/ttyUSB0."""
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


def expand_paths(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """Each file to read, with whether it came from a folder walk."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and not p.name.startswith("."))
            tracks = [p for p in files if _is_track_file(p)]
            if not tracks:
                raise IngestError(f"{path}: no tracks in this folder")
            for p in tracks:
                yield p, True
        else:
            yield path, False


def _is_track_file(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    return bool(head) and sniff_format(head, path.name) is not None


def import_paths(book: Logbook, paths: list[Path], *,
                 options: ImportOptions | None = None) -> Iterator[Outcome]:
    """Import files and folders (read recursively), each file in its own
    transaction: a bad file is reported and the others still land."""
    for given in paths:
        try:
            expanded = list(expand_paths([given]))
        except LogbookError as e:
            yield Outcome(given, error=e)
            continue
        for path, _ in expanded:
            try:
                yield Outcome(path, result=import_file(book, path, options=options))
            except LogbookError as e:
                yield Outcome(path, error=e)


def read_stored(book: Logbook, track_id: int) -> ReadResult:
    """A stored track read again from its original bytes."""
    info = book.track(track_id)
    opts = info.options
    options = ImportOptions(
        day=date.fromisoformat(opts["date"]) if opts.get("date") else None,
        week_rollover=opts.get("week_rollover", "warn"))
    return read_source(book.source_bytes(track_id), name=info.source,
                       fmt=info.format, options=options,
                       reference_utc=info.imported_utc)


def export_stored(book: Logbook, track_id: int, fmt: str) -> bytes:
    """A stored track as `fmt` ("gpx", "csv", "nmea") or its original bytes ("raw")."""
    if fmt == "raw":
        return book.source_bytes(track_id)
    from logbook.export import export_track

    return export_track(read_stored(book, track_id).track, fmt)
