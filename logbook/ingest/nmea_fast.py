"""Vectorised NMEA framing: find, check and slice sentences in a whole byte buffer.

The buffer is never split into Python lines. numpy finds the candidate sentences
(a `$` up to the next `$`, line end or non-printable byte), verifies each checksum
with a prefix XOR, and classifies every candidate; `pandas.read_csv` then parses the
numeric fields of the sentences of one type in a single call.
"""

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

# reasons a candidate sentence or a line is refused; index = code in Framing.reason
OK, TRUNCATED, BAD_CHECKSUM = 0, 1, 2
REASONS = ("", "truncated", "bad checksum")

_HEX = np.full(256, 255, dtype=np.uint8)
for _i, _c in enumerate(b"0123456789ABCDEF"):
    _HEX[_c] = _i
for _i, _c in enumerate(b"abcdef"):
    _HEX[_c] = 10 + _i

_DOLLAR, _STAR, _COMMA, _CR, _LF = 36, 42, 44, 13, 10
_BLOCK = 1 << 18                # bytes per block: fits a CPU cache


def type_code(kind: str) -> int:
    """The integer code of a three-letter sentence type such as "GGA"."""
    a, b, c = kind.encode("ascii")
    return (a << 16) | (b << 8) | c


@dataclass(frozen=True)
class Framing:
    """Every candidate sentence of a buffer, in stream order."""

    dollar: np.ndarray   # offset of the `$`
    star: np.ndarray     # offset of the `*` (meaningful where reason == OK)
    reason: np.ndarray   # OK, TRUNCATED or BAD_CHECKSUM
    kind: np.ndarray     # type_code of the sentence type, -1 if no `$ttKKK,` address
    junk_lines: np.ndarray  # start offsets of lines holding no `$` at all


def frame(data: bytes) -> Framing:
    """Find the candidate sentences in `data` and check their checksums."""
    buf = np.frombuffer(data, dtype=np.uint8)
    n = len(buf)
    stops = _stops(buf)
    stop_bytes = buf[stops]
    is_dollar = stop_bytes == _DOLLAR
    which = np.flatnonzero(is_dollar)
    dollar = stops[which]
    seg_end = np.append(stops, n)[which + 1]
    keep = seg_end - dollar > 1            # a lone `$` (as in `$$GPGGA`) is no sentence
    is_line_end = (stop_bytes == _LF) | (stop_bytes == _CR)
    junk = _junk_lines(buf, stops, is_line_end, np.cumsum(is_dollar))
    dollar, seg_end = dollar[keep], seg_end[keep]
    star, reason = _check(data, buf, dollar, seg_end)
    return Framing(dollar=dollar, star=star, reason=reason,
                   kind=_kinds(buf, dollar, seg_end), junk_lines=junk)


def _stops(buf: np.ndarray) -> np.ndarray:
    """Offsets of every `$` and non-printable byte (line ends included).

    Works through the buffer in blocks that stay in the CPU cache: temporaries the
    size of a 70 MB file cost more in page faults than the comparisons themselves.
    """
    size = min(len(buf), _BLOCK)
    shifted = np.empty(size, dtype=np.uint8)
    mask, dollar = np.empty(size, dtype=bool), np.empty(size, dtype=bool)
    parts = [np.empty(0, dtype=np.int64)]
    for offset in range(0, len(buf), _BLOCK):
        block = buf[offset:offset + _BLOCK]
        k = len(block)
        np.subtract(block, np.uint8(32), out=shifted[:k])
        np.greater(shifted[:k], 94, out=mask[:k])          # below 32 or above 126
        np.equal(block, _DOLLAR, out=dollar[:k])
        np.logical_or(mask[:k], dollar[:k], out=mask[:k])
        parts.append(np.flatnonzero(mask[:k]) + offset)
    return np.concatenate(parts)


def _find_stars(data: bytes, buf: np.ndarray, dollar: np.ndarray,
                seg_end: np.ndarray) -> np.ndarray:
    """The first `*` after each `$`; most sentences end `*hh` right at seg_end."""
    star = np.maximum(seg_end - 3, dollar)
    odd = np.flatnonzero(buf[star] != _STAR)
    found = [data.find(b"*", d, e) for d, e in
             zip(dollar[odd].tolist(), seg_end[odd].tolist(), strict=True)]
    star[odd] = np.where(np.array(found, dtype=np.int64) >= 0, found, seg_end[odd])
    return star


