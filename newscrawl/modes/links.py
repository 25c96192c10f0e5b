"""Link hygiene: keep article links, drop the rest, request each as the page wrote it.

Scrapy's ``LinkExtractor`` finds the links on a page and applies a mode's
rules (allow / deny patterns on the absolute URL as written, denied file
extensions, ``<a>`` and ``<area>``). Our code adds what a news crawl needs:
only http(s) links without their fragment, Scrapy's denied extensions plus
the data files news sites link (JSON, XML, text), and one link per story —
duplicates are found by :func:`canonical_url` keys, the project's one
canonicaliser (:mod:`newscrawl.state.canonical`), which never rewrites the
URL that is requested: percent-encoded bytes of any charset and query
strings stay as the page wrote them.

That key is an article's identity: it drops ``from``, ``ref``, ``share*`` and
other keys that only say how a reader arrived, and folds ``www.``/``m.``
hosts. A page that is no article (a listing, a 版面, a feed, a sitemap, an
API list) is told apart by :func:`page_key` instead, the URL part of
Scrapy's request fingerprint, which keeps every query parameter and the host:
``list?from=20`` is page 2, not page 1 again.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Callable, Iterable
from urllib.parse import urljoin, urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.utils.url import url_has_any_extension
from w3lib.url import canonicalize_url

from newscrawl.state.canonical import canonical_url

if TYPE_CHECKING:  # pragma: no cover
    import re

    from scrapy.http import TextResponse

#: Link schemes that never lead to a page we could crawl.
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "ftp:", "file:")

#: File extensions never followed as pages: Scrapy's list plus data files news sites link.
NON_ARTICLE_EXTENSIONS = tuple(IGNORED_EXTENSIONS) + ("txt", "csv", "gz", "mkv", "json", "xml")
_DENIED_SUFFIXES = {f".{ext}" for ext in NON_ARTICLE_EXTENSIONS}

__all__ = ["NON_ARTICLE_EXTENSIONS", "canonical_url", "is_non_article", "link_extractor", "link_key",
           "page_key", "page_links", "resolve_link", "same_article", "same_page"]


def resolve_link(href: str | None, base: str) -> str | None:
    """Return ``href`` as an absolute http(s) URL without fragment, or None to skip it."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    url = urljoin(base, href).split("#", 1)[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def is_non_article(url: str) -> bool:
    """Return True when ``url`` names an image, document, media file or archive."""
    return url_has_any_extension(url, _DENIED_SUFFIXES)


def link_key(url: str) -> str:
    """Return the de-duplication key of an absolute URL (the URL itself if it has no host)."""
    try:
        return canonical_url(url)
    except ValueError:
        return url


def article_fingerprint(request) -> bytes | None:
    """Return the fingerprint of an article request: its canonical URL, hashed (SHA-1, as Scrapy's).

    None (judge it as Scrapy does, by its URL as written) for a request that
    is no article page, and for a redirect back to the canonical URL it was
    asked for (``http`` to ``https``, a tracking parameter taken off), which
    the filter would otherwise refuse as a copy of itself. So two links of one
    story (``?utm_source=``, a redirect to a page linked as written otherwise)
    are fetched once, in one process or across a shared queue.
    """
    asked = request.meta.get("article_url")
    if request.meta.get("page_kind") != "article" or asked is None:
        return None
    key = link_key(request.url)
    if request.meta.get("redirect_urls") and key == link_key(asked):
        return None
    return hashlib.sha1(f"article {key}".encode("utf-8")).digest()


def same_article(a: str, b: str) -> bool:
    """Return True when two links name the same article page."""
    return link_key(a) == link_key(b)


def page_key(url: str) -> str:
    """Return the de-duplication key of a page that is no article: the URL as Scrapy's request
    fingerprint reads it (every query parameter kept, the host as written)."""
    return canonicalize_url(url)


def same_page(a: str, b: str) -> bool:
    """Return True when two links name the same listing, 版面, feed, sitemap or API page."""
    return page_key(a) == page_key(b)


def link_extractor(allow: Iterable[re.Pattern | str] = (), deny: Iterable[re.Pattern | str] = ()) -> LinkExtractor:
    """Return a LinkExtractor for http(s) links matching ``allow`` (all when empty) and not ``deny``."""
    return LinkExtractor(allow=tuple(allow), deny=tuple(deny), deny_extensions=NON_ARTICLE_EXTENSIONS,
                         process_value=_page_link)


def _page_link(url: str) -> str | None:
    """Return an absolute link without its fragment; None for anything but http(s)."""
    url = url.split("#", 1)[0]
    return url if url.startswith(("http://", "https://")) else None


def page_links(response: TextResponse, extractor: LinkExtractor,
               allows: Callable[[str], bool] | None = None,
               key: Callable[[str], str] = link_key) -> list[str]:
    """Return the URLs ``extractor`` finds on ``response`` as written, one per ``key``, in page order.

    ``allows`` keeps only links it accepts (a profile's host check, which,
    unlike LinkExtractor's ``allow_domains``, ignores the port). ``key`` is
    :func:`link_key` (one link per story) for article links, :func:`page_key`
    for other pages.
    """
    seen: dict[str, str] = {}
    for link in extractor.extract_links(response):
        if allows is None or allows(link.url):
            seen.setdefault(key(link.url), link.url)
    return list(seen.values())
