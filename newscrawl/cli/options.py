"""Options shared by the crawling commands, and turning them into checked settings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrapy.settings import Settings

from newscrawl.archive.paths import FORMATS
from newscrawl.cli.exits import CliError
from newscrawl.extensions.state import state_path
from newscrawl.mirrors import Mirrors
from newscrawl.preflight import check_output_file, check_run_settings, check_setting_values
from newscrawl.runner import project_settings

#: The option that sets each setting, for error messages; others are named ``-s NAME``.
OPTION_OF_SETTING = {
    "NEWSCRAWL_OUT": "--out", "NEWSCRAWL_FORMAT": "--format", "NEWSCRAWL_BASE_URL": "--base-url",
    "NEWSCRAWL_JSONL": "--jsonl", "NEWSCRAWL_PROFILE_DIRS": "--profiles-dir", "NEWSCRAWL_IMAGES": "--images",
    "NEWSCRAWL_RECHECK": "--recheck",
    "NEWSCRAWL_WARC": "--warc",
}


def add_output_options(parser: argparse.ArgumentParser, default_out: str | None = None) -> None:
    """Add --out, --format, --base-url, --limit, --summary, --jsonl, -s and -v/-q to ``parser``."""
    parser.add_argument("--out", metavar="DIR", default=default_out,
                        help="archive folder to write (default: %(default)s)" if default_out
                        else "archive folder to write (default: the NEWSCRAWL_OUT setting, data/)")
    parser.add_argument("--format", choices=FORMATS,
                        help="archive format: jekyll (_posts/, the default) or hugo (content/posts/)")
    parser.add_argument("--force-format", action="store_true",
                        help="write --format's posts even into an archive of the other generator")
    parser.add_argument("--base-url", metavar="URL",
                        help="public URL of the archive site: https://host/path, //host/path or /path; "
                             "used in back-links and the skeleton's baseurl")
    parser.add_argument("--limit", metavar="N", type=_non_negative,
                        help="stop after N articles (default 0: no limit)")
    parser.add_argument("--summary", metavar="FILE",
                        help="write the run summary (created/updated/unchanged/dropped/failed lists, "
                             "skipped_known and skipped_dropped counts, API records skipped by reason, "
                             "profile selectors that matched nothing) as JSON to FILE")
    parser.add_argument("--retry-dropped", action="store_true",
                        help="fetch again the articles earlier runs dropped (no date, not HTML, too "
                             "large …); otherwise they are left alone until their sitemap, feed or API "
                             "record says they changed")
    parser.add_argument("--jsonl", metavar="FILE",
                        help="write the posts this run created or updated as JSON Lines to FILE")
    parser.add_argument("--images", choices=("keep", "link", "none"),
                        help="pictures of posts: keep them in the archive (the default, unless a profile "
                             "says link), link the paper's, or leave them out")
    add_settings_option(parser)
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="log every request, Scrapy's start-up and stats, and network tracebacks")
    loud.add_argument("-q", "--quiet", action="store_true",
                      help="errors only: nothing at all when the run went well")


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    """Add the repeatable ``-s NAME=VALUE`` to ``parser``."""
    parser.add_argument("-s", "--set", metavar="NAME=VALUE", action="append", default=[], dest="settings",
                        help="set a Scrapy/newscrawl setting, as 'scrapy crawl -s' does (repeatable)")


def state_file(args: argparse.Namespace, out: Path) -> Path:
    """Return the state of archive ``out`` as the run's settings place it (-s NEWSCRAWL_STATE=…, else inside).

    Raises ArgumentError for a bad ``-s`` value or a state file that cannot be written.
    """
    given = parse_setting_overrides(args.settings)
    check_setting_values(given, project_settings())
    path = state_path(project_settings({**given, "NEWSCRAWL_OUT": str(out)}))
    if given.get("NEWSCRAWL_STATE"):
        check_output_file(path, "-s NEWSCRAWL_STATE")
    return path


def add_mirror_option(parser: argparse.ArgumentParser) -> None:
    """Add the repeatable --mirror PUBLIC=LOCAL to ``parser``."""
    parser.add_argument("--mirror", metavar="PUBLIC=LOCAL", action="append", default=[],
                        help="fetch URLs under the PUBLIC prefix from the LOCAL prefix instead; posts, "
                             "state and summary keep the public URLs (repeatable; e.g. "
                             "http://finews.zning.xyz/=http://127.0.0.1:8000/)")


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} must not be negative")
    return number


def positive(value: str) -> int:
    """Return ``value`` as a whole number of 1 or more; argparse reports anything else in one line."""
    number = _non_negative(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number}: give a whole number of 1 or more")
    return number


def parse_setting_overrides(pairs: list[str]) -> dict[str, str]:
    """Return ``NAME=VALUE`` strings as a dict; raise CliError for a malformed one."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(f"-s {pair!r}: expected NAME=VALUE, such as -s DOWNLOAD_DELAY=2")
        out[name.strip()] = value
    return out


def settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Return the setting overrides the common options ask for (-s values checked)."""
    overrides: dict[str, Any] = {}
    if args.out:
        overrides["NEWSCRAWL_OUT"] = str(Path(args.out))
    if args.format:
        overrides["NEWSCRAWL_FORMAT"] = args.format
    if args.force_format:
        overrides["NEWSCRAWL_FORCE_FORMAT"] = True
    if args.base_url is not None:
        overrides["NEWSCRAWL_BASE_URL"] = args.base_url.rstrip("/")
    if getattr(args, "jsonl", None):
        overrides["NEWSCRAWL_JSONL"] = str(Path(args.jsonl))
    if args.limit:
        overrides["NEWSCRAWL_LIMIT"] = args.limit
    if getattr(args, "retry_dropped", False):
        overrides["NEWSCRAWL_RETRY_DROPPED"] = True
    if getattr(args, "recheck", False):
        overrides["NEWSCRAWL_RECHECK"] = True
    if getattr(args, "exit_nothing_new", False):
        overrides["NEWSCRAWL_EXIT_NOTHING_NEW"] = True
    if getattr(args, "profiles_dir", None):
        overrides["NEWSCRAWL_PROFILE_DIRS"] = args.profiles_dir
    if getattr(args, "images", None):
        overrides["NEWSCRAWL_IMAGES"] = args.images
    if getattr(args, "warc", None):
        overrides["NEWSCRAWL_WARC"] = str(Path(args.warc))
    if getattr(args, "render", None):
        overrides["NEWSCRAWL_RENDER"] = args.render
    if getattr(args, "mirror", None):
        try:
            Mirrors.parse(args.mirror)
        except ValueError as exc:
            raise CliError(f"--mirror: {exc}") from exc
        overrides["NEWSCRAWL_MIRRORS"] = list(args.mirror)
    overrides.update(log_settings(args))
    given = parse_setting_overrides(args.settings)
    check_setting_values(given, project_settings())
    overrides.update(given)
    return overrides


def log_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Return the log settings: errors with -q, everything with -v, else warnings (one line each)."""
    if args.quiet:
        return {"LOG_LEVEL": "ERROR", "NEWSCRAWL_PROGRESS": False}
    if args.verbose:
        return {"LOG_LEVEL": "INFO", "NEWSCRAWL_LOG_REQUESTS": True, "NEWSCRAWL_LOG_TRACEBACKS": True}
    return {"LOG_LEVEL": "WARNING"}


def option_label(name: str) -> str:
    """Return the command-line option that sets setting ``name``."""
    return OPTION_OF_SETTING.get(name, f"-s {name}")


def checked_settings(args: argparse.Namespace, **defaults: Any) -> Settings:
    """Return the run's settings, every path, URL and value checked before anything is written.

    ``defaults`` apply unless the options or ``-s`` set them; raises ArgumentError.
    """
    overrides = settings_from_args(args)
    settings = project_settings({**defaults, **overrides, "NEWSCRAWL_LOCK": False})
    check_run_settings(settings, option_label, extra_files={"--summary": getattr(args, "summary", None)})
    return settings
