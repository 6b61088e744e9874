"""Read an NMEA 0183 log into a track, fast and without tripping over noise.

The whole file is handled as one byte buffer (see `nmea_fast`): every candidate
sentence is checked, the sentences of each type are decoded column-wise (see
`nmea_sentences`), and the sentences of one epoch (the same time of day, in stream
order) are merged into one fix:

- position, altitude, quality, satellites and HDOP from GGA (RMC, then GLL, when the
  epoch has no GGA); speed, course and the date from RMC (VTG speed and course when
  the epoch has no valid RMC; GSA HDOP when there is no GGA HDOP);
- only a valid RMC (status `A`) or a ZDA gives a date; dates before 1990 (the GPS
  epoch that a receiver without almanac reports) are not trusted; each epoch's date
  follows the nearest dated epoch, a day later or earlier when its time of day jumps
  back or forward by more than 12 hours (midnight).

Bad input is counted by reason in `ReadResult.bad_lines`, never fatal unless `strict`.
"""

from dataclasses import dataclass
from datetime import date as Date

import numpy as np
import pandas as pd

from logbook.errors import IngestError
from logbook.ingest import ReadResult
from logbook.ingest.nmea_fast import OK, REASONS, Framing, fields, frame, line_number
from logbook.ingest.nmea_fast import type_code as _code
from logbook.ingest.nmea_sentences import PARSERS, US_PER_DAY, Columns
from logbook.track import Track, to_points

TIMED = ("GGA", "RMC", "GLL", "ZDA")
UNTIMED = ("VTG", "GSA")
# dates before this are the GPS epoch of a receiver without almanac, not real dates
FIRST_TRUSTED_DAY = int(np.datetime64("1990-01-01", "D").astype(np.int64))
HALF_DAY_US = US_PER_DAY // 2
STRICT_REASONS = ("truncated", "bad checksum", "not NMEA", "bad field")


@dataclass(frozen=True)
class Epochs:
    """Sentences grouped into epochs: consecutive timed sentences of one time."""

    sod_us: np.ndarray       # time of day of each epoch
    of: dict[str, np.ndarray]  # per sentence type: epoch of each sentence, -1 none
    positions: np.ndarray    # stream offset of each timed sentence, sorted
    epoch_at: np.ndarray     # epoch of each of those sentences

    def __len__(self) -> int:
        return len(self.sod_us)


def read_nmea(data: bytes, *, name: str, date: Date | None = None,
              strict: bool = False) -> ReadResult:
    """The track in an NMEA log; `date` is needed only when no sentence has one.

    With `strict`, the first truncated, badly checksummed, non-NMEA or malformed
    line raises IngestError("NAME:LINE: reason"); sentences that are merely of an
    unknown type or report no fix are normal in a log and still only counted.
    """
    framing = frame(data)
    records = len(framing.dollar)
    sentences = {kind: _parse(data, framing, kind) for kind in TIMED}
    if strict:
        untimed = {kind: _parse(data, framing, kind) for kind in UNTIMED}
        _raise_first_bad(data, framing, {**sentences, **untimed}, name)
    epochs = _group(sentences)
    merged = _merge(sentences, epochs)
    fix = merged.pop("fix")
    if not fix.any():
        raise IngestError(f"{name}: no valid GPS fix in {records} sentences")
    # VTG and GSA only fill gaps: decode just the ones of epochs with a gap
    for kind, names in (("VTG", ("speed_mps", "course_deg")), ("GSA", ("hdop",))):
        gap = fix & np.isnan(merged[names[0]])
        if gap.any():
            sentences[kind], filled = _untimed(data, framing, epochs, kind, gap, names)
            for column in names:
                merged[column] = np.where(gap, filled[column], merged[column])
    days = _days(sentences, epochs, name=name, date=date)
    time_ns = (days * US_PER_DAY + epochs.sod_us) * 1000
    frame_ = pd.DataFrame({"time": pd.to_datetime(time_ns[fix], unit="ns", utc=True),
                           **{k: v[fix] for k, v in merged.items()}})
    track = Track(to_points(frame_), source=name)
    return ReadResult(track=track, format="nmea", records=records,
                      bad_lines=_bad_lines(framing, sentences),
                      warnings=_warnings(sentences, name))


def _parse(data: bytes, framing: Framing, kind: str,
           which: np.ndarray | None = None) -> Columns:
    if which is None:
        which = np.flatnonzero((framing.reason == OK) & (framing.kind == _code(kind)))
    columns = PARSERS[kind](fields(data, framing, which))
    columns["pos"] = framing.dollar[which]
    return columns


