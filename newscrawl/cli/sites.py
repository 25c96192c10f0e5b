"""``newscrawl sites``: list the site profiles, one per line."""

from __future__ import annotations

import argparse

from newscrawl.cli.exits import CliError
from newscrawl.preflight import check_profile_dirs
from newscrawl.profiles import ProfileError, load_profiles

HEADER = ("SLUG", "NAME", "MODES", "VERIFIED", "FILE")


def add_parser(sub) -> None:
    """Add the ``sites`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "sites", help="list the site profiles",
        description="List every site profile: slug, name, crawl modes, verification state, file.",
    )
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print a header row, then one tab-separated row per profile; return 0."""
    check_profile_dirs(args.profiles_dir)
    try:
        profiles = load_profiles(args.profiles_dir)
    except ProfileError as exc:
        raise CliError(f"bad site profile: {exc}") from exc
    print("\t".join(HEADER))
    for profile in profiles.values():
        state = "verified" if profile.verified else "unverified"
        print(f"{profile.slug}\t{profile.name}\t{','.join(profile.modes)}\t{state}\t{profile.path}")
    return 0
