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
from newscrawl.modes.checker import Checker
from newscrawl.modes.editions import template_placeholders

LIST_FIELDS = ("id", "detail_id", "title", "published", "media", "url", "digest")
DETAIL_FIELDS = ("body", "title", "published", "source")
FEED_KEYS = {
    "name", "list_url", "values", "pages", "list_path", "fields", "detail_url", "detail_path",
    "detail_fields", "article_url", "section", "category", "categories", "only_categories",
}
RECORD_PLACEHOLDERS = ("id", "detail_id")  # what detail_url and article_url may fill in
MEDIA = "media"  # ``category: media``: each record's media name is its category
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_LINK = re.compile(r"/[A-Za-z0-9._~/-]*")


@dataclass(frozen=True)
class FixedCategory:
    """The one category every record of a feed is filed under."""

    slug: str
    label: str
    link: str | None = None  # back-link path on the archive site (/emnews/); None: the category page


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

    @property
    def list_only(self) -> bool:
        """Return True when records point at article pages to fetch and extract."""
        return self.detail_url is None


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
    fields = c.names("fields", LIST_FIELDS, ("id", "title") if detail_url else ())
    article_url = _record_template(c, "article_url", fields, required=False)
    if detail_url is None:
        for key in ("detail_path", "detail_fields"):
            if key in c.raw:
                raise c.fail(key, "needs detail_url (without it, records point at article pages)")
        if "url" not in fields and article_url is None:
            raise c.fail("fields.url", "missing: without detail_url, records need a page URL "
                                       "(fields.url or article_url)")
    media_categories, category = _category(c)
    return ApiFeed(
        name=c.string("name") or str(index + 1),
        list_urls=_list_urls(c),
        list_path=c.string("list_path", required=True),
        fields=fields,
        pages=c.count("pages", 1),
        detail_url=_record_template(c, "detail_url", fields, required=True) if detail_url else None,
        detail_path=c.string("detail_path") or "",
        detail_fields=c.names("detail_fields", DETAIL_FIELDS, ("body",)) if detail_url else None,
        article_url=article_url,
        section=c.string("section"),
        category=category,
        media_categories=media_categories,
        categories=_categories(c),
        only_categories=c.flag("only_categories"),
    )


def _list_urls(c: Checker) -> tuple[str, ...]:
    """Return the list URLs: ``list_url`` (one or a list), each filled with every ``values`` entry."""
    raw = c.raw.get("list_url")
    templates = raw if isinstance(raw, list) and raw else [raw]
    urls = [c.url(f"list_url[{i}]" if isinstance(raw, list) else "list_url", t) for i, t in enumerate(templates)]
    used = set()
    for url in urls:
        for name in template_placeholders(url):
            if name not in ("page", "value"):
                raise c.fail("list_url", f"unknown placeholder {{{name}}} (allowed: page, value)")
            used.add(name)
    if c.raw.get("pages", 1) != 1 and "page" not in used:
        raise c.fail("pages", "needs {page} in list_url")
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


def _category(c: Checker) -> tuple[bool, FixedCategory | None]:
    """Return (media_categories, fixed category) from ``category``."""
    value = c.raw.get("category")
    if value is None:
        return False, None
    if value == MEDIA:
        if "media" not in c.raw.get("fields", {}):
            raise c.fail("category", "'media' needs fields.media")
        return True, None
    if not isinstance(value, dict) or set(value) - {"slug", "label", "link"} or "slug" not in value:
        raise c.fail("category", "must be 'media' (a category per media name) or a mapping with "
                                 "slug (and label, link)")
    slug, label, link = value["slug"], value.get("label") or value["slug"], value.get("link")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise c.fail("category.slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
    if not isinstance(label, str) or not label.strip():
        raise c.fail("category.label", "must be a non-empty string")
    if link is not None and not (isinstance(link, str) and _LINK.fullmatch(link)):
        raise c.fail("category.link", f"{link!r} must be a path on the archive site, like /emnews/")
    return False, FixedCategory(slug, label.strip(), link)


def _categories(c: Checker) -> dict[str, tuple[str, str]] | None:
    """Return the media name -> (slug, label) map; a missing label is ``<name>新闻``."""
    value = c.raw.get("categories")
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise c.fail("categories", "must map a media name to {slug, label}")
    out = {}
    for media, target in value.items():
        key = f"categories.{media}"
        if isinstance(target, str):
            target = {"slug": target}
        if not isinstance(target, dict) or set(target) - {"slug", "label"} or "slug" not in target:
            raise c.fail(key, "must be a slug or a mapping with slug (and label)")
        slug, label = target["slug"], target.get("label") or f"{str(media).strip()}新闻"
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            raise c.fail(f"{key}.slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
        if not isinstance(label, str):
            raise c.fail(f"{key}.label", "must be a string")
        out[str(media).strip()] = (slug, label)
    return out
