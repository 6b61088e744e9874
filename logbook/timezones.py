"""An aerodrome's local time zone, from its country (for countries with one zone).

No network and no geometry: a small table covers where the logbook's pilots fly;
elsewhere callers fall back to the pilot's `timezone` setting.

>>> zone_of_country("GB")
'Europe/London'
>>> zone_of_country("US") is None
True
"""

from logbook.errors import LogbookError

# countries with a single time zone (IANA names)
COUNTRY_ZONES = {
    "GB": "Europe/London", "IE": "Europe/Dublin", "IM": "Europe/Isle_of_Man",
    "JE": "Europe/Jersey", "GG": "Europe/Guernsey", "FR": "Europe/Paris",
    "BE": "Europe/Brussels", "NL": "Europe/Amsterdam", "DE": "Europe/Berlin",
    "CH": "Europe/Zurich", "AT": "Europe/Vienna", "IT": "Europe/Rome",
    "ES": "Europe/Madrid", "DK": "Europe/Copenhagen", "NO": "Europe/Oslo",
    "SE": "Europe/Stockholm", "FI": "Europe/Helsinki", "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague", "GR": "Europe/Athens", "IS": "Atlantic/Reykjavik",
    "LU": "Europe/Luxembourg", "HU": "Europe/Budapest", "NZ": "Pacific/Auckland",
    "ZA": "Africa/Johannesburg",
}


def zone_of_country(country: str) -> str | None:
    """The zone of a country that has only one, else None."""
    return COUNTRY_ZONES.get(country.upper())


def airport_zone(ident: str | None) -> str | None:
    """The zone of an aerodrome (OurAirports ident), or None when unknown."""
    if not ident:
        return None
    from logbook.airports import default_db

    try:
        country = default_db().airport(ident).country
    except LogbookError:
        return None
    return zone_of_country(country) if country else None
