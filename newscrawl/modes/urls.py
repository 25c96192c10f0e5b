"""URLs mode: the profile lists article pages explicitly."""

from __future__ import annotations

from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.links import resolve_link


class UrlsMode(CrawlMode):
    """Schedule each listed article URL of the selected section."""

    name = "urls"

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one article request per listed URL."""
        for source in mode_config(self.profile, "urls").urls:
            if not self.options.wants_section(source.section):
                continue
            url = resolve_link(source.url, self.profile.base_url or "")
            # the profile names these pages itself: they are its start pages
            request = self.article(url, section=source.section, start=True) if url else None
            if request is not None:
                yield request
