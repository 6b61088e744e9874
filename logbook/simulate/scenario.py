"""What to simulate (`Scenario`) and what came out of it (`Simulation`, `TruthEvent`)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

PATTERNS = ("touch_and_go", "stop_and_go", "full_stop", "go_around", "low_pass")
EVENT_KINDS = ("off_block", "takeoff", "touchdown", "go_around", "low_pass", "on_block")
LEGS = ("upwind", "crosswind", "downwind", "base", "final")


@dataclass(frozen=True)
class RunwaySpec:
    """One runway end to take off from or land on."""

    airport: str                 # OurAirports ident, "EGBW"
    designator: str              # "23"
    threshold_lat: float         # this end's threshold
    threshold_lon: float
    heading_deg: float           # true heading of this end
    length_m: float
    elevation_m: float           # at this end's threshold
    far_end_elevation_m: float | None = None  # the other end's, for a sloping runway

    def elevation_at_m(self, fraction: float) -> float:
        """Ground elevation a fraction of the way along (clipped to the runway)."""
        far = self.elevation_m if self.far_end_elevation_m is None \
            else self.far_end_elevation_m
        return self.elevation_m + (far - self.elevation_m) * min(max(fraction, 0.0), 1.0)


@dataclass(frozen=True)
class Aircraft:
    """Speeds (indicated = true here: no density correction) and rates of one type."""

    name: str
    rotate_kt: float             # lift-off airspeed
    climb_kt: float
    cruise_kt: float             # downwind and en-route
    approach_kt: float           # base and final
    touchdown_kt: float
    taxi_kt: float
    climb_fpm: float
    descent_fpm: float           # the steepest descent the pilot flies
    bank_deg: float              # bank angle in turns
    takeoff_accel_mps2: float = 1.8
    brake_decel_mps2: float = 2.0


# the default aircraft: a Cessna 152 flown by the book (POH speeds, rounded)
TRAINER = Aircraft(
    name="C152", rotate_kt=55.0, climb_kt=70.0, cruise_kt=88.0, approach_kt=65.0,
    touchdown_kt=50.0, taxi_kt=10.0, climb_fpm=700.0, descent_fpm=700.0,
    bank_deg=25.0,
)


@dataclass(frozen=True)
class Scenario:
    """One recorded session: ground phases, circuits, optional trip, GPS quality."""

    runway: RunwaySpec
    patterns: tuple[str, ...] = ("touch_and_go", "touch_and_go", "full_stop")
    direction: str = "left"                    # "left" | "right" hand circuits
    pattern_height_ft: float = 1000.0
    downwind_offset_m: float = 1500.0
    wind_from_deg: float = 0.0
    wind_kt: float = 0.0
    aircraft: Aircraft = TRAINER
    start_utc: datetime = datetime(2007, 12, 27, 10, 5, tzinfo=UTC)
    rate_hz: float = 1.0
    noise_m: float = 0.0                       # horizontal GPS error (RMS)
    altitude_bias_m: float = 0.0               # GPS altitude offset
    dropouts: tuple[tuple[float, float], ...] = ()  # (start s after start, duration s)
    taxi_out_s: float = 300.0                  # off-block to line-up, run-up included
    taxi_in_s: float = 150.0                   # runway vacated to on-block (at least)
    parked_s: float = 60.0                     # recorded while parked, before and after
    begins_airborne: bool = False              # recording starts on downwind
    ends_airborne: bool = False                # recording stops on the climb-out
    destination: RunwaySpec | None = None      # fly there; patterns are flown there
    taxi_only: bool = False
    fast_taxi_kt: float | None = None          # taxi_only: a run along the runway
    go_around_height_ft: float = 250.0         # where a go-around starts
    low_pass_height_ft: float = 150.0
    seed: int = 0

    def __post_init__(self) -> None:
        unknown = [p for p in self.patterns if p not in PATTERNS]
        if unknown:
            raise ValueError(f"unknown pattern(s) {unknown}; use one of {PATTERNS}")
        if self.direction not in ("left", "right"):
            raise ValueError(f"direction must be 'left' or 'right', not {self.direction!r}")
        if self.start_utc.tzinfo is None:
            raise ValueError("start_utc must be timezone-aware")
        if self.rate_hz <= 0:
            raise ValueError("rate_hz must be positive")
        if self.taxi_only:
            return
        last = self.patterns[-1] if self.patterns else None
        if self.ends_airborne and last == "full_stop":
            raise ValueError("a session that ends airborne cannot end with a full_stop")
        if not self.ends_airborne and last != "full_stop":
            raise ValueError("a session that ends on the ground must end with full_stop")
        if self.begins_airborne and self.destination is not None:
            raise ValueError("begins_airborne and destination cannot be combined")


@dataclass(frozen=True)
class TruthEvent:
    """Something that happened, at the exact simulated time."""

    kind: str                                  # one of EVENT_KINDS
    time: datetime                             # UTC
    airport: str | None
    runway: str | None
    landing_kind: str | None = None            # touchdown: touch_and_go, stop_and_go, full_stop
    lowest_ft_agl: float | None = None         # go_around, low_pass


@dataclass(frozen=True)
class TruthLeg:
    """One leg of one circuit (circuits are numbered from 0 at each session)."""

    circuit: int
    leg: str                                   # one of LEGS
    start: datetime
    end: datetime
    airport: str
    runway: str


@dataclass(frozen=True)
class Simulation:
    """A simulated session: what the GPS recorded and what really happened."""

    points: pd.DataFrame                       # logbook.track columns, valid fixes
    events: tuple[TruthEvent, ...]
    circuits: tuple[TruthLeg, ...] = ()
    truth: pd.DataFrame = field(default_factory=pd.DataFrame)  # exact state per fix
    scenario: Scenario | None = None

    def events_of(self, kind: str) -> list[TruthEvent]:
        """The events of one kind, in time order."""
        return [e for e in self.events if e.kind == kind]
