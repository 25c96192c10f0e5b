"""What a crawl of a generated site must produce: its posts and its reported problems.

Every story becomes exactly one post: its title, its date (Asia/Shanghai),
its paragraphs, under its canonical URL or an alias that serves the same
page (never under a URL that only redirects). Every bad link ends in the
summary's ``failed`` or ``dropped`` list with the expected words in its
reason. A second copy of a story (an alias, a redirect to a page fetched
already) may be dropped as a duplicate, or not fetched at all; nothing else
may be. Each expectation carries the features that lead to it, so a finding
names what the site did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tests.model.site import ZONE, Site, Story


@dataclass(frozen=True)
class ExpectedPost:
    """A story's one post."""

    story: Story
    urls: frozenset[str]  # the public URLs its original_url may be
    copies: frozenset[str]  # the public URLs of its other copies (dropped as duplicates, or not fetched)
    features: frozenset[str]
    correction: str = "none"  # after its correction: "must" reach the post, or "may" (nothing says it changed)

    @property
    def title(self) -> str:
        return self.story.title

    @property
    def published(self) -> datetime:
        return self.story.published

    @property
    def day(self) -> str:
        """Return the post's day in the site's zone (the file name's prefix)."""
        return f"{self.story.published.astimezone(ZONE):%Y-%m-%d}"


@dataclass(frozen=True)
class ExpectedProblem:
    """A link that must be listed under ``kind`` with ``words`` in its reason."""

    url: str
    kind: str
    words: str
    features: frozenset[str]


@dataclass(frozen=True)
class Truth:
    """Everything a crawl of one site must produce."""

    seed: int
    posts: tuple[ExpectedPost, ...]
    problems: tuple[ExpectedProblem, ...]

    def copy_urls(self) -> dict[str, ExpectedPost]:
        """Return every URL that may be dropped as a duplicate, with its story's post."""
        return {url: post for post in self.posts for url in post.urls | post.copies}

    def features_of(self) -> dict[str, frozenset[str]]:
        """Return the features of every URL the truth knows (a story's, a bad link's)."""
        features = {url: post.features for url, post in self.copy_urls().items()}
        features.update({problem.url: problem.features for problem in self.problems})
        return features

    def post_by_title(self) -> dict[str, ExpectedPost]:
        """Return the expected posts by title (titles are unique on a site)."""
        return {post.title: post for post in self.posts}


def how_reached(site: Site) -> dict[str, set[str]]:
    """Return the features of the way each link path is reached (listing page style, feed, sitemap)."""
    reached: dict[str, set[str]] = {}
    for listing in site.listings:
        for index, (_, links) in enumerate(listing.pages):
            via = {"listing"} | ({listing.style} if index else set())
            via |= {"big-listing"} if listing.padding else set()
            for link in links:
                reached.setdefault(link, set()).update(via)
    for link in site.feed:
        reached.setdefault(link, set()).add("feed")
    sitemap_via = {"sitemap"} | ({site.sitemap_style} if site.sitemap_style != "plain" else set())
    sitemap_via |= {"big-sitemap"} if site.sitemap_padding else set()
    for link in site.sitemap:
        reached.setdefault(link, set()).update(sitemap_via)
    twice = [link for link in site.feed + site.sitemap if (site.feed + site.sitemap).count(link) > 1]
    for link in twice:
        reached[link].add("twice-same-url")
    return reached


def expected(site: Site) -> Truth:
    """Return the truth of ``site``."""
    reached = how_reached(site)
    site_wide = {f for f in ("recheck", "etag", "last-modified", "small-queue", "flaky-entry", "direct")
                 if f in site.features} | ({"mirror"} if not site.direct else set())  # fetched through a mirror
    posts = []
    for story in site.stories:
        via = set().union(*(reached.get(link, set()) for link in story.links))
        urls = frozenset(site.url(p) for p in [story.path, *story.aliases])
        copies = frozenset(site.url(p) for p in story.redirects)
        # A correction is announced by a re-check, a sitemap's lastmod or a feed's date; a listing says nothing.
        told = site.recheck or any(link in site.sitemap or link in site.feed for link in story.links)
        correction = "none" if not story.edit else "must" if told else "may"
        posts.append(ExpectedPost(story=story, urls=urls, copies=copies,
                                  features=frozenset(story.features | via | site_wide), correction=correction))
    problems = [ExpectedProblem(url=site.url(bad.path), kind=bad.kind, words=bad.words,
                                features=frozenset(bad.features | reached.get(bad.path, set())))
                for bad in site.bad]
    return Truth(seed=site.seed, posts=tuple(posts), problems=tuple(problems))
