"""Pictures of flights, drawn with Agg and checked through their artists."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from click.testing import CliRunner
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

import logbook.cli
from logbook.airports import default_db
from logbook.analysis import analyse_track
from logbook.ingest import read_track
from logbook.pilot.entries import Entry
from logbook.plot import render_flight_figure
from logbook.plot_flight import plot_plan
from logbook.plot_hours import cumulative_hours, plot_hours, render_hours_figure
from logbook.plot_profile import plot_profile
from logbook.samples import sample_paths


def sample(prefix: str):
    path = next(p for p in sample_paths() if p.name.startswith(prefix))
    track = read_track(path)
    (flight,) = analyse_track(track)
    return track, flight


@pytest.fixture(scope="module")
def december():
    """Runway 23: five touch-and-goes, a full stop, a go-around."""
    return sample("2007-12-27")


@pytest.fixture(scope="module")
def egbw():
    return default_db().airport("EGBW")


def marked_points(ax, gid: str) -> int:
    return sum(len(line.get_xdata()) for line in ax.lines if line.get_gid() == gid)


def test_plan_view_marks_every_event_over_runways_to_scale(december, egbw):
    track, flight = december
    ax = plot_plan(track, flight, egbw, wind=(260.0, 18.0))
    assert marked_points(ax, "touchdown") == len(flight.landings) == 6
    assert marked_points(ax, "takeoff") == len(flight.takeoffs)
    assert marked_points(ax, "go-around") == len(flight.go_arounds) == 1
    runways = [p for p in ax.patches if isinstance(p, Polygon) and p.get_gid() == "runway"]
    assert len(runways) == len(egbw.runways) == 2
    designators = {t.get_text() for t in ax.texts if t.get_gid() == "designator"}
    assert designators == {"05", "23", "18", "36"}
    assert ax.get_aspect() == 1.0
    assert "Wellesbourne" in ax.get_title(loc="left")
    numbers = sorted(int(t.get_text()) for t in ax.texts if t.get_gid() == "touchdown-number")
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert {t.get_text() for t in ax.texts if t.get_gid() == "leg-label"} == {
        "upwind", "crosswind", "downwind", "base", "final"}
    assert any(a.get_gid() == "scale-bar" for a in ax.artists)
    assert any(t.get_gid() == "north" for t in ax.texts)
    assert any(t.get_gid() == "wind" for t in ax.texts)


def test_plan_view_is_in_metres_not_degrees(december, egbw):
    track, flight = december
    ax = plot_plan(track, flight, egbw)
    (lines,) = [c for c in ax.collections if c.get_gid() == "track"]
    assert isinstance(lines, LineCollection)
    extent = lines.get_datalim(ax.transData)
    assert 2.0 < extent.width < 6.0 and 2.0 < extent.height < 6.0   # km, a circuit
    assert not any(t.get_gid() == "wind" for t in ax.texts)            # no wind given
    colour_bars = [a for a in ax.figure.axes if a.get_ylabel() == "height above runway (ft)"]
    assert len(colour_bars) == 1
    assert lines.norm.vmin == 0.0 and 1000.0 <= lines.norm.vmax <= 1300.0


def test_profile_shows_height_speed_and_events(december, egbw):
    track, flight = december
    ax = plot_profile(track, flight, airport=egbw)
    assert [line.get_gid() for line in ax.lines][:1] == ["height"]
    assert [line.get_gid() for line in ax.right_ax.lines] == ["speed"]
    assert marked_points(ax, "touchdown") == 6
    assert marked_points(ax, "go-around") == 1
    assert "ft" in ax.get_ylabel() and "kt" in ax.right_ax.get_ylabel()
    finals = [p for p in ax.patches if p.get_gid() == "final"]
    assert len(finals) == sum(leg.name == "final" for c in flight.circuits for leg in c.legs)


def test_flight_figure_title_and_files(december, tmp_path):
    track, flight = december
    fig = render_flight_figure([(track, flight)], aircraft="G-BOYV", capacity="P/UT",
                               wind=(260.0, 18.0))
    assert isinstance(fig, Figure)
    title = fig.get_suptitle()
    for part in ("2007-12-27", "G-BOYV", "P/UT", "block 0:4", "6 landings", "1 go-around"):
        assert part in title
    tables = [a for a in fig.get_children() if a.get_gid() == "debrief-table"]
    tables += [t for sub in fig.subfigs for ax in sub.axes for t in ax.tables]
    assert len(tables) == 2                         # landings and circuits
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        path = tmp_path / f"flight{suffix}"
        fig.savefig(path)
        assert path.read_bytes().startswith(magic)


def test_unknown_aircraft_and_capacity_show_a_dash(december):
    track, flight = december
    title = render_flight_figure([(track, flight)]).get_suptitle()
    assert "aircraft -" in title and "capacity -" in title


def test_a_day_figure_holds_every_flight(december):
    november = sample("2007-11-15")
    fig = render_flight_figure([november, december])
    plans = [ax for sub in fig.subfigs for ax in sub.axes if ax.get_aspect() == 1.0]
    assert len(plans) == 2
    assert sum(marked_points(ax, "touchdown") for ax in plans) == 12


def test_hours_against_the_minima(tmp_path):
    cumulative = pd.DataFrame({"P/UT": [1.0, 2.5, 4.0], "PIC": [0.0, 0.0, 0.5]},
                              index=pd.to_datetime(["2007-09-01", "2007-11-15",
                                                    "2007-12-27"], utc=True))
    minima = {"PPL total": 45.0, "solo": 10.0}
    ax = plot_hours(cumulative, minima)
    assert [line.get_label() for line in ax.lines if line.get_gid() == "hours"] == [
        "P/UT", "PIC"]
    assert sorted(line.get_ydata()[0] for line in ax.lines
                  if line.get_gid() == "minimum") == [10.0, 45.0]
    assert ax.get_ylim()[1] > 45.0
    path = tmp_path / "hours.png"
    render_hours_figure(cumulative, minima).savefig(path)
    assert path.read_bytes().startswith(b"\x89PNG")


def test_hours_add_up_day_by_day_per_capacity():
    cumulative = cumulative_hours([
        Entry(date="2007-12-27", capacity="P/UT", total_min=45),
        Entry(date="2007-11-15", capacity="P/UT", total_min=60),
        Entry(date="2007-12-27", capacity="solo", total_min=30)])
    assert list(cumulative.columns) == ["P/UT", "solo"]
    assert list(cumulative.index.strftime("%Y-%m-%d")) == ["2007-11-15", "2007-12-27"]
    assert cumulative["P/UT"].tolist() == pytest.approx([1.0, 1.75])
    assert cumulative["solo"].tolist() == pytest.approx([0.0, 0.5])


@pytest.fixture
def cli_book(tmp_path, monkeypatch):
    """A logbook holding the sample lessons, and `plot` in the command table."""
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "book.db")
    path = next(p for p in sample_paths() if p.name.startswith("2007-12-27"))
    result = CliRunner().invoke(logbook.cli.cli, ["--db", db, "import", str(path)])
    assert result.exit_code == 0, result.output
    return db


def test_cli_plots_a_day_a_flight_and_the_hours(cli_book, tmp_path):
    runner = CliRunner()
    result = runner.invoke(logbook.cli.cli, ["--db", cli_book, "plot", "2007-12-27"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "20071227-circuit.png").read_bytes().startswith(b"\x89PNG")
    result = runner.invoke(logbook.cli.cli, ["--db", cli_book, "plot", "1", "-o", "f.svg"])
    assert result.exit_code == 0, result.output
    assert b"<svg" in (tmp_path / "f.svg").read_bytes()[:2000]
    result = runner.invoke(logbook.cli.cli, ["--db", cli_book, "plot", "--hours"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no confirmed logbook entries")
    result = runner.invoke(logbook.cli.cli, ["--db", cli_book, "log", "1",
                                             "--capacity", "P/UT"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(logbook.cli.cli, ["--db", cli_book, "plot", "--hours"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "hours.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("args", "message"), [
    (["plot", "2001-01-01"], "no flights on 2001-01-01"),
    (["plot", "7"], "no flight 7"),
    (["plot", "yesterday"], "yesterday: not a date"),
    (["plot", "1", "-o", "f.jpg"], "f.jpg: can only write"),
])
def test_cli_plot_errors(cli_book, args, message):
    result = CliRunner().invoke(logbook.cli.cli, ["--db", cli_book, *args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert message in result.output
