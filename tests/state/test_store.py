"""The SQLite state store: round trips, re-open, fetch decisions, runs."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newscrawl.state import schema
from newscrawl.state.schema import SCHEMA_VERSION, StateError
from newscrawl.state.store import StateStore, default_state_path

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
URL = "http://www.jxnews.com.cn/system/2022/03/17/019.shtml?from=timeline"
KEY = "jiangxiribao:NW202203172312986018"
POST = "_posts/2022-03-17-NW202203172312986018.md"


def test_creates_file_schema_and_wal(tmp_path: Path) -> None:
    with StateStore.for_archive(tmp_path / "archive"):
        pass
    path = tmp_path / "archive" / ".newscrawl" / "state.sqlite"
    assert default_state_path(tmp_path / "archive") == path
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"urls", "articles", "runs"} <= tables


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StateError, match="newer"):
        StateStore(path)


def test_garbage_file_is_a_state_error(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError, match=str(path)):
        StateStore(path)


def test_urls_are_known_by_canonical_form(store: StateStore) -> None:
    assert not store.is_known(URL)
    store.record_url(URL, None, now=NOW)
    assert store.is_known(URL)
    assert store.is_known("https://jxnews.com.cn/system/2022/03/17/019.shtml#x")
    assert not store.is_known("https://jxnews.com.cn/system/2022/03/17/020.shtml")


def test_article_round_trip_survives_reopen(tmp_path: Path) -> None:
    published = datetime(2022, 3, 17, 9, 4, 4, tzinfo=CST)
    with StateStore.for_archive(tmp_path) as store:
        store.upsert_article(KEY, URL, "f" * 32, Path(POST), published, now=NOW)
    with StateStore.for_archive(tmp_path) as store:
        record = store.lookup_article(KEY)
        assert record is not None
        assert (record.key, record.url, record.fingerprint, record.path) == (KEY, URL, "f" * 32, POST)
        assert record.published == published and record.published.utcoffset() == timedelta(hours=8)
        assert record.first_seen == NOW and record.updated == NOW
        assert not record.is_pruned
        assert store.is_known(URL)  # upsert links the URL to the article
        assert store.find_by_fingerprint("f" * 32) == record
        assert store.find_by_path(POST) == record
        assert store.lookup_article("jiangxiribao:other") is None
        assert store.find_by_fingerprint("0" * 32) is None


def test_date_only_published_stays_a_date(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, date(2022, 3, 17), now=NOW)
    assert store.lookup_article(KEY).published == date(2022, 3, 17)


def test_naive_datetimes_are_refused(store: StateStore) -> None:
    with pytest.raises(ValueError, match="published"):
        store.upsert_article(KEY, URL, "a" * 32, POST, datetime(2022, 3, 17, 9), now=NOW)
    with pytest.raises(ValueError, match="now"):
        store.should_fetch(URL, datetime(2026, 11, 28), 24)


def test_upsert_moves_updated_only_on_change(store: StateStore) -> None:
    later, latest = NOW + timedelta(hours=1), NOW + timedelta(hours=2)
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=NOW)
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=later)
    assert store.lookup_article(KEY).updated == NOW
    store.upsert_article(KEY, URL, "b" * 32, POST, None, now=latest)
    record = store.lookup_article(KEY)
    assert (record.fingerprint, record.updated, record.first_seen) == ("b" * 32, latest, NOW)


def test_upsert_keeps_known_published_and_pruned_mark(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, date(2022, 3, 17), now=NOW)
    store.mark_pruned(KEY, now=NOW)
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=NOW)
    record = store.lookup_article(KEY)
    assert record.published == date(2022, 3, 17) and record.is_pruned


def test_same_story_by_two_urls_finds_first_article(store: StateStore) -> None:
    store.upsert_article("site:1", "https://example.com/a?id=1", "c" * 32, "_posts/2026-11-28-1.md", None, now=NOW)
    store.upsert_article("site:2", "https://example.com/b?id=2", "c" * 32, "_posts/2026-11-28-2.md",
                         None, now=NOW + timedelta(minutes=1))
    assert store.find_by_fingerprint("c" * 32).key == "site:1"


def test_record_url_links_and_never_unlinks(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=NOW)
    mirror = "https://paper.jxnews.com.cn/NW202203172312986018.html"
    store.record_url(mirror, KEY, now=NOW)
    store.record_url(mirror, None, now=NOW)
    store.mark_pruned(KEY, now=NOW)
    assert not store.should_fetch(mirror, NOW, 48)  # still linked to the pruned article


@pytest.mark.parametrize(
    ("published", "recheck_hours", "expected"),
    [
        (NOW - timedelta(hours=3), None, False),  # no re-check asked
        (NOW - timedelta(hours=3), 0, False),
        (NOW - timedelta(hours=3), 6, True),  # young enough
        (NOW - timedelta(hours=7), 6, False),  # too old
        ((NOW - timedelta(hours=6)).astimezone(CST), 6, True),  # boundary, other zone
        (date(2026, 11, 28), 6, True),  # bare day: counts to its end
        (date(2026, 11, 26), 6, False),
    ],
)
def test_should_fetch_known_urls_within_recheck_window(
        store: StateStore, published, recheck_hours, expected) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, published, now=NOW - timedelta(days=30))
    assert store.should_fetch(URL, NOW, recheck_hours) is expected


def test_should_fetch_unknown_url(store: StateStore) -> None:
    assert store.should_fetch("https://example.com/new", NOW, None)


def test_should_fetch_undated_article_uses_first_seen(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=NOW - timedelta(hours=2))
    assert store.should_fetch(URL, NOW, 3)
    assert not store.should_fetch(URL, NOW, 1)


def test_should_fetch_url_seen_without_article(store: StateStore) -> None:
    store.record_url(URL, None, now=NOW)
    assert not store.should_fetch(URL, NOW, 24)


def test_pruned_articles_are_never_fetched(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, NOW - timedelta(hours=1), now=NOW)
    assert store.should_fetch(URL, NOW, 24)
    assert not store.is_pruned(KEY)
    store.mark_pruned(KEY, now=NOW)
    assert store.is_pruned(KEY)
    assert store.lookup_article(KEY).pruned == NOW
    assert not store.should_fetch(URL, NOW, 24)


def test_mark_pruned_unknown_key_raises(store: StateStore) -> None:
    with pytest.raises(KeyError):
        store.mark_pruned("site:missing")
    assert not store.is_pruned("site:missing")


def test_mark_path_pruned_known_and_unknown(store: StateStore) -> None:
    store.upsert_article(KEY, URL, "a" * 32, POST, None, now=NOW)
    assert store.mark_path_pruned(Path(POST), now=NOW) == KEY
    legacy = "_posts/2020-01-01-OLD1.md"
    key = store.mark_path_pruned(legacy, now=NOW)
    assert key == f"path:{legacy}"
    assert store.find_by_path(legacy).is_pruned
    assert store.is_pruned(key)


def test_runs_round_trip_newest_first(tmp_path: Path) -> None:
    with StateStore.for_archive(tmp_path) as store:
        first = store.start_run(["newscrawl", "crawl", "jiangxiribao"], now=NOW)
        store.finish_run(first, "ok", {"created": 2, "updated": 0}, now=NOW + timedelta(minutes=1))
        second = store.start_run({"argv": ["newscrawl", "crawl"], "site": "江西日报"}, now=NOW)
    with StateStore.for_archive(tmp_path) as store:
        runs = store.recent_runs(5)
        assert [run.id for run in runs] == [second, first]
        assert runs[0].status == "running" and runs[0].finished is None
        assert runs[0].info == {"argv": ["newscrawl", "crawl"], "site": "江西日报"}
        assert runs[1].status == "ok" and runs[1].counts == {"created": 2, "updated": 0}
        assert runs[1].started == NOW and runs[1].finished == NOW + timedelta(minutes=1)
        assert len(store.recent_runs(1)) == 1
        with pytest.raises(KeyError):
            store.finish_run(999, "ok", {})


def test_two_connections_see_each_others_writes(tmp_path: Path) -> None:
    with StateStore.for_archive(tmp_path) as one, StateStore.for_archive(tmp_path) as two:
        one.record_url(URL, None, now=NOW)
        assert two.is_known(URL)


def test_migration_hook_upgrades_an_existing_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.sqlite"
    with StateStore(path) as store:
        store.record_url(URL, None, now=NOW)

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE runs ADD COLUMN notes TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_notes])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with StateStore(path) as store:
        assert store.is_known(URL)  # data kept across the upgrade
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "notes" in {row[1] for row in conn.execute("PRAGMA table_info(runs)")}


def test_failed_migration_leaves_file_untouched(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.sqlite"
    StateStore(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (x)")
        raise sqlite3.OperationalError("disk says no")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StateError, match="disk says no"):
        StateStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extra'").fetchone() is None
