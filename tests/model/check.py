"""Crawl a generated site twice (in one process, and on Redis) and compare the archive with the truth.

:func:`check_site` is the whole check of one seed; it returns the findings,
each naming the seed, how it was crawled, which crawl, what was expected and
what the crawl did, with the features of the story or link concerned.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.helpers import read_post, snapshot
from tests.localsite import serving
from tests.model import pages, runs
from tests.model.server import ModelServer
from tests.model.site import generate_site
from tests.model.truth import Truth, expected

TIMEOUT = 120  # seconds a crawl may take before it "did not end"
REDIS_PACE = 0.2  # seconds each article page takes on Redis, so that the worker gets its share


@dataclass(frozen=True)
class Finding:
    """One way a crawl differed from the truth."""

    seed: int
    mode: str  # "local" (one process) or "redis" (a writer and a worker)
    crawl: int  # 1: the first crawl, 2: the re-crawl
    problem: str  # what kind of difference ("no post", "did not end" …)
    features: frozenset[str]
    expected: str
    got: str

    def line(self) -> str:
        """Return the finding as one line for people."""
        return (f"seed {self.seed} {self.mode} crawl {self.crawl}: {self.problem} "
                f"[{', '.join(sorted(self.features))}] expected {self.expected}; got {self.got}")


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
            outcome = _outcome(run.summary, want.urls | want.copies)
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


def _outcome(summary: dict, urls) -> str | None:
    """Return what the summary says of any of ``urls`` (kind and reason), or None."""
    for kind in ("created", "updated", "unchanged", "dropped", "failed"):
        for entry in summary.get(kind, []):
            if entry.get("url") in urls:
                return f"{kind}: {entry.get('reason') or entry.get('path')}"
    return None


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


def compare_second(truth: Truth, first: runs.Run, second: runs.Run, before: dict, after: dict) -> list[tuple]:
    """Return the differences of a re-crawl: it may re-check, and report the same failures, nothing else."""
    found = []
    features = truth.features_of()
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    if changed:
        found.append(("archive changed", frozenset(), "no file changed", ", ".join(changed[:4])))
    for kind in ("created", "updated", "dropped"):
        for entry in second.summary.get(kind, []):
            found.append((f"{kind} again", features.get(entry["url"], frozenset()), f"nothing {kind}",
                          f"{entry['url']}: {entry.get('reason') or entry.get('path')}"))
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


def check_run_ended(run: runs.Run, timeout: float, features: frozenset[str]) -> list[tuple]:
    """Return a finding for a run that did not end by itself, or ended with a status other than 0.

    ``features`` are the site's: which of them stalls a run is for the reader to narrow down (``--only``).
    """
    if not run.ended:
        who = "the crawl" if run.status is None else "the worker"
        tail = (run.stderr if run.status is None else run.worker_stderr).strip().splitlines()[-2:]
        return [("did not end", features, f"{who} ends by itself", f"killed after {timeout:g} s; {' | '.join(tail)}")]
    found = []
    if run.status != 0:
        tail = " | ".join(run.stderr.strip().splitlines()[-3:])
        found.append(("exit status", features, "0", f"{run.status}: {tail}"))
    if run.worker and run.worker_status != 0:
        tail = " | ".join(run.worker_stderr.strip().splitlines()[-3:])
        found.append(("worker exit status", features, "0", f"{run.worker_status}: {tail}"))
    return found


def check_site(seed: int, work: Path, *, redis_url: str | None = None, only: frozenset[str] | None = None,
               local: bool = True, timeout: float = TIMEOUT) -> list[Finding]:
    """Crawl the site of ``seed`` twice per way (one process; Redis when ``redis_url``); return the findings."""
    site = generate_site(seed, only)
    findings: list[Finding] = []
    for mode in (["local"] if local else []) + (["redis"] if redis_url else []):
        folder = work / mode
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / "archive"

        settings = {"NEWSCRAWL_PENDING_REQUESTS": str(site.pending)} if site.pending else {}

        def crawl(tag: str, base_url: str | None) -> runs.Run:
            if mode == "local":
                return runs.crawl_local(site.slug, profiles, out, base_url, timeout, tag, settings)
            return runs.crawl_redis(site.slug, profiles, out, base_url, timeout, tag, redis_url, f"m{seed}",
                                    settings)

        if mode == "redis":
            runs.clear_keys(redis_url, f"m{seed}")
        with serving(ModelServer(site, pace=REDIS_PACE if mode == "redis" else 0.0)) as server:
            truth = expected(site)  # a site without a mirror is named by its server's address
            profiles = pages.write_profile(site, folder / "profiles").parent
            mirror = None if site.direct else server.base_url
            first = crawl("crawl1", mirror)
            diffs = [(1, d) for d in check_run_ended(first, timeout, frozenset(site.features))]
            if first.ended:
                diffs += [(1, d) for d in compare_first(truth, read_archive(out), first)]
                before = snapshot(out)
                second = crawl("crawl2", mirror)
                diffs += [(2, d) for d in check_run_ended(second, timeout, frozenset(site.features))]
                if second.ended:
                    diffs += [(2, d) for d in compare_second(truth, first, second, before, snapshot(out))]
        findings += [Finding(seed, mode, n, *d) for n, d in diffs]
    return findings
