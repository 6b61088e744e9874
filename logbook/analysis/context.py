"""What every detector reads: the track's arrays, heights, state and runways."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from logbook.analysis.calibrate import Sites
from logbook.analysis.phases import BoolArray, FloatArray, Samples
from logbook.analysis.runways import RunwayMatch, RunwayTable, match_runway

# an event's aerodrome is the nearest one within this distance when no runway fits
EVENT_AIRPORT_RADIUS_M = 3000.0
# roll and approach fixes faster than this show a runway's direction (about 16 kt)
ROLL_SPEED_MPS = 8.0
# how long a roll, approach or climb-out is looked at to find its runway
RUNWAY_WINDOW_S = 30.0


@dataclass(frozen=True)
class Context:
    """The analysed track."""

    samples: Samples
    height_m: FloatArray
    air: BoolArray
    sites: Sites
    runways: RunwayTable

    def time(self, t_s: float) -> pd.Timestamp:
        """The UTC time t_s seconds after the first fix."""
        return pd.Timestamp(self.samples.time[0] + pd.Timedelta(seconds=float(t_s)))

    def airport_at(self, index: int) -> str | None:
        """The aerodrome nearest a fix, if close enough."""
        return self.sites.ident_near(float(self.samples.lat[index]),
                                     float(self.samples.lon[index]),
                                     EVENT_AIRPORT_RADIUS_M)

    def window(self, index: int, seconds: float) -> np.ndarray:
        """Fixes from index to seconds later (or earlier when seconds < 0)."""
        t = self.samples.t_s
        if seconds >= 0:
            stop = np.searchsorted(t, t[index] + seconds, side="right")
            return np.arange(index, stop)
        start = np.searchsorted(t, t[index] + seconds, side="left")
        return np.arange(start, index + 1)

    def runway_along(self, fixes: np.ndarray, *, on_ground: bool) -> RunwayMatch | None:
        """The runway end some fixes roll (or fly) along, if any fits."""
        s = self.samples
        fixes = fixes[s.speed_mps[fixes] > ROLL_SPEED_MPS]
        if len(fixes) < 2 or not len(self.runways):
            return None
        dx, dy = s.x_m[fixes[-1]] - s.x_m[fixes[0]], s.y_m[fixes[-1]] - s.y_m[fixes[0]]
        if np.hypot(dx, dy) < 30.0:
            return None
        course = float(np.degrees(np.arctan2(dx, dy)) % 360.0)
        return match_runway(self.runways, s.lat[fixes], s.lon[fixes], course,
                            on_ground=on_ground)

    def lowest_fixes(self, max_height_m: float, window: str) -> np.ndarray:
        """Airborne fixes below max_height_m that are the lowest within `window`."""
        s, h = self.samples, self.height_m
        lowest = pd.Series(h, index=s.time).rolling(
            window, center=True, min_periods=1).min().to_numpy()
        index = np.flatnonzero(self.air & (h <= lowest) & (h < max_height_m))
        # of equal neighbours keep the first
        return index[np.diff(index, prepend=-10) > 1]
