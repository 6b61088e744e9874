"""Pictures of flights: the plan view, the profile, the debrief, the hours.

Every function draws on an ``Axes`` it is given (or a new one on its own
``matplotlib.figure.Figure``) and returns it; nothing here opens a window or
uses pyplot, so it runs anywhere, with the Agg backend. The caller saves:

>>> fig = render_flight_figure([(track, flight)])      # doctest: +SKIP
>>> fig.savefig("20071227-circuit.png")               # doctest: +SKIP
"""

from collections.abc import Sequence

from matplotlib.figure import Figure

from logbook.airports import Airport, AirportDB
from logbook.analysis.debrief import as_flight, debrief_flight
from logbook.events import Flight
from logbook.plot_flight import KIND_NAMES, Wind, plot_plan
from logbook.plot_hours import plot_hours, render_hours_figure
from logbook.plot_profile import plot_approaches, plot_debrief_table, plot_profile
from logbook.track import Track
from logbook.units import hhmm

FlightLike = Flight | object   # a Flight, or a stored FlightRecord
# inches: one flight's row of panels
FLIGHT_WIDTH_IN = 16.0
FLIGHT_HEIGHT_IN = 11.0


def flight_title(flights: Sequence[Flight], *, aircraft: str | None = None,
                 capacity: str | None = None) -> str:
    """Date, aircraft, capacity, block and airborne time, landings: one line."""
    first = flights[0]
    date = (first.takeoff if first.takeoff is not None else first.off_block)
    block_s = sum(f.block_s for f in flights)
    airborne_s = sum(f.airborne_s for f in flights)
    counts: dict[str, int] = {}
    for landing in (x for f in flights for x in f.landings):
        counts[landing.kind] = counts.get(landing.kind, 0) + 1
    kinds = ", ".join(f"{n} {KIND_NAMES.get(k, k)}" for k, n in counts.items())
    landings = sum(counts.values())
    go_arounds = sum(len(f.go_arounds) for f in flights)
    where = ", ".join(dict.fromkeys(f.departure for f in flights if f.departure))
    return (f"{date:%Y-%m-%d}  {where}   aircraft {aircraft or '-'}   capacity "
            f"{capacity or '-'}   block {hhmm(block_s / 60.0)}   airborne {hhmm(airborne_s / 60.0)}"
            f"   {landings} landing{'s' if landings != 1 else ''}"
            + (f" ({kinds})" if kinds else "")
            + (f", {go_arounds} go-around{'s' if go_arounds != 1 else ''}"
               if go_arounds else ""))


def _airport_of(flight: Flight, track: Track, db: AirportDB) -> Airport | None:
    ident = flight.departure or flight.arrival
    if ident is not None:
        return db.airport(ident)
    points = track.points
    near = db.near(float(points["lat"].median()), float(points["lon"].median()))
    return near[0] if near else None


def render_flight_figure(flights: Sequence[tuple[Track, FlightLike]], *,
                         airports: AirportDB | None = None, aircraft: str | None = None,
                         capacity: str | None = None, wind: Wind | None = None) -> Figure:
    """One figure for one or more flights (a day's): per flight the plan view, the
    final approaches, the debrief table and the profile, under one title.

    `flights` pairs each flight (a ``Flight`` or a stored ``FlightRecord``) with
    its track; the airport of each is looked up in `airports` (default: the
    shipped database). `aircraft` and `capacity` (e.g. "P/UT") come from the
    logbook entry when known; `wind` is (from deg true, kt)."""
    if not flights:
        raise ValueError("no flights to draw")
    from logbook.airports import default_db

    db = airports if airports is not None else default_db()
    # fixed margins, not a layout engine: measuring every label to lay the figure
    # out would draw it twice
    fig = Figure(figsize=(FLIGHT_WIDTH_IN, FLIGHT_HEIGHT_IN * len(flights)))
    rows = fig.subfigures(len(flights), 1, squeeze=False)[:, 0]
    for sub, (track, given) in zip(rows, flights, strict=True):
        flight = as_flight(given)  # type: ignore[arg-type]
        airport = _airport_of(flight, track, db)
        _flight_panels(sub, track, flight, airport, wind)
    fig.suptitle(flight_title([as_flight(f) for _, f in flights],  # type: ignore[arg-type]
                              aircraft=aircraft, capacity=capacity),
                 fontsize=13, fontweight="bold")
    return fig


def _flight_panels(fig: Figure, track: Track, flight: Flight, airport: Airport | None,
                   wind: Wind | None) -> None:
    grid = fig.add_gridspec(3, 2, height_ratios=(1.35, 1.0, 0.75),
                            width_ratios=(1.55, 1.0), left=0.05, right=0.955,
                            bottom=0.05, top=0.94, wspace=0.14, hspace=0.28)
    plan = fig.add_subplot(grid[0:2, 0])
    plot_plan(track, flight, airport, plan, wind=wind)
    plot_approaches(track, flight, airport, fig.add_subplot(grid[0, 1]))
    plot_debrief_table(debrief_flight(track, flight, airport), fig.add_subplot(grid[1, 1]))
    plot_profile(track, flight, fig.add_subplot(grid[2, :]), airport=airport)


__all__ = ["flight_title", "plot_approaches", "plot_debrief_table", "plot_hours",
           "plot_plan", "plot_profile", "render_flight_figure", "render_hours_figure"]
