"""A calendar of bookings: one square per booking, a column per week, coloured by
what became of it (flown, or cancelled by reason).

Draws on the Axes it is given; `render_bookings_png` is the one place that saves.
"""

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from logbook.bookings import LinkedBooking
    from logbook.store import Logbook

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# category -> (legend label, colour); drawn in this order
CATEGORIES: dict[str, tuple[str, str]] = {
    "flown": ("flown", "tab:green"),
    "weather": ("cancelled: weather", "tab:blue"),
    "aircraft": ("cancelled: aircraft", "tab:orange"),
    "instructor": ("cancelled: instructor", "tab:purple"),
    "student": ("cancelled: student", "tab:red"),
    "other": ("cancelled: other", "tab:brown"),
    "unrecorded": ("not recorded", "tab:gray"),
    "booked": ("booked", "white"),
}


def _category(linked: "LinkedBooking") -> str:
    if linked.status == "cancelled":
        reason = linked.booking.reason or "other"
        return reason if reason in CATEGORIES else "other"
    return linked.status


def plot_bookings(bookings: list["LinkedBooking"], ax: "Axes | None" = None) -> "Axes":
    """Draw the calendar; one scatter (a PathCollection) per category present."""
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    if ax is None:
        ax = Figure(figsize=(10, 3.5)).subplots()
    days = [x.local_start.date() for x in bookings]
    weeks = np.array([mdates.date2num(d - timedelta(days=d.weekday())) for d in days])
    weekdays = np.array([d.weekday() for d in days])
    categories = np.array([_category(x) for x in bookings])
    for key, (label, colour) in CATEGORIES.items():
        chosen = categories == key
        if chosen.any():
            ax.scatter(weeks[chosen], weekdays[chosen], marker="s", s=120,
                       color=colour, edgecolors="black", linewidths=0.5,
                       label=f"{label} ({int(chosen.sum())})", zorder=2)
    ax.set_yticks(range(7), WEEKDAYS)
    ax.set_ylim(6.6, -0.6)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="x", linestyle=":", zorder=0)
    ax.set_title(_title(bookings))
    if len(bookings):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return ax


def _title(bookings: list["LinkedBooking"]) -> str:
    flown = sum(x.status == "flown" for x in bookings)
    cancelled = sum(x.status == "cancelled" for x in bookings)
    return f"Bookings: {len(bookings)} booked, {flown} flown, {cancelled} cancelled"


def render_bookings_png(book: "Logbook", path: str | Path) -> Path:
    """Draw every booking of the logbook and save the calendar as a PNG."""
    from matplotlib.figure import Figure

    from logbook.bookings import linked_bookings

    figure = Figure(figsize=(10, 3.5), layout="constrained")
    plot_bookings(linked_bookings(book), ax=figure.subplots())
    path = Path(path)
    figure.savefig(path, format="png", dpi=100)
    return path
