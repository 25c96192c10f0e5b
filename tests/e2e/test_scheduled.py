"""End to end: scheduled crawls (issue #5) — re-runs, the lock, prune, the summary, exit codes.

Every test crawls a fixture newspaper (``tests/e2e/sitegen.py``) served on
127.0.0.1 by running the ``newscrawl`` command as a subprocess, as cron does.
"""

from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newscrawl.state import RunLock
from tests.e2e.paper import (
    RECHECK_ALL, SLUG, SUMMARY_KEYS, Paper, changed_files, make_paper, ok, paths, urls,
)
from tests.e2e.sitegen import story
from tests.helpers import read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e

@contextmanager
def requests_seen():
    """Collect the request lines the fixture server answers while the block runs."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if '"GET ' in message or '"HEAD ' in message:
                lines.append(message)

    logger = logging.getLogger("newscrawl.demo.server")
    handler, level = Collect(level=logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# --- 1. re-runs -----------------------------------------------------------------


def test_rerun_writes_nothing_then_only_the_new_and_edited_posts(tmp_path):
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    originals = [paper.site.add_article(f"第{n}条要闻：全省重点工作推进会召开", story(n),
                                        published=f"2024-05-{10 + n:02d} 09:30")
                 for n in range(1, 7)]
    paper.site.write()

    first, summary = paper.crawl()
    ok(first)
    assert len(summary["created"]) == 6
    assert paths(summary["created"]) == {f"_posts/2024-05-{10 + n:02d}-{1000 + n}.md" for n in range(1, 7)}

    # 2nd run: everything is re-checked (recheck_hours) and nothing changes, not even an mtime.
    before = snapshot(paper.out)
    second, summary = paper.crawl()
    ok(second)
    assert snapshot(paper.out) == before
    assert summary["created"] == [] and summary["updated"] == []
    assert urls(summary["unchanged"]) == {paper.site.public_url(a) for a in originals}
    assert "0 created, 0 updated, 6 unchanged" in second.stderr

    # 3rd run: three new articles and one corrected article.
    added = [paper.site.add_article(f"新增第{n}条：城市更新项目开工", story(n, "新增"),
                                    published="2024-05-21 08:00") for n in range(7, 10)]
    edited = originals[2]
    paper.site.edit_article(edited, paragraphs=story(3) + ["（更正：原文第二段数字有误，现已改正。）"])
    paper.site.write()
    before = snapshot(paper.out)
    third, summary = paper.crawl()
    ok(third)
    after = snapshot(paper.out)

    new_posts = {f"_posts/2024-05-21-{1000 + n}.md" for n in range(7, 10)}
    edited_post = "_posts/2024-05-13-1003.md"
    new_files, rewritten, removed = changed_files(before, after)
    assert new_files == new_posts
    assert rewritten == {edited_post}
    assert removed == set()
    assert paths(summary["created"]) == new_posts
    assert urls(summary["created"]) == {paper.site.public_url(a) for a in added}
    assert summary["updated"] == [{"url": paper.site.public_url(edited), "path": edited_post}]
    assert len(summary["unchanged"]) == 5 and summary["dropped"] == [] and summary["failed"] == []
    _, body = read_post(paper.out / edited_post)
    assert "（更正：原文第二段数字有误，现已改正。）" in body


def test_rerun_without_recheck_fetches_no_archived_article(tmp_path):
    paper = make_paper(tmp_path)
    for n in range(1, 4):
        paper.site.add_article(f"第{n}条：乡村振兴工作会议召开", story(n), published="2024-05-20 10:00")
    paper.site.write()
    ok(paper.crawl()[0])
    with requests_seen() as lines:
        second, summary = paper.crawl()
    ok(second)
    assert [line for line in lines if "GET /index.html" in line], lines  # the listing was read
    assert not [line for line in lines if "/news/" in line], lines
    assert summary == {**{key: [] for key in SUMMARY_KEYS}, "skipped_known": 3, "skipped_dropped": 0,
                       "skipped": {}, "selectors": {}}
    assert "3 already archived and skipped" in second.stderr


def test_two_urls_of_one_story_give_one_post(tmp_path):
    paper = make_paper(tmp_path)
    text = story(42, "同稿两发：")
    first = paper.site.add_article("全省经济运行稳中向好", text, published="2024-05-20 09:30")
    second = paper.site.add_article("全省经济运行稳中向好", text, published="2024-05-20 09:30")
    paper.site.write()
    result, summary = paper.crawl()
    ok(result)
    both = {paper.site.public_url(first), paper.site.public_url(second)}
    assert len(summary["created"]) == 1
    kept = summary["created"][0]["url"]
    assert kept in both
    [dropped] = summary["dropped"]
    assert dropped["url"] == (both - {kept}).pop()
    assert "duplicate" in dropped["reason"] and kept in dropped["reason"]
    assert [p.name for p in (paper.out / "_posts").iterdir()] == [Path(summary["created"][0]["path"]).name]


def test_a_later_copy_of_an_archived_story_is_dropped_naming_the_post(tmp_path):
    paper = make_paper(tmp_path)
    text = story(7, "转载稿：")
    original = paper.site.add_article("防汛抗旱工作部署会召开", text, published="2024-05-20 09:30")
    paper.site.write()
    ok(paper.crawl()[0])
    copy = paper.site.add_article("防汛抗旱工作部署会召开", text, published="2024-05-20 09:30")
    paper.site.write()
    before = snapshot(paper.out)
    result, summary = paper.crawl()
    ok(result)
    assert snapshot(paper.out) == before
    assert summary["created"] == [] and summary["updated"] == []
    assert summary["dropped"] == [{
        "url": paper.site.public_url(copy),
        "reason": f"duplicate of _posts/2024-05-20-1001.md from {paper.site.public_url(original)}",
    }]
    assert paper.site.public_url(original) not in urls(summary["dropped"])


def test_rechecked_story_stays_unchanged_when_its_copy_appears(tmp_path):
    """The archived original, re-checked in the run its copy first shows up, is unchanged.

    The copy is newest (page 1 of the listing), the original on page 2, so the
    copy is processed first and dropped as a duplicate of the stored post; the
    original must then be "unchanged", not dropped as a duplicate of a copy
    that was itself dropped.
    """
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    text = story(8, "转载稿：")
    original = paper.site.add_article("高温天气防暑降温提示", text, published="2024-05-20 09:30")
    paper.site.write()
    ok(paper.crawl()[0])
    for n in range(20, 24):  # push the original to page 2 of the listing
        paper.site.add_article(f"第{n}条：夏粮收购工作启动", story(n), published="2024-05-21 09:30")
    copy = paper.site.add_article("高温天气防暑降温提示", text, published="2024-05-20 09:30")
    paper.site.write()
    result, summary = paper.crawl()
    ok(result)
    assert urls(summary["dropped"]) == {paper.site.public_url(copy)}, summary["dropped"]
    assert summary["unchanged"] == [{"url": paper.site.public_url(original),
                                     "path": "_posts/2024-05-20-1001.md"}]


# --- 2. the lock ----------------------------------------------------------------


def test_a_crawl_refuses_a_locked_archive_then_runs_after_release(tmp_path):
    paper = make_paper(tmp_path)
    paper.site.add_article("全市安全生产大检查启动", story(1), published="2024-05-20 09:30")
    paper.site.write()
    lock = RunLock.for_archive(paper.out)
    lock.acquire()
    try:
        locked, _ = paper.crawl(summary=None)
    finally:
        lock.release()
    assert locked.returncode == 3, locked.stderr[-3000:]
    assert str(paper.out) in locked.stderr
    assert "already writing" in locked.stderr
    assert not (paper.out / "_posts").exists()

    result, summary = paper.crawl()
    ok(result)
    assert paths(summary["created"]) == {"_posts/2024-05-20-1001.md"}


# --- 3. prune ---------------------------------------------------------------------


def _recent_day(days_back: int) -> str:
    """Return the date line of a day ``days_back`` days ago in the paper's time zone."""
    day = datetime.now(timezone.utc).astimezone(ZoneInfo("Asia/Shanghai")) - timedelta(days=days_back)
    return day.strftime("%Y-%m-%d 08:00")


