"""Validate the ``api`` mode of a profile: one or several JSON feeds.

``api`` is one feed (a mapping), a list of feeds, or a mapping with ``feeds``
whose other keys every feed inherits unless it sets them itself. The keys are
documented in :mod:`newscrawl.modes.config`. Errors name the file and the
dotted key where the value was written (``api.feeds[2].list_path`` or, for an
inherited key, ``api.detail_url``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newscrawl.errors import ProfileError
from newscrawl.modes.apicategories import FixedCategory, categories_of, category_of  # noqa: F401 (FixedCategory re-exported)
from newscrawl.modes.checker import Checker
from newscrawl.modes.editions import template_placeholders

LIST_FIELDS = ("id", "detail_id", "title", "published", "media", "url", "digest", "body", "links")
DETAIL_FIELDS = ("body", "title", "published", "source")
FEED_KEYS = {
    "name", "list_url", "values", "pages", "list_path", "fields", "detail_url", "detail_path",
    "detail_fields", "article_url", "section", "category", "categories", "only_categories",
    "cursor", "headers", "recent_days", "articles",
}
CURSOR_KEYS = {"path", "field"}
CURSOR_PAGES = 10  # list pages a cursor feed follows at most when ``pages`` is not given
RECORD_PLACEHOLDERS = ("id", "detail_id")  # what detail_url and article_url may fill in
_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+")


@dataclass(frozen=True)
class Cursor:
    """Where the next list page's ``{cursor}`` comes from: the page just read."""

    path: str | None = None  # dotted path in the response (data.sortEnd), tried first
    field: str | None = None  # key of the page's last record (realSort)


@dataclass(frozen=True)
class Cursor:
    """Where the next list page's ``{cursor}`` comes from: the page just read."""

    path: str | None = None  # dotted path in the response (data.sortEnd), tried first
    field: str | None = None  # key of the page's last record (realSort)


@dataclass(frozen=True)
class ApiFeed:
    """One JSON list endpoint (or several alike), and how its records become articles."""

    name: str
    list_urls: tuple[str, ...]  # each may use {page}; {value} already filled in
    list_path: str  # dotted path to the record list, e.g. data.list
    fields: dict[str, str]  # LIST_FIELDS name -> record key
    detail_url: str | None = None  # uses {id}/{detail_id}; None: records point at article pages
    detail_fields: dict[str, str] | None = None  # body (required), title, published, source -> key
    detail_path: str = ""  # dotted path to the record in the detail response
    pages: int = 1  # list pages fetched per list URL, {page} = 1..pages
    article_url: str | None = None  # public page of a record, uses {id}/{detail_id}
    section: str | None = None  # section (版面/栏目) of every record
    category: FixedCategory | None = None  # every record's category
    media_categories: bool = False  # each media name is its own category (pinyin slug)
    categories: dict[str, tuple[str, str]] | None = None  # media name -> (slug, label)
    only_categories: bool = False  # skip records whose media is not in categories
    cursor: Cursor | None = None  # list pages after the first are asked for with a value from the last
    headers: tuple[tuple[str, str], ...] = ()  # sent with every request of the feed (Referer …)
    recent_days: int | None = None  # without --date/--since/--until, records of this many recent days
    articles: re.Pattern | None = None  # a list-only feed's records must point at a matching URL

    @property
    def record_body(self) -> bool:
        """Return True when each record holds its own body (a 快讯: no page, no detail call)."""
        return "body" in self.fields

    @property
    def list_only(self) -> bool:
        """Return True when records point at article pages to fetch and extract."""
        return self.detail_url is None and not self.record_body


@dataclass(frozen=True)
class ApiConfig:
    """The feeds of a profile's ``api`` mode, in the order written."""

    feeds: tuple[ApiFeed, ...]


