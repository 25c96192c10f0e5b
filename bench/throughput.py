"""Measure newscrawl's throughput against bare Scrapy on a local newspaper served by nginx.

Usage: python bench/throughput.py [--sizes 1000,5000,20000] [--sets zh-news] [--redis-size 5000]
       [--compare LABEL=DIR ...] [--rounds K] [--no-rerun]

For each size N it builds a site of N distinct stories from ../shared/corpus
pages (bench/sitebuild.py, in a temporary folder), serves it with nginx, and
measures in one run:
  (a) bare Scrapy fetching the same article URLs with a no-op callback,
  (b) ``newscrawl crawl`` end to end (sitemap -> posts and state),
  with the same concurrency settings; then
  (c) at --redis-size: one writer alone (``crawl --redis``) against a writer
      plus one worker, on a redis-server of its own,
  (d) at the largest N: an incremental re-run with 1% new stories over that
      archive, against crawling only those stories into an empty archive.
With ``--compare LABEL=DIR`` (e.g. a checkout of the commit before a change),
(b) is also measured with the code in DIR, on the same pages in the same run;
``--rounds K`` measures each code K times, in turn, so that a machine's load
weighs on both alike.
It prints pages/s, the ratio b/a, CPU ms per page of bare Scrapy, of our part
(newscrawl minus bare) and of nginx, peak RSS (process tree) and wall times.
Every process is a subprocess: CPU time includes the extraction pool's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sitebuild  # noqa: E402

# The same for (a) and (b): no politeness delay on a local server, robots.txt not asked.
CRAWL_SETTINGS = {
    "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "CONCURRENT_ITEMS": 16,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0, "ROBOTSTXT_OBEY": False, "LOG_LEVEL": "WARNING",
}
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass
class Run:
    """One measured process: wall and CPU seconds, peak memory, nginx CPU, exit status.

    ``peak_rss_mb`` is the crawl process's own peak RSS; ``peak_tree_mb`` the
    peak of the proportional set size (shared pages split between sharers) of
    it and its helper processes together: the memory the crawl takes.
    """

    wall: float
    cpu: float
    peak_rss_mb: float
    peak_tree_mb: float
    nginx_cpu: float
    status: int
    stderr: str

    def check(self, what: str) -> "Run":
        """Return the run, or exit naming ``what`` when it failed."""
        if self.status != 0:
            sys.exit(f"{what} failed ({self.status}):\n{self.stderr[-3000:]}")
        return self


def measure(cmd: list[str], nginx: sitebuild.Nginx | None = None, code: Path = ROOT) -> Run:
    """Run ``cmd`` with the newscrawl in folder ``code`` and return what it cost."""
    nginx_before = nginx.cpu_seconds() if nginx else 0.0
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=code, env={**ENV, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0]
    cpu_seen: dict[int, float] = {}  # pid -> CPU seconds, for descendants nobody waits for here
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            rss, cpu = tree_usage(process.pid)
            peak[0] = max(peak[0], rss)
            cpu_seen.update(cpu)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    # The extraction pool's processes are the fork server's children: not in our rusage.
    pool_cpu = sum(cpu for pid, cpu in cpu_seen.items() if pid != process.pid)
    return Run(wall, max(usage.ru_utime + usage.ru_stime, cpu_seen.get(process.pid, 0.0) + pool_cpu),
               usage.ru_maxrss / 1024, peak[0] / 1024,
               (nginx.cpu_seconds() - nginx_before) if nginx else 0.0, process.returncode, stderr)


def tree_usage(pid: int) -> tuple[int, dict[int, float]]:
    """Return the proportional memory (KiB) of ``pid`` and its descendants, and each one's CPU seconds."""
    total, cpu, todo = 0, {}, [pid]
    while todo:
        current = int(todo.pop())
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            todo += Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        cpu[current] = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total, cpu


def settings_args(extra: dict | None = None) -> list[str]:
    """Return ``-s NAME=VALUE`` arguments for the crawl settings."""
    return [a for k, v in {**CRAWL_SETTINGS, **(extra or {})}.items() for a in ("-s", f"{k}={v}")]


def bare_cmd(url_file: Path) -> list[str]:
    """Return the command of bare Scrapy over the URLs in ``url_file``."""
    return [sys.executable, str(Path(__file__).resolve()), "--bare-crawl", str(url_file)]


def crawl_cmd(profiles: Path, out: Path, *extra: str) -> list[str]:
    """Return the command of ``newscrawl crawl bench`` into ``out``."""
    return [sys.executable, "-m", "newscrawl", "crawl", "bench", "--profiles-dir", str(profiles),
            "--out", str(out), "-q", *settings_args(), *extra]


