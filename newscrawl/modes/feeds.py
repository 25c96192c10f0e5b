"""Parse RSS 2.0 (and 1.0), Atom and JSON Feed documents into entries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from newscrawl.modes.timeparse import parse_moment
from newscrawl.modes.xmlutil import XmlError, child_text, children, gunzip, local, parse_xml


class FeedError(ValueError):
    """A body is not a feed this module can read."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: where the article is and what the feed says about it."""

    url: str
    title: str | None = None
    published: datetime | None = None  # aware; None when the feed gives no date
    summary: str | None = None  # plain text


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
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return _json_feed(body, url, tz)
    try:
        root = parse_xml(body)
    except XmlError as exc:
        raise FeedError(str(exc)) from exc
    kind = local(root.tag)
    if kind == "rss":
        channel = children(root, "channel")
        items = children(channel[0], "item") if channel else []
        return _collect((_rss_item(i, url, tz) for i in items))
    if kind == "rdf":  # RSS 1.0: items are siblings of the channel
        return _collect((_rss_item(i, url, tz) for i in children(root, "item")))
    if kind == "feed":
        return _collect((_atom_entry(e, url, tz) for e in children(root, "entry")))
    raise FeedError(f"root element <{kind}> is not rss, rdf:RDF or an Atom feed")


def _collect(entries) -> list[FeedEntry]:
    return [e for e in entries if e is not None]


def _rss_item(item: etree._Element, base: str, tz: tzinfo | None) -> FeedEntry | None:
    link = child_text(item, "link")
    if not link:
        guid = children(item, "guid")
        if guid and guid[0].get("isPermaLink", "true").lower() == "true":
            link = (guid[0].text or "").strip()
    if not link:
        return None
    published = child_text(item, "pubdate", "date", "published", "updated")
    summary = child_text(item, "description", "encoded")
    return FeedEntry(
        url=urljoin(base, link),
        title=_plain(child_text(item, "title")),
        published=parse_moment(published, tz),
        summary=_plain(summary),
    )


def _atom_entry(entry: etree._Element, base: str, tz: tzinfo | None) -> FeedEntry | None:
    link = _atom_link(entry)
    if not link:
        return None
    return FeedEntry(
        url=urljoin(base, link),
        title=_plain(child_text(entry, "title")),
        published=parse_moment(child_text(entry, "published", "issued", "updated", "modified"), tz),
        summary=_plain(child_text(entry, "summary", "content")),
    )


def _atom_link(entry: etree._Element) -> str | None:
    """Return the entry's alternate link (a link without rel counts as alternate)."""
    fallback = None
    for link in children(entry, "link"):
        href = (link.get("href") or "").strip()
        rel = link.get("rel", "alternate")
        if href and rel == "alternate" and link.get("type", "text/html") in ("text/html", "application/xhtml+xml"):
            return href
        fallback = fallback or (href if rel == "alternate" else None)
    return fallback or (child_text(entry, "id") if _is_http(child_text(entry, "id")) else None)


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
