"""Drop an item with a counted, logged reason."""

from __future__ import annotations

import logging
import re

from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)


def drop(crawler, item, reason: str) -> DropItem:
    """Count ``reason`` in the crawl stats, log it, and return the DropItem to raise."""
    key = re.sub(r"[^a-z0-9]+", "_", reason.split(":", 1)[0].lower()).strip("_")
    crawler.stats.inc_value(f"newscrawl/dropped/{key}")
    crawler.stats.inc_value("newscrawl/dropped")
    logger.warning("dropped %s: %s", getattr(item, "url", "?"), reason)
    return DropItem(reason)
