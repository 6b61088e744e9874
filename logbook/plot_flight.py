"""The plan view of a flight: where it flew, in true proportions, over the runways.

Coordinates are kilometres east and north of the airport's reference point (a
local metric projection, equal aspect), so a circuit looks as it was flown.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from logbook import geo, units
from logbook.airports import Airport, Runway
from logbook.analysis.debrief import as_flight, flight_profile, runway_axis
from logbook.events import Flight
from logbook.track import Track

# a gap longer than this between fixes is not drawn as flown
GAP_S = 5.0
# scale bar lengths to choose from, metres
SCALE_BAR_M = (100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0, 50000.0)
# touchdown numbers stand this far (km) beside the runway, this far apart
NUMBER_OFFSET_KM = 0.3
NUMBER_SPACING_KM = 0.12
# leg labels are pushed this far (km) out from the middle of the circuit
LEG_LABEL_OFFSET_KM = 0.25

Wind = tuple[float, float]   # direction the wind blows from (deg true), speed (kt)

# colour-blind-safe: viridis for height, Okabe-Ito colours for the marks, and every
# mark its own shape so that a grey print still tells them apart
HEIGHT_CMAP = "viridis"
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
             "purple": "#CC79A7", "black": "#000000"}
_EDGE = {"markeredgecolor": "black", "markeredgewidth": 0.7}
MARKS: dict[str, dict[str, Any]] = {
    "takeoff": {"marker": "^", "markersize": 7, "color": OKABE_ITO["sky"], **_EDGE},
    "touch_and_go": {"marker": "o", "markersize": 7, "color": OKABE_ITO["orange"], **_EDGE},
    "stop_and_go": {"marker": "D", "markersize": 6, "color": OKABE_ITO["purple"], **_EDGE},
    "full_stop": {"marker": "s", "markersize": 7, "color": OKABE_ITO["vermillion"],
                  **_EDGE},
    "go_around": {"marker": "X", "markersize": 9, "color": OKABE_ITO["green"], **_EDGE},
}
KIND_NAMES = {"touch_and_go": "touch-and-go", "stop_and_go": "stop-and-go",
              "full_stop": "full stop"}


@dataclass(frozen=True)
class EventRow:
    """Events drawn with one marker: their times and (touchdowns) numbers."""

    key: str                        # key into MARKS
    gid: str                        # "takeoff", "touchdown" or "go-around"
    label: str
    times: tuple[pd.Timestamp, ...]
    numbers: tuple[int, ...]


def event_rows(flight: Flight) -> Iterator[EventRow]:
    """Takeoffs, touchdowns by kind (numbered in time order), go-arounds."""
    if flight.takeoffs:
        yield EventRow("takeoff", "takeoff", "takeoff",
                       tuple(t.time for t in flight.takeoffs), ())
    numbered = list(enumerate(flight.landings, 1))
    for kind, name in KIND_NAMES.items():
        mine = [(n, x) for n, x in numbered if x.kind == kind]
        if mine:
            yield EventRow(kind, "touchdown", f"touchdown: {name}",
                           tuple(x.time for _, x in mine), tuple(n for n, _ in mine))
    if flight.go_arounds:
        yield EventRow("go_around", "go-around", "go-around",
                       tuple(g.time for g in flight.go_arounds), ())


def flight_span(profile: pd.DataFrame, flight: Flight) -> pd.DataFrame:
    """The rows of a flight profile from off block to on block."""
    t = profile["time"]
    part = profile.loc[(t >= flight.off_block) & (t <= flight.on_block)]
    return part.reset_index(drop=True) if len(part) > 1 else profile


def height_norm(height_ft: np.ndarray) -> Normalize:
    """Colour scale for heights: ground to the top of the flight, in 100 ft steps."""
    top = np.nanmax(height_ft) if np.isfinite(height_ft).any() else 1000.0
    return Normalize(vmin=0.0, vmax=max(100.0, float(np.ceil(top / 100.0) * 100.0)))


def _track_lines(ax: Axes, part: pd.DataFrame, norm: Normalize) -> LineCollection:
    xy = np.column_stack((part["x_m"], part["y_m"])) / 1000.0
    segments = np.stack((xy[:-1], xy[1:]), axis=1)
    step_s = part["time"].diff().dt.total_seconds().to_numpy()[1:]
    height_ft = units.m_to_ft(part["height_m"].to_numpy())
    keep = step_s <= GAP_S
    lines = LineCollection(segments[keep], cmap=HEIGHT_CMAP, norm=norm, linewidths=1.6,
                           capstyle="round", joinstyle="round", zorder=3)
    lines.set_array(((height_ft[:-1] + height_ft[1:]) / 2)[keep])
    lines.set_gid("track")
    ax.add_collection(lines)
    return lines


def runway_corners_km(runway: Runway, lat0: float, lon0: float) -> np.ndarray | None:
    """The four corners of a runway, km east/north of (lat0, lon0); None without ends."""
    if len(runway.ends) < 2:
        return None
    a, b = runway.ends[0], runway.ends[1]
    x, y = geo.to_local_xy_m(np.array([a.lat, b.lat]), np.array([a.lon, b.lon]), lat0, lon0)
    along = np.array([x[1] - x[0], y[1] - y[0]])
    length = float(np.hypot(*along))
    if length == 0.0:
        return None
    unit = along / length
    width = runway.width_m if np.isfinite(runway.width_m) else 30.0
    side = np.array([-unit[1], unit[0]]) * width / 2
    p, q = np.array([x[0], y[0]]), np.array([x[1], y[1]])
    return np.array([p + side, q + side, q - side, p - side]) / 1000.0


def draw_runways(ax: Axes, airport: Airport) -> int:
    """Runways to scale, with the designator beyond each threshold; how many drawn."""
    drawn = 0
    for runway in airport.runways:
        corners = runway_corners_km(runway, airport.lat, airport.lon)
        if corners is None:
            continue
        patch = Polygon(corners, closed=True, facecolor="0.6", edgecolor="0.1",
                        linewidth=0.8, alpha=0.9, zorder=5, label=f"runway {runway.name}")
        patch.set_gid("runway")
        ax.add_patch(patch)
        drawn += 1
        centre = corners.mean(axis=0)
        for k, end in enumerate(runway.ends[:2]):
            tip = (corners[0] + corners[3]) / 2 if k == 0 else (corners[1] + corners[2]) / 2
            out = tip - centre
            out = out / max(float(np.hypot(*out)), 1e-9)
            pos = tip + out * 0.12
            ax.text(pos[0], pos[1], end.designator, ha="center", va="center",
                    fontsize=8, fontweight="bold", color="0.1", zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "0.4",
                          "lw": 0.5, "alpha": 0.85}, gid="designator", in_layout=False)
    return drawn


def _position_km(part: pd.DataFrame, times: Sequence[pd.Timestamp]) -> np.ndarray:
    t_s = (part["time"] - part["time"].iloc[0]).dt.total_seconds().to_numpy()
    at = np.array([(t - part["time"].iloc[0]).total_seconds() for t in times])
    return np.column_stack((np.interp(at, t_s, part["x_m"]),
                            np.interp(at, t_s, part["y_m"]))) / 1000.0


def draw_events(ax: Axes, part: pd.DataFrame, flight: Flight,
                airport: Airport | None = None) -> None:
    """Takeoffs, touchdowns (a marker per kind, numbered) and go-arounds."""
    touchdowns: list[tuple[int, np.ndarray]] = []
    for row in event_rows(flight):
        where = _position_km(part, row.times)
        ax.plot(where[:, 0], where[:, 1], linestyle="none", zorder=7, gid=row.gid,
                label=row.label, **MARKS[row.key])
        if row.gid == "touchdown":
            touchdowns += list(zip(row.numbers, where, strict=True))
    if touchdowns:
        _number_touchdowns(ax, sorted(touchdowns, key=lambda item: item[0]), flight,
                           airport)


def _number_touchdowns(ax: Axes, touchdowns: list[tuple[int, np.ndarray]],
                       flight: Flight, airport: Airport | None) -> None:
    """Touchdown numbers in a row beside the runway, each with a leader line.

    Touchdowns bunch up on a runway, so their numbers stand apart, in order of
    the distance along the runway, on a line parallel to it."""
    axis = runway_axis(airport, flight.landings[0].runway) if flight.landings else None
    h = np.radians(axis.heading_deg) if axis is not None else np.pi / 2
    along = np.array([np.sin(h), np.cos(h)])
    side = np.array([-along[1], along[0]])       # left of the landing direction
    points = np.array([p for _, p in touchdowns])
    order = np.argsort(points @ along)
    centre = points.mean(axis=0) + side * NUMBER_OFFSET_KM
    slots = (np.arange(len(points)) - (len(points) - 1) / 2) * NUMBER_SPACING_KM
    for slot, k in zip(slots, order, strict=True):
        n, point = touchdowns[k]
        ax.annotate(str(n), point, xytext=centre + along * slot, fontsize=7,
                    fontweight="bold", ha="center", va="center", zorder=8,
                    gid="touchdown-number", in_layout=False,
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": "0.3",
                          "lw": 0.5},
                    arrowprops={"arrowstyle": "-", "color": "0.35", "lw": 0.5,
                                "shrinkA": 0, "shrinkB": 3})


def draw_legs(ax: Axes, part: pd.DataFrame, flight: Flight) -> None:
    """Each leg name once, beside where that leg was flown, and its turning points."""
    centre = np.array([part["x_m"].median(), part["y_m"].median()]) / 1000.0
    starts: list[pd.Timestamp] = []
    by_name: dict[str, list[np.ndarray]] = {}
    t = part["time"]
    for circuit in flight.circuits:
        for leg in circuit.legs:
            starts.append(leg.start)
            inside = ((t >= leg.start) & (t <= leg.end)).to_numpy()
            if inside.any():
                by_name.setdefault(leg.name, []).append(
                    part.loc[inside, ["x_m", "y_m"]].to_numpy() / 1000.0)
    if starts:
        turn = _position_km(part, starts)
        ax.plot(turn[:, 0], turn[:, 1], linestyle="none", marker="|", markersize=7,
                color="0.25", zorder=4, gid="leg-start")
    for name, pieces in by_name.items():
        where = np.median(np.vstack(pieces), axis=0)
        out = where - centre
        out = out / max(float(np.hypot(*out)), 1e-9) * LEG_LABEL_OFFSET_KM
        ax.annotate(name, (float(where[0]), float(where[1])),
                    xytext=(float(where[0] + out[0]), float(where[1] + out[1])),
                    fontsize=8, style="italic",
                    color="0.15", ha="center", va="center", zorder=8, gid="leg-label",
                    in_layout=False,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.75})


def draw_north_and_scale(ax: Axes, span_km: float) -> None:
    """A north arrow in the top right and a scale bar in the bottom left."""
    ax.annotate("N", xy=(0.96, 0.97), xytext=(0.96, 0.86), xycoords="axes fraction",
                ha="center", va="center", fontsize=10, fontweight="bold", gid="north",
                arrowprops={"arrowstyle": "-|>", "color": "0.1", "lw": 1.5})
    length_m = max([m for m in SCALE_BAR_M if m <= span_km * 1000.0 / 4.0] or [100.0])
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    text = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    bar = AnchoredSizeBar(ax.transData, length_m / 1000.0, text, "lower left",
                          pad=0.6, frameon=True, size_vertical=span_km / 300.0,
                          fontproperties={"size": 8})
    bar.set_gid("scale-bar")
    ax.add_artist(bar)


def draw_wind(ax: Axes, wind: Wind) -> None:
    """An arrow blowing the way the wind blows, labelled from-direction/speed."""
    from_deg, speed_kt = wind
    to = np.radians(from_deg + 180.0)
    centre = np.array([0.1, 0.86])
    tip = centre + 0.06 * np.array([np.sin(to), np.cos(to)])
    tail = centre - 0.06 * np.array([np.sin(to), np.cos(to)])
    ax.annotate("", xy=(float(tip[0]), float(tip[1])), xytext=(float(tail[0]), float(tail[1])),
                xycoords="axes fraction", gid="wind",
                arrowprops={"arrowstyle": "simple,head_width=0.8,tail_width=0.3",
                            "fc": "0.3", "ec": "0.1"})
    ax.text(centre[0], centre[1] - 0.1, f"wind {from_deg:03.0f}°/{speed_kt:.0f} kt",
            transform=ax.transAxes, ha="center", va="top", fontsize=8)


def plot_plan(track: Track, flight: Flight | object, airport: Airport | None,
              ax: Axes | None = None, *, wind: Wind | None = None) -> Axes:
    """The flight seen from above: track coloured by height, runways, events, legs.

    `flight` is a ``Flight`` from ``analyse_track`` or a stored ``FlightRecord``;
    `wind` is (direction from, deg true; speed, kt) when the day's weather is known.
    """
    if ax is None:
        ax = Figure(figsize=(8, 8), layout="constrained").subplots()
    f = as_flight(flight)  # type: ignore[arg-type]
    part = flight_span(flight_profile(track, airport), f)
    norm = height_norm(units.m_to_ft(part["height_m"].to_numpy()))
    lines = _track_lines(ax, part, norm)
    if airport is not None:
        draw_runways(ax, airport)
        ax.set_title(f"{airport.ident} {airport.name}", fontsize=10, loc="left")
    draw_legs(ax, part, f)
    draw_events(ax, part, f, airport)
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    x0, x1 = ax.get_xlim()
    draw_north_and_scale(ax, x1 - x0)
    if wind is not None:
        draw_wind(ax, wind)
    ax.set_xlabel("km east of the aerodrome")
    ax.set_ylabel("km north")
    ax.grid(True, color="0.9", linewidth=0.6, zorder=0)
    bar = ax.figure.colorbar(lines, ax=ax, shrink=0.8, pad=0.01)
    bar.set_label("height above runway (ft)")
    ax.legend(loc="lower right", fontsize=7, framealpha=0.85)
    return ax


__all__ = ["KIND_NAMES", "MARKS", "Wind", "draw_runways", "event_rows", "plot_plan",
           "runway_corners_km"]
