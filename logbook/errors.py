"""The exceptions a user can act on; the CLI turns them into one ``Error:`` line."""


class LogbookError(Exception):
    """A problem the user can fix (bad file, unknown flight, missing date)."""


class IngestError(LogbookError):
    """A file or device could not be read as a track; the message starts with
    ``path:line:`` when the line is known."""


class TrackError(LogbookError):
    """A track's points break the schema in ``logbook.track``."""


class StoreError(LogbookError):
    """The logbook file cannot be used, or an id names nothing in it."""


class DeviceError(LogbookError):
    """A serial device did not answer or went away."""
