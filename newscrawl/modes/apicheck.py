"""What an ``api`` profile reads from a saved list or detail response (offline checks).

``newscrawl check`` runs a profile over its saved pages; for the api mode a
saved page is a list response (``api_list``: the records' ids, public pages,
categories, the next page's cursor and, for records that hold their body, the
paragraphs of each) or a detail response (``api_detail``: the article the
extractor makes of its body). A manifest entry names its feed with ``feed``
(the feed's ``name``); without it the first feed reads the page.
"""

from __future__ import annotations

from typing import Any

from newscrawl.modes.apiconfig import ApiFeed
from newscrawl.modes.config import mode_config
from newscrawl.modes.records import (
    article_page_url, category_for, is_article_url, parse_detail, parse_list, parse_list_page, record_page,
    record_text,
)

KINDS = ("api_list", "api_detail")


def api_page_fields(profile, body: bytes, entry: dict[str, Any]) -> dict[str, Any]:
    """Return what the profile's feed finds in a saved api response; ValueError for an unknown feed."""
    feed = _feed(profile, entry.get("feed"))
    from newscrawl.extract import extract_article

    if entry["kind"] == "api_list":
        records = parse_list(body, feed, profile.timezone, entry["url"])
        if feed.list_only:  # the pages a crawl would fetch: articles by the feed's and the listing's patterns
            records = [r for r in records if is_article_url(article_page_url(feed, r, profile.base_url), feed,
                                                            profile.listing)]
        found = {
            "records": [r.id for r in records],
            "articles": [article_page_url(feed, r, profile.base_url) for r in records],
            "categories": [(category_for(r, feed) or (profile.slug, profile.label))[0] for r in records],
            "cursor": parse_list_page(body, feed, profile.timezone, entry["url"]).cursor,
        }
        if feed.record_body:  # each record is an article of its own: what the extractor makes of it
            pages = [record_page(title, r.published, body or "") for r in records for title, body in [record_text(r)]]
            found["paragraphs"] = [len(extract_article(page, entry["url"], profile).paragraphs) for page in pages]
        return found

    detail = parse_detail(body, feed, profile.timezone)
    fields = extract_article(record_page(detail.title, detail.published, detail.body_html),
                             entry["url"], profile)
    return {"paragraphs": len(fields.paragraphs), "source": detail.source or fields.source,
            "author": fields.author}


def _feed(profile, name: str | None) -> ApiFeed:
    feeds = mode_config(profile, "api").feeds
    if name is None:
        return feeds[0]
    for feed in feeds:
        if feed.name == str(name):
            return feed
    raise ValueError(f"feed: {name!r} is not a feed of {profile.slug} ({', '.join(f.name for f in feeds)})")
