"""``newscrawl archive reextract``: run today's extractor and pipelines over the pages kept in WARC files.

The run is a crawl whose downloader is the WARC files and whose articles are
the archive's own posts (``newscrawl.warc``): no request reaches the network,
every page goes through the extraction pool, the same item building and the
same pipelines as a live crawl, under the archive's lock. A post is rewritten
only when its bytes change; the run says, field by field, what changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newscrawl.archive.write import write_text_atomic
from newscrawl.cli.exits import EXIT_FAILED, EXIT_NOTHING_NEW, EXIT_OK, CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_output_options, checked_settings
from newscrawl.cli.report import finish
from newscrawl.cli.warc import replay_settings, warc_index
from newscrawl.extensions.state import state_path
from newscrawl.preflight import check_archive_folder
from newscrawl.runner import run_crawl
from newscrawl.spiders.arguments import ArgumentError, check_window, find_site, parse_day
from newscrawl.warc.changes import FieldChanges, report_lines


def add_reextract_parser(actions) -> None:
    """Add ``archive reextract`` to the archive command's ``actions``."""
    parser = actions.add_parser(
        "reextract", help="re-extract archived posts from the WARC files their pages were kept in",
        description="Run today's extractor and pipelines over the responses kept in WARC files (crawl --warc), "
                    "without one request: each post whose fields changed is rewritten, every other file is "
                    "left as it is, and the changes are counted per field. Give the options your crawls "
                    "use (--base-url, --format), since the posts are rendered with them.")
    add_output_options(parser, default_out="data")
    parser.add_argument("--warc", metavar="PATH", action="append", default=[], dest="warc_sources",
                        help="the WARC files: a folder, a file or a glob (repeatable; default: the "
                             "NEWSCRAWL_WARC setting)")
    parser.add_argument("--profile", metavar="SLUG", action="append", default=[],
                        help="only the posts of this profile (repeatable; default: every profile the files name)")
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    for name in ("date", "since", "until"):
        parser.add_argument(f"--{name}", metavar="YYYY-MM-DD",
                            help=f"only posts published {'on' if name == 'date' else name} this day"
                                 f"{'' if name == 'date' else ' (inclusive)'}")
    parser.set_defaults(run=run_reextract)


def run_reextract(args: argparse.Namespace) -> int:
    """Check everything, re-extract under the archive's lock, report per field; return the exit status."""
    out = Path(args.out)
    check_archive_folder(out)
    settings = checked_settings(args)
    if not state_path(settings).is_file():
        raise CliError(f"--out {out}: has no state ({state_path(settings)}); re-extraction updates the posts a "
                       "crawl recorded there")
    sources = args.warc_sources or ([settings.get("NEWSCRAWL_WARC")] if settings.get("NEWSCRAWL_WARC") else [])
    if not sources:
        raise CliError("--warc: give the WARC files the crawls kept (crawl --warc DIR), or set NEWSCRAWL_WARC")
    window = [parse_day(f"--{name}", getattr(args, name)) for name in ("date", "since", "until")]
    check_window(*window, dash="--")
    index = warc_index(sources, "--warc ")
    profiles = _profiles(args, index)
    replay_settings(settings, sources, reextract=True)
    selection = {k: getattr(args, k) for k in ("date", "since", "until") if getattr(args, k)}
    summary_file, args.summary = args.summary, None  # written below, with the changes per field
    with archive_lock(out):
        result = run_crawl(settings, profiles=profiles, warc_index=index, **selection)
    status = finish(result, args, str(out))
    changes = FieldChanges.of(result.crawler) if result.crawler is not None else None
    report = changes.report() if changes is not None else {}
    if not args.quiet:
        for line in [*report_lines(report), *(f"unreadable: {p}" for p in index.unreadable)]:
            print(f"newscrawl: {line}", file=sys.stderr)
    if summary_file:
        data = {**result.summary.to_dict(), "fields": report, "unreadable": list(index.unreadable),
                "left_out": _left_out(result.stats)}
        try:
            write_text_atomic(Path(summary_file), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            print(f"newscrawl: error: cannot write --summary {summary_file}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED if status in (EXIT_OK, EXIT_NOTHING_NEW) else status
    return status


def _profiles(args: argparse.Namespace, index) -> list:
    """Return the profiles to re-extract: --profile, else each profile the files' article records name."""
    slugs = args.profile or sorted({f["meta"].get("site") for f in index.article_requests()} - {None})
    if not slugs:
        raise CliError("--warc: the files keep no newscrawl article records to name their profiles; "
                       "give --profile SLUG")
    profiles, missing = [], []
    for slug in slugs:
        try:
            profiles.append(find_site(slug, args.profiles_dir))
        except ArgumentError:
            if args.profile:
                raise
            missing.append(slug)
    if missing and not args.quiet:
        print(f"newscrawl: no profile {', '.join(missing)} (give --profiles-dir): its posts are left as they are",
              file=sys.stderr)
    if not profiles:
        raise CliError(f"--warc: no profile the files name can be found ({', '.join(missing)}); "
                       "give --profiles-dir DIR")
    return profiles


def _left_out(stats: dict) -> dict[str, int]:
    """Return the stored pages left out of the run, by reason (from the stats)."""
    prefix = "newscrawl/warc_skipped/"
    return {key[len(prefix):]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}
