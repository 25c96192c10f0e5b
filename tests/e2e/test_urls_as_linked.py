"""End to end: a URL is requested exactly as the page linked it (issue 11, item 4).

A local server records the raw request line of every request. A listing links
a GBK-encoded query (``?kw=%D6%D0%CE%C4``) and a bare query (``?123``); a feed
links two more of each kind. Each must reach the server byte for byte — not
re-encoded as UTF-8 replacement characters, not rewritten to ``?123=`` — and
the post must name the URL as linked.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from tests.helpers import read_post, run_cli
from tests.localsite import article_html, html, local_site

pytestmark = pytest.mark.e2e

LISTED = ["/news/search.php?kw=%D6%D0%CE%C4", "/news/a.shtml?123"]
IN_FEED = ["/news/search.php?kw=%C4%E3%BA%C3&page=2", "/news/b.shtml?456"]


def route(path: str):
    """Answer the listing, the feed and any article (titled with the raw path it was asked for)."""
    if path == "/list.html":
        links = "".join(f'<li><a href="{escape(p)}">链接</a></li>' for p in LISTED)
        return html(f'<html><head><meta charset="utf-8"></head><body><ul>{links}</ul></body></html>')
    if path == "/rss.xml":  # links relative to the feed, as some sites write them
        items = "".join(f"<item><title>条目</title><link>{escape(p)}</link></item>" for p in IN_FEED)
        return 200, "application/rss+xml", f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    if path.startswith("/news/"):
        return html(article_html(escape(f"文章 {path}")))
    return None


def write_profile(folder: Path, base: str) -> None:
    folder.mkdir()
    (folder / "urltest.yaml").write_text(f"""name: 网址测试报
slug: urltest
base_url: "{base}"
listing:
  start_urls: [list.html]
  article_links: ['/news/']
feed: [rss.xml]
""", encoding="utf-8")


def test_urls_reach_the_server_as_linked(tmp_path):
    with local_site(route) as server:
        write_profile(tmp_path / "profiles", server.base_url)
        result = run_cli("crawl", "urltest", "--profiles-dir", str(tmp_path / "profiles"),
                         "--out", str(tmp_path / "out"), "-s", "AUTOTHROTTLE_ENABLED=False", "-q")
    assert result.returncode == 0, result.stderr
    articles = [p for p in server.paths if p.startswith("/news/")]
    assert sorted(articles) == sorted(LISTED + IN_FEED)  # each once, byte for byte
    assert not any("%EF%BF%BD" in p or p.endswith("=") for p in server.paths)
    posts = sorted((tmp_path / "out" / "_posts").glob("*.md"))
    assert len(posts) == 4
    linked = set()
    for post in posts:
        front, body = read_post(post)
        url = front["original_url"]
        assert front["title"] == f"文章 {url.removeprefix(server.base_url.rstrip('/'))}"
        assert f"<{url}>" in body
        linked.add(url)
    assert linked == {server.base_url.rstrip("/") + p for p in LISTED + IN_FEED}
