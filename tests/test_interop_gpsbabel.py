"""The sample GT-11 log read by this tool and by gpsbabel, a peer NMEA reader."""

import os
import subprocess

import pandas as pd

from logbook.ingest import read_bytes
from logbook.samples import sample_paths


def _gpsbabel_fixes(path, tmp_path):
    out = tmp_path / "gpsbabel.csv"
    subprocess.run(["gpsbabel", "-t", "-i", "nmea", "-f", str(path), "-o", "unicsv",
                    "-F", str(out)], check=True, capture_output=True,
                   env={**os.environ, "TZ": "UTC"})
    frame = pd.read_csv(out)
    frame["time"] = pd.to_datetime(frame["Date"] + " " + frame["Time"], utc=True)
    return frame.set_index("time")


def test_sample_log_reads_as_gpsbabel_reads_it(tmp_path):
    path = next(p for p in sample_paths() if p.suffix == ".nmea")
    result = read_bytes(path.read_bytes(), name=path.name)
    ours = result.track.points.set_index("time")
    theirs = _gpsbabel_fixes(path, tmp_path)
    common = ours.index.intersection(theirs.index)
    damaged = sum(result.bad_lines.values())
    # a damaged GGA or RMC can cost either reader a fix, nothing else may differ
    assert len(common) >= max(len(ours), len(theirs)) - damaged
    assert len(common) > 3000
    # where a damaged GGA leaves only the RMC, gpsbabel pairs that RMC with the
    # previous second's GGA position; this tool keeps the RMC's own position
    whole = common[ours.loc[common, "fix_quality"].notna().to_numpy()]
    assert len(whole) >= len(common) - damaged
    lat_error = (ours.loc[whole, "lat"] - theirs.loc[whole, "Latitude"]).abs()
    lon_error = (ours.loc[whole, "lon"] - theirs.loc[whole, "Longitude"]).abs()
    assert lat_error.max() < 1e-6 and lon_error.max() < 1e-6
    altitude = theirs.loc[whole, "Altitude"].dropna()
    assert (ours.loc[altitude.index, "altitude_m"] - altitude).abs().max() < 0.051
