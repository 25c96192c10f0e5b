"""Redirects that stay on the profile's hosts, never loop, and never leave http(s).

Scrapy's redirect middlewares follow any ``Location`` and meta refresh. Ours
refuse, before anything is fetched, a redirect that

- leaves the hosts of the request's site profile (the article moved to
  another site: dropped, with the target named);
- comes back a second time to a URL of its own chain (a loop: failed, with
  the chain), which Scrapy would otherwise hand to the duplicate filter and
  lose; one return is allowed, as sites that set a cookie and redirect to
  the same page do. URLs are compared by Scrapy's request fingerprint, as the
  duplicate filter compares them: a return with the query in another order
  is a return;

and ignore a meta refresh to a ``javascript:`` or other non-http(s) target,
reading the page as it is (Scrapy would fail the request on it).

Scrapy's meta-refresh middleware decodes every HTML response in full to read
its first 4,096 characters, a third of a millisecond per page on the crawl's
one thread. A page that can redirect this way has the word ``refresh`` near
its top in any ASCII-compatible encoding, so only those pages (and UTF-16/32
ones) are looked at.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh

from newscrawl.mirrors import MIRROR_META, as_public, public_url

# Scrapy reads the first 4,096 characters; a multi-byte encoding needs up to 4 bytes each.
_HEAD_BYTES = 4096 * 4
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE) byte order marks


def may_refresh(body: bytes) -> bool:
    """Return False when ``body`` cannot hold a meta refresh in its first 4,096 characters.

    A meta refresh is ``<meta http-equiv="refresh" …>``: both words, in any case.
    """
    if body.startswith(_WIDE_BOMS):
        return True
    head = body[:_HEAD_BYTES].lower()  # bytes.lower folds ASCII only, as HTML attribute names are
    return b"refresh" in head and b"http-equiv" in head


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl will not follow; ``kind`` is the summary list it belongs in."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind  # "dropped" or "failed"
        self.reason = reason


def redirect_chain(request) -> list[str]:
    """Return the public URLs a request went through, first to last (itself included)."""
    mirror = request.meta.get(MIRROR_META)
    urls = [*request.meta.get("redirect_urls", []), request.url]
    return [mirror.to_public(url) for url in urls] if mirror else urls


class GuardedRedirects:
    """The check both redirect middlewares share (mixed into Scrapy's classes)."""

    def _profile(self, request):
        """Return the site profile the request belongs to (the spider knows it), or None."""
        spider = getattr(getattr(self, "crawler", None), "spider", None)
        finder = getattr(spider, "request_profile", None)
        return finder(request.meta) if callable(finder) else None

    def _redirect(self, redirected, request, reason):
        """Refuse a redirect off the profile's hosts or back into its own chain; else follow it."""
        chain = redirect_chain(request)
        target = public_url(redirected)
        keys, key = [self._fingerprint(url) for url in chain], self._fingerprint(target)
        returns = keys.count(key)
        if returns >= 2:
            last = len(keys) - 1 - keys[::-1].index(key)
            steps = " → ".join([*chain[last:], target])
            raise RedirectRefused("failed", f"redirect loop: {steps}")
        profile = self._profile(request)
        if profile is not None and not profile.allows(target):
            raise RedirectRefused("dropped", f"redirected off the profile's hosts, to {target}")
        # Under a mirror the redirect is scheduled under its public URL, through the duplicate filter.
        redirected = as_public(super()._redirect(redirected, request, reason))
        if returns:  # the one return allowed: past the duplicate filter, which saw it already
            redirected.dont_filter = True
        return redirected

    def _fingerprint(self, url: str) -> bytes:
        """Return the request fingerprint the duplicate filter gives a GET of ``url``."""
        return self.crawler.request_fingerprinter.fingerprint(Request(url))


class SiteRedirectMiddleware(GuardedRedirects, RedirectMiddleware):
    """Scrapy's 3xx redirects, kept on the profile's hosts and out of loops."""


class SiteMetaRefreshMiddleware(GuardedRedirects, MetaRefreshMiddleware):
    """Scrapy's meta refresh, guarded the same way, asked only of pages that may hold one; a
    refresh to a non-http(s) target is ignored."""

    def process_response(self, request, response, spider=None):
        """Return the response as it is when its meta refresh leads nowhere fetchable, else as Scrapy does."""
        if isinstance(response, HtmlResponse):
            if not may_refresh(response.body):
                return response
            _, url = get_meta_refresh(response, ignore_tags=self._ignore_tags)
            if url and urlsplit(url).scheme.lower() not in ("http", "https"):
                return response
        return super().process_response(request, response)
