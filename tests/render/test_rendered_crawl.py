"""End to end: articles and links written by scripts are crawled only when pages are rendered.

The site (tests/render/scriptsite.py) is served on 127.0.0.1 under a public
base of ``http://script.example/``; crawls run as subprocesses through the
``newscrawl`` command, with Debian's Chromium when rendering is on.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from newscrawl.demo.server import serve
from tests.helpers import need_chromium, read_post, run_cli
from tests.render.scriptsite import (
    FETCHED,
    GBK,
    PRIVATE,
    PUBLIC_BASE,
    SLUG,
    feed_xml,
    write_profile,
    write_site,
)

pytestmark = pytest.mark.e2e


class RequestLog(logging.Handler):
    """Collect the paths the site server answered (it logs each request at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def paths(self) -> list[str]:
        """Return the request paths, in order ("GET /index.html HTTP/1.1" -> "/index.html")."""
        return [line.split('"')[1].split()[1] for line in self.lines if line.count('"') >= 2]


@contextmanager
def served(root: Path) -> Iterator[tuple[str, RequestLog]]:
    """Serve ``root`` and record the requests it answers; yield (base URL, log)."""
    logger = logging.getLogger("newscrawl.demo.server")
    handler, level = RequestLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        with serve(root) as server:
            yield server.base_url, handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def crawl(tmp_path: Path, name: str, base_url: str, *args: str) -> tuple[Path, dict, str]:
    """Crawl into ``tmp_path/name``; return the archive, the run summary and stderr."""
    out, summary = tmp_path / name, tmp_path / f"{name}.json"
    result = run_cli("crawl", *args, "--out", str(out), "--summary", str(summary), "-q",
                     "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={base_url}", "-s", "AUTOTHROTTLE_ENABLED=False",
                     timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, json.loads(summary.read_text(encoding="utf-8")), result.stderr


def posts(out: Path) -> dict[str, tuple[dict, str]]:
    """Return the archive's posts by title: (front matter, body)."""
    found = {}
    for path in sorted((out / "_posts").glob("*.md")) if (out / "_posts").is_dir() else []:
        front, body = read_post(path)
        found[front["title"]] = (front, body)
    return found


def assert_article(post: tuple[dict, str], article) -> None:
    """Assert a post carries the article's title, date, source, paragraphs and public URL."""
    front, body = post
    assert front["title"] == article.title
    assert str(front["date"]) == f"{article.time}:00 +0800"
    assert front.get("source") == article.source
    for paragraph in article.paragraphs:
        assert f"<p>{paragraph}</p>" in body, paragraph
    assert f"{PUBLIC_BASE}{article.page}" in body, body[-400:]
    assert "127.0.0.1" not in body


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


@pytest.mark.chromium
def test_listing_and_articles_come_out_only_when_rendered(tmp_path, site):
    need_chromium()
    plain, rendered = tmp_path / "plain-profiles", tmp_path / "render-profiles"
    write_profile(plain)
    write_profile(rendered, render="all")
    with served(site) as (base_url, log):
        out, summary, _ = crawl(tmp_path, "off", base_url, SLUG, "--profiles-dir", str(plain))
        assert posts(out) == {}
        assert all(summary[kind] == [] for kind in ("created", "dropped", "failed")), summary
        off_paths = log.paths()
        assert "/index.html" in off_paths and not any(p.startswith("/news/") for p in off_paths), off_paths

        del log.lines[:]
        out, summary, stderr = crawl(tmp_path, "on", base_url, SLUG, "--profiles-dir", str(rendered))
        on_paths = log.paths()
    found = posts(out)
    assert sorted(found) == sorted([FETCHED.title, GBK.title]), (sorted(found), summary)
    assert_article(found[FETCHED.title], FETCHED)
    assert_article(found[GBK.title], GBK)
    # The browser ran the article's script (it fetched the JSON) ...
    assert f"/data/{FETCHED.number}.json" in on_paths, on_paths
    # ... and robots.txt still held: the disallowed article was never requested, by Scrapy or Chromium.
    assert "/robots.txt" in on_paths
    assert not any(p.startswith("/news/private/") for p in on_paths), on_paths
    assert PRIVATE.title not in found
    assert summary["failed"] == [], summary
    assert summary["dropped"] == [{"url": f"{PUBLIC_BASE}{PRIVATE.page}",
                                   "reason": "forbidden by the site's robots.txt"}], summary


@pytest.mark.chromium
def test_an_article_url_is_dropped_plain_and_extracted_with_render(tmp_path, site):
    need_chromium()
    with served(site) as (base_url, _):
        url = f"{base_url}{GBK.page}"
        out, summary, _ = crawl(tmp_path, "off", base_url, url, "--category", "jiaobenribao:脚本日报新闻")
        assert posts(out) == {}
        [dropped] = summary["dropped"]
        assert dropped["url"] == url and dropped["reason"], summary

        out, summary, _ = crawl(tmp_path, "on", base_url, url, "--category", "jiaobenribao:脚本日报新闻",
                                "--render")
    found = posts(out)
    assert list(found) == [GBK.title], summary
    front, body = found[GBK.title]
    assert front["categories"] == "jiaobenribao" and front["tags"] == "脚本日报新闻"
    for paragraph in GBK.paragraphs:
        assert f"<p>{paragraph}</p>" in body


@pytest.mark.chromium
def test_a_feed_given_with_render_is_read_as_a_feed_and_its_articles_rendered(tmp_path, site):
    """The feed URL goes to the browser first (it might be an article), is seen not to be HTML and
    is fetched again as it is; the articles it links are rendered."""
    need_chromium()
    with served(site) as (base_url, log):
        (site / "feed.xml").write_text(feed_xml(base_url), encoding="utf-8")
        out, summary, _ = crawl(tmp_path, "feed", base_url, f"{base_url}feed.xml",
                                "--category", "jiaobenribao:脚本日报新闻", "--render")
        paths = log.paths()
    found = posts(out)
    assert sorted(found) == sorted([FETCHED.title, GBK.title]), summary
    assert paths.count("/feed.xml") == 2, paths
    assert f"/data/{FETCHED.number}.json" in paths


def test_no_render_overrides_the_profile(tmp_path, site):
    """--no-render keeps a rendering profile's crawl off the browser: nothing is found."""
    profiles = tmp_path / "profiles"
    write_profile(profiles, render="articles")
    with served(site) as (base_url, log):
        out, summary, stderr = crawl(tmp_path, "none", base_url, SLUG, "--profiles-dir", str(profiles),
                                     "--no-render")
    assert posts(out) == {} and summary["created"] == []
    assert "scrapy_playwright" not in stderr and "rendering pages" not in stderr


def test_rendering_without_chromium_stops_before_any_request(tmp_path, site):
    profiles = tmp_path / "profiles"
    write_profile(profiles, render="all")
    out = tmp_path / "out"
    with served(site) as (base_url, log):
        result = run_cli("crawl", SLUG, "--profiles-dir", str(profiles), "--out", str(out),
                         "-s", "NEWSCRAWL_CHROMIUM=/nonexistent/chromium",
                         "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={base_url}")
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "/nonexistent/chromium" in lines[0] and "apt-get install chromium" in lines[0]
    assert log.paths() == [] and not out.exists()
