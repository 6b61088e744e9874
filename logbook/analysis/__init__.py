"""Flight analysis: flights, take-offs, landings, go-arounds and circuits in a track.

The steps, each in its own module:

1. ``phases``: arrays from the track (speed and course from positions where the
   receiver gave none), and a two-state hidden Markov model, decoded with Viterbi,
   that says ground or air at every fix from ground speed and height.
2. ``calibrate`` and ``terrain``: height above the ground of the aerodrome (runway
   elevations interpolated along each runway), with the GPS altitude bias measured
   on the track's own time on the ground; ``profile`` moves each contact's edges to
   where the height profile levels off and starts to climb. Steps 2 and 1 run again
   twice: then the bias also comes from the ground rolls the first pass found. Air
   periods that never left ground effect at taxi speeds go back on the ground.
3. ``landings``: each ground contact, its runway and landing kind, and touch-and-
   goes hidden by dropouts.
4. ``go_arounds``: approaches abandoned without touching down (speeds compared
   through the air, with the wind ``wind`` fits from the track taken out).
5. ``flights`` and ``circuits``: flights split at full-stop landings, and the
   circuits inside them with their legs.

>>> from logbook.analysis import analyse_track   # doctest: +SKIP
>>> flights = analyse_track(track)               # doctest: +SKIP
"""

from logbook.airports import AirportDB, default_db
from logbook.analysis.calibrate import find_airports, height_above_aerodrome, site_points
from logbook.analysis.context import Context
from logbook.analysis.flights import build_flights
from logbook.analysis.go_arounds import find_go_arounds
from logbook.analysis.landings import ground_contacts
from logbook.analysis.phases import airborne, to_samples, without_taxi_flights
from logbook.analysis.profile import refine_air
from logbook.analysis.runways import AirportSource, runway_table
from logbook.events import Flight
from logbook.track import Track

__all__ = ["analyse_track"]

# fewer fixes than this cannot show a flight
MIN_FIXES = 10
# times the altitude bias is measured again on the ground the model found
REFINEMENTS = 2


def analyse_track(track: Track, *, airports: AirportDB | AirportSource | None = None
                  ) -> list[Flight]:
    """The flights in a track, with their events; [] when it shows none.

    `airports` is any object with ``near(lat, lon, *, radius_m)``; None opens
    ``logbook.airports.default_db()``.
    """
    if len(track) < MIN_FIXES:
        return []
    db = airports if airports is not None else default_db()
    samples = to_samples(track.points)
    found = find_airports(samples, db)
    sites = site_points(found)
    height = height_above_aerodrome(samples, sites)
    air = refine_air(samples, height, airborne(samples, height))
    for _ in range(REFINEMENTS):
        height = height_above_aerodrome(samples, sites, ground=~air)
        air = refine_air(samples, height, airborne(samples, height))
    air = without_taxi_flights(samples, height, air)
    if not air.any():
        return []
    ctx = Context(samples, height, air, sites, runway_table(found))
    contacts = ground_contacts(ctx)
    return build_flights(ctx, contacts, find_go_arounds(ctx, contacts))
