"""Link hygiene: keep article links, drop the rest, canonicalise the keepers."""

from __future__ import annotations

import posixpath
import re
from typing import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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

#: Query parameters that only track the visitor; dropping them merges duplicates.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|spm|from|share_?token|fbclid|gclid|isappinstalled)$", re.I)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def resolve_link(href: str | None, base: str) -> str | None:
    """Return ``href`` as an absolute http(s) URL without fragment, or None to skip it."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    url = urljoin(base, href).split("#", 1)[0]
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def is_non_article(url: str) -> bool:
    """Return True when ``url`` names an image, document, media file or archive."""
    ext = posixpath.splitext(urlsplit(url).path)[1].lstrip(".").lower()
    return ext in NON_ARTICLE_EXTENSIONS


def canonical_url(url: str) -> str:
    """Return ``url`` in one spelling: lower-case host, no default port, fragment or tracking."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAMS.match(k)]
    path = parts.path or "/"  # doubled slashes stay: some CMSes (jxnews' /count//) need them
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def same_article(a: str, b: str) -> bool:
    """Return True when two links name the same article page."""
    return canonical_url(a) == canonical_url(b)


def article_links(
    hrefs: Iterable[str | None],
    base: str,
    allows: Callable[[str], bool] | None = None,
) -> list[str]:
    """Return the canonical crawlable links among ``hrefs``, first occurrence order.

    ``allows`` decides which hosts are kept (a profile's ``allows``); None keeps all.
    """
    seen: dict[str, None] = {}
    for href in hrefs:
        url = resolve_link(href, base)
        if url is None or is_non_article(url):
            continue
        if allows is not None and not allows(url):
            continue
        seen.setdefault(canonical_url(url), None)
    return list(seen)
