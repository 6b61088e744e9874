"""Accuracy of the track analysis against simulated sessions with known truth.

Each scenario in bench/scenarios.py is simulated, written as a GT-11 NMEA capture
(corrupt lines included), read back with logbook.ingest.read_bytes and analysed
with logbook.analysis.analyse_track. Events are scored one by one: a detected
event matches a truth event of the same kind (and landing kind) within 15 s.

    python bench/accuracy.py                 # markdown tables
    python bench/accuracy.py --json          # machine output
    python bench/accuracy.py --case sample-egbw23-rh-crosswind

The exit status is always 0: this measures, it does not judge.
"""

import argparse
import importlib.util
import json
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from logbook.ingest import read_bytes
from logbook.simulate import Simulation, simulate, to_gt11_nmea

MATCH_WINDOW_S = 15.0
# "touchdown" scores landings whatever their kind; the next three also need the kind
ROWS = ("takeoff", "touchdown", "touchdown:touch_and_go", "touchdown:stop_and_go",
        "touchdown:full_stop", "go_around", "off_block", "on_block")


def load_cases() -> tuple[Any, ...]:
    """bench/scenarios.py's CASES (loaded by path: bench is not a package)."""
    path = Path(__file__).with_name("scenarios.py")
    spec = importlib.util.spec_from_file_location("bench_scenarios", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.CASES)


@dataclass(frozen=True)
class Event:
    """A scored event: `kind` is "takeoff", "touchdown:<landing kind>", ..."""

    kind: str
    time: pd.Timestamp
    airport: str | None = None
    runway: str | None = None


@dataclass
class Tally:
    truth: int = 0
    detected: int = 0
    matched: int = 0
    errors_s: list[float] = field(default_factory=list)
    located: int = 0          # matched pairs whose truth names a runway
    airport_ok: int = 0
    runway_ok: int = 0


# ------------------------------------------------------------------ events
def truth_events(sim: Simulation) -> list[Event]:
    flew = any(e.kind == "takeoff" for e in sim.events)
    first = pd.Timestamp(sim.points["time"].iloc[0])
    last = pd.Timestamp(sim.points["time"].iloc[-1])
    out = []
    for e in sim.events:
        if not first <= pd.Timestamp(e.time) <= last:
            continue      # before the recording began or after it stopped
        if e.kind == "low_pass":
            continue      # a low pass must be detected as nothing at all
        if e.kind in ("off_block", "on_block"):
            if flew:      # block times belong to flights; a taxi alone has none
                out.append(Event(e.kind, pd.Timestamp(e.time)))
            continue
        kind = f"touchdown:{e.landing_kind}" if e.kind == "touchdown" else e.kind
        out.append(Event(kind, pd.Timestamp(e.time), e.airport, e.runway))
    return out


def detected_events(flights: list[Any]) -> list[Event]:
    out = []
    for f in flights:
        for t in getattr(f, "takeoffs", ()):
            out.append(Event("takeoff", pd.Timestamp(t.time), t.airport, t.runway))
        for x in getattr(f, "landings", ()):
            out.append(Event(f"touchdown:{x.kind}", pd.Timestamp(x.time), x.airport,
                             x.runway))
        for g in getattr(f, "go_arounds", ()):
            out.append(Event("go_around", pd.Timestamp(g.time), g.airport, g.runway))
        unseen = {"off_block": getattr(f, "off_block_unknown", False),
                  "on_block": getattr(f, "on_block_unknown", False)}
        for kind in ("off_block", "on_block"):
            value = getattr(f, kind, None)
            if unseen[kind]:
                continue      # the track's first or last fix, not a block time
            if value is not None and not pd.isna(value):
                out.append(Event(kind, pd.Timestamp(value)))
    return out


def _same_runway(a: str | None, b: str | None) -> bool:
    def norm(x: str | None) -> str:
        return (x or "").upper().lstrip("0")
    return norm(a) == norm(b)


def in_row(row: str, event: Event) -> bool:
    """Whether an event is scored in a row ("touchdown" is any landing kind)."""
    if row == "touchdown":
        return event.kind.startswith("touchdown:")
    return event.kind == row


def match(truth: list[Event], found: list[Event]) -> list[tuple[Event, Event]]:
    """One-to-one pairs within the window, closest first (same row already)."""
    pairs = sorted(
        (abs((d.time - t.time).total_seconds()), i, j)
        for i, t in enumerate(truth) for j, d in enumerate(found)
        if abs((d.time - t.time).total_seconds()) <= MATCH_WINDOW_S)
    return _one_to_one(pairs, truth, found)


