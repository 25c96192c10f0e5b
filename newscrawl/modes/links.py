"""Link hygiene: keep article links, drop the rest, request each as the page wrote it.

A link is requested exactly as written (made absolute, fragment dropped):
percent-encoded bytes of any charset and query strings stay as they are.
De-duplication compares :func:`canonical_url` keys, the project's one
canonicaliser (:mod:`newscrawl.state.canonical`), which is never used to
rewrite a URL that is fetched.
"""

from __future__ import annotations

import posixpath
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from newscrawl.state.canonical import canonical_url

#: Link schemes that never lead to a page we could crawl.
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "ftp:", "file:")

#: File extensions of images, documents, media and archives (never articles).
NON_ARTICLE_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp bmp svg ico tif tiff "
    "pdf doc docx xls xlsx ppt pptx txt csv "
    "zip rar 7z gz tar apk exe dmg "
    "mp3 mp4 m4a wav avi mov flv wmv mkv swf "
    "css js json xml rss".split()
)

__all__ = ["NON_ARTICLE_EXTENSIONS", "article_links", "canonical_url", "is_non_article",
           "link_key", "resolve_link", "same_article"]


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
    ext = posixpath.splitext(urlsplit(url).path)[1].lstrip(".").lower()
    return ext in NON_ARTICLE_EXTENSIONS


def link_key(url: str) -> str:
    """Return the de-duplication key of an absolute URL (the URL itself if it has no host)."""
    try:
        return canonical_url(url)
    except ValueError:
        return url


def same_article(a: str, b: str) -> bool:
    """Return True when two links name the same article page."""
    return link_key(a) == link_key(b)


def article_links(
    hrefs: Iterable[str | None],
    base: str,
    allows: Callable[[str], bool] | None = None,
) -> list[str]:
    """Return the crawlable links among ``hrefs`` as written, one per article, first occurrence order.

    ``allows`` decides which hosts are kept (a profile's ``allows``); None keeps all.
    """
    seen: dict[str, str] = {}
    for href in hrefs:
        url = resolve_link(href, base)
        if url is None or is_non_article(url):
            continue
        if allows is not None and not allows(url):
            continue
        seen.setdefault(link_key(url), url)
    return list(seen.values())