@pytest.mark.parametrize("move", [False, True], ids=["remove", "move-to"])
def test_prune_removes_old_posts_and_later_crawls_leave_them_out(tmp_path, move):
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    old = [paper.site.add_article(f"旧闻{n}：去年的工作总结", story(n), published=f"2024-05-{n:02d} 09:00")
           for n in (1, 2)]
    new = [paper.site.add_article(f"新闻{n}：本周工作安排", story(n + 10), published=_recent_day(n))
           for n in (1, 2)]
    paper.site.write()
    ok(paper.crawl()[0])
    old_posts = sorted(f"_posts/2024-05-{n:02d}-{a.page.rsplit('/', 1)[1][:-5]}.md"
                       for n, a in zip((1, 2), old))
    assert all((paper.out / p).is_file() for p in old_posts)

    graveyard = tmp_path / "attic"
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "30",
                     *(["--move-to", str(graveyard)] if move else []))
    assert pruned.returncode == 0, pruned.stderr
    verb = "moved" if move else "removed"
    assert sorted(pruned.stdout.splitlines()) == [f"{verb}\t{p}" for p in old_posts]
    assert "pruned 2 post(s)" in pruned.stderr
    for post in old_posts:
        assert not (paper.out / post).exists()
        assert (graveyard / post).is_file() == move
    kept = sorted(str(p.relative_to(paper.out)) for p in (paper.out / "_posts").iterdir())
    assert len(kept) == 2 and not set(kept) & set(old_posts)

    before = snapshot(paper.out)
    with requests_seen() as lines:
        result, summary = paper.crawl()
    ok(result)
    assert snapshot(paper.out) == before
    assert [line for line in lines if "GET /index.html" in line], lines  # the listing was read
    for article in old:
        assert not [line for line in lines if article.page in line], (article.page, lines)
    assert summary["created"] == [] and summary["updated"] == []
    assert urls(summary["unchanged"]) == {paper.site.public_url(a) for a in new}


