"""The flight against time, the final approaches, and the debrief table."""

import math

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from logbook import units
from logbook.airports import Airport
from logbook.analysis.debrief import (
    Debrief,
    as_flight,
    final_approach,
    flight_profile,
    runway_axis,
)
from logbook.events import Flight
from logbook.plot_flight import KIND_NAMES, MARKS, OKABE_ITO, event_rows, flight_span
from logbook.track import Track

HEIGHT_COLOUR = OKABE_ITO["blue"]
SPEED_COLOUR = OKABE_ITO["vermillion"]
# the approach panel shows finals from this height down
APPROACH_TOP_M = units.ft_to_m(700.0)
# the reference glide path
GLIDE_PATH_DEG = 3.0
# fixes further than this from the extended centreline are still turning onto final
APPROACH_MAX_OFFSET_M = 200.0
# the debrief table shows at most this many landings and circuits
TABLE_ROWS = 10
# line styles for successive approaches (a grey print tells them apart)
APPROACH_STYLES = ("-", "--", "-.", ":")


def _at(part: pd.DataFrame, column: str, times: tuple[pd.Timestamp, ...]) -> np.ndarray:
    t0 = part["time"].iloc[0]
    t_s = (part["time"] - t0).dt.total_seconds().to_numpy()
    return np.interp([(t - t0).total_seconds() for t in times], t_s,
                     part[column].to_numpy())


def plot_profile(track: Track, flight: Flight | object, ax: Axes | None = None,
                 *, airport: Airport | None = None) -> Axes:
    """Height above the runway (ft, left) and ground speed (kt, right) against time,
    finals shaded, events marked as on the plan.

    The speed is drawn on a twin axes sharing the time axis (``ax.right_ax``)."""
    if ax is None:
        ax = Figure(figsize=(12, 3.5), layout="constrained").subplots()
    f = as_flight(flight)  # type: ignore[arg-type]
    part = flight_span(flight_profile(track, airport), f)
    time = part["time"].dt.tz_convert("UTC").dt.tz_localize(None)
    height_ft = units.m_to_ft(part["height_m"].to_numpy())
    ax.plot(time, height_ft, color=HEIGHT_COLOUR, lw=1.4, label="height", gid="height")
    speed = ax.twinx()
    speed.plot(time, units.mps_to_kt(part["speed_mps"].to_numpy()), color=SPEED_COLOUR,
               lw=1.0, ls="--", label="ground speed", gid="speed")
    for n, circuit in enumerate(f.circuits):
        for leg in circuit.legs:
            if leg.name == "final":
                ax.axvspan(_naive(leg.start), _naive(leg.end), color="0.85", lw=0,
                           zorder=0, label="final" if n == 0 else None, gid="final")
    for row in event_rows(f):
        at_ft = units.m_to_ft(_at(part, "height_m", row.times))
        ax.plot([_naive(t) for t in row.times], at_ft, linestyle="none", zorder=5,
                gid=row.gid, **MARKS[row.key])
        for t, h, n in zip(row.times, at_ft, row.numbers, strict=False):
            ax.annotate(str(n), (_naive(t), h), xytext=(0, 8), textcoords="offset points",
                        ha="center", fontsize=7, fontweight="bold", gid="touchdown-number",
                        in_layout=False)
    ax.set_ylabel("height above runway (ft)", color=HEIGHT_COLOUR)
    speed.set_ylabel("ground speed (kt)", color=SPEED_COLOUR)
    ax.set_ylim(bottom=min(-50.0, float(np.nanmin(height_ft))))
    speed.set_ylim(bottom=0.0)
    ax.set_xlabel("time (UTC)")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    ax.set_xlim(time.iloc[0], time.iloc[-1])
    ax.grid(True, color="0.9", lw=0.6)
    handles = ax.get_legend_handles_labels()[0] + speed.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", fontsize=7, ncols=3, framealpha=0.85)
    ax.right_ax = speed  # type: ignore[attr-defined]
    return ax


def _naive(t: pd.Timestamp) -> pd.Timestamp:
    """UTC without the zone: matplotlib's date axis then shows UTC whatever TZ says."""
    return t.tz_convert("UTC").tz_localize(None)


