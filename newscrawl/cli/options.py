"""Options shared by the crawling commands, and turning them into settings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newscrawl.archive.paths import FORMATS
from newscrawl.cli.exits import CliError


def add_output_options(parser: argparse.ArgumentParser, default_out: str | None = None) -> None:
    """Add --out, --format, --base-url, --limit, --summary, -s and -v/-q to ``parser``."""
    parser.add_argument("--out", metavar="DIR", default=default_out,
                        help="archive folder to write (default: %(default)s)" if default_out
                        else "archive folder to write (default: the NEWSCRAWL_OUT setting, data/)")
    parser.add_argument("--format", choices=FORMATS, help="archive format (default: jekyll)")
    parser.add_argument("--base-url", metavar="URL",
                        help="public base URL of the archive site, used in back-links (e.g. //news.example.org)")
    parser.add_argument("--limit", metavar="N", type=_non_negative, help="stop after N articles")
    parser.add_argument("--summary", metavar="FILE",
                        help="write the run summary (created/updated/unchanged/dropped/failed) as JSON to FILE")
    parser.add_argument("--jsonl", metavar="FILE",
                        help="write the posts this run created or updated as JSON Lines to FILE")
    parser.add_argument("-s", "--set", metavar="NAME=VALUE", action="append", default=[], dest="settings",
                        help="set a Scrapy/newscrawl setting, as 'scrapy crawl -s' does (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request (INFO)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors, no progress line")


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} must not be negative")
    return number


def parse_setting_overrides(pairs: list[str]) -> dict[str, str]:
    """Return ``NAME=VALUE`` strings as a dict; raise CliError for a malformed one."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(f"-s {pair!r}: expected NAME=VALUE")
        out[name.strip()] = value
    return out


def settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Return the setting overrides the common options ask for."""
    overrides: dict[str, Any] = {}
    if args.out:
        overrides["NEWSCRAWL_OUT"] = str(Path(args.out))
    if args.format:
        overrides["NEWSCRAWL_FORMAT"] = args.format
    if args.base_url is not None:
        overrides["NEWSCRAWL_BASE_URL"] = args.base_url.rstrip("/")
    if getattr(args, "jsonl", None):
        overrides["NEWSCRAWL_JSONL"] = str(Path(args.jsonl))
    if args.limit:
        overrides["NEWSCRAWL_LIMIT"] = args.limit
    overrides["LOG_LEVEL"] = _log_level(args)
    if args.quiet:
        overrides["NEWSCRAWL_PROGRESS"] = False
    overrides.update(parse_setting_overrides(args.settings))
    return overrides


def _log_level(args: argparse.Namespace) -> str:
    """Return INFO for logs and pipes, WARNING when a progress line owns the terminal."""
    if args.quiet:
        return "ERROR"
    if args.verbose or not sys.stderr.isatty():
        return "INFO"
    return "WARNING"
