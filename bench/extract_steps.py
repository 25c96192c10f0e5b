"""Time each step of extract_article in one process: CPU ms a page, per step, over the corpus.

Usage: python bench/extract_steps.py [--set NAME|all] [--rounds N]
Each step is timed around its call with the process's CPU clock (not cProfile,
which inflates small Python calls several times over); the best of ``rounds``
passes counts, per step. The steps are those of ``article.extract_fields``.
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

from accuracy import SETS, load_set  # noqa: E402
from sites import extractor_url  # noqa: E402

from newscrawl.extract import dates, people, source  # noqa: E402
from newscrawl.extract.article import guess_language, missed_selectors  # noqa: E402
from newscrawl.extract.body import container_lines, find_text, walk_page  # noqa: E402
from newscrawl.extract.images import find_pictures  # noqa: E402
from newscrawl.extract.page import Page  # noqa: E402
from newscrawl.extract.parse import parse_html, show_noscript_page  # noqa: E402
from newscrawl.extract.title import find_title  # noqa: E402


def one_page(html: bytes, url: str, spent: dict) -> None:
    """Extract one page as ``extract_article`` does, adding each step's CPU seconds to ``spent``."""
    clock = time.process_time
    t0 = clock()
    tree, _ = parse_html(html)
    t1 = clock()
    show_noscript_page(tree)
    page = Page(tree=tree, url=url)
    page.language = guess_language(page)
    t2 = clock()
    walked = walk_page(page)
    t3 = clock()
    page.title, page.title_node = find_title(page, walked[1])
    t4 = clock()
    text = find_text(page, walked)
    page.body_node, page.paragraphs = text.node, text.paragraphs
    page.lines = container_lines(walked[0], page.body_node)
    t5 = clock()
    people.extract_people(page)
    t6 = clock()
    kept = source.attribution_free(page.paragraphs)
    dates.extract_published(page)
    t7 = clock()
    source.extract_source(page)
    t8 = clock()
    anchors = [text.anchors[i] for i in kept]
    find_pictures(text.images, text.blocks, anchors, text.regions, page.url)
    missed_selectors(page)
    t9 = clock()
    for name, a, b in (("parse", t0, t1), ("page", t1, t2), ("walk", t2, t3), ("title", t3, t4),
                       ("body", t4, t5), ("people", t5, t6), ("dates", t6, t7), ("source", t7, t8),
                       ("pictures", t8, t9), ("total", t0, t9)):
        spent[name] += b - a


def main(argv: list[str] | None = None) -> int:
    """Print CPU ms a page for each step, best of the rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    pages = [(html, extractor_url(truth)) for name in (SETS if args.set == "all" else (args.set,))
             for truth, html in load_set(name)]
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        spent: dict[str, float] = defaultdict(float)
        for html, url in pages:
            one_page(html, url, spent)
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), seconds)
    print(" ".join(f"{name} {seconds * 1000 / len(pages):.3f}" for name, seconds in best.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
