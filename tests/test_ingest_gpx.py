import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from logbook.errors import IngestError
from logbook.geo import EARTH_RADIUS_M
from logbook.ingest import read_track
from logbook.ingest.gpx import read_gpx
from logbook.track import TRACK_COLUMNS

DATA = Path(__file__).parent / "data" / "gpx"
# the fixtures' points are 0.0009 degrees of latitude apart, 2 s apart, due north
LEG_M = np.radians(0.0009) * EARTH_RADIUS_M


def read_fixture(name: str):
    return read_gpx((DATA / name).read_bytes(), name=name)


def test_all_tracks_and_segments_become_one_track_in_time_order():
    result = read_fixture("two_tracks_three_segments.gpx")
    points = result.track.points
    assert result.format == "gpx"
    assert result.records == 6
    assert list(points.columns) == list(TRACK_COLUMNS)
    assert [str(t.dtype) for _, t in points.items()] == list(TRACK_COLUMNS.values())
    assert points["time"].dt.second.tolist() == [0, 2, 4, 6, 8]
    assert points["lat"].tolist() == [52.1922, 52.1931, 52.1940, 52.1949, 52.1958]
    assert result.warnings and "dropped 1 track points" in result.warnings[0]
    assert result.track.source == "two_tracks_three_segments.gpx"


def test_missing_ele_sat_hdop_are_nan_or_na():
    points = read_fixture("two_tracks_three_segments.gpx").track.points
    assert np.isnan(points["altitude_m"][2])
    assert points["altitude_m"][3] == 130.0
    assert points["satellites"].tolist()[0] == 7
    assert points["satellites"].isna().tolist() == [False, True, True, True, False]
    assert points["hdop"][4] == 0.9
    assert np.isnan(points["hdop"][1])


def test_speed_and_course_derived_from_positions_when_absent():
    points = read_fixture("two_tracks_three_segments.gpx").track.points
    np.testing.assert_allclose(points["speed_mps"], LEG_M / 2.0, rtol=1e-9)
    np.testing.assert_allclose(points["course_deg"], 0.0, atol=1e-9)


def test_speed_extension_wins_over_derived_speed():
    points = read_fixture("speed_extension.gpx").track.points
    assert points["speed_mps"].tolist() == [30.5, 31.5, 32.5]
    assert points["course_deg"].tolist() == [10.0, 11.0, 12.0]
    assert abs(points["speed_mps"][0] - LEG_M / 2.0) > 10


def test_gpx10_speed_course_fix_and_utc_offset():
    result = read_fixture("gpx10.gpx")
    points = result.track.points
    assert result.records == 3          # the waypoint is not a track point
    assert points["time"].tolist() == [
        pd.Timestamp("2007-12-27T10:00:00Z"),
        pd.Timestamp("2007-12-27T10:00:01.5Z"),
        pd.Timestamp("2007-12-27T10:00:03Z"),
    ]
    assert str(points["time"].dt.tz) == "UTC"
    assert points["speed_mps"].tolist() == [20.25, 21.25, 22.25]
    assert points["course_deg"].tolist() == [5.5, 6.5, 7.5]
    assert points["fix_quality"].tolist()[:2] == [2, 1]
    assert points["fix_quality"].isna()[2]
    assert points["satellites"].tolist()[:2] == [8, 7]
    assert np.isnan(points["altitude_m"][1])


def test_read_track_dispatches_gpx_by_content(tmp_path):
    path = tmp_path / "lesson.log"      # a misleading name: the content decides
    path.write_bytes((DATA / "gpx10.gpx").read_bytes())
    assert len(read_track(path)) == 3


def test_utf16_gpx_is_read():
    text = (DATA / "gpx10.gpx").read_text().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    points = read_gpx(text.encode("utf-16"), name="utf16.gpx").track.points
    assert points["speed_mps"].tolist() == [20.25, 21.25, 22.25]


def test_no_fix_points_are_dropped_and_counted():
    text = (DATA / "gpx10.gpx").read_text().replace("<fix>3d</fix>", "<fix>none</fix>")
    result = read_gpx(text.encode(), name="nofix.gpx")
    assert len(result.track) == 2
    assert result.bad_lines == {"no fix": 1}


def test_waypoints_and_routes_only_is_an_error():
    with pytest.raises(IngestError) as e:
        read_fixture("waypoints_only.gpx")
    assert str(e.value) == "waypoints_only.gpx: no track points (only waypoints/routes)"


def test_points_without_times_are_an_error():
    with pytest.raises(IngestError) as e:
        read_fixture("no_times.gpx")
    assert str(e.value) == (
        "no_times.gpx: 2 of 3 track points have no time; a track needs times")


