"""Map a profile's declared crawl modes to mode classes."""

from __future__ import annotations

import importlib

from newscrawl.modes.base import CrawlMode, CrawlOptions

#: mode name -> "module:Class"; modes whose module is missing are reported, not skipped silently.
MODE_CLASSES = {
    "listing": "newscrawl.modes.listing:ListingMode",
    "epaper": "newscrawl.modes.epaper:EpaperMode",
    "feed": "newscrawl.modes.feed:FeedMode",
    "sitemap": "newscrawl.modes.sitemap:SitemapMode",
    "api": "newscrawl.modes.api:ApiMode",
    "urls": "newscrawl.modes.urls:UrlsMode",
    "oneoff": "newscrawl.modes.oneoff:OneOffMode",
}


def mode_class(name: str) -> type[CrawlMode]:
    """Return the class implementing crawl mode ``name``."""
    module_name, _, class_name = MODE_CLASSES[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def build_modes(spider, profile, options: CrawlOptions) -> list[CrawlMode]:
    """Return one mode instance per crawl mode the profile declares."""
    return [mode_class(name)(spider, profile, options) for name in profile.modes]
