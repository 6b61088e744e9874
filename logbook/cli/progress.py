"""Progress shown on standard error while an import or a download runs.

Only on a terminal: piped or captured output gets the result lines alone.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# below this much input a bar would only flicker
SHOW_FROM_BYTES = 2_000_000


@contextmanager
def file_progress() -> Iterator[Callable[[Path, int, int], None]]:
    """A callback `(path, bytes_done, bytes_total)` that draws a bar over the bytes."""
    if not sys.stderr.isatty():
        yield lambda path, done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("importing", visible=False)

        def update(path: Path, done: int, total: int) -> None:
            bar.update(task, description=path.name, completed=done, total=total,
                       visible=total >= SHOW_FROM_BYTES)

        yield update


@contextmanager
def status_line() -> Iterator[Callable[[str], None]]:
    """A callback that shows the latest status of a device on one line."""
    if not sys.stderr.isatty():
        yield lambda text: None
        return
    from rich.console import Console

    with Console(stderr=True).status("connecting") as status:
        yield lambda text: status.update(text)
