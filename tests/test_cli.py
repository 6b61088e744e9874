import json
import os
import sqlite3

import pytest
from click.testing import CliRunner
from nmea_factory import write_log

from logbook.cli import COMMANDS, cli


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "book.db"

    def run(*args, **kwargs):
        return CliRunner().invoke(cli, ["--db", str(db), *args], **kwargs)

    run.db = db
    return run


def _counts(db):
    conn = sqlite3.connect(db)
    return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0]
                 for t in ("sources", "tracks"))


def test_import_then_tracks(run, tmp_path):
    path = write_log(tmp_path / "lesson.nmea", seconds=600)
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("lesson.nmea: track 1, 600 fixes, 2007-12-27 10:00:00-")
    assert "no bad lines" in result.output
    listing = run("tracks", "--json")
    [track] = json.loads(listing.output)
    assert track["id"] == 1 and isinstance(track["id"], int)
    assert track["source"] == "lesson.nmea"
    assert track["fixes"] == 600
    assert track["start_utc"] == "2007-12-27T10:00:00Z"
    assert track["end_utc"] == "2007-12-27T10:09:59Z"
    table = run("tracks")
    assert "lesson.nmea" in table.output and "600" in table.output


def test_reimport_says_already_imported(run, tmp_path):
    path = write_log(tmp_path / "lesson.nmea")
    run("import", str(path))
    again = run("import", str(path))
    assert again.exit_code == 0
    assert again.output == "lesson.nmea: already imported (track 1)\n"
    assert _counts(run.db) == (1, 1)


def _bad_inputs(tmp_path):
    cases = {}
    cases["missing"] = tmp_path / "missing.nmea"
    (empty := tmp_path / "empty.nmea").write_bytes(b"")
    cases["empty"] = empty
    (noise := tmp_path / "noise.nmea").write_bytes(os.urandom(4096))
    cases["random bytes"] = noise
    (binary_gpx := tmp_path / "binary.gpx").write_bytes(bytes(range(256)) * 8)
    cases["binary gpx"] = binary_gpx
    (text := tmp_path / "letter.txt").write_text("Dear instructor,\nsee you Tuesday.\n")
    cases["text"] = text
    (folder := tmp_path / "nothing").mkdir()
    cases["folder without tracks"] = folder
    gpx = ('<?xml version="1.0"?>\n<gpx version="1.1" creator="t" '
           'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
           '<trkpt lat="52.19" lon="-1.61"><time>2007-12-27T10:00:00Z</time></trkpt>'
           '<trkpt lat="52.20" lon="-1.61"><time>2007-12-27T10:00:01Z</time></trkpt>'
           '</trkseg></trk></gpx>\n')
    (cut := tmp_path / "cut.gpx").write_text(gpx[: len(gpx) // 2])
    cases["truncated gpx"] = cut
    (timeless := tmp_path / "timeless.gpx").write_text(
        gpx.replace("<time>2007-12-27T10:00:01Z</time>", ""))
    cases["time-less gpx"] = timeless
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    (bomb := tmp_path / "bomb.gpx").write_text(
        f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY l0 "lol">{lol}]>'
        '<gpx version="1.1"><trk><name>&l9;</name></trk></gpx>')
    cases["entity bomb gpx"] = bomb
    return cases


@pytest.mark.parametrize("case", ["missing", "empty", "random bytes", "binary gpx",
                                  "text", "folder without tracks", "truncated gpx",
                                  "time-less gpx", "entity bomb gpx"])
def test_bad_input_is_one_error_line_and_changes_nothing(run, tmp_path, case):
    run("import", str(write_log(tmp_path / "good.nmea")))
    path = _bad_inputs(tmp_path)[case]
    result = CliRunner().invoke(cli, ["--db", str(run.db), "import", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert path.name in lines[0]
    assert "Traceback" not in result.output
    assert _counts(run.db) == (1, 1)


def test_a_bad_file_does_not_stop_the_good_ones(run, tmp_path):
    good = write_log(tmp_path / "good.nmea")
    bad = tmp_path / "bad.nmea"
    bad.write_bytes(b"")
    result = run("import", str(bad), str(good))
    assert result.exit_code == 1
    assert "Error: bad.nmea: empty file" in result.output
    assert "good.nmea: track 1" in result.output
    assert _counts(run.db) == (1, 1)


def test_export_raw_gives_back_the_original_bytes(run, tmp_path):
    path = write_log(tmp_path / "lesson.nmea")
    run("import", str(path))
    out = tmp_path / "copy.nmea"
    result = run("export", "1", "--format", "raw", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("fmt,marker", [("csv", b"time,lat,lon"), ("gpx", b"<gpx"),
                                        ("nmea", b"$GPRMC")])
def test_export_formats(run, tmp_path, fmt, marker):
    run("import", str(write_log(tmp_path / "lesson.nmea")))
    out = tmp_path / f"out.{fmt}"
    result = run("export", "1", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert marker in out.read_bytes()


def test_unknown_track_is_an_error(run):
    result = run("export", "7", "--format", "gpx")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no track 7")


def test_db_comes_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    result = CliRunner().invoke(cli, ["tracks"], env={"LOGBOOK_DB": str(db)})
    assert result.exit_code == 0
    assert db.exists()


def _leaf_commands():
    import click

    ctx = click.Context(cli)
    stack = [((name,), cli.get_command(ctx, name)) for name in COMMANDS]
    while stack:
        path, command = stack.pop()
        if isinstance(command, click.Group) and command.commands:
            stack += [((*path, sub), cmd) for sub, cmd in command.commands.items()]
            if not command.invoke_without_command:
                continue
        yield " ".join(path)


@pytest.mark.parametrize("path", sorted(_leaf_commands()))
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path.split(), "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"logbook {name}" in readme


def test_the_readme_library_example_runs(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    root = Path(__file__).parent.parent
    [code] = re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(), re.S)
    monkeypatch.chdir(root)
    out = tmp_path / "lesson.png"
    namespace: dict = {}
    exec(code.replace('"lesson.png"', repr(str(out))), namespace)
    assert [x.kind for x in namespace["flight"].landings].count("touch_and_go") == 5
    assert out.read_bytes().startswith(b"\x89PNG")
