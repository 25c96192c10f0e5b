"""``newscrawl sites``: list the site profiles, one per line, each with its evidence and open points."""

from __future__ import annotations

import argparse

from newscrawl.cli.exits import CliError
from newscrawl.preflight import check_profile_dirs
from newscrawl.profiles import ProfileError, load_profiles

HEADER = ("SLUG", "NAME", "MODES", "STATE", "CHECKED", "FILE")


def add_parser(sub) -> None:
    """Add the ``sites`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "sites", help="list the site profiles",
        description="List every site profile (tab-separated, after a header row): slug, name, crawl modes, "
                    "verification state, the day its public evidence was read, file; then, indented, "
                    "the evidence it was checked against and what is still unconfirmed — what to look "
                    "at first with `newscrawl check SLUG --live`.",
    )
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the header row, then each profile's row and its evidence; return 0."""
    check_profile_dirs(args.profiles_dir)
    try:
        profiles = load_profiles(args.profiles_dir)
    except ProfileError as exc:
        raise CliError(f"bad site profile: {exc}") from exc
    print("\t".join(HEADER))
    for profile in profiles.values():
        for line in profile_lines(profile):
            print(line)
    return 0


def profile_lines(profile) -> list[str]:
    """Return a profile's row and its indented evidence and open-point lines."""
    record = profile.verification
    state = "verified" if profile.verified else "unverified"
    checked = record.checked.isoformat() if record else "-"
    lines = ["\t".join((profile.slug, profile.name, ",".join(profile.modes), state, checked, profile.path))]
    if record is None:
        return lines
    if record.live:
        lines.append(f"  live check passed\t{record.live.isoformat()}")
    lines += [f"  evidence\t{e.dated}\t{e.source}: {e.shows}" for e in record.evidence]
    lines += [f"  unconfirmed\t{point}" for point in record.unconfirmed]
    return lines
