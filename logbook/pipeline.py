"""Import: read a source, analyse it and store it, as one transaction per source.

This is what `logbook import` runs; notebooks call `import_file`, `import_paths`
or, for a GPS logger on a serial port, `import_device`.
"""

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logbook.errors import IngestError, LogbookError
from logbook.ingest import ReadResult, read_bytes, read_file, sniff_format
from logbook.store import Logbook

if TYPE_CHECKING:
    from logbook.events import Flight, Landing


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
class ReadOptions:
    """How a source is read; stored with its track so that every later reading
    (export, re-analysis) gives the same points."""

    day: date | None = None                # the UTC date of a GGA-only log
    week_rollover: str = "warn"            # "auto", "warn", "off" or a period count
    reference_utc: datetime | None = None  # file mtime, download or capture time
    live: bool = False                     # a live capture: the clock was running

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat() if self.day else None,
                "week_rollover": self.week_rollover,
                "reference_utc": self.reference_utc.isoformat()
                if self.reference_utc else None,
                "live": self.live}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReadOptions":
        ref = data.get("reference_utc")
        return cls(day=date.fromisoformat(data["date"]) if data.get("date") else None,
                   week_rollover=data.get("week_rollover") or "warn",
                   reference_utc=datetime.fromisoformat(ref) if ref else None,
                   live=bool(data.get("live")))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(data: bytes, *, name: str, fmt: str | None = None,
                options: ReadOptions | None = None) -> ReadResult:
    """The track in a source, read the way an import reads it (dates corrected
    for GPS week-number rollover as `options.week_rollover` says)."""
    from logbook.device.rollover import apply_week_rollover
    from logbook.track import Track

    options = options or ReadOptions()
    result = read_bytes(data, name=name, fmt=fmt, date=options.day)
    points, notes = apply_week_rollover(
        result.track.points, mode=options.week_rollover,
        reference_utc=options.reference_utc or datetime.now(UTC), live=options.live)
    if not notes:
        return result
    return replace(result, track=Track(points, source=result.track.source),
                   warnings=(*result.warnings, *notes))


def analyse(result: ReadResult) -> list["Flight"]:
    """The flights in a track that was just read."""
    from logbook.analysis import analyse_track

    return analyse_track(result.track)


def import_bytes(book: Logbook, data: bytes, *, name: str, origin: str = "file",
                 fmt: str | None = None,
                 options: ReadOptions | None = None) -> ImportResult:
    """Read, analyse and store one source; the same bytes again change nothing."""
    options = options or ReadOptions()
    digest = sha256_hex(data)
    existing = book.find_source(digest)
    if existing is not None:
        return _already(book, name, existing)
    result = read_source(data, name=name, fmt=fmt, options=options)
    points = result.track.points
    start = points["time"].iloc[0].to_pydatetime(warn=False)
    end = points["time"].iloc[-1].to_pydatetime(warn=False)
    flights = analyse(result)
    with book.transaction():
        existing = book.find_source(digest)    # another process may have won
        if existing is not None:
            return _already(book, name, existing)
        source_id = book.add_source(sha256=digest, name=name, fmt=result.format,
                                    origin=origin, raw=data)
        track_id = book.add_track(
            source_id=source_id, fixes=len(points), records=result.records,
            start_utc=start, end_utc=end, bad_lines=result.bad_lines,
            warnings=result.warnings, options=options.as_dict())
        flight_ids = book.save_flights(track_id, flights)
    update_entries(book)
    return ImportResult(name=name, track_id=track_id, fixes=len(points),
                        start_utc=start, end_utc=end, bad_lines=result.bad_lines,
                        warnings=result.warnings, flight_ids=tuple(flight_ids))


def update_entries(book: Logbook) -> None:
    """Give every detected flight its (unconfirmed) logbook entry."""
    from logbook.pilot import entries_from_flights

    entries_from_flights(book)


def _already(book: Logbook, name: str, track_id: int) -> ImportResult:
    info = book.track(track_id)
    return ImportResult(name=name, track_id=track_id, start_utc=info.start_utc,
                        end_utc=info.end_utc, already_imported=True, fixes=info.fixes)


def import_file(book: Logbook, path: str | Path, *, day: date | None = None,
                week_rollover: str = "warn") -> ImportResult:
    """Import one file: `import_file(book, "data/2007-12-27-egbw-circuits.nmea")`."""
    path = Path(path)
    data = read_file(path)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    options = ReadOptions(day=day, week_rollover=week_rollover, reference_utc=mtime)
    return import_bytes(book, data, name=path.name, options=options)


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


