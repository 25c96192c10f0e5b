"""How much of a crawl's CPU is not extraction: the same crawl with the extractor replaced.

Usage: python bench/stubbed.py [--size N] [--rounds R] [--sets SETS]

Builds bench/throughput.py's newspaper (N stories from corpus templates,
served by nginx on 127.0.0.1) and measures, every process's CPU counted
through a cgroup:
  (f)  Scrapy + lxml parse, the parse floor;
  (b)  newscrawl as it is;
  (bp) newscrawl whose extractor only parses the page (decode and lxml, as
       ``extract_article`` does) and returns the fields computed beforehand;
  (b0) newscrawl whose extractor returns those fields without reading the page;
  (bc) with --cwalk: newscrawl whose extractor walks pages with the C
       prototype of bench/cwalk/ (needs Cython and a compiler).
Everything else (the pool's hand-off, the fingerprints, pipelines, state,
rendering, atomic writes) runs as it always does. (b0) is what the crawl costs
with a free extractor; (bp) with one as cheap as the floor's parse: the least
any extractor over an lxml tree could cost here. The stand-in is installed by
``bench/stub_site/sitecustomize.py`` in every process of the crawl.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import pickle
import re
import shutil
import sys
import tempfile
from pathlib import Path

from importhook import AfterImport  # bench/ is on the path when this module is imported

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "stub_site"
ENV = "NEWSCRAWL_BENCH_STUB"
_TARGET = "newscrawl.extract.article"
_NUMBER = re.compile(r"/(\d+)\.html")


def install(spec: str) -> None:
    """Replace ``extract_article`` by the stand-in ``spec`` names (``mode:pickle``) once its module is imported."""
    mode, _, path = spec.partition(":")
    if mode not in ("none", "parse", "cwalk"):
        raise SystemExit(f"{ENV}={spec}: the mode must be none, parse or cwalk")
    sys.meta_path.insert(0, AfterImport(lambda name: name == _TARGET, _patch(mode, path)))


def _patch(mode: str, path: str):
    """Return the hook that swaps the extractor's module for the stand-in ``mode`` names once it has run."""

    def after(module) -> None:
        if mode == "cwalk":
            _use_native_walk(path)
        else:  # the pickle is read on first use: reading it imports the extractor
            module.extract_article = _stand_in(mode, path, module.parse_html)

    return after


def _use_native_walk(path: str) -> None:
    """Make the extractor walk pages with the C prototype built at ``path`` (bench/cwalk/run.py: ``build``)."""
    from newscrawl.extract import blocks, body, declared, title

    spec = importlib.util.spec_from_file_location("_cwalk", path)
    native = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(native)
    for module in (blocks, body, title, declared):
        if hasattr(module, "collect_blocks"):
            module.collect_blocks = native.collect_blocks


def _stand_in(mode: str, path: str, parse_html):
    """Return an ``extract_article`` that returns the story's precomputed fields (in the pickle at ``path``)."""
    table: list = []

    def extract_article(html: bytes, url: str | None = None, profile=None, charset: str | None = None):
        if not table:
            with open(path, "rb") as handle:
                table.extend(pickle.load(handle))
        if mode == "parse":
            parse_html(html, charset)
        number = int(_NUMBER.search(url).group(1))
        fields, title = table[number % len(table)]
        return dataclasses.replace(fields, title=f"{title} ({number})")

    return extract_article


def main(argv: list[str] | None = None) -> int:
    """Build the newspaper, measure (f), (b), (bp), (b0) in turn, print the table."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    import sitebuild
    import throughput
    from cpugroup import measure

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="number of stories")
    parser.add_argument("--rounds", type=int, default=2, help="times each run is measured, in turn")
    parser.add_argument("--sets", default="zh-news", help="corpus sets the pages come from")
    parser.add_argument("--cwalk", action="store_true", help="also measure (bc), the C prototype of the walk")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="also measure (b) with this in its environment (repeatable: one run each)")
    args = parser.parse_args(argv)
    if not sitebuild.CORPUS.is_dir():
        print(f"corpus not found at {sitebuild.CORPUS}: the bench builds its pages from it", file=sys.stderr)
        return 2
    from newscrawl.extract import extract_article

    templates = sitebuild.load_templates(args.sets.split(","))
    work = Path(tempfile.mkdtemp(prefix="newscrawl-stub-"))
    os.chmod(work, 0o755)
    try:
        table = work / "fields.pickle"
        table.write_bytes(pickle.dumps(
            [(extract_article(t.story(k), sitebuild.article_url("http://bench.test/", k)), t.title)
             for k, t in enumerate(templates)]))
        port = throughput.free_port()
        base = f"http://127.0.0.1:{port}/"
        site, profiles = work / "site", work / "profiles"
        sitebuild.write_profile(profiles, base)
        n = args.size
        print(f"{len(templates)} template pages from {args.sets}; {n} stories; {os.cpu_count()} cores; "
              f"load {os.getloadavg()[0]:.2f}", flush=True)
        print(throughput.row("run", "CPU ms/page", "of it in the kernel", "× parse floor", "wall s"))
        print(throughput.row(*["---"] * 5), flush=True)
        with sitebuild.Nginx(site, port, work / "nginx") as nginx:
            sitebuild.write_site(site, templates, range(n), base)
            urls = work / "urls.txt"
            urls.write_text("\n".join(sitebuild.article_url(base, i) for i in range(n)))
            pythonpath = os.pathsep.join([str(ROOT), str(SITE)])
            runs = {"(f) Scrapy + lxml parse (floor)": (throughput.yardstick_cmd("parse", urls), None),
                    "(b) newscrawl": ("crawl", None),
                    "(bp) newscrawl, extractor only parses": ("crawl", f"parse:{table}"),
                    "(b0) newscrawl, extractor free": ("crawl", f"none:{table}")}
            if args.cwalk:
                sys.path.insert(0, str(ROOT / "bench" / "cwalk"))
                import run as cwalk

                (work / "cwalk").mkdir()
                built = cwalk.build(work / "cwalk").__file__
                runs["(bc) newscrawl, C prototype of the walk"] = ("crawl", f"cwalk:{built}")
            runs.update({f"(b) newscrawl, {extra}": ("crawl", None, extra) for extra in args.env})
            for turn in range(args.rounds):
                floor = None
                for number, (label, (cmd, stub, *extra)) in enumerate(runs.items()):
                    env = {**throughput.ENV, "PYTHONPATH": pythonpath, **dict(e.split("=", 1) for e in extra)}
                    if stub:
                        env[ENV] = stub
                    if cmd == "crawl":
                        cmd = throughput.crawl_cmd(profiles, work / f"archive-{turn}-{number}")
                    run = measure(cmd, nginx, ROOT, env).check(label)
                    ms = run.cpu / n * 1000
                    floor = floor or ms
                    system = f"{run.system / n * 1000:.2f}" if run.system is not None else ""
                    print(throughput.row(label, f"{ms:.2f}", system, f"{ms / floor:.2f}", f"{run.wall:.1f}"),
                          flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
