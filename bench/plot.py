"""How long a fresh process takes to draw a 2-hour, 1 Hz circuit session to PNG.

    python bench/plot.py

Simulates 26 circuits at Wellesbourne (about two hours at 1 Hz), analyses them
once, then times, in a new Python process, everything `logbook plot` does after
reading the track: imports, the debrief, the figure and the PNG.
"""

import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CIRCUITS = 26


def prepare(folder: Path) -> Path:
    from logbook.analysis import analyse_track
    from logbook.simulate import EGBW_23, Scenario, simulate
    from logbook.track import Track

    patterns = ("touch_and_go",) * (CIRCUITS - 1) + ("full_stop",)
    sim = simulate(Scenario(runway=EGBW_23, patterns=patterns, direction="right",
                            wind_from_deg=260.0, wind_kt=12.0, noise_m=3.0,
                            altitude_bias_m=30.0, seed=7))
    track = Track(sim.points, source="bench")
    flights = analyse_track(track)
    path = folder / "session.pickle"
    path.write_bytes(pickle.dumps((track, flights)))
    hours = (track.points["time"].iloc[-1] - track.points["time"].iloc[0]).total_seconds()
    print(f"{len(track)} fixes, {hours / 3600:.2f} h, {len(flights)} flight(s), "
          f"{sum(len(f.landings) for f in flights)} landings")
    return path


def render(path: Path, out: Path) -> None:
    start = time.perf_counter()
    import matplotlib

    matplotlib.use("Agg")
    from logbook.plot import render_flight_figure

    imported = time.perf_counter()
    track, flights = pickle.loads(path.read_bytes())
    fig = render_flight_figure([(track, f) for f in flights], wind=(260.0, 12.0))
    drawn = time.perf_counter()
    fig.savefig(out, dpi=120)
    saved = time.perf_counter()
    print(f"imports {imported - start:.2f} s, figure {drawn - imported:.2f} s, "
          f"PNG {saved - drawn:.2f} s")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--render":
        render(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    with tempfile.TemporaryDirectory() as folder:
        session = prepare(Path(folder))
        png = Path(folder) / "session.png"
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--render", str(session), str(png)],
                       check=True)
        wall = time.perf_counter() - start
        print(f"fresh process, wall clock: {wall:.2f} s ({png.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
