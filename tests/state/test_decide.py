"""Idempotent write decisions: created, updated in place, unchanged, dropped."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path


from newscrawl.archive.paths import short_hash
from newscrawl.state.canonical import content_fingerprint
from newscrawl.state.decide import decide_write
from newscrawl.state.store import StateStore

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
TEXT = ("西湖区加快培育数字经济生态圈", ["记者从西湖区获悉。", "该区将加快培育数字经济生态圈。"])
FP = content_fingerprint(*TEXT)
POST = "_posts/2022-03-17-NW1.md"


def test_new_article_is_created(store: StateStore) -> None:
    decision = decide_write(store, "jx:NW1", FP, Path(POST))
    assert (decision.kind, decision.path, decision.should_write) == ("created", POST, True)


def test_same_content_is_unchanged(store: StateStore) -> None:
    store.upsert_article("jx:NW1", "https://example.com/NW1", FP, POST, None, now=NOW)
    again = content_fingerprint(TEXT[0] + " ", ["记者从西湖区获悉，该区将加快培育数字经济生态圈"])
    decision = decide_write(store, "jx:NW1", again, POST)
    assert (decision.kind, decision.path, decision.should_write) == ("unchanged", POST, False)


def test_changed_content_rewrites_the_stored_path(store: StateStore) -> None:
    store.upsert_article("jx:NW1", "https://example.com/NW1", FP, POST, None, now=NOW)
    edited = content_fingerprint(TEXT[0], [TEXT[1][0], "该区将加快培育数字经济新生态。"])
    decision = decide_write(store, "jx:NW1", edited, "_posts/2022-03-18-NW1.md")
    assert (decision.kind, decision.path, decision.should_write) == ("updated", POST, True)
    assert decision.existing.fingerprint == FP


def test_same_story_by_another_key_is_one_post(store: StateStore) -> None:
    store.upsert_article("jx:NW1", "https://example.com/NW1", FP, POST, None, now=NOW)
    decision = decide_write(store, "jxnews:019", FP, "_posts/2022-03-17-019.md")
    assert decision.kind == "dropped" and not decision.should_write
    assert decision.reason == f"duplicate of {POST} from https://example.com/NW1"
    assert decision.existing.key == "jx:NW1"


def test_pruned_article_is_not_written_again(store: StateStore) -> None:
    store.upsert_article("jx:NW1", "https://example.com/NW1", FP, POST, None, now=NOW)
    store.mark_pruned("jx:NW1", now=NOW)
    by_key = decide_write(store, "jx:NW1", "0" * 32, POST)
    by_text = decide_write(store, "other:1", FP, "_posts/2022-03-17-1.md")
    for decision in (by_key, by_text):
        assert decision.kind == "dropped"
        assert decision.reason == "pruned by retention on 2026-11-28"


def test_pruned_legacy_path_is_not_written_again(store: StateStore) -> None:
    store.mark_path_pruned(POST, now=NOW)
    decision = decide_write(store, "jx:NW1", FP, POST)
    assert decision.kind == "dropped" and "pruned" in decision.reason


def test_path_owned_by_another_article_gives_the_new_story_a_name_of_its_own(store: StateStore) -> None:
    # Two stories, one id: the first keeps the plain name, the second gets a hash of its key.
    first, second = "https://paper.example/2024/05/20/1.html", "https://paper.example/2023/01/07/1.html"
    store.upsert_article(first, first, "a" * 32, "_posts/2026-11-28-1.md", None, now=NOW)
    decision = decide_write(store, second, "b" * 32, "_posts/2026-11-28-1.md")
    named = f"_posts/2026-11-28-1-{short_hash(second)[:8]}.md"
    assert (decision.kind, decision.path, decision.reason) == ("created", named, None)
    assert decide_write(store, second, "b" * 32, "_posts/2026-11-28-1.md").path == named  # the same every run
    store.upsert_article(second, second, "b" * 32, named, None, now=NOW)
    third = "https://paper.example/tiyu/1.html"
    assert decide_write(store, third, "c" * 32, "_posts/2026-11-28-1.md").path == \
        f"_posts/2026-11-28-1-{short_hash(third)[:8]}.md"


def test_a_path_held_by_a_story_of_this_run_is_not_given_twice(store: StateStore) -> None:
    mine, other = "https://paper.example/a/1.html", "https://paper.example/b/1.html"
    held = {"_posts/2026-11-28-1.md": other}
    decision = decide_write(store, mine, "a" * 32, "_posts/2026-11-28-1.md",
                            lambda path: held.get(path, mine) != mine)
    assert decision.path == f"_posts/2026-11-28-1-{short_hash(mine)[:8]}.md"


def test_a_pruned_post_of_another_story_keeps_its_name_and_does_not_drop_a_new_one(store: StateStore) -> None:
    gone = "https://paper.example/2024/05/20/1.html"
    store.upsert_article(gone, gone, "a" * 32, "_posts/2026-11-28-1.md", None, now=NOW)
    store.mark_pruned(gone, now=NOW)
    new = "https://paper.example/tiyu/1.html"
    decision = decide_write(store, new, "b" * 32, "_posts/2026-11-28-1.md")
    assert (decision.kind, decision.path) == ("created", f"_posts/2026-11-28-1-{short_hash(new)[:8]}.md")
