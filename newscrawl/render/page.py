"""What happens inside one browser tab: the document's charset, blocked resources, settling.

scrapy-playwright opens the tab, navigates and reads ``page.content()``;
these pieces plug into it through request meta and its settings.
"""

from __future__ import annotations

import logging
from typing import Iterable

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Route
from playwright.async_api import Request as BrowserRequest
from playwright.async_api import TimeoutError as PlaywrightTimeout
from scrapy.http import Request
from w3lib.encoding import http_content_type_encoding

from newscrawl.extract.encoding import decode_html
from newscrawl.render.policy import KEPT_DOCUMENTS

logger = logging.getLogger(__name__)

# Headers the browser's own fetch sets or must not receive from Scrapy's request.
_DROPPED_REQUEST_HEADERS = {"accept-encoding", "content-length", "host", "cookie"}
_DROPPED_RESPONSE_HEADERS = {"content-length", "content-encoding", "transfer-encoding"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Request meta key: the media type of a rendered document that turned out not HTML.
NOT_HTML = "render_not_html"


class ResourceFilter:
    """Tell scrapy-playwright to abort sub-resources of types the text does not need."""

    def __init__(self, blocked_types: Iterable[str]):
        self.blocked = frozenset(t.lower() for t in blocked_types)

    def __call__(self, request: BrowserRequest) -> bool:
        """Return True to abort ``request`` (an image, font or media file by default)."""
        return request.resource_type in self.blocked


class DocumentDecoder:
    """Hand the browser the page's own document decoded as newscrawl decodes it.

    Browsers believe the HTTP charset over the bytes; a GBK page labelled UTF-8
    (common on Chinese sites) would be read as mojibake before any script runs.
    The document is fetched here, decoded from its bytes by the extractor's
    rules, and given to the tab as UTF-8 (labelled so). Redirects go back to the
    browser, which follows them through this route again. Scrapy's request
    headers (User-Agent, Accept-Language) go with the fetch.
    """

    def __init__(self, timeout_ms: float):
        self.timeout_ms = timeout_ms

    async def __call__(self, page: Page, request: Request) -> None:
        """Route ``page``'s top-level documents through :meth:`serve_document`."""
        sent = {k.lower(): v for k, v in request.headers.to_unicode_dict().items()}
        headers = {k: v for k, v in sent.items() if k not in _DROPPED_REQUEST_HEADERS}

        kept = request.meta.get(KEPT_DOCUMENTS)  # a list when the crawl keeps WARC records

        async def route(route: Route, browser_request: BrowserRequest) -> None:
            if browser_request.is_navigation_request() and browser_request.frame.parent_frame is None:
                mime = await self.serve_document(route, browser_request, headers, kept)
                if mime:
                    request.meta[NOT_HTML] = mime
            else:
                await route.fallback()

        await page.route("**/*", route)

    async def serve_document(self, route: Route, browser_request: BrowserRequest, headers: dict,
                             kept: list | None = None) -> str | None:
        """Fetch a top-level document and fulfil it as UTF-8 text, or as it is when it is not HTML.

        Return the document's media type when it is a successful non-HTML one
        (a feed, a sitemap, JSON), else None. ``kept``: a list the document is
        appended to as fetched (url, status, header pairs, body decoded).
        """
        try:
            merged = {**await browser_request.all_headers(), **headers}
            response = await route.fetch(headers=merged, max_redirects=0, timeout=self.timeout_ms)
            if kept is not None:
                pairs = [(h["name"], h["value"]) for h in response.headers_array
                         if h["name"].lower() not in _DROPPED_RESPONSE_HEADERS]
                kept.append((browser_request.url, response.status, pairs, await response.body()))
        except PlaywrightError as exc:
            logger.debug("document fetch failed for %s: %s", browser_request.url, exc)
            await route.abort("failed")
            return None
        content_type = response.headers.get("content-type", "")
        mime = content_type.partition(";")[0].strip().lower()
        if mime not in HTML_TYPES or not 200 <= response.status < 300:
            await route.fulfill(response=response)
            return mime if 200 <= response.status < 300 else None
        declared = http_content_type_encoding(content_type)
        text, encoding = decode_html(await response.body(), declared)
        if encoding != "utf-8":
            logger.debug("rendering %s decoded as %s (declared %s)", browser_request.url, encoding, declared)
        kept = {k: v for k, v in response.headers.items() if k.lower() not in _DROPPED_RESPONSE_HEADERS}
        kept["content-type"] = f"{mime}; charset=utf-8"
        await route.fulfill(response=response, headers=kept, body=text.encode("utf-8"))
        return None


async def settle(page: Page, timeout_ms: float) -> None:
    """Wait up to ``timeout_ms`` for the page's network to go quiet (scripts fetching the article).

    A page that never goes quiet (polling, streams) is read as it is then;
    0 reads every page at its load event (Playwright takes a 0 timeout as none).
    """
    if timeout_ms <= 0:
        return
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except PlaywrightTimeout:
        logger.debug("network still busy after %.0f ms: reading %s as it is", timeout_ms, page.url)