def read_written(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_gpx(path.read_bytes(), name=path.name)
    return str(e.value)


def test_empty_file(tmp_path):
    assert read_written(tmp_path, "empty.gpx", b"") == "empty.gpx: empty file"


def test_random_bytes_named_gpx(tmp_path):
    noise = np.random.default_rng(7).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    message = read_written(tmp_path, "noise.gpx", noise)
    assert message.startswith("noise.gpx: not valid GPX (")
    path = tmp_path / "noise.gpx"
    with pytest.raises(IngestError, match=r"^noise\.gpx: "):
        read_track(path)


def test_truncated_xml_names_the_line(tmp_path):
    whole = (DATA / "two_tracks_three_segments.gpx").read_bytes()
    cut = whole[: len(whole) // 2]
    message = read_written(tmp_path, "cut.gpx", cut)
    assert message.startswith("cut.gpx: not valid GPX (")
    last_line = cut.count(b"\n") + 1
    assert f"line {last_line}, column" in message


def test_bad_number_in_a_point(tmp_path):
    text = (DATA / "gpx10.gpx").read_text().replace('lat="52.1931"', 'lat="north"')
    message = read_written(tmp_path, "badlat.gpx", text.encode())
    assert message.startswith("badlat.gpx: not valid GPX (")


def test_position_out_of_range(tmp_path):
    text = (DATA / "gpx10.gpx").read_text().replace('lat="52.1931"', 'lat="95.0"')
    message = read_written(tmp_path, "pole.gpx", text.encode())
    assert message == "pole.gpx: bad track: position out of range"


def test_xml_that_is_not_gpx(tmp_path):
    kml = b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>'
    message = read_written(tmp_path, "map.kml", kml)
    assert message == "map.kml: not valid GPX (root element is <kml>, not <gpx>)"


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE gpx [\n<!ENTITY a0 "lol">\n'
    + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">\n' for i in range(1, 12))
    + ']>\n<gpx version="1.1"><trk><name>&a11;</name><trkseg>'
    '<trkpt lat="1" lon="1"><time>2007-12-27T10:00:00Z</time></trkpt>'
    "</trkseg></trk></gpx>\n"
)
QUADRATIC = (
    '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "' + "x" * 100_000 + '">]>\n'
    '<gpx version="1.1"><trk><name>' + "&a;" * 100_000 + "</name><trkseg>"
    '<trkpt lat="1" lon="1"><time>2007-12-27T10:00:00Z</time></trkpt>'
    "</trkseg></trk></gpx>\n"
)
# the same bomb in UTF-16, which a byte search for "<!ENTITY" does not see:
# the XML parser's own amplification limit must refuse it
BOMBS = {
    "laughs.gpx": BILLION_LAUGHS.encode(),
    "quadratic.gpx": QUADRATIC.encode(),
    "laughs16.gpx": BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1)
    .encode("utf-16"),
}

BOMB_SCRIPT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
from logbook.errors import IngestError
from logbook.ingest.gpx import read_gpx
path = sys.argv[1]
try:
    read_gpx(open(path, "rb").read(), name=path.rsplit("/", 1)[-1])
except IngestError as e:
    print("IngestError:", e)
"""


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_entity_bombs_are_refused_in_little_memory(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BOMBS[name])
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", BOMB_SCRIPT, str(path)],
                          capture_output=True, text=True, timeout=20, env=env,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"IngestError: {name}: not valid GPX (")


LXML_TRAP_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import gpxpy.parser
assert gpxpy.parser.library() == "LXML"
from logbook.ingest.gpx import read_gpx
print(len(read_gpx(open(sys.argv[2], "rb").read(), name="x.gpx").track))
"""


def test_stdlib_parser_is_used_even_when_lxml_is_installed(tmp_path):
    trap = tmp_path / "lxml"
    trap.mkdir()
    (trap / "__init__.py").write_text("")
    (trap / "etree.py").write_text(
        "def XML(*args, **kwargs):\n    raise RuntimeError('lxml was used')\n"
        "def register_namespace(*args):\n    pass\n")
    done = subprocess.run(
        [sys.executable, "-c", LXML_TRAP_SCRIPT, str(tmp_path), str(DATA / "gpx10.gpx")],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"


@pytest.mark.parametrize("name", ["speed_extension.gpx", "gpx10.gpx",
                                  "two_tracks_three_segments.gpx"])
def test_reads_the_gpx_that_gpsbabel_writes(tmp_path, name):
    out = tmp_path / "babel.gpx"
    subprocess.run(["gpsbabel", "-t", "-i", "gpx", "-f", str(DATA / name),
                    "-o", "gpx", "-F", str(out)],
                   check=True, env={**os.environ, "TZ": "UTC"}, timeout=30)
    ours = read_fixture(name).track.points
    theirs = read_gpx(out.read_bytes(), name="babel.gpx").track.points
    assert len(theirs) == len(ours)
    assert theirs["time"].tolist() == ours["time"].tolist()
    np.testing.assert_allclose(theirs["lat"], ours["lat"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(theirs["lon"], ours["lon"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(theirs["altitude_m"], ours["altitude_m"], atol=1e-3)
    np.testing.assert_allclose(theirs["speed_mps"], ours["speed_mps"], rtol=1e-6)
    np.testing.assert_allclose(theirs["course_deg"], ours["course_deg"], atol=1e-6)
