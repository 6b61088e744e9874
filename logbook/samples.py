"""The sample tracks that ship with the package (the same files as `data/`)."""

from pathlib import Path

SAMPLE_FOLDER = Path(__file__).parent / "sample_data"
SAMPLE_SUFFIXES = (".nmea", ".gpx", ".log", ".trk")


def sample_paths() -> list[Path]:
    """The bundled sample tracks, sorted by name."""
    return sorted(p for p in SAMPLE_FOLDER.iterdir() if p.suffix in SAMPLE_SUFFIXES)
