"""What every part of the store shares: the connection and the sqlite-utils view."""

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class StoreBase:
    """The connection the query mixins of `Logbook` work on."""

    conn: sqlite3.Connection

    @property
    def db(self) -> "sqlite_utils.Database":
        raise NotImplementedError  # Logbook provides it