def bare_crawl(url_file: str) -> None:
    """Fetch every URL of ``url_file`` with Scrapy and a callback that does nothing."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self):
            for url in Path(url_file).read_text().split():
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response):
            return None

    process = CrawlerProcess(settings=CRAWL_SETTINGS)
    process.crawl(BareSpider)
    process.start()


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def row(*cells) -> str:
    """Return a markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def bare_row(n: int, bare: Run) -> str:
    """Return the table row of bare Scrapy at size ``n``."""
    return row(n, "(a) bare Scrapy", f"{n / bare.wall:.0f}", "", f"{bare.cpu / n * 1000:.2f}", "",
               f"{bare.nginx_cpu / n * 1000:.2f}", f"{bare.peak_rss_mb:.0f} / {bare.peak_tree_mb:.0f}",
               f"{bare.wall:.1f}")


def ours_row(n: int, bare: Run, ours: Run, label: str = "") -> str:
    """Return the table row of newscrawl (the code named ``label``) at size ``n``, against bare Scrapy."""
    ours_part = (ours.cpu - bare.cpu) / n * 1000
    return row(n, f"(b) newscrawl{f' [{label}]' if label else ''}", f"{n / ours.wall:.0f}",
               f"{bare.wall / ours.wall:.2f}", f"{ours.cpu / n * 1000:.2f}", f"{ours_part:.2f}",
               f"{ours.nginx_cpu / n * 1000:.2f}", f"{ours.peak_rss_mb:.0f} / {ours.peak_tree_mb:.0f}",
               f"{ours.wall:.1f}")


def main(argv: list[str] | None = None) -> int:
    """Build the sites, run the measurements, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="numbers of stories, comma-separated")
    parser.add_argument("--sets", default="zh-news", help="corpus sets the pages come from")
    parser.add_argument("--redis-size", type=int, default=5000, help="N of the writer/worker comparison (0: skip)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and leave it (default: a temporary folder)")
    parser.add_argument("--compare", metavar="LABEL=DIR", action="append", default=[],
                        help="also measure (b) with the newscrawl code in DIR (repeatable)")
    parser.add_argument("--rounds", type=int, default=1, help="measure (b) this many times per code, in turn")
    parser.add_argument("--no-rerun", dest="rerun", action="store_false", help="skip (d), the incremental re-run")
    parser.add_argument("--bare-crawl", metavar="URLFILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_crawl:
        bare_crawl(args.bare_crawl)
        return 0
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
        return run_bench(work, sizes, args.sets.split(","), args.redis_size, codes, args.rounds, args.rerun)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_bench(work: Path, sizes: list[int], sets: list[str], redis_size: int, codes: dict[str, Path],
              rounds: int = 1, rerun: bool = True) -> int:
    """Run every measurement in ``work`` (b with each code of ``codes``, ``rounds`` times); print the tables."""
    templates = sitebuild.load_templates(sets)
    print(f"{len(templates)} template pages from {', '.join(sets)}; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    extraction_rate(templates)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site, profiles = work / "site", work / "profiles"
    sitebuild.write_profile(profiles, base)
    print(row("N", "run", "pages/s", "b/a", "CPU ms/page", "ours CPU ms/page", "nginx CPU ms/page",
              "peak MB: RSS / all processes (PSS)", "wall s"))
    print(row(*["---"] * 9), flush=True)
    built = 0
    with sitebuild.Nginx(site, port, work / "nginx") as nginx:
        for n in sizes:
            sitebuild.write_site(site, templates, range(built, n), base)
            sitebuild.write_sitemap(site, range(n), base)
            built = max(built, n)
            urls = work / f"urls-{n}.txt"
            urls.write_text("\n".join(sitebuild.article_url(base, i) for i in range(n)))
            bare = measure(bare_cmd(urls), nginx).check("bare Scrapy")
            print(bare_row(n, bare), flush=True)
            for turn in range(rounds):
                for label, code in codes.items():
                    archive = work / f"archive-{n}" if turn == 0 and label in ("", "this") else \
                        work / f"archive-{n}-{label}-{turn}"
                    ours = measure(crawl_cmd(profiles, archive), nginx, code).check(f"newscrawl {label}")
                    print(ours_row(n, bare, ours, label), flush=True)
        if redis_size:
            from redis_compare import compare_writers
            compare_writers(work, site, base, redis_size, nginx)
        if rerun:
            from rerun import incremental_rerun
            incremental_rerun(work, templates, site, base, max(sizes), nginx)
    return 0


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