# --- 4. the summary and JSON Lines ----------------------------------------------------


def test_summary_lists_posts_drops_and_failures_and_jsonl_the_posts(tmp_path):
    paper = make_paper(tmp_path)
    good = paper.site.add_article("全省春耕生产有序推进", story(1), published="2024-05-20 09:30",
                                  author="王五", source="江西日报")
    undated = paper.site.add_article("一篇没有日期的稿件", story(2), published=None)
    missing = paper.site.add_article("链接已失效的稿件", story(3), published="2024-05-20 10:00")
    paper.site.write()
    paper.site.remove(missing)
    jsonl = tmp_path / "posts.jsonl"

    result, summary = paper.crawl("--jsonl", str(jsonl))
    ok(result)  # article-level problems do not fail the run
    assert list(summary) == SUMMARY_KEYS + ["skipped_known", "skipped_dropped", "skipped", "selectors"]
    assert summary["created"] == [{"url": paper.site.public_url(good), "path": "_posts/2024-05-20-1001.md"}]
    assert summary["updated"] == [] and summary["unchanged"] == []
    assert summary["dropped"] == [{"url": paper.site.public_url(undated), "reason": "missing published date"}]
    [failed] = summary["failed"]
    assert set(failed) == {"url", "reason"}
    assert failed["url"].endswith(missing.page)
    assert failed["reason"].startswith("fetch failed")
    assert paper.site.public_url(undated) in result.stderr and "missing published date" in result.stderr

    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["url"] == paper.site.public_url(good)
    assert record["title"] == "全省春耕生产有序推进"
    assert record["published"] == "2024-05-20T09:30:00+08:00"
    assert datetime.fromisoformat(record["published"]).utcoffset() == timedelta(hours=8)
    assert record["path"] == "_posts/2024-05-20-1001.md" and record["status"] == "created"
    assert record["author"] == ["王五"] and record["source"] == "江西日报"
    assert record["editor"] == []  # author and editor are always lists

    # nothing new: the summary's post lists are empty and the JSON Lines file is empty.
    again, summary = paper.crawl("--jsonl", str(jsonl))
    ok(again)
    assert summary["created"] == [] and summary["updated"] == []
    assert jsonl.read_text(encoding="utf-8") == ""


def _crawl_with_a_missing_article(tmp_path: Path) -> tuple[Paper, dict, str]:
    """Crawl a paper whose second article's page is gone; return it, the failure and its URL."""
    paper = make_paper(tmp_path)
    paper.site.add_article("正常稿件", story(1), published="2024-05-20 09:30")
    missing = paper.site.add_article("失效稿件", story(2), published="2024-05-20 09:30")
    paper.site.write()
    paper.site.remove(missing)
    result, summary = paper.crawl()
    ok(result)
    [failed] = summary["failed"]
    return paper, failed, paper.site.public_url(missing)


def test_failed_article_names_its_public_url(tmp_path):
    """A failure names the article's public URL, as posts and drops do, not the local
    mirror's (whose port changes from run to run)."""
    _, failed, url = _crawl_with_a_missing_article(tmp_path)
    assert failed["url"] == url


def test_failed_article_reason_names_the_http_status(tmp_path):
    _, failed, _ = _crawl_with_a_missing_article(tmp_path)
    assert failed["reason"].startswith("fetch failed")
    assert "404" in failed["reason"], failed