def _untimed(data: bytes, framing: Framing, epochs: Epochs, kind: str,
             gap: np.ndarray, names: tuple[str, ...]) -> tuple[Columns, Columns]:
    """Decode the `kind` sentences of the epochs in `gap`; their first valid values."""
    which = np.flatnonzero((framing.reason == OK) & (framing.kind == _code(kind)))
    epoch = _epoch_after(epochs, framing.dollar[which])
    wanted = (epoch >= 0) & gap[np.maximum(epoch, 0)]
    columns = _parse(data, framing, kind, which[wanted])
    epoch = epoch[wanted]
    usable = columns["valid"] & ~columns["malformed"]
    _, first = _first(epochs, epoch, usable, columns, names)
    return columns, first


def _group(sentences: dict[str, Columns]) -> Epochs:
    usable = {k: (sentences[k]["sod_us"] >= 0) & ~sentences[k]["malformed"]
              for k in TIMED}
    pos = np.concatenate([sentences[k]["pos"][usable[k]] for k in TIMED])
    sod = np.concatenate([sentences[k]["sod_us"][usable[k]] for k in TIMED])
    order = np.argsort(pos, kind="stable")
    pos, sod = pos[order], sod[order]
    new = np.ones(len(sod), dtype=bool)
    new[1:] = sod[1:] != sod[:-1]
    epoch_sorted = np.cumsum(new) - 1
    epoch = np.empty_like(epoch_sorted)
    epoch[order] = epoch_sorted
    of: dict[str, np.ndarray] = {}
    start = 0
    for k in TIMED:
        out = np.full(len(usable[k]), -1, dtype=np.int64)
        count = int(usable[k].sum())
        out[usable[k]] = epoch[start:start + count]
        of[k] = out
        start += count
    return Epochs(sod_us=sod[new], of=of, positions=pos, epoch_at=epoch_sorted)


def _epoch_after(epochs: Epochs, pos: np.ndarray) -> np.ndarray:
    """The epoch of the last timed sentence before each untimed one, -1 if none."""
    at = np.searchsorted(epochs.positions, pos) - 1
    return np.where(at >= 0, epochs.epoch_at[np.maximum(at, 0)], -1)


def _first(epochs: Epochs, epoch: np.ndarray, mask: np.ndarray,
           columns: Columns, names: tuple[str, ...]) -> tuple[np.ndarray, Columns]:
    """Per epoch: whether a sentence matches `mask`, and the first one's columns."""
    picked = np.flatnonzero(mask & (epoch >= 0))
    e = epoch[picked]
    first = picked[np.flatnonzero(np.diff(e, prepend=-1) != 0)]
    has = np.zeros(len(epochs), dtype=bool)
    has[epoch[first]] = True
    out = {}
    for name in names:
        values = np.full(len(epochs), np.nan)
        values[epoch[first]] = columns[name][first]
        out[name] = values
    return has, out


def _merge(sentences: dict[str, Columns], epochs: Epochs) -> Columns:
    """Per epoch: the fix flag and the canonical columns, by sentence priority."""
    position = ("lat", "lon")
    gga_cols = (*position, "altitude_m", "fix_quality", "satellites", "hdop")
    got: dict[str, tuple[np.ndarray, np.ndarray, Columns]] = {}
    for kind, names in (("GGA", gga_cols), ("RMC", (*position, "speed_mps",
                        "course_deg")), ("GLL", position)):
        s, e = sentences[kind], epochs.of[kind]
        any_, _ = _first(epochs, e, np.ones(len(e), dtype=bool), s, ())
        valid, cols = _first(epochs, e, s["valid"], s, names)
        got[kind] = (any_, valid, cols)
    gga_any, gga_ok, gga = got["GGA"]
    rmc_any, rmc_ok, rmc = got["RMC"]
    _, gll_ok, gll = got["GLL"]
    use_rmc = ~gga_any & rmc_any
    use_gll = ~gga_any & ~rmc_any
    fix = (gga_any & gga_ok) | (use_rmc & rmc_ok) | (use_gll & gll_ok)
    merged = {"fix": fix}
    for name in position:
        merged[name] = np.where(gga_any, gga[name],
                                np.where(use_rmc, rmc[name], gll[name]))
    # an empty field is no position, and neither is the 0 N 0 E some receivers fill in
    placed = ~np.isnan(merged["lat"]) & ~np.isnan(merged["lon"])
    merged["fix"] = fix & placed & ((merged["lat"] != 0) | (merged["lon"] != 0))
    for name in ("altitude_m", "fix_quality", "satellites", "hdop"):
        merged[name] = gga[name]
    for name in ("speed_mps", "course_deg"):
        merged[name] = np.where(rmc_ok, rmc[name], np.nan)
    return merged


