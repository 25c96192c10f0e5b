"""Retries that wait as long as the server asks (``Retry-After`` on a 429 or 503).

Scrapy's retry middleware sends the retry at once; a server that said
``Retry-After: 30`` answers it with another 429. Ours waits the time asked
(seconds or an HTTP date) before the retry, up to NEWSCRAWL_RETRY_AFTER_MAX
seconds; a longer wait gives the request up, and it fails with its status.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import reactor, task

from newscrawl.mirrors import public_url

logger = logging.getLogger(__name__)

WAIT_STATUSES = frozenset({429, 503})


def retry_after(response, now: datetime | None = None) -> float | None:
    """Return the seconds a 429/503 response asks to wait, or None when it names no (readable) time."""
    if response.status not in WAIT_STATUSES:
        return None
    value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting first when the answer says how long to."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")

    async def process_response(self, request, response, spider=None):
        """Return a retry sent after the wait the response asks for, or what Scrapy would return."""
        wait = retry_after(response)
        if wait is None or request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return super().process_response(request, response)
        if wait > self.max_wait:
            logger.warning("%s asks to wait %.0f s (more than NEWSCRAWL_RETRY_AFTER_MAX); not retrying",
                           public_url(request), wait)
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        logger.debug("waiting %.1f s (Retry-After) before retrying %s", wait, public_url(request))
        await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return retry
