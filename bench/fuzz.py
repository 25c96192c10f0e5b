"""Fuzz the extractor and the post renderer with 100,000 generated inputs (or as many as asked).

Usage: python bench/fuzz.py [--pages N] [--items N] [--seed S] [--corpus-pages N]

Pages are saved pages from ../shared/corpus (the demo newspaper's when the
corpus is absent) mutated at random, synthetic pages with hostile strings
in every field and odd encodings, and random bytes (tests/faults/fuzzing.py);
items carry hostile strings in every field. Each page goes through
``extract_article`` within a CPU time bound (1 s per 2 MB, at least 1 s);
what it yields, and each item, is rendered as Jekyll and Hugo posts, whose
front matter must parse as YAML and give its values back, and whose body
must hold nothing a browser or a generator would run. Prints the inputs
fuzzed, the posts rendered, escaped exceptions, slow pages and broken posts;
exits 1 when any was found.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.fuzzing import CORPUS, fuzz, seed_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; return 0 when nothing escaped, nothing was slow and every post held."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100_000, help="generated pages (default 100,000)")
    parser.add_argument("--items", type=int, default=100_000, help="hostile items rendered (default 100,000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a fresh one, printed)")
    parser.add_argument("--corpus-pages", type=int, default=400, help="saved pages to mutate (default 400)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    seeds = seed_pages(limit=args.corpus_pages)
    print(f"seed {seed}; {len(seeds)} saved pages to mutate from "
          f"{CORPUS if CORPUS.is_dir() else 'the demo newspaper (no corpus)'}", flush=True)
    started = time.monotonic()

    def progress(counts):
        print(f"  {counts.pages} pages, {counts.posts} posts, {len(counts.problems)} problems, "
              f"{time.monotonic() - started:.0f} s", flush=True)

    counts = fuzz(seed, args.pages, args.items, seeds, progress)
    print(f"inputs fuzzed {counts.pages + counts.items} ({counts.pages} pages, {counts.items} items); "
          f"posts rendered {counts.renders} (Jekyll and Hugo); "
          f"escaped exceptions {len(counts.escaped)}; pages over the time bound {len(counts.slow)} "
          f"(slowest {counts.slowest:.0%} of its bound: {counts.slowest_label}); "
          f"broken posts {len(counts.bad_posts)}; {time.monotonic() - started:.0f} s")
    for problem in counts.problems[:50]:
        print(f"  PROBLEM {problem}")
    return 1 if counts.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