def tally_events(truth: list[Event], found: list[Event], tallies: dict[str, Tally]
                 ) -> None:
    """Add one session's events to the per-row tallies."""
    for row in ROWS:
        rows_truth = [e for e in truth if in_row(row, e)]
        rows_found = [e for e in found if in_row(row, e)]
        t = tallies.setdefault(row, Tally())
        t.truth += len(rows_truth)
        t.detected += len(rows_found)
        for a, b in match(rows_truth, rows_found):
            t.matched += 1
            t.errors_s.append(abs((b.time - a.time).total_seconds()))
            if a.airport is not None:
                t.located += 1
                t.airport_ok += a.airport == b.airport
                t.runway_ok += _same_runway(a.runway, b.runway)


# ----------------------------------------------------------------- flights
@dataclass(frozen=True)
class Span:
    """A flight as a time span: first take-off (or start) to last landing (or end)."""

    start: pd.Timestamp
    end: pd.Timestamp
    partial: bool


def truth_flights(sim: Simulation) -> list[Span]:
    """Flights as the analysis defines them: split at full-stop landings."""
    first = pd.Timestamp(sim.points["time"].iloc[0])
    last = pd.Timestamp(sim.points["time"].iloc[-1])
    scenario = sim.scenario
    off_block = [pd.Timestamp(e.time) for e in sim.events if e.kind == "off_block"]
    begins = bool(scenario and scenario.begins_airborne) or bool(
        off_block and off_block[0] < first)
    out: list[Span] = []
    start: pd.Timestamp | None = first if begins else None
    for e in sim.events:
        if e.kind == "takeoff" and start is None:
            start = pd.Timestamp(e.time)
        elif e.kind == "touchdown" and e.landing_kind == "full_stop" and start is not None:
            out.append(Span(start, pd.Timestamp(e.time), begins and not out))
            start = None
    if start is not None:
        out.append(Span(start, last, True))
    return out


def detected_flights(flights: list[Any]) -> list[Span]:
    out = []
    for f in flights:
        takeoffs, landings = getattr(f, "takeoffs", ()), getattr(f, "landings", ())
        start = takeoffs[0].time if takeoffs else f.off_block
        end = landings[-1].time if landings else f.on_block
        out.append(Span(pd.Timestamp(start), pd.Timestamp(end), bool(f.partial)))
    return out


def _one_to_one(pairs: list[tuple[float, int, int]], truth: list[Any],
                found: list[Any]) -> list[tuple[Any, Any]]:
    """Take (score, truth index, found index) pairs in order, each side once."""
    used_t: set[int] = set()
    used_d: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_t and j not in used_d:
            used_t.add(i)
            used_d.add(j)
            out.append((truth[i], found[j]))
    return out


