"""``newscrawl archive init|prune|import|reextract``: manage an archive folder."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.adopt import original_url
from newscrawl.archive import ensure_skeleton
from newscrawl.archive.paths import POSTS_DIRS
from newscrawl.archive.pictures import IMAGES_DIRS
from newscrawl.cli.adopt import add_import_parser
from newscrawl.cli.exits import CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_settings_option, state_file
from newscrawl.cli.reextract import add_reextract_parser
from newscrawl.preflight import (
    archive_formats,
    check_archive_folder,
    check_base_url,
    check_format_switch,
    check_out_folder,
)
from newscrawl.state import StateStore, prune_archive

#: Folders Jekyll reads although their names start with "_" (others with "_" or "." it skips).
JEKYLL_FOLDERS = {"_posts", "_drafts", "_layouts", "_includes", "_data", "_sass", "_site"}
#: Top folders of a Hugo site whose files Hugo reads or publishes (it reads no others).
HUGO_FOLDERS = {"content", "public", "static", "assets", "layouts", "themes", "data", "i18n", "archetypes",
                "resources"}
FORMAT_HELP = "archive format: jekyll (_posts/) or hugo (content/posts/); default: the archive's own, else jekyll"


def add_parser(sub) -> None:
    """Add the ``archive`` sub-command (with ``init``, ``prune``, ``import`` and ``reextract``) to ``sub``."""
    parser = sub.add_parser("archive", help="create, prune, adopt or re-extract an archive folder",
                            description="Create a site skeleton in an archive folder, prune old posts, "
                                        "adopt an archive written without state, or re-extract its posts "
                                        "from the WARC files its crawls kept.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, help="one of:")

    init = actions.add_parser("init", help="write a site skeleton that the generator builds as it is",
                              description="Write a Jekyll or Hugo site skeleton (config, layouts, index) "
                                          "into DIR; existing files are never overwritten.")
    init.add_argument("--out", metavar="DIR", default="data", help="archive folder (default: %(default)s)")
    init.add_argument("--format", choices=tuple(POSTS_DIRS), help=FORMAT_HELP)
    init.add_argument("--force-format", action="store_true",
                      help="write the skeleton even beside the other generator's site")
    init.add_argument("--timezone", default="Asia/Shanghai", help="site time zone (default: %(default)s)")
    init.add_argument("--title", default="newscrawl archive", help="site title")
    init.add_argument("--base-url", metavar="URL",
                      help="public URL of the site (https://host/path, //host/path or /path): its path "
                           "becomes the config's baseurl")
    init.set_defaults(run=run_init)

    prune = actions.add_parser("prune", help="remove (or move) posts older than N days",
                               description="Remove posts whose date is more than N days back, or move "
                                           "them to another folder; the state remembers them so that "
                                           "later crawls do not fetch and write them again. Then the "
                                           "pictures no remaining post shows go the same way.")
    prune.add_argument("--out", metavar="DIR", default="data", help="archive folder (default: %(default)s)")
    prune.add_argument("--format", choices=tuple(POSTS_DIRS), help=FORMAT_HELP)
    prune.add_argument("--keep-days", metavar="N", type=int, required=True, help="keep posts of the last N days")
    prune.add_argument("--move-to", metavar="DIR",
                       help="move pruned posts here instead of deleting them; a relative DIR is inside "
                            "--out, and must be a folder the generator does not publish (e.g. _pruned)")
    add_settings_option(prune)  # -s NEWSCRAWL_STATE=…: the state the crawls keep
    prune.set_defaults(run=run_prune)
    add_import_parser(actions)
    add_reextract_parser(actions)


def archive_format(out: Path, asked: str | None) -> str:
    """Return the format asked for, else the one the archive holds, else jekyll."""
    if asked:
        return asked
    present = archive_formats(out)
    return sorted(present)[0] if len(present) == 1 else "jekyll"


def run_init(args: argparse.Namespace) -> int:
    """Write the skeleton and list the files written; return 0."""
    out = Path(args.out)
    check_out_folder(out)
    fmt = archive_format(out, args.format)
    check_format_switch(out, fmt, args.force_format)
    if args.base_url:
        check_base_url(args.base_url)
    try:
        written = ensure_skeleton(out, fmt, timezone=args.timezone, title=args.title,
                                  base_url=args.base_url or "")
    except ValueError as exc:  # an unknown time zone
        raise CliError(f"--timezone: {exc}; give an IANA name such as Asia/Shanghai") from exc
    for path in written:
        print(f"created\t{path}")
    if not written:
        print(f"newscrawl: {args.out} already has a {fmt} site config; nothing written", file=sys.stderr)
    return 0


def move_target(out: Path, move_to: str, fmt: str) -> Path:
    """Return where pruned posts go: ``move_to``, relative to ``out`` unless absolute.

    Raises CliError when that folder is one the generator reads or publishes,
    and ArgumentError when it cannot be written.
    """
    target = out / move_to
    check_out_folder(target, "--move-to")
    if not target.resolve().is_relative_to(out.resolve()):
        return target
    inside = target.resolve().relative_to(out.resolve()).parts
    if not inside or _generator_reads(inside[0], fmt):
        example = "_pruned" if fmt == "jekyll" else "pruned"
        raise CliError(f"--move-to {move_to}: {target} is inside what {fmt} builds from {out}; "
                       f"give a folder like {example} (relative to --out) or a path outside the archive")
    return target


def _generator_reads(top: str, fmt: str) -> bool:
    """Return True when the generator reads or publishes the archive's top folder ``top``."""
    if fmt == "hugo":
        return top in HUGO_FOLDERS
    return top in JEKYLL_FOLDERS or not top.startswith(("_", "."))


def run_prune(args: argparse.Namespace) -> int:
    """Prune old posts under the archive lock and list them; return 0."""
    out = Path(args.out)
    if args.keep_days < 0:
        raise CliError("--keep-days: must be 0 or more")
    check_archive_folder(out)
    fmt = archive_format(out, args.format)
    move_to = move_target(out, args.move_to, fmt) if args.move_to else None
    state = state_file(args, out)
    with archive_lock(out), StateStore(state) as store:
        try:
            pruned = prune_archive(out, args.keep_days, now=datetime.now(timezone.utc),
                                   move_to=move_to, store=store, posts_dir=POSTS_DIRS[fmt],
                                   original_url=original_url, images_dir=IMAGES_DIRS[fmt])
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    for path in pruned:
        print(f"{'moved' if move_to else 'removed'}\t{path.relative_to(out)}")
    pictures = sum(1 for path in pruned if path.is_relative_to(out / IMAGES_DIRS[fmt]))
    print(f"newscrawl: pruned {len(pruned) - pictures} post(s) older than {args.keep_days} days and "
          f"{pictures} picture(s) no post shows from {out}", file=sys.stderr)
    return 0
