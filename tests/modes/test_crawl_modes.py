"""End to end: `newscrawl crawl` over the local test sites, one mode at a time.

Each expected article must become exactly one post with the right category,
section and date; the date window, --section and --limit must narrow the crawl.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import read_post, run_cli
from tests.modes.conftest import LocalSites

pytestmark = pytest.mark.e2e


def crawl(sites: LocalSites, tmp_path: Path, slug: str, *options: str) -> dict[str, dict]:
    """Run the CLI for ``slug`` and return each post's front matter by its path on the site."""
    out = tmp_path / "archive"
    result = run_cli("crawl", slug, "--out", str(out), "--profiles-dir", str(sites.profiles_dir),
                     *options)
    assert result.returncode in (0, 4), result.stderr[-3000:]
    failed = re.search(r"(\d+) failed", result.stderr)
    assert failed and failed.group(1) == "0", result.stderr[-3000:]
    site = sites.site_url(slug)
    posts = {}
    for path in sorted((out / "_posts").glob("*.md")) if (out / "_posts").is_dir() else []:
        front, _ = read_post(path)
        key = front["original_url"].removeprefix(site)
        assert key not in posts, f"{key} became two posts"
        posts[key] = {**front, "file": path.name}
    return posts


def test_epaper_one_day_every_page(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "jiangnanribao", "--date", "2023-05-19")
    assert {k: (p["file"], p["section"], str(p["date"])) for k, p in posts.items()} == {
        "html/2023-05/19/content_3_301.htm": ("2023-05-19-content_3_301.md", "要闻", "2023-05-19"),
        "html/2023-05/19/content_3_302.htm": ("2023-05-19-content_3_302.md", "要闻", "2023-05-19"),
        "html/2023-05/19/content_4_401.htm": ("2023-05-19-content_4_401.md", "经济", "2023-05-19"),
    }
    assert {(p["categories"], p["tags"]) for p in posts.values()} == {("jiangnanribao", "江南日报新闻")}
    assert posts["html/2023-05/19/content_3_301.htm"]["title"] == "数字经济重点项目集中签约"


def test_epaper_section_across_days(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "jiangnanribao", "--since", "2023-05-17", "--until", "2023-05-20",
                  "--section", "经济")
    assert {k: (p["section"], str(p["date"])) for k, p in posts.items()} == {
        "html/2023-05/18/content_2_201.htm": ("经济", "2023-05-18"),
        "html/2023-05/19/content_4_401.htm": ("经济", "2023-05-19"),
    }


def test_epaper_section_by_page_number_and_limit(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "jiangnanribao", "--date", "2023-05-18", "--section", "1")
    assert set(posts) == {"html/2023-05/18/content_1_101.htm", "html/2023-05/18/content_1_102.htm"}
    limited = crawl(local_sites, tmp_path / "limit", "jiangnanribao", "--since", "2023-05-18",
                    "--until", "2023-05-19", "--limit", "2")
    assert len(limited) == 2


def test_feeds_every_entry_once(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "feedtest")
    assert {k: str(p["date"]) for k, p in posts.items()} == {
        "articles/2023/0517/f1.html": "2023-05-17 08:00:00 +0800",
        "articles/2023/0518/f2.html": "2023-05-18 09:30:00 +0800",
        "articles/2023/0519/f3.html": "2023-05-19 10:15:00 +0800",
        "articles/2023/0519/f4.html": "2023-05-19 16:40:00 +0800",
    }
    assert posts["articles/2023/0519/f4.html"]["section"] == "社会"  # only in the Atom feed
    assert {p["categories"] for p in posts.values()} == {"feedtest"}


def test_feeds_date_window_and_section(local_sites, tmp_path):
    since = crawl(local_sites, tmp_path, "feedtest", "--since", "2023-05-19")
    assert set(since) == {"articles/2023/0519/f3.html", "articles/2023/0519/f4.html"}
    atom = crawl(local_sites, tmp_path / "atom", "feedtest", "--section", "社会")
    assert {k: p["section"] for k, p in atom.items()} == {
        "articles/2023/0519/f4.html": "社会", "articles/2023/0517/f1.html": "社会"}


def test_sitemaps_from_robots_txt(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "sitemaptest")
    assert {k: str(p["date"]) for k, p in posts.items()} == {
        "news/2022/11/02/s0.html": "2022-11-02 09:00:00 +0800",
        "news/2023/05/18/s1.html": "2023-05-18 07:20:00 +0800",
        "news/2023/05/19/s2.html": "2023-05-19 11:05:00 +0800",
        "news/2023/05/19/s3.html": "2023-05-19 18:30:00 +0800",
    }
    assert posts["news/2023/05/18/s1.html"]["title"] == "防汛物资储备全面到位"


def test_sitemaps_date_window(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "sitemaptest", "--date", "2023-05-19")
    assert set(posts) == {"news/2023/05/19/s2.html", "news/2023/05/19/s3.html"}


def test_api_records_categorised_by_media(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "meitiku")
    assert sorted(posts) == ["a/NW202305182312985502.html", "a/NW202305192312986018.html",
                             "a/NW202305192312986020.html"]
    got = {p["file"]: (p["categories"], p["tags"], str(p["date"]), p["title"]) for p in posts.values()}
    assert got == {
        "2023-05-19-NW202305192312986018.md": ("jiangxiribao", "江西日报新闻", "2023-05-19 09:04:04 +0800",
                                               "西湖区加快培育数字经济生态圈"),
        "2023-05-19-NW202305192312986020.md": ("jiangnandushibao", "江南都市报新闻",
                                               "2023-05-19 10:20:00 +0800", "夜间经济点亮城市消费"),
        "2023-05-18-NW202305182312985502.md": ("jiangxiribao", "江西日报新闻", "2023-05-18 08:10:30 +0800",
                                               "乡村振兴示范带建设提速"),
    }


def test_api_date_window(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "meitiku", "--date", "2023-05-18")
    assert [p["file"] for p in posts.values()] == ["2023-05-18-NW202305182312985502.md"]


def test_listing_sections_with_pagination(local_sites, tmp_path):
    posts = crawl(local_sites, tmp_path, "jiangnanwang")
    assert {k: (p["file"], p["section"]) for k, p in posts.items()} == {
        "system/2023/05/19/1001.shtml": ("2023-05-19-1001.md", "要闻"),
        "system/2023/05/19/1002.shtml": ("2023-05-19-1002.md", "要闻"),
        "system/2023/05/18/1003.shtml": ("2023-05-18-1003.md", "要闻"),  # on page 2
        "system/2023/05/19/2001.shtml": ("2023-05-19-2001.md", "社会"),
        "system/2023/05/17/2002.shtml": ("2023-05-17-2002.md", "社会"),
    }
    only = crawl(local_sites, tmp_path / "shehui", "jiangnanwang", "--section", "社会")
    assert set(only) == {"system/2023/05/19/2001.shtml", "system/2023/05/17/2002.shtml"}
