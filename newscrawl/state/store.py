"""The crawl state beside the archive: URLs seen, articles written, runs.

One SQLite file (WAL mode) per archive, by default
``<out>/.newscrawl/state.sqlite``. An article's key is its canonical URL
(exceptions: a pruned post the store never knew the URL of is keyed
``"path:<path>"``; an article a version-2 store keyed ``<site>:<id>`` keeps
that key when another article has its URL). URLs are stored in canonical
form (see :mod:`newscrawl.state.canonical`); post paths are relative to the
archive root. Every ``now`` is an aware
``datetime`` and defaults to the current UTC time.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path, PurePath
from typing import Any

from newscrawl.state import records
from newscrawl.state.canonical import canonical_url
from newscrawl.state.pictures import PICTURE_TRIES, PicturesTable
from newscrawl.state.records import ArticleRecord, DroppedRecord, RunRecord
from newscrawl.state.schema import open_database

logger = logging.getLogger(__name__)

STATE_DIR = ".newscrawl"
STATE_FILE = "state.sqlite"
TOMBSTONE_PREFIX = "path:"  # key of a pruned post the store never knew


def _recheck_from(published: str | None, first_seen: str | None, pruned: str | None,
                  zone) -> datetime | None:
    """Return when an archived article's re-check window starts (publication, else first seen); None: never."""
    if pruned is not None or first_seen is None:
        return None
    published = records.parse_published(published)
    if published is not None:
        return records.latest_moment(published, zone)
    return records.parse_moment(first_seen)


def default_state_path(out: Path) -> Path:
    """Return the state file's default place inside the archive ``out``."""
    return Path(out) / STATE_DIR / STATE_FILE


