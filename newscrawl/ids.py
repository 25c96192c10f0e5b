"""Article ids: the site's own stable id where the URL has one, else a hash.

An id names an article's post file; it does not identify the article. Sites
reuse ids across dated folders, sections and e-paper editions, so the state
knows an article by its canonical URL (:mod:`newscrawl.state.canonical`).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlsplit

# Query parameters that carry an article id on common CMSes (the replaced
# system's media-news API used infoCode).
_ID_PARAMS = ("infocode", "articleid", "article_id", "newsid", "news_id", "docid",
              "contentid", "content_id", "itemid", "aid", "id", "p")
# Path stems that are ids themselves: content_5411_7712601 (数字报 e-papers),
# doc-iihnzahi3275702 (sina), 015387323 (大江网), t20220317_123456.
_STEM_RULES = (
    re.compile(r"^(content_\d+(?:_\d+)*)$"),
    re.compile(r"^(doc-[a-z0-9]{8,})$"),
    re.compile(r"^([a-z]?\d{6,}(?:_\d+)*)$", re.I),
    re.compile(r"^(\d{4,}[a-z0-9_]*)$", re.I),
)


def article_id(url: str, pattern: re.Pattern | None = None, identity: str | None = None) -> str:
    """Return the article's stable id for ``url``.

    Order: the profile's ``id_pattern`` (group 1, or the whole match), an id
    query parameter, an id-shaped last path segment, else a 12-hex-digit hash
    of ``identity`` (the story's canonical URL, so that a tracking parameter
    does not rename it), or of the URL without its fragment.
    """
    if pattern is not None:
        match = pattern.search(url)
        if match:
            return match.group(1) if match.groups() else match.group(0)
    parts = urlsplit(url)
    params = {k.lower(): v for k, v in parse_qsl(parts.query) if v}
    for name in _ID_PARAMS:
        value = params.get(name)
        if value and re.fullmatch(r"[A-Za-z0-9_-]{2,64}", value):
            return value
    stem = parts.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for rule in _STEM_RULES:
        match = rule.match(stem)
        if match:
            return match.group(1)
    return url_hash(identity or url)


def url_hash(url: str) -> str:
    """Return a short stable hash of ``url`` (fragment ignored)."""
    return hashlib.sha1(url.split("#", 1)[0].encode("utf-8")).hexdigest()[:12]
