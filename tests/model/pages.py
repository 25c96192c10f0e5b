"""Render a generated site's pages, feed, sitemaps and profile (bytes and headers, no serving)."""

from __future__ import annotations

import html
import zlib
from email.utils import format_datetime
from pathlib import Path

import yaml

from tests.model.site import SECTIONS, Listing, Site, Story
from tests.model.urls import ARTICLE_LINKS, NEXT_PAGES

UTF8_HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"


def date_line(story: Story) -> str:
    """Return the page's date line in the story's style ('' for a story without a date)."""
    when = story.published
    if when is None:
        return ""
    if story.date_style == "zh-date":
        return f"{when:%Y年%m月%d日 %H:%M}"
    if story.date_style == "cst-date":  # java.util.Date's toString on a server in China
        return f"{when:%a %b %d %H:%M:%S} CST {when:%Y}"
    return f"{when:%Y-%m-%d %H:%M}"


def article_page(site: Site, story: Story) -> tuple[bytes, str]:
    """Return an article page's bytes and Content-Type, in the story's encoding."""
    esc = html.escape
    gbk = story.encoding.startswith("gbk")
    meta = {"utf-8": '<meta charset="utf-8">', "gbk-meta": '<meta http-equiv="Content-Type" '
            'content="text/html; charset=gbk">'}.get(story.encoding, "")
    when = date_line(story)
    info = (f'<span class="time">发布时间：{esc(when)}</span> ' if when else "") + "<span>来源：模型日报</span>"
    body = "\n".join(f"<p>{esc(p)}</p>" for p in story.paragraphs)
    padding = f"<!-- {'x' * story.padding} -->" if story.padding else ""
    text = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head>{meta}<title>{esc(story.title)}_模型日报</title></head>\n'
            f'<body><div class="nav"><a href="/">首页</a> <a href="/about.html">关于我们</a></div>\n'
            f'<div class="main"><h1>{esc(story.title)}</h1>\n<div class="info">{info}</div>\n'
            f'<div class="content">\n{body}\n</div></div>\n'
            f'<div class="footer"><p>版权所有 模型日报社 未经授权禁止转载</p></div>{padding}\n</body></html>\n')
    kind = {"gbk-header": "text/html; charset=gbk", "gbk-meta": "text/html", "gbk-bare": "text/html"}
    return text.encode("gbk" if gbk else "utf-8"), kind.get(story.encoding, UTF8_HTML)


def href(site: Site, path: str) -> str:
    """Return how pages write a link to ``path``: root-relative, or (one in three) absolute."""
    return site.url(path) if zlib.crc32(path.encode()) % 3 == 0 else path


def listing_page(site: Site, listing: Listing, index: int, titles: dict[str, str]) -> bytes:
    """Return page ``index`` of a section's listing: its article links, page numbers and next link."""
    esc = html.escape
    path, links = listing.pages[index]
    items = "\n".join(f'<li><a href="{esc(href(site, link))}">{esc(titles.get(link, link))}</a></li>'
                      for link in links)
    numbers = " ".join(f'<a href="{esc(href(site, p))}">{i + 1}</a>' for i, (p, _) in enumerate(listing.pages))
    following = (f'<a class="next" href="{esc(href(site, listing.pages[index + 1][0]))}">下一页</a>'
                 if index + 1 < len(listing.pages) else "")
    padding = f"<!-- {'y' * listing.padding} -->" if index == 0 and listing.padding else ""
    name = SECTIONS[listing.section]
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{name}_模型日报</title>'
            f'</head>\n<body><div class="nav"><a href="/">首页</a></div>\n<ul class="list">\n{items}\n</ul>\n'
            f'<div class="pages">{numbers} {following}</div>{padding}\n</body></html>\n').encode("utf-8")


