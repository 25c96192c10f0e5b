"""The pictures the state knows: kept (URL -> file), refused for good, and articles whose pictures are missing."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

from newscrawl.state import plan_fetch
from newscrawl.state.pictures import PICTURE_TRIES, PictureRecord
from newscrawl.state.rechecks import ARCHIVED, PICTURES
from newscrawl.state.schema import MIGRATIONS, SCHEMA_VERSION
from newscrawl.state.store import StateStore

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
URL = "https://news.example.cn/2026/11/28/a1.html"
POST = "_posts/2026-11-28-a1.md"
PIC = "https://img.example.cn/a.jpg?w=640"
FILE = "ab/" + "ab" * 16 + ".jpg"


def archive(store: StateStore, missing: int) -> None:
    store.upsert_article(URL, URL, "f" * 32, POST, date(2026, 11, 25), etag='"v1"', rendered="r" * 32,
                         pictures_missing=missing, now=NOW - timedelta(days=3))


def test_a_kept_picture_is_known_by_its_exact_url(store):
    store.record_picture(PIC, FILE, 1234, 640, 480)
    assert store.lookup_picture(PIC) == PictureRecord(PIC, FILE, 1234, 640, 480)
    assert store.lookup_picture("https://img.example.cn/a.jpg?w=320") is None  # another size is another picture
    store.record_picture(PIC, "cd/" + "cd" * 16 + ".jpg", 99)
    assert store.lookup_picture(PIC).file == "cd/" + "cd" * 16 + ".jpg"


def test_forgetting_a_file_forgets_every_url_kept_as_it(store):
    store.record_picture(PIC, FILE, 1)
    store.record_picture(PIC + "&copy", FILE, 1)
    store.record_picture("https://img.example.cn/b.jpg", "cd/" + "cd" * 16 + ".jpg", 1)
    assert store.forget_pictures([FILE, "ef/nothing.png"]) == 2
    assert store.lookup_picture(PIC) is None and store.lookup_picture("https://img.example.cn/b.jpg") is not None
    assert store.forget_pictures([]) == 0


def test_a_picture_refused_for_good_is_remembered_with_its_reason(store):
    assert store.refused_picture(PIC) is None
    store.record_refused_picture(PIC, "not a picture: an HTML page")
    store.record_refused_picture(PIC, "HTTP 410")
    assert store.refused_picture(PIC) == "HTTP 410"


def test_an_article_missing_pictures_is_fetched_again_in_full_a_few_runs_in_a_row(store):
    archive(store, missing=0)
    assert plan_fetch(store, URL, NOW).why == ARCHIVED
    for run in range(PICTURE_TRIES):
        archive(store, missing=2)
        record = store.lookup_article(URL)
        assert (record.pictures_missing, record.picture_tries) == (2, run + 1)
        plan = plan_fetch(store, URL, NOW)
        if run + 1 < PICTURE_TRIES:
            assert (plan.fetch, plan.why, plan.headers, plan.path) == (True, PICTURES, {}, POST)  # not conditional
    assert plan_fetch(store, URL, NOW).why == ARCHIVED  # tried enough: left linked
    assert [url for url, *_ in store.archived_urls()] == [URL]
    archive(store, missing=0)
    assert store.lookup_article(URL).picture_tries == 0


def test_workers_are_not_told_an_article_missing_pictures_is_archived(store):
    archive(store, missing=1)
    assert list(store.archived_urls()) == []
    archive(store, missing=0)
    assert [url for url, *_ in store.archived_urls()] == [URL]


def test_a_version_3_state_gains_the_pictures_tables_and_columns(tmp_path):
    path = tmp_path / "state.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:3]:
        migration(conn)
    conn.execute("INSERT INTO articles (key, url, fingerprint, path, first_seen, updated) VALUES "
                 "(?, ?, 'f', ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')", (URL, URL, POST))
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with StateStore(path) as store:
        record = store.lookup_article(URL)
        assert (record.pictures_missing, record.picture_tries) == (0, 0)
        store.record_picture(PIC, FILE, 1)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
