"""The duplicate filter of a crawl in one process: article pages by canonical URL, every other request as Scrapy does.

The spider asks for each article link once by its canonical URL
(:class:`~newscrawl.spiders.seen.SeenArticles`); a redirect is a new request
the spider never sees, so the filter judges it the same way
(:func:`~newscrawl.modes.links.article_fingerprint`). On Redis the shared
scheduler's filter does too (``distributed/scheduler.py``).
"""

from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter

from newscrawl.modes.links import article_fingerprint


class ArticleDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, telling article requests apart by their canonical URL."""

    def request_fingerprint(self, request) -> str:
        """Return the key ``request`` is judged by (see :func:`article_fingerprint`)."""
        return article_fingerprint(request) or super().request_fingerprint(request)
