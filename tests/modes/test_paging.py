"""End to end: every page of a paged listing, sitemap index or API list is read (issue 18, case 6).

Listing pages were once told apart by the article key, which drops ``from``
(a tracking key on article links, a page offset on listings): ``list?from=2``
counted as page 1 and paging stopped there. A local site pages one listing
each by ``?from=N``, ``?page=N``, ``?start=N`` and by path (``list_2.html``),
with a pager on every page that also links back to the first one; a sitemap
index names two children that differ only by ``?from=``; an API pages its
list by ``?from={page}``. Every article on every page must become a post, and
each page must be fetched once.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from tests.helpers import read_post, run_cli
from tests.localsite import article_html, html, local_site

pytestmark = pytest.mark.e2e

PAGES = 3
PER_PAGE = 2
#: style -> (first page, URL of page n >= 2); each style's article numbers start at its own hundred
LISTINGS = {
    "from": ("/from/list.jsp", lambda n: f"/from/list.jsp?from={(n - 1) * PER_PAGE}"),
    "page": ("/page/list.php", lambda n: f"/page/list.php?page={n}"),
    "start": ("/start/list.asp", lambda n: f"/start/list.asp?start={(n - 1) * PER_PAGE}"),
    "path": ("/path/list.html", lambda n: f"/path/list_{n}.html"),
}
SITEMAPS = ["/sitemap.xml?from=0", "/sitemap.xml?from=100"]
API_PAGES = 3


def page_url(style: str, n: int) -> str:
    first, later = LISTINGS[style]
    return first if n == 1 else later(n)


def article_path(style: str, number: int) -> str:
    return f"/a/{style}/{number}.html"


def listed_articles(style: str, n: int) -> list[str]:
    """Return the article paths on page ``n`` of a style (numbers unique across the site)."""
    base = (list(LISTINGS) + ["sitemap", "api"]).index(style) * 100 + 100
    return [article_path(style, base + (n - 1) * PER_PAGE + i) for i in range(PER_PAGE)]


def listing_page(style: str, n: int) -> str:
    links = "".join(f'<li><a href="{p}">新闻 {p}</a></li>' for p in listed_articles(style, n))
    pager = [f'<a href="{page_url(style, 1)}">首页</a>']
    if n > 1:
        pager.append(f'<a href="{escape(page_url(style, n - 1))}">上一页</a>')
    pager += [f'<a href="{escape(page_url(style, k))}">{k}</a>' for k in range(1, PAGES + 1)]
    if n < PAGES:
        pager.append(f'<a href="{escape(page_url(style, n + 1))}">下一页</a>')
    return (f'<html><head><meta charset="utf-8"><title>列表</title></head><body><ul>{links}</ul>'
            f'<div class="pager">{"".join(pager)}</div></body></html>')


def routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    """Return every page of the site by its raw path."""
    site = {}
    for style in LISTINGS:
        for n in range(1, PAGES + 1):
            site[page_url(style, n)] = html(listing_page(style, n))
    index = "".join(f"<sitemap><loc>{escape(base + p.lstrip('/'))}</loc></sitemap>" for p in SITEMAPS)
    site["/sitemap_index.xml"] = (200, "application/xml", (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{index}</sitemapindex>").encode())
    for n, path in enumerate(SITEMAPS, 1):
        urls = "".join(f"<url><loc>{base}{p.lstrip('/')}</loc></url>" for p in listed_articles("sitemap", n))
        site[path] = (200, "application/xml", (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode())
    for n in range(1, API_PAGES + 1):
        records = [{"url": p, "title": f"接口 {p}", "time": "2024-05-20 09:30:00"}
                   for p in listed_articles("api", n)]
        site[f"/api/list.json?from={n}"] = (200, "application/json",
                                            json.dumps({"data": records}).encode())
    return site


def every_article() -> set[str]:
    listed = {p for style in LISTINGS for n in range(1, PAGES + 1) for p in listed_articles(style, n)}
    listed |= {p for n in range(1, len(SITEMAPS) + 1) for p in listed_articles("sitemap", n)}
    return listed | {p for n in range(1, API_PAGES + 1) for p in listed_articles("api", n)}


def write_profile(folder: Path, base: str) -> None:
    folder.mkdir()
    starts = "".join(f"\n    - {{url: {first.lstrip('/')!r}, section: {style}}}"
                     for style, (first, _) in LISTINGS.items())
    (folder / "pagingtest.yaml").write_text(f"""name: 翻页测试报
slug: pagingtest
base_url: "{base}"
listing:
  start_urls:{starts}
  article_links: '/a/'
  next_pages: '/list'
sitemap: [sitemap_index.xml]
api:
  list_url: "api/list.json?from={{page}}"
  pages: {API_PAGES}
  list_path: data
  fields: {{url: url, title: title, published: time}}
""", encoding="utf-8")


def test_every_page_of_every_paged_list_is_read(tmp_path):
    site: dict = {}
    with local_site(lambda path: site.get(path) or (html(article_html(escape(f"文章 {path}")))
                                                   if path.startswith("/a/") else None)) as server:
        site.update(routes(server.base_url))
        write_profile(tmp_path / "profiles", server.base_url)
        result = run_cli("crawl", "pagingtest", "--profiles-dir", str(tmp_path / "profiles"),
                         "--out", str(tmp_path / "out"), "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    assert " 0 failed" in result.stderr, result.stderr[-3000:]
    root = server.base_url.rstrip("/")
    posted = [read_post(p)[0]["original_url"].removeprefix(root)
              for p in sorted((tmp_path / "out" / "_posts").glob("*.md"))]
    assert sorted(posted) == sorted(every_article())
    lists = [p for p in server.paths if not p.startswith("/a/") and p != "/robots.txt"]
    assert sorted(lists) == sorted(set(lists)), "a list page was fetched twice"
    assert set(lists) == set(site)
