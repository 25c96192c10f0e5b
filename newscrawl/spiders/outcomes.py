"""How a request ended, in words a reader of the run summary understands.

A failed request is either ``failed`` (the site or the network let us down:
it may work next time) or ``dropped`` (the page is not an article we can
archive: it is remembered and not fetched again). A fetched article page is
checked before extraction: an empty answer, a PDF or an image is dropped
rather than extracted into nonsense.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionDone, ConnectionLost, TimeoutError as TwistedTimeout
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

FAILED, DROPPED, UNCHANGED = "failed", "dropped", "unchanged"

#: Content types read as HTML without looking at the bytes.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_MARKS = (b"<html", b"<!doctype html", b"<head", b"<body", b"<title", b"<p", b"<div", b"<meta", b"<h1")
#: How files that are certainly not pages begin (PDF, PNG, GIF, JPEG, ZIP/Office, WebP).
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF")


def size_text(size: int) -> str:
    """Return a byte count as people write it (``8 MiB``, ``300 KiB``)."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):g} MiB"
    return f"{size / 1024:g} KiB" if size >= 1024 else f"{size} B"


def fetch_outcome(failure, maxsize: int) -> tuple[str, str]:
    """Return (``failed`` or ``dropped``, reason) for a request that ended in ``failure``.

    ``maxsize`` is the size limit the request had (DOWNLOAD_MAXSIZE or its own),
    for the message of a page too large.
    """
    error = failure.value
    kind = getattr(error, "kind", None)  # our own refusals (and 304s) say which list they belong in
    if kind is not None:
        return kind, error.reason
    if failure.check(HttpError):
        return FAILED, f"HTTP {error.response.status}"
    if failure.check(DownloadCancelledError) or (
            failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(error)):
        return DROPPED, f"page larger than {size_text(maxsize)} (not read)"
    if failure.check(IgnoreRequest) and "robots.txt" in str(error):
        return DROPPED, "forbidden by the site's robots.txt"
    return FAILED, _network_reason(failure)


def _network_reason(failure) -> str:
    """Return a short reason for a network failure (Scrapy's own message when it is one line)."""
    if failure.check(ResponseDataLossError):
        return "truncated response: the connection closed before the whole page arrived"
    if failure.check(DownloadTimeoutError, TwistedTimeout):
        timeout = failure.request.meta.get("download_timeout") if failure.request else None
        return f"timed out after {timeout:g} s" if timeout else "timed out"
    if failure.check(DownloadConnectionRefusedError):
        return "connection refused"
    if failure.check(CannotResolveHostError):
        return "host name not found (DNS)"
    if failure.check(DownloadFailedError, ResponseFailed, ResponseNeverReceived, ConnectionLost, ConnectionDone):
        return "connection closed by the server before it answered"
    message = failure.getErrorMessage().strip()
    return message.splitlines()[0] if message else failure.type.__name__


def page_problem(response) -> str | None:
    """Return why a fetched article page cannot be extracted (empty, not HTML), or None when it can."""
    body = response.body
    if not body.strip():
        return "empty page: the server sent no content"
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    kind = content_type.split(";")[0].strip().lower()
    if kind in HTML_TYPES or looks_like_html(body):
        return None
    return f"not an HTML page ({kind or 'no Content-Type'})"


def looks_like_html(body: bytes) -> bool:
    """Return True when the start of ``body`` has HTML tags (servers label pages wrongly)."""
    head = body[:4096].lstrip().lower()
    if head.startswith(tuple(m.lower() for m in _BINARY_MAGIC)):
        return False
    return any(mark in head for mark in _HTML_MARKS)
