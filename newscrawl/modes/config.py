r"""Validate the profile keys of the epaper, feed, sitemap, api and urls modes.

Each ``*_config`` function turns the raw YAML value of one mode into a frozen
config object and raises :class:`~newscrawl.errors.ProfileError`
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
      sections: [要闻, 综合]                    # 版面 names the paper prints: --section takes these or a 版 number
    epaper:                                   # a site that changed layout: one per period
      recent_days: 1
      sections: [要闻]
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
    api:                                      # JSON list (+ detail) feeds; one feed:
      list_url: "api/list?page={page}"          # or a list of URLs; may use {page} and {value}
      values: [37, 38, 39]                      # optional: one list URL per value ({value})
      pages: 2                                  # {page} = 1..pages
      list_path: data.list                      # dotted path to the records
      fields:                                   # our name -> the record's key (dotted path allowed)
        id: infoCode                            # the post's id (file name, state key)
        title: title
        published: showTime
        media: mediaName                        # the outlet's name: source, and category below
        url: link                               # the record's public page
        detail_id: code                         # the id the detail endpoint wants, when not id
        digest: digest                          # quoted above the body: "> " + text after its last 】
      detail_url: "https://api.example.cn/detail?id={id}"   # {id} or {detail_id}; any host
      detail_path: data                         # "" when the response object is the record itself
      detail_fields: {body: content, title: title, published: showTime, source: mediaName}
      article_url: "https://news.example.cn/a/{id}.html"   # public page ({id}/{detail_id}); else fields.url
      section: 要闻                              # optional section of every record
      category: media                           # each media name its own category: pinyin slug
                                                # (重庆日报 -> chongqingribao), label <name>新闻
      # category: {slug: emnews, label: 东财滚动新闻, link: /emnews/}   # or one fixed category;
                                                # link: the back-link path when not category/<slug>.html
      categories: {江西日报: {slug: jxrb, label: 江西日报新闻}}   # overrides (or a bare slug)
      only_categories: true                     # skip media not in categories (without category: media)
      headers: {Referer: "https://news.example.cn/"}   # sent with every request of the feed
      recent_days: 2                            # without --date/--since/--until: records of these days
    # A feed whose records hold their body (a 快讯: no page, no detail call) maps fields.body;
    # the record's public page (article_url or fields.url) names the post and is not fetched:
    #   fields: {id: code, title: title, published: showTime, body: summary}
    #   article_url: "https://finance.example.cn/a/{id}.html"
    # Cursor paging: list pages after the first are asked for with a value from the page read,
    # one after the other, until a page's oldest record is before the window, every record on
    # it is archived, or `pages` (default 10) pages were read:
    #   list_url: "https://api.example.cn/list?sortEnd={cursor}&pageSize=200"   # "" on the first page
    #   cursor: {field: realSort}                 # the last record's key; or path: data.next (in the response)
    # A list-only feed may name the pages a topic row links to (fields.links, "*" takes every
    # item of a list) and keep only article URLs (articles: a regex; the listing's article_links
    # apply too):
    #   fields: {url: publishUrl, links: linkUrls.*.linkUrl}
    #   articles: '/\d{8}/[0-9a-f]{32}/c\.html$'
    # Without detail_url a feed is list-only: each record's page (fields.url or
    # article_url) is fetched and extracted, the record's title/published/id/media
    # filling what the page lacks — a news.cn channel, for instance:
    #   api:
    #     list_url: "https://www.news.cn/politics/ds_<hex>.json"
    #     list_path: datasource
    #     fields: {url: publishUrl, title: title, published: publishTime}   # id: contentId names posts by it
    #     section: 时政
    # Several feeds: "api: [feed, ...]", or "api: {feeds: [feed, ...], <keys every feed
    # inherits unless it sets them>}"; a feed may have a name (logs, check.yaml).
    urls: [a.htm, {url: b.htm, section: 要闻}]   # explicit article pages
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newscrawl.modes.apiconfig import ApiConfig, ApiFeed, api_config  # noqa: F401 (re-exported)
from newscrawl.modes.base import StartUrl
from newscrawl.modes.checker import Checker
from newscrawl.modes.epaperconfig import EpaperConfig, EpaperLayout, epaper_config  # noqa: F401 (re-exported)


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
class UrlsConfig:
    """Explicit article URLs."""

    urls: tuple[StartUrl, ...]


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
