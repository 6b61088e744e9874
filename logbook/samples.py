"""The sample tracks that ship with the package (the same files as `data/`)."""

from importlib.resources import files
from pathlib import Path

SAMPLE_SUFFIXES = (".nmea", ".gpx", ".log", ".trk")


def sample_paths() -> list[Path]:
    """The bundled sample tracks, sorted by name."""
    folder = Path(str(files("logbook") / "sample_data"))
    return sorted(p for p in folder.iterdir() if p.suffix in SAMPLE_SUFFIXES)
