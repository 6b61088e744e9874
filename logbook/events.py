"""What the flight analysis finds in a track: flights and the events inside them.

All times are tz-aware UTC ``pandas.Timestamp``s; heights and distances are metres
unless the name says otherwise; NaN means unknown.
"""

import math
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

LandingKind = Literal["full_stop", "touch_and_go", "stop_and_go"]
LegName = Literal["upwind", "crosswind", "downwind", "base", "final"]
Direction = Literal["left", "right"]


@dataclass(frozen=True)
class Takeoff:
    """A lift-off; `uncertain` when a gap in the track hides it, `runway_estimated`
    when the runway's position is only estimated in the airport database."""

    time: pd.Timestamp
    airport: str | None
    runway: str | None
    uncertain: bool = False
    runway_estimated: bool = False


@dataclass(frozen=True)
class Landing:
    """A touchdown and what followed it on the ground.

    `touchdown_speed_mps` is the ground speed at touchdown and
    `touchdown_distance_m` the distance past the landing threshold;
    `runway_estimated` when the runway's position is only estimated in the airport
    database (then `runway` is the best fit of heading and lateral offset, and the
    distance is approximate).
    """

    time: pd.Timestamp
    airport: str | None
    runway: str | None
    kind: LandingKind
    uncertain: bool = False
    touchdown_speed_mps: float = math.nan
    touchdown_distance_m: float = math.nan
    runway_estimated: bool = False


@dataclass(frozen=True)
class GoAround:
    """An approach abandoned without touching down; `time` is its lowest point."""

    time: pd.Timestamp
    airport: str | None
    runway: str | None
    lowest_ft_agl: float


@dataclass(frozen=True)
class Leg:
    """One leg of a circuit."""

    name: LegName
    start: pd.Timestamp
    end: pd.Timestamp


@dataclass(frozen=True)
class Circuit:
    """One circuit from lift-off (or go-around) to the next touchdown (or go-around).

    `height_m` is the downwind height above the runway, `downwind_distance_m` the
    downwind leg's spacing from the extended runway centreline.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    airport: str | None
    runway: str | None
    direction: Direction
    legs: tuple[Leg, ...]
    height_m: float
    downwind_distance_m: float


@dataclass(frozen=True)
class Flight:
    """One flight from first movement (off block) to coming to rest (on block).

    `takeoff` is the first lift-off (None when the track begins in the air) and
    `landing` the last touchdown (None when it ends in the air); `partial` says the
    track does not cover the whole flight. When the track begins after the
    aircraft started moving (in the air, or already rolling) `off_block` is only
    the track's first fix and `off_block_unknown` says so; when it ends in the air,
    `on_block` is its last fix and `on_block_unknown` says so.
    """

    off_block: pd.Timestamp
    on_block: pd.Timestamp
    takeoff: pd.Timestamp | None
    landing: pd.Timestamp | None
    departure: str | None
    arrival: str | None
    partial: bool
    takeoffs: tuple[Takeoff, ...] = field(default=())
    landings: tuple[Landing, ...] = field(default=())
    go_arounds: tuple[GoAround, ...] = field(default=())
    circuits: tuple[Circuit, ...] = field(default=())
    off_block_unknown: bool = False
    on_block_unknown: bool = False

    @property
    def airborne_s(self) -> float:
        """Seconds from first lift-off to last touchdown (NaN if either is unknown)."""
        if self.takeoff is None or self.landing is None:
            return math.nan
        return (self.landing - self.takeoff).total_seconds()

    @property
    def block_s(self) -> float:
        """Seconds from off block to on block."""
        return (self.on_block - self.off_block).total_seconds()