def _check(data: bytes, buf: np.ndarray, dollar: np.ndarray,
           seg_end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    star = _find_stars(data, buf, dollar, seg_end)
    framed = star + 2 < seg_end            # `*` and two more bytes inside the sentence
    reason = np.full(len(dollar), TRUNCATED, dtype=np.int8)
    if not framed.any():
        return star, reason
    d, s = dollar[framed], star[framed]
    hi, lo = _HEX[buf[s + 1]], _HEX[buf[s + 2]]
    hex_ok = (hi < 16) & (lo < 16)
    good = hex_ok & (xor_between(buf, d + 1, s) == (hi << 4 | lo))
    reason[framed] = np.where(good, OK, np.where(hex_ok, BAD_CHECKSUM, TRUNCATED))
    return star, reason


def xor_between(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """XOR of buf[start:end] for each ordered, non-overlapping (start, end) pair."""
    if len(starts) == 0:
        return np.empty(0, dtype=np.uint8)
    bounds = np.empty(2 * len(starts), dtype=np.int64)
    bounds[0::2], bounds[1::2] = starts, ends
    out = np.bitwise_xor.reduceat(buf, bounds)[0::2]
    return np.where(ends > starts, out, 0).astype(np.uint8)


def _kinds(buf: np.ndarray, dollar: np.ndarray, seg_end: np.ndarray) -> np.ndarray:
    kind = np.full(len(dollar), -1, dtype=np.int64)
    has_address = dollar + 6 < seg_end
    d = dollar[has_address]
    tag = [buf[d + i].astype(np.int64) for i in range(1, 7)]
    upper = [(t >= 65) & (t <= 90) for t in tag[:5]]
    ok = upper[0] & upper[1] & upper[2] & upper[3] & upper[4] & (tag[5] == _COMMA)
    code = (tag[2] << 16) | (tag[3] << 8) | tag[4]
    kind[has_address] = np.where(ok, code, -1)
    return kind


def _junk_lines(buf: np.ndarray, stops: np.ndarray, is_line_end: np.ndarray,
                dollars_upto: np.ndarray) -> np.ndarray:
    """Start offsets of the non-empty lines with no `$`, comments (`#`) aside."""
    ends_at = np.flatnonzero(is_line_end)
    ends = np.append(stops[ends_at], len(buf))
    starts = np.concatenate(([0], ends[:-1] + 1))
    seen = np.concatenate(([0], dollars_upto))      # dollars before stop k
    count_at_end = np.append(seen[ends_at], seen[-1])
    count_at_start = np.concatenate(([0], seen[ends_at]))
    no_dollar = (count_at_end == count_at_start) & (ends > starts)
    starts = starts[no_dollar]
    return starts[buf[starts] != ord("#")]


def line_number(data: bytes, offset: int) -> int:
    """The 1-based line of `offset`, counting LF, CRLF and lone CR as line ends."""
    head = data[:offset].replace(b"\r\n", b"\n")
    return head.count(b"\n") + head.count(b"\r") + 1


@dataclass(frozen=True)
class Fields:
    """The fields of the sentences of one type, between `$ttKKK,` and `*`."""

    text: np.ndarray     # the bodies joined by `\n`, as bytes
    starts: np.ndarray   # offset of each body in text
    ends: np.ndarray     # offset just past each body
    commas: np.ndarray   # offsets of all commas in text, then a guard entry
    first: np.ndarray    # index in commas of each body's first comma
    count: np.ndarray    # commas in each body (fields - 1)

    def bounds(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Start and end offsets of field k (0 = the first after the address)."""
        last = len(self.commas) - 1            # the guard, for clipped indices
        if k == 0:
            start = self.starts
        else:
            at = np.minimum(self.first + k - 1, last)
            start = np.where(self.count >= k, self.commas[at] + 1, self.ends)
        at = np.minimum(self.first + k, last)
        end = np.where(self.count > k, self.commas[at], self.ends)
        return start, end

    def width(self, k: int) -> np.ndarray:
        """Characters in field k of each sentence; 0 when empty or absent."""
        start, end = self.bounds(k)
        return end - start

    def letter(self, k: int) -> np.ndarray:
        """The byte of a one-character field k, 0 when it is empty or longer."""
        start, end = self.bounds(k)
        single = end - start == 1
        out = np.zeros(len(start), dtype=np.uint8)
        out[single] = self.text[start[single]]
        return out

    def numbers(self, columns: list[int]) -> dict[int, np.ndarray]:
        """Fields as float64 by column index; empty or malformed fields are NaN."""
        if len(self.starts) == 0:
            return {k: np.empty(0) for k in columns}
        names = list(range(int(self.count.max()) + 1))
        used = [k for k in columns if k in names]
        raw = self.text.tobytes()
        try:
            frame = _read(raw, names, used, "float64")
        except ValueError:
            text = _read(raw, names, used, "object")
            frame = text.apply(pd.to_numeric, errors="coerce")
        if len(frame) != len(self.starts):
            raise AssertionError("field table out of step with sentences")
        nan = np.full(len(self.starts), np.nan)
        return {k: frame[k].to_numpy(dtype="float64") if k in used else nan
                for k in columns}


def _read(raw: bytes, names: list[int], used: list[int], dtype: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), header=None, names=names, usecols=used,
                       dtype=dict.fromkeys(used, dtype), quoting=3,
                       skip_blank_lines=False, engine="c")


def fields(data: bytes, framing: Framing, which: np.ndarray) -> Fields:
    """The field table of the candidate sentences at indices `which`."""
    starts_in = (framing.dollar[which] + 7).tolist()
    ends_in = framing.star[which].tolist()
    joined = b"\n".join(map(data.__getitem__, map(slice, starts_in, ends_in)))
    text = np.frombuffer(joined, dtype=np.uint8)
    length = framing.star[which] - framing.dollar[which] - 7
    starts = (np.cumsum(length + 1) - (length + 1)).astype(np.int64)
    ends = starts + length
    commas = np.flatnonzero(text == _COMMA)
    first = np.searchsorted(commas, starts)
    count = np.searchsorted(commas, ends) - first
    return Fields(text=text, starts=starts, ends=ends, commas=np.append(commas, 0),
                  first=first, count=count)
