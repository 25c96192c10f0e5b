"""The redirect guard tells URLs apart as Scrapy's duplicate filter does: by request fingerprint.

A redirect back to a page of its own chain under another spelling (the query
in another order, a fragment) was neither allowed past the duplicate filter
nor seen as a loop: the filter dropped it and the story was lost.
"""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newscrawl.downloader.redirects import RedirectRefused, SiteRedirectMiddleware
from tests.helpers import read_post, run_cli
from tests.localsite import article_html, html, local_site

A = "http://paper.example/a/1.html?x=1&y=2"
A_AGAIN = "http://paper.example/a/1.html?y=2&x=1"  # the same request for Scrapy's fingerprint


@pytest.fixture
def middleware() -> SiteRedirectMiddleware:
    return SiteRedirectMiddleware.from_crawler(get_crawler())


def redirect(middleware, request: Request, location: str):
    return middleware.process_response(request, Response(request.url, status=302,
                                                          headers={"Location": location}, request=request))


def test_a_return_under_another_spelling_passes_the_duplicate_filter(middleware):
    redirected = redirect(middleware, Request(A), A_AGAIN)
    assert redirected.url == A_AGAIN and redirected.dont_filter


def test_a_loop_under_other_spellings_is_a_loop(middleware):
    back = redirect(middleware, Request(A), A_AGAIN)
    with pytest.raises(RedirectRefused, match="redirect loop"):
        redirect(middleware, back, A + "#top")


def route(path: str):
    if path == "/list.html":
        return html('<html><body><a href="/a/1.html?x=1&amp;y=2">新闻</a></body></html>')
    if path == "/a/1.html?x=1&y=2":  # sets its cookie and sends the reader back, query reordered
        return html('<html><head><meta http-equiv="refresh" content="0; url=/a/1.html?y=2&amp;x=1">'
                    "</head><body></body></html>")
    if path == "/a/1.html?y=2&x=1":
        return html(article_html("重定向后的新闻"))
    return None


def test_a_story_behind_a_reordering_redirect_is_posted(tmp_path):
    with local_site(route) as server:
        profiles = tmp_path / "profiles"
        profiles.mkdir()
        (profiles / "redir.yaml").write_text(f"""name: 重定向报
slug: redir
base_url: "{server.base_url}"
listing:
  start_urls: [list.html]
  article_links: '/a/'
""", encoding="utf-8")
        result = run_cli("crawl", "redir", "--profiles-dir", str(profiles), "--out", str(tmp_path / "out"),
                         "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    posts = sorted((tmp_path / "out" / "_posts").glob("*.md"))
    assert [read_post(p)[0]["title"] for p in posts] == ["重定向后的新闻"]
