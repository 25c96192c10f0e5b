"""Measure newscrawl's CPU per article and throughput against Scrapy alone, on a local newspaper served by nginx.

Usage: python bench/throughput.py [--sizes 1000,5000,20000] [--sets zh-news] [--redis-size 5000]
       [--compare LABEL=DIR ...] [--rounds K] [--no-rerun] [--no-ledger] [--peers]

For each size N it builds a site of N distinct stories from ../shared/corpus
pages (bench/sitebuild.py, in a temporary folder), serves it with nginx, and
measures in one run (bench/scrapy_only.py for the yardsticks):
  (a) bare Scrapy fetching the same article URLs with a no-op callback,
  (f) Scrapy parsing each page with lxml and nothing else: the parse floor,
  (b) ``newscrawl crawl`` end to end (sitemap -> posts and state, pictures linked,
      not fetched: bench/pictures.py measures those), with the same concurrency settings,
  (t) with ``--peers``, Scrapy running trafilatura in its callback (when installed); then
  (c) at --redis-size: one writer alone (``crawl --redis``) against a writer
      plus one worker, on a redis-server of its own,
  (d) at the largest N: an incremental re-run with 1% new stories over that
      archive, against crawling only those stories into an empty archive.
With ``--compare LABEL=DIR`` (e.g. a checkout of the commit before a change),
(b) is also measured with the code in DIR, on the same pages in the same run;
``--rounds K`` measures each code K times, in turn, so that a machine's load
weighs on both alike.
CPU time counts every process of a run, through a cgroup made for it
(bench/cpugroup.py; /proc samples where none can be made): the crawl, its
fork server and the workers. It prints pages/s, CPU ms per page and its ratio
to the parse floor, nginx's CPU, peak RSS (process tree) and wall times; then,
unless ``--no-ledger``, (b) once more per code with a CPU ledger in each of its
processes (bench/cpuledger.py), and the CPU ms per page of each component.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cpuledger  # noqa: E402
import sitebuild  # noqa: E402
from cpugroup import Run, measure as measure_in  # noqa: E402

# The same for every run: no politeness delay on a local server, robots.txt not asked.
CRAWL_SETTINGS = {
    "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "CONCURRENT_ITEMS": 16,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0, "ROBOTSTXT_OBEY": False, "LOG_LEVEL": "WARNING",
}
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
YARDSTICKS = {"bare": "(a) bare Scrapy", "parse": "(f) Scrapy + lxml parse (floor)",
              "trafilatura": "(t) Scrapy + trafilatura"}


def measure(cmd: list[str], nginx: sitebuild.Nginx | None = None, code: Path = ROOT,
            ledger: Path | None = None) -> Run:
    """Run ``cmd`` with the newscrawl in folder ``code`` and return what it cost, every process counted.

    ``ledger``: keep a CPU ledger in each process of the run, written into that folder.
    """
    env = {**ENV, "PYTHONPATH": str(code)}
    if ledger is not None:
        env.update(PYTHONPATH=os.pathsep.join([str(code), str(cpuledger.SITE)]), **{cpuledger.ENV: str(ledger)})
    return measure_in(cmd, nginx, code, env)


def settings_args(extra: dict | None = None) -> list[str]:
    """Return ``-s NAME=VALUE`` arguments for the crawl settings."""
    return [a for k, v in {**CRAWL_SETTINGS, **(extra or {})}.items() for a in ("-s", f"{k}={v}")]


def yardstick_cmd(kind: str, url_file: Path) -> list[str]:
    """Return the command of Scrapy alone over the URLs in ``url_file`` (``kind``: see bench/scrapy_only.py)."""
    return [sys.executable, str(ROOT / "bench" / "scrapy_only.py"), kind, str(url_file), json.dumps(CRAWL_SETTINGS)]


def crawl_cmd(profiles: Path, out: Path, *extra: str) -> list[str]:
    """Return the command of ``newscrawl crawl bench`` into ``out`` (pictures linked, not fetched)."""
    return [sys.executable, "-m", "newscrawl", "crawl", "bench", "--profiles-dir", str(profiles),
            "--out", str(out), "-q", "--images", "link", *settings_args(), *extra]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def row(*cells) -> str:
    """Return a markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def run_row(n: int, what: str, run: Run, floor: Run | None) -> str:
    """Return the table row of one run over ``n`` pages; its CPU against the parse floor's."""
    ratio = f"{run.cpu / floor.cpu:.2f}" if floor is not None else ""
    return row(n, what, f"{n / run.wall:.0f}", f"{run.cpu / n * 1000:.2f}", ratio,
               f"{run.nginx_cpu / n * 1000:.2f}", f"{run.peak_rss_mb:.0f} / {run.peak_tree_mb:.0f}",
               f"{run.wall:.1f}", run.how)


