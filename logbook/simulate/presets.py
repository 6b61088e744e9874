"""Aircraft and real runway ends to simulate with.

Runway thresholds, true headings, lengths and elevations are copied from OurAirports
(https://ourairports.com/data/, public domain): runways.csv for the threshold
coordinates, `<end>_heading_degT`, `length_ft` and `<end>_elevation_ft` (the
airport's `elevation_ft` from airports.csv where a runway end has none), the other
end's elevation as `far_end_elevation_m` so the ground slopes along the runway.
Lengths and elevations are converted from feet with `logbook.units`.
"""

from logbook.simulate.scenario import TRAINER, Aircraft, RunwaySpec
from logbook.units import ft_to_m

__all__ = ["EGBG_22", "EGBW_05", "EGBW_18", "EGBW_23", "EGBW_36", "EGCB_08L",
           "EGCB_26R", "EGKB_03", "EGKB_21", "EGTC_21", "KGON_05", "KGON_23",
           "KLXV_16", "KLXV_34", "MICROLIGHT", "RUNWAYS", "TRAINER"]

# a three-axis microlight (EuroStar / C42 class): lifts off at 35 kt, approaches at 45
MICROLIGHT = Aircraft(
    name="microlight", rotate_kt=35.0, climb_kt=50.0, cruise_kt=70.0,
    approach_kt=45.0, touchdown_kt=35.0, taxi_kt=8.0, climb_fpm=600.0,
    descent_fpm=600.0, bank_deg=25.0, takeoff_accel_mps2=2.0,
    brake_decel_mps2=1.8,
)

# Wellesbourne Mountford: 05/23 is the short crosswind runway, 18/36 the main one.
# Both runways have threshold coordinates in OurAirports.
EGBW_05 = RunwaySpec("EGBW", "05", 52.187198638916016, -1.6177799701690674, 46.0,
                     ft_to_m(1926.0), ft_to_m(159.0),
                     far_end_elevation_m=ft_to_m(156.0))
EGBW_23 = RunwaySpec("EGBW", "23", 52.191001892089844, -1.6113899946212769, 226.0,
                     ft_to_m(1926.0), ft_to_m(156.0),
                     far_end_elevation_m=ft_to_m(159.0))
EGBW_18 = RunwaySpec("EGBW", "18", 52.1963996887207, -1.6150000095367432, 176.0,
                     ft_to_m(3009.0), ft_to_m(152.0),
                     far_end_elevation_m=ft_to_m(157.0))
EGBW_36 = RunwaySpec("EGBW", "36", 52.1880989074707, -1.6138900518417358, 356.0,
                     ft_to_m(3009.0), ft_to_m(157.0),
                     far_end_elevation_m=ft_to_m(152.0))

# Groton-New London, Connecticut: near sea level, a long runway
KGON_05 = RunwaySpec("KGON", "05", 41.32500076293945, -72.0479965209961, 34.0,
                     ft_to_m(5000.0), ft_to_m(5.0),
                     far_end_elevation_m=ft_to_m(6.0))
KGON_23 = RunwaySpec("KGON", "23", 41.33639907836914, -72.03780364990234, 214.0,
                     ft_to_m(5000.0), ft_to_m(6.0),
                     far_end_elevation_m=ft_to_m(5.0))

# Manchester Barton: grass. OurAirports has no threshold coordinates for 08L/26R,
# so they are derived: the runway centred on the airport reference point
# (53.471699, -2.38972), each threshold half the length (2103 ft) away along the
# true heading (83 / 263 degrees), computed with logbook.geo.destination.
EGCB_08L = RunwaySpec("EGCB", "08L", 53.471348, -2.394526, 83.0, ft_to_m(2103.0),
                      ft_to_m(69.0))
EGCB_26R = RunwaySpec("EGCB", "26R", 53.47205, -2.384914, 263.0, ft_to_m(2103.0),
                      ft_to_m(69.0))

# London Biggin Hill: on a hill, 60 ft of slope along 03/21 (03 is displaced 790 ft;
# the coordinates are those of the runway ends, as OurAirports gives them)
EGKB_03 = RunwaySpec("EGKB", "03", 51.323601, 0.027057, 25.0, ft_to_m(5925.0),
                     ft_to_m(577.0),
                     far_end_elevation_m=ft_to_m(517.0))
EGKB_21 = RunwaySpec("EGKB", "21", 51.338299, 0.03805, 205.0, ft_to_m(5925.0),
                     ft_to_m(517.0),
                     far_end_elevation_m=ft_to_m(577.0))

# Lake County, Leadville, Colorado: about 9,900 ft, the high-elevation case
KLXV_16 = RunwaySpec("KLXV", "16", 39.22809982299805, -106.31800079345703, 170.3,
                     ft_to_m(6400.0), ft_to_m(9925.0),
                     far_end_elevation_m=ft_to_m(9919.0))
KLXV_34 = RunwaySpec("KLXV", "34", 39.21080017089844, -106.31500244140625, 350.3,
                     ft_to_m(6400.0), ft_to_m(9919.0),
                     far_end_elevation_m=ft_to_m(9925.0))

# destinations for two-aerodrome trips from Wellesbourne
EGBG_22 = RunwaySpec("EGBG", "22", 52.607200622558594, -1.0255600214004517, 217.8,
                     ft_to_m(1608.0), ft_to_m(467.0),
                     far_end_elevation_m=ft_to_m(463.0))
EGTC_21 = RunwaySpec("EGTC", "21", 52.078999, -0.609797, 212.0, ft_to_m(5902.0),
                     ft_to_m(358.0))

RUNWAYS: dict[str, RunwaySpec] = {
    f"{r.airport}_{r.designator}": r
    for r in (EGBW_05, EGBW_23, EGBW_18, EGBW_36, KGON_05, KGON_23, EGCB_08L,
              EGCB_26R, EGKB_03, EGKB_21, KLXV_16, KLXV_34, EGBG_22, EGTC_21)
}
