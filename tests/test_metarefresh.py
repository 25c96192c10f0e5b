"""Meta-refresh redirects are followed as Scrapy follows them; pages without one are not decoded to look."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.downloader.redirects import SiteMetaRefreshMiddleware as MetaRefreshMiddleware, may_refresh

URL = "http://paper.example/a/1.html"


def respond(body: bytes, **headers) -> tuple[Request, HtmlResponse]:
    request = Request(URL)
    return request, HtmlResponse(URL, body=body, request=request, headers=headers or None)


@pytest.fixture
def middleware() -> MetaRefreshMiddleware:
    return MetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize("body, headers", [
    (b'<html><head><meta http-equiv="Refresh" content="0; url=/b.html"></head><body>x</body></html>', {}),
    ('<html><head><title>跳转</title><META HTTP-EQUIV="refresh" CONTENT="0;URL=/b.html"></head></html>'
     .encode("gbk"), {"Content-Type": "text/html; charset=gbk"}),
    ('<html><head><meta http-equiv="refresh" content="0; url=/b.html"></head></html>'.encode("utf-16"), {}),
])
def test_a_page_that_refreshes_is_redirected(middleware, body, headers):
    request, response = respond(body, **headers)
    redirected = middleware.process_response(request, response)
    assert isinstance(redirected, Request) and redirected.url == "http://paper.example/b.html"


def test_a_page_without_a_refresh_passes_as_it_is(middleware):
    request, response = respond("<html><head><title>新闻</title></head><body><p>正文</p></body></html>"
                                .encode("gbk") * 500, **{"Content-Type": "text/html; charset=gbk"})
    assert middleware.process_response(request, response) is response
    assert not may_refresh(response.body)


def test_a_refresh_below_the_top_is_not_scrapys_either(middleware):
    body = b"<html><head></head><body>" + b"<p>text</p>" * 2000 + b'<meta http-equiv="refresh" content="0;url=/b.html">'
    request, response = respond(body)
    assert middleware.process_response(request, response) is response


def test_the_word_refresh_alone_is_no_meta_refresh(middleware):
    body = b'<html><head><script>function refresh(){location.reload()}</script></head><body>x</body></html>'
    request, response = respond(body)
    assert not may_refresh(body) and middleware.process_response(request, response) is response
    mixed = b'<html><head><Meta Http-Equiv="ReFresh" content="0;url=/b.html"></head></html>'
    assert may_refresh(mixed) and middleware.process_response(*respond(mixed)).url == "http://paper.example/b.html"
