"""logbook: a flight-training logbook and GPS track analyser.

The names a notebook needs, loaded on first use so that `import logbook` (and the
`logbook` command) start fast:

>>> import logbook
>>> "analyse_track" in logbook.__all__ and "Track" in dir(logbook)
True
"""

import importlib
from typing import Any

# public name -> module it lives in
_EXPORTS: dict[str, str] = {
    "Track": "logbook.track",
    "TRACK_COLUMNS": "logbook.track",
    "Flight": "logbook.events",
    "Takeoff": "logbook.events",
    "Landing": "logbook.events",
    "GoAround": "logbook.events",
    "Circuit": "logbook.events",
    "Leg": "logbook.events",
    "read_track": "logbook.ingest",
    "read_bytes": "logbook.ingest",
    "analyse_track": "logbook.analysis",
    "AirportDB": "logbook.airports",
    "default_db": "logbook.airports",
    "render_flight_figure": "logbook.plot",
    "plot_plan": "logbook.plot",
    "plot_profile": "logbook.plot",
    "plot_hours": "logbook.plot",
    "cumulative_hours": "logbook.plot_hours",
    "render_hours_figure": "logbook.plot_hours",
    "PPL_MINIMA_H": "logbook.plot_hours",
    "log_flight": "logbook.pilot.log",
    "totals": "logbook.pilot.totals",
    "debrief_flight": "logbook.analysis.debrief",
    "render_debrief_text": "logbook.analysis.debrief",
    "Logbook": "logbook.store",
    "import_file": "logbook.pipeline",
    "import_paths": "logbook.pipeline",
    "read_stored": "logbook.pipeline",
    "export_track": "logbook.export",
    "sample_paths": "logbook.samples",
    "LogbookError": "logbook.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'logbook' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