def track_files(folder: Path) -> list[Path]:
    """The files below a folder that hold tracks (judged by their content)."""
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    tracks = [p for p in files if _is_track_file(p)]
    if not tracks:
        raise IngestError(f"{folder}: no tracks in this folder")
    return tracks


def _is_track_file(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    return bool(head) and sniff_format(head, path.name) is not None


def import_paths(book: Logbook, paths: list[Path], *, day: date | None = None,
                 week_rollover: str = "warn",
                 progress: Callable[[Path, int, int], None] | None = None
                 ) -> Iterator[Outcome]:
    """Import files and folders (read recursively), each file in its own
    transaction: a bad file is reported and the others still land.

    `progress(path, bytes_before, bytes_total)` is called before each file.
    """
    files: list[Path] = []
    for given in paths:
        try:
            files += track_files(given) if given.is_dir() else [given]
        except LogbookError as e:
            yield Outcome(given, error=e)
    sizes = [path.stat().st_size if path.is_file() else 0 for path in files]
    done = 0
    for path, size in zip(files, sizes, strict=True):
        if progress:
            progress(path, done, sum(sizes))
        done += size
        try:
            result = import_file(book, path, day=day, week_rollover=week_rollover)
            yield Outcome(path, result=result)
        except LogbookError as e:
            yield Outcome(path, error=e)


def import_device(book: Logbook, port: str, *, spool_dir: Path,
                  week_rollover: str = "auto", baud: int | None = None,
                  idle_s: float | None = None, erase: bool = False,
                  progress: Callable[[str], None] | None = None) -> Iterator[Outcome]:
    """Download a GPS logger's track (NaviLink) or record its live NMEA, and import
    it. Captures left by an interrupted run are imported first."""
    from logbook import device

    for spool in device.pending_spools(spool_dir):
        if progress:
            progress(f"importing {spool.name}, left by an interrupted capture")
        yield _import_spool(book, spool, week_rollover)
    cap = device.capture(port, baud=baud, idle_s=idle_s, spool_dir=spool_dir,
                         progress=progress)
    options = ReadOptions(week_rollover=week_rollover, reference_utc=cap.received_utc,
                          live=cap.live)
    try:
        # the source is named by the device path, as `logbook tracks` shows it
        result = import_bytes(book, cap.data, name=port, origin="device",
                              fmt=cap.fmt, options=options)
    except LogbookError as e:
        yield Outcome(Path(port), error=e)
        return
    if cap.spool_path is not None:
        cap.spool_path.unlink(missing_ok=True)
    if erase and cap.fmt == "navilink":
        if book.source_bytes(result.track_id) != cap.data:
            raise IngestError(f"{port}: the stored download does not match; "
                              "the logger was not erased")
        device.erase_track(port)
        result = replace(result, warnings=(*result.warnings,
                                           "the logger's track memory was erased"))
    yield Outcome(Path(port), result=result)


def _import_spool(book: Logbook, spool: Path, week_rollover: str) -> Outcome:
    reference = datetime.fromtimestamp(spool.stat().st_mtime, UTC)
    options = ReadOptions(week_rollover=week_rollover, reference_utc=reference,
                          live=True)
    try:
        result = import_bytes(book, spool.read_bytes(), name=spool.stem,
                              origin="device", fmt="nmea", options=options)
    except LogbookError as e:
        return Outcome(spool, error=e)
    spool.unlink()
    note = "a capture left by an interrupted run, imported now"
    return Outcome(spool, result=replace(result, warnings=(*result.warnings, note)))


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
    update_entries(book)


def read_stored(book: Logbook, track_id: int) -> ReadResult:
    """A stored track read again from its original bytes."""
    info = book.track(track_id)
    return read_source(book.source_bytes(track_id), name=info.source,
                       fmt=info.format, options=ReadOptions.from_dict(info.options))


def export_stored(book: Logbook, track_id: int, fmt: str) -> bytes:
    """A stored track as `fmt` ("gpx", "kml", "csv", "nmea") or its original bytes
    ("raw"); KML marks the landings of the track's flights."""
    if fmt == "raw":
        return book.source_bytes(track_id)
    track = read_stored(book, track_id).track
    if fmt == "kml":
        from logbook.export_kml import export_kml

        return export_kml(track, landings=stored_landings(book, track_id))
    from logbook.export import export_track

    return export_track(track, fmt)


def stored_landings(book: Logbook, track_id: int) -> list["Landing"]:
    """The landings of the flights found in a stored track, as corrected."""
    import pandas as pd

    from logbook.events import Landing

    return [Landing(time=pd.Timestamp(x["time_utc"]), airport=x["airport"],
                    runway=x["runway"], kind=x["kind"])
            for record in book.flights()
            if record.track == track_id or track_id in record.sources
            for x in record.landings]
