"""``newscrawl extract FILE_OR_URL...``: run the extractor on saved pages or URLs."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import date, datetime
from pathlib import Path

from newscrawl.cli.exits import EXIT_FAILED, CliError
from newscrawl.extract import Extracted, extract_article
from newscrawl.profiles import ProfileError, find_profile


def add_parser(sub) -> None:
    """Add the ``extract`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "extract", help="extract article fields from files or URLs",
        description="Extract title, published date, author, editor, source and paragraphs "
                    "from saved pages or URLs; one result per input, in order.",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
    parser.add_argument("--url", help="the page's original URL (for files; helps dates and links)")
    parser.add_argument("--site", metavar="SLUG", help="use this site profile's selectors and time zone")
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[])
    parser.add_argument("--json", action="store_true", help="print one JSON object per input")
    parser.set_defaults(run=run)


def to_json(fields: Extracted, source: str, url: str | None) -> dict:
    """Return the JSON object printed for one input."""
    published = fields.published
    return {
        "input": source, "url": url, "title": fields.title,
        "published": published.isoformat() if isinstance(published, (datetime, date)) else None,
        "author": fields.author, "editor": fields.editor, "source": fields.source,
        "paragraphs": fields.paragraphs,
    }


def _read(item: str) -> tuple[bytes, str | None]:
    if item.startswith(("http://", "https://")):
        request = urllib.request.Request(item, headers={"User-Agent": "newscrawl extract"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http(s) only)
            return response.read(), response.geturl()
    return Path(item).read_bytes(), None


def run(args: argparse.Namespace) -> int:
    """Extract every input and print the results; return 1 if any input failed."""
    profile = None
    if args.site:
        try:
            profile = find_profile(args.site, args.profiles_dir)
        except (KeyError, ProfileError) as exc:
            raise CliError(str(exc.args[0] if isinstance(exc, KeyError) else exc)) from exc
    status = 0
    for item in args.inputs:
        try:
            body, fetched_url = _read(item)
        except OSError as exc:
            print(f"newscrawl: error: {item}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        url = args.url or fetched_url
        fields = extract_article(body, url, profile)
        result = to_json(fields, item, url)
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(_human(result))
    return status


def _human(result: dict) -> str:
    lines = [f"== {result['input']}"]
    for key in ("title", "published", "author", "editor", "source"):
        lines.append(f"{key}: {result[key]}")
    lines += ["", *result["paragraphs"], ""]
    return "\n".join(lines)
