"""Random news sites with known ground truth, each one a pure function of its seed.

:func:`generate_site` draws a small newspaper from ``random.Random(seed)``:
stories (a title, a date, paragraphs, a page at one canonical path) linked
from listings, a feed and a sitemap, plus links that must end in the run
summary instead (404, 500, a redirect off the site, a page too large, a page
without a date, a PDF). Each story and each bad link carries the *features*
it exercises, so that a finding names what the site did to provoke it.

Nothing here serves or crawls: :mod:`tests.model.pages` renders, the server
answers, :mod:`tests.model.truth` says what a crawl must make of it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.model.sitedata import (  # noqa: F401 (the model's names, re-exported)
    ARTICLE_MAXSIZE, BIG, DEAD_LINKS, FEATURES, HUGE, MB, PLACES, SECTIONS, SMALL_QUEUE, TOPICS, WORDS, ZONE,
    BadLink, Draw, Listing, Site, Story,
)
from tests.model.urls import article_path, listing_path


def generate_site(seed: int, only: frozenset[str] | None = None) -> Site:
    """Return the site of ``seed``; ``only`` limits it to those features (None: any)."""
    draw = Draw(seed, only)
    rng = draw.rng
    modes = {"listing": rng.random() < 0.8, "feed": draw.chance("feed", 0.5), "sitemap": draw.chance("sitemap", 0.5)}
    modes["listing"] = modes["listing"] or not (modes["feed"] or modes["sitemap"])
    sections = rng.sample(sorted(SECTIONS), rng.randint(1, 3))
    stories: list[Story] = []
    taken: set[str] = set()
    for n in range(rng.randint(6, 24)):
        stories.append(_story(draw, seed, n, stories, sections, taken))
    site = Site(seed=seed, stories=stories, bad=[], listings=[], feed=[], sitemap=[])
    site.validators = frozenset(v for v in ("etag", "last-modified") if draw.chance(v, 0.5))
    site.recheck = draw.chance("recheck", 0.5)
    site.pending = SMALL_QUEUE if draw.chance("small-queue", 0.15) else 0
    site.direct = draw.chance("direct", 0.3)
    _add_links(draw, site, taken)
    _add_bad_links(draw, site, taken, modes)
    _place(draw, site, modes, sections)
    site.features |= set().union(*(s.features for s in stories), *(b.features for b in site.bad))
    site.features |= {f for f in ("recheck",) if site.recheck} | set(site.validators)
    site.features |= {lst.style for lst in site.listings if len(lst.pages) > 1}
    site.features |= {"big-listing" for lst in site.listings if lst.padding}
    site.features |= {"feed" for _ in site.feed[:1]} | {"sitemap" for _ in site.sitemap[:1]}
    site.features |= {site.sitemap_style} - {"plain"} if site.sitemap else set()
    site.features |= {"big-sitemap"} if site.sitemap_padding else set()
    site.features |= {"small-queue"} if site.pending else set()
    site.features |= {"flaky-entry"} if site.flaky_entry else set()
    site.features |= {"direct"} if site.direct else set()
    return site


def _story(draw: Draw, seed: int, n: int, earlier: list[Story], sections: list[str], taken: set[str]) -> Story:
    rng = draw.rng
    features: set[str] = set()
    shared = earlier and draw.chance("shared-id", 0.25)
    twin = rng.choice(earlier) if shared else None
    day = datetime(2023, 1, 1, tzinfo=ZONE) + timedelta(days=rng.randrange(700), minutes=rng.randrange(60 * 24))
    if twin is not None and draw.chance("same-day-id", 0.3):
        day = twin.published.replace(hour=rng.randrange(24), minute=rng.randrange(60))
        features.add("same-day-id")
    section = rng.choice(sections)
    ids = {_id_of(story.path) for story in earlier}
    while True:
        short = draw.chance("short-id", 0.15)  # a 3-digit id: the post is named by a hash of its URL
        number = _id_of(twin.path) if twin is not None else rng.randrange(100, 1000) if short else rng.randrange(1000, 99999)
        shape = rng.choice(("dated", "section", "edition", "query"))
        path = article_path(shape, day, number, section)
        if path in taken:
            day += timedelta(days=1)
        elif twin is not None or _id_of(path) not in ids:  # ids repeat only where the feature says so
            break
    taken.add(path)
    if _id_of(path) < 1000 and shape != "edition":
        features.add("short-id")
    if twin is not None:
        features.add("shared-id")
        twin.features.add("shared-id")  # either of the two may be the one lost
    title = f"{rng.choice(PLACES)}{rng.choice(TOPICS)}：模型{seed}号站第{n}条消息"
    paragraphs = [f"第{n}条第{i}段：" + "，".join(rng.sample(WORDS, 4)) + "。" for i in range(rng.randint(2, 5))]
    story = Story(n=n, title=title, published=day.replace(second=0, microsecond=0), paragraphs=paragraphs,
                  path=path, section=section, features=features)
    if draw.chance("odd-text", 0.08):  # what YAML, Liquid and HTML must all leave alone
        story.title += ' "特稿" #热点: {{ 专题 }} & <更多>'
        story.paragraphs.insert(1, "原文照登：{% if 条件 %} {{ page.title }} <b>加粗</b> & “引号” 'x: y' #标签。")
        features.add("odd-text")
    if draw.chance("edited", 0.1):
        story.edit = f"（更正）第{n}条消息中的数据已于发稿后核实更新，特此说明。"
        features.add("edited")
    story.encoding = draw.pick({"utf-8": 6, "gbk-header": 1.5, "gbk-meta": 1.5, "gbk-bare": 1}, "utf-8")
    story.date_style = draw.pick({"iso": 7, "zh-date": 2, "cst-date": 1}, "iso")
    if draw.chance("slow", 0.05):
        story.delay = rng.uniform(1.0, 2.0)
    if draw.chance("flaky-500", 0.06):
        story.flaky = rng.randint(1, 2)
    features |= {f for f in (story.encoding, story.date_style) if f in FEATURES}
    features |= {f for f, on in (("slow", story.delay), ("flaky-500", story.flaky)) if on}
    return story


def _id_of(path: str) -> int:
    """Return the number an article path is named by (content_N keeps its small N)."""
    stem = path.rsplit("/", 1)[-1].split("=")[-1]
    return int("".join(ch for ch in stem if ch.isdigit()))


def _add_links(draw: Draw, site: Site, taken: set[str]) -> None:
    """Give each story its link paths: itself, and maybe an alias or a redirect to it."""
    rng = draw.rng
    for story in site.stories:
        story.links.append(story.path)
        if draw.chance("redirect", 0.1):
            path = _fresh(rng, taken, "/r/{}.html")
            story.redirects.append(path)
            story.links.append(path)
            story.features.add("redirect")
        if draw.chance("twice-alias", 0.08):
            path = _fresh(rng, taken, "/print/{}.html")
            story.aliases.append(path)
            story.links.append(path)
            story.features.add("twice-alias")
        if draw.chance("tracking-alias", 0.08):
            sep = "&" if "?" in story.path else "?"
            story.links.append(f"{story.path}{sep}utm_source=feed")
            story.aliases.append(f"{story.path}{sep}utm_source=feed")
            story.features.add("tracking-alias")
    big = [s for s in site.stories if not s.delay]
    if big and draw.chance("big-article", 0.1):
        story = rng.choice(big)
        story.padding = BIG
        story.features.add("big-article")


def _fresh(rng: random.Random, taken: set[str], template: str) -> str:
    while True:
        path = template.format(rng.randrange(100, 9999))
        if path not in taken:
            taken.add(path)
            return path


def _add_bad_links(draw: Draw, site: Site, taken: set[str], modes: dict[str, bool]) -> None:
    """Add the links that must end in the summary, each with the words its reason holds."""
    menu = [("http-404", "failed", "HTTP 404", "/{}.html"), ("http-500", "failed", "HTTP 500", "/{}.html"),
            ("offsite", "dropped", "off the profile's hosts", "/out/{}.html"),
            ("huge-article", "dropped", "larger than", "/2024/06/01/{}.html"),
            ("not-html", "dropped", "not an HTML page", "/2024/06/02/{}.html")]
    if modes["listing"]:  # a page without a date must not get one from a feed or sitemap hint
        menu.append(("no-date", "dropped", "missing published date", "/shehui/{}.html"))  # no day in the URL
    for fault, kind, words, template in menu:
        for _ in range(draw.rng.choice((0, 0, 1, 1, 2))):
            if fault not in draw.allowed:
                continue
            path = _fresh(draw.rng, taken, ("/yaowen" if fault.startswith("http") else "") + template)
            bad = BadLink(path=path, kind=kind, words=words, fault=fault, features={fault})
            if fault == "no-date":
                bad.story = Story(n=-1, title=f"无日期稿件{path}：模型{site.seed}号站", published=None,
                                  paragraphs=["这篇稿件没有注明日期，抓取时应当丢弃并说明原因，不能凭空编造一个日期。"],
                                  path=path, section="yaowen")
            site.bad.append(bad)


def _place(draw: Draw, site: Site, modes: dict[str, bool], sections: list[str]) -> None:
    """Put every link into the listings, the feed and the sitemap (each at least once)."""
    rng = draw.rng
    sources = [m for m, on in modes.items() if on]
    linked: dict[str, list[str]] = {m: [] for m in ("listing", "feed", "sitemap")}
    by_section: dict[str, list[tuple[datetime, str]]] = {s: [] for s in sections}
    entries = [(s.published, link, s.section) for s in site.stories for link in s.links]
    no_date = {bad.path for bad in site.bad if bad.fault == "no-date"}
    for bad in site.bad:
        when = datetime(2024, 6, 1, tzinfo=ZONE)
        entries.append((when, bad.path, rng.choice(sections)))
    for when, link, section in entries:
        choices = ["listing"] if link in no_date else sources
        for mode in rng.sample(choices, rng.randint(1, len(choices))):
            if mode == "listing":
                by_section.setdefault(section, []).append((when, link))
            else:
                linked[mode].append(link)
    for mode in ("feed", "sitemap"):
        rng.shuffle(linked[mode])
        if linked[mode] and draw.chance("twice-same-url", 0.3):
            linked[mode].insert(rng.randrange(len(linked[mode])), rng.choice(linked[mode]))
            site.features.add("twice-same-url")
    site.feed, site.sitemap = linked["feed"], linked["sitemap"]
    if site.sitemap:
        site.sitemap_style = draw.pick({"plain": 1, "news-sitemap": 1, "sitemap-index": 1}, "plain")
        if draw.chance("big-sitemap", 0.1):
            # Over 5 MB, and more dead links than NEWSCRAWL_PENDING_REQUESTS (1,000): issue 18's sitemap.
            site.sitemap_padding = 5 * MB + 200_000
            dead = [BadLink(path=f"/2022/01/01/{9000 + i}.html", kind="failed", words="HTTP 404", fault="http-404",
                            features={"http-404", "big-sitemap"}) for i in range(DEAD_LINKS)]
            site.bad += dead
            site.sitemap += [bad.path for bad in dead]
    per_page = rng.randint(3, 7)
    for section, items in by_section.items():
        if not items and section != sections[0]:
            continue
        links = [link for _, link in sorted(items, key=lambda x: x[0], reverse=True)]
        style = draw.pick({"paging-path": 1, "paging-page": 1, "paging-start": 1, "paging-from": 1}, "paging-path")
        chunks = [links[i:i + per_page] for i in range(0, len(links), per_page)] or [[]]
        pages = [(listing_path(section, style, i, per_page), chunk) for i, chunk in enumerate(chunks)]
        padding = 5 * MB + 100_000 if draw.chance("big-listing", 0.08) else 0
        site.listings.append(Listing(section=section, style=style, pages=pages, padding=padding))
    if not modes["listing"]:
        site.listings = []
    entries = [path for lst in site.listings for path, _ in lst.pages] + ["/rss.xml"] * bool(site.feed)
    entries += ["/sitemap.xml"] * bool(site.sitemap)
    if draw.chance("flaky-entry", 0.15):
        site.flaky_entry = rng.choice(entries)  # answers 500 once: a retry must recover it
