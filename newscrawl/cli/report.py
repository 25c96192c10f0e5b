"""Print a finished run's closing lines, write --summary, and turn the run into an exit status."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from newscrawl.cli.exits import EXIT_FAILED, EXIT_NOTHING_NEW, EXIT_OK
from newscrawl.runner import CrawlResult


def finish(result: CrawlResult, args: argparse.Namespace, out: str) -> int:
    """Write --summary, print the closing lines to stderr (only a failure with -q); return the status."""
    summary = result.summary
    if getattr(args, "summary", None):
        summary.write(args.summary)
    if not getattr(args, "quiet", False):
        for line in closing_lines(result, args, out):
            print(line, file=sys.stderr)
    if result.failed:
        print(f"newscrawl: FAILED: {result.failure}", file=sys.stderr)
        return EXIT_FAILED
    if getattr(args, "exit_nothing_new", False) and not summary.has_changes():
        return EXIT_NOTHING_NEW
    return EXIT_OK


def closing_lines(result: CrawlResult, args: argparse.Namespace, out: str) -> list[str]:
    """Return the run's counts, and why fetched articles were left out of the date window."""
    counts = result.summary.counts()
    lines = [f"newscrawl: {out}: {counts['created']} created, {counts['updated']} updated, "
             f"{counts['unchanged']} unchanged, {counts['dropped']} dropped, {counts['failed']} failed; "
             f"{result.summary.skipped_known} already archived and skipped; "
             f"{result.stats.get('response_received_count', 0)} pages in {result.seconds:.1f} s"]
    outside = result.stats.get("newscrawl/articles_outside_window", 0)
    if outside:
        examples = ", ".join(f"{a['url']} (published {_day(a['published'])})"
                             for a in result.extra.get("outside_window", []))
        lines.append(f"newscrawl: {outside} article(s) fetched were outside {_window(args)} and not written: "
                     f"{examples}")
    return lines


def _day(published) -> str:
    if isinstance(published, datetime):
        return published.date().isoformat()
    return published.isoformat() if isinstance(published, date) else "on an unknown day"


def _window(args: argparse.Namespace) -> str:
    """Return the date options of the run as written (``--date 2024-05-20``)."""
    given = [f"--{name} {getattr(args, name)}" for name in ("date", "since", "until") if getattr(args, name, None)]
    return " ".join(given) or "the date window"
