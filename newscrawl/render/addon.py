"""RenderAddon: plug Chromium into a crawl only when one of its profiles (or the run) asks."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

from newscrawl.render.browser import check_rendering, launch_options

logger = logging.getLogger(__name__)

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
MIDDLEWARE = "newscrawl.render.middleware.RenderMiddleware"
# After Scrapy's own request middlewares (robots.txt at 100, user agent at 500, cookies at 700).
MIDDLEWARE_ORDER = 950


class RenderAddon:
    """Install scrapy-playwright's download handler and :class:`RenderMiddleware` for this crawl.

    A crawl where nothing is to be rendered is left exactly as it was: no
    browser, no Playwright import, Scrapy's own HTTP handler. Add-ons are built
    after the spider, so its profiles (each with its ``render`` key) are known.
    Raises :class:`RenderError` when rendering is asked for but Chromium or
    Playwright is missing.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RenderAddon":
        """Return the add-on when some page of this crawl may be rendered; NotConfigured otherwise."""
        profiles = getattr(crawler.spider, "profiles", None) or []
        if not check_rendering(crawler.settings, profiles):
            raise NotConfigured
        return cls()

    def update_settings(self, settings: BaseSettings) -> None:
        """Route http(s) through scrapy-playwright (which passes unrendered requests to Scrapy's handler)."""
        from newscrawl.render.page import ResourceFilter  # imports Playwright: only when rendering

        handlers = settings.getdict("DOWNLOAD_HANDLERS")
        settings.set("DOWNLOAD_HANDLERS", {**handlers, "http": HANDLER, "https": HANDLER}, "addon")
        settings["DOWNLOADER_MIDDLEWARES"][MIDDLEWARE] = MIDDLEWARE_ORDER
        timeout_ms = settings.getfloat("NEWSCRAWL_RENDER_TIMEOUT") * 1000
        for name, value in {
            "PLAYWRIGHT_BROWSER_TYPE": "chromium",
            "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(settings),
            "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("NEWSCRAWL_RENDER_PAGES"),
            "PLAYWRIGHT_ABORT_REQUEST": ResourceFilter(settings.getlist("NEWSCRAWL_RENDER_BLOCK")),
        }.items():
            settings.set(name, value, "addon")
        logger.info("rendering pages in %s", settings.get("NEWSCRAWL_CHROMIUM"))
