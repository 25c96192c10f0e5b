"""Re-checks answered "304 Not Modified": the archived post stands, nothing is parsed or written.

The spider sends a re-check of an archived article with the validators the
site gave last time (``If-None-Match``, ``If-Modified-Since``) and the post's
path in ``meta["archived_path"]``. A 304 to such a request ends in the
request's errback as :class:`NotModified`, before any spider middleware or
callback sees it.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class NotModified(IgnoreRequest):
    """The site says the page has not changed since we archived it."""

    kind = "unchanged"

    def __init__(self, url: str):
        super().__init__(f"not modified since archived: {url}")
        self.reason = "not modified (HTTP 304)"


class ConditionalRequestMiddleware:
    """Turn a 304 to a re-check into :class:`NotModified`."""

    def process_response(self, request, response, spider=None):
        """Raise NotModified for a 304 answering a re-check; return any other response as it is."""
        if response.status == 304 and request.meta.get("archived_path"):
            raise NotModified(request.url)
        return response
