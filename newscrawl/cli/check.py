"""``newscrawl check SLUG [--live]``: validate a profile and try it on pages."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from newscrawl.check import live_check, saved_pages_dir
from newscrawl.cli.exits import EXIT_FAILED, EXIT_OK, CliError
from newscrawl.cli.options import add_mirror_option, positive
from newscrawl.items import as_names
from newscrawl.mirrors import Mirrors
from newscrawl.modes.savedpages import check_saved_pages, made_up
from newscrawl.preflight import check_profile_dirs
from newscrawl.spiders.arguments import check_url, find_site


def add_parser(sub) -> None:
    """Add the ``check`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "check", help="validate a profile and run it over its saved pages (or the live site)",
        description="Validate site profiles and run each over its saved pages (offline). With --live, "
                    "run the real crawl of each profile (its modes, robots.txt, throttling), stop after a "
                    "few articles, write nothing, and report field by field what came out empty or odd — "
                    "the quick way to verify or fix a profile.",
    )
    parser.add_argument("sites", nargs="+", metavar="SLUG",
                        help="profile slug to check, as 'newscrawl sites' lists them (repeatable)")
    parser.add_argument("--live", action="store_true", help="crawl the site itself, writing nothing")
    parser.add_argument("--limit", type=positive, default=3, metavar="N", help="articles to try live (default 3)")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="crawl live as for this day: its e-paper edition, its articles "
                             "(default: the profile's own recent days)")
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
        Mirrors.parse(args.mirror)
    except ValueError as exc:
        raise CliError(f"--mirror: {exc}") from exc
    profiles = [find_site(slug, args.profiles_dir) for slug in args.sites]
    # --live is the crawl itself, all profiles side by side; nothing is written
    reports = (live_check(profiles, limit=args.limit, day=day, mirrors=args.mirror, base_url=args.base_url)
               if args.live else [None] * len(profiles))
    status = EXIT_OK
    for profile, report in zip(profiles, reports):
        print(f"== {profile.slug} ({profile.name}) — {profile.path} — "
              f"{'verified' if profile.verified else 'not yet verified live'}")
        print(f"profile: valid; modes {', '.join(profile.modes)}; time zone {profile.timezone}")
        ok = _print_live(report) if report is not None else _print_saved(profile)
        _print_confirm(profile)
        print("OK" if ok else "PROBLEMS")
        status = status if ok else EXIT_FAILED
    return status


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--date: {value!r} is not a date like 2022-03-17") from None


def _print_saved(profile) -> bool:
    folder = saved_pages_dir(profile)
    if folder is None:
        print(f"saved pages: none (add pages/{profile.slug}/check.yaml to check this profile offline)")
        return False
    try:
        checks = check_saved_pages(profile, folder)
        invented = made_up(folder)
    except ValueError as exc:  # a manifest that cannot be read: the check fails, saying why
        print(f"  FAIL {exc}")
        return False
    if invented:
        print(f"saved pages, made up: {invented}")
    for check in checks:
        print(f"  {'ok  ' if check.ok else 'FAIL'} {check.kind:11} {check.file}")
        for problem in check.problems:
            print(f"       {problem}")
    return all(c.ok for c in checks)


def _print_confirm(profile) -> None:
    """Print the commands the profile's verification gives to confirm it by hand, if any."""
    commands = profile.verification.confirm if profile.verification is not None else ()
    if commands:
        print("to confirm by hand:")
        for command in commands:
            print(f"  $ {command}")


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
