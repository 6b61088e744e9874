"""Small NMEA logs for the store, pipeline and CLI tests (not a test module)."""

from pathlib import Path

import numpy as np
import pandas as pd

from logbook.ingest.nmea_write import to_nmea
from logbook.track import to_points


def nmea_log(*, start: str = "2007-12-27T10:00:00Z", seconds: int = 120,
             lat0: float = 52.19, lon0: float = -1.61) -> bytes:
    """A GT-11-style log (GGA, GSA, RMC at 1 Hz, GSV every 5 s) of a slow drift."""
    t = pd.date_range(start, periods=seconds, freq="1s")
    k = np.arange(seconds, dtype=float)
    frame = pd.DataFrame({
        "time": t, "lat": lat0 + k * 1e-5, "lon": lon0 + k * 2e-5,
        "altitude_m": 50.0 + k * 0.1, "speed_mps": np.full(seconds, 1.5),
        "course_deg": np.full(seconds, 50.0),
    })
    return to_nmea(to_points(frame), gsa=True, gsv_every_s=5)


def write_log(path: Path, **kwargs: object) -> Path:
    path.write_bytes(nmea_log(**kwargs))  # type: ignore[arg-type]
    return path
