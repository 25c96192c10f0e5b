"""``newscrawl archive import``: adopt an archive written without state (the replaced system's)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newscrawl.adopt import adopt_archive
from newscrawl.archive.paths import POSTS_DIRS
from newscrawl.cli.exits import CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_settings_option, state_file
from newscrawl.preflight import check_archive_folder, check_profile_dirs
from newscrawl.spiders.arguments import find_site
from newscrawl.state import StateStore


def add_import_parser(actions) -> None:
    """Add ``import`` to the ``archive`` actions."""
    parser = actions.add_parser(
        "import", help="adopt the posts of an archive written without state (e.g. by the replaced system)",
        description="Record every post of the archive (its posts folder, the old_post/ retention folder "
                    "and any FOLDER given) in the archive's state, under the key, URL and fingerprint a "
                    "crawl of --site would give it, so that later crawls neither create nor rewrite "
                    "them. Posts outside the posts folder count as pruned. No post is modified.")
    parser.add_argument("folders", nargs="*", metavar="FOLDER",
                        help="more folders of retained posts to adopt (as pruned)")
    parser.add_argument("--out", metavar="DIR", default="data", help="archive folder (default: %(default)s)")
    parser.add_argument("--site", default="finews",
                        help="profile whose crawls will meet these posts again (default: %(default)s, "
                             "the replaced system's feed)")
    parser.add_argument("--format", choices=tuple(POSTS_DIRS), default="jekyll",
                        help="the archive's format: jekyll (_posts/, the default) or hugo (content/posts/)")
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    add_settings_option(parser)  # -s NEWSCRAWL_STATE=…: the state the crawls keep
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Adopt the archive's posts under its lock, list each one, and return 0."""

    out = Path(args.out)
    check_archive_folder(out)
    missing = [f for f in args.folders if not Path(f).is_dir()]
    if missing:
        raise CliError(f"{missing[0]} is not a folder; give folders of posts to adopt")
    check_profile_dirs(args.profiles_dir)
    profile = find_site(args.site, args.profiles_dir)
    state = state_file(args, out)
    with archive_lock(out), StateStore(state) as store:
        report = adopt_archive(out, profile, store, posts_dir=POSTS_DIRS[args.format],
                               folders=[Path(f) for f in args.folders])
    for path, key in report.adopted:
        print(f"adopted\t{path}\t{key}")
    for path, key in report.known:
        print(f"known\t{path}\t{key}")
    for path, reason in report.skipped:
        print(f"skipped\t{path}\t{reason}")
    print(f"newscrawl: {out}: adopted {len(report.adopted)} post(s) as {profile.slug}, "
          f"{len(report.known)} already known, {len(report.skipped)} could not be read",
          file=sys.stderr)
    return 0
