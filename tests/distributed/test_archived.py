"""Workers ask the published archive what the writer's state would answer: should_fetch's rule, in Redis."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import redis

from newscrawl.distributed.archived import PublishedArchive, publish_archived
from newscrawl.distributed.keys import RedisKeys
from newscrawl.state import StateStore

KEYS = RedisKeys("test")
CST = timezone(timedelta(hours=8))
NOW = datetime.now(timezone.utc)


@pytest.fixture
def store(tmp_path):
    with StateStore(tmp_path / "state.sqlite") as opened:
        opened.upsert_article("p:old", "http://paper.example/a/old.html", "f1", "_posts/old.md",
                              NOW - timedelta(days=30), now=NOW - timedelta(days=30))
        opened.upsert_article("p:new", "http://www.paper.example/a/new.html?utm_source=x", "f2", "_posts/new.md",
                              NOW - timedelta(hours=2), now=NOW)
        opened.upsert_article("p:day", "http://paper.example/a/day.html", "f3", "_posts/day.md",
                              (NOW - timedelta(days=1)).date(), now=NOW)
        opened.upsert_article("p:gone", "http://paper.example/a/gone.html", "f4", "_posts/gone.md",
                              NOW - timedelta(hours=1), now=NOW)
        opened.mark_pruned("p:gone", now=NOW)
        opened.record_url("http://paper.example/a/copy.html", "p:old", now=NOW)
        opened.record_url("http://paper.example/a/seen.html", None, now=NOW)
        yield opened


URLS = ["http://paper.example/a/old.html", "https://paper.example/a/new.html", "http://paper.example/a/day.html",
        "http://paper.example/a/gone.html", "http://paper.example/a/copy.html", "http://paper.example/a/seen.html",
        "http://paper.example/a/unknown.html"]


@pytest.mark.parametrize("hours", [None, 0, 3, 30, 24 * 60])
def test_the_published_archive_answers_as_the_state_does(store, redis_url, hours):
    server = redis.Redis.from_url(redis_url)
    assert publish_archived(server, KEYS, store) == 6
    view = PublishedArchive(server, KEYS, {}, None)
    for url in URLS:
        assert view.is_archived(url, hours) is (not store.should_fetch(url, NOW, hours)), (url, hours)


def test_a_due_recheck_names_the_post_so_that_a_story_is_fetched_once(store, redis_url):
    server = redis.Redis.from_url(redis_url)
    publish_archived(server, KEYS, store)
    view = PublishedArchive(server, KEYS, {}, 24 * 60)
    assert view.plan("http://paper.example/a/copy.html").path == "_posts/old.md"  # another URL of the story
    assert view.plan("https://paper.example/a/new.html").path == "_posts/new.md"
    assert not view.plan("http://paper.example/a/gone.html") and not view.plan("http://paper.example/a/seen.html")


def test_a_due_recheck_carries_the_stored_publication_for_a_page_that_gives_none(store, redis_url):
    # A worker's re-check through a source without dates (a listing, a sitemap) of a page without one
    # keeps the date the story was stored with, as the writer's own plan does.
    server = redis.Redis.from_url(redis_url)
    publish_archived(server, KEYS, store)
    view = PublishedArchive(server, KEYS, {}, 24 * 60)
    assert view.plan("https://paper.example/a/new.html").published == NOW - timedelta(hours=2)
    assert view.plan("http://paper.example/a/day.html").published == (NOW - timedelta(days=1)).date()
    assert view.plan("http://paper.example/a/unknown.html").published is None


def test_publishing_again_replaces_what_was_published(store, redis_url, tmp_path):
    server = redis.Redis.from_url(redis_url)
    publish_archived(server, KEYS, store)
    with StateStore(tmp_path / "empty.sqlite") as empty:
        assert publish_archived(server, KEYS, empty) == 0
    view = PublishedArchive(server, KEYS, {"last_run_started": "2024-05-20T01:00:00+00:00"}, 6.0)
    assert not any(view.is_archived(url) for url in URLS)
    assert view.last_run_started == datetime(2024, 5, 20, 1, tzinfo=timezone.utc) and view.recheck_hours == 6.0


def test_remembered_drops_are_published_unless_the_run_retries_them(store, redis_url):
    server = redis.Redis.from_url(redis_url)
    store.record_dropped("http://paper.example/a/pdf.html", "not an HTML page (application/pdf)", now=NOW)
    store.record_dropped("http://paper.example/a/old.html", "an older drop of an archived page", now=NOW)
    assert publish_archived(server, KEYS, store) == 7
    view = PublishedArchive(server, KEYS, {}, None)
    assert view.is_archived("http://paper.example/a/pdf.html")  # a worker does not fetch it again
    assert view.is_archived("http://paper.example/a/old.html", 24 * 60) is (
        not store.should_fetch("http://paper.example/a/old.html", NOW, 24 * 60))  # the article's own mark wins
    assert publish_archived(server, KEYS, store, with_drops=False) == 6
    assert not view.is_archived("http://paper.example/a/pdf.html")  # --retry-dropped: workers fetch it
