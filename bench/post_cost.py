"""Measure, in one process, the CPU per page of the steps around extraction: render, hash, hand-off, parse.

Usage: python bench/post_cost.py [--rounds 5] [--compare LABEL=DIR ...]

The corpus pages bench/throughput.py builds its site from (zh-news) are
extracted once and cleaned as the clean pipeline cleans them; then each step is
timed alone, best of ``--rounds``, in CPU time (``time.process_time``):
rendering a post, the text's fingerprint, pickling a page and an extraction's
answer both ways, ``parse_html`` against lxml's ``document_fromstring`` (the
floor), and the whole extraction. Memoised steps have their caches cleared
each round, since a crawl's pages differ. With ``--compare``, the same is run
with the newscrawl in each DIR, one process per code.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def measure(rounds: int) -> None:
    """Run in the measured code's process: print one ``step<TAB>ms`` line per step."""
    sys.path.insert(0, str(BENCH))
    import sitebuild
    from lxml.html import document_fromstring

    from newscrawl.archive import frontmatter, render_post
    from newscrawl.extract import extract_article
    from newscrawl.extract.parse import parse_html
    from newscrawl.items import ArticleItem
    from newscrawl.state import canonical, content_fingerprint
    from pipelines.clean import CleanPipeline

    pages = [t.story(n) for n, t in enumerate(sitebuild.load_templates(["zh-news"]))]
    extracted = [extract_article(page, sitebuild.article_url("http://bench.test/", n)) for n, page in enumerate(pages)]
    items = [CleanPipeline().process_item(ArticleItem(
        url=sitebuild.article_url("http://bench.test/", n), site="bench", id=str(n), title=fields.title,
        published=fields.published or datetime(2024, 5, 20, tzinfo=timezone.utc), author=fields.author,
        editor=fields.editor, source=fields.source, paragraphs=list(fields.paragraphs),
        pictures=[p.to_dict() for p in fields.pictures], category="bench", category_name="基准日报新闻"))
        for n, fields in enumerate(extracted)]

    def clear() -> None:
        for cached in (getattr(frontmatter.yaml_str, "cache_clear", None), canonical._fingerprint.cache_clear):
            if cached is not None:
                cached()

    steps = {
        "render a post (jekyll)": lambda: [render_post(item, base_url="//bench.test", fmt="jekyll") for item in items],
        "fingerprint of the text": lambda: [content_fingerprint(i.title, i.paragraphs) for i in items],
        "pickle a page both ways": lambda: [pickle.loads(pickle.dumps(p, pickle.HIGHEST_PROTOCOL)) for p in pages],
        "pickle an answer both ways": lambda: [pickle.loads(pickle.dumps(f, pickle.HIGHEST_PROTOCOL))
                                               for f in extracted],
        "parse_html (decode, defuse, lxml)": lambda: [parse_html(page) for page in pages],
        "lxml document_fromstring (floor)": lambda: [document_fromstring(page) for page in pages],
        "extract_article (all of it)": lambda: [extract_article(page, "http://bench.test/a") for page in pages],
    }
    for name, step in steps.items():
        best = float("inf")
        for _ in range(rounds):
            clear()
            started = time.process_time()
            step()
            best = min(best, time.process_time() - started)
        print(f"{name}\t{best / len(pages) * 1000:.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Measure each code in a process of its own; print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="take the best of this many rounds per step")
    parser.add_argument("--compare", metavar="LABEL=DIR", action="append", default=[],
                        help="also measure the newscrawl code in DIR (repeatable)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child's role
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.rounds)
        return 0
    codes = {"this": ROOT, **{spec.partition("=")[0]: Path(spec.partition("=")[2]) for spec in args.compare}}
    columns = {}
    for label, code in codes.items():
        run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", "--rounds", str(args.rounds)],
                             env={**os.environ, "PYTHONPATH": str(code)}, cwd=code, capture_output=True, text=True)
        if run.returncode:
            print(f"{label}: {run.stderr[-2000:]}", file=sys.stderr)
            return 1
        columns[label] = dict(line.split("\t") for line in run.stdout.splitlines())
    print("| step | " + " | ".join(f"CPU ms/page [{label}]" for label in columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for step in columns["this"]:
        print(f"| {step} | " + " | ".join(column.get(step, "") for column in columns.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
