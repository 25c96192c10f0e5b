"""Version 3 of the state: articles keyed by their canonical URL, migrated in place from "<site>:<id>" keys.

Each test writes a version-2 store's rows directly (the tables of the first
two migrations, keys as a version-2 newscrawl wrote them), opens the file
with today's :class:`StateStore` and checks what the upgrade kept, re-keyed
and forgot.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newscrawl.state import canonical_url
from newscrawl.state.schema import MIGRATIONS, SCHEMA_VERSION
from newscrawl.state.store import StateStore

SEEN = "2024-05-20T01:00:00+00:00"
MAY = "http://www.paper.example/news/2024/05/20/1234.html"
JAN = "http://paper.example/news/2023/01/07/1234.html"
COPY = "http://paper.example/news/copy/99.html"
OTHER = "http://paper.example/news/2024/05/19/1001.html"
NO_DATE = "http://paper.example/news/nodate/7.html"
TIYU = "http://paper.example/news/tiyu/5678.html"


def version_2_store(path: Path) -> None:
    """Write a version-2 state: one article overwritten by a story with its id, a copy, drops, a tombstone."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migration(conn)
    articles = [  # key, url, fingerprint, path, pruned
        ("paper:1234", JAN, "f1234", "_posts/2024-05-20-1234.md", None),  # JAN was written over MAY's post
        ("paper:1001", OTHER, "f1001", "_posts/2024-05-19-1001.md", None),
        ("path:_posts/2020-01-01-OLD.md", "", "", "_posts/2020-01-01-OLD.md", SEEN),  # a tombstone
    ]
    for key, url, fingerprint, post, pruned in articles:
        conn.execute("INSERT INTO articles (key, url, fingerprint, path, published, first_seen, updated, pruned, "
                     "rendered) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'r')",
                     (key, url, fingerprint, post, SEEN, SEEN, pruned))
    links = [(MAY, "paper:1234"), (JAN, "paper:1234"), (COPY, "paper:1001"), (OTHER, "paper:1001")]
    for url, key in links:
        conn.execute("INSERT INTO urls VALUES (?, ?, ?, ?)", (canonical_url(url), key, SEEN, SEEN))
    drops = [(TIYU, "duplicate: same story as http://paper.example/news/yaowen/5678.html"),
             (NO_DATE, "missing published date")]
    for url, reason in drops:
        conn.execute("INSERT INTO dropped VALUES (?, ?, ?, ?)", (canonical_url(url), url, reason, SEEN))
    conn.execute("PRAGMA user_version = 2")
    conn.close()


def test_articles_are_keyed_by_their_canonical_url_and_keep_their_posts(tmp_path):
    path = tmp_path / "state.sqlite"
    version_2_store(path)
    with StateStore(path) as store:
        jan = store.lookup_article(canonical_url(JAN))
        assert (jan.url, jan.path, jan.fingerprint, jan.rendered) == (JAN, "_posts/2024-05-20-1234.md", "f1234", "r")
        assert store.lookup_article(canonical_url(OTHER)).path == "_posts/2024-05-19-1001.md"
        assert store.lookup_article("paper:1234") is None and store.lookup_article("paper:1001") is None
        assert store.lookup_article("path:_posts/2020-01-01-OLD.md").is_pruned  # a tombstone keeps its key
        assert store.find_by_path("_posts/2024-05-20-1234.md").key == canonical_url(JAN)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_urls_the_id_rules_took_from_their_stories_are_fetched_again(tmp_path):
    # MAY lost its post to JAN (one id), TIYU was dropped as a "duplicate" of another story with its
    # id: under URL identity neither is known, so the next crawl makes each a post of its own.
    path = tmp_path / "state.sqlite"
    version_2_store(path)
    with StateStore(path) as store:
        assert store.lookup_url(MAY) == (False, None)
        assert store.lookup_dropped(TIYU) is None
        assert store.lookup_url(JAN)[1].key == canonical_url(JAN)
        assert store.lookup_url(OTHER)[1].key == canonical_url(OTHER)
        assert store.lookup_dropped(NO_DATE).reason == "missing published date"  # other drops stay
        # A copy linked to another story is fetched once more and found a copy again by its text.
        assert store.lookup_url(COPY) == (False, None)
