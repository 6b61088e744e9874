"""Entries as text: the `logbook entries` table, in UTC or the airport's local time."""

import functools
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from logbook.pilot.entries import Entry
from logbook.store.records import parse_utc
from logbook.timezones import airport_zone
from logbook.units import hhmm


def zone_finder(default_zone: str) -> Callable[[str | None], ZoneInfo]:
    """ident -> the airport's time zone (by its country), else the default one."""
    fallback = ZoneInfo(default_zone)

    @functools.cache
    def zone(ident: str | None) -> ZoneInfo:
        name = airport_zone(ident)
        return ZoneInfo(name) if name else fallback

    return zone


def clock(text: str | None, zone: ZoneInfo | None = None) -> str:
    """HH:MM of a UTC time, in a zone when given."""
    if text is None:
        return "--:--"
    moment: datetime = parse_utc(text)  # type: ignore[assignment]
    return (moment.astimezone(zone) if zone else moment).strftime("%H:%M")


def entries_table(entries: list[Entry],
                  zone: Callable[[str | None], ZoneInfo] | None = None) -> list[str]:
    """One line per entry; `zone` shows local times instead of UTC."""
    label = "local" if zone else "UTC"
    out = [f"{'id':>4}  {'date':<10}  {'from':<5} {'off':>5}  {'to':<5} {'on':>5}  "
           f"{'aircraft':<13} {'capacity':<10} {'total':>5} {'ldg d/n':>7} "
           f"{'night':>5}  remarks  ({label})"]
    for e in entries:
        off = clock(e.off_block_utc, zone(e.departure) if zone else None)
        on = clock(e.on_block_utc, zone(e.arrival) if zone else None)
        aircraft = f"{e.type or '?'} {e.registration or ''}".strip()
        flags = "".join([" unconfirmed" if not e.confirmed else "",
                         " FSTD" if e.fstd else "", " XC" if e.xc else "",
                         " (to countersign)" if e.needs_countersignature else ""])
        out.append(f"{e.id:>4}  {e.date:<10}  {e.departure or '?':<5} {off:>5}  "
                   f"{e.arrival or '?':<5} {on:>5}  {aircraft:<13} {e.capacity:<10} "
                   f"{hhmm(e.total_min):>5} {e.day_landings:>3}/{e.night_landings:<3} "
                   f"{hhmm(e.night_min):>5}  {e.remarks}{flags}")
    return out
