"""Crawl a generated site twice (in one process, and on Redis) and compare the archive with the truth.

:func:`check_site` is the whole check of one seed; it returns the findings,
each naming the seed, how it was crawled, which crawl, what was expected and
what the crawl did, with the features of the story or link concerned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.helpers import snapshot
from tests.localsite import serving
from tests.model import pages, runs
from tests.model.compare import compare_first, compare_rechecks, compare_second, read_archive
from tests.model.server import ModelServer
from tests.model.site import generate_site
from tests.model.truth import expected

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
    findings: list[Finding] = []
    for mode in (["local"] if local else []) + (["redis"] if redis_url else []):
        diffs = _check_mode(seed, work / mode, only, timeout, redis_url if mode == "redis" else None)
        findings += [Finding(seed, mode, n, *d) for n, d in diffs]
    return findings


def _check_mode(seed: int, folder: Path, only: frozenset[str] | None, timeout: float,
                redis_url: str | None) -> list[tuple]:
    """Crawl a fresh copy of the site twice one way (corrections published between); return (crawl, diff)s."""
    site = generate_site(seed, only)  # a fresh copy: the corrections below change it
    features = frozenset(site.features)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "archive"
    settings = {"NEWSCRAWL_PENDING_REQUESTS": str(site.pending)} if site.pending else {}
    if redis_url:
        runs.clear_keys(redis_url, f"m{seed}")
    with serving(ModelServer(site, pace=REDIS_PACE if redis_url else 0.0)) as server:
        profiles = pages.write_profile(site, folder / "profiles").parent  # after the server: it may name it
        mirror = None if site.direct else server.base_url

        def crawl(tag: str) -> runs.Run:
            if redis_url is None:
                return runs.crawl_local(site.slug, profiles, out, mirror, timeout, tag, settings)
            return runs.crawl_redis(site.slug, profiles, out, mirror, timeout, tag, redis_url, f"m{seed}", settings)

        truth = expected(site)
        first = crawl("crawl1")
        diffs = [(1, d) for d in check_run_ended(first, timeout, features)]
        if not first.ended:
            return diffs
        diffs += [(1, d) for d in compare_first(truth, read_archive(out), first)]
        before, posts = snapshot(out), read_archive(out)
        server.publish_corrections()
        hits, not_modified = dict(server.hits), dict(server.not_modified)
        second = crawl("crawl2")
        diffs += [(2, d) for d in check_run_ended(second, timeout, features)]
        if second.ended:
            diffs += [(2, d) for d in compare_second(expected(site), first, second, before, snapshot(out),
                                                     posts, read_archive(out))]
        if second.ended and redis_url is None:  # a worker's re-check is a plain request (README)
            asked = {path: n - hits.get(path, 0) for path, n in server.hits.items()}
            answered = {path: n - not_modified.get(path, 0) for path, n in server.not_modified.items()}
            diffs += [(2, d) for d in compare_rechecks(truth, site.validators, asked, answered, posts)]
    return diffs
