"""End to end: what a re-crawl does with stories it reaches again, through another source or another URL.

Each test crawls the local newsroom (``tests/e2e/newsroom.py``) with the
``newscrawl`` command, changing what the site lists (and how) between runs,
and checks what was fetched, what the summary says and which bytes moved.
These are the causes the model-based crawl check found (``tests/model/``;
docs/architecture.md, "Revisits").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.newsroom import PUBLIC, SLUG, Newsroom, Story, serve_newsroom, write_profile
from tests.helpers import read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e

ID_PATTERN = {"id_pattern": r"/news/(\d+)\.html"}
CORRECTION = "（更正：原稿第二段的数字有误，现已改正。）"


def story(n: int, **fields) -> Story:
    return Story(n, f"第{n}号新闻：老旧小区改造全面铺开", [f"第{n}号稿件的第一段，介绍改造项目的进展和资金安排。",
                                                       f"第{n}号稿件的第二段，居民代表表示对改造效果十分满意。"], **fields)


class Crawl:
    """The newsroom and an archive, crawled with ``newscrawl crawl`` through a profile of the modes asked for."""

    def __init__(self, tmp: Path, stories: list[Story], *, direct: bool = False, validators: bool = True):
        self.tmp, self.room = tmp, Newsroom(stories, validators=validators)
        self.direct = direct  # no mirror: the profile names the server itself (one run only: its port changes)
        self.profiles, self.out = tmp / "profiles", tmp / "archive"

    def __call__(self, mode: str, *args: str, **profile) -> dict:
        """Run one crawl of the profile with ``mode`` (exit 0 asserted); return its summary."""
        self.room.seen.clear()
        summary = self.tmp / "summary.json"
        with serve_newsroom(self.room) as room:
            room.public = room.base_url if self.direct else PUBLIC
            write_profile(self.profiles, mode, public=room.public, **profile)
            mirror = [] if self.direct else ["--mirror", f"{PUBLIC}={room.base_url}"]
            result = run_cli("crawl", SLUG, "--profiles-dir", str(self.profiles), "--out", str(self.out),
                             "--summary", str(summary), *mirror, "-s", "AUTOTHROTTLE_ENABLED=False", *args)
        assert result.returncode in (0, 3), result.stderr[-3000:]  # 3: nothing new
        self.stderr = result.stderr
        return json.loads(summary.read_text(encoding="utf-8"))

    def url(self, n: int) -> str:
        return f"{self.room.public}news/{n}.html"

    def asked(self) -> list[str]:
        return [seen.path for seen in self.room.article_requests()]

    def posts(self) -> list[Path]:
        return sorted((self.out / "_posts").glob("*.md"))


def outcomes(summary: dict) -> list[tuple[str, str]]:
    """Return (kind, url) for every entry of the summary."""
    return [(kind, entry["url"]) for kind in ("created", "updated", "unchanged", "dropped", "failed")
            for entry in summary.get(kind, [])]


@pytest.mark.parametrize("first, then", [("listing", "feed"), ("feed", "listing")])
def test_a_recheck_through_another_source_leaves_an_unchanged_post_as_it_is(tmp_path, first, then):
    # A listing gives a section, a feed none: the post must not flip with the source that reached it.
    crawl = Crawl(tmp_path, [story(1)], validators=False)  # no 304: the page is read again
    crawl(first, **ID_PATTERN)
    before = snapshot(crawl.out)

    summary = crawl(then, recheck_hours=10 ** 6, **ID_PATTERN)

    assert crawl.asked() == ["/news/1.html"]
    assert summary["updated"] == [] and summary["unchanged"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]
    assert snapshot(crawl.out) == before


def test_a_recheck_of_a_page_without_a_date_keeps_the_date_its_feed_gave(tmp_path):
    crawl = Crawl(tmp_path, [story(1, published=None)], validators=False)
    first = crawl("feed", **ID_PATTERN)
    assert first["created"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]
    before = snapshot(crawl.out)

    summary = crawl("sitemap", recheck_hours=10 ** 6, **ID_PATTERN)  # a sitemap gives no publication date

    assert crawl.asked() == ["/news/1.html"]
    assert summary["dropped"] == [] and summary["updated"] == []
    assert snapshot(crawl.out) == before


def test_a_link_that_redirects_is_known_to_the_next_run(tmp_path):
    crawl = Crawl(tmp_path, [story(1)])
    crawl.room.redirects = {"/r/1.html": "/news/1.html"}
    crawl.room.links = {"sitemap": ["/r/1.html"]}
    first = crawl("sitemap", **ID_PATTERN)
    assert first["created"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]

    second = crawl("sitemap", **ID_PATTERN)

    assert crawl.asked() == [] and outcomes(second) == []


@pytest.mark.parametrize("direct", [False, True], ids=["mirror", "direct"])
@pytest.mark.parametrize("order", ["redirect-first", "link-first"])
def test_a_page_reached_by_a_redirect_and_by_its_own_link_is_fetched_and_listed_once(tmp_path, direct, order):
    crawl = Crawl(tmp_path, [story(1)], direct=direct)
    crawl.room.redirects = {"/r/1.html": "/news/1.html"}
    early, late = ("/r/1.html", "/news/1.html") if order == "redirect-first" else ("/news/1.html", "/r/1.html")
    crawl.room.links = {"sitemap": [early], "feed": [late]}
    # The late link is scheduled once the early one was sent, and before its page is archived.
    crawl.room.slow = {"/atom.xml": 0.5, "/news/1.html": 1.5}

    summary = crawl("sitemap+feed", **ID_PATTERN)

    assert crawl.asked().count("/news/1.html") == 1
    listed = outcomes(summary)
    assert [url for _, url in listed].count(crawl.url(1)) == 1 and ("created", crawl.url(1)) in listed, listed
    assert all(kind == "dropped" and url.endswith("/r/1.html") for kind, url in listed if url != crawl.url(1)), listed


def test_a_correction_announced_after_another_source_refused_the_url_is_fetched(tmp_path):
    crawl = Crawl(tmp_path, [story(1), story(2)])
    crawl("listing+sitemap", **ID_PATTERN)
    crawl.room.stories[2].correct(paragraphs=crawl.room.stories[2].paragraphs + [CORRECTION])
    crawl.room.slow = {"/sitemap.xml": 1.0}  # the listing names the archived URL first: not due

    summary = crawl("listing+sitemap", **ID_PATTERN)

    assert summary["updated"] == [{"url": crawl.url(2), "path": "_posts/2024-05-20-2.md"}]
    assert CORRECTION in read_post(crawl.out / "_posts/2024-05-20-2.md")[1]


def test_a_correction_reached_through_another_url_of_the_story_updates_its_one_post(tmp_path):
    crawl = Crawl(tmp_path, [story(1)])
    crawl.room.aliases = {"/print/1.html": 1}  # the print view: the same page under another URL
    crawl.room.links = {"sitemap": ["/print/1.html", "/news/1.html"]}
    crawl.room.slow = {"/print/1.html": 1.0}  # first run: the story is archived under its own URL
    first = crawl("sitemap", **ID_PATTERN)
    assert first["created"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]
    crawl.room.stories[1].correct(paragraphs=crawl.room.stories[1].paragraphs + [CORRECTION])
    crawl.room.slow = {"/news/1.html": 1.0}  # second run: the print view answers first

    summary = crawl("sitemap", **ID_PATTERN)

    [post] = crawl.posts()
    assert post.name == "2024-05-20-1.md" and CORRECTION in read_post(post)[1]
    assert read_post(post)[0]["original_url"] == crawl.url(1)
    assert summary["created"] == [] and [e["path"] for e in summary["updated"]] == ["_posts/2024-05-20-1.md"]


def test_a_story_named_by_a_hash_gets_one_name_whatever_tracking_link_reached_it(tmp_path):
    names = []
    for n, link in enumerate(["/news/875.html", "/news/875.html?utm_source=feed"]):
        crawl = Crawl(tmp_path / str(n), [story(875)])
        crawl.room.links = {"sitemap": [link]}
        crawl("sitemap")  # no id pattern: 875 is too short to be an id, the post is named by a hash
        names += [post.name for post in crawl.posts()]
    assert len(names) == 2 and names[0] == names[1], names


def test_a_recheck_through_a_tracking_link_leaves_the_post_as_it_is(tmp_path):
    crawl = Crawl(tmp_path, [story(1)], validators=False)
    crawl("sitemap", **ID_PATTERN)
    before = snapshot(crawl.out)
    crawl.room.links = {"sitemap": ["/news/1.html?utm_source=feed"]}  # the same story, written otherwise

    summary = crawl("sitemap", recheck_hours=10 ** 6, **ID_PATTERN)

    assert crawl.asked() == ["/news/1.html"]
    assert summary["updated"] == [] and summary["unchanged"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]
    assert snapshot(crawl.out) == before


def test_a_redirect_to_a_story_fetched_under_a_tracking_link_is_known_to_the_next_run(tmp_path):
    crawl = Crawl(tmp_path, [story(1)])
    crawl.room.redirects = {"/r/1.html": "/news/1.html"}
    crawl.room.links = {"sitemap": ["/news/1.html?utm_source=feed", "/r/1.html"]}  # two requests of one page
    crawl.room.slow = {"/r/1.html": 1.0}  # the page the redirect leads to is a second copy
    first = crawl("sitemap", **ID_PATTERN)
    assert [e["path"] for e in first["created"]] == ["_posts/2024-05-20-1.md"]
    assert crawl.asked().count("/news/1.html") == 1  # requests of one story are told apart by canonical URL

    second = crawl("sitemap", **ID_PATTERN)

    assert crawl.asked() == [] and outcomes(second) == []


def test_a_recheck_through_another_url_of_the_story_leaves_the_post_as_it_is(tmp_path):
    crawl = Crawl(tmp_path, [story(1)], validators=False)
    crawl.room.aliases = {"/print/1.html": 1}
    crawl.room.links = {"sitemap": ["/news/1.html", "/print/1.html"]}
    crawl.room.slow = {"/print/1.html": 1.0}  # archived under its own URL (id 1), the print view a copy of it
    crawl("sitemap", **ID_PATTERN)
    before = snapshot(crawl.out)
    crawl.room.links = {"sitemap": ["/print/1.html"]}  # the print view has no id of the pattern's

    summary = crawl("sitemap", recheck_hours=10 ** 6, **ID_PATTERN)

    assert crawl.asked() == ["/print/1.html"]
    assert summary["updated"] == [] and summary["unchanged"] == [{"url": crawl.url(1), "path": "_posts/2024-05-20-1.md"}]
    assert snapshot(crawl.out) == before
