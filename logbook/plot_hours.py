"""Cumulative hours by capacity, against the licence minima."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from logbook.plot_flight import OKABE_ITO

if TYPE_CHECKING:
    from logbook.pilot.entries import Entry

# UK PPL(A) minimum experience (hours): 45 in total, 25 of them dual instruction
# (P/UT) and 10 solo (SPIC)
PPL_MINIMA_H: dict[str, float] = {"PPL total": 45.0, "P/UT (dual)": 25.0, "solo": 10.0}

# one colour and one line style per capacity, so a grey print still tells them apart
_STYLES = (("-", OKABE_ITO["blue"]), ("--", OKABE_ITO["vermillion"]),
           ("-.", OKABE_ITO["green"]), (":", OKABE_ITO["purple"]),
           ("-", OKABE_ITO["orange"]))


def plot_hours(cumulative: pd.DataFrame, minima: dict[str, float],
               ax: Axes | None = None) -> Axes:
    """Cumulative hours (one column per capacity, a DatetimeIndex) as steps, and
    each licence minimum (name -> hours) as a labelled horizontal line."""
    if ax is None:
        ax = Figure(figsize=(10, 5), layout="constrained").subplots()
    index = cumulative.index
    if getattr(index, "tz", None) is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    for k, column in enumerate(cumulative.columns):
        style, colour = _STYLES[k % len(_STYLES)]
        ax.step(index, cumulative[column].to_numpy(dtype=float), where="post", ls=style,
                color=colour, lw=1.8, label=str(column), gid="hours")
    for name, hours in sorted(minima.items(), key=lambda item: item[1]):
        ax.axhline(hours, color="0.35", lw=0.8, ls=(0, (4, 3)), gid="minimum")
        ax.annotate(f"{name}: {hours:g} h", (0.005, hours), xycoords=("axes fraction", "data"),
                    xytext=(0, 2), textcoords="offset points", fontsize=8, color="0.2",
                    va="bottom")
    top = max([*minima.values(), float(cumulative.max().max()) if len(cumulative) else 0.0])
    ax.set_ylim(0.0, top * 1.1 or 1.0)
    ax.set_ylabel("cumulative hours")
    ax.set_xlabel("date")
    ax.grid(True, color="0.9", lw=0.6)
    if len(cumulative.columns):
        ax.legend(title="capacity", loc="center left", fontsize=8)
    return ax


def cumulative_hours(entries: Iterable["Entry"]) -> pd.DataFrame:
    """Cumulative hours per UTC day, one column per capacity flown.

    `entries` are logbook entries (`Logbook.entries()`); a capacity's line stays
    flat on the days it was not flown.
    """
    rows = [(pd.Timestamp(e.date), e.capacity, e.total_min / 60.0) for e in entries]
    if not rows:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date"), dtype=float)
    frame = pd.DataFrame(rows, columns=["date", "capacity", "hours"])
    daily = frame.pivot_table(index="date", columns="capacity", values="hours",
                              aggfunc="sum", fill_value=0.0).sort_index()
    daily.columns.name = None
    daily.index = pd.DatetimeIndex(daily.index, name="date")
    return daily.cumsum()


def render_hours_figure(cumulative: pd.DataFrame, minima: dict[str, float], *,
                        title: str = "Hours towards the licence") -> Figure:
    """A figure holding `plot_hours`, titled."""
    fig = Figure(figsize=(10, 5.5), layout="constrained")
    plot_hours(cumulative, minima, fig.subplots())
    fig.suptitle(title, fontsize=12, fontweight="bold")
    return fig


__all__ = ["PPL_MINIMA_H", "cumulative_hours", "plot_hours", "render_hours_figure"]
