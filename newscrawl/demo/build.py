"""Generate the demo newspaper's static site from ``articles.yaml``.

``python -m newscrawl.demo.build [OUT [CDN_OUT]]`` rewrites ``site/`` and
``cdn/`` (the paper's picture host), or ``OUT`` and ``CDN_OUT``. The output
depends only on the data, so two builds give identical bytes.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
from pathlib import Path

from newscrawl.demo.article_page import render_article
from newscrawl.demo.chrome import STATIC_FILES
from newscrawl.demo.data import DATA_FILE, DemoArticle, DemoData, load_demo
from newscrawl.demo.listings import render_home, render_section
from newscrawl.demo.pictures import draw_png

log = logging.getLogger(__name__)

SITE_DIR = Path(__file__).with_name("site")
CDN_DIR = Path(__file__).with_name("cdn")  # the paper's picture host (data.CDN_BASE)
HEADERS_FILE = "_headers.json"  # per-file Content-Type; read by the server, never served
ROBOTS = "User-agent: *\nDisallow:\n"
UTF8_HTML = "text/html; charset=utf-8"


def content_type(article: DemoArticle) -> str:
    """Return the Content-Type header the server sends for the article's page."""
    if article.content_type == "lying":
        return UTF8_HTML  # a GBK page labelled UTF-8, as some real servers do
    if article.content_type == "bare":
        return "text/html"
    return f"text/html; charset={article.encoding}"


def render_site(data: DemoData) -> tuple[dict[str, bytes], dict[str, str]]:
    """Return the site's files as ``{path: bytes}`` and their Content-Types."""
    files: dict[str, bytes] = {}
    headers: dict[str, str] = {}

    def add(path: str, body: bytes, ctype: str) -> None:
        files[path] = body
        headers[path] = ctype

    add("index.html", render_home(data).encode("utf-8"), UTF8_HTML)
    add("robots.txt", ROBOTS.encode("ascii"), "text/plain; charset=utf-8")
    for path, body in STATIC_FILES.items():
        kind = "text/css" if path.endswith(".css") else "application/javascript"
        add(path, body.encode("utf-8"), f"{kind}; charset=utf-8")
    for section in data.sections:
        for path, html in render_section(data, section).items():
            add(path, html.encode("utf-8"), UTF8_HTML)
    for article in data.articles:
        add(article.path, render_article(article, data), content_type(article))
        for image in article.images:
            if not image.cdn:
                add(image.path, draw_png(image.path), "image/png")
    return files, headers


def render_cdn(data: DemoData) -> tuple[dict[str, bytes], dict[str, str]]:
    """Return the picture host's files as ``{path: bytes}`` and their Content-Types."""
    images = [image.path for article in data.articles for image in article.images if image.cdn]
    return {path: draw_png(path) for path in images}, {path: "image/png" for path in images}


def write_site(files: dict[str, bytes], headers: dict[str, str], out: Path) -> None:
    """Replace ``out`` with ``files`` plus the headers map; refuse a folder that is not a site."""
    if out.exists():
        if any(out.iterdir()) and not (out / HEADERS_FILE).is_file():
            raise FileExistsError(f"{out} is not empty and holds no {HEADERS_FILE}; not overwriting")
        shutil.rmtree(out)
    for path in sorted(files):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path])
    text = json.dumps(dict(sorted(headers.items())), ensure_ascii=False, indent=1) + "\n"
    (out / HEADERS_FILE).write_text(text, encoding="utf-8")


def build(out: Path = SITE_DIR, data_file: Path = DATA_FILE, cdn_out: Path | None = None) -> DemoData:
    """Build the demo site from ``data_file`` into ``out``, its picture host into ``cdn_out`` (default:
    ``cdn`` beside ``out``), and return the data used."""
    data = load_demo(data_file)
    files, headers = render_site(data)
    write_site(files, headers, Path(out))
    pictures, types = render_cdn(data)
    write_site(pictures, types, Path(cdn_out) if cdn_out is not None else Path(out).with_name(CDN_DIR.name))
    log.info("wrote %d files for %d articles to %s, and %d to its picture host", len(files),
             len(data.articles), out, len(pictures))
    return data


def main(argv: list[str] | None = None) -> int:
    """Build the site from the command line."""
    parser = argparse.ArgumentParser(prog="python -m newscrawl.demo.build", description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=SITE_DIR, help="output folder (default: the bundled site)")
    parser.add_argument("cdn_out", nargs="?", type=Path, default=None,
                        help="the picture host's folder (default: cdn beside OUT)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.out, cdn_out=args.cdn_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
