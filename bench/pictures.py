"""Measure what keeping pictures costs: pictures per second, CPU per picture, disk per 1,000 posts.

Usage: python bench/pictures.py [--articles 200] [--per-article 3] [--size 800x600] [--rounds 2]

It writes a local paper of N articles, each with K pictures (JPEG photographs
made with Pillow: smooth colour with grain, about the bytes of a news photo;
one picture in ten is shown by two articles) on a second host that refuses a
wrong Referer, serves both on 127.0.0.1 and runs ``newscrawl crawl`` as a
subprocess (with ``--processes 0``, the default, in one process: the CPU figures
then hold everything), in turn:

  (a) ``--images link``: the same crawl without fetching a picture,
  (b) ``--images keep`` into an empty archive,
  (c) ``--images keep`` again over (b)'s archive (every article re-checked:
      no picture may be fetched again).

It prints wall and CPU seconds of each (the crawl's process tree, the
extraction pool included), pictures per second of (b) over its whole run and
of its extra time over (a), CPU milliseconds per picture ((b) - (a)), the
picture requests of (c), and the disk the archive takes per 1,000 posts:
posts, pictures, state.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageFilter  # noqa: E402

from newscrawl.demo.server import SiteRequestHandler, serve  # noqa: E402

PUBLIC, CDN = "http://paper.bench/", "http://img.paper.bench/"
PARAGRAPH = "这是一段新闻正文，用来测量保存图片的开销。记者在现场看到，工作人员正在有序开展各项工作，群众反映良好。"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def photo(seed: int, size: tuple[int, int]) -> bytes:
    """Return a JPEG that compresses like a photograph: a smooth scene with grain."""
    rng = random.Random(seed)
    small = Image.new("RGB", (16, 12))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(16 * 12)])
    scene = small.resize(size, Image.BICUBIC)
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).filter(ImageFilter.GaussianBlur(1))
    blended = Image.blend(scene, Image.merge("RGB", (grain, grain, grain)), 0.15)
    buffer = io.BytesIO()
    blended.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def write_paper(root: Path, articles: int, per_article: int, size: tuple[int, int]) -> int:
    """Write the paper (site/ and cdn/ under ``root``) and its profile; return the distinct pictures."""
    site, cdn = root / "site", root / "cdn"
    distinct = 0
    links = []
    for n in range(articles):
        parts = []
        for k in range(per_article):
            shared = k == 0 and n % 10 == 9  # one in ten shows the previous article's first picture
            name = f"p/{n - 1 if shared else n}_{k}.jpg"
            if not shared:
                (cdn / name).parent.mkdir(parents=True, exist_ok=True)
                (cdn / name).write_bytes(photo(n * 100 + k, size))
                distinct += 1
            caption = f"<figcaption>图为第{n}篇报道的第{k + 1}张图片。</figcaption>" if k % 2 == 0 else ""
            parts.append(f"<p>{PARAGRAPH}第{n}篇第{k + 1}段。</p><figure><img src='{CDN}{name}'>{caption}</figure>")
        page = (f"<html><head><meta charset='utf-8'><title>测试报道{n}</title></head><body><h1>测试报道{n}</h1>"
                f"<div class='time'>2024-05-20 09:{n % 60:02d}</div><div class='content'>{''.join(parts)}"
                f"<p>{PARAGRAPH}（完）</p></div></body></html>")
        path = site / f"news/{n}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        links.append(f"<li><a href='/news/{n}.html'>测试报道{n}</a></li>")
    (site / "index.html").write_text(f"<html><body><ul>{''.join(links)}</ul></body></html>", encoding="utf-8")
    profiles = root / "profiles"
    profiles.mkdir()
    (profiles / "bench.yaml").write_text(
        f"name: 测试日报\nslug: bench\ntimezone: Asia/Shanghai\nbase_url: {PUBLIC}\nrecheck_hours: 1000000\n"
        "listing:\n  start_urls: [{url: index.html}]\n  article_links: ['/news/\\d+\\.html$']\n",
        encoding="utf-8")
    return distinct


def crawl(root: Path, out: Path, images: str, paper: str, cdn: str, processes: int = 0) -> tuple[float, float]:
    """Run one crawl; return its wall and CPU seconds (all of it, with ``processes`` 0: no pool)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "crawl", "bench", "--profiles-dir", str(root / "profiles"), "--out",
         str(out), "--images", images, "--mirror", f"{PUBLIC}={paper}", "--mirror", f"{CDN}={cdn}",
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
         "-s", f"NEWSCRAWL_PROCESSES={processes}", "-q"],
        env=ENV, capture_output=True, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 4):
        raise SystemExit(f"crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def folder_bytes(folder: Path) -> int:
    """Return the bytes the files under ``folder`` hold."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--per-article", type=int, default=3)
    parser.add_argument("--size", default="800x600", help="pictures' width x height")
    parser.add_argument("--rounds", type=int, default=2, help="measure (a) and (b) this many times, in turn")
    parser.add_argument("--processes", type=int, default=0,
                        help="NEWSCRAWL_PROCESSES of the crawls (default 0: all in one process, so that the "
                             "CPU figures hold the pool's work too; a pool's processes are not our children)")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x"))
    work = Path(tempfile.mkdtemp(prefix="bench-pictures-"))
    try:
        distinct = write_paper(work, args.articles, args.per_article, size)
        shown = args.articles * args.per_article
        print(f"{args.articles} articles, {shown} pictures shown, {distinct} distinct "
              f"({folder_bytes(work / 'cdn') / distinct / 1024:.0f} KiB each on average, {args.size})")
        with serve(work / "site") as paper, serve(work / "cdn", referers=(PUBLIC,)) as cdn:
            for round_ in range(args.rounds):
                for kind in ("link", "keep"):
                    out = work / f"{kind}-{round_}"
                    wall, cpu = crawl(work, out, kind, paper.base_url, cdn.base_url, args.processes)
                    print(f"round {round_ + 1} ({'a' if kind == 'link' else 'b'}) --images {kind}: "
                          f"{wall:.1f} s wall, {cpu:.1f} s CPU")
                    if kind == "link":
                        link_wall, link_cpu = wall, cpu
                    else:
                        kept = len([p for p in (out / "assets/images").rglob("*") if p.is_file()])
                        print(f"    {kept} files kept; {distinct / wall:.0f} pictures/s over the whole run, "
                              f"{distinct / max(wall - link_wall, 1e-9):.0f} pictures/s of the extra time; "
                              f"{(cpu - link_cpu) * 1000 / distinct:.1f} ms CPU per picture")
            out = work / f"keep-{args.rounds - 1}"
            images_before = folder_bytes(out / "assets/images")
            with counting_pictures() as counter:
                wall, cpu = crawl(work, out, "keep", paper.base_url, cdn.base_url, args.processes)
            print(f"(c) again over (b): {wall:.1f} s wall, {cpu:.1f} s CPU, {counter[0]} picture requests, "
                  f"images folder {'unchanged' if folder_bytes(out / 'assets/images') == images_before else 'CHANGED'}")
        posts = folder_bytes(out / "_posts")
        images = folder_bytes(out / "assets/images")
        state = folder_bytes(out / ".newscrawl")
        scale = 1000 / args.articles
        print(f"disk per 1,000 posts ({args.per_article} pictures each): posts {posts * scale / 2**20:.1f} MiB, "
              f"pictures {images * scale / 2**20:.1f} MiB, state {state * scale / 2**20:.2f} MiB "
              f"(with --images link: posts {folder_bytes(work / 'link-0' / '_posts') * scale / 2**20:.1f} MiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


@contextmanager
def counting_pictures():
    """Count the picture requests the demo servers answer while the block runs (yields a one-item list)."""
    counter = [0]
    original = SiteRequestHandler.log_message

    def counting(handler, format, *args):  # noqa: A002 - http.server's signature
        counter[0] += handler.path.endswith(".jpg")
        return original(handler, format, *args)

    SiteRequestHandler.log_message = counting
    try:
        yield counter
    finally:
        SiteRequestHandler.log_message = original


if __name__ == "__main__":
    raise SystemExit(main())
