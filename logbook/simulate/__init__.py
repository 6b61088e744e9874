"""A deterministic flight simulator for tests, benchmarks and the sample logs.

A `Scenario` says what the pilot does (runway, circuits and how each one ends,
wind, aircraft) and how the receiver records it (rate, noise, dropouts);
`simulate` flies it and returns the fixes with the exact truth events:

>>> sim = simulate(Scenario(runway=EGBW_23, direction="right", noise_m=3.0))
>>> [e.landing_kind for e in sim.events if e.kind == "touchdown"]
['touch_and_go', 'touch_and_go', 'full_stop']
"""

from logbook.simulate.output import to_gpx, to_gt11_nmea
from logbook.simulate.presets import (
    EGBG_22,
    EGBW_05,
    EGBW_18,
    EGBW_23,
    EGBW_36,
    EGCB_08L,
    EGCB_26R,
    EGKB_03,
    EGKB_21,
    EGTC_21,
    KGON_05,
    KGON_23,
    KLXV_16,
    KLXV_34,
    MICROLIGHT,
    RUNWAYS,
)
from logbook.simulate.run import simulate
from logbook.simulate.scenario import (
    EVENT_KINDS,
    LEGS,
    PATTERNS,
    TRAINER,
    Aircraft,
    RunwaySpec,
    Scenario,
    Simulation,
    TruthEvent,
    TruthLeg,
)

__all__ = [
    "EGBG_22", "EGBW_05", "EGBW_18", "EGBW_23", "EGBW_36", "EGCB_08L", "EGCB_26R",
    "EGKB_03", "EGKB_21", "EGTC_21", "EVENT_KINDS", "KGON_05", "KGON_23", "KLXV_16",
    "KLXV_34", "LEGS", "MICROLIGHT", "PATTERNS", "RUNWAYS", "TRAINER", "Aircraft",
    "RunwaySpec", "Scenario", "Simulation", "TruthEvent", "TruthLeg", "simulate",
    "to_gpx", "to_gt11_nmea",
]
