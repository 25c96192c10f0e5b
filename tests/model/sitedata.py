"""What a generated site is made of: its stories, bad links, listings and features (data only).

:mod:`tests.model.site` draws them from a seed; the constants here are the
limits the crawls are run with and the sizes that cross them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo


ZONE = ZoneInfo("Asia/Shanghai")
PUBLIC = "http://m{seed}.example/"
MB = 1024 * 1024
ARTICLE_MAXSIZE = 6 * MB  # the crawls' NEWSCRAWL_ARTICLE_MAXSIZE
BIG = 5 * MB + 300_000  # over Scrapy's SCRAPER_SLOT_MAX_ACTIVE_SIZE (5,000,000), under ARTICLE_MAXSIZE
HUGE = ARTICLE_MAXSIZE + MB  # over ARTICLE_MAXSIZE: dropped, not read
DEAD_LINKS = 1_100  # dead article links in a sitemap over 5 MB
SMALL_QUEUE = 4  # NEWSCRAWL_PENDING_REQUESTS of a site with the small-queue feature

#: Every feature a site may use; ``generate_site(seed, only=…)`` keeps a subset.
FEATURES = frozenset({
    "shared-id", "same-day-id", "paging-path", "paging-page", "paging-start", "paging-from",
    "redirect", "offsite", "recheck", "etag", "last-modified", "http-404", "http-500", "flaky-500",
    "big-article", "huge-article", "big-listing", "big-sitemap", "gbk-header", "gbk-meta", "gbk-bare",
    "cst-date", "zh-date", "slow", "twice-same-url", "twice-alias", "tracking-alias", "no-date",
    "not-html", "feed", "sitemap", "sitemap-index", "news-sitemap", "small-queue", "odd-text", "flaky-entry",
    "direct", "edited", "short-id",
})
SECTIONS = {"yaowen": "要闻", "jingji": "经济", "shehui": "社会", "wenhua": "文化", "tiyu": "体育"}
PLACES = "南昌 九江 赣州 吉安 上饶 抚州 宜春 萍乡 景德镇 鹰潭 新余 庐山 井冈山 婺源 瑞金".split()
TOPICS = "春耕生产 项目建设 乡村振兴 文旅融合 科技创新 生态保护 民生工程 教育改革 医疗服务 交通建设".split()
WORDS = ("会议强调要坚持稳中求进工作总基调", "各级部门压实责任细化举措", "群众满意度持续提升",
         "重点项目加快推进落地见效", "基层干部深入一线解决难题", "相关单位加强督导检查",
         "全年目标任务有望提前完成", "专家认为这一做法值得推广", "记者从有关方面获悉上述情况")


@dataclass
class Story:
    """An article that must become exactly one post."""

    n: int
    title: str
    published: datetime | None  # aware, Asia/Shanghai; None only on bad links (no date)
    paragraphs: list[str]
    path: str  # canonical path (with any query): the page, and the post's original_url
    section: str
    links: list[str] = field(default_factory=list)  # every path some source links to it by
    aliases: list[str] = field(default_factory=list)  # other paths serving the same page (200)
    redirects: list[str] = field(default_factory=list)  # paths answering 301 to ``path``
    encoding: str = "utf-8"  # utf-8, gbk-header, gbk-meta, gbk-bare
    date_style: str = "iso"  # iso, zh, cst
    delay: float = 0.0  # seconds before the page is answered
    padding: int = 0  # bytes of comment added to the page (a big article)
    flaky: int = 0  # 500s before the page is served
    edit: str | None = None  # a paragraph the page gains before the second crawl (a correction)
    modified: datetime | None = None  # when the page last changed, if after it was published
    features: set[str] = field(default_factory=set)

    def correct(self, when: datetime) -> None:
        """Publish the story's correction (its ``edit``) at ``when``."""
        if self.edit and self.edit not in self.paragraphs:
            self.paragraphs.append(self.edit)
            self.modified = when


@dataclass
class BadLink:
    """A linked path that must end in the summary as ``kind`` with ``words`` in the reason."""

    path: str
    kind: str  # "failed" or "dropped"
    words: str
    fault: str  # http-404, http-500, offsite, huge-article, no-date, not-html
    story: Story | None = None  # the page it serves when it serves one (no-date)
    features: set[str] = field(default_factory=set)


@dataclass
class Listing:
    """One section's listing: its pages, newest first, by path."""

    section: str
    style: str  # path, page, start, from
    pages: list[tuple[str, list[str]]]  # (page path, article link paths)
    padding: int = 0  # bytes of comment on the first page (a listing over 5 MB)


@dataclass
class Site:
    """A generated newspaper and what it must become."""

    seed: int
    stories: list[Story]
    bad: list[BadLink]
    listings: list[Listing]
    feed: list[str]  # link paths in feed order (a path may appear twice)
    sitemap: list[str]  # link paths in sitemap order
    sitemap_style: str = "plain"  # plain, news, index
    sitemap_padding: int = 0  # filler entries making the sitemap over 5 MB
    validators: frozenset[str] = frozenset()  # "etag", "last-modified"
    recheck: bool = False  # the profile re-checks every archived article (conditional requests)
    pending: int = 0  # the crawls' NEWSCRAWL_PENDING_REQUESTS (0: the default)
    flaky_entry: str | None = None  # a listing page, feed or sitemap answering 500 the first time
    features: set[str] = field(default_factory=set)

    @property
    def slug(self) -> str:
        return f"moxing{self.seed}"

    direct: bool = False  # the profile names the server itself (no mirror): ``served_at`` is its base URL
    served_at: str = ""

    @property
    def public(self) -> str:
        """Return the site's base URL as its profile and posts name it."""
        return self.served_at if self.direct else PUBLIC.format(seed=self.seed)

    def url(self, path: str) -> str:
        """Return the public URL of a site path."""
        return self.public + path.lstrip("/")


class Draw:
    """The seeded choices of one site, limited to the features it may use."""

    def __init__(self, seed: int, only: frozenset[str] | None):
        self.rng = random.Random(seed)
        self.allowed = FEATURES if only is None else FEATURES & only

    def chance(self, feature: str, p: float) -> bool:
        """Return True with probability ``p`` when ``feature`` is allowed (the draw is made either way)."""
        hit = self.rng.random() < p
        return hit and feature in self.allowed

    def pick(self, options: dict[str, float], default: str) -> str:
        """Return one of ``options`` (name -> weight) among the allowed ones, else ``default``."""
        name = self.rng.choices(list(options), weights=list(options.values()))[0]
        return name if name in self.allowed else default
