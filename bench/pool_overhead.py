"""Measure what the process pool itself costs: pages extracted and fingerprinted through ProcessPool.

Usage: python bench/pool_overhead.py [--pages 1500] [--rounds 2] [--compare LABEL=DIR ...]

The corpus pages (as bench/throughput.py builds them) go through
``ProcessPool.read`` (before issue 22: ``ProcessPool.extract`` and ``ProcessPool.compute(content_fingerprint)``) with 16
in flight on an asyncio loop, as a crawl sends them, with 2 extracting
processes. It prints pages/s and the CPU ms per page spent in the calling
process (all its threads: the reactor's share of the pool) and in the workers.
Each code (this checkout, and each ``--compare`` DIR) runs in a process of its
own, in turn, ``--rounds`` times.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
IN_FLIGHT = 16


def descendants_cpu(pid: int) -> float:
    """Return the CPU seconds of the processes below ``pid`` (the fork server and its workers)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            todo += [int(p) for p in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            continue
        if current != pid:
            total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def push(pool, pages: list[bytes]) -> tuple[float, float, float]:
    """Send every page through the pool; return wall seconds, own CPU seconds and the workers' CPU seconds."""
    from newscrawl.state import content_fingerprint
    import sitebuild

    room = asyncio.Semaphore(IN_FLIGHT)

    async def one(number: int) -> None:
        async with room:
            url = sitebuild.article_url("http://bench.test/", number)
            if hasattr(pool, "read"):  # issue 22: one job reads the page and hashes its text
                await pool.read(pages[number], url)
                return
            fields = await pool.extract(pages[number], url)
            await pool.compute(content_fingerprint, fields.title or "", list(fields.paragraphs))

    await asyncio.gather(*(one(n) for n in range(min(32, len(pages)))))  # the workers are up and warm
    cpu, workers, started = time.process_time(), descendants_cpu(os.getpid()), time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(len(pages))))
    return time.perf_counter() - started, time.process_time() - cpu, descendants_cpu(os.getpid()) - workers


def measure(count: int) -> None:
    """Run in the measured code's process: print pages/s and CPU ms per page, tab-separated."""
    sys.path.insert(0, str(BENCH))
    import sitebuild
    from newscrawl.extensions.processes import ProcessPool

    templates = sitebuild.load_templates(["zh-news"])
    pages = [templates[n % len(templates)].story(n) for n in range(count)]
    pool = ProcessPool(2, 1)
    try:
        wall, own, workers = asyncio.run(push(pool, pages))
    finally:
        pool.engine_stopped()
    print(f"{count / wall:.0f}\t{own / count * 1000:.3f}\t{workers / count * 1000:.2f}")


def main(argv: list[str] | None = None) -> int:
    """Measure each code in turn; print one table row per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--compare", metavar="LABEL=DIR", action="append", default=[],
                        help="also measure the newscrawl code in DIR (repeatable)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure)
        return 0
    codes = {"this": ROOT}
    for spec in args.compare:
        label, _, folder = spec.partition("=")
        codes[label] = Path(folder).resolve()
    print(f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.2f}; {args.pages} pages, {IN_FLIGHT} in flight")
    print("| code | pages/s | calling process CPU ms/page | workers CPU ms/page |")
    print("| --- | --- | --- | --- |", flush=True)
    for _ in range(args.rounds):
        for label, code in codes.items():
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(args.pages)],
                                  cwd=code, env={**os.environ, "PYTHONPATH": str(code)}, capture_output=True,
                                  text=True, check=False)
            if done.returncode:
                print(f"{label} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                return 1
            print("| " + " | ".join([label, *done.stdout.split()]) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