class _FeedChecker(Checker):
    """A Checker whose errors name inherited keys where they were written."""

    def __init__(self, raw: dict, inherited: set[str], prefix: str, path, base_url):
        self.inherited = inherited  # set first: the base class may fail on an unknown key
        super().__init__(raw, prefix, path, base_url, FEED_KEYS)

    def fail(self, key: str | None, reason: str) -> Exception:
        root = re.split(r"[.\[]", key or "", maxsplit=1)[0]
        if root in self.inherited:
            return self.error(self.path, f"api.{key}", reason)
        return super().fail(key, reason)


def api_config(raw: Any, path, base_url: str | None = None) -> ApiConfig:
    """Return the validated ``api`` config: one feed, a list of feeds, or shared keys plus ``feeds``."""
    if isinstance(raw, dict) and "feeds" in raw:
        shared = {k: v for k, v in raw.items() if k != "feeds"}
        unknown = sorted(set(map(str, shared)) - FEED_KEYS)
        if unknown:
            raise ProfileError(path, f"api.{unknown[0]}", f"unknown key (allowed: feeds, {', '.join(sorted(FEED_KEYS))})")
        listed, prefix = raw["feeds"], "api.feeds"
    elif isinstance(raw, list):
        shared, listed, prefix = {}, raw, "api"
    else:
        return ApiConfig((_feed(Checker(raw, "api", path, base_url, FEED_KEYS), 0),))
    if not isinstance(listed, list) or not listed:
        raise ProfileError(path, prefix, "must be a list of feeds (mappings)")
    feeds = []
    for i, feed in enumerate(listed):
        if not isinstance(feed, dict):
            raise ProfileError(path, f"{prefix}[{i}]", "must be a mapping")
        inherited = set(shared) - set(feed)
        checker = _FeedChecker({**shared, **feed}, inherited, f"{prefix}[{i}]", path, base_url)
        feeds.append(_feed(checker, i))
    names = [f.name for f in feeds]
    if len(set(names)) < len(names):
        raise ProfileError(path, prefix, f"feed names must differ: {names}")
    return ApiConfig(tuple(feeds))


def _feed(c: Checker, index: int) -> ApiFeed:
    """Return one validated feed."""
    detail_url = c.string("detail_url")
    raw_fields = c.raw.get("fields")
    body = isinstance(raw_fields, dict) and "body" in raw_fields
    fields = c.names("fields", LIST_FIELDS, ("id", "title") if detail_url or body else ())
    article_url = _record_template(c, "article_url", fields, required=False)
    _check_sources(c, fields, detail_url, article_url)
    media_categories, category = category_of(c)
    list_urls, cursor = _list_urls(c), _cursor(c)
    return ApiFeed(
        name=c.string("name") or str(index + 1),
        list_urls=list_urls,
        list_path=c.string("list_path", required=True),
        fields=fields,
        pages=c.count("pages", CURSOR_PAGES if cursor else 1),
        cursor=cursor,
        headers=_headers(c),
        recent_days=c.count("recent_days", None),
        articles=c.regex("articles"),
        detail_url=_record_template(c, "detail_url", fields, required=True) if detail_url else None,
        detail_path=c.string("detail_path") or "",
        detail_fields=c.names("detail_fields", DETAIL_FIELDS, ("body",)) if detail_url else None,
        article_url=article_url,
        section=c.string("section"),
        category=category,
        media_categories=media_categories,
        categories=categories_of(c),
        only_categories=c.flag("only_categories"),
    )


def _check_sources(c: Checker, fields: dict[str, str], detail_url: str | None, article_url: str | None) -> None:
    """Check that a feed's records have one source of body and a public URL to name their posts."""
    if "body" in fields and detail_url is not None:
        raise c.fail("fields.body", "a record that holds its body needs no detail_url: give one or the other")
    if "links" in fields and (detail_url is not None or "body" in fields):
        raise c.fail("fields.links", "linked pages are fetched and extracted: only a list-only feed "
                                     "(no detail_url, no fields.body) may follow them")
    if detail_url is None:
        for key in ("detail_path", "detail_fields"):
            if key in c.raw:
                raise c.fail(key, "needs detail_url (without it, records point at article pages)")
        if "url" not in fields and article_url is None:
            what = "records that hold their body" if "body" in fields else "without detail_url, records"
            raise c.fail("fields.url", f"missing: {what} need a page URL (fields.url or article_url)")
    if "articles" in c.raw and (detail_url is not None or "body" in fields):
        raise c.fail("articles", "filters the pages a list-only feed fetches; this feed fetches none")


