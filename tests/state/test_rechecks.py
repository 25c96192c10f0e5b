"""Fetch plans: new, archived, re-checked (conditionally), modified at the source, dropped, pruned."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone


from newscrawl.state import StateStore, plan_fetch, schema
from newscrawl.state.rechecks import ARCHIVED, DROPPED, MODIFIED, NEW, PRUNED, RECHECK, RETRY

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
URL = "https://news.example.cn/2026/11/28/a1.html"
KEY = "paper:a1"
POST = "_posts/2026-11-28-a1.md"
ETAG = '"v1-abc"'
LAST_MODIFIED = "Sat, 28 Nov 2026 10:00:00 GMT"


def archive(store: StateStore, *, when: datetime = NOW - timedelta(days=3), published=date(2026, 11, 25)) -> None:
    store.upsert_article(KEY, URL, "f" * 32, POST, published, etag=ETAG, last_modified=LAST_MODIFIED,
                         rendered="r" * 32, now=when)


def test_an_unknown_url_is_fetched_plainly(store):
    plan = plan_fetch(store, URL, NOW)
    assert (plan.fetch, plan.why, plan.headers, plan.path) == (True, NEW, {}, None)


def test_an_archived_article_is_left_alone_unless_its_source_says_it_changed_since(store):
    archive(store)
    assert plan_fetch(store, URL, NOW).why == ARCHIVED and not plan_fetch(store, URL, NOW)
    assert not plan_fetch(store, URL, NOW, modified=NOW - timedelta(days=4))  # changed before we looked
    plan = plan_fetch(store, URL, NOW, modified=NOW - timedelta(days=1))
    assert (plan.fetch, plan.why, plan.path) == (True, MODIFIED, POST)
    assert plan.headers == {"If-None-Match": ETAG, "If-Modified-Since": LAST_MODIFIED}


def test_a_source_time_without_a_zone_counts_as_utc(store):
    archive(store)
    assert plan_fetch(store, URL, NOW, modified=(NOW - timedelta(days=1)).replace(tzinfo=None)).why == MODIFIED


def test_a_304_moves_the_last_look(store):
    archive(store)
    store.mark_checked(URL, now=NOW - timedelta(hours=1))
    assert not plan_fetch(store, URL, NOW, modified=NOW - timedelta(hours=2))
    assert store.lookup_article(KEY).checked == NOW - timedelta(hours=1)


def test_a_recheck_within_the_window_is_conditional(store):
    archive(store)
    plan = plan_fetch(store, URL, NOW, recheck_hours=24 * 7)
    assert (plan.why, plan.headers["If-None-Match"]) == (RECHECK, ETAG)
    assert not plan_fetch(store, URL, NOW, recheck_hours=1)


def test_a_page_without_validators_is_rechecked_plainly(store):
    store.upsert_article(KEY, URL, "f" * 32, POST, None, now=NOW - timedelta(hours=1))
    plan = plan_fetch(store, URL, NOW, recheck_hours=2)
    assert plan.why == RECHECK and plan.headers == {}


def test_a_pruned_article_is_never_fetched_again(store):
    archive(store)
    store.mark_pruned(KEY, now=NOW)
    assert plan_fetch(store, URL, NOW, recheck_hours=10 ** 6, modified=NOW).why == PRUNED


def test_a_dropped_url_waits_for_a_sign_of_change_or_a_retry(store):
    store.record_dropped(URL, "missing published date", now=NOW - timedelta(days=2))
    assert plan_fetch(store, URL, NOW).why == DROPPED
    assert plan_fetch(store, URL, NOW, modified=NOW - timedelta(days=3)).why == DROPPED
    assert plan_fetch(store, URL, NOW, modified=NOW - timedelta(days=1)).why == RETRY
    assert plan_fetch(store, URL, NOW, retry_dropped=True).why == RETRY
    assert store.lookup_dropped(URL).reason == "missing published date"


def test_archiving_a_dropped_url_forgets_the_drop(store):
    store.record_dropped(URL, "missing published date", now=NOW - timedelta(days=2))
    archive(store, when=NOW)
    assert store.lookup_dropped(URL) is None
    assert plan_fetch(store, URL, NOW).why == ARCHIVED


def test_rendered_hash_and_validators_are_kept_or_replaced_as_documented(store):
    archive(store)
    store.upsert_article(KEY, URL, "f" * 32, POST, None, etag=None, last_modified=None, rendered=None, now=NOW)
    record = store.lookup_article(KEY)
    assert record.rendered == "r" * 32  # None keeps it (a kept adopted file says nothing new)
    assert (record.etag, record.last_modified) == (None, None)  # the page sent none this time
    assert record.checked == NOW and record.published == date(2026, 11, 25)


def test_a_version_1_state_gains_the_new_columns_with_old_rows_unmarked(tmp_path):
    path = tmp_path / "state.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (key, url, fingerprint, path, published, first_seen, updated) "
                 "VALUES (?, ?, ?, ?, NULL, ?, ?)", (KEY, URL, "f" * 32, POST, NOW.isoformat(), NOW.isoformat()))
    conn.close()
    with StateStore(path) as store:
        record = store.lookup_article(URL)  # keyed by its canonical URL since version 3
        assert (record.etag, record.checked, record.rendered) == (None, None, None)  # not known as ours
        assert record.last_known == NOW
        assert store.lookup_dropped(URL) is None