def test_post_body_is_the_article_text_without_the_meta_line(tmp_path):
    """The date/来源/记者 line above the content is metadata, not the first paragraph."""
    paper = make_paper(tmp_path)
    paper.site.add_article("全省春耕生产有序推进", story(1), published="2024-05-20 09:30",
                           author="王五", source="江西日报")
    paper.site.write()
    ok(paper.crawl()[0])
    front, body = read_post(paper.out / "_posts/2024-05-20-1001.md")
    assert (front["author"], front["source"]) == (["王五"], "江西日报")
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert paragraphs == story(1)


# --- 5. exit codes ----------------------------------------------------------------


def test_exit_status_0_and_4_with_exit_nothing_new(tmp_path):
    paper = make_paper(tmp_path)
    paper.site.add_article("全省春耕生产有序推进", story(1), published="2024-05-20 09:30")
    paper.site.write()
    first, _ = paper.crawl("--exit-nothing-new")
    assert first.returncode == 0, first.stderr[-3000:]  # a post was created
    plain, _ = paper.crawl()
    assert plain.returncode == 0, plain.stderr[-3000:]
    nothing, summary = paper.crawl("--exit-nothing-new")
    assert nothing.returncode == 4, nothing.stderr[-3000:]
    assert summary["created"] == [] and summary["updated"] == []
    paper.site.add_article("夏粮收购工作启动", story(2), published="2024-05-21 09:30")
    paper.site.write()
    more, summary = paper.crawl("--exit-nothing-new")
    assert more.returncode == 0, more.stderr[-3000:]
    assert paths(summary["created"]) == {"_posts/2024-05-21-1002.md"}


def test_exit_status_1_when_the_start_page_is_missing(tmp_path):
    paper = make_paper(tmp_path, listing={"start_urls": ["no-such-listing.html"],
                                          "article_links": [r"/news/.+\.html"]})
    paper.site.add_article("全省春耕生产有序推进", story(1))
    paper.site.write()
    result, _ = paper.crawl()
    assert result.returncode == 1, result.stderr[-3000:]
    assert "start page" in result.stderr
    assert "no-such-listing.html" in result.stderr
    assert not (paper.out / "_posts").exists()


def test_exit_status_2_for_a_bad_profile(tmp_path):
    paper = make_paper(tmp_path, timezone="Mars/Olympus")
    paper.site.add_article("全省春耕生产有序推进", story(1))
    paper.site.write()
    with requests_seen() as lines:
        result, _ = paper.crawl()
    assert result.returncode == 2, result.stderr[-3000:]
    profile = paper.profiles / f"{SLUG}.yaml"
    assert f"{profile}: timezone: unknown time zone 'Mars/Olympus'" in result.stderr
    assert lines == []  # nothing was fetched
    assert not paper.out.exists()


def test_exit_status_3_when_locked(tmp_path):
    paper = make_paper(tmp_path)
    paper.site.add_article("全省春耕生产有序推进", story(1))
    paper.site.write()
    with RunLock.for_archive(paper.out):
        with requests_seen() as lines:
            result, _ = paper.crawl("--exit-nothing-new")
    assert result.returncode == 3, result.stderr[-3000:]
    assert lines == []


def test_prune_keeps_the_state_the_crawls_keep_when_it_lives_elsewhere(tmp_path):
    """`archive prune -s NEWSCRAWL_STATE=…` marks the posts in the state crawls use, so they stay gone."""
    state = tmp_path / "elsewhere" / "state.sqlite"
    setting = ("-s", f"NEWSCRAWL_STATE={state}")
    paper = make_paper(tmp_path, recheck_hours=RECHECK_ALL)
    old = paper.site.add_article("旧闻：去年的工作总结", story(1), published="2024-05-01 09:00")
    paper.site.add_article("新闻：本周工作安排", story(2), published=_recent_day(1))
    paper.site.write()
    ok(paper.crawl(*setting)[0])
    assert state.is_file() and not (paper.out / ".newscrawl" / "state.sqlite").exists()

    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "30", *setting)
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.splitlines() == ["removed\t_posts/2024-05-01-1001.md"]
    assert not (paper.out / ".newscrawl" / "state.sqlite").exists()  # no second, empty state

    again, summary = paper.crawl(*setting)
    ok(again)
    assert not (paper.out / "_posts" / "2024-05-01-1001.md").exists()
    assert paper.site.public_url(old) not in urls(summary["created"] + summary["unchanged"])
    bad = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "30", "-s", "NEWSCRAWL_STAT=x")
    assert bad.returncode == 2 and "did you mean NEWSCRAWL_STATE" in bad.stderr
