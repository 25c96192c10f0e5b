r"""Validate the profile keys of the epaper, feed, sitemap, api and urls modes.

Each ``*_config`` function turns the raw YAML value of one mode into a frozen
config object and raises :class:`~newscrawl.profiles.loader.ProfileError`
naming the file and the dotted key (``feed.urls[0]``) when it is wrong.
Relative URLs resolve against the profile's ``base_url``. In YAML::

    epaper:                                   # 数字报: edition -> 版面 -> article
      edition: "html/{yyyy}-{mm}/{dd}/node_2.htm"   # {yyyy} {yy} {mm} {dd} {m} {d} {yyyymm} {yyyymmdd}
      month_index: "html/{yyyy}-{mm}/navi.xml"      # navi.xml / period.xml; edition or month_index or both
      pages: 'node_\d+\.htm$'                      # 版面 links
      articles: 'content_\d+_\d+\.htm$'            # article links
      section_selector: "#current"              # optional: where a 版面 names itself
      base_url: "https://epaper.example.cn/"    # optional: this layout's own site
      hosts: [epaper.example.cn]                # optional: its hosts (default: base_url's)
      selectors: {body: "#ozoom"}               # optional: article selectors over the profile's
      recent_days: 1                            # editions crawled without --date/--since/--until
    epaper:                                   # a site that changed layout: one per period
      recent_days: 1
      layouts:                                  # each with the keys above, in date order
        - {edition: "html/{yyyy}-{mm}/{dd}/node_187.htm", base_url: "http://old.example.cn/", ...}
        - {from: 2023-01-01, month_index: "html/{yyyy}-{mm}/navi.xml", ...}   # from: its first day
    feed:                                     # RSS/Atom/JSON Feed; or just a list of URLs
      urls: [rss.xml, {url: atom.xml, section: 社会}]
      articles: '/articles/'                    # optional filter
      recent_days: 2                            # optional, without a date window
    sitemap:                                  # sitemap, sitemap index or robots.txt
      urls: [robots.txt]
      articles: '/news/\d{4}/'                  # optional filter of article URLs
      follow: 'news'                            # optional filter of child sitemaps
      recent_days: 2
    api:                                      # JSON list + detail with body HTML
      list_url: "api/list?page={page}"
      pages: 2
      list_path: data.list
      fields: {id: infoCode, title: title, published: showTime, media: mediaName, url: link}
      detail_url: "api/detail?infoCode={id}"
      detail_path: data
      detail_fields: {body: content, title: title, published: showTime, source: mediaName}
      article_url: "https://news.example.cn/a/{id}.html"   # optional public page of a record
      categories: {江西日报: {slug: jiangxiribao, label: 江西日报新闻}}
      only_categories: true                     # skip records of unmapped media
    urls: [a.htm, {url: b.htm, section: 要闻}]   # explicit article pages
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newscrawl.modes.checker import Checker
from newscrawl.modes.epaperconfig import EpaperConfig, EpaperLayout, epaper_config  # noqa: F401 (re-exported)
from newscrawl.profiles.model import StartUrl


@dataclass(frozen=True)
class FeedConfig:
    """RSS/Atom/JSON feeds whose entries are articles."""

    urls: tuple[StartUrl, ...]
    articles: re.Pattern | None = None  # keep only entries whose URL matches
    recent_days: int | None = None  # without a date window, keep this many recent days


@dataclass(frozen=True)
class SitemapConfig:
    """Sitemaps, sitemap indexes or robots.txt files leading to article URLs."""

    urls: tuple[StartUrl, ...]
    articles: re.Pattern | None = None  # keep only URLs that match
    follow: re.Pattern | None = None  # follow only child sitemaps that match
    recent_days: int | None = None  # without a date window, keep this many recent days


@dataclass(frozen=True)
class ApiConfig:
    """A JSON list endpoint plus a detail endpoint that returns body HTML."""

    list_url: str  # may use {page}
    list_path: str  # dotted path to the record list, e.g. data.list
    fields: dict[str, str]  # id, title, published, media, url -> record key
    detail_url: str  # uses {id}
    detail_fields: dict[str, str]  # body (required), title, published, source -> key
    detail_path: str = ""  # dotted path to the record in the detail response
    pages: int = 1  # list pages fetched, {page} = 1..pages
    article_url: str | None = None  # public page of a record, uses {id}; else the record's url field
    categories: dict[str, tuple[str, str]] | None = None  # media name -> (slug, label)
    only_categories: bool = False  # skip records whose media is not in categories


@dataclass(frozen=True)
class UrlsConfig:
    """Explicit article URLs."""

    urls: tuple[StartUrl, ...]


LIST_FIELDS = ("id", "title", "published", "media", "url")
DETAIL_FIELDS = ("body", "title", "published", "source")


def feed_config(raw: Any, path, base_url: str | None = None) -> FeedConfig:
    """Return the validated ``feed`` config (a mapping, or just a list of feed URLs)."""
    c = Checker(raw, "feed", path, base_url, {"urls", "articles", "recent_days"}, short_form=True)
    return FeedConfig(urls=c.sources("urls"), articles=c.regex("articles"),
                      recent_days=c.count("recent_days", None))


def sitemap_config(raw: Any, path, base_url: str | None = None) -> SitemapConfig:
    """Return the validated ``sitemap`` config (a mapping, or just a list of URLs)."""
    c = Checker(raw, "sitemap", path, base_url, {"urls", "articles", "follow", "recent_days"},
                short_form=True)
    return SitemapConfig(urls=c.sources("urls"), articles=c.regex("articles"),
                         follow=c.regex("follow"), recent_days=c.count("recent_days", None))


def api_config(raw: Any, path, base_url: str | None = None) -> ApiConfig:
    """Return the validated ``api`` config of a profile."""
    c = Checker(raw, "api", path, base_url, {
        "list_url", "list_path", "fields", "detail_url", "detail_path", "detail_fields",
        "pages", "article_url", "categories", "only_categories"})
    detail_url = c.template("detail_url", True, ("id",))
    if "{id}" not in detail_url:
        raise c.fail("detail_url", "must contain {id}")
    return ApiConfig(
        list_url=c.template("list_url", True, ("page",)),
        list_path=c.string("list_path", required=True),
        fields=c.names("fields", LIST_FIELDS, ("id", "title")),
        detail_url=detail_url,
        detail_path=c.string("detail_path") or "",
        detail_fields=c.names("detail_fields", DETAIL_FIELDS, ("body",)),
        pages=c.count("pages", 1),
        article_url=c.template("article_url", False, ("id",)),
        categories=_categories(c),
        only_categories=c.flag("only_categories"),
    )


def _categories(c: Checker) -> dict[str, tuple[str, str]] | None:
    value = c.raw.get("categories")
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise c.fail("categories", "must map a media name to {slug, label}")
    out = {}
    for media, target in value.items():
        key = f"categories.{media}"
        if not isinstance(target, dict) or set(target) - {"slug", "label"} or "slug" not in target:
            raise c.fail(key, "must be a mapping with slug (and label)")
        slug, label = target["slug"], target.get("label") or f"{media}新闻"
        if not isinstance(slug, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            raise c.fail(f"{key}.slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
        if not isinstance(label, str):
            raise c.fail(f"{key}.label", "must be a string")
        out[str(media)] = (slug, label)
    return out


def urls_config(raw: Any, path, base_url: str | None = None) -> UrlsConfig:
    """Return the validated ``urls`` config: a list of article URLs (optionally with section)."""
    c = Checker(raw, "urls", path, base_url, {"urls"}, short_form=True)
    return UrlsConfig(urls=c.sources("urls"))


BUILDERS = {"epaper": epaper_config, "feed": feed_config, "sitemap": sitemap_config,
            "api": api_config, "urls": urls_config}


def validate_modes(modes: dict[str, Any], path, base_url: str | None = None) -> dict[str, Any]:
    """Return each mode's validated config by name; raise ProfileError on the first bad key."""
    return {name: BUILDERS[name](raw, path, base_url) for name, raw in modes.items() if name in BUILDERS}


def mode_config(profile, name: str):
    """Return the validated config of mode ``name`` of a loaded profile."""
    return BUILDERS[name](profile.modes_config[name], profile.path, profile.base_url)
