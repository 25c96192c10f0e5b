"""``newscrawl extract FILE_OR_URL...``: run the extractor on saved pages or URLs."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lxml.html import defs

from newscrawl.cli.exits import EXIT_FAILED
from newscrawl.items import as_names
from newscrawl.modes.sniff import root_tag, sniff_kind
from newscrawl.preflight import check_profile_dirs
from newscrawl.settings_registry import SETTINGS
from newscrawl.spiders.arguments import ArgumentError, check_url, find_site, is_url

if TYPE_CHECKING:
    from newscrawl.extract import Extracted

#: What a page that is no article is, by the kind its content shows.
NOT_ARTICLES = {"feed": "an RSS/Atom/JSON feed", "sitemap": "a sitemap", "json": "JSON data"}
#: The largest file read: what a crawl reads of an article page at most.
MAX_BYTES = SETTINGS["NEWSCRAWL_ARTICLE_MAXSIZE"].default
HEAD_BYTES = 4096  # enough to see what a file is


def add_parser(sub) -> None:
    """Add the ``extract`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "extract", help="extract article fields from files or URLs",
        description="Extract title, published date, author, editor, source and paragraphs "
                    "from saved pages or URLs; one result per input, in order. Every input is "
                    "checked first: a file that is missing, a folder or no HTML page (a feed, a "
                    "sitemap, a text file) is one line and exit status 2, with nothing extracted. "
                    "A URL that serves no article page, or a page without article text, is "
                    "reported on stderr and makes the exit status 1.",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_URL",
                        help="a saved HTML page, or an http(s):// URL to fetch (repeatable)")
    parser.add_argument("--url", help="the page's original URL (for files; helps dates and links)")
    parser.add_argument("--site", metavar="SLUG", help="use this site profile's selectors and time zone")
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (for --site; repeatable)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per input (author and editor are always lists)")
    parser.set_defaults(run=run)


def to_json(fields: Extracted, source: str, url: str | None) -> dict:
    """Return the JSON object printed for one input; author and editor are lists."""
    published = fields.published
    return {
        "input": source, "url": url, "title": fields.title,
        "published": published.isoformat() if isinstance(published, (datetime, date)) else None,
        "author": as_names(fields.author), "editor": as_names(fields.editor), "source": fields.source,
        "paragraphs": fields.paragraphs,
        "pictures": [{"url": p.url, "position": p.position, "caption": p.caption, "alt": p.alt}
                     for p in fields.pictures],
    }


def _read(item: str) -> tuple[bytes, str | None, str | None]:
    """Return the page's bytes, the URL it was fetched from and its header's charset (None: a file)."""
    if is_url(item):
        request = urllib.request.Request(item, headers={"User-Agent": "newscrawl extract"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http(s) only)
            return response.read(MAX_BYTES + 1), response.geturl(), response.headers.get_content_charset()
    with open(item, "rb") as file:
        return file.read(MAX_BYTES + 1), None, None


def not_a_page(body: bytes) -> str | None:
    """Return what ``body`` is when it is no HTML page ("a sitemap", "binary data"…); None for a page."""
    kind = sniff_kind(body)
    if kind in NOT_ARTICLES:
        return f"{NOT_ARTICLES[kind]}, not an article page; to crawl its articles: newscrawl crawl URL"
    head = body[:HEAD_BYTES]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark
        head = head.decode("utf-16", "replace").encode("utf-8")
    if b"\0" in head:
        return "not an HTML page (binary data)"
    if len(body) > MAX_BYTES:
        return f"larger than {MAX_BYTES // 2**20} MB, what a crawl reads of an article page at most"
    tag = root_tag(head)
    if tag not in defs.tags:
        return "not an HTML page (it does not start with an HTML tag)"
    return None


def check_file(item: str) -> None:
    """Raise ArgumentError unless ``item`` is a readable file that holds an HTML page."""
    path = Path(item)
    if not path.exists():
        raise ArgumentError(f"{item}: does not exist; give a saved HTML page or an http(s):// URL")
    if path.is_dir():
        raise ArgumentError(f"{item}: is a folder; give a saved HTML page or an http(s):// URL")
    if not path.is_file():  # a pipe or device would block or never end
        raise ArgumentError(f"{item}: is not a regular file (a device, pipe or socket); give a saved HTML page")
    try:
        body = _read(item)[0]
    except OSError as exc:
        raise ArgumentError(f"{item}: cannot be read ({exc.strerror or exc}); give a file you can read") from exc
    problem = not_a_page(body)
    if problem:
        raise ArgumentError(f"{item}: {problem}; give a saved HTML page")


def run(args: argparse.Namespace) -> int:
    """Extract every input and print the results; return 1 if any input failed or was no article.

    Every file and URL is checked first: a missing file, a folder or one that is
    no HTML page is a usage error (one line, exit 2) and nothing is printed.
    """
    for url in [args.url, *args.inputs]:
        if url and is_url(url):
            check_url(url)
    check_profile_dirs(args.profiles_dir)
    profile = find_site(args.site, args.profiles_dir) if args.site else None
    for item in args.inputs:
        if not is_url(item):
            check_file(item)
    status = 0
    for item in args.inputs:
        try:
            body, fetched_url, charset = _read(item)
        except OSError as exc:
            print(f"newscrawl: error: {item}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        problem = not_a_page(body)
        if problem:
            print(f"newscrawl: error: {item}: {problem}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        url = args.url or fetched_url
        from newscrawl.extract import extract_article  # the readers load only for this command

        result = to_json(extract_article(body, url, profile, charset), item, url)
        print(json.dumps(result, ensure_ascii=False) if args.json else human(result))
        if not result["paragraphs"]:
            print(f"newscrawl: error: {item}: no article text found (an empty page, or an index "
                  "rather than an article)", file=sys.stderr)
            status = EXIT_FAILED
    return status


def human(result: dict) -> str:
    """Return one result as readable text: a field per line, then the paragraphs."""
    lines = [f"== {result['input']}"]
    for key in ("title", "published", "author", "editor", "source"):
        value = result[key]
        if isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{key}: {value or '(none)'}")
    lines.append("")
    paragraphs = result["paragraphs"]
    for index in range(len(paragraphs) + 1):
        for picture in result["pictures"]:
            if picture["position"] == index:
                caption = f" — {picture['caption']}" if picture["caption"] else ""
                lines.append(f"[picture {picture['url']}{caption}]")
        if index < len(paragraphs):
            lines.append(paragraphs[index])
    lines.append("")
    return "\n".join(lines)