def _days(sentences: dict[str, Columns], epochs: Epochs, *, name: str,
          date: Date | None) -> np.ndarray:
    """The date of every epoch, as days since 1970-01-01."""
    anchor = np.full(len(epochs), -1, dtype=np.int64)
    for kind in ("ZDA", "RMC"):          # RMC wins where an epoch has both
        s, e = sentences[kind], epochs.of[kind]
        trusted = s["valid"] & (s["day"] >= FIRST_TRUSTED_DAY) & (e >= 0)
        anchor[e[trusted][::-1]] = s["day"][trusted][::-1]
    step = np.diff(epochs.sod_us)
    rolled = (step < -HALF_DAY_US).astype(np.int64) - (step > HALF_DAY_US)
    offset = np.concatenate(([0], np.cumsum(rolled)))
    dated = anchor >= 0
    if not dated.any():
        if date is None:
            raise IngestError(_no_date_message(sentences, name))
        return np.datetime64(date, "D").astype(np.int64) + offset
    base = pd.Series(np.where(dated, anchor - offset, np.nan))
    base = base.ffill().bfill().to_numpy().astype(np.int64)
    return base + offset


def _no_date_message(sentences: dict[str, Columns], name: str) -> str:
    if len(sentences["RMC"]["pos"]) or len(sentences["ZDA"]["pos"]):
        return (f"{name}: no RMC or ZDA sentence carries a trusted date; "
                "pass --date YYYY-MM-DD")
    return (f"{name}: GGA sentences carry no date and the log has no RMC or ZDA; "
            "pass --date YYYY-MM-DD")


def _bad_lines(framing: Framing, sentences: dict[str, Columns]) -> dict[str, int]:
    counts: dict[str, int] = {}

    def add(reason: str, n: int) -> None:
        if n:
            counts[reason] = counts.get(reason, 0) + n

    add("not NMEA", len(framing.junk_lines))
    for code, reason in enumerate(REASONS):
        if code != OK:
            add(reason, int((framing.reason == code).sum()))
    known = np.isin(framing.kind, [_code(k) for k in PARSERS])
    add("unknown sentence", int(((framing.reason == OK) & ~known).sum()))
    for kind, s in sentences.items():
        add("bad field", int(s["malformed"].sum()))
        fine = ~s["malformed"]
        if kind in ("GGA", "RMC", "GLL"):
            add("no fix", int((fine & ~s["valid"]).sum()))
            add("bad field", int((fine & s["valid"] & (s["sod_us"] < 0)).sum()))
        if kind in ("RMC", "ZDA"):
            untrusted = fine & s["valid"] & (s["day"] < FIRST_TRUSTED_DAY)
            add("untrusted date", int(untrusted.sum()))
    return counts


def _warnings(sentences: dict[str, Columns], name: str) -> tuple[str, ...]:
    days = np.concatenate([sentences[k]["day"] for k in ("RMC", "ZDA")])
    early = days[(days >= 0) & (days < FIRST_TRUSTED_DAY)]
    if not len(early):
        return ()
    first = np.datetime64(int(early.min()), "D")
    return (f"{name}: {len(early)} sentence(s) dated before 1990 (such as {first}), "
            "as a receiver without almanac reports; those dates were not used",)


def _raise_first_bad(data: bytes, framing: Framing,
                     sentences: dict[str, Columns], name: str) -> None:
    found: list[tuple[int, str]] = []
    if len(framing.junk_lines):
        found.append((int(framing.junk_lines[0]), "not NMEA"))
    bad = np.flatnonzero(framing.reason != OK)
    if len(bad):
        found.append((int(framing.dollar[bad[0]]),
                      REASONS[framing.reason[bad[0]]]))
    for s in sentences.values():
        malformed = np.flatnonzero(s["malformed"])
        if len(malformed):
            found.append((int(s["pos"][malformed[0]]), "bad field"))
    if found:
        offset, reason = min(found)
        raise IngestError(f"{name}:{line_number(data, offset)}: {reason}")


def sentence_table(data: bytes, kind: str) -> pd.DataFrame:
    """The decoded fields of every well-framed `kind` sentence, one row each.

    For inspection and cross-checks: `pos` is the byte offset of the sentence, the
    other columns are the canonical values of `nmea_sentences` (NaN when missing).
    """
    if kind not in PARSERS:
        raise IngestError(f"unknown sentence type {kind!r}")
    return pd.DataFrame(_parse(data, frame(data), kind))
