"""Fetch a few pages of a site with its profile and say, field by field, what came out odd."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from newscrawl import __version__
from newscrawl.extract import Extracted, extract_article
from newscrawl.modes.config import mode_config
from newscrawl.modes.editions import parse_month_index, parse_page
from newscrawl.modes.feeds import FeedError, parse_feed
from newscrawl.modes.links import article_links
from newscrawl.modes.records import ApiError, parse_list
from newscrawl.modes.sitemaps import parse_sitemap
from newscrawl.modes.window import today_in

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]


def fetch_url(url: str, timeout: float = 20.0) -> bytes:
    """Return the body of ``url`` (GET); raise OSError when it cannot be fetched."""
    request = urllib.request.Request(url, headers={"User-Agent": f"newscrawl/{__version__} (profile check)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) profiles only)
        return response.read()


@dataclass
class ArticleReport:
    """One fetched article: the fields found, and what looked empty or odd."""

    url: str
    fields: Extracted | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class LiveReport:
    """What a live check saw: one line per entry page, one report per article."""

    entries: list[str] = field(default_factory=list)  # "mode url: what was found" / "…: FAILED …"
    problems: list[str] = field(default_factory=list)  # entry-level problems
    articles: list[ArticleReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when no entry page and no article had a problem."""
        return not self.problems and bool(self.articles) and not any(a.problems for a in self.articles)


def live_check(profile, *, fetch: Fetch = fetch_url, limit: int = 3, day: date | None = None,
               now: datetime | None = None) -> LiveReport:
    """Return what ``profile`` finds on its live site: entry pages first, then ``limit`` articles."""
    report = LiveReport()
    found: list[str] = []
    for mode in profile.modes:
        try:
            urls = _ENTRY_FINDERS[mode](profile, fetch, day or today_in(profile.timezone), report)
        except (OSError, ValueError) as exc:
            report.problems.append(f"{mode}: FAILED: {exc}")
            continue
        if not urls:
            report.problems.append(f"{mode}: no article links found")
        found += [u for u in urls if u not in found]
    for url in found[:limit]:
        report.articles.append(check_article(profile, url, fetch, now or datetime.now(timezone.utc)))
    return report


def check_article(profile, url: str, fetch: Fetch, now: datetime) -> ArticleReport:
    """Return the fields of one article page and the problems seen in them."""
    report = ArticleReport(url)
    try:
        report.fields = extract_article(fetch(url), url, profile)
    except OSError as exc:
        report.problems.append(f"fetch failed: {exc}")
        return report
    report.problems = field_problems(report.fields, now)
    return report


def field_problems(fields: Extracted, now: datetime) -> list[str]:
    """Return what is empty or odd in extracted ``fields`` (author/editor may be absent)."""
    problems = []
    if not fields.title:
        problems.append("title: empty")
    elif len(fields.title) > 80:
        problems.append(f"title: {len(fields.title)} characters, probably more than the headline")
    if fields.published is None:
        problems.append("published: empty")
    else:
        moment = fields.published if isinstance(fields.published, datetime) else \
            datetime.combine(fields.published, datetime.min.time(), timezone.utc)
        if moment > now + timedelta(days=1):
            problems.append(f"published: {fields.published.isoformat()} is in the future")
    text = sum(len(p) for p in fields.paragraphs)
    if not fields.paragraphs:
        problems.append("paragraphs: empty")
    elif text < 80:
        problems.append(f"paragraphs: only {text} characters of text")
    return problems


def _listing(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    import lxml.html

    from newscrawl.extract.encoding import decode_html

    urls: list[str] = []
    for start in profile.listing.start_urls[:2]:
        url = profile.absolute(start.url)
        tree = lxml.html.fromstring(decode_html(fetch(url))[0] or "<html/>")
        links = article_links(tree.xpath("//a/@href"), url, profile.allows)
        articles = [u for u in links if profile.listing.is_article(u)]
        pages = [u for u in links if not profile.listing.is_article(u) and profile.listing.is_next_page(u)]
        report.entries.append(f"listing {url}: {len(articles)} article links, {len(pages)} next pages")
        urls += articles
    return urls


def _epaper(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    config = mode_config(profile, "epaper")
    for back in range(3):  # today's edition may not be out yet
        edition_day = day - timedelta(days=back)
        layout = config.layout_for(edition_day)
        try:
            url = _edition_url(layout, edition_day, profile, fetch)
            body = fetch(url)
        except urllib.error.HTTPError as exc:
            report.entries.append(f"epaper {exc.url}: HTTP {exc.code}")
            continue
        page = parse_page(body, url, layout.pages, layout.articles, layout.section_selector, profile.allows)
        report.entries.append(f"epaper {url}: 版面 {page.section or '(no name found)'}, "
                              f"{len(page.pages)} 版面 links, {len(page.articles)} article links")
        return [a.url for a in page.articles]
    return []


def _edition_url(layout, day: date, profile, fetch: Fetch) -> str:
    """Return the day's front page: from the month index when the layout has one, else its template."""
    if layout.month_index:
        index = layout.url(layout.month_index, day, profile.base_url)
        refs = parse_month_index(fetch(index), index, base_for=lambda d: layout.day_folder(d, profile.base_url))
        found = [r.url for r in refs if r.day == day]
        if found or not layout.edition:
            if not found:
                raise urllib.error.HTTPError(index, 404, f"no edition of {day} listed", None, None)
            return found[0]
    return layout.url(layout.edition, day, profile.base_url)


def _feed(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    urls = []
    for source in mode_config(profile, "feed").urls[:2]:
        url = profile.absolute(source.url)
        try:
            entries = parse_feed(fetch(url), url, profile.timezone)
        except FeedError as exc:
            raise ValueError(f"{url} is not a feed: {exc}") from exc
        report.entries.append(f"feed {url}: {len(entries)} entries")
        urls += [e.url for e in entries]
    return urls


def _sitemap(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    url = profile.absolute(mode_config(profile, "sitemap").urls[0].url)
    sitemap = parse_sitemap(fetch(url), url, profile.timezone)
    report.entries.append(f"sitemap {url}: {sitemap.kind} of {len(sitemap.entries)} entries")
    if sitemap.kind == "index" and sitemap.entries:
        child = sitemap.entries[0].url
        sitemap = parse_sitemap(fetch(child), child, profile.timezone)
        report.entries.append(f"sitemap {child}: {sitemap.kind} of {len(sitemap.entries)} entries")
    return [e.url for e in sitemap.entries] if sitemap.kind == "urlset" else []


def _api(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    from newscrawl.modes.records import article_page_url, list_page_urls

    urls = []
    for feed in mode_config(profile, "api").feeds:
        url = list_page_urls(feed, 1, profile.base_url)[0]
        try:
            records = parse_list(fetch(url), feed, profile.timezone, url)
        except ApiError as exc:
            raise ValueError(f"{url}: {exc}") from exc
        report.entries.append(f"api {feed.name} {url}: {len(records)} records")
        urls += [u for u in (article_page_url(feed, r, profile.base_url) for r in records) if u]
    return urls


def _urls(profile, fetch: Fetch, day: date, report: LiveReport) -> list[str]:
    urls = [profile.absolute(s.url) for s in mode_config(profile, "urls").urls]
    report.entries.append(f"urls: {len(urls)} listed")
    return urls


_ENTRY_FINDERS = {"listing": _listing, "epaper": _epaper, "feed": _feed, "sitemap": _sitemap,
                  "api": _api, "urls": _urls}
