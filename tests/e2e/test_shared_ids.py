"""End to end: two stories that share an id are two posts (issue 18, case 1).

An article's identity is its canonical URL; its id only names its file. The
fixture paper (``tests/e2e/shared_ids.py``) holds two stories with id 1234 on
two days and two with id 5678 on one day. Each test crawls it with the
``newscrawl`` command, in one run or several, and checks that every story is
exactly one post, that the second story of a day's id gets a distinct,
stable name, and that no post ever changes its bytes or its name — also in an
archive an older newscrawl wrote (state schema version 2, keys ``<site>:<id>``).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from newscrawl.archive.paths import short_hash
from newscrawl.state import canonical_url
from tests.e2e.paper import RECHECK_ALL, changed_files, make_paper, ok, paths, urls
from tests.e2e.sitegen import story
from tests.e2e.shared_ids import (
    FIRST_RUN, FROZEN, PLAIN, STORIES, add_stories, check_day_pair, distinct_name, posts_by_story, public_url,
)
from tests.e2e.test_scheduled import requests_seen
from tests.helpers import run_cli, snapshot

pytestmark = pytest.mark.e2e

def test_stories_sharing_an_id_in_one_run_are_each_one_post(tmp_path):
    paper = make_paper(tmp_path)
    add_stories(paper, *STORIES)
    result, summary = paper.crawl()
    ok(result)
    assert summary["dropped"] == [] and summary["failed"] == []
    assert urls(summary["created"]) == {public_url(name) for name in STORIES}
    posts = posts_by_story(paper.out)
    assert set(posts) == set(STORIES)
    assert {name: posts[name] for name in PLAIN} == PLAIN
    check_day_pair(posts)
    assert paths(summary["created"]) == set(posts.values())

    before = snapshot(paper.out)
    again, summary = paper.crawl("-s", f"NEWSCRAWL_RECHECK_HOURS={RECHECK_ALL}")
    ok(again)
    assert snapshot(paper.out) == before  # no byte, no name, no mtime changes
    assert summary["created"] == summary["updated"] == summary["dropped"] == []
    assert {e["url"]: e["path"] for e in summary["unchanged"]} == {public_url(n): p for n, p in posts.items()}


def test_a_later_story_with_a_taken_id_is_a_new_post_and_the_first_is_left_alone(tmp_path):
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    add_stories(paper, "other", "may20", "yaowen")
    ok(paper.crawl()[0])
    first = posts_by_story(paper.out)
    assert first == {"other": PLAIN["other"], "may20": PLAIN["may20"], "yaowen": "_posts/2024-05-21-5678.md"}

    add_stories(paper, "jan07", "tiyu")
    before = snapshot(paper.out)
    result, summary = paper.crawl()
    ok(result)
    added, changed, removed = changed_files(before, snapshot(paper.out))
    assert changed == removed == set()  # the first story of each id keeps its post as it was
    assert added == {PLAIN["jan07"], distinct_name("tiyu")}
    assert summary["updated"] == summary["dropped"] == []
    assert {e["url"]: e["path"] for e in summary["created"]} == {
        public_url("jan07"): PLAIN["jan07"], public_url("tiyu"): distinct_name("tiyu")}
    assert posts_by_story(paper.out) == {**first, "jan07": PLAIN["jan07"], "tiyu": distinct_name("tiyu")}


def test_an_archive_an_older_newscrawl_wrote_migrates_in_place_and_gets_its_lost_stories(tmp_path):
    # The frozen archive was written by commit f43c9de (see tests/e2e/shared_ids.py): its first
    # run dropped one story of id 5678 as a "duplicate", its second wrote the 2023 story of id
    # 1234 over the 2024 one's post. Its posts keep their names and bytes; the two lost
    # stories are fetched again and become posts of their own.
    paper = make_paper(tmp_path)
    shutil.copytree(FROZEN, paper.out)
    add_stories(paper, *FIRST_RUN, "jan07")
    old = posts_by_story(paper.out)
    assert set(old) == {"other", "jan07", "yaowen"} or set(old) == {"other", "jan07", "tiyu"}
    assert old["jan07"] == PLAIN["may20"]  # the overwrite: the 2023 story in the 2024 story's file
    before = snapshot(paper.out)

    result, summary = paper.crawl()
    ok(result)
    added, changed, removed = changed_files(before, snapshot(paper.out))
    assert changed == removed == set()
    posts = posts_by_story(paper.out)
    assert {name: posts[name] for name in old} == old
    lost_day_story = ({"yaowen", "tiyu"} - set(old)).pop()
    assert posts["may20"] == f"_posts/2024-05-20-1234-{short_hash(canonical_url(public_url('may20')))[:8]}.md"
    assert posts[lost_day_story] == distinct_name(lost_day_story)
    assert added == {posts["may20"], posts[lost_day_story]}
    assert urls(summary["created"]) == {public_url("may20"), public_url(lost_day_story)}
    assert summary["updated"] == summary["dropped"] == summary["failed"] == []
    with sqlite3.connect(paper.out / ".newscrawl" / "state.sqlite") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 3

    before = snapshot(paper.out)
    again, summary = paper.crawl("-s", f"NEWSCRAWL_RECHECK_HOURS={RECHECK_ALL}")
    ok(again)
    assert snapshot(paper.out) == before
    assert summary["created"] == summary["updated"] == summary["dropped"] == []
    assert len(summary["unchanged"]) == 5


def test_a_state_with_version_2_rows_migrates_and_the_next_crawl_rewrites_nothing(tmp_path):
    # A version-2 store keyed each article "<site>:<id>". Write its rows so (over a crawl's own
    # state), then crawl again with two more stories that share those ids: the archived ones
    # are found by their URLs and are unchanged, and the new ones are posts of their own.
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    add_stories(paper, "other", "may20", "yaowen")
    ok(paper.crawl()[0])
    with sqlite3.connect(paper.out / ".newscrawl" / "state.sqlite") as conn:
        for key, path in conn.execute("SELECT key, path FROM articles").fetchall():
            old_key = "ceshiribao:" + Path(path).stem[len("2024-05-20-"):]
            conn.execute("UPDATE articles SET key = ? WHERE key = ?", (old_key, key))
            conn.execute("UPDATE urls SET article_key = ? WHERE article_key = ?", (old_key, key))
        for undo in ("DROP TABLE pictures", "DROP TABLE refused_pictures",  # added by version 4
                     "ALTER TABLE articles DROP COLUMN pictures_missing",
                     "ALTER TABLE articles DROP COLUMN picture_tries",
                     "ALTER TABLE articles DROP COLUMN source_fields"):  # added by version 5
            conn.execute(undo)
        conn.execute("PRAGMA user_version = 2")
    add_stories(paper, "jan07", "tiyu")
    before = snapshot(paper.out)
    result, summary = paper.crawl()
    ok(result)
    added, changed, removed = changed_files(before, snapshot(paper.out))
    assert changed == removed == set()
    assert added == {PLAIN["jan07"], distinct_name("tiyu")}
    assert urls(summary["unchanged"]) == {public_url(n) for n in ("other", "may20", "yaowen")}
    assert summary["updated"] == summary["dropped"] == []


def test_a_pruned_post_the_state_never_knew_keeps_its_story_out_and_its_name_free_of_others(tmp_path):
    # The replaced system's post of the may20 story, never imported, goes by retention. Then the
    # paper prints another story with id 1234 that day: that story is a post (under a name of
    # its own), while the pruned one is neither fetched nor written again.
    paper = make_paper(tmp_path)
    old = paper.out / PLAIN["may20"]
    old.parent.mkdir(parents=True)
    old.write_text(f'---\nlayout: post\ntitle: "旧稿"\ndate: 2024-05-20 09:30:00 +0800\n---\n<p>旧稿正文。</p>\n\n'
                   f"<{public_url('may20')}>\n\n[返回首页](//x/)", encoding="utf-8")
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "30")
    assert pruned.returncode == 0 and not old.exists(), pruned.stderr
    add_stories(paper, "may20")
    same_day = paper.site.add_article("第6号稿：同日同号的另一则消息", story(6, "sameday："),
                                      published="2024-05-20 16:00", page="news/yaowen/1234.html")
    paper.site.write()
    with requests_seen() as lines:
        result, summary = paper.crawl()
    ok(result)
    assert not [line for line in lines if STORIES["may20"][0] in line], lines
    named = f"_posts/2024-05-20-1234-{short_hash(canonical_url(paper.site.public_url(same_day)))[:8]}.md"
    assert summary["created"] == [{"url": paper.site.public_url(same_day), "path": named}]
    assert summary["dropped"] == [] and not old.exists()
