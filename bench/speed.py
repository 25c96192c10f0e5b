"""Measure extraction speed: pages/s of extract_article over a set, next to lxml parse-only.

Usage: python bench/speed.py [--set NAME|all] [--rounds N] [--total]
One process, one page at a time, page bytes already in memory (the README's rule).
The parse-only figure is the floor: decoding and building the tree, nothing else.
``--total`` prints only the best CPU seconds of one pass over every page of the
selected sets: on a shared, busy machine the steadiest figure to compare two
versions by (run them alternately).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import CORPUS, SETS, load_set  # noqa: E402
from sites import extractor_url  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402
from newscrawl.extract.parse import parse_html  # noqa: E402


def pages_per_second(fn, pages: list[tuple[dict, bytes]], rounds: int) -> tuple[float, float]:
    """Return the best (wall-clock, CPU) pages/s of ``fn(html, url)`` over ``rounds`` passes.

    CPU time is what the process itself spent; on a busy machine it is the fairer figure.
    """
    wall = cpu = float("inf")
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for truth, html in pages:
            fn(html, extractor_url(truth))
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return len(pages) / wall, len(pages) / cpu


def main(argv: list[str] | None = None) -> int:
    """Run the speed benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--rounds", type=int, default=3, help="passes per set; the best one counts")
    parser.add_argument("--total", action="store_true", help="only the best CPU seconds of a pass over all pages")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    if args.total:
        pages = [page for name in (SETS if args.set == "all" else (args.set,)) for page in load_set(name)]
        _, cpu = pages_per_second(extract_article, pages, args.rounds)
        print(f"{len(pages)} pages: best CPU {len(pages) / cpu:.2f} s a pass ({cpu:.0f} pages/s)")
        return 0
    print("| set | pages | extract_article pages/s (wall / CPU) | parse-only pages/s (wall / CPU) |")
    print("|---|---|---|---|")
    for name in SETS if args.set == "all" else (args.set,):
        pages = load_set(name)
        full = pages_per_second(extract_article, pages, args.rounds)
        floor = pages_per_second(lambda html, url: parse_html(html), pages, args.rounds)
        print(f"| {name} | {len(pages)} | {full[0]:.0f} / {full[1]:.0f} | {floor[0]:.0f} / {floor[1]:.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
