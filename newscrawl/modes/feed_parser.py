"""Read RSS (2.0, 1.0, 0.9x), Atom and JSON Feed documents into entries.

feedparser reads RSS and Atom, including the long tail of broken feeds
(wrong encodings, undeclared entities, missing namespaces). Our code adds
timestamps read from the feed's own text — a time without an offset is in
the site's zone, which feedparser would take as UTC — plain-text titles and
summaries, and JSON Feed, which is plain JSON.
"""

from __future__ import annotations

import json
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml import etree

from newscrawl.modes.sniff import root_tag
from newscrawl.modes.timeparse import parse_moment
from newscrawl.modes.xmlutil import XmlError, gunzip

# The feed's own date fields, most specific first (RSS pubDate and Atom
# <published>/<issued> are "published"; dc:date and <updated> are "updated").
_DATE_KEYS = ("published", "updated", "created")


class FeedError(ValueError):
    """A body is not a feed this module can read."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: where the article is and what the feed says about it."""

    url: str
    title: str | None = None
    published: datetime | None = None  # aware; None when the feed gives no date
    summary: str | None = None  # plain text
    updated: datetime | None = None  # when the feed says the entry last changed (<updated>, dc:modified …)

    @property
    def modified(self) -> datetime | None:
        """Return when the entry last changed as far as the feed says: its update, else its date."""
        return self.updated or self.published


def parse_feed(body: bytes, url: str, tz: tzinfo | None = None) -> list[FeedEntry]:
    """Return the entries of the RSS, Atom or JSON Feed in ``body``, in feed order.

    ``url`` resolves relative links; times without an offset are taken in ``tz``
    (UTC by default). Entries without a link are skipped. Raises :class:`FeedError`
    when ``body`` is not a feed.
    """
    try:
        body = gunzip(body)
    except XmlError as exc:
        raise FeedError(str(exc)) from exc
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return _json_feed(body, url, tz)
    if not head:
        raise FeedError("not XML: empty document")
    parsed = feedparser.parse(body, response_headers={"content-location": url},
                              resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version"):
        raise FeedError(f"root element <{root_tag(body) or '?'}> is not rss, rdf:RDF or an Atom feed")
    return [entry for entry in (_entry(e, url, tz) for e in parsed.entries) if entry is not None]


def _entry(raw: feedparser.FeedParserDict, base: str, tz: tzinfo | None) -> FeedEntry | None:
    link = raw.get("link")
    if not link:
        return None
    content = raw.get("content") or [{}]
    return FeedEntry(
        url=urljoin(base, link.strip()),
        title=_plain(raw.get("title")),
        published=_published(raw, tz),
        summary=_plain(raw.get("summary") or content[0].get("value")),
        updated=_moment(raw, "updated", tz),
    )


def _published(raw: feedparser.FeedParserDict, tz: tzinfo | None) -> datetime | None:
    """Return the entry's date from its own text, else as feedparser understood it (UTC)."""
    for key in _DATE_KEYS:
        moment = parse_moment(raw.get(key), tz)
        if moment is not None:
            return moment
    for key in _DATE_KEYS:
        moment = _moment(raw, key, None, text=False)
        if moment is not None:
            return moment
    return None


def _moment(raw: feedparser.FeedParserDict, key: str, tz: tzinfo | None, text: bool = True) -> datetime | None:
    """Return one date field of an entry: from its own text (``text``), else as feedparser parsed it (UTC).

    The field is read as the feed wrote it: feedparser would answer ``updated``
    with ``published`` for an entry that has no update.
    """
    moment = parse_moment(dict.get(raw, key), tz) if text else None
    parsed = dict.get(raw, f"{key}_parsed")
    if moment is None and parsed:
        try:
            moment = datetime.fromtimestamp(timegm(parsed), timezone.utc)
        except (OverflowError, ValueError, OSError):  # a year the platform's clock cannot hold
            return None
    return moment


def _json_feed(body: bytes, base: str, tz: tzinfo | None) -> list[FeedEntry]:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise FeedError("JSON without a jsonfeed.org version is not a JSON Feed")
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url") or (item.get("id") if _is_http(item.get("id")) else None)
        if not isinstance(link, str) or not link.strip():
            continue
        summary = item.get("summary") or item.get("content_text") or item.get("content_html")
        entries.append(FeedEntry(
            url=urljoin(base, link.strip()),
            title=_plain(item.get("title")),
            published=parse_moment(item.get("date_published") or item.get("date_modified"), tz),
            summary=_plain(summary),
            updated=parse_moment(item.get("date_modified"), tz),
        ))
    return entries


def _is_http(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _plain(text) -> str | None:
    """Return ``text`` without markup and with whitespace collapsed, or None when empty."""
    if not isinstance(text, str) or not text.strip():
        return None
    if "<" in text:
        try:
            text = lxml.html.fromstring(f"<div>{text}</div>").text_content()
        except (etree.ParserError, ValueError):
            pass
    text = " ".join(text.split())
    return text or None
