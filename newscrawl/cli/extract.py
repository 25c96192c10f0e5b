"""``newscrawl extract FILE_OR_URL...``: run the extractor on saved pages or URLs."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import date, datetime
from pathlib import Path

from newscrawl.cli.exits import EXIT_FAILED
from newscrawl.extract import Extracted, extract_article
from newscrawl.items import as_names
from newscrawl.modes.sniff import sniff_kind
from newscrawl.preflight import check_profile_dirs
from newscrawl.spiders.arguments import check_url, find_site, is_url

#: What a page that is no article is, by the kind its content shows.
NOT_ARTICLES = {"feed": "an RSS/Atom/JSON feed", "sitemap": "a sitemap", "json": "JSON data"}


def add_parser(sub) -> None:
    """Add the ``extract`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "extract", help="extract article fields from files or URLs",
        description="Extract title, published date, author, editor, source and paragraphs "
                    "from saved pages or URLs; one result per input, in order. An input that is "
                    "no article page (a feed, a sitemap, a page without text) is reported on "
                    "stderr and makes the exit status 1.",
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
    }


def _read(item: str) -> tuple[bytes, str | None]:
    if is_url(item):
        request = urllib.request.Request(item, headers={"User-Agent": "newscrawl extract"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http(s) only)
            return response.read(), response.geturl()
    return Path(item).read_bytes(), None


def run(args: argparse.Namespace) -> int:
    """Extract every input and print the results; return 1 if any input failed or was no article."""
    for url in [args.url, *args.inputs]:
        if url and is_url(url):
            check_url(url)
    check_profile_dirs(args.profiles_dir)
    profile = find_site(args.site, args.profiles_dir) if args.site else None
    status = 0
    for item in args.inputs:
        try:
            body, fetched_url = _read(item)
        except OSError as exc:
            print(f"newscrawl: error: {item}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        kind = sniff_kind(body)
        if kind in NOT_ARTICLES:
            print(f"newscrawl: error: {item}: {NOT_ARTICLES[kind]}, not an article page; "
                  "to crawl its articles: newscrawl crawl URL", file=sys.stderr)
            status = EXIT_FAILED
            continue
        url = args.url or fetched_url
        result = to_json(extract_article(body, url, profile), item, url)
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
    lines += ["", *result["paragraphs"], ""]
    return "\n".join(lines)
