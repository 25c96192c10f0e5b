"""Measure what keeping WARC files costs, and how fast an archive is re-extracted from them.

Usage: python bench/warc.py [--size 1000] [--sets zh-news]

Builds a local newspaper of N distinct stories from ../shared/corpus pages
(bench/sitebuild.py), served by nginx with gzip on (as news sites send them),
and measures in one run, each crawl twice in turns (the faster of each kept):
  (a) ``newscrawl crawl`` without --warc, (b) the same with --warc: the time
      ratio b/a, and the WARC bytes per 1,000 pages (gzip per record);
  (c) ``newscrawl archive reextract`` over (b)'s archive and files, in one
      extracting process, against extraction alone in one process (CPU time);
and prints what a year of a daily paper takes, from the bytes per page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sitebuild  # noqa: E402
from throughput import extraction_rate, free_port, measure, settings_args  # noqa: E402

#: A provincial daily: articles a day, and listing pages (edition, 版面 pages, month index) a day.
DAILY_ARTICLES, DAILY_LISTINGS = 150, 20


def timed(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd``; return its wall seconds and the CPU seconds of its process tree (the pool's included)."""
    run = measure(cmd).check(" ".join(cmd[2:5]))
    return run.wall, run.cpu


def crawl(profiles: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newscrawl", "crawl", "bench", "--profiles-dir", str(profiles), "--out", str(out),
            "-q", *settings_args(), *extra]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="stories in the newspaper (default 1000)")
    parser.add_argument("--sets", default="zh-news", help="corpus sets the pages come from (default zh-news)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newscrawl-warc-bench-"))
    os.chmod(work, 0o755)
    try:
        return run(work, args.size, args.sets.split(","))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, n: int, sets: list[str]) -> int:
    templates = sitebuild.load_templates(sets)
    print(f"{n} stories from {len(templates)} template pages of {', '.join(sets)}; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site, profiles = work / "site", work / "profiles"
    sitebuild.write_profile(profiles, base)
    html_bytes = sitebuild.write_site(site, templates, range(n), base)
    plain, kept = [], []
    with sitebuild.Nginx(site, port, work / "nginx", gzip=True):
        for turn in range(2):
            for name, times, extra in (("plain", plain, ()), ("warc", kept, ("--warc", str(work / f"files-{turn}")))):
                out = work / f"{name}-{turn}"
                times.append(timed(crawl(profiles, out, *extra)))
    warc = work / "files-1"
    warc_bytes = sum(p.stat().st_size for p in warc.glob("*.warc.gz"))
    pages = n + 2  # the articles, robots.txt and the sitemap
    per_page = warc_bytes / pages
    (wall_a, cpu_a), (wall_b, cpu_b) = min(plain), min(kept)
    print(f"crawl without --warc: {wall_a:.1f} s wall, {cpu_a:.1f} s CPU; with --warc: {wall_b:.1f} s wall, "
          f"{cpu_b:.1f} s CPU; ratio {wall_b / wall_a:.2f} wall, {cpu_b / cpu_a:.2f} CPU (the faster of two runs each)")
    print(f"WARC: {warc_bytes / 1e6:.1f} MB for {pages} responses: {per_page * 1000 / 1e6:.1f} MB per 1,000 pages "
          f"(the pages themselves: {html_bytes / n * 1000 / 1e6:.1f} MB per 1,000 uncompressed)")
    day = per_page * (DAILY_ARTICLES + DAILY_LISTINGS)
    print(f"a daily paper of {DAILY_ARTICLES} articles and {DAILY_LISTINGS} listing pages a day: "
          f"{day / 1e6:.1f} MB a day, {day * 365 / 1e9:.2f} GB a year")

    writing_cost(warc)
    seconds, cpu = timed([sys.executable, "-m", "newscrawl", "archive", "reextract", "--out", str(work / "warc-1"),
                     "--warc", str(warc), "--profiles-dir", str(profiles), "-q", "-s", "NEWSCRAWL_PROCESSES=1"])
    print(f"archive reextract ({n} posts, 1 extracting process): {seconds:.1f} s wall, {n / seconds:.0f} pages/s; "
          f"{cpu:.1f} s CPU, {n / cpu:.0f} pages per CPU second (start-up and the index of the files included)")
    extraction_rate(templates)
    return 0


def writing_cost(folder: Path) -> None:
    """Print the CPU a page's records cost to build and gzip (the middleware's thread does it), from the files."""
    from warcio.archiveiterator import ArchiveIterator

    from newscrawl.warc.capture import Document, Exchange
    from newscrawl.warc.files import record_bytes
    from newscrawl.warc.records import warc_date

    exchanges = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    headers = list(record.http_headers.headers)
                    document = Document(url, int(record.http_headers.get_statuscode()), headers,
                                        record.raw_stream.read())
                    exchanges.append(Exchange(url, "GET", [("User-Agent", "newscrawl")], b"", [document],
                                              warc_date(), request_fields={"url": url, "meta": {"site": "bench"}}))
    started = time.process_time()
    size = sum(len(record_bytes(exchange.records())) for exchange in exchanges)
    cpu = time.process_time() - started
    print(f"writing the records of {len(exchanges)} responses again: {cpu / len(exchanges) * 1000:.1f} ms CPU a "
          f"page (request, response and metadata records, digests, gzip), {size / len(exchanges) / 1024:.0f} KB a page")


if __name__ == "__main__":
    sys.exit(main())
