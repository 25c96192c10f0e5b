"""End to end: corrections reach the archive, re-checks cost a 304, drops are remembered (issue 11, items 2 and 3).

A local newsroom (``tests/e2e/newsroom.py``) corrects its stories and says so
in its sitemap ``<lastmod>``, its Atom ``<updated>`` and its API record time;
its pages carry ``ETag``/``Last-Modified`` and answer conditional requests
with 304. Each test crawls it with the ``newscrawl`` command and checks, from
the server's request log and the archive's files, what was fetched, how, and
what was written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.newsroom import PUBLIC, SLUG, Newsroom, Story, serve_newsroom, write_profile
from tests.helpers import read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e


def story(n: int, **fields) -> Story:
    return Story(n, f"第{n}号新闻：城市更新项目稳步推进", [f"第{n}号稿件的第一段，介绍项目进展情况和下一步安排。",
                                                        f"第{n}号稿件的第二段，相关负责人接受采访时表示将加快进度。"], **fields)


class Crawl:
    """The newsroom, its profile and the archive, crawled with ``newscrawl crawl``."""

    def __init__(self, tmp: Path, mode: str, stories: list[Story], **profile):
        self.tmp, self.room = tmp, Newsroom(stories)
        self.profiles = tmp / "profiles"
        write_profile(self.profiles, mode, **profile)
        self.out = tmp / "archive"

    def __call__(self, *args: str) -> dict:
        """Run one crawl (exit 0 asserted) and return its summary; the request log starts afresh."""
        self.room.seen.clear()
        summary = self.tmp / "summary.json"
        with serve_newsroom(self.room) as room:
            result = run_cli("crawl", SLUG, "--profiles-dir", str(self.profiles), "--out", str(self.out),
                             "--summary", str(summary), "--mirror", f"{PUBLIC}={room.base_url}",
                             "-s", "AUTOTHROTTLE_ENABLED=False", *args)
        assert result.returncode == 0, result.stderr[-3000:]
        self.stderr = result.stderr
        return json.loads(summary.read_text(encoding="utf-8"))

    def post(self, n: int) -> Path:
        return self.out / "_posts" / f"2024-05-20-{n}.md"


def url(n: int) -> str:
    return f"{PUBLIC}news/{n}.html"


ID_PATTERN = {"id_pattern": r"/news/(\d+)\.html"}


@pytest.mark.parametrize("mode", ["sitemap", "feed", "api"])
def test_a_correction_the_source_announces_is_fetched_conditionally_and_updates_the_post(tmp_path, mode):
    crawl = Crawl(tmp_path, mode, [story(1), story(2), story(3)], **ID_PATTERN)
    first = crawl()
    assert {e["url"] for e in first["created"]} == {url(1), url(2), url(3)}
    etag = crawl.room.stories[2].etag()

    corrected = crawl.room.stories[2]
    corrected.correct(paragraphs=corrected.paragraphs + ["（更正：原稿第二段的数字有误，现已改正。）"])
    before = snapshot(crawl.out)
    summary = crawl()

    assert summary["updated"] == [{"url": url(2), "path": "_posts/2024-05-20-2.md"}]
    assert summary["created"] == [] and summary["unchanged"] == [] and summary["skipped_known"] == 2
    [asked] = crawl.room.article_requests()  # only the corrected story, and conditionally
    assert (asked.path, asked.if_none_match, asked.status) == ("/news/2.html", etag, 200)
    assert asked.if_modified_since and asked.if_modified_since.endswith("GMT")
    changed = {name for name, value in snapshot(crawl.out).items() if before.get(name) != value}
    assert changed == {"_posts/2024-05-20-2.md"}
    assert "现已改正" in read_post(crawl.post(2))[1]

    before = snapshot(crawl.out)
    again = crawl()  # nothing moved since: at most a 304 (the site's clock may run ahead of ours), no write
    assert all(a.status == 304 for a in crawl.room.article_requests()), crawl.room.article_requests()
    assert again["created"] == again["updated"] == [] and snapshot(crawl.out) == before


def test_a_recheck_answered_304_costs_no_parse_and_no_write(tmp_path):
    crawl = Crawl(tmp_path, "sitemap", [story(1), story(2)], recheck_hours=10 ** 6, **ID_PATTERN)
    crawl()
    before = snapshot(crawl.out)
    etags = {n: crawl.room.stories[n].etag() for n in (1, 2)}

    summary = crawl()

    asked = crawl.room.article_requests()
    assert sorted((a.path, a.if_none_match, a.status) for a in asked) == [
        ("/news/1.html", etags[1], 304), ("/news/2.html", etags[2], 304)]
    assert sorted(summary["unchanged"], key=lambda e: e["url"]) == [
        {"url": url(1), "path": "_posts/2024-05-20-1.md"}, {"url": url(2), "path": "_posts/2024-05-20-2.md"}]
    assert summary["created"] == summary["updated"] == summary["dropped"] == summary["failed"] == []
    assert snapshot(crawl.out) == before  # not a byte, not an mtime


def test_a_correction_of_only_the_author_or_date_updates_a_post_newscrawl_wrote(tmp_path):
    crawl = Crawl(tmp_path, "sitemap", [story(1), story(2)], **ID_PATTERN)
    crawl()
    crawl.room.stories[1].correct(author="李四")
    crawl.room.stories[2].correct(published="2024-05-20 11:45")

    summary = crawl()

    assert sorted(e["url"] for e in summary["updated"]) == [url(1), url(2)]
    assert read_post(crawl.post(1))[0]["author"] == ["李四"]
    assert str(read_post(crawl.post(2))[0]["date"]) == "2024-05-20 11:45:00 +0800"  # the file keeps its name


def test_an_adopted_post_stays_byte_identical_until_its_text_changes(tmp_path):
    crawl = Crawl(tmp_path, "sitemap", [story(1)], **ID_PATTERN)
    crawl()
    # The same post as another system wrote it (its own front matter), adopted into a fresh state.
    post = crawl.post(1)
    theirs = post.read_text(encoding="utf-8").replace("layout: post\n", "layout: post\ncomments: false\n")
    post.write_text(theirs, encoding="utf-8")
    shutil.rmtree(crawl.out / ".newscrawl")
    adopted = run_cli("archive", "import", "--out", str(crawl.out), "--site", SLUG,
                      "--profiles-dir", str(crawl.profiles))
    assert adopted.returncode == 0, adopted.stderr

    crawl.room.stories[1].correct(author="李四")  # metadata only: the adopted post is left alone
    summary = crawl()
    assert summary["unchanged"] == [{"url": url(1), "path": "_posts/2024-05-20-1.md"}]
    assert post.read_text(encoding="utf-8") == theirs

    crawl.room.stories[1].correct(paragraphs=["全文重写后的第一段，内容已经完全不同。", "全文重写后的第二段。"])
    summary = crawl()
    assert summary["updated"] == [{"url": url(1), "path": "_posts/2024-05-20-1.md"}]
    assert "全文重写" in post.read_text(encoding="utf-8") and "comments: false" not in post.read_text(encoding="utf-8")


def test_a_dropped_article_is_remembered_reported_once_and_fetched_when_it_changes(tmp_path):
    crawl = Crawl(tmp_path, "sitemap", [story(1), story(2, published=None)], **ID_PATTERN)
    first = crawl()
    assert first["dropped"] == [{"url": url(2), "reason": "missing published date"}]

    second = crawl()  # not fetched again, not reported again, but counted
    assert crawl.room.article_requests() == []
    assert second["dropped"] == [] and second["skipped_dropped"] == 1
    assert "1 dropped by earlier runs and skipped (--retry-dropped fetches them)" in crawl.stderr

    retried = crawl("--retry-dropped")  # asked for: fetched, and dropped again
    assert [a.path for a in crawl.room.article_requests()] == ["/news/2.html"]
    assert retried["dropped"] == [{"url": url(2), "reason": "missing published date"}]

    crawl.room.stories[2].correct(published="2024-05-20 15:00")  # the site fixes the page and says so
    fixed = crawl()
    assert fixed["created"] == [{"url": url(2), "path": "_posts/2024-05-20-2.md"}]
    assert crawl().get("skipped_dropped") == 0


def test_recheck_fetches_the_windows_archived_articles_again_conditionally_whatever_their_age(tmp_path):
    crawl = Crawl(tmp_path, "sitemap", [story(1), story(2, published="2024-05-19 10:00")], **ID_PATTERN)
    crawl()
    etags = {n: crawl.room.stories[n].etag() for n in (1, 2)}
    # The site corrects story 1 without saying so: its sitemap <lastmod> stays as it was.
    crawl.room.stories[1].paragraphs = crawl.room.stories[1].paragraphs + ["（更正：数字有误，已改正。）"]

    quiet = crawl()  # an ordinary run does not look at archived articles whose source says nothing changed
    assert crawl.room.article_requests() == [] and quiet["skipped_known"] == 2

    summary = crawl("--recheck", "--date", "2024-05-20")
    [asked] = crawl.room.article_requests()  # story 1 only: story 2 was published the day before
    assert (asked.path, asked.if_none_match, asked.status) == ("/news/1.html", etags[1], 200)
    assert asked.if_modified_since and asked.if_modified_since.endswith("GMT")
    assert summary["updated"] == [{"url": url(1), "path": "_posts/2024-05-20-1.md"}]
    assert "已改正" in read_post(crawl.post(1))[1]

    before = snapshot(crawl.out)
    summary = crawl("--recheck")  # no window: every archived article the crawl reaches, each a 304 now
    assert sorted((a.path, a.status) for a in crawl.room.article_requests()) == [
        ("/news/1.html", 304), ("/news/2.html", 304)]
    assert len(summary["unchanged"]) == 2 and summary["updated"] == [] and snapshot(crawl.out) == before


def test_recheck_without_a_state_is_refused_before_anything_is_fetched(tmp_path):
    result = run_cli("crawl", "yanshiribao", "--out", str(tmp_path / "out"), "--recheck",
                     "-s", "NEWSCRAWL_STATE_ENABLED=False")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("newscrawl: error: --recheck: re-checks the articles the archive's state "
                                    "records, but this run keeps none (-s NEWSCRAWL_STATE_ENABLED is off)")
    assert not (tmp_path / "out").exists()