def _cursor(c: Checker) -> Cursor | None:
    """Return where a feed's ``{cursor}`` comes from; it must be given exactly when list_url uses it."""
    value = c.raw.get("cursor")
    raw = c.raw.get("list_url")
    uses = any("cursor" in template_placeholders(u) for u in (raw if isinstance(raw, list) else [raw])
               if isinstance(u, str))
    if value is None:
        if uses:
            raise c.fail("cursor", "missing: list_url uses {cursor}; say where it comes from "
                                   "(path: in the response, field: of the last record)")
        return None
    if not uses:
        raise c.fail("cursor", "list_url has no {cursor} to fill")
    if not isinstance(value, dict) or not value or set(map(str, value)) - CURSOR_KEYS:
        raise c.fail("cursor", "must be a mapping with path (in the response) and/or field (of the "
                               "last record)")
    for key, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise c.fail(f"cursor.{key}", "must be a dotted path")
    return Cursor(path=(value.get("path") or "").strip() or None, field=(value.get("field") or "").strip() or None)


def _headers(c: Checker) -> tuple[tuple[str, str], ...]:
    """Return the feed's request headers (name -> value) in the order written."""
    value = c.raw.get("headers")
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise c.fail("headers", "must map header names to values, like {Referer: https://…/}")
    out = []
    for name, text in value.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise c.fail(f"headers.{name}", "is not a header name")
        if not isinstance(text, (str, int)) or isinstance(text, bool) or not str(text).strip() \
                or any(ch in str(text) for ch in "\r\n\0"):
            raise c.fail(f"headers.{name}", "must be text on one line")
        out.append((name, str(text).strip()))
    return tuple(out)


def _list_urls(c: Checker) -> tuple[str, ...]:
    """Return the list URLs: ``list_url`` (one or a list), each filled with every ``values`` entry."""
    raw = c.raw.get("list_url")
    templates = raw if isinstance(raw, list) and raw else [raw]
    urls = [c.url(f"list_url[{i}]" if isinstance(raw, list) else "list_url", t) for i, t in enumerate(templates)]
    used = set()
    for url in urls:
        for name in template_placeholders(url):
            if name not in ("page", "value", "cursor"):
                raise c.fail("list_url", f"unknown placeholder {{{name}}} (allowed: page, value, cursor)")
            used.add(name)
    if {"page", "cursor"} <= used:
        raise c.fail("list_url", "pages by {page} or by {cursor}, not both")
    if c.raw.get("pages", 1) != 1 and not used & {"page", "cursor"}:
        raise c.fail("pages", "needs {page} or {cursor} in list_url")
    values = c.raw.get("values")
    if values is None:
        if "value" in used:
            raise c.fail("values", "missing: list_url uses {value}")
        return tuple(urls)
    if "value" not in used:
        raise c.fail("values", "list_url has no {value} to fill")
    if not isinstance(values, list) or not values or not all(
            isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() for v in values):
        raise c.fail("values", "must be a list of strings or numbers")
    return tuple(u.replace("{value}", str(v).strip()) for u in urls for v in values)


def _record_template(c: Checker, key: str, fields: dict[str, str], required: bool) -> str | None:
    """Return a URL template filled from a record; every placeholder must be a mapped field."""
    template = c.template(key, required, RECORD_PLACEHOLDERS)
    if template is None:
        return None
    names = template_placeholders(template)
    if key == "detail_url" and not names:
        raise c.fail(key, "must contain {id} or {detail_id}")
    for name in names:
        if name not in fields:
            raise c.fail(key, f"uses {{{name}}} but fields.{name} is not mapped")
    return template
