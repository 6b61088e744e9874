"""Telling track formats apart by their content (the file name only breaks ties).

A drop-in `sniff_format` for `logbook.ingest`: XML is GPX or KML by its root
element; an IGC file starts with an `A` record and has B records; a Garmin
G1000 / G3X log starts with `#airframe_info`; NMEA has `$GP..` sentences; a
NaviLink dump is named `.trk`/`.navilink` and a whole number of 32-byte records;
any other text whose header names time, latitude and longitude columns is CSV.
"""

import re

from logbook.errors import IngestError
from logbook.ingest.csv_track import find_header

_XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(gpx|kml)[\s>/]", re.IGNORECASE)
_IGC_A = re.compile(rb"A[A-Z0-9]{3}")
_IGC_B = re.compile(rb"^B\d{13}[NS]\d{8}[EW][AV]", re.MULTILINE)
_NMEA_TALKERS = (b"$GP", b"$GN", b"$GL", b"$GA", b"$GB", b"$BD", b"$GQ", b"$GI")
SNIFF_BYTES = 65536


def sniff_format(data: bytes, name: str = "") -> str | None:
    """The format of `data` judged by its content, or None if it is no track."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\x00")
    if head.startswith(b"<"):
        root = _XML_ROOT.search(head)
        return root.group(1).lower().decode("ascii") if root else None
    if name.lower().endswith((".trk", ".navilink")) and len(data) % 32 == 0:
        return "navilink"
    if _IGC_A.match(head) and _IGC_B.search(head):
        return "igc"
    if head.startswith(b"#airframe_info"):
        return "garmin_csv"
    if _looks_like_nmea(data):
        return "nmea"
    if _looks_like_csv(head):
        return "csv"
    return None


def _looks_like_nmea(data: bytes) -> bool:
    # a few sentence starts in the first 64 KiB; binary noise around them is fine
    sample = data[:SNIFF_BYTES]
    count = 0
    for talker in _NMEA_TALKERS:
        count += sample.count(talker)
        if count >= 2:
            return True
    return count >= 1 and len(data) < 256


def _looks_like_csv(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="replace")
    lines = text.splitlines()[:-1] or text.splitlines()   # the last may be cut
    try:
        find_header(lines, name="")
    except IngestError:
        return False
    return True
