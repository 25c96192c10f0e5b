"""Hold the archive's run lock for a command; a busy lock is exit status 3."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from newscrawl.cli.exits import CliError
from newscrawl.state import LockBusy, RunLock


@contextmanager
def archive_lock(out: Path) -> Iterator[RunLock]:
    """Hold ``out``'s lock while the block runs; raise CliError (status 3) if another run has it."""
    lock = RunLock.for_archive(Path(out))
    try:
        lock.acquire()
    except LockBusy as exc:
        raise CliError(str(exc), exc.exit_code) from exc
    try:
        yield lock
    finally:
        lock.release()
