"""``newscrawl demo``: serve the bundled demo newspaper locally and crawl it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newscrawl.archive.paths import POSTS_DIRS
from newscrawl.cli.crawl import add_selection_options, selection_args
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_output_options, checked_settings
from newscrawl.cli.report import finish
from newscrawl.demo.build import CDN_DIR
from newscrawl.demo.data import CDN_BASE
from newscrawl.profiles import load_profile
from newscrawl.runner import run_crawl

DEMO_PROFILE = Path(__file__).resolve().parents[1] / "profiles" / "sites" / "demo.yaml"


def add_parser(sub) -> None:
    """Add the ``demo`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "demo", help="crawl the bundled demo newspaper (no network needed)",
        description="Serve the bundled demo newspaper on 127.0.0.1 (a free port), crawl it "
                    "into the archive folder, stop the server and say what was written.",
    )
    add_output_options(parser, default_out="data")
    add_selection_options(parser)
    parser.add_argument("--exit-nothing-new", action="store_true",
                        help="exit with status 4 when no post was created or updated")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check everything, then serve, crawl and report; return the exit status."""
    from newscrawl.demo.server import serve

    profile = load_profile(DEMO_PROFILE)
    # A local server needs no politeness delay, and robots.txt is ours.
    settings = checked_settings(args, AUTOTHROTTLE_ENABLED=False)
    selection = selection_args(args, [profile])
    out = settings.get("NEWSCRAWL_OUT")
    # The paper's picture host serves only requests whose Referer is a page of the paper.
    with archive_lock(Path(out)), serve() as server, serve(CDN_DIR, referers=(profile.base_url,)) as cdn:
        if not args.quiet:
            print(f"newscrawl: demo newspaper {profile.name} served at {server.base_url}, its pictures' "
                  f"host {CDN_BASE} at {cdn.base_url}", file=sys.stderr)
        settings.set("NEWSCRAWL_MIRRORS", [*settings.getlist("NEWSCRAWL_MIRRORS"), f"{CDN_BASE}={cdn.base_url}"],
                     priority="cmdline")
        result = run_crawl(settings, profiles=[profile], base_url=server.base_url, **selection)
    status = finish(result, args, out)
    fmt = settings.get("NEWSCRAWL_FORMAT")
    posts = list(post_path_root(Path(out), fmt).glob("*.md"))
    builder = "hugo" if fmt == "hugo" else "jekyll build"
    if not args.quiet:
        print(f"newscrawl: the archive holds {len(posts)} posts under {Path(out).resolve()}; "
              f"build it with: cd {out} && {builder}", file=sys.stderr)
    return status


def post_path_root(out: Path, fmt: str) -> Path:
    """Return the folder that holds the posts of an archive in format ``fmt``."""
    return out / POSTS_DIRS[fmt]
