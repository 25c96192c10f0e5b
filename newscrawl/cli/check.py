"""``newscrawl check SLUG [--live]``: validate a profile and try it on pages."""

from __future__ import annotations

import argparse
import urllib.error
from datetime import date, datetime

from newscrawl.check import live_check, saved_pages_dir
from newscrawl.check.live import fetch_url
from newscrawl.cli.exits import EXIT_FAILED, EXIT_OK, CliError
from newscrawl.cli.options import add_mirror_option
from newscrawl.items import as_names
from newscrawl.mirrors import Mirrors, parse_mirror
from newscrawl.modes.savedpages import check_saved_pages
from newscrawl.preflight import check_profile_dirs
from newscrawl.spiders.arguments import check_url, find_site


def add_parser(sub) -> None:
    """Add the ``check`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "check", help="validate a profile and run it over its saved pages (or the live site)",
        description="Validate site profiles and run each over its saved pages (offline). With --live, "
                    "fetch a few pages of the real site and report, field by field, what came out "
                    "empty or odd — the quick way to verify or fix a profile.",
    )
    parser.add_argument("sites", nargs="+", metavar="SLUG",
                        help="profile slug to check, as 'newscrawl sites' lists them (repeatable)")
    parser.add_argument("--live", action="store_true", help="fetch pages from the site itself")
    parser.add_argument("--limit", type=int, default=3, metavar="N", help="articles to try live (default 3)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="e-paper edition to try live (default today)")
    parser.add_argument("--base-url", metavar="URL", help="fetch from this mirror instead of the profile's base_url")
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    add_mirror_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check each profile; print what was found; return 1 if any had a problem."""
    day = _day(args.date)
    if args.base_url:
        check_url(args.base_url)
    check_profile_dirs(args.profiles_dir)
    try:
        mirrors = Mirrors.parse(args.mirror)
    except ValueError as exc:
        raise CliError(f"--mirror: {exc}") from exc
    status = EXIT_OK
    for profile in [find_site(slug, args.profiles_dir) for slug in args.sites]:
        print(f"== {profile.slug} ({profile.name}) — {profile.path} — "
              f"{'verified' if profile.verified else 'not yet verified live'}")
        print(f"profile: valid; modes {', '.join(profile.modes)}; time zone {profile.timezone}")
        if args.live:
            ok = _print_live(live_check(profile, limit=args.limit, day=day,
                                        fetch=_mirrored_fetch(profile, mirrors, args.base_url)))
        else:
            ok = _print_saved(profile)
        print("OK" if ok else "PROBLEMS")
        status = status if ok else EXIT_FAILED
    return status


def _mirrored_fetch(profile, mirrors: Mirrors, base_url: str | None):
    """Return a fetch that reads public URLs from their mirrors (--base-url mirrors the base_url)."""
    if base_url and profile.base_url:
        try:
            mirrors = mirrors.plus([parse_mirror(f"{profile.base_url}={base_url}")])
        except ValueError as exc:
            raise CliError(f"--base-url: {base_url!r} is not an http(s) URL") from exc
    return lambda url: fetch_naming_url(mirrors.to_local(url))


def fetch_naming_url(url: str) -> bytes:
    """Return the body of ``url``; an OSError it raises names the URL (an HTTPError stays one)."""
    try:
        return fetch_url(url)
    except urllib.error.HTTPError as exc:
        raise urllib.error.HTTPError(url, exc.code, f"{exc.reason} ({url})", exc.headers, None) from exc
    except OSError as exc:
        raise OSError(f"{url}: {getattr(exc, 'reason', None) or exc}") from exc


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"date: {value!r} is not a date like 2022-03-17") from None


def _print_saved(profile) -> bool:
    folder = saved_pages_dir(profile)
    if folder is None:
        print(f"saved pages: none (add pages/{profile.slug}/check.yaml to check this profile offline)")
        return False
    checks = check_saved_pages(profile, folder)
    for check in checks:
        print(f"  {'ok  ' if check.ok else 'FAIL'} {check.kind:11} {check.file}")
        for problem in check.problems:
            print(f"       {problem}")
    return all(c.ok for c in checks)


def _print_live(report) -> bool:
    for line in report.entries:
        print(f"  {line}")
    for problem in report.problems:
        print(f"  PROBLEM {problem}")
    for article in report.articles:
        print(f"  article {article.url}")
        fields = article.fields
        if fields is not None:
            published = fields.published.isoformat() if isinstance(fields.published, (date, datetime)) else None
            for name, value in (("title", fields.title), ("published", published),
                                ("author", ", ".join(as_names(fields.author))),
                                ("editor", ", ".join(as_names(fields.editor))), ("source", fields.source),
                                ("paragraphs", f"{len(fields.paragraphs)} paragraphs, "
                                               f"{sum(map(len, fields.paragraphs))} characters")):
                print(f"    {name:10} {value if value not in (None, [], '') else '(empty)'}")
        for problem in article.problems:
            print(f"    PROBLEM {problem}")
    return report.ok