def match_flights(truth: list[Span], found: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping flights, largest overlap first."""
    def overlap_s(a: Span, b: Span) -> float:
        return (min(a.end, b.end) - max(a.start, b.start)).total_seconds()

    pairs = sorted(((overlap_s(t, d), i, j) for i, t in enumerate(truth)
                    for j, d in enumerate(found) if overlap_s(t, d) > 0), reverse=True)
    return _one_to_one(pairs, truth, found)


def flights_from_truth(sim: Simulation) -> list[Any]:
    """The truth in the shape analyse_track returns (to test this harness)."""
    spans = truth_flights(sim)
    out = []
    for n, span in enumerate(spans):
        def inside(e: Any, span: Span = span) -> bool:
            return bool(span.start <= pd.Timestamp(e.time) <= span.end)

        events = [e for e in sim.events if inside(e)]
        ns = SimpleNamespace
        blocks = {e.kind: pd.Timestamp(e.time) for e in sim.events
                  if e.kind in ("off_block", "on_block")}
        out.append(ns(
            takeoffs=tuple(ns(time=pd.Timestamp(e.time), airport=e.airport,
                              runway=e.runway) for e in events if e.kind == "takeoff"),
            landings=tuple(ns(time=pd.Timestamp(e.time), airport=e.airport,
                              runway=e.runway, kind=e.landing_kind)
                           for e in events if e.kind == "touchdown"),
            go_arounds=tuple(ns(time=pd.Timestamp(e.time), airport=e.airport,
                                runway=e.runway, lowest_ft_agl=e.lowest_ft_agl)
                             for e in events if e.kind == "go_around"),
            off_block=blocks.get("off_block") if n == 0 else None,
            on_block=blocks.get("on_block") if n == len(spans) - 1 else None,
            partial=span.partial))
    return out


# ------------------------------------------------------------------ scoring
@dataclass
class Score:
    """Tallies over any number of sessions."""

    events: dict[str, Tally] = field(default_factory=dict)
    flights: Tally = field(default_factory=Tally)
    partial_ok: int = 0
    cases: list[dict[str, Any]] = field(default_factory=list)


def score_session(score: Score, sim: Simulation, flights: list[Any]) -> dict[str, Any]:
    """Add one session to `score`; returns its own summary."""
    truth, found = truth_events(sim), detected_events(flights)
    tally_events(truth, found, score.events)
    t_spans, d_spans = truth_flights(sim), detected_flights(flights)
    pairs = match_flights(t_spans, d_spans)
    score.flights.truth += len(t_spans)
    score.flights.detected += len(d_spans)
    score.flights.matched += len(pairs)
    score.partial_ok += sum(a.partial == b.partial for a, b in pairs)
    matched = sum(len(match([e for e in truth if in_row(r, e)],
                            [e for e in found if in_row(r, e)]))
                  for r in ROWS if r != "touchdown")
    return {"truth_events": len(truth), "detected_events": len(found),
            "matched_events": matched, "truth_flights": len(t_spans),
            "detected_flights": len(d_spans)}


def run_case(case: Any, analyse: Any, score: Score) -> None:
    """Simulate, write NMEA, read it back, analyse, score."""
    began = time.perf_counter()
    sim = simulate(case.scenario)
    data = to_gt11_nmea(sim, corrupt_lines=case.corrupt_lines,
                        partial_first_line=case.partial_first_line,
                        seed=case.scenario.seed)
    summary: dict[str, Any] = {"case": case.name, "fixes": len(sim.points),
                               "error": None}
    try:
        track = read_bytes(data, name=f"{case.name}.nmea").track
        flights = list(analyse(track))
    except Exception as e:  # a crash is a result too: score it as nothing found
        summary["error"] = f"{type(e).__name__}: {e}"
        summary["traceback"] = traceback.format_exc(limit=3)
        flights = []
    summary.update(score_session(score, sim, flights))
    summary["seconds"] = round(time.perf_counter() - began, 2)
    score.cases.append(summary)


# ---------------------------------------------------------------- rendering
def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score_dict(score: Score) -> dict[str, Any]:
    rows = {}
    for row, t in score.events.items():
        rows[row] = {
            "truth": t.truth, "detected": t.detected, "matched": t.matched,
            "precision": _ratio(t.matched, t.detected),
            "recall": _ratio(t.matched, t.truth),
            "median_error_s": statistics.median(t.errors_s) if t.errors_s else None,
            "max_error_s": max(t.errors_s) if t.errors_s else None,
            "airport_accuracy": _ratio(t.airport_ok, t.located),
            "runway_accuracy": _ratio(t.runway_ok, t.located)}
    f = score.flights
    flights = {"truth": f.truth, "detected": f.detected, "matched": f.matched,
               "precision": _ratio(f.matched, f.detected),
               "recall": _ratio(f.matched, f.truth),
               "partial_accuracy": _ratio(score.partial_ok, f.matched)}
    return {"match_window_s": MATCH_WINDOW_S, "events": rows, "flights": flights,
            "cases": score.cases}


def _fmt(value: Any, pct: bool = False) -> str:
    if value is None:
        return "-"
    if pct:
        return f"{100 * value:.0f}%"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def render_markdown(result: dict[str, Any]) -> str:
    out = [f"## Events (match: same kind within {MATCH_WINDOW_S:.0f} s)", "",
           "| kind | truth | detected | matched | precision | recall | median err s "
           "| max err s | airport ok | runway ok |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row, r in result["events"].items():
        label = "touchdown (any kind)" if row == "touchdown" else row
        out.append(f"| {label} | {r['truth']} | {r['detected']} | {r['matched']} | "
                   f"{_fmt(r['precision'], True)} | {_fmt(r['recall'], True)} | "
                   f"{_fmt(r['median_error_s'])} | {_fmt(r['max_error_s'])} | "
                   f"{_fmt(r['airport_accuracy'], True)} | "
                   f"{_fmt(r['runway_accuracy'], True)} |")
    f = result["flights"]
    out += ["", "## Flights (match: overlapping in time)", "",
            "| truth | detected | matched | precision | recall | partial flag right |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {f['truth']} | {f['detected']} | {f['matched']} | "
            f"{_fmt(f['precision'], True)} | {_fmt(f['recall'], True)} | "
            f"{_fmt(f['partial_accuracy'], True)} |",
            "", "## Scenarios", "",
            "| scenario | fixes | truth events | detected | matched | flights "
            "(truth/detected) | s | error |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for c in result["cases"]:
        out.append(f"| {c['case']} | {c['fixes']} | {c['truth_events']} | "
                   f"{c['detected_events']} | {c['matched_events']} | "
                   f"{c['truth_flights']}/{c['detected_flights']} | {c['seconds']} | "
                   f"{c['error'] or ''} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--case", action="append", default=[],
                        help="run only this scenario (repeatable)")
    args = parser.parse_args(argv)
    try:
        from logbook.analysis import analyse_track
    except ImportError as e:
        print(f"logbook.analysis.analyse_track is not available yet ({e}); "
              "nothing to score.")
        return 0
    cases = [c for c in load_cases() if not args.case or c.name in args.case]
    score = Score()
    for case in cases:
        run_case(case, analyse_track, score)
    result = score_dict(score)
    print(json.dumps(result, indent=2, default=str) if args.json
          else render_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
