"""Compare a crawl's archive and summary with the truth of its site.

:func:`compare_first` judges a first crawl into an empty archive;
:func:`compare_second` the re-crawl after the site published its
corrections. Each returns its differences as ``(problem, features,
expected, got)``; :mod:`tests.model.check` turns them into findings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.helpers import read_post
from tests.model import pages, runs
from tests.model.truth import Truth


@dataclass(frozen=True)
class Post:
    """A post as read back from the archive."""

    name: str
    title: str
    published: datetime | str | None
    url: str | None
    paragraphs: tuple[str, ...]


def read_archive(out: Path) -> list[Post]:
    """Return every post under ``out/_posts``, parsed back (front matter and body paragraphs)."""
    posts = []
    for path in sorted((out / "_posts").glob("*.md")):
        front, body = read_post(path)
        paragraphs = tuple(html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
                           for p in re.findall(r"<p>(.*?)</p>", body, re.S))
        posts.append(Post(path.name, str(front.get("title")), _date(front.get("date")),
                          front.get("original_url"), paragraphs))
    return posts


def _date(value) -> datetime | str | None:
    """Return a front matter date as an aware datetime when it is one (YAML may leave it a string)."""
    if isinstance(value, datetime):
        return value
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(str(value), pattern)
        except ValueError:
            pass
    return None if value is None else str(value)


def compare_first(truth: Truth, posts: list[Post], run: runs.Run) -> list[tuple[str, frozenset, str, str]]:
    """Return the differences of a first crawl: (problem, features, expected, got)."""
    found = []
    by_title: dict[str, list[Post]] = {}
    for post in posts:
        by_title.setdefault(post.title, []).append(post)
    for want in truth.posts:
        got = by_title.pop(want.title, [])
        if not got:
            outcome = _outcome(run.summary, want.urls, want.copies)
            found.append(("no post", want.features, f"a post of {want.story.path}", outcome or "no outcome at all"))
            continue
        if len(got) > 1:
            found.append(("two posts", want.features, f"one post of {want.story.path}",
                          ", ".join(p.name for p in got)))
        post = got[0]
        if post.url not in want.urls:
            found.append(("wrong url", want.features, " or ".join(sorted(want.urls)), str(post.url)))
        if post.published != want.published:
            found.append(("wrong date", want.features, f"{want.published:%Y-%m-%d %H:%M %z} ({pages.date_line(want.story)})",
                          str(post.published)))
        if not post.name.startswith(want.day):
            found.append(("wrong file day", want.features, want.day, post.name))
        if list(post.paragraphs) != want.story.paragraphs:
            found.append(("wrong body", want.features, repr(want.story.paragraphs[0][:30]),
                          repr([p[:30] for p in post.paragraphs][:3])))
    for title, extra in by_title.items():
        found.append(("unexpected post", frozenset(), "no post", f"{extra[0].name} ({title[:40]}, {extra[0].url})"))
    lost = {want.title for want in truth.posts} - {post.title for post in posts}
    found += _compare_problems(truth, run.summary, lost)
    created = {entry.get("path", "").rsplit("/", 1)[-1] for entry in run.summary.get("created", [])}
    on_disk = {post.name for post in posts}
    if created != on_disk and run.summary:
        found.append(("summary disagrees with archive", frozenset(), "created = posts on disk",
                      f"created only: {sorted(created - on_disk)[:3]}, on disk only: {sorted(on_disk - created)[:3]}"))
    return found


def _outcome(summary: dict, urls, copies=frozenset()) -> str | None:
    """Return what the summary says of ``urls`` (then of ``copies``): kinds and reasons, or None."""
    said = [f"{kind}: {entry.get('reason') or entry.get('path')}" for group in (urls, copies)
            for kind in ("created", "updated", "unchanged", "dropped", "failed")
            for entry in summary.get(kind, []) if entry.get("url") in group]
    return "; ".join(said) or None


def _compare_problems(truth: Truth, summary: dict, lost: set[str]) -> list[tuple[str, frozenset, str, str]]:
    """Return bad links not reported as expected, problems reported for what should be posts, and URLs listed twice.

    A problem reported for a story that has no post is left out: its "no post" finding names it.
    """
    found = []
    features = truth.features_of()
    entries: dict[str, list[tuple[str, str]]] = {}
    for kind in ("created", "updated", "unchanged", "dropped", "failed"):
        for entry in summary.get(kind, []):
            entries.setdefault(entry["url"], []).append((kind, entry.get("reason") or entry.get("path", "")))
    for url, outcomes in entries.items():
        if len(outcomes) > 1:
            found.append(("listed twice", features.get(url, frozenset()), "one outcome per URL",
                          f"{url}: " + "; ".join(f"{kind}: {why}" for kind, why in outcomes)))
    for want in truth.problems:
        reasons = [why for kind, why in entries.pop(want.url, []) if kind == want.kind]
        if not reasons:
            outcome = _outcome(summary, {want.url})
            found.append(("not reported", want.features, f"{want.kind}: {want.words} for {want.url}",
                          outcome or "no outcome at all"))
        elif not any(want.words in why for why in reasons):
            found.append(("wrong reason", want.features, f"{want.kind}: {want.words}", "; ".join(reasons)))
    copies = truth.copy_urls()
    for url, outcomes in entries.items():
        post = copies.get(url)
        for kind, reason in outcomes:
            if kind not in ("dropped", "failed"):
                continue
            if post is not None and (post.title in lost or (kind == "dropped" and "duplicate" in reason)):
                continue  # a second copy of a story, dropped as such (or a lost story, reported as such)
            found.append((f"unexpected {kind}", features.get(url, frozenset()), "a post (or nothing)",
                          f"{url}: {reason}"))
    return found


def compare_second(truth: Truth, first: runs.Run, second: runs.Run, before: dict, after: dict,
                   posts_before: list[Post], posts: list[Post]) -> list[tuple]:
    """Return the differences of a re-crawl after the corrections: they reach their posts, nothing else changes.

    ``truth`` is the site's after its corrections; ``posts_before`` and ``posts`` the archive before
    and after the re-crawl.
    """
    found = []
    features = truth.features_of()
    corrected = {post.title for post in truth.posts if post.correction != "none"}
    may_change = {post.name for post in posts_before if post.title in corrected}  # the corrected stories' posts
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name)
                     and name.rsplit("/", 1)[-1] not in may_change)
    if changed:
        found.append(("archive changed", frozenset(), "no file changed",
                      f"{len(changed)} files: " + ", ".join(changed[:4]) + (" …" if len(changed) > 4 else "")))
    corrected_urls = {url for post in truth.posts if post.correction != "none" for url in post.urls | post.copies}
    for kind in ("created", "updated", "dropped"):
        for entry in second.summary.get(kind, []):
            if kind in ("updated", "dropped") and entry["url"] in corrected_urls:
                continue  # a correction is fetched again: its post is updated, or its page dropped once more
            found.append((f"{kind} again", features.get(entry["url"], frozenset()), f"nothing {kind}",
                          f"{entry['url']}: {entry.get('reason') or entry.get('path')}"))
    found += _compare_corrections(truth, second, posts)
    found += _compare_kept(truth, posts_before, posts)
    failed_before = {e["url"]: e.get("reason") for e in first.summary.get("failed", [])}
    failed_now = {e["url"]: e.get("reason") for e in second.summary.get("failed", [])}
    for url, reason in failed_now.items():
        if url not in failed_before:
            found.append(("failed again", features.get(url, frozenset()), "only failures of the first crawl",
                          f"{url}: {reason}"))
    # A failure may work next time: one a feed or sitemap still lists is fetched and reported again
    # (a listing may stop paging at archived stories before reaching it).
    for want in truth.problems:
        if want.kind == "failed" and want.features & {"feed", "sitemap"} and want.url not in failed_now:
            found.append(("failure not tried again", want.features, f"failed: {want.words} for {want.url}",
                          _outcome(second.summary, {want.url}) or "not fetched, no outcome"))
    return found


def _by_title(posts: list[Post]) -> dict[str, list[Post]]:
    found: dict[str, list[Post]] = {}
    for post in posts:
        found.setdefault(post.title, []).append(post)
    return found


def _compare_kept(truth: Truth, posts_before: list[Post], posts: list[Post]) -> list[tuple]:
    """Return stories whose one post the re-crawl took away (overwritten by another) or doubled."""
    found = []
    before, after = _by_title(posts_before), _by_title(posts)
    for want in truth.posts:
        had, has = len(before.get(want.title, [])), after.get(want.title, [])
        if had == 1 and not has:
            found.append(("post lost in the re-crawl", want.features, f"{before[want.title][0].name} kept",
                          "no post of the story any more (another story's text in its file?)"))
        elif len(has) > max(had, 1):
            found.append(("second post in the re-crawl", want.features, "one post",
                          ", ".join(p.name for p in has)))
    return found


def _compare_corrections(truth: Truth, second: runs.Run, posts: list[Post]) -> list[tuple]:
    """Return corrections that should have reached their one post and did not."""
    found = []
    by_title = _by_title(posts)
    updated = {entry["url"] for entry in second.summary.get("updated", [])}
    for want in truth.posts:
        if want.correction == "none":
            continue
        got = by_title.get(want.title, [])
        if want.correction == "must" and got and list(got[0].paragraphs) != want.story.paragraphs:
            found.append(("correction missed", want.features, f"the post of {want.story.path} with its correction",
                          f"{got[0].name} unchanged; summary: {_outcome(second.summary, want.urls | want.copies)}"))
        elif want.correction == "must" and got and not updated & (want.urls | want.copies):
            found.append(("correction not listed", want.features, "updated in the summary",
                          _outcome(second.summary, want.urls | want.copies) or "no outcome"))
    return found


def compare_rechecks(truth: Truth, validators: frozenset[str], asked: dict[str, int], unchanged: dict[str, int],
                     posts: list[Post]) -> list[tuple]:
    """Return re-checks of unchanged pages that were not answered 304: the request was not conditional.

    ``asked`` and ``unchanged`` count the re-crawl's requests and 304s by path. Only stories
    archived under their own URL, with no copy, count (the state knows their validators).
    """
    if not validators:
        return []
    found = []
    archived = {post.url for post in posts}
    for want in truth.posts:
        story = want.story
        own = next(iter(u for u in want.urls if u.endswith(story.path.lstrip("/"))), None)
        if story.edit or story.aliases or story.redirects or own not in archived:
            continue
        if asked.get(story.path) and not unchanged.get(story.path):
            found.append(("re-check not conditional", want.features, f"304 to the re-check of {story.path}",
                          f"{asked[story.path]} requests, each answered 200"))
    return found
