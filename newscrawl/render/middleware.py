"""RenderMiddleware: send the article and listing pages that need a browser to Chromium."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_playwright.page import PageMethod

from newscrawl.render.page import NOT_HTML, DocumentDecoder, settle
from newscrawl.render.policy import parse_run_render, renders

logger = logging.getLogger(__name__)


class RenderMiddleware:
    """Mark a request for scrapy-playwright when its page kind and profile ask for rendering.

    The spider and the crawl modes say what a request fetches in
    ``meta["page_kind"]`` ("article" or "listing"); feeds, sitemaps, APIs and
    robots.txt carry none and are never rendered. Everything before the
    download (robots.txt, the profile's hosts, the mirror's URL) and after it
    (the extractor, the pipelines) stays as it is: the response is the rendered
    DOM's HTML at the URL that was requested.
    """

    def __init__(self, run_render: str | None, settle_ms: float, timeout_ms: float, stats):
        self.run_render = run_render
        self.settle_ms = settle_ms
        self.decoder = DocumentDecoder(timeout_ms)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RenderMiddleware":
        """Build the middleware from the NEWSCRAWL_RENDER* settings."""
        settings = crawler.settings
        return cls(
            run_render=parse_run_render(settings.get("NEWSCRAWL_RENDER")),
            settle_ms=settings.getfloat("NEWSCRAWL_RENDER_SETTLE") * 1000,
            timeout_ms=settings.getfloat("NEWSCRAWL_RENDER_TIMEOUT") * 1000,
            stats=crawler.stats,
        )

    def process_request(self, request: Request) -> None:
        """Ask scrapy-playwright to render ``request`` when it is due; let every other request pass."""
        kind = request.meta.get("page_kind")
        profile = request.meta.get("profile")
        if "playwright" in request.meta or not renders(kind, getattr(profile, "render", None), self.run_render):
            return None
        request.meta.update(
            playwright=True,
            playwright_page_init_callback=self.decoder,
            playwright_page_methods=[PageMethod(settle, self.settle_ms)],
        )
        self.stats.inc_value(f"newscrawl/rendered/{kind}")
        logger.debug("rendering %s (%s) in Chromium", request.url, kind)
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        """Fetch a rendered page again as it is when it was not HTML (a feed or sitemap given as a URL)."""
        mime = request.meta.get(NOT_HTML)
        if not mime or "playwright" not in response.flags:
            return response
        self.stats.inc_value("newscrawl/rendered/not_html")
        logger.debug("%s is %s, not HTML: fetching it again without the browser", request.url, mime)
        meta = {k: v for k, v in request.meta.items() if k != NOT_HTML}
        return request.replace(meta={**meta, "playwright": False}, dont_filter=True)
