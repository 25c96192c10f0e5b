"""Request fingerprints: article pages by canonical URL, every other request as Scrapy does.

The spider asks for each article link once by its canonical URL
(:class:`~newscrawl.spiders.seen.SeenArticles`); a redirect is a new request
the spider never sees, so the duplicate filter judges it the same way
(:func:`~newscrawl.modes.links.article_fingerprint`). On Redis the shared
scheduler's filter does too (``distributed/scheduler.py``).
"""

from __future__ import annotations

from scrapy.utils.request import RequestFingerprinter

from newscrawl.modes.links import article_fingerprint


class ArticleFingerprinter(RequestFingerprinter):
    """Scrapy's request fingerprinter, telling article requests apart by their canonical URL."""

    def fingerprint(self, request) -> bytes:
        """Return the fingerprint ``request`` is judged by (see :func:`article_fingerprint`)."""
        return article_fingerprint(request) or super().fingerprint(request)
