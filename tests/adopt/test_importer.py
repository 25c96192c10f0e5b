"""Adopting an archive written without state: each post under its original link's canonical URL."""

from __future__ import annotations

from pathlib import Path

from newscrawl.adopt import adopt_archive
from newscrawl.archive.paths import short_hash
from newscrawl.profiles.loader import load_profiles
from newscrawl.state import StateStore, canonical_url

LINK = "http://paper.example/news/{}.html"


def old_post(path: Path, title: str, day: str, link: str) -> None:
    """Write a post the way the replaced system did."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\nlayout: post\ntitle: "{title}"\ndate: {day} 09:00:00 +0800\n---\n'
                    f"<p>{title}的正文。</p>\n\n<{link}>\n\n[返回首页](//x/)", encoding="utf-8")


def test_posts_that_share_an_id_are_each_adopted(tmp_path):
    # Issue 18: one id, three stories (two days live, one retained with a live post's name).
    site = tmp_path / "site"
    old_post(site / "_posts" / "2024-05-20-1234.md", "五月的消息", "2024-05-20", LINK.format("2024/05/20/1234"))
    old_post(site / "_posts" / "2023-01-07-1234.md", "一月的消息", "2023-01-07", LINK.format("2023/01/07/1234"))
    old_post(site / "old_post" / "2024-05-20-1234.md", "体育版的消息", "2024-05-20", LINK.format("tiyu/1234"))
    old_post(site / "old_post" / "2024-05-21-1.md", "又一则五月的消息", "2024-05-21",
             LINK.format("2024/05/20/1234") + "?from=timeline")  # the same story's link again
    profile = load_profiles()["finews"]
    with StateStore.for_archive(site) as store:
        report = adopt_archive(site, profile, store)
        assert sorted(report.adopted) == [
            ("_posts/2023-01-07-1234.md", "finews:1234"), ("_posts/2024-05-20-1234.md", "finews:1234"),
            ("old_post/2024-05-20-1234.md", "finews:1234")]
        assert report.skipped == [("old_post/2024-05-21-1.md", "same article as _posts/2024-05-20-1234.md")]
        for link, path in [("2024/05/20/1234", "_posts/2024-05-20-1234.md"),
                           ("2023/01/07/1234", "_posts/2023-01-07-1234.md")]:
            record = store.lookup_article(canonical_url(LINK.format(link)))
            assert (record.path, record.is_pruned) == (path, False)
        tiyu = canonical_url(LINK.format("tiyu/1234"))
        retained = store.lookup_article(tiyu)
        assert retained.is_pruned and retained.path == f"_posts/2024-05-20-1234-{short_hash(tiyu)[:8]}.md"
