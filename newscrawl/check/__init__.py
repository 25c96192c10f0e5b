"""Check a site profile: offline over its saved pages, or live against the site."""

from newscrawl.check.live import ArticleReport, LiveReport, live_check
from newscrawl.check.saved import saved_pages_dir

__all__ = ["ArticleReport", "LiveReport", "live_check", "saved_pages_dir"]
