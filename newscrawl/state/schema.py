"""Open the state database and keep its schema current (``PRAGMA user_version``).

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; the
current version is ``len(MIGRATIONS)``. To change the schema, append a
migration; never edit one that has shipped.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from newscrawl.state.canonical import canonical_url

logger = logging.getLogger(__name__)


class StateError(Exception):
    """The state database cannot be used (newer schema, corrupt file, …)."""


def _create_v1(conn: sqlite3.Connection) -> None:
    """Create the first schema: URLs seen, articles, runs."""
    conn.execute(
        """CREATE TABLE urls (
            canonical   TEXT PRIMARY KEY,
            article_key TEXT,
            first_seen  TEXT NOT NULL,
            last_seen   TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX urls_article ON urls(article_key)")
    conn.execute(
        """CREATE TABLE articles (
            key         TEXT PRIMARY KEY,
            url         TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            path        TEXT NOT NULL,
            published   TEXT,
            first_seen  TEXT NOT NULL,
            updated     TEXT NOT NULL,
            pruned      TEXT
        )"""
    )
    conn.execute("CREATE INDEX articles_fingerprint ON articles(fingerprint)")
    conn.execute("CREATE INDEX articles_path ON articles(path)")
    conn.execute(
        """CREATE TABLE runs (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            started  TEXT NOT NULL,
            finished TEXT,
            status   TEXT NOT NULL,
            info     TEXT NOT NULL,
            counts   TEXT
        )"""
    )


def _rechecks_v2(conn: sqlite3.Connection) -> None:
    """Add what re-checks and drops need: validators, check and render marks, dropped URLs."""
    for column in ("etag", "last_modified", "checked", "rendered"):
        conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    conn.execute(
        """CREATE TABLE dropped (
            canonical TEXT PRIMARY KEY,
            url       TEXT NOT NULL,
            reason    TEXT NOT NULL,
            dropped   TEXT NOT NULL
        )"""
    )


def _urls_as_keys_v3(conn: sqlite3.Connection) -> None:
    """Key each article by its canonical URL instead of ``<site>:<id>``; forget what only the id rules made.

    Version 2 took two stories that share an id for one: the later was dropped
    as a "duplicate" (one run) or written over the first's post (later runs),
    the first's URL staying linked to the article. Those drops are forgotten,
    and so are the links of URLs to an article with another URL, so that the
    next crawl fetches each such URL once more: a lost story becomes a post of
    its own, a real copy is found a copy again by its text. Posts, their
    paths and every other row stay as they are; an article whose URL another
    article already has as its key (or a tombstone, which has no URL) keeps
    its old key.
    """
    taken = {key for (key,) in conn.execute("SELECT key FROM articles")}
    rows = conn.execute("SELECT key, url FROM articles WHERE url <> '' ORDER BY first_seen, key").fetchall()
    for key, url in rows:
        try:
            new = canonical_url(url)
        except ValueError:
            continue
        if new in taken:
            continue
        taken.add(new)
        conn.execute("UPDATE articles SET key = ? WHERE key = ?", (new, key))
        conn.execute("DELETE FROM urls WHERE article_key = ? AND canonical <> ?", (key, new))
        conn.execute("INSERT INTO urls (canonical, article_key, first_seen, last_seen) "
                     "SELECT ?, ?, first_seen, updated FROM articles WHERE key = ? "
                     "ON CONFLICT (canonical) DO UPDATE SET article_key = excluded.article_key", (new, new, new))
    conn.execute("DELETE FROM dropped WHERE reason LIKE 'duplicate: same story as %' "
                 "OR reason LIKE 'path % already holds %'")


def _pictures_v4(conn: sqlite3.Connection) -> None:
    """Add the pictures kept in the archive (by URL), those refused for good (not pictures, too large,
    forbidden, gone), each article's count of pictures not kept and how many runs in a row tried them."""
    conn.execute(
        """CREATE TABLE pictures (
            url    TEXT PRIMARY KEY,
            file   TEXT NOT NULL,
            bytes  INTEGER NOT NULL,
            width  INTEGER,
            height INTEGER,
            kept   TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX pictures_file ON pictures(file)")
    conn.execute(
        """CREATE TABLE refused_pictures (
            url     TEXT PRIMARY KEY,
            reason  TEXT NOT NULL,
            refused TEXT NOT NULL
        )"""
    )
    conn.execute("ALTER TABLE articles ADD COLUMN pictures_missing INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE articles ADD COLUMN picture_tries INTEGER NOT NULL DEFAULT 0")


def _source_fields_v5(conn: sqlite3.Connection) -> None:
    """Keep the fields each story's source gave (section, category …), JSON; NULL for articles stored before."""
    conn.execute("ALTER TABLE articles ADD COLUMN source_fields TEXT")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1, _rechecks_v2, _urls_as_keys_v3, _pictures_v4,
                                                          _source_fields_v5]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the database to ``SCHEMA_VERSION`` and return the version found.

    Raises ``StateError`` when the file was written by a newer schema.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise StateError(
                f"{path}: state schema version {found} is newer than this "
                f"newscrawl supports ({SCHEMA_VERSION}); upgrade newscrawl"
            )
        for version in range(found, SCHEMA_VERSION):
            # Version 0 is a new, empty file: creating its tables is no upgrade to announce.
            logger.log(logging.INFO if found else logging.DEBUG, "%s state %s from version %d",
                       "migrating" if found else "creating", path, version)
            MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


def open_database(path: Path, timeout: float) -> sqlite3.Connection:
    """Return a WAL-mode connection to ``path`` with the schema up to date."""
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise StateError(f"{path}: cannot open state database: {exc}") from exc
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn, str(path))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StateError(f"{path}: cannot open state database: {exc}") from exc
    except StateError:
        conn.close()
        raise
    return conn