def main(argv: list[str] | None = None) -> int:
    """Build the sites, run the measurements, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="numbers of stories, comma-separated")
    parser.add_argument("--sets", default="zh-news", help="corpus sets the pages come from")
    parser.add_argument("--redis-size", type=int, default=5000, help="N of the writer/worker comparison (0: skip)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and leave it (default: a temporary folder)")
    parser.add_argument("--compare", metavar="LABEL=DIR", action="append", default=[],
                        help="also measure (b) with the newscrawl code in DIR (repeatable)")
    parser.add_argument("--rounds", type=int, default=1, help="measure (b) this many times per code, in turn")
    parser.add_argument("--no-rerun", dest="rerun", action="store_false", help="skip (d), the incremental re-run")
    parser.add_argument("--no-ledger", dest="ledger", action="store_false",
                        help="skip the CPU of each component (a run of (b) per code with a ledger)")
    parser.add_argument("--peers", action="store_true", help="also measure Scrapy + trafilatura (t)")
    args = parser.parse_args(argv)
    if not sitebuild.CORPUS.is_dir():
        print(f"corpus not found at {sitebuild.CORPUS}: the bench builds its pages from it", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    codes = {"": ROOT}
    for spec in args.compare:
        label, sep, folder = spec.partition("=")
        if not sep or not (Path(folder) / "newscrawl" / "__init__.py").is_file():
            print(f"--compare {spec}: give LABEL=DIR, DIR holding a newscrawl package", file=sys.stderr)
            return 2
        codes[label] = Path(folder).resolve()
    if len(codes) > 1:
        codes = {"this": ROOT, **{k: v for k, v in codes.items() if k}}
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newscrawl-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)
    try:
        return run_bench(work, sizes, args.sets.split(","), args.redis_size, codes, args.rounds, args.rerun,
                         args.ledger, args.peers)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_bench(work: Path, sizes: list[int], sets: list[str], redis_size: int, codes: dict[str, Path],
              rounds: int = 1, rerun: bool = True, ledger: bool = True, peers: bool = False) -> int:
    """Run every measurement in ``work`` (b with each code of ``codes``, ``rounds`` times); print the tables."""
    templates = sitebuild.load_templates(sets)
    print(f"{len(templates)} template pages from {', '.join(sets)}; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    extraction_rate(templates)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site, profiles = work / "site", work / "profiles"
    sitebuild.write_profile(profiles, base)
    kinds = ["bare", "parse"] + (["trafilatura"] if peers and _installed("trafilatura") else [])
    built = 0
    with sitebuild.Nginx(site, port, work / "nginx") as nginx:
        for n in sizes:
            print(row("N", "run", "pages/s", "CPU ms/page", "× parse floor", "nginx CPU ms/page",
                      "peak MB: RSS / all processes (PSS)", "wall s", "CPU counted by"))
            print(row(*["---"] * 9), flush=True)
            sitebuild.write_site(site, templates, range(built, n), base)
            sitebuild.write_sitemap(site, range(n), base)
            built = max(built, n)
            urls = work / f"urls-{n}.txt"
            urls.write_text("\n".join(sitebuild.article_url(base, i) for i in range(n)))
            yardsticks = {kind: measure(yardstick_cmd(kind, urls), nginx).check(YARDSTICKS[kind]) for kind in kinds}
            floor = yardsticks["parse"]
            for kind, run in yardsticks.items():
                print(run_row(n, YARDSTICKS[kind], run, floor), flush=True)
            for turn in range(rounds):
                for label, code in codes.items():
                    archive = work / f"archive-{n}" if turn == 0 and label in ("", "this") else \
                        work / f"archive-{n}-{label}-{turn}"
                    ours = measure(crawl_cmd(profiles, archive), nginx, code).check(f"newscrawl {label}")
                    print(run_row(n, f"(b) newscrawl{f' [{label}]' if label else ''}", ours, floor), flush=True)
            if ledger:
                print_components(n, {label or "this": ledger_run(work, n, profiles, label, code, nginx)
                                     for label, code in codes.items()})
        if redis_size:
            from redis_compare import compare_writers
            compare_writers(work, site, base, redis_size, nginx)
        if rerun:
            from rerun import incremental_rerun
            incremental_rerun(work, templates, site, base, max(sizes), nginx)
    return 0


def _installed(module: str) -> bool:
    """Return True when ``module`` can be imported here; else say that its run is left out."""
    import importlib.util

    if importlib.util.find_spec(module) is not None:
        return True
    print(f"({module} is not installed: its run is left out; pip install -r requirements-bench.txt)")
    return False


def ledger_run(work: Path, n: int, profiles: Path, label: str, code: Path, nginx) -> tuple[dict, Run]:
    """Crawl the ``n`` pages once more with the code in ``code``, a CPU ledger in each process.

    Return CPU seconds per (component, process) and the run.
    """
    folder = work / f"ledger-{n}-{label or 'this'}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    archive = work / f"archive-{n}-ledger-{label or 'this'}"
    run = measure(crawl_cmd(profiles, archive), nginx, code, ledger=folder).check(f"newscrawl {label} (ledger)")
    return cpuledger.read_ledgers(folder), run


def print_components(n: int, ledgers: dict[str, tuple[dict, Run]]) -> None:
    """Print the CPU ms per page of each component, one column per code."""
    names = list(ledgers)
    print()
    print(row("component", "process", *[f"CPU ms/page [{name}]" for name in names]))
    print(row(*["---"] * (2 + len(names))))
    keys = sorted({key for labels, _ in ledgers.values() for key in labels},
                  key=lambda key: -ledgers[names[0]][0].get(key, 0.0))
    for key in keys:
        figures = [ledgers[name][0].get(key, 0.0) / n * 1000 for name in names]
        if max(figures) >= 0.005:
            print(row(key[0], key[1], *[f"{figure:.2f}" for figure in figures]))
    seen = {name: sum(labels.values()) for name, (labels, _) in ledgers.items()}
    print(row("**sum of the ledgers**", "all", *[f"{seen[name] / n * 1000:.2f}" for name in names]))
    print(row("no ledger saw it (process start and exit, fork server's loop)", "all",
              *[f"{(run.cpu - seen[name]) / n * 1000:.2f}" for name, (_, run) in ledgers.items()]))
    print(row(f"**whole crawl ({ledgers[names[0]][1].how})**", "all",
              *[f"{run.cpu / n * 1000:.2f}" for _, run in ledgers.values()]))
    print(flush=True)


def extraction_rate(templates) -> None:
    """Print how many pages/s extraction alone reaches in one process (CPU time)."""
    from newscrawl.extract import extract_article

    pages = [t.story(i) for i, t in enumerate(templates)]
    started = time.process_time()
    for rounds in range(3):
        for i, page in enumerate(pages):
            extract_article(page, sitebuild.article_url("http://bench.test/", i))
    cpu = time.process_time() - started
    print(f"extraction alone: {3 * len(pages) / cpu:.0f} pages/s per process (CPU), "
          f"{sum(map(len, pages)) / len(pages) / 1024:.0f} KB a page on average", flush=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))
    sys.exit(main())
