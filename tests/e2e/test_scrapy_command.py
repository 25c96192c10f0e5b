"""`scrapy crawl news -a site=SLUG` works inside the repository, like the newscrawl command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.demo.data import load_demo
from newscrawl.demo.server import serve
from tests.helpers import REPO

pytestmark = pytest.mark.e2e


def scrapy(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=env)


def test_scrapy_crawl_news_writes_the_demo_archive(tmp_path: Path):
    out = tmp_path / "archive"
    with serve() as server:
        result = scrapy("crawl", "news", "-a", "site=yanshiribao", "-a", f"base_url={server.base_url}",
                        "-s", f"NEWSCRAWL_OUT={out}", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((out / "_posts").glob("*.md"))) == len(load_demo().articles)
    assert (out / "_config.yml").is_file() and (out / ".newscrawl" / "state.sqlite").is_file()


def test_scrapy_crawl_stops_on_a_broken_profile(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("name: 坏报\nlisting:\n  start_urls: [http://x.example/]\n"
                                       "  article_links: ['(']\n", encoding="utf-8")
    out = tmp_path / "archive"
    result = scrapy("crawl", "news", "-a", "site=bad", "-s", f"NEWSCRAWL_PROFILE_DIRS={tmp_path}",
                    "-s", f"NEWSCRAWL_OUT={out}")
    assert result.returncode != 0
    assert f"{tmp_path / 'bad.yaml'}: listing.article_links[0]: bad regular expression" in result.stderr
    assert not out.exists()


def test_scrapy_crawl_news_takes_one_off_urls(tmp_path: Path):
    article = load_demo().articles[0]
    out = tmp_path / "archive"
    with serve() as server:
        url = f"{server.base_url}html/{article.day:%Y-%m}/{article.day:%d}/content_{article.id}.html"
        result = scrapy("crawl", "news", "-a", f"url={url}", "-a", "category=yanshi:演示新闻",
                        "-s", f"NEWSCRAWL_OUT={out}", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    [post] = (out / "_posts").glob("*.md")
    text = post.read_text(encoding="utf-8")
    assert f'title: "{article.title}"' in text and "categories: yanshi\ntags: 演示新闻\n" in text


def test_scrapy_crawl_news_without_a_site_is_one_line(tmp_path: Path):
    out = tmp_path / "archive"
    result = scrapy("crawl", "news", "-s", f"NEWSCRAWL_OUT={out}")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["scrapy crawl news: error: site: give a profile slug (-a site=SLUG, "
                                          "see 'newscrawl sites') or URLs to crawl without one (-a url=URL)"]
    assert not out.exists()

