"""One crawl per archive at a time: an ``flock`` on ``<out>/.newscrawl/lock``.

The kernel drops an ``flock`` when its holder exits, however it exits, so a
crashed run never blocks the next one and the lock file is never removed
(removing it would let two runs lock two different files). The holder writes
its pid and start time into the file so a refused run can say who holds it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.exits import EXIT_LOCKED
from newscrawl.state.store import STATE_DIR

logger = logging.getLogger(__name__)

LOCK_FILE = "lock"



class LockBusy(Exception):
    """Another run holds the archive's lock."""

    exit_code = EXIT_LOCKED

    def __init__(self, archive: Path, pid: int | None, started: str | None) -> None:
        self.archive = archive
        self.pid = pid
        self.started = started
        holder = f"pid {pid}" if pid is not None else "an unknown process"
        since = f", running since {started}" if started else ""
        super().__init__(
            f"another newscrawl run is already writing to {archive} "
            f"({holder}{since}); not starting a second one"
        )


def default_lock_path(out: Path) -> Path:
    """Return the lock file's place inside the archive ``out``."""
    return Path(out) / STATE_DIR / LOCK_FILE


class RunLock:
    """An exclusive, non-blocking lock on one archive."""

    def __init__(self, path: Path) -> None:
        """Prepare the lock at ``path`` (nothing is locked until ``acquire``)."""
        self.path = Path(path)
        self._fd: int | None = None

    @classmethod
    def for_archive(cls, out: Path) -> RunLock:
        """Return the lock at the default place inside archive ``out``."""
        return cls(default_lock_path(out))

    @property
    def archive(self) -> Path:
        """Return the archive this lock guards (the folder above ``.newscrawl``)."""
        parent = self.path.parent
        return parent.parent if parent.name == STATE_DIR else parent

    @property
    def held(self) -> bool:
        """Return whether this object currently holds the lock."""
        return self._fd is not None

    def acquire(self, *, now: datetime | None = None) -> None:
        """Take the lock at once; raise ``LockBusy`` if another run holds it."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LockBusy(self.archive, *holder) from None
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        _write_holder(fd, now or datetime.now(timezone.utc))
        logger.debug("locked %s", self.path)

    def release(self) -> None:
        """Give the lock up; doing so twice is harmless."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
        logger.debug("unlocked %s", self.path)

    close = release

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _write_holder(fd: int, started: datetime) -> None:
    """Write this process's pid and start time into the locked file."""
    record = json.dumps({"pid": os.getpid(), "started": started.isoformat()})
    os.ftruncate(fd, 0)
    os.pwrite(fd, (record + "\n").encode("utf-8"), 0)


def _read_holder(fd: int) -> tuple[int | None, str | None]:
    """Return the holder's pid and start time from the lock file, if readable."""
    try:
        raw = os.pread(fd, 4096, 0).decode("utf-8")
        record = json.loads(raw)
        return int(record["pid"]), str(record["started"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        # The holder may be between truncating and writing; say what we can.
        return None, None
