"""Time each step of the extractor in one process: CPU ms a page, per field reader, over every corpus page.

Usage: python bench/field_cost.py [--rounds N] [--set NAME|all] [--zones-first]
Each step of ``article.extract_fields`` is timed around its call with
``time.process_time_ns`` (cProfile inflates small Python calls several times
over). The text zones (``zones.py``) are built on first use, by whichever reader
asks first; ``--zones-first`` builds them in a step of their own before the
readers, so each reader's own cost shows. The best of ``--rounds`` passes counts
for each step. Run two checkouts alternately to compare them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import CORPUS, SETS, load_set  # noqa: E402
from sites import extractor_url  # noqa: E402

from newscrawl.extract import article, dates, people, source, zones  # noqa: E402
from newscrawl.extract.body import container_lines, find_text, walk_page  # noqa: E402
from newscrawl.extract.images import find_pictures  # noqa: E402
from newscrawl.extract.title import find_title  # noqa: E402


def _zones(page) -> None:
    """Build every text zone the field readers read."""
    zones.header_text(page)
    zones.before_headline_text(page)
    zones.after_body_text(page)
    zones.body_tail_text(page)
    zones.body_head_text(page)
    zones.before_body_text(page)


def timed_pass(pages, zones_first: bool) -> dict[str, int]:
    """Return CPU ns by step over one pass of ``extract_fields`` (its steps, each timed)."""
    spent: dict[str, int] = defaultdict(int)
    clock = time.process_time_ns

    def step(name, fn, *args):
        start = clock()
        out = fn(*args)
        spent[name] += clock() - start
        return out

    for truth, html in pages:
        page, _ = step("parse", article.build_page, html, extractor_url(truth))
        walked = step("walk", walk_page, page)
        page.title, page.title_node = step("headline", find_title, page, walked[1])
        text = step("body", find_text, page, walked)
        page.body_node, page.paragraphs = text.node, text.paragraphs
        page.lines = step("body", container_lines, walked[0], page.body_node)
        if zones_first:
            step("zones", _zones, page)
        step("people", people.extract_people, page)
        kept = step("attribution", source.attribution_free, page.paragraphs)
        anchors = [text.anchors[i] for i in kept]
        step("dates", dates.extract_published, page)
        step("source", source.extract_source, page)
        step("pictures", find_pictures, text.images, text.blocks, anchors, text.regions, page.url)
        step("missed", article.missed_selectors, page)
    return spent


def main(argv: list[str] | None = None) -> int:
    """Print CPU ms a page by step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--zones-first", action="store_true", help="time the text zones as a step of their own")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    pages = [page for name in (SETS if args.set == "all" else (args.set,)) for page in load_set(name)]
    best: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, ns in timed_pass(pages, args.zones_first).items():
            best[name] = min(best.get(name, ns), ns)
    total = sum(best.values())
    print(f"{len(pages)} pages, best of {args.rounds}: CPU ms a page by step (total {total / 1e6 / len(pages):.2f})")
    for name, ns in best.items():
        print(f"  {name:12s} {ns / 1e6 / len(pages):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
