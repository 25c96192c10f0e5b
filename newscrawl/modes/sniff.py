"""Tell from a body's first bytes whether it is a feed, a sitemap, JSON or a page.

The one-off mode follows a URL by what it serves, not by its name.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from newscrawl.modes.xmlutil import XmlError, gunzip

Kind = Literal["feed", "sitemap", "html", "json"]

_ROOT_TAG = re.compile(rb"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_SKIP_PROLOG = re.compile(rb"^(\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_HEAD = 4096


def root_tag(body: bytes) -> str | None:
    """Return the local name of the first element in ``body`` (lower-case), or None."""
    head = body[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    match = _ROOT_TAG.match(head, _SKIP_PROLOG.match(head).end())
    return match.group(2).decode("ascii").lower() if match else None


def is_json_feed(body: bytes) -> bool:
    """Return True when ``body`` is a JSON object with a jsonfeed.org version."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "jsonfeed.org" in str(data.get("version", ""))


def sniff_kind(body: bytes) -> Kind:
    """Return what ``body`` is from its content: "feed", "sitemap", "json" or "html".

    Anything unrecognised is "html", the kind a crawler treats as a page.
    """
    try:
        body = gunzip(body)
    except XmlError:
        return "html"
    if body[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "feed" if is_json_feed(body) else "json"
    root = root_tag(body)
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    return "html"
