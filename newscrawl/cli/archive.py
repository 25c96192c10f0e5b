"""``newscrawl archive init|prune|import``: manage an archive folder."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.archive import ensure_skeleton
from newscrawl.archive.paths import POSTS_DIRS
from newscrawl.cli.adopt import add_import_parser
from newscrawl.cli.exits import CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.state import StateStore, prune_archive
from newscrawl.state.store import default_state_path

def add_parser(sub) -> None:
    """Add the ``archive`` sub-command (with ``init``, ``prune`` and ``import``) to ``sub``."""
    parser = sub.add_parser("archive", help="create, prune or adopt an archive folder",
                            description="Create a site skeleton in an archive folder, prune old posts, "
                                        "or adopt an archive written without state.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="write a site skeleton that the generator builds as it is",
                              description="Write a Jekyll or Hugo site skeleton (config, layouts, index) "
                                          "into DIR; existing files are never overwritten.")
    init.add_argument("--out", metavar="DIR", default="data", help="archive folder (default: %(default)s)")
    init.add_argument("--format", choices=tuple(POSTS_DIRS), default="jekyll")
    init.add_argument("--timezone", default="Asia/Shanghai", help="site time zone (default: %(default)s)")
    init.add_argument("--title", default="newscrawl archive", help="site title")
    init.set_defaults(run=run_init)

    prune = actions.add_parser("prune", help="remove (or move) posts older than N days",
                               description="Remove posts whose date is more than N days back, or move "
                                           "them to another folder; the state remembers them so that "
                                           "later crawls do not fetch and write them again.")
    prune.add_argument("--out", metavar="DIR", default="data", help="archive folder (default: %(default)s)")
    prune.add_argument("--format", choices=tuple(POSTS_DIRS), default="jekyll")
    prune.add_argument("--keep-days", metavar="N", type=int, required=True, help="keep posts of the last N days")
    prune.add_argument("--move-to", metavar="DIR", help="move pruned posts here instead of deleting them")
    prune.set_defaults(run=run_prune)
    add_import_parser(actions)


def run_init(args: argparse.Namespace) -> int:
    """Write the skeleton and list the files written; return 0."""
    written = ensure_skeleton(Path(args.out), args.format, timezone=args.timezone, title=args.title)
    for path in written:
        print(f"created\t{path}")
    if not written:
        print(f"newscrawl: {args.out} already has a {args.format} site config; nothing written",
              file=sys.stderr)
    return 0


def run_prune(args: argparse.Namespace) -> int:
    """Prune old posts under the archive lock and list them; return 0."""
    out = Path(args.out)
    if args.keep_days < 0:
        raise CliError("--keep-days: must be 0 or more")
    if not out.is_dir():
        raise CliError(f"--out: {out} is not a folder")
    move_to = Path(args.move_to) if args.move_to else None
    with archive_lock(out), StateStore(default_state_path(out)) as store:
        try:
            pruned = prune_archive(out, args.keep_days, now=datetime.now(timezone.utc),
                                   move_to=move_to, store=store, posts_dir=POSTS_DIRS[args.format])
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    for path in pruned:
        print(f"{'moved' if move_to else 'removed'}\t{path.relative_to(out)}")
    print(f"newscrawl: pruned {len(pruned)} post(s) older than {args.keep_days} days from {out}",
          file=sys.stderr)
    return 0
