"""``check --live``: run the real crawl of a profile, briefly, and judge what it produced field by field.

The check is the crawl: NewsSpider with the profile's own modes and the
normal settings (robots.txt, AutoThrottle, the User-Agent, mirrors), stopped
after a few articles. Nothing is written: no archive, no state, no lock. A
:class:`~newscrawl.check.probe.LiveProbe` records the entry pages each mode
read and the items the spider produced; this module turns them into a report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

from newscrawl.check.probe import LiveProbe
from newscrawl.runner import CrawlResult, project_settings, run_crawls

logger = logging.getLogger(__name__)

#: Settings of a live check on top of the project's: the crawl itself, minus every write.
CHECK_SETTINGS: dict[str, Any] = {
    "NEWSCRAWL_OUT": "",  # no archive: the archive pipelines, the state and the lock stay off
    "NEWSCRAWL_STATE_ENABLED": False,
    "NEWSCRAWL_LOCK": False,
    "NEWSCRAWL_JSONL": "",
    "NEWSCRAWL_PROGRESS": False,
    "ITEM_PIPELINES": {},  # items are judged as the spider produced them
    "NEWSCRAWL_LIMIT": 0,  # the probe samples instead, so every page's links are counted
    "SPIDER_MIDDLEWARES": {"newscrawl.check.probe.LiveProbe": 990},
    # One request at a time: a check samples a few pages, in the order the profile names them.
    "CONCURRENT_REQUESTS": 1,
    "LOG_LEVEL": "WARNING",
}


@dataclass
class ArticleReport:
    """One article the crawl fetched: the item it produced, and what looked empty or odd."""

    url: str
    fields: Any = None  # the ArticleItem (title, published, author, editor, source, paragraphs)
    problems: list[str] = field(default_factory=list)


@dataclass
class LiveReport:
    """What a live crawl of one profile saw: one line per entry page, one report per article."""

    entries: list[str] = field(default_factory=list)  # "mode url: what was found"
    problems: list[str] = field(default_factory=list)  # entry-level problems and failed fetches
    articles: list[ArticleReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when no entry page and no article had a problem."""
        return not self.problems and bool(self.articles) and not any(a.problems for a in self.articles)


def check_settings(limit: int, mirrors: Iterable[str] = (), **overrides: Any):
    """Return the settings of a live check that follows ``limit`` articles."""
    return project_settings({**CHECK_SETTINGS, "NEWSCRAWL_CHECK_ARTICLES": limit,
                             "NEWSCRAWL_MIRRORS": list(mirrors), **overrides})


def live_check(profiles: list, *, limit: int = 3, day: date | None = None, mirrors: Iterable[str] = (),
               base_url: str | None = None, now: datetime | None = None,
               settings: dict[str, Any] | None = None) -> list[LiveReport]:
    """Crawl each profile live (side by side, ``limit`` articles each) and return one report per profile.

    ``day`` narrows the crawl to that day (an e-paper's edition, a listing's
    articles), as ``--date`` does; ``mirrors`` are ``PUBLIC=LOCAL`` prefixes
    and ``base_url`` a mirror of each profile's base URL, as for a crawl.
    """
    run_args = {"base_url": base_url, **({"date": day.isoformat()} if day else {})}
    results = run_crawls(check_settings(limit, mirrors, **(settings or {})),
                         [{"profiles": [p], **run_args} for p in profiles])
    return [report_of(result, now or datetime.now(timezone.utc)) for result in results]


def report_of(result: CrawlResult, now: datetime) -> LiveReport:
    """Return the report of one finished live crawl."""
    report = LiveReport()
    probe = _probe(result)
    if probe is None:
        report.problems.append(f"FAILED: {result.failure or 'the crawl did not start'}")
        return report
    failures = {f["url"]: f["reason"] for f in result.summary.entries("failed")}
    extracted = {item.url for item in probe.items}  # a drop after extraction shows in the fields
    failures.update({f["url"]: f"dropped: {f['reason']}" for f in result.summary.entries("dropped")
                     if f["url"] not in extracted})
    report.entries = [page.line() for page in probe.pages.values()]
    if probe.listed:
        report.entries.append(f"urls: {probe.listed} article URLs listed")
    report.problems = [p for p in (page.problem() for page in probe.pages.values()) if p]
    for mode in dict.fromkeys(page.mode for page in probe.pages.values()):
        if not any(p.articles for p in probe.pages.values() if p.mode == mode):
            report.problems.append(f"{mode}: no article links found")
    if not probe.pages and not probe.listed:
        report.problems.append("no entry page could be read")
    articles = {url: ArticleReport(url) for url in probe.article_urls}
    for item in probe.items:
        articles[item.url] = ArticleReport(item.url, item, field_problems(item, now, short=item.url in probe.records))
    for url, reason in failures.items():
        if url in articles:
            articles[url].problems.append(reason)
        elif url not in probe.pages:  # a failed entry page is named above with its status
            report.problems.append(f"FAILED: {reason} at {url}")
    report.entries += [f"article {url}: no item (published outside the day window)"
                       for url in probe.empty if not (url in articles and articles[url].problems)]
    report.articles = [a for a in articles.values() if a.fields is not None or a.problems]
    summary = result.summary
    if summary.skipped:
        report.entries.append("api records that led to no article: "
                              + ", ".join(f"{n} {reason}" for reason, n in summary.skipped.items()))
    for slug, name, missed, pages in summary.drifted():
        selector = result.crawler.spider.profile(slug).selectors.get(name) if result.crawler else None
        report.problems.append(f"selectors: the {name} selector {selector!r} matched nothing on {missed} of "
                               f"{pages} pages: the generic rules stood in; has the site changed its markup?")
    if result.failure and not failures:
        report.problems.append(f"FAILED: {result.failure}")
    return report


def _probe(result: CrawlResult) -> LiveProbe | None:
    try:
        return result.crawler.get_spider_middleware(LiveProbe) if result.crawler else None
    except RuntimeError:  # the engine was never built: the crawl did not start
        return None


def field_problems(fields, now: datetime, short: bool = False) -> list[str]:
    """Return what is empty or odd in an article's ``fields`` (author/editor may be absent).

    ``short``: the article is an API record holding its own body (a 快讯), whose text may be a line.
    """
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
    elif text < 80 and not short:
        problems.append(f"paragraphs: only {text} characters of text")
    return problems