def rss(site: Site, entries: dict[str, Story | None]) -> bytes:
    """Return the RSS 2.0 feed of ``site.feed`` (a story's title and date; bad links get a day)."""
    esc = html.escape
    items = []
    for link in site.feed:
        story = entries.get(link)
        title = story.title if story else f"稿件 {link}"
        when = story.published if story and story.published else None
        date = f"<pubDate>{format_datetime(when)}</pubDate>" if when else ""
        if story and story.modified:
            date += f"<dc:date>{story.modified.isoformat()}</dc:date>"
        items.append(f"<item><title>{esc(title)}</title><link>{esc(site.url(link))}</link>"
                     f"<guid>{esc(site.url(link))}</guid>{date}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>模型日报</title>"
            f"<link>{site.public}</link><description>模型{site.seed}</description>\n"
            + "\n".join(items) + "\n</channel></rss>\n").encode("utf-8")


def sitemaps(site: Site, entries: dict[str, Story | None]) -> dict[str, bytes]:
    """Return the sitemap files by path: one urlset, or an index over two of them."""
    # A sitemap over 5 MB is one file (an index's first child): its dead links and the filler.
    dead = {bad.path for bad in site.bad if "big-sitemap" in bad.features}
    rows = [_sitemap_row(site, link, entries.get(link)) for link in site.sitemap if link not in dead]
    big = [_sitemap_row(site, link, None) for link in site.sitemap if link in dead]
    big += _filler(site, site.sitemap_padding) if site.sitemap_padding else []
    news = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if site.sitemap_style == "news-sitemap" else ""

    def urlset(part: list[str]) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
                f'{news}>\n' + "\n".join(part) + "\n</urlset>\n").encode("utf-8")

    if site.sitemap_style != "sitemap-index":
        return {"/sitemap.xml": urlset(rows + big)}
    half = len(rows) // 2
    children = {"/sitemap-1.xml": urlset(rows[:half] + big), "/sitemap-2.xml": urlset(rows[half:])}
    index = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>\n" for p in children)
    return {"/sitemap.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
                             f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{index}</sitemapindex>\n').encode(),
            **children}


def _sitemap_row(site: Site, link: str, story: Story | None) -> str:
    esc = html.escape
    when = story.published if story else None
    row = f"<url><loc>{esc(site.url(link))}</loc>"
    if when is not None and site.sitemap_style == "news-sitemap":
        row += (f"<news:news><news:publication><news:name>模型日报</news:name><news:language>zh</news:language>"
                f"</news:publication><news:publication_date>{when.isoformat()}</news:publication_date>"
                f"<news:title>{esc(story.title)}</news:title></news:news>")
    changed = (story.modified or when) if story else None
    if changed is not None:
        row += f"<lastmod>{changed.isoformat()}</lastmod>"
    return row + "</url>"


def _filler(site: Site, size: int) -> list[str]:
    """Return sitemap rows of tag pages (not articles by the profile) adding up to ``size`` bytes."""
    rows, total, i = [], 0, 0
    while total < size:
        row = f"<url><loc>{site.url(f'/tag/{i}.html')}</loc><lastmod>2020-01-01</lastmod></url>"
        rows.append(row)
        total += len(row) + 1
        i += 1
    return rows


def write_profile(site: Site, folder: Path) -> Path:
    """Write the site's profile (listing, feed and sitemap modes as the site has them) into ``folder``."""
    data: dict = {"name": f"模型{site.seed}号日报", "slug": site.slug, "timezone": "Asia/Shanghai",
                  "base_url": site.public}
    if site.recheck:
        data["recheck_hours"] = 1_000_000  # every archived story is re-checked, conditionally
    if site.listings:
        data["listing"] = {"start_urls": [{"url": lst.pages[0][0].lstrip("/"), "section": SECTIONS[lst.section]}
                                          for lst in site.listings],
                           "article_links": [ARTICLE_LINKS], "next_pages": NEXT_PAGES}
    if site.feed:
        data["feed"] = {"urls": ["rss.xml"], "articles": ARTICLE_LINKS}
    if site.sitemap:
        data["sitemap"] = {"urls": ["sitemap.xml"], "articles": ARTICLE_LINKS}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{site.slug}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