class StateStore(PicturesTable):
    """Read and write the crawl state kept in one SQLite file (its pictures: :class:`PicturesTable`).

    One connection, used from the thread that opened the store (Scrapy's
    reactor thread); open one store per thread otherwise.
    """

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        """Open (creating folders and schema as needed) the state at ``path``.

        Raises ``StateError`` when the file is not a usable state database.
        """
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = open_database(self.path, timeout)
        logger.debug("opened state %s", self.path)

    @classmethod
    def for_archive(cls, out: Path) -> StateStore:
        """Open the state kept at the default place inside archive ``out``."""
        return cls(default_state_path(out))

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the enclosed statements as one write transaction."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # URLs

    def is_known(self, url: str) -> bool:
        """Return whether the URL's canonical form has been recorded."""
        row = self._conn.execute(
            "SELECT 1 FROM urls WHERE canonical = ?", (canonical_url(url),)
        ).fetchone()
        return row is not None

    def should_fetch(self, url: str, now: datetime, recheck_hours: float | None) -> bool:
        """Return whether a crawl should fetch ``url`` now.

        Unknown URLs are fetched; pruned articles never are; other known
        URLs only when their article was published (or, lacking a date,
        first seen) within the last ``recheck_hours``. Raises ``ValueError``
        for a URL that is not absolute http(s) or a naive ``now``.
        """
        now = records.require_aware(now, "now")
        row = self._conn.execute(
            "SELECT a.published, a.first_seen, a.pruned FROM urls u "
            "LEFT JOIN articles a ON a.key = u.article_key WHERE u.canonical = ?",
            (canonical_url(url),),
        ).fetchone()
        if row is None:
            return True
        published, first_seen, pruned = row
        if pruned is not None:
            return False
        return records.due_for_recheck(records.parse_published(published), records.parse_moment(first_seen),
                                       now, recheck_hours)

    def archived_urls(self, zone=timezone.utc) -> Iterator[tuple[str, datetime | None, str | None, str | None]]:
        """Yield each known URL (canonical) with when its re-check window starts, its post's path and publication.

        The publication is the stored text (a bare day or an ISO moment; None: not known).

        A moment of None means never fetch it again (pruned, or known without
        an article); :meth:`should_fetch` applies the same rule. An article
        whose post links pictures not kept is left out: it is due
        (``plan_fetch``). Rows are read as they are yielded, so memory stays
        flat however large the archive.
        """
        cursor = self._conn.execute(
            "SELECT u.canonical, a.published, a.first_seen, a.pruned, a.path FROM urls u "
            "LEFT JOIN articles a ON a.key = u.article_key "
            "WHERE COALESCE(a.pictures_missing, 0) = 0 OR a.picture_tries >= ? OR a.pruned IS NOT NULL",
            (PICTURE_TRIES,))
        for canonical, published, first_seen, pruned, path in cursor:
            yield canonical, _recheck_from(published, first_seen, pruned, zone), path, published

    def dropped_urls(self) -> Iterator[str]:
        """Yield the canonical URL of each remembered drop, read as yielded."""
        for (canonical,) in self._conn.execute("SELECT canonical FROM dropped"):
            yield canonical

    def record_url(self, url: str, article_key: str | None = None, *,
                   now: datetime | None = None) -> None:
        """Record that ``url`` was seen, leading to ``article_key`` if given."""
        with self._transaction() as conn:
            self._record_url(conn, url, article_key, records.utc_text(records.now_or_utc(now)))

    @staticmethod
    def _record_url(conn: sqlite3.Connection, url: str, key: str | None, seen: str) -> None:
        """Insert or refresh one ``urls`` row inside a transaction."""
        conn.execute(
            "INSERT INTO urls (canonical, article_key, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (canonical) DO UPDATE SET "
            "article_key = COALESCE(excluded.article_key, urls.article_key), "
            "last_seen = excluded.last_seen",
            (canonical_url(url), key, seen, seen),
        )

    # Articles

    def lookup_article(self, key: str) -> ArticleRecord | None:
        """Return the article stored under ``key``, or ``None`` if unknown."""
        return self._one_article("key = ?", key)

    def find_by_fingerprint(self, fingerprint: str) -> ArticleRecord | None:
        """Return the first-seen article with this content fingerprint, or ``None``."""
        return self._one_article("fingerprint = ? ORDER BY first_seen, key", fingerprint)

    def find_by_path(self, path: str | PurePath) -> ArticleRecord | None:
        """Return the most recently written article at ``path``, or ``None``."""
        return self._one_article("path = ? ORDER BY updated DESC, key", records.path_text(path))

    def _one_article(self, where: str, value: str) -> ArticleRecord | None:
        """Return the first article matching ``where``, or ``None``."""
        row = self._conn.execute(
            f"SELECT {records.ARTICLE_COLUMNS} FROM articles WHERE {where} LIMIT 1",
            (value,),
        ).fetchone()
        return records.article_from_row(row) if row else None

    def upsert_article(self, key: str, url: str, fingerprint: str, path: str | PurePath,
                       published: datetime | date | None, *, etag: str | None = None,
                       last_modified: str | None = None, rendered: str | None = None,
                       source_fields: Mapping[str, Any] | None = None, aliases: Iterable[str] = (),
                       pictures_missing: int = 0, now: datetime | None = None) -> None:
        """Store the article under ``key`` (checked now), link its URL and ``aliases`` to it and forget any drop of it.

        ``updated`` moves only when the fingerprint or path changes; a known
        ``published`` is not erased by ``None``; a pruned mark stays. ``etag``
        and ``last_modified`` replace the stored validators; ``rendered`` (the
        hash of the post newscrawl wrote) and ``source_fields`` (what the
        story's listing, feed or API gave) are kept when ``None`` is given.
        ``aliases`` are other URLs that led to the page (a redirect's first).
        ``pictures_missing`` replaces the count of pictures the post links
        because keeping them failed (a count above 0 adds a try).
        """
        stamp = records.utc_text(records.now_or_utc(now))
        fields = (json.dumps(dict(source_fields), ensure_ascii=False, sort_keys=True)
                  if source_fields is not None else None)
        values = (key, url, fingerprint, records.path_text(path),
                  records.published_text(published), stamp, stamp, etag, last_modified, stamp, rendered,
                  pictures_missing, 1 if pictures_missing else 0, fields)
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO articles (key, url, fingerprint, path, published, first_seen, updated, "
                "etag, last_modified, checked, rendered, pictures_missing, picture_tries, source_fields) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "updated = CASE WHEN articles.fingerprint = excluded.fingerprint "
                "AND articles.path = excluded.path THEN articles.updated "
                "ELSE excluded.updated END, "
                "url = excluded.url, fingerprint = excluded.fingerprint, "
                "path = excluded.path, "
                "published = COALESCE(excluded.published, articles.published), "
                "etag = excluded.etag, last_modified = excluded.last_modified, checked = excluded.checked, "
                "rendered = COALESCE(excluded.rendered, articles.rendered), "
                "pictures_missing = excluded.pictures_missing, "
                "picture_tries = CASE WHEN excluded.pictures_missing > 0 THEN articles.picture_tries + 1 ELSE 0 END, "
                "source_fields = COALESCE(excluded.source_fields, articles.source_fields)",
                values,
            )
            for link in (url, *aliases):
                self._record_url(conn, link, key, stamp)
                conn.execute("DELETE FROM dropped WHERE canonical = ?", (canonical_url(link),))

    def story_key(self, urls: Iterable[str]) -> str | None:
        """Return the key of the stored article the first of ``urls`` that leads to one leads to; None if none does."""
        for url in urls:
            _, record = self.lookup_url(url)
            if record is not None:
                return record.key
        return None

    def lookup_url(self, url: str) -> tuple[bool, ArticleRecord | None]:
        """Return whether ``url`` was seen, and the article it leads to (``None`` when it leads to none)."""
        row = self._conn.execute(
            "SELECT u.article_key FROM urls u WHERE u.canonical = ?", (canonical_url(url),)
        ).fetchone()
        if row is None:
            return False, None
        return True, self.lookup_article(row[0]) if row[0] else None

    def mark_checked(self, url: str, *, now: datetime | None = None) -> None:
        """Note that the article at ``url`` was re-checked and found unchanged (a 304)."""
        _, record = self.lookup_url(url)
        if record is not None:
            self._conn.execute("UPDATE articles SET checked = ? WHERE key = ?",
                               (records.utc_text(records.now_or_utc(now)), record.key))

    # Dropped pages

    def record_dropped(self, url: str, reason: str, *, now: datetime | None = None) -> None:
        """Remember that ``url`` could not become a post, and why (the latest drop wins)."""
        self._conn.execute(
            "INSERT INTO dropped (canonical, url, reason, dropped) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (canonical) DO UPDATE SET url = excluded.url, reason = excluded.reason, "
            "dropped = excluded.dropped",
            (canonical_url(url), url, reason, records.utc_text(records.now_or_utc(now))),
        )

    def lookup_dropped(self, url: str) -> DroppedRecord | None:
        """Return the remembered drop of ``url``, or ``None``."""
        row = self._conn.execute(
            "SELECT url, reason, dropped FROM dropped WHERE canonical = ?", (canonical_url(url),)
        ).fetchone()
        return DroppedRecord(row[0], row[1], records.parse_moment(row[2])) if row else None

    # Retention

    def mark_pruned(self, key: str, *, now: datetime | None = None) -> None:
        """Mark the article as removed by retention; ``KeyError`` if unknown."""
        cursor = self._conn.execute(
            "UPDATE articles SET pruned = COALESCE(pruned, ?) WHERE key = ?",
            (records.utc_text(records.now_or_utc(now)), key),
        )
        if cursor.rowcount == 0:
            raise KeyError(f"no article {key!r} in {self.path}")
        logger.debug("marked %s pruned", key)

    def mark_path_pruned(self, path: str | PurePath, *, now: datetime | None = None,
                         url: str | None = None) -> str:
        """Mark the post at ``path`` pruned and return its article key.

        A post the store never recorded (say, from an older system) is
        recorded pruned under its original ``url`` when that is given (and no
        other article has it), so that its story is never fetched again and
        other stories may still take names of their own; else it gets a
        tombstone keyed ``"path:<path>"``, which no new story's plain name may
        take (:func:`newscrawl.state.decide_write`).
        """
        record = self.find_by_path(path)
        if record is not None:
            self.mark_pruned(record.key, now=now)
            return record.key
        key = self._free_url_key(url)
        if key is not None:
            self.upsert_article(key, url, "", path, None, now=now)
            self.mark_pruned(key, now=now)
            return key
        stamp = records.utc_text(records.now_or_utc(now))
        key = TOMBSTONE_PREFIX + records.path_text(path)
        self._conn.execute(
            "INSERT INTO articles (key, url, fingerprint, path, published, first_seen, updated, pruned) "
            "VALUES (?, '', '', ?, NULL, ?, ?, ?)",
            (key, records.path_text(path), stamp, stamp, stamp),
        )
        return key

    def _free_url_key(self, url: str | None) -> str | None:
        """Return the canonical form of ``url`` when it can key an article no other article has; else None."""
        try:
            key = canonical_url(url) if url else None
        except ValueError:
            return None
        return key if key is not None and self.lookup_article(key) is None else None

    def is_pruned(self, key: str) -> bool:
        """Return whether retention removed the article under ``key``."""
        record = self.lookup_article(key)
        return record is not None and record.is_pruned

    # Runs

    def start_run(self, info: Mapping[str, Any] | list[str], *,
                  now: datetime | None = None) -> int:
        """Record a run as started (``info``: argv or a JSON-able dict); return its id."""
        cursor = self._conn.execute(
            "INSERT INTO runs (started, status, info) VALUES (?, 'running', ?)",
            (records.utc_text(records.now_or_utc(now)), json.dumps(info, ensure_ascii=False, default=str)),
        )
        return cursor.lastrowid

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int], *,
                   now: datetime | None = None) -> None:
        """Record how run ``run_id`` ended; ``KeyError`` if there is no such run."""
        cursor = self._conn.execute(
            "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
            (records.utc_text(records.now_or_utc(now)), status, json.dumps(dict(counts)), run_id),
        )
        if cursor.rowcount == 0:
            raise KeyError(f"no run {run_id} in {self.path}")

    def recent_runs(self, n: int = 10) -> list[RunRecord]:
        """Return up to ``n`` runs, newest first."""
        rows = self._conn.execute(
            f"SELECT {records.RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?", (n,)
        ).fetchall()
        return [records.run_from_row(row) for row in rows]