def plot_approaches(track: Track, flight: Flight | object, airport: Airport | None,
                    ax: Axes | None = None) -> Axes:
    """Each final approach: height (ft) against distance to the threshold (nm),
    numbered as the touchdowns, over a 3° glide path."""
    if ax is None:
        ax = Figure(figsize=(6, 4), layout="constrained").subplots()
    f = as_flight(flight)  # type: ignore[arg-type]
    profile = flight_profile(track, airport)
    far_nm, top_ft = 0.0, 100.0
    for n, landing in enumerate(f.landings, 1):
        axis = runway_axis(airport, landing.runway)
        if axis is None:
            continue
        final = final_approach(track, profile, axis, landing.time, top_m=APPROACH_TOP_M)
        final = final.loc[final["cross_m"].abs() <= APPROACH_MAX_OFFSET_M]
        if len(final) < 2:
            continue
        distance_nm = units.m_to_nm(final["distance_m"].to_numpy())
        height_ft = units.m_to_ft(final["height_m"].to_numpy())
        style = APPROACH_STYLES[(n - 1) % len(APPROACH_STYLES)]
        colour = colormaps["cividis"](0.85 * (n - 1) / max(len(f.landings) - 1, 1))
        ax.plot(distance_nm, height_ft, ls=style, lw=1.3, gid="approach", color=colour,
                label=f"{n}")
        far_nm = max(far_nm, float(distance_nm.max()))
        top_ft = max(top_ft, float(np.nanmax(height_ft)))
    far_nm = far_nm or 1.0
    glide = np.array([0.0, far_nm])
    ax.plot(glide, units.m_to_ft(units.nm_to_m(glide)) * math.tan(math.radians(
        GLIDE_PATH_DEG)), color="0.2", lw=0.8, ls=(0, (1, 2)), gid="glide-path",
        label=f"{GLIDE_PATH_DEG:g}° glide path")
    ax.set_xlim(far_nm * 1.08, 0.0)     # the threshold on the right, as flown
    ax.set_ylim(0.0, top_ft * 1.3)
    ax.set_xlabel("distance to threshold (nm)")
    ax.set_ylabel("height (ft)")
    ax.set_title("final approaches", fontsize=9, loc="left")
    ax.grid(True, color="0.9", lw=0.6)
    ax.legend(loc="upper left", fontsize=7, ncols=4, title="landing", title_fontsize=7)
    return ax


def _cell(value: float, spec: str) -> str:
    return "-" if not math.isfinite(value) else format(value, spec)


def plot_debrief_table(debrief: Debrief, ax: Axes) -> Axes:
    """The debrief figures as two small tables: landings, then circuits."""
    ax.set_axis_off()
    shown = debrief.landings[:TABLE_ROWS]
    landing_rows = [[str(x.number), KIND_NAMES.get(x.kind, x.kind),
                     _cell(x.touchdown_distance_m, ".0f"),
                     _cell(units.mps_to_kt(x.touchdown_speed_mps), ".0f"),
                     _cell(x.approach_angle_deg, ".1f"),
                     _cell(x.centreline_rms_m, ".0f")] for x in shown]
    circuit_rows = [[str(c.number), c.direction, _cell(units.m_to_ft(c.height_m), ".0f"),
                     _cell(units.m_to_nm(c.downwind_distance_m), ".2f")]
                    for c in debrief.circuits[:TABLE_ROWS]]
    hidden = len(debrief.landings) - len(shown)
    if hidden > 0 or len(debrief.circuits) > TABLE_ROWS:
        ax.text(0.0, 0.0, "first rows only: `logbook show FLIGHT` prints them all",
                transform=ax.transAxes, fontsize=7, style="italic", va="top")
    tables = [(landing_rows, ["#", "touchdown", "past thr m", "speed kt", "angle °",
                              "off CL m"]),
              (circuit_rows, ["circuit", "hand", "height ft", "downwind nm"])]
    top, gap = 1.0, 0.05
    row = min(0.075, (1.0 - gap) / sum(len(rows) + 1.6 for rows, _ in tables if rows))
    for rows, header in tables:
        if not rows:
            continue
        height = row * (len(rows) + 1.3)
        table = ax.table(cellText=rows, colLabels=header, loc="upper center",
                         bbox=Bbox.from_bounds(0.0, top - height, 1.0, height), cellLoc="center")
        table.auto_set_font_size(False)
        table.set_fontsize(7)
        for (r, _), cell in table.get_celld().items():
            cell.set_linewidth(0.3)
            if r == 0:
                cell.set_facecolor("0.9")
        table.set_gid("debrief-table")
        table.set_in_layout(False)          # it fills its axes; measuring it is slow
        top -= height + gap
    return ax


__all__ = ["plot_approaches", "plot_debrief_table", "plot_profile"]
