"""robots.txt obeyed by every request, including those that wait while it is fetched.

Scrapy's ``RobotsTxtMiddleware`` (2.19) keeps one Deferred per host while its
robots.txt is downloaded, and each request that arrives meanwhile awaits it
through ``Deferred.asFuture``, which consumes the result: the first waiter
gets the parser, every later one gets None and is let through as if the site
had no robots.txt. Requests made at once to a new host (a page's pictures on
their CDN, an edition's pages) then ignore a ``Disallow``. Each request here
reads the parser Scrapy stored for the host once the download is over.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, giving every waiting request the host's parser."""

    async def robot_parser(self, request):
        """Return the parser of the request's host (None: robots.txt could not be had, all is allowed)."""
        await super().robot_parser(request)
        parser = self._parsers.get(urlparse_cached(request).netloc)
        return None if isinstance(parser, Deferred) else parser
