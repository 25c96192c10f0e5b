"""The pictures an archive keeps, as the state knows them: which URL is which file, which are refused.

A picture is known by the URL it was fetched from (exactly as the page
wrote it: a query can name another picture). Many URLs may share one file
(the same bytes); a file is named by its content (``archive/pictures.py``).
A picture refused for good (its bytes are no picture, it is too large,
robots.txt forbids it, its server says it is gone) is not asked for again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from newscrawl.state import records

PICTURE_TRIES = 3  # runs in a row that try to keep an article's missing pictures (its page fetched again)


@dataclass(frozen=True)
class PictureRecord:
    """One kept picture: its URL, its file under the images folder, its size and dimensions."""

    url: str
    file: str
    size: int
    width: int | None
    height: int | None


class PicturesTable:
    """The ``pictures`` table, mixed into :class:`~newscrawl.state.store.StateStore` (same connection)."""

    _conn: sqlite3.Connection

    def lookup_picture(self, url: str) -> PictureRecord | None:
        """Return the kept picture fetched from ``url``, or None when the archive has none."""
        row = self._conn.execute("SELECT url, file, bytes, width, height FROM pictures WHERE url = ?",
                                 (url,)).fetchone()
        return PictureRecord(*row) if row else None

    def record_picture(self, url: str, file: str, size: int, width: int | None = None, height: int | None = None,
                       *, now: datetime | None = None) -> None:
        """Remember that the picture at ``url`` is kept as ``file`` (the latest fetch wins)."""
        self._conn.execute(
            "INSERT INTO pictures (url, file, bytes, width, height, kept) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET file = excluded.file, bytes = excluded.bytes, "
            "width = excluded.width, height = excluded.height, kept = excluded.kept",
            (url, file, size, width, height, records.utc_text(records.now_or_utc(now))),
        )

    def record_refused_picture(self, url: str, reason: str, *, now: datetime | None = None) -> None:
        """Remember that the picture at ``url`` cannot be kept, and why (no picture, too large, gone …)."""
        self._conn.execute(
            "INSERT INTO refused_pictures (url, reason, refused) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET reason = excluded.reason, refused = excluded.refused",
            (url, reason, records.utc_text(records.now_or_utc(now))))

    def refused_picture(self, url: str) -> str | None:
        """Return why the picture at ``url`` cannot be kept, or None when it was never refused for good."""
        row = self._conn.execute("SELECT reason FROM refused_pictures WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def forget_pictures(self, files: Iterable[str]) -> int:
        """Forget every URL kept as one of ``files`` (their files are gone); return how many."""
        names = list(files)
        count = 0
        for start in range(0, len(names), 500):  # SQLite's limit on bound values
            chunk = names[start:start + 500]
            cursor = self._conn.execute(
                f"DELETE FROM pictures WHERE file IN ({', '.join('?' * len(chunk))})", chunk)
            count += cursor.rowcount
        return count
