"""MetaRefreshMiddleware: Scrapy's ``<meta http-equiv="refresh">`` redirects, looked for cheaply.

Scrapy's middleware decodes every HTML response in full (``response.text``)
to read its first 4,096 characters, a third of a millisecond per news page on
the crawl's one thread, where nothing else needs the text: the extractor
decodes the bytes itself, in another process. A page that can redirect this
way has the word ``refresh`` near its top in any ASCII-compatible encoding, so
only those pages (and pages in UTF-16/32, which no such test sees) are handed
to Scrapy's middleware; its rules and settings apply unchanged.
"""

from __future__ import annotations

import re

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import HtmlResponse

# Scrapy reads the first 4,096 characters; a multi-byte encoding needs up to 4 bytes each.
_HEAD_BYTES = 4096 * 4
_REFRESH = re.compile(rb"refresh", re.IGNORECASE)
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE) byte order marks


def may_refresh(body: bytes) -> bool:
    """Return False when ``body`` cannot hold a meta refresh in its first 4,096 characters."""
    return body.startswith(_WIDE_BOMS) or _REFRESH.search(body, 0, _HEAD_BYTES) is not None


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    """Scrapy's meta-refresh redirects, asked only of pages that may hold one."""

    def process_response(self, request, response, spider=None):
        """Return the response as it is unless its top mentions a refresh; else let Scrapy decide."""
        if isinstance(response, HtmlResponse) and not may_refresh(response.body):
            return response
        return super().process_response(request, response)
