"""Answer a crawl's requests from WARC files: a download handler that never touches the network.

Installed for every scheme a crawl could fetch by :class:`WarcAddon` when
NEWSCRAWL_WARC_SOURCE names files. A request is answered with the record the
index chooses for its URL (``index.py``), its body decoded as warcio decodes it
(de-chunked, gzip/deflate undone) and the headers that described the encoding
left out, so that Scrapy's middlewares see the page as the live crawl saw it:
a stored redirect is followed, a stored 404 fails. A URL the files do not hold
fails the request ("not in the WARC files"); nothing is fetched instead.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from warcio.archiveiterator import ArchiveIterator

from newscrawl.warc.capture import REPLAYED
from newscrawl.warc.index import Stored, WarcIndex

#: Headers that describe how the stored bytes were sent, not the page: the body is handed over decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class NotStored(IgnoreRequest):
    """The WARC files hold no answer for a URL (or one that cannot be read); the request fails."""

    kind = "failed"

    def __init__(self, url: str, reason: str = "not in the WARC files"):
        super().__init__(f"{url}: {reason}")
        self.reason = reason


def stored_response(stored: Stored, request) -> Response:
    """Return the response ``stored`` keeps, for ``request``; raise NotStored when it cannot be read."""
    try:
        with stored.path.open("rb") as stream:
            stream.seek(stored.offset)
            record = next(iter(ArchiveIterator(stream, check_digests=True)))
            body = record.content_stream().read()
            http_headers = record.http_headers
    except Exception as exc:  # a torn gzip member, a bad chunk, a decoder error: say which and go on
        raise NotStored(request.url, f"the stored response in {stored.path.name} at offset {stored.offset} "
                                     f"cannot be read ({type(exc).__name__}: {exc})") from exc
    if record.digest_checker.passed is False:
        raise NotStored(request.url, f"the stored response in {stored.path.name} at offset {stored.offset} "
                                     f"is damaged ({'; '.join(record.digest_checker.problems)})")
    if stored.kind == "conversion":
        headers = Headers({"Content-Type": "text/html; charset=utf-8"})
        status, protocol = 200, None
    else:
        pairs: dict[str, list[str]] = {}
        for name, value in http_headers.headers:
            if name.lower() not in _TRANSFER_HEADERS:
                pairs.setdefault(name, []).append(value)
        headers, status, protocol = Headers(pairs), stored.status, http_headers.protocol or None
    cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return cls(url=request.url, status=status, headers=headers, body=body, flags=[REPLAYED],
               request=request, protocol=protocol)


class WarcDownloadHandler(BaseDownloadHandler):
    """Answer requests from the crawl's WARC index; fail those it holds no answer for."""

    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.index: WarcIndex | None = None

    async def download_request(self, request) -> Response:
        """Return the stored response to ``request``, read off the reactor's thread; raise NotStored."""
        if self.index is None:
            from newscrawl.warc.source import WarcReplay

            self.index = WarcReplay.of(self.crawler).index
        stored = self.index.answer(request.url)
        if stored is None:
            raise NotStored(request.url)
        self.crawler.stats.inc_value(f"newscrawl/warc_replayed/{stored.kind}")
        return await maybe_deferred_to_future(deferToThread(stored_response, stored, request))
