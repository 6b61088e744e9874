import json

from logbook.store.records import FlightRecord, apply_corrections, overlap_s


def _record(id_, off, on, landings=(), takeoffs=()):
    return FlightRecord(
        id=id_, track=1, off_block_utc=off, on_block_utc=on,
        takeoff_utc=takeoffs[0]["time_utc"] if takeoffs else None,
        landing_utc=landings[-1]["time_utc"] if landings else None,
        departure="EGBW", arrival="EGBW", partial=False,
        takeoffs=list(takeoffs), landings=list(landings))


def _landing(time, kind="touch_and_go"):
    return {"time_utc": time, "kind": kind, "airport": "EGBW", "runway": "23"}


def _takeoff(time):
    return {"time_utc": time, "airport": "EGBW", "runway": "23"}


def _correction(flight_id, action, **payload):
    return {"flight_id": flight_id, "action": action, "payload": json.dumps(payload)}


A = _record(1, "2007-12-27T10:05:00Z", "2007-12-27T10:50:00Z",
            takeoffs=[_takeoff("2007-12-27T10:12:00Z"), _takeoff("2007-12-27T10:20:00Z")],
            landings=[_landing("2007-12-27T10:19:00Z"),
                      _landing("2007-12-27T10:40:00Z", "full_stop")])
B = _record(2, "2007-12-27T11:30:00Z", "2007-12-27T12:00:00Z",
            takeoffs=[_takeoff("2007-12-27T11:35:00Z")],
            landings=[_landing("2007-12-27T11:55:00Z", "full_stop")])


def test_json_keeps_the_contract_keys():
    data = A.to_json()
    for key in ("id", "date", "departure", "arrival", "off_block_utc", "takeoff_utc",
                "landing_utc", "on_block_utc", "airborne_min", "block_min", "track",
                "partial", "takeoffs", "landings", "go_arounds", "circuits"):
        assert key in data
    assert data["date"] == "2007-12-27"
    assert data["airborne_min"] == 28.0 and data["block_min"] == 45.0
    assert data["circuits"] == 0
    assert data["landings"][1] == {"time_utc": "2007-12-27T10:40:00Z",
                                   "kind": "full_stop", "airport": "EGBW", "runway": "23"}


def test_delete_hides_a_flight():
    assert [r.id for r in apply_corrections([A, B], [_correction(2, "delete")])] == [1]


def test_landing_kind_changes_one_landing():
    [a] = apply_corrections([A], [_correction(1, "landing_kind", index=0,
                                              kind="stop_and_go")])
    assert [x["kind"] for x in a.landings] == ["stop_and_go", "full_stop"]
    assert a.corrected


def test_merge_joins_two_flights_under_the_first_id():
    [merged] = apply_corrections([A, B], [_correction(1, "merge", other=2)])
    assert merged.id == 1
    assert merged.off_block_utc == A.off_block_utc
    assert merged.on_block_utc == B.on_block_utc
    assert len(merged.landings) == 3 and merged.landing_utc == "2007-12-27T11:55:00Z"


def test_split_makes_two_flights():
    first, second = apply_corrections(
        [A], [_correction(1, "split", at_utc="2007-12-27T10:19:30Z", new_id=9)])
    assert (first.id, second.id) == (1, 9)
    assert [x["time_utc"] for x in first.landings] == ["2007-12-27T10:19:00Z"]
    assert second.takeoff_utc == "2007-12-27T10:20:00Z"
    assert second.off_block_utc == "2007-12-27T10:19:30Z"


def test_a_correction_of_a_vanished_flight_is_ignored():
    assert apply_corrections([A], [_correction(5, "delete")]) == [A]


def test_overlap():
    assert overlap_s(("2007-12-27T10:00:00Z", "2007-12-27T10:10:00Z"),
                     ("2007-12-27T10:05:00Z", "2007-12-27T10:20:00Z")) == 300.0
    assert overlap_s(("2007-12-27T10:00:00Z", "2007-12-27T10:10:00Z"),
                     ("2007-12-27T11:00:00Z", "2007-12-27T11:20:00Z")) == 0.0
