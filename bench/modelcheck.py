"""Model-based crawl check: crawl many random sites with known truth and print every difference.

Usage: python bench/modelcheck.py --sites N [--seed S] [--redis] [--no-local] [--jobs J]
                                  [--timeout SECONDS] [--only FEATURE,…] [--without FEATURE,…] [--keep DIR]

Each seed is one generated newspaper (tests/model/site.py) served on
127.0.0.1 and crawled twice with the ``newscrawl`` command: in one process,
and with ``--redis`` also as a writer and a worker on a redis-server of our
own. Every finding is printed as it comes (seed, how it was crawled, which
crawl, the features of the story or link concerned, expected vs got); the
end groups them by kind with their count, the seeds showing them (the
smallest site first: the one to reproduce with), and the features every
occurrence shares. Exits 1 when anything was found.

Reproduce one seed: ``python bench/modelcheck.py --sites 1 --seed 17 --keep /tmp/m17``
(the archive, summaries and logs of each crawl stay in /tmp/m17/<seed>/).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.model.check import TIMEOUT, Finding, check_site  # noqa: E402
from tests.model.runs import redis_server  # noqa: E402
from tests.model.site import FEATURES, generate_site  # noqa: E402


def site_size(seed: int, only) -> int:
    """Return how many stories and bad links the site of ``seed`` has (smaller reproduces faster)."""
    site = generate_site(seed, only)
    return len(site.stories) + len(site.bad)


def shape(finding: Finding) -> str:
    """Return what a crawl did, with URLs, paths and numbers blanked (findings of one kind share it)."""
    got = finding.got.split(";")[0] if finding.problem == "did not end" else finding.got
    text = re.sub(r"https?://\S+", "URL", got)
    text = re.sub(r"_posts/\S+", "POST", text)
    text = re.sub(r"[0-9a-f]{12}|\d+", "N", text)
    return text[:80]


def report(findings: list[Finding], only) -> None:
    """Print the findings grouped by (how crawled, which crawl, problem, what the crawl did)."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.mode, finding.crawl, finding.problem, shape(finding))].append(finding)
    print(f"\n{len(findings)} findings in {len(groups)} kinds")
    for (mode, crawl, problem, got), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        seeds = sorted({f.seed for f in items}, key=lambda s: (site_size(s, only), s))
        shared = frozenset.intersection(*(f.features for f in items)) if items else frozenset()
        tally: dict[str, int] = defaultdict(int)
        for finding in items:
            for feature in finding.features:
                tally[feature] += 1
        common = ", ".join(f"{name} {n}" for name, n in sorted(tally.items(), key=lambda kv: -kv[1])[:6])
        print(f"- {mode} crawl {crawl}: {problem}: got {got!r}: {len(items)} in {len(seeds)} sites; "
              f"smallest seed {seeds[0]}; seeds {seeds[:8]}")
        print(f"    every one has: [{', '.join(sorted(shared))}]; most common: {common}")
        example = min(items, key=lambda f: (site_size(f.seed, only), f.seed))
        print(f"    e.g. {example.line()}")


def main(argv: list[str] | None = None) -> int:
    """Check ``--sites`` seeds; return 1 when anything was found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=10, help="how many sites (seeds) to check")
    parser.add_argument("--seed", type=int, default=0, help="the first seed")
    parser.add_argument("--redis", action="store_true", help="also crawl each site as a writer and a worker on Redis")
    parser.add_argument("--no-local", action="store_true", help="skip the crawls in one process")
    parser.add_argument("--jobs", type=int, default=1, help="sites checked at once")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a crawl 'did not end'")
    parser.add_argument("--only", default="", help="comma-separated features the sites may use (default: all)")
    parser.add_argument("--without", default="", help="comma-separated features the sites must not use")
    parser.add_argument("--keep", type=Path, help="keep each site's crawls in this folder")
    args = parser.parse_args(argv)
    only = frozenset(filter(None, args.only.split(","))) or None
    without = frozenset(filter(None, args.without.split(",")))
    for name, given in (("--only", only or frozenset()), ("--without", without)):
        if given - FEATURES:
            parser.error(f"{name}: unknown features {sorted(given - FEATURES)}; known: {', '.join(sorted(FEATURES))}")
    if without:
        only = (only or FEATURES) - without
    work = args.keep or Path(tempfile.mkdtemp(prefix="modelcheck-"))
    findings: list[Finding] = []
    started = time.monotonic()
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server()) if args.redis else None

        def one(seed: int) -> list[Finding]:
            folder = work / str(seed)
            shutil.rmtree(folder, ignore_errors=True)
            try:
                return check_site(seed, folder, redis_url=redis_url, only=only, local=not args.no_local,
                                  timeout=args.timeout)
            finally:
                if args.keep is None:
                    shutil.rmtree(folder, ignore_errors=True)

        seeds = range(args.seed, args.seed + args.sites)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(one, seed): seed for seed in seeds}
            for done, future in enumerate(as_completed(futures), 1):
                found = future.result()
                findings += found
                for finding in found:
                    print(finding.line(), flush=True)
                print(f"[{done}/{len(seeds)}] seed {futures[future]}: {len(found)} findings "
                      f"({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    report(findings, only)
    print(f"{len(findings)} findings in {args.sites} sites ({time.monotonic() - started:.0f} s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
